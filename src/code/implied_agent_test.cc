// The coder end to end on the conventions that complete an event from its sentence: an
// agentless passive's doer from the place, a missile launch with no target as a show of force.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/coder.h"

namespace dyad {
namespace {

class ImpliedEventTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto c = Coder::Create(CoderOptions());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    coder_ = c->release();
  }
  static void TearDownTestSuite() {
    delete coder_;
    coder_ = nullptr;
  }
  // "SOURCE CAMEO TARGET" of every asserted event.
  static std::vector<std::string> Code(const std::string& text) {
    Article a;
    a.id = "t";
    a.date = "2024-03-20";
    a.text = text;
    CodedArticle c = coder_->Code(a);
    EXPECT_TRUE(c.status.ok()) << c.status.ToString();
    std::vector<std::string> out;
    for (const Event& e : c.events) {
      out.push_back(e.source.code + " " + e.cameo + " " + (e.target.code.empty() ? "-" : e.target.code));
    }
    return out;
  }
  static Coder* coder_;
};
Coder* ImpliedEventTest::coder_ = nullptr;

TEST_F(ImpliedEventTest, AgentlessArrestIsByThePlacesPolice) {
  std::vector<std::string> ev = Code("Two French journalists were detained in Tehran on Monday.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].substr(0, 10), "IRNCOP 173");
  EXPECT_EQ(ev[0].substr(11, 3), "FRA");
  // No place, no doer: nothing is coded.
  EXPECT_TRUE(Code("Two French journalists were detained on Monday.").empty());
  // A named agent wins over the implied one.
  ev = Code("Two French journalists were detained by Iranian police on Monday.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].substr(0, 10), "IRNCOP 173");
}

TEST_F(ImpliedEventTest, MissileLaunchWithoutTargetIsAShowOfForce) {
  EXPECT_EQ(Code("North Korea fired two short-range ballistic missiles on Thursday."),
            std::vector<std::string>{"PRK 150 -"});
  EXPECT_EQ(Code("North Korea launched a ballistic missile off its east coast."),
            std::vector<std::string>{"PRK 150 -"});
  // With a target it is an attack.
  EXPECT_EQ(Code("Russia fired missiles at Ukraine on Monday."),
            std::vector<std::string>{"RUS 194 UKR"});
}

}  // namespace
}  // namespace dyad
