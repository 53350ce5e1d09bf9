// Fuzzes the petrarch reader (format "petrarch") on arbitrary bytes.
#include "fuzz/reader_check.h"

DYAD_FUZZ_TARGET(read_petrarch) {
  std::string path = dyad::fuzz::WriteScratch("in.xml", std::string_view(reinterpret_cast<const char*>(data), size));
  dyad::fuzz::ReadAllChecked(path, "petrarch");
  return 0;
}
