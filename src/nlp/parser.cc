#include "src/nlp/parser.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <random>

#include "src/nlp/tagger.h"

namespace dyad {
namespace {

enum Move { kShift = 0, kReduce = 1, kLeft = 2, kRight = 3 };

// Transition ids: 0 SHIFT, 1 REDUCE, 2 + 2l LEFT(l), 3 + 2l RIGHT(l).
inline Move MoveOf(int t) { return t < 2 ? static_cast<Move>(t) : (t % 2 == 0 ? kLeft : kRight); }
inline int LabelOf(int t) { return (t - 2) / 2; }

std::string Lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

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

struct Sent {
  std::vector<uint64_t> w;  // lowercase word hashes, index 0 = root
  std::vector<uint64_t> t;  // tag hashes
};

void Features(const State& s, const Sent& x, std::vector<uint64_t>* f) {
  f->clear();
  const uint64_t kNone = 0x4E4F4E45ULL;
  auto W = [&](int i) { return i < 0 ? kNone : x.w[i]; };
  auto T = [&](int i) { return i < 0 ? kNone : x.t[i]; };
  auto L = [&](int i) { return i < 0 || s.label[i] < 0 ? kNone : static_cast<uint64_t>(s.label[i]); };
  int s0 = s.S(0), s1 = s.S(1), b0 = s.B(0), b1 = s.B(1), b2 = s.B(2);
  int s0h = s0 >= 0 ? s.head[s0] : -1;
  int s0l = s0 >= 0 ? s.lmost[s0] : -1, s0r = s0 >= 0 ? s.rmost[s0] : -1;
  int b0l = b0 >= 0 ? s.lmost[b0] : -1;
  uint64_t dist = (s0 > 0 && b0 > 0) ? std::min(b0 - s0, 6) : 0;
  uint64_t s0vl = s0 >= 0 ? s.nleft[s0] : 0, s0vr = s0 >= 0 ? s.nright[s0] : 0;
  uint64_t b0vl = b0 >= 0 ? s.nleft[b0] : 0;
  f->push_back(Feat(1, 0));
  f->push_back(Feat(2, W(s0)));
  f->push_back(Feat(3, T(s0)));
  f->push_back(Feat(4, W(s0), T(s0)));
  f->push_back(Feat(5, W(b0)));
  f->push_back(Feat(6, T(b0)));
  f->push_back(Feat(7, W(b0), T(b0)));
  f->push_back(Feat(8, W(b1)));
  f->push_back(Feat(9, T(b1)));
  f->push_back(Feat(10, W(b1), T(b1)));
  f->push_back(Feat(11, T(b2)));
  f->push_back(Feat(12, Feat(0, W(s0), T(s0)), W(b0), T(b0)));
  f->push_back(Feat(13, W(s0), T(s0), W(b0)));
  f->push_back(Feat(14, W(s0), W(b0), T(b0)));
  f->push_back(Feat(15, W(s0), T(s0), T(b0)));
  f->push_back(Feat(16, T(s0), W(b0), T(b0)));
  f->push_back(Feat(17, W(s0), W(b0)));
  f->push_back(Feat(18, T(s0), T(b0)));
  f->push_back(Feat(19, T(b0), T(b1)));
  f->push_back(Feat(20, T(b0), T(b1), T(b2)));
  f->push_back(Feat(21, T(s0), T(b0), T(b1)));
  f->push_back(Feat(22, T(s0h), T(s0), T(b0)));
  f->push_back(Feat(23, T(s0), T(s0l), T(b0)));
  f->push_back(Feat(24, T(s0), T(s0r), T(b0)));
  f->push_back(Feat(25, T(s0), T(b0), T(b0l)));
  f->push_back(Feat(26, W(s0), dist));
  f->push_back(Feat(27, T(s0), dist));
  f->push_back(Feat(28, W(b0), dist));
  f->push_back(Feat(29, T(b0), dist));
  f->push_back(Feat(30, T(s0), T(b0), dist));
  f->push_back(Feat(31, W(s0), s0vr));
  f->push_back(Feat(32, T(s0), s0vr));
  f->push_back(Feat(33, W(s0), s0vl));
  f->push_back(Feat(34, T(s0), s0vl));
  f->push_back(Feat(35, W(b0), b0vl));
  f->push_back(Feat(36, T(b0), b0vl));
  f->push_back(Feat(37, W(s0h)));
  f->push_back(Feat(38, T(s0h)));
  f->push_back(Feat(39, L(s0)));
  f->push_back(Feat(40, W(s0l)));
  f->push_back(Feat(41, T(s0l)));
  f->push_back(Feat(42, L(s0l)));
  f->push_back(Feat(43, W(s0r)));
  f->push_back(Feat(44, T(s0r)));
  f->push_back(Feat(45, L(s0r)));
  f->push_back(Feat(46, W(b0l)));
  f->push_back(Feat(47, T(b0l)));
  f->push_back(Feat(48, L(b0l)));
  f->push_back(Feat(49, T(s1)));
  f->push_back(Feat(50, W(s1)));
  f->push_back(Feat(51, T(s1), T(s0), T(b0)));
  f->push_back(Feat(52, T(s0), L(s0l), L(s0r)));
  f->push_back(Feat(53, T(b0), L(b0l), b0vl));
  f->push_back(Feat(54, W(s0), L(s0l), L(s0r)));
  f->push_back(Feat(55, T(s0), T(s0h), L(s0)));
  f->push_back(Feat(56, W(b0), T(b1)));
}

Sent MakeSent(const std::vector<std::string_view>& words, const std::vector<std::string>& xpos) {
  Sent x;
  x.w.push_back(HashStr("<root>"));
  x.t.push_back(HashStr("<ROOT>"));
  for (size_t i = 0; i < words.size(); ++i) {
    x.w.push_back(HashStr(Lower(words[i])));
    x.t.push_back(HashStr(i < xpos.size() ? xpos[i] : std::string()));
  }
  return x;
}

int BestLegal(const State& s, const std::vector<float>& scores) {
  int best = -1;
  for (int t = 0; t < static_cast<int>(scores.size()); ++t) {
    if (!s.Legal(t)) continue;
    if (best < 0 || scores[t] > scores[best]) best = t;
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
    std::vector<uint64_t> feats;
    std::vector<float> scores(classes);
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      long correct = 0, total = 0;
      for (size_t idx : order) {
        const Ex& e = data[idx];
        Sent x = MakeSent(e.words, e.xpos);
        State s(static_cast<int>(e.words.size()));
        while (!s.Done()) {
          Features(s, x, &feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          p->model_.Score(feats.data(), feats.size(), scores.data());
          int guess = BestLegal(s, scores);
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
          if (guess_cost > min_cost) p->model_.Update(feats.data(), feats.size(), best_gold, guess);
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
  Sent x = MakeSent(words, xpos);
  State s(n);
  std::vector<uint64_t> feats;
  std::vector<float> scores(model_.num_classes());
  while (!s.Done()) {
    Features(s, x, &feats);
    std::fill(scores.begin(), scores.end(), 0.0f);
    model_.Score(feats.data(), feats.size(), scores.data());
    int t = BestLegal(s, scores);
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
  out.write("DYADDEP1", 8);
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
  if (!in || std::string(magic, 8) != "DYADDEP1") return Status::Corruption(path + ": not a dyad parser model");
  auto p = std::unique_ptr<Parser>(new Parser());
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
