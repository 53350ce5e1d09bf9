#include <cmath>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "src/store/sql.h"
#include "src/store/sqlite_db.h"

namespace dyad::sql {

int64_t Row::Int(size_t i) const {
  const Value& v = cells[i];
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::atoll(p->c_str());
  return 0;
}

double Row::Double(size_t i) const {
  const Value& v = cells[i];
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? NAN : std::atof(p->c_str());
  return NAN;
}

std::string Row::Text(size_t i) const {
  const Value& v = cells[i];
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<Blob>(&v)) return p->bytes;
  return std::string();
}

std::string Row::Bytes(size_t i) const {
  const Value& v = cells[i];
  if (auto p = std::get_if<Blob>(&v)) return p->bytes;
  if (auto p = std::get_if<std::string>(&v)) return *p;
  return std::string();
}

namespace {

// "$12" -> "?12": SQLite numbers ?NNN parameters exactly like PostgreSQL's $NNN.
std::string ToSqlitePlaceholders(const std::string& sql) {
  std::string out = sql;
  bool in_string = false;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\'') in_string = !in_string;
    if (!in_string && out[i] == '$' && i + 1 < out.size() && std::isdigit(out[i + 1])) out[i] = '?';
  }
  return out;
}

class SqliteConn : public Conn {
 public:
  explicit SqliteConn(std::unique_ptr<sqlite::Db> db) : db_(std::move(db)) {}
  Dialect dialect() const override { return Dialect::kSqlite; }
  Status Exec(const std::string& sql) override { return db_->Exec(sql); }

  Result<std::vector<Row>> Query(const std::string& sql,
                                 const std::vector<Value>& params) override {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      DYAD_ASSIGN_OR_RETURN(sqlite::Stmt st, db_->Prepare(ToSqlitePlaceholders(sql)));
      it = cache_.emplace(sql, std::move(st)).first;
    }
    sqlite::Stmt& st = it->second;
    st.Reset();
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) st.BindNull(idx);
      else if (auto p = std::get_if<int64_t>(&v)) st.Bind(idx, *p);
      else if (auto p = std::get_if<double>(&v)) st.Bind(idx, *p);
      else if (auto p = std::get_if<std::string>(&v)) st.Bind(idx, *p);
      else if (auto p = std::get_if<Blob>(&v)) st.BindBlob(idx, p->bytes.data(), p->bytes.size());
    }
    std::vector<Row> rows;
    while (true) {
      auto more = st.Step();
      if (!more.ok()) {
        st.Reset();
        return more.status();
      }
      if (!*more) break;
      int n = st.ColumnCount();
      Row row;
      row.cells.reserve(n);
      for (int c = 0; c < n; ++c) {
        switch (st.ColumnType(c)) {
          case SQLITE_INTEGER: row.cells.emplace_back(st.Int(c)); break;
          case SQLITE_FLOAT: row.cells.emplace_back(st.Double(c)); break;
          case SQLITE_TEXT: row.cells.emplace_back(st.Text(c)); break;
          case SQLITE_BLOB: row.cells.emplace_back(Blob{st.Blob(c)}); break;
          default: row.cells.emplace_back(); break;
        }
      }
      rows.push_back(std::move(row));
    }
    st.Reset();
    return rows;
  }

  Status Begin() override { return db_->Exec("BEGIN IMMEDIATE"); }
  // Deferred: the snapshot starts at the first read and WAL readers never block the writer.
  Status BeginRead() override { return db_->Exec("BEGIN"); }
  Status Commit() override { return db_->Exec("COMMIT"); }
  Status Rollback() override { return db_->Exec("ROLLBACK"); }

 private:
  std::unique_ptr<sqlite::Db> db_;
  std::unordered_map<std::string, sqlite::Stmt> cache_;
};

}  // namespace

Result<std::unique_ptr<Conn>> OpenSqlite(const std::string& path, bool create, bool read_only,
                                         int cache_mib) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec)) {
    return Status::NotFound(path + ": no such database");
  }
  DYAD_ASSIGN_OR_RETURN(auto db, sqlite::Db::Open(path, create, read_only));
  if (!read_only) {
    DYAD_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
  }
  DYAD_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-" +
                           std::to_string(cache_mib * 1024) + ";"));
  return std::unique_ptr<Conn>(new SqliteConn(std::move(db)));
}

}  // namespace dyad::sql
