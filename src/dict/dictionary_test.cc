#include "dyad/dictionary.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "dyad/ontology.h"
#include "src/dict/petrarch_format.h"
#include "src/util/paths.h"
#include "src/util/test_util.h"

namespace dyad {
namespace {

class DictionaryQualityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto o = Ontology::Load();
    ASSERT_TRUE(o.ok()) << o.status().ToString();
    ont_ = o->release();
    auto d = LoadDictionaries({DataDir() + "/dict"}, *ont_);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dict_ = new Dictionary(std::move(d).value());
  }
  static Ontology* ont_;
  static Dictionary* dict_;
};
Ontology* DictionaryQualityTest::ont_ = nullptr;
Dictionary* DictionaryQualityTest::dict_ = nullptr;

TEST_F(DictionaryQualityTest, NoProblemsInOurDictionaries) {
  // Every code exists in the ontology, dates are valid, roles do not overlap in
  // contradictory ways, patterns parse: all checked by the loader.
  for (const auto& p : dict_->problems) ADD_FAILURE() << p.where << ": " << p.message;
}

TEST_F(DictionaryQualityTest, EveryCameoCodeHasAPattern) {
  std::set<std::string> covered;
  for (const VerbPattern* p : dict_->patterns.All()) covered.insert(p->code);
  for (const auto& e : ont_->events())
    EXPECT_TRUE(covered.count(e.code)) << "no pattern for CAMEO " << e.code;
}

TEST_F(DictionaryQualityTest, NoConflictingDuplicateNames) {
  // The same surface form must not code differently on the same date from two entries of
  // the same kind (people with the same name are distinguished by their dates).
  std::map<std::string, std::pair<std::string, std::string>> seen;  // name -> (code, origin)
  for (const auto& a : dict_->actors) {
    if (a.type == ActorType::kPerson || a.origin.rfind("iso-codes", 0) == 0) continue;
    std::string key = a.name + "|" + ActorTypeName(a.type);
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = seen.find(key);
    if (it != seen.end() && it->second.first != a.codes[0].code) {
      ADD_FAILURE() << a.origin << ": " << a.name << " codes " << a.codes[0].code << " but "
                    << it->second.second << " codes it " << it->second.first;
    }
    seen[key] = {a.codes[0].code, a.origin};
  }
}

TEST_F(DictionaryQualityTest, HandPickedLookups) {
  DictionaryLexicon lex(*dict_);
  std::ifstream in(DataDir() + "/../testdata/dict/lookup_cases.tsv");
  ASSERT_TRUE(in.good());
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    std::string phrase, date, want;
    std::getline(f, phrase, '\t');
    std::getline(f, date, '\t');
    std::getline(f, want, '\t');
    ++cases;
    auto m = lex.Lookup(phrase, date);
    ASSERT_FALSE(m.empty()) << "no match for '" << phrase << "' on " << date;
    EXPECT_EQ(m[0].code, want) << "'" << phrase << "' on " << date << ": " << m[0].entry;
  }
  EXPECT_GE(cases, 100);
}

TEST(DictionaryFormatTest, ReportsProblemsWithFileAndLine) {
  auto ont = Ontology::Load();
  ASSERT_TRUE(ont.ok());
  std::string dir = std::filesystem::temp_directory_path() / "dyad_dict_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/people.txt")
      << "# comment\n"
         "Good Person | person | Goodie | USAGOV@2020-01-01.. | iso3=USA\n"
         "Bad Date | person | | USAGOV@2020-02-30.. \n"
         "Bad Type | wizard | | USA\n"
         "Bad Code | country | | XQZ\n"
         "Overlap | person | | USAGOV@2020-01-01..2021-01-01; RUSGOV@2020-06-01..\n";
  std::ofstream(dir + "/verbs.txt") << "&SET = a; b\n"
                                       "036 | meet [with +T]\n"
                                       "999 | meet\n"
                                       "036 | meet [with +T\n"
                                       "127 | !accept {outcome|&SET}\n";
  auto d = LoadDictionaries({dir}, **ont, /*with_iso_countries=*/false);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(d.ok());
  std::string all;
  for (const auto& p : d->problems) all += p.where + ": " + p.message + "\n";
  EXPECT_NE(all.find("people.txt:3: invalid date '2020-02-30'"), std::string::npos) << all;
  EXPECT_NE(all.find("people.txt:4: unknown actor type 'wizard'"), std::string::npos) << all;
  EXPECT_NE(all.find("people.txt:5: actor code 'XQZ' must start with"), std::string::npos) << all;
  EXPECT_NE(all.find("people.txt:6: Overlap: roles USAGOV and RUSGOV overlap"), std::string::npos)
      << all;
  EXPECT_NE(all.find("verbs.txt:3: unknown CAMEO event code '999'"), std::string::npos) << all;
  EXPECT_NE(all.find("verbs.txt:4: unbalanced brackets"), std::string::npos) << all;
  EXPECT_EQ(d->patterns.size(), 2u);
  auto neg = d->patterns.ForVerb("accept");
  ASSERT_EQ(neg.size(), 1u);
  EXPECT_TRUE(neg[0].negated);
  EXPECT_EQ(neg[0].object_nouns, std::vector<std::string>({"outcome", "a", "b"}));
  DictionaryLexicon lex(*d);
  EXPECT_EQ(lex.Lookup("Goodie", "2021-01-01")[0].code, "USAGOV");
  EXPECT_TRUE(lex.Lookup("Goodie", "2019-01-01").empty());
  EXPECT_TRUE(lex.Lookup("goodie", "2021-01-01").empty());  // a name needs its capital
}

