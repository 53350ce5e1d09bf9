// The hostile-input matrix (doc/reliability.md, "Input: readers, loaders, fuzzing"): one test
// per row, each checking the documented behaviour: a clear message naming file:line (or the
// input), the rest of the input still read, the exit code, and bounded memory. Large inputs
// are generated here, never committed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dyad/reader.h"
#include "dyad/text.h"
#include "src/text/html_extract.h"
#include "src/util/paths.h"
#include "src/util/utf8.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

struct ReadResult {
  std::vector<Article> articles;
  std::vector<std::string> issues;  // "where: reason"
  ReadStats stats;
  Status open_status;
};

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

bool AnyContains(const std::vector<std::string>& v, const std::string& needle) {
  for (const auto& x : v) {
    if (x.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string Gzip(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Deterministic junk (xorshift), the same on every run.
std::string Junk(size_t n) {
  std::string s(n, '\0');
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (char& c : s) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x & 0xFF);
  }
  return s;
}

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dyad_hostile_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::all, ec);
    fs::remove_all(dir_, ec);
  }

  std::string Put(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  ReadResult Read(const std::vector<std::string>& paths, const std::string& format = "auto",
                  const std::string& date = "") {
    ReadResult r;
    ReaderOptions o;
    auto parsed = ParseInputFormat(format);
    EXPECT_TRUE(parsed.ok()) << format;
    o.format = parsed.ok() ? *parsed : InputFormat::kAuto;
    o.date = date;
    o.on_issue = [&r](const ReadIssue& i) { r.issues.push_back(i.where + ": " + i.reason); };
    auto src = OpenArticleSources(paths, o);
    r.open_status = src.status();
    if (!src.ok()) return r;
    Article a;
    while (true) {
      auto more = (*src)->Next(&a);
      EXPECT_TRUE(more.ok()) << more.status().ToString();
      if (!more.ok() || !*more) break;
      r.articles.push_back(a);
    }
    r.stats = (*src)->stats();
    for (const auto& i : r.issues) EXPECT_EQ(FirstInvalidUtf8(i), std::string::npos) << i;
    return r;
  }

  fs::path dir_;
};

TEST_F(HostileInput, TruncatedGzipIsAnErrorWithTheRecordsBeforeTheCut) {
  std::string jsonl;
  for (int i = 0; i < 2000; ++i) {
    jsonl += R"({"id":"r)" + std::to_string(i) + R"(","date":"2025-01-01","text":"Egypt hosted talks number )" +
             std::to_string(i) + " with a varied payload " + std::to_string(i * 7919) + R"(."})" + "\n";
  }
  std::string gz = Gzip(jsonl);
  std::string p = Put("cut.jsonl.gz", gz.substr(0, gz.size() / 2));
  ReadResult r = Read({p});
  EXPECT_GT(r.articles.size(), 0u);
  EXPECT_LT(r.articles.size(), 2000u);
  EXPECT_EQ(r.stats.damaged_inputs, 1u);
  EXPECT_TRUE(AnyContains(r.issues, "cut.jsonl.gz:")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "compressed stream is truncated")) << Joined(r.issues);
  // The same for a gzip'd dateline file: no format reads a cut stream as a clean end.
  std::string d = Gzip("date 2025-01-01 " + std::string(200000, 'x') + "\n");
  ReadResult rd = Read({Put("cut.txt.gz", d.substr(0, d.size() - 4))});
  EXPECT_EQ(rd.stats.damaged_inputs, 1u) << Joined(rd.issues);
}

TEST_F(HostileInput, InvalidUtf8RecordIsSkippedWithItsByteOffset) {
  std::string p = Put("u.jsonl", "{\"date\":\"2025-01-01\",\"text\":\"Caf\xC3\x28 talks\"}\n"
                                 "{\"date\":\"2025-01-01\",\"text\":\"Egypt hosted talks.\"}\n");
  ReadResult r = Read({p});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(AnyContains(r.issues, "u.jsonl:1: invalid UTF-8 at byte")) << Joined(r.issues);
}

TEST_F(HostileInput, NulBytesSkipTheRecordOnly) {
  std::string p = Put("n.txt", std::string("date 2025-01-01 Egypt\0hosted talks.\n", 36) +
                                   "date 2025-01-02 Jordan hosted talks.\n");
  ReadResult r = Read({p});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].date, "2025-01-02");
  EXPECT_TRUE(AnyContains(r.issues, "n.txt:1: NUL byte in text")) << Joined(r.issues);
}

