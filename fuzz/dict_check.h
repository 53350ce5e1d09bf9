// Splits one fuzz input into the files of a dictionary set: parts separated by a line
// "%%" go to the given names in order (so one input can hold actors, agents, verbs and
// discards, and mutations can move lines between them).
#ifndef DYAD_FUZZ_DICT_CHECK_H_
#define DYAD_FUZZ_DICT_CHECK_H_

#include <filesystem>
#include <string>
#include <vector>

#include "dyad/dictionary.h"
#include "dyad/ontology.h"
#include "fuzz/fuzz_target.h"

namespace dyad::fuzz {

inline std::vector<std::string> WriteDictFiles(std::string_view bytes, const std::string& dir,
                                               const std::vector<std::string>& names) {
  std::string d = ScratchDir() + "/" + dir;
  std::error_code ec;
  std::filesystem::remove_all(d, ec);
  std::filesystem::create_directories(d, ec);
  std::vector<std::string> paths;
  for (size_t i = 0; i < names.size() && !bytes.empty(); ++i) {
    size_t sep = i + 1 < names.size() ? bytes.find("\n%%\n") : std::string_view::npos;
    std::string_view part = bytes.substr(0, sep);
    paths.push_back(WriteScratch(dir + "/" + names[i], part));
    bytes = sep == std::string_view::npos ? std::string_view() : bytes.substr(sep + 4);
  }
  return paths;
}

// The ontology of data/ (loaded once; the loaders check codes against it).
inline const Ontology& FuzzOntology() {
  static const std::unique_ptr<Ontology> ont = [] {
    auto o = Ontology::Load();
    if (!o.ok()) Fail(__FILE__, __LINE__, o.status().ToString().c_str());
    return std::move(o).value();
  }();
  return *ont;
}

// Loads `paths` in `format`; checks every problem has a place and that the dictionary
// survives serialisation into the compiled form and back.
inline void LoadAndCheck(const std::vector<std::string>& paths, const std::string& format) {
  if (paths.empty()) return;
  DictionaryOptions options;
  options.with_iso_countries = false;
  auto dict = LoadDictionaries(paths, format, FuzzOntology(), options);
  if (!dict.ok()) return;
  for (const DictProblem& p : dict->problems) {
    DYAD_FUZZ_CHECK(!p.where.empty());
    DYAD_FUZZ_CHECK(!p.message.empty());
  }
  std::string bytes = SerializeDictionary(*dict, paths, format, options, std::string(64, '0'));
  auto back = DeserializeDictionary(bytes);
  DYAD_FUZZ_CHECK(back.ok());
}

}  // namespace dyad::fuzz

#endif  // DYAD_FUZZ_DICT_CHECK_H_
