#include "dyad/event_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace dyad {
namespace {

Event Sample() {
  Event e;
  e.id = "ev1";
  e.article_id = "seed";
  e.url = "http://example.org/a";
  e.outlet = "Example News";
  e.pub_date = "2025-02-18";
  e.sentence_index = 2;
  e.sentence_begin = 10;
  e.sentence_end = 80;
  e.sentence_text = "Rubio met Lavrov in \"Riyadh\".\tTab";
  e.source = {"Marco Rubio", 10, 21, "Marco Rubio", "USAGOV", "USA", "GOV", ActorType::kPerson, {}};
  e.target = {"Lavrov", 26, 32, "Sergei Lavrov", "RUSGOV", "RUS", "GOV", ActorType::kPerson, {}};
  e.mention_group = "g1";
  e.verb_text = "met";
  e.cameo = "036";
  e.base = "036";
  e.root = "03";
  e.goldstein = 4.0;
  e.quad = 1;
  e.plover_event = "CONSULT";
  e.date = {"2025-02-18", DatePrecision::kDay, DateBasis::kArticle, ""};
  e.location.text = "Riyadh";
  e.location.country = "SAU";
  e.location.lat = 24.6877;
  e.location.lon = 46.7219;
  e.confidence = 0.9;
  e.reason = "pattern 036 meet [with +T] (verbs.txt:12)";
  return e;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l)) out.push_back(l);
  return out;
}

size_t Columns(const std::string& line) { return std::count(line.begin(), line.end(), '\t') + 1; }

std::string WriteAll(const std::string& format, const std::vector<Event>& events) {
  std::ostringstream out;
  auto w = EventWriter::Create(format, &out);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  for (const auto& e : events) EXPECT_TRUE((*w)->Write(e).ok());
  EXPECT_TRUE((*w)->Finish().ok());
  return out.str();
}

TEST(EventWriterTest, JsonIsValidAndKeepsCodesAsStrings) {
  Event e = Sample();
  e.source.text = std::string("bad \xff byte");
  auto j = nlohmann::json::parse(EventToJson(e));
  EXPECT_EQ(j["cameo"], "036");
  EXPECT_EQ(j["root"], "03");
  EXPECT_EQ(j["source"]["code"], "USAGOV");
  EXPECT_EQ(j["source"]["text"], "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(j["target"]["code"], "RUSGOV");
  EXPECT_EQ(j["sentence_start"], 10);
  EXPECT_EQ(j["modality"], "asserted");
  EXPECT_EQ(j["location"]["country"], "SAU");
  EXPECT_TRUE(j["speaker"].is_null());
}

TEST(EventWriterTest, ShapedFormatsHaveTheirColumnCounts) {
  auto gdelt = Lines(WriteAll("gdelt", {Sample()}));
  ASSERT_EQ(gdelt.size(), 1u);
  EXPECT_EQ(Columns(gdelt[0]), 61u);
  auto mentions = Lines(WriteAll("gdelt-mentions", {Sample()}));
  EXPECT_EQ(Columns(mentions[0]), 16u);
  auto icews = Lines(WriteAll("icews", {Sample()}));
  ASSERT_EQ(icews.size(), 2u);
  EXPECT_EQ(Columns(icews[0]), 20u);
  EXPECT_EQ(Columns(icews[1]), 20u);
  auto polecat = Lines(WriteAll("polecat", {Sample()}));
  ASSERT_EQ(polecat.size(), 2u);
  EXPECT_EQ(Columns(polecat[0]), 40u);
  EXPECT_EQ(Columns(polecat[1]), 40u);
  auto tsv = Lines(WriteAll("tsv", {Sample()}));
  EXPECT_EQ(Columns(tsv[0]), Columns(tsv[1]));
}

TEST(EventWriterTest, GdeltColumnsHoldTheRightFields) {
  auto row = Lines(WriteAll("gdelt", {Sample()}))[0];
  std::vector<std::string> c;
  std::string cell;
  std::istringstream in(row);
  while (std::getline(in, cell, '\t')) c.push_back(cell);
  c.resize(61);
  EXPECT_EQ(c[1], "20250218");
  EXPECT_EQ(c[5], "USAGOV");
  EXPECT_EQ(c[7], "USA");
  EXPECT_EQ(c[12], "GOV");
  EXPECT_EQ(c[15], "RUSGOV");
  EXPECT_EQ(c[26], "036");
  EXPECT_EQ(c[28], "03");
  EXPECT_EQ(c[29], "1");
  EXPECT_EQ(c[52], "Riyadh");
  EXPECT_EQ(c[60], "http://example.org/a");
}

TEST(EventWriterTest, PloverRegroupsCompoundDyads) {
  Event a = Sample();
  Event b = Sample();
  b.source.code = "RUSGOV";
  b.source.text = "Lavrov";
  b.target.code = "USAGOV";
  b.target.text = "Marco Rubio";
  Event c = Sample();
  c.mention_group = "g2";
  auto lines = Lines(WriteAll("plover", {a, b, c}));
  ASSERT_EQ(lines.size(), 2u);
  auto j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j["actor"].size(), 2u);
  EXPECT_EQ(j["recipient"].size(), 2u);
  EXPECT_EQ(j["event"][0], "CONSULT");
  EXPECT_EQ(j["actor"][0]["code"], "USA");
  EXPECT_EQ(j["actor"][0]["sector"], "GOV");
}

TEST(EventWriterTest, CsvQuotes) {
  Event e = Sample();
  e.reason = "a, \"b\"";
  auto lines = Lines(WriteAll("csv", {e}));
  EXPECT_NE(lines[1].find("\"a, \"\"b\"\"\""), std::string::npos);
}

TEST(EventWriterTest, UnknownFormat) {
  std::ostringstream out;
  EXPECT_TRUE(EventWriter::Create("xml", &out).status().IsInvalidArgument());
}

TEST(EventWriterTest, SplitActorCode) {
  auto p = SplitActorCode("RUSGOVMIL");
  EXPECT_EQ(p.country, "RUS");
  ASSERT_EQ(p.types.size(), 2u);
  EXPECT_EQ(p.types[1], "MIL");
  p = SplitActorCode("IGOUNOREFHCR");
  EXPECT_EQ(p.country, "");
  EXPECT_EQ(p.known_group, "UNO");
  p = SplitActorCode("PSEREBHMS");
  EXPECT_EQ(p.country, "PSE");
  EXPECT_EQ(p.known_group, "HMS");
}

}  // namespace
}  // namespace dyad
