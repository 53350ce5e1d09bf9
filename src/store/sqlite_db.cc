#include "src/store/sqlite_db.h"

#include <cmath>

namespace dyad::sqlite {

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (s_ != nullptr) sqlite3_finalize(s_);
    db_ = o.db_;
    s_ = o.s_;
    o.s_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() {
  if (s_ != nullptr) sqlite3_finalize(s_);
}

Stmt& Stmt::Bind(int i, std::string_view v, bool null_if_empty) {
  if (null_if_empty && v.empty()) {
    sqlite3_bind_null(s_, i);
  } else {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  return *this;
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}

Stmt& Stmt::Bind(int i, double v) {
  if (std::isnan(v)) {
    sqlite3_bind_null(s_, i);
  } else {
    sqlite3_bind_double(s_, i, v);
  }
  return *this;
}

Stmt& Stmt::BindBlob(int i, const void* data, size_t n) {
  sqlite3_bind_blob(s_, i, data, static_cast<int>(n), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

namespace {

// Another connection holds the lock past the busy timeout: Unavailable, so that callers can
// tell "try again later" (the whole transaction) from a real failure.
Status SqliteError(int rc, const std::string& msg) {
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::Unavailable(msg);
  return Status::IOError(msg);
}

}  // namespace

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(rc, std::string("sqlite: ") + sqlite3_errmsg(db_));
}

Status Stmt::Run() {
  while (true) {
    DYAD_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  sqlite3_reset(s_);
  return Status::OK();
}

void Stmt::Reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

double Stmt::Double(int col) const {
  if (IsNull(col)) return NAN;
  return sqlite3_column_double(s_, col);
}

std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(s_, col);
  if (t == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s_, col));
}

std::string Stmt::Blob(int col) const {
  const void* b = sqlite3_column_blob(s_, col);
  if (b == nullptr) return std::string();
  return std::string(static_cast<const char*>(b), sqlite3_column_bytes(s_, col));
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create, bool read_only) {
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    if (db != nullptr) sqlite3_close(db);
    if (rc == SQLITE_CANTOPEN && !create) return Status::NotFound(path + ": " + msg);
    return Status::IOError(path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 10000);
  return std::unique_ptr<Db>(new Db(db));
}

Db::~Db() { sqlite3_close_v2(db_); }

Status Db::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return SqliteError(rc, "sqlite: " + msg);
  }
  return Status::OK();
}

Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = std::string("sqlite prepare: ") + sqlite3_errmsg(db_) +
                      " in: " + std::string(sql.substr(0, 200));
    // Reading the schema can meet a lock too; anything else is a bug in our SQL.
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return Status::Unavailable(msg);
    return Status::Internal(msg);
  }
  return Stmt(db_, s);
}

}  // namespace dyad::sqlite
