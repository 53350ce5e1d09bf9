// `dyad version`: build facts, data directory and whether ../shared is present.
#include <CLI/CLI.hpp>

#include <iostream>

#include "dyad/build_config.h"
#include "src/util/paths.h"
#include "tools/command.h"

namespace {

dyad::cli::CommandRegistrar reg(
    "version", "Print the version, data directory and reference-data location",
    [](CLI::App* app) -> dyad::cli::Runner {
      return [] {
        std::cout << "dyad " << DYAD_VERSION << "\n"
                  << "data: " << dyad::DataDir() << "\n"
                  << "shared: " << dyad::SharedDir().value_or("(absent)") << "\n";
        return dyad::cli::kExitOk;
      };
    });

}  // namespace
