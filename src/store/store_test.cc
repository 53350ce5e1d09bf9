// The same store tests run on every backend: SQLite always; PostgreSQL when
// DYAD_TEST_PG_URI names a server (tests/store_postgres.sh starts a real one on 127.0.0.1).
#include "dyad/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "src/store/dedup.h"

namespace dyad {
namespace {

Event MakeEvent(const std::string& src, const std::string& tgt, const std::string& cameo,
                const std::string& date, int sentence = 0) {
  Event e;
  e.source.code = src;
  e.source.text = src == "USAGOV" ? "Marco Rubio" : src;
  e.source.type = ActorType::kPerson;
  e.target.code = tgt;
  e.target.text = tgt;
  e.cameo = cameo;
  e.base = cameo.substr(0, 3);
  e.root = cameo.substr(0, 2);
  e.goldstein = cameo[0] == '1' ? -5.0 : 2.5;
  e.quad = cameo[0] == '1' ? 3 : 1;
  e.plover_event = cameo.rfind("03", 0) == 0 ? "CONSULT" : "ACCUSE";
  e.date.date = date;
  e.date.precision = DatePrecision::kDay;
  e.date.basis = DateBasis::kArticle;
  e.sentence_index = sentence;
  e.sentence_begin = 0;
  e.sentence_end = 20;
  e.confidence = 0.8;
  e.reason = "test pattern";
  return e;
}

StoredArticle MakeArticle(const std::string& id, const std::string& url, const std::string& outlet,
                          const std::string& date, const std::string& text,
                          std::vector<Event> events) {
  StoredArticle sa;
  sa.article.id = id;
  sa.article.url = url;
  sa.article.source = outlet;
  sa.article.date = date;
  sa.article.text = text;
  Sentence s;
  s.begin = 0;
  s.end = static_cast<uint32_t>(text.size());
  sa.sentences.push_back(s);
  sa.events = std::move(events);
  return sa;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      const char* uri = std::getenv("DYAD_TEST_PG_URI");
      if (uri == nullptr || *uri == '\0') {
        GTEST_SKIP() << "DYAD_TEST_PG_URI not set: PostgreSQL store tests run from "
                        "tests/store_postgres.sh, which starts a server";
      }
      uri_ = uri;
      // A clean schema per test.
      auto s = OpenStore(uri_, StoreOptions());
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      s = Result<std::unique_ptr<Store>>(Status::Internal("closed"));
      ResetPostgres();
    } else {
      std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
      std::replace(name.begin(), name.end(), '/', '_');
      dir_ = std::filesystem::temp_directory_path() /
             ("dyad_store_test_" + std::to_string(getpid()) + "_" + name);
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      uri_ = (dir_ / "events.db").string();
    }
    auto s = OpenStore(uri_, StoreOptions());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  // An empty store again, at the same uri.
  void Fresh() {
    store_.reset();
    if (GetParam() == "postgres") {
      ResetPostgres();
    } else {
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
    }
    auto s = OpenStore(uri_, StoreOptions());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void ResetPostgres() {
    // Drop our tables so each test starts empty; psql is part of the postgresql package.
    std::string cmd = "psql -q -X '" + uri_ +
                      "' -c 'DROP TABLE IF EXISTS mentions, sentences, events, actors, articles,"
                      " meta CASCADE' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

  std::string uri_;
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, PutIsIdempotentAndReplaceRecodes) {
  auto a = MakeArticle("a1", "http://x/1", "Reuters", "2025-02-18", "Rubio met Lavrov in Riyadh.",
                       {MakeEvent("USAGOV", "RUSGOV", "036", "2025-02-18")});
  auto r = store_->PutArticle(a, false);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, PutOutcome::kAdded);
  r = store_->PutArticle(a, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, PutOutcome::kUnchanged);
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 1);
  EXPECT_EQ(stats->mentions, 1);
  EXPECT_EQ(stats->sentences, 1);

