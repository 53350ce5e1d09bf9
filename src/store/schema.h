// The database schema, one text for both dialects (see doc/db_schema.md).
#ifndef DYAD_STORE_SCHEMA_H_
#define DYAD_STORE_SCHEMA_H_

#include <cstddef>
#include <string>

#include "dyad/status.h"
#include "src/store/sql.h"

namespace dyad {

// 2: ids and content hashes are XXH3-128 fingerprints (were FNV-1a based); see
// doc/db_schema.md, "Ids and hashes".
// 3: events are a function of the stored mentions (order-independent grouping) and their ids
// derive from their first mention's uid (were a counter); see "Deduplication".
inline constexpr int kSchemaVersion = 3;

// CREATE statements for `dialect`, idempotent (IF NOT EXISTS).
std::string SchemaSql(sql::Dialect dialect);

// Decompresses a stored article text (text_zstd, text_len).
using DecompressFn = Result<std::string> (*)(const std::string& zstd, size_t size);

// Brings a database of schema version `from_version` (1 or 2) up to kSchemaVersion in one
// transaction. 1 -> 2: recomputes every article's content hash from its stored text and
// rewrites the article ids dyad derived from a URL or a text ("url:...", "text:...").
// 2 -> 3: regroups every stored mention into events (dedup window `window_days`), with ids
// derived from content. A concurrent writer that migrated first wins; this one then changes
// nothing. OK without a change for the current or a newer version; NotSupported for older
// versions it cannot migrate.
Status MigrateSchema(sql::Conn* conn, int from_version, DecompressFn decompress, int window_days);

// The mention columns in the order SqlStore inserts and selects them.
extern const char* const kMentionColumns[];
extern const int kNumMentionColumns;

}  // namespace dyad

#endif  // DYAD_STORE_SCHEMA_H_
