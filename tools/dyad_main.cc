// dyad: political event coding from news text. One binary, many subcommands; each
// tools/cmd_*.cc registers its own (see tools/command.h).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "dyad/build_config.h"
#include "tools/command.h"

namespace dyad::cli {

int Fail(const Status& s) {
  std::cerr << "dyad: " << s.ToString() << "\n";
  return s.IsInvalidArgument() ? kExitUsage : kExitFailure;
}

std::vector<CommandSpec>& Registry() {
  static std::vector<CommandSpec> registry;
  return registry;
}

static std::map<std::string, std::string>& ParentDescriptions() {
  static std::map<std::string, std::string> d;
  return d;
}

ParentRegistrar::ParentRegistrar(const std::string& name, const std::string& description) {
  ParentDescriptions()[name] = description;
}

namespace {
ParentRegistrar eval_parent("eval", "Measure accuracy against gold data");
ParentRegistrar dict_parent("dict", "Check, inspect and compile dictionaries");
ParentRegistrar train_parent("train", "Train the tagger and parser models");
ParentRegistrar bench_parent("bench", "Throughput benchmarks (not tests)");
}  // namespace

}  // namespace dyad::cli

int main(int argc, char** argv) {
  using dyad::cli::Registry;
  CLI::App app{"dyad " DYAD_VERSION
               ": turns dated news articles into political event data (CAMEO + PLOVER)"};
  app.name("dyad");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("dyad ") + DYAD_VERSION);
  app.fallthrough(false);

  std::map<std::string, CLI::App*> nodes;
  std::map<CLI::App*, dyad::cli::Runner> runners;
  for (const auto& spec : Registry()) {
    CLI::App* parent = &app;
    std::istringstream words(spec.name);
    std::string word, path;
    std::vector<std::string> parts;
    while (words >> word) parts.push_back(word);
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      path += (path.empty() ? "" : " ") + parts[i];
      auto it = nodes.find(path);
      if (it == nodes.end()) {
        auto d = dyad::cli::ParentDescriptions().find(path);
        CLI::App* p = parent->add_subcommand(
            parts[i], d == dyad::cli::ParentDescriptions().end() ? "" : d->second);
        p->require_subcommand(1);
        it = nodes.emplace(path, p).first;
      }
      parent = it->second;
    }
    CLI::App* sub = parent->add_subcommand(parts.back(), spec.description);
    nodes[spec.name] = sub;
    runners[sub] = spec.setup(sub);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; every real usage error exits 2.
    return code == 0 ? 0 : dyad::cli::kExitUsage;
  }
  for (auto& [sub, runner] : runners) {
    if (sub->parsed() && sub->get_subcommands().empty()) {
      try {
        return runner();
      } catch (const std::exception& e) {
        std::cerr << "dyad: internal error: " << e.what() << "\n";
        return dyad::cli::kExitFailure;
      }
    }
  }
  return dyad::cli::kExitUsage;
}
