// What the publisher, the worker and `dyad status` share: a NATS connection with its
// JetStream context, the streams and consumer they expect, names derived from the stream,
// and errors turned into Status.
#ifndef DYAD_QUEUE_NATS_CONN_H_
#define DYAD_QUEUE_NATS_CONN_H_

#include <nats/nats.h>

#include <cstdint>
#include <memory>
#include <string>

#include "dyad/queue.h"
#include "dyad/status.h"

namespace dyad::queue {

// "what: nats text (detail) [JetStream error N]". Unavailable for connection problems and
// timeouts (worth retrying), NotFound for NATS_NOT_FOUND, IOError otherwise.
Status NatsError(natsStatus s, const std::string& what, jsErrCode code = static_cast<jsErrCode>(0));

// True for a natsStatus that a later retry may cure (disconnected, timeout, no responders).
bool IsTransientNats(natsStatus s);

std::string WorkersBucket(const std::string& stream);
std::string DeadLetterStream(const std::string& stream);

// Stream names become subjects and bucket names: letters, digits, '-', '_' only.
Status ValidateNames(const QueueOptions& options);

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (or of `unix_ns`).
std::string IsoTime(int64_t unix_ns = 0);

// Header value without CR/LF (NATS headers are line-based), at most `max` bytes.
std::string HeaderValue(const std::string& s, size_t max = 1000);

class NatsConn {
 public:
  // Connects to options.nats_url (comma-separated servers); reconnects for ever after a
  // drop, buffering up to 8 MiB of outgoing messages meanwhile.
  static Result<std::unique_ptr<NatsConn>> Connect(const QueueOptions& options,
                                                   const std::string& client_name);
  ~NatsConn();
  NatsConn(const NatsConn&) = delete;
  NatsConn& operator=(const NatsConn&) = delete;

  natsConnection* nc() const { return nc_; }
  jsCtx* js() const { return js_; }

  // Creates the article stream (work-queue retention, file storage, duplicate window) and
  // the dead-letter stream when missing; tolerates another process creating them at once.
  Status EnsureStreams(const QueueOptions& options);
  // Creates the durable pull consumer when missing; sets its ack wait when it differs.
  Status EnsureConsumer(const QueueOptions& options, int ack_wait_s);

 private:
  NatsConn() = default;
  natsConnection* nc_ = nullptr;
  jsCtx* js_ = nullptr;
};

}  // namespace dyad::queue

#endif  // DYAD_QUEUE_NATS_CONN_H_