  // Re-coding replaces the article's mentions.
  a.events = {MakeEvent("USAGOV", "RUSGOV", "040", "2025-02-18"),
              MakeEvent("RUSGOV", "USAGOV", "040", "2025-02-18")};
  r = store_->PutArticle(a, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, PutOutcome::kReplaced);
  stats = store_->Stats();
  EXPECT_EQ(stats->articles, 1);
  EXPECT_EQ(stats->mentions, 2);
  EXPECT_EQ(stats->events, 2);  // the old 036 cluster was emptied and removed

  auto text = store_->ArticleText("a1");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "Rubio met Lavrov in Riyadh.");
  auto has = store_->HasArticle(a.article);
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
}

TEST_P(StoreTest, SameTextWithoutUrlIsDuplicate) {
  auto a = MakeArticle("t1", "", "", "2025-02-18", "Same text.", {});
  auto b = MakeArticle("t2", "", "", "2025-02-18", "Same text.", {});
  ASSERT_EQ(*store_->PutArticle(a, false), PutOutcome::kAdded);
  ASSERT_EQ(*store_->PutArticle(b, false), PutOutcome::kUnchanged);
}

TEST_P(StoreTest, OneEventReportedSeveralWaysIsOneCluster) {
  // Three outlets report the Riyadh meeting over two days, once with the bare root code.
  std::vector<StoredArticle> batch = {
      MakeArticle("r1", "http://a/1", "Reuters", "2025-02-18", "Rubio met Lavrov.",
                  {MakeEvent("USAGOV", "RUSGOV", "036", "2025-02-18")}),
      MakeArticle("r2", "http://b/2", "AP", "2025-02-19", "The two met on Tuesday.",
                  {MakeEvent("USAGOV", "RUSGOV", "036", "2025-02-18")}),
      MakeArticle("r3", "http://a/3", "Reuters", "2025-02-19", "Talks held in Riyadh.",
                  {MakeEvent("USAGOV", "RUSGOV", "03", "2025-02-19")}),
  };
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles(batch, false, &outcomes).ok());
  auto stats = store_->Stats();
  EXPECT_EQ(stats->mentions, 3);
  EXPECT_EQ(stats->events, 1);
  EventQuery q;
  q.events_only = true;
  auto rows = store_->QueryMentions(q);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].num_mentions, 3);
  EXPECT_EQ((*rows)[0].num_articles, 3);
  EXPECT_EQ((*rows)[0].num_sources, 2);
  EXPECT_EQ((*rows)[0].first_seen, "2025-02-18");
}

TEST_P(StoreTest, LookAlikeEventsStayApart) {
  auto e1 = MakeEvent("ISRMIL", "PSE", "190", "2025-03-01");
  auto e2 = MakeEvent("ISRMIL", "PSE", "190", "2025-03-12");  // 11 days later: a new strike
  auto e3 = MakeEvent("ISRMIL", "PSE", "111", "2025-03-01");  // different root
  auto e4 = MakeEvent("ISRMIL", "PSE", "190", "2025-03-01");
  e4.location.country = "LBN";  // same day, another country
  auto e5 = MakeEvent("ISRMIL", "PSE", "190", "2025-03-01");
  e5.modality = Modality::kNegated;  // a denial is not the strike
  e1.location.country = "PSE";
  std::vector<StoredArticle> batch;
  int i = 0;
  for (const auto& e : {e1, e2, e3, e4, e5}) {
    batch.push_back(MakeArticle("x" + std::to_string(i), "http://x/" + std::to_string(i), "AP",
                                e.date.date, "text " + std::to_string(i), {e}));
    ++i;
  }
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles(batch, false, &outcomes).ok());
  EXPECT_EQ(store_->Stats()->events, 5);
}

