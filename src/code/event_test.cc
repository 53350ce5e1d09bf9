#include "dyad/event.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

// The names are what the dictionaries, the store and every output format carry: they must
// round-trip, and a name no version wrote must be refused, not mapped to a neighbour.
TEST(EventEnumTest, ActorTypeNamesRoundTrip) {
  int dictionary_types = 0;
  for (int i = 0; i <= static_cast<int>(ActorType::kUnknown); ++i) {
    ActorType t = static_cast<ActorType>(i);
    ActorType back = ActorType::kUnknown;
    ASSERT_TRUE(ParseActorType(ActorTypeName(t), &back)) << i;
    EXPECT_EQ(back, t);
    dictionary_types += IsDictionaryActorType(t);
  }
  EXPECT_EQ(dictionary_types, 11);  // country .. person, as in doc/dictionaries.md
  EXPECT_STREQ(ActorTypeName(ActorType::kNone), "");
  EXPECT_STREQ(ActorTypeName(ActorType::kIgo), "igo");
  EXPECT_STREQ(ActorTypeName(ActorType::kUnknown), "unknown");
  EXPECT_FALSE(IsDictionaryActorType(ActorType::kAgent));
  EXPECT_FALSE(IsDictionaryActorType(ActorType::kUnknown));
  ActorType t = ActorType::kPerson;
  EXPECT_FALSE(ParseActorType("Country", &t));
  EXPECT_FALSE(ParseActorType("pers", &t));
  EXPECT_EQ(t, ActorType::kPerson);  // untouched on failure
}

TEST(EventEnumTest, DateNamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(DatePrecision::kYear); ++i) {
    DatePrecision p = static_cast<DatePrecision>(i), back = DatePrecision::kYear;
    ASSERT_TRUE(ParseDatePrecision(DatePrecisionName(p), &back));
    EXPECT_EQ(back, p);
  }
  for (int i = 0; i <= static_cast<int>(DateBasis::kBackground); ++i) {
    DateBasis b = static_cast<DateBasis>(i), back = DateBasis::kRelative;
    ASSERT_TRUE(ParseDateBasis(DateBasisName(b), &back));
    EXPECT_EQ(back, b);
  }
  EXPECT_STREQ(DatePrecisionName(DatePrecision::kWeek), "week");
  EXPECT_STREQ(DateBasisName(DateBasis::kArticle), "article");
  DatePrecision p = DatePrecision::kDay;
  DateBasis b = DateBasis::kExplicit;
  EXPECT_FALSE(ParseDatePrecision("decade", &p));
  EXPECT_FALSE(ParseDateBasis("guessed", &b));
  EXPECT_STREQ(DatePrecisionName(static_cast<DatePrecision>(99)), "");
}

}  // namespace
}  // namespace dyad
