// Scale-out: articles on a NATS JetStream work queue, any number of workers coding them
// into one PostgreSQL store (doc/scale-out.md).
//
//   dyad::QueueOptions q;  q.nats_url = "nats://10.0.0.5:4222";
//   auto pub = dyad::Publisher::Connect(q);                 // creates the stream if missing
//   if (!pub.ok()) return pub.status();
//   auto dup = (*pub)->Publish(article, /*recode=*/false);  // true: already on the queue
//
//   dyad::WorkerOptions w;  w.db = "postgresql://dyad@10.0.0.6/events";  w.threads = 4;
//   std::atomic<bool> stop{false};                          // set by SIGTERM
//   auto stats = dyad::RunWorker(q, w, &stop);              // returns when stopped or idle
//
// Names derived from QueueOptions::stream (default "dyad-articles"):
//   stream S, subject S                 articles, one message per article (work-queue retention)
//   durable pull consumer `consumer`    shared by every worker
//   stream S-dead, subject S-dead       dead letters: the original payload plus Dyad-Reason
//   key-value bucket S-workers          one entry per worker: host, pid, counts, last seen
// Message: the article as a JSON object (id, date, title, text, source, url, language,
// origin); header Nats-Msg-Id = the article id (JetStream drops a re-publish within the
// duplicate window); header Dyad-Recode = "1" asks the worker to replace stored events.
#ifndef DYAD_QUEUE_H_
#define DYAD_QUEUE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/coder.h"
#include "dyad/status.h"

namespace dyad {

struct QueueOptions {
  // NATS server(s), comma-separated. Default: "nats://127.0.0.1:4222".
  std::string nats_url = "nats://127.0.0.1:4222";
  // Stream name; also the subject and the prefix of the dead-letter stream and the worker
  // bucket. Letters, digits, '-' and '_' only. Default: "dyad-articles".
  std::string stream = "dyad-articles";
  // Durable consumer shared by all workers. Default: "dyad-workers".
  std::string consumer = "dyad-workers";
  // JetStream drops a message whose Nats-Msg-Id it saw within this window. Default: 3600 s.
  int duplicate_window_s = 3600;
  // Stream replicas (1 on one server, 3 on a three-node cluster). Default: 1.
  int replicas = 1;
  // Give up connecting after this long (the client keeps reconnecting afterwards, for
  // ever, when the connection drops). Default: 10000 ms.
  int connect_timeout_ms = 10000;
};

// Subject of the dead letters of `stream`.
std::string DeadLetterSubject(const std::string& stream);

// The JSON payload of an article message, and its inverse. ParseArticleMessage fails
// with InvalidArgument naming the problem (invalid JSON, missing id or text, bad date).
std::string ArticleMessage(const Article& article);
Result<Article> ParseArticleMessage(const std::string& payload);

class Publisher {
 public:
  // Connects and creates the stream and the dead-letter stream when missing. Fails with
  // Unavailable when no server answers, InvalidArgument for a bad stream name.
  static Result<std::unique_ptr<Publisher>> Connect(const QueueOptions& options);
  ~Publisher();

  // Puts one article on the queue and waits for JetStream to store it; retries while
  // the server is unreachable (up to about a minute). Returns true when JetStream dropped
  // it as a duplicate. `recode`: the worker replaces the stored events (the message id is
  // then the article id plus `recode_tag`, so a recode is not dropped as a duplicate).
  // Fails with InvalidArgument when the message exceeds the server's maximum payload.
  Result<bool> Publish(const Article& article, bool recode = false,
                       const std::string& recode_tag = "");

  // The server's maximum message size in bytes.
  int64_t max_payload() const;

