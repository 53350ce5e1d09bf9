// Part-of-speech tagger: greedy left-to-right averaged perceptron predicting a joint
// "XPOS|UPOS" label (PTB tag and Universal POS at once, so AUX/VERB and PROPN/ADJ are
// decided in context), with a tag dictionary for frequent unambiguous words. With word
// clusters (clusters.h) it adds cluster and case-class features of the word and its neighbours.
#ifndef DYAD_NLP_TAGGER_H_
#define DYAD_NLP_TAGGER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"
#include "src/nlp/conllu.h"
#include "src/nlp/perceptron.h"

namespace dyad {

class WordClusters;

struct TaggerTrainOptions {
  int epochs = 10;          // passes over the training data
  uint64_t seed = 1;        // shuffling; training is deterministic for a seed
  int tagdict_min_count = 20;      // words seen this often ...
  double tagdict_min_share = 0.97; // ... with one label this often go in the tag dictionary
  float prune = 0.0f;       // drop averaged weights below this magnitude
  bool verbose = false;     // per-epoch accuracy on stderr
  // Word clusters for cluster features (not owned; must outlive the tagger); nullptr: none.
  const WordClusters* clusters = nullptr;
};

class Tagger {
 public:
  // Trains on gold sentences; `dev` (may be empty) is scored after every epoch when verbose.
  static Result<std::unique_ptr<Tagger>> Train(const std::vector<ConlluSentence>& train,
                                               const std::vector<ConlluSentence>& dev,
                                               const TaggerTrainOptions& options);
  static Result<std::unique_ptr<Tagger>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Tags `words`; writes xpos and upos (same length as words). Thread-safe.
  void Tag(const std::vector<std::string_view>& words, std::vector<std::string>* xpos,
           std::vector<std::string>* upos) const;
  // As Tag, with some tags fixed in advance (`forced[i]` a PTB tag, or empty): the
  // following words are then tagged in the light of the fixed ones.
  void Tag(const std::vector<std::string_view>& words, const std::vector<std::string>& forced,
           std::vector<std::string>* xpos, std::vector<std::string>* upos) const;

  size_t num_weights() const { return model_.num_weights(); }
  // Word clusters for the cluster features (not owned; nullptr: none). A model trained with
  // clusters must be given the same ones; a model trained without them ignores them.
  void set_clusters(const WordClusters* c) { clusters_ = uses_clusters_ ? c : nullptr; }
  // True when the model was trained with cluster features (its file is then DYADTAG2).
  bool uses_clusters() const { return uses_clusters_; }

 private:
  Tagger() = default;
  struct Label {
    std::string xpos, upos;
  };
  struct Context;
  static constexpr size_t kBaseFeatures = 26;
  static constexpr size_t kClusterFeatures = 16;
  static constexpr size_t kMaxFeatures = kBaseFeatures + kClusterFeatures;
  int Predict(const uint64_t* feats, size_t n, std::vector<float>* scores) const;
  // Writes the feature hashes of word i to `out` and returns how many (kBaseFeatures, plus
  // kClusterFeatures when x has clusters); x was Reset() to the sentence.
  static size_t Features(Context& x, const std::vector<int>& tags, size_t i, uint64_t* out);

  std::vector<Label> labels_;
  std::unordered_map<uint64_t, uint16_t> tagdict_;  // lowercase word hash -> label
  AveragedPerceptron model_;
  const WordClusters* clusters_ = nullptr;
  bool uses_clusters_ = false;
};

// Hash of a string (FNV-1a 64) used for words and affixes in features.
uint64_t HashStr(std::string_view s);
// HashStr of the string with ASCII A-Z lowercased (as std::tolower in the "C" locale),
// without building the lowercase copy.
uint64_t HashLower(std::string_view s);

}  // namespace dyad

#endif  // DYAD_NLP_TAGGER_H_
