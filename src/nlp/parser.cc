#include "src/nlp/parser.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <random>

#include "src/nlp/clusters.h"
#include "src/nlp/tagger.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dyad {
namespace {

enum Move { kShift = 0, kReduce = 1, kLeft = 2, kRight = 3 };

// Transition ids: 0 SHIFT, 1 REDUCE, 2 + 2l LEFT(l), 3 + 2l RIGHT(l).
inline Move MoveOf(int t) { return t < 2 ? static_cast<Move>(t) : (t % 2 == 0 ? kLeft : kRight); }
inline int LabelOf(int t) { return (t - 2) / 2; }

// Parser state over tokens 0..n where 0 is the artificial root.
struct State {
  int n = 0;                    // number of real tokens
  std::vector<int> stack;
  int b = 1;                    // front of the buffer
  std::vector<int> head, label; // per token, -1 when unassigned
  std::vector<int> lmost, rmost, nleft, nright;

  explicit State(int words) : n(words), head(words + 1, -1), label(words + 1, -1),
                              lmost(words + 1, -1), rmost(words + 1, -1),
                              nleft(words + 1, 0), nright(words + 1, 0) {
    stack.push_back(0);
  }
  bool Done() const { return b > n; }
  int S(int i) const { return i < static_cast<int>(stack.size()) ? stack[stack.size() - 1 - i] : -1; }
  int B(int i) const { return b + i <= n ? b + i : -1; }

  bool Legal(int t) const {
    int s0 = S(0);
    switch (MoveOf(t)) {
      case kShift: return b <= n;
      case kReduce: return s0 > 0 && head[s0] >= 0;
      case kLeft: return s0 > 0 && head[s0] < 0 && b <= n;
      case kRight: return b <= n && s0 >= 0;
    }
    return false;
  }

  void AddArc(int h, int d, int l) {
    head[d] = h;
    label[d] = l;
    if (d < h) {
      ++nleft[h];
      if (lmost[h] < 0 || d < lmost[h]) lmost[h] = d;
    } else {
      ++nright[h];
      if (rmost[h] < 0 || d > rmost[h]) rmost[h] = d;
    }
  }

