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

// The present-tense tag `w` takes as a dictionary verb, or "" when it is none.
std::string PresentTag(const std::string& w, const std::function<bool(std::string_view)>& has_verb) {
  // "discuss", "press": a base form ending in s.
  if (w.ends_with("ss")) return has_verb(w) ? "VBP" : "";
  if (w.size() > 3 && w.back() == 's') {
    if (w.ends_with("ies") && has_verb(w.substr(0, w.size() - 3) + "y")) return "VBZ";
    if (w.ends_with("es") && has_verb(w.substr(0, w.size() - 2))) return "VBZ";
    if (has_verb(w.substr(0, w.size() - 1))) return "VBZ";
    return "";
  }
  return has_verb(w) ? "VBP" : "";
}

// Whether `w`, an -ed form, is a dictionary verb's past ("advanced", "shelled", "stopped",
// "occupied").
bool DictionaryPast(const std::string& w, const std::function<bool(std::string_view)>& has_verb) {
  if (w.size() < 5 || !w.ends_with("ed")) return false;
  const std::string stem = w.substr(0, w.size() - 2);
  if (has_verb(stem) || has_verb(stem + "e")) return true;
  if (stem.ends_with("i") && has_verb(stem.substr(0, stem.size() - 1) + "y")) return true;
  const size_t n = stem.size();
  return n >= 2 && stem[n - 1] == stem[n - 2] && has_verb(stem.substr(0, n - 1));
}

}  // namespace

std::vector<std::string> RepairFiniteVerb(const Sentence& s,
                                          const std::function<bool(std::string_view)>& has_verb,
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
    std::string fixed = as_participle ? (DictionaryPast(w, has_verb) ? "VBD" : "")
                                      : PresentTag(w, has_verb);
    if (fixed.empty()) continue;
    std::vector<std::string> out = forced;
    out.resize(t.size());
    out[i] = fixed;
    return out;
  }
  return {};
}

}  // namespace dyad
