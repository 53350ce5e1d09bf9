// The JSON API's handlers and what they share: a pool of store connections (one per worker),
// the ontology, the coder (loaded in the background) and the ingest token.
#ifndef DYAD_SERVER_API_H_
#define DYAD_SERVER_API_H_

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "dyad/ontology.h"
#include "dyad/store.h"
#include "src/server/server.h"

namespace httplib {
class Server;
}

namespace dyad::server {

// Store connections handed to one request at a time; a Store is not thread-safe.
class StorePool {
 public:
  // Opens `size` read-only connections to `uri`.
  Status Open(const std::string& uri, int size);

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Store* operator->() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };
  // Waits for a free connection.
  Lease Acquire();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Store>> free_;
};

struct ApiContext {
  ServerOptions options;
  StorePool pool;
  std::unique_ptr<Ontology> ontology;
  std::shared_future<Result<std::shared_ptr<const Coder>>> coder;
  std::string token;  // empty unless ingestion is allowed
  std::mutex writer_mu;
  std::unique_ptr<Store> writer;  // opened on the first ingest
  std::string openapi_json;       // the OpenAPI document
};

// Adds every /api route to `server`.
void RegisterApi(httplib::Server* server, ApiContext* ctx);

// The OpenAPI 3 document of the API (generated from the filter table, so it lists exactly
// the filters the handlers accept).
std::string OpenApiDocument(const ServerOptions& options);

}  // namespace dyad::server

#endif  // DYAD_SERVER_API_H_
