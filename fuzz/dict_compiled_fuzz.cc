// Fuzzes the compiled dictionary reader on damaged bytes: a Corruption status, never a crash
// or an allocation the size of a corrupted length field.
#include "dyad/dictionary.h"
#include "fuzz/fuzz_target.h"

DYAD_FUZZ_TARGET(dict_compiled) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto header = dyad::ReadCompiledHeader(bytes);
  auto dict = dyad::DeserializeDictionary(bytes);
  if (!dict.ok()) DYAD_FUZZ_CHECK(!dict.status().message().empty());
  return 0;
}
