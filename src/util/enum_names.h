// Names of a closed enum kept in one table indexed by the enum's value: the one place a
// public enum's names are written (dyad/event.h, dyad/reader.h).
//
//   constexpr const char* kNames[] = {"", "day", "week"};
//   const char* n = EnumName(kNames, DatePrecision::kDay);        // "day"
//   bool ok = ParseEnumName(kNames, "week", &precision);           // true
#ifndef DYAD_UTIL_ENUM_NAMES_H_
#define DYAD_UTIL_ENUM_NAMES_H_

#include <cstddef>
#include <string_view>

namespace dyad {

// names[v]; "" for a value outside the table.
template <typename E, size_t N>
const char* EnumName(const char* const (&names)[N], E v) {
  const size_t i = static_cast<size_t>(v);
  return i < N ? names[i] : "";
}

// The value whose name is `name` into *out; false (and *out untouched) when none is.
template <typename E, size_t N>
bool ParseEnumName(const char* const (&names)[N], std::string_view name, E* out) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) {
      *out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

}  // namespace dyad

#endif  // DYAD_UTIL_ENUM_NAMES_H_
