// `dyad worker`: pull articles from the JetStream work queue, code them, write each
// article's events in one PostgreSQL transaction, then ack. Failure handling in one place:
//   transient database error  -> retry with backoff, keeping the message (in-progress)
//   poison (bad JSON, over-size, coder or permanent database failure)
//                             -> nak with a delay; at max_deliveries -> dead letter + ack
//   delivered > max_deliveries without an answer (workers died on it) -> dead letter + ack
//   stop requested            -> finish the article in hand, nak the fetched rest
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "dyad/queue.h"
#include "dyad/store.h"
#include "src/queue/nats_conn.h"
#include "src/queue/worker_stats.h"

namespace dyad {
namespace {

using queue::NatsConn;
using queue::NatsError;
using Clock = std::chrono::steady_clock;

bool IsUnavailable(const Status& s) { return s.code() == Status::Code::kUnavailable; }

std::string DefaultName() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) std::snprintf(host, sizeof(host), "host");
  return std::string(host) + "-" + std::to_string(getpid());
}

// What became of one message.
enum class Outcome { kDone, kPoison, kReturn };

class Worker {
 public:
  Worker(const QueueOptions& q, const WorkerOptions& o, std::atomic<bool>* stop)
      : q_(q), o_(o), external_stop_(stop) {
    name_ = o_.name.empty() ? DefaultName() : o_.name;
    for (char& c : name_) {
      // Bucket keys allow letters, digits and -/_=. only.
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
    }
  }

  ~Worker() {
    if (kv_ != nullptr) kvStore_Destroy(kv_);
  }

  Result<WorkerStats> Run() {
    if (o_.db.empty()) return Status::InvalidArgument("no database (--db)");
    if (o_.threads < 1 || o_.fetch_batch < 1 || o_.max_deliveries < 1) {
      return Status::InvalidArgument("threads, fetch batch and max deliveries must be at least 1");
    }
    DYAD_ASSIGN_OR_RETURN(nats_, NatsConn::Connect(q_, "dyad worker " + name_));
    DYAD_RETURN_IF_ERROR(nats_->EnsureStreams(q_));
    DYAD_RETURN_IF_ERROR(nats_->EnsureConsumer(q_, o_.ack_wait_s));
    OpenWorkerBucket();
    // Fail early (bad URI, wrong schema version) rather than in every thread.
    {
      DYAD_ASSIGN_OR_RETURN(auto store, OpenStoreRetrying(/*patient=*/false));
      (void)store;
    }
    DYAD_ASSIGN_OR_RETURN(coder_, Coder::Create(o_.coder));
    Log("consuming " + q_.stream + "/" + q_.consumer + " from " + q_.nats_url + " with " +
        std::to_string(o_.threads) + " thread(s) into " + RedactedDb());

    std::vector<std::thread> threads;
    std::vector<Status> thread_status(o_.threads);
    for (int i = 0; i < o_.threads; ++i) {
      threads.emplace_back([this, i, &thread_status] { thread_status[i] = ThreadMain(); });
    }
    auto last_report = Clock::now();
    auto idle_since = Clock::now();
    bool idle = false;
    while (!Stopping()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      if (threads_done_ == o_.threads) break;
      auto now = Clock::now();
      if (now - last_report >= std::chrono::seconds(o_.progress_interval_s)) {
        Report(now - last_report, "running");
        last_report = now;
      }
      if (o_.exit_when_idle_s > 0) {
        bool empty = QueueDrained();
        if (empty && !idle) idle_since = now;
        idle = empty;
        if (idle && now - idle_since >= std::chrono::seconds(o_.exit_when_idle_s)) {
          Log("queue empty for " + std::to_string(o_.exit_when_idle_s) + " s: stopping");
          idle_stop_ = true;
        }
      }
    }
    idle_stop_ = true;
    for (auto& t : threads) t.join();
    Report(Clock::now() - last_report, "stopped");
    for (const Status& s : thread_status) DYAD_RETURN_IF_ERROR(s);
    return counters_.Snapshot();
  }

 private:
  bool Stopping() const { return idle_stop_ || (external_stop_ != nullptr && *external_stop_); }

