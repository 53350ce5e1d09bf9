// Predicates over a UD dependency parse: for every verb (or verbal predicate) its
// arguments, voice, polarity and modality, with control, coordination and reported
// speech resolved. The verb-pattern matcher and the actor resolver work on these.
#ifndef DYAD_CODE_CLAUSE_H_
#define DYAD_CODE_CLAUSE_H_

#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"
#include "src/code/word_lists.h"

namespace dyad {

struct Oblique {
  std::string prep;  // lowercased preposition lemma(s), "with", "because_of"; "" for tmod/npmod
  int head = -1;     // noun token index
};

struct Predicate {
  int verb = -1;                       // token index of the verb (or predicate head)
  std::string lemma;                   // verb lemma, lowercase
  std::vector<std::string> particles;  // compound:prt lemmas ("off" in "call off")
  std::vector<int> subjects;      // logical subjects (agents): nsubj, or the by-agent of a passive
  std::vector<int> objects;       // logical objects: obj, or nsubj:pass of a passive
  std::vector<int> iobjects;      // indirect objects
  std::vector<Oblique> obliques;  // obl/nmod with their prepositions
  std::vector<int> xcomps;        // indices into the Predicate list: "agreed [to restore]"
  std::vector<int> ccomps;        // complement clauses: "demanded [that the junta release ...]"
  int governor = -1;              // predicate index this one is an xcomp/ccomp/conj of, or -1
  std::string relation;  // how it attaches to its governor: "xcomp", "ccomp", "conj", "advcl", ...
  bool passive = false;
  bool negated = false;                     // "not", "never", "n't", "no longer"
  Modality modality = Modality::kAsserted;  // negated > hypothetical > future > reported > asserted
  int speaker = -1;                // for kReported: token of the speaker (subject of "said")
  int speech_verb = -1;            // for kReported: token of the speech verb
  bool subject_inherited = false;  // subjects came from a controlling or coordinated verb
  bool would = false;              // "would" is its only modal: future-in-the-past when reported
};

// Builds the predicates of a parsed sentence (Token::head/deprel/lemma/upos filled).
// Requires a well-formed tree; tokens with head outside the sentence are ignored. `words`
// gives the speech verbs and the governors that make an xcomp future, negated or
// hypothetical (data/conventions/word_lists.txt).
std::vector<Predicate> FindPredicates(const Sentence& s, const WordLists& words);

// Token indices [first, last] of the phrase headed by `head`: its subtree without
// relative clauses, clausal modifiers and surrounding punctuation.
std::pair<int, int> PhraseSpan(const Sentence& s, int head);

// The conjuncts of `head` including itself, in order ("Russia and China" -> both heads).
std::vector<int> Conjuncts(const Sentence& s, int head);

}  // namespace dyad

#endif  // DYAD_CODE_CLAUSE_H_
