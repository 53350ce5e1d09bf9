// Order-independent grouping of stored mentions into events, shared by every backend (both
// dialects go through sql::Conn). The events are a function of the set of stored mentions:
// when mentions are added or removed, the mentions of the same dedup key whose dates are
// chained to theirs (a "run": consecutive dates at most the window apart) are clustered
// again in a total order that does not depend on arrival, and only the events of those runs
// are rewritten. See doc/db_schema.md, "Deduplication".
#ifndef DYAD_STORE_REGROUP_H_
#define DYAD_STORE_REGROUP_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "dyad/status.h"
#include "src/store/sql.h"

namespace dyad {

class Regrouper {
 public:
  Regrouper(sql::Conn* conn, int window_days) : conn_(conn), window_days_(window_days) {}

  // A mention with this dedup key and event date ("" for none) was added or removed.
  void TouchMention(const std::string& key, const std::string& date) { dates_[key].insert(date); }
  // This event lost a mention: recounted (or dropped when empty) by Flush.
  void TouchEvent(int64_t event) { events_.insert(event); }

  // Regroups the runs of every touched key, then recounts each event whose mentions changed,
  // once (recounting per mention made ingest quadratic in the mentions of one event).
  Status Flush();

  // Regroups every stored mention (schema migration 2 -> 3).
  Status RegroupAll();

  // Forgets what was touched (the transaction was rolled back).
  void Clear() {
    dates_.clear();
    events_.clear();
    taken_.clear();
  }

 private:
  // Regroups the runs of `key` within the window of `dates`; every run when null.
  Status RegroupKey(const std::string& key, const std::set<std::string>* dates);
  // Regroups the mentions of `key` dated from `first` to `last`; `exact` loads those dated
  // exactly `first` (invalid or missing dates, whose mentions are events of their own).
  Status RegroupRun(const std::string& key, const std::string& first, const std::string& last,
                    bool exact);
  // The id of the event anchored at mention `uid`: derived from it, moved on past an id that
  // mentions outside the run being regrouped already use (a hash collision).
  Result<int64_t> FreeEventId(const std::string& uid, const std::set<int64_t>& run_events);
  Status RefreshEvent(int64_t event);

  sql::Conn* conn_;
  int window_days_;
  std::map<std::string, std::set<std::string>> dates_;  // key -> touched dates
  std::set<int64_t> events_;                            // events to recount
  std::map<int64_t, std::string> taken_;                // event id -> anchor uid, this flush
};

}  // namespace dyad

#endif  // DYAD_STORE_REGROUP_H_
