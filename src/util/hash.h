// Fast non-cryptographic hashes for ids and content fingerprints.
#ifndef DYAD_UTIL_HASH_H_
#define DYAD_UTIL_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad {

// 64-bit FNV-1a of `data`, starting from `seed` (the FNV offset basis by default).
uint64_t Fnv1a64(std::string_view data, uint64_t seed = 0xcbf29ce484222325ULL);

// A 128-bit fingerprint as 32 lowercase hex digits: two independent 64-bit hashes.
// Stable across runs, platforms and versions (stored in databases).
std::string Fingerprint128(std::string_view data);

// splitmix64's finaliser: a bijection that spreads every input bit over the output (used to
// chain and combine hashes whose high bits are weak, such as FNV's).
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
