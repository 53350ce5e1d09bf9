#include "dyad/ontology.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>

#include "src/util/hash.h"
#include "src/util/paths.h"

namespace dyad {
namespace {

// One data row of a TSV table, its cells reachable by header name.
class Row {
 public:
  Row(const std::unordered_map<std::string, size_t>* cols, std::vector<std::string> cells)
      : cols_(cols), cells_(std::move(cells)) {}
  // The cell under `column`; empty when the table has no such column or the row is short.
  const std::string& operator[](const std::string& column) const {
    static const std::string kEmpty;
    auto it = cols_->find(column);
    return it == cols_->end() || it->second >= cells_.size() ? kEmpty : cells_[it->second];
  }

 private:
  const std::unordered_map<std::string, size_t>* cols_;
  std::vector<std::string> cells_;
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  if (!out.empty() && !out.back().empty() && out.back().back() == '\r') out.back().pop_back();
  return out;
}

// Reads a TSV with a header row ('#' comment lines skipped) whose header names every column
// in `required`; calls fn(row, "file:line") for each data row. NotFound when the file is
// missing, Corruption naming the file for a missing column.
Status ReadTsv(const std::string& path, const std::vector<std::string>& required,
               const std::function<Status(const Row&, const std::string&)>& fn,
               std::string* content) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot read ontology table");
  std::string line;
  int lineno = 0;
  std::unordered_map<std::string, size_t> cols;
  bool header = true;
  while (std::getline(in, line)) {
    ++lineno;
    *content += line;
    *content += '\n';
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells = SplitTabs(line);
    if (header) {
      for (size_t i = 0; i < cells.size(); ++i) cols[cells[i]] = i;
      for (const auto& r : required) {
        if (!cols.count(r)) {
          return Status::Corruption(path + ":" + std::to_string(lineno) +
                                    ": header lacks column '" + r + "'");
        }
      }
      header = false;
      continue;
    }
    DYAD_RETURN_IF_ERROR(fn(Row(&cols, std::move(cells)), path + ":" + std::to_string(lineno)));
  }
  return Status::OK();
}

// Optional tables: absent is fine, malformed is not.
Status ReadOptionalTsv(const std::string& path, const std::vector<std::string>& required,
                       const std::function<Status(const Row&, const std::string&)>& fn,
                       std::string* content) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::OK();
  return ReadTsv(path, required, fn, content);
}

bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = b + s.size();
  if (*b == '+') ++b;
  auto r = std::from_chars(b, e, *out);
  return r.ec == std::errc() && r.ptr == e;
}