  void Apply(int t) {
    int s0 = S(0);
    switch (MoveOf(t)) {
      case kShift: stack.push_back(b++); break;
      case kReduce: stack.pop_back(); break;
      case kLeft:
        AddArc(b, s0, LabelOf(t));
        stack.pop_back();
        break;
      case kRight:
        AddArc(s0, b, LabelOf(t));
        stack.push_back(b++);
        break;
    }
  }
};

// Dynamic oracle cost (Goldberg & Nivre 2013, arc-eager), labelled.
int Cost(const State& s, int t, const std::vector<int>& gh, const std::vector<int>& gl) {
  int s0 = s.S(0), b = s.b, cost = 0;
  auto in_stack = [&](int k) { return std::find(s.stack.begin(), s.stack.end(), k) != s.stack.end(); };
  switch (MoveOf(t)) {
    case kLeft:
      for (int k = b + 1; k <= s.n; ++k) cost += (gh[s0] == k) + (gh[k] == s0);
      if (gh[s0] == b && gl[s0] != LabelOf(t)) cost += 1;
      return cost;
    case kRight:
      for (int k : s.stack) {
        if (k != s0 && gh[b] == k) ++cost;
        if (gh[k] == b && s.head[k] < 0 && k != 0) ++cost;
      }
      for (int k = b + 1; k <= s.n; ++k) cost += gh[b] == k;
      if (gh[b] == s0 && gl[b] != LabelOf(t)) cost += 1;
      return cost;
    case kReduce:
      for (int k = b; k <= s.n; ++k) cost += gh[k] == s0;
      return cost;
    case kShift:
      for (int k : s.stack) {
        if (gh[b] == k) ++cost;
        if (gh[k] == b && s.head[k] < 0 && k != 0) ++cost;
      }
      (void)in_stack;
      return cost;
  }
  return cost;
}

// A sentence's words and tags, hashed and mixed once (FeatA/B/C) for the feature templates.
// Index i + 1 holds token i (0 = the artificial root); index 0 holds "none" (no token).
struct Sent {
  std::vector<MixedValue> w;  // lowercase word hashes
  std::vector<MixedValue> t;  // tag hashes
  std::vector<MixedValue> c, f;  // coarse and fine cluster ids (empty: no clusters)
};

constexpr uint64_t kNone = 0x4E4F4E45ULL;
constexpr int kBaseFeatures = 56;
constexpr int kClusterFeatures = 12;
constexpr int kMaxFeatures = kBaseFeatures + kClusterFeatures;

// Writes the feature hashes of state `s` to f and returns how many: Feat(template, values)
// of the 56 Zhang & Nivre style templates, with the values mixed once per sentence, then
// kClusterFeatures cluster templates when x has clusters.
int Features(const State& s, const Sent& x, uint64_t* f) {
  static const MixedValue kNoneMix = MixValue(kNone);
  auto W = [&](int i) -> const MixedValue& { return x.w[i + 1]; };  // i == -1: none
  auto T = [&](int i) -> const MixedValue& { return x.t[i + 1]; };
  auto L = [&](int i) { return i < 0 || s.label[i] < 0 ? kNoneMix : MixSmall(static_cast<uint64_t>(s.label[i])); };
  int s0 = s.S(0), s1 = s.S(1), b0 = s.B(0), b1 = s.B(1), b2 = s.B(2);
  int s0h = s0 >= 0 ? s.head[s0] : -1;
  int s0l = s0 >= 0 ? s.lmost[s0] : -1, s0r = s0 >= 0 ? s.rmost[s0] : -1;
  int b0l = b0 >= 0 ? s.lmost[b0] : -1;
  MixedValue dist = MixSmall((s0 > 0 && b0 > 0) ? std::min(b0 - s0, 6) : 0);
  MixedValue s0vl = MixSmall(s0 >= 0 ? s.nleft[s0] : 0), s0vr = MixSmall(s0 >= 0 ? s.nright[s0] : 0);
  MixedValue b0vl = MixSmall(b0 >= 0 ? s.nleft[b0] : 0);
  const MixedValue &ws0 = W(s0), &ts0 = T(s0), &wb0 = W(b0), &tb0 = T(b0), &wb1 = W(b1), &tb1 = T(b1);
  const MixedValue &tb2 = T(b2), &ws0h = W(s0h), &ts0h = T(s0h), &ws0l = W(s0l), &ts0l = T(s0l);
  const MixedValue &ws0r = W(s0r), &ts0r = T(s0r), &wb0l = W(b0l), &tb0l = T(b0l), &ws1 = W(s1), &ts1 = T(s1);
  MixedValue ls0 = L(s0), ls0l = L(s0l), ls0r = L(s0r), lb0l = L(b0l);
  constexpr uint64_t kBias = Feat(1, 0);
  f[0] = kBias;
  f[1] = FeatMixed(2, ws0.a);
  f[2] = FeatMixed(3, ts0.a);
  f[3] = FeatMixed(4, ws0.a, ts0.b);
  f[4] = FeatMixed(5, wb0.a);
  f[5] = FeatMixed(6, tb0.a);
  f[6] = FeatMixed(7, wb0.a, tb0.b);
  f[7] = FeatMixed(8, wb1.a);
  f[8] = FeatMixed(9, tb1.a);
  f[9] = FeatMixed(10, wb1.a, tb1.b);
  f[10] = FeatMixed(11, tb2.a);
  f[11] = FeatMixed(12, FeatA(FeatMixed(0, ws0.a, ts0.b)), wb0.b, tb0.c);
  f[12] = FeatMixed(13, ws0.a, ts0.b, wb0.c);
  f[13] = FeatMixed(14, ws0.a, wb0.b, tb0.c);
  f[14] = FeatMixed(15, ws0.a, ts0.b, tb0.c);
  f[15] = FeatMixed(16, ts0.a, wb0.b, tb0.c);
  f[16] = FeatMixed(17, ws0.a, wb0.b);
  f[17] = FeatMixed(18, ts0.a, tb0.b);
  f[18] = FeatMixed(19, tb0.a, tb1.b);
  f[19] = FeatMixed(20, tb0.a, tb1.b, tb2.c);
  f[20] = FeatMixed(21, ts0.a, tb0.b, tb1.c);
  f[21] = FeatMixed(22, ts0h.a, ts0.b, tb0.c);
  f[22] = FeatMixed(23, ts0.a, ts0l.b, tb0.c);
  f[23] = FeatMixed(24, ts0.a, ts0r.b, tb0.c);
  f[24] = FeatMixed(25, ts0.a, tb0.b, tb0l.c);
  f[25] = FeatMixed(26, ws0.a, dist.b);
  f[26] = FeatMixed(27, ts0.a, dist.b);
  f[27] = FeatMixed(28, wb0.a, dist.b);
  f[28] = FeatMixed(29, tb0.a, dist.b);
  f[29] = FeatMixed(30, ts0.a, tb0.b, dist.c);
  f[30] = FeatMixed(31, ws0.a, s0vr.b);
  f[31] = FeatMixed(32, ts0.a, s0vr.b);
  f[32] = FeatMixed(33, ws0.a, s0vl.b);
  f[33] = FeatMixed(34, ts0.a, s0vl.b);
  f[34] = FeatMixed(35, wb0.a, b0vl.b);
  f[35] = FeatMixed(36, tb0.a, b0vl.b);
  f[36] = FeatMixed(37, ws0h.a);
  f[37] = FeatMixed(38, ts0h.a);
  f[38] = FeatMixed(39, ls0.a);
  f[39] = FeatMixed(40, ws0l.a);
  f[40] = FeatMixed(41, ts0l.a);
  f[41] = FeatMixed(42, ls0l.a);
  f[42] = FeatMixed(43, ws0r.a);
  f[43] = FeatMixed(44, ts0r.a);
  f[44] = FeatMixed(45, ls0r.a);
  f[45] = FeatMixed(46, wb0l.a);
  f[46] = FeatMixed(47, tb0l.a);
  f[47] = FeatMixed(48, lb0l.a);
  f[48] = FeatMixed(49, ts1.a);
  f[49] = FeatMixed(50, ws1.a);
  f[50] = FeatMixed(51, ts1.a, ts0.b, tb0.c);
  f[51] = FeatMixed(52, ts0.a, ls0l.b, ls0r.c);
  f[52] = FeatMixed(53, tb0.a, lb0l.b, b0vl.c);
  f[53] = FeatMixed(54, ws0.a, ls0l.b, ls0r.c);
  f[54] = FeatMixed(55, ts0.a, ts0h.b, ls0.c);
  f[55] = FeatMixed(56, wb0.a, tb1.b);
  if (x.c.empty()) return kBaseFeatures;
  auto C = [&](int i) -> const MixedValue& { return x.c[i + 1]; };
  auto F = [&](int i) -> const MixedValue& { return x.f[i + 1]; };
  const MixedValue &fs0 = F(s0), &fb0 = F(b0), &cs0 = C(s0), &cb0 = C(b0);
  f[56] = FeatMixed(60, fs0.a);
  f[57] = FeatMixed(61, fb0.a);
  f[58] = FeatMixed(62, F(b1).a);
  f[59] = FeatMixed(63, F(s1).a);
  f[60] = FeatMixed(64, F(s0h).a, ts0.b);
  f[61] = FeatMixed(65, cs0.a, cb0.b);
  f[62] = FeatMixed(66, fs0.a, tb0.b);
  f[63] = FeatMixed(67, ts0.a, fb0.b);
  f[64] = FeatMixed(68, fs0.a, fb0.b);
  f[65] = FeatMixed(69, cb0.a, C(b1).b, tb0.c);
  f[66] = FeatMixed(70, cs0.a, ts0.b, cb0.c);
  f[67] = FeatMixed(71, F(b0l).a, fb0.b);
  return kMaxFeatures;
}

Sent MakeSent(const std::vector<std::string_view>& words, const std::vector<std::string>& xpos,
              const WordClusters* clusters) {
  static const MixedValue kNoneMix = MixValue(kNone);
  static const MixedValue kRootWord = MixValue(HashStr("<root>")), kRootTag = MixValue(HashStr("<ROOT>"));
  static const MixedValue kEmptyTag = MixValue(HashStr(""));
  Sent x;
  x.w.reserve(words.size() + 2);
  x.t.reserve(words.size() + 2);
  x.w.push_back(kNoneMix);
  x.t.push_back(kNoneMix);
  x.w.push_back(kRootWord);
  x.t.push_back(kRootTag);
  for (size_t i = 0; i < words.size(); ++i) {
    x.w.push_back(MixValue(HashLower(words[i])));
    x.t.push_back(i < xpos.size() ? MixValue(HashStr(xpos[i])) : kEmptyTag);
  }
  if (clusters != nullptr) {
    static const MixedValue kRootCluster = MixValue(0x5200C1u);
    const int levels = clusters->num_levels();
    x.c = {kNoneMix, kRootCluster};  // "no token", the root
    x.f = x.c;
    x.c.reserve(words.size() + 2);
    x.f.reserve(words.size() + 2);
    uint16_t ids[WordClusters::kMaxLevels + 1];
    for (std::string_view w : words) {
      clusters->Lookup(w, ids);
      x.c.push_back(MixSmall(0x10000u + ids[0]));
      x.f.push_back(MixSmall(0x20000u + ids[levels - 1]));
    }
  }
  return x;
}

// The first index of the maximum of scores[t], t = begin, begin + step, ... < end (step 1
// or 2); -1 when empty. Same result as a left-to-right scan keeping the first best.
int FirstMax(const float* scores, int begin, int end, int step) {
  if (begin >= end) return -1;
  float m = -std::numeric_limits<float>::infinity();
  int t = begin;
#if defined(__SSE2__)
  const __m128 ninf = _mm_set1_ps(m);
  const __m128 keep = step == 1 ? _mm_castsi128_ps(_mm_set1_epi32(-1)) : _mm_castsi128_ps(_mm_set_epi32(0, -1, 0, -1));
  __m128 mx = ninf;
  for (; t + 4 <= end; t += 4) {
    __m128 x = _mm_loadu_ps(scores + t);
    mx = _mm_max_ps(mx, _mm_or_ps(_mm_and_ps(keep, x), _mm_andnot_ps(keep, ninf)));
  }
  alignas(16) float lanes[4];
  _mm_store_ps(lanes, mx);
  for (float v : lanes) m = v > m ? v : m;
#endif
  for (; t < end; t += step) m = scores[t] > m ? scores[t] : m;
  for (int u = begin; u < end; u += step) {
    if (scores[u] == m) return u;
  }
  return -1;
}

// The highest-scoring legal transition (the lowest id among equal scores), -1 if none.
int BestLegal(const State& s, const float* scores, int classes) {
  const int s0 = s.S(0);
  const bool buffer = s.b <= s.n;
  const bool legal_reduce = s0 > 0 && s.head[s0] >= 0;
  const bool legal_left = s0 > 0 && s.head[s0] < 0 && buffer;
  const bool legal_right = buffer && s0 >= 0;
  int best = -1;
  auto consider = [&](int t) {
    if (t >= 0 && (best < 0 || scores[t] > scores[best])) best = t;
  };
  if (buffer) consider(0);
  if (legal_reduce && classes > 1) consider(1);
  if (legal_left && legal_right) {
    consider(FirstMax(scores, 2, classes, 1));
  } else if (legal_left || legal_right) {
    consider(FirstMax(scores, legal_left ? 2 : 3, classes, 2));
  }
  return best;
}

void WriteString(std::ostream& out, const std::string& s) {
  uint32_t n = static_cast<uint32_t>(s.size());
  out.write(reinterpret_cast<const char*>(&n), 4);
  out.write(s.data(), n);
}

}  // namespace