TEST_P(StoreTest, QueryFilters) {
  std::vector<StoredArticle> batch = {
      MakeArticle("q1", "http://q/1", "CNN", "2025-02-18", "Rubio met Lavrov in Riyadh.",
                  {MakeEvent("USAGOV", "RUSGOV", "036", "2025-02-18")}),
      MakeArticle("q2", "http://q/2", "AP", "2025-03-05", "Ukraine accused Russia of shelling.",
                  {MakeEvent("UKRGOV", "RUSMIL", "112", "2025-03-05")}),
  };
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles(batch, false, &outcomes).ok());
  EventQuery q;
  q.actor = "RUS";
  EXPECT_EQ(store_->QueryMentions(q)->size(), 2u);
  q = EventQuery();
  q.source = "USA";
  EXPECT_EQ(store_->QueryMentions(q)->size(), 1u);
  q = EventQuery();
  q.cameo_prefix = "11";
  auto rows = store_->QueryMentions(q);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].event.source.code, "UKRGOV");
  EXPECT_EQ((*rows)[0].event.sentence_text, "Ukraine accused Russia of shelling.");
  EXPECT_EQ((*rows)[0].event.url, "http://q/2");
  q = EventQuery();
  q.quad = 1;
  EXPECT_EQ(store_->QueryMentions(q)->size(), 1u);
  q = EventQuery();
  q.date_from = "2025-03-01";
  q.date_to = "2025-03-31";
  EXPECT_EQ(store_->QueryMentions(q)->size(), 1u);
  q = EventQuery();
  q.outlet = "CNN";
  EXPECT_EQ(store_->QueryMentions(q)->size(), 1u);
  q = EventQuery();
  q.text = "shelling";
  rows = store_->QueryMentions(q);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].event.cameo, "112");
  q = EventQuery();
  q.plover = "CONSULT";
  EXPECT_EQ(store_->QueryMentions(q)->size(), 1u);
  q = EventQuery();
  q.source = "CHN";
  EXPECT_EQ(store_->QueryMentions(q)->size(), 0u);
}

TEST_P(StoreTest, DyadSeriesBothDirections) {
  std::vector<StoredArticle> batch = {
      MakeArticle("d1", "http://d/1", "AP", "2025-02-17", "a",
                  {MakeEvent("USAGOV", "RUSGOV", "036", "2025-02-17")}),
      MakeArticle("d2", "http://d/2", "AP", "2025-02-18", "b",
                  {MakeEvent("RUSGOV", "USAGOV", "036", "2025-02-18")}),
      MakeArticle("d3", "http://d/3", "AP", "2025-03-02", "c",
                  {MakeEvent("RUSGOV", "USAGOV", "112", "2025-03-02")}),
  };
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles(batch, false, &outcomes).ok());
  auto s = store_->DyadSeries("RUS", "USA", Period::kMonth, EventQuery());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 3u);  // Feb both directions, Mar RUS->USA
  int64_t total = 0;
  for (const auto& b : *s) total += b.count;
  EXPECT_EQ(total, 3);
  const DyadBucket& mar = s->back();
  EXPECT_EQ(mar.period, "2025-03");
  EXPECT_EQ(mar.direction, "RUS->USA");
  EXPECT_EQ(mar.quad[3], 1);
  EXPECT_DOUBLE_EQ(mar.goldstein_sum, -5.0);
  auto w = store_->DyadSeries("RUS", "USA", Period::kWeek, EventQuery());
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->front().period, "2025-W08");
}

TEST_P(StoreTest, UnknownActorsAreListed) {
  Event e = MakeEvent("", "RUSGOV", "111", "2025-02-18");
  e.source.text = "Freedom Legion";
  e.source.type = ActorType::kUnknown;
  ASSERT_TRUE(store_->PutArticle(MakeArticle("u1", "http://u/1", "AP", "2025-02-18",
                                             "Freedom Legion criticised Moscow.", {e}), false).ok());
  auto top = store_->TopActors(10, true);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 1u);
  EXPECT_EQ((*top)[0].text, "Freedom Legion");
  auto known = store_->TopActors(10, false);
  ASSERT_EQ(known->size(), 1u);
  EXPECT_EQ((*known)[0].code, "RUSGOV");
}

TEST_P(StoreTest, FailedBatchKeepsEarlierDataAndWritesNothing) {
  ASSERT_TRUE(store_->PutArticle(MakeArticle("k1", "http://k/1", "AP", "2025-01-01", "kept", {}),
                                 false).ok());
  std::vector<StoredArticle> batch = {
      MakeArticle("k2", "http://k/2", "AP", "2025-01-02", "new", {}),
      MakeArticle("", "http://k/3", "AP", "2025-01-02", "no id", {}),
  };
  std::vector<PutOutcome> outcomes;
  Status s = store_->PutArticles(batch, false, &outcomes);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(store_->Stats()->articles, 1);
}

