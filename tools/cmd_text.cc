// Text subcommands: `dyad sentences`, `dyad tokens`, `dyad eval tokenize`.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "dyad/event_writer.h"
#include "dyad/reader.h"
#include "dyad/text.h"
#include "src/nlp/conllu.h"
#include "src/nlp/tokenize_eval.h"
#include "tools/command.h"
#include "tools/reader_flags.h"

namespace dyad::cli {
namespace {

struct TextFlags {
  ReaderFlags input;
  std::string format = "jsonl";
  bool all_languages = false;
};

// Reads every article of the inputs, runs the text pipeline and calls `emit` per document.
// Returns the exit code: 1 when nothing could be read.
int ForEachDocument(const TextFlags& f,
                    const std::function<void(const Article&, const Document&)>& emit) {
  auto opts = ToReaderOptions(f.input);
  if (!opts.ok()) {
    std::cerr << "dyad: " << opts.status().message() << "\n";
    return kExitUsage;
  }
  auto source = OpenArticleSources(f.input.files, *opts);
  if (!source.ok()) {
    std::cerr << "dyad: " << source.status().ToString() << "\n";
    return kExitFailure;
  }
  TextOptions to;
  to.detect_language = !f.all_languages;
  auto pipeline = TextPipeline::Create(to);
  if (!pipeline.ok()) {
    std::cerr << "dyad: " << pipeline.status().ToString() << "\n";
    return kExitFailure;
  }
  Article a;
  size_t skipped_language = 0, documents = 0;
  ProgressLine progress("articles");
  while (true) {
    auto more = (*source)->Next(&a);
    if (!more.ok()) {
      std::cerr << "dyad: " << more.status().ToString() << "\n";
      return kExitFailure;
    }
    if (!*more) break;
    auto doc = (*pipeline)->Process(a);
    if (!doc.ok()) {
      if (doc.status().code() == Status::Code::kNotSupported) ++skipped_language;
      std::cerr << "dyad: " << a.origin << ": skipped: " << doc.status().message() << "\n";
      continue;
    }
    ++documents;
    emit(a, *doc);
    progress.Update((*source)->stats().records_read, (*source)->stats().bytes_read);
  }
  progress.Done();
  const ReadStats& st = (*source)->stats();
  if (st.records_skipped > 0 || skipped_language > 0) {
    std::cerr << "dyad: " << SummarizeReadStats(st);
    if (skipped_language > 0) std::cerr << "; " << skipped_language << " not in English";
    std::cerr << "\n";
  }
  return st.records_read == 0 ? kExitFailure : kExitOk;
}

std::string Escape(const std::string& s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  return s;
}

CommandRegistrar sentences_reg(
    "sentences", "Split articles into sentences (byte offsets into the article text)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<TextFlags>();
      AddReaderFlags(app, &f->input);
      app->add_option("--format", f->format, "jsonl|tsv|text")
          ->check(CLI::IsMember({"jsonl", "tsv", "text"}))
          ->capture_default_str();
      app->add_flag("--all-languages", f->all_languages, "Do not skip non-English articles");
      return [f] {
        if (f->format == "tsv") std::cout << "article_id\tindex\tstart\tend\ttext\n";
        return ForEachDocument(*f, [&](const Article& a, const Document& d) {
          for (size_t i = 0; i < d.sentences.size(); ++i) {
            const Sentence& s = d.sentences[i];
            std::string text = a.text.substr(s.begin, s.end - s.begin);
            if (f->format == "jsonl") {
              std::cout << "{\"article_id\":" << Escape(a.id) << ",\"index\":" << i
                        << ",\"start\":" << s.begin << ",\"end\":" << s.end
                        << ",\"text\":" << Escape(text) << "}\n";
            } else if (f->format == "tsv") {
              std::cout << a.id << "\t" << i << "\t" << s.begin << "\t" << s.end << "\t"
                        << OneLine(text) << "\n";
            } else {
              std::cout << OneLine(text) << "\n";
            }
          }
        });
      };
    });

CommandRegistrar tokens_reg(
    "tokens", "Split articles into tokens (UD EWT conventions) with byte spans",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<TextFlags>();
      AddReaderFlags(app, &f->input);
      app->add_option("--format", f->format, "jsonl|tsv|conllu")
          ->check(CLI::IsMember({"jsonl", "tsv", "conllu"}))
          ->capture_default_str();
      app->add_flag("--all-languages", f->all_languages, "Do not skip non-English articles");
      return [f] {
        if (f->format == "tsv") std::cout << "article_id\tsentence\ttoken\tstart\tend\ttext\n";
        return ForEachDocument(*f, [&](const Article& a, const Document& d) {
          for (size_t i = 0; i < d.sentences.size(); ++i) {
            const Sentence& s = d.sentences[i];
            if (f->format == "conllu") {
              std::cout << "# sent_id = " << a.id << "-" << i << "\n# text = "
                        << OneLine(a.text.substr(s.begin, s.end - s.begin)) << "\n";
              for (size_t k = 0; k < s.tokens.size(); ++k) {
                const Token& t = s.tokens[k];
                std::cout << (k + 1) << "\t" << t.text << "\t_\t_\t_\t_\t_\t_\t_\tSpan=" << t.begin
                          << "-" << t.end << (t.space_after ? "" : "|SpaceAfter=No") << "\n";
              }
              std::cout << "\n";
            } else if (f->format == "jsonl") {
              std::cout << "{\"article_id\":" << Escape(a.id) << ",\"index\":" << i
                        << ",\"start\":" << s.begin << ",\"end\":" << s.end << ",\"tokens\":[";
              for (size_t k = 0; k < s.tokens.size(); ++k) {
                const Token& t = s.tokens[k];
                std::cout << (k ? "," : "") << "{\"text\":" << Escape(t.text)
                          << ",\"start\":" << t.begin << ",\"end\":" << t.end << "}";
              }
              std::cout << "]}\n";
            } else {
              for (size_t k = 0; k < s.tokens.size(); ++k) {
                const Token& t = s.tokens[k];
                std::cout << a.id << "\t" << i << "\t" << k << "\t" << t.begin << "\t" << t.end
                          << "\t" << t.text << "\n";
              }
            }
          }
        });
      };
    });

