// Scores dyad's tokeniser and sentence splitter against a UD treebank: the raw text is
// rebuilt from the gold tokens (SpaceAfter=No, paragraphs from # newpar/# newdoc), run
// through Normalize + SplitAndTokenize, and compared by byte spans.
#ifndef DYAD_NLP_TOKENIZE_EVAL_H_
#define DYAD_NLP_TOKENIZE_EVAL_H_

#include <functional>
#include <string>
#include <vector>

#include "src/nlp/conllu.h"

namespace dyad {

struct PrfCounts {
  long long gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? 100.0 * correct / predicted : 0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct TokenizeScore {
  PrfCounts tokens, sentences;
  long long documents = 0;
  // A few mismatches for inspection: "gold: ... | ours: ...".
  std::vector<std::string> examples;
};

// `keep` selects sentences (e.g. PUD's news half: sent_id starting with 'n'); null = all.
TokenizeScore ScoreTokenizer(const std::vector<ConlluSentence>& gold,
                             const std::function<bool(const ConlluSentence&)>& keep = nullptr,
                             size_t max_examples = 0);

}  // namespace dyad

#endif  // DYAD_NLP_TOKENIZE_EVAL_H_
