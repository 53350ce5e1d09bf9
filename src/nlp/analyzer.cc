#include "dyad/nlp.h"

#include "src/nlp/clusters.h"
#include "src/nlp/lemmatizer.h"
#include "src/nlp/parser.h"
#include "src/nlp/tagger.h"
#include "src/util/paths.h"

namespace dyad {

Analyzer::~Analyzer() = default;

Result<std::unique_ptr<Analyzer>> Analyzer::Load(const std::string& model_dir) {
  std::string dir = model_dir.empty() ? DataDir() + "/models" : model_dir;
  auto a = std::unique_ptr<Analyzer>(new Analyzer());
  ASSIGN_OR_RETURN(a->tagger_, Tagger::Load(dir + "/tagger.bin"));
  ASSIGN_OR_RETURN(a->parser_, Parser::Load(dir + "/parser.bin"));
  ASSIGN_OR_RETURN(a->lemmatizer_, Lemmatizer::Load());
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

void Analyzer::Tag(Sentence* s) const {
  std::vector<std::string_view> words;
  words.reserve(s->tokens.size());
  for (const Token& t : s->tokens) words.push_back(t.text);
  std::vector<std::string> xpos, upos;
  tagger_->Tag(words, &xpos, &upos);
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
  tagger_->Tag(words, forced_xpos, &xpos, &upos);
  for (size_t i = 0; i < s->tokens.size(); ++i) {
    Token& t = s->tokens[i];
    t.lemma = lemmatizer_->Lemma(t.text, xpos[i]);
    t.xpos = std::move(xpos[i]);
    t.upos = std::move(upos[i]);
  }
}

void Analyzer::Parse(Sentence* s) const {
  std::vector<std::string_view> words;
  std::vector<std::string> xpos;
  words.reserve(s->tokens.size());
  xpos.reserve(s->tokens.size());
  for (const Token& t : s->tokens) {
    words.push_back(t.text);
    xpos.push_back(t.xpos);
  }
  std::vector<int> heads;
  std::vector<std::string> rels;
  parser_->Parse(words, xpos, &heads, &rels);
  for (size_t i = 0; i < s->tokens.size(); ++i) {
    s->tokens[i].head = heads[i] - 1;
    s->tokens[i].deprel = std::move(rels[i]);
  }
}

void Analyzer::Analyze(Sentence* s) const { Analyze(s, {}); }

void Analyzer::Analyze(Sentence* s, const std::vector<std::string>& forced_xpos) const {
  std::vector<std::string_view> words;
  words.reserve(s->tokens.size());
  for (const Token& t : s->tokens) words.push_back(t.text);
  std::vector<std::string> xpos, upos;
  tagger_->Tag(words, forced_xpos, &xpos, &upos);
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