TEST_F(HostileInput, CrlfAndCrOnlyFilesReadAsTheSameArticles) {
  std::string lf = "date 2025-01-01 Egypt hosted talks.\nThey went on.\n\ndate 2025-01-02 Jordan hosted talks.\n";
  auto with = [&](const std::string& eol) {
    std::string s;
    for (char c : lf) s += c == '\n' ? eol : std::string(1, c);
    return s;
  };
  ReadResult a = Read({Put("lf.txt", lf)});
  ReadResult b = Read({Put("crlf.txt", with("\r\n"))});
  ReadResult c = Read({Put("cr.txt", with("\r"))});
  ASSERT_EQ(a.articles.size(), 2u);
  for (const ReadResult* r : {&b, &c}) {
    ASSERT_EQ(r->articles.size(), 2u) << Joined(r->issues);
    for (size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(r->articles[i].text, a.articles[i].text);
      EXPECT_EQ(r->articles[i].id, a.articles[i].id);  // a CRLF copy is not a second article
    }
  }
  // Plain text and JSON strings too.
  ReadResult t1 = Read({Put("t1.txt", "Egypt hosted talks.\nThey ended.\n")}, "text", "2025-01-01");
  ReadResult t2 = Read({Put("t2.txt", "Egypt hosted talks.\r\nThey ended.\r\n")}, "text", "2025-01-01");
  ASSERT_EQ(t1.articles.size(), 1u);
  ASSERT_EQ(t2.articles.size(), 1u);
  EXPECT_EQ(t1.articles[0].id, t2.articles[0].id);
  ReadResult j = Read({Put("j.jsonl", R"({"date":"2025-01-01","text":"Egypt hosted talks.\r\nThey ended.\r\n"})" "\n")});
  ASSERT_EQ(j.articles.size(), 1u);
  EXPECT_EQ(j.articles[0].text.find('\r'), std::string::npos);
  EXPECT_EQ(j.articles[0].id, t1.articles[0].id);
}

TEST_F(HostileInput, Utf16WithBomIsRejectedNamingTheConversion) {
  std::string u16 = "\xFF\xFE";
  for (char c : std::string("date 2025-01-01 Egypt hosted talks.\n")) u16 += std::string{c, '\0'};
  std::string good = Put("good.txt", "date 2025-01-01 Egypt hosted talks.\n");
  ReadResult r = Read({Put("u16.txt", u16), good});
  EXPECT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.stats.damaged_inputs, 1u);
  EXPECT_TRUE(AnyContains(r.issues, "u16.txt: ")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "UTF-16")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "iconv")) << Joined(r.issues);
}

TEST_F(HostileInput, FiftyMegabyteLineIsSkippedAndTheNextRecordRead) {
  std::string big = R"({"date":"2025-01-01","text":")" + std::string(50u << 20, 'a') + "\"}\n";
  std::string p = Put("big.jsonl", R"({"date":"2025-01-01","text":"Egypt hosted talks."})" "\n" + big +
                                       R"({"date":"2025-01-02","text":"Jordan hosted talks."})" "\n");
  big.clear();
  big.shrink_to_fit();
  ReadResult r = Read({p});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_TRUE(AnyContains(r.issues, "big.jsonl:2: record longer than")) << Joined(r.issues);
}

TEST_F(HostileInput, FiveMegabyteArticleWithoutPunctuationIsSkippedWithTheLimit) {
  std::string words;
  while (words.size() < (5u << 20)) words += "talks ";
  std::string p = Put("long.txt", words);
  ReadResult r = Read({p}, "text", "2025-01-01");
  EXPECT_TRUE(r.articles.empty());
  EXPECT_TRUE(AnyContains(r.issues, "long.txt:1: article text of")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "longer than 4194304")) << Joined(r.issues);
  // Under the limit, a text without punctuation is split into parseable sentences and no
  // token is lost.
  std::string mb = words.substr(0, 1u << 20);
  std::vector<Sentence> s = SplitAndTokenize(Normalize(mb));
  size_t tokens = 0;
  for (const Sentence& x : s) {
    EXPECT_LE(x.tokens.size(), kMaxSentenceTokens);
    tokens += x.tokens.size();
  }
  EXPECT_EQ(tokens, static_cast<size_t>(std::count(mb.begin(), mb.end(), ' ')) + (mb.back() == ' ' ? 0 : 1));
}

