// Date expressions in a sentence, resolved against the article's publication date.
// "March 10" -> 2025-03-10 (the year closest to the article date), "on Tuesday" -> the
// Tuesday of the article's week (past or future by tense), "last week", "yesterday", "two years ago",
// "in 2019", "February 18, 2025", "18 February".
#ifndef DYAD_UTIL_DATES_H_
#define DYAD_UTIL_DATES_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/event.h"

namespace dyad {

enum class Tense { kPast, kPresent, kFuture };

struct DateExpr {
  int first_token = 0;  // token index range [first_token, last_token] in the sentence
  int last_token = 0;
  std::string date;       // resolved "YYYY-MM-DD" (first day for month/year precision)
  DatePrecision precision = DatePrecision::kDay;
  DateBasis basis = DateBasis::kExplicit;  // kExplicit (a calendar date) or kRelative (weekday, ...)
  std::string text;       // the expression's tokens joined with spaces
};

// Finds every date expression in `tokens` (normalised token texts of one sentence) and
// resolves it against `article_date` ("YYYY-MM-DD"). `tense` decides the direction of
// bare weekdays ("on Tuesday"): past -> on or before the article date, future -> after.
// Returns nothing when article_date is invalid.
std::vector<DateExpr> FindDates(const std::vector<std::string_view>& tokens,
                                const std::string& article_date, Tense tense);

// True for a valid calendar date "YYYY-MM-DD" (leap years checked).
bool IsValidDate(std::string_view date);

// date + days, as "YYYY-MM-DD". Requires a valid date.
std::string AddDays(const std::string& date, int days);

}  // namespace dyad

#endif  // DYAD_UTIL_DATES_H_
