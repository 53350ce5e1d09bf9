// The JSON API's routes. Every filter parameter goes through SetEventFilter, the same code as
// `dyad query`'s flags; event records are dyad's Event JSON (EventToJson) plus API fields.
#include "src/server/api.h"

#include <httplib.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "dyad/build_config.h"
#include "dyad/event_writer.h"
#include "dyad/reader.h"
#include "src/util/dates.h"

namespace dyad::server {

StorePool::Lease::~Lease() {
  if (!store_) return;
  std::lock_guard<std::mutex> lock(pool_->mu_);
  pool_->free_.push_back(std::move(store_));
  pool_->cv_.notify_one();
}

Status StorePool::Open(const std::string& uri, int size) {
  StoreOptions o;
  o.create_if_missing = false;
  o.read_only = true;
  o.sqlite_cache_mib = 8;  // per worker connection; the OS page cache is shared
  for (int i = 0; i < size; ++i) {
    DYAD_ASSIGN_OR_RETURN(auto store, OpenStore(uri, o));
    free_.push_back(std::move(store));
  }
  return Status::OK();
}

StorePool::Lease StorePool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return !free_.empty(); });
  std::unique_ptr<Store> s = std::move(free_.back());
  free_.pop_back();
  return Lease(this, std::move(s));
}

