#include "src/store/schema.h"

namespace dyad {

const char* const kMentionColumns[] = {
    "uid", "article", "event", "sentence_idx", "sentence_start", "sentence_end",
    "source_code", "source_text", "source_name", "source_country", "source_sector",
    "source_type", "source_start", "source_end",
    "target_code", "target_text", "target_name", "target_country", "target_sector",
    "target_type", "target_start", "target_end",
    "mention_group", "verb_text", "verb_start", "verb_end",
    "cameo", "base", "root", "goldstein", "quad", "plover_event", "plover_mode", "plover_context",
    "modality", "speaker_code", "speaker_text",
    "event_date", "date_precision", "date_basis", "date_text",
    "place_text", "place_country", "place_admin1", "lat", "lon", "geonames_id",
    "confidence", "reason", "dedup_key", "pub_date", "outlet"};
const int kNumMentionColumns = sizeof(kMentionColumns) / sizeof(kMentionColumns[0]);

std::string SchemaSql(sql::Dialect dialect) {
  const bool pg = dialect == sql::Dialect::kPostgres;
  const std::string id = pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY";
  const std::string blob = pg ? "BYTEA" : "BLOB";
  const std::string real = "DOUBLE PRECISION";
  std::string s;
  s += "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);\n";
  s += "CREATE TABLE IF NOT EXISTS articles (\n"
       "  id " + id + ",\n"
       "  article_id TEXT NOT NULL UNIQUE,\n"
       "  url TEXT,\n"
       "  content_hash TEXT NOT NULL,\n"
       "  outlet TEXT,\n"
       "  pub_date TEXT,\n"
       "  title TEXT,\n"
       "  language TEXT,\n"
       "  text_len BIGINT NOT NULL DEFAULT 0,\n"
       "  text_zstd " + blob + ",\n"
       "  num_sentences INTEGER NOT NULL DEFAULT 0,\n"
       "  coder_version TEXT,\n"
       "  ingested_at TEXT\n"
       ");\n";
  s += "CREATE INDEX IF NOT EXISTS articles_url ON articles(url);\n";
  s += "CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);\n";
  s += "CREATE TABLE IF NOT EXISTS sentences (\n"
       "  id " + id + ",\n"
       "  article BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
       "  idx INTEGER NOT NULL,\n"
       "  start_byte INTEGER NOT NULL,\n"
       "  end_byte INTEGER NOT NULL,\n"
       "  text TEXT NOT NULL,\n"
       "  UNIQUE (article, idx)\n"
       ");\n";
  s += "CREATE TABLE IF NOT EXISTS events (\n"
       "  id " + id + ",\n"
       "  dedup_key TEXT NOT NULL,\n"
       "  source_code TEXT, target_code TEXT,\n"
       "  cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER, goldstein " + real + ",\n"
       "  modality TEXT,\n"
       "  event_date TEXT, place_country TEXT,\n"
       "  first_seen TEXT,\n"
       "  num_mentions INTEGER NOT NULL DEFAULT 0,\n"
       "  num_sources INTEGER NOT NULL DEFAULT 0,\n"
       "  num_articles INTEGER NOT NULL DEFAULT 0,\n"
       "  representative BIGINT\n"
       ");\n";
  s += "CREATE INDEX IF NOT EXISTS events_key ON events(dedup_key, event_date);\n";
  s += "CREATE INDEX IF NOT EXISTS events_dyad ON events(source_code, target_code, event_date);\n";
  s += "CREATE TABLE IF NOT EXISTS mentions (\n  id " + id + ",\n";
  for (int i = 0; i < kNumMentionColumns; ++i) {
    std::string c = kMentionColumns[i];
    std::string type = "TEXT";
    if (c == "article") type = "BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE";
    else if (c == "event") type = "BIGINT";
    else if (c == "uid") type = "TEXT NOT NULL";
    else if (c == "cameo") type = "TEXT NOT NULL";
    else if (c.find("_start") != std::string::npos || c.find("_end") != std::string::npos ||
             c == "sentence_idx" || c == "quad")
      type = "INTEGER";
    else if (c == "goldstein" || c == "lat" || c == "lon" || c == "confidence")
      type = real;
    s += "  " + c + " " + type + (i + 1 < kNumMentionColumns ? ",\n" : "\n");
  }
  s += ");\n";
  // Covers the dyad time series (no table lookups): 6 ms median over 1.1 M mentions.
  s += "CREATE INDEX IF NOT EXISTS mentions_dyad ON mentions(source_code, target_code, event_date, quad, goldstein, event);\n";
  s += "CREATE INDEX IF NOT EXISTS mentions_target ON mentions(target_code, event_date);\n";
  s += "CREATE INDEX IF NOT EXISTS mentions_date ON mentions(event_date);\n";
  s += "CREATE INDEX IF NOT EXISTS mentions_cameo ON mentions(cameo, event_date);\n";
  s += "CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event);\n";
  s += "CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article, sentence_idx);\n";
  s += "CREATE TABLE IF NOT EXISTS actors (\n"
       "  code TEXT NOT NULL, text TEXT NOT NULL, name TEXT, type TEXT, country TEXT,\n"
       "  mentions BIGINT NOT NULL DEFAULT 0,\n"
       "  PRIMARY KEY (code, text)\n"
       ");\n";
  if (pg) {
    s += "CREATE INDEX IF NOT EXISTS sentences_fts ON sentences "
         "USING GIN (to_tsvector('english', text));\n";
  } else {
    s += "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5("
         "text, content='sentences', content_rowid='id');\n";
    s += "CREATE TRIGGER IF NOT EXISTS sentences_ai AFTER INSERT ON sentences BEGIN "
         "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END;\n";
    s += "CREATE TRIGGER IF NOT EXISTS sentences_ad AFTER DELETE ON sentences BEGIN "
         "INSERT INTO sentences_fts(sentences_fts, rowid, text) "
         "VALUES ('delete', old.id, old.text); END;\n";
  }
  return s;
}

}  // namespace dyad
