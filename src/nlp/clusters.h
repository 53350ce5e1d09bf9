// Word clusters learned from unlabelled text, used as tagger and parser features so that
// rare words share evidence with frequent words that occur in the same contexts.
//
//   ClusterBuilder b(ClusterOptions{});
//   for (...) b.AddSentence(words);              // tokenised as dyad tokenises news
//   auto clusters = b.Build();                   // deterministic for options.seed
//   (*clusters)->Save("data/models/clusters.bin");
//   uint16_t ids[WordClusters::kMaxLevels];
//   (*clusters)->Lookup("Zelenskyy", ids);       // ids[0] coarse ... ids[levels-1] fine
//
// Method: for every word seen >= min_count times, counts of its left and right neighbours
// among the `contexts` most frequent words, weighted by positive PMI (context distribution
// smoothed by ^0.75), reduced by a fixed random +-1 projection, normalised, and clustered by
// spherical k-means at each granularity of `levels`. Words are keyed by their lowercased form
// with digits mapped to 0; the file stores only 64-bit keys and cluster ids, no text. Each
// word also gets a "case class": how often it is capitalised away from the sentence start
// (0-5, rarely .. almost always), a strong proper-noun signal the lowercase key loses.
#ifndef DYAD_NLP_CLUSTERS_H_
#define DYAD_NLP_CLUSTERS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct ClusterOptions {
  int min_count = 10;                   // words seen at least this often get clusters
  int max_words = 60000;                // ... but only the most frequent this many
  int contexts = 1000;                  // neighbours counted: this many most frequent words
  int dims = 128;                       // random projection size
  std::vector<int> levels = {64, 512};  // k-means cluster counts, coarse to fine (<= 4 levels)
  int iterations = 15;                  // k-means iterations per level
  uint64_t seed = 1;                    // projection and k-means initialisation
  bool verbose = false;                 // progress on stderr
};

class WordClusters {
 public:
  static constexpr int kMaxLevels = 4;
  static constexpr uint16_t kUnknown = 0xFFFF;  // id of words without a cluster

  // NotFound when the file is absent; Corruption when it is not a cluster file.
  static Result<std::unique_ptr<WordClusters>> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // The key words are clustered by: FNV-1a of the ASCII-lowercased form with digits -> '0'.
  static uint64_t Key(std::string_view word);
  // Writes num_levels() cluster ids, then the case class (kCaseClasses values), to ids:
  // kUnknown for all of them for an unclustered word. ids holds kMaxLevels + 1. Thread-safe.
  void Lookup(std::string_view word, uint16_t* ids) const;
  static constexpr int kCaseClasses = 6;
  int num_levels() const { return static_cast<int>(levels_.size()); }
  const std::vector<int>& levels() const { return levels_; }
  size_t size() const { return count_; }

 private:
  friend class ClusterBuilder;
  WordClusters() = default;
  void Init(std::vector<int> levels, size_t capacity);
  void Insert(uint64_t key, const uint16_t* ids);

  std::vector<int> levels_;
  std::vector<uint64_t> keys_;  // open addressing, linear probing; 0 = empty
  std::vector<uint16_t> ids_;   // keys_.size() * (levels + 1): cluster ids and case class
  uint64_t mask_ = 0;
  size_t count_ = 0;
};

// Collects text, then clusters it.
class ClusterBuilder {
 public:
  explicit ClusterBuilder(const ClusterOptions& options) : options_(options) {}
  void AddSentence(const std::vector<std::string_view>& words);
  long long tokens() const { return tokens_; }
  Result<std::unique_ptr<WordClusters>> Build() const;

 private:
  ClusterOptions options_;
  std::unordered_map<uint64_t, uint32_t> id_of_key_;
  std::vector<uint64_t> keys_;      // id -> key
  std::vector<uint64_t> freq_;      // id -> count
  std::vector<uint64_t> inner_, inner_upper_;  // id -> non-initial occurrences, capitalised ones
  std::vector<uint32_t> stream_;    // word ids; kBoundary between sentences
  long long tokens_ = 0;
};

}  // namespace dyad

#endif  // DYAD_NLP_CLUSTERS_H_
