// dyad's own dictionary format (doc/dictionaries.md), the loader registry and the phrase
// table shared by every format.
#include "dyad/dictionary.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "dyad/text.h"
#include "src/util/dates.h"
#include "src/dict/dict_util.h"
#include "src/dict/petrarch_format.h"
#include "src/util/hash.h"

namespace dyad {

using dict_internal::Lower;
using dict_internal::SplitOn;
using dict_internal::Trim;

namespace {

constexpr char kIsoCodesJson[] = "/usr/share/iso-codes/json/iso_3166-1.json";

std::vector<std::string> List(const std::string& s) {
  std::vector<std::string> out;
  if (Trim(s).empty()) return out;
  for (auto& x : SplitOn(s, ";")) {
    if (!x.empty()) out.push_back(x);
  }
  return out;
}

// Fields separated by '|' outside braces and brackets ({a|b} lists stay whole), trimmed.
std::vector<std::string> SplitFields(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : s) {
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (c == '|' && depth == 0) {
      out.push_back(Trim(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(Trim(cur));
  return out;
}

// `#` starts a comment anywhere on a line.
void SplitComment(const std::string& line, std::string* body, std::string* comment) {
  size_t p = line.find('#');
  *body = Trim(p == std::string::npos ? line : line.substr(0, p));
  *comment = p == std::string::npos ? std::string() : line.substr(p + 1);
}

enum class Kind { kActors, kAgents, kVerbs, kDiscards };

Kind KindOf(const std::string& path) {
  std::string f = Lower(std::filesystem::path(path).filename().string());
  if (f.rfind("agents", 0) == 0) return Kind::kAgents;
  if (f.rfind("verbs", 0) == 0) return Kind::kVerbs;
  if (f.rfind("discards", 0) == 0) return Kind::kDiscards;
  return Kind::kActors;
}


bool IsCodeChars(const std::string& code) {
  for (char c : code) {
    if (!std::isupper(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)))
      return false;
  }
  return true;
}

// "USAGOV@2025-01-21.. (Secretary of State)"
bool ParseDatedCode(const std::string& text, DatedCode* d, std::string* err) {
  std::string s = Trim(text);
  size_t paren = s.find('(');
  if (paren != std::string::npos) {
    size_t close = s.rfind(')');
    if (close == std::string::npos || close < paren) {
      *err = "unclosed '(' in '" + s + "'";
      return false;
    }
    d->note = Trim(s.substr(paren + 1, close - paren - 1));
    s = Trim(s.substr(0, paren));
  }
  size_t at = s.find('@');
  d->code = Trim(s.substr(0, at));
  if (d->code.empty()) {
    *err = "empty code";
    return false;
  }
  if (!IsCodeChars(d->code)) {
    *err = "code '" + d->code + "' must be capital letters";
    return false;
  }
  if (at != std::string::npos) {
    std::string range = Trim(s.substr(at + 1));
    size_t dots = range.find("..");
    if (dots == std::string::npos) {
      *err = "date range '" + range + "' must be START..END";
      return false;
    }
    d->start = Trim(range.substr(0, dots));
    d->end = Trim(range.substr(dots + 2));
    for (const std::string* x : {&d->start, &d->end}) {
      if (!x->empty() && !IsValidDate(*x)) {
        *err = "invalid date '" + *x + "'";
        return false;
      }
    }
    if (!d->start.empty() && !d->end.empty() && d->end < d->start) {
      *err = "date range " + d->start + ".." + d->end + " ends before it starts";
      return false;
    }
  }
  return true;
}

bool RangesOverlap(const DatedCode& x, const DatedCode& y) {
  return (x.end.empty() || y.start.empty() || y.start <= x.end) &&
         (y.end.empty() || x.start.empty() || x.start <= y.end);
}

std::string ReadAll(std::ifstream& in) {
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Content sniffing for auto-detection: counts lines in dyad's " | " layout and lines in the
// bracketed PETRARCH/TABARI layout among the first non-comment lines of each file.
void SniffLayout(const std::vector<std::string>& files, int* dyad_lines, int* petrarch_lines) {
  *dyad_lines = *petrarch_lines = 0;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    for (int seen = 0; seen < 40 && std::getline(in, line);) {
      std::string t = Trim(line);
      if (t.empty() || t[0] == '#' || t.rfind("<!--", 0) == 0) continue;
      ++seen;
      if (t.find(" | ") != std::string::npos) ++*dyad_lines;
      bool bracket_code = t.find('[') != std::string::npos && t.back() == ']';
      if (bracket_code || t.rfind("---", 0) == 0 ||
          (t[0] == '+' && t.find(' ') == std::string::npos) || t.rfind("- ", 0) == 0 ||
          (t[0] == '&' && t.find('=') == std::string::npos)) {
        ++*petrarch_lines;
      }
    }
  }
}

class DyadLoader : public DictionaryLoader {
 public:
  std::string format() const override { return "dyad"; }
  int Detect(const std::vector<std::string>& files) const override {
    int dyad = 0, petrarch = 0;
    SniffLayout(files, &dyad, &petrarch);
    return dyad == 0 ? 0 : dyad >= petrarch ? 90 : 30;
  }
  Result<Dictionary> Load(const std::vector<std::string>& paths, const Ontology& ontology,
                          const DictionaryOptions& options) const override;
};

// Merges Debian iso-codes' names into the country entries (by iso3=) or adds the missing
// countries that have a CAMEO code.
void MergeIsoCountries(const Ontology& ont, const std::string& json_path, Dictionary* d) {
  std::ifstream in(json_path);
  if (!in) {
    d->problems.push_back({json_path,
                           "Debian iso-codes not installed: country names from the dictionary only",
                           false});
    return;
  }
  d->sources.push_back(json_path);
  std::unordered_map<std::string, size_t> by_iso;
  for (size_t i = 0; i < d->actors.size(); ++i) {
    const ActorEntry& a = d->actors[i];
    auto it = a.attrs.find("iso3");
    if (a.type == ActorType::kCountry && it != a.attrs.end()) by_iso.emplace(it->second, i);
  }
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    for (const auto& c : j.at("3166-1")) {
      std::string iso3 = c.at("alpha_3").get<std::string>();
      std::vector<std::string> names = {c.at("name").get<std::string>()};
      for (const char* k : {"common_name", "official_name"}) {
        if (c.contains(k)) names.push_back(c.at(k).get<std::string>());
      }
      auto it = by_iso.find(iso3);
      if (it == by_iso.end()) {
        std::string cameo = ont.CameoCountry(iso3);
        if (cameo.empty()) continue;  // Antarctica and the like: no CAMEO actor
        ActorEntry a;
        a.name = names.size() > 1 && c.contains("common_name") ? names[1] : names[0];
        a.type = ActorType::kCountry;
        a.codes.push_back({cameo, "", "", ""});
        a.attrs["iso3"] = iso3;
        a.origin = std::filesystem::path(json_path).filename().string() + ":" + iso3;
        it = by_iso.emplace(iso3, d->actors.size()).first;
        d->actors.push_back(std::move(a));
      }
      ActorEntry& a = d->actors[it->second];
      std::set<std::string> have = {Lower(a.name)};
      for (const auto& al : a.aliases) have.insert(Lower(al));
      for (const auto& n : names) {
        if (have.insert(Lower(n)).second) a.aliases.push_back(n);
      }
    }
  } catch (const std::exception& e) {
    d->problems.push_back({json_path, std::string("cannot read iso-codes: ") + e.what(), true});
  }
}

// Acronyms match only as written: all-capitals forms up to 6 bytes ("US", "WHO", "GUAM") and
// short single words with a capital after the first letter ("JeM" is Jaish-e-Mohammed, "JEM"
// the Justice and Equality Movement).
bool ExactCase(const std::string& s) {
  bool letters = false, lower = false, inner_upper = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '-') return !lower && letters && s.size() <= 6;
    if (std::islower(c)) lower = true;
    if (std::isupper(c)) {
      letters = true;
      if (i > 0 && lower) inner_upper = true;
    }
  }
  if (!letters) return false;
  if (!lower) return s.size() <= 6;
  return inner_upper && s.size() <= 4;
}

// The key under which two surface forms collide in the lexicon.
std::string FormKey(const std::string& form) { return ExactCase(form) ? "=" + form : Lower(form); }

// Same surface form, different codes on overlapping dates: the lexicon would pick one by
// file order, so it is reported.
void CheckConflicts(Dictionary* d) {
  std::unordered_map<std::string, std::vector<size_t>> by_form;
  for (size_t i = 0; i < d->actors.size(); ++i) {
    const ActorEntry& a = d->actors[i];
    std::set<std::string> forms = {FormKey(a.name)};
    for (const auto& al : a.aliases) forms.insert(FormKey(al));
    for (const auto& f : forms) by_form[f].push_back(i);
  }
  std::set<std::pair<size_t, size_t>> reported;
  for (const auto& [form, ids] : by_form) {
    for (size_t x = 0; x < ids.size(); ++x) {
      for (size_t y = x + 1; y < ids.size(); ++y) {
        const ActorEntry &a = d->actors[ids[x]], &b = d->actors[ids[y]];
        for (const auto& ca : a.codes) {
          for (const auto& cb : b.codes) {
            if (ca.code == cb.code || !RangesOverlap(ca, cb) ||
                !reported.insert({ids[x], ids[y]}).second)
              continue;
            d->problems.push_back({b.origin,
                                   "'" + form + "' codes " + cb.code + " here but " + ca.code +
                                       " at " + a.origin + " (" + a.name + ") on overlapping dates",
                                   false});
          }
        }
      }
    }
  }
  std::unordered_map<std::string, size_t> agent_form;
  for (size_t i = 0; i < d->agents.size(); ++i) {
    const AgentEntry& a = d->agents[i];
    std::vector<std::string> forms = {a.noun};
    forms.insert(forms.end(), a.variants.begin(), a.variants.end());
    for (const auto& f : forms) {
      auto [it, fresh] = agent_form.emplace(Lower(f), i);
      if (!fresh && d->agents[it->second].code != a.code) {
        d->problems.push_back({a.origin,
                               "agent form '" + f + "' codes " + a.code + " here but " +
                                   d->agents[it->second].code + " at " +
                                   d->agents[it->second].origin,
                               false});
      }
    }
  }
}

Result<Dictionary> LoadDyad(const std::vector<std::string>& paths, const Ontology& ont,
                            const DictionaryOptions& options) {
  Dictionary d;
  d.format = "dyad";
  std::vector<std::string> files = ExpandDictionaryPaths(paths);
  std::string all_content;
  std::set<std::string> composed_blocks;  // blocks of codes marked "# composed"
  auto problem = [&](const std::string& where, const std::string& msg, bool error = true) {
    d.problems.push_back({where, msg, error});
  };
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::NotFound(f + ": cannot read dictionary");
    std::string content = ReadAll(in);
    all_content += content;
    d.sources.push_back(f);
    std::string name = std::filesystem::path(f).filename().string();
    Kind kind = KindOf(f);
    std::istringstream lines(content);
    std::string line, body, comment;
    int lineno = 0;
    while (std::getline(lines, line)) {
      ++lineno;
      std::string where = name + ":" + std::to_string(lineno);
      SplitComment(line, &body, &comment);
      if (body.empty()) continue;
      if (kind == Kind::kVerbs && body[0] == '&') {
        size_t eq = body.find('=');
        if (eq == std::string::npos) {
          problem(where, "noun set needs '&NAME = a; b'");
          continue;
        }
        std::string set = Trim(body.substr(1, eq - 1));
        std::vector<std::string> lemmas;
        for (auto& x : List(body.substr(eq + 1))) lemmas.push_back(Lower(x));
        if (set.empty() || lemmas.empty()) {
          problem(where, "noun set needs a name and at least one lemma");
          continue;
        }
        if (d.noun_sets.count(set)) problem(where, "noun set &" + set + " redefined", false);
        d.noun_sets[set] = std::move(lemmas);
        continue;
      }
      std::vector<std::string> fields = SplitFields(body);
      if (kind == Kind::kVerbs) {
        if (fields.size() < 2 || fields.size() > 3) {
          problem(where, "expected CODE | PATTERN [| NOTE]");
          continue;
        }
        VerbPattern p;
        p.code = fields[0];
        p.origin = where;
        if (ont.Event(p.code) == nullptr) {
          problem(where, "unknown CAMEO event code '" + p.code + "'");
          continue;
        }
        std::string err = ParseVerbPattern(fields[1], d.noun_sets, &p);
        if (!err.empty()) {
          problem(where, err);
          continue;
        }
        d.patterns.Add(std::move(p));
      } else if (kind == Kind::kAgents) {
        if (fields.size() < 2 || fields.size() > 4) {
          problem(where, "expected NOUN | CODE [| VARIANTS [| ATTRIBUTES]]");
          continue;
        }
        AgentEntry a;
        a.noun = fields[0];
        a.code = fields[1];
        if (fields.size() > 2) a.variants = List(fields[2]);
        a.origin = where;
        if (a.noun.empty()) {
          problem(where, "empty agent noun");
          continue;
        }
        if (a.code.empty() || a.code.size() % 3 != 0 || !IsCodeChars(a.code)) {
          problem(where, "agent code '" + a.code + "' must be 3-letter role blocks");
          continue;
        }
        bool ok = true;
        for (size_t i = 0; i < a.code.size(); i += 3) {
          if (!ont.IsRole(a.code.substr(i, 3))) {
            problem(where, "unknown role code '" + a.code.substr(i, 3) + "'");
            ok = false;
          }
        }
        if (!ok) continue;
        a.sector = ont.RoleSector(a.code.substr(0, 3));
        if (fields.size() > 3) {
          for (const auto& kv : List(fields[3])) {
            size_t eq = kv.find('=');
            if (eq == std::string::npos) {
              problem(where, "attribute '" + kv + "' must be key=value");
            } else if (Trim(kv.substr(0, eq)) == "plover") {
              a.sector = Trim(kv.substr(eq + 1));
              if (!ont.plover_sectors().empty() && !ont.IsPloverSector(a.sector)) {
                problem(where, "unknown PLOVER sector '" + a.sector + "'");
              }
            }
          }
        }
        d.agents.push_back(std::move(a));
      } else if (kind == Kind::kDiscards) {
        if (fields.size() != 2 || fields[0].empty() || fields[1].empty()) {
          problem(where, "expected KIND | PHRASE");
          continue;
        }
        DiscardRule r;
        r.kind = fields[0];
        r.origin = where;
        std::istringstream ws(Lower(fields[1]));
        for (std::string t; ws >> t;) r.tokens.push_back(t);
        d.discards.push_back(std::move(r));
      } else {
        if (fields.size() < 4 || fields.size() > 5) {
          problem(where, "expected NAME | TYPE | ALIASES | CODES [| ATTRIBUTES]");
          continue;
        }
        ActorEntry a;
        a.name = fields[0];
        const bool typed = ParseActorType(fields[1], &a.type) && IsDictionaryActorType(a.type);
        a.aliases = List(fields[2]);
        a.origin = where;
        if (a.name.empty()) {
          problem(where, "empty actor name");
          continue;
        }
        if (!typed) {
          problem(where, "unknown actor type '" + fields[1] + "'");
          continue;
        }
        bool ok = true;
        for (const auto& c : List(fields[3])) {
          DatedCode dc;
          std::string err;
          if (!ParseDatedCode(c, &dc, &err)) {
            problem(where, err);
            ok = false;
            break;
          }
          a.codes.push_back(dc);
        }
        if (!ok) continue;
        if (a.codes.empty()) {
          problem(where, "no code");
          continue;
        }
        if (fields.size() > 4) {
          for (const auto& kv : List(fields[4])) {
            size_t eq = kv.find('=');
            if (eq == std::string::npos) {
              problem(where, "attribute '" + kv + "' must be key=value");
              continue;
            }
            std::string key = Trim(kv.substr(0, eq)), value = Trim(kv.substr(eq + 1));
            if (key == "plover" && !ont.plover_sectors().empty() && !ont.IsPloverSector(value)) {
              problem(where, "unknown PLOVER sector '" + value + "'");
            } else if (key == "iso3" && (value.size() != 3 || !IsCodeChars(value))) {
              problem(where, "iso3 '" + value + "' must be 3 capital letters");
            }
            a.attrs[key] = value;
          }
        }
        // Roles of one person held at once are contradictory unless the role text says so.
        for (size_t i = 0; i < a.codes.size(); ++i) {
          for (size_t j = i + 1; j < a.codes.size(); ++j) {
            const auto &x = a.codes[i], &y = a.codes[j];
            if (x.code == y.code || (x.start.empty() && x.end.empty()) ||
                (y.start.empty() && y.end.empty()))
              continue;
            if (RangesOverlap(x, y) && x.note.find("also") == std::string::npos &&
                y.note.find("also") == std::string::npos) {
              problem(where, a.name + ": roles " + x.code + " and " + y.code + " overlap", false);
            }
          }
        }
        // "# composed" vouches for the blocks of this line's codes CAMEO does not define.
        if (Lower(comment).find("composed") != std::string::npos) {
          for (const auto& c : a.codes) {
            for (size_t i = 0; i + 3 <= c.code.size(); i += 3)
              composed_blocks.insert(c.code.substr(i, 3));
          }
        }
        d.actors.push_back(std::move(a));
      }
    }
  }
  for (const auto& a : d.actors) {
    for (const auto& c : a.codes) {
      std::string why;
      if (!ont.CheckActorCode(c.code, &why, &composed_blocks)) problem(a.origin, why);
    }
  }
  if (options.with_iso_countries) {
    MergeIsoCountries(ont, options.iso_codes_json.empty() ? kIsoCodesJson : options.iso_codes_json,
                      &d);
  }
  CheckConflicts(&d);
  d.fingerprint = Fingerprint128(all_content);
  BuildPhraseTable(&d);
  return d;
}

