#include "src/nlp/tagger.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <random>

#include "src/nlp/clusters.h"

namespace dyad {
namespace {

constexpr uint64_t kStart = 0x5354415254ULL;  // tag "before the sentence"

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Word shape with runs collapsed: "Zelenskyy" -> "Xx", "U.S." -> "X.X.", "2025" -> "d".
uint64_t Shape(std::string_view w) {
  char s[8];
  size_t n = 0;
  for (unsigned char c : w) {
    char k = std::isupper(c) ? 'X' : std::islower(c) ? 'x' : std::isdigit(c) ? 'd' : c >= 0x80 ? 'u' : static_cast<char>(c);
    if (n == 0 || s[n - 1] != k) s[n++] = k;
    if (n > 6) break;
  }
  return HashStr(std::string_view(s, n));
}

uint64_t Suffix(std::string_view w, size_t n) { return HashStr(w.size() > n ? w.substr(w.size() - n) : w); }
uint64_t Prefix(std::string_view w, size_t n) { return HashStr(w.substr(0, std::min(n, w.size()))); }

void WriteString(std::ostream& out, const std::string& s) {
  uint32_t n = static_cast<uint32_t>(s.size());
  out.write(reinterpret_cast<const char*>(&n), 4);
  out.write(s.data(), n);
}

bool ReadString(std::istream& in, std::string* s) {
  uint32_t n = 0;
  in.read(reinterpret_cast<char*>(&n), 4);
  if (!in || n > 4096) return false;
  s->resize(n);
  in.read(s->data(), n);
  return static_cast<bool>(in);
}

}  // namespace

uint64_t HashStr(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t HashLower(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(AsciiLower(c));
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Per-sentence values of the tagger's features, computed once per word (not once per
// template and neighbour). Position p of the padded arrays is word p - 2; the two slots on
// each side stand for "<s>" and "</s>".
struct Tagger::Context {
  const std::vector<std::string_view>* words = nullptr;
  std::vector<uint64_t> low;      // HashStr(Lower(word)) per word (for the tag dictionary)
  std::vector<MixedValue> low_m;  // padded: mixed lowercase word hash
  std::vector<uint64_t> suf3_a;   // padded: FeatA(Suffix(lower word, 3))
  std::vector<MixedValue> shape;  // padded: mixed Shape(word)
  bool clustered = false;         // cluster features on
  std::vector<MixedValue> coarse, fine;  // padded: mixed cluster ids (first and last level)
  std::vector<MixedValue> casec;         // padded: mixed case class
  std::string lower;              // scratch: the current word lowercased

  void Reset(const std::vector<std::string_view>& w, const WordClusters* clusters) {
    Reset(w);
    clustered = clusters != nullptr;
    if (!clustered) return;
    static const MixedValue kBos = MixValue(0xB05C1u), kEos = MixValue(0xE05C1u);
    const size_t n = w.size();
    const int levels = clusters->num_levels();
    coarse.resize(n + 4);
    fine.resize(n + 4);
    casec.resize(n + 4);
    for (size_t p : {size_t{0}, size_t{1}}) {
      coarse[p] = fine[p] = casec[p] = kBos;
      coarse[n + 2 + p] = fine[n + 2 + p] = casec[n + 2 + p] = kEos;
    }
    uint16_t ids[WordClusters::kMaxLevels + 1];
    for (size_t i = 0; i < n; ++i) {
      clusters->Lookup(w[i], ids);
      coarse[i + 2] = MixSmall(0x10000u + ids[0]);
      fine[i + 2] = MixSmall(0x20000u + ids[levels - 1]);
      casec[i + 2] = MixSmall(0x30000u + ids[levels]);
    }
  }

  void Reset(const std::vector<std::string_view>& w) {
    static const MixedValue kBosLow = MixValue(HashStr("<s>")), kEosLow = MixValue(HashStr("</s>"));
    static const uint64_t kBosSuf = FeatA(Suffix("<s>", 3)), kEosSuf = FeatA(Suffix("</s>", 3));
    static const MixedValue kBosShape = MixValue(Shape("<s>")), kEosShape = MixValue(Shape("</s>"));
    words = &w;
    const size_t n = w.size();
    low.resize(n);
    low_m.resize(n + 4);
    suf3_a.resize(n + 4);
    shape.resize(n + 4);
    for (size_t p : {size_t{0}, size_t{1}}) {
      low_m[p] = kBosLow;
      suf3_a[p] = kBosSuf;
      shape[p] = kBosShape;
      low_m[n + 2 + p] = kEosLow;
      suf3_a[n + 2 + p] = kEosSuf;
      shape[n + 2 + p] = kEosShape;
    }
    for (size_t i = 0; i < n; ++i) {
      lower.assign(w[i]);
      for (char& c : lower) c = AsciiLower(c);
      low[i] = HashStr(lower);
      low_m[i + 2] = MixValue(low[i]);
      suf3_a[i + 2] = FeatA(Suffix(lower, 3));
      shape[i + 2] = MixValue(Shape(w[i]));
    }
  }
};

size_t Tagger::Features(Context& x, const std::vector<int>& tags, size_t i, uint64_t* f) {
  static const MixedValue kStartMix = MixValue(kStart);
  const size_t p = i + 2;  // padded position
  std::string_view w = (*x.words)[i];
  x.lower.assign(w);
  for (char& c : x.lower) c = AsciiLower(c);
  std::string_view lw = x.lower;
  const MixedValue& t1 = i >= 1 ? MixSmall(static_cast<uint64_t>(tags[i - 1])) : kStartMix;
  const MixedValue& t2 = i >= 2 ? MixSmall(static_cast<uint64_t>(tags[i - 2])) : kStartMix;
  bool upper = !w.empty() && std::isupper(static_cast<unsigned char>(w[0]));
  bool digit = std::any_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  bool hyphen = w.find('-') != std::string_view::npos;
  constexpr uint64_t kBias = Feat(1, 0);
  f[0] = kBias;
  f[1] = FeatMixed(2, x.low_m[p].a);
  f[2] = Feat(3, HashStr(w));
  for (size_t k = 1; k <= 4; ++k) f[2 + k] = Feat(10 + k, Suffix(lw, k));
  for (size_t k = 1; k <= 3; ++k) f[6 + k] = Feat(20 + k, Prefix(lw, k));
  f[10] = FeatMixed(30, x.shape[p].a);
  f[11] = Feat(31, upper, i == 0);
  f[12] = Feat(32, digit, hyphen);
  f[13] = FeatMixed(40, t1.a);
  f[14] = FeatMixed(41, t1.a, t2.b);
  f[15] = FeatMixed(42, t1.a, x.low_m[p].b);
  f[16] = FeatMixed(50, x.low_m[p - 1].a);
  f[17] = FeatMixed(51, x.suf3_a[p - 1]);
  f[18] = FeatMixed(52, x.low_m[p - 2].a);
  f[19] = FeatMixed(53, x.low_m[p + 1].a);
  f[20] = FeatMixed(54, x.suf3_a[p + 1]);
  f[21] = FeatMixed(55, x.low_m[p + 2].a);
  f[22] = FeatMixed(56, x.low_m[p].a, x.low_m[p + 1].b);
  f[23] = FeatMixed(57, x.low_m[p].a, x.low_m[p - 1].b);
  f[24] = FeatMixed(58, t1.a, x.low_m[p + 1].b);
  f[25] = FeatMixed(59, x.shape[p + 1].a, x.shape[p - 1].b);
  if (!x.clustered) return kBaseFeatures;
  const auto &c = x.coarse, &fi = x.fine;
  f[26] = FeatMixed(60, fi[p].a);
  f[27] = FeatMixed(61, c[p].a);
  f[28] = FeatMixed(62, fi[p - 1].a);
  f[29] = FeatMixed(63, fi[p + 1].a);
  f[30] = FeatMixed(64, fi[p - 2].a);
  f[31] = FeatMixed(65, fi[p + 2].a);
  f[32] = FeatMixed(66, c[p - 1].a, c[p + 1].b);
  f[33] = FeatMixed(67, x.suf3_a[p], fi[p].b);
  f[34] = FeatMixed(68, t1.a, fi[p].b);
  f[35] = FeatMixed(69, fi[p].a, c[p + 1].b);
  f[36] = FeatMixed(70, c[p - 1].a, fi[p].b);
  f[37] = FeatMixed(71, fi[p].a, x.shape[p].b);
  f[38] = FeatMixed(72, t1.a, c[p + 1].b);
  const auto& cc = x.casec;
  f[39] = FeatMixed(73, cc[p].a, MixSmall(upper * 2 + (i == 0)).b);
  f[40] = FeatMixed(74, cc[p].a, x.shape[p].b);
  f[41] = FeatMixed(75, cc[p - 1].a, cc[p + 1].b);
  return kMaxFeatures;
}

int Tagger::Predict(const uint64_t* feats, size_t n, std::vector<float>* scores) const {
  std::fill(scores->begin(), scores->end(), 0.0f);
  model_.Score(feats, n, scores->data());
  return static_cast<int>(std::max_element(scores->begin(), scores->end()) - scores->begin());
}

void Tagger::Tag(const std::vector<std::string_view>& words, std::vector<std::string>* xpos,
                 std::vector<std::string>* upos) const {
  Tag(words, {}, xpos, upos);
}

void Tagger::Tag(const std::vector<std::string_view>& words, const std::vector<std::string>& forced,
                 std::vector<std::string>* xpos, std::vector<std::string>* upos) const {
  std::vector<int> tags(words.size(), 0);
  uint64_t feats[kMaxFeatures];
  std::vector<float> scores(labels_.size());
  Context x;
  x.Reset(words, clusters_);
  for (size_t i = 0; i < words.size(); ++i) {
    if (i < forced.size() && !forced[i].empty()) {
      int label = -1;
      for (size_t l = 0; l < labels_.size() && label < 0; ++l) {
        if (labels_[l].xpos == forced[i]) label = static_cast<int>(l);
      }
      if (label >= 0) {
        tags[i] = label;
        continue;
      }
    }
    auto it = tagdict_.find(x.low[i]);
    if (it != tagdict_.end()) {
      tags[i] = it->second;
      continue;
    }
    size_t nf = Features(x, tags, i, feats);
    tags[i] = Predict(feats, nf, &scores);
  }
  xpos->resize(words.size());
  upos->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    (*xpos)[i] = labels_[tags[i]].xpos;
    (*upos)[i] = labels_[tags[i]].upos;
  }
}

Result<std::unique_ptr<Tagger>> Tagger::Train(const std::vector<ConlluSentence>& train,
                                              const std::vector<ConlluSentence>& dev,
                                              const TaggerTrainOptions& o) {
  if (train.empty()) return Status::InvalidArgument("no training sentences");
  auto t = std::unique_ptr<Tagger>(new Tagger());
  // Labels: joint XPOS|UPOS seen at least 5 times; rarer pairs fall back to the XPOS's
  // most frequent UPOS.
  std::map<std::string, int> pair_count;
  std::map<std::string, std::map<std::string, int>> upos_of_xpos;
  for (const auto& s : train) {
    for (const auto& w : s.words) {
      pair_count[w.xpos + "|" + w.upos]++;
      upos_of_xpos[w.xpos][w.upos]++;
    }
  }
  std::map<std::string, int> label_id;
  auto label_for = [&](const ConlluWord& w) -> int {
    std::string key = w.xpos + "|" + w.upos;
    if (pair_count[key] < 5) {
      const auto& m = upos_of_xpos[w.xpos];
      auto best = std::max_element(m.begin(), m.end(), [](auto& a, auto& b) { return a.second < b.second; });
      key = w.xpos + "|" + best->first;
    }
    auto it = label_id.find(key);
    if (it != label_id.end()) return it->second;
    int id = static_cast<int>(t->labels_.size());
    size_t bar = key.find('|');
    t->labels_.push_back({key.substr(0, bar), key.substr(bar + 1)});
    label_id[key] = id;
    return id;
  };
  std::vector<std::vector<std::string_view>> words(train.size());
  std::vector<std::vector<int>> gold(train.size());
  std::map<uint64_t, std::map<int, int>> word_tags;
  for (size_t s = 0; s < train.size(); ++s) {
    for (const auto& w : train[s].words) {
      words[s].push_back(w.form);
      int l = label_for(w);
      gold[s].push_back(l);
      word_tags[HashLower(w.form)][l]++;
    }
  }
  for (const auto& [h, m] : word_tags) {
    int total = 0, best = 0, best_label = 0;
    for (const auto& [l, c] : m) {
      total += c;
      if (c > best) {
        best = c;
        best_label = l;
      }
    }
    if (total >= o.tagdict_min_count && best >= o.tagdict_min_share * total) {
      t->tagdict_[h] = static_cast<uint16_t>(best_label);
    }
  }
  t->model_ = AveragedPerceptron(static_cast<int>(t->labels_.size()));
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(o.seed);
  t->clusters_ = o.clusters;
  t->uses_clusters_ = o.clusters != nullptr;
  uint64_t feats[kMaxFeatures];
  std::vector<float> scores(t->labels_.size());
  Context x;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    long correct = 0, total = 0;
    for (size_t s : order) {
      std::vector<int> tags(words[s].size(), 0);
      x.Reset(words[s], t->clusters_);
      for (size_t i = 0; i < words[s].size(); ++i) {
        t->model_.Tick();
        auto it = t->tagdict_.find(x.low[i]);
        if (it != t->tagdict_.end()) {
          tags[i] = it->second;
          continue;
        }
        size_t nf = Features(x, tags, i, feats);
        int guess = t->Predict(feats, nf, &scores);
        t->model_.Update(feats, nf, gold[s][i], guess);
        tags[i] = guess;  // greedy: later features see the prediction, as at run time
        correct += guess == gold[s][i];
        ++total;
      }
    }
    if (o.verbose) {
      std::cerr << "tagger epoch " << (epoch + 1) << ": train accuracy (non-dictionary) "
                << (total ? 100.0 * correct / total : 0) << "%\n";
    }
  }
  t->model_.Finalize(o.prune);
  (void)dev;
  return t;
}

Status Tagger::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IOError("cannot write " + path);
  // Version 2: the same layout, for a model trained with cluster features.
  out.write(uses_clusters_ ? "DYADTAG2" : "DYADTAG1", 8);
  uint32_t n = static_cast<uint32_t>(labels_.size());
  out.write(reinterpret_cast<const char*>(&n), 4);
  for (const auto& l : labels_) {
    WriteString(out, l.xpos);
    WriteString(out, l.upos);
  }
  std::vector<std::pair<uint64_t, uint16_t>> dict(tagdict_.begin(), tagdict_.end());
  std::sort(dict.begin(), dict.end());
  uint64_t m = dict.size();
  out.write(reinterpret_cast<const char*>(&m), 8);
  for (const auto& [h, l] : dict) {
    out.write(reinterpret_cast<const char*>(&h), 8);
    out.write(reinterpret_cast<const char*>(&l), 2);
  }
  return model_.Save(out);
}

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": tagger model missing");
  char magic[8];
  in.read(magic, 8);
  const std::string version(magic, 8);
  if (!in || (version != "DYADTAG1" && version != "DYADTAG2")) {
    return Status::Corruption(path + ": not a dyad tagger model");
  }
  auto t = std::unique_ptr<Tagger>(new Tagger());
  t->uses_clusters_ = version == "DYADTAG2";
  uint32_t n = 0;
  in.read(reinterpret_cast<char*>(&n), 4);
  if (!in || n == 0 || n > 1000) return Status::Corruption(path + ": bad label count");
  t->labels_.resize(n);
  for (auto& l : t->labels_) {
    if (!ReadString(in, &l.xpos) || !ReadString(in, &l.upos)) return Status::Corruption(path + ": truncated labels");
  }
  uint64_t m = 0;
  in.read(reinterpret_cast<char*>(&m), 8);
  if (!in || m > (1u << 24)) return Status::Corruption(path + ": bad tag dictionary");
  t->tagdict_.reserve(m);
  for (uint64_t i = 0; i < m; ++i) {
    uint64_t h;
    uint16_t l;
    in.read(reinterpret_cast<char*>(&h), 8);
    in.read(reinterpret_cast<char*>(&l), 2);
    if (!in || l >= n) return Status::Corruption(path + ": truncated tag dictionary");
    t->tagdict_[h] = l;
  }
  Status s = t->model_.Load(in);
  if (!s.ok()) return s.WithContext(path);
  if (t->model_.num_classes() != static_cast<int>(n)) return Status::Corruption(path + ": class count mismatch");
  return t;
}

}  // namespace dyad
