#include "src/text/petrarch_records.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "src/util/text_case.h"

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

}  // namespace

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

}  // namespace dyad
