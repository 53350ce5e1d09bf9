// Golden tests: articles coded by hand (testdata/golden, see its README) against the coder.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/coder.h"
#include "dyad/reader.h"
#include "src/util/paths.h"

namespace dyad {
namespace {

// Measured floors (measured - 2 points); raise them as the coder improves. Measured on 41
// articles, 152 gold events (the events the real-news protocol does not code -- no target,
// or a bare statement to an addressee -- are commented out in the .gold files; consultations
// are coded both ways, as the protocol codes reciprocal acts): recall 75.7%, root recall
// 78.9%, precision 78.0%. Model changes move these by about 2 points either way.
constexpr double kRecallFloor = 73.7;
constexpr double kPrecisionFloor = 76.0;

struct GoldEvent {
  int sentence = 0;
  std::string source, cameo, target, modality;
  bool forbidden = false;
  std::string line;
};

std::vector<GoldEvent> ReadGold(const std::string& path) {
  std::vector<GoldEvent> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::string body = line.substr(0, line.find('#'));
    if (body.find_first_not_of(" \t") == std::string::npos) continue;
    GoldEvent g;
    g.line = line;
    if (body[0] == '!') {
      g.forbidden = true;
      body = body.substr(1);
    }
    std::istringstream f(body);
    f >> g.sentence >> g.source >> g.cameo >> g.target >> g.modality;
    out.push_back(g);
  }
  return out;
}

bool Matches(const GoldEvent& g, const Event& e, bool root_only) {
  if (e.sentence_index != g.sentence) return false;
  // "-": an actor the dictionaries cannot code (an unnamed gunman), as for targets.
  if ((e.source.code.empty() ? "-" : e.source.code) != g.source) return false;
  std::string tgt = e.target.code.empty() ? "-" : e.target.code;
  if (tgt != g.target) return false;
  if (root_only ? e.cameo.substr(0, 2) != g.cameo.substr(0, 2) : e.cameo != g.cameo) return false;
  return g.modality == "*" || g.modality.empty() || g.modality == ModalityName(e.modality);
}

struct Score {
  int gold = 0, found = 0, found_root = 0, produced = 0, produced_ok = 0, forbidden = 0;
};

class GoldenCoderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto c = Coder::Create(CoderOptions());
    if (c.ok())
      coder_ = std::move(c).value().release();
    else
      error_ = new std::string(c.status().ToString());
  }
  static Coder* coder_;
  static std::string* error_;
};
Coder* GoldenCoderTest::coder_ = nullptr;
std::string* GoldenCoderTest::error_ = nullptr;

TEST_F(GoldenCoderTest, HandCodedArticles) {
  ASSERT_NE(coder_, nullptr) << *error_;
  std::string dir = DataDir() + "/../testdata/golden";
  Score total;
  int articles = 0;
  std::vector<std::string> golds;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".gold") golds.push_back(e.path().string());
  }
  std::sort(golds.begin(), golds.end());
  for (const std::string& gold_path : golds) {
    std::string stem = std::filesystem::path(gold_path).stem().string();
    std::string text_path = dir + "/" + stem + ".txt";
    if (!std::filesystem::exists(text_path)) {
      auto shared = SharedPath("examples/" + stem + ".txt");
      if (!shared) {
        std::printf("[ golden ] %s: skipped (../shared/examples is absent)\n", stem.c_str());
        continue;
      }
      text_path = *shared;
    }
    ReaderOptions ro;
    auto src = OpenArticleSource(text_path, ro);
    ASSERT_TRUE(src.ok()) << src.status().ToString();
    Article a;
    ASSERT_TRUE(*(*src)->Next(&a)) << text_path;
    CodedArticle c = coder_->Code(a);
    ASSERT_TRUE(c.status.ok()) << c.status.ToString();
    ++articles;
    Score s;
    std::vector<GoldEvent> gold = ReadGold(gold_path);
    for (const GoldEvent& g : gold) {
      if (g.forbidden) {
        for (const Event& e : c.events) {
          if (Matches(g, e, false)) {
            ++s.forbidden;
            ADD_FAILURE() << stem << ": forbidden event produced: " << g.line
                          << "\n  reason: " << e.reason;
          }
        }
        continue;
      }
      ++s.gold;
      bool exact = false, root = false;
      for (const Event& e : c.events) {
        exact |= Matches(g, e, false);
        root |= Matches(g, e, true);
      }
      s.found += exact;
      s.found_root += root;
      if (!exact) std::printf("[ golden ] %s: missed %s\n", stem.c_str(), g.line.c_str());
    }
    for (const Event& e : c.events) {
      ++s.produced;
      bool ok = false;
      for (const GoldEvent& g : gold) ok |= !g.forbidden && Matches(g, e, false);
      s.produced_ok += ok;
      if (!ok) {
        std::printf("[ golden ] %s: extra %d %s %s %s %s\n", stem.c_str(), e.sentence_index,
                    e.source.code.c_str(), e.cameo.c_str(),
                    e.target.code.empty() ? "-" : e.target.code.c_str(), ModalityName(e.modality));
      }
    }
    std::printf(
        "[ golden ] %-24s gold %2d  recall %5.1f%%  root recall %5.1f%%  precision %5.1f%%  "
        "forbidden %d\n",
        stem.c_str(), s.gold, 100.0 * s.found / std::max(1, s.gold),
        100.0 * s.found_root / std::max(1, s.gold), 100.0 * s.produced_ok / std::max(1, s.produced),
        s.forbidden);
    total.gold += s.gold;
    total.found += s.found;
    total.found_root += s.found_root;
    total.produced += s.produced;
    total.produced_ok += s.produced_ok;
    total.forbidden += s.forbidden;
  }
  ASSERT_GT(articles, 0);
  double recall = 100.0 * total.found / std::max(1, total.gold);
  double precision = 100.0 * total.produced_ok / std::max(1, total.produced);
  std::printf(
      "[ golden ] TOTAL %d articles, gold %d: recall %.1f%%, root recall %.1f%%, precision %.1f%%, "
      "forbidden %d\n",
      articles, total.gold, recall, 100.0 * total.found_root / std::max(1, total.gold), precision,
      total.forbidden);
  EXPECT_EQ(total.forbidden, 0);
  // Regression floors at the levels measured when the corpus was coded (doc/coder.md).
  EXPECT_GE(recall, kRecallFloor);
  EXPECT_GE(precision, kPrecisionFloor);
}

}  // namespace
}  // namespace dyad
