#include "src/store/dedup.h"

#include <cctype>
#include <cstdlib>
#include <limits>

#include "src/util/calendar.h"
#include "src/util/hash.h"

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

int ChooseCluster(const ClusterFacts& m, std::span<const ClusterFacts> candidates,
                  int window_days) {
  const std::string& date = m.event_date;
  int best = -1;
  int best_dist = 0;
  bool best_same_base = false;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const ClusterFacts& c = candidates[i];
    int dist = std::abs(DaysBetween(date, c.event_date));
    if (dist > window_days) continue;
    if (!CompatibleCodes(m.cameo, c.cameo)) continue;
    if (!m.place_country.empty() && !c.place_country.empty() &&
        m.place_country != c.place_country) {
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

bool IsCalendarDate(const std::string& date) {
  // A day past the month's end would count on into the next month: it must come back.
  return date.size() == 10 && DayNumber(date) != std::numeric_limits<int>::min() &&
         IsoDate(SysDays(date)) == date;
}

bool ClusterOrder(const MentionFacts& a, const MentionFacts& b) {
  if (a.date != b.date) return a.date < b.date;
  if (a.uid != b.uid) return a.uid < b.uid;
  return a.row < b.row;
}

std::vector<size_t> ClusterMentions(const std::vector<MentionFacts>& sorted, int window_days) {
  std::vector<size_t> anchor(sorted.size());
  // Clusters in the order of their anchors; those before `first` are more than the window
  // before the current date, which only grows.
  std::vector<ClusterFacts> open;
  std::vector<size_t> open_anchor;
  size_t first = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const MentionFacts& m = sorted[i];
    anchor[i] = i;
    if (!IsCalendarDate(m.date)) continue;  // alone (and never joined)
    while (first < open.size() && DaysBetween(open[first].event_date, m.date) > window_days) {
      ++first;
    }
    const ClusterFacts facts{static_cast<long long>(open.size()), m.cameo, m.date, m.place_country};
    const int pick =
        ChooseCluster(facts, std::span<const ClusterFacts>(open).subspan(first), window_days);
    if (pick >= 0) {
      anchor[i] = open_anchor[first + static_cast<size_t>(pick)];
    } else {
      open.push_back(facts);
      open_anchor.push_back(i);
    }
  }
  return anchor;
}

int64_t EventId(const std::string& anchor_uid) {
  const int64_t id = static_cast<int64_t>(Hash64("event|" + anchor_uid) >> 11);
  return id == 0 ? 1 : id;
}

}  // namespace dyad
