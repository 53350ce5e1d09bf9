// `dyad eval gold [FILE...]`: the real-news gold (testdata/real-news/*.jsonl, PROTOCOL.md in
// ../shared/eval/real-news): each gold article is read from ../shared/news, coded, and its
// events are scored against the hand-coded lead sentences (src/code/gold_eval.h).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "dyad/coder.h"
#include "src/code/gold_eval.h"
#include "src/util/parallel.h"
#include "src/util/paths.h"
#include "tools/command.h"

namespace dyad::cli {
namespace {

struct EvalGoldFlags {
  std::vector<std::string> files;
  std::string split = "all";
  std::string news_dir;
  bool show = false;
  bool stages = false;
  bool no_roots = false;
  int jobs = 1;
};

std::vector<std::string> DefaultGoldFiles() {
  std::vector<std::string> out;
  std::filesystem::path dir = std::filesystem::path(DataDir()) / ".." / "testdata" / "real-news";
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".jsonl") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int RunEvalGold(const EvalGoldFlags& f) {
  std::vector<std::string> files = f.files.empty() ? DefaultGoldFiles() : f.files;
  if (files.empty()) {
    std::cerr << "dyad: no gold file given and testdata/real-news has none\n";
    return kExitUsage;
  }
  if (f.split != "all" && f.split != "dev" && f.split != "test") {
    std::cerr << "dyad: --split must be dev, test or all\n";
    return kExitUsage;
  }
  std::string news = f.news_dir;
  if (news.empty()) {
    auto p = SharedPath("news");
    if (!p) {
      std::cerr << "dyad: ../shared/news is absent (the gold stores offsets, not text); give --news DIR\n";
      return kExitFailure;
    }
    news = *p;
  }
  std::vector<std::string> problems;
  auto gold = ReadGoldFiles(files, &problems);
  if (!gold.ok()) {
    std::cerr << "dyad: " << gold.status().ToString() << "\n";
    return kExitFailure;
  }
  if (f.split != "all") {
    std::erase_if(*gold, [&](const GoldSentence& g) { return g.split != f.split; });
  }
  auto articles = LoadGoldArticles(*gold, news, &problems);
  for (const std::string& p : problems) std::cerr << "dyad: " << p << "\n";
  if (!articles.ok()) {
    std::cerr << "dyad: " << articles.status().ToString() << "\n";
    return kExitFailure;
  }
  CoderOptions o;
  o.detect_language = false;
  auto coder = Coder::Create(o);
  if (!coder.ok()) {
    std::cerr << "dyad: " << coder.status().ToString() << "\n";
    return kExitFailure;
  }
  std::vector<std::vector<Event>> coded(articles->size());
  size_t next = 0;
  Status st = OrderedParallelMap<size_t, std::vector<Event>>(
      std::max(1, f.jobs),
      [&](size_t* i) -> Result<bool> {
        *i = next++;
        return *i < articles->size();
      },
      [&](const size_t& i) {
        const GoldArticle& ga = (*articles)[i];
        Article a;
        a.id = ga.corpus + ":" + ga.key;
        a.date = ga.date;
        a.title = ga.title;
        a.url = ga.url;
        // Only the text up to the last gold sentence matters (the coder reads forward).
        uint32_t last = 0;
        for (auto [b, e] : ga.byte_spans) last = std::max(last, e);
        a.text = ga.text.substr(0, last);
        return (*coder)->Code(a).events;
      },
      [&](size_t& i, std::vector<Event>& events) {
        coded[i] = std::move(events);
        return Status::OK();
      });
  if (!st.ok()) {
    std::cerr << "dyad: " << st.ToString() << "\n";
    return kExitFailure;
  }
  GoldScorer scorer(&(*coder)->ontology());
  size_t sentences = 0;
  for (size_t i = 0; i < articles->size(); ++i) {
    scorer.AddArticle((*articles)[i], coded[i]);
    sentences += (*articles)[i].sentences.size();
  }
  std::cout << articles->size() << " articles, " << sentences << " gold sentences from "
            << files.size() << " file(s)\n";
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
      app->add_option("-j,--jobs", f->jobs, "Articles coded in parallel (default: 1)");
      return [f] { return RunEvalGold(*f); };
    });

}  // namespace
}  // namespace dyad::cli
