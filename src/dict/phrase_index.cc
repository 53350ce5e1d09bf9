// DictionaryLexicon: longest-match lookup of dictionary phrases on token sequences.
//
// Every prefix of every phrase is hashed (lowercased tokens, chained); the index maps a
// prefix hash to the phrases ending there and marks whether longer phrases continue it. A
// scan from a token extends one token at a time and stops as soon as no phrase continues,
// so a position costs O(length of the longest match), independent of the dictionary size.
#include <algorithm>
#include <cctype>

#include "dyad/dictionary.h"
#include "dyad/text.h"
#include "src/dict/dict_util.h"
#include "src/util/hash.h"

namespace dyad {
namespace {

// FNV-1a of the ASCII-lowercased bytes: the same value for "Kremlin" and "kremlin"
// without allocating a lowercased copy. (An in-memory index, never stored.) Dictionary
// phrases are case-folded (text_case.h), so a non-ASCII token hashes its fold.
inline uint64_t TokenHash(std::string_view s) {
  if (!IsAscii(s)) {
    const std::string folded = Lower(s);
    if (folded != s) return TokenHash(folded);
  }
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= static_cast<unsigned char>(std::tolower(c));
    h *= 0x100000001b3ULL;
  }
  return h;
}

inline uint64_t Chain(uint64_t prefix, uint64_t token) {
  return SplitMix64(prefix + token + 0x9e3779b97f4a7c15ULL);
}

inline bool EqualsLower(std::string_view text, std::string_view lower) {
  if (!IsAscii(text)) return Lower(text) == lower;
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != static_cast<unsigned char>(lower[i]))
      return false;
  }
  return true;
}

bool IsPlaceLike(ActorType type) {
  return type == ActorType::kCountry || type == ActorType::kAdjective || type == ActorType::kMetonym || type == ActorType::kRegion;
}

}  // namespace

DictionaryLexicon::DictionaryLexicon(const Dictionary& dict)
    : dict_(dict), phrases_(&dict.phrases) {
  if (dict.phrases.empty() && (!dict.actors.empty() || !dict.agents.empty())) {
    Dictionary copy;
    copy.actors = dict.actors;
    copy.agents = dict.agents;
    BuildPhraseTable(&copy);
    own_phrases_ = std::move(copy.phrases);
    phrases_ = &own_phrases_;
  }
  const std::vector<DictPhrase>& ph = *phrases_;
  // Candidates per full key in priority order: actors (more specific) before agents, then
  // file order.
  std::unordered_map<uint64_t, std::vector<uint32_t>> full;
  std::unordered_map<uint64_t, bool> prefix;
  for (uint32_t id = 0; id < ph.size(); ++id) {
    uint64_t h = 0;
    const auto& toks = ph[id].tokens;
    for (size_t k = 0; k < toks.size(); ++k) {
      h = Chain(h, TokenHash(toks[k]));
      if (k + 1 < toks.size()) prefix[h] = true;
    }
    full[h].push_back(id);
  }
  index_.reserve(full.size() + prefix.size());
  for (auto& [h, ids] : full) {
    std::stable_sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      return (ph[a].actor >= 0) > (ph[b].actor >= 0);
    });
    Node n;
    n.begin = static_cast<uint32_t>(order_.size());
    order_.insert(order_.end(), ids.begin(), ids.end());
    n.end = static_cast<uint32_t>(order_.size());
    index_[h] = n;
  }
  for (const auto& [h, unused] : prefix) index_[h].has_longer = true;
}

bool DictionaryLexicon::Matches(const DictPhrase& p, const Sentence& s, int first) const {
  for (size_t k = 0; k < p.tokens.size(); ++k) {
    const std::string& text = s.tokens[first + k].text;
    if (p.exact_case) {
      if (text != p.raw[k]) return false;
      continue;
    }
    if (!EqualsLower(text, p.tokens[k])) return false;
    // A capitalised name needs a capital in the text: "Bush" is not "bush".
    if (!p.raw[k].empty() && std::isupper(static_cast<unsigned char>(p.raw[k][0])) &&
        !text.empty() && std::islower(static_cast<unsigned char>(text[0]))) {
      return false;
    }
  }
  return true;
}