Result<Dictionary> DyadLoader::Load(const std::vector<std::string>& paths, const Ontology& ontology,
                                    const DictionaryOptions& options) const {
  return LoadDyad(paths, ontology, options);
}

struct Registry {
  std::mutex mu;
  std::map<std::string, std::function<std::unique_ptr<DictionaryLoader>()>> factories;
  std::map<std::string, std::string> aliases;
};

// Built-in loaders are added here, not by static initialisers, which a static library may
// drop when nothing else references their object file.
Registry& GetRegistry() {
  static Registry* r = [] {
    auto* reg = new Registry();
    reg->factories["dyad"] = [] { return std::make_unique<DyadLoader>(); };
    reg->factories["petrarch2"] = MakePetrarchLoader;
    for (const char* a : {"petrarch", "universalpetrarch", "up", "tabari"})
      reg->aliases[a] = "petrarch2";
    return reg;
  }();
  return *r;
}

std::vector<std::string> PhraseTokens(const std::string& phrase) {
  std::vector<std::string> toks;
  for (const Sentence& s : SplitAndTokenize(Normalize(phrase))) {
    for (const Token& t : s.tokens) toks.push_back(t.text);
  }
  return toks;
}

}  // namespace

size_t Dictionary::ErrorCount() const {
  size_t n = 0;
  for (const auto& p : problems) n += p.error;
  return n;
}

