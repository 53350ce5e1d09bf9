// Store: articles, sentences, event mentions and deduplicated events, in SQLite (embedded,
// the default) or PostgreSQL (teams), behind one interface.
//
//   auto store = dyad::OpenStore("events.db", dyad::StoreOptions());   // or "postgresql://..."
//   if (!store.ok()) return store.status();
//   dyad::StoredArticle sa{article, sentences, events};
//   auto added = (*store)->PutArticle(sa, /*replace=*/false);          // idempotent
//   dyad::EventQuery q; q.source = "RUS"; q.cameo_prefix = "03";
//   auto rows = (*store)->QueryMentions(q);
//
// Every mention keeps its evidence (article, sentence, byte spans, reason). Mentions of the
// same real-world event are clustered into events (see doc/db_schema.md, "Deduplication").
#ifndef DYAD_STORE_H_
#define DYAD_STORE_H_

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad {

struct StoreOptions {
  // Create the database and its schema when missing. Default: true.
  bool create_if_missing = true;
  // Open read-only (queries only). Default: false.
  bool read_only = false;
  // Deduplication: mentions whose event dates differ by more than this many days are never
  // the same event. Default: 2.
  int dedup_window_days = 2;
  // SQLite page cache in MiB. Default: 64.
  int sqlite_cache_mib = 64;
};

// One coded article as the store receives it.
struct StoredArticle {
  Article article;
  std::vector<Sentence> sentences;  // spans and text (tokens are not stored)
  std::vector<Event> events;        // mentions, in sentence order
  std::string coder_version;        // dictionaries/models fingerprint; empty if unknown
};

enum class PutOutcome { kAdded, kUnchanged, kReplaced };

// What the store holds under an article's identity (url, else content hash, and its id).
enum class StoredState {
  kAbsent,   // nothing stored under it
  kSame,     // stored with the same text
  kChanged,  // its url or id is stored with another text: PutArticle(replace) updates it
};

// Row order of QueryMentions; each is a total order (ties broken by mention id).
enum class EventSort {
  kDateDesc,       // newest event date first (the default)
  kDateAsc,        // oldest first
  kGoldsteinAsc,   // most conflictual first
  kGoldsteinDesc,  // most cooperative first
  kMentionsDesc,   // most reported events (largest clusters) first
};

// Filters; an empty field does not filter. Codes are compared as strings.
struct EventQuery {
  std::string actor;         // source OR target code starts with this ("RUS", "USAGOV")
  std::string source;        // source code prefix
  std::string target;        // target code prefix
  std::string country;       // source or target country (ISO3) or location country
  std::string cameo_prefix;  // "03", "036"
  int quad = 0;              // 1..4, 0 = any
  std::string plover;        // PLOVER event type ("CONSULT")
  std::string modality;      // "asserted", "negated", ...
  std::string date_from;     // inclusive "YYYY-MM-DD" (event date)
  std::string date_to;       // inclusive
  std::string outlet;        // news source name (exact)
  std::string place;         // location place text (exact, "Riyadh")
  std::string text;          // full-text query over sentences (FTS5 syntax on SQLite)
  std::string article_id;
  bool events_only = false;  // one row per deduplicated event (its representative mention)
  int limit = 100;           // 0 = no limit
  int offset = 0;
  int64_t event_id = 0;      // only the mentions of this deduplicated event; 0 = any
  EventSort sort = EventSort::kDateDesc;
  // Keyset cursor: rows after the row the cursor was made from (EventCursor()), in `sort`
  // order; empty = from the first row. Stable under inserts, unlike `offset`.
  std::string after;
};

struct MentionRow;
// The cursor that continues a listing after `row` (the last row of a page) in `sort` order.
std::string EventCursor(const MentionRow& row, EventSort sort);

// "date_desc", "date_asc", "goldstein_asc", "goldstein_desc", "mentions_desc".
const char* EventSortName(EventSort sort);
// Inverse of EventSortName; InvalidArgument naming the accepted values otherwise.
Result<EventSort> ParseEventSort(const std::string& name);

// The filters of EventQuery by name, shared by `dyad query` flags and the HTTP API
// parameters so both accept the same names and values ("actor", "cameo", "quad", "from", ...).
struct EventFilterSpec {
  const char* name;  // flag "--name" / query parameter "name"
  const char* help;  // one line, with the accepted form
  const char* type;  // "string" or "integer" (OpenAPI type of the parameter)
};
const std::vector<EventFilterSpec>& EventFilterSpecs();
// Validates `value` and sets filter `name` of *q: InvalidArgument naming the filter, the value
// and the accepted form for a bad value ("quad: '7' is not 1-4") or an unknown name. Codes
// are upper-cased; an empty value clears the filter.
Status SetEventFilter(EventQuery* q, const std::string& name, const std::string& value);

// A stored mention with its cluster.
struct MentionRow {
  int64_t mention_id = 0;
  int64_t event_id = 0;  // deduplicated event (cluster) id
  Event event;
  // Cluster facts (same for every mention of the event).
  int num_mentions = 0, num_sources = 0, num_articles = 0;
  std::string first_seen;  // earliest publication date among the mentions
};

enum class Period { kDay, kWeek, kMonth };

// Counts for one period of a dyad time series (one direction).
struct DyadBucket {
  std::string period;     // "2025-02-18", "2025-W08", "2025-02"
  std::string direction;  // "A->B" or "B->A"
  int64_t count = 0;
  int64_t quad[5] = {0, 0, 0, 0, 0};  // quad[1..4]
  double goldstein_sum = 0.0;
  double goldstein_mean = 0.0;
};

struct ActorCount {
  std::string code;   // empty for unknown actors
  std::string text;   // most frequent surface text
  ActorType type = ActorType::kNone;  // of the most frequent mention
  int64_t mentions = 0;
};

// An edge of the actor network: events from `source` to `target`.
struct NetworkEdge {
  std::string source, target;  // actor codes (truncated to the network's level)
  int64_t count = 0;
  double goldstein_mean = 0.0;
  int64_t quad[5] = {0, 0, 0, 0, 0};  // quad[1..4]
};

// Top actors for a filter: mentions as source and as target.
struct ActorActivity {
  std::string code;
  std::string text;  // most frequent surface text
  ActorType type = ActorType::kNone;
  int64_t as_source = 0, as_target = 0;
};

// Event locations aggregated for a map: one row per distinct place.
struct PlaceCount {
  std::string place;    // place text ("Riyadh"); empty for country-only locations
  std::string country;  // ISO3
  double lat = NAN, lon = NAN;  // NAN when only the country is known
  std::string precision;        // "point" (gazetteer coordinates) or "country"
  int64_t count = 0;
  int64_t quad[5] = {0, 0, 0, 0, 0};
  double goldstein_mean = 0.0;
};

struct OutletCount {
  std::string outlet;
  int64_t articles = 0;
};

struct StoreStats {
  int64_t articles = 0, sentences = 0, mentions = 0, events = 0;
  int64_t bytes = 0;  // database size on disk (SQLite) or relation sizes (PostgreSQL)
};

class Store {
 public:
  virtual ~Store() = default;

  // Adds an article with its sentences and mentions, clustering the mentions into events,
  // all in one transaction. An article already present (same url, else same content hash)
  // is left as it is (kUnchanged) unless `replace`, which replaces its mentions (re-coding).
  virtual Result<PutOutcome> PutArticle(const StoredArticle& article, bool replace) = 0;

  // Several articles in one transaction (faster). outcomes->size() == articles.size().
  virtual Status PutArticles(const std::vector<StoredArticle>& articles, bool replace,
                             std::vector<PutOutcome>* outcomes) = 0;

  // True when an article with this url (else content hash of its text) is stored.
  virtual Result<bool> HasArticle(const Article& article) = 0;

  // Whether the article is stored, and with the same text (compares the stored content hash
  // of the article with its url, else its id).
  virtual Result<StoredState> ArticleState(const Article& article) = 0;

  virtual Result<std::vector<MentionRow>> QueryMentions(const EventQuery& query) = 0;

  // Calls `fn` for every row matching `query` in its sort order (its limit and offset are
  // ignored), all read from one snapshot: rows written meanwhile are neither repeated nor
  // half-seen. Memory stays bounded (pages of `page_size` rows). Stops at fn's first error.
  virtual Status ForEachMention(const EventQuery& query,
                                const std::function<Status(const MentionRow&)>& fn,
                                int page_size = 10000) = 0;

  // Time series between actors a and b (code prefixes), both directions.
  virtual Result<std::vector<DyadBucket>> DyadSeries(const std::string& a, const std::string& b,
                                                     Period period, const EventQuery& filter) = 0;

  // Most mentioned actors; with unknown_only, named actors the dictionaries lack.
  virtual Result<std::vector<ActorCount>> TopActors(int limit, bool unknown_only) = 0;

  virtual Result<StoreStats> Stats() = 0;

  // The stored original text of an article (decompressed).
  virtual Result<std::string> ArticleText(const std::string& article_id) = 0;

  // --- Analytics for the HTTP API (src/store/analytics.cc). Filters as in QueryMentions;
  // `limit`/`offset`/`sort`/`after` of the filter are ignored.

  // Rows matching `filter`.
  virtual Result<int64_t> CountMentions(const EventQuery& filter) = 0;
  // Directed edges between actors with codes; `level` > 0 truncates codes to that many
  // characters (3 = countries and regions). Heaviest `limit` edges first.
  virtual Result<std::vector<NetworkEdge>> Network(const EventQuery& filter, int level,
                                                   int limit) = 0;
  // Most active coded actors for a filter, most mentions first.
  virtual Result<std::vector<ActorActivity>> ActiveActors(const EventQuery& filter,
                                                          int limit) = 0;
  // Actors whose code starts with `query` (upper-cased) or whose text or name contains it
  // (case-insensitive), most mentioned first.
  virtual Result<std::vector<ActorCount>> FindActors(const std::string& query, int limit) = 0;
  // Event locations: points with coordinates, and country-only locations, largest first.
  virtual Result<std::vector<PlaceCount>> Places(const EventQuery& filter, int limit) = 0;
  // News outlets with their article counts, largest first.
  virtual Result<std::vector<OutletCount>> Outlets(int limit) = 0;
};

// Opens a store. `uri`: a file path or "sqlite:PATH" for SQLite; "postgresql://..." or
// "postgres://..." for PostgreSQL. Fails with NotFound when the database is missing and
// !create_if_missing, InvalidArgument for an unknown scheme, IOError/Unavailable otherwise.
Result<std::unique_ptr<Store>> OpenStore(const std::string& uri, const StoreOptions& options);

// Helpers shared by the backends and exporters.
std::string ContentHash(const std::string& text);  // hex, stable across runs
// The period label of a "YYYY-MM-DD" date.
std::string PeriodLabel(const std::string& date, Period period);

}  // namespace dyad

#endif  // DYAD_STORE_H_
