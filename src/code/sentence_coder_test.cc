#include "src/code/sentence_coder.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "src/code/test_parse.h"

namespace dyad {
namespace {

VerbPattern Pat(const std::string& code, const std::string& verb) {
  VerbPattern p;
  p.code = code;
  p.verb = verb;
  p.text = verb;
  p.origin = "test";
  return p;
}

class SentenceCoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lex_.Add("russia", "RUS", "country", "RUS");
    lex_.Add("russian", "RUS", "adjective", "RUS");
    lex_.Add("ukraine", "UKR", "country", "UKR");
    lex_.Add("china", "CHN", "country", "CHN");
    lex_.Add("kyiv", "UKRGOV", "metonym", "UKR");
    lex_.Add("marco rubio", "USAGOV", "person", "USA");
    lex_.Add("rubio", "USAGOV", "person", "USA");
    lex_.Add("sergei lavrov", "RUSGOV", "person", "RUS");
    lex_.Add("lavrov", "RUSGOV", "person", "RUS");
    lex_.Add("kaja kallas", "ESTGOV", "person", "EST");
    lex_.Add("the us", "USA", "country", "USA");
    lex_.Add("foreign minister", "GOV", "agent");
    lex_.Add("troops", "MIL", "agent");
    VerbPattern meet = Pat("036", "meet");
    meet.slots.push_back({"with", PatternSlot::Kind::kTarget, {}});
    patterns_.Add(meet);
    VerbPattern attack = Pat("190", "attack");
    attack.object_target = true;
    patterns_.Add(attack);
    VerbPattern impose = Pat("163", "impose");
    impose.object_nouns = {"sanction", "sanctions"};
    impose.slots.push_back({"on", PatternSlot::Kind::kTarget, {}});
    patterns_.Add(impose);
    VerbPattern shell = Pat("195", "shell");
    shell.object_target = true;
    patterns_.Add(shell);
    VerbPattern condemn = Pat("111", "condemn");
    condemn.object_nouns = {"decision", "move"};
    patterns_.Add(condemn);
    VerbPattern open = Pat("046", "open");
    open.object_nouns = {"talks"};
    open.slots.push_back({"with", PatternSlot::Kind::kTarget, {}});
    patterns_.Add(open);
    VerbPattern mediate = Pat("045", "mediate");
    mediate.object_nouns = {"truce"};
    patterns_.Add(mediate);
    VerbPattern critical = Pat("111", "critical");
    critical.slots.push_back({"of", PatternSlot::Kind::kTarget, {}});
    patterns_.Add(critical);
    VerbPattern send = Pat("072", "send");
    send.object_nouns = {"weapons"};
    send.slots.push_back({"to", PatternSlot::Kind::kTarget, {}});
    patterns_.Add(send);
    VerbPattern praise = Pat("051", "praise");
    praise.object_target = true;
    patterns_.Add(praise);
    VerbPattern agree = Pat("032", "agree");
    agree.xcomp = "restore";
    patterns_.Add(agree);
    cameo_["036"] = {"036", "Express intent to meet or negotiate", 4.0, 1, "CONSULT", "", ""};
    cameo_["190"] = {"190", "Use conventional military force", -10.0, 4, "ASSAULT", "", ""};
    cameo_["163"] = {"163", "Impose embargo, boycott, or sanctions", -8.0, 4, "COERCE", "", ""};
    cameo_["195"] = {"195", "Employ aerial weapons", -10.0, 4, "ASSAULT", "", ""};
    cameo_["111"] = {"111", "Criticize or denounce", -2.0, 3, "ACCUSE", "", ""};
    cameo_["046"] = {"046", "Engage in negotiation", 7.0, 1, "CONSULT", "", ""};
    cameo_["045"] = {"045", "Mediate", 5.0, 1, "CONSULT", "", ""};
    cameo_["072"] = {"072", "Provide military aid", 8.3, 2, "AID", "", ""};
    cameo_["051"] = {"051", "Praise or endorse", 3.4, 1, "SUPPORT", "", ""};
    cameo_["032"] = {
        "032", "Express intent to engage in diplomatic cooperation", 4.5, 1, "AGREE", "", ""};
    k_.actors = &lex_;
    k_.patterns = &patterns_;
    k_.words = &TestWords();
    k_.conventions = &TestConventions();
    k_.cameo = [this](const std::string& c) -> const CameoInfo* {
      auto it = cameo_.find(c);
      return it == cameo_.end() ? nullptr : &it->second;
    };
    article_.id = "t1";
    article_.date = "2025-02-18";
  }

