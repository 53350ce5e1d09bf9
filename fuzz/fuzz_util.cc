// Helpers shared by the fuzz targets (both builds).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz/fuzz_target.h"
#include "src/util/utf8.h"

namespace dyad::fuzz {

const std::string& ScratchDir() {
  static const std::string dir = [] {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec)
                                     ? std::filesystem::path("/dev/shm")
                                     : std::filesystem::temp_directory_path();
    std::filesystem::path d = base / ("dyad-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(d, ec);
    return d.string();
  }();
  return dir;
}

std::string WriteScratch(const std::string& name, std::string_view bytes) {
  std::string path = ScratchDir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

bool IsValidUtf8(std::string_view s) { return FirstInvalidUtf8(s) == std::string::npos; }

}  // namespace dyad::fuzz
