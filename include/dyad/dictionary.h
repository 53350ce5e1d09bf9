// Dictionaries: actors with dated codes, agents (titles and role nouns), verb patterns, noun
// sets and discards, loaded from any supported format into one Dictionary, compiled to a
// binary form, and indexed for fast longest-match lookup on token sequences.
//
//   auto ont = dyad::Ontology::Load();
//   auto dict = dyad::LoadDictionaries({"data/dict"}, "auto", **ont);   // files or directories
//   for (const auto& p : dict->problems) std::cerr << p.where << ": " << p.message << "\n";
//   dyad::DictionaryLexicon lexicon(*dict);                              // an ActorLexicon
//   dyad::PhraseCoding c = lexicon.Code("Saudi National Security Advisor", "2025-02-18");
//   c.code;         // "SAUGOV"
//   c.explanation;  // "SAU (countries.txt:61 Saudi ...) + GOV (agents.txt:20 ...)"
//
//   // Compiled form: one file with a format version and the SHA-256 of its sources.
//   dyad::CompileDictionaries({"data/dict"}, "dyad", **ont, {}, "dict.bin");
//   dyad::CompiledLoadReport report;
//   auto fast = dyad::LoadCompiled("dict.bin", **ont, {}, &report);  // recompiles when stale
#ifndef DYAD_DICTIONARY_H_
#define DYAD_DICTIONARY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/event.h"
#include "dyad/lexicon.h"
#include "dyad/ontology.h"
#include "dyad/status.h"

