#include "src/util/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

namespace dyad {
namespace {

TEST(ParallelTest, KeepsOrderAndTransformsEverything) {
  for (int threads : {1, 2, 4}) {
    int next = 0;
    std::vector<int> seen;
    Status s = OrderedParallelMap<int, int>(
        threads,
        [&](int* in) -> Result<bool> {
          if (next == 500) return false;
          *in = next++;
          return true;
        },
        [](const int& x) {
          // Uneven work so results finish out of order.
          if (x % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
          return x * x;
        },
        [&](int& in, int& out) {
          EXPECT_EQ(out, in * in);
          seen.push_back(in);
          return Status::OK();
        });
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(seen.size(), 500u);
    for (int i = 0; i < 500; ++i) ASSERT_EQ(seen[i], i);
  }
}

TEST(ParallelTest, ErrorsStopThePipeline) {
  int next = 0;
  Status s = OrderedParallelMap<int, int>(
      3,
      [&](int* in) -> Result<bool> {
        *in = next++;
        return true;  // endless input: the consumer's error must stop it
      },
      [](const int& x) { return x; },
      [&](int& in, int&) {
        return in == 50 ? Status::IOError("disk full") : Status::OK();
      });
  EXPECT_TRUE(s.IsIOError());
  int n = 0;
  s = OrderedParallelMap<int, int>(
      2,
      [&](int* in) -> Result<bool> {
        if (n == 10) return Status::Corruption("bad input");
        *in = n++;
        return true;
      },
      [](const int& x) { return x; }, [](int&, int&) { return Status::OK(); });
  EXPECT_TRUE(s.IsCorruption());
}

}  // namespace
}  // namespace dyad
