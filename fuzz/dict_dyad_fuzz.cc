// Fuzzes dyad's dictionary text format (doc/dictionaries.md): actors, agents, verbs and
// discards files parsed from one input. Every problem must be a DictProblem with a place,
// never a crash, and whatever loads must survive the compiled form's round trip.
#include "fuzz/dict_check.h"

DYAD_FUZZ_TARGET(dict_dyad) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto paths = dyad::fuzz::WriteDictFiles(bytes, "dyad",
                                          {"actors.txt", "agents.txt", "verbs.txt", "discards.txt"});
  dyad::fuzz::LoadAndCheck(paths, "dyad");
  return 0;
}