  std::vector<Event> Code(const std::string& rows) {
    article_.text.clear();
    Sentence s = ParseRows(rows, &article_.text);
    return CodeSentence(article_, s, 0, k_, SentenceCoderOptions(), &memory_);
  }

  TestLexicon lex_;
  PatternSet patterns_;
  std::map<std::string, CameoInfo> cameo_;
  CoderKnowledge k_;
  Article article_;
  ArticleMemory memory_;
};

TEST_F(SentenceCoderTest, MeetWithTarget) {
  auto ev = Code(R"(Rubio Rubio PROPN 2 nsubj
met meet VERB 0 root
with with ADP 4 case
Lavrov Lavrov PROPN 2 obl
. . PUNCT 2 punct)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "USAGOV");
  EXPECT_EQ(ev[0].target.code, "RUSGOV");
  EXPECT_EQ(ev[0].cameo, "036");
  EXPECT_EQ(ev[0].root, "03");
  EXPECT_EQ(ev[0].quad, 1);
  EXPECT_EQ(ev[0].plover_event, "CONSULT");
  EXPECT_EQ(ev[0].verb_text, "met");
  EXPECT_EQ(ev[0].source.text, "Rubio");
  EXPECT_EQ(article_.text.substr(ev[0].target.begin, ev[0].target.end - ev[0].target.begin),
            "Lavrov");
  EXPECT_EQ(ev[0].date.date, "2025-02-18");
  EXPECT_EQ(ev[0].date.basis, DateBasis::kArticle);
  EXPECT_NE(ev[0].reason.find("036"), std::string::npos);
  EXPECT_EQ(ev[0].modality, Modality::kAsserted);
}

TEST_F(SentenceCoderTest, CompoundSubjectIsReciprocal) {
  auto ev = Code(R"(Marco Marco PROPN 2 compound
Rubio Rubio PROPN 6 nsubj
and and CCONJ 5 cc
Sergei Sergei PROPN 5 compound
Lavrov Lavrov PROPN 2 conj
met meet VERB 0 root
on on ADP 8 case
Tuesday Tuesday PROPN 6 obl)");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].source.code, "USAGOV");
  EXPECT_EQ(ev[0].target.code, "RUSGOV");
  EXPECT_EQ(ev[1].source.code, "RUSGOV");
  EXPECT_EQ(ev[1].target.code, "USAGOV");
  EXPECT_EQ(ev[0].mention_group, ev[1].mention_group);
  EXPECT_EQ(ev[0].date.date, "2025-02-18");  // Tuesday of the article's week
  EXPECT_EQ(ev[0].date.basis, DateBasis::kRelative);
}

TEST_F(SentenceCoderTest, PassiveAndAgentTitles) {
  // Kyiv was attacked by Russian troops .
  auto ev = Code(R"(Kyiv Kyiv PROPN 3 nsubj:pass
was be AUX 3 aux:pass
attacked attack VERB 0 root
by by ADP 6 case
Russian Russian ADJ 6 amod
troops troops NOUN 3 obl:agent
. . PUNCT 3 punct)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "RUSMIL");
  EXPECT_EQ(ev[0].source.text, "Russian troops");
  EXPECT_EQ(ev[0].target.code, "UKRGOV");
  EXPECT_EQ(ev[0].quad, 4);
}

TEST_F(SentenceCoderTest, ObjectNounsAndNounObliques) {
  // The US imposed sanctions on Russia .
  auto ev = Code(R"(The the DET 2 det
US US PROPN 3 nsubj
imposed impose VERB 0 root
sanctions sanction NOUN 3 obj
on on ADP 6 case
Russia Russia PROPN 4 nmod)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "USA");
  EXPECT_EQ(ev[0].target.code, "RUS");
  EXPECT_EQ(ev[0].cameo, "163");
}

TEST_F(SentenceCoderTest, ObjectNounPatternTakesTheNounsOwnerOrAgentAsTarget) {
  // Ukraine condemned Russia's decision .
  auto ev = Code(R"(Ukraine Ukraine PROPN 2 nsubj
condemned condemn VERB 0 root
Russia Russia PROPN 5 nmod:poss
's 's PART 3 case
decision decision NOUN 2 obj
. . PUNCT 2 punct)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "111");
  EXPECT_EQ(ev[0].target.code, "RUS");
  // Ukraine condemned the move by China .
  ev = Code(R"(Ukraine Ukraine PROPN 2 nsubj
condemned condemn VERB 0 root
the the DET 4 det
move move NOUN 2 obj
by by ADP 6 case
China China PROPN 4 nmod)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].target.code, "CHN");
  // Its own decision has no other actor: no target, and 111 is not coded without one.
  ev = Code(R"(Ukraine Ukraine PROPN 2 nsubj
condemned condemn VERB 0 root
its its PRON 4 nmod:poss
decision decision NOUN 2 obj
. . PUNCT 2 punct)");
  for (const Event& e : ev) EXPECT_TRUE(e.target.code.empty() || e.target.code != "UKR");
}