void BuildPhraseTable(Dictionary* d) {
  d->phrases.clear();
  auto add = [&](const std::string& form, int actor, int agent) {
    DictPhrase p;
    p.raw = PhraseTokens(form);
    if (p.raw.empty()) return;
    p.tokens.reserve(p.raw.size());
    for (const auto& t : p.raw) p.tokens.push_back(Lower(t));
    p.exact_case = ExactCase(form);
    p.actor = actor;
    p.agent = agent;
    d->phrases.push_back(std::move(p));
  };
  for (size_t i = 0; i < d->actors.size(); ++i) {
    const ActorEntry& a = d->actors[i];
    add(a.name, static_cast<int>(i), -1);
    for (const auto& al : a.aliases) add(al, static_cast<int>(i), -1);
    // "the Kremlin" also matches without the article ("Kremlin spokesman").
    if (Lower(a.name).rfind("the ", 0) == 0) add(a.name.substr(4), static_cast<int>(i), -1);
  }
  for (size_t i = 0; i < d->agents.size(); ++i) {
    const AgentEntry& a = d->agents[i];
    add(a.noun, -1, static_cast<int>(i));
    for (const auto& v : a.variants) add(v, -1, static_cast<int>(i));
  }
}

void RegisterDictionaryLoader(const std::string& format, const std::vector<std::string>& aliases,
                              std::function<std::unique_ptr<DictionaryLoader>()> factory) {
  Registry& r = GetRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  r.factories[format] = std::move(factory);
  for (const auto& a : aliases) r.aliases[a] = format;
}

