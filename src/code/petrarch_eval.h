// The PETRARCH / UniversalPetrarch functional validation suites: record files and the
// scoring of UniversalPetrarch's validation harness (validation.py), re-implemented:
//   a coded event is CORRECT when its event, source and target codes all equal one
//   expected event; coded events with a null (empty or "---") source or target are
//   dropped; a record expecting no event is correct when nothing is coded.
//   TP = correct / (correct + uncoded), FN = uncoded / (correct + uncoded),
//   FP = extra / (correct + uncoded).
#ifndef DYAD_CODE_PETRARCH_EVAL_H_
#define DYAD_CODE_PETRARCH_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/status.h"
#include "src/text/petrarch_records.h"

namespace dyad {

struct CategoryScore {
  int records = 0, correct_records = 0;
  int correct = 0, uncoded = 0, extra = 0, null_dropped = 0;
  double tp() const { return correct + uncoded ? 100.0 * correct / (correct + uncoded) : 0; }
  double fn() const { return correct + uncoded ? 100.0 * uncoded / (correct + uncoded) : 0; }
  double fp() const { return correct + uncoded ? 100.0 * extra / (correct + uncoded) : 0; }
  void Add(const CategoryScore& o);
};

// Scores one record's coded events against its expectations; adds to `score`. Returns
// true when the record is fully correct.
bool ScorePetrarchRecord(const PetrarchRecord& r, const std::vector<PetrarchCoding>& coded,
                         CategoryScore* score);

// A printable table: per category records, correct records, correct, uncoded, extra,
// null, TP%, FN%, FP%, and the total.
std::string FormatPetrarchScores(const std::map<std::string, CategoryScore>& by_category);

}  // namespace dyad

#endif  // DYAD_CODE_PETRARCH_EVAL_H_
