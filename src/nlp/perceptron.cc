#include "src/nlp/perceptron.h"

#include <algorithm>
#include <cmath>

namespace dyad {

void AveragedPerceptron::Score(const uint64_t* feats, size_t n, float* scores) const {
  if (!train_.empty()) {
    for (size_t i = 0; i < n; ++i) {
      auto it = train_.find(feats[i]);
      if (it == train_.end()) continue;
      for (const TrainEntry& e : it->second) scores[e.cls] += e.w;
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    const Slot* s = Find(feats[i]);
    if (s == nullptr) continue;
    for (uint32_t k = s->begin; k < s->end; ++k) scores[entries_[k].cls] += entries_[k].w;
  }
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
  size_t cap = 16;
  while (cap < rows.size() * 2) cap <<= 1;
  table_.assign(cap, Slot{0, 0, 0});
  entries_.clear();
  for (auto& [key, es] : rows) {
    uint32_t begin = static_cast<uint32_t>(entries_.size());
    entries_.insert(entries_.end(), es.begin(), es.end());
    size_t h = key & (cap - 1);
    while (table_[h].key != 0) h = (h + 1) & (cap - 1);
    table_[h] = {key, begin, static_cast<uint32_t>(entries_.size())};
  }
}

const AveragedPerceptron::Slot* AveragedPerceptron::Find(uint64_t key) const {
  if (table_.empty()) return nullptr;
  if (key == 0) key = 1;
  size_t mask = table_.size() - 1;
  for (size_t h = key & mask;; h = (h + 1) & mask) {
    const Slot& s = table_[h];
    if (s.key == key) return &s;
    if (s.key == 0) return nullptr;
  }
}

// Format "DYADAP2\n": classes, rows, entries (u64 each); then per row (key u64, begin u32,
// end u32) sorted by key; then the entries' classes (u16) and weights (f32). The lookup
// table is rebuilt on load, so the file holds no empty slots.
Status AveragedPerceptron::Save(std::ostream& out) const {
  if (!train_.empty()) return Status::Internal("perceptron saved before Finalize()");
  std::vector<Slot> rows;
  for (const Slot& s : table_) {
    if (s.key != 0) rows.push_back(s);
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
  std::vector<Slot> rows(header[1]);
  for (Slot& r : rows) {
    in.read(reinterpret_cast<char*>(&r.key), 8);
    in.read(reinterpret_cast<char*>(&r.begin), 4);
    in.read(reinterpret_cast<char*>(&r.end), 4);
  }
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
  size_t cap = 16;
  while (cap < rows.size() * 2) cap <<= 1;
  table_.assign(cap, Slot{0, 0, 0});
  for (const Slot& r : rows) {
    if (r.key == 0 || r.end < r.begin || r.end > entries_.size()) {
      return Status::Corruption("perceptron model has bad offsets");
    }
    size_t h = r.key & (cap - 1);
    while (table_[h].key != 0) h = (h + 1) & (cap - 1);
    table_[h] = r;
  }
  train_.clear();
  return Status::OK();
}

}  // namespace dyad
