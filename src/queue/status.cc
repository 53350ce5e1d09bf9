// `dyad status` and `dyad recode` helpers: what the queue, its consumer, its dead letters
// and its workers look like, and the stored articles to re-publish.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>

#include "dyad/queue.h"
#include "dyad/store.h"
#include "src/queue/nats_conn.h"
#include "src/queue/worker_stats.h"
#include "src/store/sql.h"

namespace dyad::queue {

WorkerStats WorkerCounters::Snapshot() const {
  WorkerStats s;
  s.received = received;
  s.redelivered = redelivered;
  s.stored = stored;
  s.unchanged = unchanged;
  s.changed = changed;
  s.events = events;
  s.dead_letters = dead_letters;
  s.naked = naked;
  s.db_retries = db_retries;
  return s;
}

std::string WorkerRecordJson(const std::string& name, const std::string& state,
                             const std::string& last_seen, const WorkerStats& s) {
  nlohmann::json j = {{"name", name},
                      {"state", state},
                      {"last_seen", last_seen},
                      {"received", s.received},
                      {"redelivered", s.redelivered},
                      {"stored", s.stored},
                      {"unchanged", s.unchanged},
                      {"changed", s.changed},
                      {"events", s.events},
                      {"dead_letters", s.dead_letters},
                      {"returned", s.naked},
                      {"db_retries", s.db_retries}};
  return j.dump();
}

Result<WorkerSeen> ParseWorkerRecord(const std::string& json) {
  try {
    nlohmann::json j = nlohmann::json::parse(json);
    WorkerSeen w;
    w.name = j.value("name", "");
    w.state = j.value("state", "");
    w.last_seen = j.value("last_seen", "");
    w.stats.received = j.value("received", int64_t{0});
    w.stats.redelivered = j.value("redelivered", int64_t{0});
    w.stats.stored = j.value("stored", int64_t{0});
    w.stats.unchanged = j.value("unchanged", int64_t{0});
    w.stats.changed = j.value("changed", int64_t{0});
    w.stats.events = j.value("events", int64_t{0});
    w.stats.dead_letters = j.value("dead_letters", int64_t{0});
    w.stats.naked = j.value("returned", int64_t{0});
    w.stats.db_retries = j.value("db_retries", int64_t{0});
    return w;
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(std::string("worker record: ") + e.what());
  }
}

namespace {

std::string Header(natsMsg* m, const char* key) {
  const char* v = nullptr;
  return natsMsgHeader_Get(m, key, &v) == NATS_OK && v != nullptr ? v : "";
}

void ReadDeadLetters(jsCtx* js, const std::string& stream, int recent, QueueStatus* out) {
  const std::string dead = DeadLetterStream(stream);
  jsStreamInfo* si = nullptr;
  if (js_GetStreamInfo(&si, js, dead.c_str(), nullptr, nullptr) != NATS_OK) return;
  out->dead_letters = si->State.Msgs;
  uint64_t first = si->State.FirstSeq, last = si->State.LastSeq;
  jsStreamInfo_Destroy(si);
  for (uint64_t seq = last; seq >= first && seq > 0 && static_cast<int>(out->recent_dead.size()) < recent;
       --seq) {
    natsMsg* m = nullptr;
    if (js_GetMsg(&m, js, dead.c_str(), seq, nullptr, nullptr) != NATS_OK) continue;
    DeadLetter d;
    d.sequence = seq;
    d.article_id = Header(m, "Dyad-Article-Id");
    d.reason = Header(m, "Dyad-Reason");
    d.worker = Header(m, "Dyad-Worker");
    d.deliveries = std::atoi(Header(m, "Dyad-Deliveries").c_str());
    d.time = Header(m, "Dyad-Time");
    out->recent_dead.push_back(d);
    natsMsg_Destroy(m);
  }
}

void ReadWorkers(jsCtx* js, const std::string& stream, QueueStatus* out) {
  kvStore* kv = nullptr;
  if (js_KeyValue(&kv, js, WorkersBucket(stream).c_str()) != NATS_OK) return;
  kvKeysList keys = {nullptr, 0};
  if (kvStore_Keys(&keys, kv, nullptr) == NATS_OK) {
    const int64_t now_ns = static_cast<int64_t>(std::time(nullptr)) * 1000000000LL;
    for (int i = 0; i < keys.Count; ++i) {
      kvEntry* e = nullptr;
      if (kvStore_Get(&e, kv, keys.Keys[i]) != NATS_OK) continue;
      auto w = ParseWorkerRecord(std::string(static_cast<const char*>(kvEntry_Value(e)),
                                             kvEntry_ValueLen(e)));
      if (w.ok()) {
        w->age_s = std::max<int64_t>(0, (now_ns - kvEntry_Created(e)) / 1000000000LL);
        out->workers.push_back(*w);
      }
      kvEntry_Destroy(e);
    }
    kvKeysList_Destroy(&keys);
  }
  kvStore_Destroy(kv);
  std::sort(out->workers.begin(), out->workers.end(),
            [](const WorkerSeen& a, const WorkerSeen& b) { return a.name < b.name; });
}

}  // namespace
}  // namespace dyad::queue