TEST_F(HostileInput, TwoHundredThousandOneLetterWordsKeepEveryToken) {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += i % 1000 == 999 ? "a, " : "a ";
  std::vector<Sentence> s = SplitAndTokenize(Normalize(text));
  size_t words = 0;
  for (const Sentence& x : s) {
    ASSERT_LE(x.tokens.size(), kMaxSentenceTokens);
    for (const Token& t : x.tokens) words += t.text == "a";
  }
  EXPECT_EQ(words, 200000u);
  EXPECT_GE(s.size(), 200000u / kMaxSentenceTokens);
}

TEST_F(HostileInput, DeeplyNestedJsonIsRejectedNamingTheLine) {
  auto nested = [](size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  std::string p = Put("deep.jsonl", R"({"date":"2025-01-01","text":)" + nested(10000) + "}\n" +
                                        R"({"date":"2025-01-01","text":"x","meta":)" + nested(100000) + "}\n" +
                                        R"({"date":"2025-01-01","text":"Egypt hosted talks."})" + "\n");
  ReadResult r = Read({p});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(AnyContains(r.issues, "deep.jsonl:1: JSON nested deeper than 64 levels")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "deep.jsonl:2: JSON nested deeper than 64 levels")) << Joined(r.issues);
}

TEST_F(HostileInput, TextThatIsNotAStringRejectsTheRecord) {
  std::string p = Put("types.jsonl", R"({"date":"2025-01-01","text":42})" "\n"
                                     R"({"date":"2025-01-01","text":["a","b"]})" "\n"
                                     R"({"date":"2025-01-01","text":{"body":"x"}})" "\n"
                                     R"({"date":"2025-01-01","text":true})" "\n"
                                     R"({"date":"2025-01-01","text":null})" "\n"
                                     R"({"date":"2025-01-01","text":"Egypt hosted talks.","url":7})" "\n"
                                     R"({"id":12,"date":"2025-01-01","text":"Egypt hosted talks."})" "\n");
  ReadResult r = Read({p});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "12");
  EXPECT_TRUE(AnyContains(r.issues, "types.jsonl:1: field 'text' is number, not a string")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "types.jsonl:2: field 'text' is array")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "types.jsonl:3: field 'text' is object")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "types.jsonl:4: field 'text' is boolean")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "types.jsonl:5: record has no 'text' field")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "types.jsonl:6: field 'url' is number")) << Joined(r.issues);
}

TEST_F(HostileInput, ImpossibleAndAbsurdDatesAreSkipped) {
  std::string in;
  for (const char* d : {"2025-02-30", "2025-13-01", "2023-02-29", "0000-01-01", "0001-01-01",
                        "1066-10-14", "9999-12-31", "2025-00-10"}) {
    in += std::string("date ") + d + " Egypt hosted talks.\n";
  }
  in += "date 2024-02-29 Egypt hosted talks on a leap day.\n";
  ReadResult r = Read({Put("dates.txt", in)});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].date, "2024-02-29");
  EXPECT_EQ(r.stats.skipped_by_reason["bad date"], 8u) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "dates.txt:1: impossible date 2025-02-30")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "dates.txt:7: implausible date 9999-12-31")) << Joined(r.issues);
}

TEST_F(HostileInput, EmptyFilesReadNothingAndSayWhy) {
  ReadResult r = Read({Put("e.txt", ""), Put("e.jsonl", ""), Put("e.html", ""), Put("blank.txt", "\n\n  \n")},
                      "auto", "2025-01-01");
  EXPECT_TRUE(r.articles.empty());
  EXPECT_TRUE(AnyContains(r.issues, "blank.txt:1: empty text")) << Joined(r.issues);
}

TEST_F(HostileInput, BinaryJunkIsReportedAsBinary) {
  std::string junk = Junk(64 << 10);
  ReadResult r = Read({Put("junk.txt", junk), Put("junk.jsonl", junk)}, "auto", "2025-01-01");
  EXPECT_TRUE(r.articles.empty());
  EXPECT_TRUE(AnyContains(r.issues, "junk.txt:1: binary data")) << Joined(r.issues);
  EXPECT_TRUE(AnyContains(r.issues, "junk.jsonl:")) << Joined(r.issues);
}

