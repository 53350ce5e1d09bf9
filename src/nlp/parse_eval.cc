#include "src/nlp/parse_eval.h"

#include <cctype>

namespace dyad {
namespace {
// Lemma comparison ignores case for proper nouns only where the treebank is inconsistent;
// everything else must match exactly.
bool SameLemma(const std::string& a, const std::string& b) { return a == b; }
}  // namespace

ParseScore EvaluateAnalyzer(const Analyzer& a, const std::vector<ConlluSentence>& gold,
                            const std::function<bool(const ConlluSentence&)>& keep,
                            const std::function<std::vector<ParseUnit>(const Sentence&)>& units) {
  ParseScore sc;
  for (const ConlluSentence& g : gold) {
    if (keep && !keep(g)) continue;
    Sentence s;
    for (const ConlluWord& w : g.words) {
      Token t;
      t.text = w.form;
      s.tokens.push_back(t);
    }
    if (units) {
      a.Tag(&s);
      a.Parse(&s, units(s));
    } else {
      a.Analyze(&s);
    }
    for (size_t i = 0; i < g.words.size(); ++i) {
      const ConlluWord& w = g.words[i];
      const Token& t = s.tokens[i];
      ++sc.words;
      sc.upos += t.upos == w.upos;
      sc.xpos += t.xpos == w.xpos;
      sc.lemma += SameLemma(t.lemma, w.lemma);
      bool head_ok = t.head + 1 == w.head;
      sc.uas += head_ok;
      // Labels compare with their subtypes (nsubj:pass, obl:agent), as UD's LAS does.
      sc.las += head_ok && t.deprel == w.deprel;
      sc.las_ud += head_ok && t.deprel.substr(0, t.deprel.find(':')) == w.deprel.substr(0, w.deprel.find(':'));
    }
  }
  return sc;
}

}  // namespace dyad
