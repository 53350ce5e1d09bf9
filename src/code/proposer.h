// The learned event proposer (issue 10, deliverable 7). Where the hand-written patterns
// code nothing between two actors a sentence names, an averaged perceptron trained on the
// dev split of the real-news gold (testdata/real-news) scores the pair: no event, or a CAMEO
// root, from the dependency path that joins the two actors, the words on it, the
// predicate that governs them and the actors' sectors.
//
//   auto p = EventProposer::LoadFile("data/models/proposer.bin");
//   ProposerFeatureSet f = ProposerFeatures(sentence, src_head, tgt_head, src, tgt);
//   ProposerGuess g = (*p)->Guess(f.hashes);
//   if (g.cls > 0 && g.margin >= (*p)->threshold()) emit(g.code, f.anchor);
//
// Training (`dyad train proposer`, tools/cmd_train_proposer.cc): ProposerTrainer::Add for
// every candidate pair of the dev articles, labelled from the gold, then Train().
#ifndef DYAD_CODE_PROPOSER_H_
#define DYAD_CODE_PROPOSER_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/status.h"
#include "src/nlp/perceptron.h"

namespace dyad {

// Classes: 0 = no event, 1..20 = CAMEO roots "01".."20".
inline constexpr int kProposerClasses = 21;
// "01".."20" for 1..20; empty for 0 or out of range.
std::string ProposerRoot(int cls);
// 1..20 for "01".."20" (or a longer code starting with them); 0 otherwise.
int ProposerClass(const std::string& code);

struct ProposerFeatureSet {
  std::vector<uint64_t> hashes;
  int anchor = -1;    // token the event hangs on: the lowest common ancestor of both actors
                      // (without a target: the nearest verb above the source)
  std::string path;   // "nsubj>meet<obl:with", for the event's reason
};

// Features of the candidate "the actor at src_head acts on the actor at tgt_head" in a
// parsed sentence (tgt_head -1: an event without a target). `src` / `tgt` give the sectors
// and types. Tokens outside the sentence or a cyclic tree give an empty set.
// `dict_code`, when given, names the event code the dictionaries give a word on its own
// (its first verb pattern, or its event-noun entry; empty for none): the model learns when
// to trust it, which carries over to words the gold never showed it.
ProposerFeatureSet ProposerFeatures(const Sentence& s, int src_head, int tgt_head,
                                    const Actor& src, const Actor& tgt,
                                    const std::function<std::string(const Token&)>& dict_code = {});

struct ProposerGuess {
  int cls = 0;          // best class other than 0 (1..20), 0 when the model has none
  float margin = 0.0f;  // its score minus the score of "no event"
  std::string code;     // the CAMEO code emitted for that root (the commonest in training)
};

class EventProposer {
 public:
  // Reads a model written by ProposerTrainer::Train + Save. Corruption on a damaged file.
  static Result<std::unique_ptr<EventProposer>> LoadFile(const std::string& path);
  static Result<std::unique_ptr<EventProposer>> Load(std::istream& in);

  // The best event class for `hashes` and its margin over "no event". Thread-safe.
  ProposerGuess Guess(const std::vector<uint64_t>& hashes) const;

  // Minimum margin at which a guess is emitted (chosen by cross-validation on dev).
  float threshold() const { return threshold_; }
  void set_threshold(float t) { threshold_ = t; }
  Status Save(std::ostream& out) const;
  // What the model was trained on, one line ("dev split, 1453 sentences, ..."); part of the
  // coder's version fingerprint.
  const std::string& provenance() const { return provenance_; }
  size_t num_weights() const { return model_.num_weights(); }

 private:
  friend class ProposerTrainer;
  AveragedPerceptron model_{kProposerClasses};
  float threshold_ = 0.0f;
  std::map<int, std::string> codes_;  // class -> code to emit
  std::string provenance_;
};

class ProposerTrainer {
 public:
  // One training example: `label` 0 (no event) or a class 1..20; `code` the gold code of a
  // positive example (counted to choose each root's emitted code).
  void Add(std::vector<uint64_t> hashes, int label, const std::string& code = "");
  size_t size() const { return examples_.size(); }
  // Trains an averaged perceptron for `epochs` passes in an order shuffled by `seed`;
  // guesses then need a margin of `threshold` over "no event".
  std::unique_ptr<EventProposer> Train(int epochs, uint64_t seed, float threshold,
                                       const std::string& provenance) const;

 private:
  struct Example {
    std::vector<uint64_t> hashes;
    int label;
  };
  std::vector<Example> examples_;
  std::map<int, std::map<std::string, int>> code_counts_;
};

}  // namespace dyad

#endif  // DYAD_CODE_PROPOSER_H_
