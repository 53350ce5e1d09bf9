#include "src/dict/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad {
namespace {

// FIPS 180-4 example vectors: compiled dictionaries store this hash of their sources, so a
// different value would make every cached dictionary stale.
TEST(Sha256Test, StandardVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, PiecewiseUpdatesEqualOneMessage) {
  Sha256 h;
  h.Update("abcdbcdecdefdefgefghfghighij");
  h.Update("");
  h.Update("hijkijkljklmklmnlmnomnopnopq");
  EXPECT_EQ(h.HexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(h.HexDigest(), h.HexDigest());  // Digest() is idempotent
}

}  // namespace
}  // namespace dyad
