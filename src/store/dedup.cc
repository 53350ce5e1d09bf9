#include "src/store/dedup.h"

#include <cctype>
#include <cstdlib>
#include <limits>

#include "src/util/calendar.h"

namespace dyad {
namespace {

// Days since 1970-01-01 (proleptic Gregorian), or INT_MIN when malformed.
int DayNumber(const std::string& d) {
  if (d.size() < 10 || d[4] != '-' || d[7] != '-') return std::numeric_limits<int>::min();
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return std::numeric_limits<int>::min();
  }
  // Months outside 1-12 have no day number in <chrono> (the old formula counted on).
  const int month = std::atoi(d.substr(5, 2).c_str());
  if (month < 1 || month > 12) return std::numeric_limits<int>::min();
  return SysDays(d).time_since_epoch().count();
}

const char* ModalityClass(Modality m) {
  // Asserted and reported mentions describe something said to have happened; the rest
  // are claims about what did not or may happen, kept apart.
  switch (m) {
    case Modality::kAsserted:
    case Modality::kReported: return "F";
    case Modality::kNegated: return "N";
    case Modality::kFuture: return "W";
    case Modality::kHypothetical: return "H";
  }
  return "F";
}

}  // namespace

std::string ActorKey(const Actor& a) {
  if (!a.code.empty()) return a.code;
  if (a.text.empty()) return "-";
  std::string k = "?";
  for (char c : a.text) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k;
}

std::string DedupKey(const Event& e) {
  std::string root = e.root.empty() ? e.cameo.substr(0, 2) : e.root;
  return ActorKey(e.source) + "|" + ActorKey(e.target) + "|" + root + "|" +
         ModalityClass(e.modality);
}

int DaysBetween(const std::string& a, const std::string& b) {
  int da = DayNumber(a), db = DayNumber(b);
  if (da == std::numeric_limits<int>::min() || db == std::numeric_limits<int>::min()) {
    return std::numeric_limits<int>::max() / 2;
  }
  return db - da;
}

bool CompatibleCodes(const std::string& a, const std::string& b) {
  if (a.size() < 2 || b.size() < 2 || a.compare(0, 2, b, 0, 2) != 0) return false;
  std::string ba = a.substr(0, 3), bb = b.substr(0, 3);
  if (ba == bb) return true;
  // "03" (root only) is compatible with any 03x.
  return a.size() == 2 || b.size() == 2;
}

std::string MentionDate(const Event& e) {
  return e.date.date.empty() ? e.pub_date : e.date.date;
}

int ChooseCluster(const Event& m, const std::vector<ClusterFacts>& candidates, int window_days) {
  const std::string date = MentionDate(m);
  int best = -1;
  int best_dist = 0;
  bool best_same_base = false;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const ClusterFacts& c = candidates[i];
    int dist = std::abs(DaysBetween(date, c.event_date));
    if (dist > window_days) continue;
    if (!CompatibleCodes(m.cameo, c.cameo)) continue;
    if (!m.location.country.empty() && !c.place_country.empty() &&
        m.location.country != c.place_country) {
      continue;
    }
    bool same_base = m.cameo.substr(0, 3) == c.cameo.substr(0, 3);
    bool better = best < 0 || dist < best_dist ||
                  (dist == best_dist && same_base && !best_same_base) ||
                  (dist == best_dist && same_base == best_same_base && c.id < candidates[best].id);
    if (better) {
      best = static_cast<int>(i);
      best_dist = dist;
      best_same_base = same_base;
    }
  }
  return best;
}

}  // namespace dyad
