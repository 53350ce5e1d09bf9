// Strict UTF-8 validation (RFC 3629: no overlongs, surrogates or values above U+10FFFF), shared
// by the readers (which reject invalid input), the writers (which repair what they quote) and
// the fuzz targets (which check that every output is valid).
#ifndef DYAD_UTIL_UTF8_H_
#define DYAD_UTIL_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace dyad {

// Length (1-4) of the well-formed UTF-8 sequence starting at s[i], or 0 when it is invalid.
int Utf8SequenceLength(std::string_view s, size_t i);

// Byte offset of the first invalid UTF-8 sequence in `s`, or std::string::npos.
size_t FirstInvalidUtf8(std::string_view s);

// `s` with every invalid byte replaced by U+FFFD.
std::string ValidUtf8(std::string_view s);

}  // namespace dyad

#endif  // DYAD_UTIL_UTF8_H_
