#include "src/store/regroup.h"

#include <algorithm>
#include <vector>

#include "src/store/dedup.h"

namespace dyad {

using sql::Row;
using sql::Value;

Status Regrouper::Flush() {
  // Keys in order: concurrent PostgreSQL writers hold advisory locks on them (LockKeys).
  for (const auto& [key, dates] : dates_) DYAD_RETURN_IF_ERROR(RegroupKey(key, &dates));
  dates_.clear();
  for (int64_t event : events_) DYAD_RETURN_IF_ERROR(RefreshEvent(event));
  events_.clear();
  taken_.clear();
  return Status::OK();
}

Status Regrouper::RegroupAll() {
  DYAD_ASSIGN_OR_RETURN(
      auto keys,
      conn_->Query("SELECT DISTINCT dedup_key FROM mentions WHERE dedup_key IS NOT NULL", {}));
  for (const Row& r : keys) DYAD_RETURN_IF_ERROR(RegroupKey(r.Text(0), nullptr));
  // Events that no mention names any more (the ids of the old grouping).
  DYAD_ASSIGN_OR_RETURN(auto orphans,
                        conn_->Query("SELECT id FROM events e WHERE NOT EXISTS (SELECT 1 FROM "
                                     "mentions m WHERE m.event = e.id)",
                                     {}));
  for (const Row& r : orphans) events_.insert(r.Int(0));
  return Flush();
}

Status Regrouper::RegroupKey(const std::string& key, const std::set<std::string>* dates) {
  // Distinct dates only (the index on (dedup_key, event_date) holds them): a key reported
  // daily for years has a few thousand, read once per transaction that touches it.
  DYAD_ASSIGN_OR_RETURN(
      auto rows,
      conn_->Query("SELECT DISTINCT event_date FROM mentions WHERE dedup_key = $1", {key}));
  std::vector<std::pair<int, std::string>> days;  // valid dates by day number
  std::vector<std::string> alone;                 // dates whose mentions are events of their own
  const std::string epoch = "1970-01-01";
  for (const Row& r : rows) {
    std::string d = r.Text(0);
    if (IsCalendarDate(d)) {
      days.emplace_back(DaysBetween(epoch, d), d);
    } else {
      alone.push_back(d);
    }
  }
  std::sort(days.begin(), days.end());
  // A touched date d concerns the runs within the window of it: a removed mention may have
  // chained two runs, and an added one joins or chains the runs it is near.
  std::vector<int> touched;
  if (dates != nullptr) {
    for (const std::string& d : *dates) {
      if (IsCalendarDate(d)) touched.push_back(DaysBetween(epoch, d));
    }
    std::sort(touched.begin(), touched.end());
  }
  size_t i = 0;
  while (i < days.size()) {
    size_t j = i;
    while (j + 1 < days.size() && days[j + 1].first - days[j].first <= window_days_) ++j;
    const int lo = days[i].first - window_days_, hi = days[j].first + window_days_;
    auto near = std::lower_bound(touched.begin(), touched.end(), lo);
    if (dates == nullptr || (near != touched.end() && *near <= hi)) {
      DYAD_RETURN_IF_ERROR(RegroupRun(key, days[i].second, days[j].second, false));
    }
    i = j + 1;
  }
  for (const std::string& d : alone) {
    if (dates == nullptr || dates->count(d)) DYAD_RETURN_IF_ERROR(RegroupRun(key, d, d, true));
  }
  return Status::OK();
}

Status Regrouper::RegroupRun(const std::string& key, const std::string& first,
                             const std::string& last, bool exact) {
  const std::string cols = "SELECT id, uid, event, cameo, event_date, place_country FROM mentions";
  std::vector<Row> rows;
  if (!exact) {
    DYAD_ASSIGN_OR_RETURN(
        rows, conn_->Query(cols + " WHERE dedup_key = $1 AND event_date >= $2 AND event_date <= $3",
                           {key, first, last}));
  } else if (first.empty()) {
    DYAD_ASSIGN_OR_RETURN(
        rows,
        conn_->Query(cols + " WHERE dedup_key = $1 AND (event_date IS NULL OR event_date = '')",
                     {key}));
  } else {
    DYAD_ASSIGN_OR_RETURN(
        rows, conn_->Query(cols + " WHERE dedup_key = $1 AND event_date = $2", {key, first}));
  }
  std::vector<MentionFacts> mentions;
  mentions.reserve(rows.size());
  std::map<int64_t, int64_t> old_event;  // row -> event before
  std::set<int64_t> run_events;
  for (const Row& r : rows) {
    mentions.push_back({r.Int(0), r.Text(1), r.Text(3), r.Text(4), r.Text(5)});
    old_event[r.Int(0)] = r.Int(2);
    if (r.Int(2) != 0) run_events.insert(r.Int(2));
  }
  // Sorted here, not by ORDER BY: PostgreSQL may collate text by locale.
  std::sort(mentions.begin(), mentions.end(), ClusterOrder);
  const std::vector<size_t> anchor = ClusterMentions(mentions, window_days_);
  std::map<size_t, int64_t> event_of;  // anchor index -> event id
  for (size_t k = 0; k < mentions.size(); ++k) {
    if (anchor[k] != k) continue;
    DYAD_ASSIGN_OR_RETURN(event_of[k], FreeEventId(mentions[k].uid, run_events));
  }
  for (size_t k = 0; k < mentions.size(); ++k) {
    const int64_t row = mentions[k].row, event = event_of[anchor[k]];
    const int64_t before = old_event[row];
    if (event == before) continue;
    DYAD_ASSIGN_OR_RETURN(
        auto u, conn_->Query("UPDATE mentions SET event = $1 WHERE id = $2", {event, row}));
    (void)u;
    if (before != 0) events_.insert(before);
    events_.insert(event);
    if (anchor[k] != k) continue;
    // A new anchor: the event's facts are its anchor's (the dedup rule compares them).
    DYAD_ASSIGN_OR_RETURN(auto d, conn_->Query("DELETE FROM events WHERE id = $1", {event}));
    DYAD_ASSIGN_OR_RETURN(
        auto ins,
        conn_->Query(
            "INSERT INTO events(id, dedup_key, source_code, target_code, cameo, root, quad,"
            " goldstein, modality, event_date, place_country, first_seen, num_mentions)"
            " SELECT $1, dedup_key, source_code, target_code, cameo, root, quad, goldstein,"
            " modality, event_date, place_country, pub_date, 0 FROM mentions WHERE id = $2",
            {event, row}));
    (void)d, (void)ins;
  }
  return Status::OK();
}

Result<int64_t> Regrouper::FreeEventId(const std::string& uid,
                                       const std::set<int64_t>& run_events) {
  for (int64_t id = EventId(uid);; ++id) {
    auto taken = taken_.find(id);
    if (taken != taken_.end()) {
      if (taken->second == uid) return id;
      continue;
    }
    if (!run_events.count(id)) {
      DYAD_ASSIGN_OR_RETURN(auto used,
                            conn_->Query("SELECT 1 FROM mentions WHERE event = $1 LIMIT 1", {id}));
      if (!used.empty()) continue;
    }
    taken_.emplace(id, uid);
    return id;
  }
}

Status Regrouper::RefreshEvent(int64_t event) {
  DYAD_ASSIGN_OR_RETURN(
      auto rows,
      conn_->Query("SELECT COUNT(*), COUNT(DISTINCT article), COUNT(DISTINCT outlet), MIN(pub_date)"
                   " FROM mentions WHERE event = $1",
                   {event}));
  if (rows.empty() || rows[0].Int(0) == 0) {
    DYAD_ASSIGN_OR_RETURN(auto d, conn_->Query("DELETE FROM events WHERE id = $1", {event}));
    (void)d;
    return Status::OK();
  }
  DYAD_ASSIGN_OR_RETURN(
      auto rep,
      conn_->Query(
          "SELECT id FROM mentions WHERE event = $1 ORDER BY confidence DESC, pub_date, uid, id"
          " LIMIT 1",
          {event}));
  DYAD_ASSIGN_OR_RETURN(
      auto u,
      conn_->Query("UPDATE events SET num_mentions = $2, num_articles = $3, num_sources = $4,"
                   " first_seen = $5, representative = $6 WHERE id = $1",
                   {event, rows[0].Int(0), rows[0].Int(1), std::max<int64_t>(1, rows[0].Int(2)),
                    sql::TextOrNull(rows[0].Text(3)), rep[0].Int(0)}));
  (void)u;
  return Status::OK();
}

}  // namespace dyad
