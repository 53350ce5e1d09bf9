#include "src/code/gold_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "src/util/test_util.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

// A news directory of our own with one conflict-timelines record (keyed by line).
struct GoldFixture {
  fs::path dir;
  std::string text = "Arnor troops shelled Bree on Monday. Gondor’s envoy met Arnor's king.";
  GoldFixture() {
    dir = fs::temp_directory_path() / ("dyad_gold_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "conflict-timelines-2005-2013.jsonl")
        << "{\"date\": \"2011-01-01\", \"text\": \"other\"}\n"
        << "{\"date\": \"2011-02-03\", \"title\": \"t\", \"text\": \"" << text << "\"}\n";
  }
  ~GoldFixture() { fs::remove_all(dir); }
  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(dir / name) << content;
    return (dir / name).string();
  }
};

TEST(GoldEvalTest, ReadsRecordsAndReportsBadLines) {
  GoldFixture fx;
  std::string path = fx.Write(
      "g.jsonl",
      // sha1("Arnor troops shelled Bree on Monday.")[:16] = 6d0e9ba3d0f3e4c6 is checked below
      "{\"corpus\":\"conflict-timelines\",\"key\":\"line:2\",\"split\":\"dev\","
      "\"article_date\":\"2011-02-03\",\"sent_index\":0,\"start\":0,\"end\":36,"
      "\"sentence_sha1\":\"x\",\"events\":[{\"source\":\"ARNMIL\",\"code\":\"195\","
      "\"target\":\"BRE\"}]}\n"
      "not json\n"
      "{\"corpus\":\"c\",\"key\":\"k\",\"split\":\"train\",\"start\":0,\"end\":3}\n"
      "{\"corpus\":\"c\",\"key\":\"k\",\"split\":\"dev\",\"start\":0,\"end\":3,"
      "\"events\":[{\"code\":\"19x\"}]}\n");
  std::vector<std::string> problems;
  auto gold = ReadGoldFiles({path}, &problems);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  ASSERT_EQ(gold->size(), 1u);
  EXPECT_EQ((*gold)[0].events[0].modality, "asserted");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].find("g.jsonl:2: invalid JSON"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("g.jsonl:3: split"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("g.jsonl:4: event code '19x'"), std::string::npos) << problems[2];
  EXPECT_FALSE(ReadGoldFiles({(fx.dir / "absent.jsonl").string()}, &problems).ok());
}

TEST(GoldEvalTest, FindsTextByLineAndChecksTheHash) {
  GoldFixture fx;
  // The second sentence starts at code point 37; "’" is 3 bytes, so bytes and code points
  // differ after it.
  std::string path = fx.Write(
      "g.jsonl",
      "{\"corpus\":\"conflict-timelines\",\"key\":\"line:2\",\"split\":\"dev\",\"article_date\":"
      "\"2011-02-03\",\"sent_index\":1,\"start\":37,\"end\":69,\"sentence_sha1\":"
      "\"3c3a8b09819a5458\",\"events\":[]}\n"
      "{\"corpus\":\"conflict-timelines\",\"key\":\"line:2\",\"split\":\"dev\",\"article_date\":"
      "\"2011-02-03\",\"sent_index\":0,\"start\":0,\"end\":36,\"sentence_sha1\":"
      "\"0000000000000000\",\"events\":[]}\n"
      "{\"corpus\":\"conflict-timelines\",\"key\":\"line:9\",\"split\":\"dev\",\"start\":0,"
      "\"end\":5,\"events\":[]}\n");
  std::vector<std::string> problems;
  auto gold = ReadGoldFiles({path}, &problems);
  ASSERT_TRUE(gold.ok());
  auto articles = LoadGoldArticles(*gold, fx.dir.string(), &problems);
  ASSERT_TRUE(articles.ok()) << articles.status().ToString();
  ASSERT_EQ(articles->size(), 1u);
  const GoldArticle& a = (*articles)[0];
  ASSERT_EQ(a.sentences.size(), 1u);  // the one with a wrong hash is left out
  EXPECT_EQ(a.text.substr(a.byte_spans[0].first, a.byte_spans[0].second - a.byte_spans[0].first),
            "Gondor’s envoy met Arnor's king.");
  EXPECT_EQ(a.date, "2011-02-03");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("hash does not match"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("line:9 not found"), std::string::npos) << problems[1];
}

GoldEvent Gold(const std::string& src, const std::string& code, const std::string& tgt,
               const std::string& modality = "asserted") {
  GoldEvent g;
  g.source = src;
  g.code = code;
  g.target = tgt;
  g.modality = modality;
  return g;
}

Event Coded(const std::string& src, const std::string& code, const std::string& tgt,
            uint32_t verb_at, Modality m = Modality::kAsserted) {
  Event e;
  e.source.code = src;
  e.target.code = tgt;
  e.cameo = code;
  e.root = code.substr(0, 2);
  e.verb_begin = verb_at;
  e.verb_end = verb_at + 3;
  e.modality = m;
  return e;
}

