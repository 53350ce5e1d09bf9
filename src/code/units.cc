#include "src/code/units.h"

#include <algorithm>

namespace dyad {
namespace {

bool IsOf(const Token& t) { return t.text == "of" || t.text == "Of"; }

}  // namespace

std::vector<ParseUnit> LexiconUnits(const Sentence& s, const std::vector<ActorMatch>& matches) {
  const int n = static_cast<int>(s.tokens.size());
  // The match ending at each token, by kind, for the leftward extension over titles.
  std::vector<const ActorMatch*> agent_ending(n, nullptr), modifier_ending(n, nullptr);
  for (const ActorMatch& m : matches) {
    if (m.first < 0 || m.last >= n || m.first > m.last) continue;
    if (m.type == ActorType::kAgent) {
      agent_ending[m.last] = &m;
    } else if (m.type == ActorType::kAdjective || m.type == ActorType::kCountry) {
      modifier_ending[m.last] = &m;
    }
  }
  std::vector<ParseUnit> out;
  std::vector<bool> taken(n, false);
  for (const ActorMatch& m : matches) {
    if (m.first < 0 || m.last >= n || m.first > m.last) continue;
    if (m.type == ActorType::kAgent || m.type == ActorType::kAdjective) continue;
    ParseUnit u;
    u.first = m.first;
    u.last = m.last;
    bool has_of = false;
    for (int i = m.first; i <= m.last; ++i) has_of |= IsOf(s.tokens[i]);
    const bool person = m.type == ActorType::kPerson;
    // "Organization of American States", "Ministry of Defence": the inner phrase has its own
    // structure a merge would flatten (PETRARCH ud_2_02 FP 11.5 -> 12.1 with them as units).
    if (has_of && !person) continue;
    u.head = person ? m.first : m.last;
    if (person) {
      // "Russian President Vladimir Putin": titles, then one nationality, before the name.
      int k = u.first - 1;
      bool titled = false;
      while (k >= 0 && agent_ending[k] != nullptr) {
        u.first = agent_ending[k]->first;
        k = u.first - 1;
        titled = true;
      }
      if (titled && k >= 0 && modifier_ending[k] != nullptr) u.first = modifier_ending[k]->first;
    }
    if (u.first == u.last) continue;
    bool free = true;
    for (int i = u.first; i <= u.last; ++i) free &= !taken[i];
    if (!free) continue;
    for (int i = u.first; i <= u.last; ++i) taken[i] = true;
    out.push_back(u);
  }
  std::sort(out.begin(), out.end(),
            [](const ParseUnit& a, const ParseUnit& b) { return a.first < b.first; });
  return out;
}

}  // namespace dyad
