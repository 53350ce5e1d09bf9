#include <libpq-fe.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "src/store/sql.h"

namespace dyad::sql {
namespace {

// PostgreSQL type OIDs used to decode result columns (pg_type.h).
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23,
              kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

class PgConn : public Conn {
 public:
  explicit PgConn(PGconn* c) : c_(c) {}
  ~PgConn() override { PQfinish(c_); }
  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Exec(const std::string& sql) override {
    PGresult* r = PQexec(c_, sql.c_str());
    Status s = Check(r, sql);
    PQclear(r);
    return s;
  }

  Result<std::vector<Row>> Query(const std::string& sql,
                                 const std::vector<Value>& params) override {
    // Prepared once per distinct SQL text: ingest runs the same few statements millions of times.
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PGresult* r = PQprepare(c_, name.c_str(), sql.c_str(), 0, nullptr);
      Status s = Check(r, sql);
      PQclear(r);
      DYAD_RETURN_IF_ERROR(s);
      it = prepared_.emplace(sql, name).first;
    }
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      formats[i] = 0;
      if (std::holds_alternative<std::monostate>(v)) {
        values[i] = nullptr;
        continue;
      }
      if (auto p = std::get_if<int64_t>(&v)) {
        text[i] = std::to_string(*p);
      } else if (auto p = std::get_if<double>(&v)) {
        if (std::isnan(*p)) {
          values[i] = nullptr;
          continue;
        }
        char buf[64];
        std::snprintf(buf, sizeof(buf), "%.17g", *p);
        text[i] = buf;
      } else if (auto p = std::get_if<std::string>(&v)) {
        text[i] = *p;
      } else if (auto p = std::get_if<Blob>(&v)) {
        text[i] = p->bytes;
        formats[i] = 1;  // binary: bytea without escaping
      }
      values[i] = text[i].data();
      lengths[i] = static_cast<int>(text[i].size());
    }
    PGresult* r = PQexecPrepared(c_, it->second.c_str(), static_cast<int>(params.size()),
                                 values.data(), lengths.data(), formats.data(), 0);
    Status s = Check(r, sql);
    if (!s.ok()) {
      PQclear(r);
      return s;
    }
    std::vector<Row> rows;
    int nrows = PQntuples(r), ncols = PQnfields(r);
    rows.reserve(nrows);
    for (int i = 0; i < nrows; ++i) {
      Row row;
      row.cells.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(r, i, c)) {
          row.cells.emplace_back();
          continue;
        }
        const char* v = PQgetvalue(r, i, c);
        switch (PQftype(r, c)) {
          case kInt2Oid:
          case kInt4Oid:
          case kInt8Oid: row.cells.emplace_back(static_cast<int64_t>(std::atoll(v))); break;
          case kFloat4Oid:
          case kFloat8Oid:
          case kNumericOid: row.cells.emplace_back(std::atof(v)); break;
          case kBoolOid: row.cells.emplace_back(static_cast<int64_t>(v[0] == 't')); break;
          case kByteaOid: {
            size_t n = 0;
            unsigned char* b = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
            row.cells.emplace_back(Blob{std::string(reinterpret_cast<char*>(b), n)});
            PQfreemem(b);
            break;
          }
          default: row.cells.emplace_back(std::string(v, PQgetlength(r, i, c))); break;
        }
      }
      rows.push_back(std::move(row));
    }
    PQclear(r);
    return rows;
  }

  Status Begin() override { return Exec("BEGIN"); }
  Status BeginRead() override { return Exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override { return Exec("ROLLBACK"); }

 private:
  // SQLSTATE classes 08 (connection), 40 (serialization failure, deadlock), 53 (insufficient
  // resources), 57P01-57P03 (shutdown, cannot connect now).
  static bool IsRetryable(const std::string& state) {
    if (state.size() != 5) return false;
    const std::string cls = state.substr(0, 2);
    return cls == "08" || cls == "40" || cls == "53" || state == "57P01" || state == "57P02" ||
           state == "57P03";
  }

  Status Check(PGresult* r, const std::string& sql) {
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::OK();
    std::string msg = PQerrorMessage(c_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (PQstatus(c_) != CONNECTION_OK) return Status::Unavailable("postgresql: " + msg);
    const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    if (state != nullptr && IsRetryable(state)) {
      // Worth retrying the whole transaction later: concurrent writers (the queue's
      // workers) and a server that is shutting down or short of resources.
      return Status::Unavailable("postgresql: " + msg + " (SQLSTATE " + state + ")");
    }
    return Status::IOError("postgresql: " + msg + " in: " + sql.substr(0, 200));
  }

  PGconn* c_;
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

Result<std::unique_ptr<Conn>> OpenPostgres(const std::string& uri) {
  PGconn* c = PQconnectdb(uri.c_str());
  if (c == nullptr) return Status::Internal("postgresql: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Status::Unavailable("postgresql: cannot connect: " + msg);
  }
  auto conn = std::make_unique<PgConn>(c);
  DYAD_RETURN_IF_ERROR(conn->Exec("SET client_min_messages TO WARNING"));
  return std::unique_ptr<Conn>(std::move(conn));
}

}  // namespace dyad::sql