TEST_F(HostileInput, HundredThousandNestedHtmlElementsAreFlattened) {
  const std::string words = "Egypt hosted talks with Jordan on Monday, officials said, in Cairo.";
  for (const char* tag : {"div", "b", "span"}) {
    std::string open = std::string("<") + tag + ">", close = std::string("</") + tag + ">";
    std::string html = "<html><body>";
    for (int i = 0; i < 100000; ++i) html += open;
    html += "<p>" + words + "</p>";
    for (int i = 0; i < 100000; ++i) html += close;
    html += "</body></html>";
    HtmlArticle h = ExtractHtmlArticle(html);
    EXPECT_NE(h.text.find(words), std::string::npos) << tag;
    EXPECT_GE(h.ignored_tags, 100000u - kMaxHtmlDepth) << tag;
    ReadResult r = Read({Put(std::string("deep_") + tag + ".html", html)}, "html", "2025-01-01");
    ASSERT_EQ(r.articles.size(), 1u) << tag;
    EXPECT_TRUE(AnyContains(r.issues, "HTML nested deeper than 512 elements")) << Joined(r.issues);
  }
  // Ordinary pages are untouched: thousands of unclosed <p> and <li> do not count as depth.
  std::string flat = "<html><body><ul>";
  for (int i = 0; i < 5000; ++i) flat += "<li>item " + std::to_string(i) + "<p>Talks went on, they said.";
  flat += "</ul></body></html>";
  EXPECT_EQ(ExtractHtmlArticle(flat).ignored_tags, 0u);
}

TEST_F(HostileInput, DirectoryAsInputIsNamedAsADirectory) {
  fs::create_directories(dir_ / "adir");
  ReadResult alone = Read({(dir_ / "adir").string()});
  EXPECT_FALSE(alone.open_status.ok());
  EXPECT_NE(alone.open_status.message().find("is a directory"), std::string::npos)
      << alone.open_status.ToString();
  ReadResult mixed = Read({(dir_ / "adir").string(), Put("ok.txt", "date 2025-01-01 Egypt hosted talks.\n")});
  EXPECT_EQ(mixed.articles.size(), 1u);
  EXPECT_EQ(mixed.stats.damaged_inputs, 1u);
  EXPECT_TRUE(AnyContains(mixed.issues, "adir: " + (dir_ / "adir").string() + ": is a directory"))
      << Joined(mixed.issues);
}

TEST_F(HostileInput, UnreadableFileIsNamedWithTheReason) {
  if (geteuid() == 0) GTEST_SKIP() << "running as root: file permissions do not apply";
  std::string p = Put("secret.txt", "date 2025-01-01 Egypt hosted talks.\n");
  fs::permissions(p, fs::perms::none);
  ReadResult r = Read({p, Put("ok.txt", "date 2025-01-01 Jordan hosted talks.\n")});
  EXPECT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.stats.damaged_inputs, 1u);
  EXPECT_TRUE(AnyContains(r.issues, "Permission denied")) << Joined(r.issues);
}