 private:
  Publisher();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct WorkerOptions {
  // Store URI ("postgresql://..."; a SQLite path works for one worker). Required.
  std::string db;
  // Coding threads, each with its own pull subscription and database connection.
  // Default: 1.
  int threads = 1;
  // Messages fetched at once by a thread; on stop, the ones not started are nak'ed.
  // Default: 4.
  int fetch_batch = 4;
  // A message that failed this many deliveries (invalid JSON, over-size, coder failure,
  // a database error that is not transient), or that was delivered more often than this
  // without an answer (workers died on it), goes to the dead-letter subject. Default: 3.
  int max_deliveries = 3;
  // Articles with more bytes of text are poison. Default: 1 MiB.
  size_t max_article_bytes = 1u << 20;
  // Redelivery after this long without an ack (workers send in-progress signals while
  // they work on a message). Set on the consumer when a worker creates or updates it.
  // Default: 60 s.
  int ack_wait_s = 60;
  // Progress line interval, and worker-bucket update interval. Default: 10 s.
  int progress_interval_s = 10;
  // Stop once the consumer has had nothing pending nor unacknowledged for this long.
  // Default: 0 = run until stopped.
  int exit_when_idle_s = 0;
  // Database retries (transient errors: connection lost, deadlock, shutdown) back off from
  // 100 ms doubling up to this, and go on as long as the worker runs. Default: 10000 ms.
  int max_backoff_ms = 10000;
  // Name in logs and in the worker bucket. Default: empty = "HOST-PID".
  std::string name;
  CoderOptions coder;
  // Progress and problem lines. Default (empty): stderr, prefixed "dyad worker NAME: ".
  std::function<void(const std::string&)> log;
};

struct WorkerStats {
  int64_t received = 0;      // messages fetched (deliveries)
  int64_t redelivered = 0;   // of which not first deliveries
  int64_t stored = 0;        // articles written (added or replaced)
  int64_t unchanged = 0;     // already stored: acked without coding
  int64_t changed = 0;       // its url or id stored with another text: acked without coding
                             // (publish it with recode to replace it)
  int64_t events = 0;        // event mentions written
  int64_t dead_letters = 0;  // sent to the dead-letter subject
  int64_t naked = 0;         // returned to the queue (failure below the limit, or stopping)
  int64_t db_retries = 0;    // transient database errors retried
};

// Runs a worker until *stop becomes true (in-flight articles are finished, fetched ones
// not started are nak'ed) or, with exit_when_idle_s, until the queue stays empty. Creates
// the streams and the consumer when missing. Fails when NATS or the database cannot be
// reached at start or the coder cannot load.
Result<WorkerStats> RunWorker(const QueueOptions& queue, const WorkerOptions& options,
                              std::atomic<bool>* stop);

struct DeadLetter {
  uint64_t sequence = 0;
  std::string article_id;  // empty when the payload could not be parsed
  std::string reason;
  std::string worker;
  int deliveries = 0;
  std::string time;        // ISO 8601 UTC
};

struct WorkerSeen {
  std::string name;
  std::string state;       // "running", "stopped"
  std::string last_seen;   // ISO 8601 UTC
  int64_t age_s = 0;       // seconds since last seen
  WorkerStats stats;
};

struct QueueStatus {
  bool stream_exists = false;
  uint64_t stream_messages = 0, stream_bytes = 0;  // depth: not yet acknowledged
  uint64_t published_last_seq = 0;                 // messages ever stored in the stream
  uint64_t consumer_pending = 0;                   // lag: not yet delivered
  int64_t ack_pending = 0;                         // delivered, not yet acknowledged
  int64_t redelivered_pending = 0;                 // of those, redelivered
  uint64_t delivered = 0;                          // deliveries (consumer sequence)
  uint64_t ack_floor = 0;                          // consumer sequence acknowledged up to
  bool consumer_exists = false;
  uint64_t dead_letters = 0;
  std::vector<DeadLetter> recent_dead;             // newest first
  std::vector<WorkerSeen> workers;
};

// Reads the stream, consumer, dead letters (the newest `recent_dead`) and worker bucket.
Result<QueueStatus> GetQueueStatus(const QueueOptions& options, int recent_dead = 5);

// Articles stored in `db` with a publication date on or after `since` ("" = all), in
// storage order, with their text; for `dyad recode`. Calls `fn` for each; stops at the
// first error `fn` returns.
Status ForEachStoredArticle(const std::string& db, const std::string& since,
                            const std::function<Status(const Article&)>& fn);

}  // namespace dyad

#endif  // DYAD_QUEUE_H_
