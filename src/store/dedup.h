// Deduplication rule shared by every Store backend: when are two mentions the same
// real-world event? Documented in doc/db_schema.md ("Deduplication").
#ifndef DYAD_STORE_DEDUP_H_
#define DYAD_STORE_DEDUP_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dyad/event.h"

namespace dyad {

// The facts of a cluster (or a mention) that the rule compares.
struct ClusterFacts {
  long long id = 0;           // order of the cluster's anchor (ties go to the lowest)
  std::string cameo;          // representative code
  std::string event_date;     // "YYYY-MM-DD"
  std::string place_country;  // ISO3 or empty
};

// Key under which candidate clusters are looked up: normalised dyad, CAMEO root and
// modality class. Mentions with different keys are never merged. Unknown actors are
// keyed by their lowercased text so "unknown" mentions do not all collapse together.
std::string DedupKey(const Event& e);

// Normalised actor identity used by DedupKey.
std::string ActorKey(const Actor& a);

// Days between two "YYYY-MM-DD" dates (b - a); a large value when either is invalid.
int DaysBetween(const std::string& a, const std::string& b);

// True when the codes can describe one event: same base code, or one is the bare root
// (or a parent prefix) of the other. Different roots are never compatible.
bool CompatibleCodes(const std::string& a, const std::string& b);

// Picks the cluster that mention `m` (its code, date and country) joins among `candidates`
// (already filtered by DedupKey); returns its index or -1 for a new cluster. Candidates must
// be within `window_days` of m's event date, have compatible codes and compatible locations
// (both countries known and different -> incompatible); among several, the closest date
// wins, then the same base code, then the lowest id (deterministic).
int ChooseCluster(const ClusterFacts& m, std::span<const ClusterFacts> candidates, int window_days);

// The event date used for clustering: the mention's event date, else its publication date.
std::string MentionDate(const Event& e);

// True for a real calendar date "YYYY-MM-DD" (not "2025-02-30"). A mention without one is
// an event of its own.
bool IsCalendarDate(const std::string& date);

// A stored mention as clustering sees it.
struct MentionFacts {
  int64_t row = 0;  // mentions.id: breaks ties between identical uids only
  std::string uid;
  std::string cameo, date, place_country;
};

// The order in which mentions are clustered: event date, then uid. It depends on what the
// mentions say, not on when they arrived, so the events are a function of the stored set.
bool ClusterOrder(const MentionFacts& a, const MentionFacts& b);

// Clusters the mentions of one dedup key, sorted by ClusterOrder: each mention in turn
// joins the cluster ChooseCluster picks among those opened before it (within the window of
// its date), else opens one. Returns, for each mention, the index of its cluster's first
// mention (the anchor). Linear in the mentions times the clusters open in one window.
std::vector<size_t> ClusterMentions(const std::vector<MentionFacts>& sorted, int window_days);

// The stored id of the event anchored at the mention with this uid: 53 bits of a hash of
// it (exact as a JSON number in JavaScript), never 0. Derived from content, so the same
// mentions give the same event ids in every store, whatever the order of ingestion.
int64_t EventId(const std::string& anchor_uid);

}  // namespace dyad

#endif  // DYAD_STORE_DEDUP_H_
