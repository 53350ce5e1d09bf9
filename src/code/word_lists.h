// The closed word lists the coder's stages consult (speech verbs, reciprocal verbs, people
// nouns, ...), read from an editable text file instead of living in C++.
//
//   auto words = WordLists::LoadFile(DataDir() + "/conventions/word_lists.txt");
//   if (!words.ok()) return words.status();
//   if (words->Has(WordList::kSpeechVerbs, "say")) { ... }
//
// File format (data/conventions/word_lists.txt documents it too): `[name]` opens a list,
// words follow separated by spaces or newlines, `#` starts a comment. Words are matched
// lowercased (callers pass lemmas or lowercased forms).
#ifndef DYAD_CODE_WORD_LISTS_H_
#define DYAD_CODE_WORD_LISTS_H_

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "dyad/status.h"

namespace dyad {

enum class WordList {
  kSpeechVerbs,            // "say", "announce": introduce reported speech
  kFutureGovernors,        // "plan", "vow": the governed act is ahead (future)
  kNegatingGovernors,      // "refuse", "postpone": the governed act does not happen
  kHypotheticalGovernors,  // "try", "could": the governed act may happen
  kGerundMarks,            // "of", "for": "accused Iran [of directing]" fills the "of" slot
  kGerundSubjectMarks,     // "by", "after": "X did Y [by accusing Z]" - X accuses
  kSubjectControlVerbs,    // "promise": "X promised Y to withdraw" = X withdraws
  kReciprocalVerbs,        // "meet": "X and Y met" = X met Y and Y met X
  kPeopleNouns,            // "leader", "side": "the two leaders" are people, not states
  kStateNouns,             // "country", "nation": "the two countries"
  kQuantityNouns,          // "dozens": "dozens of protesters" names the protesters
  kTimeWords,              // "monday", "week": obliques that are times, not actors
  kTimeNouns,              // "morning": "in the early hours of February 24" climbs to the verb
  kPlaceNouns,             // "port": "the port of Odesa" is Odesa
  kPlacePrepositions,      // "at", "in": obliques that usually name a place
  kOrganisationWords,      // "party", "army": an unknown name holding one is an organisation
  kOrganisationNouns,      // "group", "bloc": "the group" refers back to an organisation
  kPrepositionHomographs,  // "like", "near": prepositions that are also verbs, never re-tagged
  kReciprocalNouns,        // "talks": "X and Y opened talks" = X with Y and Y with X
  kJointActionVerbs,       // "open", "launch": reciprocal when their object is a reciprocal noun
  kPassiveParticipleMarks, // "by", "in": "members killed in a strike" is a passive, not a past
  kFemaleGivenNames,       // "giorgia": "she"/"her" may refer to Giorgia Meloni, "he" not
  kMaleGivenNames,         // "emmanuel": "he"/"him" may refer to Emmanuel Macron, "she" not
  kCount
};

// The list's name in the file ("speech_verbs" for kSpeechVerbs).
std::string_view WordListName(WordList list);

class WordLists {
 public:
  // Empty lists: every Has() is false.
  WordLists() = default;

  // Reads and parses `path`. Errors: IOError when unreadable; Corruption naming
  // path:line for an unknown list name or a word outside any list.
  static Result<WordLists> LoadFile(const std::string& path);

  // Parses `text`; `origin` names it in errors.
  static Result<WordLists> Parse(std::string_view text, const std::string& origin);

  // Whether `word` (lowercased) is in `list`.
  bool Has(WordList list, std::string_view word) const {
    const auto& s = sets_[static_cast<size_t>(list)];
    return s.find(word) != s.end();
  }

  // Number of words in `list`.
  size_t size(WordList list) const { return sets_[static_cast<size_t>(list)].size(); }

  // The text the lists were read from (part of the coder's version fingerprint).
  const std::string& source() const { return source_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  std::array<Set, static_cast<size_t>(WordList::kCount)> sets_;
  std::string source_;
};

}  // namespace dyad

#endif  // DYAD_CODE_WORD_LISTS_H_
