// Pins the hashes whose values are stored (article ids, content hashes, event ids, the
// compiled-dictionary checksum): a change of these values needs a database schema bump and
// a migration (doc/db_schema.md).
#include "src/util/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad {
namespace {

TEST(HashTest, Fingerprint128IsPinned) {
  EXPECT_EQ(Fingerprint128(""), "f52a15e9a9b5e89bfe5361af3ba51714");
  EXPECT_EQ(Fingerprint128("abc"), "0dd490490804b5084ca5a8cbd0a148bd");
  EXPECT_EQ(Fingerprint128("https://example.com/news/1"), "1a0bb8698fdaea03422a132b7bf20fa0");
  EXPECT_EQ(Fingerprint128(std::string(1000, 'x')), "82d7935ebaec8a6a9e61a0de017a8448");
}

TEST(HashTest, Fingerprint128DiffersOnSmallChanges) {
  EXPECT_NE(Fingerprint128("a"), Fingerprint128("b"));
  EXPECT_NE(Fingerprint128("ab"), Fingerprint128("ba"));
  EXPECT_NE(Fingerprint128(std::string(1, '\0')), Fingerprint128(""));
  EXPECT_EQ(Fingerprint128("x").size(), 32u);
}

TEST(HashTest, Hex64) {
  EXPECT_EQ(Hex64(0), "0000000000000000");
  EXPECT_EQ(Hex64(0x0123456789abcdefULL), "0123456789abcdef");
}

}  // namespace
}  // namespace dyad
