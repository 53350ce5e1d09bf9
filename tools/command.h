// Subcommand registry for the one `dyad` binary. Each tools/cmd_*.cc registers its own
// subcommands at static-initialisation time, so adding a command never edits main:
//
//   namespace {
//   dyad::cli::CommandRegistrar reg("tokens", "Split articles into tokens",
//       [](CLI::App* app) -> dyad::cli::Runner {
//         auto opts = std::make_shared<Options>();
//         app->add_option("files", opts->files, "Input files (- for stdin)");
//         return [opts] { return RunTokens(*opts); };
//       });
//   }
//
// A name with a space ("eval parse") becomes a nested subcommand; the parent ("eval")
// is created on first use.
#ifndef DYAD_TOOLS_COMMAND_H_
#define DYAD_TOOLS_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

#include "dyad/status.h"

namespace CLI {
class App;
}

namespace dyad::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // nothing could be done (no input read, ...)
inline constexpr int kExitUsage = 2;    // bad arguments

// Prints "dyad: <status>" to stderr and returns the exit code for it: kExitUsage for
// InvalidArgument (a bad option or value), kExitFailure otherwise.
int Fail(const Status& s);

// Runs the command once its options are parsed; returns the process exit code.
using Runner = std::function<int()>;
// Adds options to `app` and returns the runner.
using Setup = std::function<Runner(CLI::App* app)>;

struct CommandSpec {
  std::string name;         // "tokens" or "eval parse"
  std::string description;  // one line for --help
  Setup setup;
};

// Every registered command, in registration order.
std::vector<CommandSpec>& Registry();

struct CommandRegistrar {
  CommandRegistrar(std::string name, std::string description, Setup setup) {
    Registry().push_back({std::move(name), std::move(description), std::move(setup)});
  }
};

// Descriptions for parent commands ("eval", "dict", ...) created implicitly.
struct ParentRegistrar {
  ParentRegistrar(const std::string& name, const std::string& description);
};

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_COMMAND_H_
