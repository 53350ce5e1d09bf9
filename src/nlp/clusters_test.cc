#include "src/nlp/clusters.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dyad {
namespace {

std::unique_ptr<WordClusters> BuildToy(uint64_t seed) {
  ClusterOptions o;
  o.min_count = 1;
  o.contexts = 20;
  o.dims = 16;
  o.levels = {2, 4};
  o.seed = seed;
  ClusterBuilder b(o);
  const char* subjects[] = {"cat", "dog", "Russia", "Ukraine"};
  const char* verbs[] = {"sat", "ran", "slept", "ate"};
  for (int rep = 0; rep < 5; ++rep) {
    for (const char* s : subjects) {
      for (const char* v : verbs) {
        std::vector<std::string_view> w = {"the", s, v, "in", "2024", "."};
        b.AddSentence(w);
      }
    }
  }
  auto c = b.Build();
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(*c) : nullptr;
}

TEST(WordClustersTest, SameContextsSameCluster) {
  auto c = BuildToy(1);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->num_levels(), 2);
  uint16_t cat[WordClusters::kMaxLevels + 1], dog[WordClusters::kMaxLevels + 1];
  uint16_t unk[WordClusters::kMaxLevels + 1];
  c->Lookup("cat", cat);
  c->Lookup("DOG", dog);  // keys ignore case
  EXPECT_EQ(cat[0], dog[0]);
  EXPECT_EQ(cat[1], dog[1]);
  EXPECT_LT(cat[1], 4);
  EXPECT_EQ(cat[2], 0);  // never capitalised
  uint16_t russia[WordClusters::kMaxLevels + 1];
  c->Lookup("russia", russia);
  EXPECT_EQ(russia[2], WordClusters::kCaseClasses - 1);  // always capitalised
  c->Lookup("zebra", unk);
  EXPECT_EQ(unk[0], WordClusters::kUnknown);
  EXPECT_EQ(unk[2], WordClusters::kUnknown);
  uint16_t y1[WordClusters::kMaxLevels + 1], y2[WordClusters::kMaxLevels + 1];
  c->Lookup("1999", y1);  // digits are one class
  c->Lookup("2024", y2);
  EXPECT_EQ(y1[1], y2[1]);
  EXPECT_NE(y1[1], WordClusters::kUnknown);
}

TEST(WordClustersTest, DeterministicAndRoundTrips) {
  auto a = BuildToy(7), b = BuildToy(7);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  std::string dir = ::testing::TempDir();
  std::string pa = dir + "/clusters_a_" + std::to_string(getpid()) + ".bin";
  std::string pb = dir + "/clusters_b_" + std::to_string(getpid()) + ".bin";
  ASSERT_TRUE(a->Save(pa).ok());
  ASSERT_TRUE(b->Save(pb).ok());
  std::ifstream fa(pa, std::ios::binary), fb(pb, std::ios::binary);
  std::stringstream sa, sb;
  sa << fa.rdbuf();
  sb << fb.rdbuf();
  EXPECT_EQ(sa.str(), sb.str());
  auto loaded = WordClusters::Load(pa);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->size(), a->size());
  for (const char* w : {"the", "cat", "sat", "in", ".", "Ukraine"}) {
    uint16_t x[WordClusters::kMaxLevels + 1], y[WordClusters::kMaxLevels + 1];
    a->Lookup(w, x);
    (*loaded)->Lookup(w, y);
    for (int i = 0; i <= a->num_levels(); ++i) EXPECT_EQ(x[i], y[i]) << w;
  }
  EXPECT_TRUE(WordClusters::Load(dir + "/no_such_clusters.bin").status().IsNotFound());
  {
    std::ofstream bad(pb, std::ios::binary);
    bad << "DYADCLU1garbage";
  }
  EXPECT_TRUE(WordClusters::Load(pb).status().IsCorruption());
  std::remove(pa.c_str());
  std::remove(pb.c_str());
}

TEST(WordClustersTest, RefusesTooLittleText) {
  ClusterBuilder b(ClusterOptions{});
  b.AddSentence({"a", "b"});
  EXPECT_FALSE(b.Build().ok());
}

}  // namespace
}  // namespace dyad
