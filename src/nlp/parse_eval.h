// Accuracy of the tagger, lemmatiser and parser on gold CoNLL-U (gold tokenisation).
#ifndef DYAD_NLP_PARSE_EVAL_H_
#define DYAD_NLP_PARSE_EVAL_H_

#include <functional>
#include <vector>

#include "dyad/nlp.h"
#include "src/nlp/conllu.h"

namespace dyad {

struct ParseScore {
  long long words = 0, upos = 0, xpos = 0, lemma = 0, uas = 0;
  long long las = 0;       // label with subtype (nsubj:pass) must match
  long long las_ud = 0;    // CoNLL 2018 LAS: universal part of the label only
  double Pct(long long n) const { return words ? 100.0 * n / words : 0; }
};

// Tags, lemmatises and parses every sentence on its gold tokens and compares.
// `units`, when given, names the spans each sentence keeps as one phrase (tagged first,
// then parsed with Analyzer::Parse(s, units)): the dictionaries' names, for instance.
ParseScore EvaluateAnalyzer(
    const Analyzer& a, const std::vector<ConlluSentence>& gold,
    const std::function<bool(const ConlluSentence&)>& keep = nullptr,
    const std::function<std::vector<ParseUnit>(const Sentence&)>& units = nullptr);

}  // namespace dyad

#endif  // DYAD_NLP_PARSE_EVAL_H_
