// Fuzzes the PETRARCH-2 / TABARI dictionary loader: .actors, .agents, .verbs and .discards
// files (date restrictions, !MACRO! substitutions, synonym sets, "- * WORDS [CODE]" patterns).
#include "fuzz/dict_check.h"

DYAD_FUZZ_TARGET(dict_petrarch) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto paths = dyad::fuzz::WriteDictFiles(
      bytes, "petrarch", {"Fuzz.actors.txt", "Fuzz.agents.txt", "Fuzz.verbs.txt", "Fuzz.discards.txt"});
  dyad::fuzz::LoadAndCheck(paths, "petrarch2");
  return 0;
}
