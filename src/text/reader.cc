// Article readers: dateline, JSON Lines (gzip transparent), plain text, HTML, PETRARCH
// records; stdin for all. Bad records are reported and skipped, never fatal.
#include "dyad/reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <iostream>
#include <nlohmann/json.hpp>

#include "src/util/dates.h"
#include "src/util/enum_names.h"
#include "src/text/petrarch_records.h"
#include "src/text/html_extract.h"
#include "src/util/hash.h"
#include "src/util/text_case.h"
#include "src/util/utf8.h"

namespace dyad {
namespace {

// Reads lines from a file or stdin, gzip-compressed or not (zlib reads both), without
// ever holding more than max_line bytes of one line.
class LineReader {
 public:
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path, size_t max_line) {
    std::error_code ec;
    if (path != "-" && std::filesystem::is_directory(path, ec)) {
      return Status::InvalidArgument(path + ": is a directory, not a file (give the files in it)");
    }
    int fd = path == "-" ? dup(0) : ::open(path.c_str(), O_RDONLY);
    if (fd < 0) {
      int err = errno;
      std::string why = path + ": cannot open: " + std::strerror(err);
      return err == ENOENT ? Status::NotFound(why) : Status::IOError(why);
    }
    gzFile gz = gzdopen(fd, "rb");
    if (gz == nullptr) {
      ::close(fd);
      return Status::IOError(path + ": cannot open");
    }
    gzbuffer(gz, 1 << 17);
    auto r = std::unique_ptr<LineReader>(new LineReader(gz, max_line));
    return r;
  }
  ~LineReader() { gzclose(gz_); }

  // Bytes that start the stream, for format detection (does not consume them).
  Result<std::string_view> Peek(size_t n) {
    while (end_ - pos_ < n && !eof_) DYAD_RETURN_IF_ERROR(Fill());
    return std::string_view(buf_.data() + pos_, std::min(n, end_ - pos_));
  }

  // Next line without its newline. Returns false at the end. *too_long is set when the
  // line exceeded max_line (its content is then dropped, the line still counted).
  Result<bool> Next(std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    while (true) {
      if (pos_ == end_) {
        if (eof_) {
          if (line->empty() && !*too_long && !partial_) return false;
          partial_ = false;
          ++lineno_;
          return true;
        }
        DYAD_RETURN_IF_ERROR(Fill());
        continue;
      }
      if (skip_lf_) {
        // The "\n" of a "\r\n" whose "\r" ended the previous line.
        skip_lf_ = false;
        if (buf_[pos_] == '\n') {
          ++pos_;
          ++bytes_;
          continue;
        }
      }
      const char* start = buf_.data() + pos_;
      // CRLF and CR-only files (old Mac exports) split into the same lines as LF files, so
      // a copy with other line ends reads as the same articles.
      const char* nl = FindLineEnd(start, end_ - pos_);
      size_t len = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
      if (!*too_long) {
        if (line->size() + len > max_line_) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(start, len);
        }
      }
      pos_ += len;
      bytes_ += len;
      if (nl) {
        ++pos_;
        ++bytes_;
        ++lineno_;
        if (*nl == '\r') skip_lf_ = true;
        partial_ = false;
        return true;
      }
      partial_ = true;
    }
  }

  size_t lineno() const { return lineno_; }

  static const char* FindLineEnd(const char* p, size_t n) {
    const char* lf = static_cast<const char*>(std::memchr(p, '\n', n));
    const char* cr = static_cast<const char*>(std::memchr(p, '\r', lf ? static_cast<size_t>(lf - p) : n));
    return cr ? cr : lf;
  }
  size_t bytes() const { return bytes_; }

 private:
  LineReader(gzFile gz, size_t max_line) : gz_(gz), max_line_(max_line), buf_(1 << 18) {}