  void Log(const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mu_);
    if (o_.log) o_.log(line);
    else std::cerr << "dyad worker " << name_ << ": " << line << std::endl;
  }

  // The database URI without its password, for logs.
  std::string RedactedDb() const {
    std::string db = o_.db;
    size_t scheme = db.find("://"), at = db.find('@');
    if (scheme != std::string::npos && at != std::string::npos) {
      size_t colon = db.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) db.replace(colon, at - colon, ":***");
    }
    return db;
  }

  void OpenWorkerBucket() {
    const std::string bucket = queue::WorkersBucket(q_.stream);
    if (js_KeyValue(&kv_, nats_->js(), bucket.c_str()) == NATS_OK) return;
    kvConfig cfg;
    kvConfig_Init(&cfg);
    cfg.Bucket = bucket.c_str();
    cfg.Description = "dyad workers seen (dyad status)";
    cfg.History = 1;
    cfg.TTL = 7LL * 24 * 3600 * 1000000000LL;
    cfg.Replicas = q_.replicas;
    if (js_CreateKeyValue(&kv_, nats_->js(), &cfg) != NATS_OK &&
        js_KeyValue(&kv_, nats_->js(), bucket.c_str()) != NATS_OK) {
      kv_ = nullptr;  // status then shows no workers; the work itself does not need the bucket
      Log("warning: cannot open the worker bucket " + bucket);
    }
  }

  void Report(Clock::duration since_last, const std::string& state) {
    WorkerStats now = counters_.Snapshot();
    double secs = std::chrono::duration<double>(since_last).count();
    int64_t done = now.stored + now.unchanged;
    int64_t delta = done - reported_done_;
    reported_done_ = done;
    char rate[64];
    std::snprintf(rate, sizeof(rate), "%.1f/s", secs > 0 ? delta / secs : 0.0);
    Log(state + ": " + std::to_string(now.stored) + " articles stored (" + rate + "), " +
        std::to_string(now.unchanged) + " already stored, " + std::to_string(now.changed) +
        " changed (not replaced), " + std::to_string(now.events) +
        " events, " + std::to_string(now.received) + " received (" +
        std::to_string(now.redelivered) + " redelivered), " + std::to_string(now.naked) +
        " returned, " + std::to_string(now.dead_letters) + " dead letters, " +
        std::to_string(now.db_retries) + " database retries");
    if (kv_ != nullptr) {
      std::string value = queue::WorkerRecordJson(name_, state, queue::IsoTime(), now);
      uint64_t rev = 0;
      (void)kvStore_Put(&rev, kv_, name_.c_str(), value.data(), static_cast<int>(value.size()));
    }
  }

  bool QueueDrained() {
    jsConsumerInfo* ci = nullptr;
    if (js_GetConsumerInfo(&ci, nats_->js(), q_.stream.c_str(), q_.consumer.c_str(), nullptr,
                           nullptr) != NATS_OK) {
      return false;
    }
    bool drained = ci->NumPending == 0 && ci->NumAckPending == 0;
    jsConsumerInfo_Destroy(ci);
    return drained;
  }

  // Opens the store; `patient`: keep trying while the database is unreachable (the worker
  // runs on), else a few attempts only (start-up). Several workers creating the schema of
  // an empty database at once collide once; a retry then finds it.
  Result<std::unique_ptr<Store>> OpenStoreRetrying(bool patient) {
    int backoff_ms = 100;
    for (int attempt = 1;; ++attempt) {
      auto store = OpenStore(o_.db, StoreOptions());
      if (store.ok()) return store;
      bool again = patient ? !Stopping() && (IsUnavailable(store.status()) || attempt < 5)
                           : attempt < 5;
      if (!again) return store.status();
      if (attempt == 1 || attempt % 10 == 0) {
        Log("database: " + store.status().message() + "; retrying");
      }
      SleepWhileRunning(backoff_ms);
      backoff_ms = std::min(backoff_ms * 2, o_.max_backoff_ms);
    }
  }

  void SleepWhileRunning(int ms) {
    auto end = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < end && !Stopping()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 50)));
    }
  }

  Status ThreadMain() {
    struct Done {
      std::atomic<int>* n;
      ~Done() { ++*n; }
    } done{&threads_done_};
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Stream = q_.stream.c_str();
    so.Consumer = q_.consumer.c_str();
    so.ManualAck = true;
    natsSubscription* sub = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    natsStatus s = js_PullSubscribe(&sub, nats_->js(), q_.stream.c_str(), q_.consumer.c_str(),
                                    nullptr, &so, &code);
    if (s != NATS_OK) {
      idle_stop_ = true;
      return NatsError(s, "cannot subscribe to " + q_.stream + "/" + q_.consumer, code);
    }
    std::unique_ptr<Store> store;
    int fetch_errors = 0;
    while (!Stopping()) {
      natsMsgList list = {nullptr, 0};
      s = natsSubscription_Fetch(&list, sub, o_.fetch_batch, 1000, &code);
      if (s == NATS_TIMEOUT || (s == NATS_OK && list.Count == 0)) {
        natsMsgList_Destroy(&list);
        fetch_errors = 0;
        continue;
      }
      if (s != NATS_OK) {
        natsMsgList_Destroy(&list);
        // Server restarting or unreachable: the client reconnects by itself.
        if (fetch_errors++ % 20 == 0) Log(NatsError(s, "fetch", code).message() + "; retrying");
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        continue;
      }
      fetch_errors = 0;
      for (int i = 0; i < list.Count; ++i) {
        natsMsg* msg = list.Msgs[i];
        if (Stopping()) {
          (void)natsMsg_Nak(msg, nullptr);
          counters_.naked++;
          continue;
        }
        Handle(msg, &store);
      }
      natsMsgList_Destroy(&list);
    }
    natsSubscription_Unsubscribe(sub);
    natsSubscription_Destroy(sub);
    return Status::OK();
  }

  // `msg` stays owned by the fetched list.
  void Handle(natsMsg* msg, std::unique_ptr<Store>* store) {
    counters_.received++;
    jsMsgMetaData* meta = nullptr;
    uint64_t deliveries = 1, seq = 0;
    if (natsMsg_GetMetaData(&meta, msg) == NATS_OK) {
      deliveries = meta->NumDelivered;
      seq = meta->Sequence.Stream;
      jsMsgMetaData_Destroy(meta);
    }
    if (deliveries > 1) counters_.redelivered++;
    const std::string where = "message " + std::to_string(seq);
    if (deliveries > static_cast<uint64_t>(o_.max_deliveries)) {
      // Every earlier delivery ended without an answer: the worker died or hung on it.
      DeadLetter(msg, seq, deliveries, "",
                 "delivered " + std::to_string(deliveries) +
                     " times without being acknowledged (a worker died or timed out on it)");
      return;
    }
    std::string article_id, reason;
    Outcome outcome = Process(msg, store, &article_id, &reason);
    const std::string what = article_id.empty() ? where : "article " + article_id + " (" + where + ")";
    switch (outcome) {
      case Outcome::kDone: {
        jsErrCode code = static_cast<jsErrCode>(0);
        natsStatus s = natsMsg_AckSync(msg, nullptr, &code);
        if (s != NATS_OK) {
          // Stored, but JetStream did not confirm the ack: a redelivery finds it stored.
          Log(what + ": " + NatsError(s, "ack", code).message() + " (a redelivery is harmless)");
        }
        break;
      }
      case Outcome::kPoison:
        if (deliveries >= static_cast<uint64_t>(o_.max_deliveries)) {
          DeadLetter(msg, seq, deliveries, article_id, reason);
        } else {
          Log(what + ": delivery " + std::to_string(deliveries) + " of " +
              std::to_string(o_.max_deliveries) + " failed: " + reason + "; returned to the queue");
          (void)natsMsg_NakWithDelay(msg, 500LL * static_cast<int64_t>(deliveries), nullptr);
          counters_.naked++;
        }
        break;
      case Outcome::kReturn:
        (void)natsMsg_Nak(msg, nullptr);
        counters_.naked++;
        break;
    }
  }

  // Runs `op` against the store, reopening it and backing off while the database is
  // unavailable. kDone with *out set, kPoison with *reason for a permanent error, kReturn
  // when stopping before the database came back.
  template <typename T, typename Op>
  Outcome WithStore(natsMsg* msg, std::unique_ptr<Store>* store, Op op, T* out, std::string* reason) {
    int backoff_ms = 100;
    while (true) {
      if (*store == nullptr) {
        auto opened = OpenStoreRetrying(/*patient=*/true);
        if (!opened.ok()) {
          if (Stopping()) return Outcome::kReturn;
          *reason = "database: " + opened.status().message();
          return Outcome::kPoison;
        }
        *store = std::move(opened).value();
      }
      Result<T> r = op(store->get());
      if (r.ok()) {
        *out = std::move(r).value();
        return Outcome::kDone;
      }
      if (!IsUnavailable(r.status())) {
        *reason = "database: " + r.status().message();
        return Outcome::kPoison;
      }
      counters_.db_retries++;
      if (counters_.db_retries.load() % 10 == 1) {
        Log("database: " + r.status().message() + "; retrying in " + std::to_string(backoff_ms) + " ms");
      }
      store->reset();  // the connection may be dead; a fresh one re-prepares its statements
      (void)natsMsg_InProgress(msg, nullptr);
      if (Stopping()) return Outcome::kReturn;
      SleepWhileRunning(backoff_ms);
      backoff_ms = std::min(backoff_ms * 2, o_.max_backoff_ms);
    }
  }

  Outcome Process(natsMsg* msg, std::unique_ptr<Store>* store, std::string* article_id,
                  std::string* reason) {
    const int len = natsMsg_GetDataLength(msg);
    if (static_cast<size_t>(len) > o_.max_article_bytes) {
      *reason = "over-size article: " + std::to_string(len) + " bytes (limit " +
                std::to_string(o_.max_article_bytes) + ")";
      return Outcome::kPoison;
    }
    auto parsed = ParseArticleMessage(std::string(natsMsg_GetData(msg), len));
    if (!parsed.ok()) {
      *reason = parsed.status().message();
      return Outcome::kPoison;
    }
    Article article = std::move(parsed).value();
    *article_id = article.id;
    const char* recode_header = nullptr;
    const bool recode = natsMsgHeader_Get(msg, "Dyad-Recode", &recode_header) == NATS_OK &&
                        recode_header != nullptr && std::string(recode_header) == "1";
    if (!recode) {
      // A re-published article (after the duplicate window) is acked without coding; so is
      // an edited one under a known url or id, but said so: only a recode replaces it.
      StoredState state = StoredState::kAbsent;
      Outcome o = WithStore<StoredState>(
          msg, store, [&](Store* s) { return s->ArticleState(article); }, &state, reason);
      if (o != Outcome::kDone) return o;
      if (state == StoredState::kChanged) {
        counters_.changed++;
        Log("article " + article.id + ": changed since it was stored; not replaced (a message "
            "with the header Dyad-Recode: 1 replaces it)");
        return Outcome::kDone;
      }
      if (state == StoredState::kSame) {
        counters_.unchanged++;
        return Outcome::kDone;
      }
    }
    (void)natsMsg_InProgress(msg, nullptr);
    CodedArticle coded = coder_->Code(article);
    if (!coded.status.ok()) {
      *reason = "coder: " + coded.status.message();
      return Outcome::kPoison;
    }
    const int64_t events = static_cast<int64_t>(coded.events.size());
    StoredArticle sa{std::move(article), std::move(coded.sentences), std::move(coded.events),
                     coder_->version()};
    PutOutcome put = PutOutcome::kUnchanged;
    Outcome o = WithStore<PutOutcome>(
        msg, store, [&](Store* s) { return s->PutArticle(sa, recode); }, &put, reason);
    if (o != Outcome::kDone) return o;
    if (put == PutOutcome::kUnchanged) {
      counters_.unchanged++;  // another worker stored it meanwhile
    } else {
      counters_.stored++;
      counters_.events += events;
    }
    return Outcome::kDone;
  }

  // Publishes the message to the dead letters with the reason, then acks it. When the
  // dead letter cannot be published (JetStream down while stopping), the message is
  // returned to the queue instead: it is never dropped.
  void DeadLetter(natsMsg* msg, uint64_t seq, uint64_t deliveries, const std::string& article_id,
                  const std::string& reason) {
    const std::string subject = DeadLetterSubject(q_.stream);
    const int64_t limit = natsConnection_GetMaxPayload(nats_->nc());
    int len = natsMsg_GetDataLength(msg);
    bool truncated = false;
    if (len + 4096 > limit) {
      len = static_cast<int>(std::max<int64_t>(0, limit - 4096));
      truncated = true;
    }
    natsMsg* dl = nullptr;
    natsStatus s = natsMsg_Create(&dl, subject.c_str(), nullptr, natsMsg_GetData(msg), len);
    const std::string deliveries_s = std::to_string(deliveries), seq_s = std::to_string(seq);
    const std::string reason_h = queue::HeaderValue(reason), id_h = queue::HeaderValue(article_id);
    const std::string time_h = queue::IsoTime();
    if (s == NATS_OK) s = natsMsgHeader_Set(dl, "Dyad-Reason", reason_h.c_str());
    if (s == NATS_OK) s = natsMsgHeader_Set(dl, "Dyad-Deliveries", deliveries_s.c_str());
    if (s == NATS_OK) s = natsMsgHeader_Set(dl, "Dyad-Stream-Seq", seq_s.c_str());
    if (s == NATS_OK) s = natsMsgHeader_Set(dl, "Dyad-Worker", name_.c_str());
    if (s == NATS_OK) s = natsMsgHeader_Set(dl, "Dyad-Time", time_h.c_str());
    if (s == NATS_OK && !article_id.empty()) s = natsMsgHeader_Set(dl, "Dyad-Article-Id", id_h.c_str());
    if (s == NATS_OK && truncated) s = natsMsgHeader_Set(dl, "Dyad-Truncated", "1");
    // Dead-lettering the same delivery twice (a crash between publish and ack) stores it once.
    const std::string dedup = "dead:" + q_.stream + ":" + seq_s;
    jsPubOptions po;
    jsPubOptions_Init(&po);
    po.MsgId = dedup.c_str();
    int backoff_ms = 100;
    while (s == NATS_OK) {
      jsPubAck* ack = nullptr;
      jsErrCode code = static_cast<jsErrCode>(0);
      s = js_PublishMsg(&ack, nats_->js(), dl, &po, &code);
      if (s == NATS_OK) {
        jsPubAck_Destroy(ack);
        break;
      }
      if (!queue::IsTransientNats(s) || Stopping()) break;
      s = NATS_OK;
      std::this_thread::sleep_for(std::chrono::milliseconds(backoff_ms));
      backoff_ms = std::min(backoff_ms * 2, 2000);
    }
    natsMsg_Destroy(dl);
    const std::string what = article_id.empty() ? "message " + seq_s : "article " + article_id + " (message " + seq_s + ")";
    if (s != NATS_OK) {
      Log(what + ": " + NatsError(s, "cannot publish dead letter").message() +
          "; returned to the queue");
      (void)natsMsg_Nak(msg, nullptr);
      counters_.naked++;
      return;
    }
    (void)natsMsg_AckSync(msg, nullptr, nullptr);
    counters_.dead_letters++;
    Log(what + ": dead letter after " + deliveries_s + " deliveries: " + reason);
  }

  QueueOptions q_;
  WorkerOptions o_;
  std::atomic<bool>* external_stop_;
  std::atomic<bool> idle_stop_{false};
  std::atomic<int> threads_done_{0};
  std::string name_;
  std::unique_ptr<NatsConn> nats_;
  std::unique_ptr<Coder> coder_;
  kvStore* kv_ = nullptr;
  std::mutex log_mu_;
  queue::WorkerCounters counters_;
  int64_t reported_done_ = 0;
};

}  // namespace

Result<WorkerStats> RunWorker(const QueueOptions& queue, const WorkerOptions& options,
                              std::atomic<bool>* stop) {
  Worker w(queue, options, stop);
  return w.Run();
}

}  // namespace dyad
