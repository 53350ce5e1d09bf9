// Where dyad finds its data directory and the optional ../shared reference material.
#ifndef DYAD_UTIL_PATHS_H_
#define DYAD_UTIL_PATHS_H_

#include <optional>
#include <string>

namespace dyad {

// The data directory (ontology tables, dictionaries, models): $DYAD_DATA_DIR if set,
// else the source tree's data/ compiled in at build time.
std::string DataDir();

// The shared reference folder: $DYAD_SHARED_DIR if set, else ../shared beside the source
// tree. nullopt when it does not exist (a user's checkout has none): tests then skip.
std::optional<std::string> SharedDir();

// SharedDir() + "/" + relative when that file or folder exists, else nullopt.
std::optional<std::string> SharedPath(const std::string& relative);

}  // namespace dyad

#endif  // DYAD_UTIL_PATHS_H_
