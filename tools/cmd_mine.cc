// `dyad mine predicates FILES`: the predicates that join two coded actors in a corpus but
// match no verb pattern, most frequent first, with their cumulative share — the list a
// dictionary writer works down (doc/dictionaries.md, "Coverage from the corpus").
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "dyad/coder.h"
#include "dyad/reader.h"
#include "src/util/parallel.h"
#include "src/util/paths.h"
#include "tools/command.h"
#include "tools/reader_flags.h"

namespace dyad::cli {
namespace {

struct MineFlags {
  ReaderFlags input;
  int jobs = 1;
  int limit = 50;
  long long articles = 0;
};

int RunMinePredicates(const MineFlags& f) {
  auto opts = ToReaderOptions(f.input);
  if (!opts.ok()) {
    std::cerr << "dyad: " << opts.status().ToString() << "\n";
    return kExitUsage;
  }
  auto src = OpenArticleSources(f.input.files, *opts);
  if (!src.ok()) {
    std::cerr << "dyad: " << src.status().ToString() << "\n";
    return kExitFailure;
  }
  CoderOptions co;
  co.mine_predicates = true;
  auto coder = Coder::Create(co);
  if (!coder.ok()) {
    std::cerr << "dyad: " << coder.status().ToString() << "\n";
    return kExitFailure;
  }
  std::map<std::string, long long> counts;
  long long articles = 0, coded_events = 0, uncoded = 0;
  int threads = f.jobs > 0 ? f.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Status s = OrderedParallelMap<Article, CodedArticle>(
      threads,
      [&](Article* a) -> Result<bool> {
        if (f.articles > 0 && articles >= f.articles) return false;
        return (*src)->Next(a);
      },
      [&](const Article& a) { return (*coder)->Code(a); },
      [&](Article&, CodedArticle& c) -> Status {
        ++articles;
        coded_events += static_cast<long long>(c.events.size());
        for (const std::string& p : c.uncoded_predicates) {
          ++counts[p];
          ++uncoded;
        }
        return Status::OK();
      });
  if (!s.ok()) {
    std::cerr << "dyad: " << s.ToString() << "\n";
    return kExitFailure;
  }
  // Verbs decided as "no event" (data/conventions/no_event_verbs.txt) are left out of the
  // list and counted as covered.
  std::set<std::string> no_event;
  std::ifstream ne(DataDir() + "/conventions/no_event_verbs.txt");
  for (std::string line; std::getline(ne, line);) {
    line = line.substr(0, line.find('#'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) no_event.insert(line);
  }
  std::vector<std::pair<long long, std::string>> rows;
  long long decided = 0;
  for (const auto& [k, n] : counts) {
    if (no_event.count(k.substr(0, k.find(' ')))) {
      decided += n;
      continue;
    }
    rows.push_back({-n, k});
  }
  std::sort(rows.begin(), rows.end());
  long long open = uncoded - decided;
  long long all = coded_events + uncoded;
  std::printf("%lld articles: %lld events coded; %lld uncoded predicates between two coded actors, "
              "%lld of them decided as no event\n",
              articles, coded_events, uncoded, decided);
  std::printf("covered (events + decided) %.1f%% of %lld actor-pair predicates; %lld open (%zu distinct)\n",
              all ? 100.0 * (coded_events + decided) / all : 0.0, all, open, rows.size());
  std::printf("%8s %7s  %s\n", "count", "cum%", "open predicate (pattern notation)");
  long long cum = 0;
  for (size_t i = 0; i < rows.size() && static_cast<int>(i) < f.limit; ++i) {
    cum += -rows[i].first;
    std::printf("%8lld %6.1f%%  %s\n", -rows[i].first, open ? 100.0 * cum / open : 0.0,
                rows[i].second.c_str());
  }
  return kExitOk;
}

ParentRegistrar mine_parent("mine", "Corpus mining for dictionary work");

CommandRegistrar reg(
    "mine predicates",
    "Predicates joining two coded actors that match no pattern, most frequent first",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<MineFlags>();
      AddReaderFlags(app, &f->input);
      app->add_option("-j,--jobs", f->jobs, "Worker threads (0 = all cores)")->capture_default_str();
      app->add_option("--limit", f->limit, "Rows to print")->capture_default_str();
      app->add_option("--articles", f->articles, "Stop after this many articles (0 = all)")
          ->capture_default_str();
      return [f] { return RunMinePredicates(*f); };
    });

}  // namespace
}  // namespace dyad::cli
