// `dyad train proposer`: trains the learned event proposer (src/code/proposer.h) on the dev
// split of the real-news gold, and only on it (the test split is for reporting). The
// margin threshold is chosen by k-fold cross-validation over dev articles, scoring each
// held-out fold with the real scorer (`dyad eval gold`); the final model is trained on all
// of dev and written atomically.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <unistd.h>

#include "dyad/coder.h"
#include "dyad/ontology.h"
#include "src/code/gold_eval.h"
#include "src/code/proposer.h"
#include "src/util/paths.h"
#include "tools/command.h"
#include "tools/gold_args.h"

namespace dyad::cli {
namespace {

struct TrainProposerFlags {
  std::vector<std::string> files;
  std::string news_dir;
  std::string out;
  int epochs = 10;
  int folds = 5;
  std::vector<float> thresholds = {-8, -4, -2, 0, 2, 4};
  float threshold = std::numeric_limits<float>::quiet_NaN();
  uint64_t seed = 1;
  int jobs = 1;
  int anchors = 0;
};

// One candidate with its label, and the article it came from.
struct Example {
  size_t article;
  std::vector<uint64_t> features;
  int label;
  std::string code;
  std::string path;
};

// Labels each uncovered candidate of `coded` with the gold root of an event between the same
// actor blocks in the same sentence (0 when the gold has none).
void Label(const GoldArticle& ga, const CodedArticle& coded, size_t index, const Ontology& onto,
           std::vector<Example>* out, int* positives) {
  for (const EventCandidate& c : coded.candidates) {
    if (c.covered) continue;
    const GoldSentence* g = nullptr;
    for (size_t k = 0; k < ga.sentences.size(); ++k) {
      if (c.sentence_begin >= ga.byte_spans[k].first && c.sentence_begin < ga.byte_spans[k].second) {
        g = ga.sentences[k];
      }
    }
    if (g == nullptr) continue;  // not a gold sentence: no label
    const std::string sb = GoldBlock(&onto, c.source), tb = GoldBlock(&onto, c.target);
    int label = 0;
    std::string code;
    for (const GoldEvent& ge : g->events) {
      if (!ge.Counted() || GoldBlock(&onto, ge.source) != sb || GoldBlock(&onto, ge.target) != tb) continue;
      label = ProposerClass(ge.code);
      code = ge.code;
      if (label > 0) break;
    }
    *positives += label > 0;
    out->push_back({index, c.features, label, code, c.path});
  }
}

std::unique_ptr<EventProposer> TrainOn(const std::vector<Example>& ex, int skip_fold, int folds,
                                       const TrainProposerFlags& f, float threshold,
                                       const std::string& provenance) {
  ProposerTrainer t;
  for (const Example& e : ex) {
    if (skip_fold >= 0 && static_cast<int>(e.article % folds) == skip_fold) continue;
    t.Add(e.features, e.label, e.code);
  }
  return t.Train(f.epochs, f.seed, threshold, provenance);
}

Status WriteModel(const EventProposer& p, const std::string& path) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError("cannot write " + tmp);
    DYAD_RETURN_IF_ERROR(p.Save(out));
    out.close();
    if (!out) return Status::IOError("cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IOError("cannot rename " + tmp + " to " + path + ": " + ec.message());
  return Status::OK();
}

// Where the patterns miss: the `n` commonest dependency paths of the uncoded gold pairs,
// with the gold roots and the candidates on the same path without a gold event.
void PrintAnchors(const std::vector<Example>& ex, int n) {
  std::map<std::string, std::map<std::string, int>> roots;
  std::map<std::string, int> pos, neg;
  for (const Example& e : ex) {
    (e.label > 0 ? pos : neg)[e.path]++;
    if (e.label > 0) roots[e.path][ProposerRoot(e.label)]++;
  }
  std::vector<std::pair<int, std::string>> order;
  for (const auto& [p, k] : pos) order.push_back({-k, p});
  std::sort(order.begin(), order.end());
  std::printf("%6s %6s  %-40s %s\n", "gold", "other", "path", "gold roots");
  for (size_t k = 0; k < order.size() && static_cast<int>(k) < n; ++k) {
    const std::string& p = order[k].second;
    std::string r;
    for (const auto& [root, c] : roots[p]) r += root + ":" + std::to_string(c) + " ";
    std::printf("%6d %6d  %-40s %s\n", -order[k].first, neg[p], p.c_str(), r.c_str());
  }
}

// Candidate level, held out: how often a gold pair gets an event and the right root.
void PrintHeldOutCandidates(const std::vector<Example>& ex, const TrainProposerFlags& f) {
  int pos = 0, fired_pos = 0, right = 0, fired_neg = 0, neg = 0;
  for (int k = 0; k < f.folds; ++k) {
    auto model = TrainOn(ex, k, f.folds, f, 0.0f, "cv fold");
    for (const Example& e : ex) {
      if (static_cast<int>(e.article % f.folds) != k) continue;
      ProposerGuess g = model->Guess(e.features);
      bool fired = g.cls > 0 && g.margin >= 0;
      if (e.label > 0) {
        ++pos;
        fired_pos += fired;
        right += fired && g.cls == e.label;
      } else {
        ++neg;
        fired_neg += fired;
      }
    }
  }
  std::printf("candidates, held out: %d gold pairs, %d proposed (%d with the right root); "
              "%d of %d other pairs proposed\n", pos, fired_pos, right, fired_neg, neg);
}

// k-fold cross-validation over dev articles: each fold's held-out articles are coded with a
// model that never saw them, at every margin of f.thresholds, and scored as `dyad eval gold`
// scores. Prints the table; sets *threshold to the margin of the best F1 and returns its line
// for the model's provenance.
Result<std::string> CrossValidate(const GoldInput& in, const std::vector<Example>& ex,
                                  const Ontology& ontology, const TrainProposerFlags& f,
                                  float* threshold) {
  std::map<float, GoldScorer> by_t;
  GoldScorer rules(&ontology);
  const std::string tmp = std::filesystem::temp_directory_path() /
                          ("dyad-proposer-cv-" + std::to_string(::getpid()));
  for (int k = 0; k < f.folds; ++k) {
    std::vector<size_t> held;
    for (size_t i = 0; i < in.articles.size(); ++i) {
      if (static_cast<int>(i % f.folds) == k) held.push_back(i);
    }
    DYAD_RETURN_IF_ERROR(WriteModel(*TrainOn(ex, k, f.folds, f, 0.0f, "cv fold"), tmp));
    for (int pass = -1; pass < static_cast<int>(f.thresholds.size()); ++pass) {
      CoderOptions co;
      co.detect_language = false;
      co.use_proposer = pass >= 0;
      co.proposer_path = tmp;
      if (pass >= 0) co.proposer_threshold = f.thresholds[pass];
      DYAD_ASSIGN_OR_RETURN(auto coder, Coder::Create(co));
      DYAD_ASSIGN_OR_RETURN(auto out, CodeGoldArticles(*coder, in.articles, held, f.jobs));
      GoldScorer& sc =
          pass < 0 ? rules : by_t.try_emplace(f.thresholds[pass], &ontology).first->second;
      for (size_t j = 0; j < held.size(); ++j) sc.AddArticle(in.articles[held[j]], out[j].events);
    }
  }
  std::filesystem::remove(tmp);
  const GoldCounts base = rules.Totals("dev");
  std::printf("%d-fold cross-validation on dev (held-out articles, `dyad eval gold` scoring)\n",
              f.folds);
  std::printf("%-12s %6s %6s %6s %7s %7s %7s\n", "threshold", "tp", "fp", "fn", "P", "R", "F1");
  std::printf("%-12s %6d %6d %6d %7.1f %7.1f %7.1f\n", "patterns", base.tp, base.fp, base.fn,
              base.Precision(), base.Recall(), base.F1());
  double best_f1 = -1;
  std::string cv;
  for (const auto& [t, sc] : by_t) {
    const GoldCounts c = sc.Totals("dev");
    std::printf("%-12.2f %6d %6d %6d %7.1f %7.1f %7.1f\n", t, c.tp, c.fp, c.fn, c.Precision(),
                c.Recall(), c.F1());
    if (c.F1() > best_f1) {
      best_f1 = c.F1();
      *threshold = t;
      char buf[128];
      std::snprintf(buf, sizeof buf, "cv P/R/F1 %.1f/%.1f/%.1f (patterns alone %.1f/%.1f/%.1f)",
                    c.Precision(), c.Recall(), c.F1(), base.Precision(), base.Recall(), base.F1());
      cv = buf;
    }
  }
  if (best_f1 <= base.F1()) {
    std::printf("warning: no threshold beats the patterns alone in cross-validation\n");
  }
  return cv;
}

int RunTrainProposer(const TrainProposerFlags& f) {
  if (f.folds < 2 && std::isnan(f.threshold)) {
    std::cerr << "dyad: --folds must be at least 2 (or give --threshold)\n";
    return kExitUsage;
  }
  GoldInput in;
  // Dev only, by construction: the test split is never trained or tuned on.
  if (int rc = LoadGoldInput(f.files, "dev", f.news_dir, &in); rc != kExitOk) return rc;
  CoderOptions o;
  o.detect_language = false;
  o.use_proposer = false;
  o.collect_candidates = true;
  auto coder = Coder::Create(o);
  if (!coder.ok()) return Fail(coder.status());
  auto coded = CodeGoldArticles(**coder, in.articles, {}, f.jobs);
  if (!coded.ok()) return Fail(coded.status());
  std::vector<Example> ex;
  int positives = 0;
  size_t sentences = 0;
  for (size_t i = 0; i < in.articles.size(); ++i) {
    Label(in.articles[i], (*coded)[i], i, (*coder)->ontology(), &ex, &positives);
    sentences += in.articles[i].sentences.size();
  }
  std::printf("dev: %zu articles, %zu gold sentences, %zu candidate pairs (%d with a gold event)\n",
              in.articles.size(), sentences, ex.size(), positives);
  if (f.anchors > 0) {
    PrintAnchors(ex, f.anchors);
    return kExitOk;
  }
  PrintHeldOutCandidates(ex, f);
  float threshold = f.threshold;
  std::string cv;
  if (std::isnan(threshold)) {
    auto r = CrossValidate(in, ex, (*coder)->ontology(), f, &threshold);
    if (!r.ok()) return Fail(r.status());
    cv = std::move(r).value();
  }
  char prov[512];
  std::snprintf(prov, sizeof prov,
                "dev split of the real-news gold: %zu articles, %zu sentences, %zu pairs (%d "
                "positive), %d epochs, seed %llu, threshold %.2f%s%s",
                in.articles.size(), sentences, ex.size(), positives, f.epochs,
                static_cast<unsigned long long>(f.seed), threshold, cv.empty() ? "" : ", ",
                cv.c_str());
  auto model = TrainOn(ex, -1, f.folds, f, threshold, prov);
  std::string path = f.out.empty() ? DataDir() + "/models/proposer.bin" : f.out;
  if (Status s = WriteModel(*model, path); !s.ok()) return Fail(s);
  std::printf("wrote %s: %zu weights; %s\n", path.c_str(), model->num_weights(), prov);
  return kExitOk;
}

CommandRegistrar reg(
    "train proposer",
    "Train the learned event proposer on the dev split of the real-news gold",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<TrainProposerFlags>();
      app->add_option("files", f->files, "Gold JSON Lines files (default: testdata/real-news/*.jsonl)");
      app->add_option("--news", f->news_dir, "Directory of the news corpora (default: ../shared/news)");
      app->add_option("-o,--out", f->out, "Model file (default: data/models/proposer.bin)");
      app->add_option("--epochs", f->epochs, "Training passes (default: 10)");
      app->add_option("--folds", f->folds, "Cross-validation folds for the threshold (default: 5)");
      app->add_option("--thresholds", f->thresholds, "Margins tried in cross-validation");
      app->add_option("--threshold", f->threshold, "Use this margin (no cross-validation)");
      app->add_option("--seed", f->seed, "Shuffling seed (default: 1)");
      app->add_option("-j,--jobs", f->jobs, "Articles coded in parallel (default: 1)");
      app->add_option("--anchors", f->anchors,
                       "Only list the N commonest dependency paths of uncoded gold pairs (dev), "
                       "then stop: where the patterns miss");
      return [f] { return RunTrainProposer(*f); };
    });

}  // namespace
}  // namespace dyad::cli