// Every event with its id, counts, first_seen, representative and mention uids: what the
// store says about the grouping, in a canonical text.
std::string EventDump(Store* store) {
  EventQuery q;
  q.limit = 0;
  auto rows = store->QueryMentions(q);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::map<int64_t, std::set<std::string>> uids;
  for (const MentionRow& r : *rows) uids[r.event_id].insert(r.event.id);
  q.events_only = true;
  auto reps = store->QueryMentions(q);
  EXPECT_TRUE(reps.ok());
  std::map<int64_t, std::string> facts;
  for (const MentionRow& r : *reps) {
    facts[r.event_id] = std::to_string(r.num_mentions) + " " + std::to_string(r.num_articles) +
                        " " + std::to_string(r.num_sources) + " " + r.first_seen + " rep " +
                        r.event.id;
  }
  std::ostringstream out;
  for (const auto& [event, members] : uids) {
    out << event << ": " << facts[event] << " |";
    for (const std::string& uid : members) out << " " << uid;
    out << "\n";
  }
  return out.str();
}

TEST_P(StoreTest, FullRecodeGroupsLikeTheFirstIngest) {
  // m1 (day 0) opens an event, m2 (day 2) joins it, m3 (day 3) is too far from day 0 and
  // opens another. Re-coding used to re-cluster m2 after removing m1: m2 then went to the
  // nearer day-3 event, so a recode grouped differently from a fresh ingest.
  std::vector<StoredArticle> articles;
  for (const std::string day : {"01", "03", "04"}) {
    const std::string date = "2025-03-" + day;
    articles.push_back(MakeArticle("g" + day, "http://g/" + day, "AP", date, "strike " + day,
                                   {MakeEvent("ISRMIL", "PSE", "190", date)}));
  }
  for (const auto& a : articles) ASSERT_TRUE(store_->PutArticle(a, false).ok());
  const std::string fresh = EventDump(store_.get());
  ASSERT_EQ(store_->Stats()->events, 2);
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles(articles, true, &outcomes).ok());
  EXPECT_EQ(EventDump(store_.get()), fresh);
  for (const auto& a : articles) ASSERT_TRUE(store_->PutArticle(a, true).ok());
  EXPECT_EQ(EventDump(store_.get()), fresh);
  EXPECT_EQ(store_->Stats()->events, 2);
}

// Articles whose mentions a greedy clustering in arrival order groups differently by order:
// dates chained within the window, bare roots beside base codes, the same day in two
// countries, two dyads, a date that is not a calendar date.
std::vector<StoredArticle> OrderSensitiveArticles() {
  std::mt19937 rng(1414);
  const char* cameos[] = {"190", "19", "195", "036", "03", "040"};
  const char* countries[] = {"", "", "PSE", "LBN"};
  std::vector<StoredArticle> out;
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(i);
    char date[16];
    std::snprintf(date, sizeof(date), "2025-03-%02d", 1 + static_cast<int>(rng() % 20));
    std::vector<Event> events;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 2); ++k) {
      const bool israel = rng() % 3 != 0;
      char day[16];
      std::snprintf(day, sizeof(day), "2025-03-%02d", 1 + static_cast<int>(rng() % 20));
      Event e = MakeEvent(israel ? "ISRMIL" : "USAGOV", israel ? "PSE" : "RUSGOV",
                          cameos[rng() % 6], i == 7 ? "2025-02-30" : day, k);
      e.location.country = countries[rng() % 4];
      e.confidence = 0.5 + 0.01 * static_cast<double>(rng() % 10);
      events.push_back(e);
    }
    out.push_back(MakeArticle("o" + n, "http://o/" + n, i % 3 ? "AP" : "Reuters", date,
                              "order " + n, events));
  }
  return out;
}

