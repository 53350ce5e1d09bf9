#include "src/code/when_where.h"

#include <gtest/gtest.h>

#include "src/code/test_parse.h"

namespace dyad {
namespace {

TEST(EventDaterTest, DateModifyingTheVerbWinsReferencesDoNot) {
  Article a;
  a.date = "2025-02-18";
  // Rubio met Lavrov on Monday .
  Sentence s = ParseRows(R"(Rubio Rubio PROPN 2 nsubj
met meet VERB 0 root
Lavrov Lavrov PROPN 2 obj
on on ADP 5 case
Monday Monday PROPN 2 obl
. . PUNCT 2 punct)",
                         &a.text);
  std::vector<Predicate> preds = FindPredicates(s, TestWords());
  ASSERT_FALSE(preds.empty());
  EventDater dater(a, s, TestWords());
  EventDate d = dater.For(preds[0], Modality::kAsserted);
  EXPECT_EQ(d.date, "2025-02-17");
  EXPECT_EQ(d.basis, DateBasis::kRelative);

  Article b;
  b.date = "2025-02-18";
  // Rubio postponed the visit until Monday : a reference, not the event's date.
  Sentence r = ParseRows(R"(Rubio Rubio PROPN 2 nsubj
postponed postpone VERB 0 root
the the DET 4 det
visit visit NOUN 2 obj
until until ADP 6 case
Monday Monday PROPN 2 obl)",
                         &b.text);
  EventDater dater2(b, r, TestWords());
  EventDate d2 = dater2.For(FindPredicates(r, TestWords())[0], Modality::kAsserted);
  EXPECT_EQ(d2.date, "2025-02-18");
  EXPECT_EQ(d2.basis, DateBasis::kArticle);
}

// The date of the first predicate of `rows` (verb at token `verb` tagged `xpos`), for an
// article of 2025-02-18.
EventDate DateOf(const std::string& rows, int verb, const std::string& xpos) {
  Article a;
  a.date = "2025-02-18";
  Sentence s = ParseRows(rows, &a.text);
  s.tokens[verb].xpos = xpos;
  EventDater dater(a, s, TestWords());
  return dater.For(FindPredicates(s, TestWords())[0], Modality::kAsserted);
}

TEST(EventDaterTest, BackgroundActsAreFlaggedNotDatedByTheArticle) {
  const std::string chad = "Chad Chad PROPN 3 nsubj\n";
  const std::string attacked = "attacked attack VERB 0 root\nNiger Niger PROPN 3 obj\n";
  // Chad had attacked Niger .
  EXPECT_EQ(DateOf(chad + "had have AUX 3 aux\n" + attacked, 2, "VBN").basis, DateBasis::kBackground);
  // Chad has attacked Niger : the present perfect is news.
  EXPECT_EQ(DateOf(chad + "has have AUX 3 aux\n" + attacked, 2, "VBN").basis, DateBasis::kArticle);
  // ... since Chad attacked Niger
  EventDate d = DateOf("since since SCONJ 3 mark\n" + chad + attacked, 2, "VBD");
  EXPECT_EQ(d.basis, DateBasis::kBackground);
  EXPECT_EQ(d.date, "2025-02-18");  // the upper bound
}

TEST(PlaceOfTest, ProperNounObliqueWithAKnownCountry) {
  Article a;
  // Rubio met Lavrov in Riyadh .
  Sentence s = ParseRows(R"(Rubio Rubio PROPN 2 nsubj
met meet VERB 0 root
Lavrov Lavrov PROPN 2 obj
in in ADP 5 case
Riyadh Riyadh PROPN 2 obl
. . PUNCT 2 punct)",
                         &a.text);
  auto preds = FindPredicates(s, TestWords());
  ActorMatch riyadh;
  riyadh.first = riyadh.last = 4;
  riyadh.code = "SAU";
  riyadh.country = "SAU";
  Location loc = PlaceOf(a, s, preds[0], {riyadh}, nullptr);
  EXPECT_EQ(loc.text, "Riyadh");
  EXPECT_EQ(loc.country, "SAU");
  EXPECT_EQ(a.text.substr(loc.begin, loc.end - loc.begin), "Riyadh");
  EXPECT_TRUE(PlaceOf(a, s, preds[0], {}, nullptr).text.empty());  // no country known
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST(EventDaterTest, EventNounTakesItsOwnYear) {
  Article a;
  a.date = "2025-02-18";
  // the 2014 annexation
  Sentence s = ParseRows(R"(the the DET 3 det
2014 2014 NUM 3 nummod
annexation annexation NOUN 0 root)",
                         &a.text);
  Predicate p;
  p.verb = 2;
  EventDater dater(a, s, TestWords());
  EventDate d = dater.For(p, Modality::kAsserted);
  EXPECT_EQ(d.date.substr(0, 4), "2014");
  EXPECT_EQ(d.precision, DatePrecision::kYear);
}

}  // namespace
}  // namespace dyad
