// Deduplication rule shared by every Store backend: when are two mentions the same
// real-world event? Documented in doc/db_schema.md ("Deduplication").
#ifndef DYAD_STORE_DEDUP_H_
#define DYAD_STORE_DEDUP_H_

#include <string>
#include <vector>

#include "dyad/event.h"

namespace dyad {

// The facts of a cluster (or a mention) that the rule compares.
struct ClusterFacts {
  long long id = 0;
  std::string cameo;         // representative code
  std::string event_date;    // "YYYY-MM-DD"
  std::string place_country; // ISO3 or empty
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

// Picks the cluster that mention `m` joins among `candidates` (already filtered by
// DedupKey); returns its index or -1 for a new cluster. Candidates must be within
// `window_days` of m's event date, have compatible codes and compatible locations (both
// countries known and different -> incompatible); among several, the closest date wins,
// then the same base code, then the lowest id (deterministic).
int ChooseCluster(const Event& m, const std::vector<ClusterFacts>& candidates, int window_days);

// The event date used for clustering: the mention's event date, else its publication date.
std::string MentionDate(const Event& e);

}  // namespace dyad

#endif  // DYAD_STORE_DEDUP_H_