namespace {

using httplib::Request;
using httplib::Response;
using json = nlohmann::json;

constexpr const char* kJson = "application/json; charset=utf-8";

void SendJson(Response& res, const std::string& body, int status = 200) {
  res.status = status;
  res.set_content(body, kJson);
}

void SendJson(Response& res, const json& j, int status = 200) {
  SendJson(res, j.dump(-1, ' ', false, json::error_handler_t::replace), status);
}

void SendError(Response& res, int status, const std::string& message) {
  SendJson(res, json{{"error", message}, {"status", status}}, status);
}

// A store failure: bad input is the client's (400), anything else is ours (500).
void SendStoreError(Response& res, const Status& s, const EventQuery* q = nullptr) {
  if (s.IsInvalidArgument()) return SendError(res, 400, s.message());
  if (q != nullptr && !q->text.empty()) {
    // The full-text engine rejects malformed queries ("unbalanced quote", ...).
    return SendError(res, 400, "text: cannot run the full-text query '" + q->text + "': " + s.message());
  }
  SendError(res, 500, s.ToString());
}

// UTF-16 code units in s[0, byte): the offsets JavaScript strings use.
size_t Utf16Offset(const std::string& s, size_t byte) {
  size_t units = 0;
  byte = std::min(byte, s.size());
  for (size_t i = 0; i < byte; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

// Spans of the source, verb, target, place and speaker in `text`, whose first byte is at
// `base` in the article; spans outside `text` are left out (the evidence is never wrong).
std::string HighlightsJson(const Event& e, const std::string& text, size_t base) {
  struct Span {
    const char* role;
    uint32_t begin, end;
    const std::string* surface;
  };
  const Span spans[] = {
      {"source", e.source.begin, e.source.end, &e.source.text},
      {"verb", e.verb_begin, e.verb_end, &e.verb_text},
      {"target", e.target.begin, e.target.end, &e.target.text},
      {"place", e.location.begin, e.location.end, &e.location.text},
      {"speaker", e.speaker.begin, e.speaker.end, &e.speaker.text},
  };
  std::string o = "[";
  bool first = true;
  for (const Span& s : spans) {
    if (s.end <= s.begin || s.begin < base || s.end - base > text.size()) continue;
    size_t b = s.begin - base, n = s.end - s.begin;
    // Spans that do not cover their surface text are dropped rather than shown misplaced.
    if (!s.surface->empty() && text.compare(b, n, *s.surface) != 0) continue;
    if (!first) o += ",";
    first = false;
    o += std::string("{\"role\":\"") + s.role + "\",\"start\":" + std::to_string(Utf16Offset(text, b)) +
         ",\"end\":" + std::to_string(Utf16Offset(text, b + n)) + "}";
  }
  return o + "]";
}

// dyad's Event JSON with the API's fields: ids, cluster counts, CAMEO name, highlights.
std::string MentionJson(const MentionRow& r, const Ontology& ont) {
  std::string o = EventToJson(r.event);
  o.pop_back();  // '}'
  o += ",\"mention_id\":" + std::to_string(r.mention_id) + ",\"event_id\":" + std::to_string(r.event_id) +
       ",\"num_mentions\":" + std::to_string(r.num_mentions) + ",\"num_sources\":" +
       std::to_string(r.num_sources) + ",\"num_articles\":" + std::to_string(r.num_articles) +
       ",\"first_seen\":";
  AppendJsonString(&o, r.first_seen);
  o += ",\"cameo_name\":";
  const CameoEventInfo* info = ont.Event(r.event.cameo);
  AppendJsonString(&o, info ? info->name : "");
  o += ",\"highlights\":" + HighlightsJson(r.event, r.event.sentence_text, r.event.sentence_begin) + "}";
  return o;
}

// Parameters accepted besides the filters, per route.
using Extra = std::set<std::string>;

std::string Accepted(const Extra& extra, bool filters) {
  std::string s;
  if (filters) {
    for (const auto& f : EventFilterSpecs()) s += (s.empty() ? "" : ", ") + std::string(f.name);
  }
  for (const auto& e : extra) s += (s.empty() ? "" : ", ") + e;
  return s.empty() ? "none" : s;
}

// Sets the filters of `req` on *q; unknown parameters are errors, so a typo never silently
// widens a query.
Status ParseFilters(const Request& req, const Extra& extra, EventQuery* q, bool filters = true,
                    const std::set<std::string>& refused = {}) {
  for (const auto& [name, value] : req.params) {
    if (extra.count(name)) continue;
    if (refused.count(name)) {
      return Status::InvalidArgument("parameter '" + name + "' does not apply to " + req.path);
    }
    bool is_filter = false;
    for (const auto& f : EventFilterSpecs()) is_filter = is_filter || name == f.name;
    if (!is_filter || !filters) {
      return Status::InvalidArgument("unknown parameter '" + name + "' (accepted: " +
                                     Accepted(extra, filters) + ")");
    }
    DYAD_RETURN_IF_ERROR(SetEventFilter(q, name, value));
  }
  if (!q->date_from.empty() && !q->date_to.empty() && q->date_from > q->date_to) {
    return Status::InvalidArgument("from: '" + q->date_from + "' is after to: '" + q->date_to + "'");
  }
  return Status::OK();
}

Status ParseInt(const Request& req, const std::string& name, int lo, int hi, int* out) {
  if (!req.has_param(name)) return Status::OK();
  std::string v = req.get_param_value(name);
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || end != v.c_str() + v.size() || n < lo || n > hi) {
    return Status::InvalidArgument(name + ": '" + v + "' is not an integer " + std::to_string(lo) +
                                   "-" + std::to_string(hi));
  }
  *out = static_cast<int>(n);
  return Status::OK();
}

Status ParseBool(const Request& req, const std::string& name, bool* out) {
  if (!req.has_param(name)) return Status::OK();
  std::string v = req.get_param_value(name);
  if (v == "1" || v == "true" || v.empty()) *out = true;
  else if (v == "0" || v == "false") *out = false;
  else return Status::InvalidArgument(name + ": '" + v + "' is not true/false (1/0)");
  return Status::OK();
}

// The database address without a password.
std::string RedactedDb(const std::string& uri) {
  size_t scheme = uri.find("://");
  size_t at = uri.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return uri;
  size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon) + ":***" + uri.substr(at);
}

// Debian iso-codes: ISO 3166-1 alpha-3 -> numeric (the ids of world-atlas) and name.
json CountryTable() {
  json out = json::array();
  std::ifstream in("/usr/share/iso-codes/json/iso_3166-1.json");
  if (!in) return out;
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("3166-1")) return out;
  for (const auto& c : j["3166-1"]) {
    out.push_back({{"iso3", c.value("alpha_3", "")},
                   {"numeric", c.value("numeric", "")},
                   {"name", c.value("common_name", c.value("name", ""))}});
  }
  return out;
}

bool TokenMatches(const std::string& want, const std::string& got) {
  // Constant time in the token's content.
  unsigned char diff = want.size() == got.size() ? 0 : 1;
  for (size_t i = 0; i < want.size(); ++i) {
    diff |= static_cast<unsigned char>(want[i] ^ (i < got.size() ? got[i] : 0));
  }
  return diff == 0;
}

