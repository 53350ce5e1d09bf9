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
#include <string_view>
#include <vector>

namespace dyad {

// What kind of actor a dictionary entry or a mention is. The names (ActorTypeName) are
// those of the dictionary files' type column (doc/dictionaries.md) and of the stored and
// written `type` fields.
enum class ActorType : uint8_t {
  kNone = 0,   // "": not set
  kCountry,    // "country": a state ("Russia")
  kAdjective,  // "adjective": a nationality word ("Russian")
  kMetonym,    // "metonym": a capital or seat standing for a government ("Moscow", "the Kremlin")
  kRegion,     // "region": a region or city with its own code
  kIgo,        // "igo": intergovernmental organisation ("NATO")
  kNgo,        // "ngo": non-governmental organisation
  kGroup,      // "group": armed, rebel, ethnic or religious group
  kParty,      // "party": political party
  kMedia,      // "media": news organisation
  kCompany,    // "company": business
  kPerson,     // "person": a named person with dated roles
  kAgent,      // "agent": a role noun ("officials", "troops") coded by its country
  kPlace,      // "place": a gazetteer place coded by its country
  kUnknown,    // "unknown": a named entity the dictionaries lack (reported, never dropped)
};
// "" for kNone, else the lowercase name above.
const char* ActorTypeName(ActorType t);
// The type named `name` (ActorTypeName's inverse, "" -> kNone); false when `name` is none.
bool ParseActorType(std::string_view name, ActorType* out);
// The types a dictionary file may declare (kCountry .. kPerson).
bool IsDictionaryActorType(ActorType t);

struct Actor {
  std::string text;      // surface text in the sentence ("Russian Foreign Minister Sergei Lavrov")
  uint32_t begin = 0;    // byte span of `text` in Article::text
  uint32_t end = 0;
  std::string name;      // canonical name ("Sergei Lavrov", "Russia"); empty when unknown
  std::string code;      // full CAMEO actor code ("RUSGOV", "IGOUNO"); empty when uncoded
  std::string country;   // ISO 3166-1 alpha-3 ("RUS"); empty for none
  std::string sector;    // PLOVER sector ("GOV", "MIL", ...); empty for none
  // Kind of actor (kUnknown: a named entity the dictionaries lack: reported, never silently
  // dropped). Default: kNone.
  ActorType type = ActorType::kNone;
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

// How precisely an event date is known.
enum class DatePrecision : uint8_t { kNone = 0, kDay, kWeek, kMonth, kYear };
// "" for kNone, "day", "week", "month", "year".
const char* DatePrecisionName(DatePrecision p);
// DatePrecisionName's inverse ("" -> kNone); false for any other name.
bool ParseDatePrecision(std::string_view name, DatePrecision* out);

// Where an event date comes from.
enum class DateBasis : uint8_t {
  kNone = 0,  // "": not set
  kArticle,   // "article": the publication date
  kExplicit,  // "explicit": a calendar date in the sentence ("March 10")
  kRelative,  // "relative": resolved against the publication date ("on Tuesday")
  // "background": told as background to the article's news ("had invaded", "since Russia
  // invaded"), at no date the sentence gives; `date` then holds the publication date only as
  // an upper bound, never as the event's date.
  kBackground,
};
// "" for kNone, "article", "explicit", "relative", "background".
const char* DateBasisName(DateBasis b);
// DateBasisName's inverse ("" -> kNone); false for any other name.
bool ParseDateBasis(std::string_view name, DateBasis* out);

struct EventDate {
  std::string date;  // "YYYY-MM-DD" (month/year precision: first day); empty if unknown
  DatePrecision precision = DatePrecision::kNone;  // default kNone; the coder sets it
  DateBasis basis = DateBasis::kNone;              // default kNone; the coder sets it
  std::string text;  // the date expression, empty for basis kArticle
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
