// Fuzzes the text reader (format "text") on arbitrary bytes.
#include "fuzz/reader_check.h"

DYAD_FUZZ_TARGET(read_text) {
  std::string path = dyad::fuzz::WriteScratch("in.txt", std::string_view(reinterpret_cast<const char*>(data), size));
  dyad::fuzz::ReadAllChecked(path, "text", "2025-01-02");
  return 0;
}