TEST_P(StoreTest, GroupingDoesNotDependOnIngestOrder) {
  const std::vector<StoredArticle> articles = OrderSensitiveArticles();
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles(articles, false, &outcomes).ok());
  const std::string reference = EventDump(store_.get());
  ASSERT_GT(store_->Stats()->events, 10);
  ASSERT_LT(store_->Stats()->events, store_->Stats()->mentions);  // some mentions merged

  // One at a time, newest article first.
  Fresh();
  for (auto it = articles.rbegin(); it != articles.rend(); ++it) {
    ASSERT_TRUE(store_->PutArticle(*it, false).ok());
  }
  EXPECT_EQ(EventDump(store_.get()), reference) << "reverse order, one per transaction";

  // Shuffled, in batches of 3; then two separate ingests, the second half first.
  std::mt19937 rng(7);
  for (int round = 0; round < 3; ++round) {
    std::vector<StoredArticle> shuffled = articles;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    Fresh();
    for (size_t i = 0; i < shuffled.size(); i += 3) {
      std::vector<StoredArticle> batch(shuffled.begin() + i,
                                       shuffled.begin() + std::min(i + 3, shuffled.size()));
      ASSERT_TRUE(store_->PutArticles(batch, false, &outcomes).ok());
    }
    EXPECT_EQ(EventDump(store_.get()), reference) << "shuffle " << round;
  }
  Fresh();
  const std::vector<StoredArticle> first(articles.begin(), articles.begin() + 20),
      second(articles.begin() + 20, articles.end());
  ASSERT_TRUE(store_->PutArticles(second, false, &outcomes).ok());
  ASSERT_TRUE(store_->PutArticles(first, false, &outcomes).ok());
  EXPECT_EQ(EventDump(store_.get()), reference) << "two ingests, second half first";
}

TEST_P(StoreTest, RecodedMentionsGroupAsAFreshIngestOfTheNewCoding) {
  std::vector<StoredArticle> articles = OrderSensitiveArticles();
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles(articles, false, &outcomes).ok());
  // New dictionaries: some mentions change code or date, one article loses its mentions
  // (a removed mention may have chained two runs of dates).
  std::vector<StoredArticle> recoded;
  for (size_t i = 0; i < articles.size(); i += 4) {
    StoredArticle a = articles[i];
    if (i % 8 == 0) {
      a.events.clear();
    } else {
      for (Event& e : a.events) {
        e.cameo = e.cameo == "190" ? "195" : "190";
        e.base = e.cameo.substr(0, 3);
        e.root = e.cameo.substr(0, 2);
      }
    }
    articles[i] = a;
    recoded.push_back(a);
  }
  ASSERT_TRUE(store_->PutArticles(recoded, true, &outcomes).ok());
  const std::string after_recode = EventDump(store_.get());
  Fresh();
  ASSERT_TRUE(store_->PutArticles(articles, false, &outcomes).ok());
  EXPECT_EQ(EventDump(store_.get()), after_recode);
}

TEST_P(StoreTest, RecodeKeepsTheFirstOfDuplicateRecords) {
  // Two records of one text without url: a fresh ingest keeps the first; a recode of both
  // must not let the second take the article over.
  auto a = MakeArticle("d1", "", "AP", "2025-03-01", "Same text twice.",
                       {MakeEvent("ISRMIL", "PSE", "190", "2025-03-01")});
  auto b = a;
  b.article.id = "d2";
  a.coder_version = b.coder_version = "v1";
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles({a, b}, false, &outcomes).ok());
  EXPECT_EQ(outcomes, (std::vector<PutOutcome>{PutOutcome::kAdded, PutOutcome::kUnchanged}));
  ASSERT_TRUE(store_->PutArticles({a, b}, true, &outcomes).ok());
  EXPECT_EQ(outcomes, (std::vector<PutOutcome>{PutOutcome::kReplaced, PutOutcome::kUnchanged}));
  EXPECT_TRUE(store_->ArticleText("d1").ok());
  EXPECT_FALSE(store_->ArticleText("d2").ok());
  // With new dictionaries the stored copy is re-coded, whichever record comes.
  b.coder_version = "v2";
  ASSERT_TRUE(store_->PutArticles({b}, true, &outcomes).ok());
  EXPECT_EQ(outcomes[0], PutOutcome::kReplaced);
  EXPECT_EQ(store_->Stats()->articles, 1);
  EXPECT_EQ(store_->Stats()->mentions, 1);
}

