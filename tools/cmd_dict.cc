// Dictionary subcommands: `dyad dict check|stats|lookup|compile`.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "dyad/dictionary.h"
#include "dyad/ontology.h"
#include "src/util/paths.h"
#include "tools/command.h"
#include "tools/dict_args.h"

namespace dyad::cli {
namespace {

// Dictionary commands fail with kExitFailure whatever the status (unlike cli::Fail).
int DictFail(const Status& s) {
  std::cerr << "dyad: " << s.ToString() << "\n";
  return kExitFailure;
}

struct DictFlags {
  std::vector<std::string> files;
  std::string format = "auto";
  std::string date;
  std::string phrase;
  std::string out;
};

void AddFormatFlag(CLI::App* app, DictFlags* f) {
  app->add_option("--dict-format", f->format,
                  "auto|dyad|petrarch|tabari (a compiled .bin file is recognised)")
      ->capture_default_str();
}

// Text sources in any registered format, or one compiled file (checked against its sources
// and recompiled when stale: `dict check` then reports the sources' problems).
Result<Dictionary> Load(const DictFlags& f, std::unique_ptr<Ontology>* ont) {
  DYAD_ASSIGN_OR_RETURN(*ont, Ontology::Load());
  std::vector<std::string> paths = f.files;
  if (paths.empty()) paths.push_back(DataDir() + "/dict");
  if (paths.size() == 1 && IsCompiledDictionary(paths[0])) {
    CompiledLoadReport report;
    // check, stats and lookup only read: a stale or damaged file is reported and its
    // sources loaded, never rewritten (`dyad dict compile` writes).
    CompiledLoadOptions options;
    options.recompile = false;
    auto d = LoadCompiled(paths[0], **ont, options, &report);
    if (d.ok() && report.stale) {
      std::cerr << paths[0] << ": stale (" << report.reason
                << "), read from its sources; not rewritten (run `dyad dict compile`)\n";
    }
    return d;
  }
  return LoadDictionaries(paths, f.format, **ont);
}

CommandRegistrar check_reg(
    "dict check", "Report every problem in dictionary files with file:line (exit 1 on errors)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<DictFlags>();
      app->add_option("files", f->files, "Dictionary files or directories (default: data/dict)");
      AddFormatFlag(app, f.get());
      return [f] {
        std::unique_ptr<Ontology> ont;
        auto d = Load(*f, &ont);
        if (!d.ok()) return DictFail(d.status());
        for (const auto& p : d->problems) {
          std::cout << p.where << ": " << (p.error ? "error: " : "warning: ") << p.message << "\n";
        }
        size_t errors = d->ErrorCount();
        std::cerr << d->sources.size() << " file(s), " << errors << " error(s), "
                  << d->problems.size() - errors << " warning(s)\n";
        return errors > 0 ? kExitFailure : kExitOk;
      };
    });

CommandRegistrar stats_reg(
    "dict stats", "Summarise a dictionary set: entries by type, roles, patterns per root, gaps",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<DictFlags>();
      app->add_option("files", f->files, "Dictionary files or directories (default: data/dict)");
      AddFormatFlag(app, f.get());
      return [f] {
        std::unique_ptr<Ontology> ont;
        auto d = Load(*f, &ont);
        if (!d.ok()) return DictFail(d.status());
        std::map<std::string, int> by_type;
        size_t person_roles = 0;
        for (const auto& a : d->actors) {
          by_type[ActorTypeName(a.type)]++;
          if (a.type == ActorType::kPerson) person_roles += a.codes.size();
        }
        std::printf("actors: %zu\n", d->actors.size());
        for (const auto& [t, n] : by_type) std::printf("  %-10s %d\n", t.c_str(), n);
        size_t agent_forms = 0;
        for (const auto& a : d->agents) agent_forms += 1 + a.variants.size();
        std::printf(
            "person-role entries: %zu\nagents: %zu (%zu surface forms)\ndiscards: %zu\nnoun sets: "
            "%zu\npatterns: %zu\n",
            person_roles, d->agents.size(), agent_forms, d->discards.size(), d->noun_sets.size(),
            d->patterns.size());
        std::map<std::string, int> per_root, per_code;
        for (const VerbPattern* p : d->patterns.All()) {
          per_root[p->code.substr(0, 2)]++;
          per_code[p->code]++;
        }
        std::printf("patterns per CAMEO root:");
        for (const auto& [r, n] : per_root) std::printf(" %s:%d", r.c_str(), n);
        std::printf("\n");
        std::vector<std::string> missing;
        for (const auto& e : ont->events()) {
          if (!per_code.count(e.code)) missing.push_back(e.code);
        }
        std::printf("CAMEO codes without a pattern: %zu", missing.size());
        for (const auto& m : missing) std::printf(" %s", m.c_str());
        std::printf("\n");
        DictionaryLexicon lex(*d);
        std::printf("lexicon phrases: %zu\n", lex.num_phrases());
        std::printf("problems: %zu (%zu errors)\n", d->problems.size(), d->ErrorCount());
        return kExitOk;
      };
    });

