#include <utf8proc.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "dyad/text.h"

namespace dyad {
namespace {

// What a single code point becomes; nullptr = keep it as it is.
const char* Replacement(int32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0x0060:
      return cp == 0x0060 ? nullptr : "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: case 0xFE63: case 0xFF0D:
      return "-";
    case 0x2014: case 0x2015: return "--";
    case 0x2026: return "...";
    case 0x00A0: case 0x202F: case 0x205F: case 0x3000: case 0x1680: return " ";
    case 0x2028: case 0x2029: case 0x0B: case 0x0C: case 0x85: return "\n";
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD: case 0x180E:
    case 0x200E: case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
      return "";
    default: break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return " ";
  if (cp == '\r') return "";
  if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0)) return "";
  return nullptr;
}

bool IsCombining(int32_t cp) {
  if (cp < 0x300) return false;
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

// NFC of one code point on its own into `out` (UTF-8); false when NFC keeps it as it is.
// Only code points with a canonical decomposition can change: canonical singletons (Ohm,
// Kelvin, Angstrom signs, CJK compatibility ideographs) and composition exclusions. utf8proc's
// tables decide, on the stack, without allocating.
bool NfcOfOne(int32_t cp, std::string* out) {
  const utf8proc_property_t* prop = utf8proc_get_property(cp);
  if (prop->decomp_seqindex == UINT16_MAX || prop->decomp_type != 0) return false;
  utf8proc_int32_t buf[8];
  utf8proc_int32_t last_boundclass = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 8, UTF8PROC_DECOMPOSE, &last_boundclass);
  if (n <= 0 || n > 8) return false;
  n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE);
  if (n <= 0 || (n == 1 && buf[0] == cp)) return false;
  out->clear();
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    utf8proc_uint8_t bytes[4];
    utf8proc_ssize_t k = utf8proc_encode_char(buf[i], bytes);
    out->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(k));
  }
  return true;
}

void Append(NormalizedText* n, const char* bytes, size_t len, uint32_t b, uint32_t e) {
  n->text.append(bytes, len);
  n->orig_begin.insert(n->orig_begin.end(), len, b);
  n->orig_end.insert(n->orig_end.end(), len, e);
}

}  // namespace

NormalizedText Normalize(std::string_view in) {
  NormalizedText n;
  n.text.reserve(in.size());
  n.orig_begin.reserve(in.size());
  n.orig_end.reserve(in.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(in.data());
  const size_t size = in.size();
  std::string nfc_one;
  size_t i = 0;
  while (i < size) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    // ASCII fast path: most news text is ASCII.
    if (c >= 0x20 && c < 0x7F) {
      size_t j = i + 1;
      while (j < size) {
        unsigned char d = static_cast<unsigned char>(in[j]);
        if (d < 0x20 || d >= 0x7F) break;
        ++j;
      }
      // The last ASCII char may be the base of a combining sequence: leave it to the
      // slow path when a non-ASCII byte follows.
      size_t end = (j < size && static_cast<unsigned char>(in[j]) >= 0x80) ? j - 1 : j;
      n.text.append(in.data() + i, end - i);
      size_t at = n.orig_begin.size();
      n.orig_begin.resize(at + end - i);
      n.orig_end.resize(at + end - i);
      for (size_t k = i; k < end; ++k, ++at) {
        n.orig_begin[at] = static_cast<uint32_t>(k);
        n.orig_end[at] = static_cast<uint32_t>(k + 1);
      }
      if (end > i) {
        i = end;
        continue;
      }
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(size - i), &cp);
    if (len <= 0) {
      Append(&n, "\xEF\xBF\xBD", 3, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
      ++i;
      continue;
    }
    // A base character followed by combining marks is composed as one cluster (NFC).
    size_t j = i + static_cast<size_t>(len);
    bool combined = false;
    while (j < size) {
      utf8proc_int32_t next;
      utf8proc_ssize_t l2 = utf8proc_iterate(p + j, static_cast<utf8proc_ssize_t>(size - j), &next);
      if (l2 <= 0 || !IsCombining(next)) break;
      j += static_cast<size_t>(l2);
      combined = true;
    }
    if (combined) {
      std::string cluster(in.substr(i, j - i));
      utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(cluster.c_str()));
      if (nfc != nullptr) {
        Append(&n, reinterpret_cast<const char*>(nfc), std::strlen(reinterpret_cast<char*>(nfc)),
               static_cast<uint32_t>(i), static_cast<uint32_t>(j));
        std::free(nfc);
      } else {
        Append(&n, cluster.data(), cluster.size(), static_cast<uint32_t>(i), static_cast<uint32_t>(j));
      }
      i = j;
      continue;
    }
    const char* rep = Replacement(cp);
    if (rep != nullptr) {
      Append(&n, rep, std::strlen(rep), static_cast<uint32_t>(i), static_cast<uint32_t>(i + len));
    } else if (NfcOfOne(cp, &nfc_one)) {
      Append(&n, nfc_one.data(), nfc_one.size(), static_cast<uint32_t>(i),
             static_cast<uint32_t>(i + len));
    } else {
      Append(&n, in.data() + i, static_cast<size_t>(len), static_cast<uint32_t>(i),
             static_cast<uint32_t>(i + len));
    }
    i += static_cast<size_t>(len);
  }
  return n;
}

}  // namespace dyad