namespace dyad {

// One code of an actor, valid on an inclusive date range.
struct DatedCode {
  std::string code;
  std::string start, end;  // inclusive "YYYY-MM-DD"; empty = open
  std::string note;        // "(Secretary of State)"
  // True when the code applies on `date`; an empty date accepts every code.
  bool ValidOn(const std::string& date) const {
    return date.empty() || ((start.empty() || start <= date) && (end.empty() || date <= end));
  }
};

struct ActorEntry {
  std::string name;
  // The type column: kCountry .. kPerson (IsDictionaryActorType). Default: kNone.
  ActorType type = ActorType::kNone;
  std::vector<std::string> aliases;
  std::vector<DatedCode> codes;
  std::map<std::string, std::string> attrs;  // iso3=, plover=, wikidata=, ...
  std::string origin;                        // "people.txt:12"
};

struct AgentEntry {
  std::string noun;
  std::string code;  // role code(s): "GOV", "MIL"
  std::vector<std::string> variants;
  std::string sector;  // PLOVER sector (the role's, or plover= of the line)
  std::string origin;
};

struct DictProblem {
  std::string where;  // "file:line"
  std::string message;
  bool error = true;  // false: a warning
};

// A word-sequence pattern of the PETRARCH-2 / UniversalPetrarch / TABARI verb dictionaries,
// kept as written so a coder can match it on the word order around the verb (dyad's own
// patterns are dependency patterns: VerbPattern in dyad/lexicon.h).
//   "- $ * TO + [0356]"  ->  before = [SOURCE], after = [WORDS{to}, TARGET]
struct SequenceElement {
  enum class Kind : uint8_t {
    kWords,     // one of `words` (lowercase; multiword alternatives hold spaces)
    kSource,    // $: the source actor
    kTarget,    // +: the target actor
    kCompound,  // %: an actor that is both source and target
    kSkip,      // ^: skip the next noun phrase
  };
  Kind kind = Kind::kWords;
  std::vector<std::string> words;
  std::string synset;        // "CURRENCY" when `words` came from a synonym set &CURRENCY
  int group = 0;             // >0: inside the n-th (...) prepositional or {...} noun-phrase group
  bool noun_phrase = false;  // the group is a {...} noun phrase
};

struct SequencePattern {
  std::string code;         // CAMEO (or the dictionary's own) event code
  std::string paired_code;  // "043" of "[042:043]": the reciprocal event, actors swapped
  std::string verb;         // lemma of the verb block the pattern belongs to
  std::vector<SequenceElement> before;  // words before the verb, in text order
  std::vector<SequenceElement> after;   // words after the verb, in text order
  std::string text;                     // the pattern as written
  std::string origin;                   // "file:line"
};

// A surface form of an actor or agent, tokenised as the tokenizer splits text: the index
// source of DictionaryLexicon (and part of the compiled form, so loading skips tokenising).
struct DictPhrase {
  std::vector<std::string> tokens;  // lowercased
  std::vector<std::string> raw;     // as written, for the case rules
  bool exact_case = false;          // an all-capitals form ("US", "WHO") matches only in capitals
  int32_t actor = -1, agent = -1;   // index into Dictionary::actors / ::agents
};

struct Dictionary {
  std::string format;  // "dyad", "petrarch2", ...
  std::vector<ActorEntry> actors;
  std::vector<AgentEntry> agents;
  PatternSet patterns;                             // dependency patterns (ours, converted)
  std::vector<SequencePattern> sequence_patterns;  // word-order patterns (community formats)
  std::map<std::string, std::vector<std::string>> noun_sets;  // &SET -> lemmas
  std::vector<DiscardRule> discards;
  // Event code -> the code its negation takes ("110" -> "050": not clashing is
  // cooperating), from a PETRARCH internal coding ontology (PICO) file; empty otherwise.
  std::map<std::string, std::string> negations;
  std::vector<DictPhrase> phrases;  // BuildPhraseTable(); loaders fill it
  std::vector<DictProblem> problems;
  std::vector<std::string> sources;  // files read
  std::string fingerprint;  // 128-bit hash of the sources' contents (stored with coded data)
  size_t ErrorCount() const;
};

// Tokenises every actor name/alias and agent noun/variant into Dictionary::phrases (a name
// starting with "the" also without it). Loaders call it; call again after editing entries.
void BuildPhraseTable(Dictionary* dict);

// --- Loading.

// Options of every loader.
struct DictionaryOptions {
  // dyad format: merge the countries of Debian's iso-codes (names, official and common
  // names) into countries.txt's entries. Default true.
  bool with_iso_countries = true;
  // Where iso-codes' ISO 3166-1 JSON is. Default: /usr/share/iso-codes/json/iso_3166-1.json.
  std::string iso_codes_json;
};

// A dictionary format. Loaders register themselves by name; `LoadDictionaries(paths, format,
// ...)` picks one. Implementations collect problems with file:line in Dictionary::problems
// and fail only when a file cannot be read.
class DictionaryLoader {
 public:
  virtual ~DictionaryLoader() = default;
  // "dyad", "petrarch2", ...
  virtual std::string format() const = 0;
  // 0..100: how sure the loader is that `files` (directories already expanded) are its
  // format, for auto-detection. 0 = not this format.
  virtual int Detect(const std::vector<std::string>& files) const = 0;
  // Loads `paths` (files or directories).
  virtual Result<Dictionary> Load(const std::vector<std::string>& paths, const Ontology& ontology,
                                  const DictionaryOptions& options) const = 0;
};

// Registers a loader factory under its format name (and extra `aliases`, e.g. "petrarch").
// Call from a static initialiser; a later registration of the same name replaces the former.
void RegisterDictionaryLoader(const std::string& format, const std::vector<std::string>& aliases,
                              std::function<std::unique_ptr<DictionaryLoader>()> factory);
// The loader for `format` (or an alias); nullptr when unknown.
std::unique_ptr<DictionaryLoader> MakeDictionaryLoader(const std::string& format);
// Registered format names, sorted.
std::vector<std::string> DictionaryFormats();
// The format of `paths` by the registered loaders' Detect(); "dyad" when none claims them
// (a directory of .txt files is dyad's format).
std::string DetectDictionaryFormat(const std::vector<std::string>& paths);
// Files of `paths`: a directory means its *.txt files (dyad) or all its regular files
// otherwise (sorted, README files excluded); a file stays as it is.
std::vector<std::string> ExpandDictionaryPaths(const std::vector<std::string>& paths);

// Loads `paths` in `format` ("auto" detects it). NotSupported for an unknown format;
// NotFound when a file cannot be read; otherwise every problem is in Dictionary::problems.
Result<Dictionary> LoadDictionaries(const std::vector<std::string>& paths,
                                    const std::string& format, const Ontology& ontology,
                                    const DictionaryOptions& options = {});

// dyad's text format (doc/dictionaries.md). A directory means every *.txt in it, by kind:
// agents*.txt, verbs*.txt, discards*.txt, anything else actors. Problems (bad lines, unknown
// codes, overlapping roles) are collected with file:line; loading never stops at one. Fails
// only when a file cannot be read.
Result<Dictionary> LoadDictionaries(const std::vector<std::string>& paths, const Ontology& ontology,
                                    bool with_iso_countries = true);

// Parses one pattern line body ("meet [with +T]") into `p` (code and origin set by the
// caller); returns an error message or "".
std::string ParseVerbPattern(const std::string& text,
                             const std::map<std::string, std::vector<std::string>>& sets,
                             VerbPattern* p);

// --- Compiled form.

// Version of the compiled layout; a file of another version is stale.
// 4: the payload checksum is XXH3-64 (was FNV-1a 64).
inline constexpr uint32_t kCompiledDictionaryVersion = 4;

// SHA-256 (hex) over what a compiled dictionary is built from: the expanded files of
// `paths` (names and contents), the iso-codes JSON when merged, and the ontology's tables.
// NotFound when a file cannot be read.
Result<std::string> DictionarySourceHash(const std::vector<std::string>& paths,
                                         const std::string& format, const Ontology& ontology,
                                         const DictionaryOptions& options);

// Serialises `dict` (built from `paths` in `format`) with its source hash.
std::string SerializeDictionary(const Dictionary& dict, const std::vector<std::string>& paths,
                                const std::string& format, const DictionaryOptions& options,
                                const std::string& source_hash);

// Header of a compiled file.
struct CompiledHeader {
  uint32_t version = 0;
  std::string source_hash;  // hex SHA-256
  std::string format;
  std::vector<std::string> inputs;  // the paths it was compiled from (absolute)
  DictionaryOptions options;
};

// Reads only the header of compiled bytes. Corruption when they are not a compiled dictionary.
Result<CompiledHeader> ReadCompiledHeader(const std::string& bytes);
// Rebuilds the Dictionary from compiled bytes (any version check is the caller's). Corruption
// naming the section for truncated or damaged bytes.
Result<Dictionary> DeserializeDictionary(const std::string& bytes);

// Loads `paths` in `format` and writes the compiled form to `out_path` (atomically, through a
// temporary file). Returns the dictionary written.
Result<Dictionary> CompileDictionaries(const std::vector<std::string>& paths,
                                       const std::string& format, const Ontology& ontology,
                                       const DictionaryOptions& options,
                                       const std::string& out_path);

struct CompiledLoadOptions {
  // When the file is stale (another version, or its sources changed): true (default)
  // recompiles it from its sources and rewrites it; false loads the text without writing.
  bool recompile = true;
  // Check the sources' hash (default true). False trusts the file (for installations
  // without the text sources; also when they are missing).
  bool check_sources = true;
};

struct CompiledLoadReport {
  bool stale = false;       // version or source hash differed
  bool recompiled = false;  // the file was rewritten
  bool from_text = false;   // the dictionary came from the text sources
  bool sources_checked = false;
  std::string reason;  // why it was stale / not checked
};

// Loads a compiled dictionary, checking its version and (when its sources exist) their hash;
// a stale file is recompiled or bypassed per `options`, with the details in *report (when
// non-null). Corruption for a damaged file whose sources are unavailable.
Result<Dictionary> LoadCompiled(const std::string& path, const Ontology& ontology,
                                const CompiledLoadOptions& options = {},
                                CompiledLoadReport* report = nullptr);

// Where compiled dictionaries are cached: $DYAD_CACHE_DIR, else $XDG_CACHE_HOME/dyad, else
// $HOME/.cache/dyad; empty when none of them is set.
std::string DefaultDictionaryCacheDir();

// Loads `paths` in `format` through a compiled copy in `cache_dir` (one file per set of
// paths, format and options): the first call compiles and writes it; later calls read it
// and recompile it when stale (format version, sources' SHA-256, ontology). A cache that
// cannot be written only costs speed: the text is loaded and the reason is in *report.
// An empty `cache_dir` loads the text directly.
Result<Dictionary> LoadDictionariesCached(const std::vector<std::string>& paths,
                                          const std::string& format, const Ontology& ontology,
                                          const DictionaryOptions& options,
                                          const std::string& cache_dir,
                                          CompiledLoadReport* report = nullptr);

// --- Lookup.

// How a phrase codes on a date: the code an actor phrase takes ("Russian troops" -> RUSMIL,
// an actor and an agent combined), with the entries that gave it.
struct PhraseCoding {
  std::string code;               // empty when nothing matched
  std::string explanation;        // one line: each part's code and entry
  std::vector<ActorMatch> parts;  // the longest matches found, in text order
};

// The ActorLexicon over a Dictionary: longest matches of names, aliases, adjectives,
// metonyms and agent titles on token sequences (a hash of token sequences with prefix
// marks: O(match length) per position), dated codes resolved on the article date. The
// Dictionary must outlive the lexicon.
class DictionaryLexicon : public ActorLexicon {
 public:
  explicit DictionaryLexicon(const Dictionary& dict);
  void FindActors(const Sentence& s, const std::string& date,
                  std::vector<ActorMatch>* out) const override;

