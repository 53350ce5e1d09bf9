#include "src/nlp/tokenize_eval.h"

#include <gtest/gtest.h>

#include <sstream>

#include "src/util/test_util.h"

namespace dyad {
namespace {

TEST(ConlluTest, ReadsMultiwordTokensAndRebuildsText) {
  std::istringstream in(
      "# sent_id = s1\n# text = I don't know.\n"
      "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
      "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
      "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
      "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n");
  auto s = ReadConllu(in, "test");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].sent_id, "s1");
  EXPECT_EQ((*s)[0].words.size(), 5u);
  EXPECT_EQ(RebuildText((*s)[0]), "I don't know.");
  auto score = ScoreTokenizer(*s);
  EXPECT_EQ(score.tokens.gold, 5);
  EXPECT_DOUBLE_EQ(score.tokens.f1(), 100.0);
  EXPECT_DOUBLE_EQ(score.sentences.f1(), 100.0);
}

TEST(ConlluTest, MalformedLinesNameTheLine) {
  std::istringstream in("1\tonly\tthree\n");
  auto s = ReadConllu(in, "bad.conllu");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("bad.conllu:1:"), std::string::npos);
}

// Regression floors: the levels measured when this was written (doc/text.md), less a
// small margin.
TEST(SharedTokenizeEvalTest, EwtAndPud) {
  DYAD_REQUIRE_SHARED(ewt, "nlp/ud-english-ewt/en_ewt-ud-test.conllu");
  auto gold = ReadConlluFile(ewt);
  ASSERT_TRUE(gold.ok());
  TokenizeScore s = ScoreTokenizer(*gold);
  EXPECT_GE(s.tokens.f1(), 98.3);
  EXPECT_GE(s.sentences.f1(), 92.0);
  DYAD_REQUIRE_SHARED(pud, "nlp/ud-english-pud/en_pud-ud-test.conllu");
  gold = ReadConlluFile(pud);
  ASSERT_TRUE(gold.ok());
  s = ScoreTokenizer(*gold);
  EXPECT_GE(s.tokens.f1(), 99.8);
  EXPECT_GE(s.sentences.f1(), 99.5);
  s = ScoreTokenizer(*gold, [](const ConlluSentence& c) { return c.sent_id[0] == 'n'; });
  EXPECT_GE(s.sentences.f1(), 99.3);
}

}  // namespace
}  // namespace dyad
