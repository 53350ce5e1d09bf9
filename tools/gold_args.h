// Reading the real-news gold for the commands that use it (`dyad eval gold`, `dyad train
// proposer`): the gold files, one split, and the article texts from ../shared/news.
#ifndef DYAD_TOOLS_GOLD_ARGS_H_
#define DYAD_TOOLS_GOLD_ARGS_H_

#include <memory>
#include <string>
#include <vector>

#include "src/code/gold_eval.h"

namespace dyad::cli {

struct GoldInput {
  std::vector<std::string> files;
  // Owned here: `articles` point into it.
  std::unique_ptr<std::vector<GoldSentence>> sentences;
  std::vector<GoldArticle> articles;
};

// testdata/real-news/*.jsonl beside the data directory, sorted.
std::vector<std::string> DefaultGoldFiles();

// Reads `files` (default: DefaultGoldFiles()), keeps `split` ("dev", "test" or "all") and
// finds each article in `news_dir` (default: ../shared/news). Problems go to stderr.
// Returns kExitOk, or the exit code after printing why not.
int LoadGoldInput(const std::vector<std::string>& files, const std::string& split,
                  const std::string& news_dir, GoldInput* out);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_GOLD_ARGS_H_
