#include "src/code/petrarch_eval.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/util/test_util.h"

namespace dyad {
namespace {

TEST(PetrarchEvalTest, ParsesBothLayouts) {
  std::string path = std::filesystem::temp_directory_path() / "dyad_petr_test.xml";
  std::ofstream(path) << R"(<Validation>
<Environment><Verbfile>v.txt</Verbfile><Include>DEMO AGENT</Include></Environment>
<!-- <Sentence id="COMMENTED"> </Sentence> -->
<Sentence category="DEMO" date="19950101" id="D-1" evaluate="true">
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<Text>
Arnor restored ties
 with Gondor.
</Text></Sentence>
<Sentence date = "19950102" id ="D-2" category="AGENT" sentence="true">
<EventCoding sourcecode='"BRE"' targetcode="GON" eventcode="111"></EventCoding>
<EventCoding noevents = "True"/>
<Text>x</Text></Sentence>
<Sentence category="DEMO" date="19950101" id="D-3" evaluate="false">
<EventCoding error="bad" /><Text>y</Text></Sentence>
</Validation>)";
  auto suite = ReadPetrarchSuite(path);
  std::remove(path.c_str());
  ASSERT_TRUE(suite.ok()) << suite.status().ToString();
  EXPECT_EQ(suite->verbs, "v.txt");
  EXPECT_EQ(suite->include, std::vector<std::string>({"DEMO", "AGENT"}));
  ASSERT_EQ(suite->records.size(), 3u);
  const auto& r = suite->records[0];
  EXPECT_EQ(r.id, "D-1");
  EXPECT_EQ(r.date, "1995-01-01");
  EXPECT_EQ(r.text, "Arnor restored ties with Gondor.");
  ASSERT_EQ(r.expected.size(), 1u);
  EXPECT_EQ(r.expected[0].source, "ARN");
  EXPECT_EQ(r.line, 4);
  EXPECT_EQ(suite->records[1].expected[0].source, "BRE");
  EXPECT_TRUE(suite->records[1].noevents);
  EXPECT_FALSE(suite->records[2].evaluate);
  EXPECT_TRUE(suite->records[2].error);
}

TEST(PetrarchEvalTest, ScoresLikeTheValidationHarness) {
  PetrarchRecord r;
  r.expected = {{"050", "ARN", "GON"}, {"050", "BRE", "GON"}};
  CategoryScore s;
  // One right, one wrong code, one null target dropped.
  EXPECT_FALSE(ScorePetrarchRecord(
      r, {{"050", "ARN", "GON"}, {"040", "BRE", "GON"}, {"050", "ARN", "---"}}, &s));
  EXPECT_EQ(s.correct, 1);
  EXPECT_EQ(s.uncoded, 1);
  EXPECT_EQ(s.extra, 1);
  EXPECT_EQ(s.null_dropped, 1);
  EXPECT_DOUBLE_EQ(s.tp(), 50.0);
  EXPECT_DOUBLE_EQ(s.fp(), 50.0);
  PetrarchRecord none;
  none.noevents = true;
  CategoryScore t;
  EXPECT_TRUE(ScorePetrarchRecord(none, {}, &t));
  EXPECT_FALSE(ScorePetrarchRecord(none, {{"010", "A", "B"}}, &t));
  EXPECT_EQ(t.correct_records, 1);
  EXPECT_EQ(t.extra, 1);
}

TEST(SharedPetrarchEvalTest, ReadsTheSuites) {
  DYAD_REQUIRE_SHARED(ud, "eval/petrarch/ud_2_02/PETR_Validate_records_2_02.xml");
  auto suite = ReadPetrarchSuite(ud);
  ASSERT_TRUE(suite.ok()) << suite.status().ToString();
  EXPECT_EQ(suite->records.size(), 274u);
  int events = 0, noevents = 0, evaluated = 0;
  for (const auto& r : suite->records) {
    events += static_cast<int>(r.expected.size());
    noevents += r.noevents;
    evaluated += r.evaluate;
  }
  EXPECT_EQ(events, 322);
  EXPECT_EQ(noevents, 20);
  EXPECT_EQ(evaluated, 264);
  DYAD_REQUIRE_SHARED(p2, "eval/petrarch/petrarch2_unittest/PETR.UnitTest.records.xml");
  auto suite2 = ReadPetrarchSuite(p2);
  ASSERT_TRUE(suite2.ok()) << suite2.status().ToString();
  EXPECT_EQ(suite2->records.size(), 284u);
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// Conformance regression floor on the UD-PETRARCH suite coded with its own dictionaries
// through the community-format loaders (figures in doc/coder.md).
TEST(SharedPetrarchConformanceTest, UdSuiteFloor) {
  DYAD_REQUIRE_SHARED(dir, "eval/petrarch/ud_2_02");
  std::string cmd =
      std::string(DYAD_BINARY) + " eval petrarch " + dir + " > /tmp/dyad_petr_eval.txt 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in("/tmp/dyad_petr_eval.txt");
  std::string line;
  double tp = -1, fp = -1;
  while (std::getline(in, line)) {
    if (line.rfind("TOTAL", 0) != 0) continue;
    std::istringstream f(line);
    std::string name;
    int a, b, c, d, e, g;
    double fn;
    f >> name >> a >> b >> c >> d >> e >> g >> tp >> fn >> fp;
  }
  EXPECT_GE(tp, 49.5);
  EXPECT_LE(fp, 28.0);
}

}  // namespace
}  // namespace dyad