TEST(DictionaryFormatTest, FormerOfficialsAreElites) {
  auto ont = Ontology::Load();
  ASSERT_TRUE(ont.ok());
  std::string dir =
      std::filesystem::temp_directory_path() / ("dyad_former_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/people.txt")
      << "Ex Premier | person | Premier | CANOPP@2013-01-01..2015-11-03; "
         "CANGOV@2015-11-04..2025-03-14 | iso3=CAN\n"
         "Back Again | person | | USAGOV@2017-01-20..2021-01-20; USAGOV@2025-01-20.. | iso3=USA\n"
         "Old Rebel | person | | SYRREB@2011-01-01..2015-01-01 | iso3=SYR\n";
  auto d = LoadDictionaries({dir}, **ont, /*with_iso_countries=*/false);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(d.ok());
  for (const auto& p : d->problems) ADD_FAILURE() << p.where << ": " << p.message;
  DictionaryLexicon lex(*d);
  ASSERT_EQ(lex.Lookup("Premier", "2020-01-01").size(), 1u);
  EXPECT_EQ(lex.Lookup("Premier", "2020-01-01")[0].code, "CANGOV");
  auto after = lex.Lookup("Premier", "2025-06-01");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].code, "CANELI");
  EXPECT_NE(after[0].entry.find("former"), std::string::npos);
  ASSERT_EQ(lex.Lookup("Back Again", "2025-06-01").size(), 1u);
  EXPECT_EQ(lex.Lookup("Back Again", "2025-06-01")[0].code, "USAGOV");
  // Between terms: not yet "former" for good, so no code (a later role exists).
  EXPECT_TRUE(lex.Lookup("Back Again", "2023-06-01").empty());
  EXPECT_TRUE(lex.Lookup("Old Rebel", "2020-01-01").empty());  // not a state office
  EXPECT_TRUE(lex.Lookup("Premier", "2010-01-01").empty());    // before any role
}

TEST(DictionaryFormatTest, PetrarchProblemsWithFileAndLine) {
  auto ont = Ontology::Load();
  ASSERT_TRUE(ont.ok());
  std::string dir =
      std::filesystem::temp_directory_path() / ("dyad_petr_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/T.actors.txt") << "+ORPHAN_\n"
                                          "LAVROV_  [RUSGOV >040309]\n"
                                          "BROKEN_ [USA\n"
                                          "BAD_DATE_ [USA >990231]\n"
                                          "BACKWARDS_ [USA 100101-090101]\n"
                                          "NOCODE_\n";
  std::ofstream(dir + "/T.agents.txt") << "MINISTER_ [GOV]\nCLERK_\n!PERSON!_OF_STATE [~GOV]\n";
  std::ofstream(dir + "/T.verbs.txt")
      << "--- MEET [036] ---\nMEET\n- * WITH + [03x]\n- WITH + [036]\n"
         "- * &NOSUCH [036]\n- * TO + [999]\n- * NOTHING [---]\n";
  auto d = LoadDictionaries({dir + "/T.actors.txt", dir + "/T.agents.txt", dir + "/T.verbs.txt"},
                            "auto", **ont);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->format, "petrarch2");
  std::string all;
  for (const auto& p : d->problems)
    all += p.where + ": " + (p.error ? "error: " : "warning: ") + p.message + "\n";
  for (const char* want : {"T.actors.txt:1: error: synonym '+ORPHAN_' before any actor",
                           "T.actors.txt:3: error: unbalanced brackets: '[' not closed",
                           "T.actors.txt:4: error: invalid date in restriction '>990231'",
                           "T.actors.txt:5: error: restriction ends before it starts",
                           "T.actors.txt:6: warning: actor 'nocode' has no code: skipped",
                           "T.agents.txt:2: error: agent without a [code]",
                           "T.agents.txt:3: error: undefined macro !PERSON!",
                           "T.verbs.txt:3: error: pattern code is not numeric: [03x]",
                           "T.verbs.txt:4: error: pattern without the verb position '*'",
                           "T.verbs.txt:5: error: synonym set &NOSUCH is not defined",
                           "T.verbs.txt:6: warning: event code 999 is not in CAMEO 1.1b3"}) {
    EXPECT_NE(all.find(want), std::string::npos) << "missing: " << want << "\n" << all;
  }
  EXPECT_EQ(all.find("T.verbs.txt:7"), std::string::npos) << "[---] is PETRARCH's null code\n"
                                                          << all;
  DictionaryLexicon lex(*d);
  EXPECT_EQ(lex.Lookup("Lavrov", "2025-02-18")[0].code, "RUSGOV");  // good lines still load
}

