// The Store implementation shared by SQLite and PostgreSQL: schema, idempotent ingest,
// incremental deduplication, queries. Dialect differences stay in sql_*.cc and schema.cc.
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "dyad/store.h"
#include "src/store/analytics.h"
#include "src/store/dedup.h"
#include "src/store/regroup.h"
#include "src/store/schema.h"
#include "src/store/sql.h"
#include "src/util/calendar.h"
#include "src/util/hash.h"

namespace dyad {

std::string ContentHash(const std::string& text) { return Fingerprint128(text); }

std::string PeriodLabel(const std::string& date, Period period) {
  if (date.size() < 10) return date;
  switch (period) {
    case Period::kDay: return date.substr(0, 10);
    case Period::kMonth: return date.substr(0, 7);
    case Period::kWeek: {
      // ISO 8601 week: the week with the year's first Thursday is week 1; a date's week
      // belongs to the year of that week's Thursday.
      using namespace std::chrono;
      const sys_days day_number = SysDays(date);
      const sys_days thursday = day_number - (weekday(day_number) - Monday) + days(3);
      const year iso_year = year_month_day(thursday).year();
      const int thursday_yday = (thursday - sys_days(iso_year / January / 1)).count();
      int week = thursday_yday / 7 + 1;
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%04d-W%02d", static_cast<int>(iso_year), week);
      return buf;
    }
  }
  return date;
}

namespace {

using sql::Row;
using sql::TextOrNull;
using sql::Value;

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// [lo, hi) bounds of all strings starting with `prefix`, so prefix filters use indexes.
std::pair<std::string, std::string> PrefixRange(const std::string& prefix) {
  std::string hi = prefix;
  while (!hi.empty() && static_cast<unsigned char>(hi.back()) == 0xff) hi.pop_back();
  if (!hi.empty()) hi.back() = static_cast<char>(hi.back() + 1);
  else hi = "\xff";
  return {prefix, hi};
}

// User text as an FTS5 query: each word becomes a quoted phrase, so that '"', '*', 'NEAR(',
// '-' or ':' are searched for as text instead of failing as FTS5 syntax. The operators the
// documentation shows (AND, OR, NOT between words) are kept.
std::string Fts5Query(const std::string& text) {
  std::vector<std::string> words;
  std::string w;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!w.empty()) words.push_back(std::move(w));
      w.clear();
    } else {
      w.push_back(c);
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const bool op = (word == "AND" || word == "OR" || word == "NOT") && i > 0 &&
                    i + 1 < words.size();
    if (!out.empty()) out.push_back(' ');
    if (op) {
      out += word;
      continue;
    }
    out.push_back('"');
    for (char c : word) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  return out;
}

std::string MentionUid(const Event& e) {
  if (!e.id.empty()) return e.id;
  std::string key = e.article_id + "|" + std::to_string(e.sentence_index) + "|" +
                    std::to_string(e.source.begin) + "-" + std::to_string(e.source.end) + "|" +
                    std::to_string(e.verb_begin) + "|" + std::to_string(e.target.begin) + "-" +
                    std::to_string(e.target.end) + "|" + e.source.code + "|" + e.target.code +
                    "|" + e.cameo;
  return Fingerprint128(key).substr(0, 20);
}

Modality ParseModality(const std::string& s) {
  if (s == "negated") return Modality::kNegated;
  if (s == "future") return Modality::kFuture;
  if (s == "hypothetical") return Modality::kHypothetical;
  if (s == "reported") return Modality::kReported;
  return Modality::kAsserted;
}

void AddActorParams(const Actor& a, std::vector<Value>* p) {
  p->push_back(TextOrNull(a.code));
  p->push_back(TextOrNull(a.text));
  p->push_back(TextOrNull(a.name));
  p->push_back(TextOrNull(a.country));
  p->push_back(TextOrNull(a.sector));
  p->push_back(TextOrNull(ActorTypeName(a.type)));
  p->push_back(static_cast<int64_t>(a.begin));
  p->push_back(static_cast<int64_t>(a.end));
}

// Parameters in kMentionColumns order.
std::vector<Value> MentionParams(const Event& e, int64_t article, const Value& event,
                                 const std::string& uid, const std::string& key) {
  std::vector<Value> p;
  p.reserve(kNumMentionColumns);
  p.push_back(uid);
  p.push_back(article);
  p.push_back(event);
  p.push_back(static_cast<int64_t>(e.sentence_index));
  p.push_back(static_cast<int64_t>(e.sentence_begin));
  p.push_back(static_cast<int64_t>(e.sentence_end));
  AddActorParams(e.source, &p);
  AddActorParams(e.target, &p);
  p.push_back(TextOrNull(e.mention_group));
  p.push_back(TextOrNull(e.verb_text));
  p.push_back(static_cast<int64_t>(e.verb_begin));
  p.push_back(static_cast<int64_t>(e.verb_end));
  p.push_back(e.cameo);
  p.push_back(TextOrNull(e.base.empty() ? e.cameo.substr(0, 3) : e.base));
  p.push_back(TextOrNull(e.root.empty() ? e.cameo.substr(0, 2) : e.root));
  p.push_back(e.goldstein);
  p.push_back(static_cast<int64_t>(e.quad));
  p.push_back(TextOrNull(e.plover_event));
  p.push_back(TextOrNull(e.plover_mode));
  p.push_back(TextOrNull(e.plover_context));
  p.push_back(std::string(ModalityName(e.modality)));
  p.push_back(TextOrNull(e.speaker.code));
  p.push_back(TextOrNull(e.speaker.text));
  p.push_back(TextOrNull(MentionDate(e)));
  p.push_back(TextOrNull(DatePrecisionName(e.date.precision)));
  p.push_back(TextOrNull(DateBasisName(e.date.basis)));
  p.push_back(TextOrNull(e.date.text));
  p.push_back(TextOrNull(e.location.text));
  p.push_back(TextOrNull(e.location.country));
  p.push_back(TextOrNull(e.location.admin1));
  p.push_back(e.location.lat);
  p.push_back(e.location.lon);
  p.push_back(TextOrNull(e.location.geonames_id));
  p.push_back(e.confidence);
  p.push_back(TextOrNull(e.reason));
  p.push_back(key);
  p.push_back(TextOrNull(e.pub_date));
  p.push_back(TextOrNull(e.outlet));
  return p;
}

Actor ActorFromRow(const Row& r, size_t i) {
  Actor a;
  a.code = r.Text(i);
  a.text = r.Text(i + 1);
  a.name = r.Text(i + 2);
  a.country = r.Text(i + 3);
  a.sector = r.Text(i + 4);
  a.type = analytics::StoredActorType(r.Text(i + 5));
  a.begin = static_cast<uint32_t>(r.Int(i + 6));
  a.end = static_cast<uint32_t>(r.Int(i + 7));
  return a;
}

// Inverse of MentionParams; `i` is the index of the uid column in the row.
Event EventFromRow(const Row& r, size_t i) {
  Event e;
  e.id = r.Text(i);
  e.sentence_index = static_cast<int>(r.Int(i + 3));
  e.sentence_begin = static_cast<uint32_t>(r.Int(i + 4));
  e.sentence_end = static_cast<uint32_t>(r.Int(i + 5));
  e.source = ActorFromRow(r, i + 6);
  e.target = ActorFromRow(r, i + 14);
  size_t k = i + 22;
  e.mention_group = r.Text(k++);
  e.verb_text = r.Text(k++);
  e.verb_begin = static_cast<uint32_t>(r.Int(k++));
  e.verb_end = static_cast<uint32_t>(r.Int(k++));
  e.cameo = r.Text(k++);
  e.base = r.Text(k++);
  e.root = r.Text(k++);
  e.goldstein = r.Double(k++);
  e.quad = static_cast<int>(r.Int(k++));
  e.plover_event = r.Text(k++);
  e.plover_mode = r.Text(k++);
  e.plover_context = r.Text(k++);
  e.modality = ParseModality(r.Text(k++));
  e.speaker.code = r.Text(k++);
  e.speaker.text = r.Text(k++);
  e.date.date = r.Text(k++);
  // Names this version does not know read as kNone.
  if (!ParseDatePrecision(r.Text(k++), &e.date.precision)) e.date.precision = DatePrecision::kNone;
  if (!ParseDateBasis(r.Text(k++), &e.date.basis)) e.date.basis = DateBasis::kNone;
  e.date.text = r.Text(k++);
  e.location.text = r.Text(k++);
  e.location.country = r.Text(k++);
  e.location.admin1 = r.Text(k++);
  e.location.lat = r.Double(k++);
  e.location.lon = r.Double(k++);
  e.location.geonames_id = r.Text(k++);
  e.confidence = r.Double(k++);
  e.reason = r.Text(k++);
  k++;  // dedup_key
  e.pub_date = r.Text(k++);
  e.outlet = r.Text(k++);
  return e;
}

std::string Compress(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  if (ZSTD_isError(n)) return std::string();
  out.resize(n);
  return out;
}

Result<std::string> Decompress(const std::string& data, size_t size) {
  std::string out(size, '\0');
  size_t n = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(n)) return Status::Corruption(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<sql::Conn> conn, StoreOptions options)
      : conn_(std::move(conn)), options_(options),
        regroup_(conn_.get(), options_.dedup_window_days) {}

