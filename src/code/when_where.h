// The date and place stage: when and where a coded predicate happened.
//
//   EventDater dater(article, sentence, words);
//   EventDate d = dater.For(predicate, Modality::kAsserted);  // the article date unless a
//                                                               // date modifies the verb
//   Location loc = PlaceOf(article, sentence, predicate, matches, gazetteer);
#ifndef DYAD_CODE_WHEN_WHERE_H_
#define DYAD_CODE_WHEN_WHERE_H_

#include <optional>
#include <vector>

#include "dyad/article.h"
#include "dyad/document.h"
#include "dyad/event.h"
#include "src/code/clause.h"
#include "src/util/dates.h"
#include "src/code/gazetteer.h"
#include "dyad/lexicon.h"
#include "src/code/word_lists.h"

namespace dyad {

class EventDater {
 public:
  // `article`, `sentence` and `words` must outlive the dater.
  EventDater(const Article& article, const Sentence& sentence, const WordLists& words)
      : a_(article), s_(sentence), words_(words) {}

  // The date of predicate `a`: a date expression that modifies its verb (directly, or
  // through time nouns: "in the early hours of February 24"), read forward for future
  // modality; else the article date (basis "article"), or, for an act told as background
  // (a pluperfect "had invaded", a "since" clause), the article date as an upper bound with
  // basis "background". Dates introduced by "for", "by", "until", "since", "before", "after"
  // or "to" are references, not the event's date.
  EventDate For(const Predicate& a, Modality modality);

 private:
  bool IsBackground(const Predicate& a) const;

  const Article& a_;
  const Sentence& s_;
  const WordLists& words_;
  std::optional<std::vector<DateExpr>> found_[2];  // the sentence's dates, per tense
};

// The place of predicate `a`: its first proper-noun oblique with "in", "at", "near" or
// "outside" that a dictionary match or the gazetteer places in a country (an apposed
// country helps: "in Riyadh, Saudi Arabia"). Empty when none.
Location PlaceOf(const Article& article, const Sentence& s, const Predicate& a,
                 const std::vector<ActorMatch>& matches, const Gazetteer* gazetteer);

}  // namespace dyad

#endif  // DYAD_CODE_WHEN_WHERE_H_
