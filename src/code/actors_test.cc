#include "src/code/actors.h"

#include <gtest/gtest.h>

#include "src/code/test_parse.h"

namespace dyad {
namespace {

class ActorResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lex_.Add("russian", "RUS", "adjective", "RUS");
    lex_.Add("russia", "RUS", "country", "RUS");
    lex_.Add("foreign minister", "GOV", "agent");
    lex_.Add("sergei lavrov", "RUSGOV", "person", "RUS");
    lex_.Add("ukraine", "UKR", "country", "UKR");
    lex_.Add("united states", "USA", "country", "USA");
    k_.actors = &lex_;
    k_.words = &TestWords();
    article_.id = "a";
    article_.date = "2025-02-18";
  }

  Sentence Parse(const std::string& rows) {
    article_.text.clear();
    return ParseRows(rows, &article_.text);
  }

  TestLexicon lex_;
  CoderKnowledge k_;
  SentenceCoderOptions o_;
  Article article_;
  ArticleMemory memory_;
};

TEST_F(ActorResolverTest, TitledNameWithNationalityIsThePerson) {
  Sentence s = Parse(R"(Russian Russian ADJ 5 amod
Foreign Foreign PROPN 3 compound
Minister Minister PROPN 5 compound
Sergei Sergei PROPN 5 compound
Lavrov Lavrov PROPN 6 nsubj
spoke speak VERB 0 root)");
  ActorResolver r(article_, s, 0, k_, o_, &memory_, nullptr);
  auto who = r.ResolveAll({4});
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].code, "RUSGOV");
  EXPECT_EQ(who[0].type, ActorType::kPerson);
}

TEST_F(ActorResolverTest, CoordinatedCountriesAreOneActorEach) {
  Sentence s = Parse(R"(Russia Russia PROPN 5 nsubj
and and CCONJ 4 cc
the the DET 4 det
Ukraine Ukraine PROPN 1 conj
met meet VERB 0 root)");
  ActorResolver r(article_, s, 0, k_, o_, &memory_, nullptr);
  auto who = r.ResolveAll({0});
  ASSERT_EQ(who.size(), 2u);
  EXPECT_EQ(who[0].code, "RUS");
  EXPECT_EQ(who[1].code, "UKR");
}

TEST_F(ActorResolverTest, PronounsAndDescriptionsReadTheArticleMemory) {
  Sentence first = Parse(R"(Sergei Sergei PROPN 2 compound
Lavrov Lavrov PROPN 3 nsubj
arrived arrive VERB 0 root)");
  {
    ActorResolver r(article_, first, 0, k_, o_, &memory_, nullptr);
    r.Remember();
  }
  ASSERT_FALSE(memory_.seen.empty());
  Sentence second = Parse(R"(He he PRON 2 nsubj
spoke speak VERB 0 root)");
  ActorResolver r(article_, second, 1, k_, o_, &memory_, nullptr);
  auto who = r.Resolve(0);
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].code, "RUSGOV");
  EXPECT_TRUE(r.pronoun_resolved());
  // Nothing to refer to: an unknown common noun resolves to nothing.
  Sentence third = Parse(R"(Farmers farmer NOUN 2 nsubj
protested protest VERB 0 root)");
  ArticleMemory empty;
  ActorResolver r3(article_, third, 0, k_, o_, &empty, nullptr);
  EXPECT_TRUE(r3.Resolve(0).empty());
}

TEST_F(ActorResolverTest, FirstPersonInAQuoteIsItsSpeaker) {
  // " We will respond , " Lavrov said .
  Sentence s = Parse(R"(" " PUNCT 4 punct
We we PRON 4 nsubj
will will AUX 4 aux
respond respond VERB 0 root
, , PUNCT 4 punct
" " PUNCT 4 punct
Sergei Sergei PROPN 9 compound
Lavrov Lavrov PROPN 9 nsubj
said say VERB 4 parataxis
. . PUNCT 4 punct)");
  ActorResolver r(article_, s, 0, k_, o_, &memory_, nullptr);
  auto who = r.Resolve(1);
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].code, "RUSGOV");
  EXPECT_EQ(who[0].text, "We");
  // Outside quotation marks "we" is the writer's, not resolved.
  Sentence plain = Parse(R"(We we PRON 2 nsubj
respond respond VERB 0 root)");
  ActorResolver r2(article_, plain, 0, k_, o_, &memory_, nullptr);
  EXPECT_TRUE(r2.Resolve(0).empty());
}

}  // namespace
}  // namespace dyad
