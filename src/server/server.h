// `dyad serve`: the JSON API over a dyad database and the analyst's web page (web/), in one
// process, on cpp-httplib. Read-only unless ingestion is allowed with a bearer token.
//
//   dyad::ServerOptions o;
//   o.db = "events.db";
//   o.port = 0;                                    // any free port
//   auto server = dyad::HttpServer::Create(o);     // opens the store, binds the socket
//   if (!server.ok()) return server.status();
//   std::cout << "http://127.0.0.1:" << (*server)->port() << "/\n";
//   (*server)->Run();                              // blocks until Stop()
//
// The API is documented in doc/api.md and served as OpenAPI at /api/openapi.json.
#ifndef DYAD_SERVER_SERVER_H_
#define DYAD_SERVER_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "dyad/status.h"

namespace dyad {

struct ServerOptions {
  // Database: a SQLite file or postgresql://... (required; must exist).
  std::string db;
  // Address to listen on. Default: "127.0.0.1" (this machine only).
  std::string bind = "127.0.0.1";
  // TCP port; 0 picks a free one (see HttpServer::port()). Default: 8080.
  int port = 8080;
  // Worker threads, each with its own database connection; a keep-alive connection holds a
  // worker while it is open. Default: 0 = max(8, 4 x cores).
  int threads = 0;
  // Directory of the web page (index.html, *.js, *.css). Default: empty = $DYAD_WEB_DIR,
  // else the source tree's web/ (beside DataDir()). A missing page leaves the API running.
  std::string web_dir;
  // node_modules holding the page's libraries (uplot, cytoscape, leaflet, topojson-client,
  // world-atlas). Default: empty = the source tree's node_modules.
  std::string node_modules_dir;
  // Largest POST /api/code body in bytes; larger requests get 413. Default: 1 MiB.
  size_t max_code_bytes = 1 << 20;
  // Largest POST /api/ingest body in bytes. Default: 32 MiB.
  size_t max_ingest_bytes = 32 << 20;
  // Socket read and write time limits in seconds (a slow client cannot hold a worker
  // longer). Defaults: 10 and 30.
  int read_timeout_s = 10;
  int write_timeout_s = 30;
  // Largest page of GET /api/events. Default: 1000.
  int max_page = 1000;
  // Load the coder at start (in the background) for POST /api/code and /api/ingest.
  // Default: true; false answers those endpoints with 503.
  bool enable_coder = true;
  // Allow POST /api/ingest for clients that send "Authorization: Bearer <token>", the token
  // being the first line of `token_file` (at least 16 characters). Default: false.
  bool allow_ingest = false;
  std::string token_file;
  // Print one line per request on stderr. Default: false.
  bool access_log = false;
};

class HttpServer {
 public:
  // Opens the store (one read-only connection per worker), loads the ontology, reads the
  // token and binds the socket. InvalidArgument for bad options, NotFound for a missing
  // database, IOError when the address cannot be bound.
  static Result<std::unique_ptr<HttpServer>> Create(const ServerOptions& options);
  ~HttpServer();

  // The bound port (the chosen one when options.port was 0).
  int port() const;
  // Serves until Stop(); IOError when the listener fails.
  Status Run();
  // Stops Run() from any thread. Idempotent.
  void Stop();

 private:
  HttpServer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad

#endif  // DYAD_SERVER_SERVER_H_