TEST_F(SentenceCoderTest, JointActionOnAReciprocalNounIsReciprocal) {
  // Russia and Ukraine opened talks . / Russia and Ukraine mediated the truce .
  const std::string subject = "Russia Russia PROPN 4 nsubj\nand and CCONJ 3 cc\n"
                              "Ukraine Ukraine PROPN 1 conj\n";
  auto ev = Code(subject + "opened open VERB 0 root\ntalks talks NOUN 4 obj\n. . PUNCT 4 punct");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].cameo, "046");
  EXPECT_EQ(ev[0].source.code, "RUS");
  EXPECT_EQ(ev[0].target.code, "UKR");
  EXPECT_EQ(ev[1].source.code, "UKR");
  EXPECT_EQ(ev[1].target.code, "RUS");
  // Mediating is done for others: no mediator is the other's target.
  ev = Code(subject + "mediated mediate VERB 0 root\nthe the DET 6 det\ntruce truce NOUN 4 obj");
  ASSERT_FALSE(ev.empty());
  for (const Event& e : ev) EXPECT_EQ(e.target.code, "") << e.source.code;
}

TEST_F(SentenceCoderTest, CopularAdjectiveAndDativeArguments) {
  // Ukraine is critical of China .
  auto ev = Code(R"(Ukraine Ukraine PROPN 3 nsubj
is be AUX 3 cop
critical critical ADJ 0 root
of of ADP 5 case
China China PROPN 3 obl)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "111");
  EXPECT_EQ(ev[0].source.code, "UKR");
  EXPECT_EQ(ev[0].target.code, "CHN");
  // "the critical talks": an adjective without a copula is no predicate.
  ev = Code(R"(Ukraine Ukraine PROPN 2 nsubj
ended end VERB 0 root
critical critical ADJ 4 amod
talks talk NOUN 2 obj)");
  EXPECT_TRUE(ev.empty());
  // China sent Russia weapons : the dative fills the "to" slot.
  ev = Code(R"(China China PROPN 2 nsubj
sent send VERB 0 root
Russia Russia PROPN 2 iobj
weapons weapons NOUN 2 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "072");
  EXPECT_EQ(ev[0].target.code, "RUS");
}

TEST_F(SentenceCoderTest, PronounsRespectGenderAndTheirClausesSubject) {
  // Kaja Kallas met Marco Rubio .
  Code(R"(Kaja Kaja PROPN 2 compound
Kallas Kallas PROPN 3 nsubj
met meet VERB 0 root
Marco Marco PROPN 5 compound
Rubio Rubio PROPN 3 obj)");
  // She praised him : she is Kallas although Rubio was named last, and him is not she.
  auto ev = Code(R"(She she PRON 2 nsubj
praised praise VERB 0 root
him he PRON 2 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "ESTGOV");
  EXPECT_EQ(ev[0].target.code, "USAGOV");
  // He praised her : the other way round.
  ev = Code(R"(He he PRON 2 nsubj
praised praise VERB 0 root
her she PRON 2 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "USAGOV");
  EXPECT_EQ(ev[0].target.code, "ESTGOV");
}

TEST_F(SentenceCoderTest, NegationReportedSpeechAndUnknownActors) {
  auto ev = Code(R"(Russia Russia PROPN 4 nsubj
did do AUX 4 aux
not not PART 4 advmod
attack attack VERB 0 root
Ukraine Ukraine PROPN 4 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].modality, Modality::kNegated);
  // Kyiv said Russia shelled Kharkiv (Kharkiv is not in the test lexicon).
  ev = Code(R"(Kyiv Kyiv PROPN 2 nsubj
said say VERB 0 root
Russia Russia PROPN 4 nsubj
shelled shell VERB 2 ccomp
Kharkiv Kharkiv PROPN 4 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].modality, Modality::kReported);
  EXPECT_EQ(ev[0].speaker.code, "UKRGOV");
  EXPECT_EQ(ev[0].target.type, ActorType::kUnknown);
  EXPECT_EQ(ev[0].target.text, "Kharkiv");
  EXPECT_EQ(ev[0].target.code, "");
}

