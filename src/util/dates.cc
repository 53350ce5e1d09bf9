#include "src/util/dates.h"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "src/util/calendar.h"
#include "src/util/text_case.h"

namespace dyad {
namespace {

struct Ymd {
  int y, m, d;
};

// Days since 1970-01-01 on the proleptic Gregorian calendar; a day past the month's end
// counts on into the next month.
int DaysFromCivil(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return sys_days(year(y) / month(m) / day(d)).time_since_epoch().count();
}

Ymd CivilFromDays(int z) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days(days(z))};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int DaysInMonth(int y, int m) {
  using namespace std::chrono;
  return static_cast<int>(static_cast<unsigned>(
      year_month_day_last(year(y), month_day_last(month(static_cast<unsigned>(m)))).day()));
}

std::string Format(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

int Month(std::string_view tok) {
  static const char* kNames[] = {"january",   "february", "march",    "april",
                                 "may",       "june",     "july",     "august",
                                 "september", "october",  "november", "december"};
  std::string t = Lower(tok);
  if (!t.empty() && t.back() == '.') t.pop_back();
  for (int i = 0; i < 12; ++i) {
    std::string full = kNames[i];
    if (t == full) return i + 1;
    // Abbreviations: Jan, Feb, Sept; "may" and "march" are only ever full words here.
    if (t.size() >= 3 && t.size() < full.size() && full.compare(0, t.size(), t) == 0 && i != 4 &&
        (t.size() == 3 || t == "sept")) {
      return i + 1;
    }
  }
  return 0;
}

int Weekday(std::string_view tok) {  // Monday = 0
  static const char* kNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};
  std::string t = Lower(tok);
  for (int i = 0; i < 7; ++i) {
    if (t == kNames[i]) return i;
  }
  return -1;
}

int Number(std::string_view tok, int lo, int hi) {
  std::string t(tok);
  // "10th", "1st", "22nd", "3rd"
  if (t.size() > 2) {
    std::string suf = Lower(t.substr(t.size() - 2));
    if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") t.resize(t.size() - 2);
  }
  if (t.empty() || t.size() > 4) return -1;
  for (char c : t) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
  }
  int v = std::atoi(t.c_str());
  return v >= lo && v <= hi ? v : -1;
}

// A small count before a time unit ("two years ago", "a decade ago", "18 months ago"); -1
// when `tok` is none.
int Count(std::string_view tok) {
  static const char* const kWords[] = {"a",   "one", "two",   "three", "four",   "five",  "six",
                                       "seven", "eight", "nine", "ten", "eleven", "twelve"};
  const std::string low = Lower(tok);
  if (low == "an") return 1;
  for (int k = 0; k < static_cast<int>(std::size(kWords)); ++k) {
    if (low == kWords[k]) return k == 0 ? 1 : k;
  }
  return Number(tok, 1, 200);
}

}  // namespace

bool IsValidDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int y = std::atoi(std::string(s.substr(0, 4)).c_str());
  int m = std::atoi(std::string(s.substr(5, 2)).c_str());
  int d = std::atoi(std::string(s.substr(8, 2)).c_str());
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

std::string AddDays(const std::string& date, int days) {
  return IsoDate(SysDays(date) + std::chrono::days(days));
}

