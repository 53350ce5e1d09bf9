#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/dictionary.h"
#include "dyad/ontology.h"
#include "src/util/paths.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

class CompiledDictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto o = Ontology::Load();
    ASSERT_TRUE(o.ok()) << o.status().ToString();
    ont_ = std::move(o).value();
    dir_ = fs::temp_directory_path() /
           ("dyad_compiled_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "src");
    Write("src/people.txt",
          "Sergei Lavrov | person | Lavrov | RUSGOV@2004-03-09.. (Foreign Minister) | iso3=RUS\n"
          "Marco Rubio | person | Rubio | USALEG@2011-01-03..2025-01-20; USAGOV@2025-01-21.. | "
          "iso3=USA\n");
    Write("src/agents.txt", "minister | GOV | ministers\n");
    Write("src/verbs.txt",
          "&TALKS = talks; negotiations\n036 | meet [with +T]\n043 | hold {&TALKS} [with +T]\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& rel, const std::string& text) { std::ofstream(dir_ / rel) << text; }
  std::string Path(const std::string& rel) const { return (dir_ / rel).string(); }
  DictionaryOptions NoIso() const {
    DictionaryOptions o;
    o.with_iso_countries = false;
    return o;
  }
  std::string ReadAll(const std::string& rel) const {
    std::ifstream in(dir_ / rel, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::unique_ptr<Ontology> ont_;
  fs::path dir_;
};

std::string Code(const Dictionary& d, const std::string& phrase, const std::string& date) {
  DictionaryLexicon lex(d);
  auto m = lex.Lookup(phrase, date);
  return m.empty() ? std::string("-") : m[0].code;
}

TEST_F(CompiledDictionaryTest, RoundTripKeepsEveryTable) {
  auto text = LoadDictionaries({Path("src")}, "dyad", *ont_, NoIso());
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  auto compiled = CompileDictionaries({Path("src")}, "auto", *ont_, NoIso(), Path("d.bin"));
  ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
  CompiledLoadReport report;
  auto d = LoadCompiled(Path("d.bin"), *ont_, {}, &report);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(report.stale) << report.reason;
  EXPECT_TRUE(report.sources_checked);
  EXPECT_FALSE(report.from_text);
  EXPECT_EQ(d->format, "dyad");
  EXPECT_EQ(d->actors.size(), 2u);
  EXPECT_EQ(d->agents.size(), 1u);
  EXPECT_EQ(d->patterns.size(), text->patterns.size());
  EXPECT_EQ(d->phrases.size(), text->phrases.size());
  EXPECT_EQ(d->noun_sets, text->noun_sets);
  EXPECT_EQ(d->fingerprint, text->fingerprint);
  EXPECT_EQ(d->actors[1].codes.size(), 2u);
  EXPECT_EQ(Code(*d, "Rubio", "2024-06-01"), "USALEG");
  EXPECT_EQ(Code(*d, "Rubio", "2025-02-18"), "USAGOV");
  EXPECT_EQ(Code(*d, "Lavrov", "2025-02-18"), "RUSGOV");
  auto held = d->patterns.ForVerb("hold");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].code, "043");
  EXPECT_EQ(held[0].origin, text->patterns.ForVerb("hold")[0].origin);
}

TEST_F(CompiledDictionaryTest, ShippedDictionariesCodeTheSameCompiled) {
  auto text = LoadDictionaries({DataDir() + "/dict"}, "dyad", *ont_);
  ASSERT_TRUE(text.ok());
  ASSERT_TRUE(CompileDictionaries({DataDir() + "/dict"}, "dyad", *ont_, {}, Path("ours.bin")).ok());
  auto d = LoadCompiled(Path("ours.bin"), *ont_);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->actors.size(), text->actors.size());
  EXPECT_EQ(d->patterns.size(), text->patterns.size());
  EXPECT_EQ(d->discards.size(), text->discards.size());
  for (const char* phrase : {"Sergei Lavrov", "the Kremlin", "Saudi National Security Advisor",
                             "Hamas", "NATO", "Ukrainian troops", "Rubio", "US"}) {
    EXPECT_EQ(Code(*d, phrase, "2025-02-18"), Code(*text, phrase, "2025-02-18")) << phrase;
  }
}

TEST_F(CompiledDictionaryTest, EditedSourceMakesItStaleAndRecompiles) {
  ASSERT_TRUE(CompileDictionaries({Path("src")}, "dyad", *ont_, NoIso(), Path("d.bin")).ok());
  std::string before = ReadAll("d.bin");
  Write("src/people.txt",
        "Sergei Lavrov | person | Lavrov | RUSGOV | iso3=RUS\n"
        "Volodymyr Zelenskyy | person | Zelensky | UKRGOV@2019-05-20.. | iso3=UKR\n");
  CompiledLoadReport report;
  auto d = LoadCompiled(Path("d.bin"), *ont_, {}, &report);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(report.stale);
  EXPECT_TRUE(report.recompiled);
  EXPECT_NE(report.reason.find("sources changed"), std::string::npos) << report.reason;
  EXPECT_EQ(Code(*d, "Zelensky", "2025-02-18"), "UKRGOV");
  EXPECT_NE(ReadAll("d.bin"), before);
  // Rewritten: the next load is fresh.
  auto again = LoadCompiled(Path("d.bin"), *ont_, {}, &report);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(report.stale) << report.reason;
  EXPECT_EQ(Code(*again, "Zelensky", "2025-02-18"), "UKRGOV");
}

