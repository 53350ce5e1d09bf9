// The PETRARCH / UniversalPetrarch validation record files (both the UD-PETRARCH and the
// PETRARCH-2 layouts): records with their text, date and expected codings. A reader of
// article input (`dyad code --input petrarch`) and the scorer (src/code/petrarch_eval.h)
// both use it.
//
//   auto suite = ReadPetrarchSuite("PETR_Validate_records_2_02.xml");
//   if (!suite.ok()) return suite.status();
//   for (const PetrarchRecord& r : suite->records) Code(r.text, r.date);
#ifndef DYAD_TEXT_PETRARCH_RECORDS_H_
#define DYAD_TEXT_PETRARCH_RECORDS_H_

#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct PetrarchCoding {
  std::string event, source, target;
  bool operator==(const PetrarchCoding& o) const {
    return event == o.event && source == o.source && target == o.target;
  }
};

struct PetrarchRecord {
  std::string id;         // "DEMO-01"
  std::string category;   // "DEMO"
  std::string date;       // "YYYY-MM-DD"
  bool evaluate = true;   // false for records kept as documentation (evaluate="false")
  bool noevents = false;  // expects nothing coded
  bool error = false;     // expects an error (bad input record)
  std::vector<PetrarchCoding> expected;
  std::string text;  // whitespace-normalised sentence text
  int line = 0;      // line of the <Sentence> tag, for messages
};

struct PetrarchSuite {
  std::vector<PetrarchRecord> records;
  // <Environment>: dictionary file names and the categories the stock runner includes.
  std::string verbs, actors, agents, discards, ontology;
  std::vector<std::string> include;
};

// Parses a records file (both the UD-PETRARCH and the PETRARCH-2 layouts).
Result<PetrarchSuite> ReadPetrarchSuite(const std::string& path);
// The same from the file's content; `name` is used in messages.
Result<PetrarchSuite> ParsePetrarchSuite(std::string content, const std::string& name);

}  // namespace dyad

#endif  // DYAD_TEXT_PETRARCH_RECORDS_H_
