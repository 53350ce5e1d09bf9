#include "src/code/verb_repair.h"

#include <memory>
#include <set>

#include <gtest/gtest.h>

#include "src/nlp/lemmatizer.h"

namespace dyad {
namespace {

// A tagged sentence from "word/TAG word/TAG ...".
Sentence Tagged(const std::string& text) {
  Sentence s;
  for (size_t b = 0; b < text.size();) {
    size_t e = text.find(' ', b);
    if (e == std::string::npos) e = text.size();
    const std::string item = text.substr(b, e - b);
    const size_t slash = item.rfind('/');
    s.tokens.push_back({});
    s.tokens.back().text = item.substr(0, slash);
    s.tokens.back().xpos = item.substr(slash + 1);
    b = e + 1;
  }
  return s;
}

class VerbRepairTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = WordLists::Parse("[preposition_homographs]\nlike near\n[passive_participle_marks]\nby in\n", "test");
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    words_ = std::move(*w);
    auto l = Lemmatizer::Load();
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    lemmatizer_ = std::move(*l);
  }
  // Every noun, name and pronoun is taken for a dictionary actor unless `unknown` is set.
  std::vector<std::string> Repair(const std::string& text, std::vector<std::string> forced = {},
                                  bool unknown = false) {
    Sentence s = Tagged(text);
    std::vector<char> actors;
    for (const Token& t : s.tokens) actors.push_back(!unknown && (t.xpos[0] == 'N' || t.xpos == "PRP"));
    return RepairFiniteVerb(
        s,
        [&](std::string_view form, std::string_view tag) {
          std::string lemma = lemmatizer_->Lemma(form, tag);
          return verbs_.count(lemma) ? lemma : std::string();
        },
        words_, forced, actors);
  }
  std::set<std::string> verbs_ = {"accuse", "storm", "issue", "demand", "discuss", "like", "talk",
                                  "deny", "shell", "advance"};
  WordLists words_;
  std::unique_ptr<Lemmatizer> lemmatizer_;
};

TEST_F(VerbRepairTest, PrepositionReadingOfAPresentTenseVerbBecomesVBP) {
  auto fix = Repair("Rebel/JJ leaders/NNS accuse/IN Chad/NNP of/IN treachery/NN ./.");
  ASSERT_EQ(fix.size(), 7u);
  EXPECT_EQ(fix[2], "VBP");
  EXPECT_EQ(fix[0], "");
}

TEST_F(VerbRepairTest, LaterFiniteVerbDoesNotBlockAPrepositionReading) {
  // "..., witnesses say, ...": the missed verb comes first.
  auto fix = Repair("Army/NN units/NNS storm/IN Tikrit/NNP ,/, witnesses/NNS say/VBP ./.");
  ASSERT_FALSE(fix.empty());
  EXPECT_EQ(fix[2], "VBP");
}

TEST_F(VerbRepairTest, NounReadingNeedsASentenceWithoutFiniteVerb) {
  auto fix = Repair("President/NNP Ruto/NNP issues/NNS a/DT decree/NN ./.");
  ASSERT_FALSE(fix.empty());
  EXPECT_EQ(fix[2], "VBZ");
  EXPECT_TRUE(Repair("Ruto/NNP issues/NNS a/DT decree/NN and/CC resigned/VBD ./.").empty());
}

TEST_F(VerbRepairTest, ThirdPersonAndBaseFormsEndingInS) {
  EXPECT_EQ(Repair("Kenya/NNP denies/NNS the/DT claim/NN ./.")[1], "VBZ");
  EXPECT_EQ(Repair("Rwanda/NNP and/CC Uganda/NNP discuss/NN the/DT border/NN ./.")[3], "VBP");
}

TEST_F(VerbRepairTest, LeavesRealPrepositionsNounsAndNamesAlone) {
  // Not a dictionary verb.
  EXPECT_TRUE(Repair("Troops/NNS from/IN Chad/NNP arrived/VBD ./.").empty());
  // Listed as a real preposition although it is a verb too.
  EXPECT_TRUE(Repair("Leaders/NNS like/IN Ruto/NNP ./.").empty());
  // Capitalised: a name, not a verb.
  EXPECT_TRUE(Repair("Opposition/NN Storm/IN Party/NNP ./.").empty());
  // No subject before it.
  EXPECT_TRUE(Repair("Talks/NNS with/IN the/DT rebels/NNS ./.").empty());
  // A subject the dictionary does not know (a sports team, a storm) is left as tagged.
  EXPECT_TRUE(Repair("Rebel/JJ leaders/NNS accuse/IN Chad/NNP ./.", {}, true).empty());
  // A noun reading followed by a preposition stays a noun ("peace talks in Doha").
  EXPECT_TRUE(Repair("Peace/NN talks/NNS in/IN Doha/NNP ./.").empty());
  // A number after a noun reading is a caption's clock, not an object.
  EXPECT_TRUE(Repair("Missile/NN tests/NNS 02:25/CD ./.").empty());
  // After a finite verb a preposition reading stays.
  EXPECT_TRUE(Repair("Ruto/NNP said/VBD accuse/IN Chad/NNP ./.").empty());
}

TEST_F(VerbRepairTest, ReducedRelativeWithoutAFiniteVerbIsThePast) {
  EXPECT_EQ(Repair("Rebel/JJ units/NNS stormed/VBN into/IN Tikrit/NNP ./.")[2], "VBD");
  EXPECT_EQ(Repair("Army/NN units/NNS shelled/VBN the/DT town/NN ./.")[2], "VBD");
  EXPECT_EQ(Repair("Rebel/JJ units/NNS advanced/JJ on/IN Tikrit/NNP ./.")[2], "VBD");
  // With a finite verb elsewhere the participle is one: "units stormed into ... were ...".
  EXPECT_TRUE(Repair("Units/NNS stormed/VBN into/IN Tikrit/NNP were/VBD there/RB ./.").empty());
  // Not a dictionary verb.
  EXPECT_TRUE(Repair("Soldiers/NNS pictured/VBN near/IN Tikrit/NNP ./.").empty());
  // A headline's passive: "Two gunmen shelled in Tikrit" does not make them the shellers.
  EXPECT_TRUE(Repair("Two/CD gunmen/NNS shelled/VBN in/IN Tikrit/NNP").empty());
}

TEST_F(VerbRepairTest, ForcedTagsAreKept) {
  auto fix = Repair("Rebel/JJ leaders/NNS accuse/IN Chad/NNP ./.", {"", "NNS"});
  ASSERT_EQ(fix.size(), 5u);
  EXPECT_EQ(fix[1], "NNS");
  EXPECT_EQ(fix[2], "VBP");
  EXPECT_TRUE(Repair("Rebel/JJ leaders/NNS accuse/IN Chad/NNP ./.", {"", "", "IN"}).empty());
}

}  // namespace
}  // namespace dyad