// Ids come from the content (or the url), never from the file name: same-named files in
// different directories hold different articles, and none is dropped as "already present".
TEST_F(HostileInput, SameFileNamesInDifferentDirectoriesGiveDifferentIds) {
  std::vector<std::string> ids;
  auto collect = [&](const ReadResult& r) {
    for (const Article& a : r.articles) ids.push_back(a.id);
  };
  collect(Read({Put("day1/articles.txt", "date 2025-01-01 Egypt hosted talks.\n"),
                Put("day2/articles.txt", "date 2025-01-02 Jordan hosted talks.\n")}));
  collect(Read({Put("s1/index.html", "<html><body><p>Egypt hosted talks with Jordan in Cairo.</p></body></html>"),
                Put("s2/index.html", "<html><body><p>Qatar hosted talks with Oman in Doha.</p></body></html>")},
               "html", "2025-01-01"));
  collect(Read({Put("cnn/2025-01.jsonl", R"({"date":"2025-01-01","text":"Libya hosted talks."})" "\n"),
                Put("bbc/2025-01.jsonl", R"({"date":"2025-01-01","text":"Chad hosted talks."})" "\n")}));
  ASSERT_EQ(ids.size(), 6u);
  std::sort(ids.begin(), ids.end());
  EXPECT_TRUE(std::unique(ids.begin(), ids.end()) == ids.end()) << Joined(ids);
  // The same text keeps its id wherever it is read from; an edited text under the same url
  // keeps the url's id, so the store can tell a changed article under a known id.
  ReadResult same = Read({Put("x/a.txt", "date 2025-01-01 Egypt hosted talks.\n"),
                          Put("y/b.txt", "date 2025-01-01 Egypt hosted talks.\n\n")});
  ASSERT_EQ(same.articles.size(), 2u);
  EXPECT_EQ(same.articles[0].id, same.articles[1].id);
  EXPECT_EQ(same.articles[0].id, DeriveArticleId("", "Egypt hosted talks."));
  ReadResult edited = Read({Put("e.jsonl", R"({"date":"2025-01-01","url":"https://example.org/1","text":"Egypt hosted talks."})" "\n"
                                           R"({"date":"2025-01-01","url":"https://example.org/1","text":"Egypt cancelled talks."})" "\n")});
  ASSERT_EQ(edited.articles.size(), 2u);
  EXPECT_EQ(edited.articles[0].id, edited.articles[1].id);
  EXPECT_EQ(edited.articles[0].id.rfind("url:", 0), 0u);
  EXPECT_NE(edited.articles[0].text, edited.articles[1].text);
}

// Inputs the fuzzers found (fuzz/corpus/read_dateline/crash-*): messages quoting invalid bytes
// and CR line ends. Every message and article must now be valid UTF-8 without CR.
TEST_F(HostileInput, FuzzFoundDatelineInputs) {
  fs::path corpus = fs::path(DataDir()) / ".." / "fuzz" / "corpus" / "read_dateline";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << corpus << " is absent";
  size_t crashes = 0;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.path().filename().string().rfind("crash-", 0) != 0) continue;
    ++crashes;
    ReadResult r = Read({e.path().string()}, "dateline");
    for (const Article& a : r.articles) {
      EXPECT_EQ(FirstInvalidUtf8(a.text), std::string::npos);
      EXPECT_EQ(a.text.find('\r'), std::string::npos);
    }
  }
  EXPECT_GT(crashes, 0u);
}

// --- The binary: exit codes, output validity and memory.

struct DyadRun {
  int exit_code = -1;
  long max_rss_kb = 0;
  std::string out, err;
};

// Runs `dyad ARGS` with stdout/stderr into files; max_rss_kb is this child's own peak.
DyadRun RunDyad(const std::string& args, const fs::path& dir) {
  DyadRun r;
  std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  std::string cmd = std::string(DYAD_BINARY) + " " + args + " > " + out + " 2> " + err;
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.max_rss_kb = ru.ru_maxrss;
  std::ifstream o(out, std::ios::binary), e(err, std::ios::binary);
  std::stringstream so, se;
  so << o.rdbuf();
  se << e.rdbuf();
  r.out = so.str();
  r.err = se.str();
  return r;
}

// Splits RFC 4180 CSV into rows of cells; false when quoting is broken.
bool ParseCsv(const std::string& s, std::vector<std::vector<std::string>>* rows) {
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      if (!cell.empty() || was_quoted) return false;
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
      was_quoted = false;
    } else if (c == '\n') {
      row.push_back(cell);
      rows->push_back(row);
      row.clear();
      cell.clear();
      was_quoted = false;
    } else if (c != '\r') {
      if (was_quoted) return false;
      cell += c;
    }
  }
  return !quoted && row.empty() && cell.empty();
}

using IntegrationHostileInput = HostileInput;

