// Dictionary arguments shared by the commands that take them (`dyad code|ingest --dict`,
// `dyad dict ...`): recognising a compiled file among text dictionaries.
#ifndef DYAD_TOOLS_DICT_ARGS_H_
#define DYAD_TOOLS_DICT_ARGS_H_

#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad::cli {

// True when `path` is a file starting with the compiled dictionary magic ("DYADDICT").
bool IsCompiledDictionary(const std::string& path);

// The coder loads dictionaries from their text sources (through its compiled cache), so a
// compiled file given to --dict stands for the sources it was compiled from: replaces
// *paths and *format with them. InvalidArgument when a compiled file is mixed with other
// files or its sources are missing; Corruption for a damaged header. Text paths pass as given.
Status ResolveCompiledDictionary(std::vector<std::string>* paths, std::string* format);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_DICT_ARGS_H_
