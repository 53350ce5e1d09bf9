#include "dyad/nlp.h"

#include "src/nlp/clusters.h"
#include "src/nlp/lemmatizer.h"
#include "src/nlp/parser.h"
#include "src/nlp/tagger.h"
#include "src/util/paths.h"
#include "src/util/text_case.h"

namespace dyad {

Analyzer::~Analyzer() = default;

Result<std::unique_ptr<Analyzer>> Analyzer::Load(const std::string& model_dir) {
  std::string dir = model_dir.empty() ? DataDir() + "/models" : model_dir;
  auto a = std::unique_ptr<Analyzer>(new Analyzer());
  DYAD_ASSIGN_OR_RETURN(a->tagger_, Tagger::Load(dir + "/tagger.bin"));
  DYAD_ASSIGN_OR_RETURN(a->parser_, Parser::Load(dir + "/parser.bin"));
  DYAD_ASSIGN_OR_RETURN(a->lemmatizer_, Lemmatizer::Load());
  auto clusters = WordClusters::Load(dir + "/clusters.bin");
  if (clusters.ok()) {
    a->clusters_ = std::move(*clusters);
    a->tagger_->set_clusters(a->clusters_.get());
    a->parser_->set_clusters(a->clusters_.get());
  } else if (!clusters.status().IsNotFound()) {
    return clusters.status();
  }
  return a;
}

namespace {

// "Canada's silence at the summit troubled many Canadians": the greedy tagger reads an -ed
// word right after a noun as an adjective when a finite verb follows later, which makes the
// sentence's real verb a noun's modifier. An adjective cannot take a determiner or quantifier
// after it, so an -ed "JJ" between a noun and one of these is a past-tense verb. Returns the
// tags to force (empty when the rule does not fire); `forced` is kept.
std::vector<std::string> StrandedParticiples(const std::vector<std::string_view>& words,
                                             const std::vector<std::string>& xpos,
                                             const std::vector<std::string>& forced) {
  static const char* const kNext[] = {"the", "a", "an", "many", "several", "his", "her",
                                      "their", "its", "our", "thousands", "hundreds", "dozens"};
  std::vector<std::string> out;
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (xpos[i] != "JJ" || words[i].size() < 5 || !words[i].ends_with("ed")) continue;
    if (i < forced.size() && !forced[i].empty()) continue;
    const std::string& prev = xpos[i - 1];
    if (prev != "NN" && prev != "NNS" && prev != "NNP" && prev != "NNPS") continue;
    const std::string next = Lower(words[i + 1]);
    bool det = false;
    for (const char* d : kNext) det |= next == d;
    if (!det) continue;
    if (out.empty()) {
      out = forced;
      out.resize(words.size());
    }
    out[i] = "VBD";
  }
  return out;
}

// The tagger's tags, with StrandedParticiples applied (one more pass when it fires).
void TagWords(const Tagger& tagger, const std::vector<std::string_view>& words,
              const std::vector<std::string>& forced, std::vector<std::string>* xpos,
              std::vector<std::string>* upos) {
  tagger.Tag(words, forced, xpos, upos);
  std::vector<std::string> fix = StrandedParticiples(words, *xpos, forced);
  if (!fix.empty()) tagger.Tag(words, fix, xpos, upos);
}

}  // namespace

void Analyzer::Tag(Sentence* s) const {
  std::vector<std::string_view> words;
  words.reserve(s->tokens.size());
  for (const Token& t : s->tokens) words.push_back(t.text);
  std::vector<std::string> xpos, upos;
  TagWords(*tagger_, words, {}, &xpos, &upos);
  for (size_t i = 0; i < s->tokens.size(); ++i) {
    Token& t = s->tokens[i];
    t.xpos = std::move(xpos[i]);
    t.upos = std::move(upos[i]);
    t.lemma = lemmatizer_->Lemma(t.text, t.xpos);
  }
}

