// Loader for the community dictionary formats of PETRARCH-2 / UniversalPetrarch (and their
// TABARI ancestors): .actors with date restrictions, .agents with !MACRO! substitutions, verb
// files with synonym sets and "- * WORDS [CODE]" patterns, discards. Everything is
// converted into dyad's Dictionary so the same coder matches it over the dependency parse.
#ifndef DYAD_DICT_PETRARCH_FORMAT_H_
#define DYAD_DICT_PETRARCH_FORMAT_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dyad/dictionary.h"

namespace dyad {

struct PetrarchFiles {
  std::string actors, agents, verbs, discards;  // any may be empty
  std::string ontology;  // PETRARCH internal coding ontology (PICO): negations; may be empty
};

// Parses a PICO file ("110:0x1007f#comment": CAMEO code -> internal value, a sum of hex
// terms) into negations: a code's negation is the code whose value differs by 0xFFFF
// (110 = 0xFFFF + 0x0080 is the negation of 050 = 0x0080). Problems go to *problems.
std::map<std::string, std::string> ReadPicoNegations(const std::string& path, std::vector<DictProblem>* problems);

// Sorts paths into the four kinds by their names ("actors", "agents", "verbs", "discard").
PetrarchFiles ClassifyPetrarchFiles(const std::vector<std::string>& paths);

// Loads the files; problems are collected with file:line in Dictionary::problems. Codes are
// kept as written (test suites use invented ones), upper-cased. Fails only on unreadable files.
Result<Dictionary> LoadPetrarchDictionaries(const PetrarchFiles& files);

// Approximates one PETRARCH verb pattern ("- * (TO &CEASEFIRE) [0356]" without the code)
// as a dyad VerbPattern for `verb`; returns false when nothing usable remains.
bool ConvertPetrarchPattern(const std::string& body, const std::string& verb,
                            const std::map<std::string, std::vector<std::string>>& synsets, VerbPattern* p);

// Parses one PETRARCH verb pattern body (without its code) into the word-order form kept in
// Dictionary::sequence_patterns: "$ * TO +" -> before [SOURCE], after [WORDS{to}, TARGET].
// Returns false when the body has no verb position '*'.
bool ParseSequencePattern(const std::string& body, const std::string& verb,
                          const std::map<std::string, std::vector<std::string>>& synsets, SequencePattern* p);

// The "petrarch2" DictionaryLoader (registered in dictionary.cc): any mix of actors, agents,
// verbs and discards files, each kind recognised by its name; format auto-detection by the
// bracketed code layout.
std::unique_ptr<DictionaryLoader> MakePetrarchLoader();

}  // namespace dyad

#endif  // DYAD_DICT_PETRARCH_FORMAT_H_
