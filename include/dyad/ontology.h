// Ontology: CAMEO event codes (names, Goldstein, QuadClass, PLOVER mapping), CAMEO actor
// role codes with PLOVER sectors, CAMEO country/region codes with ISO3, from data/ontology.
//
//   auto ont = dyad::Ontology::Load();
//   const dyad::CameoEventInfo* e = (*ont)->Event("036");   // nullptr for unknown codes
//   e->goldstein, e->quad, e->plover_event
#ifndef DYAD_ONTOLOGY_H_
#define DYAD_ONTOLOGY_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct CameoEventInfo {
  std::string code, name;
  double goldstein = 0.0;        // GDELT value
  double goldstein_icews = 0.0;  // ICEWS intensity
  int quad = 0;                  // GDELT QuadClass 1..4
  std::string root, base;
  std::string plover_event, plover_mode, plover_context;  // empty event: PLOVER drops the code
};

class Ontology {
 public:
  // Reads cameo_events.tsv, cameo_roles.tsv and cameo_countries.tsv from `dir` (default
  // DataDir()/ontology). Corruption naming file:line for a malformed row.
  static Result<std::unique_ptr<Ontology>> Load(const std::string& dir = "");

  const CameoEventInfo* Event(const std::string& code) const;
  const std::vector<CameoEventInfo>& events() const { return events_; }
  // PLOVER sector of a CAMEO role code ("HLH" -> "MED"); empty when unknown.
  std::string RoleSector(const std::string& role) const;
  bool IsRole(const std::string& code) const { return roles_.count(code) > 0; }
  // CAMEO country/region code -> ISO3 (empty for regions); and the reverse.
  std::string Iso3(const std::string& cameo_country) const;
  std::string CameoCountry(const std::string& iso3) const;
  std::string CountryName(const std::string& code) const;
  bool IsCountryOrRegion(const std::string& code) const { return countries_.count(code) > 0; }
  // True when every 3-letter block of a full actor code is a known country/region, role,
  // international generic (IGO, NGO, ...) or group code from `extra_blocks`.
  bool ValidActorCode(const std::string& code, const std::unordered_map<std::string, int>& extra_blocks) const;

 private:
  Ontology() = default;
  std::vector<CameoEventInfo> events_;
  std::unordered_map<std::string, size_t> event_index_;
  std::unordered_map<std::string, std::string> roles_;  // role -> PLOVER sector
  struct Country {
    std::string name, kind, iso3;
  };
  std::unordered_map<std::string, Country> countries_;
  std::unordered_map<std::string, std::string> by_iso3_;
};

}  // namespace dyad

#endif  // DYAD_ONTOLOGY_H_
