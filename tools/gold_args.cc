#include "tools/gold_args.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "src/util/paths.h"
#include "tools/command.h"

namespace dyad::cli {

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

int LoadGoldInput(const std::vector<std::string>& files, const std::string& split,
                  const std::string& news_dir, GoldInput* out) {
  out->files = files.empty() ? DefaultGoldFiles() : files;
  if (out->files.empty()) {
    std::cerr << "dyad: no gold file given and testdata/real-news has none\n";
    return kExitUsage;
  }
  if (split != "all" && split != "dev" && split != "test") {
    std::cerr << "dyad: --split must be dev, test or all\n";
    return kExitUsage;
  }
  std::string news = news_dir;
  if (news.empty()) {
    auto p = SharedPath("news");
    if (!p) {
      std::cerr << "dyad: ../shared/news is absent (the gold stores offsets, not text); give --news DIR\n";
      return kExitFailure;
    }
    news = *p;
  }
  std::vector<std::string> problems;
  auto gold = ReadGoldFiles(out->files, &problems);
  if (!gold.ok()) {
    std::cerr << "dyad: " << gold.status().ToString() << "\n";
    return kExitFailure;
  }
  if (split != "all") {
    std::erase_if(*gold, [&](const GoldSentence& g) { return g.split != split; });
  }
  out->sentences = std::make_unique<std::vector<GoldSentence>>(std::move(gold).value());
  auto articles = LoadGoldArticles(*out->sentences, news, &problems);
  for (const std::string& p : problems) std::cerr << "dyad: " << p << "\n";
  if (!articles.ok()) {
    std::cerr << "dyad: " << articles.status().ToString() << "\n";
    return kExitFailure;
  }
  out->articles = std::move(articles).value();
  return kExitOk;
}

}  // namespace dyad::cli
