// Main-text (article body) extraction from HTML pages, with gumbo.
#ifndef DYAD_TEXT_HTML_EXTRACT_H_
#define DYAD_TEXT_HTML_EXTRACT_H_

#include <string>
#include <string_view>

namespace dyad {

struct HtmlArticle {
  std::string title;
  std::string date;  // "YYYY-MM-DD" from metadata when found, else empty
  std::string text;  // main text, paragraphs separated by blank lines
  std::string url;   // canonical URL when declared
  std::string language;  // <html lang>, lowercased primary subtag
  // Start tags (and their end tags) ignored because they nested deeper than kMaxHtmlDepth.
  size_t ignored_tags = 0;
};

// Elements nested deeper than this are flattened (their tags ignored, their text kept)
// before parsing: gumbo's tree building is quadratic in depth and its tree is freed
// recursively (100,000 nested elements took 21 s and 800 MB, or overflowed the stack).
inline constexpr size_t kMaxHtmlDepth = 512;

// Parses `html` and extracts the article: itemprop=articleBody or <article> when present,
// else the container with the densest paragraph text (readability-style scoring with a
// link-density penalty); navigation, headers, footers, asides, scripts and forms are
// dropped. Never fails: a page with no main text gives an empty `text`. Time and memory are
// linear in the page size whatever its nesting (see kMaxHtmlDepth).
HtmlArticle ExtractHtmlArticle(std::string_view html);

}  // namespace dyad

#endif  // DYAD_TEXT_HTML_EXTRACT_H_
