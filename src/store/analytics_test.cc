// Filters by name, sort orders with keyset cursors, and the analytics used by the HTTP API.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "dyad/store.h"

namespace dyad {
namespace {

TEST(EventFilterTest, ValidatesAndNormalises) {
  EventQuery q;
  EXPECT_TRUE(SetEventFilter(&q, "actor", "rusgov").ok());
  EXPECT_EQ(q.actor, "RUSGOV");
  EXPECT_TRUE(SetEventFilter(&q, "quad", "4").ok());
  EXPECT_EQ(q.quad, 4);
  EXPECT_TRUE(SetEventFilter(&q, "from", "2025-02-28").ok());
  EXPECT_TRUE(SetEventFilter(&q, "place", "Riyadh").ok());
  EXPECT_EQ(q.place, "Riyadh");
  Status s = SetEventFilter(&q, "quad", "7");
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.message(), "quad: '7' is not 1-4");
  EXPECT_FALSE(SetEventFilter(&q, "from", "2025-02-30").ok());
  EXPECT_FALSE(SetEventFilter(&q, "cameo", "03a").ok());
  EXPECT_FALSE(SetEventFilter(&q, "country", "RU").ok());
  EXPECT_FALSE(SetEventFilter(&q, "modality", "maybe").ok());
  EXPECT_FALSE(SetEventFilter(&q, "actor", "RUS GOV").ok());
  EXPECT_FALSE(SetEventFilter(&q, "nope", "x").ok());
  EXPECT_TRUE(SetEventFilter(&q, "quad", "").ok());
  EXPECT_EQ(q.quad, 0);
  for (const auto& spec : EventFilterSpecs()) {
    EventQuery empty;
    EXPECT_TRUE(SetEventFilter(&empty, spec.name, "").ok()) << spec.name;
  }
}

TEST(EventSortTest, NamesRoundTrip) {
  for (EventSort s : {EventSort::kDateDesc, EventSort::kDateAsc, EventSort::kGoldsteinAsc,
                      EventSort::kGoldsteinDesc, EventSort::kMentionsDesc}) {
    auto parsed = ParseEventSort(EventSortName(s));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_FALSE(ParseEventSort("size").ok());
}

class AnalyticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dyad_analytics_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = OpenStore((dir_ / "t.db").string(), StoreOptions());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    // 3 articles x 5 mentions; some without a date, ties in dates and Goldstein.
    const char* dyads[][2] = {{"RUSGOV", "UKR"}, {"UKRMIL", "RUS"}, {"USAGOV", "RUS"}, {"RUS", ""}, {"FRA", "DEU"}};
    std::vector<StoredArticle> batch;
    for (int a = 0; a < 3; ++a) {
      StoredArticle sa;
      sa.article.id = "a" + std::to_string(a);
      sa.article.url = "http://example.org/" + std::to_string(a);
      sa.article.source = a == 2 ? "Wire B" : "Wire A";
      sa.article.text = "Russia and Ukraine talked in Riyadh.";
      Sentence sent;
      sent.end = static_cast<uint32_t>(sa.article.text.size());
      sa.sentences.push_back(sent);
      for (int i = 0; i < 5; ++i) {
        Event e;
        e.source.code = dyads[i][0];
        e.source.text = dyads[i][0];
        e.target.code = dyads[i][1];
        e.target.text = dyads[i][1];
        e.cameo = i % 2 ? "190" : "036";
        e.goldstein = i % 2 ? -10.0 : 4.0;
        e.quad = i % 2 ? 4 : 1;
        e.date.date = a == 0 && i == 4 ? "" : "2025-0" + std::to_string(1 + a) + "-1" + std::to_string(i % 2);
        e.sentence_end = sent.end;
        if (i == 0) {
          e.location.text = "Riyadh";
          e.location.country = "SAU";
          e.location.lat = 24.69;
          e.location.lon = 46.72;
        }
        sa.events.push_back(e);
      }
      batch.push_back(sa);
    }
    std::vector<PutOutcome> out;
    ASSERT_TRUE(store_->PutArticles(batch, false, &out).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(AnalyticsTest, CursorPagingVisitsEveryRowOnceInEverySort) {
  auto total = store_->CountMentions(EventQuery());
  ASSERT_TRUE(total.ok());
  ASSERT_EQ(*total, 15);
  for (EventSort sort : {EventSort::kDateDesc, EventSort::kDateAsc, EventSort::kGoldsteinAsc,
                         EventSort::kGoldsteinDesc, EventSort::kMentionsDesc}) {
    EventQuery q;
    q.sort = sort;
    q.limit = 4;
    std::set<int64_t> seen;
    int rows = 0;
    std::string prev_key;
    for (int page = 0; page < 10; ++page) {
      auto r = store_->QueryMentions(q);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      for (const auto& m : *r) {
        seen.insert(m.mention_id);
        ++rows;
      }
      if (static_cast<int>(r->size()) < q.limit) break;
      q.after = EventCursor(r->back(), sort);
    }
    EXPECT_EQ(rows, 15) << EventSortName(sort);
    EXPECT_EQ(seen.size(), 15u) << EventSortName(sort);
  }
  EventQuery bad;
  bad.after = "d2025-01-01~3";
  bad.sort = EventSort::kGoldsteinAsc;
  EXPECT_TRUE(store_->QueryMentions(bad).status().IsInvalidArgument());
  bad.after = "garbage";
  EXPECT_TRUE(store_->QueryMentions(bad).status().IsInvalidArgument());
}

TEST_F(AnalyticsTest, NetworkActorsPlacesOutlets) {
  EventQuery q;
  auto net = store_->Network(q, 3, 10);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  ASSERT_FALSE(net->empty());
  int64_t rus_ukr = 0;
  for (const auto& e : *net) {
    EXPECT_NE(e.source, e.target);
    if (e.source == "RUS" && e.target == "UKR") rus_ukr = e.count;
  }
  EXPECT_EQ(rus_ukr, 3);
  q.quad = 4;
  auto conflict = store_->Network(q, 0, 10);
  ASSERT_TRUE(conflict.ok());
  for (const auto& e : *conflict) EXPECT_EQ(e.quad[4], e.count);

  auto actors = store_->ActiveActors(EventQuery(), 3);
  ASSERT_TRUE(actors.ok()) << actors.status().ToString();
  ASSERT_FALSE(actors->empty());
  EXPECT_EQ((*actors)[0].code, "RUS");  // RUS as source 3x, as target 6x

  auto found = store_->FindActors("usa", 5);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].code, "USAGOV");

  auto places = store_->Places(EventQuery(), 10);
  ASSERT_TRUE(places.ok()) << places.status().ToString();
  ASSERT_EQ(places->size(), 1u);
  EXPECT_EQ((*places)[0].place, "Riyadh");
  EXPECT_EQ((*places)[0].precision, "point");
  EXPECT_EQ((*places)[0].count, 3);
  EventQuery at;
  ASSERT_TRUE(SetEventFilter(&at, "place", "Riyadh").ok());
  EXPECT_EQ(*store_->CountMentions(at), 3);

  auto outlets = store_->Outlets(10);
  ASSERT_TRUE(outlets.ok());
  ASSERT_EQ(outlets->size(), 2u);
  EXPECT_EQ((*outlets)[0].outlet, "Wire A");
  EXPECT_EQ((*outlets)[0].articles, 2);
}

TEST_F(AnalyticsTest, EventIdSelectsOneCluster) {
  EventQuery q;
  q.limit = 1;
  auto first = store_->QueryMentions(q);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EventQuery one;
  one.event_id = (*first)[0].event_id;
  one.limit = 0;
  auto rows = store_->QueryMentions(one);
  ASSERT_TRUE(rows.ok());
  ASSERT_FALSE(rows->empty());
  for (const auto& r : *rows) EXPECT_EQ(r.event_id, one.event_id);
  EXPECT_EQ(static_cast<int>(rows->size()), (*first)[0].num_mentions);
}

}  // namespace
}  // namespace dyad
