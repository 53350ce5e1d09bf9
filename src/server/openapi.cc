// The OpenAPI 3.0 document served at /api/openapi.json. Filter parameters come from the
// store's filter table, so the document cannot drift from what the handlers accept.
#include <nlohmann/json.hpp>

#include "dyad/build_config.h"
#include "dyad/store.h"
#include "src/server/api.h"

namespace dyad::server {
namespace {

using json = nlohmann::json;

json Param(const std::string& name, const std::string& type, const std::string& description,
           bool required = false, const std::string& in = "query") {
  return {{"name", name}, {"in", in}, {"required", required}, {"description", description},
          {"schema", {{"type", type}}}};
}

json Filters() {
  json out = json::array();
  for (const EventFilterSpec& f : EventFilterSpecs()) out.push_back(Param(f.name, f.type, f.help));
  return out;
}

json With(json params, std::initializer_list<json> more) {
  for (const json& p : more) params.push_back(p);
  return params;
}

json Response(const std::string& description, const std::string& schema_ref = "",
              const std::string& mime = "application/json") {
  json r = {{"description", description}};
  if (!schema_ref.empty()) {
    r["content"] = {{mime, {{"schema", {{"$ref", "#/components/schemas/" + schema_ref}}}}}};
  } else {
    r["content"] = {{mime, {{"schema", {{"type", mime == "application/json" ? "object" : "string"}}}}}};
  }
  return r;
}

json Errors(json responses, std::initializer_list<int> codes) {
  for (int c : codes) {
    const char* what = c == 400   ? "bad parameter: the message names it and the accepted form"
                       : c == 401 ? "missing or wrong bearer token"
                       : c == 403 ? "ingestion is disabled on this server"
                       : c == 404 ? "not found"
                       : c == 413 ? "request body over the size limit"
                       : c == 422 ? "the article could not be coded (e.g. not English)"
                       : c == 503 ? "the coder is unavailable"
                                  : "error";
    responses[std::to_string(c)] = Response(what, "Error");
  }
  return responses;
}

json Get(const std::string& summary, json params, json responses) {
  return {{"get", {{"summary", summary}, {"parameters", params}, {"responses", responses}}}};
}

}  // namespace

std::string OpenApiDocument(const ServerOptions& options) {
  const json page = Param("limit", "integer",
                          "Rows per page, 1-" + std::to_string(options.max_page) + " (default 50)");
  const json events_only = Param("events", "boolean", "One row per deduplicated event (its representative mention) instead of every mention");
  const json sort = Param("sort", "string", "date_desc (default), date_asc, goldstein_asc, goldstein_desc, mentions_desc");
  json paths;
  paths["/api/health"] = Get("Version, database, counts, coder state and limits", json::array(),
                             {{"200", Response("health")}});
  paths["/api/events"] = Get(
      "Event mentions matching the filters, one page; continue with cursor=next_cursor",
      With(Filters(), {page, events_only, sort,
                       Param("cursor", "string", "next_cursor of the previous page (keyset paging)")}),
      Errors({{"200", Response("a page of events", "EventPage")}}, {400}));
  paths["/api/events/count"] = Get("Number of rows matching the filters", With(Filters(), {events_only}),
                                   Errors({{"200", Response("{count}")}}, {400}));
  paths["/api/events/{id}"] = Get(
      "One deduplicated event: its representative mention, every mention (sentence, highlights, reason) and its sources",
      json::array({Param("id", "integer", "event_id of a row of /api/events", true, "path")}),
      Errors({{"200", Response("the event", "EventDetail")}}, {404}));
  paths["/api/export"] = Get(
      "Every row matching the filters, streamed (chunked) as a download",
      With(Filters(), {Param("format", "string", "csv (default), tsv, jsonl, gdelt, gdelt-mentions, icews, polecat, plover"),
                       events_only, sort, Param("limit", "integer", "At most this many rows (default: all)")}),
      Errors({{"200", Response("the file", "", "text/csv")}}, {400}));
  paths["/api/dyad"] = Get(
      "Time series between two actors, both directions, by day/week/month: counts by QuadClass, Goldstein sum and mean",
      With(json::array({Param("a", "string", "First actor code prefix (RUS)", true),
                        Param("b", "string", "Second actor code prefix (UKR)", true),
                        Param("by", "string", "day, week or month (default)"), events_only}),
           {}),
      Errors({{"200", Response("series")}}, {400}));
  // The dyad route accepts every filter except the actor ones.
  for (const json& f : Filters()) {
    std::string n = f["name"];
    if (n != "actor" && n != "source" && n != "target") paths["/api/dyad"]["get"]["parameters"].push_back(f);
  }
  paths["/api/actors"] = Get(
      "Actors: lookup by code prefix or name (q), uncoded named actors (unknown), else the most active actors for the filters",
      With(Filters(), {Param("q", "string", "Code prefix or part of a name"),
                       Param("unknown", "boolean", "Named actors the dictionaries lack"),
                       Param("limit", "integer", "1-500 (default 30)")}),
      Errors({{"200", Response("{actors}")}}, {400}));
  paths["/api/network"] = Get(
      "Actor network for the filters: nodes and directed edges with count, mean Goldstein and QuadClass counts",
      With(Filters(), {Param("level", "string", "country (default: codes cut to their first 3 letters) or actor (full codes)"),
                       Param("limit", "integer", "Heaviest edges, 1-2000 (default 150)"), events_only}),
      Errors({{"200", Response("{nodes, edges}")}}, {400}));
  paths["/api/places"] = Get(
      "Event locations aggregated per place: coordinates when the gazetteer placed them (precision point), else the country (precision country)",
      With(Filters(), {Param("limit", "integer", "1-10000 (default 1000)"), events_only}),
      Errors({{"200", Response("{places}")}}, {400}));
  paths["/api/outlets"] = Get("News outlets with article counts",
                              json::array({Param("limit", "integer", "1-5000 (default 200)")}),
                              Errors({{"200", Response("{outlets}")}}, {400}));
  paths["/api/codebook"] = Get("CAMEO codes with Goldstein, QuadClass and PLOVER mapping; PLOVER types; QuadClasses; countries",
                               json::array(), {{"200", Response("codebook")}});
  paths["/api/openapi.json"] = Get("This document", json::array(), {{"200", Response("OpenAPI 3")}});
  json article = {{"type", "object"},
                  {"required", {"text"}},
                  {"properties",
                   {{"text", {{"type", "string"}}},
                    {"date", {{"type", "string"}, {"description", "Publication date YYYY-MM-DD"}}},
                    {"title", {{"type", "string"}}},
                    {"source", {{"type", "string"}, {"description", "Outlet"}}},
                    {"url", {{"type", "string"}}},
                    {"id", {{"type", "string"}}}}}};
  paths["/api/code"] = {{"post",
                         {{"summary", "Code one article (live): its events with highlight offsets in the text; stores nothing. Body limit " +
                                          std::to_string(options.max_code_bytes) + " bytes"},
                          {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", article}}}}}}},
                          {"responses", Errors({{"200", Response("{events}")}}, {400, 413, 422, 503})}}}};
  paths["/api/ingest"] = {{"post",
                           {{"summary", "Code and store articles (only with --allow-ingest; Authorization: Bearer <token>)"},
                            {"parameters", json::array({Param("recode", "boolean", "Replace the events of articles already stored")})},
                            {"security", json::array({{{"bearer", json::array()}}})},
                            {"requestBody",
                             {{"required", true},
                              {"content",
                               {{"application/json",
                                 {{"schema", {{"oneOf", json::array({article, {{"type", "array"}, {"items", article}}})}}}}}}}}},
                            {"responses", Errors({{"200", Response("{added, replaced, unchanged, changed, event_mentions, article_ids, rejected}")}},
                                                 {400, 401, 403, 413, 503})}}}};
  json schemas = {
      {"Error", {{"type", "object"}, {"properties", {{"error", {{"type", "string"}}}, {"status", {{"type", "integer"}}}}}}},
      {"Event",
       {{"type", "object"},
        {"description", "dyad's Event JSON (doc/formats.md) plus mention_id, event_id, num_mentions, num_sources, num_articles, first_seen, cameo_name and highlights: [{role: source|verb|target|place|speaker, start, end}] in UTF-16 offsets of `sentence`"}}},
      {"EventPage",
       {{"type", "object"},
        {"properties",
         {{"events", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Event"}}}}},
          {"next_cursor", {{"type", "string"}, {"nullable", true}}},
          {"limit", {{"type", "integer"}}},
          {"sort", {{"type", "string"}}}}}}},
      {"EventDetail",
       {{"type", "object"},
        {"properties",
         {{"event_id", {{"type", "integer"}}},
          {"representative", {{"$ref", "#/components/schemas/Event"}}},
          {"mentions", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Event"}}}}},
          {"sources", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
  };
  json doc = {{"openapi", "3.0.3"},
              {"info", {{"title", "dyad API"}, {"version", DYAD_VERSION},
                        {"description", "Political events coded by dyad (CAMEO and PLOVER), with their evidence. Read-only unless the server was started with --allow-ingest. See doc/api.md."}}},
              {"paths", paths},
              {"components", {{"schemas", schemas}, {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  return doc.dump(1);
}

}  // namespace dyad::server
