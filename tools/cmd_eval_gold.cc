// `dyad eval gold [FILE...]`: the real-news gold (testdata/real-news/*.jsonl, PROTOCOL.md in
// ../shared/eval/real-news): each gold article is read from ../shared/news, coded, and its
// events are scored against the hand-coded lead sentences (src/code/gold_eval.h).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "dyad/coder.h"
#include "src/code/gold_eval.h"
#include "tools/command.h"
#include "tools/gold_args.h"

namespace dyad::cli {
namespace {

struct EvalGoldFlags {
  std::vector<std::string> files;
  std::string split = "all";
  std::string news_dir;
  bool show = false;
  bool stages = false;
  bool no_roots = false;
  bool use_proposer = false;
  std::string proposer;
  int jobs = 1;
};

int RunEvalGold(const EvalGoldFlags& f) {
  GoldInput in;
  if (int rc = LoadGoldInput(f.files, f.split, f.news_dir, &in); rc != kExitOk) return rc;
  const std::vector<GoldArticle>* articles = &in.articles;
  CoderOptions o;
  o.detect_language = false;
  o.use_proposer = f.use_proposer || !f.proposer.empty();
  o.proposer_path = f.proposer;
  auto coder = Coder::Create(o);
  if (!coder.ok()) return Fail(coder.status());
  auto coded = CodeGoldArticles(**coder, *articles, {}, f.jobs);
  if (!coded.ok()) return Fail(coded.status());
  // For the diagnostics, the actor mentions tell a miss whose actors went unrecognised from
  // one whose predicate did. They come from a second pass: collecting them parses sentences
  // the coder would skip, which may change what later sentences remember, and the scored
  // events must be the coder's own.
  std::vector<CodedArticle> mentions;
  if (f.stages || f.show) {
    CoderOptions mo = o;
    mo.collect_candidates = true;
    auto mc = Coder::Create(mo);
    if (!mc.ok()) return Fail(mc.status());
    auto m = CodeGoldArticles(**mc, *articles, {}, f.jobs);
    if (!m.ok()) return Fail(m.status());
    mentions = std::move(*m);
  }
  GoldScorer scorer(&(*coder)->ontology());
  size_t sentences = 0;
  for (size_t i = 0; i < articles->size(); ++i) {
    scorer.AddArticle((*articles)[i], (*coded)[i].events,
                      mentions.empty() ? nullptr : &mentions[i].candidates);
    sentences += (*articles)[i].sentences.size();
  }
  std::cout << articles->size() << " articles, " << sentences << " gold sentences from "
            << in.files.size() << " file(s)\n";
  GoldReportOptions ro;
  ro.by_root = !f.no_roots;
  ro.stages = f.stages;
  ro.show_errors = f.show;
  std::cout << scorer.Report(ro);
  return kExitOk;
}

CommandRegistrar reg(
    "eval gold", "Score the coder on the real-news gold (P/R/F1 at root + actor blocks)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<EvalGoldFlags>();
      app->add_option("files", f->files, "Gold JSON Lines files (default: testdata/real-news/*.jsonl)");
      app->add_option("--split", f->split, "dev, test or all (default: all)");
      app->add_option("--news", f->news_dir, "Directory of the news corpora (default: ../shared/news)");
      app->add_flag("--show", f->show, "List misses and false positives (dev split only: never tune on test)");
      app->add_flag("--stage", f->stages, "Stage diagnostics: predicates, actors, argument attachment");
      app->add_flag("--no-roots", f->no_roots, "Leave out the per-root table");
      app->add_flag("--use-proposer", f->use_proposer, "Add the learned proposer's events (data/models/proposer.bin)");
      app->add_option("--proposer", f->proposer, "Add the events of this proposer model");
      app->add_option("-j,--jobs", f->jobs, "Articles coded in parallel (default: 1)");
      return [f] { return RunEvalGold(*f); };
    });

}  // namespace
}  // namespace dyad::cli
