// The database schema, one text for both dialects (see doc/db_schema.md).
#ifndef DYAD_STORE_SCHEMA_H_
#define DYAD_STORE_SCHEMA_H_

#include <string>

#include "src/store/sql.h"

namespace dyad {

inline constexpr int kSchemaVersion = 1;

// CREATE statements for `dialect`, idempotent (IF NOT EXISTS).
std::string SchemaSql(sql::Dialect dialect);

// The mention columns in the order SqlStore inserts and selects them.
extern const char* const kMentionColumns[];
extern const int kNumMentionColumns;

}  // namespace dyad

#endif  // DYAD_STORE_SCHEMA_H_
