#include "src/code/nominal.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "src/code/coder_util.h"
#include "src/code/modality.h"
#include "src/dict/dict_util.h"

namespace dyad {
namespace {

using dict_internal::Lower;
using dict_internal::Trim;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) {
    part = Trim(part);
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

using coder_util::Base;
using coder_util::CaseOf;
using coder_util::HasDependent;
using coder_util::LemmaOf;

bool IsCode(const std::string& c) {
  return c.size() >= 3 && c.size() <= 4 &&
         std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// `head` and the heads coordinated with it ("the United States and Iran").
std::vector<int> WithConjuncts(const Sentence& s, int head) {
  std::vector<int> out = {head};
  for (size_t k = 0; k < out.size(); ++k) {
    for (size_t j = 0; j < s.tokens.size(); ++j) {
      if (s.tokens[j].head == out[k] && s.tokens[j].deprel == "conj") {
        out.push_back(static_cast<int>(j));
      }
    }
  }
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

void NominalLexicon::Parse(const std::string& text, const std::string& name,
                           std::vector<std::string>* problems) {
  source_ += text;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string where = name + ":" + std::to_string(n);
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    line = Trim(line);
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream fs(line);
    std::string f;
    while (std::getline(fs, f, '|')) fields.push_back(Trim(f));
    if (fields[0] == "@unreal" || fields[0] == "@future" || fields[0] == "@light") {
      if (fields.size() != 2) {
        problems->push_back(where + ": expected " + fields[0] + " | word; word ...");
        continue;
      }
      auto& list = fields[0] == "@unreal" ? unreal_ : fields[0] == "@future" ? future_ : light_;
      for (const std::string& w : Split(fields[1], ';')) list.push_back(Lower(w));
      continue;
    }
    if (fields[0][0] == '@') {
      problems->push_back(where + ": unknown directive '" + fields[0] + "'");
      continue;
    }
    if (fields.size() < 2 || fields.size() > 4) {
      problems->push_back(where + ": expected CODE | nouns | preps [| mutual]");
      continue;
    }
    if (!IsCode(fields[0])) {
      problems->push_back(where + ": event code '" + fields[0] + "' is not 3-4 digits");
      continue;
    }
    NominalEntry e;
    e.code = fields[0];
    e.origin = where;
    if (fields.size() >= 3) {
      std::istringstream ps(fields[2]);
      std::string p;
      while (ps >> p) e.preps.push_back(Lower(p));
    }
    if (fields.size() == 4) {
      if (fields[3] != "mutual") {
        problems->push_back(where + ": fourth field must be 'mutual', not '" + fields[3] + "'");
        continue;
      }
      e.mutual = true;
    }
    for (const std::string& noun : Split(fields[1], ';')) {
      std::string key = Lower(noun);
      if (key.find(' ') != std::string::npos) {
        problems->push_back(where + ": '" + key + "' has a space: nouns are one word");
        continue;
      }
      if (by_noun_.count(key)) {
        problems->push_back(where + ": '" + key + "' already defined at " +
                            by_noun_[key].origin + " (this line wins)");
      }
      e.noun = key;
      by_noun_[key] = e;
    }
  }
}

Status NominalLexicon::LoadFile(const std::string& path, std::vector<std::string>* problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot read the nominal-event lexicon");
  std::stringstream buf;
  buf << in.rdbuf();
  std::string name = path.substr(path.find_last_of('/') + 1);
  Parse(buf.str(), name, problems);
  return Status::OK();
}

const NominalEntry* NominalLexicon::Find(const Token& t) const {
  auto it = by_noun_.find(LemmaOf(t));
  if (it == by_noun_.end()) it = by_noun_.find(Lower(t.text));
  return it == by_noun_.end() ? nullptr : &it->second;
}

bool NominalLexicon::IsUnrealModifier(const Token& t) const {
  return Contains(unreal_, LemmaOf(t)) || Contains(unreal_, Lower(t.text));
}

bool NominalLexicon::IsLightVerb(const Token& t) const {
  return Contains(light_, LemmaOf(t));
}

bool NominalLexicon::IsFutureModifier(const Token& t) const {
  return Contains(future_, LemmaOf(t)) || Contains(future_, Lower(t.text));
}

std::vector<NominalPredicate> FindNominalPredicatesImpl(const Sentence& s,
                                                        const NominalLexicon& lex,
                                                        const std::vector<char>& actor_tokens) {
  std::vector<NominalPredicate> out;
  const int n = static_cast<int>(s.tokens.size());
  for (int i = 0; i < n; ++i) {
    const Token& t = s.tokens[i];
    if (t.upos != "NOUN" && t.upos != "PROPN") continue;
    const NominalEntry* e = lex.Find(t);
    if (e == nullptr) continue;
    NominalPredicate p;
    p.noun = i;
    p.entry = e;
    std::vector<int> sides;  // "between X and Y", "US-Iran talks"
    bool unreal = false;
    for (int j = 0; j < n; ++j) {
      const Token& d = s.tokens[j];
      if (d.head != i) continue;
      std::string rel = d.deprel;
      if (Base(rel) == "amod" || Base(rel) == "compound") {
        if (lex.IsUnrealModifier(d)) {
          unreal = true;
          break;
        }
        if (lex.IsFutureModifier(d)) p.future = true;
      }
      // "It will be their second meeting": the noun is the predicate of a future copula.
      if (Base(rel) == "aux" && IsFutureAuxiliary(LemmaOf(d))) p.future = true;
      if (rel == "nmod:poss") {
        if (actor_tokens[j]) p.sources.push_back(j);
      } else if (Base(rel) == "amod" || Base(rel) == "compound" || rel == "flat") {
        // "Israeli airstrikes", "U.S. sanctions": a modifier that is an actor is a side;
        // so is one it joins ("U.S.-Israeli strikes": "U.S." hangs off "Israeli").
        if (actor_tokens[j]) sides.push_back(j);
        for (int k = 0; k < n && actor_tokens[j]; ++k) {
          const std::string r = Base(s.tokens[k].deprel);
          if (s.tokens[k].head == j && actor_tokens[k] && (r == "compound" || r == "conj")) {
            sides.push_back(k);
          }
        }
      } else if (Base(rel) == "nmod" || Base(rel) == "obl") {
        std::string prep = CaseOf(s, j);
        if (prep == "by") {
          for (int c : WithConjuncts(s, j)) p.sources.push_back(c);
        } else if (prep == "between" || prep == "among") {
          for (int c : WithConjuncts(s, j)) sides.push_back(c);
        } else if (Contains(e->preps, prep)) {
          for (int c : WithConjuncts(s, j)) p.targets.push_back(c);
          p.mutual |= e->mutual && prep == "with";
        }
      }
    }
    if (unreal) continue;
    // "Russia waged war on Ukraine", "Israel launched airstrikes against Hezbollah": the
    // light verb's subject does the event, and its obliques may carry the target.
    if (p.sources.empty() && sides.empty() && t.deprel == "obj" && t.head >= 0 &&
        lex.IsLightVerb(s.tokens[t.head])) {
      const int verb = t.head;
      for (int j = 0; j < n; ++j) {
        const Token& d = s.tokens[j];
        if (d.head != verb) continue;
        if (d.deprel == "nsubj") {
          for (int c : WithConjuncts(s, j)) p.sources.push_back(c);
        } else if (p.targets.empty() && Base(d.deprel) == "obl" && Contains(e->preps, CaseOf(s, j))) {
          for (int c : WithConjuncts(s, j)) p.targets.push_back(c);
          p.mutual |= e->mutual && CaseOf(s, j) == "with";
        }
      }
    }
    // "India is in talks with Qatar", "Armenia and Azerbaijan are at war": the subject of
    // a copular "in/at + event noun" does the event.
    if (p.sources.empty() && sides.empty()) {
      const std::string mark = CaseOf(s, i);
      if ((mark == "in" || mark == "at") && HasDependent(s, i, "cop", "")) {
        for (int j = 0; j < n; ++j) {
          if (s.tokens[j].head != i || s.tokens[j].deprel != "nsubj") continue;
          for (int c : WithConjuncts(s, j)) {
            if (actor_tokens[c]) sides.push_back(c);
          }
        }
        if (!p.targets.empty() && !sides.empty()) {
          p.sources = sides;
          sides.clear();
        }
      }
    }
    if (p.sources.empty() && sides.size() == 1) {
      p.sources = sides;
    } else if (p.sources.empty() && sides.size() >= 2) {
      // "US-Iran talks", "talks between the US and Iran": with a target ("US-Israeli
      // strikes on Iran") the modifiers are joint sources, else the sides act on each other.
      if (p.targets.empty() && e->mutual) {
        p.sources = sides;
        p.reciprocal = true;
      } else {
        p.sources = sides;
      }
    }
    if (p.sources.empty()) continue;
    if (p.targets.empty() && !p.reciprocal) continue;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace dyad