  Status Fill() {
    if (pos_ > 0) {
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
    int n = gzread(gz_, buf_.data() + end_, static_cast<unsigned>(buf_.size() - end_));
    if (n < 0) {
      int err = 0;
      const char* msg = gzerror(gz_, &err);
      return Status::IOError(std::string("read error: ") + (msg ? msg : "unknown"));
    }
    if (n == 0) {
      // A truncated gzip stream reads as a clean end; zlib reports it as Z_BUF_ERROR.
      int err = 0;
      gzerror(gz_, &err);
      if (err == Z_BUF_ERROR) truncated_ = true;
      eof_ = true;
    }
    end_ += static_cast<size_t>(n);
    return Status::OK();
  }

 public:
  bool truncated() const { return truncated_; }

 private:
  gzFile gz_;
  size_t max_line_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false, partial_ = false, truncated_ = false, skip_lf_ = false;
  size_t lineno_ = 0, bytes_ = 0;
};

size_t InvalidUtf8(std::string_view s) { return FirstInvalidUtf8(s); }

// `s` made valid UTF-8 for messages (invalid bytes -> U+FFFD, control bytes -> '?'), so
// every byte dyad writes is UTF-8 whatever it quotes from its input.
std::string Printable(std::string_view s) {
  std::string out = ValidUtf8(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = '?';
  }
  return out;
}

// Line ends as "\n" (CRLF and CR-only text inside JSON strings or whole files).
void NormalizeLineEnds(std::string* s) {
  size_t r = s->find('\r');
  if (r == std::string::npos) return;
  size_t w = r;
  for (size_t i = r; i < s->size(); ++i) {
    char c = (*s)[i];
    if (c == '\r') {
      (*s)[w++] = '\n';
      if (i + 1 < s->size() && (*s)[i + 1] == '\n') ++i;
    } else {
      (*s)[w++] = c;
    }
  }
  s->resize(w);
}

// Deepest nesting of arrays and objects in a JSON text (outside strings). nlohmann's
// serialiser and destructor recurse once per level, so depth is checked before parsing.
size_t JsonDepth(std::string_view s) {
  size_t depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

// Real records nest a few levels; anything deeper is hostile or broken.
constexpr size_t kMaxJsonDepth = 64;

// Dates outside this range are typing errors or junk ("0001-01-01", "9999-12-31").
bool PlausibleYear(const std::string& date) {
  int y = std::atoi(date.substr(0, 4).c_str());
  return y >= 1900 && y <= 2099;
}

bool LooksBinary(std::string_view s) {
  size_t n = std::min<size_t>(s.size(), 4096), bad = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) ++bad;
  }
  return n > 0 && bad * 10 > n;  // more than 10% control bytes
}

class BaseSource : public ArticleSource {
 public:
  BaseSource(std::string path, ReaderOptions options, std::unique_ptr<LineReader> in)
      : path_(std::move(path)), name_(path_ == "-" ? "<stdin>" : path_), options_(std::move(options)),
        in_(std::move(in)) {}
  const ReadStats& stats() const override { return stats_; }

 protected:
  void Report(size_t line, const std::string& reason, const std::string& reason_class,
              bool skipped = true) {
    ReadIssue issue{Printable(name_) + ":" + std::to_string(line), Printable(reason), skipped};
    if (skipped) {
      ++stats_.records_skipped;
      ++stats_.skipped_by_reason[reason_class];
    }
    if (options_.on_issue) {
      options_.on_issue(issue);
    } else {
      std::cerr << "dyad: " << issue.where << ": " << issue.reason << (skipped ? " (skipped)" : "")
                << "\n";
    }
  }

