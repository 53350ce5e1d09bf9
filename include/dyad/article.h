// Article: one dated news text, as every reader yields it and every later stage sees it.
//
//   dyad::Article a;
//   a.id = "seed-1"; a.date = "2025-02-18"; a.text = "Russia and the US met ...";
#ifndef DYAD_ARTICLE_H_
#define DYAD_ARTICLE_H_

#include <string>

namespace dyad {

struct Article {
  // Stable identifier: the record's own id when it has one, else derived from the
  // origin (file:line) or a content hash. Default: empty.
  std::string id;
  // Publication date "YYYY-MM-DD", validated; empty when unknown. Default: empty.
  std::string date;
  std::string title;   // Default: empty.
  std::string text;    // The article body, UTF-8, as read (before normalisation).
  std::string source;  // Outlet ("Reuters", "CNN"). Default: empty.
  std::string url;     // Default: empty.
  // ISO 639-1 code when known from the record or detected ("en"); empty when unknown.
  std::string language;
  // Where the record came from, for messages: "file:line" or "file#record". Default: empty.
  std::string origin;
};

}  // namespace dyad

#endif  // DYAD_ARTICLE_H_
