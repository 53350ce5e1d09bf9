#include "src/dict/petrarch_format.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "src/util/dates.h"
#include "src/dict/dict_util.h"
#include "src/util/hash.h"

namespace dyad {

using dict_internal::Lower;
using dict_internal::Trim;
using dict_internal::Upper;

namespace {

// "PRESIDENT_GEORGE_W._BUSH" -> "President George W. Bush" style phrase (case is ignored for
// lowercase-led phrases, so lowercase keeps matching case-insensitive).
std::string Phrase(const std::string& name) {
  std::string s = Lower(name);
  std::replace(s.begin(), s.end(), '_', ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string StripComment(const std::string& line) {
  size_t p = line.find('#');
  std::string s = p == std::string::npos ? line : line.substr(0, p);
  if (Trim(s).rfind("<!", 0) == 0) return std::string();  // XML-style comment lines
  return s;
}

// PETRARCH dates: YYMMDD (19xx/20xx) or YYYYMMDD -> YYYY-MM-DD.
std::string PetrDate(std::string d) {
  d.erase(std::remove_if(d.begin(), d.end(),
                         [](char c) { return !std::isdigit(static_cast<unsigned char>(c)); }),
          d.end());
  if (d.size() == 6) d = (d[0] >= '5' ? "19" : "20") + d;
  if (d.size() != 8) return std::string();
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

std::string DayBefore(const std::string& date) {
  // Inclusive ranges: "< D" means up to the day before D.
  // An impossible date stays as it is, for the date checks to report.
  if (!IsValidDate(date)) return date;
  return AddDays(date, -1);
}

// "[HOBGOV 19950601 - 19990815]", "[HOB < 950601]", "[HOBREB > 990816]", "[GON]".
bool ParseCodeBlock(const std::string& inside, DatedCode* dc) {
  std::string s = Trim(inside);
  if (s.empty() || s == "---") return false;
  // The code runs to the first blank or date mark: "G77", "FRO/BIL/SAM", "+++" (an
  // unknown actor), "HOBGOV 950601-990815", "HOB <950601".
  size_t sp = s.find_first_of(" \t<>");
  std::string code = Upper(Trim(s.substr(0, sp)));
  if (code.empty() || code == "---") return false;
  dc->code = code;
  std::string rest = sp == std::string::npos ? "" : Trim(s.substr(sp));
  if (rest.empty()) return true;
  if (rest[0] == '<') {
    dc->end = DayBefore(PetrDate(rest.substr(1)));
  } else if (rest[0] == '>') {
    dc->start = PetrDate(rest.substr(1));
  } else {
    size_t dash = rest.find('-');
    if (dash != std::string::npos) {
      dc->start = PetrDate(rest.substr(0, dash));
      dc->end = PetrDate(rest.substr(dash + 1));
    }
  }
  return true;
}

// "" when the brackets of `t` balance, else what is wrong.
std::string BracketProblem(const std::string& t) {
  std::string stack;
  for (char c : t) {
    if (c == '[' || c == '(' || c == '{') stack.push_back(c);
    if (c == ']' || c == ')' || c == '}') {
      char open = c == ']' ? '[' : c == ')' ? '(' : '{';
      if (stack.empty() || stack.back() != open)
        return std::string("unbalanced brackets: unexpected '") + c + "'";
      stack.pop_back();
    }
  }
  if (!stack.empty()) return std::string("unbalanced brackets: '") + stack.back() + "' not closed";
  return std::string();
}

// "" when a code block's contents are well formed ("HOBGOV 950601-990815", "HOB <950601").
std::string CodeBlockProblem(const std::string& inside, const DatedCode& dc) {
  for (char c : dc.code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '~' && c != '/' && c != '+') {
      return "invalid actor code '" + dc.code + "'";
    }
  }
  std::string s = Trim(inside);
  size_t sp = s.find_first_of(" \t<>");
  std::string rest = sp == std::string::npos ? "" : Trim(s.substr(sp));
  if (rest.empty()) return std::string();
  bool has_digits = rest.find_first_of("0123456789") != std::string::npos;
  if (!has_digits) return "date restriction without a date: '" + rest + "'";
  for (const std::string* d : {&dc.start, &dc.end}) {
    if (!d->empty() && !IsValidDate(*d)) return "invalid date in restriction '" + rest + "'";
  }
  if (dc.start.empty() && dc.end.empty())
    return "unreadable date restriction '" + rest + "' (want YYMMDD or YYYYMMDD)";
  if (!dc.start.empty() && !dc.end.empty() && dc.end < dc.start)
    return "restriction ends before it starts: '" + rest + "'";
  return std::string();
}

const std::set<std::string>& Prepositions() {
  static const std::set<std::string> s = {
      "to",     "with",    "on",    "in",     "at",    "for",   "from",    "against",
      "of",     "by",      "about", "into",   "over",  "under", "between", "among",
      "toward", "towards", "upon",  "across", "after", "before"};
  return s;
}

}  // namespace

PetrarchFiles ClassifyPetrarchFiles(const std::vector<std::string>& paths) {
  PetrarchFiles f;
  for (const auto& p : paths) {
    std::string n = Lower(std::filesystem::path(p).filename().string());
    if (n.find("actor") != std::string::npos)
      f.actors = p;
    else if (n.find("agent") != std::string::npos)
      f.agents = p;
    else if (n.find("verb") != std::string::npos)
      f.verbs = p;
    else if (n.find("discard") != std::string::npos)
      f.discards = p;
    else if (n.find("ontology") != std::string::npos || n.find("pico") != std::string::npos)
      f.ontology = p;
  }
  return f;
}

bool ConvertPetrarchPattern(const std::string& body, const std::string& verb,
                            const std::map<std::string, std::vector<std::string>>& synsets,
                            VerbPattern* p) {
  p->verb = verb;
  p->text = Trim(body);
  // Tokenise, keeping (...) and {...} groups.
  std::vector<std::string> toks;
  std::string cur;
  int depth = 0;
  for (char c : body) {
    if (c == '(' || c == '{') {
      if (depth == 0 && !cur.empty()) {
        toks.push_back(cur);
        cur.clear();
      }
      ++depth;
    }
    if (c == ')' || c == '}') --depth;
    if ((c == ' ' || c == '\t') && depth == 0) {
      if (!cur.empty()) toks.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) toks.push_back(cur);
  auto star = std::find(toks.begin(), toks.end(), "*");
  if (star == toks.end()) return true;  // pattern on words before the verb only: the bare verb
  auto words_of = [&](const std::string& t) {
    std::vector<std::string> out;
    std::string w = t;
    if (!w.empty() && w[0] == '&') {
      auto it = synsets.find(w.substr(1));
      if (it != synsets.end()) return it->second;
      return out;
    }
    std::replace(w.begin(), w.end(), '_', ' ');
    out.push_back(Lower(w));
    return out;
  };
  bool first = true;
  for (auto it = star + 1; it != toks.end(); ++it) {
    std::string t = *it;
    if (t == "$" || t == "%" || t == "^") continue;
    if (t == "+") {
      if (first) p->object_target = true;
      first = false;
      continue;
    }
    if ((t[0] == '(' && t.back() == ')') || (t[0] == '{' && t.back() == '}')) {
      // A group: a prepositional phrase "(ON TRADE)" or a noun phrase "{DIPLOMATIC TIES}".
      std::istringstream in(t.substr(1, t.size() - 2));
      std::vector<std::string> w;
      for (std::string x; in >> x;) w.push_back(x);
      if (w.empty()) continue;
      std::string lead = Lower(w[0]);
      if (Prepositions().count(lead)) {
        PatternSlot slot;
        slot.prep = lead;
        bool target = std::find(w.begin(), w.end(), "+") != w.end();
        std::string noun;
        for (size_t k = 1; k < w.size(); ++k) {
          if (w[k] != "+" && w[k] != "$" && w[k] != "^") noun = w[k];
        }
        if (target)
          slot.kind = PatternSlot::Kind::kTarget;
        else if (!noun.empty()) {
          slot.kind = PatternSlot::Kind::kNoun;
          slot.nouns = words_of(noun);
          if (slot.nouns.empty()) slot.kind = PatternSlot::Kind::kAny;
        }
        p->slots.push_back(slot);
      } else {
        // Noun phrase: its last word is the head the object must have, the others its
        // modifiers.
        for (const auto& n : words_of(w.back())) p->object_nouns.push_back(n);
        for (size_t k = 0; k + 1 < w.size(); ++k) {
          if (w[k] == "+" || w[k] == "$" || w[k] == "^" || w[k] == "%") continue;
          std::vector<std::string> alts = words_of(w[k]);
          if (!alts.empty()) p->object_mods.push_back(std::move(alts));
        }
      }
      first = false;
      continue;
    }
    std::string lw = Lower(t);
    if (Prepositions().count(lw)) {
      PatternSlot slot;
      slot.prep = lw;
      auto next = it + 1;
      if (next != toks.end() && *next == "+") {
        slot.kind = PatternSlot::Kind::kTarget;
        ++it;
      } else if (next != toks.end() && (*next)[0] != '(' && (*next)[0] != '{' && *next != "$") {
        slot.kind = PatternSlot::Kind::kNoun;
        slot.nouns = words_of(*next);
        ++it;
      }
      p->slots.push_back(slot);
    } else if (p->object_nouns.empty()) {
      p->object_nouns = words_of(t);
    }
    first = false;
  }
  return true;
}

Result<Dictionary> LoadPetrarchDictionaries(const PetrarchFiles& files) {
  Dictionary d;
  std::string all;
  auto open = [&](const std::string& path, std::vector<std::string>* lines) -> Status {
    std::ifstream in(path);
    if (!in) return Status::NotFound(path + ": cannot read dictionary");
    d.sources.push_back(path);
    for (std::string l; std::getline(in, l);) {
      lines->push_back(l);
      all += l + "\n";
    }
    return Status::OK();
  };
  auto name_of = [](const std::string& p) { return std::filesystem::path(p).filename().string(); };

  if (!files.actors.empty()) {
    std::vector<std::string> lines;
    DYAD_RETURN_IF_ERROR(open(files.actors, &lines));
    ActorEntry* cur = nullptr;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string where = name_of(files.actors) + ":" + std::to_string(i + 1);
      std::string body = StripComment(lines[i]);
      std::string t = Trim(body);
      if (t.empty()) continue;
      if (std::string b = BracketProblem(t); !b.empty()) d.problems.push_back({where, b, true});
      if (t[0] == '+') {
        if (cur) {
          cur->aliases.push_back(Phrase(t.substr(1)));
        } else {
          d.problems.push_back({where, "synonym '" + t + "' before any actor", true});
        }
        continue;
      }
      if (t[0] == '[') {  // restriction line of the current entry
        DatedCode dc;
        std::string inside = t.substr(1, t.find(']') - 1);
        if (!cur) {
          d.problems.push_back({where, "date restriction before any actor", true});
        } else if (ParseCodeBlock(inside, &dc)) {
          if (std::string p = CodeBlockProblem(inside, dc); !p.empty()) {
            d.problems.push_back({where, p, true});
          } else {
            cur->codes.push_back(dc);
          }
        } else if (Trim(inside).rfind("---", 0) != 0) {  // "[--- <950630]": no code then
          d.problems.push_back({where, "empty code block", true});
        }
        continue;
      }
      d.actors.emplace_back();
      cur = &d.actors.back();
      size_t br = t.find('[');
      cur->name = Phrase(Trim(br == std::string::npos ? t : t.substr(0, br)));
      cur->type = ActorType::kGroup;
      cur->origin = where;
      while (br != std::string::npos) {
        size_t close = t.find(']', br);
        DatedCode dc;
        std::string inside =
            t.substr(br + 1, close == std::string::npos ? std::string::npos : close - br - 1);
        if (ParseCodeBlock(inside, &dc)) {
          if (std::string p = CodeBlockProblem(inside, dc); !p.empty()) {
            d.problems.push_back({where, p, true});
          } else {
            cur->codes.push_back(dc);
          }
        }
        br = close == std::string::npos ? close : t.find('[', close);
      }
    }
    // An entry's undated default code applies outside its dated restrictions only.
    for (auto& a : d.actors) {
      std::vector<DatedCode> dated, undated;
      for (auto& c : a.codes) (c.start.empty() && c.end.empty() ? undated : dated).push_back(c);
      if (!dated.empty() && !undated.empty()) {
        std::sort(dated.begin(), dated.end(),
                  [](const DatedCode& x, const DatedCode& y) { return x.start < y.start; });
        a.codes = dated;
        // Fill the gaps before, between and after the dated ranges with the default.
        std::string cursor;
        std::vector<DatedCode> fill;
        for (const auto& c : dated) {
          if (!c.start.empty() && (cursor.empty() || cursor < c.start)) {
            fill.push_back({undated[0].code, cursor, DayBefore(c.start), "default"});
          }
          if (c.end.empty()) {
            cursor = "9999-12-31";
            break;
          }
          cursor = c.end;
        }
        if (cursor != "9999-12-31") fill.push_back({undated[0].code, cursor, "", "default"});
        a.codes.insert(a.codes.end(), fill.begin(), fill.end());
      }
    }
    for (const auto& a : d.actors) {
      if (a.codes.empty())
        d.problems.push_back({a.origin, "actor '" + a.name + "' has no code: skipped", false});
    }
    d.actors.erase(std::remove_if(d.actors.begin(), d.actors.end(),
                                  [](const ActorEntry& a) { return a.codes.empty(); }),
                   d.actors.end());
  }

  if (!files.agents.empty()) {
    std::vector<std::string> lines;
    DYAD_RETURN_IF_ERROR(open(files.agents, &lines));
    std::map<std::string, std::vector<std::string>> macros;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string t = Trim(StripComment(lines[i]));
      if (t.empty()) continue;
      if (t[0] == '!' && t.find('=') != std::string::npos) {
        std::string name = Trim(t.substr(0, t.find('=')));
        std::stringstream ss(t.substr(t.find('=') + 1));
        for (std::string x; std::getline(ss, x, ',');) macros[name].push_back(Trim(x));
        continue;
      }
      std::string where = name_of(files.agents) + ":" + std::to_string(i + 1);
      if (std::string b = BracketProblem(t); !b.empty()) {
        d.problems.push_back({where, b, true});
        continue;
      }
      size_t br = t.find('[');
      if (br == std::string::npos) {
        d.problems.push_back({where, "agent without a [code]: '" + t + "'", true});
        continue;
      }
      std::string code = Upper(Trim(t.substr(br + 1, t.find(']', br) - br - 1)));
      if (!code.empty() && code[0] == '~') code = code.substr(1);
      std::string head = Trim(t.substr(0, br));
      std::vector<std::string> forms;
      size_t brace = head.find('{');
      if (brace != std::string::npos) {
        std::string plurals = head.substr(brace + 1, head.find('}') - brace - 1);
        std::istringstream ps(plurals);
        for (std::string x; ps >> x;) forms.push_back(x);
        head = Trim(head.substr(0, brace));
      }
      forms.insert(forms.begin(), head);
      if (forms.size() == 1) forms.push_back(head + "S");
      std::vector<std::string> expanded;
      bool macro_reported = false;
      for (const auto& f : forms) {
        size_t m = f.find('!');
        size_t m2 = m == std::string::npos ? m : f.find('!', m + 1);
        if (m != std::string::npos && m2 != std::string::npos &&
            macros.count(f.substr(m, m2 - m + 1))) {
          for (const auto& v : macros[f.substr(m, m2 - m + 1)])
            expanded.push_back(f.substr(0, m) + v + f.substr(m2 + 1));
        } else {
          if (m != std::string::npos && m2 != std::string::npos && !macro_reported) {
            d.problems.push_back({where, "undefined macro " + f.substr(m, m2 - m + 1), true});
            macro_reported = true;
          }
          expanded.push_back(f);
        }
      }
      AgentEntry a;
      a.noun = Phrase(expanded[0]);
      for (size_t k = 1; k < expanded.size(); ++k) a.variants.push_back(Phrase(expanded[k]));
      a.code = code;
      a.origin = where;
      if (code.empty()) {
        d.problems.push_back({where, "empty agent code", true});
      } else {
        d.agents.push_back(a);
      }
    }
  }

  if (!files.verbs.empty()) {
    std::vector<std::string> lines;
    DYAD_RETURN_IF_ERROR(open(files.verbs, &lines));
    std::string synset;
    std::vector<std::string> block_verbs;
    std::string block_code;
    std::string block_origin;  // file:line of the "--- VERB [code] ---" header
    std::vector<std::pair<std::string, std::string>> block_patterns;  // body, code
    std::vector<size_t> pattern_lines;
    std::vector<std::string> block_paired;                      // "043" of [042:043]
    std::vector<std::pair<std::string, std::string>> set_refs;  // where, synset used
    auto flush = [&] {
      for (const auto& v : block_verbs) {
        if (!block_code.empty()) {
          VerbPattern bare;
          bare.verb = v;
          bare.code = block_code;
          bare.text = Upper(v);
          bare.origin = block_origin;
          d.patterns.Add(bare);
        }
        for (size_t k = 0; k < block_patterns.size(); ++k) {
          VerbPattern p;
          p.code = block_patterns[k].second;
          p.origin = name_of(files.verbs) + ":" + std::to_string(pattern_lines[k]);
          if (ConvertPetrarchPattern(block_patterns[k].first, v, d.noun_sets, &p))
            d.patterns.Add(p);
          SequencePattern sp;
          sp.code = block_patterns[k].second;
          sp.paired_code = block_paired[k];
          sp.origin = p.origin;
          if (ParseSequencePattern(block_patterns[k].first, v, d.noun_sets, &sp)) {
            d.sequence_patterns.push_back(std::move(sp));
          }
        }
      }
      block_verbs.clear();
      block_patterns.clear();
      pattern_lines.clear();
      block_paired.clear();
      block_code.clear();
    };
    auto code_of = [](const std::string& t) -> std::string {
      size_t b = t.rfind('[');
      if (b == std::string::npos) return "";
      std::string c = Trim(t.substr(b + 1, t.find(']', b) - b - 1));
      c = c.substr(0, c.find(':'));
      for (char ch : c) {
        if (!std::isdigit(static_cast<unsigned char>(ch))) return "";
      }
      return c;
    };
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string t = Trim(StripComment(lines[i]));
      if (t.empty()) continue;
      std::string where = name_of(files.verbs) + ":" + std::to_string(i + 1);
      if (std::string b = BracketProblem(t); !b.empty()) {
        d.problems.push_back({where, b, true});
        continue;
      }
      if (t[0] == '&') {
        synset = t.substr(1);
        while (!synset.empty() && synset.back() == '_') synset.pop_back();
        d.noun_sets[synset];
        continue;
      }
      if (t[0] == '+' && !synset.empty() && block_verbs.empty() && block_code.empty()) {
        std::string w = Lower(t.substr(1));
        while (!w.empty() && w.back() == '_') w.pop_back();
        std::replace(w.begin(), w.end(), '_', ' ');
        d.noun_sets[synset].push_back(w);
        continue;
      }
      if (t.rfind("---", 0) == 0) {
        flush();
        synset.clear();
        block_code = code_of(t);
        block_origin = where;
        continue;
      }
      if (t[0] == '-') {
        std::string code = code_of(t);
        size_t b = t.rfind('[');
        if (code.empty() && t.find("[---]") != std::string::npos) {
          // PETRARCH's null code: the phrase is not an event. Not supported yet: skipped.
        } else if (code.empty()) {
          d.problems.push_back({where,
                                b == std::string::npos
                                    ? "pattern without an event code [NNN]"
                                    : "pattern code is not numeric: " + t.substr(b),
                                true});
        } else if (t.find('*') == std::string::npos) {
          d.problems.push_back({where, "pattern without the verb position '*'", true});
        } else {
          for (size_t amp = t.find('&'); amp != std::string::npos; amp = t.find('&', amp + 1)) {
            size_t e = t.find_first_of(" \t[]{}()_", amp);
            std::string set =
                t.substr(amp + 1, e == std::string::npos ? std::string::npos : e - amp - 1);
            while (!set.empty() && set.back() == '_') set.pop_back();
            if (!set.empty()) set_refs.push_back({where, set});
          }
          block_patterns.push_back({Trim(t.substr(1, b - 1)), code});
          pattern_lines.push_back(i + 1);
          size_t colon = t.find(':', b);
          size_t close = t.find(']', b);
          block_paired.push_back(colon != std::string::npos && colon < close
                                     ? Trim(t.substr(colon + 1, close - colon - 1))
                                     : std::string());
        }
        continue;
      }
      if (t[0] == '+') continue;  // phrasal/irregular forms of the block's verbs
      // A verb line: "ALLOW", "GO_BY {+WENT_BY ...}".
      std::string v = t.substr(0, t.find_first_of(" \t{"));
      if (v.empty() || !std::isalpha(static_cast<unsigned char>(v[0]))) continue;
      std::string lemma = Lower(v.substr(0, v.find('_')));
      if (std::find(block_verbs.begin(), block_verbs.end(), lemma) == block_verbs.end()) {
        block_verbs.push_back(lemma);
      }
    }
    flush();
    for (const auto& [where, set] : set_refs) {
      if (!d.noun_sets.count(set))
        d.problems.push_back({where, "synonym set &" + set + " is not defined", true});
    }
  }