bool DictionaryLexicon::Resolve(const DictPhrase& p, const std::string& date, ActorMatch* m) const {
  if (p.agent >= 0) {
    const AgentEntry& a = dict_.agents[p.agent];
    m->code = a.code;
    m->name = a.noun;
    m->type = ActorType::kAgent;
    m->sector = a.sector;
    m->entry = a.origin + " agent '" + a.noun + "' -> " + a.code;
    return true;
  }
  const ActorEntry& a = dict_.actors[p.actor];
  const DatedCode* best = nullptr;
  for (const auto& c : a.codes) {
    if (!c.ValidOn(date)) continue;
    // The most recently started role wins where two apply (a dated role over an open one).
    if (best == nullptr || c.start > best->start) best = &c;
  }
  // A person out of office is one of the country's elites (CAMEO ELI): "former Prime Minister
  // Justin Trudeau" after 2025-03-14 is CANELI, not an unknown name. Only after the last
  // office of a state role (GOV, MIL, LEG, JUD) has ended.
  DatedCode former;
  if (best == nullptr && a.type == ActorType::kPerson && !date.empty()) {
    const DatedCode* last = nullptr;
    for (const auto& c : a.codes) {
      if (!c.end.empty() && c.end < date && (last == nullptr || c.end > last->end)) last = &c;
    }
    bool open_later = false;  // a role that starts after the date: not "former" yet
    for (const auto& c : a.codes) open_later |= !c.start.empty() && c.start > date;
    if (last != nullptr && !open_later && last->code.size() == 6) {
      const std::string role = last->code.substr(3);
      if (role == "GOV" || role == "MIL" || role == "LEG" || role == "JUD") {
        former.code = last->code.substr(0, 3) + "ELI";
        former.start = last->end;
        former.note = "former: " + last->note;
        best = &former;
      }
    }
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

void DictionaryLexicon::FindActors(const Sentence& s, const std::string& date,
                                   std::vector<ActorMatch>* out) const {
  const int n = static_cast<int>(s.tokens.size());
  if (n == 0 || index_.empty()) return;
  uint64_t stack_hashes[64];
  std::vector<uint64_t> heap_hashes;
  uint64_t* th = stack_hashes;
  if (n > 64) {
    heap_hashes.resize(n);
    th = heap_hashes.data();
  }
  for (int i = 0; i < n; ++i) th[i] = TokenHash(s.tokens[i].text);
  // Every match at every position, then the segmentation covering the most tokens (ties:
  // the longer first match). Greedy longest-first would read "President Xi | Jinping" where
  // "President | Xi Jinping" names the person.
  struct Candidate {
    int start, len;
    ActorMatch match;
  };
  std::vector<Candidate> cands;
  ActorMatch m;
  for (int i = 0; i < n; ++i) {
    uint64_t h = 0;
    for (int k = i; k < n; ++k) {
      h = Chain(h, th[k]);
      auto it = index_.find(h);
      if (it == index_.end()) break;
      const int len = k - i + 1;
      for (uint32_t c = it->second.begin; c < it->second.end; ++c) {
        const DictPhrase& p = (*phrases_)[order_[c]];
        if (static_cast<int>(p.tokens.size()) != len || !Matches(p, s, i)) continue;
        if (!Resolve(p, date, &m)) continue;  // not valid on this date: a shorter form may be
        cands.push_back({i, len, std::move(m)});
        m = ActorMatch();
        break;
      }
      if (!it->second.has_longer) break;
    }
  }
  if (cands.empty()) return;
  // cands are ordered by start, then by length: scan each start's longest first.
  std::vector<int> cover(n + 1, 0), choice(n + 1, -1);
  size_t end = cands.size();
  for (int i = n - 1; i >= 0; --i) {
    cover[i] = cover[i + 1];
    size_t begin = end;
    while (begin > 0 && cands[begin - 1].start == i) --begin;
    for (size_t c = end; c > begin; --c) {
      const Candidate& x = cands[c - 1];
      int covered = x.len + cover[i + x.len];
      if (covered > cover[i]) {
        cover[i] = covered;
        choice[i] = static_cast<int>(c - 1);
      }
    }
    end = begin;
  }
  for (int i = 0; i < n;) {
    if (choice[i] < 0) {
      ++i;
      continue;
    }
    Candidate& x = cands[choice[i]];
    x.match.first = i;
    x.match.last = i + x.len - 1;
    out->push_back(std::move(x.match));
    i += x.len;
  }
}

std::vector<ActorMatch> DictionaryLexicon::Lookup(const std::vector<std::string>& tokens,
                                                  const std::string& date) const {
  Sentence s;
  s.tokens.resize(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) s.tokens[i].text = tokens[i];
  std::vector<ActorMatch> out;
  FindActors(s, date, &out);
  return out;
}

std::vector<ActorMatch> DictionaryLexicon::Lookup(const std::string& phrase,
                                                  const std::string& date) const {
  Sentence s;
  for (const Sentence& x : SplitAndTokenize(Normalize(phrase))) {
    s.tokens.insert(s.tokens.end(), x.tokens.begin(), x.tokens.end());
  }
  std::vector<ActorMatch> out;
  FindActors(s, date, &out);
  return out;
}

PhraseCoding DictionaryLexicon::Code(const std::string& phrase, const std::string& date) const {
  PhraseCoding c;
  c.parts = Lookup(phrase, date);
  const ActorMatch *place = nullptr, *named = nullptr, *agent = nullptr;
  for (const ActorMatch& m : c.parts) {
    if (m.type == ActorType::kAgent) {
      if (agent == nullptr) agent = &m;
    } else if (IsPlaceLike(m.type)) {
      if (place == nullptr) place = &m;
    } else if (named == nullptr) {
      named = &m;
    }
  }
  if (named != nullptr) {
    // A person or organisation is coded by its own entry ("Russian Foreign Minister Sergei
    // Lavrov" is Lavrov's code; "NATO Secretary General" is NATO's).
    c.code = named->code;
  } else if (place != nullptr && agent != nullptr) {
    // Same rule as the coder: a seat of power gives its country, a bare country code takes
    // the agent's role, an already-roled code stays.
    if (place->type == ActorType::kMetonym) {
      c.code = place->code.substr(0, 3) + agent->code;
    } else if (place->code.size() == 3) {
      c.code = place->code + agent->code;
    } else {
      c.code = place->code;
    }
  } else if (place != nullptr) {
    c.code = place->code;
  } else if (agent != nullptr) {
    c.code = agent->code;
  }
  for (const ActorMatch& m : c.parts) {
    if (!c.explanation.empty()) c.explanation += " + ";
    c.explanation += m.code + " [" + m.entry + "]";
  }
  if (!c.code.empty()) c.explanation += " => " + c.code;
  return c;
}

}  // namespace dyad