  // Checks text and date; reports and returns false for a bad record.
  bool Validate(Article* a, size_t line) {
    // Ids, urls and titles are written back out (JSON, CSV, the store): they must be text.
    for (const std::string* field : {&a->id, &a->url, &a->title, &a->source}) {
      if (InvalidUtf8(*field) != std::string::npos || field->find('\0') != std::string::npos) {
        Report(line, "record field is not valid UTF-8 text: " + Printable(*field),
               "invalid UTF-8");
        return false;
      }
    }
    if (size_t bad = InvalidUtf8(a->text); bad != std::string::npos) {
      Report(line, "invalid UTF-8 at byte " + std::to_string(bad), "invalid UTF-8");
      return false;
    }
    if (a->text.find('\0') != std::string::npos) {
      Report(line, "NUL byte in text", "NUL bytes");
      return false;
    }
    if (a->date.empty() && !options_.date.empty()) a->date = options_.date;
    if (a->date.empty()) {
      Report(line, "missing date (give one with --date)", "missing date");
      return false;
    }
    if (a->date.size() > 10 && (a->date[10] == 'T' || a->date[10] == ' ')) a->date.resize(10);
    if (!IsValidDate(a->date)) {
      Report(line, "impossible date " + a->date, "bad date");
      return false;
    }
    if (!PlausibleYear(a->date)) {
      Report(line, "implausible date " + a->date + " (years 1900-2099 are read)", "bad date");
      return false;
    }
    if (a->text.size() > options_.max_text_bytes) {
      Report(line, "article text of " + std::to_string(a->text.size()) + " bytes is longer than " +
                       std::to_string(options_.max_text_bytes) + " (memory bound per article)",
             "oversized record");
      return false;
    }
    NormalizeLineEnds(&a->text);
    bool blank = std::all_of(a->text.begin(), a->text.end(),
                             [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
    if (blank) {
      Report(line, "empty text", "empty text");
      return false;
    }
    if (a->origin.empty()) a->origin = name_ + ":" + std::to_string(line);
    if (a->id.empty()) a->id = DeriveArticleId(a->url, a->text);
    ++stats_.records_read;
    return true;
  }

  // A compressed stream that ends early is an error of the whole input, not a clean end.
  void ReportTruncated() {
    if (!in_->truncated() || truncation_reported_) return;
    truncation_reported_ = true;
    ++stats_.damaged_inputs;
    Report(in_->lineno(), "compressed stream is truncated (the input ends early)", "truncated");
  }

  std::string path_, name_;
  bool truncation_reported_ = false;
  ReaderOptions options_;
  std::unique_ptr<LineReader> in_;
  ReadStats stats_;
};

// "date YYYY-MM-DD text..." starts an article; following lines that do not start with
// "date " continue it. This reads both the one-article file and the one-per-line file.
class DatelineSource : public BaseSource {
 public:
  using BaseSource::BaseSource;
  Result<bool> Next(Article* a) override {
    while (true) {
      if (!have_pending_) {
        DYAD_ASSIGN_OR_RETURN(bool more, ReadLine());
        if (!more) {
          ReportTruncated();
          return false;
        }
      }
      have_pending_ = false;
      size_t start_line = in_->lineno();
      if (too_long_) {
        Report(start_line, "line longer than " + std::to_string(options_.max_record_bytes) + " bytes",
               "oversized record");
        continue;
      }
      std::string_view l = line_;
      size_t p = l.find_first_not_of(" \t\r\xEF\xBB\xBF");
      if (p == std::string_view::npos) continue;  // blank line between articles
      l.remove_prefix(p);
      if (l.rfind("date ", 0) != 0) {
        Report(start_line, "expected 'date YYYY-MM-DD ' at the start of a record", "missing date");
        SkipContinuation();
        continue;
      }
      std::string date(l.substr(5, 10));
      std::string text(l.size() > 16 ? l.substr(16) : std::string_view());
      if (l.size() > 15 && l[15] != ' ' && l[15] != '\t') {
        Report(start_line, "malformed dateline '" + std::string(l.substr(0, 20)) + "'", "bad date");
        SkipContinuation();
        continue;
      }
      // Continuation lines.
      while (true) {
        DYAD_ASSIGN_OR_RETURN(bool more, ReadLine());
        if (!more) break;
        if (StartsRecord()) {
          have_pending_ = true;
          break;
        }
        if (too_long_ || text.size() + line_.size() > options_.max_record_bytes) {
          Report(in_->lineno(), "article longer than " + std::to_string(options_.max_record_bytes) +
                                    " bytes", "oversized record");
          text.clear();
          SkipContinuation();
          break;
        }
        text += "\n";
        text += line_;
      }
      if (text.empty()) continue;
      *a = Article();
      a->date = date;
      a->text = std::move(text);
      stats_.bytes_read = in_->bytes();
      if (!Validate(a, start_line)) continue;
      return true;
    }
  }

 private:
  Result<bool> ReadLine() { return in_->Next(&line_, &too_long_); }
  bool StartsRecord() const {
    size_t p = line_.find_first_not_of(" \t");
    return p != std::string::npos && line_.compare(p, 5, "date ") == 0 && line_.size() >= p + 15 &&
           std::isdigit(static_cast<unsigned char>(line_[p + 5]));
  }
  void SkipContinuation() {
    while (true) {
      auto more = ReadLine();
      if (!more.ok() || !*more) return;
      if (StartsRecord()) {
        have_pending_ = true;
        return;
      }
    }
  }
  std::string line_;
  bool too_long_ = false, have_pending_ = false;
};

class JsonlSource : public BaseSource {
 public:
  using BaseSource::BaseSource;
  Result<bool> Next(Article* a) override {
    std::string line;
    bool too_long = false;
    while (true) {
      DYAD_ASSIGN_OR_RETURN(bool more, in_->Next(&line, &too_long));
      stats_.bytes_read = in_->bytes();
      if (!more) {
        ReportTruncated();
        return false;
      }
      size_t n = in_->lineno();
      if (too_long) {
        Report(n, "record longer than " + std::to_string(options_.max_record_bytes) + " bytes",
               "oversized record");
        continue;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      if (LooksBinary(line)) {
        Report(n, "binary data, not a JSON record", "binary junk");
        continue;
      }
      if (size_t bad = InvalidUtf8(line); bad != std::string::npos) {
        Report(n, "invalid UTF-8 at byte " + std::to_string(bad), "invalid UTF-8");
        continue;
      }
      if (JsonDepth(line) > kMaxJsonDepth) {
        Report(n, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", "invalid JSON");
        continue;
      }
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(line);
      } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        bool truncated = e.id == 101 && (what.find("end of input") != std::string::npos ||
                                         what.find("missing closing quote") != std::string::npos);
        Report(n, truncated ? "truncated JSON record" : std::string("invalid JSON: ") + e.what(),
               truncated ? "truncated" : "invalid JSON");
        continue;
      } catch (const nlohmann::json::exception& e) {
        // Well-formed JSON that nlohmann cannot represent, e.g. a number
        // beyond double range (out_of_range 406, found by fuzzing).
        Report(n, std::string("invalid JSON: ") + e.what(), "invalid JSON");
        continue;
      }
      if (!j.is_object()) {
        Report(n, "JSON record is not an object", "invalid JSON");
        continue;
      }
      *a = Article();
      std::string bad_field;
      a->id = Field(j, "id", &bad_field);
      a->date = Field(j, "date", &bad_field);
      a->title = Field(j, "title", &bad_field);
      a->text = Field(j, "text", &bad_field);
      a->source = Field(j, "source", &bad_field);
      a->url = Field(j, "url", &bad_field);
      a->language = Field(j, "language", &bad_field);
      if (!bad_field.empty()) {
        Report(n, bad_field, "invalid field");
        continue;
      }
      if (a->text.empty()) {
        Report(n, "record has no '" + Mapped("text") + "' field", "empty text");
        continue;
      }
      if (!Validate(a, n)) continue;
      return true;
    }
  }

 private:
  std::string Mapped(const std::string& ours) const {
    auto it = options_.field_map.find(ours);
    return it == options_.field_map.end() ? ours : it->second;
  }
  // The string value of a field (an integer id is accepted as its digits). Any other type
  // sets *bad (first one wins): a number or object where text is expected is a broken
  // producer, and storing its JSON as the article would code junk.
  std::string Field(const nlohmann::json& j, const std::string& ours, std::string* bad) const {
    auto it = j.find(Mapped(ours));
    if (it == j.end() || it->is_null()) return std::string();
    if (it->is_string()) return it->get<std::string>();
    if (ours == "id" && it->is_number_integer()) return std::to_string(it->get<long long>());
    if (bad->empty()) {
      *bad = "field '" + Mapped(ours) + "' is " + std::string(it->type_name()) + ", not a string";
    }
    return std::string();
  }
};

// Formats whose whole input is one record (plain text, HTML) or one XML document
// (PETRARCH records).
class WholeFileSource : public BaseSource {
 public:
  WholeFileSource(std::string path, ReaderOptions options, std::unique_ptr<LineReader> in,
                  InputFormat format)
      : BaseSource(std::move(path), std::move(options), std::move(in)), format_(format) {}

  Result<bool> Next(Article* a) override {
    if (!loaded_) {
      loaded_ = true;
      DYAD_RETURN_IF_ERROR(Load());
    }
    if (next_ >= pending_.size()) return false;
    *a = std::move(pending_[next_].first);
    ++next_;
    return true;
  }

 private:
  Status Load() {
    std::string all, line;
    bool too_long = false;
    while (true) {
      DYAD_ASSIGN_OR_RETURN(bool more, in_->Next(&line, &too_long));
      if (!more) break;
      if (too_long || all.size() + line.size() > options_.max_record_bytes) {
        Report(1, "file larger than " + std::to_string(options_.max_record_bytes) + " bytes",
               "oversized record");
        return Status::OK();
      }
      all += line;
      all += "\n";
    }
    stats_.bytes_read = in_->bytes();
    ReportTruncated();
    if (LooksBinary(all)) {
      Report(1, "binary data, not text", "binary junk");
      return Status::OK();
    }
    if (format_ == InputFormat::kPetrarch) return LoadPetrarch(all);
    Article a;
    if (format_ == InputFormat::kHtml) {
      HtmlArticle h = ExtractHtmlArticle(all);
      if (h.ignored_tags > 0) {
        Report(1, "HTML nested deeper than " + std::to_string(kMaxHtmlDepth) + " elements: " +
                      std::to_string(h.ignored_tags) + " tags ignored (their text is kept)",
               "deep HTML", /*skipped=*/false);
      }
      a.text = std::move(h.text);
      a.title = std::move(h.title);
      a.date = h.date;
      a.url = h.url;
      if (!h.language.empty()) a.language = h.language;
    } else {
      a.text = std::move(all);
    }
    if (Validate(&a, 1)) pending_.push_back({std::move(a), 1});
    return Status::OK();
  }

  Status LoadPetrarch(const std::string& all) {
    auto suite = ParsePetrarchSuite(all, name_);
    if (!suite.ok()) {
      Report(1, suite.status().message(), "invalid records");
      return Status::OK();
    }
    for (const auto& r : suite->records) {
      Article a;
      a.id = r.id;
      a.date = r.date;
      a.text = r.text;
      a.origin = name_ + ":" + std::to_string(r.line);
      if (Validate(&a, static_cast<size_t>(r.line))) pending_.push_back({std::move(a), r.line});
    }
    return Status::OK();
  }

  InputFormat format_;
  bool loaded_ = false;
  std::vector<std::pair<Article, int>> pending_;
  size_t next_ = 0;
};

InputFormat DetectFormat(const std::string& path, std::string_view head) {
  std::string p = Lower(path);
  auto ends = [&](const char* suf) {
    size_t n = std::strlen(suf);
    return p.size() >= n && p.compare(p.size() - n, n, suf) == 0;
  };
  if (ends(".gz")) p.resize(p.size() - 3);
  if (ends(".jsonl") || ends(".ndjson") || ends(".json")) return InputFormat::kJsonl;
  if (ends(".html") || ends(".htm") || ends(".xhtml")) return InputFormat::kHtml;
  size_t s = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  std::string_view h = s == std::string_view::npos ? std::string_view() : head.substr(s);
  if (h.rfind("date ", 0) == 0) return InputFormat::kDateline;
  if (!h.empty() && h[0] == '{') return InputFormat::kJsonl;
  if (!h.empty() && h[0] == '<') {
    if (head.find("<Sentence") != std::string_view::npos ||
        head.find("<Validation") != std::string_view::npos) {
      return InputFormat::kPetrarch;
    }
    return InputFormat::kHtml;
  }
  if (ends(".xml")) return InputFormat::kPetrarch;
  return InputFormat::kText;
}

class MultiSource : public ArticleSource {
 public:
  MultiSource(std::vector<std::string> paths, ReaderOptions options)
      : paths_(std::move(paths)), options_(std::move(options)) {}

  Result<bool> Next(Article* a) override {
    while (true) {
      if (current_ == nullptr) {
        if (next_ >= paths_.size()) return false;
        const std::string& p = paths_[next_++];
        auto src = OpenArticleSource(p, options_);
        if (!src.ok()) {
          ReadIssue issue{p == "-" ? "<stdin>" : Printable(p), Printable(src.status().message()), true};
          ++skipped_files_;
          if (options_.on_issue) options_.on_issue(issue);
          else std::cerr << "dyad: " << issue.where << ": " << issue.reason << " (skipped)\n";
          continue;
        }
        current_ = std::move(src).value();
        ++opened_;
      }
      auto r = current_->Next(a);
      if (!r.ok()) {
        std::cerr << "dyad: " << Printable(r.status().ToString()) << " (rest of the input skipped)\n";
        ++skipped_files_;
        Retire();
        continue;
      }
      if (*r) {
        Refresh();
        return true;
      }
      Retire();
    }
  }

  const ReadStats& stats() const override { return stats_; }
  size_t opened() const { return opened_; }

 private:
  void Refresh() {
    stats_ = done_;
    if (current_ != nullptr) Add(current_->stats(), &stats_);
    if (skipped_files_ > 0) {
      stats_.records_skipped += skipped_files_;
      stats_.skipped_by_reason["unreadable input"] += skipped_files_;
      stats_.damaged_inputs += skipped_files_;
    }
  }
  static void Add(const ReadStats& s, ReadStats* into) {
    into->records_read += s.records_read;
    into->records_skipped += s.records_skipped;
    into->bytes_read += s.bytes_read;
    into->damaged_inputs += s.damaged_inputs;
    for (const auto& [k, v] : s.skipped_by_reason) into->skipped_by_reason[k] += v;
  }
  void Retire() {
    if (current_ != nullptr) Add(current_->stats(), &done_);
    current_.reset();
    Refresh();
  }

  std::vector<std::string> paths_;
  ReaderOptions options_;
  std::unique_ptr<ArticleSource> current_;
  size_t next_ = 0, opened_ = 0, skipped_files_ = 0;
  ReadStats done_, stats_;
};

}  // namespace

namespace {
constexpr const char* kInputFormatNames[] = {"auto", "dateline", "jsonl", "text", "html", "petrarch"};
static_assert(std::size(kInputFormatNames) == static_cast<size_t>(InputFormat::kPetrarch) + 1);
}  // namespace

const char* InputFormatName(InputFormat f) { return EnumName(kInputFormatNames, f); }

Result<InputFormat> ParseInputFormat(std::string_view name) {
  InputFormat f = InputFormat::kAuto;
  if (ParseEnumName(kInputFormatNames, name, &f)) return f;
  std::string known;
  for (const char* n : kInputFormatNames) known += std::string(known.empty() ? "" : ", ") + n;
  return Status::InvalidArgument("unknown input format '" + std::string(name) + "' (known: " +
                                 known + ")");
}

Result<std::unique_ptr<ArticleSource>> OpenArticleSource(const std::string& path,
                                                         const ReaderOptions& options) {
  if (options.format > InputFormat::kPetrarch) {
    return Status::InvalidArgument("unknown input format " +
                                   std::to_string(static_cast<int>(options.format)));
  }
  DYAD_ASSIGN_OR_RETURN(auto in, LineReader::Open(path, options.max_record_bytes));
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) {
    DYAD_ASSIGN_OR_RETURN(std::string_view head, in->Peek(4096));
    format = DetectFormat(path, head);
  }
  // UTF-16 would otherwise read as binary junk or as text full of NULs.
  DYAD_ASSIGN_OR_RETURN(std::string_view bom, in->Peek(2));
  if (bom == "\xFF\xFE" || bom == "\xFE\xFF") {
    return Status::InvalidArgument((path == "-" ? std::string("<stdin>") : path) +
                                   ": UTF-16 text (byte-order mark); dyad reads UTF-8: convert it "
                                   "first, e.g. iconv -f UTF-16 -t UTF-8");
  }
  std::unique_ptr<ArticleSource> src;
  if (format == InputFormat::kDateline) src = std::make_unique<DatelineSource>(path, options, std::move(in));
  else if (format == InputFormat::kJsonl) src = std::make_unique<JsonlSource>(path, options, std::move(in));
  else src = std::make_unique<WholeFileSource>(path, options, std::move(in), format);
  return src;
}

