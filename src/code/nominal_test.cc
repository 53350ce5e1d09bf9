#include "src/code/nominal.h"

#include <gtest/gtest.h>

#include <tuple>

namespace dyad {
namespace {

// A parsed sentence from (text, upos, head, deprel) rows; heads are 0-based, -1 = root.
Sentence Parsed(const std::vector<std::tuple<std::string, std::string, int, std::string>>& rows) {
  Sentence s;
  for (const auto& [text, upos, head, rel] : rows) {
    Token t;
    t.text = text;
    t.upos = upos;
    t.head = head;
    t.deprel = rel;
    s.tokens.push_back(t);
  }
  return s;
}

NominalLexicon Lexicon() {
  NominalLexicon lex;
  std::vector<std::string> problems;
  lex.Parse(
      "# comment\n"
      "@unreal | possible\n"
      "@future | upcoming\n"
      "@light | wage; launch\n"
      "190 | invasion; war | of on with | mutual\n"
      "046 | talks | with | mutual\n"
      "195 | airstrikes | on\n",
      "test.txt", &problems);
  EXPECT_TRUE(problems.empty());
  return lex;
}

TEST(NominalTest, ParsesAndReportsBadLines) {
  NominalLexicon lex;
  std::vector<std::string> problems;
  lex.Parse("19x | war | on\n190 | war | on | both\n190 | air strike | on\n190\n046 | talks\n"
            "@later | soon\n",
            "n.txt", &problems);
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_NE(problems[4].find("n.txt:6: unknown directive '@later'"), std::string::npos);
  EXPECT_NE(problems[0].find("n.txt:1: event code '19x'"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("n.txt:2: fourth field"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("n.txt:3: 'air strike' has a space"), std::string::npos);
  EXPECT_NE(problems[3].find("n.txt:4: expected"), std::string::npos) << problems[3];
  EXPECT_EQ(lex.size(), 1u);  // "talks", with no target prepositions
  EXPECT_FALSE(lex.LoadFile("/nonexistent/nominal.txt", &problems).ok());
}

TEST(NominalTest, PossessorAndTarget) {
  // Russia 's invasion of Ukraine
  Sentence s = Parsed({{"Russia", "PROPN", 2, "nmod:poss"},
                       {"'s", "PART", 0, "case"},
                       {"invasion", "NOUN", -1, "root"},
                       {"of", "ADP", 4, "case"},
                       {"Ukraine", "PROPN", 2, "nmod"}});
  NominalLexicon lex = Lexicon();
  auto found = FindNominalPredicates(s, lex, [](int t) { return t == 0 || t == 4; });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].noun, 2);
  EXPECT_EQ(found[0].entry->code, "190");
  EXPECT_EQ(found[0].sources, std::vector<int>{0});
  EXPECT_EQ(found[0].targets, std::vector<int>{4});
  EXPECT_FALSE(found[0].mutual);  // "of" is one-sided
  EXPECT_FALSE(found[0].reciprocal);
  // Without an actor on the possessor, no source: nothing.
  EXPECT_TRUE(FindNominalPredicates(s, lex, [](int t) { return t == 4; }).empty());
}

TEST(NominalTest, BetweenSidesAreReciprocal) {
  // talks between the US and Iran
  Sentence s = Parsed({{"talks", "NOUN", -1, "root"},
                       {"between", "ADP", 3, "case"},
                       {"the", "DET", 3, "det"},
                       {"US", "PROPN", 0, "nmod"},
                       {"and", "CCONJ", 5, "cc"},
                       {"Iran", "PROPN", 3, "conj"}});
  NominalLexicon lex = Lexicon();
  auto found = FindNominalPredicates(s, lex, [](int t) { return t == 3 || t == 5; });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].reciprocal);
  EXPECT_EQ(found[0].sources, (std::vector<int>{3, 5}));
  EXPECT_TRUE(found[0].targets.empty());
}

