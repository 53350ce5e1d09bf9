// Scale-out commands over NATS JetStream and PostgreSQL (doc/scale-out.md):
// `dyad publish`, `dyad worker`, `dyad recode`, `dyad status`.
#include <CLI/CLI.hpp>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "dyad/queue.h"
#include "dyad/reader.h"
#include "dyad/store.h"
#include "tools/command.h"
#include "tools/reader_flags.h"

namespace dyad::cli {
namespace {

void AddQueueFlags(CLI::App* app, QueueOptions* q) {
  app->add_option("--nats", q->nats_url, "NATS server URL(s), comma-separated")->capture_default_str();
  app->add_option("--stream", q->stream, "JetStream stream (also its subject)")->capture_default_str();
  app->add_option("--consumer", q->consumer, "Durable consumer shared by the workers")
      ->capture_default_str();
}

// Publishes articles; counts what happened to them.
struct PublishCounts {
  long long published = 0, duplicates = 0, rejected = 0;
};

Status PublishOne(Publisher* pub, const Article& a, bool recode, const std::string& tag,
                  PublishCounts* c) {
  auto dup = pub->Publish(a, recode, tag);
  if (!dup.ok()) {
    if (!dup.status().IsInvalidArgument()) return dup.status();
    ++c->rejected;  // over the server's payload limit: say which, go on
    std::cerr << "dyad: " << (a.origin.empty() ? a.id : a.origin) << ": not published: "
              << dup.status().message() << "\n";
    return Status::OK();
  }
  if (*dup) ++c->duplicates;
  else ++c->published;
  return Status::OK();
}

struct PublishFlags {
  ReaderFlags input;
  QueueOptions queue;
};

int RunPublish(const PublishFlags& f) {
  auto opts = ToReaderOptions(f.input);
  if (!opts.ok()) return Fail(opts.status());
  auto src = OpenArticleSources(f.input.files, *opts);
  if (!src.ok()) return Fail(src.status());
  auto pub = Publisher::Connect(f.queue);
  if (!pub.ok()) return Fail(pub.status());
  PublishCounts c;
  ProgressLine progress("articles");
  Article a;
  long long n = 0;
  while (true) {
    auto more = (*src)->Next(&a);
    if (!more.ok()) return Fail(more.status());
    if (!*more) break;
    Status s = PublishOne(pub->get(), a, false, "", &c);
    if (!s.ok()) return Fail(s);
    progress.Update(++n, static_cast<long long>((*src)->stats().bytes_read));
  }
  progress.Done();
  std::cerr << "dyad publish: " << SummarizeReadStats((*src)->stats()) << "; published "
            << c.published << " to " << f.queue.stream << ", " << c.duplicates
            << " duplicates dropped by JetStream, " << c.rejected << " too large\n";
  return (*src)->stats().records_read == 0 ? kExitFailure : kExitOk;
}

CommandRegistrar publish_reg(
    "publish", "Put articles on the NATS JetStream work queue (one message per article, deduplicated by id)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<PublishFlags>();
      AddReaderFlags(app, &f->input);
      AddQueueFlags(app, &f->queue);
      app->add_option("--dedup-window", f->queue.duplicate_window_s,
                      "Seconds JetStream remembers message ids (set when the stream is created)")
          ->capture_default_str();
      app->add_option("--replicas", f->queue.replicas, "Stream replicas (when created)")
          ->capture_default_str();
      return [f] { return RunPublish(*f); };
    });

std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop = true; }

struct WorkerFlags {
  QueueOptions queue;
  WorkerOptions worker;
  std::vector<std::string> dicts;
  std::string dict_format = "auto";
  bool all_languages = false;
};

