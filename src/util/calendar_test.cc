// Pins the calendar arithmetic of the coder (dates.h), the store's deduplication window
// (dedup.h) and its period labels (store.h), so that replacing the hand-written civil-date
// formulas by std::chrono cannot change a single output.
#include <gtest/gtest.h>

#include <string>

#include "dyad/store.h"
#include "src/util/dates.h"
#include "src/store/dedup.h"

namespace dyad {
namespace {

TEST(CalendarPinTest, AddDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(AddDays("2024-02-28", 1), "2024-02-29");
  EXPECT_EQ(AddDays("2023-02-28", 1), "2023-03-01");
  EXPECT_EQ(AddDays("2000-02-28", 1), "2000-02-29");  // divisible by 400: leap
  EXPECT_EQ(AddDays("1900-02-28", 1), "1900-03-01");  // divisible by 100 only: not leap
  EXPECT_EQ(AddDays("2025-01-01", -1), "2024-12-31");
  EXPECT_EQ(AddDays("2025-12-31", 1), "2026-01-01");
  EXPECT_EQ(AddDays("1970-01-01", -1), "1969-12-31");
  EXPECT_EQ(AddDays("2025-03-01", -365 * 400 - 97), "1625-03-01");
  EXPECT_EQ(AddDays("0001-01-01", 0), "0001-01-01");
  EXPECT_EQ(AddDays("9999-12-31", -3652058), "0001-01-01");
}

TEST(CalendarPinTest, IsValidDate) {
  EXPECT_TRUE(IsValidDate("2024-02-29"));
  EXPECT_FALSE(IsValidDate("2023-02-29"));
  EXPECT_TRUE(IsValidDate("2000-02-29"));
  EXPECT_FALSE(IsValidDate("1900-02-29"));
  EXPECT_TRUE(IsValidDate("2025-04-30"));
  EXPECT_FALSE(IsValidDate("2025-04-31"));
  EXPECT_FALSE(IsValidDate("2025-13-01"));
  EXPECT_FALSE(IsValidDate("2025-00-10"));
  EXPECT_FALSE(IsValidDate("0000-01-01"));
  EXPECT_FALSE(IsValidDate("2025-1-01"));
}

TEST(CalendarPinTest, FindDatesWeekdaysAndRelativeDays) {
  std::vector<std::string> words = {"on", "Monday"};
  std::vector<std::string_view> toks(words.begin(), words.end());
  // 2025-01-01 is a Wednesday: the past Monday is in the old year, the next one in the new.
  auto past = FindDates(toks, "2025-01-01", Tense::kPast);
  ASSERT_EQ(past.size(), 1u);
  EXPECT_EQ(past[0].date, "2024-12-30");
  auto future = FindDates(toks, "2025-01-01", Tense::kFuture);
  ASSERT_EQ(future.size(), 1u);
  EXPECT_EQ(future[0].date, "2025-01-06");
  std::vector<std::string> y = {"yesterday"};
  auto d = FindDates({y.begin(), y.end()}, "2024-03-01", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2024-02-29");
  std::vector<std::string> lw = {"last", "week"};
  d = FindDates({lw.begin(), lw.end()}, "2025-01-02", Tense::kPast);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].date, "2024-12-23");
}

TEST(CalendarPinTest, DaysBetween) {
  EXPECT_EQ(DaysBetween("2024-02-28", "2024-03-01"), 2);
  EXPECT_EQ(DaysBetween("2023-02-28", "2023-03-01"), 1);
  EXPECT_EQ(DaysBetween("2025-01-01", "2024-12-31"), -1);
  EXPECT_EQ(DaysBetween("1970-01-01", "2025-02-18"), 20137);
  EXPECT_EQ(DaysBetween("2025-02-18T10:00:00Z", "2025-02-20"), 2);  // time of day ignored
  EXPECT_EQ(DaysBetween("0001-01-01", "9999-12-31"), 3652058);
  EXPECT_GT(DaysBetween("2025-02-1x", "2025-02-18"), 1000000);
  EXPECT_GT(DaysBetween("", "2025-02-18"), 1000000);
}

TEST(CalendarPinTest, IsoWeekLabels) {
  EXPECT_EQ(PeriodLabel("2025-01-01", Period::kWeek), "2025-W01");
  EXPECT_EQ(PeriodLabel("2021-01-03", Period::kWeek), "2020-W53");
  EXPECT_EQ(PeriodLabel("2025-12-29", Period::kWeek), "2026-W01");
  EXPECT_EQ(PeriodLabel("2024-12-30", Period::kWeek), "2025-W01");
  EXPECT_EQ(PeriodLabel("2020-12-31", Period::kWeek), "2020-W53");
  EXPECT_EQ(PeriodLabel("2016-01-03", Period::kWeek), "2015-W53");
  EXPECT_EQ(PeriodLabel("2027-01-01", Period::kWeek), "2026-W53");
  EXPECT_EQ(PeriodLabel("2024-02-29", Period::kWeek), "2024-W09");
  EXPECT_EQ(PeriodLabel("2025-06-15", Period::kWeek), "2025-W24");
  EXPECT_EQ(PeriodLabel("2025-06-15T12:00:00Z", Period::kMonth), "2025-06");
  EXPECT_EQ(PeriodLabel("2025", Period::kWeek), "2025");
}

}  // namespace
}  // namespace dyad
