// The real-news gold (testdata/real-news, ../shared/eval/real-news/PROTOCOL.md): reading the
// hand-coded sentence records, finding their text in ../shared/news, and scoring coded
// events against them.
//
//   auto gold = dyad::ReadGoldFiles({"testdata/real-news/gold.jsonl"});
//   dyad::GoldScorer scorer(&ontology);
//   for (each gold article) {
//     CodedArticle c = coder.Code(article);
//     scorer.AddArticle(sentences_of_that_article, text, c.events);
//   }
//   std::cout << scorer.Report(options);
//
// Matching (PROTOCOL.md "Scoring"): a coded event matches a gold event when the CAMEO root
// (first two digits) and the first three letters of source and target agree, one to one
// within a sentence; exact matches (full code and full actor codes) are paired first. Only
// events asserted or reported as fact count, on both sides. A coded event belongs to the
// gold sentence whose span holds its verb. Country blocks are compared as ISO alpha-3
// (dyad's CAMEO "ROM" is ISO "ROU"); a missing actor is "---".
#ifndef DYAD_CODE_GOLD_EVAL_H_
#define DYAD_CODE_GOLD_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/coder.h"
#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad {

class Ontology;

struct GoldEvent {
  std::string source, source_text, code, target, target_text;
  std::string modality = "asserted";  // asserted|negated|future|hypothetical|reported
  std::string date, date_basis;       // "YYYY-MM-DD", "article|explicit|relative"
  std::string place, place_country, note;
  // Counted by the scorer: asserted, or reported as fact.
  bool Counted() const { return modality == "asserted" || modality == "reported"; }
};

struct GoldSentence {
  std::string corpus, key, split, article_date;
  int sent_index = 0;
  int start = 0, end = 0;  // code-point offsets into the record's text, end exclusive
  std::string sentence_sha1;  // first 16 hex digits of sha1(UTF-8 sentence)
  std::string confidence;
  std::vector<GoldEvent> events;
  std::string where;  // "file:line", for messages
};

// Reads gold JSON Lines files. Bad lines are reported in `problems` ("file:line: reason")
// and skipped; fails only when a file cannot be read.
Result<std::vector<GoldSentence>> ReadGoldFiles(const std::vector<std::string>& paths,
                                                std::vector<std::string>* problems);

// One article's text found in the news corpora, with its gold sentences' byte spans.
struct GoldArticle {
  std::string corpus, key, date, title, url, text;
  std::vector<const GoldSentence*> sentences;  // in sentence order
  std::vector<std::pair<uint32_t, uint32_t>> byte_spans;  // per sentence, into `text`
};

// Groups `gold` by article and reads each article's text from the corpus files under
// `news_dir` (../shared/news): geopolitics/realtimeqa by url, reuters21578 and
// conflict-timelines by "line:N". A sentence whose hash does not match the text read is
// reported in `problems` and left out.
Result<std::vector<GoldArticle>> LoadGoldArticles(const std::vector<GoldSentence>& gold,
                                                  const std::string& news_dir,
                                                  std::vector<std::string>* problems);

// The article of `ga` as the coder reads it: its text up to the end of its last gold
// sentence (the coder reads forward, so later text cannot change those sentences).
Article GoldArticleInput(const GoldArticle& ga);

// Codes articles[i] for each i in `which` (every article when empty) on `jobs` threads;
// results in the order of `which`.
Result<std::vector<CodedArticle>> CodeGoldArticles(const Coder& coder,
                                                   const std::vector<GoldArticle>& articles,
                                                   const std::vector<size_t>& which, int jobs);

// The 3-letter actor block the scorer compares, as ISO alpha-3 when the ontology knows the
// country ("ROM" -> "ROU"); "---" for an empty or missing code. `ontology` may be null.
std::string GoldBlock(const Ontology* ontology, const std::string& code);

// Counts at one level of matching.
struct GoldCounts {
  int tp = 0, fp = 0, fn = 0;
  int exact = 0;       // matches that also agree on the full code and full actor codes
  int date_right = 0;  // matches whose event date equals the gold date (when gold has one)
  int date_known = 0;
  double Precision() const { return tp + fp ? 100.0 * tp / (tp + fp) : 0; }
  double Recall() const { return tp + fn ? 100.0 * tp / (tp + fn) : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  void Add(const GoldCounts& o);
};

// What a diagnostic line lists.
struct GoldError {
  std::string split, corpus, key, where, kind;  // kind: "miss" or "false positive"
  std::string category;  // why, in a few words ("no event in sentence", "root right, actors wrong", ...)
  std::string sentence;  // the sentence text (shown, never stored)
  std::string gold, coded;  // "USAGOV 040 RUSGOV" lines of both sides
  std::string mentions;     // actor blocks recognised in the sentence ("" when not known)
};

// Stage diagnostics over gold events (see Report): how many gold predicates, actors and
// argument attachments the coder's events show.
struct GoldStageCounts {
  int gold_events = 0;
  int predicate_found = 0;  // some coded event in the sentence has the gold root
  int actor_slots = 0;      // gold source/target slots with a code
  int actor_found = 0;      // ... whose 3-letter block is an actor of some coded event there
  int actor_mentioned = 0;  // ... whose block is among the sentence's coded actor mentions
                            // (only when the scorer is given the candidates)
  int pair_mentioned = 0;   // gold events whose source and target blocks are both mentioned
  int both_found = 0;       // gold events whose root and both actor blocks were found
  int attached = 0;         // ... and matched (the arguments went to the right predicate)
};

struct GoldReportOptions {
  bool by_root = true;      // per-root table. Default: true.
  bool stages = false;      // stage diagnostics. Default: false.
  bool show_errors = false; // list misses and false positives of the dev split. Default: false.
                            // Test-split errors are never listed (tune on dev, report test).
};

class GoldScorer {
 public:
  explicit GoldScorer(const Ontology* ontology) : ontology_(ontology) {}

  // Scores one article's coded events against its gold sentences. With `candidates` (the
  // coder's actor mentions, CoderOptions::collect_candidates), misses are also told apart by
  // whether their actors were recognised at all, and the stage report counts mentions.
  void AddArticle(const GoldArticle& article, const std::vector<Event>& events,
                  const std::vector<EventCandidate>* candidates = nullptr);

  // Counts of one split ("dev", "test"; "" = all), optionally one corpus ("" = all).
  GoldCounts Totals(const std::string& split, const std::string& corpus = "") const;

  // A printable report: per split and corpus P/R/F1 and exact share, per root, stages,
  // the error-category table of misses, and (dev only) the error listing.
  std::string Report(const GoldReportOptions& options) const;

 private:
  std::string Block(const std::string& actor_code) const { return GoldBlock(ontology_, actor_code); }

  const Ontology* ontology_;
  // split -> corpus -> counts
  std::map<std::string, std::map<std::string, GoldCounts>> counts_;
  // split -> root -> counts (recall by gold root, precision by coded root)
  std::map<std::string, std::map<std::string, GoldCounts>> by_root_;
  std::map<std::string, GoldStageCounts> stages_;
  bool mentions_known_ = false;  // some article came with its candidates
  // split -> miss/false-positive category -> count
  std::map<std::string, std::map<std::string, int>> categories_;
  std::vector<GoldError> errors_;
};

}  // namespace dyad

#endif  // DYAD_CODE_GOLD_EVAL_H_
