#include "src/nlp/clusters.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

namespace dyad {
namespace {

constexpr uint32_t kBoundary = 0xFFFFFFFFu;

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Spherical k-means of the unit rows of x (n x d): returns each row's cluster in [0, k).
// Deterministic: initial centroids are rows drawn with `rng`, ties go to the lower cluster,
// and an emptied cluster takes the row farthest from its own centroid.
std::vector<uint16_t> SphericalKMeans(const std::vector<float>& x, size_t n, size_t d, int k, int iterations,
                                      std::mt19937_64& rng, bool verbose) {
  std::vector<float> c(static_cast<size_t>(k) * d);
  std::vector<char> taken(n, 0);
  for (int j = 0; j < k; ++j) {
    size_t r = rng() % n;
    while (taken[r]) r = (r + 1) % n;
    taken[r] = 1;
    std::copy(x.begin() + r * d, x.begin() + (r + 1) * d, c.begin() + j * d);
  }
  std::vector<uint16_t> assign(n, 0);
  std::vector<float> sim(n, 0.0f);
  for (int it = 0; it < iterations; ++it) {
    size_t changed = 0;
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      const float* xi = &x[i * d];
      float best = -2.0f;
      int arg = 0;
      for (int j = 0; j < k; ++j) {
        const float* cj = &c[j * d];
        float s = 0.0f;
        for (size_t t = 0; t < d; ++t) s += xi[t] * cj[t];
        if (s > best) {
          best = s;
          arg = j;
        }
      }
      changed += assign[i] != arg;
      assign[i] = static_cast<uint16_t>(arg);
      sim[i] = best;
      total += best;
    }
    std::fill(c.begin(), c.end(), 0.0f);
    std::vector<size_t> size(k, 0);
    for (size_t i = 0; i < n; ++i) {
      float* cj = &c[assign[i] * d];
      const float* xi = &x[i * d];
      for (size_t t = 0; t < d; ++t) cj[t] += xi[t];
      ++size[assign[i]];
    }
    // Empty clusters restart at the rows worst served by their centroid.
    std::vector<size_t> worst;
    for (int j = 0; j < k; ++j) {
      if (size[j] > 0) continue;
      if (worst.empty()) {
        worst.resize(n);
        for (size_t i = 0; i < n; ++i) worst[i] = i;
        std::stable_sort(worst.begin(), worst.end(), [&](size_t a, size_t b) { return sim[a] < sim[b]; });
        std::reverse(worst.begin(), worst.end());  // pop_back gives the lowest similarity
      }
      size_t r = worst.back();
      worst.pop_back();
      std::copy(x.begin() + r * d, x.begin() + (r + 1) * d, c.begin() + j * d);
    }
    for (int j = 0; j < k; ++j) {
      float* cj = &c[j * d];
      double norm = 0;
      for (size_t t = 0; t < d; ++t) norm += static_cast<double>(cj[t]) * cj[t];
      float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
      for (size_t t = 0; t < d; ++t) cj[t] *= inv;
    }
    if (verbose) {
      std::fprintf(stderr, "k-means %d: iteration %d, mean cosine %.4f, %zu moved\n", k, it + 1, total / n, changed);
    }
    if (it > 0 && changed == 0) break;
  }
  return assign;
}

}  // namespace

uint64_t WordClusters::Key(std::string_view word) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char ch : word) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    else if (c >= '0' && c <= '9') c = '0';
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h == 0 ? 1 : h;
}

void WordClusters::Init(std::vector<int> levels, size_t capacity) {
  levels_ = std::move(levels);
  size_t size = 16;
  while (size < 2 * capacity + 1) size *= 2;
  keys_.assign(size, 0);
  ids_.assign(size * (levels_.size() + 1), kUnknown);
  mask_ = size - 1;
  count_ = 0;
}

void WordClusters::Insert(uint64_t key, const uint16_t* ids) {
  uint64_t slot = key & mask_;
  while (keys_[slot] != 0 && keys_[slot] != key) slot = (slot + 1) & mask_;
  if (keys_[slot] == 0) ++count_;
  keys_[slot] = key;
  std::copy(ids, ids + levels_.size() + 1, &ids_[slot * (levels_.size() + 1)]);
}

void WordClusters::Lookup(std::string_view word, uint16_t* ids) const {
  const size_t l = levels_.size() + 1;
  uint64_t key = Key(word);
  uint64_t slot = key & mask_;
  while (keys_[slot] != 0) {
    if (keys_[slot] == key) {
      std::copy(&ids_[slot * l], &ids_[slot * l] + l, ids);
      return;
    }
    slot = (slot + 1) & mask_;
  }
  std::fill(ids, ids + l, kUnknown);
}