TEST(NominalTest, ModifiersWithAndUnreal) {
  // Israeli airstrikes on Gaza ; Israel 's war with Hamas ; possible airstrikes on Gaza
  Sentence a = Parsed({{"Israeli", "ADJ", 1, "amod"},
                       {"airstrikes", "NOUN", -1, "root"},
                       {"on", "ADP", 3, "case"},
                       {"Gaza", "PROPN", 1, "nmod"}});
  NominalLexicon lex = Lexicon();
  auto found = FindNominalPredicates(a, lex, [](int t) { return t == 0 || t == 3; });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].sources, std::vector<int>{0});
  EXPECT_EQ(found[0].targets, std::vector<int>{3});
  Sentence b = Parsed({{"Israel", "PROPN", 2, "nmod:poss"},
                       {"'s", "PART", 0, "case"},
                       {"war", "NOUN", -1, "root"},
                       {"with", "ADP", 4, "case"},
                       {"Hamas", "PROPN", 2, "nmod"}});
  found = FindNominalPredicates(b, lex, [](int t) { return t == 0 || t == 4; });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].mutual);
  Sentence c = Parsed({{"possible", "ADJ", 2, "amod"},
                       {"Israeli", "ADJ", 2, "amod"},
                       {"airstrikes", "NOUN", -1, "root"},
                       {"on", "ADP", 4, "case"},
                       {"Gaza", "PROPN", 2, "nmod"}});
  EXPECT_TRUE(FindNominalPredicates(c, lex, [](int t) { return t == 1 || t == 4; }).empty());
  c.tokens[0].text = "deadly";
  found = FindNominalPredicates(c, lex, [](int t) { return t == 1 || t == 4; });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].future);
  c.tokens[0].text = "upcoming";
  found = FindNominalPredicates(c, lex, [](int t) { return t == 1 || t == 4; });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].future);
}

TEST(NominalTest, LightVerbSubjectIsTheSource) {
  // Israel launched airstrikes against Hezbollah ("against" on the verb)
  Sentence s = Parsed({{"Israel", "PROPN", 1, "nsubj"},
                       {"launched", "VERB", -1, "root"},
                       {"airstrikes", "NOUN", 1, "obj"},
                       {"against", "ADP", 4, "case"},
                       {"Hezbollah", "PROPN", 1, "obl"}});
  s.tokens[1].lemma = "launch";
  NominalLexicon lex = Lexicon();
  std::vector<std::string> problems;
  lex.Parse("195 | airstrikes | on against\n", "more.txt", &problems);
  auto found = FindNominalPredicates(s, lex, [](int t) { return t == 0 || t == 4; });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].sources, std::vector<int>{0});
  EXPECT_EQ(found[0].targets, std::vector<int>{4});
  // Not a light verb: "Iran condemned airstrikes against Hezbollah" names no doer.
  s.tokens[1].lemma = "condemn";
  EXPECT_TRUE(FindNominalPredicates(s, lex, [](int t) { return t == 0 || t == 4; }).empty());
}

TEST(NominalTest, SubjectOfACopularEventNounIsTheSource) {
  // Chad and Niger are in talks with Mali
  Sentence s = Parsed({{"Chad", "PROPN", 5, "nsubj"},
                       {"and", "CCONJ", 2, "cc"},
                       {"Niger", "PROPN", 0, "conj"},
                       {"are", "AUX", 5, "cop"},
                       {"in", "ADP", 5, "case"},
                       {"talks", "NOUN", -1, "root"},
                       {"with", "ADP", 7, "case"},
                       {"Mali", "PROPN", 5, "nmod"}});
  NominalLexicon lex = Lexicon();
  auto actors = [](int t) { return t == 0 || t == 2 || t == 7; };
  auto found = FindNominalPredicates(s, lex, actors);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].sources, (std::vector<int>{0, 2}));
  EXPECT_EQ(found[0].targets, std::vector<int>{7});
  EXPECT_TRUE(found[0].mutual);
  // Without a target the subjects talk with each other.
  s.tokens.resize(6);
  found = FindNominalPredicates(s, lex, actors);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].reciprocal);
  // Not "in": "The talks were a success" names no doer.
  s.tokens[4].text = "a";
  s.tokens[4].deprel = "det";
  EXPECT_TRUE(FindNominalPredicates(s, lex, actors).empty());
}

}  // namespace
}  // namespace dyad
