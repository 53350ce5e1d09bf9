// SHA-256 through OpenSSL's libcrypto: the source hash of compiled dictionaries.
//
//   dyad::Sha256 h;
//   h.Update("abc");
//   std::string hex = h.HexDigest();  // "ba7816bf..."
#ifndef DYAD_DICT_SHA256_H_
#define DYAD_DICT_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace dyad {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  // Appends `data` to the message. Must not be called after Digest().
  void Update(std::string_view data);
  // Finishes the message and returns the 32-byte digest; later calls return the same value.
  std::array<uint8_t, 32> Digest();
  // Digest() as 64 lowercase hex digits.
  std::string HexDigest();

 private:
  EVP_MD_CTX* ctx_;
  bool done_ = false;
  std::array<uint8_t, 32> digest_{};
};

// SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace dyad

#endif  // DYAD_DICT_SHA256_H_
