#include "src/nlp/perceptron.h"

#include <algorithm>
#include <cmath>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#if defined(__x86_64__) || defined(__SSE2__)
#include <immintrin.h>
#endif

namespace dyad {

// A row found for a feature: `len` sparse entries at `p`, or (len == kDense) a dense row of
// floats at `p`.
struct PerceptronRowRef {
  const void* p;
  uint32_t len;
};

void* AllocateTable(size_t bytes) {
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t align = bytes >= kHuge ? kHuge : 64;
  void* p = ::operator new(bytes, std::align_val_t(align));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kHuge) madvise(p, bytes & ~(kHuge - 1), MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
  return p;
}

void FreeTable(void* p, size_t bytes) {
  constexpr size_t kHuge = size_t{2} << 20;
  ::operator delete(p, std::align_val_t(bytes >= kHuge ? kHuge : 64));
}

namespace {

using Entry = AveragedPerceptron::Entry;
using RowRef = PerceptronRowRef;

// buf[c] += the rows' weights, rows in feature order; buf and the dense rows hold `stride`
// floats (a multiple of 8, zero-padded). Plain additions, one per class and row: every
// class sees the same sequence of float additions as with sparse rows (x + 0.0f == x), so
// the sums are bit-identical to the reference implementation.
void AccumulatePortable(const RowRef* rows, size_t k, size_t stride, float* buf) {
  for (size_t j = 0; j < k; ++j) {
    if (rows[j].len == AveragedPerceptron::kDense) {
      const float* row = static_cast<const float*>(rows[j].p);
#if defined(__SSE2__)
      for (size_t c = 0; c < stride; c += 4) {
        _mm_store_ps(buf + c, _mm_add_ps(_mm_load_ps(buf + c), _mm_load_ps(row + c)));
      }
#else
      for (size_t c = 0; c < stride; ++c) buf[c] += row[c];
#endif
    } else {
      const Entry* e = static_cast<const Entry*>(rows[j].p);
      for (uint32_t q = 0; q < rows[j].len; ++q) buf[e[q].cls] += e[q].w;
    }
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
// AVX, with the scores held in N ymm registers (N = stride / 8 <= 13) across runs of dense
// rows: a dense row then costs N additions. The registers are written back before a sparse
// row is scattered, so every class still sees its additions in feature order.
template <int N>
__attribute__((target("avx"))) void AccumulateAvxN(const RowRef* rows, size_t k, size_t, float* buf) {
  __m256 acc[N];
  size_t j = 0;
  while (j < k) {
    if (rows[j].len == AveragedPerceptron::kDense) {
#pragma GCC unroll 16
      for (int c = 0; c < N; ++c) acc[c] = _mm256_load_ps(buf + 8 * c);
      for (; j < k && rows[j].len == AveragedPerceptron::kDense; ++j) {
        const float* row = static_cast<const float*>(rows[j].p);
#pragma GCC unroll 16
        for (int c = 0; c < N; ++c) acc[c] = _mm256_add_ps(acc[c], _mm256_load_ps(row + 8 * c));
      }
#pragma GCC unroll 16
      for (int c = 0; c < N; ++c) _mm256_store_ps(buf + 8 * c, acc[c]);
    } else {
      const Entry* e = static_cast<const Entry*>(rows[j].p);
      for (uint32_t q = 0; q < rows[j].len; ++q) buf[e[q].cls] += e[q].w;
      ++j;
    }
  }
}

__attribute__((target("avx"))) void AccumulateAvx(const RowRef* rows, size_t k, size_t stride, float* buf) {
  for (size_t j = 0; j < k; ++j) {
    if (rows[j].len == AveragedPerceptron::kDense) {
      const float* row = static_cast<const float*>(rows[j].p);
      for (size_t c = 0; c < stride; c += 8) {
        _mm256_store_ps(buf + c, _mm256_add_ps(_mm256_load_ps(buf + c), _mm256_load_ps(row + c)));
      }
    } else {
      const Entry* e = static_cast<const Entry*>(rows[j].p);
      for (uint32_t q = 0; q < rows[j].len; ++q) buf[e[q].cls] += e[q].w;
    }
  }
}
#endif

using AccumulateFn = void (*)(const RowRef*, size_t, size_t, float*);

// Chosen once per model at load time: binaries stay portable to any x86-64.
AccumulateFn PickAccumulate(size_t stride) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx")) {
    switch (stride / 8) {
      case 1: return AccumulateAvxN<1>;
      case 2: return AccumulateAvxN<2>;
      case 3: return AccumulateAvxN<3>;
      case 4: return AccumulateAvxN<4>;
      case 5: return AccumulateAvxN<5>;
      case 6: return AccumulateAvxN<6>;
      case 7: return AccumulateAvxN<7>;
      case 8: return AccumulateAvxN<8>;
      case 9: return AccumulateAvxN<9>;
      case 10: return AccumulateAvxN<10>;
      case 11: return AccumulateAvxN<11>;
      case 12: return AccumulateAvxN<12>;
      case 13: return AccumulateAvxN<13>;
      default: return AccumulateAvx;
    }
  }
#endif
  (void)stride;
  return AccumulatePortable;
}

inline void Prefetch(const void* p) {
#if defined(__GNUC__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

}  // namespace

void AveragedPerceptron::Score(const uint64_t* feats, size_t n, float* scores) const {
  if (!train_.empty()) {
    for (size_t i = 0; i < n; ++i) {
      auto it = train_.find(feats[i]);
      if (it == train_.end()) continue;
      for (const TrainEntry& e : it->second) scores[e.cls] += e.w;
    }
    return;
  }
  if (table_.empty()) return;
  // Three passes over a batch so that the cache misses of the rare features overlap instead
  // of being paid one after the other: prefetch the home slots, probe (and prefetch the
  // rows found), then add the rows in feature order into an aligned, padded buffer.
  constexpr size_t kBatch = 64;
  constexpr size_t kMaxStride = 256;
  RowRef rows[kBatch];
  alignas(64) float buf[kMaxStride];
  const size_t classes = static_cast<size_t>(classes_);
  const bool buffered = stride_ <= kMaxStride;
  if (buffered) {
    std::copy(scores, scores + classes, buf);
    std::fill(buf + classes, buf + stride_, 0.0f);
  }
  const LookupSlot* table = table_.data();
  const uint64_t mask = mask_;
  uint64_t keys[kBatch];
  for (size_t base = 0; base < n; base += kBatch) {
    const size_t m = std::min(kBatch, n - base);
    for (size_t i = 0; i < m; ++i) {
      const uint64_t key = feats[base + i];
      keys[i] = key == 0 ? 1 : key;  // 0 marks empty slots; Finalize stores key 0 as 1
      Prefetch(&table[keys[i] & mask]);
    }
    size_t k = 0;
    for (size_t i = 0; i < m; ++i) {
      const uint64_t key = keys[i];
      for (uint64_t h = key & mask;; h = (h + 1) & mask) {
        const LookupSlot& s = table[h];
        if (s.key == key) {
          rows[k].p = s.len == kDense ? static_cast<const void*>(&dense_[s.ref * stride_]) : &entries_[s.ref];
          rows[k].len = s.len;
          Prefetch(rows[k++].p);
          break;
        }
        if (s.key == 0) break;
      }
    }
    if (buffered) {
      accumulate_(rows, k, stride_, buf);
      continue;
    }
    for (size_t j = 0; j < k; ++j) {  // very many classes: no SIMD
      if (rows[j].len == kDense) {
        const float* row = static_cast<const float*>(rows[j].p);
        for (size_t c = 0; c < classes; ++c) scores[c] += row[c];
      } else {
        const Entry* e = static_cast<const Entry*>(rows[j].p);
        for (uint32_t q = 0; q < rows[j].len; ++q) scores[e[q].cls] += e[q].w;
      }
    }
  }
  if (buffered) std::copy(buf, buf + classes, scores);
}

void AveragedPerceptron::Update(const uint64_t* feats, size_t n, int truth, int guess) {
  if (truth == guess) return;
  for (size_t i = 0; i < n; ++i) {
    std::vector<TrainEntry>& row = train_[feats[i]];
    for (int cls : {truth, guess}) {
      float delta = cls == truth ? 1.0f : -1.0f;
      TrainEntry* e = nullptr;
      for (auto& x : row) {
        if (x.cls == cls) e = &x;
      }
      if (e == nullptr) {
        row.push_back({static_cast<uint16_t>(cls), 0.0f, 0.0, clock_});
        e = &row.back();
      }
      // Lazy averaging: the weight held since the last change counts for the elapsed time.
      e->total += static_cast<double>(clock_ - e->stamp) * e->w;
      e->stamp = clock_;
      e->w += delta;
    }
  }
}

void AveragedPerceptron::Finalize(float prune) {
  std::vector<std::pair<uint64_t, std::vector<Entry>>> rows;
  rows.reserve(train_.size());
  for (auto& [key, row] : train_) {
    std::vector<Entry> kept;
    for (const TrainEntry& e : row) {
      double total = e.total + static_cast<double>(clock_ - e.stamp) * e.w;
      float avg = static_cast<float>(total / static_cast<double>(clock_));
      if (std::fabs(avg) > prune && avg != 0.0f) kept.push_back({e.cls, avg});
    }
    if (!kept.empty()) rows.push_back({key == 0 ? 1 : key, std::move(kept)});
  }
  train_.clear();
  // Deterministic layout: sort by key.
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  entries_.clear();
  std::vector<Slot> slots;
  slots.reserve(rows.size());
  for (auto& [key, es] : rows) {
    uint32_t begin = static_cast<uint32_t>(entries_.size());
    entries_.insert(entries_.end(), es.begin(), es.end());
    slots.push_back({key, begin, static_cast<uint32_t>(entries_.size())});
  }
  BuildTable(slots);
}

void AveragedPerceptron::BuildTable(const std::vector<Slot>& rows) {
  size_t cap = 16;
  while (cap < rows.size() * 2) cap <<= 1;
  table_.assign(cap, LookupSlot{0, 0, 0});
  mask_ = cap - 1;
  stride_ = (static_cast<size_t>(classes_) + 7) & ~static_cast<size_t>(7);
  accumulate_ = PickAccumulate(stride_);
  size_t num_dense = 0;
  for (const Slot& r : rows) num_dense += r.end - r.begin >= kDenseMin;
  dense_.assign(num_dense * stride_, 0.0f);
  dense_src_.clear();
  dense_src_.reserve(num_dense);
  for (const Slot& r : rows) {
    LookupSlot slot{r.key, r.begin, r.end - r.begin};
    if (slot.len >= kDenseMin) {
      float* row = &dense_[dense_src_.size() * stride_];
      for (uint32_t k = r.begin; k < r.end; ++k) row[entries_[k].cls] += entries_[k].w;
      slot = {r.key, static_cast<uint32_t>(dense_src_.size()), kDense};
      dense_src_.push_back(r);
    }
    size_t h = r.key & mask_;
    while (table_[h].key != 0) h = (h + 1) & mask_;
    table_[h] = slot;
  }
}

// Format "DYADAP2\n": classes, rows, entries (u64 each); then per row (key u64, begin u32,
// end u32) sorted by key; then the entries' classes (u16) and weights (f32). The lookup
// table is rebuilt on load, so the file holds no empty slots.
Status AveragedPerceptron::Save(std::ostream& out) const {
  if (!train_.empty()) return Status::Internal("perceptron saved before Finalize()");
  std::vector<Slot> rows;
  for (const LookupSlot& s : table_) {
    if (s.key == 0) continue;
    rows.push_back(s.len == kDense ? dense_src_[s.ref] : Slot{s.key, s.ref, s.ref + s.len});
  }
  std::sort(rows.begin(), rows.end(), [](const Slot& a, const Slot& b) { return a.key < b.key; });
  out.write("DYADAP2\n", 8);
  uint64_t header[3] = {static_cast<uint64_t>(classes_), rows.size(), entries_.size()};
  out.write(reinterpret_cast<const char*>(header), sizeof(header));
  for (const Slot& r : rows) {
    out.write(reinterpret_cast<const char*>(&r.key), 8);
    out.write(reinterpret_cast<const char*>(&r.begin), 4);
    out.write(reinterpret_cast<const char*>(&r.end), 4);
  }
  std::vector<uint16_t> cls(entries_.size());
  std::vector<float> w(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) {
    cls[i] = entries_[i].cls;
    w[i] = entries_[i].w;
  }
  out.write(reinterpret_cast<const char*>(cls.data()), static_cast<std::streamsize>(cls.size() * 2));
  out.write(reinterpret_cast<const char*>(w.data()), static_cast<std::streamsize>(w.size() * 4));
  return out ? Status::OK() : Status::IOError("write failed");
}

Status AveragedPerceptron::Load(std::istream& in) {
  char magic[8];
  in.read(magic, 8);
  if (!in || std::string(magic, 8) != "DYADAP2\n") return Status::Corruption("not a dyad perceptron model");
  uint64_t header[3];
  in.read(reinterpret_cast<char*>(header), sizeof(header));
  if (!in || header[0] == 0 || header[0] > 65535 || header[1] > (1ULL << 28) || header[2] > (1ULL << 31)) {
    return Status::Corruption("perceptron model header is damaged");
  }
  classes_ = static_cast<int>(header[0]);
  // Rows are (key u64, begin u32, end u32) records, exactly the layout of Slot.
  static_assert(sizeof(Slot) == 16, "Slot must match the on-disk row record");
  std::vector<Slot> rows(header[1]);
  in.read(reinterpret_cast<char*>(rows.data()), static_cast<std::streamsize>(rows.size() * sizeof(Slot)));
  std::vector<uint16_t> cls(header[2]);
  std::vector<float> w(header[2]);
  in.read(reinterpret_cast<char*>(cls.data()), static_cast<std::streamsize>(cls.size() * 2));
  in.read(reinterpret_cast<char*>(w.data()), static_cast<std::streamsize>(w.size() * 4));
  if (!in) return Status::Corruption("perceptron model is truncated");
  entries_.resize(header[2]);
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (cls[i] >= classes_) return Status::Corruption("perceptron model has bad class ids");
    entries_[i] = {cls[i], w[i]};
  }
  for (const Slot& r : rows) {
    if (r.key == 0 || r.end < r.begin || r.end > entries_.size()) {
      return Status::Corruption("perceptron model has bad offsets");
    }
  }
  BuildTable(rows);
  train_.clear();
  return Status::OK();
}

}  // namespace dyad
