// Fuzzes the dateline reader (format "dateline") on arbitrary bytes.
#include "fuzz/reader_check.h"

DYAD_FUZZ_TARGET(read_dateline) {
  std::string path = dyad::fuzz::WriteScratch("in.txt", std::string_view(reinterpret_cast<const char*>(data), size));
  dyad::fuzz::ReadAllChecked(path, "dateline");
  return 0;
}
