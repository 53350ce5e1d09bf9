// Event: one coded "who did what to whom, when and where" mention, in CAMEO and PLOVER
// at once, with the evidence (byte spans) and the reason it was coded.
//
//   for (const dyad::Event& e : events)
//     std::cout << e.source.code << " " << e.cameo << " " << e.target.code << "\n";
//
// An Event is one dyad: a compound mention ("Russia and China condemned ...") is exploded
// into several Events that share `mention_group`, so CAMEO-style outputs get dyads and
// PLOVER-style outputs can regroup them into actor lists.
// All codes are strings ("010", "043", "USAGOV"): leading zeros matter.
#ifndef DYAD_EVENT_H_
#define DYAD_EVENT_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace dyad {

struct Actor {
  std::string text;      // surface text in the sentence ("Russian Foreign Minister Sergei Lavrov")
  uint32_t begin = 0;    // byte span of `text` in Article::text
  uint32_t end = 0;
  std::string name;      // canonical name ("Sergei Lavrov", "Russia"); empty when unknown
  std::string code;      // full CAMEO actor code ("RUSGOV", "IGOUNO"); empty when uncoded
  std::string country;   // ISO 3166-1 alpha-3 ("RUS"); empty for none
  std::string sector;    // PLOVER sector ("GOV", "MIL", ...); empty for none
  // "country", "person", "igo", "ngo", "group", "agent", "unknown" (a named entity the
  // dictionaries lack: reported, never silently dropped). Default: empty.
  std::string type;
  std::vector<std::string> entries;  // dictionary entries that fired, for the reason
  bool empty() const { return code.empty() && text.empty(); }
};

enum class Modality : uint8_t {
  kAsserted = 0,      // "Russia expelled ..."
  kNegated = 1,       // "Russia did not expel ..."
  kFuture = 2,        // future or intent: "Russia will expel", "plans to expel"
  kHypothetical = 3,  // "if Russia expelled", "could expel"
  kReported = 4,      // "X said Russia expelled ...": attributed to `Event::speaker`
};
const char* ModalityName(Modality m);  // "asserted", "negated", "future", "hypothetical", "reported"

struct EventDate {
  std::string date;       // "YYYY-MM-DD" (month/year precision: first day); empty if unknown
  std::string precision;  // "day", "month", "year"
  std::string basis;      // "article" (publication date), "explicit" ("March 10"), "relative" ("on Tuesday")
  std::string text;       // the date expression, empty for basis "article"
};

struct Location {
  std::string text;     // "Riyadh"; empty when no place was found
  uint32_t begin = 0, end = 0;
  std::string country;  // ISO3
  std::string admin1;   // first-level division code when known
  double lat = NAN;     // WGS84, NAN when unknown
  double lon = NAN;
  std::string geonames_id;  // gazetteer id ("108410"), empty when unknown
};

struct Event {
  std::string id;  // stable: same article, sentence, spans and code give the same id

  // Where it was reported.
  std::string article_id;
  std::string url;
  std::string outlet;    // news source ("Reuters")
  std::string pub_date;  // "YYYY-MM-DD"
  int sentence_index = 0;
  uint32_t sentence_begin = 0, sentence_end = 0;  // bytes in Article::text
  std::string sentence_text;

  // Who did what to whom.
  Actor source;
  Actor target;  // empty() for events without a target
  std::string mention_group;  // shared by the dyads exploded from one compound mention
  std::string verb_text;
  uint32_t verb_begin = 0, verb_end = 0;

  // CAMEO.
  std::string cameo;  // "036"
  std::string base;   // first three digits ("036")
  std::string root;   // first two digits ("03")
  double goldstein = 0.0;
  int quad = 0;       // GDELT QuadClass 1..4 (01-05, 06-09, 10-14, 15-20)

  // PLOVER.
  std::string plover_event;    // "CONSULT"
  std::string plover_mode;     // may be empty
  std::string plover_context;  // may be empty

  Modality modality = Modality::kAsserted;
  Actor speaker;  // for kReported: who said it

  EventDate date;
  Location location;
  double confidence = 0.0;  // 0..1
  // Why it was coded: the pattern and dictionary entries that fired, human-readable.
  std::string reason;
};

}  // namespace dyad

#endif  // DYAD_EVENT_H_
