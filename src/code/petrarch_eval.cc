#include "src/code/petrarch_eval.h"
#include "src/util/text_case.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace dyad {
namespace {

// Attribute value of `name` in a tag: tolerant of spaces around '=' and of either quote.
std::string Attr(const std::string& tag, const std::string& name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string::npos) {
    bool word_start = pos == 0 || std::isspace(static_cast<unsigned char>(tag[pos - 1]));
    size_t p = pos + name.size();
    while (p < tag.size() && std::isspace(static_cast<unsigned char>(tag[p]))) ++p;
    if (word_start && p < tag.size() && tag[p] == '=') {
      ++p;
      while (p < tag.size() && std::isspace(static_cast<unsigned char>(tag[p]))) ++p;
      if (p < tag.size() && (tag[p] == '"' || tag[p] == '\'')) {
        char q = tag[p];
        size_t end = tag.find(q, p + 1);
        if (end == std::string::npos) return std::string();
        std::string v = tag.substr(p + 1, end - p - 1);
        // A few records quote the value twice: targetcode='"GON"'.
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        return v;
      }
    }
    pos += name.size();
  }
  return std::string();
}

std::string Between(const std::string& s, const std::string& open, const std::string& close) {
  size_t a = s.find(open);
  if (a == std::string::npos) return std::string();
  a += open.size();
  size_t b = s.find(close, a);
  if (b == std::string::npos) return std::string();
  return s.substr(a, b - a);
}

std::string Squash(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

bool IsNull(const std::string& code) { return code.empty() || code == "---"; }

}  // namespace

void CategoryScore::Add(const CategoryScore& o) {
  records += o.records;
  correct_records += o.correct_records;
  correct += o.correct;
  uncoded += o.uncoded;
  extra += o.extra;
  null_dropped += o.null_dropped;
}

Result<PetrarchSuite> ReadPetrarchSuite(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePetrarchSuite(ss.str(), path);
}

Result<PetrarchSuite> ParsePetrarchSuite(std::string all, const std::string& path) {
  // Comments may contain example tags; blank them out but keep line numbers.
  for (size_t p = 0; (p = all.find("<!--", p)) != std::string::npos;) {
    size_t e = all.find("-->", p + 4);
    if (e == std::string::npos) e = all.size() - 3;
    for (size_t i = p; i < e + 3; ++i) {
      if (all[i] != '\n') all[i] = ' ';
    }
    p = e + 3;
  }

  PetrarchSuite suite;
  std::string env = Between(all, "<Environment>", "</Environment>");
  suite.verbs = Squash(Between(env, "<Verbfile>", "</Verbfile>"));
  suite.actors = Squash(Between(env, "<Actorfile>", "</Actorfile>"));
  suite.agents = Squash(Between(env, "<Agentfile>", "</Agentfile>"));
  suite.discards = Squash(Between(env, "<Discardfile>", "</Discardfile>"));
  suite.ontology = Squash(Between(env, "<PICOfile>", "</PICOfile>"));
  std::istringstream inc(Between(env, "<Include>", "</Include>"));
  for (std::string w; inc >> w;) suite.include.push_back(w);

  size_t pos = 0;
  while ((pos = all.find("<Sentence ", pos)) != std::string::npos) {
    size_t tag_end = all.find('>', pos);
    size_t end = all.find("</Sentence>", pos);
    if (tag_end == std::string::npos || end == std::string::npos) {
      return Status::Corruption(path + ": unterminated <Sentence> record");
    }
    const std::string tag = all.substr(pos, tag_end - pos);
    const std::string body = all.substr(tag_end + 1, end - tag_end - 1);
    PetrarchRecord r;
    r.line = 1 + static_cast<int>(std::count(all.begin(), all.begin() + pos, '\n'));
    r.id = Attr(tag, "id");
    r.category = Attr(tag, "category");
    std::string d = Attr(tag, "date");
    if (d.size() == 8) d = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
    r.date = d;
    r.evaluate = Lower(Attr(tag, "evaluate")) != "false";
    for (size_t c = 0; (c = body.find("<EventCoding", c)) != std::string::npos;) {
      size_t ce = body.find('>', c);
      std::string ctag = body.substr(c, ce - c);
      if (Lower(Attr(ctag, "noevents")) == "true") {
        r.noevents = true;
      } else if (ctag.find("error") != std::string::npos && Attr(ctag, "eventcode").empty()) {
        r.error = true;
      } else {
        r.expected.push_back(
            {Attr(ctag, "eventcode"), Attr(ctag, "sourcecode"), Attr(ctag, "targetcode")});
      }
      c = ce;
    }
    r.text = Squash(Between(body, "<Text>", "</Text>"));
    suite.records.push_back(std::move(r));
    pos = end;
  }
  if (suite.records.empty()) return Status::Corruption(path + ": no <Sentence> records");
  return suite;
}

bool ScorePetrarchRecord(const PetrarchRecord& r, const std::vector<PetrarchCoding>& coded_in,
                         CategoryScore* score) {
  score->records++;
  std::vector<PetrarchCoding> coded;
  for (const auto& c : coded_in) {
    if (IsNull(c.source) || IsNull(c.target)) {
      score->null_dropped++;
    } else {
      coded.push_back(c);
    }
  }
  if (r.noevents || r.expected.empty()) {
    score->extra += static_cast<int>(coded.size());
    bool ok = coded.empty();
    if (ok) score->correct_records++;
    return ok;
  }
  std::vector<bool> used(coded.size(), false);
  int correct = 0;
  for (const auto& e : r.expected) {
    bool found = false;
    for (size_t i = 0; i < coded.size(); ++i) {
      if (!used[i] && coded[i] == e) {
        used[i] = true;
        found = true;
        break;
      }
    }
    if (found)
      ++correct;
    else
      score->uncoded++;
  }
  score->correct += correct;
  int extra = 0;
  for (bool u : used) extra += !u;
  score->extra += extra;
  bool ok = correct == static_cast<int>(r.expected.size()) && extra == 0;
  if (ok) score->correct_records++;
  return ok;
}

std::string FormatPetrarchScores(const std::map<std::string, CategoryScore>& by_category) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof(buf), "%-10s %7s %7s %7s %7s %7s %5s %7s %7s %7s\n", "category",
                "records", "rec_ok", "correct", "uncoded", "extra", "null", "TP%", "FN%", "FP%");
  out += buf;
  CategoryScore total;
  auto row = [&](const std::string& name, const CategoryScore& s) {
    std::snprintf(buf, sizeof(buf), "%-10s %7d %7d %7d %7d %7d %5d %7.1f %7.1f %7.1f\n",
                  name.c_str(), s.records, s.correct_records, s.correct, s.uncoded, s.extra,
                  s.null_dropped, s.tp(), s.fn(), s.fp());
    out += buf;
  };
  for (const auto& [cat, s] : by_category) {
    row(cat, s);
    total.Add(s);
  }
  row("TOTAL", total);
  return out;
}

}  // namespace dyad
