#include "src/code/event_builder.h"

#include <gtest/gtest.h>

#include "src/code/test_parse.h"

namespace dyad {
namespace {

Actor MakeActor(const std::string& text, const std::string& code, const std::string& country,
                uint32_t begin) {
  Actor a;
  a.text = text;
  a.code = code;
  a.country = country;
  a.begin = begin;
  a.end = begin + static_cast<uint32_t>(text.size());
  a.entries = {"test.txt:1 " + text};
  return a;
}

class EventBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cameo_["042"] = {"042", "Make a visit", 1.9, 1, "CONSULT", "visit", ""};
    cameo_["043"] = {"043", "Host a visit", 2.8, 1, "CONSULT", "host", ""};
    cameo_["036"] = {"036", "Express intent to meet", 4.0, 1, "CONSULT", "", ""};
    cameo_["040"] = {"040", "Consult", 1.0, 1, "CONSULT", "", ""};
    cameo_["190"] = {"190", "Use conventional military force", -10.0, 4, "ASSAULT", "", ""};
    cameo_["145"] = {"145", "Protest violently", -7.5, 3, "PROTEST", "", ""};
    k_.cameo = [this](const std::string& c) -> const CameoInfo* {
      auto it = cameo_.find(c);
      return it == cameo_.end() ? nullptr : &it->second;
    };
    k_.conventions = &TestConventions();
    targetless_ = {"15"};
    k_.targetless_codes = &targetless_;
    article_.id = "a1";
    article_.date = "2025-02-18";
    s_ = ParseRows("Rubio Rubio PROPN 2 nsubj\nvisits visit VERB 0 root\nRiyadh Riyadh PROPN 2 obj",
                   &article_.text);
    src_ = MakeActor("Rubio", "USAGOV", "USA", 0);
    tgt_ = MakeActor("Riyadh", "SAU", "SAU", 13);
    visit_.code = "042";
    visit_.verb = "visit";
    visit_.text = "visit +T";
    visit_.origin = "verbs.txt:7";
    attack_ = visit_;
    attack_.code = "190";
  }

  EventDraft Draft(const VerbPattern* pat, const Actor* tgt) {
    EventDraft d;
    d.pattern = pat;
    d.source = &src_;
    d.target = tgt;
    d.verb = 1;
    d.date.date = article_.date;
    return d;
  }

  std::map<std::string, CameoInfo> cameo_;
  std::vector<std::string> targetless_;
  CoderKnowledge k_;
  SentenceCoderOptions o_;
  Article article_;
  Sentence s_;
  Actor src_, tgt_, none_;
  VerbPattern visit_, attack_;
};

TEST_F(EventBuilderTest, FillsOntologyEvidenceAndReason) {
  EventBuilder b(article_, s_, 0, k_, o_);
  auto e = b.Build(Draft(&visit_, &tgt_));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->cameo, "042");
  EXPECT_EQ(e->root, "04");
  EXPECT_EQ(e->quad, 1);
  EXPECT_EQ(e->plover_event, "CONSULT");
  EXPECT_EQ(e->verb_text, "visits");
  EXPECT_EQ(e->sentence_text, "Rubio visits Riyadh");
  EXPECT_NE(e->reason.find("verbs.txt:7"), std::string::npos);
  EXPECT_NE(e->reason.find("source: test.txt:1 Rubio"), std::string::npos);
  EXPECT_EQ(e->id.size(), 20u);
  EXPECT_GT(e->confidence, 0.3);
}

