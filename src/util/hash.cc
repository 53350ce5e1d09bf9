#include "src/util/hash.h"

#include <xxhash.h>

namespace dyad {
namespace {

uint64_t LegacyFnv1a64(std::string_view data, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

uint64_t Hash64(std::string_view data) { return XXH3_64bits(data.data(), data.size()); }

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
  XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  return Hex64(h.high64) + Hex64(h.low64);
}

std::string LegacyFingerprint128(std::string_view data) {
  uint64_t a = SplitMix64(LegacyFnv1a64(data, 0xcbf29ce484222325ULL));
  uint64_t b = SplitMix64(LegacyFnv1a64(data, 0x84222325cbf29ce4ULL) ^ data.size());
  return Hex64(a) + Hex64(b);
}

}  // namespace dyad
