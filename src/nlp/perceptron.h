// Averaged perceptron over hashed features, shared by the tagger and the parser.
// Training keeps sparse per-feature rows with lazy averaging; Finalize() turns them into
// a compact read-only table (open addressing, float weights) that is saved and loaded.
// In memory (built by Finalize() and Load(); the file format is unchanged) rows with many
// classes are expanded to dense float rows added with SIMD, and Score() probes all of its
// features before adding any row so that their cache misses overlap.
#ifndef DYAD_NLP_PERCEPTRON_H_
#define DYAD_NLP_PERCEPTRON_H_

#include <cstdint>
#include <istream>
#include <new>
#include <ostream>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace dyad {

struct PerceptronRowRef;

// Allocator for the read-only weight tables: 64-byte aligned (dense rows start on cache
// lines); blocks of 2 MiB and more are 2 MiB aligned and, on Linux, marked for transparent
// huge pages, since lookups touch random places of tables tens of MiB large and would
// otherwise miss the TLB almost every time.
void* AllocateTable(size_t bytes);
void FreeTable(void* p, size_t bytes);
template <typename T>
struct TableAllocator {
  using value_type = T;
  TableAllocator() = default;
  template <typename U>
  TableAllocator(const TableAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(AllocateTable(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { FreeTable(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const TableAllocator<U>&) const { return true; }
};

// Feature hashing: a template id mixed with up to three value hashes.
constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
// Feat() in two steps, for hot paths that mix each value once and reuse it: the value in
// first, second or third position is mixed by FeatA, FeatB or FeatC, and FeatMixed
// combines the three (FeatMixed(t, FeatA(a), FeatB(b), FeatC(c)) == Feat(t, a, b, c)).
constexpr uint64_t FeatA(uint64_t a) { return Mix64(a + 0x632BE59BD9B4E019ULL); }
constexpr uint64_t FeatB(uint64_t b) { return Mix64(b * 3 + 0x8CB92BA72F3D8DD7ULL); }
constexpr uint64_t FeatC(uint64_t c) { return Mix64(c * 7 + 0x94D049BB133111EBULL); }
constexpr uint64_t kFeatB0 = FeatB(0), kFeatC0 = FeatC(0);
constexpr uint64_t FeatMixed(uint64_t tmpl, uint64_t ma, uint64_t mb = kFeatB0, uint64_t mc = kFeatC0) {
  return Mix64(tmpl * 0x9E3779B97F4A7C15ULL ^ ma ^ mb ^ mc);
}
constexpr uint64_t Feat(uint64_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  return FeatMixed(tmpl, FeatA(a), FeatB(b), FeatC(c));
}

// A value mixed for each of the three positions of Feat().
struct MixedValue {
  uint64_t a, b, c;
};
inline MixedValue MixValue(uint64_t v) { return {FeatA(v), FeatB(v), FeatC(v)}; }
// MixValue(v) of v < 256 (labels, tags, distances, valencies), computed at compile time.
struct SmallMixTable {
  MixedValue m[256];
};
constexpr SmallMixTable MakeSmallMixTable() {
  SmallMixTable t{};
  for (uint64_t i = 0; i < 256; ++i) t.m[i] = {FeatA(i), FeatB(i), FeatC(i)};
  return t;
}
inline constexpr SmallMixTable kSmallMix = MakeSmallMixTable();
inline MixedValue MixSmall(uint64_t v) { return v < 256 ? kSmallMix.m[v] : MixValue(v); }

class AveragedPerceptron {
 public:
  AveragedPerceptron() = default;
  explicit AveragedPerceptron(int num_classes) : classes_(num_classes) {}

  int num_classes() const { return classes_; }

  // scores[c] += sum of the weights of `feats` for class c. scores has num_classes() entries.
  // Each class receives its weights in the order of `feats`, so the sums are bit-identical
  // whatever the table layout (dense rows add exact zeros for the classes they lack).
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

  // Layout of the read-only table (exposed for the SIMD helpers in perceptron.cc).
  struct Entry {
    uint16_t cls;
    float w;
  };
  static constexpr uint32_t kDense = 0xFFFFFFFFu;  // LookupSlot::len of a dense row

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
  // Lookup slot of the read-only table: 16 bytes, four per cache line. A row is either
  // sparse (`len` entries at entries_[ref]) or, when it has many classes, dense (`len` ==
  // kDense, a full row of `stride_` floats at dense_[ref * stride_]) and added with SIMD.
  struct LookupSlot {
    uint64_t key;  // 0 = empty
    uint32_t ref;
    uint32_t len;
  };
  // Rows with at least this many classes are stored dense: adding a whole row with vector
  // instructions is then cheaper than scattering its entries one by one.
  static constexpr uint32_t kDenseMin = 12;

  // Builds table_ (and dense_) from `rows`, which index entries_.
  void BuildTable(const std::vector<Slot>& rows);

  int classes_ = 0;
  int64_t clock_ = 1;
  std::unordered_map<uint64_t, std::vector<TrainEntry>> train_;
  // Open addressing, linear probing, power-of-two size, at most half full.
  std::vector<LookupSlot, TableAllocator<LookupSlot>> table_;
  uint64_t mask_ = 0;  // table_.size() - 1
  // Every row's entries in the saved order (dense rows' too: Save() writes them).
  std::vector<Entry, TableAllocator<Entry>> entries_;
  size_t stride_ = 0;  // dense row length: classes_ rounded up to 8, zero-padded
  std::vector<float, TableAllocator<float>> dense_;
  std::vector<Slot> dense_src_;  // per dense row, its key and entries_ range (for Save)
  // Row-adding kernel chosen for this stride and CPU (perceptron.cc).
  void (*accumulate_)(const PerceptronRowRef* rows, size_t k, size_t stride, float* buf) = nullptr;
};

}  // namespace dyad

#endif  // DYAD_NLP_PERCEPTRON_H_