  // Matches on a token sequence (tokens as the tokenizer produces them).
  std::vector<ActorMatch> Lookup(const std::vector<std::string>& tokens,
                                 const std::string& date) const;
  // Matches on a phrase, tokenised first.
  std::vector<ActorMatch> Lookup(const std::string& phrase, const std::string& date) const;
  // The combined coding of a phrase: a person or organisation keeps its code; a country (or
  // nationality, or seat of power) followed or preceded by an agent takes the agent's role
  // ("Saudi National Security Advisor" -> SAU+GOV); an agent alone gives its role.
  PhraseCoding Code(const std::string& phrase, const std::string& date) const;
  size_t num_phrases() const { return phrases_->size(); }

 private:
  struct Node {
    uint32_t begin = 0, end = 0;  // candidates in order_
    bool has_longer = false;      // some phrase extends this token sequence
  };
  bool Matches(const DictPhrase& p, const Sentence& s, int first) const;
  bool Resolve(const DictPhrase& p, const std::string& date, ActorMatch* m) const;
  const Dictionary& dict_;
  std::vector<DictPhrase> own_phrases_;  // when the Dictionary has no phrase table
  const std::vector<DictPhrase>* phrases_;
  std::unordered_map<uint64_t, Node> index_;  // hash of a lowercased token prefix -> candidates
  std::vector<uint32_t> order_;  // phrase ids grouped by key: actors first, then file order
};

}  // namespace dyad

#endif  // DYAD_DICTIONARY_H_
