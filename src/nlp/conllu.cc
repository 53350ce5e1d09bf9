#include "src/nlp/conllu.h"

#include <fstream>
#include <sstream>

namespace dyad {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> f;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return f;
}

bool HasNoSpace(const std::string& misc) {
  size_t p = misc.find("SpaceAfter=No");
  return p != std::string::npos && (p == 0 || misc[p - 1] == '|');
}

}  // namespace

Result<std::vector<ConlluSentence>> ReadConllu(std::istream& in, const std::string& name) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  std::string line;
  int lineno = 0;
  auto flush = [&]() -> Status {
    if (cur.words.empty() && cur.comments.empty()) return Status::OK();
    if (cur.words.empty()) {
      return Status::Corruption(name + ":" + std::to_string(cur.line) + ": sentence without words");
    }
    out.push_back(std::move(cur));
    cur = ConlluSentence();
    return Status::OK();
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      DYAD_RETURN_IF_ERROR(flush());
      continue;
    }
    if (cur.line == 0) cur.line = lineno;
    if (line[0] == '#') {
      std::string c = line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1);
      if (c.rfind("sent_id = ", 0) == 0) cur.sent_id = c.substr(10);
      else if (c.rfind("text = ", 0) == 0) cur.text = c.substr(7);
      else if (c.rfind("newdoc", 0) == 0) cur.new_doc = true;
      else if (c.rfind("newpar", 0) == 0) cur.new_par = true;
      cur.comments.push_back(c);
      continue;
    }
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() != 10) {
      return Status::Corruption(name + ":" + std::to_string(lineno) + ": expected 10 tab-separated fields, found " +
                                std::to_string(f.size()));
    }
    const std::string& id = f[0];
    if (id.find('.') != std::string::npos) continue;  // empty node
    size_t dash = id.find('-');
    if (dash != std::string::npos) {
      ConlluMultiword m;
      m.first = std::atoi(id.substr(0, dash).c_str());
      m.last = std::atoi(id.substr(dash + 1).c_str());
      m.form = f[1];
      m.space_after = !HasNoSpace(f[9]);
      if (m.first <= 0 || m.last < m.first) {
        return Status::Corruption(name + ":" + std::to_string(lineno) + ": bad range " + id);
      }
      cur.multiwords.push_back(m);
      continue;
    }
    ConlluWord w;
    int n = std::atoi(id.c_str());
    if (n != static_cast<int>(cur.words.size()) + 1) {
      return Status::Corruption(name + ":" + std::to_string(lineno) + ": word id " + id + " out of sequence");
    }
    w.form = f[1];
    w.lemma = f[2];
    w.upos = f[3];
    w.xpos = f[4];
    w.feats = f[5];
    w.head = f[6] == "_" ? -1 : std::atoi(f[6].c_str());
    w.deprel = f[7];
    w.deps = f[8];
    w.misc = f[9];
    w.space_after = !HasNoSpace(f[9]);
    cur.words.push_back(std::move(w));
  }
  DYAD_RETURN_IF_ERROR(flush());
  return out;
}

Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  return ReadConllu(in, path);
}

void WriteConllu(const ConlluSentence& s, std::ostream& out) {
  for (const auto& c : s.comments) out << "# " << c << "\n";
  size_t mw = 0;
  for (size_t i = 0; i < s.words.size(); ++i) {
    while (mw < s.multiwords.size() && s.multiwords[mw].first == static_cast<int>(i + 1)) {
      const auto& m = s.multiwords[mw++];
      out << m.first << "-" << m.last << "\t" << m.form << "\t_\t_\t_\t_\t_\t_\t_\t"
          << (m.space_after ? "_" : "SpaceAfter=No") << "\n";
    }
    const ConlluWord& w = s.words[i];
    auto f = [](const std::string& v) { return v.empty() ? std::string("_") : v; };
    out << (i + 1) << "\t" << f(w.form) << "\t" << f(w.lemma) << "\t" << f(w.upos) << "\t"
        << f(w.xpos) << "\t" << f(w.feats) << "\t" << (w.head < 0 ? "_" : std::to_string(w.head))
        << "\t" << f(w.deprel) << "\t" << f(w.deps) << "\t" << f(w.misc) << "\n";
  }
  out << "\n";
}

std::string RebuildText(const ConlluSentence& s) {
  std::string text;
  size_t mw = 0;
  for (size_t i = 0; i < s.words.size();) {
    if (mw < s.multiwords.size() && s.multiwords[mw].first == static_cast<int>(i + 1)) {
      const auto& m = s.multiwords[mw++];
      text += m.form;
      if (m.space_after) text += " ";
      i = static_cast<size_t>(m.last);
      continue;
    }
    text += s.words[i].form;
    if (s.words[i].space_after) text += " ";
    ++i;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace dyad