TEST_F(CompiledDictionaryTest, OtherFormatVersionIsStale) {
  ASSERT_TRUE(CompileDictionaries({Path("src")}, "dyad", *ont_, NoIso(), Path("d.bin")).ok());
  std::string bytes = ReadAll("d.bin");
  bytes[8] = static_cast<char>(kCompiledDictionaryVersion + 7);  // the u32 after the magic
  std::ofstream(dir_ / "d.bin", std::ios::binary) << bytes;
  CompiledLoadReport report;
  CompiledLoadOptions no_write;
  no_write.recompile = false;
  auto d = LoadCompiled(Path("d.bin"), *ont_, no_write, &report);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(report.stale);
  EXPECT_TRUE(report.from_text);
  EXPECT_FALSE(report.recompiled);
  EXPECT_NE(report.reason.find("format version"), std::string::npos) << report.reason;
  EXPECT_EQ(ReadAll("d.bin"), bytes);  // recompile = false leaves the file alone
  EXPECT_EQ(Code(*d, "Lavrov", "2025-02-18"), "RUSGOV");
}

TEST_F(CompiledDictionaryTest, DamagedFileIsAnErrorWithoutSourcesAndRebuiltWithThem) {
  ASSERT_TRUE(CompileDictionaries({Path("src")}, "dyad", *ont_, NoIso(), Path("d.bin")).ok());
  std::string bytes = ReadAll("d.bin");
  std::string flipped = bytes;
  flipped[flipped.size() - 20] ^= 0x5a;
  std::ofstream(dir_ / "d.bin", std::ios::binary) << flipped;
  CompiledLoadReport report;
  auto rebuilt = LoadCompiled(Path("d.bin"), *ont_, {}, &report);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_TRUE(report.recompiled);
  EXPECT_NE(report.reason.find("checksum"), std::string::npos) << report.reason;

  // Without its sources, a damaged file cannot be trusted or rebuilt.
  std::ofstream(dir_ / "d.bin", std::ios::binary) << flipped;
  fs::remove_all(dir_ / "src");
  auto d = LoadCompiled(Path("d.bin"), *ont_, {}, &report);
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(d.status().IsCorruption()) << d.status().ToString();
  EXPECT_NE(d.status().ToString().find("checksum"), std::string::npos) << d.status().ToString();
  std::ofstream(dir_ / "d.bin", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  d = LoadCompiled(Path("d.bin"), *ont_, {}, &report);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().ToString().find("truncated"), std::string::npos) << d.status().ToString();
  std::ofstream(dir_ / "d.bin", std::ios::binary) << "not a dictionary";
  d = LoadCompiled(Path("d.bin"), *ont_, {}, &report);
  EXPECT_FALSE(d.ok());

  // An intact file loads without its sources (an installation without the text).
  std::ofstream(dir_ / "d.bin", std::ios::binary) << bytes;
  d = LoadCompiled(Path("d.bin"), *ont_, {}, &report);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(report.sources_checked);
  EXPECT_EQ(Code(*d, "Rubio", "2025-02-18"), "USAGOV");
}

TEST_F(CompiledDictionaryTest, CacheCompilesOnceAndFollowsEdits) {
  std::string cache = Path("cache");
  CompiledLoadReport report;
  auto first = LoadDictionariesCached({Path("src")}, "auto", *ont_, NoIso(), cache, &report);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(report.recompiled);
  auto second = LoadDictionariesCached({Path("src")}, "auto", *ont_, NoIso(), cache, &report);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(report.from_text) << report.reason;
  EXPECT_EQ(second->phrases.size(), first->phrases.size());
  Write("src/agents.txt", "minister | GOV | ministers\nrebel | REB | rebels\n");
  auto third = LoadDictionariesCached({Path("src")}, "auto", *ont_, NoIso(), cache, &report);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(report.stale);
  EXPECT_EQ(third->agents.size(), 2u);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(cache)) files += e.path().extension() == ".bin";
  EXPECT_EQ(files, 1u);
}

TEST_F(CompiledDictionaryTest, UnwritableCacheFallsBackToText) {
  Write("cache-is-a-file", "x");
  CompiledLoadReport report;
  auto d = LoadDictionariesCached({Path("src")}, "dyad", *ont_, NoIso(), Path("cache-is-a-file"),
                                  &report);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(report.from_text);
  EXPECT_FALSE(report.recompiled);
  EXPECT_NE(report.reason.find("cache not written"), std::string::npos) << report.reason;
  EXPECT_EQ(Code(*d, "Rubio", "2025-02-18"), "USAGOV");
}

TEST_F(CompiledDictionaryTest, PetrarchFormatCompilesToo) {
  Write("src2.actors.txt", "LAVROV_  [RUSGOV >040309]\nUNITED_STATES_ [USA]\n");
  Write("src2.verbs.txt", "--- MEET [036] ---\nMEET\n- * WITH + [036]\n");
  std::vector<std::string> paths = {Path("src2.actors.txt"), Path("src2.verbs.txt")};
  auto d = CompileDictionaries(paths, "auto", *ont_, {}, Path("p.bin"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->format, "petrarch2");
  auto back = LoadCompiled(Path("p.bin"), *ont_);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->format, "petrarch2");
  EXPECT_EQ(back->actors.size(), d->actors.size());
  EXPECT_EQ(back->sequence_patterns.size(), d->sequence_patterns.size());
  EXPECT_EQ(Code(*back, "United States", "2025-02-18"), "USA");
}

}  // namespace
}  // namespace dyad