Status WordClusters::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IOError("cannot write " + path);
  out.write("DYADCLU1", 8);
  uint32_t l = static_cast<uint32_t>(levels_.size());
  out.write(reinterpret_cast<const char*>(&l), 4);
  ++l;  // each entry: the cluster ids, then the case class
  for (int k : levels_) {
    uint32_t v = static_cast<uint32_t>(k);
    out.write(reinterpret_cast<const char*>(&v), 4);
  }
  // Sorted by key, so the file does not depend on the table layout.
  std::vector<size_t> slots;
  for (size_t s = 0; s < keys_.size(); ++s) {
    if (keys_[s] != 0) slots.push_back(s);
  }
  std::sort(slots.begin(), slots.end(), [&](size_t a, size_t b) { return keys_[a] < keys_[b]; });
  uint64_t n = slots.size();
  out.write(reinterpret_cast<const char*>(&n), 8);
  for (size_t s : slots) {
    out.write(reinterpret_cast<const char*>(&keys_[s]), 8);
    out.write(reinterpret_cast<const char*>(&ids_[s * l]), 2 * l);
  }
  if (!out) return Status::IOError("error writing " + path);
  return Status::OK();
}

Result<std::unique_ptr<WordClusters>> WordClusters::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": word clusters missing");
  char magic[8];
  in.read(magic, 8);
  if (!in || std::string(magic, 8) != "DYADCLU1") return Status::Corruption(path + ": not a dyad cluster file");
  uint32_t l = 0;
  in.read(reinterpret_cast<char*>(&l), 4);
  if (!in || l == 0 || l > kMaxLevels) return Status::Corruption(path + ": bad level count");
  std::vector<int> levels(l);
  for (auto& k : levels) {
    uint32_t v = 0;
    in.read(reinterpret_cast<char*>(&v), 4);
    if (!in || v == 0 || v >= kUnknown) return Status::Corruption(path + ": bad level size");
    k = static_cast<int>(v);
  }
  uint64_t n = 0;
  in.read(reinterpret_cast<char*>(&n), 8);
  if (!in || n > (1u << 24)) return Status::Corruption(path + ": bad word count");
  auto c = std::unique_ptr<WordClusters>(new WordClusters());
  c->Init(levels, n);
  const size_t entry = 8 + 2 * (l + 1);
  std::vector<char> buf(n * entry);
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  if (!in) return Status::Corruption(path + ": truncated");
  uint16_t ids[kMaxLevels + 1];
  for (uint64_t i = 0; i < n; ++i) {
    const char* p = &buf[i * entry];
    uint64_t key;
    std::memcpy(&key, p, 8);
    std::memcpy(ids, p + 8, 2 * (l + 1));
    for (uint32_t j = 0; j < l; ++j) {
      if (ids[j] >= levels[j]) return Status::Corruption(path + ": cluster id out of range");
    }
    if (ids[l] >= kCaseClasses) return Status::Corruption(path + ": case class out of range");
    if (key == 0) return Status::Corruption(path + ": bad key");
    c->Insert(key, ids);
  }
  return c;
}

void ClusterBuilder::AddSentence(const std::vector<std::string_view>& words) {
  if (words.empty()) return;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    uint64_t key = WordClusters::Key(w);
    auto [it, added] = id_of_key_.emplace(key, static_cast<uint32_t>(keys_.size()));
    if (added) {
      keys_.push_back(key);
      freq_.push_back(0);
      inner_.push_back(0);
      inner_upper_.push_back(0);
    }
    ++freq_[it->second];
    if (i > 0) {
      ++inner_[it->second];
      inner_upper_[it->second] += !w.empty() && w[0] >= 'A' && w[0] <= 'Z';
    }
    stream_.push_back(it->second);
  }
  stream_.push_back(kBoundary);
  tokens_ += static_cast<long long>(words.size());
}

