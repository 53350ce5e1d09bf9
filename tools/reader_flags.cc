#include "tools/reader_flags.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "src/util/dates.h"

namespace dyad::cli {

void AddReaderFlags(CLI::App* app, ReaderFlags* flags,
                    const std::vector<std::string>& extra_formats) {
  std::vector<std::string> formats = {"auto", "dateline", "jsonl", "text", "html", "petrarch"};
  formats.insert(formats.end(), extra_formats.begin(), extra_formats.end());
  std::string names;
  for (const auto& f : formats) names += (names.empty() ? "" : "|") + f;
  app->add_option("files", flags->files, "Input files; - or none reads standard input");
  app->add_option("--input", flags->format, "Input format: " + names + " (auto: detected per file)")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  app->add_option("--date", flags->date, "Publication date YYYY-MM-DD for inputs that carry none");
  app->add_option(
      "--field", flags->fields,
      "JSON Lines field mapping OUR=THEIRS (our fields: id date title text source url language)");
}

Result<ReaderOptions> ToReaderOptions(const ReaderFlags& flags) {
  ReaderOptions o;
  DYAD_ASSIGN_OR_RETURN(o.format, ParseInputFormat(flags.format));
  if (!flags.date.empty() && !IsValidDate(flags.date)) {
    return Status::InvalidArgument("--date " + flags.date + " is not a valid YYYY-MM-DD date");
  }
  o.date = flags.date;
  static const char* kOurs[] = {"id", "date", "title", "text", "source", "url", "language"};
  for (const auto& f : flags.fields) {
    size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == f.size()) {
      return Status::InvalidArgument("--field " + f + ": expected OUR=THEIRS");
    }
    std::string ours = f.substr(0, eq);
    bool known = false;
    for (const char* k : kOurs) known |= ours == k;
    if (!known) return Status::InvalidArgument("--field " + f + ": unknown field " + ours);
    o.field_map[ours] = f.substr(eq + 1);
  }
  return o;
}

ProgressLine::ProgressLine(std::string unit, long long total_bytes)
    : unit_(std::move(unit)), total_bytes_(total_bytes), tty_(isatty(2) != 0) {
  start_ = last_ = std::chrono::steady_clock::now();
}

void ProgressLine::Update(long long items, long long bytes) {
  if (!tty_) return;
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 2.0 || std::chrono::duration<double>(now - last_).count() < 0.25) return;
  last_ = now;
  shown_ = true;
  double rate = items / elapsed;
  double mbs = bytes / elapsed / 1e6;
  if (total_bytes_ > 0 && bytes > 0) {
    double eta = (total_bytes_ - bytes) / (bytes / elapsed);
    std::fprintf(stderr, "\r%lld %s, %.0f/s, %.1f MB/s, %.0f%%, ETA %.0fs   ", items, unit_.c_str(),
                 rate, mbs, 100.0 * bytes / total_bytes_, eta);
  } else {
    std::fprintf(stderr, "\r%lld %s, %.0f/s, %.1f MB/s   ", items, unit_.c_str(), rate, mbs);
  }
}

void ProgressLine::Done() {
  if (shown_) std::fprintf(stderr, "\n");
}

}  // namespace dyad::cli
