#include "src/code/conventions.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/dict/dict_util.h"

namespace dyad {
namespace {

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out = dict_internal::SplitOn(s, ",");
  std::erase(out, std::string());
  return out;
}

bool IsCode(const std::string& s) {
  return !s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos;
}

bool IsUpperWord(const std::string& s) {
  return !s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool AnyPrefix(const std::vector<std::string>& prefixes, std::string_view code) {
  for (const std::string& p : prefixes) {
    if (StartsWith(code, p)) return true;
  }
  return false;
}

}  // namespace

Result<CameoConventions> CameoConventions::Parse(std::string_view text,
                                                 const std::string& origin) {
  CameoConventions out;
  out.source_ = std::string(text);
  const std::string name = std::filesystem::path(origin).filename().string();
  std::istringstream in{std::string(text)};
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string x; words >> x;) w.push_back(x);
    if (w.empty()) continue;
    const std::string where = origin + ":" + std::to_string(n);
    auto bad = [&](const std::string& why) {
      return Status::Corruption(where + ": " + why + " in '" + line + "'");
    };
    Rule r;
    r.kind = w[0];
    r.where = name + ":" + std::to_string(n);
    if (r.kind == "future" || r.kind == "pair") {
      if (w.size() != 3) return bad(r.kind + " takes two codes");
      r.match = {w[1]};
      r.code = w[2];
    } else if (r.kind == "source-suffix") {
      if (w.size() != 4) return bad("source-suffix takes PREFIX SUFFIXES CODE");
      r.match = {w[1]};
      r.extra = SplitCommas(w[2]);
      r.code = w[3];
      if (r.extra.empty()) return bad("no suffix");
    } else if (r.kind == "third-location") {
      if (w.size() != 3) return bad("third-location takes CODES CODE");
      r.match = SplitCommas(w[1]);
      r.code = w[2];
    } else if (r.kind == "implied-agent") {
      if (w.size() != 3) return bad("implied-agent takes PREFIX ROLE");
      r.match = {w[1]};
      r.extra = {w[2]};
      if (w[2].size() != 3 || !IsUpperWord(w[2])) {
        return bad("'" + w[2] + "' is not a 3-letter role");
      }
    } else if (r.kind == "mutual") {
      if (w.size() < 4) return bad("mutual takes PREFIX PREP VERB...");
      r.match = {w[1]};
      r.prep = w[2];
      r.extra.assign(w.begin() + 3, w.end());
    } else {
      return bad("unknown rule '" + r.kind + "'");
    }
    for (const std::string& m : r.match) {
      if (!IsCode(m)) return bad("'" + m + "' is not a CAMEO code");
    }
    const bool has_code = r.kind != "mutual" && r.kind != "implied-agent";
    if (has_code && !IsCode(r.code)) return bad("'" + r.code + "' is not a CAMEO code");
    out.rules_.push_back(std::move(r));
  }
  return out;
}

Result<CameoConventions> CameoConventions::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot read");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

ConventionResult CameoConventions::Apply(const ConventionContext& c) const {
  ConventionResult r;
  r.code = c.code;
  auto fire = [&r](const Rule& rule) {
    r.applied.push_back(rule.kind + " " + r.code + " -> " + rule.code + " (" + rule.where + ")");
    r.code = rule.code;
  };
  // Order matters and is the file's promise: future, then the source, then the place.
  if (c.future) {
    for (const Rule& rule : rules_) {
      if (rule.kind == "future" && StartsWith(r.code, rule.match[0])) {
        fire(rule);
        r.intent = true;
        break;
      }
    }
  }
  for (const Rule& rule : rules_) {
    if (rule.kind != "source-suffix" || !StartsWith(r.code, rule.match[0])) continue;
    bool hit = false;
    for (const std::string& suf : rule.extra) hit |= EndsWith(c.source_code, suf);
    if (hit) {
      fire(rule);
      break;
    }
  }
  if (!c.location_country.empty() && !c.source_country.empty() && !c.target_country.empty() &&
      c.location_country != c.source_country && c.location_country != c.target_country) {
    for (const Rule& rule : rules_) {
      if (rule.kind != "third-location") continue;
      bool hit = false;
      for (const std::string& m : rule.match) hit |= r.code == m;
      if (hit) {
        fire(rule);
        break;
      }
    }
  }
  return r;
}

std::string CameoConventions::Pair(std::string_view code) const {
  for (const Rule& rule : rules_) {
    if (rule.kind == "pair" && rule.match[0] == code) return rule.code;
  }
  return "";
}

std::optional<ImpliedAgent> CameoConventions::Implied(std::string_view code) const {
  for (const Rule& rule : rules_) {
    if (rule.kind == "implied-agent" && StartsWith(code, rule.match[0])) {
      return ImpliedAgent{rule.extra[0], "implied-agent " + rule.match[0] + " " + rule.extra[0] +
                                             " (" + rule.where + ")"};
    }
  }
  return std::nullopt;
}

bool CameoConventions::Mutual(std::string_view code, std::string_view lemma,
                              std::string_view prep) const {
  for (const Rule& rule : rules_) {
    if (rule.kind != "mutual" || rule.prep != prep || !AnyPrefix(rule.match, code)) continue;
    for (const std::string& v : rule.extra) {
      if (v == lemma) return true;
    }
  }
  return false;
}

}  // namespace dyad