CommandRegistrar worker_reg(
    "worker", "Code articles from the JetStream work queue into PostgreSQL (SIGTERM: finish, return the rest)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<WorkerFlags>();
      AddQueueFlags(app, &f->queue);
      WorkerOptions& w = f->worker;
      app->add_option("--db", w.db, "Store: postgresql://... (a SQLite file for a single worker)")
          ->required();
      app->add_option("-j,--jobs", w.threads, "Coding threads")->capture_default_str();
      app->add_option("--batch", w.fetch_batch, "Messages fetched at once per thread")
          ->capture_default_str();
      app->add_option("--max-deliveries", w.max_deliveries,
                      "Deliveries before a failing message goes to the dead letters")
          ->capture_default_str();
      app->add_option("--max-article-bytes", w.max_article_bytes,
                      "Larger messages are dead letters")->capture_default_str();
      app->add_option("--ack-wait", w.ack_wait_s,
                      "Seconds before an unacknowledged message is redelivered (set on the consumer)")
          ->capture_default_str();
      app->add_option("--progress", w.progress_interval_s, "Seconds between progress lines")
          ->capture_default_str();
      app->add_option("--exit-when-idle", w.exit_when_idle_s,
                      "Exit after the queue has been empty this many seconds (0: run until SIGTERM)")
          ->capture_default_str();
      app->add_option("--name", w.name, "Worker name in logs and status (default HOST-PID)");
      app->add_option("--dict", f->dicts, "Dictionary files or directories replacing the built-in ones");
      app->add_option("--dict-format", f->dict_format, "auto|dyad|petrarch|tabari")->capture_default_str();
      app->add_flag("--all-languages", f->all_languages, "Do not refuse non-English articles");
      return [f] {
        WorkerOptions w = f->worker;
        w.coder.dict_paths = f->dicts;
        w.coder.dict_format = f->dict_format;
        w.coder.detect_language = !f->all_languages;
        struct sigaction sa = {};
        sa.sa_handler = OnSignal;
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
        auto stats = RunWorker(f->queue, w, &g_stop);
        if (!stats.ok()) return Fail(stats.status());
        return kExitOk;
      };
    });

struct RecodeFlags {
  QueueOptions queue;
  std::string db;
  std::string since;
};

CommandRegistrar recode_reg(
    "recode", "Re-publish stored articles so that the workers re-code them (after a dictionary change)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<RecodeFlags>();
      AddQueueFlags(app, &f->queue);
      app->add_option("--db", f->db, "Store holding the articles: postgresql://... or a SQLite file")
          ->required();
      app->add_option("--since", f->since, "Only articles published on or after YYYY-MM-DD");
      return [f] {
        if (!f->since.empty() && (f->since.size() != 10 || f->since[4] != '-' || f->since[7] != '-')) {
          return Fail(Status::InvalidArgument("--since: expected YYYY-MM-DD, got " + f->since));
        }
        auto pub = Publisher::Connect(f->queue);
        if (!pub.ok()) return Fail(pub.status());
        // One tag per recode run: a second run is a new request, not a duplicate of this one.
        const std::string tag = std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch()).count());
        PublishCounts c;
        Status s = ForEachStoredArticle(f->db, f->since, [&](const Article& a) {
          return PublishOne(pub->get(), a, true, tag, &c);
        });
        if (!s.ok()) return Fail(s);
        std::cerr << "dyad recode: published " << c.published << " stored articles for re-coding"
                  << (f->since.empty() ? "" : " (since " + f->since + ")") << ", " << c.rejected
                  << " too large\n";
        return kExitOk;
      };
    });

struct StatusFlags {
  QueueOptions queue;
  std::string db;
  int dead = 5;
  std::string format = "text";
};

