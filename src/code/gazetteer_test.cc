#include "src/code/gazetteer.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

class GazetteerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto g = Gazetteer::Load();
    if (g.ok())
      gaz_ = std::move(g).value().release();
    else
      error_ = new std::string(g.status().ToString());
  }
  void SetUp() override {
    // The gazetteer is an install-time dependency (npm); make test installs it.
    ASSERT_NE(gaz_, nullptr) << *error_;
  }
  static Gazetteer* gaz_;
  static std::string* error_;
};
Gazetteer* GazetteerTest::gaz_ = nullptr;
std::string* GazetteerTest::error_ = nullptr;

TEST_F(GazetteerTest, ResolvesCapitalsAndHomonyms) {
  EXPECT_GT(gaz_->size(), 100000u);
  auto riyadh = gaz_->Resolve("Riyadh");
  ASSERT_TRUE(riyadh.has_value());
  EXPECT_EQ(riyadh->country, "SAU");
  EXPECT_NEAR(riyadh->lat, 24.69, 0.05);
  EXPECT_NEAR(riyadh->lon, 46.72, 0.05);
  EXPECT_EQ(riyadh->geonames_id, 108410);
  auto paris = gaz_->Resolve("paris");
  ASSERT_TRUE(paris.has_value());
  EXPECT_EQ(paris->country, "FRA");
  auto kyiv = gaz_->Resolve("Kyiv");
  ASSERT_TRUE(kyiv.has_value());
  EXPECT_EQ(kyiv->country, "UKR");
  // A country hint picks the local homonym.
  auto us_paris = gaz_->Resolve("Paris", "USA", 1000);
  ASSERT_TRUE(us_paris.has_value());
  EXPECT_EQ(us_paris->country, "USA");
  EXPECT_FALSE(gaz_->Resolve("Nowhereville Xyz").has_value());
}

TEST(GazetteerLoadTest, MissingFileIsNotFound) {
  EXPECT_TRUE(Gazetteer::Load("/nonexistent/cities.pbf").status().IsNotFound());
}

}  // namespace
}  // namespace dyad
