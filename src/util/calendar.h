// "YYYY-MM-DD" dates on std::chrono's proleptic Gregorian calendar (C++20 <chrono>).
//
//   std::string next = IsoDate(SysDays("2024-02-28") + std::chrono::days(1));  // "2024-02-29"
#ifndef DYAD_UTIL_CALENDAR_H_
#define DYAD_UTIL_CALENDAR_H_

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace dyad {

// The day of `date`, whose first 10 characters are "YYYY-MM-DD" (not checked: callers
// validate). A day past the month's end counts on into the next month, as timegm does; a
// month outside 1-12 gives an unspecified day.
inline std::chrono::sys_days SysDays(const std::string& date) {
  using namespace std::chrono;
  return sys_days(year(std::atoi(date.substr(0, 4).c_str())) /
                  month(static_cast<unsigned>(std::atoi(date.substr(5, 2).c_str()))) /
                  day(static_cast<unsigned>(std::atoi(date.substr(8, 2).c_str()))));
}

// `d` as "YYYY-MM-DD".
inline std::string IsoDate(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace dyad

#endif  // DYAD_UTIL_CALENDAR_H_