// An article from a JSON object ({"text", "date", "title", "source", "url", "id"}).
Result<Article> ArticleFromJson(const json& j, const std::string& where) {
  if (!j.is_object()) return Status::InvalidArgument(where + ": not a JSON object");
  Article a;
  auto str = [&](const char* key, std::string* out) -> Status {
    if (!j.contains(key) || j[key].is_null()) return Status::OK();
    if (!j[key].is_string()) return Status::InvalidArgument(where + ": '" + key + "' is not a string");
    *out = j[key].get<std::string>();
    return Status::OK();
  };
  DYAD_RETURN_IF_ERROR(str("text", &a.text));
  DYAD_RETURN_IF_ERROR(str("date", &a.date));
  DYAD_RETURN_IF_ERROR(str("title", &a.title));
  DYAD_RETURN_IF_ERROR(str("source", &a.source));
  if (a.source.empty()) DYAD_RETURN_IF_ERROR(str("outlet", &a.source));
  DYAD_RETURN_IF_ERROR(str("url", &a.url));
  DYAD_RETURN_IF_ERROR(str("id", &a.id));
  if (a.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(where + ": 'text' is missing or empty");
  }
  if (!a.date.empty() && !IsValidDate(a.date)) {
    return Status::InvalidArgument(where + ": date '" + a.date + "' is not YYYY-MM-DD");
  }
  // The readers' id: the same record sent here, read by `dyad ingest` or by Python is one
  // article, and an edited text under its url keeps the id (reported as changed).
  if (a.id.empty()) a.id = DeriveArticleId(a.url, a.text);
  a.origin = where;
  return a;
}

// The coder, waiting for it to finish loading; nullptr with an error sent otherwise.
std::shared_ptr<const Coder> GetCoder(ApiContext* ctx, Response& res) {
  if (!ctx->coder.valid()) {
    SendError(res, 503, "live coding is disabled in this server");
    return nullptr;
  }
  const auto& c = ctx->coder.get();
  if (!c.ok()) {
    SendError(res, 503, "the coder could not be loaded: " + c.status().ToString());
    return nullptr;
  }
  return *c;
}

// --- Routes.

void Health(ApiContext* ctx, const Request&, Response& res) {
  auto store = ctx->pool.Acquire();
  auto stats = store->Stats();
  if (!stats.ok()) return SendStoreError(res, stats.status());
  std::string coder = "disabled";
  if (ctx->coder.valid()) {
    if (ctx->coder.wait_for(std::chrono::seconds(0)) != std::future_status::ready) coder = "loading";
    else coder = ctx->coder.get().ok() ? "ready" : "unavailable: " + ctx->coder.get().status().message();
  }
  SendJson(res, json{{"status", "ok"},
                     {"version", DYAD_VERSION},
                     {"db", RedactedDb(ctx->options.db)},
                     {"counts",
                      {{"articles", stats->articles},
                       {"sentences", stats->sentences},
                       {"mentions", stats->mentions},
                       {"events", stats->events},
                       {"bytes", stats->bytes}}},
                     {"coder", coder},
                     {"ingest", ctx->options.allow_ingest},
                     {"threads", ctx->options.threads},
                     {"limits",
                      {{"max_page", ctx->options.max_page},
                       {"max_code_bytes", ctx->options.max_code_bytes},
                       {"max_ingest_bytes", ctx->options.allow_ingest ? ctx->options.max_ingest_bytes : 0}}}});
}

void Events(ApiContext* ctx, const Request& req, Response& res) {
  EventQuery q;
  q.limit = 50;
  Status s = ParseFilters(req, {"limit", "cursor", "sort", "events"}, &q);
  if (s.ok()) s = ParseInt(req, "limit", 1, ctx->options.max_page, &q.limit);
  if (s.ok()) s = ParseBool(req, "events", &q.events_only);
  if (s.ok() && req.has_param("sort")) {
    auto sort = ParseEventSort(req.get_param_value("sort"));
    if (sort.ok()) q.sort = *sort;
    else s = sort.status();
  }
  if (!s.ok()) return SendError(res, 400, s.message());
  q.after = req.get_param_value("cursor");
  auto store = ctx->pool.Acquire();
  auto rows = store->QueryMentions(q);
  if (!rows.ok()) return SendStoreError(res, rows.status(), &q);
  std::string o = "{\"events\":[";
  for (size_t i = 0; i < rows->size(); ++i) {
    if (i) o += ",";
    o += MentionJson((*rows)[i], *ctx->ontology);
  }
  o += "],\"limit\":" + std::to_string(q.limit) + ",\"sort\":\"" + EventSortName(q.sort) +
       "\",\"next_cursor\":";
  if (static_cast<int>(rows->size()) == q.limit && !rows->empty()) {
    AppendJsonString(&o, EventCursor(rows->back(), q.sort));
  } else {
    o += "null";
  }
  SendJson(res, o + "}");
}

void Count(ApiContext* ctx, const Request& req, Response& res) {
  EventQuery q;
  Status s = ParseFilters(req, {"events"}, &q);
  if (s.ok()) s = ParseBool(req, "events", &q.events_only);
  if (!s.ok()) return SendError(res, 400, s.message());
  auto store = ctx->pool.Acquire();
  auto n = store->CountMentions(q);
  if (!n.ok()) return SendStoreError(res, n.status(), &q);
  SendJson(res, json{{"count", *n}, {"events_only", q.events_only}});
}

