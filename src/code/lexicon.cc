#include "src/code/lexicon.h"

#include <cctype>
#include <string_view>
#include <unordered_set>

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
std::string Lower(const std::string& s) {
  std::string o = s;
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}
}  // namespace

bool MatchesDiscard(const Sentence& s, const std::vector<DiscardRule>& rules,
                    const DiscardRule** rule) {
  const int n = static_cast<int>(s.tokens.size());
  // Lowercased forms and lemmas once per sentence, and the set of them, so a rule whose
  // first word is absent is rejected by one lookup (this ran as long as parsing when every
  // rule was tried at every position).
  std::vector<std::string> low(n), low_lemma(n);
  std::unordered_set<std::string_view> present;
  for (int i = 0; i < n; ++i) {
    low[i] = Lower(s.tokens[i].text);
    low_lemma[i] = s.tokens[i].lemma.empty() ? low[i] : Lower(s.tokens[i].lemma);
  }
  for (int i = 0; i < n; ++i) {
    present.insert(low[i]);
    present.insert(low_lemma[i]);
  }
  for (const DiscardRule& r : rules) {
    const int m = static_cast<int>(r.tokens.size());
    if (m == 0 || m > n) continue;
    bool possible = true;
    for (const std::string& want : r.tokens) {
      if (want != "*" && want != "#" && want != "<num>" && !present.count(want)) {
        possible = false;
        break;
      }
    }
    if (!possible) continue;
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

}  // namespace dyad
