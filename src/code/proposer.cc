#include "src/code/proposer.h"

#include <algorithm>
#include <fstream>
#include <istream>
#include <numeric>
#include <ostream>
#include <random>
#include <sstream>

#include "src/code/coder_util.h"
#include "src/util/hash.h"

namespace dyad {

std::string ProposerRoot(int cls) {
  if (cls < 1 || cls >= kProposerClasses) return "";
  return (cls < 10 ? "0" : "") + std::to_string(cls);
}

int ProposerClass(const std::string& code) {
  if (code.size() < 2 || !std::isdigit(static_cast<unsigned char>(code[0])) ||
      !std::isdigit(static_cast<unsigned char>(code[1])))
    return 0;
  int c = (code[0] - '0') * 10 + (code[1] - '0');
  return c >= 1 && c < kProposerClasses ? c : 0;
}

namespace {

using coder_util::LemmaOf;

// t, its head, its head's head, ... up to the root; empty on a cycle or a bad index.
std::vector<int> Ancestors(const Sentence& s, int t) {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<int> out;
  while (t >= 0 && t < n) {
    if (static_cast<int>(out.size()) > n) return {};
    out.push_back(t);
    t = s.tokens[t].head;
  }
  return out;
}

// The relation of `t` to its head, with the preposition of an oblique or nominal modifier
// ("obl:with"), as the patterns read it.
std::string RelOf(const Sentence& s, int t) {
  std::string rel = s.tokens[t].deprel;
  const std::string base = coder_util::Base(rel);
  if (base == "obl" || base == "nmod") {
    for (size_t k = 0; k < s.tokens.size(); ++k) {
      if (s.tokens[k].head == t && s.tokens[k].deprel == "case") {
        return base + ":" + LemmaOf(s.tokens[k]);
      }
    }
  }
  return rel;
}

std::string Sector(const Actor& a) { return a.code.size() >= 6 ? a.code.substr(3, 3) : "-"; }

// Relations from `from` up to (not including) `anchor`, nearest first, at most three.
std::string Chain(const Sentence& s, const std::vector<int>& up, int anchor) {
  std::string out;
  int k = 0;
  for (int t : up) {
    if (t == anchor) break;
    if (k++ == 3) {
      out += ">...";
      break;
    }
    out += (out.empty() ? "" : ">") + RelOf(s, t);
  }
  return out.empty() ? "self" : out;
}

}  // namespace

ProposerFeatureSet ProposerFeatures(const Sentence& s, int src_head, int tgt_head,
                                    const Actor& src, const Actor& tgt,
                                    const std::function<std::string(const Token&)>& dict_code) {
  ProposerFeatureSet f;
  const int n = static_cast<int>(s.tokens.size());
  if (src_head < 0 || src_head >= n || tgt_head >= n) return f;
  std::vector<int> su = Ancestors(s, src_head);
  if (su.empty()) return f;
  std::vector<int> tu;
  int anchor = -1;
  if (tgt_head >= 0) {
    tu = Ancestors(s, tgt_head);
    if (tu.empty()) return f;
    for (int a : su) {
      if (std::find(tu.begin(), tu.end(), a) != tu.end()) {
        anchor = a;
        break;
      }
    }
  } else {
    for (size_t k = 1; k < su.size(); ++k) {
      if (s.tokens[su[k]].upos == "VERB" || s.tokens[su[k]].upos == "AUX") {
        anchor = su[k];
        break;
      }
    }
    if (anchor < 0 && su.size() > 1) anchor = su[1];
  }
  if (anchor < 0) return f;
  f.anchor = anchor;
  std::vector<std::string> names;
  auto add = [&](std::string name) { names.push_back(std::move(name)); };
  const Token& at = s.tokens[anchor];
  const std::string a = LemmaOf(at);
  const std::string sr = Chain(s, su, anchor);
  const std::string tr = tgt_head >= 0 ? Chain(s, tu, anchor) : "none";
  const std::string sr1 = su.front() == anchor ? "self" : RelOf(s, su.front());
  const std::string tr1 = tgt_head < 0 ? "none" : tu.front() == anchor ? "self" : RelOf(s, tu.front());
  f.path = sr + ">" + a + "<" + tr;
  add("bias");
  add("a=" + a);
  add("ap=" + at.upos);
  add("sr=" + sr);
  add("tr=" + tr);
  add("sr1=" + sr1);
  add("tr1=" + tr1);
  add("a+sr1=" + a + "|" + sr1);
  add("a+tr1=" + a + "|" + tr1);
  add("a+sr+tr=" + a + "|" + sr + "|" + tr);
  add("sr1+tr1=" + sr1 + "|" + tr1);
  // Words on the path between the actors and the anchor: "agreed [to] [resume] talks".
  auto on_path = [&](const std::vector<int>& up, const char* side) {
    for (int t : up) {
      if (t == anchor) break;
      if (t == up.front()) continue;
      add(std::string(side) + "w=" + LemmaOf(s.tokens[t]));
      add(std::string(side) + "w+a=" + LemmaOf(s.tokens[t]) + "|" + a);
    }
  };
  on_path(su, "s");
  if (tgt_head >= 0) on_path(tu, "t");
  // The anchor's own words: negation, modals, particles, its governor ("said" above it).
  for (int k = 0; k < n; ++k) {
    const Token& c = s.tokens[k];
    if (c.head != anchor) continue;
    const std::string rel = coder_util::Base(c.deprel);
    if (rel == "aux" || rel == "advmod" || rel == "compound:prt" || c.deprel == "compound:prt" ||
        rel == "mark") {
      add("ac=" + rel + ":" + LemmaOf(c));
    }
    if (rel == "obj" || rel == "xcomp") add("ao=" + rel + ":" + LemmaOf(c) + "|" + a);
  }
  if (at.head >= 0 && at.head < n) {
    add("ah=" + coder_util::Base(at.deprel) + ":" + LemmaOf(s.tokens[at.head]));
  } else {
    add("ah=root");
  }
  const std::string ss = Sector(src), ts = tgt_head >= 0 ? Sector(tgt) : "none";
  add("ss=" + ss);
  add("ts=" + ts);
  add("ss+ts=" + ss + "|" + ts);
  add("sty=" + std::string(ActorTypeName(src.type)) + "|" +
      (tgt_head >= 0 ? ActorTypeName(tgt.type) : "none"));
  add("same=" + std::string(tgt_head >= 0 && !src.country.empty() && src.country == tgt.country ? "1" : "0"));
  add("ord=" + std::string(tgt_head < 0 ? "none" : src_head < tgt_head ? "st" : "ts"));
  add("a+ts=" + a + "|" + ts);
  if (dict_code) {
    auto root = [&](int t) {
      std::string c = dict_code(s.tokens[t]);
      return c.size() >= 2 ? c.substr(0, 2) : std::string("none");
    };
    const std::string dr = root(anchor);
    add("dr=" + dr);
    add("dr+sr1+tr1=" + dr + "|" + sr1 + "|" + tr1);
    add("dr+ap=" + dr + "|" + at.upos);
    // The nearest word below the anchor on the target's side that the dictionaries code
    // ("launched [attacks] on", "held [talks] with").
    if (tgt_head >= 0) {
      for (int t : tu) {
        if (t == anchor || t == tu.front()) continue;
        std::string r = root(t);
        if (r != "none") {
          add("tdr=" + r);
          add("tdr+dr=" + r + "|" + dr);
          break;
        }
      }
    }
    for (int k = 0; k < n; ++k) {
      if (k == anchor) continue;
      std::string r = root(k);
      if (r != "none") add("bdr=" + r);
    }
  }
  // The sentence's content words, weakly: what the event is about when the parse is wrong.
  for (int k = 0; k < n; ++k) {
    const Token& c = s.tokens[k];
    if (c.upos == "VERB" || c.upos == "NOUN") add("bw=" + LemmaOf(c));
  }
  f.hashes.reserve(names.size());
  for (const std::string& nm : names) f.hashes.push_back(Hash64(nm));
  return f;
}

ProposerGuess EventProposer::Guess(const std::vector<uint64_t>& hashes) const {
  ProposerGuess g;
  float scores[kProposerClasses] = {};
  model_.Score(hashes.data(), hashes.size(), scores);
  int best = 0;
  for (int c = 1; c < kProposerClasses; ++c) {
    if (best == 0 || scores[c] > scores[best]) best = c;
  }
  g.cls = best;
  g.margin = scores[best] - scores[0];
  auto it = codes_.find(best);
  g.code = it != codes_.end() ? it->second : ProposerRoot(best) + "0";
  return g;
}

namespace {
constexpr char kMagic[] = "DYADPROPOSER1";
}

Status EventProposer::Save(std::ostream& out) const {
  out << kMagic << "\n" << provenance_ << "\n" << threshold_ << "\n";
  for (const auto& [cls, code] : codes_) out << cls << "=" << code << " ";
  out << "\n";
  DYAD_RETURN_IF_ERROR(model_.Save(out));
  if (!out) return Status::IOError("cannot write the proposer model");
  return Status::OK();
}

Result<std::unique_ptr<EventProposer>> EventProposer::Load(std::istream& in) {
  auto p = std::make_unique<EventProposer>();
  std::string magic, threshold, codes;
  if (!std::getline(in, magic) || magic != kMagic) {
    return Status::Corruption("not a dyad proposer model");
  }
  if (!std::getline(in, p->provenance_) || !std::getline(in, threshold) ||
      !std::getline(in, codes)) {
    return Status::Corruption("proposer model header is truncated");
  }
  try {
    p->threshold_ = std::stof(threshold);
  } catch (...) {
    return Status::Corruption("proposer model threshold is not a number: " + threshold);
  }
  std::istringstream cs(codes);
  std::string item;
  while (cs >> item) {
    size_t eq = item.find('=');
    int cls = eq == std::string::npos ? 0 : ProposerClass(ProposerRoot(std::atoi(item.c_str())));
    if (cls == 0 || ProposerClass(item.substr(eq + 1)) != cls) {
      return Status::Corruption("proposer model has a bad class code: " + item);
    }
    p->codes_[cls] = item.substr(eq + 1);
  }
  DYAD_RETURN_IF_ERROR(p->model_.Load(in));
  if (p->model_.num_classes() != kProposerClasses) {
    return Status::Corruption("proposer model has the wrong number of classes");
  }
  return p;
}

Result<std::unique_ptr<EventProposer>> EventProposer::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  auto p = Load(in);
  if (!p.ok()) return Status::Corruption(path + ": " + p.status().message());
  return p;
}

