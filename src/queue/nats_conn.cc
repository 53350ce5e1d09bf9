#include "src/queue/nats_conn.h"

#include <ctime>
#include <vector>

namespace dyad::queue {

bool IsTransientNats(natsStatus s) {
  return s == NATS_TIMEOUT || s == NATS_CONNECTION_CLOSED || s == NATS_CONNECTION_DISCONNECTED ||
         s == NATS_NO_SERVER || s == NATS_STALE_CONNECTION || s == NATS_NO_RESPONDERS ||
         s == NATS_IO_ERROR || s == NATS_CONNECTION_AUTH_FAILED || s == NATS_SLOW_CONSUMER;
}

Status NatsError(natsStatus s, const std::string& what, jsErrCode code) {
  std::string msg = what + ": " + natsStatus_GetText(s);
  natsStatus last = NATS_OK;
  const char* detail = nats_GetLastError(&last);
  if (detail != nullptr && *detail != '\0' && msg.find(detail) == std::string::npos) {
    msg += std::string(" (") + detail + ")";
  }
  if (code != 0) msg += " [JetStream error " + std::to_string(static_cast<int>(code)) + "]";
  if (s == NATS_NOT_FOUND) return Status::NotFound(msg);
  if (IsTransientNats(s)) return Status::Unavailable(msg);
  return Status::IOError(msg);
}

std::string WorkersBucket(const std::string& stream) { return stream + "-workers"; }
std::string DeadLetterStream(const std::string& stream) { return stream + "-dead"; }

}  // namespace dyad::queue

namespace dyad {
std::string DeadLetterSubject(const std::string& stream) { return stream + "-dead"; }
}  // namespace dyad

namespace dyad::queue {

Status ValidateNames(const QueueOptions& options) {
  for (const std::string* name : {&options.stream, &options.consumer}) {
    if (name->empty()) return Status::InvalidArgument("empty stream or consumer name");
    for (char c : *name) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
      if (!ok) {
        return Status::InvalidArgument("name '" + *name +
                                       "': use letters, digits, '-' and '_' only");
      }
    }
  }
  return Status::OK();
}

