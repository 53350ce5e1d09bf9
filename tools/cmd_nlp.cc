// NLP subcommands: `dyad train clusters|tagger|parser`, `dyad eval parse`, `dyad parse`, `dyad
// bench parse`.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "dyad/coder.h"
#include "dyad/dictionary.h"
#include "dyad/nlp.h"
#include "dyad/reader.h"
#include "dyad/text.h"
#include "src/code/units.h"
#include "src/nlp/clusters.h"
#include "src/nlp/conllu.h"
#include "src/nlp/lemmatizer.h"
#include "src/nlp/parse_eval.h"
#include "src/nlp/parser.h"
#include "src/nlp/tagger.h"
#include "src/util/paths.h"
#include "tools/command.h"
#include "tools/reader_flags.h"

namespace dyad::cli {
namespace {

Result<std::vector<ConlluSentence>> ReadAll(const std::vector<std::string>& files) {
  std::vector<ConlluSentence> all;
  for (const auto& f : files) {
    DYAD_ASSIGN_OR_RETURN(auto s, ReadConlluFile(f));
    all.insert(all.end(), std::make_move_iterator(s.begin()), std::make_move_iterator(s.end()));
  }
  return all;
}

struct TrainFlags {
  std::vector<std::string> train, dev;
  std::string out;
  int epochs = 0;
  uint64_t seed = 1;
  float prune = 0.0f;
  std::string clusters;
};

void AddTrainFlags(CLI::App* app, TrainFlags* f, const char* default_out) {
  app->add_option("--train", f->train, "Training CoNLL-U files (read in order)")->required();
  app->add_option("--dev", f->dev, "Development CoNLL-U files (scored after training)");
  f->out = default_out;
  app->add_option("--out", f->out, "Model file to write")->capture_default_str();
  app->add_option("--epochs", f->epochs, "Passes over the data (default: the model's own)");
  app->add_option("--seed", f->seed, "Random seed (training is deterministic for a seed)")
      ->capture_default_str();
  app->add_option("--prune", f->prune, "Drop averaged weights below this magnitude")
      ->capture_default_str();
  app->add_option("--clusters", f->clusters,
                  "Word cluster file (`dyad train clusters`) for cluster features");
}

// Loads --clusters FILE when given (empty: no cluster features).
Result<std::shared_ptr<WordClusters>> LoadClusters(const std::string& path) {
  if (path.empty()) return std::shared_ptr<WordClusters>();
  DYAD_ASSIGN_OR_RETURN(auto c, WordClusters::Load(path));
  std::fprintf(stderr, "word clusters %s: %zu words\n", path.c_str(), c->size());
  return std::shared_ptr<WordClusters>(std::move(c));
}

struct ClusterFlags {
  std::vector<std::string> text, train;
  std::string out = "data/models/clusters.bin";
  ClusterOptions options;
  long long max_tokens = 0;
};

CommandRegistrar train_clusters(
    "train clusters",
    "Learn word clusters from raw news text (+ treebank words) for the tagger and parser",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<ClusterFlags>();
      app->add_option("--text", f->text,
                      "Article files (.jsonl(.gz), as `dyad code` reads them), tokenised by dyad")
          ->required();
      app->add_option("--train", f->train, "CoNLL-U files whose words are added to the text");
      app->add_option("--out", f->out, "Cluster file to write")->capture_default_str();
      app->add_option("--seed", f->options.seed, "Random seed (deterministic for a seed)")
          ->capture_default_str();
      app->add_option("--min-count", f->options.min_count, "Cluster words seen this often")
          ->capture_default_str();
      app->add_option("--max-words", f->options.max_words, "At most this many words")
          ->capture_default_str();
      app->add_option("--contexts", f->options.contexts, "Context words (most frequent)")
          ->capture_default_str();
      app->add_option("--dims", f->options.dims, "Random projection size")->capture_default_str();
      app->add_option("--levels", f->options.levels, "Cluster counts, coarse to fine")
          ->capture_default_str();
      app->add_option("--iterations", f->options.iterations, "k-means iterations")
          ->capture_default_str();
      app->add_option("--max-tokens", f->max_tokens,
                      "Stop reading text after this many tokens (0: all)");
      return [f] {
        auto t0 = std::chrono::steady_clock::now();
        f->options.verbose = true;
        ClusterBuilder b(f->options);
        std::vector<std::string_view> words;
        auto train = ReadAll(f->train);
        if (!train.ok()) return Fail(train.status());
        for (const auto& s : *train) {
          words.clear();
          for (const auto& w : s.words) words.push_back(w.form);
          b.AddSentence(words);
        }
        auto pipeline = TextPipeline::Create(TextOptions());
        if (!pipeline.ok()) return Fail(pipeline.status());
        ReaderOptions ro;
        ro.on_issue = [](const ReadIssue&) {};
        for (const auto& path : f->text) {
          auto src = OpenArticleSource(path, ro);
          if (!src.ok()) return Fail(src.status());
          Article art;
          long long articles = 0;
          while (f->max_tokens <= 0 || b.tokens() < f->max_tokens) {
            auto more = (*src)->Next(&art);
            if (!more.ok() || !*more) break;
            auto doc = (*pipeline)->Process(art);
            if (!doc.ok()) continue;
            ++articles;
            for (const auto& s : doc->sentences) {
              words.clear();
              for (const auto& t : s.tokens) words.push_back(t.text);
              b.AddSentence(words);
            }
          }
          std::fprintf(
              stderr, "%s: %lld articles; %lld tokens so far, %.1f s\n", path.c_str(), articles,
              b.tokens(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
        auto c = b.Build();
        if (!c.ok()) return Fail(c.status());
        Status s = (*c)->Save(f->out);
        if (!s.ok()) return Fail(s);
        std::fprintf(stderr, "wrote %s: %zu words, %.1f s\n", f->out.c_str(), (*c)->size(),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        return kExitOk;
      };
    });

CommandRegistrar train_tagger(
    "train tagger", "Train the POS tagger (averaged perceptron, joint XPOS|UPOS)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<TrainFlags>();
      AddTrainFlags(app, f.get(), "data/models/tagger.bin");
      return [f] {
        auto train = ReadAll(f->train);
        if (!train.ok()) return Fail(train.status());
        auto dev = ReadAll(f->dev);
        if (!dev.ok()) return Fail(dev.status());
        auto clusters = LoadClusters(f->clusters);
        if (!clusters.ok()) return Fail(clusters.status());
        TaggerTrainOptions o;
        o.clusters = clusters->get();
        if (f->epochs > 0) o.epochs = f->epochs;
        o.seed = f->seed;
        o.prune = f->prune;
        o.verbose = true;
        auto t0 = std::chrono::steady_clock::now();
        auto tagger = Tagger::Train(*train, *dev, o);
        if (!tagger.ok()) return Fail(tagger.status());
        Status s = (*tagger)->Save(f->out);
        if (!s.ok()) return Fail(s);
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr, "wrote %s: %zu weights, %.1f s\n", f->out.c_str(),
                     (*tagger)->num_weights(), secs);
        return kExitOk;
      };
    });

CommandRegistrar train_parser(
    "train parser", "Train the dependency parser (arc-eager, dynamic oracle)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<TrainFlags>();
      AddTrainFlags(app, f.get(), "data/models/parser.bin");
      auto tagger = std::make_shared<std::string>();
      app->add_option("--tagger", *tagger,
                      "Train on this tagger's predicted tags instead of gold tags");
      auto jackknife = std::make_shared<int>(0);
      app->add_option(
          "--jackknife", *jackknife,
          "Train on predicted tags from K taggers, each trained on the other folds (K >= 2)");
      auto labels_from = std::make_shared<std::string>();
      app->add_option("--labels-from", *labels_from,
                      "CoNLL-U whose relation labels are kept; other labels lose their subtype");
      return [f, tagger, labels_from, jackknife] {
        auto train = ReadAll(f->train);
        if (!train.ok()) return Fail(train.status());
        auto clusters = LoadClusters(f->clusters);
        if (!clusters.ok()) return Fail(clusters.status());
        ParserTrainOptions o;
        o.clusters = clusters->get();
        if (f->epochs > 0) o.epochs = f->epochs;
        o.seed = f->seed;
        o.prune = f->prune;
        o.verbose = true;
        if (!labels_from->empty()) {
          auto ref = ReadConlluFile(*labels_from);
          if (!ref.ok()) return Fail(ref.status());
          for (const auto& s : *ref) {
            for (const auto& w : s.words) o.allowed_labels.insert(w.deprel);
          }
        }
        std::vector<std::vector<std::string>> predicted;
        if (!tagger->empty()) {
          auto t = Tagger::Load(*tagger);
          if (!t.ok()) return Fail(t.status());
          (*t)->set_clusters(clusters->get());
          for (const auto& s : *train) {
            std::vector<std::string_view> words;
            for (const auto& w : s.words) words.push_back(w.form);
            std::vector<std::string> xpos, upos;
            (*t)->Tag(words, &xpos, &upos);
            predicted.push_back(std::move(xpos));
          }
        }
        if (*jackknife >= 2) {
          // Each fold is tagged by a tagger that never saw it, so the parser learns from tags
          // as wrong as they will be at run time.
          predicted.assign(train->size(), {});
          for (int k = 0; k < *jackknife; ++k) {
            std::vector<ConlluSentence> rest;
            for (size_t i = 0; i < train->size(); ++i) {
              if (static_cast<int>(i % *jackknife) != k) rest.push_back((*train)[i]);
            }
            TaggerTrainOptions to;
            to.epochs = 8;
            to.seed = f->seed;
            to.clusters = clusters->get();
            auto t = Tagger::Train(rest, {}, to);
            if (!t.ok()) return Fail(t.status());
            for (size_t i = 0; i < train->size(); ++i) {
              if (static_cast<int>(i % *jackknife) != k) continue;
              std::vector<std::string_view> words;
              for (const auto& w : (*train)[i].words) words.push_back(w.form);
              std::vector<std::string> xpos, upos;
              (*t)->Tag(words, &xpos, &upos);
              predicted[i] = std::move(xpos);
            }
            std::fprintf(stderr, "jackknife fold %d/%d tagged\n", k + 1, *jackknife);
          }
        }
        auto t0 = std::chrono::steady_clock::now();
        auto parser = Parser::Train(*train, predicted.empty() ? nullptr : &predicted, o);
        if (!parser.ok()) return Fail(parser.status());
        Status s = (*parser)->Save(f->out);
        if (!s.ok()) return Fail(s);
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr, "wrote %s: %zu weights, %.1f s\n", f->out.c_str(),
                     (*parser)->num_weights(), secs);
        return kExitOk;
      };
    });

struct EvalFlags {
  std::vector<std::string> files;
  std::string models;
  bool news_only = false;
  bool units = false;
};

// The dictionaries' actor phrases as parse units (`--units`), as `dyad code` parses.
class UnitFinder {
 public:
  Status Init() {
    auto c = Coder::Create(CoderOptions());
    if (!c.ok()) return c.status();
    coder_ = std::move(c).value();
    lexicon_ = std::make_unique<DictionaryLexicon>(coder_->dictionary());
    return Status::OK();
  }
  // `date` picks dated roles ("" = undated entries only / the latest role).
  std::vector<ParseUnit> Find(const Sentence& s, const std::string& date) const {
    std::vector<ActorMatch> matches;
    lexicon_->FindActors(s, date, &matches);
    return LexiconUnits(s, matches);
  }