void OneEvent(ApiContext* ctx, const Request& req, Response& res) {
  int64_t id = std::strtoll(req.matches[1].str().c_str(), nullptr, 10);
  if (!req.params.empty()) return SendError(res, 400, "unknown parameter '" + req.params.begin()->first + "' (accepted: none)");
  EventQuery q;
  q.event_id = id;
  q.limit = 1000;
  q.sort = EventSort::kDateAsc;
  auto store = ctx->pool.Acquire();
  auto rows = store->QueryMentions(q);
  if (!rows.ok()) return SendStoreError(res, rows.status());
  if (rows->empty()) return SendError(res, 404, "no event " + std::to_string(id));
  q.events_only = true;
  q.limit = 1;
  auto rep = store->QueryMentions(q);
  if (!rep.ok()) return SendStoreError(res, rep.status());
  const MentionRow& first = rows->front();
  std::string o = "{\"event_id\":" + std::to_string(id) + ",\"num_mentions\":" +
                  std::to_string(first.num_mentions) + ",\"num_sources\":" + std::to_string(first.num_sources) +
                  ",\"num_articles\":" + std::to_string(first.num_articles) + ",\"first_seen\":";
  AppendJsonString(&o, first.first_seen);
  o += ",\"representative\":" + (rep->empty() ? MentionJson(first, *ctx->ontology)
                                             : MentionJson(rep->front(), *ctx->ontology));
  o += ",\"mentions\":[";
  std::map<std::string, const Event*> sources;  // one per article
  for (size_t i = 0; i < rows->size(); ++i) {
    if (i) o += ",";
    o += MentionJson((*rows)[i], *ctx->ontology);
    sources.emplace((*rows)[i].event.article_id, &(*rows)[i].event);
  }
  o += "],\"sources\":[";
  bool f = true;
  for (const auto& [article, e] : sources) {
    if (!f) o += ",";
    f = false;
    o += "{\"article_id\":";
    AppendJsonString(&o, article);
    o += ",\"outlet\":";
    AppendJsonString(&o, e->outlet);
    o += ",\"url\":";
    AppendJsonString(&o, e->url);
    o += ",\"pub_date\":";
    AppendJsonString(&o, e->pub_date);
    o += "}";
  }
  SendJson(res, o + "]}");
}

// Streams every row of a filter in an export format, a page at a time, so memory stays
// bounded however large the result and however many downloads run at once.
void Export(ApiContext* ctx, const Request& req, Response& res) {
  EventQuery q;
  std::string format = req.has_param("format") ? req.get_param_value("format") : "csv";
  int max_rows = 0;
  Status s = ParseFilters(req, {"format", "events", "limit", "sort"}, &q);
  if (s.ok()) s = ParseBool(req, "events", &q.events_only);
  if (s.ok()) s = ParseInt(req, "limit", 0, 1000000000, &max_rows);
  if (s.ok() && req.has_param("sort")) {
    auto sort = ParseEventSort(req.get_param_value("sort"));
    if (sort.ok()) q.sort = *sort;
    else s = sort.status();
  }
  auto formats = EventWriter::Formats();
  if (s.ok() && std::find(formats.begin(), formats.end(), format) == formats.end()) {
    std::string all;
    for (const auto& f : formats) all += (all.empty() ? "" : ", ") + f;
    s = Status::InvalidArgument("format: '" + format + "' is not one of " + all);
  }
  if (!s.ok()) return SendError(res, 400, s.message());
  if (format == "gdelt" || format == "icews" || format == "polecat" || format == "plover") {
    q.events_only = true;  // event tables describe events, as `dyad export` does
  }
  // Fail before streaming starts: a bad full-text query is a 400, not a cut download.
  {
    EventQuery probe = q;
    probe.limit = 1;
    auto store = ctx->pool.Acquire();
    auto rows = store->QueryMentions(probe);
    if (!rows.ok()) return SendStoreError(res, rows.status(), &q);
  }
  struct State {
    EventQuery q;
    std::ostringstream buf;
    std::unique_ptr<EventWriter> writer;
    long long written = 0;
    long long max_rows = 0;
  };
  auto st = std::make_shared<State>();
  st->q = q;
  st->q.limit = 1000;
  st->max_rows = max_rows;
  EventWriterOptions wo;
  const Ontology* ont = ctx->ontology.get();
  wo.cameo_name = [ont](const std::string& c) {
    const CameoEventInfo* i = ont->Event(c);
    return i ? i->name : c;
  };
  wo.country_name = [ont](const std::string& c) { return ont->CountryName(c); };
  wo.version = std::string("dyad ") + DYAD_VERSION;
  auto writer = EventWriter::Create(format, &st->buf, wo);
  if (!writer.ok()) return SendError(res, 400, writer.status().message());
  st->writer = std::move(writer).value();
  const bool csv = format == "csv" || format == "tsv";
  const std::string ext = format == "jsonl" || format == "plover" ? "jsonl" : csv ? format : "tsv";
  const std::string mime = format == "csv" ? "text/csv; charset=utf-8"
                           : ext == "jsonl" ? "application/x-ndjson; charset=utf-8"
                                            : "text/tab-separated-values; charset=utf-8";
  res.set_header("Content-Disposition", "attachment; filename=\"dyad-events-" + format + "." + ext + "\"");
  res.set_chunked_content_provider(mime, [ctx, st](size_t, httplib::DataSink& sink) {
    bool last = false;
    {
      auto store = ctx->pool.Acquire();  // held for one page only
      auto rows = store->QueryMentions(st->q);
      if (!rows.ok()) return false;  // cut the download: the client sees an incomplete body
      for (const auto& r : *rows) {
        if (st->max_rows > 0 && st->written >= st->max_rows) break;
        if (!st->writer->Write(r.event, {r.event_id, r.num_mentions, r.num_sources, r.num_articles}).ok()) {
          return false;
        }
        ++st->written;
      }
      last = static_cast<int>(rows->size()) < st->q.limit || (st->max_rows > 0 && st->written >= st->max_rows);
      if (!rows->empty()) st->q.after = EventCursor(rows->back(), st->q.sort);
    }
    if (last && !st->writer->Finish().ok()) return false;
    std::string chunk = st->buf.str();
    st->buf.str(std::string());
    if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
    if (last) sink.done();
    return true;
  });
}

