// `dyad serve`: the JSON API and the analyst's web page over a database.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <memory>

#include "src/server/server.h"
#include "tools/command.h"

namespace dyad::cli {
namespace {

HttpServer* g_server = nullptr;

void OnSignal(int) {
  if (g_server != nullptr) g_server->Stop();
}

int RunServe(const ServerOptions& o) {
  auto server = HttpServer::Create(o);
  if (!server.ok()) {
    std::cerr << "dyad: serve: " << server.status().ToString() << "\n";
    return server.status().IsInvalidArgument() ? kExitUsage : kExitFailure;
  }
  g_server = server->get();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGPIPE, SIG_IGN);
  const std::string host = o.bind == "0.0.0.0" ? "127.0.0.1" : o.bind;
  // The first line on stdout is the address (scripts and tests read it, e.g. with --port 0).
  std::cout << "dyad: serving " << o.db << " on http://" << host << ":" << (*server)->port() << "/"
            << (o.allow_ingest ? " (POST /api/ingest allowed with the token)" : " (read-only)")
            << std::endl;
  Status s = (*server)->Run();
  g_server = nullptr;
  if (!s.ok()) {
    std::cerr << "dyad: serve: " << s.ToString() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

CommandRegistrar serve_reg(
    "serve", "Serve the JSON API and the web page (search, event evidence, dyad, network, map, codebook, live coding)",
    [](CLI::App* app) -> Runner {
      auto o = std::make_shared<ServerOptions>();
      o->db = "events.db";
      app->add_option("--db", o->db, "Database: a SQLite file, or postgresql://...")->capture_default_str();
      app->add_option("--port", o->port, "TCP port (0 = any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
      app->add_option("--bind", o->bind, "Address to listen on")->capture_default_str();
      app->add_option("--threads", o->threads, "Worker threads (0 = max(8, 4 x cores))")->capture_default_str();
      app->add_option("--web-dir", o->web_dir, "Directory of the web page (default: the source tree's web/)");
      app->add_option("--node-modules", o->node_modules_dir, "node_modules with the page's libraries");
      app->add_option("--max-code-bytes", o->max_code_bytes, "Largest POST /api/code body")->capture_default_str();
      app->add_option("--max-ingest-bytes", o->max_ingest_bytes, "Largest POST /api/ingest body")->capture_default_str();
      app->add_flag("--allow-ingest", o->allow_ingest, "Allow POST /api/ingest with the bearer token of --token-file");
      app->add_option("--token-file", o->token_file, "File whose first line is the ingest bearer token (>= 16 characters)");
      app->add_flag("!--no-coder", o->enable_coder, "Do not load the coder (POST /api/code answers 503)");
      app->add_flag("--access-log", o->access_log, "One line per request on stderr");
      return [o] { return RunServe(*o); };
    });

}  // namespace
}  // namespace dyad::cli
