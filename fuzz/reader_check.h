// Shared body of the reader fuzz targets: reads every record of one input and checks what a
// reader promises (doc/formats.md): valid UTF-8 text, a non-empty id, a valid date, every
// problem reported with a place.
#ifndef DYAD_FUZZ_READER_CHECK_H_
#define DYAD_FUZZ_READER_CHECK_H_

#include <string>

#include "dyad/reader.h"
#include "fuzz/fuzz_target.h"
#include "src/util/dates.h"

namespace dyad::fuzz {

// Reads `path` in `format` to the end. Returns the number of issues reported.
inline size_t ReadAllChecked(const std::string& path, const std::string& format,
                             const std::string& date = "") {
  ReaderOptions options;
  auto parsed = ParseInputFormat(format);
  DYAD_FUZZ_CHECK(parsed.ok());
  options.format = *parsed;
  options.date = date;
  options.max_record_bytes = 1 << 20;  // the fuzzer's inputs are small; keep the check cheap
  size_t issues = 0;
  options.on_issue = [&](const ReadIssue& issue) {
    DYAD_FUZZ_CHECK(!issue.where.empty());
    DYAD_FUZZ_CHECK(!issue.reason.empty());
    DYAD_FUZZ_CHECK(IsValidUtf8(issue.reason));
    ++issues;
  };
  auto src = OpenArticleSource(path, options);
  if (!src.ok()) {
    // A whole input refused at open (UTF-16, binary, unreadable) is reported by the Status.
    DYAD_FUZZ_CHECK(IsValidUtf8(src.status().ToString()));
    return issues + 1;
  }
  Article a;
  for (int guard = 0; guard < 1000000; ++guard) {
    auto more = (*src)->Next(&a);
    if (!more.ok()) {
      DYAD_FUZZ_CHECK(IsValidUtf8(more.status().ToString()));
      ++issues;
      break;
    }
    if (!*more) break;
    DYAD_FUZZ_CHECK(!a.id.empty());
    DYAD_FUZZ_CHECK(IsValidUtf8(a.id));
    DYAD_FUZZ_CHECK(IsValidUtf8(a.text));
    DYAD_FUZZ_CHECK(IsValidUtf8(a.title));
    DYAD_FUZZ_CHECK(IsValidUtf8(a.url));
    DYAD_FUZZ_CHECK(a.text.find('\0') == std::string::npos);
    DYAD_FUZZ_CHECK(a.text.find('\r') == std::string::npos);
    DYAD_FUZZ_CHECK(IsValidDate(a.date));
  }
  return issues;
}

}  // namespace dyad::fuzz

#endif  // DYAD_FUZZ_READER_CHECK_H_