struct EvalTokFlags {
  std::vector<std::string> files;
  bool news_only = false;
  int examples = 0;
};

CommandRegistrar eval_tok_reg(
    "eval tokenize", "Token and sentence-boundary F1 against UD CoNLL-U gold files",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<EvalTokFlags>();
      app->add_option("files", f->files, "CoNLL-U files")->required();
      app->add_flag("--news-only", f->news_only, "Only sentences whose sent_id starts with 'n' (PUD news)");
      app->add_option("--examples", f->examples, "Print this many token mismatches");
      return [f] {
        int rc = kExitOk;
        for (const auto& path : f->files) {
          auto gold = ReadConlluFile(path);
          if (!gold.ok()) {
            std::cerr << "dyad: " << gold.status().ToString() << "\n";
            rc = kExitFailure;
            continue;
          }
          std::function<bool(const ConlluSentence&)> keep;
          if (f->news_only) keep = [](const ConlluSentence& s) { return !s.sent_id.empty() && s.sent_id[0] == 'n'; };
          TokenizeScore sc = ScoreTokenizer(*gold, keep, static_cast<size_t>(f->examples));
          std::printf("%s%s\n  tokens     P %.2f  R %.2f  F1 %.2f  (gold %lld, ours %lld)\n"
                      "  sentences  P %.2f  R %.2f  F1 %.2f  (gold %lld, ours %lld, %lld documents)\n",
                      path.c_str(), f->news_only ? " [news]" : "", sc.tokens.precision(),
                      sc.tokens.recall(), sc.tokens.f1(), sc.tokens.gold, sc.tokens.predicted,
                      sc.sentences.precision(), sc.sentences.recall(), sc.sentences.f1(),
                      sc.sentences.gold, sc.sentences.predicted, sc.documents);
          for (const auto& e : sc.examples) std::printf("    %s\n", e.c_str());
        }
        return rc;
      };
    });

}  // namespace
}  // namespace dyad::cli
