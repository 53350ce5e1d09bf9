#include "src/text/html_eval.h"

#include <gtest/gtest.h>

#include "dyad/reader.h"
#include "dyad/text.h"
#include "src/util/test_util.h"

namespace dyad {
namespace {

TEST(HtmlEvalTest, TokenPrf) {
  double p, r, f;
  TokenPrf("a b c d", "a b c e", &p, &r, &f);
  EXPECT_DOUBLE_EQ(p, 0.75);
  EXPECT_DOUBLE_EQ(r, 0.75);
  TokenPrf("The the", "the", &p, &r, &f);
  EXPECT_DOUBLE_EQ(p, 0.5);
  EXPECT_DOUBLE_EQ(r, 1.0);
}

TEST(SharedHtmlEvalTest, EnglishMainTextF1) {
  DYAD_REQUIRE_SHARED(dir, "news/messy_html/ground-truth.json");
  auto r = EvaluateHtmlExtraction(dir.substr(0, dir.rfind('/')));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->all.pages, 181);
  EXPECT_GE(r->by_language["en"].f1, 0.85);
}

TEST(SharedLanguageIdTest, NonEnglishIsRecognisedAndEnglishKept) {
  DYAD_REQUIRE_SHARED(ne, "news/non-english-es-fr-it.jsonl.gz");
  auto pipeline = TextPipeline::Create(TextOptions());
  ASSERT_TRUE(pipeline.ok());
  ReaderOptions o;
  o.on_issue = [](const ReadIssue&) {};
  auto count = [&](const std::string& path, size_t limit, size_t* rejected) {
    auto src = OpenArticleSource(path, o);
    size_t n = 0;
    Article a;
    *rejected = 0;
    while (n < limit && *(*src)->Next(&a)) {
      ++n;
      auto d = (*pipeline)->Process(a);
      *rejected += !d.ok() && d.status().code() == Status::Code::kNotSupported;
    }
    return n;
  };
  size_t rejected = 0;
  size_t n = count(ne, 100000, &rejected);
  EXPECT_GE(static_cast<double>(rejected) / n, 0.99) << rejected << " of " << n;
  DYAD_REQUIRE_SHARED(geo, "news/geopolitics-2022-2026.jsonl.gz");
  n = count(geo, 1000, &rejected);
  EXPECT_LE(rejected, 2u) << "English articles rejected: " << rejected << " of " << n;
}

}  // namespace
}  // namespace dyad
