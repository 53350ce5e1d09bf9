#include "dyad/dictionary.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "dyad/text.h"
#include "src/code/dates.h"
#include "src/util/hash.h"

namespace dyad {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return std::string();
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> SplitOn(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(Trim(s.substr(start, p == std::string::npos ? std::string::npos : p - start)));
    if (p == std::string::npos) break;
    start = p + sep.size();
  }
  return out;
}

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

std::string StripComment(const std::string& line) {
  size_t p = line.find('#');
  return p == std::string::npos ? line : line.substr(0, p);
}

enum class Kind { kActors, kAgents, kVerbs, kDiscards };

Kind KindOf(const std::string& path) {
  std::string f = Lower(std::filesystem::path(path).filename().string());
  if (f.rfind("agents", 0) == 0) return Kind::kAgents;
  if (f.rfind("verbs", 0) == 0) return Kind::kVerbs;
  if (f.rfind("discards", 0) == 0) return Kind::kDiscards;
  return Kind::kActors;
}

const std::set<std::string>& ActorTypes() {
  static const std::set<std::string> s = {"country", "adjective", "metonym", "region", "igo", "ngo",
                                          "group", "party", "media", "company", "person"};
  return s;
}

// "USAGOV@2025-01-21.. (Secretary of State)"
bool ParseDatedCode(const std::string& text, DatedCode* d, std::string* err) {
  std::string s = Trim(text);
  size_t paren = s.find('(');
  if (paren != std::string::npos) {
    size_t close = s.rfind(')');
    d->note = close != std::string::npos && close > paren ? s.substr(paren + 1, close - paren - 1) : s.substr(paren + 1);
    s = Trim(s.substr(0, paren));
  }
  size_t at = s.find('@');
  d->code = Trim(s.substr(0, at));
  if (d->code.empty()) {
    *err = "empty code";
    return false;
  }
  for (char c : d->code) {
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) {
      *err = "code '" + d->code + "' must be capital letters";
      return false;
    }
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
      *err = "date range ends before it starts";
      return false;
    }
  }
  return true;
}

}  // namespace

size_t Dictionary::ErrorCount() const {
  size_t n = 0;
  for (const auto& p : problems) n += p.error;
  return n;
}

