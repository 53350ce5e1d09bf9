// Lemmatiser: WordNet's exception lists and detachment rules (Debian wordnet-base, read
// at load time), driven by the PTB tag, plus English clitics and function words
// (n't -> not, 's -> be/have/'s, wo -> will) following UD English EWT's lemma conventions.
#ifndef DYAD_NLP_LEMMATIZER_H_
#define DYAD_NLP_LEMMATIZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "dyad/status.h"

namespace dyad {

class Lemmatizer {
 public:
  // Reads the WordNet files under `wordnet_dir` (default /usr/share/wordnet).
  static Result<std::unique_ptr<Lemmatizer>> Load(const std::string& wordnet_dir = "/usr/share/wordnet");

  // The lemma of `form` tagged `xpos` (PTB). `next_xpos` disambiguates "'s" (be/have vs
  // possessive is already POS). Thread-safe.
  std::string Lemma(std::string_view form, std::string_view xpos) const;

 private:
  Lemmatizer() = default;
  std::string Morphy(const std::string& lower, char pos) const;
  std::unordered_map<std::string, std::string> exc_[4];  // n, v, a, r
  std::unordered_set<std::string> index_[4];
};

}  // namespace dyad

#endif  // DYAD_NLP_LEMMATIZER_H_