Result<std::unique_ptr<ArticleSource>> OpenArticleSources(const std::vector<std::string>& paths,
                                                          const ReaderOptions& options) {
  std::vector<std::string> p = paths.empty() ? std::vector<std::string>{"-"} : paths;
  bool any = false;
  std::string first_error;
  for (const auto& f : p) {
    std::error_code ec;
    if (f == "-" || std::filesystem::is_regular_file(f, ec)) {
      any = true;
    } else if (first_error.empty()) {
      first_error = std::filesystem::is_directory(f, ec)       ? f + ": is a directory, not a file (give the files in it)"
                    : std::filesystem::exists(f, ec) ? f + ": not a regular file"
                                                     : f + ": no such file";
    }
  }
  if (!any) return Status::NotFound(first_error);
  return std::unique_ptr<ArticleSource>(new MultiSource(p, options));
}

std::string DeriveArticleId(const std::string& url, std::string_view text) {
  if (!url.empty()) return "url:" + Fingerprint128(url).substr(0, 16);
  std::string t(text);
  NormalizeLineEnds(&t);
  size_t b = t.find_first_not_of(" \t\n");
  size_t e = t.find_last_not_of(" \t\n");
  std::string_view core = b == std::string::npos ? std::string_view() : std::string_view(t).substr(b, e + 1 - b);
  return "text:" + Fingerprint128(core).substr(0, 16);
}

std::string SummarizeReadStats(const ReadStats& s) {
  std::string out = "read " + std::to_string(s.records_read) + " article" +
                    (s.records_read == 1 ? "" : "s");
  if (s.records_skipped > 0) {
    out += ", skipped " + std::to_string(s.records_skipped) + " (";
    bool first = true;
    for (const auto& [reason, n] : s.skipped_by_reason) {
      out += (first ? "" : ", ") + std::to_string(n) + " " + reason;
      first = false;
    }
    out += ")";
  }
  if (s.damaged_inputs > 0) {
    out += "; " + std::to_string(s.damaged_inputs) + " input" + (s.damaged_inputs == 1 ? "" : "s") +
           " not read to the end";
  }
  return out;
}

}  // namespace dyad
