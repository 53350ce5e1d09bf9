// Schema migrations: a version-1 (FNV-based fingerprints) or version-2 (greedy grouping, counter
// event ids) database is made by writing old values into a fresh one, then reopened.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "dyad/store.h"
#include "src/store/schema.h"
#include "src/store/sql.h"
#include "src/util/hash.h"

namespace dyad {
namespace {

StoredArticle Article1(const std::string& id, const std::string& url, const std::string& text) {
  StoredArticle sa;
  sa.article.id = id;
  sa.article.url = url;
  sa.article.date = "2025-02-18";
  sa.article.text = text;
  Sentence s;
  s.end = static_cast<uint32_t>(text.size());
  sa.sentences.push_back(s);
  return sa;
}

std::string Scalar(sql::Conn* conn, const std::string& query) {
  auto rows = conn->Query(query, {});
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() && !rows->empty() ? (*rows)[0].Text(0) : std::string("<none>");
}

TEST(SchemaMigrationTest, Version1IdsAndHashesBecomeXxh3) {
  const std::string path = ::testing::TempDir() + "/migrate-" + std::to_string(::getpid()) + ".db";
  std::remove(path.c_str());
  const std::string url = "https://example.com/news/1";
  const std::string url_text = "Russia and China signed a deal.";
  const std::string bare_text = "France accused Iran of delays.";
  const std::string given_text = "Kenya hosted talks.";
  {
    auto store = OpenStore(path, StoreOptions());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->PutArticle(Article1("url:x", url, url_text), false).ok());
    ASSERT_TRUE((*store)->PutArticle(Article1("text:y", "", bare_text), false).ok());
    ASSERT_TRUE((*store)->PutArticle(Article1("reuters-7", "", given_text), false).ok());
  }
  {
    // What dyad of schema version 1 stored for the same articles.
    auto conn = sql::OpenSqlite(path, false, false, 8);
    ASSERT_TRUE(conn.ok());
    sql::Conn* c = conn->get();
    auto set = [&](const std::string& id, const std::string& new_id, const std::string& text) {
      auto r = c->Query("UPDATE articles SET article_id = $1, content_hash = $2 WHERE article_id = $3",
                        {new_id, LegacyFingerprint128(text), id});
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    };
    set("url:x", "url:" + LegacyFingerprint128(url).substr(0, 16), url_text);
    set("text:y", "text:" + LegacyFingerprint128(bare_text).substr(0, 16), bare_text);
    set("reuters-7", "reuters-7", given_text);
    ASSERT_TRUE(c->Exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'").ok());
  }
  StoreOptions ro;
  ro.read_only = true;
  auto read_only = OpenStore(path, ro);
  ASSERT_FALSE(read_only.ok());  // a reader never migrates
  EXPECT_NE(read_only.status().message().find("migrate"), std::string::npos);

  auto store = OpenStore(path, StoreOptions());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  // Re-reading the same records gives the new ids; the store recognises every article.
  auto again = (*store)->PutArticle(
      Article1("text:" + Fingerprint128(bare_text).substr(0, 16), "", bare_text), false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, PutOutcome::kUnchanged);
  auto given = (*store)->PutArticle(Article1("other-id", "", given_text), false);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(*given, PutOutcome::kUnchanged);  // found by its migrated content hash
  store->reset();

  auto conn = sql::OpenSqlite(path, false, true, 8);
  ASSERT_TRUE(conn.ok());
  sql::Conn* c = conn->get();
  EXPECT_EQ(Scalar(c, "SELECT value FROM meta WHERE key = 'schema_version'"), "3");
  EXPECT_NE(Scalar(c, "SELECT value FROM meta WHERE key = 'migrated_1_to_2'"), "<none>");
  EXPECT_EQ(Scalar(c, "SELECT article_id FROM articles WHERE url = '" + url + "'"),
            "url:" + Fingerprint128(url).substr(0, 16));
  EXPECT_EQ(Scalar(c, "SELECT content_hash FROM articles WHERE url = '" + url + "'"),
            Fingerprint128(url_text));
  EXPECT_EQ(Scalar(c, "SELECT COUNT(*) FROM articles WHERE article_id = 'reuters-7'"), "1");
  EXPECT_EQ(Scalar(c, "SELECT COUNT(*) FROM articles"), "3");
  std::remove(path.c_str());
}

// Event (id, count) of every mention uid, in uid order.
std::string GroupingRows(sql::Conn* c) {
  auto rows = c->Query(
      "SELECT m.uid, m.event, e.num_mentions FROM mentions m JOIN events e ON e.id = m.event"
      " ORDER BY m.uid",
      {});
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::string out;
  for (const sql::Row& r : *rows) {
    out += r.Text(0) + " " + r.Text(1) + " " + r.Text(2) + "\n";
  }
  return out;
}

TEST(SchemaMigrationTest, Version2EventsAreRegrouped) {
  const std::string path = ::testing::TempDir() + "/regroup-" + std::to_string(::getpid()) + ".db";
  std::remove(path.c_str());
  std::string grouped;
  {
    auto store = OpenStore(path, StoreOptions());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (int day : {1, 3, 4, 9}) {
      StoredArticle sa = Article1("g" + std::to_string(day), "", "strike " + std::to_string(day));
      Event e;
      e.source.code = "ISRMIL";
      e.target.code = "PSE";
      e.cameo = "190";
      e.date.date = "2025-03-0" + std::to_string(day);
      sa.events.push_back(e);
      ASSERT_TRUE((*store)->PutArticle(sa, false).ok());
    }
  }
  {
    // What a version-2 dyad may have stored: other clusters, counter ids.
    auto conn = sql::OpenSqlite(path, false, false, 8);
    ASSERT_TRUE(conn.ok());
    sql::Conn* c = conn->get();
    grouped = GroupingRows(c);
    ASSERT_TRUE(c->Exec("UPDATE mentions SET event = id; DELETE FROM events;"
                        " INSERT INTO events(id, dedup_key, cameo, root, num_mentions)"
                        " SELECT id, dedup_key, cameo, root, 1 FROM mentions;"
                        " UPDATE meta SET value = '2' WHERE key = 'schema_version'")
                    .ok());
    ASSERT_NE(GroupingRows(c), grouped);
  }
  ASSERT_TRUE(OpenStore(path, StoreOptions()).ok());
  auto conn = sql::OpenSqlite(path, false, true, 8);
  ASSERT_TRUE(conn.ok());
  EXPECT_EQ(GroupingRows(conn->get()), grouped);
  EXPECT_EQ(Scalar(conn->get(), "SELECT COUNT(*) FROM events"), "3");  // days 1+3, 4, 9
  EXPECT_EQ(Scalar(conn->get(), "SELECT value FROM meta WHERE key = 'schema_version'"), "3");
  std::remove(path.c_str());
}

TEST(SchemaMigrationTest, CurrentAndUnknownVersions) {
  EXPECT_TRUE(MigrateSchema(nullptr, kSchemaVersion, nullptr, 2).ok());  // nothing to do
  EXPECT_TRUE(MigrateSchema(nullptr, kSchemaVersion + 1, nullptr, 2).ok());  // left to the check
  EXPECT_EQ(MigrateSchema(nullptr, 0, nullptr, 2).code(), Status::Code::kNotSupported);
}

}  // namespace
}  // namespace dyad
