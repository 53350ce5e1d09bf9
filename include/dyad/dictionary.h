// Dictionaries: actors with dated codes, agents (titles), verb patterns, discards, in dyad's
// text format (doc/dictionaries.md), loaded into one Dictionary and indexed for matching.
//
//   auto ont = dyad::Ontology::Load();
//   auto dict = dyad::LoadDictionaries({"data/dict"}, **ont);    // files or directories
//   for (const auto& p : dict->problems) std::cerr << p.where << ": " << p.message << "\n";
//   dyad::DictionaryLexicon lexicon(*dict);                       // an ActorLexicon
#ifndef DYAD_DICTIONARY_H_
#define DYAD_DICTIONARY_H_

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/ontology.h"
#include "dyad/status.h"
#include "src/code/lexicon.h"

namespace dyad {

struct DatedCode {
  std::string code;
  std::string start, end;  // inclusive "YYYY-MM-DD"; empty = open
  std::string note;        // "(Secretary of State)"
  bool ValidOn(const std::string& date) const {
    return date.empty() || ((start.empty() || start <= date) && (end.empty() || date <= end));
  }
};

struct ActorEntry {
  std::string name;
  std::string type;  // country, adjective, metonym, region, igo, ngo, group, party, media, company, person
  std::vector<std::string> aliases;
  std::vector<DatedCode> codes;
  std::map<std::string, std::string> attrs;  // iso3=, plover=, ...
  std::string origin;                        // "people.txt:12"
};

struct AgentEntry {
  std::string noun;
  std::string code;  // role code(s)
  std::vector<std::string> variants;
  std::string sector;
  std::string origin;
};

struct DictProblem {
  std::string where;  // "file:line"
  std::string message;
  bool error = true;  // false: a warning
};

struct Dictionary {
  std::vector<ActorEntry> actors;
  std::vector<AgentEntry> agents;
  PatternSet patterns;
  std::map<std::string, std::vector<std::string>> noun_sets;  // &SET -> lemmas
  std::vector<DiscardRule> discards;
  std::vector<DictProblem> problems;
  std::vector<std::string> sources;  // files read
  std::string fingerprint;           // hash of the sources' contents
  size_t ErrorCount() const;
};

// Loads dyad-format dictionary files; a directory means every *.txt in it, by kind:
// agents*.txt, verbs*.txt, discards*.txt, anything else actors. Countries of Debian's
// iso-codes are added when `with_iso_countries`. Problems (bad lines, unknown codes) are
// collected in Dictionary::problems with file:line; loading never stops at one. Fails only
// when a file cannot be read.
Result<Dictionary> LoadDictionaries(const std::vector<std::string>& paths, const Ontology& ontology,
                                    bool with_iso_countries = true);

// Parses one pattern line body ("meet [with +T]") into `p` (code and origin set by the
// caller); returns an error message or "".
std::string ParseVerbPattern(const std::string& text,
                             const std::map<std::string, std::vector<std::string>>& sets, VerbPattern* p);

// The ActorLexicon over a Dictionary: longest matches of names, aliases, adjectives,
// metonyms and agent titles on token sequences; dated codes resolved on the article date.
class DictionaryLexicon : public ActorLexicon {
 public:
  explicit DictionaryLexicon(const Dictionary& dict);
  void FindActors(const Sentence& s, const std::string& date, std::vector<ActorMatch>* out) const override;

  // How a phrase codes on a date, with the reason (for `dyad dict lookup`).
  std::vector<ActorMatch> Lookup(const std::string& phrase, const std::string& date) const;
  size_t num_phrases() const { return num_phrases_; }

 private:
  struct Phrase {
    std::vector<std::string> tokens;  // lowercased
    bool exact_case;                  // all-caps forms match only in capitals
    std::vector<std::string> raw;     // original tokens for exact-case matching
    int actor = -1, agent = -1;       // index into the dictionary
  };
  bool Resolve(const Phrase& p, const std::string& date, ActorMatch* m) const;
  const Dictionary& dict_;
  std::unordered_map<std::string, std::vector<Phrase>> by_first_;  // first token -> phrases, longest first
  size_t num_phrases_ = 0;
};

}  // namespace dyad

#endif  // DYAD_DICTIONARY_H_