TEST_F(SentenceCoderTest, XcompPatternConsumesTheInnerVerb) {
  // Russia and China agreed to restore ties .
  auto ev = Code(R"(Russia Russia PROPN 4 nsubj
and and CCONJ 3 cc
China China PROPN 1 conj
agreed agree VERB 0 root
to to PART 6 mark
restore restore VERB 4 xcomp
ties tie NOUN 6 obj)");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].cameo, "032");
  EXPECT_EQ(ev[0].source.code, "RUS");
  EXPECT_EQ(ev[0].target.code, "CHN");
}

TEST_F(SentenceCoderTest, PronounsResolveWithinTheArticle) {
  Code(R"(Lavrov Lavrov PROPN 2 nsubj
spoke speak VERB 0 root)");
  auto ev = Code(R"(He he PRON 2 nsubj
met meet VERB 0 root
with with ADP 4 case
Rubio Rubio PROPN 2 obl)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "RUSGOV");
  EXPECT_EQ(ev[0].source.text, "He");
  EXPECT_NE(ev[0].reason.find("coreference"), std::string::npos);
}

TEST_F(SentenceCoderTest, PrepositionalModifiersDoNotMakeTheHeadAnActor) {
  // Russia attacked ties with China : "ties" is no actor, China is inside its PP.
  auto ev = Code(R"(Russia Russia PROPN 2 nsubj
attacked attack VERB 0 root
ties tie NOUN 2 obj
with with ADP 5 case
China China PROPN 3 nmod)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].target.code, "");
  // Russian troops attacked Ukraine : the nationality inside the phrase proper still counts.
  ev = Code(R"(Russian Russian ADJ 2 amod
forces force NOUN 3 nsubj
attacked attack VERB 0 root
Ukraine Ukraine PROPN 3 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "RUS");
}

TEST_F(SentenceCoderTest, CoordinatedTitlesShareTheirCountry) {
  lex_.Add("officials", "GOV", "agent");
  // Russian troops and officials attacked Ukraine .
  auto ev = Code(R"(Russian Russian ADJ 2 amod
troops troops NOUN 5 nsubj
and and CCONJ 4 cc
officials officials NOUN 2 conj
attacked attack VERB 0 root
Ukraine Ukraine PROPN 5 obj)");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].source.code, "RUSMIL");
  EXPECT_EQ(ev[1].source.code, "RUSGOV");
}

TEST_F(SentenceCoderTest, NamesKnownByTitleAreRememberedAndPlacesBeforeNamesDropped) {
  lex_.Add("president", "GOV", "agent");
  // Russian President Kyiv Petrov attacked Ukraine : "Kyiv" here is a first name.
  auto ev = Code(R"(Russian Russian ADJ 4 amod
President President PROPN 4 compound
Kyiv Kyiv PROPN 4 flat
Petrov Petrov PROPN 5 nsubj
attacked attack VERB 0 root
Ukraine Ukraine PROPN 5 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "RUSGOV");
  // Petrov attacked Ukraine : the surname alone, later in the article.
  ev = Code(R"(Petrov Petrov PROPN 2 nsubj
attacked attack VERB 0 root
Ukraine Ukraine PROPN 2 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "RUSGOV");
  EXPECT_NE(ev[0].source.entries.back().find("named by title"), std::string::npos);
}

TEST_F(SentenceCoderTest, NegationsFromTheInternalCodingOntology) {
  std::map<std::string, std::string> negations = {{"190", "050"}};
  k_.negations = &negations;
  cameo_["050"] = {"050", "Engage in diplomatic cooperation", 3.5, 2, "COOPERATE", "", ""};
  auto ev = Code(R"(Russia Russia PROPN 4 nsubj
did do AUX 4 aux
not not PART 4 advmod
attack attack VERB 0 root
Ukraine Ukraine PROPN 4 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "050");
  EXPECT_EQ(ev[0].modality, Modality::kAsserted);
  EXPECT_NE(ev[0].reason.find("negated 190 -> 050"), std::string::npos) << ev[0].reason;
}

TEST_F(SentenceCoderTest, FinalAttributionAndNamesInsideOneParsedPhrase) {
  // Russia and China attacked Ukraine , Kyiv said . ("Russia" parsed as a compound of "China")
  auto ev = Code(R"(Russia Russia PROPN 3 compound
and and CCONJ 3 cc
China China PROPN 4 nsubj
attacked attack VERB 0 root
Ukraine Ukraine PROPN 4 obj
, , PUNCT 8 punct
Kyiv Kyiv PROPN 8 nsubj
said say VERB 4 parataxis)");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].source.code, "RUS");
  EXPECT_EQ(ev[1].source.code, "CHN");
  EXPECT_EQ(ev[0].modality, Modality::kReported);
  EXPECT_EQ(ev[0].speaker.code, "UKRGOV");
}

