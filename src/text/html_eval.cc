#include "src/text/html_eval.h"

#include <zlib.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "dyad/text.h"
#include "src/text/html_extract.h"

namespace dyad {
namespace {

std::unordered_map<std::string, int> Bag(const std::string& text) {
  std::unordered_map<std::string, int> bag;
  std::string w;
  auto flush = [&] {
    if (!w.empty()) ++bag[w];
    w.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80 || c == '_') w.push_back(static_cast<char>(std::tolower(c)));
    else flush();
  }
  flush();
  return bag;
}

Result<std::string> ReadMaybeGz(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return Status::NotFound(path);
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  if (n < 0) return Status::IOError(path + ": read error");
  return out;
}

}  // namespace

void TokenPrf(const std::string& predicted, const std::string& gold, double* p, double* r, double* f) {
  auto pb = Bag(predicted), gb = Bag(gold);
  long long np = 0, ng = 0, common = 0;
  for (const auto& [w, c] : pb) np += c;
  for (const auto& [w, c] : gb) {
    ng += c;
    auto it = pb.find(w);
    if (it != pb.end()) common += std::min(c, it->second);
  }
  *p = np ? static_cast<double>(common) / np : (ng ? 0.0 : 1.0);
  *r = ng ? static_cast<double>(common) / ng : 1.0;
  *f = (*p + *r) > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

Result<HtmlEvalResult> EvaluateHtmlExtraction(const std::string& dir) {
  std::ifstream gt(dir + "/ground-truth.json");
  if (!gt) return Status::NotFound(dir + "/ground-truth.json");
  nlohmann::json truth;
  try {
    truth = nlohmann::json::parse(gt);
  } catch (const std::exception& e) {
    return Status::Corruption(dir + "/ground-truth.json: " + e.what());
  }
  DYAD_ASSIGN_OR_RETURN(auto langid, LanguageIdentifier::Create());
  HtmlEvalResult result;
  for (auto it = truth.begin(); it != truth.end(); ++it) {
    std::string id = it.key();
    std::string gold = it.value().value("articleBody", "");
    std::string path = dir + "/html/" + id + ".html.gz";
    if (!std::filesystem::exists(path)) path = dir + "/html/" + id + ".html";
    auto html = ReadMaybeGz(path);
    if (!html.ok()) continue;
    HtmlArticle a = ExtractHtmlArticle(*html);
    double p, r, f;
    TokenPrf(a.text, gold, &p, &r, &f);
    std::string lang = langid->Identify(Normalize(gold).text).code;
    if (lang.empty()) lang = "??";
    for (HtmlEvalGroup* g : {&result.by_language[lang], &result.all}) {
      g->pages++;
      g->precision += p;
      g->recall += r;
      g->f1 += f;
    }
  }
  auto finish = [](HtmlEvalGroup* g) {
    if (g->pages == 0) return;
    g->precision /= g->pages;
    g->recall /= g->pages;
    g->f1 /= g->pages;
  };
  for (auto& [l, g] : result.by_language) finish(&g);
  finish(&result.all);
  return result;
}

}  // namespace dyad
