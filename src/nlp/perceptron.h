// Averaged perceptron over hashed features, shared by the tagger and the parser.
// Training keeps sparse per-feature rows with lazy averaging; Finalize() turns them into
// a compact read-only table (open addressing, float weights) that is saved and loaded.
#ifndef DYAD_NLP_PERCEPTRON_H_
#define DYAD_NLP_PERCEPTRON_H_

#include <cstdint>
#include <istream>
#include <ostream>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// Feature hashing: a template id mixed with up to three value hashes.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
inline uint64_t Feat(uint64_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  return Mix64(tmpl * 0x9E3779B97F4A7C15ULL ^ Mix64(a + 0x632BE59BD9B4E019ULL) ^
               Mix64(b * 3 + 0x8CB92BA72F3D8DD7ULL) ^ Mix64(c * 7 + 0x94D049BB133111EBULL));
}

class AveragedPerceptron {
 public:
  AveragedPerceptron() = default;
  explicit AveragedPerceptron(int num_classes) : classes_(num_classes) {}

  int num_classes() const { return classes_; }

  // scores[c] += sum of the weights of `feats` for class c. scores has num_classes() entries.
  void Score(const uint64_t* feats, size_t n, float* scores) const;

  // Training: one step of the perceptron (truth += 1, guess -= 1) on `feats`.
  void Update(const uint64_t* feats, size_t n, int truth, int guess);
  // Call once per training example (a token or a transition) to advance the clock.
  void Tick() { ++clock_; }

  // Replaces the weights by their averages and builds the read-only table. Weights whose
  // magnitude is below `prune` are dropped.
  void Finalize(float prune = 0.0f);

  Status Save(std::ostream& out) const;
  Status Load(std::istream& in);
  size_t num_weights() const { return entries_.size(); }

 private:
  struct TrainEntry {
    uint16_t cls;
    float w;
    double total;
    int64_t stamp;
  };
  struct Slot {
    uint64_t key;
    uint32_t begin, end;  // entries_[begin, end)
  };
  struct Entry {
    uint16_t cls;
    float w;
  };
  const Slot* Find(uint64_t key) const;

  int classes_ = 0;
  int64_t clock_ = 1;
  std::unordered_map<uint64_t, std::vector<TrainEntry>> train_;
  std::vector<Slot> table_;  // open addressing; key 0 = empty
  std::vector<Entry> entries_;
};

}  // namespace dyad

#endif  // DYAD_NLP_PERCEPTRON_H_
