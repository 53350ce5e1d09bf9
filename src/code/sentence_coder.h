// Codes the events of one parsed sentence: verb patterns matched over predicates, actors
// resolved from dictionary matches (names, titles + nationality, metonyms, appositions,
// possessives, pronouns and definite descriptions via the article memory), compound
// actors exploded into dyads, modality, date and place.
#ifndef DYAD_CODE_SENTENCE_CODER_H_
#define DYAD_CODE_SENTENCE_CODER_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/coder.h"
#include "dyad/document.h"
#include "dyad/event.h"
#include "src/code/conventions.h"
#include "src/code/gazetteer.h"
#include "dyad/lexicon.h"
#include "src/code/nominal.h"
#include "src/code/word_lists.h"

namespace dyad {

class EventProposer;

struct CoderKnowledge {
  const ActorLexicon* actors = nullptr;                // required
  const PatternSet* patterns = nullptr;                // required
  const std::vector<DiscardRule>* discards = nullptr;  // optional
  const DiscardMatcher* discard_matcher = nullptr;     // optional index of `discards` (faster)
  // Event code -> the code of its negation (PETRARCH PICO); optional. A negated verb whose
  // code has one is coded with it, asserted ("did not clash" 110 -> 050).
  const std::map<std::string, std::string>* negations = nullptr;
  std::function<const CameoInfo*(const std::string&)> cameo;  // required
  // Role code -> PLOVER sector ("HLH" -> "MED"); optional (role code used as is).
  std::function<std::string(const std::string&)> role_sector;
  const Gazetteer* gazetteer = nullptr;  // optional: places get coordinates
  // ISO3 -> CAMEO country code ("ROU" -> "ROM"); optional: with the gazetteer, a city the
  // dictionaries lack codes as its country ("shelled Kharkiv" -> UKR).
  std::function<std::string(const std::string&)> cameo_country;
  // Event nouns ("invasion of", "talks between"); optional (no nominal events).
  const NominalLexicon* nominals = nullptr;
  // Code prefixes that may be coded without a target ("15": a force posture needs none);
  // optional (every code may). A speech or a threat with no target is noise analysts
  // filter out first, so dyad's own conventions keep a short list.
  const std::vector<std::string>* targetless_codes = nullptr;
  // Closed word lists (data/conventions/word_lists.txt: speech and reciprocal verbs, people
  // nouns, ...); optional, but without them no list matches (no reciprocal subjects, no
  // reported speech).
  const WordLists* words = nullptr;
  // CAMEO conventions (data/conventions/cameo_conventions.txt); optional (none applied).
  const CameoConventions* conventions = nullptr;
  // The learned proposer (data/models/proposer.bin, src/code/proposer.h); optional (only
  // the patterns code).
  const EventProposer* proposer = nullptr;
};

// Actors seen so far in the article, for pronouns and definite descriptions.
struct ArticleMemory {
  struct Seen {
    Actor actor;
    int sentence = 0;
    bool person = false;
    std::string role;  // agent role when known ("GOV")
  };
  std::vector<Seen> seen;  // most recent last
  // People the dictionaries lack, known by a title earlier in the article ("President
  // William Ruto" -> KENGOV): lowercased full name and surname -> the actor.
  std::map<std::string, Actor> names;
  // Nationality adjectives seen ("French unions"): the last resort for the country of
  // domestic actors named later ("Protesters blocked roads"); most recent last.
  std::vector<Seen> nationalities;
};

struct SentenceCoderOptions {
  // Emit events whose target could not be found (single-actor events). Default: true.
  bool allow_missing_target = true;
  // Emit events whose source is an uncoded named entity. Default: true (they are
  // reported with type "unknown", never silently dropped).
  bool allow_unknown_actors = true;
  // When a pattern names no target, take the first actor among the verb's objects and
  // their nested phrases, then its obliques that name no place or time. Default: false.
  bool infer_target = false;
  // With infer_target, also try place obliques, then the first actor after the verb in its
  // clause (PETRARCH's reading). Default: false (on the real-news dev split it doubled the
  // false positives for a sixth more true ones).
  bool infer_target_widely = false;
  // Apply dyad's CAMEO conventions on top of pattern codes (future cooperation -> 03x
  // intents, 044 for meetings in a third country). Default: true.
  bool cameo_conventions = true;
  // PETRARCH's paired events: a visit (042) also codes the host's 043, and consultations
  // (040, 041, 044, 046) are coded in both directions. Default: false.
  bool paired_events = false;
  // Minimum margin of a learned proposal (CoderOptions::proposer_threshold, or the model's
  // own). Default: 0.
  float proposer_threshold = 0.0f;
};

// Codes sentence `index` of `article`. `s` must be tagged and parsed. Updates `memory`.
// `matches`: the sentence's dictionary matches when the caller already has them (else
// they are looked up here). `uncoded`, when given, receives the predicates that join two
// coded actors but match no pattern (see CoderOptions::mine_predicates); `candidates`, the
// actor pairs the learned proposer considers (CoderOptions::collect_candidates).
std::vector<Event> CodeSentence(const Article& article, const Sentence& s, int index,
                                const CoderKnowledge& k, const SentenceCoderOptions& options,
                                ArticleMemory* memory,
                                const std::vector<ActorMatch>* matches = nullptr,
                                std::vector<std::string>* uncoded = nullptr,
                                std::vector<EventCandidate>* candidates = nullptr);

}  // namespace dyad

#endif  // DYAD_CODE_SENTENCE_CODER_H_
