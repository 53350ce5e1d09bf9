// Input flags shared by every subcommand that reads articles (tokens, sentences, parse,
// code, ingest): FILES, --input (format), --date, --field.
#ifndef DYAD_TOOLS_READER_FLAGS_H_
#define DYAD_TOOLS_READER_FLAGS_H_

#include <chrono>
#include <string>
#include <vector>

#include "dyad/reader.h"

namespace CLI {
class App;
}

namespace dyad::cli {

struct ReaderFlags {
  std::vector<std::string> files;  // default {"-"}: standard input
  std::string format = "auto";
  std::string date;
  std::vector<std::string> fields;  // "text=body"
};

// Adds FILES (positional), --input, --date and --field to `app`.
// `extra_formats`: formats one command accepts beyond the article readers ("conllu" for
// `dyad parse`).
void AddReaderFlags(CLI::App* app, ReaderFlags* flags,
                    const std::vector<std::string>& extra_formats = {});

// Validates the flags (date format, field names) into ReaderOptions.
Result<ReaderOptions> ToReaderOptions(const ReaderFlags& flags);

// A progress line on stderr, shown only when stderr is a terminal and the run is long
// enough to need one (after 2 s); quiet otherwise.
class ProgressLine {
 public:
  explicit ProgressLine(std::string unit, long long total_bytes = 0);
  void Update(long long items, long long bytes);
  void Done();

 private:
  std::string unit_;
  long long total_bytes_;
  bool tty_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_READER_FLAGS_H_