  if (!files.discards.empty()) {
    std::vector<std::string> lines;
    DYAD_RETURN_IF_ERROR(open(files.discards, &lines));
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string t = Trim(StripComment(lines[i]));
      if (t.empty() || t[0] == '<') continue;
      size_t br = t.find('[');
      std::string phrase = Lower(Trim(br == std::string::npos ? t : t.substr(0, br)));
      std::replace(phrase.begin(), phrase.end(), '_', ' ');
      if (phrase.empty()) continue;
      DiscardRule r;
      r.kind = "petrarch";
      r.origin = name_of(files.discards) + ":" + std::to_string(i + 1);
      std::istringstream ws(phrase);
      for (std::string w; ws >> w;) r.tokens.push_back(w);
      d.discards.push_back(r);
    }
  }
  if (!files.ontology.empty()) {
    std::ifstream in(files.ontology);
    if (!in) return Status::NotFound(files.ontology + ": cannot read dictionary");
    d.sources.push_back(files.ontology);
    std::ostringstream ss;
    ss << in.rdbuf();
    all += ss.str();
    d.negations = ReadPicoNegations(files.ontology, &d.problems);
  }
  d.fingerprint = Fingerprint128(all);
  return d;
}

std::map<std::string, std::string> ReadPicoNegations(const std::string& path,
                                                     std::vector<DictProblem>* problems) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::vector<std::pair<std::string, long>> values;  // file order
  std::map<long, std::string> by_value;              // first code listed wins
  std::string line;
  for (int no = 1; std::getline(in, line); ++no) {
    std::string t = Trim(line.substr(0, line.find('#')));
    if (t.empty()) continue;
    std::string where = std::filesystem::path(path).filename().string() + ":" + std::to_string(no);
    // "211:122:-0xFFFF+..." lines re-map one code onto another: the last field is the value.
    size_t colon = t.find(':');
    size_t last_colon = t.rfind(':');
    std::string code = Trim(t.substr(0, colon));
    std::string expr = Trim(t.substr(last_colon + 1));
    if (colon == std::string::npos || code.empty() ||
        !std::all_of(code.begin(), code.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      problems->push_back({where, "expected CODE:VALUE", true});
      continue;
    }
    if (colon != last_colon) continue;
    long v = 0;
    bool ok = !expr.empty();
    for (size_t i = 0; i < expr.size() && ok;) {
      int sign = 1;
      if (expr[i] == '+' || expr[i] == '-') {
        sign = expr[i] == '-' ? -1 : 1;
        ++i;
      }
      size_t used = 0;
      try {
        long term = std::stol(expr.substr(i), &used, 16);
        v += sign * term;
      } catch (const std::exception&) {
        ok = false;
      }
      if (used == 0) ok = false;
      i += used;
    }
    if (!ok) {
      problems->push_back({where, "unreadable value '" + expr + "'", true});
      continue;
    }
    values.push_back({code, v});
    by_value.emplace(v, code);
  }
  for (const auto& [code, v] : values) {
    for (long neg : {v - 0xFFFF, v + 0xFFFF}) {
      auto it = by_value.find(neg);
      if (it != by_value.end() && neg != v) {
        out.emplace(code, it->second);
        break;
      }
    }
  }
  return out;
}

