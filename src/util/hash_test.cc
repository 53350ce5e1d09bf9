// Pins the hashes whose values are stored (article ids, content hashes, event ids, the
// compiled-dictionary checksum): a change of these values needs a database schema bump and
// a migration (doc/db_schema.md, "Ids and hashes").
#include "src/util/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad {
namespace {

TEST(HashTest, Fingerprint128IsXxh3_128) {
  // The digits `printf %s abc | xxhsum -H2` prints (xxHash 0.8.1).
  EXPECT_EQ(Fingerprint128(""), "99aa06d3014798d86001c324468d497f");
  EXPECT_EQ(Fingerprint128("abc"), "06b05ab6733a618578af5f94892f3950");
  EXPECT_EQ(Fingerprint128("https://example.com/news/1"), "914de08562a2a7a9281ef7b2fbb86ecd");
  EXPECT_EQ(Fingerprint128(std::string(1000, 'x')), "50a1af5a5f2dcf01c0a4877b962cba82");
}

TEST(HashTest, Hash64IsXxh3_64) {
  // `xxhsum -H3`.
  EXPECT_EQ(Hex64(Hash64("")), "2d06800538d394c2");
  EXPECT_EQ(Hex64(Hash64("abc")), "78af5f94892f3950");
  EXPECT_EQ(Hex64(Hash64("https://example.com/news/1")), "2b5636c215559777");
}

TEST(HashTest, LegacyFingerprint128KeepsSchemaVersion1Values) {
  // Values of Fingerprint128 before schema version 2: version-1 databases hold ids made
  // from them, and the migration recognises those ids by recomputing them.
  EXPECT_EQ(LegacyFingerprint128(""), "f52a15e9a9b5e89bfe5361af3ba51714");
  EXPECT_EQ(LegacyFingerprint128("abc"), "0dd490490804b5084ca5a8cbd0a148bd");
  EXPECT_EQ(LegacyFingerprint128("https://example.com/news/1"),
            "1a0bb8698fdaea03422a132b7bf20fa0");
  EXPECT_EQ(LegacyFingerprint128(std::string(1000, 'x')), "82d7935ebaec8a6a9e61a0de017a8448");
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
