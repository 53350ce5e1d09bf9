#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>

#include "dyad/nlp.h"
#include "dyad/text.h"
#include "src/nlp/clusters.h"
#include "src/nlp/conllu.h"
#include "src/nlp/lemmatizer.h"
#include "src/nlp/parse_eval.h"
#include "src/nlp/parser.h"
#include "src/nlp/perceptron.h"
#include "src/nlp/tagger.h"
#include "src/util/paths.h"
#include "src/util/test_util.h"

namespace dyad {
namespace {

std::vector<ConlluSentence> Tiny() {
  auto s = ReadConlluFile(DataDir() + "/../testdata/nlp/tiny.conllu");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : std::vector<ConlluSentence>();
}

std::vector<std::string_view> Words(const ConlluSentence& s) {
  std::vector<std::string_view> w;
  for (const auto& x : s.words) w.push_back(x.form);
  return w;
}

TEST(PerceptronTest, LearnsAndRoundTrips) {
  AveragedPerceptron p(3);
  uint64_t a[] = {Feat(1, 1)}, b[] = {Feat(1, 2)};
  for (int i = 0; i < 10; ++i) {
    p.Tick();
    p.Update(a, 1, 0, 2);
    p.Tick();
    p.Update(b, 1, 1, 0);
  }
  p.Finalize();
  float s[3] = {0, 0, 0};
  p.Score(a, 1, s);
  EXPECT_GT(s[0], s[1]);
  EXPECT_GT(s[0], s[2]);
  std::stringstream buf;
  ASSERT_TRUE(p.Save(buf).ok());
  AveragedPerceptron q;
  ASSERT_TRUE(q.Load(buf).ok());
  float t[3] = {0, 0, 0};
  q.Score(a, 1, t);
  EXPECT_FLOAT_EQ(s[0], t[0]);
  std::stringstream bad("DYADAP2\ngarbage");
  EXPECT_TRUE(AveragedPerceptron().Load(bad).IsCorruption());
}

// Reference scores from the saved (sparse) form of a model: every row's entries added in
// feature order. The loaded table (dense SIMD rows, batched probing) must match it bit for bit.
std::vector<float> ReferenceScores(const std::string& saved, const std::vector<uint64_t>& feats) {
  size_t off = 8;
  auto read = [&](void* p, size_t n) {
    std::memcpy(p, saved.data() + off, n);
    off += n;
  };
  uint64_t header[3];
  read(header, sizeof(header));
  std::map<uint64_t, std::pair<uint32_t, uint32_t>> rows;
  for (uint64_t r = 0; r < header[1]; ++r) {
    uint64_t key;
    uint32_t b, e;
    read(&key, 8);
    read(&b, 4);
    read(&e, 4);
    rows[key] = {b, e};
  }
  std::vector<uint16_t> cls(header[2]);
  std::vector<float> w(header[2]);
  read(cls.data(), cls.size() * 2);
  read(w.data(), w.size() * 4);
  std::vector<float> scores(header[0], 0.0f);
  for (uint64_t f : feats) {
    auto it = rows.find(f == 0 ? 1 : f);
    if (it == rows.end()) continue;
    for (uint32_t k = it->second.first; k < it->second.second; ++k) scores[cls[k]] += w[k];
  }
  return scores;
}

TEST(PerceptronTest, DenseAndSparseRowsScoreExactly) {
  for (int classes : {3, 86, 104, 300}) {
    AveragedPerceptron p(classes);
    std::mt19937_64 rng(7);
    // Features 0..9 are frequent (rows with many classes, stored dense), the rest rare.
    for (int step = 0; step < 4000; ++step) {
      std::vector<uint64_t> f;
      for (int k = 0; k < 6; ++k) f.push_back(Feat(9, rng() % 10));
      for (int k = 0; k < 6; ++k) f.push_back(Feat(9, 10 + rng() % 5000));
      f.push_back(0);
      p.Tick();
      p.Update(f.data(), f.size(), static_cast<int>(rng() % classes), static_cast<int>(rng() % classes));
    }
    p.Finalize(0.01f);
    std::stringstream buf;
    ASSERT_TRUE(p.Save(buf).ok());
    AveragedPerceptron q;
    ASSERT_TRUE(q.Load(buf).ok());
    for (int trial = 0; trial < 200; ++trial) {
      std::vector<uint64_t> f;
      for (int k = 0; k < 70; ++k) f.push_back(Feat(9, rng() % (k % 3 == 0 ? 10 : 9000)));
      f.push_back(0);
      std::vector<float> want = ReferenceScores(buf.str(), f);
      std::vector<float> got(classes, 0.0f), got_loaded(classes, 0.0f);
      p.Score(f.data(), f.size(), got.data());
      q.Score(f.data(), f.size(), got_loaded.data());
      ASSERT_EQ(0, std::memcmp(want.data(), got.data(), classes * sizeof(float))) << classes;
      ASSERT_EQ(0, std::memcmp(want.data(), got_loaded.data(), classes * sizeof(float))) << classes;
    }
  }
}

// Loading a committed model and saving it again gives back the same bytes: the load-time
// layout (dense rows, lookup table) loses nothing.
TEST(ModelTest, CommittedModelsSaveBackUnchanged) {
  std::string dir = std::filesystem::temp_directory_path() / ("dyad_model_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto slurp = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  auto tagger = Tagger::Load(DataDir() + "/models/tagger.bin");
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  ASSERT_TRUE((*tagger)->Save(dir + "/tagger.bin").ok());
  EXPECT_TRUE(slurp(dir + "/tagger.bin") == slurp(DataDir() + "/models/tagger.bin"));
  auto parser = Parser::Load(DataDir() + "/models/parser.bin");
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  ASSERT_TRUE((*parser)->Save(dir + "/parser.bin").ok());
  EXPECT_TRUE(slurp(dir + "/parser.bin") == slurp(DataDir() + "/models/parser.bin"));
  std::filesystem::remove_all(dir);
}

TEST(TaggerParserTest, TrainOnTinySliceSaveAndLoad) {
  auto data = Tiny();
  ASSERT_EQ(data.size(), 6u);
  TaggerTrainOptions to;
  to.epochs = 20;
  to.tagdict_min_count = 1000;  // no dictionary: the perceptron must learn
  auto tagger = Tagger::Train(data, {}, to);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::vector<std::string> xpos, upos;
  (*tagger)->Tag(Words(data[0]), &xpos, &upos);
  EXPECT_EQ(xpos, std::vector<std::string>({"NNP", "VBD", "NNP", "."}));
  EXPECT_EQ(upos[1], "VERB");
  ParserTrainOptions po;
  po.epochs = 30;
  auto parser = Parser::Train(data, nullptr, po);
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  std::vector<int> heads;
  std::vector<std::string> rels;
  std::vector<std::string> gold_xpos;
  for (const auto& w : data[4].words) gold_xpos.push_back(w.xpos);
  (*parser)->Parse(Words(data[4]), gold_xpos, &heads, &rels);
  EXPECT_EQ(heads, std::vector<int>({3, 3, 0, 6, 6, 3, 3}));
  EXPECT_EQ(rels[0], "nsubj:pass");

  std::string dir = std::filesystem::temp_directory_path() / ("dyad_nlp_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  ASSERT_TRUE((*tagger)->Save(dir + "/tagger.bin").ok());
  ASSERT_TRUE((*parser)->Save(dir + "/parser.bin").ok());
  auto analyzer = Analyzer::Load(dir);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  ParseScore sc = EvaluateAnalyzer(**analyzer, data);
  EXPECT_GT(sc.Pct(sc.xpos), 95.0);
  EXPECT_GT(sc.Pct(sc.uas), 90.0);
  // Damaged files are errors, not crashes.
  std::ofstream(dir + "/parser.bin", std::ios::binary) << "DYADDEP1\x05";
  EXPECT_FALSE(Analyzer::Load(dir).ok());
  std::filesystem::remove_all(dir);
  EXPECT_TRUE(Analyzer::Load("/nonexistent").status().IsNotFound());
}

// With word clusters: the tagger and parser train on cluster features, the Analyzer loads
// clusters.bin from the model directory, and a damaged cluster file is an error.
TEST(TaggerParserTest, TrainWithClusters) {
  auto data = Tiny();
  ASSERT_EQ(data.size(), 6u);
  ClusterOptions co;
  co.min_count = 1;
  co.contexts = 10;
  co.dims = 8;
  co.levels = {2, 3};
  ClusterBuilder b(co);
  for (const auto& s : data) b.AddSentence(Words(s));
  auto clusters = b.Build();
  ASSERT_TRUE(clusters.ok()) << clusters.status().ToString();
  TaggerTrainOptions to;
  to.epochs = 20;
  to.tagdict_min_count = 1000;
  to.clusters = clusters->get();
  auto tagger = Tagger::Train(data, {}, to);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  EXPECT_TRUE((*tagger)->uses_clusters());
  // A model trained without clusters ignores them: same tags with or without.
  to.clusters = nullptr;
  to.epochs = 3;
  auto plain = Tagger::Train(data, {}, to);
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE((*plain)->uses_clusters());
  std::vector<std::string> x1, u1, x2, u2;
  (*plain)->Tag(Words(data[2]), &x1, &u1);
  (*plain)->set_clusters(clusters->get());
  (*plain)->Tag(Words(data[2]), &x2, &u2);
  EXPECT_EQ(x1, x2);
  ParserTrainOptions po;
  po.epochs = 30;
  po.clusters = clusters->get();
  auto parser = Parser::Train(data, nullptr, po);
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  EXPECT_TRUE((*parser)->uses_clusters());
  std::string dir = std::filesystem::temp_directory_path() / ("dyad_nlp_clusters_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  ASSERT_TRUE((*tagger)->Save(dir + "/tagger.bin").ok());
  ASSERT_TRUE((*parser)->Save(dir + "/parser.bin").ok());
  ASSERT_TRUE((*clusters)->Save(dir + "/clusters.bin").ok());
  auto analyzer = Analyzer::Load(dir);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  EXPECT_TRUE((*analyzer)->tagger().uses_clusters());
  EXPECT_TRUE((*analyzer)->parser().uses_clusters());
  ParseScore sc = EvaluateAnalyzer(**analyzer, data);
  EXPECT_GT(sc.Pct(sc.xpos), 95.0);
  EXPECT_GT(sc.Pct(sc.uas), 90.0);
  std::ofstream(dir + "/clusters.bin", std::ios::binary) << "DYADCLU1\x05";
  EXPECT_TRUE(Analyzer::Load(dir).status().IsCorruption());
  std::filesystem::remove(dir + "/clusters.bin");
  EXPECT_TRUE(Analyzer::Load(dir).ok());  // no clusters: still loads
  std::filesystem::remove_all(dir);
}

TEST(LemmatizerTest, WordNetAndClitics) {
  auto l = Lemmatizer::Load();
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ((*l)->Lemma("met", "VBD"), "meet");
  EXPECT_EQ((*l)->Lemma("attacked", "VBD"), "attack");
  EXPECT_EQ((*l)->Lemma("stopped", "VBD"), "stop");
  EXPECT_EQ((*l)->Lemma("ties", "NNS"), "tie");
  EXPECT_EQ((*l)->Lemma("countries", "NNS"), "country");
  EXPECT_EQ((*l)->Lemma("children", "NNS"), "child");
  EXPECT_EQ((*l)->Lemma("n't", "RB"), "not");
  EXPECT_EQ((*l)->Lemma("'s", "VBZ"), "be");
  EXPECT_EQ((*l)->Lemma("'s", "POS"), "'s");
  EXPECT_EQ((*l)->Lemma("wo", "MD"), "will");
  EXPECT_EQ((*l)->Lemma("was", "VBD"), "be");
  EXPECT_EQ((*l)->Lemma("The", "DT"), "the");
  EXPECT_EQ((*l)->Lemma("Lavrov", "NNP"), "Lavrov");
  EXPECT_EQ((*l)->Lemma("better", "JJR"), "good");
  EXPECT_TRUE(Lemmatizer::Load("/nonexistent").status().IsNotFound());
}

// The committed models must keep the scores written in their MANIFEST (EWT dev).
TEST(SharedModelRegressionTest, CommittedModelsReachManifestScores) {
  DYAD_REQUIRE_SHARED(dev, "nlp/ud-english-ewt/en_ewt-ud-dev.conllu");
  auto a = Analyzer::Load();
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto gold = ReadConlluFile(dev);
  ASSERT_TRUE(gold.ok());
  ParseScore s = EvaluateAnalyzer(**a, *gold);
  std::ifstream manifest(DataDir() + "/models/MANIFEST");
  ASSERT_TRUE(manifest.good());
  std::map<std::string, double> want;
  std::string key;
  double v;
  std::string line;
  while (std::getline(manifest, line)) {
    std::istringstream f(line);
    if (f >> key >> v && key.rfind("dev_", 0) == 0) want[key] = v;
  }
  ASSERT_FALSE(want.empty());
  EXPECT_NEAR(s.Pct(s.xpos), want["dev_xpos"], 0.1);
  EXPECT_NEAR(s.Pct(s.upos), want["dev_upos"], 0.1);
  EXPECT_NEAR(s.Pct(s.uas), want["dev_uas"], 0.1);
  EXPECT_NEAR(s.Pct(s.las), want["dev_las"], 0.1);
  EXPECT_NEAR(s.Pct(s.lemma), want["dev_lemma"], 0.1);
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

Sentence SplitWords(const std::string& text) {
  Sentence s;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    Token t;
    t.text = w;
    s.tokens.push_back(t);
  }
  return s;
}

// An -ed word the tagger reads as an adjective between a noun and a determiner is the
// clause's verb ("the summit troubled many Canadians and Mexico called ..."): the sentence
// gets its root there. Elsewhere the tagger's reading stays.
TEST(AnalyzerTest, StrandedParticipleBeforeADeterminerIsAVerb) {
  auto a = Analyzer::Load();
  if (!a.ok()) GTEST_SKIP() << "models not built: " << a.status().ToString();
  Sentence s = SplitWords(
      "Canada 's silence at the summit troubled many Canadians and Mexico called an urgent "
      "meeting .");
  (*a)->Analyze(&s);
  EXPECT_EQ(s.tokens[6].text, "troubled");
  EXPECT_EQ(s.tokens[6].xpos, "VBD");
  EXPECT_EQ(s.tokens[6].head, -1);  // the root
  EXPECT_EQ(s.tokens[2].deprel, "nsubj");  // "absence" is its subject
  Sentence t = SplitWords("The troubled company hired many workers .");
  (*a)->Analyze(&t);
  EXPECT_EQ(t.tokens[1].xpos, "JJ");
  Sentence tagged = SplitWords(
      "Canada 's silence at the summit troubled many Canadians and Mexico called an urgent "
      "meeting .");
  (*a)->Tag(&tagged);
  EXPECT_EQ(tagged.tokens[6].xpos, "VBD");  // Tag then Parse sees the same tags as Analyze
}

}  // namespace
}  // namespace dyad
