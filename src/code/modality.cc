#include "src/code/modality.h"

namespace dyad {

bool IsQuestion(const Sentence& s) {
  return !s.tokens.empty() && s.tokens.back().text.find('?') != std::string::npos;
}

Modality PredicateModality(const Predicate& p, bool pattern_negated, bool question) {
  Modality m = p.modality;
  if (question && m == Modality::kAsserted) m = Modality::kHypothetical;
  if (pattern_negated && m == Modality::kNegated) {
    m = p.speaker >= 0 ? Modality::kReported : Modality::kAsserted;
  }
  return m;
}

Modality EventModality(Modality predicate_modality, bool pico_negated, bool intent, bool spoken) {
  // The real-news protocol codes "will meet" as an asserted 036: the intent is stated now.
  if (intent) return spoken ? Modality::kReported : Modality::kAsserted;
  if (pico_negated) return Modality::kAsserted;
  return predicate_modality;
}

bool IsFutureAuxiliary(const std::string& lemma) {
  return lemma == "will" || lemma == "shall" || lemma == "'ll";
}

std::optional<Modality> GovernorModality(const WordLists& words, const std::string& lemma) {
  if (words.Has(WordList::kNegatingGovernors, lemma)) return Modality::kNegated;
  if (words.Has(WordList::kHypotheticalGovernors, lemma)) return Modality::kHypothetical;
  if (words.Has(WordList::kFutureGovernors, lemma)) return Modality::kFuture;
  return std::nullopt;
}

}  // namespace dyad