Result<Period> ParsePeriod(const Request& req) {
  std::string by = req.has_param("by") ? req.get_param_value("by") : "month";
  if (by == "day") return Period::kDay;
  if (by == "week") return Period::kWeek;
  if (by == "month") return Period::kMonth;
  return Status::InvalidArgument("by: '" + by + "' is not one of day, week, month");
}

void Dyad(ApiContext* ctx, const Request& req, Response& res) {
  EventQuery q, codes;
  Status s = ParseFilters(req, {"a", "b", "by", "events"}, &q, true, {"actor", "source", "target"});
  if (s.ok() && (!req.has_param("a") || !req.has_param("b") || req.get_param_value("a").empty() ||
                 req.get_param_value("b").empty())) {
    s = Status::InvalidArgument("a and b are required: the two actors' code prefixes (a=RUS&b=UKR)");
  }
  if (s.ok()) s = SetEventFilter(&codes, "source", req.get_param_value("a"));
  if (s.ok()) s = SetEventFilter(&codes, "target", req.get_param_value("b"));
  if (s.ok()) s = ParseBool(req, "events", &q.events_only);
  auto period = ParsePeriod(req);
  if (s.ok() && !period.ok()) s = period.status();
  if (!s.ok()) return SendError(res, 400, s.message());
  auto store = ctx->pool.Acquire();
  auto series = store->DyadSeries(codes.source, codes.target, *period, q);
  if (!series.ok()) return SendStoreError(res, series.status(), &q);
  json out = {{"a", codes.source}, {"b", codes.target}, {"by", req.has_param("by") ? req.get_param_value("by") : "month"}};
  json rows = json::array();
  for (const DyadBucket& b : *series) {
    rows.push_back({{"period", b.period},
                    {"direction", b.direction},
                    {"count", b.count},
                    {"quad", {b.quad[1], b.quad[2], b.quad[3], b.quad[4]}},
                    {"goldstein_sum", std::round(b.goldstein_sum * 1000) / 1000},
                    {"goldstein_mean", std::round(b.goldstein_mean * 1000) / 1000}});
  }
  out["series"] = rows;
  SendJson(res, out);
}

json ActorJson(const Ontology& ont, const std::string& code, const std::string& text,
               ActorType type) {
  std::string country = code.size() >= 3 ? ont.CountryName(code.substr(0, 3)) : "";
  if (country == code.substr(0, 3)) country.clear();
  return {{"code", code}, {"text", text}, {"type", ActorTypeName(type)}, {"country_name", country}};
}

