// EventWriter: events to the output formats analysts use, one interface.
//
//   auto w = dyad::EventWriter::Create("gdelt", &std::cout);
//   if (!w.ok()) return w.status();
//   for (const dyad::Event& e : events) DYAD_RETURN_IF_ERROR((*w)->Write(e));
//   DYAD_RETURN_IF_ERROR((*w)->Finish());
//
// Formats (codes are always strings, output is UTF-8, one record per line):
//   jsonl    dyad's event record (doc/formats.md "Event JSON"), one object per line
//   tsv      the main fields, tab-separated, with a header line
//   csv      the same fields as tsv, RFC 4180 quoting
//   gdelt    GDELT 2.0 event table, 61 tab-separated columns, no header
//   gdelt-mentions  GDELT 2.0 mentions table, 16 columns, no header
//   icews    ICEWS-shaped TSV with header (20 columns)
//   polecat  POLECAT-shaped TSV with header (40 columns)
//   plover   PLOVER JSON Lines; dyads sharing Event::mention_group become one record
//            with actor and recipient lists
#ifndef DYAD_EVENT_WRITER_H_
#define DYAD_EVENT_WRITER_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad {

// Cluster facts for formats that carry them (GDELT NumMentions/NumSources/NumArticles).
struct EventCounts {
  long long event_id = 0;  // cluster id; 0 = unknown
  int num_mentions = 1, num_sources = 1, num_articles = 1;
};

struct EventWriterOptions {
  // CAMEO event code -> its name ("036" -> "Express intent to meet or negotiate"), for
  // formats with a text column (ICEWS Event Text). Default: empty (the code is written).
  std::function<std::string(const std::string&)> cameo_name;
  // ISO3 or CAMEO country code -> country name, for ICEWS/POLECAT country columns.
  // Default: empty (the code is written).
  std::function<std::string(const std::string&)> country_name;
  // Version string written to POLECAT's Version and PLOVER's cite_info. Default: "dyad".
  std::string version = "dyad";
};

class EventWriter {
 public:
  virtual ~EventWriter() = default;

  // Creates a writer for `format` (see above) writing to `out` (not owned, must outlive
  // the writer). InvalidArgument for an unknown format.
  static Result<std::unique_ptr<EventWriter>> Create(
      const std::string& format, std::ostream* out,
      const EventWriterOptions& options = EventWriterOptions());

  // The format names Create accepts.
  static std::vector<std::string> Formats();

  // Writes one event (header first, on the first call, for formats that have one).
  virtual Status Write(const Event& e, const EventCounts& counts = EventCounts()) = 0;

  // Flushes buffered records (PLOVER groups) and the stream; IOError if the stream failed.
  virtual Status Finish() = 0;
};

// The JSON object of one event (no trailing newline), as `jsonl` writes it.
std::string EventToJson(const Event& e);

// Appends `s` as a JSON string literal (quotes included, control characters escaped,
// invalid UTF-8 bytes replaced by U+FFFD).
void AppendJsonString(std::string* out, std::string_view s);

// Splits a CAMEO actor code into its country/IGO part and role/group parts, e.g.
// "RUSGOVMIL" -> {"RUS", {"GOV","MIL"}}, "IGOUNO" -> {"", {"IGO","UNO"}}.
struct ActorCodeParts {
  std::string country;              // 3-letter country/region code, empty if none
  std::string known_group;          // IGO/NGO/rebel group code (UNO, NAT, HMS, ...)
  std::vector<std::string> types;   // role codes (GOV, MIL, REB, ...), at most 3 kept
};
ActorCodeParts SplitActorCode(const std::string& code);

}  // namespace dyad

#endif  // DYAD_EVENT_WRITER_H_
