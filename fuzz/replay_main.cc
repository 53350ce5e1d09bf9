// dyad_fuzz_replay: runs files through the fuzz targets' bodies in the normal build.
//
//   dyad_fuzz_replay TARGET PATH...     each PATH a file or a directory of files (a corpus)
//   dyad_fuzz_replay --list             the registered targets
//
// Exit 0 when every input ran (a broken invariant aborts), 2 for bad arguments or an
// empty corpus (a corpus that silently vanished must not pass).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <vector>

#include "fuzz/fuzz_target.h"

namespace dyad::fuzz {
namespace {
std::map<std::string, TargetFn>& Targets() {
  static std::map<std::string, TargetFn> targets;
  return targets;
}
}  // namespace

bool RegisterTarget(const char* name, TargetFn fn) {
  Targets()[name] = fn;
  return true;
}

}  // namespace dyad::fuzz

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  auto& targets = dyad::fuzz::Targets();
  if (argc == 2 && std::string(argv[1]) == "--list") {
    for (const auto& [name, fn] : targets) std::cout << name << "\n";
    return 0;
  }
  if (argc < 3) {
    std::cerr << "usage: dyad_fuzz_replay TARGET PATH... | --list\n";
    return 2;
  }
  auto it = targets.find(argv[1]);
  if (it == targets.end()) {
    std::cerr << "dyad_fuzz_replay: unknown target '" << argv[1] << "' (--list)\n";
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    std::error_code ec;
    if (fs::is_directory(argv[i], ec)) {
      for (const auto& e : fs::directory_iterator(argv[i])) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
    } else if (fs::is_regular_file(argv[i], ec)) {
      files.push_back(argv[i]);
    } else {
      std::cerr << "dyad_fuzz_replay: " << argv[i] << ": no such file or directory\n";
      return 2;
    }
  }
  if (files.empty()) {
    std::cerr << "dyad_fuzz_replay: no inputs for " << argv[1] << "\n";
    return 2;
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    it->second(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << argv[1] << ": " << files.size() << " inputs ran\n";
  std::error_code ec;
  fs::remove_all(dyad::fuzz::ScratchDir(), ec);
  return 0;
}