TEST_P(StoreTest, ManyMentionsOfOneEventAreCountedOnce) {
  // A repetitive article: every mention joins one event, whose counts are exact.
  std::vector<Event> events;
  for (int i = 0; i < 300; ++i) {
    events.push_back(MakeEvent("RUSMIL", "UKR", "190", "2025-03-01", i));
    events.back().confidence = i == 123 ? 0.95 : 0.5;
  }
  auto a = MakeArticle("rep", "http://r/1", "AP", "2025-03-01", "repeated", events);
  ASSERT_TRUE(store_->PutArticle(a, false).ok());
  EventQuery q;
  q.events_only = true;
  auto rows = store_->QueryMentions(q);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].num_mentions, 300);
  EXPECT_EQ((*rows)[0].num_articles, 1);
  EXPECT_EQ((*rows)[0].event.sentence_index, 123);  // the most confident mention
}

TEST_P(StoreTest, ChangedArticleIsReportedNotIgnored) {
  auto a = MakeArticle("c1", "http://c/1", "AP", "2025-03-01", "First version.", {});
  auto b = MakeArticle("c2", "", "AP", "2025-03-01", "No url.", {});
  ASSERT_TRUE(store_->PutArticle(a, false).ok());
  ASSERT_TRUE(store_->PutArticle(b, false).ok());
  EXPECT_EQ(*store_->ArticleState(a.article), StoredState::kSame);
  EXPECT_EQ(*store_->ArticleState(b.article), StoredState::kSame);
  a.article.text = "Edited version.";  // same url
  b.article.text = "No url, edited.";  // same id
  EXPECT_EQ(*store_->ArticleState(a.article), StoredState::kChanged);
  EXPECT_EQ(*store_->ArticleState(b.article), StoredState::kChanged);
  auto c = MakeArticle("c3", "http://c/3", "AP", "2025-03-01", "Never stored.", {});
  EXPECT_EQ(*store_->ArticleState(c.article), StoredState::kAbsent);
  ASSERT_EQ(*store_->PutArticle(a, true), PutOutcome::kReplaced);
  EXPECT_EQ(*store_->ArticleState(a.article), StoredState::kSame);
  EXPECT_EQ(*store_->ArticleText("c1"), "Edited version.");
}

TEST_P(StoreTest, FullTextQueryTakesAnyUserText) {
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_
                  ->PutArticles({MakeArticle("f1", "http://f/1", "AP", "2025-02-18",
                                             "The embassy staffing talks \"resumed\".",
                                             {MakeEvent("USAGOV", "RUSGOV", "036", "2025-02-18")})},
                                false, &outcomes)
                  .ok());
  for (const std::string text :
       {"\"", "*", "NEAR(", "embassy*", "staffing OR", "a:b", "-x", "(", "\"resumed\"", "AND"}) {
    EventQuery q;
    q.text = text;
    auto rows = store_->QueryMentions(q);
    EXPECT_TRUE(rows.ok()) << text << ": " << rows.status().ToString();
  }
  EventQuery q;
  q.text = "embassy AND staffing";
  auto rows = store_->QueryMentions(q);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 1u);
  q.text = "\"resumed\"";
  EXPECT_EQ(store_->QueryMentions(q)->size(), 1u);
  q.text = "embassy AND absent";
  EXPECT_EQ(store_->QueryMentions(q)->size(), 0u);
}

TEST_P(StoreTest, ForEachMentionReadsOneSnapshotWhileAnotherWriterCommits) {
  std::vector<StoredArticle> batch;
  for (int i = 0; i < 5; ++i) {
    batch.push_back(
        MakeArticle("s" + std::to_string(i), "http://s/" + std::to_string(i), "AP",
                    "2025-01-0" + std::to_string(i + 1), "text " + std::to_string(i),
                    {MakeEvent("USAGOV", "RUSGOV", "036", "2025-01-0" + std::to_string(i + 1))}));
  }
  std::vector<PutOutcome> outcomes;
  ASSERT_TRUE(store_->PutArticles(batch, false, &outcomes).ok());
  auto writer = OpenStore(uri_, StoreOptions());
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  std::vector<std::string> seen;
  int written = 0;
  Status s = store_->ForEachMention(
      EventQuery(),
      [&](const MentionRow& r) {
        seen.push_back(r.event.id);
        // Newer mentions sort first (date_desc): with OFFSET paging over separate reads they
        // shifted every later page and rows came twice.
        std::string n = std::to_string(written++);
        return (*writer)
            ->PutArticle(MakeArticle("w" + n, "http://w/" + n, "AP", "2025-02-01", "new " + n,
                                     {MakeEvent("CHN", "USA", "036", "2025-02-01")}),
                         false)
            .status();
      },
      /*page_size=*/2);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 5u);
  EXPECT_EQ(written, 5);
  EXPECT_EQ(store_->Stats()->mentions, 10);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(IntegrationPostgres, StoreTest, ::testing::Values("postgres"));

