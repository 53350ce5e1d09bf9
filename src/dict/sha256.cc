#include "src/dict/sha256.h"

#include <openssl/evp.h>

namespace dyad {

// EVP_sha256 never fails to initialise or update with a valid context; only allocation can
// fail, and then the process is out of memory anyway.
Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::Update(std::string_view data) {
  if (!done_) EVP_DigestUpdate(ctx_, data.data(), data.size());
}

std::array<uint8_t, 32> Sha256::Digest() {
  if (!done_) {
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_, digest_.data(), &n);
    done_ = true;
  }
  return digest_;
}

std::string Sha256::HexDigest() {
  static const char* kDigits = "0123456789abcdef";
  std::array<uint8_t, 32> d = Digest();
  std::string s;
  s.reserve(64);
  for (uint8_t b : d) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 15]);
  }
  return s;
}

std::string Sha256Hex(std::string_view data) {
  Sha256 h;
  h.Update(data);
  return h.HexDigest();
}

}  // namespace dyad
