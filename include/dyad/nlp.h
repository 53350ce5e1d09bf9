// Tagging, lemmatisation and dependency parsing of tokenised sentences with dyad's own
// models (data/models/, trained on Universal Dependencies English; see doc/parser.md).
//
//   auto analyzer = dyad::Analyzer::Load();          // data/models by default
//   if (!analyzer.ok()) return analyzer.status();
//   for (dyad::Sentence& s : doc.sentences) (*analyzer)->Analyze(&s);
//   // s.tokens[i].xpos, .upos, .lemma, .head (0-based, -1 = root), .deprel
#ifndef DYAD_NLP_H_
#define DYAD_NLP_H_

#include <memory>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

class Tagger;
class Parser;
class Lemmatizer;
class WordClusters;

// A span of tokens the parser must keep as one phrase: a name or title + name the
// dictionaries know ("Russian President Vladimir Putin"). Every token of the span except
// `head` attaches inside the span, and no token outside attaches to one of them but `head`.
struct ParseUnit {
  int first = 0;  // 0-based token index of the span's first token
  int last = 0;   // 0-based index of its last token (inclusive)
  int head = 0;   // 0-based index of the token that carries the span's own attachment
};

class Analyzer {
 public:
  // Loads tagger.bin and parser.bin from `model_dir` (default: DataDir()/models), the word
  // clusters clusters.bin when present (used by models trained with cluster features; absent:
  // no cluster features, lower accuracy for such models) and the WordNet lemma lists. NotFound / Corruption with the file named when one is missing or
  // damaged.
  static Result<std::unique_ptr<Analyzer>> Load(const std::string& model_dir = "");
  ~Analyzer();

  // Fills xpos, upos, lemma, head and deprel of every token. Thread-safe (const).
  void Analyze(Sentence* s) const;

  // As Analyze, but tokens whose `forced_xpos` entry is not empty keep that PTB tag (and its
  // UPOS) instead of the tagger's: known names from the dictionaries are proper nouns
  // ("Mali cut ties" is not an adjective). forced_xpos has one entry per token or is empty.
  void Analyze(Sentence* s, const std::vector<std::string>& forced_xpos) const;

    // Only tags and lemmatises (no parse): for callers that need POS alone.
  void Tag(Sentence* s) const;
  // As Tag, with `forced_xpos` as in Analyze. Tag then Parse gives exactly Analyze's result,
  // so a caller can look at the tags before paying for the parse.
  void Tag(Sentence* s, const std::vector<std::string>& forced_xpos) const;
  // Fills head and deprel from the tokens' text and xpos (set by Tag). Thread-safe.
  void Parse(Sentence* s) const;
  // As Parse, keeping each of `units` one phrase (constrained decoding; where the
  // constraints leave the parser no move it continues unconstrained, and tokens of a unit
  // left outside it are attached to the unit's head). Units must not overlap.
  void Parse(Sentence* s, const std::vector<ParseUnit>& units) const;

  const Tagger& tagger() const { return *tagger_; }
  const Parser& parser() const { return *parser_; }
  const Lemmatizer& lemmatizer() const { return *lemmatizer_; }

 private:
  Analyzer() = default;
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<Parser> parser_;
  std::unique_ptr<Lemmatizer> lemmatizer_;
  std::unique_ptr<WordClusters> clusters_;
};

}  // namespace dyad

#endif  // DYAD_NLP_H_
