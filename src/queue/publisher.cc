#include <chrono>
#include <thread>

#include "dyad/queue.h"
#include "src/queue/nats_conn.h"

namespace dyad {

using queue::NatsConn;
using queue::NatsError;

struct Publisher::Impl {
  QueueOptions options;
  std::unique_ptr<NatsConn> conn;
};

Publisher::Publisher() : impl_(new Impl) {}
Publisher::~Publisher() = default;

Result<std::unique_ptr<Publisher>> Publisher::Connect(const QueueOptions& options) {
  std::unique_ptr<Publisher> p(new Publisher());
  p->impl_->options = options;
  DYAD_ASSIGN_OR_RETURN(p->impl_->conn, NatsConn::Connect(options, "dyad publish"));
  DYAD_RETURN_IF_ERROR(p->impl_->conn->EnsureStreams(options));
  return p;
}

int64_t Publisher::max_payload() const { return natsConnection_GetMaxPayload(impl_->conn->nc()); }

Result<bool> Publisher::Publish(const Article& article, bool recode, const std::string& recode_tag) {
  const std::string payload = ArticleMessage(article);
  const std::string msg_id = recode ? article.id + "@recode:" + recode_tag : article.id;
  // Headers count against the server's limit too; keep a margin for them.
  const int64_t limit = max_payload();
  if (static_cast<int64_t>(payload.size() + msg_id.size()) + 64 > limit) {
    return Status::InvalidArgument("article " + article.id + " is " +
                                   std::to_string(payload.size()) +
                                   " bytes as a message, over the server's maximum payload of " +
                                   std::to_string(limit));
  }
  natsMsg* msg = nullptr;
  natsStatus s = natsMsg_Create(&msg, impl_->options.stream.c_str(), nullptr, payload.data(),
                                static_cast<int>(payload.size()));
  if (s == NATS_OK && recode) s = natsMsgHeader_Set(msg, "Dyad-Recode", "1");
  if (s != NATS_OK) {
    natsMsg_Destroy(msg);
    return NatsError(s, "message for article " + article.id);
  }
  jsPubOptions po;
  jsPubOptions_Init(&po);
  po.MsgId = msg_id.c_str();
  po.MaxWait = 5000;
  // A server restart or fail-over takes seconds: keep trying for about a minute. Retrying is
  // safe because JetStream drops a second copy with the same message id.
  int backoff_ms = 100;
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (true) {
    jsPubAck* ack = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    s = js_PublishMsg(&ack, impl_->conn->js(), msg, &po, &code);
    if (s == NATS_OK) {
      bool duplicate = ack->Duplicate;
      jsPubAck_Destroy(ack);
      natsMsg_Destroy(msg);
      return duplicate;
    }
    if (!queue::IsTransientNats(s) || std::chrono::steady_clock::now() > give_up) {
      natsMsg_Destroy(msg);
      return NatsError(s, "cannot publish article " + article.id, code);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(backoff_ms));
    backoff_ms = std::min(backoff_ms * 2, 2000);
  }
}

}  // namespace dyad
