// `dyad eval html [DIR]`: main-text extraction scored against human-checked article bodies.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "src/text/html_eval.h"
#include "src/util/paths.h"
#include "tools/command.h"

namespace dyad::cli {
namespace {

CommandRegistrar reg(
    "eval html", "HTML main-text extraction: token P/R/F1 per language against ground-truth.json",
    [](CLI::App* app) -> Runner {
      auto dir = std::make_shared<std::string>();
      app->add_option("dir", *dir, "Benchmark directory (default ../shared/news/messy_html)");
      return [dir] {
        std::string d = *dir;
        if (d.empty()) {
          auto p = SharedPath("news/messy_html");
          if (!p) {
            std::cerr << "dyad: no benchmark directory given and ../shared/news/messy_html is absent\n";
            return kExitUsage;
          }
          d = *p;
        }
        auto r = EvaluateHtmlExtraction(d);
        if (!r.ok()) {
          std::cerr << "dyad: " << r.status().ToString() << "\n";
          return kExitFailure;
        }
        std::printf("%-8s %6s %9s %9s %9s\n", "language", "pages", "precision", "recall", "F1");
        for (const auto& [lang, g] : r->by_language) {
          std::printf("%-8s %6d %9.3f %9.3f %9.3f\n", lang.c_str(), g.pages, g.precision, g.recall, g.f1);
        }
        std::printf("%-8s %6d %9.3f %9.3f %9.3f\n", "all", r->all.pages, r->all.precision,
                    r->all.recall, r->all.f1);
        return kExitOk;
      };
    });

}  // namespace
}  // namespace dyad::cli