 private:
  std::unique_ptr<Coder> coder_;
  std::unique_ptr<DictionaryLexicon> lexicon_;
};

CommandRegistrar eval_parse(
    "eval parse", "UPOS, XPOS, lemma, UAS and LAS against gold CoNLL-U (gold tokenisation)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<EvalFlags>();
      app->add_option("files", f->files, "Gold CoNLL-U files")->required();
      app->add_option("--models", f->models, "Model directory (default: data/models)");
      app->add_flag("--news-only", f->news_only,
                    "Only sentences whose sent_id starts with 'n' (PUD news)");
      app->add_flag("--units", f->units,
                    "Keep the dictionaries' actor phrases as parse units, as dyad code does");
      return [f] {
        auto finder = std::make_shared<UnitFinder>();
        if (f->units) {
          Status st = finder->Init();
          if (!st.ok()) return Fail(st);
        }
        auto t0 = std::chrono::steady_clock::now();
        auto a = Analyzer::Load(f->models);
        if (!a.ok()) return Fail(a.status());
        double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("models loaded in %.3f s\n", load);
        for (const auto& file : f->files) {
          auto gold = ReadConlluFile(file);
          if (!gold.ok()) return Fail(gold.status());
          std::function<bool(const ConlluSentence&)> keep;
          if (f->news_only)
            keep = [](const ConlluSentence& s) {
              return !s.sent_id.empty() && s.sent_id[0] == 'n';
            };
          std::function<std::vector<ParseUnit>(const Sentence&)> units;
          if (f->units) units = [finder](const Sentence& s) { return finder->Find(s, ""); };
          ParseScore s = EvaluateAnalyzer(**a, *gold, keep, units);
          std::printf(
              "%s%s%s: %lld words  UPOS %.2f  XPOS %.2f  lemma %.2f  UAS %.2f  LAS %.2f  (LAS "
              "universal labels %.2f)\n",
              file.c_str(), f->news_only ? " [news]" : "", f->units ? " [units]" : "", s.words, s.Pct(s.upos), s.Pct(s.xpos),
              s.Pct(s.lemma), s.Pct(s.uas), s.Pct(s.las), s.Pct(s.las_ud));
        }
        return kExitOk;
      };
    });