  Status Init() {
    if (options_.read_only) return CheckVersion();
    Status s = WithWriteRetry([this] { return CreateSchema(); });
    if (!s.ok()) return s;
    // A database written by an older dyad is migrated in place (ids and hashes, schema 2;
    // order-independent grouping, schema 3).
    DYAD_ASSIGN_OR_RETURN(auto rows, conn_->Query("SELECT value FROM meta WHERE key = 'schema_version'", {}));
    if (!rows.empty()) {
      const int stored = std::atoi(rows[0].Text(0).c_str());
      if (stored < kSchemaVersion) {
        DYAD_RETURN_IF_ERROR(WithWriteRetry([this, stored] {
          return MigrateSchema(conn_.get(), stored, &Decompress, options_.dedup_window_days);
        }));
      }
    }
    return CheckVersion();
  }

  // Two processes opening a new file at once both create the schema: in one write
  // transaction (SQLite) the second waits for the first and then finds everything there.
  // An existing database is not locked: its IF NOT EXISTS statements only add what a newer
  // dyad has, so a query opening it during an ingest does not wait for the writer.
  Status CreateSchema() {
    auto version = conn_->Query("SELECT value FROM meta WHERE key = 'schema_version'", {});
    const bool fresh = !version.ok() || version->empty();
    const bool sqlite = fresh && conn_->dialect() == sql::Dialect::kSqlite;
    if (sqlite) DYAD_RETURN_IF_ERROR(conn_->Begin());
    Status s = conn_->Exec(SchemaSql(conn_->dialect()));
    if (s.ok()) {
      auto r = conn_->Query(
          "INSERT INTO meta(key, value) VALUES ('schema_version', $1) ON CONFLICT DO NOTHING",
          {std::to_string(kSchemaVersion)});
      s = r.status();
    }
    if (!sqlite) return s;
    if (!s.ok()) {
      (void)conn_->Rollback();
      return s;
    }
    return conn_->Commit();
  }