namespace dyad {

Result<QueueStatus> GetQueueStatus(const QueueOptions& options, int recent_dead) {
  DYAD_ASSIGN_OR_RETURN(auto conn, queue::NatsConn::Connect(options, "dyad status"));
  QueueStatus out;
  jsStreamInfo* si = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&si, conn->js(), options.stream.c_str(), nullptr, &code);
  if (s == NATS_NOT_FOUND) return out;
  if (s != NATS_OK) return queue::NatsError(s, "stream " + options.stream, code);
  out.stream_exists = true;
  out.stream_messages = si->State.Msgs;
  out.stream_bytes = si->State.Bytes;
  out.published_last_seq = si->State.LastSeq;
  jsStreamInfo_Destroy(si);
  jsConsumerInfo* ci = nullptr;
  s = js_GetConsumerInfo(&ci, conn->js(), options.stream.c_str(), options.consumer.c_str(), nullptr,
                         &code);
  if (s == NATS_OK) {
    out.consumer_exists = true;
    out.consumer_pending = ci->NumPending;
    out.ack_pending = ci->NumAckPending;
    out.redelivered_pending = ci->NumRedelivered;
    out.delivered = ci->Delivered.Consumer;
    out.ack_floor = ci->AckFloor.Consumer;
    jsConsumerInfo_Destroy(ci);
  } else if (s != NATS_NOT_FOUND) {
    return queue::NatsError(s, "consumer " + options.consumer, code);
  }
  queue::ReadDeadLetters(conn->js(), options.stream, recent_dead, &out);
  queue::ReadWorkers(conn->js(), options.stream, &out);
  return out;
}

Status ForEachStoredArticle(const std::string& db, const std::string& since,
                            const std::function<Status(const Article&)>& fn) {
  StoreOptions so;
  so.create_if_missing = false;
  DYAD_ASSIGN_OR_RETURN(auto store, OpenStore(db, so));  // checks the schema; reads the texts
  std::unique_ptr<sql::Conn> conn;
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) {
    DYAD_ASSIGN_OR_RETURN(conn, sql::OpenPostgres(db));
  } else {
    std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
    DYAD_ASSIGN_OR_RETURN(conn, sql::OpenSqlite(path, false, true, 16));
  }
  // Paged by row id so that millions of articles stream in bounded memory.
  int64_t after = 0;
  while (true) {
    DYAD_ASSIGN_OR_RETURN(auto rows, conn->Query(
        "SELECT id, article_id, url, outlet, pub_date, title, language FROM articles"
        " WHERE id > $1 AND ($2 = '' OR pub_date >= $2) ORDER BY id LIMIT 1000",
        {after, since}));
    if (rows.empty()) return Status::OK();
    for (const sql::Row& r : rows) {
      after = r.Int(0);
      Article a;
      a.id = r.Text(1);
      a.url = r.Text(2);
      a.source = r.Text(3);
      a.date = r.Text(4);
      a.title = r.Text(5);
      a.language = r.Text(6);
      a.origin = "stored article " + a.id;
      DYAD_ASSIGN_OR_RETURN(a.text, store->ArticleText(a.id));
      DYAD_RETURN_IF_ERROR(fn(a));
    }
  }
}

}  // namespace dyad
