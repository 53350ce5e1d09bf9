#include "src/nlp/tokenize_eval.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "dyad/text.h"
#include "src/util/text_case.h"

namespace dyad {
namespace {

struct GoldDoc {
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> units;  // gold token spans
  std::vector<uint32_t> sentence_ends;
};

// Appends one sentence to the document text and records its word spans. A multiword
// token whose words spell its surface form ("do"+"n't" = "don't") contributes its words;
// otherwise it is one unit.
void AddSentence(const ConlluSentence& s, GoldDoc* d) {
  size_t mw = 0;
  for (size_t i = 0; i < s.words.size();) {
    uint32_t start = static_cast<uint32_t>(d->text.size());
    bool space = true;
    if (mw < s.multiwords.size() && s.multiwords[mw].first == static_cast<int>(i + 1)) {
      const auto& m = s.multiwords[mw++];
      std::string concat;
      for (int k = m.first; k <= m.last; ++k) concat += s.words[k - 1].form;
      d->text += m.form;
      if (Lower(concat) == Lower(m.form)) {
        uint32_t p = start;
        for (int k = m.first; k <= m.last; ++k) {
          uint32_t len = static_cast<uint32_t>(s.words[k - 1].form.size());
          d->units.push_back({p, p + len});
          p += len;
        }
      } else {
        d->units.push_back({start, static_cast<uint32_t>(d->text.size())});
      }
      space = m.space_after;
      i = static_cast<size_t>(m.last);
    } else {
      d->text += s.words[i].form;
      d->units.push_back({start, static_cast<uint32_t>(d->text.size())});
      space = s.words[i].space_after;
      ++i;
    }
    if (space && i < s.words.size()) d->text += " ";
  }
  d->sentence_ends.push_back(static_cast<uint32_t>(d->text.size()));
}

}  // namespace

TokenizeScore ScoreTokenizer(const std::vector<ConlluSentence>& gold,
                             const std::function<bool(const ConlluSentence&)>& keep,
                             size_t max_examples) {
  std::vector<GoldDoc> docs;
  for (const ConlluSentence& s : gold) {
    if (keep && !keep(s)) continue;
    if (docs.empty() || s.new_doc) docs.emplace_back();
    GoldDoc& d = docs.back();
    if (!d.text.empty()) d.text += (s.new_par ? "\n\n" : " ");
    AddSentence(s, &d);
  }
  TokenizeScore score;
  score.documents = static_cast<long long>(docs.size());
  for (const GoldDoc& d : docs) {
    std::vector<Sentence> ours = SplitAndTokenize(Normalize(d.text));
    std::vector<std::pair<uint32_t, uint32_t>> units;
    std::vector<uint32_t> ends;
    for (const Sentence& s : ours) {
      for (const Token& t : s.tokens) units.push_back({t.begin, t.end});
      ends.push_back(s.end);
    }
    // Our tokens inside a gold unit that is one multiword token count as that unit.
    std::set<std::pair<uint32_t, uint32_t>> gold_set(d.units.begin(), d.units.end());
    std::set<std::pair<uint32_t, uint32_t>> our_set(units.begin(), units.end());
    score.tokens.gold += static_cast<long long>(gold_set.size());
    score.tokens.predicted += static_cast<long long>(our_set.size());
    for (const auto& u : our_set) {
      if (gold_set.count(u)) {
        ++score.tokens.correct;
      } else if (score.examples.size() < max_examples) {
        score.examples.push_back("ours: '" + d.text.substr(u.first, u.second - u.first) + "' in '" +
                                 d.text.substr(u.first > 30 ? u.first - 30 : 0, 70) + "'");
      }
    }
    std::set<uint32_t> gold_ends(d.sentence_ends.begin(), d.sentence_ends.end());
    std::set<uint32_t> our_ends(ends.begin(), ends.end());
    score.sentences.gold += static_cast<long long>(gold_ends.size());
    score.sentences.predicted += static_cast<long long>(our_ends.size());
    for (uint32_t e : our_ends) score.sentences.correct += gold_ends.count(e);
    for (uint32_t e : gold_ends) {
      if (!our_ends.count(e) && score.examples.size() < max_examples * 2) {
        size_t from = e > 40 ? e - 40 : 0;
        score.examples.push_back("missed sentence end: '" + d.text.substr(from, e - from) + " || " +
                                 d.text.substr(e, 30) + "'");
      }
    }
  }
  return score;
}

}  // namespace dyad
