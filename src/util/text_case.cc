#include "src/util/text_case.h"

#include <utf8proc.h>

#include <cstdlib>

namespace dyad {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string Lower(std::string_view s) {
  // News text is almost all ASCII: no decoding, no allocation beyond the result.
  if (IsAscii(s)) return AsciiLower(s);
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                   static_cast<utf8proc_ssize_t>(s.size()), &folded, UTF8PROC_CASEFOLD);
  if (n < 0) return AsciiLower(s);  // invalid UTF-8: keep the bytes, as before
  std::string out(reinterpret_cast<const char*>(folded), static_cast<size_t>(n));
  std::free(folded);
  return out;
}

}  // namespace dyad
