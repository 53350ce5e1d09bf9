#include "dyad/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace dyad {
namespace {

Result<int> ParsePositive(int x) {
  if (x <= 0) return Status::InvalidArgument("not positive");
  return x;
}

Status UsesMacros(int x, int* out) {
  DYAD_RETURN_IF_ERROR(x == 7 ? Status::NotFound("seven") : Status::OK());
  DYAD_ASSIGN_OR_RETURN(int v, ParsePositive(x));
  *out = v * 2;
  return Status::OK();
}

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status::OK().ToString(), "OK");
  Status s = Status::Corruption("bad byte");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_EQ(s.ToString(), "Corruption: bad byte");
  EXPECT_EQ(s.WithContext("a.txt:3").ToString(), "Corruption: a.txt:3: bad byte");
  EXPECT_TRUE(Status::OK().WithContext("x").ok());
}

TEST(StatusTest, ResultHoldsValueOrError) {
  Result<int> good = ParsePositive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  Result<int> bad = ParsePositive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsInvalidArgument());
  EXPECT_EQ(bad.value_or(9), 9);
}

TEST(StatusTest, MacrosPropagate) {
  int out = 0;
  EXPECT_TRUE(UsesMacros(4, &out).ok());
  EXPECT_EQ(out, 8);
  EXPECT_TRUE(UsesMacros(7, &out).IsNotFound());
  EXPECT_TRUE(UsesMacros(-2, &out).IsInvalidArgument());
}

TEST(StatusTest, ResultOfMoveOnlyType) {
  Result<std::unique_ptr<std::string>> r = std::make_unique<std::string>("x");
  ASSERT_TRUE(r.ok());
  std::unique_ptr<std::string> p = std::move(r).value();
  EXPECT_EQ(*p, "x");
}

}  // namespace
}  // namespace dyad
