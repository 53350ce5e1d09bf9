// CAMEO coding conventions as data: the rules dyad applies on top of the code a pattern
// gives (future acts become intents or threats, force by protesters is a violent protest,
// meetings in a third country are 044, paired events, mutual fighting).
//
//   auto conv = CameoConventions::LoadFile(DataDir() + "/conventions/cameo_conventions.txt");
//   ConventionContext c;
//   c.code = "042"; c.future = true;
//   ConventionResult r = conv->Apply(c);   // r.code == "036", r.intent == true
//
// data/conventions/cameo_conventions.txt documents the format.
#ifndef DYAD_CODE_CONVENTIONS_H_
#define DYAD_CODE_CONVENTIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// What a convention may look at.
struct ConventionContext {
  std::string code;              // the pattern's code
  bool future = false;           // the act is announced for the future
  std::string source_code;       // "UKROPP"
  std::string source_country;    // ISO-3 or CAMEO country of the source, "" when unknown
  std::string target_country;    // likewise for the target; "" when there is no target
  std::string location_country;  // country of the event's place, "" when unknown
};

// The unnamed doer of an agentless passive ("was arrested in Moscow"): the role of the
// place's country that does such acts.
struct ImpliedAgent {
  std::string role;  // "COP"
  std::string rule;  // "implied-agent 173 COP (cameo_conventions.txt:48)", for the reason
};

struct ConventionResult {
  std::string code;   // the code after the rules
  bool intent = false;  // a future rule fired: the intent or threat is itself asserted
  std::vector<std::string> applied;  // "future 04 036 (cameo_conventions.txt:21)", in order
};

class CameoConventions {
 public:
  // No rules: Apply() returns the code unchanged.
  CameoConventions() = default;

  // Reads `path`. Errors: IOError when unreadable; Corruption naming path:line for an
  // unknown rule or a malformed one.
  static Result<CameoConventions> LoadFile(const std::string& path);
  // Parses `text`; `origin` names it in errors and in ConventionResult::applied.
  static Result<CameoConventions> Parse(std::string_view text, const std::string& origin);

  // Applies future, source-suffix and third-location rules in that order.
  ConventionResult Apply(const ConventionContext& c) const;

  // The paired event's code for `code` ("042" -> "043"), or "" when it has none.
  std::string Pair(std::string_view code) const;

  // The implied agent of an agentless passive coded `code`, when a rule names one.
  std::optional<ImpliedAgent> Implied(std::string_view code) const;

  // Whether `lemma` with a `prep` phrase codes `code` in both directions.
  bool Mutual(std::string_view code, std::string_view lemma, std::string_view prep) const;

  // The text the rules were read from (part of the coder's version fingerprint).
  const std::string& source() const { return source_; }

 private:
  struct Rule {
    std::string kind;                 // "future", "source-suffix", "third-location", ...
    std::vector<std::string> match;   // prefixes or codes
    std::vector<std::string> extra;   // suffixes (source-suffix) or verbs (mutual)
    std::string prep;                 // mutual only
    std::string code;                 // the resulting code (pair: the paired code)
    std::string where;                // "cameo_conventions.txt:21"
  };
  std::vector<Rule> rules_;
  std::string source_;
};

}  // namespace dyad

#endif  // DYAD_CODE_CONVENTIONS_H_
