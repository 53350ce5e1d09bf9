#include "tools/dict_args.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/dictionary.h"

namespace dyad::cli {

bool IsCompiledDictionary(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof(magic));
  return in && std::memcmp(magic, "DYADDICT", 8) == 0;
}

Status ResolveCompiledDictionary(std::vector<std::string>* paths, std::string* format) {
  size_t compiled = 0;
  for (const std::string& p : *paths) compiled += IsCompiledDictionary(p);
  if (compiled == 0) return Status::OK();
  if (paths->size() > 1) {
    return Status::InvalidArgument(
        "--dict: a compiled dictionary cannot be combined with other dictionary files; give "
        "either one compiled file or the text files");
  }
  const std::string path = (*paths)[0];
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto header = ReadCompiledHeader(bytes.str());
  if (!header.ok()) return Status::Corruption(path + ": " + header.status().message());
  if (header->inputs.empty()) {
    return Status::InvalidArgument(path + ": compiled dictionary without its source list");
  }
  for (const std::string& source : header->inputs) {
    std::error_code ec;
    if (!std::filesystem::exists(source, ec)) {
      return Status::InvalidArgument(path + ": compiled from " + source +
                                     ", which is missing; the coder loads dictionaries from "
                                     "their text files: give them with --dict");
    }
  }
  *paths = header->inputs;
  *format = header->format;
  return Status::OK();
}

}  // namespace dyad::cli