void ProposerTrainer::Add(std::vector<uint64_t> hashes, int label, const std::string& code) {
  if (label < 0 || label >= kProposerClasses) label = 0;
  if (label > 0 && ProposerClass(code) == label) ++code_counts_[label][code];
  examples_.push_back({std::move(hashes), label});
}

std::unique_ptr<EventProposer> ProposerTrainer::Train(int epochs, uint64_t seed, float threshold,
                                                      const std::string& provenance) const {
  auto p = std::make_unique<EventProposer>();
  p->threshold_ = threshold;
  p->provenance_ = provenance;
  std::vector<size_t> order(examples_.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  float scores[kProposerClasses];
  for (int e = 0; e < epochs; ++e) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      const Example& x = examples_[i];
      std::fill(scores, scores + kProposerClasses, 0.0f);
      p->model_.Score(x.hashes.data(), x.hashes.size(), scores);
      int guess = static_cast<int>(std::max_element(scores, scores + kProposerClasses) - scores);
      if (guess != x.label) p->model_.Update(x.hashes.data(), x.hashes.size(), x.label, guess);
      p->model_.Tick();
    }
  }
  p->model_.Finalize();
  for (const auto& [cls, counts] : code_counts_) {
    std::string best;
    int most = 0;
    for (const auto& [code, k] : counts) {
      if (k > most) best = code, most = k;
    }
    if (!best.empty()) p->codes_[cls] = best;
  }
  return p;
}

}  // namespace dyad
