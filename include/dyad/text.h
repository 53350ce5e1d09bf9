// Text: normalisation, language identification, sentence splitting and tokenisation.
//
//   auto pipeline = dyad::TextPipeline::Create(dyad::TextOptions());
//   if (!pipeline.ok()) return pipeline.status();
//   auto doc = (*pipeline)->Process(article);   // NotSupported for non-English text
//   if (!doc.ok()) { skip(article, doc.status()); }
//   for (const dyad::Sentence& s : doc->sentences) ...
//
// Every Sentence and Token keeps its byte span [begin, end) in the ORIGINAL article text;
// Token::text is the normalised form (NFC, ASCII quotes and dashes) that later stages see.
// Tokens follow UD English EWT conventions: "don't" -> do n't, "Russia's" -> Russia 's,
// "opt-out" -> opt - out (but e-mail, re-elect), "$100" -> $ 100; "U.S.", numbers, URLs
// and e-mail addresses stay whole.
#ifndef DYAD_TEXT_H_
#define DYAD_TEXT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

// Normalised text with a byte-exact map back to the original.
struct NormalizedText {
  std::string text;
  // For normalised byte i: the original span [orig_begin[i], orig_end[i]) of the character
  // it came from. Sizes equal text.size().
  std::vector<uint32_t> orig_begin, orig_end;
};

// NFC; curly quotes -> ' and "; en/em dashes -> - and --; ellipsis -> ...; NBSP and other
// spaces -> ' '; zero-width and control characters (except \n and \t) removed; invalid
// UTF-8 bytes -> U+FFFD. Never fails.
NormalizedText Normalize(std::string_view original);

struct LanguageGuess {
  std::string code;         // ISO 639-1 ("en", "es"); empty when undetermined
  double confidence = 0.0;  // 0..1
  std::string method;       // "textcat", "stopwords"
};

class LanguageIdentifier {
 public:
  // Loads libexttextcat's fingerprints (Debian libexttextcat-data). NotFound when absent.
  static Result<std::unique_ptr<LanguageIdentifier>> Create();
  virtual ~LanguageIdentifier() = default;
  // Identifies the language of `text` (only the first ~2 KB are read). Thread-safe.
  virtual LanguageGuess Identify(std::string_view text) const = 0;
};

// Sentences are at most this many tokens: a longer run (a table, a list, text without
// punctuation) is split at its last ';', ':', ',' or dash within the limit, else at the
// limit, so the parser and coder see every part instead of skipping it whole.
inline constexpr size_t kMaxSentenceTokens = 250;

// Splits normalised text into sentences of tokens (no language check). Spans are in the
// coordinates of `n.text` mapped back to the original through n.orig_begin/orig_end.
// No sentence has more than kMaxSentenceTokens tokens.
std::vector<Sentence> SplitAndTokenize(const NormalizedText& n);

struct TextOptions {
  // Identify the language and refuse non-English articles. Default: true.
  bool detect_language = true;
  // Texts shorter than this many bytes are assumed English when the identifier is unsure
  // (short headlines identify badly). Default: 200.
  size_t min_bytes_for_rejection = 200;
};

class TextPipeline {
 public:
  static Result<std::unique_ptr<TextPipeline>> Create(const TextOptions& options);
  ~TextPipeline();

  // Normalises, checks the language, splits and tokenises. NotSupported("language es ...")
  // for a non-English article; InvalidArgument for empty text. Thread-safe.
  Result<Document> Process(const Article& article) const;

 private:
  TextPipeline() = default;
  TextOptions options_;
  std::unique_ptr<LanguageIdentifier> langid_;
};

}  // namespace dyad

#endif  // DYAD_TEXT_H_
