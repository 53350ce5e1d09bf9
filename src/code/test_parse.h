// Test helper: a parsed sentence from hand-written rows "FORM LEMMA UPOS HEAD DEPREL"
// (HEAD 1-based, 0 = root). Byte spans are computed as if tokens were separated by single
// spaces; the text is appended to *text when given.
#ifndef DYAD_CODE_TEST_PARSE_H_
#define DYAD_CODE_TEST_PARSE_H_

#include <cctype>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "dyad/document.h"
#include "src/code/conventions.h"
#include "dyad/lexicon.h"
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

// A tiny in-memory lexicon for tests: lowercased phrase -> match template.
class TestLexicon : public ActorLexicon {
 public:
  void Add(const std::string& phrase, const std::string& code, const std::string& type,
           const std::string& country = "") {
    ActorType t = ActorType::kNone;
    EXPECT_TRUE(ParseActorType(type, &t)) << type;
    entries_[phrase] = {0, 0, code, phrase, t, country, "", "test:" + phrase};
  }
  void FindActors(const Sentence& s, const std::string&,
                  std::vector<ActorMatch>* out) const override {
    const int n = static_cast<int>(s.tokens.size());
    for (int i = 0; i < n;) {
      int best = -1;
      std::string key, best_key;
      for (int j = i; j < n && j < i + 6; ++j) {
        std::string t = s.tokens[j].text;
        for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        key += (j > i ? " " : "") + t;
        if (entries_.count(key)) {
          best = j;
          best_key = key;
        }
      }
      if (best < 0) {
        ++i;
        continue;
      }
      ActorMatch m = entries_.at(best_key);
      m.first = i;
      m.last = best;
      out->push_back(m);
      i = best + 1;
    }
  }

 private:
  std::map<std::string, ActorMatch> entries_;
};

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
