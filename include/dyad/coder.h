// The event coder: dated articles in, CAMEO + PLOVER events out, each with its evidence
// (byte spans), modality, date, place, confidence and reason.
//
//   auto coder = dyad::Coder::Create(dyad::CoderOptions());
//   if (!coder.ok()) return coder.status();
//   dyad::CodedArticle out = (*coder)->Code(article);   // thread-safe
//   if (!out.status.ok()) skip(article, out.status);    // e.g. not English
//   for (const dyad::Event& e : out.events) ...
//
// Pipeline: normalise -> language check -> sentences/tokens -> (sentences that may hold
// an event) tag + parse -> actors, agents, dates, places -> verb patterns -> events.
#ifndef DYAD_CODER_H_
#define DYAD_CODER_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad {

class Ontology;
struct Dictionary;

struct CoderOptions {
  // Root of ontology tables, dictionaries and models. Default: empty = DataDir().
  std::string data_dir;
  // Dictionary files or directories replacing the built-in data/dict. Default: empty.
  std::vector<std::string> dict_paths;
  // Format of dict_paths: "auto" (detected: PETRARCH-style names or layout -> "petrarch2",
  // else "dyad"), "dyad", "petrarch" (alias of "petrarch2") or "tabari". Default: "auto".
  std::string dict_format = "auto";
  // Where the compiled form of the dictionaries is cached (rebuilt when its sources
  // change). Default: empty = DefaultDictionaryCacheDir() ($DYAD_CACHE_DIR,
  // $XDG_CACHE_HOME/dyad or ~/.cache/dyad); "-" loads the text every time.
  std::string dict_cache_dir;
  // Add Debian iso-codes country names to the actor dictionary. Default: true.
  bool iso_countries = true;
  // Refuse non-English articles. Default: true.
  bool detect_language = true;
  // Resolve places to coordinates with the GeoNames gazetteer when it is installed.
  // Default: true (a missing gazetteer only disables coordinates).
  bool use_gazetteer = true;
  // Emit events whose target was not found. Default: true.
  bool allow_missing_target = true;
  // Diagnostics for dictionary work (`dyad mine`): parse every sentence and list, in
  // CodedArticle::uncoded_predicates, the predicates that join two coded actors but match
  // no pattern. Slower (no sentence is skipped). Default: false.
  bool mine_predicates = false;
  // The learned event proposer (data/models/proposer.bin, trained by `dyad train proposer`
  // on the dev split of the real-news gold): where no pattern codes an event between two
  // actors of a parsed sentence, it may add one, with its own reason. Used with dyad's own
  // dictionaries only (community dictionary sets code as their suites expect).
  // Default: false: in 5-fold cross-validation on the dev split it adds under 1 point of F1
  // (recall 11.2 -> 12.6) and costs 14 points of precision (55.6 -> 41.9), a trade analysts
  // do not want by default (doc/coder.md, "Learned proposer").
  bool use_proposer = false;
  // Model file for the proposer. Default: empty = <data_dir>/models/proposer.bin.
  std::string proposer_path;
  // Minimum margin of a proposed event over "no event". Default: NaN = the model's own
  // threshold (chosen by cross-validation when it was trained).
  float proposer_threshold = std::numeric_limits<float>::quiet_NaN();
  // Training data for the proposer: parse every sentence and list, in
  // CodedArticle::candidates, each actor pair it would score. Slower. Default: false.
  bool collect_candidates = false;
};

// A pair of actors in one sentence that the learned proposer scores (see
// CoderOptions::collect_candidates).
struct EventCandidate {
  uint32_t sentence_begin = 0;  // byte offset of the sentence in Article::text
  std::string source, target;   // full CAMEO actor codes; target empty = no target
  std::vector<uint64_t> features;  // hashed features (src/code/proposer.h)
  std::string path;  // the dependency path between them through their anchor ("nsubj>meet<obj")
  bool covered = false;  // a pattern already coded an event between these actors
};

struct CodedArticle {
  Status status;                 // not OK: the article was skipped (reason in the message)
  std::vector<Sentence> sentences;
  std::vector<Event> events;
  int parsed_sentences = 0;      // sentences that went through the parser
  // With CoderOptions::mine_predicates: one entry per uncoded predicate between two coded
  // actors, in pattern notation ("wage {war} [on +T]", "rebuke +T", "side [with +T]").
  std::vector<std::string> uncoded_predicates;
  // With CoderOptions::collect_candidates: the proposer's candidate pairs, sentence order.
  std::vector<EventCandidate> candidates;
};

class Coder {
 public:
  // Loads ontology, dictionaries (problems are reported on stderr; errors in dictionary
  // lines skip those lines), models and gazetteer.
  static Result<std::unique_ptr<Coder>> Create(const CoderOptions& options);
  ~Coder();

  // Codes one article. Never throws; a skipped article has a non-OK status. Thread-safe.
  CodedArticle Code(const Article& article) const;

  // Fingerprint of the dictionaries and models: stored with every coded article so a
  // changed dictionary can trigger re-coding.
  const std::string& version() const { return version_; }
  const Ontology& ontology() const;
  const Dictionary& dictionary() const;

 private:
  Coder();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string version_;
};

}  // namespace dyad

#endif  // DYAD_CODER_H_
