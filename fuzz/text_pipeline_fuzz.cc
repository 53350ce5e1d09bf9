// Fuzzes normalisation, sentence splitting and tokenisation: spans must stay inside the
// original text, in order, and every token must be valid UTF-8.
#include "dyad/text.h"
#include "fuzz/fuzz_target.h"

DYAD_FUZZ_TARGET(text_pipeline) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dyad::NormalizedText n = dyad::Normalize(text);
  DYAD_FUZZ_CHECK(n.orig_begin.size() == n.text.size());
  DYAD_FUZZ_CHECK(n.orig_end.size() == n.text.size());
  DYAD_FUZZ_CHECK(dyad::fuzz::IsValidUtf8(n.text));
  for (size_t i = 0; i < n.text.size(); ++i) {
    DYAD_FUZZ_CHECK(n.orig_begin[i] <= n.orig_end[i] && n.orig_end[i] <= text.size());
  }
  std::vector<dyad::Sentence> sentences = dyad::SplitAndTokenize(n);
  for (const dyad::Sentence& s : sentences) {
    DYAD_FUZZ_CHECK(s.begin <= s.end && s.end <= text.size());
    for (const dyad::Token& t : s.tokens) {
      DYAD_FUZZ_CHECK(t.begin <= t.end && t.end <= text.size());
      DYAD_FUZZ_CHECK(dyad::fuzz::IsValidUtf8(t.text));
    }
  }
  return 0;
}
