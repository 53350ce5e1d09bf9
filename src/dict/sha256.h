// SHA-256 (FIPS 180-4), written from the standard: the source hash of compiled dictionaries.
//
//   dyad::Sha256 h;
//   h.Update("abc");
//   std::string hex = h.HexDigest();  // "ba7816bf..."
#ifndef DYAD_DICT_SHA256_H_
#define DYAD_DICT_SHA256_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dyad {

class Sha256 {
 public:
  Sha256();
  // Appends `data` to the message. Must not be called after Digest().
  void Update(std::string_view data);
  // Finishes the message and returns the 32-byte digest; later calls return the same value.
  std::array<uint8_t, 32> Digest();
  // Digest() as 64 lowercase hex digits.
  std::string HexDigest();

 private:
  void Block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
  bool done_ = false;
  std::array<uint8_t, 32> digest_{};
};

// SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace dyad

#endif  // DYAD_DICT_SHA256_H_