std::unique_ptr<DictionaryLoader> MakeDictionaryLoader(const std::string& format_in) {
  Registry& r = GetRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  std::string format = Lower(format_in);
  auto a = r.aliases.find(format);
  if (a != r.aliases.end()) format = a->second;
  auto it = r.factories.find(format);
  return it == r.factories.end() ? nullptr : it->second();
}

std::vector<std::string> DictionaryFormats() {
  Registry& r = GetRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  std::vector<std::string> out;
  for (const auto& [name, f] : r.factories) out.push_back(name);
  return out;
}

std::vector<std::string> ExpandDictionaryPaths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(p, ec)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> txt, other;
    for (const auto& e : std::filesystem::directory_iterator(p, ec)) {
      if (!e.is_regular_file(ec)) continue;
      std::string name = e.path().filename().string();
      if (name.empty() || name[0] == '.' || Lower(name).rfind("readme", 0) == 0) continue;
      (e.path().extension() == ".txt" ? txt : other).push_back(e.path().string());
    }
    std::vector<std::string>& chosen = txt.empty() ? other : txt;
    std::sort(chosen.begin(), chosen.end());
    files.insert(files.end(), chosen.begin(), chosen.end());
  }
  return files;
}

std::string DetectDictionaryFormat(const std::vector<std::string>& paths) {
  std::vector<std::string> files = ExpandDictionaryPaths(paths);
  std::string best = "dyad";
  int best_score = 0;
  for (const auto& name : DictionaryFormats()) {
    auto loader = MakeDictionaryLoader(name);
    int score = loader->Detect(files);
    if (score > best_score) {
      best_score = score;
      best = name;
    }
  }
  return best;
}