struct ParseFlags {
  ReaderFlags input;
  std::string conllu_input;
  std::string models;
  bool units = false;
};

void PrintSentence(const std::string& id, const std::string& text, const Sentence& s, bool spans) {
  std::cout << "# sent_id = " << id << "\n# text = " << text << "\n";
  for (size_t k = 0; k < s.tokens.size(); ++k) {
    const Token& t = s.tokens[k];
    std::cout << (k + 1) << "\t" << t.text << "\t" << (t.lemma.empty() ? "_" : t.lemma) << "\t"
              << t.upos << "\t" << t.xpos << "\t_\t" << (t.head + 1) << "\t" << t.deprel << "\t_\t";
    if (spans)
      std::cout << "Span=" << t.begin << "-" << t.end << (t.space_after ? "" : "|SpaceAfter=No");
    else
      std::cout << (t.space_after ? "_" : "SpaceAfter=No");
    std::cout << "\n";
  }
  std::cout << "\n";
}

CommandRegistrar parse_reg(
    "parse", "Tag, lemmatise and parse articles (or CoNLL-U with --conllu) and print CoNLL-U",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<ParseFlags>();
      AddReaderFlags(app, &f->input, {"conllu"});
      app->add_option(
          "--conllu", f->conllu_input,
          "Keep the tokens of this CoNLL-U file and fill XPOS, UPOS, LEMMA, HEAD, DEPREL "
          "(same as --input conllu FILE)");
      app->add_option("--models", f->models, "Model directory (default: data/models)");
      app->add_flag("--units", f->units,
                    "Keep the dictionaries' actor phrases as parse units, as dyad code does");
      return [f] {
        auto a = Analyzer::Load(f->models);
        if (!a.ok()) return Fail(a.status());
        UnitFinder finder;
        if (f->units) {
          Status st = finder.Init();
          if (!st.ok()) return Fail(st);
        }
        auto analyze = [&](Sentence* s, const std::string& date) {
          if (!f->units) return (*a)->Analyze(s);
          (*a)->Tag(s);
          (*a)->Parse(s, finder.Find(*s, date));
        };
        if (f->input.format == "conllu") {
          // `dyad parse --input conllu FILE`: the gold tokens of each file, in order.
          if (f->input.files.size() != 1) {
            return Fail(Status::InvalidArgument("--input conllu takes exactly one file"));
          }
          f->conllu_input = f->input.files[0];
        }
        if (!f->conllu_input.empty()) {
          auto gold = ReadConlluFile(f->conllu_input);
          if (!gold.ok()) return Fail(gold.status());
          for (const auto& g : *gold) {
            Sentence s;
            for (const auto& w : g.words) {
              Token t;
              t.text = w.form;
              t.space_after = w.space_after;
              s.tokens.push_back(t);
            }
            analyze(&s, "");
            PrintSentence(g.sent_id, g.text.empty() ? RebuildText(g) : g.text, s, false);
          }
          return kExitOk;
        }
        auto opts = ToReaderOptions(f->input);
        if (!opts.ok()) return Fail(opts.status());
        auto src = OpenArticleSources(f->input.files, *opts);
        if (!src.ok()) return Fail(src.status());
        auto pipeline = TextPipeline::Create(TextOptions());
        if (!pipeline.ok()) return Fail(pipeline.status());
        Article art;
        while (true) {
          auto more = (*src)->Next(&art);
          if (!more.ok()) return Fail(more.status());
          if (!*more) break;
          auto doc = (*pipeline)->Process(art);
          if (!doc.ok()) {
            std::cerr << "dyad: " << art.origin << ": skipped: " << doc.status().message() << "\n";
            continue;
          }
          for (size_t i = 0; i < doc->sentences.size(); ++i) {
            Sentence& s = doc->sentences[i];
            analyze(&s, art.date);
            std::string text = art.text.substr(s.begin, s.end - s.begin);
            for (char& c : text) {
              if (c == '\n' || c == '\t') c = ' ';
            }
            PrintSentence(art.id + "-" + std::to_string(i), text, s, true);
          }
        }
        return (*src)->stats().records_read == 0 ? kExitFailure : kExitOk;
      };
    });

