// `dyad bench read [FILE]`: throughput of read + normalise + language id + sentence split
// + tokenise, single-threaded, with peak RSS. Not a test: figures go to doc/text.md.
#include <CLI/CLI.hpp>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "dyad/reader.h"
#include "dyad/text.h"
#include "src/util/paths.h"
#include "tools/command.h"

namespace dyad::cli {
namespace {

struct BenchReadFlags {
  std::string file;
  long long limit = 0;
};

int Run(const BenchReadFlags& f) {
  std::string path = f.file;
  if (path.empty()) {
    auto p = SharedPath("news/realtimeqa-2012-2026.jsonl.gz");
    if (!p) {
      std::cerr << "dyad: give a FILE (../shared/news is absent)\n";
      return kExitUsage;
    }
    path = *p;
  }
  ReaderOptions ro;
  ro.on_issue = [](const ReadIssue&) {};
  auto src = OpenArticleSource(path, ro);
  if (!src.ok()) {
    std::cerr << "dyad: " << src.status().ToString() << "\n";
    return kExitFailure;
  }
  auto pipeline = TextPipeline::Create(TextOptions());
  if (!pipeline.ok()) {
    std::cerr << "dyad: " << pipeline.status().ToString() << "\n";
    return kExitFailure;
  }
  auto t0 = std::chrono::steady_clock::now();
  double read_s = 0;
  long long articles = 0, sentences = 0, tokens = 0, text_bytes = 0, non_english = 0;
  Article a;
  while (f.limit == 0 || articles < f.limit) {
    auto r0 = std::chrono::steady_clock::now();
    auto more = (*src)->Next(&a);
    read_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - r0).count();
    if (!more.ok() || !*more) break;
    ++articles;
    text_bytes += static_cast<long long>(a.text.size());
    auto doc = (*pipeline)->Process(a);
    if (!doc.ok()) {
      ++non_english;
      continue;
    }
    sentences += static_cast<long long>(doc->sentences.size());
    for (const auto& s : doc->sentences) tokens += static_cast<long long>(s.tokens.size());
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const ReadStats& st = (*src)->stats();
  std::printf("input              %s\n", path.c_str());
  std::printf("articles           %lld (%lld skipped by the reader, %lld not English)\n", articles,
              static_cast<long long>(st.records_skipped), non_english);
  std::printf("input bytes        %.1f MB (JSON, uncompressed); article text %.1f MB\n",
              st.bytes_read / 1e6, text_bytes / 1e6);
  std::printf("sentences, tokens  %lld, %lld\n", sentences, tokens);
  std::printf("time               %.2f s (reading and JSON decoding %.2f s)\n", s, read_s);
  std::printf("throughput         %.1f MB/s of input, %.1f MB/s of text, %.0f sentences/s, %.0f tokens/s (1 core)\n",
              st.bytes_read / 1e6 / s, text_bytes / 1e6 / s, sentences / s, tokens / s);
  std::printf("peak RSS           %ld MiB\n", u.ru_maxrss / 1024);
  return kExitOk;
}

CommandRegistrar reg(
    "bench read", "Throughput of reading, normalising, language id, splitting and tokenising",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<BenchReadFlags>();
      app->add_option("file", f->file, "Input (default ../shared/news/realtimeqa-2012-2026.jsonl.gz)");
      app->add_option("--limit", f->limit, "Stop after this many articles");
      return [f] { return Run(*f); };
    });

}  // namespace
}  // namespace dyad::cli
