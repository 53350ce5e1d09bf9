// The modality stage: whether a coded predicate is asserted, reported, negated,
// hypothetical or future, and how CAMEO conventions turn some of these into events.
//
//   Modality m = PredicateModality(pred, pattern.negated, sentence_is_question);
//   Modality e = EventModality(m, /*pico_negated=*/false, /*intent=*/true, pred.speaker >= 0);
#ifndef DYAD_CODE_MODALITY_H_
#define DYAD_CODE_MODALITY_H_

#include <optional>
#include <string>

#include "dyad/document.h"
#include "dyad/event.h"
#include "src/code/clause.h"
#include "src/code/word_lists.h"

namespace dyad {

// Whether the sentence asks ("Putin-Trump meet soon?"): its last token holds a '?'.
bool IsQuestion(const Sentence& s);

// The modality of predicate `p` as a pattern codes it: a question does not assert; a
// pattern that encodes the negation itself ("refused to withdraw" as 1012-style codes,
// `pattern_negated`) makes the refusal asserted, or reported when someone says it.
Modality PredicateModality(const Predicate& p, bool pattern_negated, bool question);

// The modality of one event coded with `predicate_modality`: a negation coded by its own
// code (PETRARCH PICO, "did not clash" -> 050, `pico_negated`) is asserted, and so is an
// intent or threat a future act became (`intent`; reported when `spoken`).
Modality EventModality(Modality predicate_modality, bool pico_negated, bool intent, bool spoken);

// Whether `lemma` is an auxiliary of the future ("will", "shall", "'ll").
bool IsFutureAuxiliary(const std::string& lemma);

// What a governing verb does to the act it governs, by the word lists: kNegated ("refused
// to withdraw", "postponed the visit"), kHypothetical ("tried to seize"), kFuture ("plans to
// attack"); nullopt for any other verb.
std::optional<Modality> GovernorModality(const WordLists& words, const std::string& lemma);

}  // namespace dyad

#endif  // DYAD_CODE_MODALITY_H_
