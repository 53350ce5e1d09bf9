#include "src/code/petrarch_eval.h"
#include "src/util/text_case.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace dyad {
namespace {

bool IsNull(const std::string& code) { return code.empty() || code == "---"; }

}  // namespace

void CategoryScore::Add(const CategoryScore& o) {
  records += o.records;
  correct_records += o.correct_records;
  correct += o.correct;
  uncoded += o.uncoded;
  extra += o.extra;
  null_dropped += o.null_dropped;
}

bool ScorePetrarchRecord(const PetrarchRecord& r, const std::vector<PetrarchCoding>& coded_in,
                         CategoryScore* score) {
  score->records++;
  std::vector<PetrarchCoding> coded;
  for (const auto& c : coded_in) {
    if (IsNull(c.source) || IsNull(c.target)) {
      score->null_dropped++;
    } else {
      coded.push_back(c);
    }
  }
  if (r.noevents || r.expected.empty()) {
    score->extra += static_cast<int>(coded.size());
    bool ok = coded.empty();
    if (ok) score->correct_records++;
    return ok;
  }
  std::vector<bool> used(coded.size(), false);
  int correct = 0;
  for (const auto& e : r.expected) {
    bool found = false;
    for (size_t i = 0; i < coded.size(); ++i) {
      if (!used[i] && coded[i] == e) {
        used[i] = true;
        found = true;
        break;
      }
    }
    if (found)
      ++correct;
    else
      score->uncoded++;
  }
  score->correct += correct;
  int extra = 0;
  for (bool u : used) extra += !u;
  score->extra += extra;
  bool ok = correct == static_cast<int>(r.expected.size()) && extra == 0;
  if (ok) score->correct_records++;
  return ok;
}

std::string FormatPetrarchScores(const std::map<std::string, CategoryScore>& by_category) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof(buf), "%-10s %7s %7s %7s %7s %7s %5s %7s %7s %7s\n", "category",
                "records", "rec_ok", "correct", "uncoded", "extra", "null", "TP%", "FN%", "FP%");
  out += buf;
  CategoryScore total;
  auto row = [&](const std::string& name, const CategoryScore& s) {
    std::snprintf(buf, sizeof(buf), "%-10s %7d %7d %7d %7d %7d %5d %7.1f %7.1f %7.1f\n",
                  name.c_str(), s.records, s.correct_records, s.correct, s.uncoded, s.extra,
                  s.null_dropped, s.tp(), s.fn(), s.fp());
    out += buf;
  };
  for (const auto& [cat, s] : by_category) {
    row(cat, s);
    total.Add(s);
  }
  row("TOTAL", total);
  return out;
}

}  // namespace dyad