CommandRegistrar lookup_reg(
    "dict lookup", "Show how a phrase codes on a date, and why", [](CLI::App* app) -> Runner {
      auto f = std::make_shared<DictFlags>();
      app->add_option("phrase", f->phrase, "Name, title or phrase (\"Sergei Lavrov\")")->required();
      app->add_option("--date", f->date,
                      "Article date YYYY-MM-DD (default: undated entries and latest roles)");
      app->add_option("--dict", f->files, "Dictionary files or directories (default: data/dict)");
      AddFormatFlag(app, f.get());
      return [f] {
        std::unique_ptr<Ontology> ont;
        auto d = Load(*f, &ont);
        if (!d.ok()) return DictFail(d.status());
        DictionaryLexicon lex(*d);
        auto matches = lex.Lookup(f->phrase, f->date);
        if (matches.empty()) {
          std::cout << "no match for \"" << f->phrase << "\""
                    << (f->date.empty() ? "" : " on " + f->date) << "\n";
          return kExitFailure;
        }
        for (const auto& m : matches) {
          std::cout << m.code << "\t" << ActorTypeName(m.type) << "\t" << m.name << "\t" << m.entry << "\n";
        }
        return kExitOk;
      };
    });

CommandRegistrar compile_reg(
    "dict compile",
    "Compile dictionaries to the binary form (format version + SHA-256 of the sources)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<DictFlags>();
      app->add_option("files", f->files, "Dictionary files or directories (default: data/dict)");
      app->add_option("-o,--out", f->out, "Compiled file to write")->required();
      AddFormatFlag(app, f.get());
      return [f] {
        auto ont = Ontology::Load();
        if (!ont.ok()) return DictFail(ont.status());
        std::vector<std::string> paths = f->files;
        if (paths.empty()) paths.push_back(DataDir() + "/dict");
        auto d = CompileDictionaries(paths, f->format, **ont, {}, f->out);
        if (!d.ok()) return DictFail(d.status());
        std::ifstream in(f->out, std::ios::binary);
        const std::string written((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
        auto h = ReadCompiledHeader(written);
        const size_t bytes = written.size();
        const std::string header = h.ok() ? h->source_hash : std::string("?");
        std::cerr << f->out << ": " << d->format << " format, " << d->sources.size()
                  << " source file(s), " << d->actors.size() << " actors, " << d->agents.size()
                  << " agents, " << d->patterns.size() << " patterns, "
                  << d->sequence_patterns.size() << " word-order patterns, " << d->phrases.size()
                  << " phrases, " << d->ErrorCount() << " error(s); " << bytes
                  << " bytes; sources sha256 " << header << "\n";
        return d->ErrorCount() > 0 ? kExitFailure : kExitOk;
      };
    });

}  // namespace
}  // namespace dyad::cli
