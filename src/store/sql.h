// The small SQL surface the Store needs, implemented for SQLite and PostgreSQL, so the
// store logic (schema, ingest, dedup, queries) is written once. SQL is written with
// PostgreSQL-style placeholders ($1, $2, ...); the SQLite connection rewrites them.
#ifndef DYAD_STORE_SQL_H_
#define DYAD_STORE_SQL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "dyad/status.h"

namespace dyad::sql {

struct Blob {
  std::string bytes;
};
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;

// Text value, or NULL for an empty string.
inline Value TextOrNull(const std::string& s) { return s.empty() ? Value() : Value(s); }

struct Row {
  std::vector<Value> cells;
  int64_t Int(size_t i) const;        // NULL -> 0
  double Double(size_t i) const;      // NULL -> NaN
  std::string Text(size_t i) const;   // NULL -> ""
  std::string Bytes(size_t i) const;  // BLOB/BYTEA contents
};

enum class Dialect { kSqlite, kPostgres };

class Conn {
 public:
  virtual ~Conn() = default;
  virtual Dialect dialect() const = 0;
  // Runs statements without parameters (schema, pragmas).
  virtual Status Exec(const std::string& sql) = 0;
  // Runs one statement with parameters; returns its rows (none for DML without RETURNING).
  virtual Result<std::vector<Row>> Query(const std::string& sql,
                                         const std::vector<Value>& params) = 0;
  // A write transaction (SQLite: BEGIN IMMEDIATE, so the write lock is taken up front and a
  // busy writer is waited for here, not half-way through the batch).
  virtual Status Begin() = 0;
  // A read-only transaction: every query until Commit/Rollback sees one snapshot, so a
  // listing paged over several queries neither repeats nor skips rows while others write.
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
};

// SQLite file (created when `create`); WAL journal.
Result<std::unique_ptr<Conn>> OpenSqlite(const std::string& path, bool create, bool read_only,
                                         int cache_mib);
// PostgreSQL connection string ("postgresql://user@127.0.0.1:5432/db").
Result<std::unique_ptr<Conn>> OpenPostgres(const std::string& uri);

}  // namespace dyad::sql

#endif  // DYAD_STORE_SQL_H_