bool ParseInt(const std::string& s, int* out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool IsCode3(const std::string& b) {
  if (b.size() != 3) return false;
  for (char c : b) {
    if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<Ontology>> Ontology::Load(const std::string& dir_in) {
  std::string dir = dir_in.empty() ? DataDir() + "/ontology" : dir_in;
  auto o = std::unique_ptr<Ontology>(new Ontology());
  std::string content;  // every table, for the fingerprint
  DYAD_RETURN_IF_ERROR(ReadTsv(
      dir + "/cameo_events.tsv", {"code", "name", "goldstein", "quad", "root", "base"},
      [&](const Row& r, const std::string& where) {
        CameoEventInfo e;
        e.code = r["code"];
        e.name = r["name"];
        e.gdelt_name = r["gdelt_name"];
        e.root = r["root"];
        e.base = r["base"];
        if (e.code.size() < 2 || e.code.size() > 4 ||
            e.code.find_first_not_of("0123456789") != std::string::npos) {
          return Status::Corruption(where + ": bad CAMEO code '" + e.code + "'");
        }
        if (!ParseDouble(r["goldstein"], &e.goldstein) || !ParseInt(r["quad"], &e.quad) ||
            e.quad < 1 || e.quad > 4) {
          return Status::Corruption(where + ": bad goldstein or quad for " + e.code);
        }
        e.has_icews = ParseDouble(r["goldstein_icews"], &e.goldstein_icews);
        if (!e.has_icews) e.goldstein_icews = e.goldstein;
        if (!ParseInt(r["quad_alt"], &e.quad_icews)) e.quad_icews = e.quad;
        if (!ParseInt(r["quad_phoenix"], &e.quad_phoenix)) e.quad_phoenix = e.quad;
        if (!ParseInt(r["level"], &e.level))
          e.level = e.code.size() <= 2 ? 1 : static_cast<int>(e.code.size()) - 1;
        e.in_gdelt = r["in_gdelt"] != "N";
        e.plover_event = r["plover_event"];
        e.plover_mode = r["plover_mode"];
        e.plover_context = r["plover_context"];
        if (o->event_index_.count(e.code))
          return Status::Corruption(where + ": duplicate code " + e.code);
        o->event_index_[e.code] = o->events_.size();
        o->events_.push_back(std::move(e));
        return Status::OK();
      },
      &content));
  DYAD_RETURN_IF_ERROR(ReadTsv(
      dir + "/cameo_roles.tsv", {"code", "plover_sector"},
      [&](const Row& r, const std::string&) {
        o->roles_[r["code"]] = r["plover_sector"];
        return Status::OK();
      },
      &content));
  DYAD_RETURN_IF_ERROR(ReadTsv(
      dir + "/cameo_countries.tsv", {"code", "name", "kind", "iso3"},
      [&](const Row& r, const std::string& where) {
        if (!IsCode3(r["code"])) return Status::Corruption(where + ": bad country code");
        Country c{r["name"], r["kind"], r["iso3"]};
        // First row wins: GDELT's code (ROM) before Phoenix's variant.
        if (!c.iso3.empty() && c.kind == "country") o->by_iso3_.emplace(c.iso3, r["code"]);
        o->countries_[r["code"]] = std::move(c);
        return Status::OK();
      },
      &content));
  DYAD_RETURN_IF_ERROR(ReadOptionalTsv(
      dir + "/cameo_blocks.tsv", {"code", "kind"},
      [&](const Row& r, const std::string& where) {
        if (!IsCode3(r["code"])) {
          return Status::Corruption(where + ": bad block '" + r["code"] + "'");
        }
        o->blocks_.emplace(r["code"], r["kind"]);
        return Status::OK();
      },
      &content));
  DYAD_RETURN_IF_ERROR(ReadOptionalTsv(
      dir + "/plover_events.tsv", {"event", "quad_code"},
      [&](const Row& r, const std::string& where) {
        PloverEventType t;
        t.name = r["event"];
        if (!ParseInt(r["quad_code"], &t.quad)) {
          return Status::Corruption(where + ": bad quad_code");
        }
        t.requires_recipient = r["requires_recipient"] == "Y";
        ParseDouble(r["plover_score"], &t.score);
        t.definition = r["definition"];
        o->plover_events_.push_back(std::move(t));
        return Status::OK();
      },
      &content));
  DYAD_RETURN_IF_ERROR(ReadOptionalTsv(
      dir + "/plover_modes.tsv", {"event", "mode"},
      [&](const Row& r, const std::string&) {
        o->plover_modes_.emplace(r["event"], r["mode"]);
        return Status::OK();
      },
      &content));
  DYAD_RETURN_IF_ERROR(ReadOptionalTsv(
      dir + "/plover_contexts.tsv", {"context"},
      [&](const Row& r, const std::string&) {
        o->plover_contexts_.insert(r["context"]);
        return Status::OK();
      },
      &content));
  DYAD_RETURN_IF_ERROR(ReadOptionalTsv(
      dir + "/plover_sectors.tsv", {"code", "meaning"},
      [&](const Row& r, const std::string&) {
        o->plover_sectors_[r["code"]] = r["meaning"];
        return Status::OK();
      },
      &content));
  o->fingerprint_ = Fingerprint128(content);
  return o;
}

const CameoEventInfo* Ontology::Event(const std::string& code) const {
  auto it = event_index_.find(code);
  return it == event_index_.end() ? nullptr : &events_[it->second];
}

int Ontology::Quad(const std::string& code, QuadConvention convention) const {
  const CameoEventInfo* e = Event(code);
  if (e == nullptr) return 0;
  switch (convention) {
    case QuadConvention::kGdelt:
      return e->quad;
    case QuadConvention::kIcews:
      return e->quad_icews;
    case QuadConvention::kPhoenix:
      return e->quad_phoenix;
    case QuadConvention::kPlover: {
      const PloverEventType* t = PloverEvent(e->plover_event);
      return t == nullptr ? 0 : t->quad;
    }
  }
  return 0;
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

std::string Ontology::CountryKind(const std::string& code) const {
  auto it = countries_.find(code);
  return it == countries_.end() ? std::string() : it->second.kind;
}

std::string Ontology::BlockKind(const std::string& block) const {
  auto it = blocks_.find(block);
  return it == blocks_.end() ? std::string() : it->second;
}

bool Ontology::IsInternationalGeneric(const std::string& b) {
  static const char* kGeneric[] = {"IGO", "IMG", "NGO", "NGM", "MNC", "INT", "UIS"};
  for (const char* g : kGeneric) {
    if (b == g) return true;
  }
  return false;
}

bool Ontology::CheckActorCode(const std::string& code, std::string* why,
                              const std::set<std::string>* extra) const {
  auto fail = [&](const std::string& reason) {
    if (why != nullptr) *why = reason;
    return false;
  };
  if (code.empty()) return fail("empty actor code");
  if (code.size() % 3 != 0) return fail("actor code '" + code + "' is not made of 3-letter blocks");
  for (size_t i = 0; i < code.size(); i += 3) {
    std::string b = code.substr(i, 3);
    if (!IsCode3(b)) return fail("block '" + b + "' of '" + code + "' is not capital letters");
    bool known = countries_.count(b) || roles_.count(b) || IsInternationalGeneric(b) ||
                 (extra && extra->count(b));
    if (i == 0) {
      // Groups never stand first: their code starts with the country or generic they belong to.
      std::string kind = BlockKind(b);
      if (!known && kind != "religion" && kind != "ethnic") {
        return fail("actor code '" + code +
                    "' must start with a country, region, IGO/NGO generic, role, religion "
                    "or ethnic block, not '" +
                    b + "'");
      }
    } else if (!known && BlockKind(b).empty()) {
      return fail("block '" + b + "' of actor code '" + code +
                  "' is no CAMEO country, role, known group, religion or ethnic code");
    }
  }
  return true;
}

bool Ontology::ValidActorCode(const std::string& code,
                              const std::unordered_map<std::string, int>& extra_blocks) const {
  std::set<std::string> extra;
  for (const auto& [b, n] : extra_blocks) extra.insert(b);
  return CheckActorCode(code, nullptr, &extra);
}

const PloverEventType* Ontology::PloverEvent(const std::string& name) const {
  for (const auto& t : plover_events_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

bool Ontology::IsPloverMode(const std::string& event, const std::string& mode) const {
  return plover_modes_.count({event, mode}) > 0;
}

}  // namespace dyad