std::vector<DateExpr> FindDates(const std::vector<std::string_view>& tokens,
                                const std::string& article_date, Tense tense) {
  std::vector<DateExpr> out;
  if (!IsValidDate(article_date)) return out;
  const int ay = std::atoi(article_date.substr(0, 4).c_str());
  const int am = std::atoi(article_date.substr(5, 2).c_str());
  const int ad = std::atoi(article_date.substr(8, 2).c_str());
  const int aday = DaysFromCivil(ay, am, ad);
  const int n = static_cast<int>(tokens.size());
  auto text = [&](int a, int b) {
    std::string s;
    for (int i = a; i <= b; ++i) s += (i > a ? " " : "") + std::string(tokens[i]);
    return s;
  };
  // Year for a month/day given without one: the candidate closest to the article date.
  auto closest_year = [&](int m, int d) {
    int best = ay, best_dist = 1 << 30;
    for (int y = ay - 1; y <= ay + 1; ++y) {
      if (d > DaysInMonth(y, m)) continue;
      int dist = std::abs(DaysFromCivil(y, m, d) - aday);
      if (dist < best_dist) {
        best_dist = dist;
        best = y;
      }
    }
    return best;
  };
  auto add = [&](int a, int b, std::string date, DatePrecision precision, DateBasis basis) {
    out.push_back({a, b, std::move(date), precision, basis, text(a, b)});
  };

  for (int i = 0; i < n; ++i) {
    std::string low = Lower(tokens[i]);
    int m = Month(tokens[i]);
    // "May" is also a modal verb: only a date when a day or year is next to it.
    if (m > 0) {
      int d = i + 1 < n ? Number(tokens[i + 1], 1, 31) : -1;
      if (d > 0) {  // March 10 [, 2025]
        int last = i + 1, y = -1;
        int k = i + 2;
        if (k < n && tokens[k] == ",") ++k;
        if (k < n && (y = Number(tokens[k], 1000, 2999)) > 0) last = k;
        if (y < 0) y = closest_year(m, d);
        if (d <= DaysInMonth(y, m)) add(i, last, Format(y, m, d), DatePrecision::kDay, DateBasis::kExplicit);
        i = last;
        continue;
      }
      int y = i + 1 < n ? Number(tokens[i + 1], 1000, 2999) : -1;
      if (y > 0) {  // March 2025
        add(i, i + 1, Format(y, m, 1), DatePrecision::kMonth, DateBasis::kExplicit);
        ++i;
        continue;
      }
      if (i > 0 && Number(tokens[i - 1], 1, 31) > 0) {  // 10 March [2025]
        int dd = Number(tokens[i - 1], 1, 31);
        int last = i;
        int yy = i + 1 < n ? Number(tokens[i + 1], 1000, 2999) : -1;
        if (yy > 0)
          last = i + 1;
        else
          yy = closest_year(m, dd);
        if (dd <= DaysInMonth(yy, m)) add(i - 1, last, Format(yy, m, dd), DatePrecision::kDay, DateBasis::kExplicit);
        i = last;
        continue;
      }
      // "in March" / "last March": month precision.
      if (m != 5 && i > 0) {
        std::string prev = Lower(tokens[i - 1]);
        if (prev == "in" || prev == "last" || prev == "next" || prev == "since" ||
            prev == "until" || prev == "early" || prev == "late" || prev == "mid") {
          int y = ay;
          if (prev == "last" || (tense == Tense::kPast && m > am)) y = ay - 1;
          if (prev == "next" || (tense == Tense::kFuture && m < am)) y = ay + 1;
          add(i, i, Format(y, m, 1), DatePrecision::kMonth, DateBasis::kRelative);
        }
      }
      continue;
    }
    int wd = Weekday(tokens[i]);
    if (wd >= 0) {
      int article_wd = (aday % 7 + 7 + 3) % 7;  // 1970-01-01 was a Thursday (3)
      int back = (article_wd - wd + 7) % 7;
      int day = aday - back;  // on or before the article date
      std::string prev = i > 0 ? Lower(tokens[i - 1]) : "";
      if (prev == "next" || (tense == Tense::kFuture && back != 0 && prev != "last")) day += 7;
      if (prev == "last" && back == 0) day -= 7;
      int first = (prev == "next" || prev == "last") ? i - 1 : i;
      Ymd r = CivilFromDays(day);
      add(first, i, Format(r.y, r.m, r.d), DatePrecision::kDay, DateBasis::kRelative);
      continue;
    }
    if (low == "ago" && i >= 2 && Count(tokens[i - 2]) > 0) {
      // "two years ago", "a decade ago", "three weeks ago": back from the article date, at
      // the unit's precision.
      const int k = Count(tokens[i - 2]);
      std::string unit = Lower(tokens[i - 1]);
      if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
      if (unit == "day") {
        Ymd r = CivilFromDays(aday - k);
        add(i - 2, i, Format(r.y, r.m, r.d), DatePrecision::kDay, DateBasis::kRelative);
      } else if (unit == "week") {
        Ymd r = CivilFromDays(aday - 7 * k);
        add(i - 2, i, Format(r.y, r.m, r.d), DatePrecision::kWeek, DateBasis::kRelative);
      } else if (unit == "month") {
        int months = ay * 12 + (am - 1) - k;
        add(i - 2, i, Format(months / 12, months % 12 + 1, 1), DatePrecision::kMonth, DateBasis::kRelative);
      } else if (unit == "year" || unit == "decade") {
        add(i - 2, i, Format(ay - k * (unit == "decade" ? 10 : 1), 1, 1), DatePrecision::kYear,
            DateBasis::kRelative);
      }
      continue;
    }
    if (low == "yesterday") {
      Ymd r = CivilFromDays(aday - 1);
      add(i, i, Format(r.y, r.m, r.d), DatePrecision::kDay, DateBasis::kRelative);
    } else if (low == "today" || low == "tonight") {
      add(i, i, article_date, DatePrecision::kDay, DateBasis::kRelative);
    } else if (low == "tomorrow") {
      Ymd r = CivilFromDays(aday + 1);
      add(i, i, Format(r.y, r.m, r.d), DatePrecision::kDay, DateBasis::kRelative);
    } else if ((low == "last" || low == "next" || low == "this") && i + 1 < n) {
      std::string unit = Lower(tokens[i + 1]);
      int sign = low == "last" ? -1 : low == "next" ? 1 : 0;
      if (unit == "week") {
        int article_wd = (aday % 7 + 7 + 3) % 7;
        Ymd r = CivilFromDays(aday - article_wd + 7 * sign);  // Monday of that week
        add(i, i + 1, Format(r.y, r.m, r.d), DatePrecision::kWeek, DateBasis::kRelative);
        ++i;
      } else if (unit == "month") {
        int mm = am + sign, yy = ay;
        if (mm < 1) {
          mm = 12;
          --yy;
        }
        if (mm > 12) {
          mm = 1;
          ++yy;
        }
        add(i, i + 1, Format(yy, mm, 1), DatePrecision::kMonth, DateBasis::kRelative);
        ++i;
      } else if (unit == "year") {
        add(i, i + 1, Format(ay + sign, 1, 1), DatePrecision::kYear, DateBasis::kRelative);
        ++i;
      }
    } else if (low == "the" && i + 2 < n && !tokens[i + 2].empty() &&
               std::islower(static_cast<unsigned char>(tokens[i + 2][0])) &&
               Number(tokens[i + 1], 1900, 2100) > 0) {
      // "the 2003 invasion", "the 2014 annexation": a year modifying an event noun.
      add(i + 1, i + 1, Format(Number(tokens[i + 1], 1900, 2100), 1, 1), DatePrecision::kYear, DateBasis::kExplicit);
      ++i;
    } else if ((low == "in" || low == "since" || low == "during") && i + 1 < n) {
      int y = Number(tokens[i + 1], 1900, 2100);
      if (y > 0 && (i + 2 >= n || Month(tokens[i + 2]) == 0)) {
        add(i + 1, i + 1, Format(y, 1, 1), DatePrecision::kYear, DateBasis::kExplicit);
        ++i;
      }
    }
  }
  return out;
}

}  // namespace dyad