bool IsProjective(const std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  for (int i = 1; i <= n; ++i) {
    int h = heads[i - 1];
    int lo = std::min(i, h), hi = std::max(i, h);
    for (int j = 1; j <= n; ++j) {
      int hj = heads[j - 1];
      int lo2 = std::min(j, hj), hi2 = std::max(j, hj);
      if ((lo < lo2 && lo2 < hi && hi < hi2) || (lo2 < lo && lo < hi2 && hi2 < hi)) return false;
    }
  }
  return true;
}

class ParserTrainer {
 public:
  static Result<std::unique_ptr<Parser>> Run(const std::vector<ConlluSentence>& train,
                                             const std::vector<std::vector<std::string>>* pred,
                                             const ParserTrainOptions& o) {
    auto p = std::unique_ptr<Parser>(new Parser());
    std::map<std::string, int> label_id;
    struct Ex {
      std::vector<std::string_view> words;
      std::vector<std::string> xpos;
      std::vector<int> gh, gl;
    };
    std::vector<Ex> data;
    long skipped = 0;
    for (size_t si = 0; si < train.size(); ++si) {
      const auto& s = train[si];
      Ex e;
      std::vector<int> heads;
      bool ok = true;
      e.gh.push_back(-1);
      e.gl.push_back(-1);
      for (size_t i = 0; i < s.words.size(); ++i) {
        const auto& w = s.words[i];
        if (w.head < 0 || w.head > static_cast<int>(s.words.size())) ok = false;
        e.words.push_back(w.form);
        e.xpos.push_back(pred != nullptr ? (*pred)[si][i] : w.xpos);
        heads.push_back(w.head);
        e.gh.push_back(w.head);
        std::string rel = w.deprel;
        if (!o.allowed_labels.empty() && !o.allowed_labels.count(rel)) rel = rel.substr(0, rel.find(':'));
        auto it = label_id.find(rel);
        if (it == label_id.end()) {
          it = label_id.emplace(rel, static_cast<int>(p->labels_.size())).first;
          p->labels_.push_back(rel);
        }
        e.gl.push_back(it->second);
      }
      if (!ok || !IsProjective(heads)) {
        ++skipped;
        continue;
      }
      data.push_back(std::move(e));
    }
    if (data.empty()) return Status::InvalidArgument("no projective training sentences");
    const int classes = 2 + 2 * static_cast<int>(p->labels_.size());
    p->model_ = AveragedPerceptron(classes);
    std::vector<size_t> order(data.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(o.seed);
    std::uniform_real_distribution<double> coin(0, 1);
    p->clusters_ = o.clusters;
    p->uses_clusters_ = o.clusters != nullptr;
    std::vector<uint64_t> feats(kMaxFeatures);
    std::vector<float> scores(classes);
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      long correct = 0, total = 0;
      for (size_t idx : order) {
        const Ex& e = data[idx];
        Sent x = MakeSent(e.words, e.xpos, p->clusters_);
        State s(static_cast<int>(e.words.size()));
        while (!s.Done()) {
          const size_t nf = Features(s, x, feats.data());
          std::fill(scores.begin(), scores.end(), 0.0f);
          p->model_.Score(feats.data(), nf, scores.data());
          int guess = BestLegal(s, scores.data(), classes);
          if (guess < 0) break;
          // Best-scoring transition among those of minimal cost.
          int best_gold = -1, min_cost = 1 << 30;
          for (int t = 0; t < classes; ++t) {
            if (!s.Legal(t)) continue;
            int c = Cost(s, t, e.gh, e.gl);
            if (c < min_cost || (c == min_cost && scores[t] > scores[best_gold])) {
              min_cost = c;
              best_gold = t;
            }
          }
          int guess_cost = Cost(s, guess, e.gh, e.gl);
          p->model_.Tick();
          if (guess_cost > min_cost) p->model_.Update(feats.data(), nf, best_gold, guess);
          else ++correct;
          ++total;
          bool explore = epoch + 1 >= o.explore_from && coin(rng) < o.explore;
          s.Apply(explore || guess_cost == min_cost ? guess : best_gold);
        }
      }
      if (o.verbose) {
        std::cerr << "parser epoch " << (epoch + 1) << ": " << (total ? 100.0 * correct / total : 0)
                  << "% zero-cost transitions (" << data.size() << " sentences, " << skipped
                  << " non-projective skipped)\n";
      }
    }
    p->model_.Finalize(o.prune);
    return p;
  }
};

