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
};

// Parses `html` and extracts the article: itemprop=articleBody or <article> when present,
// else the container with the densest paragraph text (readability-style scoring with a
// link-density penalty); navigation, headers, footers, asides, scripts and forms are
// dropped. Never fails: a page with no main text gives an empty `text`.
HtmlArticle ExtractHtmlArticle(std::string_view html);

}  // namespace dyad

#endif  // DYAD_TEXT_HTML_EXTRACT_H_