TEST_F(IntegrationHostileInput, EveryOutputByteIsValidUtf8JsonAndCsv) {
  // The small rows of the matrix, plus the articles they should not hide.
  std::vector<std::string> files = {
      Put("good.txt", "date 2025-02-18 Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State "
                      "Marco Rubio in Riyadh on Tuesday.\n"),
      Put("invalid.jsonl", "{\"date\":\"2025-01-01\",\"text\":\"Caf\xC3\x28 \xFF talks\"}\n"
                           "{\"date\":\"2025-01-01\",\"text\":\"Egypt, \\\"quoted\\\", hosted talks with Jordan.\"}\n"),
      Put("nul.txt", std::string("date 2025-01-01 Egypt\0hosted talks.\n", 37)),
      Put("crlf.txt", "date 2025-01-01 Egypt hosted talks with Jordan.\r\nThey met, again.\r\n"),
      Put("cr.txt", "date 2025-01-01 Qatar criticized Israel.\rThey met.\r"),
      Put("u16.txt", std::string("\xFF\xFE" "d\0a\0", 6)),
      Put("types.jsonl", R"({"date":"2025-01-01","text":42})" "\n" R"({"date":"2025-01-01","text":[1]})" "\n"),
      Put("dates.txt", "date 2025-02-30 Egypt hosted talks.\ndate 9999-01-01 Egypt hosted talks.\n"),
      Put("empty.txt", ""),
      Put("junk.jsonl", Junk(4096)),
      Put("deep.jsonl", R"({"date":"2025-01-01","text":)" + std::string(10000, '[') + std::string(10000, ']') + "}\n"),
      Put("ctl.jsonl", "{\"date\":\"2025-01-01\",\"text\":\"Egypt \\u0001\\u001f hosted\\ttalks \\u2028 with Jordan.\"}\n"),
  };
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>Egypt hosted talks with Jordan on Monday, officials said.</p></body></html>";
  files.push_back(Put("deep.html", html));
  fs::create_directories(dir_ / "adir");
  files.push_back((dir_ / "adir").string());
  std::string inputs;
  for (const auto& f : files) inputs += " '" + f + "'";

  DyadRun json = RunDyad("code --format jsonl --date 2025-01-01" + inputs, dir_);
  // Damaged inputs (UTF-16, a directory) make the exit code 1; everything else is read.
  EXPECT_EQ(json.exit_code, 1) << json.err;
  EXPECT_EQ(FirstInvalidUtf8(json.out), std::string::npos);
  EXPECT_EQ(FirstInvalidUtf8(json.err), std::string::npos) << json.err;
  std::istringstream lines(json.out);
  std::string line;
  size_t events = 0;
  while (std::getline(lines, line)) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
    ++events;
  }
  EXPECT_GT(events, 0u) << json.err;
  EXPECT_NE(json.err.find("u16.txt"), std::string::npos) << json.err;
  EXPECT_NE(json.err.find("is a directory"), std::string::npos) << json.err;
  EXPECT_NE(json.err.find("not read to the end"), std::string::npos) << json.err;

  DyadRun csv = RunDyad("code --format csv --date 2025-01-01" + inputs, dir_);
  EXPECT_EQ(FirstInvalidUtf8(csv.out), std::string::npos);
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(ParseCsv(csv.out, &rows)) << csv.out;
  ASSERT_GT(rows.size(), 1u);
  for (const auto& r : rows) EXPECT_EQ(r.size(), rows[0].size());
}

TEST_F(IntegrationHostileInput, TruncatedGzipExitsNonZero) {
  std::string gz = Gzip("date 2025-02-18 Russia and the United States met in Riyadh.\n"
                        "date 2025-02-19 Egypt hosted talks with Jordan.\n" + std::string(100000, ' '));
  std::string p = Put("cut.txt.gz", gz.substr(0, gz.size() - 6));
  DyadRun r = RunDyad("code --format jsonl '" + p + "'", dir_);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("compressed stream is truncated"), std::string::npos) << r.err;
}

TEST_F(IntegrationHostileInput, FifteenMegabyteArticleIsSkippedWithBoundedMemory) {
  std::string text = "date 2025-02-18 ";
  while (text.size() < (15u << 20)) text += "Russia and the United States met in Riyadh. ";
  std::string p = Put("huge.txt", text + "\ndate 2025-02-19 Egypt hosted talks with Jordan.\n");
  text.clear();
  text.shrink_to_fit();
  DyadRun r = RunDyad("code --format jsonl '" + p + "'", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;  // the second article was read
  EXPECT_NE(r.err.find("huge.txt:1: article text of"), std::string::npos) << r.err;
  // Coding the 15 MB article peaked at 1.1 GB; skipped, the run stays near its baseline
  // (models and dictionaries, about 300 MB).
  EXPECT_LT(r.max_rss_kb, 700L * 1024) << r.max_rss_kb;
}

}  // namespace
}  // namespace dyad
