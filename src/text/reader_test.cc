#include "dyad/reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "src/util/test_util.h"

namespace dyad {
namespace {

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("dyad_reader_test_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    options_.on_issue = [this](const ReadIssue& i) { issues_.push_back(i.where + ": " + i.reason); };
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

  std::vector<Article> ReadAll(const std::vector<std::string>& paths, ReadStats* stats = nullptr) {
    auto src = OpenArticleSources(paths, options_);
    EXPECT_TRUE(src.ok()) << src.status().ToString();
    std::vector<Article> out;
    if (!src.ok()) return out;
    Article a;
    while (true) {
      auto more = (*src)->Next(&a);
      EXPECT_TRUE(more.ok()) << more.status().ToString();
      if (!more.ok() || !*more) break;
      out.push_back(a);
    }
    if (stats) *stats = (*src)->stats();
    return out;
  }

  std::filesystem::path dir_;
  ReaderOptions options_;
  std::vector<std::string> issues_;
};

TEST_F(ReaderTest, DatelineSingleArticleWithLeadingSpace) {
  auto p = Write("seed.txt", " date 2025-02-18 Russia and the US met.\n\nThey agreed to talk.\n");
  auto a = ReadAll({p});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].date, "2025-02-18");
  EXPECT_EQ(a[0].text, "Russia and the US met.\n\nThey agreed to talk.");
  EXPECT_EQ(a[0].origin, p + ":1");
  EXPECT_TRUE(issues_.empty());
}

TEST_F(ReaderTest, DatelineManyArticlesAndBadRecords) {
  auto p = Write("many.txt",
                 "date 2025-01-01 First article.\n"
                 "date 2025-02-30 Impossible date.\n"
                 "no dateline here\n"
                 "date 2025-01-03 Third article.\n");
  ReadStats st;
  auto a = ReadAll({p}, &st);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].text, "First article.");
  EXPECT_EQ(a[1].text, "Third article.");
  EXPECT_EQ(a[1].origin, p + ":4");
  ASSERT_EQ(issues_.size(), 1u);
  EXPECT_NE(issues_[0].find(":2: impossible date 2025-02-30"), std::string::npos) << issues_[0];
  EXPECT_EQ(st.records_read, 2u);
  EXPECT_EQ(st.records_skipped, 1u);
}

TEST_F(ReaderTest, JsonLinesSurviveEveryKindOfBadRecord) {
  std::string big(50u << 20, 'x');
  std::string content =
      "{\"date\": \"2025-01-01\", \"title\": \"T\", \"text\": \"Good one.\", \"source\": \"AP\", \"url\": \"http://a/1\"}\n"
      "{\"date\": \"2025-01-01\", \"text\": \"bad \xff utf8\"}\n"
      "{\"date\": \"2025-02-30\", \"text\": \"bad date\"}\n"
      "{\"date\": null, \"text\": \"no date\"}\n"
      "not json at all\n"
      "\x01\x02\x03\x04\x05\x06\x07\x08\x01\x02\x03\x04\n"
      "{\"date\": \"2025-01-01\", \"text\": \"" + big + "\"}\n"
      "{\"date\": \"2025-01-01\", \"text\": \"with \\u0000 nul\"}\n"
      "{\"date\": \"2025-01-02\", \"text\": \"Second good \\u00e9 \\ud83d\\ude00.\"}\n"
      "{\"date\": \"2025-01-03\", \"text\": \"truncated";
  auto p = Write("bad.jsonl", content);
  ReadStats st;
  auto a = ReadAll({p}, &st);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].text, "Good one.");
  EXPECT_EQ(a[0].source, "AP");
  EXPECT_EQ(a[0].url, "http://a/1");
  EXPECT_EQ(a[1].text, "Second good \xC3\xA9 \xF0\x9F\x98\x80.");
  EXPECT_EQ(st.records_skipped, 8u);
  std::string all;
  for (const auto& i : issues_) all += i + "\n";
  EXPECT_NE(all.find("bad.jsonl:2: invalid UTF-8"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.jsonl:3: impossible date"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.jsonl:4: missing date"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.jsonl:5: invalid JSON"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.jsonl:6: binary data"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.jsonl:7: record longer than"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.jsonl:8: NUL byte"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.jsonl:10: truncated JSON record"), std::string::npos) << all;
  EXPECT_EQ(SummarizeReadStats(st).rfind("read 2 articles, skipped 8 (", 0), 0u) << SummarizeReadStats(st);
}

// Found by fuzzing: well-formed JSON whose number overflows a double made
// nlohmann throw out_of_range (not parse_error), which escaped the reader.
TEST_F(ReaderTest, JsonNumberOverflowIsReportedNotThrown) {
  auto p = Write("overflow.jsonl",
                 "{\"date\": \"2025-01-01\", \"text\": \"x\", \"n\": 11111110e66666}\n"
                 "{\"date\": \"2025-01-02\", \"text\": \"Kept.\"}\n");
  ReadStats st;
  auto a = ReadAll({p}, &st);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].text, "Kept.");
  EXPECT_EQ(st.records_skipped, 1u);
  std::string all;
  for (const auto& i : issues_) all += i + "\n";
  EXPECT_NE(all.find("overflow.jsonl:1: invalid JSON"), std::string::npos) << all;
}

