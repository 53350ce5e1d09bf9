// What the event coder needs to know, as two narrow interfaces: an actor lexicon (names,
// titles and their codes on a date) and a verb-pattern set. Dictionaries of every format
// (ours, PETRARCH-2, TABARI) are adapted to these, so the coder has one matching engine.
//
//   DictionaryLexicon lex(dict);                 // dyad/dictionary.h
//   std::vector<ActorMatch> found;
//   lex.FindActors(sentence, "2025-02-18", &found);
//   for (const VerbPattern& p : dict.patterns.ForVerb("meet")) { ... }
#ifndef DYAD_LEXICON_H_
#define DYAD_LEXICON_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"

namespace dyad {

// One dictionary match over a token range of a sentence.
struct ActorMatch {
  int first = 0, last = 0;  // token range [first, last]
  std::string code;  // full CAMEO code valid on the date ("RUSGOV"); for agents the role ("GOV")
  std::string name;  // canonical name
  // The entry's type (kCountry .. kPerson) or kAgent for a role noun. Default: kNone.
  ActorType type = ActorType::kNone;
  std::string country;  // ISO3 when known
  std::string sector;   // PLOVER sector when the dictionary says so
  std::string entry;    // "people_west.txt:120 Marco Rubio USAGOV@2025-01-21.." for the reason
};

class ActorLexicon {
 public:
  virtual ~ActorLexicon() = default;
  // Appends every longest non-overlapping match in `s` (actors and agents), resolving
  // dated codes on `date` ("YYYY-MM-DD"; empty = undated entries only / latest role).
  virtual void FindActors(const Sentence& s, const std::string& date,
                          std::vector<ActorMatch>* out) const = 0;
};

// A verb pattern in dyad's grammar (doc/dictionaries.md), compiled.
struct PatternSlot {
  enum class Kind { kTarget, kSource, kNoun, kAny };
  std::string prep;  // "with", "because_of"
  Kind kind = Kind::kAny;
  std::vector<std::string> nouns;  // lemmas for kNoun
};

struct VerbPattern {
  std::string code;                       // CAMEO event code
  std::string verb;                       // lemma
  std::vector<std::string> particles;     // ~off
  bool object_target = false;             // +T
  bool object_source = false;             // +S
  std::vector<std::string> object_nouns;  // {a|b}: the object's lemma must be one of these
  // Words that must modify that object, each one of its alternatives (PETRARCH's noun
  // phrase "{&TIETYPES MEMOS}": a tie-type word before "memos").
  std::vector<std::vector<std::string>> object_mods;
  std::vector<PatternSlot> slots;  // [prep ...]
  std::string xcomp;               // >lemma
  // "!accept {outcome}": matches only a negated verb, and the event is then asserted
  // ("won't accept any outcome" is a rejection, 127).
  bool negated = false;
  std::string text;    // the pattern as written
  std::string origin;  // "verbs.txt:120"
  int Specificity() const;
};

class PatternSet {
 public:
  void Add(VerbPattern p);
  // Patterns for a verb lemma, in file order (empty when none).
  const std::vector<VerbPattern>& ForVerb(std::string_view lemma) const;
  // True when `lemma` has any pattern (used to skip sentences cheaply).
  bool HasVerb(std::string_view lemma) const { return by_verb_.count(std::string(lemma)) > 0; }
  size_t size() const { return size_; }
  // Every pattern (order unspecified), for statistics and checks.
  std::vector<const VerbPattern*> All() const;

 private:
  std::unordered_map<std::string, std::vector<VerbPattern>> by_verb_;
  size_t size_ = 0;
};

// Facts of one CAMEO event code, from the ontology tables.
struct CameoInfo {
  std::string code, name;
  double goldstein = 0.0;
  int quad = 0;  // GDELT QuadClass
  std::string plover_event, plover_mode, plover_context;
};

// Discard phrases: sentences containing one are not coded (sports, markets).
struct DiscardRule {
  std::string kind;                 // "sport", "market", ...
  std::vector<std::string> tokens;  // lowercase; "*" any token, "<num>" (or "#") any number
  std::string origin;
};

// Finds discard phrases in sentences; built once per rule set (which must outlive it).
class DiscardMatcher {
 public:
  explicit DiscardMatcher(const std::vector<DiscardRule>& rules);
  // True when the sentence contains a discard phrase (form or lemma, case-insensitive);
  // sets *rule (when non-null) to the first such rule in file order. Thread-safe.
  bool Matches(const Sentence& s, const DiscardRule** rule) const;

 private:
  const std::vector<DiscardRule>* rules_;
  std::unordered_map<std::string, std::vector<uint32_t>>
      by_word_;                   // longest concrete word -> rules
  std::vector<uint32_t> always_;  // rules of wildcards only
};

// One-off form of DiscardMatcher::Matches (builds the index each call).
bool MatchesDiscard(const Sentence& s, const std::vector<DiscardRule>& rules,
                    const DiscardRule** rule);

}  // namespace dyad

#endif  // DYAD_LEXICON_H_
