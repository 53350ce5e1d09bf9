#include <gtest/gtest.h>

#include "dyad/queue.h"
#include "src/queue/nats_conn.h"
#include "src/queue/worker_stats.h"

namespace dyad {
namespace {

TEST(QueueMessage, RoundTripKeepsEveryField) {
  Article a;
  a.id = "wire-17";
  a.date = "2025-02-18";
  a.title = "Talks in Riyadh";
  a.text = "Russia and the United States met in Riyadh on Tuesday.\n\"Quotes\" and \xc3\xa9.";
  a.source = "Reuters";
  a.url = "https://example.org/17";
  a.language = "en";
  a.origin = "news.jsonl:17";
  auto b = ParseArticleMessage(ArticleMessage(a));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->id, a.id);
  EXPECT_EQ(b->date, a.date);
  EXPECT_EQ(b->title, a.title);
  EXPECT_EQ(b->text, a.text);
  EXPECT_EQ(b->source, a.source);
  EXPECT_EQ(b->url, a.url);
  EXPECT_EQ(b->language, a.language);
  EXPECT_EQ(b->origin, a.origin);
}

TEST(QueueMessage, PoisonIsRefusedWithAReason) {
  struct Case {
    const char* payload;
    const char* reason;
  } cases[] = {
      {"{\"id\": \"x\", \"text\": ", "invalid JSON"},
      {"[1, 2]", "not a JSON object"},
      {"{\"text\": \"Russia met the US.\"}", "without an id"},
      {"{\"id\": \"x\", \"text\": \"\"}", "has no text"},
      {"{\"id\": \"x\", \"text\": \"t\", \"date\": \"2025-02-30\"}", "bad date"},
      {"{\"id\": 7, \"text\": \"t\"}", "'id' is not a string"},
  };
  for (const Case& c : cases) {
    auto r = ParseArticleMessage(c.payload);
    ASSERT_FALSE(r.ok()) << c.payload;
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_NE(r.status().message().find(c.reason), std::string::npos) << r.status().message();
  }
  // Null fields are absent fields.
  auto ok = ParseArticleMessage("{\"id\": \"x\", \"text\": \"t\", \"date\": null}");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->date, "");
}

TEST(QueueNames, DerivedNamesAndValidation) {
  EXPECT_EQ(DeadLetterSubject("dyad-articles"), "dyad-articles-dead");
  EXPECT_EQ(queue::WorkersBucket("dyad-articles"), "dyad-articles-workers");
  QueueOptions q;
  EXPECT_TRUE(queue::ValidateNames(q).ok());
  q.stream = "a.b";
  EXPECT_TRUE(queue::ValidateNames(q).IsInvalidArgument());
  q.stream = "ok";
  q.consumer = "";
  EXPECT_TRUE(queue::ValidateNames(q).IsInvalidArgument());
}

TEST(QueueNames, HeaderValuesHaveNoLineBreaks) {
  EXPECT_EQ(queue::HeaderValue("invalid JSON:\r\nline 2"), "invalid JSON:  line 2");
  EXPECT_EQ(queue::HeaderValue(std::string(5000, 'x')).size(), 1000u);
}

TEST(QueueWorkerRecord, RoundTrip) {
  WorkerStats s;
  s.received = 10;
  s.redelivered = 2;
  s.stored = 7;
  s.unchanged = 1;
  s.changed = 5;
  s.events = 31;
  s.dead_letters = 1;
  s.naked = 3;
  s.db_retries = 4;
  auto w = queue::ParseWorkerRecord(queue::WorkerRecordJson("h-1", "running", "2026-01-02T03:04:05Z", s));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->name, "h-1");
  EXPECT_EQ(w->state, "running");
  EXPECT_EQ(w->last_seen, "2026-01-02T03:04:05Z");
  EXPECT_EQ(w->stats.received, 10);
  EXPECT_EQ(w->stats.redelivered, 2);
  EXPECT_EQ(w->stats.stored, 7);
  EXPECT_EQ(w->stats.unchanged, 1);
  EXPECT_EQ(w->stats.changed, 5);
  EXPECT_EQ(w->stats.events, 31);
  EXPECT_EQ(w->stats.dead_letters, 1);
  EXPECT_EQ(w->stats.naked, 3);
  EXPECT_EQ(w->stats.db_retries, 4);
  EXPECT_FALSE(queue::ParseWorkerRecord("{").ok());
}

}  // namespace
}  // namespace dyad
