// Readers: every input format behind one ArticleSource interface.
//
//   dyad::ReaderOptions opts;                 // format "auto": detected per file
//   auto src = dyad::OpenArticleSources({"a.jsonl.gz", "b.txt"}, opts);
//   if (!src.ok()) return src.status();
//   dyad::Article a;
//   while (true) {
//     auto more = (*src)->Next(&a);
//     if (!more.ok()) return more.status();   // unrecoverable (I/O) only
//     if (!*more) break;
//     Use(a);
//   }
//   // (*src)->stats() tells how many records were read and skipped, and why.
//
// Bad records (invalid UTF-8, NUL bytes, truncated JSON, missing or impossible dates,
// oversized lines, binary junk) never stop a source: each is reported once through
// ReaderOptions::on_issue with "file:line" and a reason, counted in stats(), and skipped.
#ifndef DYAD_READER_H_
#define DYAD_READER_H_

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/status.h"

namespace dyad {

// One skipped or repaired record.
struct ReadIssue {
  std::string where;   // "file:line" (or "file#record" / "<stdin>:line")
  std::string reason;  // "invalid UTF-8 at byte 17", "impossible date 2025-02-30", ...
  bool skipped = true; // false when the record was kept after a repair (e.g. NULs removed)
};

struct ReadStats {
  size_t records_read = 0;     // articles returned by Next()
  size_t records_skipped = 0;  // records reported and dropped
  size_t bytes_read = 0;       // uncompressed input bytes consumed
  // Inputs not read to their end: truncated compressed streams, directories, unreadable or
  // UTF-16 files. Commands exit non-zero when this is not 0 (the rest is still processed).
  size_t damaged_inputs = 0;
  std::map<std::string, size_t> skipped_by_reason;  // short reason class -> count
};

// Input formats (doc/formats.md).
enum class InputFormat : uint8_t {
  kAuto = 0,  // "auto": detected per file from its name and first bytes
  kDateline,  // "dateline": "date YYYY-MM-DD" headers, then the article
  kJsonl,     // "jsonl": one JSON record per line
  kText,      // "text": the whole file is one article
  kHtml,      // "html": one page, main text extracted
  kPetrarch,  // "petrarch": PETRARCH XML records
};
// "auto", "dateline", "jsonl", "text", "html", "petrarch".
const char* InputFormatName(InputFormat f);
// InputFormatName's inverse; InvalidArgument naming the known formats for any other name.
Result<InputFormat> ParseInputFormat(std::string_view name);

struct ReaderOptions {
  // Default: kAuto (detected per file).
  InputFormat format = InputFormat::kAuto;
  // Publication date "YYYY-MM-DD" for formats that carry none (plain text, HTML without
  // metadata). Default: empty (such articles are then skipped with a reason).
  std::string date;
  // JSON Lines field mapping: our field ("id", "date", "title", "text", "source", "url",
  // "language") -> the record's field name. Default: empty (identity).
  std::map<std::string, std::string> field_map;
  // Records (lines, files) larger than this are skipped with a reason. Default: 16 MiB.
  size_t max_record_bytes = 16u << 20;
  // Articles whose text is longer than this are skipped with a reason: coding holds about
  // 75 bytes per text byte at its peak, so this bounds memory per article (about 300 MB per
  // worker at the default). Default: 4 MiB.
  size_t max_text_bytes = 4u << 20;
  // Called for every bad record. Default (empty): print "dyad: WHERE: REASON" to stderr.
  std::function<void(const ReadIssue&)> on_issue;
};

class ArticleSource {
 public:
  virtual ~ArticleSource() = default;

  // Fills *article with the next good record and returns true; returns false at the end
  // of input. Bad records are reported and skipped, never returned as errors; a non-OK
  // status means the input cannot be read further (I/O error).
  virtual Result<bool> Next(Article* article) = 0;

  // Counts so far.
  virtual const ReadStats& stats() const = 0;
};

// Opens one input; "-" reads standard input. Gzip is detected by magic bytes and read
// transparently. Fails (NotFound / IOError / InvalidArgument) only when the file cannot
// be opened or the options are invalid.
Result<std::unique_ptr<ArticleSource>> OpenArticleSource(const std::string& path,
                                                         const ReaderOptions& options);

// Reads several inputs one after another; stats() sums them. An input that cannot be
// opened is reported through on_issue and skipped; fails only when none can be opened.
Result<std::unique_ptr<ArticleSource>> OpenArticleSources(const std::vector<std::string>& paths,
                                                          const ReaderOptions& options);

// The id of an article that has no id of its own: "url:" + 16 hex digits of the url's
// Fingerprint128 when it has a url, else "text:" + 16 hex digits of the Fingerprint128 of its
// text with line ends made "\n" and surrounding whitespace trimmed. The same article read from
// another file, another directory or a CRLF copy keeps its id; different texts never share
// one through a file name.
std::string DeriveArticleId(const std::string& url, std::string_view text);

// A one-line human summary of stats: "read 120 articles, skipped 3 (2 invalid UTF-8, 1 bad date)".
std::string SummarizeReadStats(const ReadStats& stats);

}  // namespace dyad

#endif  // DYAD_READER_H_
