#include "src/code/conventions.h"

#include <gtest/gtest.h>

#include "src/code/test_parse.h"

namespace dyad {
namespace {

ConventionContext Ctx(const std::string& code) {
  ConventionContext c;
  c.code = code;
  return c;
}

TEST(CameoConventionsTest, FutureActsBecomeIntentsOrThreats) {
  const CameoConventions& conv = TestConventions();
  ConventionContext c = Ctx("042");
  EXPECT_EQ(conv.Apply(c).code, "042");  // not future: unchanged
  EXPECT_FALSE(conv.Apply(c).intent);
  c.future = true;
  ConventionResult r = conv.Apply(c);
  EXPECT_EQ(r.code, "036");
  EXPECT_TRUE(r.intent);
  ASSERT_EQ(r.applied.size(), 1u);
  EXPECT_NE(r.applied[0].find("cameo_conventions.txt:"), std::string::npos);
  c.code = "190";
  EXPECT_EQ(conv.Apply(c).code, "138");
  c.code = "163";  // sanctions ahead are a threat of sanctions, not of force
  EXPECT_EQ(conv.Apply(c).code, "1312");
  c.code = "173";
  EXPECT_EQ(conv.Apply(c).code, "137");
  c.code = "112";  // disapproval has no future convention
  EXPECT_EQ(conv.Apply(c).code, "112");
  EXPECT_FALSE(conv.Apply(c).intent);
}

TEST(CameoConventionsTest, ProtestersForceAndThirdCountryMeetings) {
  const CameoConventions& conv = TestConventions();
  ConventionContext c = Ctx("190");
  c.source_code = "UKROPP";
  EXPECT_EQ(conv.Apply(c).code, "145");
  c.source_code = "UKRMIL";
  EXPECT_EQ(conv.Apply(c).code, "190");
  ConventionContext m = Ctx("040");
  m.source_country = "USA";
  m.target_country = "RUS";
  m.location_country = "SAU";
  EXPECT_EQ(conv.Apply(m).code, "044");
  m.location_country = "RUS";
  EXPECT_EQ(conv.Apply(m).code, "040");
  m.location_country = "SAU";
  m.target_country = "";  // no target: no third location
  EXPECT_EQ(conv.Apply(m).code, "040");
}

TEST(CameoConventionsTest, PairsAndMutualVerbs) {
  const CameoConventions& conv = TestConventions();
  EXPECT_EQ(conv.Pair("042"), "");  // the visit alone (cameo_conventions.txt)
  EXPECT_EQ(conv.Pair("040"), "040");
  EXPECT_EQ(conv.Pair("190"), "");
  EXPECT_TRUE(conv.Mutual("190", "clash", "with"));
  EXPECT_FALSE(conv.Mutual("190", "clash", "in"));
  EXPECT_FALSE(conv.Mutual("040", "clash", "with"));
  EXPECT_FALSE(conv.Mutual("190", "attack", "with"));
}

TEST(CameoConventionsTest, ImpliedAgentsOfAgentlessPassives) {
  const CameoConventions& conv = TestConventions();
  auto arrest = conv.Implied("173");
  ASSERT_TRUE(arrest.has_value());
  EXPECT_EQ(arrest->role, "COP");
  EXPECT_NE(arrest->rule.find("implied-agent 173 COP (cameo_conventions.txt:"), std::string::npos)
      << arrest->rule;
  EXPECT_FALSE(conv.Implied("190").has_value());  // an attack needs its attacker named
  EXPECT_FALSE(conv.Implied("17").has_value());
  EXPECT_FALSE(CameoConventions::Parse("implied-agent 173\n", "c.txt").ok());
  EXPECT_FALSE(CameoConventions::Parse("implied-agent 173 cop\n", "c.txt").ok());
  EXPECT_FALSE(CameoConventions::Parse("implied-agent 17x COP\n", "c.txt").ok());
  EXPECT_TRUE(CameoConventions::Parse("implied-agent 173 JUD\n", "c.txt").ok());
}

TEST(CameoConventionsTest, MalformedRulesNameTheLine) {
  auto bad = CameoConventions::Parse("future 04 036\nfuture 04\n", "c.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("c.txt:2"), std::string::npos);
  auto unknown = CameoConventions::Parse("# x\nrewrite 04 036\n", "c.txt");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().ToString().find("unknown rule"), std::string::npos);
  EXPECT_FALSE(CameoConventions::Parse("pair 04x 043\n", "c.txt").ok());
  CameoConventions none;
  EXPECT_EQ(none.Apply(Ctx("042")).code, "042");
}

}  // namespace
}  // namespace dyad