void Actors(ApiContext* ctx, const Request& req, Response& res) {
  EventQuery q;
  int limit = 30;
  bool unknown = false;
  Status s = ParseFilters(req, {"q", "limit", "unknown"}, &q);
  if (s.ok()) s = ParseInt(req, "limit", 1, 500, &limit);
  if (s.ok()) s = ParseBool(req, "unknown", &unknown);
  std::string text = req.get_param_value("q");
  if (s.ok() && text.size() > 100) s = Status::InvalidArgument("q: longer than 100 bytes");
  if (!s.ok()) return SendError(res, 400, s.message());
  auto store = ctx->pool.Acquire();
  json actors = json::array();
  if (!text.empty() || unknown) {
    auto found = unknown ? store->TopActors(limit, true) : store->FindActors(text, limit);
    if (!found.ok()) return SendStoreError(res, found.status());
    for (const ActorCount& a : *found) {
      json j = ActorJson(*ctx->ontology, a.code, a.text, a.type);
      j["mentions"] = a.mentions;
      actors.push_back(j);
    }
  } else {
    auto top = store->ActiveActors(q, limit);
    if (!top.ok()) return SendStoreError(res, top.status(), &q);
    for (const ActorActivity& a : *top) {
      json j = ActorJson(*ctx->ontology, a.code, a.text, a.type);
      j["mentions"] = a.as_source + a.as_target;
      j["as_source"] = a.as_source;
      j["as_target"] = a.as_target;
      actors.push_back(j);
    }
  }
  SendJson(res, json{{"actors", actors}});
}

void Network(ApiContext* ctx, const Request& req, Response& res) {
  EventQuery q;
  int limit = 150;
  Status s = ParseFilters(req, {"level", "limit", "events"}, &q);
  if (s.ok()) s = ParseInt(req, "limit", 1, 2000, &limit);
  if (s.ok()) s = ParseBool(req, "events", &q.events_only);
  std::string level = req.has_param("level") ? req.get_param_value("level") : "country";
  if (s.ok() && level != "country" && level != "actor") {
    s = Status::InvalidArgument("level: '" + level + "' is not one of country, actor");
  }
  if (!s.ok()) return SendError(res, 400, s.message());
  auto store = ctx->pool.Acquire();
  auto edges = store->Network(q, level == "country" ? 3 : 0, limit);
  if (!edges.ok()) return SendStoreError(res, edges.status(), &q);
  std::map<std::string, std::pair<int64_t, int64_t>> nodes;  // code -> (as source, as target)
  json ej = json::array();
  for (const NetworkEdge& e : *edges) {
    nodes[e.source].first += e.count;
    nodes[e.target].second += e.count;
    ej.push_back({{"source", e.source},
                  {"target", e.target},
                  {"count", e.count},
                  {"goldstein_mean", std::round(e.goldstein_mean * 100) / 100},
                  {"quad", {e.quad[1], e.quad[2], e.quad[3], e.quad[4]}}});
  }
  json nj = json::array();
  for (const auto& [code, n] : nodes) {
    std::string name = ctx->ontology->CountryName(code.substr(0, 3));
    std::string label = name == code.substr(0, 3) ? code : code.size() > 3 ? name + " " + code.substr(3) : name;
    nj.push_back({{"id", code}, {"label", label}, {"as_source", n.first}, {"as_target", n.second},
                  {"count", n.first + n.second}});
  }
  SendJson(res, json{{"level", level}, {"nodes", nj}, {"edges", ej}});
}

void Places(ApiContext* ctx, const Request& req, Response& res) {
  EventQuery q;
  int limit = 1000;
  Status s = ParseFilters(req, {"limit", "events"}, &q);
  if (s.ok()) s = ParseInt(req, "limit", 1, 10000, &limit);
  if (s.ok()) s = ParseBool(req, "events", &q.events_only);
  if (!s.ok()) return SendError(res, 400, s.message());
  auto store = ctx->pool.Acquire();
  auto places = store->Places(q, limit);
  if (!places.ok()) return SendStoreError(res, places.status(), &q);
  json out = json::array();
  for (const PlaceCount& p : *places) {
    json j = {{"place", p.place},
              {"country", p.country},
              {"country_name", p.country.empty() ? "" : ctx->ontology->CountryName(p.country)},
              {"precision", p.precision},
              {"count", p.count},
              {"quad", {p.quad[1], p.quad[2], p.quad[3], p.quad[4]}},
              {"goldstein_mean", std::round(p.goldstein_mean * 100) / 100}};
    if (p.precision == "point") {
      j["lat"] = p.lat;
      j["lon"] = p.lon;
    } else {
      j["lat"] = nullptr;
      j["lon"] = nullptr;
    }
    out.push_back(j);
  }
  SendJson(res, json{{"places", out}});
}