void Analyzer::Tag(Sentence* s, const std::vector<std::string>& forced_xpos) const {
  std::vector<std::string_view> words;
  words.reserve(s->tokens.size());
  for (const Token& t : s->tokens) words.push_back(t.text);
  std::vector<std::string> xpos, upos;
  TagWords(*tagger_, words, forced_xpos, &xpos, &upos);
  for (size_t i = 0; i < s->tokens.size(); ++i) {
    Token& t = s->tokens[i];
    t.lemma = lemmatizer_->Lemma(t.text, xpos[i]);
    t.xpos = std::move(xpos[i]);
    t.upos = std::move(upos[i]);
  }
}

void Analyzer::Parse(Sentence* s) const { Parse(s, {}); }

void Analyzer::Parse(Sentence* s, const std::vector<ParseUnit>& units) const {
  const int n = static_cast<int>(s->tokens.size());
  // Each unit is merged into one word before parsing (its last word stands for it: "Putin",
  // "Arabia"), so the parser sees "a summit between Trump and Putin"; the unit's other
  // words then hang off its head.
  std::vector<int> unit_of(n, -1);
  for (size_t u = 0; u < units.size(); ++u) {
    const ParseUnit& pu = units[u];
    if (pu.first < 0 || pu.last >= n || pu.first >= pu.last || pu.head < pu.first ||
        pu.head > pu.last)
      continue;
    bool free = true;
    for (int i = pu.first; i <= pu.last; ++i) free &= unit_of[i] < 0;
    if (!free) continue;
    for (int i = pu.first; i <= pu.last; ++i) unit_of[i] = static_cast<int>(u);
  }
  std::vector<std::string_view> words;
  std::vector<std::string> xpos;
  std::vector<int> original;  // reduced position -> token standing for it
  words.reserve(n);
  xpos.reserve(n);
  for (int i = 0; i < n; ++i) {
    const int u = unit_of[i];
    if (u >= 0 && i != units[u].last) continue;
    const Token& t = s->tokens[i];
    words.push_back(t.text);
    xpos.push_back(u >= 0 && t.xpos.rfind("NN", 0) != 0 ? "NNP" : t.xpos);
    original.push_back(u >= 0 ? units[u].head : i);
  }
  std::vector<int> heads;
  std::vector<std::string> rels;
  parser_->Parse(words, xpos, &heads, &rels);
  for (size_t j = 0; j < original.size(); ++j) {
    Token& t = s->tokens[original[j]];
    t.head = heads[j] == 0 ? -1 : original[heads[j] - 1];
    t.deprel = std::move(rels[j]);
  }
  for (int i = 0; i < n; ++i) {
    const int u = unit_of[i];
    if (u < 0 || i == units[u].head) continue;
    const int h = units[u].head;
    Token& t = s->tokens[i];
    // "Secretary [of State]": a preposition marks the next word, which modifies the word
    // before the preposition; other words before the head modify it, words after it
    // continue the name.
    if (t.xpos == "IN" && i + 1 <= units[u].last) {
      t.head = i + 1;
      t.deprel = "case";
    } else if (i - 2 >= units[u].first && s->tokens[i - 1].xpos == "IN") {
      t.head = i - 2;
      t.deprel = "nmod";
    } else if (i > h) {
      t.head = h;
      t.deprel = "flat";
    } else {
      t.head = h;
      t.deprel = t.xpos.rfind("JJ", 0) == 0 ? "amod" : "compound";
    }
  }
}

void Analyzer::Analyze(Sentence* s) const { Analyze(s, {}); }

void Analyzer::Analyze(Sentence* s, const std::vector<std::string>& forced_xpos) const {
  std::vector<std::string_view> words;
  words.reserve(s->tokens.size());
  for (const Token& t : s->tokens) words.push_back(t.text);
  std::vector<std::string> xpos, upos;
  TagWords(*tagger_, words, forced_xpos, &xpos, &upos);
  std::vector<int> heads;
  std::vector<std::string> rels;
  parser_->Parse(words, xpos, &heads, &rels);
  for (size_t i = 0; i < s->tokens.size(); ++i) {
    Token& t = s->tokens[i];
    t.lemma = lemmatizer_->Lemma(t.text, xpos[i]);
    t.xpos = std::move(xpos[i]);
    t.upos = std::move(upos[i]);
    t.head = heads[i] - 1;
    t.deprel = std::move(rels[i]);
  }
}

}  // namespace dyad