std::string IsoTime(int64_t unix_ns) {
  std::time_t t = unix_ns > 0 ? static_cast<std::time_t>(unix_ns / 1000000000) : std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string HeaderValue(const std::string& s, size_t max) {
  std::string out;
  for (char c : s) {
    if (out.size() >= max) break;
    out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  }
  return out;
}

Result<std::unique_ptr<NatsConn>> NatsConn::Connect(const QueueOptions& options,
                                                    const std::string& client_name) {
  DYAD_RETURN_IF_ERROR(ValidateNames(options));
  std::vector<std::string> servers;
  size_t start = 0;
  while (start <= options.nats_url.size()) {
    size_t comma = options.nats_url.find(',', start);
    if (comma == std::string::npos) comma = options.nats_url.size();
    if (comma > start) servers.push_back(options.nats_url.substr(start, comma - start));
    start = comma + 1;
  }
  if (servers.empty()) return Status::InvalidArgument("no NATS server URL");
  std::vector<const char*> urls;
  for (const auto& s : servers) urls.push_back(s.c_str());

  natsOptions* opts = nullptr;
  natsStatus s = natsOptions_Create(&opts);
  if (s == NATS_OK) s = natsOptions_SetServers(opts, urls.data(), static_cast<int>(urls.size()));
  if (s == NATS_OK) s = natsOptions_SetName(opts, client_name.c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(opts, options.connect_timeout_ms);
  // A server restart or a cluster fail-over must not end a long run: reconnect for ever and
  // keep acks and publishes in a buffer meanwhile.
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(opts, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(opts, 250);
  if (s == NATS_OK) s = natsOptions_SetReconnectBufSize(opts, 8 << 20);
  if (s != NATS_OK) {
    natsOptions_Destroy(opts);
    return NatsError(s, "nats options");
  }
  std::unique_ptr<NatsConn> conn(new NatsConn());
  s = natsConnection_Connect(&conn->nc_, opts);
  natsOptions_Destroy(opts);
  if (s != NATS_OK) {
    Status err = NatsError(s, "cannot connect to " + options.nats_url);
    return Status::Unavailable(err.message());
  }
  jsOptions jo;
  jsOptions_Init(&jo);
  jo.Wait = 10000;
  s = natsConnection_JetStream(&conn->js_, conn->nc_, &jo);
  if (s != NATS_OK) return NatsError(s, "JetStream context");
  return conn;
}

NatsConn::~NatsConn() {
  if (js_ != nullptr) jsCtx_Destroy(js_);
  if (nc_ != nullptr) {
    // Acks and nak's still buffered must reach the server before we go.
    natsConnection_FlushTimeout(nc_, 5000);
    natsConnection_Close(nc_);
    natsConnection_Destroy(nc_);
  }
}

namespace {

// Creates one stream unless it exists (another process may be creating it right now).
Status EnsureStream(jsCtx* js, jsStreamConfig* cfg) {
  jsStreamInfo* si = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&si, js, cfg->Name, nullptr, &code);
  if (s == NATS_OK) {
    jsStreamInfo_Destroy(si);
    return Status::OK();
  }
  if (s != NATS_NOT_FOUND) return NatsError(s, std::string("stream ") + cfg->Name, code);
  s = js_AddStream(&si, js, cfg, nullptr, &code);
  if (s == NATS_OK) {
    jsStreamInfo_Destroy(si);
    return Status::OK();
  }
  natsStatus again = js_GetStreamInfo(&si, js, cfg->Name, nullptr, nullptr);
  if (again == NATS_OK) {
    jsStreamInfo_Destroy(si);
    return Status::OK();
  }
  return NatsError(s, std::string("cannot create stream ") + cfg->Name, code);
}

}  // namespace

Status NatsConn::EnsureStreams(const QueueOptions& options) {
  const std::string subject = options.stream;
  const char* subjects[] = {subject.c_str()};
  jsStreamConfig cfg;
  jsStreamConfig_Init(&cfg);
  cfg.Name = options.stream.c_str();
  cfg.Description = "dyad articles to code (one message per article)";
  cfg.Subjects = subjects;
  cfg.SubjectsLen = 1;
  cfg.Retention = js_WorkQueuePolicy;
  cfg.Storage = js_FileStorage;
  cfg.Replicas = options.replicas;
  cfg.Duplicates = static_cast<int64_t>(options.duplicate_window_s) * 1000000000LL;
  DYAD_RETURN_IF_ERROR(EnsureStream(js_, &cfg));

  const std::string dead = DeadLetterStream(options.stream);
  const std::string dead_subject = DeadLetterSubject(options.stream);
  const char* dead_subjects[] = {dead_subject.c_str()};
  jsStreamConfig dcfg;
  jsStreamConfig_Init(&dcfg);
  dcfg.Name = dead.c_str();
  dcfg.Description = "dyad articles that could not be coded, with the reason (header Dyad-Reason)";
  dcfg.Subjects = dead_subjects;
  dcfg.SubjectsLen = 1;
  dcfg.Retention = js_LimitsPolicy;
  dcfg.Storage = js_FileStorage;
  dcfg.Replicas = options.replicas;
  dcfg.Duplicates = 3600LL * 1000000000LL;
  return EnsureStream(js_, &dcfg);
}

Status NatsConn::EnsureConsumer(const QueueOptions& options, int ack_wait_s) {
  jsConsumerConfig cc;
  jsConsumerConfig_Init(&cc);
  cc.Durable = options.consumer.c_str();
  cc.Description = "dyad workers";
  cc.AckPolicy = js_AckExplicit;
  cc.DeliverPolicy = js_DeliverAll;
  cc.AckWait = static_cast<int64_t>(ack_wait_s) * 1000000000LL;
  // Unlimited: the worker itself sends a message to the dead letters after max_deliveries,
  // with the reason, instead of JetStream silently giving up on it.
  cc.MaxDeliver = -1;
  cc.MaxAckPending = 20000;
  cc.FilterSubject = options.stream.c_str();
  jsConsumerInfo* ci = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_GetConsumerInfo(&ci, js_, options.stream.c_str(), options.consumer.c_str(),
                                    nullptr, &code);
  if (s == NATS_OK) {
    bool same = ci->Config != nullptr && ci->Config->AckWait == cc.AckWait;
    jsConsumerInfo_Destroy(ci);
    if (same) return Status::OK();
    s = js_UpdateConsumer(&ci, js_, options.stream.c_str(), &cc, nullptr, &code);
    if (s != NATS_OK) return NatsError(s, "cannot update consumer " + options.consumer, code);
    jsConsumerInfo_Destroy(ci);
    return Status::OK();
  }
  if (s != NATS_NOT_FOUND) return NatsError(s, "consumer " + options.consumer, code);
  s = js_AddConsumer(&ci, js_, options.stream.c_str(), &cc, nullptr, &code);
  if (s == NATS_OK) {
    jsConsumerInfo_Destroy(ci);
    return Status::OK();
  }
  // Created by another worker meanwhile?
  if (js_GetConsumerInfo(&ci, js_, options.stream.c_str(), options.consumer.c_str(), nullptr,
                         nullptr) == NATS_OK) {
    jsConsumerInfo_Destroy(ci);
    return Status::OK();
  }
  return NatsError(s, "cannot create consumer " + options.consumer, code);
}

}  // namespace dyad::queue