Result<std::unique_ptr<Parser>> Parser::Train(const std::vector<ConlluSentence>& train,
                                              const std::vector<std::vector<std::string>>* predicted_xpos,
                                              const ParserTrainOptions& options) {
  return ParserTrainer::Run(train, predicted_xpos, options);
}

void Parser::Parse(const std::vector<std::string_view>& words, const std::vector<std::string>& xpos,
                   std::vector<int>* heads, std::vector<std::string>* deprels) const {
  const int n = static_cast<int>(words.size());
  Sent x = MakeSent(words, xpos, clusters_);
  State s(n);
  uint64_t feats[kMaxFeatures];
  const int classes = model_.num_classes();
  std::vector<float> scores(classes);
  while (!s.Done()) {
    const int nf = Features(s, x, feats);
    std::fill(scores.begin(), scores.end(), 0.0f);
    model_.Score(feats, nf, scores.data());
    int t = BestLegal(s, scores.data(), classes);
    if (t < 0) break;
    s.Apply(t);
  }
  heads->assign(n, 0);
  deprels->assign(n, "root");
  // Words left without a head attach to the first root word found (one root per tree).
  int root = -1;
  for (int i = 1; i <= n; ++i) {
    if (s.head[i] == 0) {
      root = i;
      break;
    }
  }
  for (int i = 1; i <= n; ++i) {
    if (s.head[i] < 0) {
      if (root < 0) {
        root = i;
        (*heads)[i - 1] = 0;
        (*deprels)[i - 1] = "root";
      } else {
        (*heads)[i - 1] = root;
        (*deprels)[i - 1] = "dep";
      }
      continue;
    }
    (*heads)[i - 1] = s.head[i];
    (*deprels)[i - 1] = s.head[i] == 0 ? "root" : labels_[s.label[i]];
    if (s.head[i] == 0 && i != root) {
      (*heads)[i - 1] = root;
      (*deprels)[i - 1] = labels_[s.label[i]] == "root" ? "parataxis" : labels_[s.label[i]];
    }
  }
}

