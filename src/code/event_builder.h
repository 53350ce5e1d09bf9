// The event stage: turns one coded predicate and one (source, target) pair into an Event,
// with CAMEO conventions (data/conventions/cameo_conventions.txt), the ontology's fields,
// modality, confidence, and the evidence and reason an analyst reads.
//
//   EventBuilder builder(article, sentence, index, knowledge, options);
//   EventDraft d;  // pattern, sides, modality, date, place, verb ...
//   if (auto e = builder.Build(d)) events.push_back(*e);
#ifndef DYAD_CODE_EVENT_BUILDER_H_
#define DYAD_CODE_EVENT_BUILDER_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dyad/article.h"
#include "dyad/document.h"
#include "dyad/event.h"
#include "src/code/sentence_coder.h"

namespace dyad {

// Whether `code` may be coded without a target (CoderKnowledge::targetless_codes; every
// code may when the list is absent).
bool TargetlessAllowed(const CoderKnowledge& k, const std::string& code);

// The (source, target) pairs of one predicate: every source with every target; with no
// target, a reciprocal predicate pairs its sources with each other ("X and Y met"), and
// otherwise each source stands alone with `none` (the caller decides whether that may be
// coded). Pointers refer into the arguments.
std::vector<std::pair<const Actor*, const Actor*>> BuildDyads(const std::vector<Actor>& sources,
                                                              const std::vector<Actor>& targets,
                                                              bool reciprocal, const Actor& none);

// Everything the builder needs about one event.
struct EventDraft {
  const VerbPattern* pattern = nullptr;  // required
  const Actor* source = nullptr;         // required
  const Actor* target = nullptr;         // required (an empty Actor for none)
  Modality modality = Modality::kAsserted;  // the predicate's (see PredicateModality)
  bool spoken = false;                   // someone says it (the predicate has a speaker)
  Actor speaker;                         // for reported modality; empty otherwise
  EventDate date;
  Location location;
  int verb = -1;           // token of the predicate's verb (required)
  int argument_verb = -1;  // token of the verb whose arguments were used, when another
  std::string group;       // mention group shared by the events of one predicate
  bool reciprocal = false;        // sides came from a reciprocal compound subject
  bool pronoun_resolved = false;  // a side came from a pronoun
  bool subject_inherited = false;  // the subject came from a controlling/coordinated verb
};

class EventBuilder {
 public:
  // All arguments must outlive the builder.
  EventBuilder(const Article& article, const Sentence& sentence, int index,
               const CoderKnowledge& k, const SentenceCoderOptions& options)
      : a_(article), s_(sentence), index_(index), k_(k), o_(options) {}

  // The event, or nullopt when it is not coded: both sides the same actor, an uncoded target
  // for a code that needs one, or a code the ontology lacks.
  std::optional<Event> Build(const EventDraft& d) const;

  // The target's paired event for `e` (a visit's 043 hosting; consultations both ways),
  // or nullopt when the code has none, the target is uncoded, or paired events are off.
  std::optional<Event> Paired(const Event& e) const;

 private:
  // Confidence in [0.05, 0.99] from the pattern's specificity and how the sides were found.
  static double Confidence(const EventDraft& d);

  const Article& a_;
  const Sentence& s_;
  const int index_;
  const CoderKnowledge& k_;
  const SentenceCoderOptions& o_;
};

}  // namespace dyad

#endif  // DYAD_CODE_EVENT_BUILDER_H_
