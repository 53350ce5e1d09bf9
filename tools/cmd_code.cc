// `dyad code` (articles -> events on stdout) and `dyad ingest` (articles -> events in a
// database), both parallel with -j and order-preserving.
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "dyad/coder.h"
#include "dyad/dictionary.h"
#include "dyad/event_writer.h"
#include "dyad/ontology.h"
#include "dyad/reader.h"
#include "dyad/store.h"
#include "src/util/parallel.h"
#include "src/util/paths.h"
#include "tools/command.h"
#include "tools/dict_args.h"
#include "tools/reader_flags.h"

namespace dyad::cli {
namespace {

struct CodeFlags {
  ReaderFlags input;
  std::string format = "jsonl";
  std::vector<std::string> dicts;
  std::string dict_format = "auto";
  int jobs = 1;
  bool all_languages = false;
  std::string proposer;  // learned proposer model; empty = patterns only
};

void AddCoderFlags(CLI::App* app, CodeFlags* f) {
  AddReaderFlags(app, &f->input);
  // One value per --dict: `--dict X.bin article.txt` must not take the article as a dictionary.
  app->add_option("--dict", f->dicts,
                  "Dictionary file or directory replacing the built-in ones (repeat the flag)")
      ->allow_extra_args(false);
  app->add_option("--dict-format", f->dict_format, "auto|dyad|petrarch|tabari")->capture_default_str();
  app->add_option("-j,--jobs", f->jobs, "Worker threads (0 = all cores)")->capture_default_str();
  app->add_flag("--all-languages", f->all_languages, "Do not skip non-English articles");
  app->add_option("--proposer", f->proposer,
                  "Also code what the learned proposer finds (model file, e.g. data/models/proposer.bin)");
}

long long InputBytes(const std::vector<std::string>& files) {
  long long total = 0;
  for (const auto& f : files) {
    struct stat st;
    if (f != "-" && stat(f.c_str(), &st) == 0) total += st.st_size;
  }
  return total;
}

int Threads(int jobs) {
  if (jobs <= 0) return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return jobs;
}

Result<std::unique_ptr<Coder>> MakeCoder(const CodeFlags& f) {
  CoderOptions o;
  o.dict_paths = f.dicts;
  o.dict_format = f.dict_format;
  o.detect_language = !f.all_languages;
  o.use_proposer = !f.proposer.empty();
  o.proposer_path = f.proposer;
  DYAD_RETURN_IF_ERROR(ResolveCompiledDictionary(&o.dict_paths, &o.dict_format));
  DYAD_ASSIGN_OR_RETURN(auto coder, Coder::Create(o));
  // A dictionary set without verb patterns (an empty directory, files in another format)
  // would code every article into nothing, silently.
  const Dictionary& d = coder->dictionary();
  if (d.patterns.size() == 0 && d.sequence_patterns.empty()) {
    std::string where;
    for (const std::string& p : o.dict_paths) where += (where.empty() ? "" : ", ") + p;
    return Status::InvalidArgument("dictionaries " + where + " (format " + o.dict_format +
                                   ") hold no verb patterns: nothing could be coded (see "
                                   "`dyad dict check`)");
  }
  return coder;
}

// Prints events as an aligned, readable table (the `make demo` view).
class TablePrinter {
 public:
  void Add(const Event& e) {
    auto actor = [](const Actor& a) {
      if (a.empty()) return std::string("-");
      std::string t = a.text.size() > 28 ? a.text.substr(0, 27) + "~" : a.text;
      return (a.code.empty() ? std::string("?") : a.code) + " (" + t + ")";
    };
    rows_.push_back({e.date.date, actor(e.source), e.cameo, actor(e.target), e.plover_event.empty() ? "-" : e.plover_event,
                     ModalityName(e.modality), e.location.text.empty() ? "-" : e.location.text,
                     std::to_string(e.sentence_index)});
  }
  void Print(std::ostream& out) {
    std::vector<std::string> head = {"DATE", "SOURCE", "CAMEO", "TARGET", "PLOVER", "MODALITY", "PLACE", "SENT"};
    std::vector<size_t> w(head.size());
    for (size_t i = 0; i < head.size(); ++i) w[i] = head[i].size();
    for (const auto& r : rows_) {
      for (size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], r[i].size());
    }
    auto line = [&](const std::vector<std::string>& r) {
      for (size_t i = 0; i < r.size(); ++i) out << r[i] << (i + 1 < r.size() ? std::string(w[i] - r[i].size() + 2, ' ') : "");
      out << "\n";
    };
    line(head);
    for (const auto& r : rows_) line(r);
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

int RunCode(const CodeFlags& f) {
  auto opts = ToReaderOptions(f.input);
  if (!opts.ok()) return Fail(opts.status());
  auto src = OpenArticleSources(f.input.files, *opts);
  if (!src.ok()) return Fail(src.status());
  auto coder = MakeCoder(f);
  if (!coder.ok()) return Fail(coder.status());
  const Ontology& ont = (*coder)->ontology();
  EventWriterOptions wo;
  wo.cameo_name = [&ont](const std::string& c) {
    const CameoEventInfo* e = ont.Event(c);
    return e ? e->name : c;
  };
  wo.country_name = [&ont](const std::string& c) { return ont.CountryName(c); };
  wo.version = "dyad " + (*coder)->version();
  std::unique_ptr<EventWriter> writer;
  TablePrinter table;
  if (f.format != "table") {
    auto w = EventWriter::Create(f.format, &std::cout, wo);
    if (!w.ok()) return Fail(w.status());
    writer = std::move(w).value();
  }
  ProgressLine progress("articles", InputBytes(f.input.files));
  long long articles = 0, events = 0, skipped = 0;
  Status s = OrderedParallelMap<Article, CodedArticle>(
      Threads(f.jobs), [&](Article* a) { return (*src)->Next(a); },
      [&](const Article& a) { return (*coder)->Code(a); },
      [&](Article& a, CodedArticle& c) -> Status {
        ++articles;
        if (!c.status.ok()) {
          ++skipped;
          std::cerr << "dyad: " << a.origin << ": skipped: " << c.status.message() << "\n";
          return Status::OK();
        }
        for (const Event& e : c.events) {
          ++events;
          if (writer) DYAD_RETURN_IF_ERROR(writer->Write(e));
          else table.Add(e);
        }
        progress.Update(articles, static_cast<long long>((*src)->stats().bytes_read));
        return Status::OK();
      });
  progress.Done();
  if (!s.ok()) return Fail(s);
  if (writer) {
    Status fin = writer->Finish();
    if (!fin.ok()) return Fail(fin);
  } else {
    table.Print(std::cout);
  }
  const ReadStats& st = (*src)->stats();
  if (st.records_skipped > 0 || skipped > 0 || st.damaged_inputs > 0) {
    std::cerr << "dyad: " << SummarizeReadStats(st) << "; " << skipped << " not coded\n";
  }
  // A truncated or unreadable input is an error even when the rest was read.
  return st.records_read == 0 || st.damaged_inputs > 0 ? kExitFailure : kExitOk;
}

CommandRegistrar code_reg(
    "code", "Code articles into CAMEO + PLOVER events (JSON Lines by default; also a stdin filter)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<CodeFlags>();
      AddCoderFlags(app, f.get());
      std::vector<std::string> formats = EventWriter::Formats();
      formats.push_back("table");
      app->add_option("--format", f->format, "jsonl|tsv|csv|gdelt|gdelt-mentions|icews|polecat|plover|table")
          ->check(CLI::IsMember(formats))
          ->capture_default_str();
      return [f] { return RunCode(*f); };
    });

struct IngestFlags {
  CodeFlags code;
  std::string db = "events.db";
  bool recode = false;
  int batch = 64;
};

int RunIngest(const IngestFlags& f) {
  auto opts = ToReaderOptions(f.code.input);
  if (!opts.ok()) return Fail(opts.status());
  auto src = OpenArticleSources(f.code.input.files, *opts);
  if (!src.ok()) return Fail(src.status());
  auto store = OpenStore(f.db, StoreOptions());
  if (!store.ok()) return Fail(store.status());
  auto coder = MakeCoder(f.code);
  if (!coder.ok()) return Fail(coder.status());
  ProgressLine progress("articles", InputBytes(f.code.input.files));
  long long articles = 0, added = 0, unchanged = 0, replaced = 0, skipped = 0, events = 0,
            changed = 0;
  std::vector<StoredArticle> batch;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::OK();
    std::vector<PutOutcome> outcomes;
    DYAD_RETURN_IF_ERROR((*store)->PutArticles(batch, f.recode, &outcomes));
    for (PutOutcome o : outcomes) {
      added += o == PutOutcome::kAdded;
      unchanged += o == PutOutcome::kUnchanged;
      replaced += o == PutOutcome::kReplaced;
    }
    batch.clear();
    return Status::OK();
  };
  // Resuming after an interruption: already stored articles are skipped before coding.
  struct Work {
    Article article;
    bool known = false;
    bool changed = false;  // known under its url or id, with another text
  };
  Status s = OrderedParallelMap<Work, CodedArticle>(
      Threads(f.code.jobs),
      [&](Work* w) -> Result<bool> {
        DYAD_ASSIGN_OR_RETURN(bool more, (*src)->Next(&w->article));
        if (!more) return false;
        w->known = w->changed = false;
        if (!f.recode) {
          DYAD_ASSIGN_OR_RETURN(StoredState state, (*store)->ArticleState(w->article));
          w->known = state != StoredState::kAbsent;
          w->changed = state == StoredState::kChanged;
        }
        return true;
      },
      [&](const Work& w) {
        if (w.known) return CodedArticle();
        return (*coder)->Code(w.article);
      },
      [&](Work& w, CodedArticle& c) -> Status {
        ++articles;
        if (w.changed) {
          ++changed;
          std::cerr << "dyad: " << w.article.origin << ": article " << w.article.id
                    << " changed since it was stored; use --recode to replace it\n";
          return Status::OK();
        }
        if (w.known) {
          ++unchanged;
          return Status::OK();
        }
        if (!c.status.ok()) {
          ++skipped;
          std::cerr << "dyad: " << w.article.origin << ": skipped: " << c.status.message() << "\n";
          return Status::OK();
        }
        events += static_cast<long long>(c.events.size());
        StoredArticle sa{std::move(w.article), std::move(c.sentences), std::move(c.events), (*coder)->version()};
        batch.push_back(std::move(sa));
        if (static_cast<int>(batch.size()) >= f.batch) DYAD_RETURN_IF_ERROR(flush());
        progress.Update(articles, static_cast<long long>((*src)->stats().bytes_read));
        return Status::OK();
      });
  if (s.ok()) s = flush();
  progress.Done();
  if (!s.ok()) return Fail(s);
  const ReadStats& st = (*src)->stats();
  std::cerr << "dyad: " << SummarizeReadStats(st) << "; stored " << added << " new, " << replaced
            << " re-coded, " << unchanged << " already present, "
            << (changed > 0 ? std::to_string(changed) + " changed (not replaced without --recode), "
                            : std::string())
            << skipped << " not coded; " << events << " event mentions\n";
  // A truncated or unreadable input is an error even when the rest was read.
  return st.records_read == 0 || st.damaged_inputs > 0 ? kExitFailure : kExitOk;
}

CommandRegistrar ingest_reg(
    "ingest", "Code articles and store them with their events in a database (idempotent, resumable)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<IngestFlags>();
      AddCoderFlags(app, &f->code);
      app->add_option("--db", f->db, "Database: a SQLite file, or postgresql://...")->capture_default_str();
      app->add_flag("--recode", f->recode, "Re-code articles already stored (replaces their events)");
      app->add_option("--batch", f->batch, "Articles per transaction")->capture_default_str();
      return [f] { return RunIngest(*f); };
    });

}  // namespace
}  // namespace dyad::cli

