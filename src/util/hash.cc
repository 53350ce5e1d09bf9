#include "src/util/hash.h"

namespace dyad {

uint64_t Fnv1a64(std::string_view data, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string Hex64(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i) {
    s[i] = kDigits[v & 15];
    v >>= 4;
  }
  return s;
}

std::string Fingerprint128(std::string_view data) {
  uint64_t a = SplitMix64(Fnv1a64(data));
  uint64_t b = SplitMix64(Fnv1a64(data, 0x84222325cbf29ce4ULL) ^ data.size());
  return Hex64(a) + Hex64(b);
}

}  // namespace dyad
