#include "src/util/dates.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

std::vector<std::string_view> Toks(const std::vector<std::string>& v) {
  static std::vector<std::vector<std::string>> keep;
  keep.push_back(v);
  return std::vector<std::string_view>(keep.back().begin(), keep.back().end());
}

TEST(DatesTest, ExplicitDates) {
  auto d = FindDates(Toks({"rescheduled", "for", "March", "10", "."}), "2025-02-18", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2025-03-10");
  EXPECT_EQ(d[0].precision, DatePrecision::kDay);
  EXPECT_EQ(d[0].basis, DateBasis::kExplicit);
  EXPECT_EQ(d[0].first_token, 2);
  EXPECT_EQ(d[0].last_token, 3);
  d = FindDates(Toks({"on", "February", "18", ",", "2025"}), "2025-03-01", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2025-02-18");
  d = FindDates(Toks({"on", "18", "February"}), "2025-02-20", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2025-02-18");
  // December mentioned in a January article is last year's.
  d = FindDates(Toks({"Dec.", "28"}), "2025-01-03", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2024-12-28");
  d = FindDates(Toks({"in", "2019"}), "2025-01-03", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2019-01-01");
  EXPECT_EQ(d[0].precision, DatePrecision::kYear);
  // Impossible dates are not produced; "may" the modal is not a month.
  EXPECT_TRUE(FindDates(Toks({"February", "30"}), "2025-01-03", Tense::kPast).empty());
  EXPECT_TRUE(FindDates(Toks({"they", "may", "meet"}), "2025-01-03", Tense::kFuture).empty());
}

TEST(DatesTest, RelativeDates) {
  // 2025-02-18 is a Tuesday.
  auto d = FindDates(Toks({"met", "on", "Tuesday"}), "2025-02-18", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2025-02-18");
  EXPECT_EQ(d[0].basis, DateBasis::kRelative);
  d = FindDates(Toks({"met", "on", "Sunday"}), "2025-02-18", Tense::kPast);
  EXPECT_EQ(d[0].date, "2025-02-16");
  d = FindDates(Toks({"will", "meet", "on", "Friday"}), "2025-02-18", Tense::kFuture);
  EXPECT_EQ(d[0].date, "2025-02-21");
  d = FindDates(Toks({"yesterday"}), "2025-03-01", Tense::kPast);
  EXPECT_EQ(d[0].date, "2025-02-28");
  d = FindDates(Toks({"last", "week"}), "2025-02-18", Tense::kPast);
  EXPECT_EQ(d[0].date, "2025-02-10");
  EXPECT_EQ(d[0].precision, DatePrecision::kWeek);
  d = FindDates(Toks({"next", "month"}), "2025-12-18", Tense::kFuture);
  EXPECT_EQ(d[0].date, "2026-01-01");
  EXPECT_TRUE(FindDates(Toks({"Tuesday"}), "2025-02-30", Tense::kPast).empty());
}

TEST(DatesTest, UnitsAgo) {
  auto d = FindDates(Toks({"Two", "years", "ago", ","}), "2025-03-01", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2023-01-01");
  EXPECT_EQ(d[0].precision, DatePrecision::kYear);
  EXPECT_EQ(d[0].basis, DateBasis::kRelative);
  EXPECT_EQ(d[0].first_token, 0);
  EXPECT_EQ(d[0].last_token, 2);
  d = FindDates(Toks({"18", "months", "ago"}), "2025-03-01", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2023-09-01");
  EXPECT_EQ(d[0].precision, DatePrecision::kMonth);
  d = FindDates(Toks({"three", "days", "ago"}), "2025-03-01", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2025-02-26");
  d = FindDates(Toks({"a", "decade", "ago"}), "2025-03-01", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2015-01-01");
  // Not a count of a time unit.
  EXPECT_TRUE(FindDates(Toks({"long", "ago"}), "2025-03-01", Tense::kPast).empty());
  EXPECT_TRUE(FindDates(Toks({"two", "elections", "ago"}), "2025-03-01", Tense::kPast).empty());
}

TEST(DatesTest, Validation) {
  EXPECT_TRUE(IsValidDate("2024-02-29"));
  EXPECT_FALSE(IsValidDate("2025-02-29"));
  EXPECT_FALSE(IsValidDate("2025-02-30"));
  EXPECT_FALSE(IsValidDate("2025-13-01"));
  EXPECT_FALSE(IsValidDate("2025-1-01"));
  EXPECT_EQ(AddDays("2024-12-31", 1), "2025-01-01");
  EXPECT_EQ(AddDays("2024-03-01", -1), "2024-02-29");
}

}  // namespace
}  // namespace dyad
