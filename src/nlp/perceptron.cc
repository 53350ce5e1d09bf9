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

// Format: "DYADAP1\n", classes, slots, entries, then the raw arrays (little-endian x86).
Status AveragedPerceptron::Save(std::ostream& out) const {
  if (!train_.empty()) return Status::Internal("perceptron saved before Finalize()");
  out.write("DYADAP1\n", 8);
  uint64_t header[3] = {static_cast<uint64_t>(classes_), table_.size(), entries_.size()};
  out.write(reinterpret_cast<const char*>(header), sizeof(header));
  out.write(reinterpret_cast<const char*>(table_.data()), static_cast<std::streamsize>(table_.size() * sizeof(Slot)));
  out.write(reinterpret_cast<const char*>(entries_.data()), static_cast<std::streamsize>(entries_.size() * sizeof(Entry)));
  return out ? Status::OK() : Status::IOError("write failed");
}

Status AveragedPerceptron::Load(std::istream& in) {
  char magic[8];
  in.read(magic, 8);
  if (!in || std::string(magic, 8) != "DYADAP1\n") return Status::Corruption("not a dyad perceptron model");
  uint64_t header[3];
  in.read(reinterpret_cast<char*>(header), sizeof(header));
  if (!in || header[0] > 65535 || header[1] > (1ULL << 30) || header[2] > (1ULL << 31) ||
      (header[1] & (header[1] - 1)) != 0) {
    return Status::Corruption("perceptron model header is damaged");
  }
  classes_ = static_cast<int>(header[0]);
  table_.resize(header[1]);
  entries_.resize(header[2]);
  in.read(reinterpret_cast<char*>(table_.data()), static_cast<std::streamsize>(table_.size() * sizeof(Slot)));
  in.read(reinterpret_cast<char*>(entries_.data()), static_cast<std::streamsize>(entries_.size() * sizeof(Entry)));
  if (!in) return Status::Corruption("perceptron model is truncated");
  for (const Slot& s : table_) {
    if (s.key != 0 && (s.end < s.begin || s.end > entries_.size())) {
      return Status::Corruption("perceptron model has bad offsets");
    }
  }
  for (const Entry& e : entries_) {
    if (e.cls >= classes_) return Status::Corruption("perceptron model has bad class ids");
  }
  train_.clear();
  return Status::OK();
}

}  // namespace dyad
