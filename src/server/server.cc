// The HTTP server: sockets, limits, worker pool, static files; the routes are in api.cc.
#include "src/server/server.h"

#include <httplib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "src/server/api.h"
#include "src/util/paths.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

// The page's libraries: URL prefix -> directory inside node_modules. Only these are served.
struct Vendor {
  const char* mount;
  const char* dir;
};
constexpr Vendor kVendors[] = {
    {"/vendor/uplot", "uplot/dist"},
    {"/vendor/cytoscape", "cytoscape/dist"},
    {"/vendor/leaflet", "leaflet/dist"},
    {"/vendor/topojson-client", "topojson-client/dist"},
    {"/vendor/world-atlas", "world-atlas"},
};

std::string SourceRoot() { return fs::path(DataDir()).parent_path().string(); }

Result<std::string> ReadToken(const std::string& file) {
  if (file.empty()) {
    return Status::InvalidArgument("--allow-ingest needs --token-file FILE (a bearer token)");
  }
  std::ifstream in(file);
  if (!in) return Status::IOError(file + ": cannot read the token file");
  std::string token;
  std::getline(in, token);
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  if (token.size() < 16) {
    return Status::InvalidArgument(file + ":1: the token must be at least 16 characters");
  }
  return token;
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  std::string body = "{\"error\":\"";
  for (char c : message) {
    if (c == '"' || c == '\\') body.push_back('\\');
    if (static_cast<unsigned char>(c) >= 0x20) body.push_back(c);
  }
  body += "\",\"status\":" + std::to_string(status) + "}";
  res.status = status;
  res.set_content(body, "application/json");
}

}  // namespace

struct HttpServer::Impl {
  httplib::Server http;
  server::ApiContext ctx;
  int port = 0;
};

HttpServer::HttpServer() : impl_(std::make_unique<Impl>()) {}
HttpServer::~HttpServer() {
  Stop();
  // A coder still loading holds no reference to us, but wait for it so the process exits
  // cleanly.
  if (impl_->ctx.coder.valid()) impl_->ctx.coder.wait();
}

int HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() { impl_->http.stop(); }

Status HttpServer::Run() {
  if (!impl_->http.listen_after_bind()) return Status::IOError("the HTTP listener stopped with an error");
  return Status::OK();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Create(const ServerOptions& options) {
  if (options.db.empty()) return Status::InvalidArgument("no database (--db)");
  if (options.port < 0 || options.port > 65535) {
    return Status::InvalidArgument("port " + std::to_string(options.port) + " is not 0-65535");
  }
  std::unique_ptr<HttpServer> server(new HttpServer());
  Impl& impl = *server->impl_;
  server::ApiContext& ctx = impl.ctx;
  ctx.options = options;
  ServerOptions& o = ctx.options;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (o.threads <= 0) o.threads = std::max(8, 4 * cores);
  if (o.web_dir.empty()) {
    const char* env = std::getenv("DYAD_WEB_DIR");
    o.web_dir = env && *env ? env : SourceRoot() + "/web";
  }
  if (o.node_modules_dir.empty()) o.node_modules_dir = SourceRoot() + "/node_modules";
  if (o.allow_ingest) {
    DYAD_ASSIGN_OR_RETURN(ctx.token, ReadToken(o.token_file));
  }
  DYAD_RETURN_IF_ERROR(ctx.pool.Open(o.db, o.threads));
  DYAD_ASSIGN_OR_RETURN(ctx.ontology, Ontology::Load());
  ctx.openapi_json = server::OpenApiDocument(o);
  if (o.enable_coder) {
    ctx.coder = std::async(std::launch::async, []() -> Result<std::shared_ptr<const Coder>> {
                  DYAD_ASSIGN_OR_RETURN(auto c, Coder::Create(CoderOptions()));
                  return std::shared_ptr<const Coder>(std::move(c));
                }).share();
  }

  httplib::Server& http = impl.http;
  http.set_tcp_nodelay(true);
  const size_t threads = static_cast<size_t>(o.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_read_timeout(o.read_timeout_s, 0);
  http.set_write_timeout(o.write_timeout_s, 0);
  http.set_keep_alive_timeout(5);
  http.set_keep_alive_max_count(10000);
  http.set_payload_max_length(o.allow_ingest ? std::max(o.max_code_bytes, o.max_ingest_bytes)
                                             : o.max_code_bytes);
  http.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      // Everything the page needs is served from here: no CDN, no tiles from elsewhere.
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "connect-src 'self'; frame-ancestors 'none'"},
  });
  http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  http.set_file_extension_and_mimetype_mapping("js", "text/javascript");
  http.set_file_extension_and_mimetype_mapping("json", "application/json");

  // Refuse an oversized body from its Content-Length, before reading it.
  http.set_pre_routing_handler([&ctx](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "POST") return httplib::Server::HandlerResponse::Unhandled;
    size_t limit = req.path == "/api/ingest" && ctx.options.allow_ingest
                       ? ctx.options.max_ingest_bytes
                       : ctx.options.max_code_bytes;
    if (req.has_header("Content-Length")) {
      unsigned long long n = std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
      if (n > limit) {
        SendError(res, 413, "the request body of " + std::to_string(n) + " bytes exceeds the " +
                                std::to_string(limit) + "-byte limit of " + req.path);
        res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = std::string("internal error: ") + e.what();
    } catch (...) {
    }
    SendError(res, 500, what);
  });
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // Handlers set their own JSON bodies; fill in the ones httplib produced itself.
    if (!res.body.empty()) return;
    if (res.status == 404) {
      SendError(res, 404, "no such resource: " + req.method + " " + req.path);
    } else if (res.status == 413) {
      SendError(res, 413, "the request body exceeds the size limit of " + req.path);
    } else {
      SendError(res, res.status, "the request failed (HTTP " + std::to_string(res.status) + ")");
    }
  });
  if (o.access_log) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::cerr << req.remote_addr << " " << req.method << " " << req.path << " " << res.status << "\n";
    });
  }

  server::RegisterApi(&http, &ctx);
  std::error_code ec;
  if (fs::is_regular_file(o.web_dir + "/index.html", ec)) {
    http.set_mount_point("/", o.web_dir, {{"Cache-Control", "no-cache"}});
  } else {
    std::cerr << "dyad: serve: no web page at " << o.web_dir << " (only the API is served)\n";
  }
  for (const Vendor& v : kVendors) {
    std::string dir = o.node_modules_dir + "/" + v.dir;
    if (fs::is_directory(dir, ec)) {
      http.set_mount_point(v.mount, dir, {{"Cache-Control", "public, max-age=86400"}});
    } else {
      std::cerr << "dyad: serve: " << dir << " is missing (run npm ci): the page's "
                << v.mount << " will not load\n";
    }
  }

  if (o.port == 0) {
    impl.port = http.bind_to_any_port(o.bind);
    if (impl.port <= 0) return Status::IOError("cannot bind " + o.bind + " to a free port");
  } else {
    if (!http.bind_to_port(o.bind, o.port)) {
      return Status::IOError("cannot bind " + o.bind + ":" + std::to_string(o.port) +
                             " (in use, or not an address of this machine)");
    }
    impl.port = o.port;
  }
  return server;
}

}  // namespace dyad
