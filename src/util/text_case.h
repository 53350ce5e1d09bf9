// The one case fold of dyad: every caseless comparison (dictionary phrases against text,
// lemma lists, gazetteer names, field names) lowers both sides with Lower, so that they agree.
//
//   if (Lower(token) == "kremlin") ...
#ifndef DYAD_UTIL_TEXT_CASE_H_
#define DYAD_UTIL_TEXT_CASE_H_

#include <string>
#include <string_view>

namespace dyad {

// Unicode full case folding of UTF-8 `s` (utf8proc): "Kremlin" -> "kremlin",
// "ÉLYSÉE" -> "élysée", "Straße" -> "strasse". ASCII text takes a fast path with the same
// result as ASCII lowering; invalid UTF-8 is lowered byte by byte (ASCII letters only).
std::string Lower(std::string_view s);

// True when `s` is all ASCII (no byte >= 0x80): such text folds byte by byte.
inline bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace dyad

#endif  // DYAD_UTIL_TEXT_CASE_H_
