#include "src/code/verb_repair.h"

#include <cctype>

#include "src/util/text_case.h"

namespace dyad {
namespace {

bool OneOf(const std::string& tag, std::initializer_list<std::string_view> tags) {
  for (std::string_view t : tags) {
    if (tag == t) return true;
  }
  return false;
}

bool Finite(const Token& t) { return OneOf(t.xpos, {"VBD", "VBZ", "VBP", "MD"}); }

// The tag `w` takes as a form of a dictionary verb: VBZ ("issues") or VBP ("accuse", a base
// form) for a present-tense reading, VBD ("advanced") for a participle's; "" when it is none.
std::string VerbTag(const std::string& w, bool participle, const VerbLemma& lemma) {
  if (participle) return w.size() >= 5 && w.ends_with("ed") && !lemma(w, "VBD").empty() ? "VBD" : "";
  // "discuss", "press": a base form ending in s.
  const bool third_person = w.size() > 3 && w.back() == 's' && !w.ends_with("ss");
  if (third_person) return !lemma(w, "VBZ").empty() ? "VBZ" : "";
  return lemma(w, "VBP") == w ? "VBP" : "";
}

}  // namespace

std::vector<std::string> RepairFiniteVerb(const Sentence& s,
                                          const VerbLemma& lemma,
                                          const WordLists& words,
                                          const std::vector<std::string>& forced,
                                          const std::vector<char>& actor_tokens) {
  const auto& t = s.tokens;
  bool any_finite = false;
  for (const Token& k : t) any_finite |= Finite(k);
  bool finite_before = false;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (Finite(t[i - 1])) finite_before = true;
    const std::string& tag = t[i].xpos;
    const bool as_prep = tag == "IN" && !finite_before;
    const bool as_noun = OneOf(tag, {"NN", "NNS", "JJ"}) && !any_finite;
    // "M23 rebels advanced on Goma" read as a reduced relative: a sentence needs a verb.
    const bool as_participle =
        (tag == "VBN" || (tag == "JJ" && t[i].text.ends_with("ed"))) && !any_finite;
    if (!as_prep && !as_noun && !as_participle) continue;
    if (i < forced.size() && !forced[i].empty()) continue;
    const std::string& w = t[i].text;
    if (w.size() < 3 || !std::islower(static_cast<unsigned char>(w[0]))) continue;
    bool alpha = true;
    for (char c : w) alpha &= std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (!alpha || words.Has(WordList::kPrepositionHomographs, w)) continue;
    if (!OneOf(t[i - 1].xpos, {"NN", "NNS", "NNP", "NNPS", "PRP"})) continue;
    if (i - 1 >= actor_tokens.size() || !actor_tokens[i - 1]) continue;
    const std::string& next = t[i + 1].xpos;
    // A number after a noun reading is more often a caption's time than an object
    // ("missile tests 02:25").
    bool object = OneOf(next, {"DT", "NNP", "NNPS", "PRP", "PRP$", "JJ"});
    if (as_prep || as_participle) object |= OneOf(next, {"CD", "NN", "NNS", "RP", "IN", "TO", "RB"});
    // "members killed in a strike", "a tank destroyed by drones": a headline's passive.
    if (as_participle && words.Has(WordList::kPassiveParticipleMarks, Lower(t[i + 1].text))) continue;
    if (!object) continue;
    const std::string fixed = VerbTag(w, as_participle, lemma);
    if (fixed.empty()) continue;
    std::vector<std::string> out = forced;
    out.resize(t.size());
    out[i] = fixed;
    return out;
  }
  return {};
}

}  // namespace dyad