TEST_F(SentenceCoderTest, OrganisationDescriptions) {
  lex_.Add("hamas", "PSEREBHMS", "group", "PSE");
  Code(R"(Hamas Hamas PROPN 2 nsubj
spoke speak VERB 0 root)");
  auto ev = Code(R"(The the DET 2 det
group group NOUN 3 nsubj
attacked attack VERB 0 root
Russia Russia PROPN 3 obj)");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "PSEREBHMS");
  EXPECT_NE(ev[0].reason.find("coreference"), std::string::npos);
}

TEST_F(SentenceCoderTest, MutualFightingAndOrphanParticiples) {
  VerbPattern clash = Pat("190", "clash");
  clash.slots.push_back({"with", PatternSlot::Kind::kTarget, {}});
  patterns_.Add(clash);
  // Russia clashed with Ukraine : both directions.
  auto ev = Code(R"(Russia Russia PROPN 2 nsubj
clashed clash VERB 0 root
with with ADP 4 case
Ukraine Ukraine PROPN 2 obl)");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].source.code, "RUS");
  EXPECT_EQ(ev[1].source.code, "UKR");
  EXPECT_EQ(ev[1].target.code, "RUS");
  // Russian troops shelled Ukraine . ("shelled" parsed as a participle of "troops", the
  // full stop as root)
  article_.text.clear();
  Sentence s = ParseRows(R"(Russian Russian ADJ 2 amod
troops troops NOUN 5 nsubj
shelled shell VERB 2 acl
Ukraine Ukraine PROPN 3 obj
. . PUNCT 0 root)",
                         &article_.text);
  s.tokens[2].xpos = "VBD";
  ev = CodeSentence(article_, s, 0, k_, SentenceCoderOptions(), &memory_);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source.code, "RUSMIL");
  EXPECT_EQ(ev[0].target.code, "UKR");
}

TEST_F(SentenceCoderTest, DiscardedSentencesAreNotCoded) {
  std::vector<DiscardRule> discards = {{"sport", {"beat", "*", "#"}, "test"}};
  k_.discards = &discards;
  auto ev = Code(R"(Russia Russia PROPN 2 nsubj
beat beat VERB 0 root
Spain Spain PROPN 2 obj
2-1 2-1 NUM 2 obl)");
  EXPECT_TRUE(ev.empty());
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// Mining (`dyad mine predicates`): a predicate joining two coded actors with no pattern is
// reported in pattern notation; one with a pattern, or without a coded target, is not.
TEST_F(SentenceCoderTest, MinesUncodedPredicates) {
  std::vector<std::string> uncoded;
  article_.text.clear();
  Sentence s = ParseRows(R"(Russia Russia PROPN 2 nsubj
rebuked rebuke VERB 0 root
Ukraine Ukraine PROPN 2 obj
. . PUNCT 2 punct)",
                         &article_.text);
  EXPECT_TRUE(CodeSentence(article_, s, 0, k_, SentenceCoderOptions(), &memory_, nullptr,
                           &uncoded)
                  .empty());
  ASSERT_EQ(uncoded.size(), 1u);
  EXPECT_EQ(uncoded[0], "rebuke +T");
  uncoded.clear();
  article_.text.clear();
  s = ParseRows(R"(Russia Russia PROPN 2 nsubj
sided side VERB 0 root
with with ADP 4 case
Ukraine Ukraine PROPN 2 obl
. . PUNCT 2 punct)",
                &article_.text);
  CodeSentence(article_, s, 0, k_, SentenceCoderOptions(), &memory_, nullptr, &uncoded);
  ASSERT_EQ(uncoded.size(), 1u);
  EXPECT_EQ(uncoded[0], "side [with +T]");
  uncoded.clear();
  article_.text.clear();
  s = ParseRows(R"(Russia Russia PROPN 2 nsubj
rebuked rebuke VERB 0 root
critics critic NOUN 2 obj
. . PUNCT 2 punct)",
                &article_.text);
  CodeSentence(article_, s, 0, k_, SentenceCoderOptions(), &memory_, nullptr, &uncoded);
  EXPECT_TRUE(uncoded.empty());
}

}  // namespace
}  // namespace dyad
