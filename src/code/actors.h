// The actors-and-coreference stage: which actor(s) a phrase of a parsed sentence refers
// to. Names, titles + nationality ("Russian Foreign Minister"), metonyms, appositions,
// possessives ("his country"), pronouns and definite descriptions ("the group", "the two
// leaders") through the article memory; compound phrases give one actor per conjunct.
//
//   ActorResolver actors(article, sentence, index, knowledge, options, &memory, &matches);
//   std::vector<Actor> who = actors.ResolveAll({subject_head});
//   actors.Remember();  // once per sentence, for later pronouns and descriptions
#ifndef DYAD_CODE_ACTORS_H_
#define DYAD_CODE_ACTORS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/article.h"
#include "dyad/document.h"
#include "dyad/event.h"
#include "src/code/clause.h"
#include "dyad/lexicon.h"
#include "src/code/sentence_coder.h"
#include "src/code/word_lists.h"

namespace dyad {

class ActorResolver {
 public:
  // All references must outlive the resolver. `matches`: the sentence's dictionary matches
  // (nullptr: looked up here through k.actors). `memory` is read and, by Remember(),
  // updated.
  ActorResolver(const Article& a, const Sentence& s, int index, const CoderKnowledge& k,
                const SentenceCoderOptions& o, ArticleMemory* memory,
                const std::vector<ActorMatch>* matches);

  // The sentence's dictionary matches (after DropPlacesInsideNames()).
  const std::vector<ActorMatch>& matches() const { return matches_; }
  // Whether a pronoun was resolved since the flag was last cleared (lowers confidence).
  bool pronoun_resolved() const { return pronoun_resolved_; }
  void clear_pronoun_resolved() { pronoun_resolved_ = false; }

  bool Listed(WordList list, const std::string& word) const;
  bool IsTimeWord(const Token& t) const;
  bool IsReciprocalVerb(const std::string& lemma) const;
  bool IsPeopleNoun(const std::string& lemma) const;
  bool IsQuantityNoun(const std::string& lemma) const;
  // The actors of an event noun's side phrases: a nationality adjective ("Israeli
  // airstrikes") is an actor here, though Resolve() reads a lone one as a modifier.
  std::vector<Actor> ResolveSides(const std::vector<int>& heads);
  // The doer of the act an object noun names: its possessor or actor modifier ("Russia's
  // invasion", "the Israeli strikes"), or the by-agent of a participle on it ("the sanctions
  // imposed by the EU"). Empty when the object is itself an actor or names none.
  std::vector<Actor> DoerOf(int ob);
  // Whether `a` was coded from its own words ("Ukrainian civilians"), not completed from the
  // context's country or by coreference ("20 people", "them").
  static bool NamedByItsPhrase(const Actor& a);
  // "Defence Minister Aden Duale", "Foreign Minister Israel Katz": a one-word place between
  // a title and an uncoded capitalised name is the person's first name.
  void DropPlacesInsideNames();
  bool IsPluralDescription(int head);

  std::string PhraseText(int first, int last) const;
  Actor FromMatch(const ActorMatch& m) const;
  std::string SectorOfRole(const std::string& role) const;
  // Matches inside [first, last].
  std::vector<const ActorMatch*> MatchesIn(int first, int last) const;
  // True when `tok` modifies `head` inside its noun phrase proper (compound, adjective,
  // possessive, flat name, determiner, number), not through a prepositional phrase or a
  // clause: "Russian forces", "Russia's government", but not "ties [with Gondor]".
  bool InCore(int tok, int head) const;
  // "Danish media and government", "lawmakers and officials in Arnor": a conjunct title
  // without a country of its own shares the one of the phrase it is coordinated with.
  const ActorMatch* SharedConjunctCountry(int head, int first, int last) const;
  // The capitalised proper nouns of [first, last] no dictionary entry covers, lowercased:
  // ("william ruto", "ruto") for "President William Ruto".
  std::pair<std::string, std::string> UncodedName(int first, int last) const;
  // True when `tok` is not inside an adverbial clause with its own subject under `verb`
  // ("after a hobbit was seen").
  // Complement clauses count: PETRARCH takes "X believes Y can cope" as X -> Y.
  bool InClauseOf(int tok, int verb) const;
  // True when a token depends on `head` with relation `rel` (its base, or the full label
  // when `rel` has a subtype; empty = any) and lemma `lemma` (empty = any).
  bool HasDependent(int head, std::string_view rel, std::string_view lemma) const;
  std::vector<int> Appositions(int head) const;
  // The actor(s) a nominal phrase refers to. Empty when it refers to none we can name.
  std::vector<Actor> Resolve(int head, int depth = 0);
  Actor Agent(const ActorMatch& agent, const ActorMatch* country, int head);
  // "his country", "its government": the country of the person or state the possessive
  // pronoun refers to.
  std::vector<Actor> PossessedCountry(int head);
  bool IsDefiniteDescription(int head) const;
  // A city of 100,000 people or more that the dictionaries lack stands for its country, as
  // in CAMEO practice ("Russian forces shelled Kharkiv" -> UKR). Only whole proper-noun
  // phrases ("Kharkiv", "Kryvyi Rih"), never a part of a longer name.
  std::optional<Actor> CityActor(int first, int last) const;
  std::string GuessType(int first, int last) const;
  std::vector<Actor> FromMemory(const std::string& pronoun, int head);
  // The speaker of the quotation a first-person pronoun at `head` sits in; empty when the
  // pronoun is not quoted or the speaker is not named in the sentence.
  std::vector<Actor> QuoteSpeaker(int head);
  // The most recent person (within five sentences) whose dictionary role mentions `title`.
  std::vector<Actor> TitledPerson(const std::string& title, int head);
  // "the group", "the movement", "the bloc": the organisation named last (five sentences).
  std::vector<Actor> OrganisationDescription(int head);
  std::vector<Actor> Recent(int n, bool countries);
  std::vector<Actor> ResolveAll(const std::vector<int>& heads);
  void Remember();

 protected:
  const Article& a_;
  const Sentence& s_;
  const int index_;
  const CoderKnowledge& k_;
  const SentenceCoderOptions& o_;
  ArticleMemory* memory_;
  const WordLists& words_;
  std::vector<ActorMatch> matches_;
  bool pronoun_resolved_ = false;
};

}  // namespace dyad

#endif  // DYAD_CODE_ACTORS_H_
