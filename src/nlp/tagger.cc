#include "src/nlp/tagger.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <random>

namespace dyad {
namespace {

constexpr uint64_t kStart = 0x5354415254ULL;  // tag "before the sentence"

std::string Lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// Word shape with runs collapsed: "Zelenskyy" -> "Xx", "U.S." -> "X.X.", "2025" -> "d".
uint64_t Shape(std::string_view w) {
  std::string s;
  for (unsigned char c : w) {
    char k = std::isupper(c) ? 'X' : std::islower(c) ? 'x' : std::isdigit(c) ? 'd' : c >= 0x80 ? 'u' : static_cast<char>(c);
    if (s.empty() || s.back() != k) s.push_back(k);
    if (s.size() > 6) break;
  }
  return HashStr(s);
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

void Tagger::Features(const std::vector<std::string_view>& words, const std::vector<int>& tags, size_t i,
                      std::vector<uint64_t>* f) {
  f->clear();
  auto word = [&](long k) -> std::string_view {
    return k < 0 ? std::string_view("<s>") : k >= static_cast<long>(words.size()) ? std::string_view("</s>") : words[k];
  };
  long n = static_cast<long>(i);
  std::string_view w = words[i];
  std::string lw = Lower(w);
  uint64_t hw = HashStr(lw);
  uint64_t t1 = i >= 1 ? static_cast<uint64_t>(tags[i - 1]) : kStart;
  uint64_t t2 = i >= 2 ? static_cast<uint64_t>(tags[i - 2]) : kStart;
  bool upper = !w.empty() && std::isupper(static_cast<unsigned char>(w[0]));
  bool digit = std::any_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  bool hyphen = w.find('-') != std::string_view::npos;
  f->push_back(Feat(1, 0));
  f->push_back(Feat(2, hw));
  f->push_back(Feat(3, HashStr(w)));
  for (size_t k = 1; k <= 4; ++k) f->push_back(Feat(10 + k, Suffix(lw, k)));
  for (size_t k = 1; k <= 3; ++k) f->push_back(Feat(20 + k, Prefix(lw, k)));
  f->push_back(Feat(30, Shape(w)));
  f->push_back(Feat(31, upper, i == 0));
  f->push_back(Feat(32, digit, hyphen));
  f->push_back(Feat(40, t1));
  f->push_back(Feat(41, t1, t2));
  f->push_back(Feat(42, t1, hw));
  f->push_back(Feat(50, HashStr(Lower(word(n - 1)))));
  f->push_back(Feat(51, Suffix(Lower(word(n - 1)), 3)));
  f->push_back(Feat(52, HashStr(Lower(word(n - 2)))));
  f->push_back(Feat(53, HashStr(Lower(word(n + 1)))));
  f->push_back(Feat(54, Suffix(Lower(word(n + 1)), 3)));
  f->push_back(Feat(55, HashStr(Lower(word(n + 2)))));
  f->push_back(Feat(56, hw, HashStr(Lower(word(n + 1)))));
  f->push_back(Feat(57, hw, HashStr(Lower(word(n - 1)))));
  f->push_back(Feat(58, t1, HashStr(Lower(word(n + 1)))));
  f->push_back(Feat(59, Shape(word(n + 1)), Shape(word(n - 1))));
}

int Tagger::Predict(const std::vector<uint64_t>& feats, std::vector<float>* scores) const {
  std::fill(scores->begin(), scores->end(), 0.0f);
  model_.Score(feats.data(), feats.size(), scores->data());
  return static_cast<int>(std::max_element(scores->begin(), scores->end()) - scores->begin());
}

void Tagger::Tag(const std::vector<std::string_view>& words, std::vector<std::string>* xpos,
                 std::vector<std::string>* upos) const {
  Tag(words, {}, xpos, upos);
}

void Tagger::Tag(const std::vector<std::string_view>& words, const std::vector<std::string>& forced,
                 std::vector<std::string>* xpos, std::vector<std::string>* upos) const {
  std::vector<int> tags(words.size(), 0);
  std::vector<uint64_t> feats;
  std::vector<float> scores(labels_.size());
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
    auto it = tagdict_.find(HashStr(Lower(words[i])));
    if (it != tagdict_.end()) {
      tags[i] = it->second;
      continue;
    }
    Features(words, tags, i, &feats);
    tags[i] = Predict(feats, &scores);
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
      word_tags[HashStr(Lower(w.form))][l]++;
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
  std::vector<uint64_t> feats;
  std::vector<float> scores(t->labels_.size());
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    long correct = 0, total = 0;
    for (size_t s : order) {
      std::vector<int> tags(words[s].size(), 0);
      for (size_t i = 0; i < words[s].size(); ++i) {
        t->model_.Tick();
        auto it = t->tagdict_.find(HashStr(Lower(words[s][i])));
        if (it != t->tagdict_.end()) {
          tags[i] = it->second;
          continue;
        }
        Features(words[s], tags, i, &feats);
        int guess = t->Predict(feats, &scores);
        t->model_.Update(feats.data(), feats.size(), gold[s][i], guess);
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
  out.write("DYADTAG1", 8);
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
  if (!in || std::string(magic, 8) != "DYADTAG1") return Status::Corruption(path + ": not a dyad tagger model");
  auto t = std::unique_ptr<Tagger>(new Tagger());
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