bool ParseSequencePattern(const std::string& body, const std::string& verb,
                          const std::map<std::string, std::vector<std::string>>& synsets,
                          SequencePattern* p) {
  p->verb = verb;
  p->text = Trim(body);
  std::string spaced;
  for (char c : body) {
    if (c == '(' || c == ')' || c == '{' || c == '}') {
      spaced += ' ';
      spaced += c;
      spaced += ' ';
    } else {
      spaced += c;
    }
  }
  std::istringstream in(spaced);
  bool after = false, seen_verb = false, noun_phrase = false;
  int group = 0, groups = 0;
  for (std::string t; in >> t;) {
    if (t == "*") {
      after = seen_verb = true;
      continue;
    }
    if (t == "(" || t == "{") {
      group = ++groups;
      noun_phrase = t == "{";
      continue;
    }
    if (t == ")" || t == "}") {
      group = 0;
      noun_phrase = false;
      continue;
    }
    SequenceElement e;
    e.group = group;
    e.noun_phrase = noun_phrase;
    if (t == "$") {
      e.kind = SequenceElement::Kind::kSource;
    } else if (t == "+") {
      e.kind = SequenceElement::Kind::kTarget;
    } else if (t == "%") {
      e.kind = SequenceElement::Kind::kCompound;
    } else if (t == "^") {
      e.kind = SequenceElement::Kind::kSkip;
    } else if (t[0] == '&') {
      std::string name = t.substr(1);
      while (!name.empty() && name.back() == '_') name.pop_back();
      e.synset = name;
      auto it = synsets.find(name);
      if (it != synsets.end()) e.words = it->second;
    } else {
      std::string w = Lower(t);
      while (!w.empty() && w.back() == '_') w.pop_back();
      std::replace(w.begin(), w.end(), '_', ' ');
      if (w.empty()) continue;
      e.words.push_back(w);
    }
    (after ? p->after : p->before).push_back(std::move(e));
  }
  return seen_verb;
}