TEST(StoreOpenTest, BadUris) {
  EXPECT_TRUE(OpenStore("mysql://x", StoreOptions()).status().IsInvalidArgument());
  StoreOptions o;
  o.create_if_missing = false;
  EXPECT_TRUE(OpenStore("/nonexistent/dir/x.db", o).status().IsNotFound());
  // A file that is not a database.
  std::string junk = std::filesystem::temp_directory_path() / "dyad_junk.db";
  FILE* f = std::fopen(junk.c_str(), "w");
  std::fputs("this is not sqlite, just some text that is long enough to look like a header....", f);
  std::fclose(f);
  auto s = OpenStore(junk, StoreOptions());
  EXPECT_FALSE(s.ok());
  std::remove(junk.c_str());
}

TEST(DedupTest, Rules) {
  EXPECT_TRUE(CompatibleCodes("036", "0361"));
  EXPECT_TRUE(CompatibleCodes("03", "036"));
  EXPECT_FALSE(CompatibleCodes("036", "040"));
  EXPECT_FALSE(CompatibleCodes("036", "031"));
  EXPECT_EQ(DaysBetween("2025-02-27", "2025-03-01"), 2);
  EXPECT_EQ(DaysBetween("2024-12-31", "2025-01-01"), 1);
  EXPECT_EQ(PeriodLabel("2025-01-01", Period::kWeek), "2025-W01");
  EXPECT_EQ(PeriodLabel("2021-01-03", Period::kWeek), "2020-W53");
  EXPECT_EQ(PeriodLabel("2025-12-29", Period::kWeek), "2026-W01");
  Event a = MakeEvent("USAGOV", "RUSGOV", "036", "2025-02-18");
  Event b = a;
  b.source.code = "";
  b.source.text = "Some Group";
  EXPECT_NE(DedupKey(a), DedupKey(b));
  EXPECT_TRUE(IsCalendarDate("2024-02-29"));
  EXPECT_FALSE(IsCalendarDate("2025-02-29"));
  EXPECT_FALSE(IsCalendarDate("2025-13-01"));
  EXPECT_FALSE(IsCalendarDate(""));
}

TEST(DedupTest, ClusterMentionsInDateOrder) {
  // b (day 3) joins a's event (day 1); c (day 3, LBN) cannot join a PSE event and opens one;
  // d (bare root 19, day 4) is 3 days from a and joins c's; e (195) is incompatible with
  // 190 and opens one; f (PSE) meets only c (LBN) and e (195) and opens one; g has no
  // calendar date and stays alone.
  std::vector<MentionFacts> ms = {
      {1, "a", "190", "2025-03-01", "PSE"}, {2, "b", "190", "2025-03-03", ""},
      {3, "c", "190", "2025-03-03", "LBN"}, {4, "d", "19", "2025-03-04", ""},
      {5, "e", "195", "2025-03-05", ""},    {6, "f", "190", "2025-03-05", "PSE"},
      {7, "g", "190", "2025-13-01", ""}};
  std::sort(ms.begin(), ms.end(), ClusterOrder);
  EXPECT_EQ(ClusterMentions(ms, 2), (std::vector<size_t>{0, 0, 2, 2, 4, 5, 6}));
  EXPECT_NE(EventId("a"), EventId("b"));
  EXPECT_GT(EventId("a"), 0);
  EXPECT_LT(EventId("a"), int64_t{1} << 53);
}

}  // namespace
}  // namespace dyad
