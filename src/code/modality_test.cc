#include "src/code/modality.h"

#include <gtest/gtest.h>

#include "src/code/test_parse.h"

namespace dyad {
namespace {

TEST(ModalityTest, QuestionsDoNotAssert) {
  Sentence q = ParseRows("Meet meet VERB 0 root\nsoon soon ADV 1 advmod\n? ? PUNCT 1 punct");
  Sentence d = ParseRows("Met meet VERB 0 root\n. . PUNCT 1 punct");
  EXPECT_TRUE(IsQuestion(q));
  EXPECT_FALSE(IsQuestion(d));
  Predicate p;
  EXPECT_EQ(PredicateModality(p, false, true), Modality::kHypothetical);
  p.modality = Modality::kReported;
  EXPECT_EQ(PredicateModality(p, false, true), Modality::kReported);
}

TEST(ModalityTest, NegatedPatternsAssertTheRefusal) {
  Predicate p;
  p.modality = Modality::kNegated;
  EXPECT_EQ(PredicateModality(p, false, false), Modality::kNegated);
  EXPECT_EQ(PredicateModality(p, true, false), Modality::kAsserted);
  p.speaker = 0;
  EXPECT_EQ(PredicateModality(p, true, false), Modality::kReported);
}

TEST(ModalityTest, IntentsAndPicoNegationsAreEvents) {
  EXPECT_EQ(EventModality(Modality::kFuture, false, true, false), Modality::kAsserted);
  EXPECT_EQ(EventModality(Modality::kFuture, false, true, true), Modality::kReported);
  EXPECT_EQ(EventModality(Modality::kFuture, false, false, true), Modality::kFuture);
  EXPECT_EQ(EventModality(Modality::kNegated, true, false, false), Modality::kAsserted);
  EXPECT_EQ(EventModality(Modality::kNegated, false, false, false), Modality::kNegated);
}

}  // namespace
}  // namespace dyad