std::string ParseVerbPattern(const std::string& text, const std::map<std::string, std::vector<std::string>>& sets,
                             VerbPattern* p) {
  p->text = Trim(text);
  std::vector<std::string> elems;
  {
    std::string cur;
    int depth = 0;
    for (char c : p->text) {
      if (c == '[' || c == '{') ++depth;
      if (c == ']' || c == '}') --depth;
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
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_') return "bad verb lemma '" + elems[0] + "'";
  }
  auto nouns = [&](const std::string& body, std::vector<std::string>* out) -> std::string {
    for (const auto& n : SplitOn(body, "|")) {
      if (n.empty()) return "empty noun in {" + body + "}";
      if (n[0] == '&') {
        auto it = sets.find(n.substr(1));
        if (it == sets.end()) return "unknown noun set " + n;
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
    } else if (e[0] == '~') {
      p->particles.push_back(Lower(e.substr(1)));
    } else if (e[0] == '>') {
      p->xcomp = Lower(e.substr(1));
    } else if (e[0] == '{' && e.back() == '}') {
      std::string err = nouns(e.substr(1, e.size() - 2), &p->object_nouns);
      if (!err.empty()) return err;
    } else if (e[0] == '[' && e.back() == ']') {
      std::string body = Trim(e.substr(1, e.size() - 2));
      size_t sp = body.find(' ');
      PatternSlot slot;
      slot.prep = Lower(sp == std::string::npos ? body : body.substr(0, sp));
      std::string rest = sp == std::string::npos ? "" : Trim(body.substr(sp + 1));
      if (rest.empty()) slot.kind = PatternSlot::Kind::kAny;
      else if (rest == "+T") slot.kind = PatternSlot::Kind::kTarget;
      else if (rest == "+S") slot.kind = PatternSlot::Kind::kSource;
      else if (rest[0] == '{' && rest.back() == '}') {
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

Result<Dictionary> LoadDictionaries(const std::vector<std::string>& paths, const Ontology& ont,
                                    bool with_iso_countries) {
  Dictionary d;
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::string> in_dir;
      for (const auto& e : std::filesystem::directory_iterator(p)) {
        if (e.path().extension() == ".txt" && e.path().filename() != "README.txt") in_dir.push_back(e.path().string());
      }
      std::sort(in_dir.begin(), in_dir.end());
      // Noun sets live in verb files: read verb files last so sets... are defined per file.
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else {
      files.push_back(p);
    }
  }
  std::string all_content;
  std::unordered_map<std::string, int> group_blocks;  // known-group code blocks used by actors
  auto problem = [&](const std::string& where, const std::string& msg, bool error = true) {
    d.problems.push_back({where, msg, error});
  };
  for (const auto& f : files) {
    std::ifstream in(f);
    if (!in) return Status::NotFound(f + ": cannot read dictionary");
    d.sources.push_back(f);
    std::string name = std::filesystem::path(f).filename().string();
    Kind kind = KindOf(f);
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      all_content += line;
      all_content += '\n';
      std::string where = name + ":" + std::to_string(lineno);
      std::string body = Trim(StripComment(line));
      if (body.empty()) continue;
      if (kind == Kind::kVerbs && body[0] == '&') {
        size_t eq = body.find('=');
        if (eq == std::string::npos) {
          problem(where, "noun set needs '&NAME = a; b'");
          continue;
        }
        std::vector<std::string> lemmas;
        for (auto& x : List(body.substr(eq + 1))) lemmas.push_back(Lower(x));
        d.noun_sets[Trim(body.substr(1, eq - 1))] = lemmas;
        continue;
      }
      std::vector<std::string> f2 = SplitFields(body);
      if (kind == Kind::kVerbs) {
        if (f2.size() < 2) {
          problem(where, "expected CODE | PATTERN");
          continue;
        }
        VerbPattern p;
        p.code = f2[0];
        p.origin = where;
        if (ont.Event(p.code) == nullptr) {
          problem(where, "unknown CAMEO event code '" + p.code + "'");
          continue;
        }
        std::string err = ParseVerbPattern(f2[1], d.noun_sets, &p);
        if (!err.empty()) {
          problem(where, err);
          continue;
        }
        d.patterns.Add(std::move(p));
      } else if (kind == Kind::kAgents) {
        if (f2.size() < 2) {
          problem(where, "expected NOUN | CODE | VARIANTS");
          continue;
        }
        AgentEntry a;
        a.noun = f2[0];
        a.code = f2[1];
        if (f2.size() > 2) a.variants = List(f2[2]);
        a.origin = where;
        if (a.code.size() % 3 != 0 || a.code.empty()) {
          problem(where, "agent code '" + a.code + "' must be 3-letter role blocks");
          continue;
        }
        for (size_t i = 0; i < a.code.size(); i += 3) {
          if (!ont.IsRole(a.code.substr(i, 3))) problem(where, "unknown role code '" + a.code.substr(i, 3) + "'");
        }
        a.sector = ont.RoleSector(a.code.substr(0, 3));
        if (f2.size() > 3) {
          for (const auto& kv : List(f2[3])) {
            size_t eq = kv.find('=');
            if (eq != std::string::npos && Trim(kv.substr(0, eq)) == "plover") a.sector = Trim(kv.substr(eq + 1));
          }
        }
        d.agents.push_back(std::move(a));
      } else if (kind == Kind::kDiscards) {
        if (f2.size() < 2) {
          problem(where, "expected KIND | PHRASE");
          continue;
        }
        DiscardRule r;
        r.kind = f2[0];
        r.origin = where;
        std::istringstream ws(Lower(f2[1]));
        for (std::string t; ws >> t;) r.tokens.push_back(t);
        d.discards.push_back(std::move(r));
      } else {
        if (f2.size() < 4) {
          problem(where, "expected NAME | TYPE | ALIASES | CODES [| ATTRIBUTES]");
          continue;
        }
        ActorEntry a;
        a.name = f2[0];
        a.type = f2[1];
        a.aliases = List(f2[2]);
        a.origin = where;
        if (!ActorTypes().count(a.type)) {
          problem(where, "unknown actor type '" + a.type + "'");
          continue;
        }
        bool ok = true;
        for (const auto& c : List(f2[3])) {
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
        if (f2.size() > 4) {
          for (const auto& kv : List(f2[4])) {
            size_t eq = kv.find('=');
            if (eq == std::string::npos) problem(where, "attribute '" + kv + "' must be key=value");
            else a.attrs[Trim(kv.substr(0, eq))] = Trim(kv.substr(eq + 1));
          }
        }
        // Dated roles of one person must not overlap with different codes.
        for (size_t i = 0; i < a.codes.size(); ++i) {
          for (size_t j = i + 1; j < a.codes.size(); ++j) {
            const auto &x = a.codes[i], &y = a.codes[j];
            if (x.code == y.code || (x.start.empty() && x.end.empty())) continue;
            bool overlap = (x.end.empty() || y.start.empty() || y.start <= x.end) &&
                           (y.end.empty() || x.start.empty() || x.start <= y.end);
            if (overlap && !(x.note.find("also") != std::string::npos || y.note.find("also") != std::string::npos)) {
              problem(where, a.name + ": roles " + x.code + " and " + y.code + " overlap", false);
            }
          }
        }
        for (const auto& c : a.codes) {
          // Group blocks (HMS, ALQ, ...) after the first block are names, not checked here.
          for (size_t i = 3; i + 3 <= c.code.size(); i += 3) {
            std::string b = c.code.substr(i, 3);
            if (!ont.IsRole(b) && !ont.IsCountryOrRegion(b)) group_blocks[b]++;
          }
        }
        d.actors.push_back(std::move(a));
      }
    }
  }
  // Every actor code must be made of known blocks.
  for (const auto& a : d.actors) {
    for (const auto& c : a.codes) {
      if (!ont.ValidActorCode(c.code, group_blocks)) problem(a.origin, "invalid actor code '" + c.code + "'");
    }
  }
  if (with_iso_countries) {
    std::ifstream in("/usr/share/iso-codes/json/iso_3166-1.json");
    if (in) {
      try {
        nlohmann::json j = nlohmann::json::parse(in);
        for (const auto& c : j.at("3166-1")) {
          std::string iso3 = c.at("alpha_3").get<std::string>();
          std::string cameo = ont.CameoCountry(iso3);
          if (cameo.empty()) cameo = iso3;
          if (!ont.IsCountryOrRegion(cameo)) continue;
          ActorEntry a;
          a.name = c.value("common_name", c.at("name").get<std::string>());
          a.type = "country";
          a.aliases.push_back(c.at("name").get<std::string>());
          if (c.contains("official_name")) a.aliases.push_back(c.at("official_name").get<std::string>());
          a.codes.push_back({cameo, "", "", ""});
          a.attrs["iso3"] = iso3;
          a.origin = "iso-codes:" + iso3;
          d.actors.push_back(std::move(a));
        }
      } catch (const std::exception& e) {
        problem("iso_3166-1.json", e.what());
      }
    } else {
      problem("iso_3166-1.json", "Debian iso-codes not installed", false);
    }
  }
  d.fingerprint = Fingerprint128(all_content);
  return d;
}

namespace {
std::vector<std::string> PhraseTokens(const std::string& phrase) {
  std::vector<std::string> toks;
  for (const Sentence& s : SplitAndTokenize(Normalize(phrase))) {
    for (const Token& t : s.tokens) toks.push_back(t.text);
  }
  return toks;
}

bool AllCaps(const std::string& s) {
  bool letters = false;
  for (unsigned char c : s) {
    if (std::islower(c)) return false;
    if (std::isupper(c)) letters = true;
  }
  return letters && s.size() <= 6;
}
}  // namespace

DictionaryLexicon::DictionaryLexicon(const Dictionary& dict) : dict_(dict) {
  auto add = [&](const std::string& form, int actor, int agent) {
    Phrase p;
    p.raw = PhraseTokens(form);
    if (p.raw.empty()) return;
    for (const auto& t : p.raw) p.tokens.push_back(Lower(t));
    p.exact_case = AllCaps(form);
    p.actor = actor;
    p.agent = agent;
    by_first_[p.tokens[0]].push_back(std::move(p));
    ++num_phrases_;
  };
  for (size_t i = 0; i < dict.actors.size(); ++i) {
    const ActorEntry& a = dict.actors[i];
    add(a.name, static_cast<int>(i), -1);
    for (const auto& al : a.aliases) add(al, static_cast<int>(i), -1);
    // "the Kremlin" also matches without the article, and "the United States" with it.
    if (Lower(a.name).rfind("the ", 0) == 0) add(a.name.substr(4), static_cast<int>(i), -1);
  }
  for (size_t i = 0; i < dict.agents.size(); ++i) {
    const AgentEntry& a = dict.agents[i];
    add(a.noun, -1, static_cast<int>(i));
    for (const auto& v : a.variants) add(v, -1, static_cast<int>(i));
  }
  for (auto& [first, v] : by_first_) {
    // Longest first; at equal length actors (more specific) before agents, then file order.
    std::stable_sort(v.begin(), v.end(), [](const Phrase& a, const Phrase& b) {
      if (a.tokens.size() != b.tokens.size()) return a.tokens.size() > b.tokens.size();
      return (a.actor >= 0) > (b.actor >= 0);
    });
  }
}

bool DictionaryLexicon::Resolve(const Phrase& p, const std::string& date, ActorMatch* m) const {
  if (p.agent >= 0) {
    const AgentEntry& a = dict_.agents[p.agent];
    m->code = a.code;
    m->name = a.noun;
    m->type = "agent";
    m->sector = a.sector;
    m->entry = a.origin + " agent '" + a.noun + "' -> " + a.code;
    return true;
  }
  const ActorEntry& a = dict_.actors[p.actor];
  const DatedCode* best = nullptr;
  for (const auto& c : a.codes) {
    if (!c.ValidOn(date)) continue;
    if (best == nullptr || c.start > best->start) best = &c;
  }
  if (best == nullptr) return false;
  m->code = best->code;
  m->name = a.name;
  m->type = a.type;
  auto iso = a.attrs.find("iso3");
  m->country = iso != a.attrs.end() ? iso->second : std::string();
  auto pl = a.attrs.find("plover");
  m->sector = pl != a.attrs.end() ? pl->second : std::string();
  m->entry = a.origin + " " + a.name + " -> " + best->code;
  if (!best->start.empty() || !best->end.empty()) m->entry += "@" + best->start + ".." + best->end;
  if (!best->note.empty()) m->entry += " (" + best->note + ")";
  return true;
}

void DictionaryLexicon::FindActors(const Sentence& s, const std::string& date, std::vector<ActorMatch>* out) const {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<std::string> low(n);
  for (int i = 0; i < n; ++i) low[i] = Lower(s.tokens[i].text);
  for (int i = 0; i < n;) {
    auto it = by_first_.find(low[i]);
    bool found = false;
    if (it != by_first_.end()) {
      for (const Phrase& p : it->second) {
        int len = static_cast<int>(p.tokens.size());
        if (i + len > n) continue;
        bool ok = true;
        for (int k = 0; k < len && ok; ++k) {
          if (p.exact_case) {
            ok = s.tokens[i + k].text == p.raw[k];
          } else {
            // A capitalised name needs a capital in the text: "Bush" is not "bush".
            ok = low[i + k] == p.tokens[k] &&
                 !(std::isupper(static_cast<unsigned char>(p.raw[k][0])) &&
                   std::islower(static_cast<unsigned char>(s.tokens[i + k].text[0])));
          }
        }
        if (!ok) continue;
        ActorMatch m;
        if (!Resolve(p, date, &m)) continue;
        m.first = i;
        m.last = i + len - 1;
        out->push_back(std::move(m));
        i += len;
        found = true;
        break;
      }
    }
    if (!found) ++i;
  }
}

std::vector<ActorMatch> DictionaryLexicon::Lookup(const std::string& phrase, const std::string& date) const {
  Sentence s;
  for (const Sentence& x : SplitAndTokenize(Normalize(phrase))) {
    s.tokens.insert(s.tokens.end(), x.tokens.begin(), x.tokens.end());
  }
  std::vector<ActorMatch> out;
  FindActors(s, date, &out);
  return out;
}

}  // namespace dyad
