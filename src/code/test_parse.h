// Test helper: a parsed sentence from hand-written rows "FORM LEMMA UPOS HEAD DEPREL"
// (HEAD 1-based, 0 = root). Byte spans are computed as if tokens were separated by single
// spaces; the text is appended to *text when given.
#ifndef DYAD_CODE_TEST_PARSE_H_
#define DYAD_CODE_TEST_PARSE_H_

#include <sstream>
#include <stdexcept>
#include <string>

#include "dyad/document.h"
#include "src/code/conventions.h"
#include "src/code/word_lists.h"
#include "src/util/paths.h"

namespace dyad {

inline Sentence ParseRows(const std::string& rows, std::string* text = nullptr) {
  std::string local;
  if (text == nullptr) text = &local;
  Sentence s;
  std::istringstream in(rows);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    Token t;
    int head;
    if (!(f >> t.text >> t.lemma >> t.upos >> head >> t.deprel)) continue;
    t.head = head - 1;
    if (!text->empty()) *text += " ";
    t.begin = static_cast<uint32_t>(text->size());
    *text += t.text;
    t.end = static_cast<uint32_t>(text->size());
    s.tokens.push_back(t);
  }
  s.begin = 0;
  s.end = static_cast<uint32_t>(text->size());
  return s;
}

// dyad's own word lists and CAMEO conventions (data/conventions/), loaded once; a test that
// uses them fails loudly when the files do not parse.
inline const WordLists& TestWords() {
  static const WordLists kWords = [] {
    auto w = WordLists::LoadFile(DataDir() + "/conventions/word_lists.txt");
    if (!w.ok()) throw std::runtime_error(w.status().ToString());
    return std::move(w).value();
  }();
  return kWords;
}

inline const CameoConventions& TestConventions() {
  static const CameoConventions kConventions = [] {
    auto c = CameoConventions::LoadFile(DataDir() + "/conventions/cameo_conventions.txt");
    if (!c.ok()) throw std::runtime_error(c.status().ToString());
    return std::move(c).value();
  }();
  return kConventions;
}

}  // namespace dyad

#endif  // DYAD_CODE_TEST_PARSE_H_
