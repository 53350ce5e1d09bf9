#include "dyad/lexicon.h"

#include <algorithm>
#include <cctype>

namespace dyad {

int VerbPattern::Specificity() const {
  int n = 1 + static_cast<int>(particles.size()) + (object_target || object_source ? 1 : 0) +
          (object_nouns.empty() ? 0 : 2) + static_cast<int>(object_mods.size()) +
          (xcomp.empty() ? 0 : 2);
  for (const auto& s : slots) n += s.kind == PatternSlot::Kind::kNoun ? 2 : 1;
  return n;
}

void PatternSet::Add(VerbPattern p) {
  std::string verb = p.verb;
  by_verb_[verb].push_back(std::move(p));
  ++size_;
}

std::vector<const VerbPattern*> PatternSet::All() const {
  std::vector<const VerbPattern*> out;
  for (const auto& [verb, v] : by_verb_) {
    for (const auto& p : v) out.push_back(&p);
  }
  return out;
}

const std::vector<VerbPattern>& PatternSet::ForVerb(std::string_view lemma) const {
  static const std::vector<VerbPattern> kNone;
  auto it = by_verb_.find(std::string(lemma));
  return it == by_verb_.end() ? kNone : it->second;
}

namespace {
bool IsNumber(const std::string& t) {
  bool digit = false;
  for (char c : t) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digit = true;
    else if (c != '-' && c != '.' && c != ',' && c != ':')
      return false;
  }
  return digit;
}
}  // namespace

namespace {
bool IsWildcard(const std::string& w) { return w == "*" || w == "#" || w == "<num>"; }
}  // namespace

DiscardMatcher::DiscardMatcher(const std::vector<DiscardRule>& rules) : rules_(&rules) {
  for (uint32_t i = 0; i < rules.size(); ++i) {
    const auto& toks = rules[i].tokens;
    // The longest concrete word is the key: it is the rarest, as a rule ("the dow ...") must
    // not be tried on every sentence with "the".
    auto key = toks.end();
    for (auto it = toks.begin(); it != toks.end(); ++it) {
      if (!IsWildcard(*it) && (key == toks.end() || it->size() > key->size())) key = it;
    }
    if (key == toks.end()) {
      always_.push_back(i);
    } else {
      by_word_[*key].push_back(i);
    }
  }
}

bool DiscardMatcher::Matches(const Sentence& s, const DiscardRule** rule) const {
  const int n = static_cast<int>(s.tokens.size());
  // Per-thread buffers keep their capacity between sentences (this runs on every one).
  thread_local std::vector<std::string> low, low_lemma;
  thread_local std::vector<uint32_t> candidates;
  if (static_cast<int>(low.size()) < n) {
    low.resize(n);
    low_lemma.resize(n);
  }
  auto lower_into = [](const std::string& from, std::string* to) {
    to->assign(from);
    for (char& c : *to) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  // Only rules whose key word occurs in the sentence (as form or lemma) are
  // tried: one lookup per token instead of every rule at every position.
  candidates.assign(always_.begin(), always_.end());
  for (int i = 0; i < n; ++i) {
    lower_into(s.tokens[i].text, &low[i]);
    lower_into(s.tokens[i].lemma.empty() ? s.tokens[i].text : s.tokens[i].lemma, &low_lemma[i]);
    for (const std::string* w : {&low[i], &low_lemma[i]}) {
      auto it = by_word_.find(*w);
      if (it != by_word_.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      if (low[i] == low_lemma[i]) break;
    }
  }
  if (candidates.empty()) return false;
  std::sort(candidates.begin(), candidates.end());  // file order decides which rule is named
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (uint32_t c : candidates) {
    const DiscardRule& r = (*rules_)[c];
    const int m = static_cast<int>(r.tokens.size());
    if (m == 0 || m > n) continue;
    for (int i = 0; i + m <= n; ++i) {
      bool ok = true;
      for (int k = 0; k < m && ok; ++k) {
        const std::string& want = r.tokens[k];
        if (want == "*") continue;
        if (want == "#" || want == "<num>")
          ok = IsNumber(low[i + k]);
        else
          ok = want == low[i + k] || want == low_lemma[i + k];
      }
      if (ok) {
        if (rule != nullptr) *rule = &r;
        return true;
      }
    }
  }
  return false;
}

bool MatchesDiscard(const Sentence& s, const std::vector<DiscardRule>& rules,
                    const DiscardRule** rule) {
  return DiscardMatcher(rules).Matches(s, rule);
}

}  // namespace dyad
