// Document: an article split into sentences and tokens, later tagged and parsed.
// Every span is a byte range [begin, end) into the article's original text, so any
// token, sentence or event can be shown in the text it came from.
//
//   for (const dyad::Sentence& s : doc.sentences)
//     for (const dyad::Token& t : s.tokens)
//       std::cout << t.text << " " << article.text.substr(t.begin, t.end - t.begin);
#ifndef DYAD_DOCUMENT_H_
#define DYAD_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace dyad {

struct Token {
  uint32_t begin = 0;  // byte offset in Article::text
  uint32_t end = 0;    // one past the last byte in Article::text
  // The token's normalised form (NFC, ASCII quotes and dashes): what the tagger,
  // parser and dictionaries see. May differ from the original bytes.
  std::string text;
  bool space_after = true;  // whitespace follows in the original text

  // Filled by the tagger, lemmatiser and parser; empty / -1 before.
  std::string xpos;   // Penn Treebank tag ("NNP")
  std::string upos;   // Universal POS ("PROPN")
  std::string lemma;  // "meet" for "met"
  int head = -1;      // 0-based index of the head token in the sentence; -1 for the root
  std::string deprel; // UD v2 relation ("nsubj", "obl:agent", "root")
};

struct Sentence {
  uint32_t begin = 0;  // byte offset of the first byte in Article::text
  uint32_t end = 0;    // one past the last byte
  std::vector<Token> tokens;
};

struct Document {
  std::string article_id;
  std::string language;  // detected ISO 639-1 code, "" when undetermined
  std::vector<Sentence> sentences;
};

}  // namespace dyad

#endif  // DYAD_DOCUMENT_H_
