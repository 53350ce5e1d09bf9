// CoNLL-U reading and writing (Universal Dependencies v2 format).
#ifndef DYAD_NLP_CONLLU_H_
#define DYAD_NLP_CONLLU_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct ConlluWord {
  std::string form, lemma, upos, xpos, feats, deps, misc;
  int head = 0;  // 1-based, 0 = root
  std::string deprel;
  bool space_after = true;  // from MISC SpaceAfter=No
};

// A multiword token line ("3-4 don't"): covers words [first, last] (1-based).
struct ConlluMultiword {
  int first = 0, last = 0;
  std::string form;
  bool space_after = true;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // without "# "
  std::string sent_id, text;
  bool new_doc = false, new_par = false;
  std::vector<ConlluWord> words;      // empty nodes (8.1) are skipped
  std::vector<ConlluMultiword> multiwords;
  int line = 0;                       // first line of the sentence, for messages
};

// Reads every sentence of a CoNLL-U stream. Malformed lines are errors naming
// "name:line" (Corruption); nothing is skipped silently.
Result<std::vector<ConlluSentence>> ReadConllu(std::istream& in, const std::string& name);
Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path);

// Writes one sentence (comments, multiword lines, words) and the blank line after it.
void WriteConllu(const ConlluSentence& s, std::ostream& out);

// The raw text of a sentence rebuilt from its surface tokens and SpaceAfter=No.
std::string RebuildText(const ConlluSentence& s);

}  // namespace dyad

#endif  // DYAD_NLP_CONLLU_H_
