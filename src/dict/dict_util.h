// Small string helpers shared by the dictionary loaders (internal to src/dict).
#ifndef DYAD_DICT_DICT_UTIL_H_
#define DYAD_DICT_DICT_UTIL_H_

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "src/util/text_case.h"

namespace dyad::dict_internal {

inline std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return std::string();
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

using ::dyad::Lower;  // the one case fold (src/util/text_case.h)

inline std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Splits on `sep`, trimming each piece (empty pieces kept).
inline std::vector<std::string> SplitOn(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(Trim(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start)));
    if (p == std::string_view::npos) break;
    start = p + sep.size();
  }
  return out;
}

}  // namespace dyad::dict_internal

#endif  // DYAD_DICT_DICT_UTIL_H_
