// `dyad eval petrarch [SUITE_DIR...]`: the PETRARCH / UniversalPetrarch functional validation
// suites, coded with their own test dictionaries through the community-format loaders and
// scored as UniversalPetrarch's validation harness scores them (src/code/petrarch_eval.h).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

#include "dyad/coder.h"
#include "src/code/petrarch_eval.h"
#include "src/util/paths.h"
#include "tools/command.h"

namespace dyad::cli {
namespace {

struct EvalPetrarchFlags {
  std::vector<std::string> dirs;
  bool all_categories = false;
  bool verbose = false;
};

int RunSuite(const std::string& dir, const EvalPetrarchFlags& f) {
  std::string records;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string n = e.path().filename().string();
    if (n.find("records") != std::string::npos && n.find("debug") == std::string::npos) records = e.path().string();
  }
  if (records.empty()) {
    std::cerr << "dyad: " << dir << ": no *records* file\n";
    return kExitFailure;
  }
  auto suite = ReadPetrarchSuite(records);
  if (!suite.ok()) {
    std::cerr << "dyad: " << suite.status().ToString() << "\n";
    return kExitFailure;
  }
  CoderOptions o;
  o.dict_format = "petrarch";
  o.detect_language = false;
  o.use_gazetteer = false;
  for (const std::string* name : {&suite->actors, &suite->agents, &suite->verbs, &suite->discards, &suite->ontology}) {
    if (!name->empty()) o.dict_paths.push_back(dir + "/" + *name);
  }
  auto coder = Coder::Create(o);
  if (!coder.ok()) {
    std::cerr << "dyad: " << coder.status().ToString() << "\n";
    return kExitFailure;
  }
  std::set<std::string> include(suite->include.begin(), suite->include.end());
  std::map<std::string, CategoryScore> scores;
  for (const PetrarchRecord& r : suite->records) {
    if (!r.evaluate || r.error) continue;
    if (!f.all_categories && !include.empty() && !include.count(r.category)) continue;
    Article a;
    a.id = r.id;
    a.date = r.date;
    a.text = r.text;
    CodedArticle c = (*coder)->Code(a);
    std::vector<PetrarchCoding> coded;
    for (const Event& e : c.events) {
      if (e.modality == Modality::kNegated) continue;
      coded.push_back({e.cameo, e.source.code.empty() ? "---" : e.source.code,
                       e.target.code.empty() ? "---" : e.target.code});
    }
    bool ok = ScorePetrarchRecord(r, coded, &scores[r.category]);
    if (f.verbose && !ok) {
      std::printf("%-14s expected:", r.id.c_str());
      for (const auto& x : r.expected) std::printf(" %s-%s-%s", x.source.c_str(), x.event.c_str(), x.target.c_str());
      if (r.noevents) std::printf(" (none)");
      std::printf("  coded:");
      for (const auto& x : coded) std::printf(" %s-%s-%s", x.source.c_str(), x.event.c_str(), x.target.c_str());
      std::printf("\n");
    }
  }
  std::printf("%s (%s)\n%s", records.c_str(), f.all_categories ? "all categories" : "categories in <Include>",
              FormatPetrarchScores(scores).c_str());
  return kExitOk;
}

CommandRegistrar reg(
    "eval petrarch", "Score the PETRARCH validation suites (records, correct, uncoded, extra, TP/FN/FP)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<EvalPetrarchFlags>();
      app->add_option("dirs", f->dirs, "Suite directories (default: ../shared/eval/petrarch/{ud_2_02,petrarch2_unittest})");
      app->add_flag("--all-categories", f->all_categories, "Score every evaluable record, not only <Include> categories");
      app->add_flag("-v,--verbose", f->verbose, "List the records coded wrongly");
      return [f] {
        std::vector<std::string> dirs = f->dirs;
        if (dirs.empty()) {
          for (const char* s : {"eval/petrarch/ud_2_02", "eval/petrarch/petrarch2_unittest"}) {
            if (auto p = SharedPath(s)) dirs.push_back(*p);
          }
          if (dirs.empty()) {
            std::cerr << "dyad: no suite directory given and ../shared/eval/petrarch is absent\n";
            return kExitUsage;
          }
        }
        int rc = kExitOk;
        for (const auto& d : dirs) rc = std::max(rc, RunSuite(d, *f));
        return rc;
      };
    });

}  // namespace
}  // namespace dyad::cli
