#include "dyad/ontology.h"

#include <fstream>
#include <functional>
#include <tuple>
#include <sstream>

#include "src/util/paths.h"

namespace dyad {
namespace {

// Reads a TSV with a header row (comment lines '#' skipped); calls fn(fields, line).
Status ReadTsv(const std::string& path, size_t min_fields,
               const std::function<Status(const std::vector<std::string>&, int)>& fn) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path);
  std::string line;
  int lineno = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) f.push_back(cell);
    while (f.size() < min_fields && line.back() == '\t') f.emplace_back();
    if (f.size() < min_fields) {
      return Status::Corruption(path + ":" + std::to_string(lineno) + ": expected " +
                                std::to_string(min_fields) + " fields");
    }
    RETURN_IF_ERROR(fn(f, lineno));
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Ontology>> Ontology::Load(const std::string& dir_in) {
  std::string dir = dir_in.empty() ? DataDir() + "/ontology" : dir_in;
  auto o = std::unique_ptr<Ontology>(new Ontology());
  RETURN_IF_ERROR(ReadTsv(dir + "/cameo_events.tsv", 8, [&](const std::vector<std::string>& f, int line) {
    CameoEventInfo e;
    e.code = f[0];
    e.name = f[1];
    try {
      e.goldstein = std::stod(f[2]);
      e.quad = std::stoi(f[3]);
      e.goldstein_icews = f[4].empty() ? e.goldstein : std::stod(f[4]);
    } catch (const std::exception&) {
      return Status::Corruption(dir + "/cameo_events.tsv:" + std::to_string(line) + ": bad number");
    }
    e.root = f[6];
    e.base = f[7];
    if (f.size() > 8) e.plover_event = f[8];
    if (f.size() > 9) e.plover_mode = f[9];
    if (f.size() > 10) e.plover_context = f[10];
    o->event_index_[e.code] = o->events_.size();
    o->events_.push_back(std::move(e));
    return Status::OK();
  }));
  RETURN_IF_ERROR(ReadTsv(dir + "/cameo_roles.tsv", 4, [&](const std::vector<std::string>& f, int) {
    o->roles_[f[0]] = f[3];
    return Status::OK();
  }));
  RETURN_IF_ERROR(ReadTsv(dir + "/cameo_countries.tsv", 3, [&](const std::vector<std::string>& f, int) {
    Country c{f[1], f[2], f.size() > 3 ? f[3] : ""};
    if (!c.iso3.empty() && c.kind == "country") o->by_iso3_.emplace(c.iso3, f[0]);
    o->countries_[f[0]] = c;
    return Status::OK();
  }));
  // Codes the Phoenix dictionaries and current news need beyond GDELT's list.
  for (auto [code, name, iso] : {std::tuple{"SSD", "South Sudan", "SSD"}, {"KSV", "Kosovo", "XKX"},
                                 {"ROU", "Romania", "ROU"}, {"MNE", "Montenegro", "MNE"}}) {
    if (!o->countries_.count(code)) o->countries_[code] = {name, "country", iso};
    o->by_iso3_.emplace(iso, code);
  }
  return o;
}

const CameoEventInfo* Ontology::Event(const std::string& code) const {
  auto it = event_index_.find(code);
  return it == event_index_.end() ? nullptr : &events_[it->second];
}

std::string Ontology::RoleSector(const std::string& role) const {
  auto it = roles_.find(role);
  return it == roles_.end() ? std::string() : it->second;
}

std::string Ontology::Iso3(const std::string& c) const {
  auto it = countries_.find(c);
  return it == countries_.end() ? std::string() : it->second.iso3;
}

std::string Ontology::CameoCountry(const std::string& iso3) const {
  auto it = by_iso3_.find(iso3);
  return it == by_iso3_.end() ? std::string() : it->second;
}

std::string Ontology::CountryName(const std::string& code) const {
  auto it = countries_.find(code);
  if (it != countries_.end()) return it->second.name;
  auto c = by_iso3_.find(code);
  if (c != by_iso3_.end()) return countries_.at(c->second).name;
  return code;
}

bool Ontology::ValidActorCode(const std::string& code,
                              const std::unordered_map<std::string, int>& extra) const {
  if (code.empty() || code.size() % 3 != 0) return false;
  static const char* kGeneric[] = {"IGO", "IMG", "NGO", "NGM", "MNC", "INT", "UIS"};
  for (size_t i = 0; i < code.size(); i += 3) {
    std::string b = code.substr(i, 3);
    bool ok = countries_.count(b) || roles_.count(b) || extra.count(b);
    for (const char* g : kGeneric) ok |= b == g;
    if (!ok) return false;
  }
  return true;
}

}  // namespace dyad