namespace {

class PetrarchLoader : public DictionaryLoader {
 public:
  std::string format() const override { return "petrarch2"; }
  int Detect(const std::vector<std::string>& files) const override {
    // Names first (PETR_*, *.actors, *.verbs), then the bracketed layout of the content.
    int named = 0;
    for (const auto& f : files) {
      std::string n = Lower(std::filesystem::path(f).filename().string());
      if (n.find("petr") != std::string::npos || n.find(".actors") != std::string::npos ||
          n.find(".verbs") != std::string::npos || n.find(".agents") != std::string::npos) {
        ++named;
      }
    }
    if (named > 0) return 95;
    int bracketed = 0, piped = 0;
    for (const auto& f : files) {
      std::ifstream in(f);
      std::string line;
      for (int seen = 0; seen < 40 && std::getline(in, line);) {
        std::string t = Trim(StripComment(line));
        if (t.empty()) continue;
        ++seen;
        if (t.find(" | ") != std::string::npos) ++piped;
        if ((t.find('[') != std::string::npos && t.back() == ']') || t.rfind("---", 0) == 0)
          ++bracketed;
      }
    }
    return bracketed > piped ? 60 : 0;
  }
  Result<Dictionary> Load(const std::vector<std::string>& paths, const Ontology& ontology,
                          const DictionaryOptions&) const override {
    std::vector<std::string> files = ExpandDictionaryPaths(paths);
    PetrarchFiles f = ClassifyPetrarchFiles(files);
    if (f.actors.empty() && f.agents.empty() && f.verbs.empty() && f.discards.empty()) {
      return Status::InvalidArgument(
          "no PETRARCH dictionary file (names with actors, agents, verbs or discards) in " +
          std::to_string(files.size()) + " file(s)");
    }
    DYAD_ASSIGN_OR_RETURN(Dictionary d, LoadPetrarchDictionaries(f));
    d.format = "petrarch2";
    // Community sets may extend CAMEO (the PETRARCH suites do): a warning, and the coder
    // keeps such codes with their root's QuadClass.
    std::set<std::string> reported;
    for (const VerbPattern* p : d.patterns.All()) {
      if (ontology.Event(p->code) == nullptr && reported.insert(p->code).second) {
        d.problems.push_back(
            {p->origin, "event code " + p->code + " is not in CAMEO 1.1b3", false});
      }
    }
    BuildPhraseTable(&d);
    return d;
  }
};

}  // namespace

std::unique_ptr<DictionaryLoader> MakePetrarchLoader() {
  return std::make_unique<PetrarchLoader>();
}

}  // namespace dyad