void Outlets(ApiContext* ctx, const Request& req, Response& res) {
  EventQuery unused;
  int limit = 200;
  Status s = ParseFilters(req, {"limit"}, &unused, false);
  if (s.ok()) s = ParseInt(req, "limit", 1, 5000, &limit);
  if (!s.ok()) return SendError(res, 400, s.message());
  auto store = ctx->pool.Acquire();
  auto outlets = store->Outlets(limit);
  if (!outlets.ok()) return SendStoreError(res, outlets.status());
  json out = json::array();
  for (const OutletCount& o : *outlets) out.push_back({{"outlet", o.outlet}, {"articles", o.articles}});
  SendJson(res, json{{"outlets", out}});
}

std::string CodebookJson(const Ontology& ont) {
  json cameo = json::array();
  for (const CameoEventInfo& e : ont.events()) {
    cameo.push_back({{"code", e.code},
                     {"name", e.name},
                     {"level", e.level},
                     {"root", e.root},
                     {"goldstein", e.goldstein},
                     {"quad", e.quad},
                     {"plover_event", e.plover_event},
                     {"plover_mode", e.plover_mode},
                     {"plover_context", e.plover_context}});
  }
  json plover = json::array();
  for (const PloverEventType& p : ont.plover_events()) {
    plover.push_back({{"name", p.name},
                      {"quad", p.quad},
                      {"requires_recipient", p.requires_recipient},
                      {"definition", p.definition}});
  }
  json quads = json::array({
      {{"quad", 1}, {"name", "Verbal cooperation"}, {"cameo_roots", "01-05"}},
      {{"quad", 2}, {"name", "Material cooperation"}, {"cameo_roots", "06-09"}},
      {{"quad", 3}, {"name", "Verbal conflict"}, {"cameo_roots", "10-14"}},
      {{"quad", 4}, {"name", "Material conflict"}, {"cameo_roots", "15-20"}},
  });
  return json{{"cameo", cameo}, {"plover", plover}, {"quad", quads}, {"countries", CountryTable()}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

void Code(ApiContext* ctx, const Request& req, Response& res) {
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    return SendError(res, 400, "the body is not JSON: send {\"text\": \"...\", \"date\": \"YYYY-MM-DD\"}");
  }
  auto article = ArticleFromJson(body, "body");
  if (!article.ok()) return SendError(res, 400, article.status().message());
  auto coder = GetCoder(ctx, res);
  if (!coder) return;
  CodedArticle c = coder->Code(*article);
  if (!c.status.ok()) return SendError(res, 422, "not coded: " + c.status.message());
  const std::string& text = article->text;
  std::string o = "{\"events\":[";
  for (size_t i = 0; i < c.events.size(); ++i) {
    Event e = c.events[i];
    if (e.sentence_text.empty() && e.sentence_end <= text.size() && e.sentence_begin <= e.sentence_end) {
      e.sentence_text = text.substr(e.sentence_begin, e.sentence_end - e.sentence_begin);
    }
    std::string j = EventToJson(e);
    j.pop_back();
    const CameoEventInfo* info = ctx->ontology->Event(e.cameo);
    j += ",\"cameo_name\":";
    AppendJsonString(&j, info ? info->name : "");
    // Offsets in the submitted text, for highlighting it in place.
    j += ",\"highlights\":" + HighlightsJson(e, text, 0) + ",\"sentence_span\":[" +
         std::to_string(Utf16Offset(text, e.sentence_begin)) + "," +
         std::to_string(Utf16Offset(text, e.sentence_end)) + "]}";
    o += (i ? "," : "") + j;
  }
  o += "],\"sentences\":" + std::to_string(c.sentences.size()) + ",\"parsed_sentences\":" +
       std::to_string(c.parsed_sentences) + "}";
  SendJson(res, o);
}

// Runs `op` on the store that ingestion writes, opened on first use (a read-only server
// never opens it), one request at a time.
template <typename Op>
auto WithWriter(ApiContext* ctx, Op op) -> decltype(op(nullptr)) {
  std::lock_guard<std::mutex> lock(ctx->writer_mu);
  if (!ctx->writer) {
    StoreOptions o;
    o.create_if_missing = false;
    auto w = OpenStore(ctx->options.db, o);
    if (!w.ok()) return w.status();
    ctx->writer = std::move(*w);
  }
  return op(ctx->writer.get());
}

void Ingest(ApiContext* ctx, const Request& req, Response& res) {
  if (!ctx->options.allow_ingest) {
    return SendError(res, 403, "ingestion is disabled: this server is read-only (start it with "
                               "--allow-ingest --token-file FILE)");
  }
  std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) != 0) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"dyad\"");
    return SendError(res, 401, "ingestion needs the header 'Authorization: Bearer <token>'");
  }
  if (!TokenMatches(ctx->token, auth.substr(7))) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"dyad\", error=\"invalid_token\"");
    return SendError(res, 401, "the bearer token is not the server's token");
  }
  bool recode = false;
  Status s = ParseBool(req, "recode", &recode);
  if (!s.ok()) return SendError(res, 400, s.message());
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return SendError(res, 400, "the body is not JSON: send an article object, an array of them or {\"articles\": [...]}");
  json list = body.is_array() ? body : body.is_object() && body.contains("articles") ? body["articles"] : json::array({body});
  if (!list.is_array()) return SendError(res, 400, "'articles' is not an array");
  auto coder = GetCoder(ctx, res);
  if (!coder) return;
  std::vector<StoredArticle> batch;
  json rejected = json::array(), changed = json::array();
  long long events = 0;
  int unchanged = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    auto a = ArticleFromJson(list[i], "article " + std::to_string(i));
    if (!a.ok()) {
      rejected.push_back({{"index", i}, {"reason", a.status().message()}});
      continue;
    }
    if (!recode) {
      // As `dyad ingest`: a stored article is not coded again, and an edited text under a
      // stored url or id is reported, not silently kept as it was.
      Result<StoredState> state = WithWriter(ctx, [&](Store* w) { return w->ArticleState(*a); });
      if (!state.ok()) return SendStoreError(res, state.status());
      if (*state == StoredState::kChanged) {
        changed.push_back({{"index", i}, {"id", a->id}});
        continue;
      }
      if (*state == StoredState::kSame) {
        ++unchanged;
        continue;
      }
    }
    CodedArticle c = coder->Code(*a);
    if (!c.status.ok()) {
      rejected.push_back({{"index", i}, {"id", a->id}, {"reason", "not coded: " + c.status.message()}});
      continue;
    }
    events += static_cast<long long>(c.events.size());
    batch.push_back({std::move(*a), std::move(c.sentences), std::move(c.events), coder->version()});
  }
  std::vector<PutOutcome> outcomes;
  if (!batch.empty()) {
    Result<bool> put = WithWriter(ctx, [&](Store* w) -> Result<bool> {
      DYAD_RETURN_IF_ERROR(w->PutArticles(batch, recode, &outcomes));
      return true;
    });
    if (!put.ok()) return SendStoreError(res, put.status());
  }
  int added = 0, replaced = 0;
  json ids = json::array();
  for (size_t i = 0; i < outcomes.size(); ++i) {
    added += outcomes[i] == PutOutcome::kAdded;
    replaced += outcomes[i] == PutOutcome::kReplaced;
    unchanged += outcomes[i] == PutOutcome::kUnchanged;
    ids.push_back(batch[i].article.id);
  }
  SendJson(res, json{{"added", added}, {"replaced", replaced}, {"unchanged", unchanged},
                     {"changed", changed}, {"event_mentions", events}, {"article_ids", ids},
                     {"rejected", rejected}},
           rejected.empty() ? 200 : (batch.empty() ? 400 : 207));
}

}  // namespace

