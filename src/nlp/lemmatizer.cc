#include "src/nlp/lemmatizer.h"
#include "src/util/text_case.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace dyad {
namespace {

int PosIndex(char pos) { return pos == 'n' ? 0 : pos == 'v' ? 1 : pos == 'a' ? 2 : 3; }

bool EndsWith(const std::string& s, const char* suf) {
  size_t n = std::char_traits<char>::length(suf);
  return s.size() >= n && s.compare(s.size() - n, n, suf) == 0;
}

}  // namespace

Result<std::unique_ptr<Lemmatizer>> Lemmatizer::Load(const std::string& dir) {
  auto l = std::unique_ptr<Lemmatizer>(new Lemmatizer());
  const char* names[4] = {"noun", "verb", "adj", "adv"};
  for (int i = 0; i < 4; ++i) {
    std::ifstream exc(dir + "/" + names[i] + ".exc");
    if (!exc) return Status::NotFound(dir + "/" + names[i] + ".exc (install Debian's wordnet-base)");
    std::string line;
    while (std::getline(exc, line)) {
      std::istringstream f(line);
      std::string infl, base;
      if (f >> infl >> base) l->exc_[i].emplace(infl, base);
    }
    std::ifstream idx(dir + "/index." + names[i]);
    if (!idx) return Status::NotFound(dir + "/index." + names[i] + " (install Debian's wordnet-base)");
    while (std::getline(idx, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header lines start with spaces
      l->index_[i].insert(line.substr(0, line.find(' ')));
    }
  }
  return l;
}

std::string Lemmatizer::Morphy(const std::string& w, char pos) const {
  int p = PosIndex(pos);
  auto e = exc_[p].find(w);
  if (e != exc_[p].end()) return e->second;
  static const std::pair<const char*, const char*> kNoun[] = {
      {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
      {"ies", "y"}, {"s", ""}};
  static const std::pair<const char*, const char*> kVerb[] = {
      {"ies", "y"}, {"es", "e"}, {"es", ""}, {"s", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}};
  static const std::pair<const char*, const char*> kAdj[] = {
      {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};
  const std::pair<const char*, const char*>* rules = pos == 'n' ? kNoun : pos == 'v' ? kVerb : kAdj;
  size_t count = pos == 'n' ? 8 : pos == 'v' ? 8 : 4;
  std::string fallback;
  for (size_t i = 0; i < count; ++i) {
    if (!EndsWith(w, rules[i].first)) continue;
    std::string cand = w.substr(0, w.size() - std::char_traits<char>::length(rules[i].first)) + rules[i].second;
    if (cand.empty()) continue;
    if (index_[p].count(cand)) return cand;
    // Doubled consonants: "stopped" -> "stop", "planning" -> "plan".
    if (cand.size() >= 3 && cand[cand.size() - 1] == cand[cand.size() - 2] &&
        (EndsWith(w, "ed") || EndsWith(w, "ing"))) {
      std::string undoubled = cand.substr(0, cand.size() - 1);
      if (index_[p].count(undoubled)) return undoubled;
    }
    if (fallback.empty()) fallback = cand;
  }
  if (index_[p].count(w)) return w;
  // Unknown words: the most common rule ("s", "ed", "ing") gives a reasonable guess.
  if (pos == 'n' && EndsWith(w, "s") && !EndsWith(w, "ss") && w.size() > 3) {
    return EndsWith(w, "ies") ? w.substr(0, w.size() - 3) + "y" : w.substr(0, w.size() - 1);
  }
  if (pos == 'v') {
    if (EndsWith(w, "ied")) return w.substr(0, w.size() - 3) + "y";
    if (EndsWith(w, "ed") && w.size() > 4) return w.substr(0, w.size() - 2);
    if (EndsWith(w, "ing") && w.size() > 5) return w.substr(0, w.size() - 3);
    if (EndsWith(w, "s") && w.size() > 3) return w.substr(0, w.size() - 1);
  }
  return w;
}

std::string Lemmatizer::Lemma(std::string_view form, std::string_view xpos) const {
  std::string w = Lower(form);
  static const std::unordered_map<std::string, std::string> kFunction = {
      {"n't", "not"}, {"nt", "not"}, {"'re", "be"}, {"'m", "be"}, {"'ll", "will"}, {"wo", "will"},
      {"ca", "can"}, {"'ve", "have"}, {"is", "be"}, {"are", "be"}, {"was", "be"}, {"were", "be"},
      {"am", "be"}, {"been", "be"}, {"being", "be"}, {"be", "be"}, {"has", "have"}, {"had", "have"},
      {"having", "have"}, {"does", "do"}, {"did", "do"}, {"done", "do"}, {"doing", "do"},
      {"me", "I"}, {"i", "I"}, {"him", "he"}, {"her", "she"}, {"them", "they"}, {"us", "we"},
      {"gon", "go"}, {"na", "to"}, {"ta", "to"}};
  if (xpos == "POS") return "'s";
  if (w == "'s") return xpos == "VBZ" ? "be" : xpos == "PRP" ? "we" : "'s";
  if (w == "'d") return xpos == "MD" ? "would" : "have";
  if (xpos == "PRP$" || xpos == "WP$") return w;
  if (w == "her" && xpos == "PRP$") return "she";
  auto f = kFunction.find(w);
  if (f != kFunction.end() && (xpos.rfind("VB", 0) == 0 || xpos == "MD" || xpos == "PRP" || xpos == "RB" ||
                               xpos == "TO" || w == "n't" || w == "'re" || w == "'m" || w == "'ll" ||
                               w == "'ve")) {
    return f->second;
  }
  if (xpos == "NNP") return std::string(form);
  if (xpos == "NNPS") {
    // "States" -> "State": proper plurals keep their capitalisation.
    std::string m = Morphy(w, 'n');
    if (m.size() <= form.size()) return std::string(form.substr(0, m.size())) + (m.size() > form.size() ? "" : "");
    return std::string(form);
  }
  if (xpos == "NNS") return Morphy(w, 'n');
  if (xpos == "VBD" || xpos == "VBN" || xpos == "VBG" || xpos == "VBZ" || xpos == "VBP" || xpos == "VB") {
    return xpos == "VB" || xpos == "VBP" ? (exc_[1].count(w) ? exc_[1].at(w) : w) : Morphy(w, 'v');
  }
  if (xpos == "JJR" || xpos == "JJS") return Morphy(w, 'a');
  if (xpos == "RBR" || xpos == "RBS") {
    auto e = exc_[3].find(w);
    return e != exc_[3].end() ? e->second : Morphy(w, 'a');
  }
  return w;
}

}  // namespace dyad
