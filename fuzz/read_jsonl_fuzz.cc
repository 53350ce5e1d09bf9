// Fuzzes the jsonl reader (format "jsonl") on arbitrary bytes.
#include "fuzz/reader_check.h"

DYAD_FUZZ_TARGET(read_jsonl) {
  std::string path = dyad::fuzz::WriteScratch("in.jsonl", std::string_view(reinterpret_cast<const char*>(data), size));
  dyad::fuzz::ReadAllChecked(path, "jsonl");
  return 0;
}
