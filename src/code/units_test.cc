#include "src/code/units.h"

#include <gtest/gtest.h>

#include <sstream>

#include "dyad/nlp.h"

namespace dyad {
namespace {

Sentence Words(const std::string& text) {
  Sentence s;
  std::istringstream in(text);
  std::string w;
  uint32_t pos = 0;
  while (in >> w) {
    Token t;
    t.text = w;
    t.begin = pos;
    t.end = pos + static_cast<uint32_t>(w.size());
    pos = t.end + 1;
    s.tokens.push_back(t);
  }
  return s;
}

ActorMatch M(int first, int last, const std::string& type) {
  ActorMatch m;
  m.first = first;
  m.last = last;
  EXPECT_TRUE(ParseActorType(type, &m.type)) << type;
  return m;
}

const char kSummit[] =
    "a summit between US President Donald Trump and Russian President Vladimir Putin .";

std::vector<ActorMatch> SummitMatches() {
  // US(3) President(4) Donald Trump(5-6) and(7) Russian(8) President(9) Vladimir Putin(10-11)
  return {M(3, 3, "country"), M(4, 4, "agent"),     M(5, 6, "person"),
          M(8, 8, "adjective"), M(9, 9, "agent"), M(10, 11, "person")};
}

TEST(LexiconUnitsTest, TitledNamesWithTheirNationality) {
  Sentence s = Words(kSummit);
  auto units = LexiconUnits(s, SummitMatches());
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].first, 3);
  EXPECT_EQ(units[0].last, 6);
  EXPECT_EQ(units[0].head, 5);  // "Donald", as UD heads a name on its first word
  EXPECT_EQ(units[1].first, 8);
  EXPECT_EQ(units[1].last, 11);
  EXPECT_EQ(units[1].head, 10);
}

TEST(LexiconUnitsTest, NamesTitlesAndOfPhrases) {
  Sentence s = Words("the Ministry of Defence and Saudi Arabia and Putin and President met");
  auto units = LexiconUnits(
      s, {M(1, 3, "igo"), M(5, 6, "country"), M(8, 8, "person"), M(10, 10, "agent")});
  ASSERT_EQ(units.size(), 1u);  // "of" names keep their parse; one word or a title alone: none
  EXPECT_EQ(units[0].first, 5);
  EXPECT_EQ(units[0].last, 6);
  EXPECT_EQ(units[0].head, 6);  // "Arabia"
}

TEST(LexiconUnitsTest, ParserKeepsUnitsWhole) {
  auto a = Analyzer::Load();
  if (!a.ok()) GTEST_SKIP() << "models not built: " << a.status().ToString();
  Sentence s = Words(kSummit);
  (*a)->Tag(&s);
  (*a)->Parse(&s, LexiconUnits(s, SummitMatches()));
  // Every word of "Russian President Vladimir Putin" hangs inside the unit; the head takes
  // the unit's attachment, and only the head of each unit is attached from outside.
  for (int i = 8; i <= 11; ++i) {
    if (i == 10) continue;
    EXPECT_GE(s.tokens[i].head, 8) << s.tokens[i].text;
    EXPECT_LE(s.tokens[i].head, 11) << s.tokens[i].text;
  }
  EXPECT_FALSE(s.tokens[10].head >= 8 && s.tokens[10].head <= 11);
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    int h = s.tokens[i].head;
    if (h >= 3 && h <= 6 && (i < 3 || i > 6)) {
      EXPECT_EQ(h, 5) << s.tokens[i].text;
    }
    if (h >= 8 && h <= 11 && (i < 8 || i > 11)) {
      EXPECT_EQ(h, 10) << s.tokens[i].text;
    }
  }
  EXPECT_EQ(s.tokens[11].deprel, "flat");
  EXPECT_EQ(s.tokens[8].deprel, "amod");
  // A tree: every token reaches the root.
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    int h = static_cast<int>(i), steps = 0;
    while (h >= 0 && steps++ < 100) h = s.tokens[h].head;
    EXPECT_LT(steps, 100) << "cycle at " << s.tokens[i].text;
  }
}

}  // namespace
}  // namespace dyad