Result<std::unique_ptr<WordClusters>> ClusterBuilder::Build() const {
  const ClusterOptions& o = options_;
  if (o.levels.empty() || o.levels.size() > WordClusters::kMaxLevels) {
    return Status::InvalidArgument("between 1 and 4 cluster levels");
  }
  for (int k : o.levels) {
    if (k < 2 || k >= WordClusters::kUnknown) return Status::InvalidArgument("bad cluster count");
  }
  auto t0 = std::chrono::steady_clock::now();
  // Words by decreasing frequency (key breaks ties, so the order is deterministic).
  std::vector<uint32_t> by_freq(keys_.size());
  for (size_t i = 0; i < by_freq.size(); ++i) by_freq[i] = static_cast<uint32_t>(i);
  std::sort(by_freq.begin(), by_freq.end(), [&](uint32_t a, uint32_t b) {
    return freq_[a] != freq_[b] ? freq_[a] > freq_[b] : keys_[a] < keys_[b];
  });
  std::vector<int32_t> row(keys_.size(), -1), col(keys_.size(), -1);
  size_t v = 0;
  while (v < by_freq.size() && v < static_cast<size_t>(o.max_words) &&
         freq_[by_freq[v]] >= static_cast<uint64_t>(o.min_count)) {
    row[by_freq[v]] = static_cast<int32_t>(v);
    ++v;
  }
  const size_t nctx = std::min<size_t>(o.contexts, by_freq.size());
  for (size_t i = 0; i < nctx; ++i) col[by_freq[i]] = static_cast<int32_t>(i);
  if (v < static_cast<size_t>(o.levels.back())) {
    return Status::InvalidArgument("too little text: " + std::to_string(v) + " words seen often enough");
  }
  // Columns: left neighbour (nctx words + sentence boundary + other), then right neighbour.
  const size_t side = nctx + 2, ncol = 2 * side;
  std::vector<float> counts(v * ncol, 0.0f);
  auto col_of = [&](uint32_t id) -> size_t {
    if (id == kBoundary) return nctx;
    return col[id] >= 0 ? static_cast<size_t>(col[id]) : nctx + 1;
  };
  for (size_t i = 0; i < stream_.size(); ++i) {
    uint32_t id = stream_[i];
    if (id == kBoundary || row[id] < 0) continue;
    float* r = &counts[static_cast<size_t>(row[id]) * ncol];
    r[col_of(i > 0 ? stream_[i - 1] : kBoundary)] += 1.0f;
    r[side + col_of(i + 1 < stream_.size() ? stream_[i + 1] : kBoundary)] += 1.0f;
  }
  // PPMI with context distribution smoothing (Levy et al. 2015): the "other" columns carry
  // no information and are left out.
  std::vector<double> col_sum(ncol, 0.0), row_sum(v, 0.0);
  double total = 0;
  for (size_t r = 0; r < v; ++r) {
    for (size_t c = 0; c < ncol; ++c) {
      double x = counts[r * ncol + c];
      col_sum[c] += x;
      row_sum[r] += x;
      total += x;
    }
  }
  double smoothed_total = 0;
  std::vector<double> col_p(ncol);
  for (size_t c = 0; c < ncol; ++c) smoothed_total += std::pow(col_sum[c], 0.75);
  for (size_t c = 0; c < ncol; ++c) col_p[c] = std::pow(col_sum[c], 0.75) / smoothed_total;
  // Random +-1 projection.
  std::mt19937_64 rng(o.seed);
  const size_t d = static_cast<size_t>(o.dims);
  std::vector<float> proj(ncol * d);
  for (float& p : proj) p = (rng() >> 63) ? 1.0f : -1.0f;
  std::vector<float> x(v * d, 0.0f);
  for (size_t r = 0; r < v; ++r) {
    float* xr = &x[r * d];
    for (size_t c = 0; c < ncol; ++c) {
      if (c == nctx + 1 || c == side + nctx + 1) continue;
      double n_wc = counts[r * ncol + c];
      if (n_wc <= 0) continue;
      double pmi = std::log(n_wc / row_sum[r] / col_p[c]);
      if (pmi <= 0) continue;
      float w = static_cast<float>(pmi);
      const float* pc = &proj[c * d];
      for (size_t t = 0; t < d; ++t) xr[t] += w * pc[t];
    }
    double norm = 0;
    for (size_t t = 0; t < d; ++t) norm += static_cast<double>(xr[t]) * xr[t];
    float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
    for (size_t t = 0; t < d; ++t) xr[t] *= inv;
  }
  std::vector<float>().swap(counts);
  if (o.verbose) {
    std::fprintf(stderr, "%lld tokens, %zu word types, %zu clustered (seen >= %d times), %zu contexts; vectors in %.1f s\n",
                 tokens_, keys_.size(), v, o.min_count, nctx, Seconds(t0));
  }
  std::vector<std::vector<uint16_t>> assign;
  for (int k : o.levels) assign.push_back(SphericalKMeans(x, v, d, k, o.iterations, rng, o.verbose));
  auto out = std::unique_ptr<WordClusters>(new WordClusters());
  out->Init(o.levels, v);
  uint16_t ids[WordClusters::kMaxLevels + 1];
  for (size_t r = 0; r < v; ++r) {
    for (size_t j = 0; j < assign.size(); ++j) ids[j] = assign[j][r];
    const uint32_t id = by_freq[r];
    const double upper = inner_[id] > 0 ? static_cast<double>(inner_upper_[id]) / inner_[id] : 0.5;
    ids[assign.size()] = upper < 0.01 ? 0 : upper < 0.1 ? 1 : upper < 0.5 ? 2 : upper < 0.9 ? 3 : upper < 0.99 ? 4 : 5;
    out->Insert(keys_[by_freq[r]], ids);
  }
  if (o.verbose) std::fprintf(stderr, "clusters built in %.1f s\n", Seconds(t0));
  return out;
}

}  // namespace dyad
