#include "src/code/clause.h"

#include <gtest/gtest.h>

#include <sstream>

#include "src/code/test_parse.h"

namespace dyad {
namespace {

const Predicate* Find(const std::vector<Predicate>& ps, const std::string& lemma) {
  for (const auto& p : ps) {
    if (p.lemma == lemma) return &p;
  }
  return nullptr;
}

TEST(ClauseTest, SubjectObjectOblique) {
  // Rubio met with Lavrov in Riyadh .
  auto s = ParseRows(R"(Rubio Rubio PROPN 2 nsubj
met meet VERB 0 root
with with ADP 4 case
Lavrov Lavrov PROPN 2 obl
in in ADP 6 case
Riyadh Riyadh PROPN 2 obl
. . PUNCT 2 punct)");
  auto ps = FindPredicates(s, TestWords());
  const Predicate* p = Find(ps, "meet");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->subjects, std::vector<int>({0}));
  ASSERT_EQ(p->obliques.size(), 2u);
  EXPECT_EQ(p->obliques[0].prep, "with");
  EXPECT_EQ(p->obliques[0].head, 3);
  EXPECT_EQ(p->obliques[1].prep, "in");
  EXPECT_EQ(p->modality, Modality::kAsserted);
}

TEST(ClauseTest, PassiveByAgent) {
  // Kyiv was attacked by Russian forces .
  auto s = ParseRows(R"(Kyiv Kyiv PROPN 3 nsubj:pass
was be AUX 3 aux:pass
attacked attack VERB 0 root
by by ADP 6 case
Russian Russian ADJ 6 amod
forces force NOUN 3 obl:agent
. . PUNCT 3 punct)");
  auto ps = FindPredicates(s, TestWords());
  const Predicate* p = Find(ps, "attack");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->passive);
  EXPECT_EQ(p->subjects, std::vector<int>({5}));
  EXPECT_EQ(p->objects, std::vector<int>({0}));
  EXPECT_EQ(PhraseSpan(s, 5), std::make_pair(4, 5));
}

TEST(ClauseTest, NegationAndModals) {
  auto s = ParseRows(R"(Ukraine Ukraine PROPN 4 nsubj
wo will AUX 4 aux
n't not PART 4 advmod
accept accept VERB 0 root
any any DET 6 det
outcome outcome NOUN 4 obj)");
  auto ps = FindPredicates(s, TestWords());
  EXPECT_EQ(Find(ps, "accept")->modality, Modality::kNegated);
  s = ParseRows(R"(Russia Russia PROPN 3 nsubj
could could AUX 3 aux
attack attack VERB 0 root
Kyiv Kyiv PROPN 3 obj)");
  EXPECT_EQ(FindPredicates(s, TestWords())[0].modality, Modality::kHypothetical);
  s = ParseRows(R"(Russia Russia PROPN 3 nsubj
will will AUX 3 aux
attack attack VERB 0 root
Kyiv Kyiv PROPN 3 obj)");
  EXPECT_EQ(FindPredicates(s, TestWords())[0].modality, Modality::kFuture);
}

TEST(ClauseTest, ControlAndIntent) {
  // the two countries agreed to restore staffing
  auto s = ParseRows(R"(the the DET 3 det
two two NUM 3 nummod
countries country NOUN 4 nsubj
agreed agree VERB 0 root
to to PART 6 mark
restore restore VERB 4 xcomp
staffing staffing NOUN 6 obj)");
  auto ps = FindPredicates(s, TestWords());
  const Predicate* r = Find(ps, "restore");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->subjects, std::vector<int>({2}));
  EXPECT_TRUE(r->subject_inherited);
  EXPECT_EQ(r->modality, Modality::kFuture);
  EXPECT_EQ(ps[r->governor].lemma, "agree");
  EXPECT_EQ(r->relation, "xcomp");
  // Object control: The EU urged Russia to withdraw.
  s = ParseRows(R"(EU EU PROPN 2 nsubj
urged urge VERB 0 root
Russia Russia PROPN 2 obj
to to PART 5 mark
withdraw withdraw VERB 2 xcomp)");
  ps = FindPredicates(s, TestWords());
  EXPECT_EQ(Find(ps, "withdraw")->subjects, std::vector<int>({2}));
  // Refusal negates: Iran refused to release the sailors.
  s = ParseRows(R"(Iran Iran PROPN 2 nsubj
refused refuse VERB 0 root
to to PART 4 mark
release release VERB 2 xcomp
sailors sailor NOUN 4 obj)");
  EXPECT_EQ(Find(FindPredicates(s, TestWords()), "release")->modality, Modality::kNegated);
}