Result<Dictionary> LoadDictionaries(const std::vector<std::string>& paths,
                                    const std::string& format, const Ontology& ontology,
                                    const DictionaryOptions& options) {
  std::string f =
      format.empty() || Lower(format) == "auto" ? DetectDictionaryFormat(paths) : format;
  auto loader = MakeDictionaryLoader(f);
  if (loader == nullptr) {
    std::string known;
    for (const auto& n : DictionaryFormats()) known += (known.empty() ? "" : ", ") + n;
    return Status::NotSupported("dictionary format '" + format + "' (supported: auto, " + known +
                                ")");
  }
  return loader->Load(paths, ontology, options);
}

Result<Dictionary> LoadDictionaries(const std::vector<std::string>& paths, const Ontology& ontology,
                                    bool with_iso_countries) {
  DictionaryOptions o;
  o.with_iso_countries = with_iso_countries;
  return LoadDyad(paths, ontology, o);
}

std::string ParseVerbPattern(const std::string& text,
                             const std::map<std::string, std::vector<std::string>>& sets,
                             VerbPattern* p) {
  p->text = Trim(text);
  std::vector<std::string> elems;
  {
    std::string cur;
    int depth = 0;
    for (char c : p->text) {
      if (c == '[' || c == '{') ++depth;
      if (c == ']' || c == '}') --depth;
      if (depth < 0) return "unbalanced brackets";
      if (c == ' ' && depth == 0) {
        if (!cur.empty()) elems.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    if (depth != 0) return "unbalanced brackets";
    if (!cur.empty()) elems.push_back(cur);
  }
  if (elems.empty()) return "empty pattern";
  if (elems[0][0] == '!') {
    p->negated = true;
    elems[0] = elems[0].substr(1);
    if (elems[0].empty()) return "empty verb after '!'";
  }
  p->verb = Lower(elems[0]);
  for (char c : p->verb) {
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      return "bad verb lemma '" + elems[0] + "'";
  }
  auto nouns = [&](const std::string& body, std::vector<std::string>* out) -> std::string {
    for (const auto& n : SplitOn(body, "|")) {
      if (n.empty()) return "empty noun in {" + body + "}";
      if (n[0] == '&') {
        auto it = sets.find(n.substr(1));
        if (it == sets.end()) return "unknown noun set " + n + " (sets are defined before use)";
        out->insert(out->end(), it->second.begin(), it->second.end());
      } else {
        out->push_back(Lower(n));
      }
    }
    return "";
  };
  for (size_t i = 1; i < elems.size(); ++i) {
    const std::string& e = elems[i];
    if (e.rfind("+T{", 0) == 0 && e.back() == '}') {
      // "+T{ambassador|envoy}": the object is the target and must be one of these nouns.
      p->object_target = true;
      std::string err = nouns(e.substr(3, e.size() - 4), &p->object_nouns);
      if (!err.empty()) return err;
    } else if (e == "+T") {
      p->object_target = true;
    } else if (e == "+S") {
      p->object_source = true;
    } else if (e[0] == '~' && e.size() > 1) {
      p->particles.push_back(Lower(e.substr(1)));
    } else if (e[0] == '>' && e.size() > 1) {
      if (!p->xcomp.empty()) return "more than one >LEMMA";
      p->xcomp = Lower(e.substr(1));
    } else if (e[0] == '{' && e.back() == '}') {
      std::string err = nouns(e.substr(1, e.size() - 2), &p->object_nouns);
      if (!err.empty()) return err;
    } else if (e[0] == '[' && e.back() == ']') {
      std::string body = Trim(e.substr(1, e.size() - 2));
      if (body.empty()) return "empty slot '[]'";
      size_t sp = body.find(' ');
      PatternSlot slot;
      slot.prep = Lower(sp == std::string::npos ? body : body.substr(0, sp));
      std::string rest = sp == std::string::npos ? "" : Trim(body.substr(sp + 1));
      if (rest.empty()) {
        slot.kind = PatternSlot::Kind::kAny;
      } else if (rest == "+T") {
        slot.kind = PatternSlot::Kind::kTarget;
      } else if (rest == "+S") {
        slot.kind = PatternSlot::Kind::kSource;
      } else if (rest[0] == '{' && rest.back() == '}') {
        slot.kind = PatternSlot::Kind::kNoun;
        std::string err = nouns(rest.substr(1, rest.size() - 2), &slot.nouns);
        if (!err.empty()) return err;
      } else {
        return "bad slot '" + e + "'";
      }
      p->slots.push_back(std::move(slot));
    } else {
      return "unknown element '" + e + "'";
    }
  }
  return "";
}

}  // namespace dyad
