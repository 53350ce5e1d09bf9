// Fuzzes gzip input: the raw bytes as a .gz file (damaged streams), then the bytes compressed
// and cut short, which must be reported as truncated rather than read as a clean end.
#include <zlib.h>

#include "fuzz/reader_check.h"

namespace {

std::string Gzip(std::string_view in) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

DYAD_FUZZ_TARGET(read_gzip) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string path = dyad::fuzz::WriteScratch("in.jsonl.gz", bytes);
  dyad::fuzz::ReadAllChecked(path, "auto");

  std::string gz = Gzip(bytes);
  path = dyad::fuzz::WriteScratch("whole.jsonl.gz", gz);
  dyad::fuzz::ReadAllChecked(path, "jsonl");
  // Cut inside the deflate data or the 8-byte trailer: always a truncated stream.
  size_t cut = 10 + (gz.size() - 10) / 2;
  path = dyad::fuzz::WriteScratch("cut.jsonl.gz", std::string_view(gz).substr(0, cut));
  size_t issues = dyad::fuzz::ReadAllChecked(path, "jsonl");
  DYAD_FUZZ_CHECK(issues > 0);
  return 0;
}