TEST(GoldEvalTest, ScoresOneToOneAtRootAndActorBlocks) {
  GoldSentence s1, s2;
  s1.split = s2.split = "dev";
  s1.corpus = s2.corpus = "geopolitics";
  s1.where = "g:1";
  s2.where = "g:2";
  GoldEvent a = Gold("ARNMIL", "195", "BRE");
  GoldEvent b = Gold("GON", "040", "ARNGOV");
  GoldEvent b2 = Gold("ARNGOV", "040", "GON");
  GoldEvent fut = Gold("GON", "190", "ARN", "future");
  s1.events = {a, fut};
  s2.events = {b, b2};
  GoldArticle art;
  art.text = std::string(100, 'x');
  art.sentences = {&s1, &s2};
  art.byte_spans = {{0, 40}, {40, 100}};
  std::vector<Event> events = {
      Coded("ARNMIL", "190", "BRE", 10),  // root 19 + blocks: a match, not exact
      Coded("GONGOV", "040", "ARN", 50),  // matches b at the block level
      Coded("GONGOV", "040", "ARN", 55),  // the same dyad twice in a sentence counts once
      Coded("GON", "043", "ARNGOV", 60, Modality::kFuture),  // not counted: future
      Coded("BRE", "111", "", 70),        // a false positive
  };
  GoldScorer scorer(nullptr);
  scorer.AddArticle(art, events);
  GoldCounts c = scorer.Totals("dev");
  EXPECT_EQ(c.tp, 2);
  EXPECT_EQ(c.fp, 1);
  EXPECT_EQ(c.fn, 1);  // b2: ARN 04 GON was not coded
  EXPECT_EQ(c.exact, 0);
  EXPECT_NEAR(c.Precision(), 66.67, 0.01);
  EXPECT_NEAR(c.Recall(), 66.67, 0.01);
  GoldReportOptions o;
  o.stages = true;
  o.show_errors = true;
  std::string report = scorer.Report(o);
  EXPECT_NE(report.find("miss: "), std::string::npos) << report;
  EXPECT_NE(report.find("false positive: gold events differ"), std::string::npos) << report;
  EXPECT_EQ(scorer.Totals("test").tp, 0);
}

TEST(GoldEvalTest, TestSplitErrorsAreNeverListed) {
  GoldSentence s;
  s.split = "test";
  s.corpus = "c";
  s.where = "secret:1";
  s.events = {Gold("ARN", "190", "BRE")};
  GoldArticle art;
  art.text = "Arnor attacked Bree.";
  art.sentences = {&s};
  art.byte_spans = {{0, 20}};
  GoldScorer scorer(nullptr);
  scorer.AddArticle(art, {Coded("BRE", "190", "ARN", 6)});
  GoldReportOptions o;
  o.show_errors = true;
  std::string report = scorer.Report(o);
  EXPECT_EQ(report.find("secret:1"), std::string::npos) << report;
  EXPECT_EQ(scorer.Totals("test").fn, 1);
}

// The real-news gold (testdata/real-news) scored end to end: every gold sentence is found in
// ../shared/news with its hash, and dev and test F1 (root + actor blocks) stay at or above
// their floors (measured minus 2; figures in doc/coder.md).
TEST(SharedRealNewsGoldTest, DevAndTestFloors) {
  DYAD_REQUIRE_SHARED(news, "news");
  std::string out = ::testing::TempDir() + "dyad_gold_eval.txt";
  std::string err = ::testing::TempDir() + "dyad_gold_eval.err";
  std::string cmd = std::string(DYAD_BINARY) + " eval gold --split all --no-roots -j 2 > " + out +
                    " 2> " + err;
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream errs(err);
  std::string line;
  while (std::getline(errs, line)) ADD_FAILURE() << "eval gold reported: " << line;
  std::ifstream in(out);
  double dev_f1 = -1, test_f1 = -1;
  int sentences = 0;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string split, corpus;
    int tp, fp, fn;
    double p, r, f1;
    if (line.find("gold sentences") != std::string::npos) {
      std::istringstream h(line);
      int articles;
      std::string word;
      h >> articles >> word >> sentences;
    }
    if (!(f >> split >> corpus >> tp >> fp >> fn >> p >> r >> f1) || corpus != "all") continue;
    if (split == "dev") dev_f1 = f1;
    if (split == "test") test_f1 = f1;
  }
  EXPECT_GE(sentences, 2000);
  EXPECT_GE(dev_f1, 16.7);  // measured 18.7
  EXPECT_GE(test_f1, 14.5);  // measured 16.5
}

}  // namespace
}  // namespace dyad