TEST_F(EventBuilderTest, FutureVisitIsAnAssertedIntentNamingTheRule) {
  EventBuilder b(article_, s_, 0, k_, o_);
  EventDraft d = Draft(&visit_, &tgt_);
  d.modality = Modality::kFuture;
  auto e = b.Build(d);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->cameo, "036");
  EXPECT_EQ(e->modality, Modality::kAsserted);
  EXPECT_NE(e->reason.find("CAMEO convention future"), std::string::npos);
  d.spoken = true;
  EXPECT_EQ(b.Build(d)->modality, Modality::kReported);
  SentenceCoderOptions off;
  off.cameo_conventions = false;
  EventBuilder plain(article_, s_, 0, k_, off);
  EXPECT_EQ(plain.Build(d)->cameo, "042");
  EXPECT_EQ(plain.Build(d)->modality, Modality::kFuture);
}

TEST_F(EventBuilderTest, DropsSelfEventsAndMissingTargets) {
  EventBuilder b(article_, s_, 0, k_, o_);
  EXPECT_FALSE(b.Build(Draft(&visit_, &src_)).has_value());   // same actor both sides
  EXPECT_FALSE(b.Build(Draft(&visit_, &none_)).has_value());  // 042 needs a target
  VerbPattern posture = visit_;
  posture.code = "150";
  cameo_["150"] = {"150", "Demonstrate military or police power", -7.2, 4, "MOBILIZE", "", ""};
  EXPECT_TRUE(b.Build(Draft(&posture, &none_)).has_value());  // 15x may go without
  VerbPattern unknown = visit_;
  unknown.code = "999";
  EXPECT_FALSE(b.Build(Draft(&unknown, &tgt_)).has_value());
}

TEST_F(EventBuilderTest, ProtestersForceAndLowerConfidenceForUnknownSides) {
  EventBuilder b(article_, s_, 0, k_, o_);
  Actor protesters = MakeActor("protesters", "SAUOPP", "SAU", 0);
  EventDraft d = Draft(&attack_, &tgt_);
  d.source = &protesters;
  auto e = b.Build(d);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->cameo, "145");
  EXPECT_EQ(e->quad, 3);
  Actor unknown = MakeActor("Mr X", "", "", 0);
  unknown.type = ActorType::kUnknown;
  d.source = &unknown;
  double known = b.Build(Draft(&attack_, &tgt_))->confidence;
  EXPECT_LT(b.Build(d)->confidence, known);
}

TEST_F(EventBuilderTest, PairedConsultationGoesBothWaysWhenAsked) {
  VerbPattern meet = visit_;
  meet.code = "040";
  meet.verb = "meet";
  meet.text = "meet [with +T]";
  EventBuilder off(article_, s_, 0, k_, o_);
  auto e = off.Build(Draft(&meet, &tgt_));
  ASSERT_TRUE(e.has_value());
  EXPECT_FALSE(off.Paired(*e).has_value());
  SentenceCoderOptions paired;
  paired.paired_events = true;
  EventBuilder on(article_, s_, 0, k_, paired);
  auto r = on.Paired(*e);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->cameo, "040");
  EXPECT_EQ(r->source.code, "SAU");
  EXPECT_EQ(r->target.code, "USAGOV");
  EXPECT_NE(r->id, e->id);
  EXPECT_NE(r->reason.find("paired event 040"), std::string::npos);
  // A visit is not paired with the host's 043: the real-news protocol codes the visit alone.
  auto v = on.Build(Draft(&visit_, &tgt_));
  ASSERT_TRUE(v.has_value());
  EXPECT_FALSE(on.Paired(*v).has_value());
}

TEST(BuildDyadsTest, ReciprocalSubjectsPairEachOther) {
  std::vector<Actor> sources(2), targets;
  sources[0].code = "USA";
  sources[1].code = "RUS";
  Actor none;
  auto d = BuildDyads(sources, targets, true, none);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].first->code, "USA");
  EXPECT_EQ(d[0].second->code, "RUS");
  EXPECT_EQ(d[1].first->code, "RUS");
  d = BuildDyads(sources, targets, false, none);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].second, &none);
  targets.resize(1);
  targets[0].code = "CHN";
  EXPECT_EQ(BuildDyads(sources, targets, true, none).size(), 2u);
}

}  // namespace
}  // namespace dyad