void RegisterApi(httplib::Server* http, ApiContext* ctx) {
  auto get = [&](const std::string& pattern, void (*fn)(ApiContext*, const Request&, Response&)) {
    http->Get(pattern, [ctx, fn](const Request& req, Response& res) { fn(ctx, req, res); });
  };
  get("/api/health", Health);
  get("/api/events", Events);
  get("/api/events/count", Count);
  get(R"(/api/events/(\d+))", OneEvent);
  get("/api/export", Export);
  get("/api/dyad", Dyad);
  get("/api/actors", Actors);
  get("/api/network", Network);
  get("/api/places", Places);
  get("/api/outlets", Outlets);
  auto codebook = std::make_shared<std::string>(CodebookJson(*ctx->ontology));
  http->Get("/api/codebook", [codebook](const Request&, Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    SendJson(res, *codebook);
  });
  http->Get("/api/openapi.json", [ctx](const Request&, Response& res) { SendJson(res, ctx->openapi_json); });
  http->Post("/api/code", [ctx](const Request& req, Response& res) { Code(ctx, req, res); });
  http->Post("/api/ingest", [ctx](const Request& req, Response& res) { Ingest(ctx, req, res); });
  // Anything else under /api is a JSON 404 (not the page's index.html).
  http->Get(R"(/api/.*)", [](const Request& req, Response& res) {
    SendError(res, 404, "no such endpoint: GET " + req.path + " (see /api/openapi.json)");
  });
}

}  // namespace dyad::server
