#include "src/util/paths.h"

#include <cstdlib>
#include <filesystem>

#include "dyad/build_config.h"

namespace dyad {

std::string DataDir() {
  const char* env = std::getenv("DYAD_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return DYAD_SOURCE_DATA_DIR;
}

std::optional<std::string> SharedDir() {
  const char* env = std::getenv("DYAD_SHARED_DIR");
  std::string dir = (env != nullptr && *env != '\0') ? env : DYAD_SHARED_DIR_DEFAULT;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  return std::filesystem::weakly_canonical(dir, ec).string();
}

std::optional<std::string> SharedPath(const std::string& relative) {
  auto dir = SharedDir();
  if (!dir) return std::nullopt;
  std::string p = *dir + "/" + relative;
  std::error_code ec;
  if (!std::filesystem::exists(p, ec)) return std::nullopt;
  return p;
}

}  // namespace dyad
