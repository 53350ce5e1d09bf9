// Fast non-cryptographic hashes for ids, checksums and content fingerprints: xxHash's XXH3,
// whose output is frozen since xxHash 0.8.0, so stored values are stable across runs,
// platforms and library versions. (Trained models hash their features themselves:
// src/nlp/tagger.h.)
//
//   std::string id = Fingerprint128(article.url).substr(0, 16);
#ifndef DYAD_UTIL_HASH_H_
#define DYAD_UTIL_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad {

// XXH3 64-bit hash of `data` (seed 0).
uint64_t Hash64(std::string_view data);

// A 128-bit fingerprint as 32 lowercase hex digits: XXH3-128 in xxHash's canonical
// (big-endian) form, the digits `xxhsum -H2` prints. Stored in databases (schema version 2).
std::string Fingerprint128(std::string_view data);

// The fingerprint of schema version 1 (two seeded FNV-1a 64 hashes through splitmix64).
// Only for migrating version-1 databases, which hold ids derived from it.
std::string LegacyFingerprint128(std::string_view data);

// splitmix64's finaliser: a bijection that spreads every input bit over the output (used to
// chain and combine hashes whose high bits are weak).
inline uint64_t SplitMix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// 16 lowercase hex digits of a 64-bit value.
std::string Hex64(uint64_t v);

}  // namespace dyad

#endif  // DYAD_UTIL_HASH_H_
