// Small read-only queries over a parsed sentence shared by the coder's stages.
#ifndef DYAD_CODE_TREE_H_
#define DYAD_CODE_TREE_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/document.h"

namespace dyad {
namespace tree {

// ASCII lowercase: lemmas and the word lists are ASCII; other bytes pass through.
inline std::string Fold(std::string_view s) {
  std::string o(s);
  for (char& c : o) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return o;
}

// The token's lemma, or its form when it has none, lowercased.
inline std::string Lemma(const Token& t) { return Fold(t.lemma.empty() ? t.text : t.lemma); }

// "nsubj:pass" -> "nsubj".
inline std::string_view BaseRel(std::string_view rel) { return rel.substr(0, rel.find(':')); }

// Whether `head` has a dependent with relation `rel` (its base when `rel` has no subtype;
// any when empty) and lemma `lemma` (any when empty).
inline bool HasDependent(const Sentence& s, int head, std::string_view rel,
                         std::string_view lemma) {
  for (const Token& d : s.tokens) {
    if (d.head != head) continue;
    if (!rel.empty() &&
        (rel.find(':') == std::string_view::npos ? BaseRel(d.deprel) : std::string_view(d.deprel)) !=
            rel)
      continue;
    if (!lemma.empty() && Lemma(d) != lemma) continue;
    return true;
  }
  return false;
}

// Tokens apposed to `head` ("Riyadh, [Saudi Arabia]").
inline std::vector<int> Appositions(const Sentence& s, int head) {
  std::vector<int> out;
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    if (s.tokens[i].head == head && BaseRel(s.tokens[i].deprel) == "appos") {
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

}  // namespace tree
}  // namespace dyad

#endif  // DYAD_CODE_TREE_H_
