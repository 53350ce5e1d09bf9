// A thin RAII wrapper over the SQLite C API that reports failures as Status.
#ifndef DYAD_STORE_SQLITE_DB_H_
#define DYAD_STORE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad::sqlite {

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  ~Stmt();

  // Binds are 1-based, as in SQLite. Empty strings bind as '' (not NULL) unless BindText
  // is given null_if_empty.
  Stmt& Bind(int i, std::string_view v, bool null_if_empty = false);
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);  // NaN binds NULL
  Stmt& BindBlob(int i, const void* data, size_t n);
  Stmt& BindNull(int i);

  // Returns true while a row is available, false when done.
  Result<bool> Step();
  // Runs to completion, discarding rows.
  Status Run();
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Double(int col) const;  // NULL -> NaN
  std::string Text(int col) const;
  std::string Blob(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  int ColumnCount() const { return sqlite3_column_count(s_); }
  int ColumnType(int col) const { return sqlite3_column_type(s_, col); }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
};

class Db {
 public:
  // Opens (and creates when `create`) the database at `path`.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create, bool read_only);
  ~Db();

  Status Exec(const std::string& sql);
  Result<Stmt> Prepare(std::string_view sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace dyad::sqlite

#endif  // DYAD_STORE_SQLITE_DB_H_