namespace dyad::cli {
namespace {

struct BenchCodeFlags {
  std::string file;
  long long articles = 2000;
  int jobs = 1;
};

CommandRegistrar bench_code_reg(
    "bench code", "Whole-pipeline throughput: articles/s, sentences/s, MB/s per core, peak RSS",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<BenchCodeFlags>();
      app->add_option("file", f->file, "Input (default ../shared/news/geopolitics-2022-2026.jsonl.gz)");
      app->add_option("--articles", f->articles, "Articles to code")->capture_default_str();
      app->add_option("-j,--jobs", f->jobs, "Worker threads")->capture_default_str();
      return [f] {
        std::string path = f->file;
        if (path.empty()) {
          auto p = SharedPath("news/geopolitics-2022-2026.jsonl.gz");
          if (!p) return Fail(Status::InvalidArgument("give a FILE (../shared/news is absent)"));
          path = *p;
        }
        ReaderOptions ro;
        ro.on_issue = [](const ReadIssue&) {};
        auto src = OpenArticleSource(path, ro);
        if (!src.ok()) return Fail(src.status());
        std::vector<Article> input;
        Article a;
        long long bytes = 0;
        while (static_cast<long long>(input.size()) < f->articles && *(*src)->Next(&a)) {
          bytes += static_cast<long long>(a.text.size());
          input.push_back(a);
        }
        auto t_load = std::chrono::steady_clock::now();
        auto coder = Coder::Create(CoderOptions());
        if (!coder.ok()) return Fail(coder.status());
        double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_load).count();
        size_t next = 0;
        long long sentences = 0, parsed = 0, events = 0;
        auto t0 = std::chrono::steady_clock::now();
        Status s = OrderedParallelMap<size_t, CodedArticle>(
            Threads(f->jobs),
            [&](size_t* i) -> Result<bool> {
              if (next >= input.size()) return false;
              *i = next++;
              return true;
            },
            [&](const size_t& i) { return (*coder)->Code(input[i]); },
            [&](size_t&, CodedArticle& c) {
              sentences += static_cast<long long>(c.sentences.size());
              parsed += c.parsed_sentences;
              events += static_cast<long long>(c.events.size());
              return Status::OK();
            });
        if (!s.ok()) return Fail(s);
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        int threads = Threads(f->jobs);
        std::printf("input          %s: %zu articles, %.1f MB of text\n", path.c_str(), input.size(), bytes / 1e6);
        std::printf("models+dicts   loaded in %.2f s\n", load);
        std::printf("coded          %lld sentences (%lld parsed, %.0f%% skipped as event-free), %lld events in %.2f s with %d thread(s)\n",
                    sentences, parsed, sentences ? 100.0 * (sentences - parsed) / sentences : 0, events, secs, threads);
        std::printf("throughput     %.1f articles/s, %.0f sentences/s, %.2f MB/s (%.0f sentences/s per thread)\n",
                    input.size() / secs, sentences / secs, bytes / 1e6 / secs, sentences / secs / threads);
        std::printf("peak RSS       %ld MiB\n", u.ru_maxrss / 1024);
        return kExitOk;
      };
    });

}  // namespace
}  // namespace dyad::cli