struct BenchParseFlags {
  std::string file;
  std::string models;
  long long max_sentences = 20000;
};

CommandRegistrar bench_parse(
    "bench parse", "Tagging + parsing throughput (tokens/s per core) on news sentences",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<BenchParseFlags>();
      app->add_option("file", f->file,
                      "Input (default ../shared/news/geopolitics-2022-2026.jsonl.gz)");
      app->add_option("--models", f->models, "Model directory (default: data/models)");
      app->add_option("--sentences", f->max_sentences, "Sentences to parse")->capture_default_str();
      return [f] {
        std::string path = f->file;
        if (path.empty()) {
          auto p = SharedPath("news/geopolitics-2022-2026.jsonl.gz");
          if (!p) return Fail(Status::InvalidArgument("give a FILE (../shared/news is absent)"));
          path = *p;
        }
        auto a = Analyzer::Load(f->models);
        if (!a.ok()) return Fail(a.status());
        ReaderOptions ro;
        ro.on_issue = [](const ReadIssue&) {};
        auto src = OpenArticleSource(path, ro);
        if (!src.ok()) return Fail(src.status());
        auto pipeline = TextPipeline::Create(TextOptions());
        if (!pipeline.ok()) return Fail(pipeline.status());
        std::vector<Sentence> sentences;
        long long tokens = 0;
        Article art;
        while (static_cast<long long>(sentences.size()) < f->max_sentences) {
          auto more = (*src)->Next(&art);
          if (!more.ok() || !*more) break;
          auto doc = (*pipeline)->Process(art);
          if (!doc.ok()) continue;
          for (auto& s : doc->sentences) {
            if (static_cast<long long>(sentences.size()) >= f->max_sentences) break;
            tokens += static_cast<long long>(s.tokens.size());
            sentences.push_back(std::move(s));
          }
        }
        auto t0 = std::chrono::steady_clock::now();
        for (auto& s : sentences) (*a)->Analyze(&s);
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        std::printf("tagged + lemmatised + parsed %zu sentences, %lld tokens in %.2f s (1 core)\n",
                    sentences.size(), tokens, secs);
        std::printf("throughput %.0f tokens/s, %.0f sentences/s; peak RSS %ld MiB\n", tokens / secs,
                    sentences.size() / secs, u.ru_maxrss / 1024);
        return kExitOk;
      };
    });

}  // namespace
}  // namespace dyad::cli