  // SQLite has one writer per file and waits for another process's write transaction only
  // up to the busy timeout (10 s); a longer one (a big article, a recode, a checkpoint) would
  // fail the batch with "database is locked". The failed transaction was rolled back whole,
  // so it is retried with backoff. PostgreSQL writers wait on row and advisory locks instead,
  // and a lost server is reported at once (the queue's workers redeliver).
  Status WithWriteRetry(const std::function<Status()>& write) {
    Status s = write();
    if (conn_->dialect() != sql::Dialect::kSqlite) return s;
    std::minstd_rand jitter(static_cast<unsigned>(
        std::chrono::steady_clock::now().time_since_epoch().count()));
    int delay_ms = 50;
    for (int attempt = 1; attempt < kWriteAttempts && s.code() == Status::Code::kUnavailable;
         ++attempt) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(delay_ms + static_cast<int>(jitter() % (delay_ms + 1))));
      delay_ms = std::min(delay_ms * 2, 2000);
      s = write();
    }
    return s;
  }
  static constexpr int kWriteAttempts = 12;

  Result<PutOutcome> PutArticle(const StoredArticle& article, bool replace) override {
    std::vector<PutOutcome> outcomes;
    DYAD_RETURN_IF_ERROR(PutArticles({article}, replace, &outcomes));
    return outcomes[0];
  }

  Status PutArticles(const std::vector<StoredArticle>& articles, bool replace,
                     std::vector<PutOutcome>* outcomes) override {
    return WithWriteRetry([&] { return WriteBatch(articles, replace, outcomes); });
  }

  Status WriteBatch(const std::vector<StoredArticle>& articles, bool replace,
                    std::vector<PutOutcome>* outcomes) {
    outcomes->clear();
    actor_tally_.clear();
    regroup_.Clear();
    locked_keys_.clear();
    DYAD_RETURN_IF_ERROR(conn_->Begin());
    Status locked = LockKeys(articles, replace);
    if (!locked.ok()) {
      (void)conn_->Rollback();
      return locked;
    }
    for (const StoredArticle& a : articles) {
      auto r = PutOne(a, replace);
      if (!r.ok()) {
        // Nothing of the batch is half-written: roll it back and say which record failed.
        (void)conn_->Rollback();
        outcomes->clear();
        return r.status().WithContext("article " + a.article.id);
      }
      outcomes->push_back(*r);
    }
    Status counted = regroup_.Flush();
    if (counted.ok()) counted = FlushActorTally();
    if (!counted.ok()) {
      (void)conn_->Rollback();
      outcomes->clear();
      return counted;
    }
    Status committed = conn_->Commit();
    if (!committed.ok()) {
      (void)conn_->Rollback();
      outcomes->clear();
    }
    return committed;
  }

  Result<bool> HasArticle(const Article& article) override {
    DYAD_ASSIGN_OR_RETURN(int64_t id, FindArticle(article));
    return id != 0;
  }

  Result<StoredState> ArticleState(const Article& a) override {
    const std::string hash = ContentHash(a.text);
    std::vector<Row> rows;
    if (!a.url.empty()) {
      DYAD_ASSIGN_OR_RETURN(rows, conn_->Query(
          "SELECT content_hash FROM articles WHERE url = $1 LIMIT 1", {a.url}));
    } else {
      DYAD_ASSIGN_OR_RETURN(rows, conn_->Query(
          "SELECT content_hash FROM articles WHERE content_hash = $1 AND (url IS NULL OR url = '')"
          " LIMIT 1", {hash}));
    }
    if (rows.empty() && !a.id.empty()) {
      DYAD_ASSIGN_OR_RETURN(rows, conn_->Query(
          "SELECT content_hash FROM articles WHERE article_id = $1", {a.id}));
    }
    if (rows.empty()) return StoredState::kAbsent;
    return rows[0].Text(0) == hash ? StoredState::kSame : StoredState::kChanged;
  }

  Status ForEachMention(const EventQuery& query,
                        const std::function<Status(const MentionRow&)>& fn,
                        int page_size) override {
    EventQuery q = query;
    q.offset = 0;
    q.limit = std::max(1, page_size);
    DYAD_RETURN_IF_ERROR(conn_->BeginRead());
    Status s;
    // Keyset paging inside one snapshot: OFFSET would rescan all earlier rows per page and,
    // across separate reads, repeat or skip rows that writers move.
    while (s.ok()) {
      auto rows = QueryMentions(q);
      if (!rows.ok()) {
        s = rows.status();
        break;
      }
      for (const MentionRow& r : *rows) {
        s = fn(r);
        if (!s.ok()) break;
      }
      if (!s.ok() || static_cast<int>(rows->size()) < q.limit) break;
      q.after = EventCursor(rows->back(), q.sort);
    }
    Status end = conn_->Rollback();
    return s.ok() ? end : s;
  }

  Result<std::vector<MentionRow>> QueryMentions(const EventQuery& q) override {
    std::vector<Value> params;
    std::string where = BuildWhere(q, &params);
    DYAD_ASSIGN_OR_RETURN(analytics::Keyset keyset, analytics::ParseCursor(q.after, q.sort));
    if (keyset.active) {
      std::string cond = analytics::KeysetCondition(keyset, q.sort, &params);
      where += (where.empty() ? " WHERE " : " AND ") + cond;
    }
    std::string sql = "SELECT m.id, m.event";
    for (int i = 0; i < kNumMentionColumns; ++i) sql += std::string(", m.") + kMentionColumns[i];
    sql += ", e.num_mentions, e.num_sources, e.num_articles, e.first_seen, a.article_id, a.url,"
           " s.text FROM mentions m JOIN events e ON e.id = m.event"
           " JOIN articles a ON a.id = m.article"
           " LEFT JOIN sentences s ON s.article = m.article AND s.idx = m.sentence_idx";
    std::string tail = analytics::OrderBy(q.sort);
    if (q.limit > 0) tail += " LIMIT " + std::to_string(q.limit);
    if (q.offset > 0) tail += " OFFSET " + std::to_string(q.offset);
    std::vector<Row> rows;
    // The newest page of a broad filter ("actor=RUS&quad=1") would otherwise collect and sort
    // every matching mention (100k+ on a large store). Try the newest mentions first: when
    // the window already holds a full page, that page is exact, since nothing outside the
    // window sorts before it; else fall back to the full query.
    if (conn_->dialect() == sql::Dialect::kSqlite && q.sort == EventSort::kDateDesc &&
        q.limit > 0 && q.limit <= 1000 && q.offset == 0 && !keyset.active && !where.empty()) {
      for (int window : {20000}) {
        std::string windowed = sql + where +
                               " AND m.id IN (SELECT id FROM mentions ORDER BY event_date DESC, "
                               "id DESC LIMIT " + std::to_string(window) + ")" + tail;
        DYAD_ASSIGN_OR_RETURN(rows, conn_->Query(windowed, params));
        if (static_cast<int64_t>(rows.size()) >= q.limit) break;
        rows.clear();
      }
    }
    if (rows.empty()) {
      DYAD_ASSIGN_OR_RETURN(rows, conn_->Query(sql + where + tail, params));
    }
    std::vector<MentionRow> out;
    out.reserve(rows.size());
    const size_t base = 2;
    const size_t after = base + kNumMentionColumns;
    for (const Row& r : rows) {
      MentionRow m;
      m.mention_id = r.Int(0);
      m.event_id = r.Int(1);
      m.event = EventFromRow(r, base);
      m.num_mentions = static_cast<int>(r.Int(after));
      m.num_sources = static_cast<int>(r.Int(after + 1));
      m.num_articles = static_cast<int>(r.Int(after + 2));
      m.first_seen = r.Text(after + 3);
      m.event.article_id = r.Text(after + 4);
      m.event.url = r.Text(after + 5);
      m.event.sentence_text = r.Text(after + 6);
      out.push_back(std::move(m));
    }
    return out;
  }

  Result<std::vector<DyadBucket>> DyadSeries(const std::string& a, const std::string& b,
                                             Period period, const EventQuery& filter) override {
    std::vector<DyadBucket> out;
    for (int dir = 0; dir < 2; ++dir) {
      EventQuery q = filter;
      q.actor.clear();
      q.source = dir == 0 ? a : b;
      q.target = dir == 0 ? b : a;
      std::vector<Value> params;
      std::string where = BuildWhere(q, &params);
      // Grouped by day in SQL (index-friendly and portable); weeks and months are folded here.
      std::string sql =
          "SELECT m.event_date, m.quad, COUNT(*), SUM(m.goldstein) FROM mentions m"
          " JOIN events e ON e.id = m.event" + where +
          " GROUP BY m.event_date, m.quad ORDER BY m.event_date";
      DYAD_ASSIGN_OR_RETURN(auto rows, conn_->Query(sql, params));
      std::map<std::string, DyadBucket> buckets;
      for (const Row& r : rows) {
        std::string label = PeriodLabel(r.Text(0), period);
        DyadBucket& bk = buckets[label];
        bk.period = label;
        bk.direction = dir == 0 ? a + "->" + b : b + "->" + a;
        int64_t n = r.Int(2);
        int quad = static_cast<int>(r.Int(1));
        bk.count += n;
        if (quad >= 1 && quad <= 4) bk.quad[quad] += n;
        double g = r.Double(3);
        if (!std::isnan(g)) bk.goldstein_sum += g;
      }
      for (auto& [label, bk] : buckets) {
        bk.goldstein_mean = bk.count > 0 ? bk.goldstein_sum / bk.count : 0.0;
        out.push_back(bk);
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const DyadBucket& x, const DyadBucket& y) {
      return x.period < y.period;
    });
    return out;
  }

  Result<std::vector<ActorCount>> TopActors(int limit, bool unknown_only) override {
    std::vector<ActorCount> out;
    if (unknown_only) {
      DYAD_ASSIGN_OR_RETURN(auto rows, conn_->Query(
          "SELECT text, type, mentions FROM actors WHERE code = '' "
          "ORDER BY mentions DESC, text LIMIT $1", {static_cast<int64_t>(limit)}));
      for (const Row& r : rows) {
        out.push_back({"", r.Text(0), analytics::StoredActorType(r.Text(1)), r.Int(2)});
      }
      return out;
    }
    DYAD_ASSIGN_OR_RETURN(auto rows, conn_->Query(
        "SELECT code, SUM(mentions) AS n FROM actors WHERE code <> '' "
        "GROUP BY code ORDER BY n DESC, code LIMIT $1", {static_cast<int64_t>(limit)}));
    for (const Row& r : rows) {
      ActorCount c{r.Text(0), "", ActorType::kNone, r.Int(1)};
      DYAD_RETURN_IF_ERROR(analytics::FillActorText(conn_.get(), c.code, &c.text, &c.type));
      out.push_back(c);
    }
    return out;
  }

  Result<StoreStats> Stats() override {
    StoreStats s;
    DYAD_ASSIGN_OR_RETURN(auto rows, conn_->Query(
        "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM sentences),"
        " (SELECT COUNT(*) FROM mentions), (SELECT COUNT(*) FROM events)", {}));
    s.articles = rows[0].Int(0);
    s.sentences = rows[0].Int(1);
    s.mentions = rows[0].Int(2);
    s.events = rows[0].Int(3);
    if (conn_->dialect() == sql::Dialect::kSqlite) {
      DYAD_ASSIGN_OR_RETURN(auto sz, conn_->Query(
          "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", {}));
      s.bytes = sz.empty() ? 0 : sz[0].Int(0);
    } else {
      DYAD_ASSIGN_OR_RETURN(auto sz, conn_->Query("SELECT pg_database_size(current_database())", {}));
      s.bytes = sz.empty() ? 0 : sz[0].Int(0);
    }
    return s;
  }

  Result<int64_t> CountMentions(const EventQuery& q) override {
    return analytics::CountMentions(conn_.get(), Where(q));
  }
  Result<std::vector<NetworkEdge>> Network(const EventQuery& q, int level, int limit) override {
    return analytics::Network(conn_.get(), Where(q), level, limit);
  }
  Result<std::vector<ActorActivity>> ActiveActors(const EventQuery& q, int limit) override {
    return analytics::ActiveActors(conn_.get(), Where(q), limit);
  }
  Result<std::vector<ActorCount>> FindActors(const std::string& query, int limit) override {
    return analytics::FindActors(conn_.get(), query, limit);
  }
  Result<std::vector<PlaceCount>> Places(const EventQuery& q, int limit) override {
    return analytics::Places(conn_.get(), Where(q), limit);
  }
  Result<std::vector<OutletCount>> Outlets(int limit) override {
    return analytics::Outlets(conn_.get(), limit);
  }

  Result<std::string> ArticleText(const std::string& article_id) override {
    DYAD_ASSIGN_OR_RETURN(auto rows, conn_->Query(
        "SELECT text_zstd, text_len FROM articles WHERE article_id = $1", {article_id}));
    if (rows.empty()) return Status::NotFound("no article " + article_id);
    return Decompress(rows[0].Bytes(0), static_cast<size_t>(rows[0].Int(1)));
  }

 private:
  Status CheckVersion() {
    DYAD_ASSIGN_OR_RETURN(auto rows, conn_->Query("SELECT value FROM meta WHERE key = 'schema_version'", {}));
    if (rows.empty()) return Status::Corruption("not a dyad database (no schema_version)");
    int v = std::atoi(rows[0].Text(0).c_str());
    if (v != kSchemaVersion) {
      return Status::NotSupported("database schema version " + std::to_string(v) +
                                  ", this dyad reads version " + std::to_string(kSchemaVersion) +
                                  (v < kSchemaVersion ? " (open it once writable to migrate it)" : ""));
    }
    return Status::OK();
  }

  Result<int64_t> FindArticle(const Article& a) {
    std::vector<Row> rows;
    if (!a.url.empty()) {
      DYAD_ASSIGN_OR_RETURN(rows, conn_->Query("SELECT id FROM articles WHERE url = $1 LIMIT 1", {a.url}));
    } else {
      DYAD_ASSIGN_OR_RETURN(rows, conn_->Query(
          "SELECT id FROM articles WHERE content_hash = $1 AND (url IS NULL OR url = '') LIMIT 1",
          {ContentHash(a.text)}));
    }
    return rows.empty() ? 0 : rows[0].Int(0);
  }

  // Deletes an article and its sentences and mentions; the runs of mentions they were in
  // are regrouped at the end of the transaction (Regrouper::Flush), so a recode with
  // unchanged dictionaries groups exactly like the first ingest.
  Status DeleteArticle(int64_t id) {
    DYAD_ASSIGN_OR_RETURN(auto old, conn_->Query(
        "SELECT event, dedup_key, event_date, source_code, source_text, source_name,"
        " target_code, target_text, target_name FROM mentions WHERE article = $1",
        {id}));
    std::set<std::string> keys;
    for (const Row& r : old) {
      // The replaced mentions no longer count for their actors (else a recode doubles them).
      for (size_t i : {3, 6}) {
        Actor actor;
        actor.code = r.Text(i);
        actor.text = r.Text(i + 1);
        actor.name = r.Text(i + 2);
        TallyActor(actor, -1);
      }
      if (r.Int(0) != 0) regroup_.TouchEvent(r.Int(0));
      regroup_.TouchMention(r.Text(1), r.Text(2));
      keys.insert(r.Text(1));
    }
    DYAD_RETURN_IF_ERROR(LockMore(keys));
    DYAD_ASSIGN_OR_RETURN(auto r1, conn_->Query("DELETE FROM mentions WHERE article = $1", {id}));
    DYAD_ASSIGN_OR_RETURN(auto r2, conn_->Query("DELETE FROM sentences WHERE article = $1", {id}));
    DYAD_ASSIGN_OR_RETURN(auto r3, conn_->Query("DELETE FROM articles WHERE id = $1", {id}));
    (void)r1, (void)r2, (void)r3;
    return Status::OK();
  }

  Result<PutOutcome> PutOne(const StoredArticle& sa, bool replace) {
    const Article& a = sa.article;
    if (a.id.empty()) return Status::InvalidArgument("article without id");
    DYAD_ASSIGN_OR_RETURN(int64_t existing, FindArticle(a));
    if (existing == 0) {
      // Same article id but different content/url: a re-read of a changed record.
      DYAD_ASSIGN_OR_RETURN(auto same_id, conn_->Query("SELECT id FROM articles WHERE article_id = $1", {a.id}));
      if (!same_id.empty()) existing = same_id[0].Int(0);
    }
    PutOutcome outcome = PutOutcome::kAdded;
    std::vector<Event> events;
    events.reserve(sa.events.size());
    for (const Event& e0 : sa.events) {
      Event e = e0;
      if (e.pub_date.empty()) e.pub_date = a.date;
      if (e.outlet.empty()) e.outlet = a.source;
      if (e.article_id.empty()) e.article_id = a.id;
      events.push_back(std::move(e));
    }
    if (existing != 0) {
      if (!replace) return PutOutcome::kUnchanged;
      DYAD_ASSIGN_OR_RETURN(auto stored, conn_->Query(
          "SELECT article_id, coder_version FROM articles WHERE id = $1", {existing}));
      // Another record with the same url or text (a duplicate under another id) that this
      // coder has already coded: a fresh ingest keeps the first record, and so does a
      // recode, instead of letting the last duplicate take the article over.
      if (!stored.empty() && stored[0].Text(0) != a.id && !sa.coder_version.empty() &&
          stored[0].Text(1) == sa.coder_version) {
        return PutOutcome::kUnchanged;
      }
      DYAD_RETURN_IF_ERROR(DeleteArticle(existing));
      outcome = PutOutcome::kReplaced;
    }
    DYAD_ASSIGN_OR_RETURN(auto ins, conn_->Query(
        "INSERT INTO articles(article_id, url, content_hash, outlet, pub_date, title, language,"
        " text_len, text_zstd, num_sentences, coder_version, ingested_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        {a.id, TextOrNull(a.url), ContentHash(a.text), TextOrNull(a.source), TextOrNull(a.date),
         TextOrNull(a.title), TextOrNull(a.language), static_cast<int64_t>(a.text.size()),
         sql::Blob{Compress(a.text)}, static_cast<int64_t>(sa.sentences.size()),
         TextOrNull(sa.coder_version), NowUtc()}));
    const int64_t article_row = ins[0].Int(0);
    for (size_t i = 0; i < sa.sentences.size(); ++i) {
      const Sentence& s = sa.sentences[i];
      std::string text = s.end <= a.text.size() && s.begin <= s.end
                             ? a.text.substr(s.begin, s.end - s.begin)
                             : std::string();
      DYAD_ASSIGN_OR_RETURN(auto r, conn_->Query(
          "INSERT INTO sentences(article, idx, start_byte, end_byte, text) VALUES ($1, $2, $3, $4, $5)",
          {article_row, static_cast<int64_t>(i), static_cast<int64_t>(s.begin),
           static_cast<int64_t>(s.end), text}));
      (void)r;
    }
    for (const Event& e : events) DYAD_RETURN_IF_ERROR(AddMention(e, article_row));
    return outcome;
  }

  // Stores a mention without its event: Regrouper::Flush assigns it at the end of the
  // transaction, with every other mention of its run, in an order that does not depend on
  // arrival.
  Status AddMention(const Event& e, int64_t article_row) {
    const std::string key = DedupKey(e);
    std::string sql = "INSERT INTO mentions(";
    std::string vals;
    for (int i = 0; i < kNumMentionColumns; ++i) {
      sql += (i ? ", " : "") + std::string(kMentionColumns[i]);
      vals += (i ? ", $" : "$") + std::to_string(i + 1);
    }
    sql += ")";
    DYAD_ASSIGN_OR_RETURN(auto m, conn_->Query(sql + " VALUES (" + vals + ")",
                                               MentionParams(e, article_row, Value(), MentionUid(e), key)));
    (void)m;
    regroup_.TouchMention(key, MentionDate(e));
    for (const Actor* actor : {&e.source, &e.target}) TallyActor(*actor, 1);
    return Status::OK();
  }

  void TallyActor(const Actor& actor, int64_t n) {
    if (actor.text.empty() && actor.code.empty()) return;
    auto [it, added] = actor_tally_.try_emplace(
        {actor.code, actor.text.empty() ? actor.name : actor.text}, actor, 0);
    it->second.second += n;
  }

  // Actor counts are written once per transaction, in key order: concurrent writers then
  // lock the actor rows in one order and cannot deadlock on them.
  Status FlushActorTally() {
    for (const auto& [key, tally] : actor_tally_) {
      const Actor& actor = tally.first;
      if (tally.second == 0) continue;
      DYAD_ASSIGN_OR_RETURN(auto r, conn_->Query(
          "INSERT INTO actors(code, text, name, type, country, mentions) VALUES ($1, $2, $3, $4, $5, $6)"
          " ON CONFLICT (code, text) DO UPDATE SET mentions = actors.mentions + $6",
          {key.first, key.second, TextOrNull(actor.name), TextOrNull(ActorTypeName(actor.type)),
           TextOrNull(actor.country), tally.second}));
      (void)r;
      if (tally.second < 0) {
        // An actor a recode no longer finds disappears, as after a fresh ingest.
        DYAD_ASSIGN_OR_RETURN(auto d, conn_->Query(
            "DELETE FROM actors WHERE code = $1 AND text = $2 AND mentions <= 0",
            {key.first, key.second}));
        (void)d;
      }
    }
    actor_tally_.clear();
    return Status::OK();
  }

  // Several writers on one PostgreSQL database (the queue's workers, parallel ingests) would
  // race on "is this article stored?" and "how are this key's mentions grouped?". Each
  // transaction first takes advisory locks on its articles' identities (id, url or content
  // hash) and on the dedup keys it regroups (those of its mentions and, when replacing, of the
  // stored mentions it replaces), all in one statement and one sorted order, so that writers
  // of the same article or key wait for each other and never deadlock. SQLite has one writer.
  Status LockKeys(const std::vector<StoredArticle>& articles, bool replace) {
    if (conn_->dialect() != sql::Dialect::kPostgres) return Status::OK();
    std::set<std::string> keys;
    for (const StoredArticle& sa : articles) {
      keys.insert("id|" + sa.article.id);
      keys.insert(sa.article.url.empty() ? "hash|" + ContentHash(sa.article.text)
                                         : "url|" + sa.article.url);
      for (const Event& e : sa.events) keys.insert("key|" + DedupKey(e));
      if (!replace) continue;
      DYAD_ASSIGN_OR_RETURN(auto stored, conn_->Query(
          "SELECT DISTINCT m.dedup_key FROM mentions m JOIN articles a ON a.id = m.article"
          " WHERE a.article_id = $1 OR a.url = $2 OR (a.content_hash = $3 AND"
          " (a.url IS NULL OR a.url = ''))",
          {sa.article.id, sa.article.url, ContentHash(sa.article.text)}));
      for (const Row& r : stored) keys.insert("key|" + r.Text(0));
    }
    return LockAdvisory(keys);
  }

  // Dedup keys found only after the first locks (stored mentions that changed meanwhile):
  // locked now; PostgreSQL reports the rare deadlock this may cause, and the batch is retried.
  Status LockMore(const std::set<std::string>& dedup_keys) {
    if (conn_->dialect() != sql::Dialect::kPostgres) return Status::OK();
    std::set<std::string> keys;
    for (const std::string& k : dedup_keys) keys.insert("key|" + k);
    return LockAdvisory(keys);
  }

  Status LockAdvisory(const std::set<std::string>& keys) {
    std::set<int64_t> numbers;
    for (const std::string& k : keys) {
      if (locked_keys_.insert(k).second) {
        numbers.insert(
            static_cast<int64_t>(std::stoull(Fingerprint128(k).substr(0, 16), nullptr, 16)));
      }
    }
    if (numbers.empty()) return Status::OK();
    std::string array = "{";
    for (int64_t k : numbers) array += (array.size() > 1 ? "," : "") + std::to_string(k);
    array += "}";
    DYAD_ASSIGN_OR_RETURN(auto r, conn_->Query(
        "SELECT COUNT(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS k", {array}));
    (void)r;
    return Status::OK();
  }

  analytics::WhereFn Where(const EventQuery& q) {
    return [this, q](std::vector<Value>* params) { return BuildWhere(q, params); };
  }

  std::string BuildWhere(const EventQuery& q, std::vector<Value>* params) {
    std::vector<std::string> conds;
    auto param = [&](Value v) {
      params->push_back(std::move(v));
      return "$" + std::to_string(params->size());
    };
    auto prefix = [&](const std::string& col, const std::string& p) {
      auto [lo, hi] = PrefixRange(p);
      return "(" + col + " >= " + param(lo) + " AND " + col + " < " + param(hi) + ")";
    };
    if (!q.actor.empty()) {
      conds.push_back("(" + prefix("m.source_code", q.actor) + " OR " +
                      prefix("m.target_code", q.actor) + ")");
    }
    if (!q.source.empty()) conds.push_back(prefix("m.source_code", q.source));
    if (!q.target.empty()) conds.push_back(prefix("m.target_code", q.target));
    if (!q.country.empty()) {
      std::string p = param(q.country);
      conds.push_back("(m.source_country = " + p + " OR m.target_country = " + p +
                      " OR m.place_country = " + p + ")");
    }
    if (!q.cameo_prefix.empty()) conds.push_back(prefix("m.cameo", q.cameo_prefix));
    if (q.quad != 0) conds.push_back("m.quad = " + param(static_cast<int64_t>(q.quad)));
    if (!q.plover.empty()) conds.push_back("m.plover_event = " + param(q.plover));
    if (!q.modality.empty()) conds.push_back("m.modality = " + param(q.modality));
    if (!q.date_from.empty()) conds.push_back("m.event_date >= " + param(q.date_from));
    if (!q.date_to.empty()) conds.push_back("m.event_date <= " + param(q.date_to));
    if (!q.outlet.empty()) conds.push_back("m.outlet = " + param(q.outlet));
    if (!q.place.empty()) conds.push_back("m.place_text = " + param(q.place));
    if (!q.article_id.empty()) {
      conds.push_back("m.article = (SELECT id FROM articles WHERE article_id = " +
                      param(q.article_id) + ")");
    }
    if (!q.text.empty()) {
      if (conn_->dialect() == sql::Dialect::kSqlite) {
        conds.push_back(
            "m.id IN (SELECT m2.id FROM sentences_fts f JOIN sentences s2 ON s2.id = f.rowid"
            " JOIN mentions m2 ON m2.article = s2.article AND m2.sentence_idx = s2.idx"
            " WHERE sentences_fts MATCH " + param(Fts5Query(q.text)) + ")");
      } else {
        conds.push_back(
            "m.id IN (SELECT m2.id FROM sentences s2 JOIN mentions m2 ON m2.article = s2.article"
            " AND m2.sentence_idx = s2.idx WHERE to_tsvector('english', s2.text) @@"
            " websearch_to_tsquery('english', " + param(q.text) + "))");
      }
    }
    if (q.event_id != 0) conds.push_back("m.event = " + param(q.event_id));
    if (q.events_only) conds.push_back("m.id = e.representative");
    if (conds.empty()) return "";
    std::string w = " WHERE ";
    for (size_t i = 0; i < conds.size(); ++i) w += (i ? " AND " : "") + conds[i];
    return w;
  }

  std::unique_ptr<sql::Conn> conn_;
  StoreOptions options_;
  // (code, text) -> (first actor seen, mentions) for the transaction being written.
  std::map<std::pair<std::string, std::string>, std::pair<Actor, int64_t>> actor_tally_;
  // Mentions added and removed by the transaction being written, regrouped at its end.
  Regrouper regroup_;
  // Advisory locks the transaction being written holds (PostgreSQL).
  std::set<std::string> locked_keys_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& uri, const StoreOptions& options) {
  std::unique_ptr<sql::Conn> conn;
  if (uri.rfind("postgresql://", 0) == 0 || uri.rfind("postgres://", 0) == 0) {
    DYAD_ASSIGN_OR_RETURN(conn, sql::OpenPostgres(uri));
  } else {
    std::string path = uri.rfind("sqlite:", 0) == 0 ? uri.substr(7) : uri;
    if (path.empty()) return Status::InvalidArgument("empty database path");
    if (path.find("://") != std::string::npos) {
      return Status::InvalidArgument("unknown database scheme in " + uri +
                                     " (use a file path, sqlite:PATH or postgresql://...)");
    }
    DYAD_ASSIGN_OR_RETURN(conn, sql::OpenSqlite(path, options.create_if_missing, options.read_only,
                                           options.sqlite_cache_mib));
  }
  auto store = std::make_unique<SqlStore>(std::move(conn), options);
  DYAD_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace dyad
