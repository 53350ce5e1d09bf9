// Ontology: CAMEO event codes (names, Goldstein values, QuadClass conventions, PLOVER
// mapping), CAMEO actor role codes with PLOVER sectors, CAMEO country/region codes with ISO3,
// CAMEO known-group/religion/ethnic blocks, and PLOVER event types, modes, contexts and
// sectors, read from the tables in data/ontology (scripts/gen-ontology writes them).
//
//   auto ont = dyad::Ontology::Load();                       // DataDir()/ontology
//   if (!ont.ok()) return ont.status();
//   const dyad::CameoEventInfo* e = (*ont)->Event("036");    // nullptr for unknown codes
//   e->name, e->goldstein, e->quad, e->root ("03"), e->plover_event ("AGREE")
//   (*ont)->Quad("145", dyad::QuadConvention::kIcews);       // 4 (GDELT says 3)
//   (*ont)->CameoCountry("ROU");                             // "ROM"
//   std::string why;
//   (*ont)->CheckActorCode("IGOUNOREFHCR", &why);            // true
//
// Codes are strings everywhere: "010" and "10" are different codes.
#ifndef DYAD_ONTOLOGY_H_
#define DYAD_ONTOLOGY_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// The four QuadClass conventions in circulation (ref: GDELT is what GDELT emits).
enum class QuadConvention {
  kGdelt,    // 1: roots 01-05, 2: 06-09, 3: 10-14, 4: 15-20 (the default everywhere in dyad)
  kIcews,    // "textbook"/ICEWS tooling: 01-05, 06-08, 09-13, 14-20
  kPhoenix,  // Phoenix pentaclass 0-4: 01-02 are 0 (neutral), 16 is verbal conflict
  kPlover,   // the quad of the code's PLOVER event type (0 when PLOVER drops the code)
};

struct CameoEventInfo {
  std::string code, name;        // name: the CAMEO 1.1b3 manual's wording
  std::string gdelt_name;        // GDELT's label (differs for 101-108), empty when absent
  int level = 0;                 // 1 root, 2 base, 3 leaf
  double goldstein = 0.0;        // GDELT's table (the parent's value where GDELT lacks the code)
  double goldstein_icews = 0.0;  // ICEWS intensity; equals `goldstein` when ICEWS has none
  bool has_icews = false;
  int quad = 0;                  // GDELT QuadClass 1..4
  int quad_icews = 0;            // QuadConvention::kIcews
  int quad_phoenix = 0;          // QuadConvention::kPhoenix
  bool in_gdelt = true;          // false: 1213, 1214, 155, 176, 1834, 1951, 1952
  std::string root, base;        // "19", "190"; for a root both are the root itself
  std::string plover_event, plover_mode, plover_context;  // empty event: PLOVER drops the code
};

struct PloverEventType {
  std::string name;  // "ASSAULT"
  int quad = 0;      // 1..4
  bool requires_recipient = false;
  double score = 0.0;
  std::string definition;
};

class Ontology {
 public:
  // Reads the tables from `dir` (default DataDir()/ontology). cameo_events, cameo_roles and
  // cameo_countries are required; cameo_blocks and the plover_* tables are optional (absent
  // tables leave their lookups empty). Corruption naming file:line for a malformed row.
  static Result<std::unique_ptr<Ontology>> Load(const std::string& dir = "");

  // --- CAMEO events.
  // The facts of `code` ("036"), nullptr when it is not a CAMEO 1.1b3 code.
  const CameoEventInfo* Event(const std::string& code) const;
  // Every code in table order (roots first within each root).
  const std::vector<CameoEventInfo>& events() const { return events_; }
  bool IsEventCode(const std::string& code) const { return Event(code) != nullptr; }
  // QuadClass of `code` under `convention`; 0 for unknown codes (and PLOVER-dropped ones).
  int Quad(const std::string& code, QuadConvention convention = QuadConvention::kGdelt) const;

  // --- Actor codes.
  // PLOVER sector of a CAMEO role code ("HLH" -> "MED", "MED" -> "JRN"); empty when none.
  std::string RoleSector(const std::string& role) const;
  bool IsRole(const std::string& code) const { return roles_.count(code) > 0; }
  // CAMEO country/region code -> ISO3 ("ROM" -> "ROU"; empty for regions and unknown codes).
  std::string Iso3(const std::string& cameo_country) const;
  // ISO3 -> CAMEO country code ("ROU" -> "ROM", "USA" -> "USA"); empty when CAMEO has none.
  std::string CameoCountry(const std::string& iso3) const;
  // Display name of a CAMEO country code (or of an ISO3 code); the code itself when unknown.
  std::string CountryName(const std::string& code) const;
  bool IsCountryOrRegion(const std::string& code) const { return countries_.count(code) > 0; }
  // "country", "region", "special", "historical"; empty when unknown.
  std::string CountryKind(const std::string& code) const;
  // Known-group, religion or ethnic block ("HMS" -> "group", "SHI" -> "religion"); empty if none.
  std::string BlockKind(const std::string& block) const;
  // True for the international generics that start an international actor code (IGO, IMG,
  // NGO, NGM, MNC, INT, UIS).
  static bool IsInternationalGeneric(const std::string& block);

  // Checks a full actor code: non-empty, capital letters in 3-letter blocks, the first block a
  // country/region/special/historical code, an international generic, a role (a bare agent
  // code "GOV") or a religion/ethnic block, every later block a country/region, role, generic,
  // known group, religion or ethnic code, or one of `extra_blocks` (codes a dictionary marks
  // as composed). On failure sets *why (when non-null) to the reason and returns false.
  bool CheckActorCode(const std::string& code, std::string* why,
                      const std::set<std::string>* extra_blocks = nullptr) const;
  // Deprecated form of CheckActorCode: `extra_blocks` keys are accepted blocks.
  bool ValidActorCode(const std::string& code,
                      const std::unordered_map<std::string, int>& extra_blocks) const;

  // --- PLOVER.
  const PloverEventType* PloverEvent(const std::string& name) const;
  const std::vector<PloverEventType>& plover_events() const { return plover_events_; }
  // True when `mode` is a mode of PLOVER event `event` in either vocabulary (manual v2.0 or
  // the POLECAT codebook).
  bool IsPloverMode(const std::string& event, const std::string& mode) const;
  // True for the 37 topic contexts and the 4 auxiliary modes.
  bool IsPloverContext(const std::string& context) const { return plover_contexts_.count(context) > 0; }
  bool IsPloverSector(const std::string& sector) const { return plover_sectors_.count(sector) > 0; }
  // Sector code -> meaning, in code order.
  const std::map<std::string, std::string>& plover_sectors() const { return plover_sectors_; }

  // 128-bit hash (hex) of the tables read: part of compiled dictionaries' source hash.
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  Ontology() = default;
  struct Country {
    std::string name, kind, iso3;
  };
  std::vector<CameoEventInfo> events_;
  std::unordered_map<std::string, size_t> event_index_;
  std::unordered_map<std::string, std::string> roles_;  // role -> PLOVER sector
  std::unordered_map<std::string, Country> countries_;
  std::unordered_map<std::string, std::string> by_iso3_;
  std::unordered_map<std::string, std::string> blocks_;  // block -> kind
  std::vector<PloverEventType> plover_events_;
  std::set<std::pair<std::string, std::string>> plover_modes_;
  std::set<std::string> plover_contexts_;
  std::map<std::string, std::string> plover_sectors_;
  std::string fingerprint_;
};

}  // namespace dyad

#endif  // DYAD_ONTOLOGY_H_
