// Scores main-text extraction against a benchmark of pages with human-checked article
// bodies (the scrapinghub article-extraction-benchmark layout: html/<id>.html[.gz] and
// ground-truth.json {"<id>": {"articleBody": ..., "url": ...}}). Token-level P/R/F1 as in
// that benchmark's evaluate.py: lowercased word tokens, bag-of-tokens overlap per page,
// averaged over pages.
#ifndef DYAD_TEXT_HTML_EVAL_H_
#define DYAD_TEXT_HTML_EVAL_H_

#include <map>
#include <string>

#include "dyad/status.h"

namespace dyad {

struct HtmlEvalGroup {
  int pages = 0;
  double precision = 0, recall = 0, f1 = 0;  // means over pages
};

struct HtmlEvalResult {
  std::map<std::string, HtmlEvalGroup> by_language;  // "en", "ru", ...
  HtmlEvalGroup all;
};

Result<HtmlEvalResult> EvaluateHtmlExtraction(const std::string& dir);

// Token-level precision, recall and F1 of `predicted` against `gold`.
void TokenPrf(const std::string& predicted, const std::string& gold, double* p, double* r, double* f);

}  // namespace dyad

#endif  // DYAD_TEXT_HTML_EVAL_H_