TEST_F(ReaderTest, GzipFieldMappingAndDefaultDate) {
  std::string p = (dir_ / "x.jsonl.gz").string();
  gzFile f = gzopen(p.c_str(), "wb");
  std::string line = "{\"body\": \"Mapped text.\", \"published\": null, \"id\": 7}\n";
  gzwrite(f, line.data(), static_cast<unsigned>(line.size()));
  gzclose(f);
  options_.field_map = {{"text", "body"}, {"date", "published"}};
  options_.date = "2024-12-31";
  auto a = ReadAll({p});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].text, "Mapped text.");
  EXPECT_EQ(a[0].date, "2024-12-31");
  EXPECT_EQ(a[0].id, "7");
}

TEST_F(ReaderTest, PlainTextHtmlAndPetrarch) {
  auto t = Write("note.txt", "Plain text article.\n");
  auto a = ReadAll({t});
  EXPECT_TRUE(a.empty());  // no date given
  EXPECT_NE(issues_.back().find("missing date"), std::string::npos);
  options_.date = "2025-03-01";
  a = ReadAll({t});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].date, "2025-03-01");

  auto h = Write("page.html",
                 "<html lang='en'><head><title>T</title>"
                 "<meta property='article:published_time' content='2025-02-18T10:00:00Z'></head>"
                 "<body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
                 "<article><h1>Talks</h1><p>Rubio met Lavrov in Riyadh on Tuesday, officials said.</p>"
                 "<p>The two sides agreed to restore staffing at their embassies, a spokesman said.</p></article>"
                 "<footer>Copyright</footer></body></html>");
  a = ReadAll({h});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].date, "2025-02-18");
  EXPECT_NE(a[0].text.find("Rubio met Lavrov"), std::string::npos);
  EXPECT_EQ(a[0].text.find("Home"), std::string::npos);
  EXPECT_EQ(a[0].text.find("Copyright"), std::string::npos);

  auto x = Write("recs.xml",
                 "<Validation><Sentences>\n<Sentence date=\"19950101\" id=\"DEMO-01\" category=\"DEMO\">\n"
                 "<EventCoding eventcode=\"050\" sourcecode=\"ARN\" targetcode=\"GON\" />\n"
                 "<Text>\nArnor restored ties with Gondor.\n</Text>\n</Sentence></Sentences></Validation>\n");
  options_.date.clear();
  a = ReadAll({x});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].id, "DEMO-01");
  EXPECT_EQ(a[0].date, "1995-01-01");
  EXPECT_EQ(a[0].text, "Arnor restored ties with Gondor.");
}

TEST_F(ReaderTest, MissingFileAmongSeveralIsReportedAndSkipped) {
  auto good = Write("g.txt", "date 2025-01-01 Fine.\n");
  ReadStats st;
  auto a = ReadAll({(dir_ / "missing.txt").string(), good}, &st);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_FALSE(issues_.empty());
  EXPECT_NE(issues_[0].find("missing.txt"), std::string::npos);
  EXPECT_EQ(st.skipped_by_reason["unreadable input"], 1u);
  EXPECT_FALSE(OpenArticleSources({(dir_ / "nope").string()}, options_).ok());
  ReaderOptions bad;
  bad.format = static_cast<InputFormat>(42);
  EXPECT_TRUE(OpenArticleSource(good, bad).status().IsInvalidArgument());
  auto xml = ParseInputFormat("xml");
  ASSERT_FALSE(xml.ok());
  EXPECT_NE(xml.status().message().find("known: auto, dateline, jsonl, text, html, petrarch"),
            std::string::npos)
      << xml.status().ToString();
  for (InputFormat f : {InputFormat::kAuto, InputFormat::kDateline, InputFormat::kJsonl,
                        InputFormat::kText, InputFormat::kHtml, InputFormat::kPetrarch}) {
    auto back = ParseInputFormat(InputFormatName(f));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, f);
  }
}

TEST(SharedReaderTest, ReadsTheNewsCorpora) {
  DYAD_REQUIRE_SHARED(dir, "news");
  ReaderOptions o;
  size_t issues = 0;
  o.on_issue = [&](const ReadIssue&) { ++issues; };
  for (const char* f : {"geopolitics-2022-2026.jsonl.gz", "reuters21578.jsonl.gz",
                        "non-english-es-fr-it.jsonl.gz", "conflict-timelines-2005-2013.jsonl",
                        "realtimeqa-2012-2026.jsonl.gz"}) {
    auto src = OpenArticleSource(dir + "/" + f, o);
    ASSERT_TRUE(src.ok()) << f << ": " << src.status().ToString();
    Article a;
    size_t n = 0;
    while (n < 3000) {
      auto more = (*src)->Next(&a);
      ASSERT_TRUE(more.ok()) << f;
      if (!*more) break;
      ASSERT_FALSE(a.text.empty());
      ASSERT_EQ(a.date.size(), 10u);
      ++n;
    }
    EXPECT_GT(n, 500u) << f;
  }
}

}  // namespace
}  // namespace dyad
