// Internal helpers shared by the coder's stages (not a public header).
#ifndef DYAD_CODE_CODER_UTIL_H_
#define DYAD_CODE_CODER_UTIL_H_

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/document.h"
#include "src/code/clause.h"
#include "src/util/text_case.h"

namespace dyad {
namespace coder_util {

// One case fold for the whole engine (utf8proc, ASCII fast path).
using ::dyad::Lower;

inline std::string LemmaOf(const Token& t) { return Lower(t.lemma.empty() ? t.text : t.lemma); }

inline std::string Base(const std::string& rel) {
  size_t c = rel.find(':');
  return c == std::string::npos ? rel : rel.substr(0, c);
}

inline bool InList(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// A noun matches a pattern noun by lemma or by its lowercased form ("ties" / "tie").
inline bool NounMatches(const Token& t, const std::vector<std::string>& nouns) {
  return InList(nouns, LemmaOf(t)) || InList(nouns, Lower(t.text));
}

inline bool IsPronoun(const Token& t) { return t.upos == "PRON" || t.xpos == "PRP"; }

inline bool IsProperNoun(const Token& t) {
  return t.upos == "PROPN" || t.xpos.rfind("NNP", 0) == 0;
}

inline bool IsAgentType(ActorType type) { return type == ActorType::kAgent; }

inline bool IsPersonType(ActorType type) { return type == ActorType::kPerson; }

// The preposition(s) marking dependent `i` ("on", "because_of"); "" when none.
inline std::string CaseOf(const Sentence& s, int i) {
  std::string prep;
  for (const Token& t : s.tokens) {
    if (t.head == i && Base(t.deprel) == "case") prep += (prep.empty() ? "" : "_") + LemmaOf(t);
  }
  return prep;
}

// Whether dependent `i` names the owner or doer of its head noun: a possessor ("Russia's
// decision") or a by/from phrase ("the decision by Russia", "a proposal from Egypt").
inline bool IsOwnerOrAgent(const Sentence& s, int i) {
  const std::string& rel = s.tokens[i].deprel;
  if (rel == "nmod:poss") return true;
  if (Base(rel) != "nmod") return false;
  const std::string prep = CaseOf(s, i);
  return prep == "by" || prep == "from";
}

// Case-marked nominal dependents of a noun ("sanctions [on Russia]").
inline std::vector<Oblique> NounObliques(const Sentence& s, int head) {
  std::vector<Oblique> out;
  const int n = static_cast<int>(s.tokens.size());
  for (int i = 0; i < n; ++i) {
    if (s.tokens[i].head != head || Base(s.tokens[i].deprel) != "nmod") continue;
    std::string prep = CaseOf(s, i);
    if (!prep.empty() && prep != "'s") out.push_back({prep, i});
  }
  return out;
}

// Whether `head` has a dependent with relation `rel` (its base when `rel` has no subtype;
// any when empty) and lemma `lemma` (any when empty).
inline bool HasDependent(const Sentence& s, int head, std::string_view rel,
                         std::string_view lemma) {
  for (const Token& d : s.tokens) {
    if (d.head != head) continue;
    if (!rel.empty() &&
        (rel.find(':') == std::string_view::npos ? Base(d.deprel) : d.deprel) != rel)
      continue;
    if (!lemma.empty() && LemmaOf(d) != lemma) continue;
    return true;
  }
  return false;
}

// Tokens apposed to `head` ("Riyadh, [Saudi Arabia]").
inline std::vector<int> Appositions(const Sentence& s, int head) {
  std::vector<int> out;
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    if (s.tokens[i].head == head && Base(s.tokens[i].deprel) == "appos") {
      out.push_back(static_cast<int>(i));
    }
  }
  return out;
}

// The article text of tokens [first, last]; the tokens joined by spaces when the spans do
// not fit the text (parsed rows in tests).
inline std::string SpanText(const Article& a, const Sentence& s, int first, int last) {
  if (first < 0 || last < first) return std::string();
  uint32_t b = s.tokens[first].begin, e = s.tokens[last].end;
  if (e > a.text.size() || b > e) {
    std::string out;
    for (int i = first; i <= last; ++i) out += (i > first ? " " : "") + s.tokens[i].text;
    return out;
  }
  return a.text.substr(b, e - b);
}

}  // namespace coder_util
}  // namespace dyad

#endif  // DYAD_CODE_CODER_UTIL_H_