int RunStatus(const StatusFlags& f) {
  auto st = GetQueueStatus(f.queue, f.dead);
  if (!st.ok()) return Fail(st.status());
  StoreStats db;
  bool have_db = false;
  if (!f.db.empty()) {
    StoreOptions so;
    so.create_if_missing = false;
    auto store = OpenStore(f.db, so);
    if (!store.ok()) return Fail(store.status());
    auto s = (*store)->Stats();
    if (!s.ok()) return Fail(s.status());
    db = *s;
    have_db = true;
  }
  WorkerStats sum;
  for (const auto& w : st->workers) {
    sum.received += w.stats.received;
    sum.redelivered += w.stats.redelivered;
    sum.stored += w.stats.stored;
    sum.unchanged += w.stats.unchanged;
    sum.changed += w.stats.changed;
    sum.events += w.stats.events;
    sum.dead_letters += w.stats.dead_letters;
    sum.naked += w.stats.naked;
    sum.db_retries += w.stats.db_retries;
  }
  auto stats_json = [](const WorkerStats& s) {
    return nlohmann::json{{"received", s.received},         {"redelivered", s.redelivered},
                          {"stored", s.stored},             {"unchanged", s.unchanged},
                          {"changed", s.changed},
                          {"events", s.events},             {"dead_letters", s.dead_letters},
                          {"returned", s.naked},            {"db_retries", s.db_retries}};
  };
  if (f.format == "json") {
    nlohmann::json j;
    j["stream"] = {{"name", f.queue.stream},           {"exists", st->stream_exists},
                   {"messages", st->stream_messages},   {"bytes", st->stream_bytes},
                   {"published", st->published_last_seq}};
    j["consumer"] = {{"name", f.queue.consumer},        {"exists", st->consumer_exists},
                     {"pending", st->consumer_pending}, {"ack_pending", st->ack_pending},
                     {"redelivered_pending", st->redelivered_pending},
                     {"delivered", st->delivered},      {"ack_floor", st->ack_floor}};
    nlohmann::json dead = nlohmann::json::array();
    for (const auto& d : st->recent_dead) {
      dead.push_back({{"sequence", d.sequence}, {"article_id", d.article_id}, {"reason", d.reason},
                      {"worker", d.worker}, {"deliveries", d.deliveries}, {"time", d.time}});
    }
    j["dead_letters"] = {{"count", st->dead_letters}, {"recent", dead}};
    nlohmann::json workers = nlohmann::json::array();
    for (const auto& w : st->workers) {
      nlohmann::json wj = stats_json(w.stats);
      wj["name"] = w.name;
      wj["state"] = w.state;
      wj["last_seen"] = w.last_seen;
      wj["age_s"] = w.age_s;
      workers.push_back(wj);
    }
    j["workers"] = workers;
    j["worker_totals"] = stats_json(sum);
    if (have_db) {
      j["store"] = {{"articles", db.articles}, {"sentences", db.sentences},
                    {"mentions", db.mentions}, {"events", db.events}};
    }
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("stream      %s: %s\n", f.queue.stream.c_str(),
              st->stream_exists ? "present" : "absent (nothing published yet)");
  if (st->stream_exists) {
    std::printf("  depth     %llu messages not yet acknowledged (%.1f MB); %llu published in all\n",
                static_cast<unsigned long long>(st->stream_messages), st->stream_bytes / 1e6,
                static_cast<unsigned long long>(st->published_last_seq));
  }
  if (st->consumer_exists) {
    std::printf("consumer    %s: lag %llu not yet delivered, %lld delivered and not acknowledged (%lld redelivered)\n",
                f.queue.consumer.c_str(), static_cast<unsigned long long>(st->consumer_pending),
                static_cast<long long>(st->ack_pending), static_cast<long long>(st->redelivered_pending));
    std::printf("  counts    %llu deliveries, acknowledged up to delivery %llu\n",
                static_cast<unsigned long long>(st->delivered),
                static_cast<unsigned long long>(st->ack_floor));
  } else {
    std::printf("consumer    %s: absent (no worker started yet)\n", f.queue.consumer.c_str());
  }
  std::printf("dead        %llu dead letters on %s\n",
              static_cast<unsigned long long>(st->dead_letters), DeadLetterSubject(f.queue.stream).c_str());
  for (const auto& d : st->recent_dead) {
    std::printf("  #%llu %s %s after %d deliveries: %s\n", static_cast<unsigned long long>(d.sequence),
                d.time.c_str(), d.article_id.empty() ? "(unparsed)" : d.article_id.c_str(),
                d.deliveries, d.reason.c_str());
  }
  std::printf("workers     %zu seen\n", st->workers.size());
  for (const auto& w : st->workers) {
    std::printf("  %-24s %-8s %5llds ago: %lld received (%lld redelivered), %lld stored, %lld already stored, %lld changed (not replaced), %lld events, %lld dead letters, %lld database retries\n",
                w.name.c_str(), w.state.c_str(), static_cast<long long>(w.age_s),
                static_cast<long long>(w.stats.received), static_cast<long long>(w.stats.redelivered),
                static_cast<long long>(w.stats.stored), static_cast<long long>(w.stats.unchanged),
                static_cast<long long>(w.stats.changed),
                static_cast<long long>(w.stats.events), static_cast<long long>(w.stats.dead_letters),
                static_cast<long long>(w.stats.db_retries));
  }
  if (have_db) {
    std::printf("store       %lld articles, %lld sentences, %lld event mentions, %lld deduplicated events\n",
                static_cast<long long>(db.articles), static_cast<long long>(db.sentences),
                static_cast<long long>(db.mentions), static_cast<long long>(db.events));
  }
  return kExitOk;
}

CommandRegistrar status_reg(
    "status", "Queue depth, consumer lag, deliveries, dead letters, workers seen, and the store's counts",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<StatusFlags>();
      AddQueueFlags(app, &f->queue);
      app->add_option("--db", f->db, "Store to count: postgresql://... or a SQLite file");
      app->add_option("--dead", f->dead, "Recent dead letters to show")->capture_default_str();
      app->add_option("--format", f->format, "text|json")
          ->check(CLI::IsMember({"text", "json"}))
          ->capture_default_str();
      return [f] { return RunStatus(*f); };
    });

}  // namespace
}  // namespace dyad::cli