TEST(ClauseTest, ReportedSpeechAndConditionals) {
  // Kyiv said Russia shelled Kharkiv .
  auto s = ParseRows(R"(Kyiv Kyiv PROPN 2 nsubj
said say VERB 0 root
Russia Russia PROPN 4 nsubj
shelled shell VERB 2 ccomp
Kharkiv Kharkiv PROPN 4 obj)");
  auto ps = FindPredicates(s, TestWords());
  const Predicate* sh = Find(ps, "shell");
  EXPECT_EQ(sh->modality, Modality::kReported);
  EXPECT_EQ(sh->speaker, 0);
  EXPECT_EQ(sh->speech_verb, 1);
  EXPECT_EQ(Find(ps, "say")->modality, Modality::kAsserted);
  // If Iran attacks Israel , ...
  s = ParseRows(R"(If if SCONJ 3 mark
Iran Iran PROPN 3 nsubj
attacks attack VERB 6 advcl
Israel Israel PROPN 3 obj
, , PUNCT 6 punct
respond respond VERB 0 root)");
  EXPECT_EQ(Find(FindPredicates(s, TestWords()), "attack")->modality, Modality::kHypothetical);
}

TEST(ClauseTest, CoordinationAndRelativeClauses) {
  // Russia and China condemned and sanctioned the US
  auto s = ParseRows(R"(Russia Russia PROPN 4 nsubj
and and CCONJ 3 cc
China China PROPN 1 conj
condemned condemn VERB 0 root
and and CCONJ 6 cc
sanctioned sanction VERB 4 conj
the the DET 8 det
US US PROPN 4 obj)");
  auto ps = FindPredicates(s, TestWords());
  EXPECT_EQ(Conjuncts(s, 0), std::vector<int>({0, 2}));
  const Predicate* sa = Find(ps, "sanction");
  EXPECT_EQ(sa->subjects, std::vector<int>({0}));
  EXPECT_TRUE(sa->subject_inherited);
  // the US , which imposed sanctions
  s = ParseRows(R"(the the DET 2 det
US US PROPN 0 root
, , PUNCT 5 punct
which which PRON 5 nsubj
imposed impose VERB 2 acl:relcl
sanctions sanction NOUN 5 obj)");
  EXPECT_EQ(Find(FindPredicates(s, TestWords()), "impose")->subjects, std::vector<int>({1}));
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST(ConjunctsTest, ListEndsAtAPhraseWithItsOwnPreposition) {
  // met with Faisal , Lavrov , at Palace , in Riyadh
  Sentence s = ParseRows(R"(met meet VERB 0 root
with with ADP 3 case
Faisal Faisal PROPN 1 obl
, , PUNCT 5 punct
Lavrov Lavrov PROPN 3 conj
, , PUNCT 8 punct
at at ADP 8 case
Palace Palace PROPN 3 conj
, , PUNCT 11 punct
in in ADP 11 case
Riyadh Riyadh PROPN 3 conj
Putin Putin PROPN 3 conj
's 's PART 12 case)");
  EXPECT_EQ(Conjuncts(s, 2), std::vector<int>({2, 4}));
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST(ClauseGerundTest, PrepositionalGerundTakesTheMainSubject) {
  // Trump justified strikes by accusing Venezuela
  Sentence s = ParseRows(R"(Trump Trump PROPN 2 nsubj
justified justify VERB 0 root
strikes strike NOUN 2 obj
by by SCONJ 5 mark
accusing accuse VERB 2 advcl
Venezuela Venezuela PROPN 5 obj)");
  s.tokens[4].xpos = "VBG";
  auto ps = FindPredicates(s, TestWords());
  const Predicate* accuse = nullptr;
  for (const Predicate& p : ps) {
    if (p.lemma == "accuse") accuse = &p;
  }
  ASSERT_NE(accuse, nullptr);
  EXPECT_EQ(accuse->subjects, std::vector<int>({0}));
  EXPECT_TRUE(accuse->subject_inherited);
  // Without a preposition ("..., killing 40") the clause keeps no subject.
  s.tokens[3].deprel = "advmod";
  for (const Predicate& p : FindPredicates(s, TestWords())) {
    if (p.lemma == "accuse") {
      EXPECT_TRUE(p.subjects.empty());
    }
  }
}

}  // namespace
}  // namespace dyad
