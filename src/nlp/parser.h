// Dependency parser: greedy arc-eager transition system, averaged perceptron with rich
// (Zhang & Nivre 2011 style) features, trained with Goldberg & Nivre's dynamic oracle
// and exploration. Labelled with UD v2 relations including subtypes. With word clusters
// (clusters.h) it adds cluster features of s0, s1, b0, b1 and a few pairs.
#ifndef DYAD_NLP_PARSER_H_
#define DYAD_NLP_PARSER_H_

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "src/nlp/conllu.h"
#include "src/nlp/perceptron.h"

namespace dyad {

class WordClusters;

struct ParserTrainOptions {
  int epochs = 15;
  uint64_t seed = 1;
  // From this epoch on, follow the model's own (possibly wrong) transitions with
  // probability `explore` so it learns to recover from its errors.
  int explore_from = 2;
  double explore = 0.9;
  float prune = 0.0f;
  bool verbose = false;
  // When not empty, training labels outside this set are reduced to their universal part
  // ("nmod:desc" -> "nmod"), so treebanks with extra subtypes (GUM) share EWT's labels.
  std::set<std::string> allowed_labels;
  // Word clusters for cluster features (not owned; must outlive the parser); nullptr: none.
  const WordClusters* clusters = nullptr;
};

class Parser {
 public:
  // Trains on gold trees (non-projective sentences are skipped). Uses the sentences' gold
  // XPOS unless `predicted_xpos` (one vector per sentence) is given: training on the
  // tagger's own output makes the parser robust to its errors.
  static Result<std::unique_ptr<Parser>> Train(const std::vector<ConlluSentence>& train,
                                               const std::vector<std::vector<std::string>>* predicted_xpos,
                                               const ParserTrainOptions& options);
  static Result<std::unique_ptr<Parser>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // Parses one sentence: heads are 1-based (0 = root), one per word. Thread-safe.
  void Parse(const std::vector<std::string_view>& words, const std::vector<std::string>& xpos,
             std::vector<int>* heads, std::vector<std::string>* deprels) const;

  size_t num_weights() const { return model_.num_weights(); }
  // Word clusters for the cluster features (not owned; nullptr: none), as Tagger's.
  void set_clusters(const WordClusters* c) { clusters_ = uses_clusters_ ? c : nullptr; }
  // True when the model was trained with cluster features (its file is then DYADDEP2).
  bool uses_clusters() const { return uses_clusters_; }

 private:
  Parser() = default;
  std::vector<std::string> labels_;
  AveragedPerceptron model_;
  const WordClusters* clusters_ = nullptr;
  bool uses_clusters_ = false;
  friend class ParserTrainer;
};

// True when the tree (1-based heads, 0 = root) has no crossing arcs.
bool IsProjective(const std::vector<int>& heads);

}  // namespace dyad

#endif  // DYAD_NLP_PARSER_H_