Status Parser::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IOError("cannot write " + path);
  // Version 2: the same layout, for a model trained with cluster features.
  out.write(uses_clusters_ ? "DYADDEP2" : "DYADDEP1", 8);
  uint32_t n = static_cast<uint32_t>(labels_.size());
  out.write(reinterpret_cast<const char*>(&n), 4);
  for (const auto& l : labels_) WriteString(out, l);
  return model_.Save(out);
}

Result<std::unique_ptr<Parser>> Parser::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": parser model missing");
  char magic[8];
  in.read(magic, 8);
  const std::string version(magic, 8);
  if (!in || (version != "DYADDEP1" && version != "DYADDEP2")) {
    return Status::Corruption(path + ": not a dyad parser model");
  }
  auto p = std::unique_ptr<Parser>(new Parser());
  p->uses_clusters_ = version == "DYADDEP2";
  uint32_t n = 0;
  in.read(reinterpret_cast<char*>(&n), 4);
  if (!in || n == 0 || n > 500) return Status::Corruption(path + ": bad label count");
  p->labels_.resize(n);
  for (auto& l : p->labels_) {
    uint32_t len = 0;
    in.read(reinterpret_cast<char*>(&len), 4);
    if (!in || len > 64) return Status::Corruption(path + ": truncated labels");
    l.resize(len);
    in.read(l.data(), len);
  }
  Status s = p->model_.Load(in);
  if (!s.ok()) return s.WithContext(path);
  if (p->model_.num_classes() != 2 + 2 * static_cast<int>(n)) return Status::Corruption(path + ": class count mismatch");
  return p;
}

}  // namespace dyad