TEST(DictionaryFormatTest, LexiconPrefersTheSegmentationCoveringMostTokens) {
  auto ont = Ontology::Load();
  ASSERT_TRUE(ont.ok());
  std::string dir =
      std::filesystem::temp_directory_path() / ("dyad_seg_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/people.txt")
      << "Xi Jinping | person | President Xi; Xi | CHNGOV | iso3=CHN\n";
  std::ofstream(dir + "/agents.txt") << "president | GOV\n";
  auto d = LoadDictionaries({dir}, **ont, /*with_iso_countries=*/false);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(d.ok());
  DictionaryLexicon lex(*d);
  // Greedy longest-first would take "President Xi" and leave "Jinping" uncovered.
  auto m = lex.Lookup("Chinese President Xi Jinping", "2024-04-26");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].type, ActorType::kAgent);
  EXPECT_EQ(m[1].code, "CHNGOV");
  EXPECT_EQ(m[1].last - m[1].first, 1);
  m = lex.Lookup("President Xi said", "2024-04-26");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].code, "CHNGOV");
  EXPECT_EQ(m[0].last - m[0].first, 1);  // the longer match when coverage ties
}

TEST(DictionaryFormatTest, PicoNegations) {
  std::string path =
      std::filesystem::temp_directory_path() / ("dyad_pico_" + std::to_string(::getpid()) + ".txt");
  std::ofstream(path)
      << "# PICO\n010:0x1000#Make Public Statement\n011:0x1000-0xFFFF\n050:0x0080#Coop\n"
         "110:0x1007f#0xFFFF+0x0080#Disapprove\n120:-0xFFFF#Reject\n211:122:-0xFFFF+0x2040\n"
         "bad:0x1\n130:0xZZ\n";
  std::vector<DictProblem> problems;
  auto neg = ReadPicoNegations(path, &problems);
  std::filesystem::remove(path);
  EXPECT_EQ(neg["110"], "050");  // not clashing is cooperating
  EXPECT_EQ(neg["050"], "110");
  EXPECT_EQ(neg["011"], "010");
  EXPECT_EQ(neg["010"], "011");
  EXPECT_EQ(neg.count("120"), 0u);  // the negation of rejecting has no code
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].where.find(":8"), std::string::npos) << problems[0].where;
  EXPECT_NE(problems[1].message.find("unreadable value"), std::string::npos) << problems[1].message;
}

TEST(SharedPetrarchDictionaryTest, SuiteDictionariesLoad) {
  DYAD_REQUIRE_SHARED(dir, "eval/petrarch/ud_2_02");
  PetrarchFiles f;
  f.actors = dir + "/PETR_Validate_actors_2_02.txt";
  f.agents = dir + "/PETR_Validate_agents_2_02.txt";
  f.verbs = dir + "/PETR_Validate_verbs_2_02.txt";
  f.discards = dir + "/PETR_Validate_discards_2_02.txt";
  auto d = LoadPetrarchDictionaries(f);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_GT(d->actors.size(), 100u);
  EXPECT_GT(d->agents.size(), 20u);
  EXPECT_GT(d->patterns.size(), 300u);
  DictionaryLexicon lex(*d);
  // GOLLUM: HOB before 1995-06-01, HOBGOV 1995-06-01..1999-08-15, HOBREB after.
  EXPECT_EQ(lex.Lookup("Gollum", "1994-01-01")[0].code, "HOB");
  EXPECT_EQ(lex.Lookup("Smeagol", "1997-01-01")[0].code, "HOBGOV");
  EXPECT_EQ(lex.Lookup("Gollum", "2001-01-01")[0].code, "HOBREB");
  EXPECT_EQ(lex.Lookup("Hamfast Gamgee", "2012-11-09")[0].code, "HOBGOV");
  EXPECT_EQ(lex.Lookup("Hamfast Gamgee", "2014-01-01")[0].code, "HOB");
}

}  // namespace
}  // namespace dyad
