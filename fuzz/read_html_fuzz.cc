// Fuzzes the html reader (format "html") on arbitrary bytes.
#include "fuzz/reader_check.h"

DYAD_FUZZ_TARGET(read_html) {
  std::string path = dyad::fuzz::WriteScratch("in.html", std::string_view(reinterpret_cast<const char*>(data), size));
  dyad::fuzz::ReadAllChecked(path, "html", "2025-01-02");
  return 0;
}
