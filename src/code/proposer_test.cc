#include "src/code/proposer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "dyad/coder.h"

namespace dyad {
namespace {

Token Tok(const char* text, const char* lemma, const char* upos, int head, const char* rel) {
  Token t;
  t.text = text;
  t.lemma = lemma;
  t.upos = upos;
  t.head = head;
  t.deprel = rel;
  return t;
}

// "Russia met Ukraine in Riyadh": met is the root, Russia nsubj, Ukraine obj.
Sentence MetSentence() {
  Sentence s;
  s.tokens = {Tok("Russia", "Russia", "PROPN", 1, "nsubj"), Tok("met", "meet", "VERB", -1, "root"),
              Tok("Ukraine", "Ukraine", "PROPN", 1, "obj"), Tok("in", "in", "ADP", 4, "case"),
              Tok("Riyadh", "Riyadh", "PROPN", 1, "obl")};
  return s;
}

Actor Country(const char* code, const char* iso) {
  Actor a;
  a.code = code;
  a.country = iso;
  a.type = ActorType::kCountry;
  return a;
}

TEST(ProposerTest, RootsAndClassesRoundTrip) {
  EXPECT_EQ(ProposerRoot(4), "04");
  EXPECT_EQ(ProposerRoot(20), "20");
  EXPECT_EQ(ProposerRoot(0), "");
  EXPECT_EQ(ProposerRoot(21), "");
  EXPECT_EQ(ProposerClass("043"), 4);
  EXPECT_EQ(ProposerClass("190"), 19);
  EXPECT_EQ(ProposerClass("21"), 0);
  EXPECT_EQ(ProposerClass("x1"), 0);
  EXPECT_EQ(ProposerClass(""), 0);
}

TEST(ProposerTest, FeaturesFollowTheDependencyPath) {
  Sentence s = MetSentence();
  ProposerFeatureSet f = ProposerFeatures(s, 0, 2, Country("RUS", "RUS"), Country("UKR", "UKR"));
  EXPECT_EQ(f.anchor, 1);
  EXPECT_EQ(f.path, "nsubj>meet<obj");
  EXPECT_FALSE(f.hashes.empty());
  // Swapping source and target changes the path, hence the features.
  ProposerFeatureSet r = ProposerFeatures(s, 2, 0, Country("UKR", "UKR"), Country("RUS", "RUS"));
  EXPECT_EQ(r.path, "obj>meet<nsubj");
  EXPECT_NE(f.hashes, r.hashes);
  // Same input, same features.
  EXPECT_EQ(f.hashes,
            ProposerFeatures(s, 0, 2, Country("RUS", "RUS"), Country("UKR", "UKR")).hashes);
}

TEST(ProposerTest, PrepositionJoinsTheObliqueRelation) {
  Sentence s = MetSentence();
  ProposerFeatureSet f = ProposerFeatures(s, 0, 4, Country("RUS", "RUS"), Country("SAU", "SAU"));
  EXPECT_EQ(f.path, "nsubj>meet<obl:in");
}

TEST(ProposerTest, NoTargetAnchorsOnTheVerbAbove) {
  Sentence s = MetSentence();
  ProposerFeatureSet f = ProposerFeatures(s, 0, -1, Country("RUS", "RUS"), Actor());
  EXPECT_EQ(f.anchor, 1);
  EXPECT_EQ(f.path, "nsubj>meet<none");
}

TEST(ProposerTest, DictionaryCodeAddsFeatures) {
  Sentence s = MetSentence();
  auto plain = ProposerFeatures(s, 0, 2, Country("RUS", "RUS"), Country("UKR", "UKR"));
  auto with = ProposerFeatures(s, 0, 2, Country("RUS", "RUS"), Country("UKR", "UKR"),
                               [](const Token& t) { return t.lemma == "meet" ? "040" : ""; });
  EXPECT_GT(with.hashes.size(), plain.hashes.size());
}

TEST(ProposerTest, BadIndicesAndCyclesGiveNoFeatures) {
  Sentence s = MetSentence();
  EXPECT_TRUE(ProposerFeatures(s, 9, 2, Actor(), Actor()).hashes.empty());
  EXPECT_TRUE(ProposerFeatures(s, -1, 2, Actor(), Actor()).hashes.empty());
  EXPECT_TRUE(ProposerFeatures(s, 0, 7, Actor(), Actor()).hashes.empty());
  s.tokens[1].head = 0;  // Russia <-> met: no root
  EXPECT_TRUE(ProposerFeatures(s, 0, 2, Actor(), Actor()).hashes.empty());
}

// A toy task the model must learn: feature 1 means "meet" (04), feature 2 "attack" (19),
// feature 3 nothing.
std::unique_ptr<EventProposer> TrainToy() {
  ProposerTrainer t;
  for (int i = 0; i < 20; ++i) {
    t.Add({100, 1, uint64_t(1000 + i)}, 4, "040");
    t.Add({100, 2, uint64_t(2000 + i)}, 19, "190");
    t.Add({100, 2, uint64_t(3000 + i)}, 19, "193");
    t.Add({100, 2, uint64_t(3500 + i)}, 19, "190");
    t.Add({100, 3, uint64_t(4000 + i)}, 0);
  }
  EXPECT_EQ(t.size(), 100u);
  return t.Train(5, 42, 0.5f, "toy");
}

TEST(ProposerTest, LearnsASeparableToyTask) {
  auto p = TrainToy();
  ProposerGuess meet = p->Guess({100, 1});
  EXPECT_EQ(meet.cls, 4);
  EXPECT_EQ(meet.code, "040");
  EXPECT_GT(meet.margin, 0.0f);
  ProposerGuess attack = p->Guess({100, 2});
  EXPECT_EQ(attack.cls, 19);
  EXPECT_EQ(attack.code, "190");  // the commonest gold code of the root
  EXPECT_LT(p->Guess({100, 3}).margin, 0.0f);  // "no event" wins
  EXPECT_FLOAT_EQ(p->threshold(), 0.5f);
  EXPECT_EQ(p->provenance(), "toy");
}

TEST(ProposerTest, SaveLoadRoundTrip) {
  auto p = TrainToy();
  std::stringstream buf;
  ASSERT_TRUE(p->Save(buf).ok());
  auto q = EventProposer::Load(buf);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ((*q)->provenance(), "toy");
  EXPECT_FLOAT_EQ((*q)->threshold(), 0.5f);
  EXPECT_EQ((*q)->num_weights(), p->num_weights());
  for (std::vector<uint64_t> x : {std::vector<uint64_t>{100, 1}, {100, 2}, {100, 3}}) {
    ProposerGuess a = p->Guess(x), b = (*q)->Guess(x);
    EXPECT_EQ(a.cls, b.cls);
    EXPECT_EQ(a.code, b.code);
    EXPECT_FLOAT_EQ(a.margin, b.margin);
  }
}

TEST(ProposerTest, DamagedModelsAreCorruption) {
  auto p = TrainToy();
  std::stringstream buf;
  ASSERT_TRUE(p->Save(buf).ok());
  const std::string good = buf.str();
  auto load = [](const std::string& text) {
    std::istringstream in(text);
    return EventProposer::Load(in);
  };
  EXPECT_TRUE(load("").status().IsCorruption());
  EXPECT_TRUE(load("DYADTAGGER1\n").status().IsCorruption());
  EXPECT_TRUE(load("DYADPROPOSER1\ntoy\n").status().IsCorruption());
  std::string bad_threshold = good;
  bad_threshold.replace(bad_threshold.find("\n0.5\n"), 5, "\nabc\n");
  EXPECT_TRUE(load(bad_threshold).status().IsCorruption());
  std::string bad_code = good;
  bad_code.replace(bad_code.find("4=040"), 5, "4=190");
  EXPECT_TRUE(load(bad_code).status().IsCorruption());
  EXPECT_FALSE(load(good.substr(0, good.size() / 2)).ok());
  EXPECT_TRUE(EventProposer::LoadFile("/nonexistent/proposer.bin").status().IsNotFound());
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// The coder with the shipped model: off by default, on when asked, and every event it adds
// carries its path and margin as the reason.
TEST(ProposerCoderTest, ShippedModelAddsLearnedEventsOnlyWhenAsked) {
  Article a;
  a.id = "p1";
  a.date = "2025-02-18";
  a.text = "Russian envoys sat beside Ukrainian envoys in Riyadh on Tuesday.";
  auto plain = Coder::Create(CoderOptions());
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  CoderOptions o;
  o.use_proposer = true;
  o.proposer_threshold = -1e30f;  // emit every candidate the patterns leave uncoded
  auto learned = Coder::Create(o);
  ASSERT_TRUE(learned.ok()) << learned.status().ToString();
  EXPECT_NE((*plain)->version(), (*learned)->version());
  auto reasons = [](const CodedArticle& c) {
    int n = 0;
    for (const Event& e : c.events) {
      if (e.reason.find("learned: ") != std::string::npos) ++n;
    }
    return n;
  };
  EXPECT_EQ(reasons((*plain)->Code(a)), 0);
  CodedArticle c = (*learned)->Code(a);
  ASSERT_TRUE(c.status.ok());
  EXPECT_GT(reasons(c), 0);

  CoderOptions missing;
  missing.use_proposer = true;
  missing.proposer_path = "/nonexistent/proposer.bin";
  EXPECT_FALSE(Coder::Create(missing).ok());
}

}  // namespace
}  // namespace dyad
