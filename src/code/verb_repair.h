// Finite-verb repair: the tagger, trained on edited prose, often misses the one finite verb
// of a timeline or headline sentence in the historical present ("Chadian officials accuse
// Sudan of ...", "army units storm Tikrit", "Ruto issues a decree"), tagging it as a
// preposition or a noun; the parse then has no predicate and the sentence no event. This
// stage finds such a word from the verb dictionary and tells the tagger to read it as a verb.
//
//   std::vector<std::string> fix = RepairFiniteVerb(s, lemma, words, forced, actor_tokens);
//   if (!fix.empty()) analyzer.Tag(&s, fix);  // tag again with the verb fixed
#ifndef DYAD_CODE_VERB_REPAIR_H_
#define DYAD_CODE_VERB_REPAIR_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "src/code/word_lists.h"

namespace dyad {

// The lemma of `form` read with PTB tag `tag` when it is a verb the dictionary has patterns
// for, else "" (the coder asks the analyzer's lemmatizer and the pattern set).
using VerbLemma = std::function<std::string(std::string_view form, std::string_view tag)>;

// `s` is tagged. `lemma` tells dictionary verbs; `forced` holds the tags already fixed (may be shorter than the sentence). Returns
// `forced` (resized to the sentence) with one more tag fixed, "VBZ" or "VBP", on the first
// word that
//  - the tagger read as a preposition (IN) before any finite verb, or as a noun, adjective
//    or past participle (NN, NNS, JJ, VBN; an -ed JJ counts as a participle) in a sentence
//    with no finite verb at all;
//  - is lowercase, follows a noun or pronoun that ends a dictionary actor (`actor_tokens[i]`
//    is nonzero for the tokens of the lexicon's matches: "Kenyan police", "Ruto", "troops";
//    an unknown name - a sports team, a storm - is no subject to repair for) and precedes a
//    word that can open
//    an object (a determiner, name, pronoun or adjective; after an IN reading also a number,
//    noun, particle, preposition, "to" or adverb);
//  - is a dictionary verb in the present tense ("accuses"/"issues" -> VBZ, "accuse" -> VBP)
//    or, read as a participle, in the past ("advanced" -> VBD), and is not in the
//    preposition_homographs list.
// Returns an empty vector when no word qualifies.
std::vector<std::string> RepairFiniteVerb(const Sentence& s,
                                          const VerbLemma& lemma,
                                          const WordLists& words,
                                          const std::vector<std::string>& forced,
                                          const std::vector<char>& actor_tokens);

}  // namespace dyad

#endif  // DYAD_CODE_VERB_REPAIR_H_
