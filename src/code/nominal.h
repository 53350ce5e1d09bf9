// Events written as nouns: "Russia's invasion of Ukraine", "Israeli airstrikes on Gaza",
// "talks between the United States and Iran", "the seizure of the ship by Iranian forces".
//
//   NominalLexicon lex;
//   std::vector<std::string> problems;  // file:line and reason of each skipped line
//   Status st = lex.LoadFile("data/conventions/nominal_events.txt", &problems);
//   for (const NominalPredicate& p : FindNominalPredicates(sentence, lex)) {
//     // p.noun, p.entry->code, p.sources / p.targets (phrase heads), p.mutual
//   }
//
// This stage finds the event nouns and their argument phrases from the parse alone; which
// phrases are actors is the actor stage's decision, so a nominal predicate with no coded
// source or target yields no event.
#ifndef DYAD_CODE_NOMINAL_H_
#define DYAD_CODE_NOMINAL_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

// One line of the nominal-event lexicon: `CODE | noun; noun ... | preps [| mutual]`
// (data/conventions/nominal_events.txt documents the format; `@unreal | word; word` lists the
// modifiers that make an event noun unreal, `@future | ...` those that put it ahead, `@light |
// ...` the verbs whose subject does the event their object names).
struct NominalEntry {
  std::string code;                // CAMEO event code
  std::string noun;                // the lemma (or lowercased form) matched
  std::vector<std::string> preps;  // prepositions whose object is the target ("on", "of")
  // The event is done by each side to the other ("talks with", "war between"): a target
  // found through "with" also codes the reverse event.
  bool mutual = false;
  std::string origin;  // "nominal_events.txt:12", for the reason
};

class NominalLexicon {
 public:
  // Parses the lexicon text; problems (file:line and reason) are appended to `problems`
  // and those lines skipped. `name` is used in origins and problems.
  void Parse(const std::string& text, const std::string& name, std::vector<std::string>* problems);
  // Reads and parses a file; IOError when unreadable.
  Status LoadFile(const std::string& path, std::vector<std::string>* problems);
  // The entry for a noun (by lemma, then lowercased form); nullptr when none.
  const NominalEntry* Find(const Token& t) const;
  // True for a modifier that makes the event unreal ("possible strikes", "potential talks").
  bool IsUnrealModifier(const Token& t) const;
  // True for a modifier that puts the event ahead ("upcoming summit", "planned talks").
  bool IsFutureModifier(const Token& t) const;
  // True for a verb whose object noun names the event its subject does ("waged war on",
  // "launched airstrikes against").
  bool IsLightVerb(const Token& t) const;
  size_t size() const { return by_noun_.size(); }
  // Content hash of what was parsed, for the coder's version string.
  const std::string& fingerprint_source() const { return source_; }

 private:
  std::unordered_map<std::string, NominalEntry> by_noun_;
  std::vector<std::string> unreal_, future_, light_;
  std::string source_;
};

struct NominalPredicate {
  int noun = -1;                      // token index of the event noun
  const NominalEntry* entry = nullptr;
  std::vector<int> sources;           // phrase heads: possessor, actor modifiers, by-agent,
                                      // subject of a light verb
  std::vector<int> targets;           // phrase heads: objects of the entry's prepositions
  // "talks between X and Y", "US-Iran talks": the sides are in `sources`, each acts on the
  // others; `targets` is then empty.
  bool reciprocal = false;
  // A target came through "with" on a mutual noun ("Israel's war with Hamas"): the
  // target also acts on the source. ("war on Iran" is one-sided.)
  bool mutual = false;
  // A future modifier ("the upcoming summit"): the event is ahead, not done.
  bool future = false;
};

// The nominal predicates of a parsed sentence. `is_actor(token)` says whether a token is
// covered by an actor mention, so that modifiers ("Israeli", "U.S.") can be told from
// descriptive ones ("deadly", "air"). Nouns with neither a source nor a reciprocal pair
// are left out.
template <typename IsActor>
std::vector<NominalPredicate> FindNominalPredicates(const Sentence& s, const NominalLexicon& lex,
                                                    IsActor is_actor);

// Implementation detail of the template, exposed for the test.
std::vector<NominalPredicate> FindNominalPredicatesImpl(const Sentence& s,
                                                        const NominalLexicon& lex,
                                                        const std::vector<char>& actor_tokens);

template <typename IsActor>
std::vector<NominalPredicate> FindNominalPredicates(const Sentence& s, const NominalLexicon& lex,
                                                    IsActor is_actor) {
  std::vector<char> actor_tokens(s.tokens.size(), 0);
  for (size_t i = 0; i < s.tokens.size(); ++i) actor_tokens[i] = is_actor(static_cast<int>(i));
  return FindNominalPredicatesImpl(s, lex, actor_tokens);
}

}  // namespace dyad

#endif  // DYAD_CODE_NOMINAL_H_
