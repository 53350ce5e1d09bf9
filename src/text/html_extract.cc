#include "src/text/html_extract.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "src/util/dates.h"
#include "src/util/text_case.h"

namespace dyad {
namespace {

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_MENU: case GUMBO_TAG_LABEL:
      return true;
    default: return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BR:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_MAIN: case GUMBO_TAG_FIGURE: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_HR:
      return true;
    default: return false;
  }
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

// Class/id words that mark page furniture rather than article text.
bool LooksLikeBoilerplate(const GumboElement& e) {
  std::string s;
  if (const char* c = Attr(e, "class")) s += c;
  s += " ";
  if (const char* i = Attr(e, "id")) s += i;
  if (const char* r = Attr(e, "role")) s += std::string(" ") + r;
  s = Lower(s);
  static const char* kBad[] = {"comment", "share", "social", "related", "promo", "newsletter",
                               "subscribe", "advert", " ad-", "-ad ", "sidebar", "footer",
                               "header", "navigation", "navbar", "menu", "breadcrumb", "cookie",
                               "popup", "modal", "recommend", "outbrain", "taboola", "sponsor",
                               "byline", "caption", "author-bio", "tags", "toolbar", "banner",
                               "signup", "paywall", "most-popular", "trending", "complementary",
                               "read-more", "readmore", "more-stories", "login"};
  for (const char* b : kBad) {
    if (s.find(b) != std::string::npos) {
      // "article-header" or "content" containers that merely mention a word stay.
      if (s.find("articlebody") != std::string::npos || s.find("article-body") != std::string::npos ||
          s.find("story-body") != std::string::npos) {
        return false;
      }
      return true;
    }
  }
  return false;
}

void CollapseSpaces(std::string* s) {
  std::string out;
  bool space = false;
  for (char c : *s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
    } else {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  *s = out;
}

// Plain text of a node with block elements as paragraph breaks; counts link text.
void Text(const GumboNode* n, std::string* out, size_t* link_chars, bool in_link, bool filter) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    out->append(n->v.text.text);
    if (in_link) *link_chars += std::strlen(n->v.text.text);
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = n->v.element;
  if (IsSkipped(e.tag)) return;
  if (filter && LooksLikeBoilerplate(e) && e.tag != GUMBO_TAG_BODY) return;
  bool block = IsBlock(e.tag);
  if (block) out->append("\n\n");
  bool link = in_link || e.tag == GUMBO_TAG_A;
  for (unsigned i = 0; i < e.children.length; ++i) {
    Text(static_cast<const GumboNode*>(e.children.data[i]), out, link_chars, link, filter);
  }
  if (block) out->append("\n\n");
}

// Paragraphs of a text made by Text(): trimmed, spaces collapsed, empty ones dropped.
std::vector<std::string> Paragraphs(const std::string& raw) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find("\n\n", start);
    if (end == std::string::npos) end = raw.size();
    std::string p = raw.substr(start, end - start);
    CollapseSpaces(&p);
    if (!p.empty()) out.push_back(p);
    start = end + 2;
  }
  return out;
}

// Start tags that never hold children or are closed by their next sibling do not deepen the
// tree: counting them would flatten ordinary pages with thousands of unclosed <p> or <li>.
bool DoesNotNest(std::string_view name) {
  static const char* kFlat[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd",
                                "tr", "td", "th", "option", "optgroup", "rp", "rt", "keygen"};
  for (const char* f : kFlat) {
    if (name == f) return true;
  }
  return false;
}

// Copies `html` without the start tags that open deeper than kMaxHtmlDepth (and without as
// many end tags after them), so gumbo never builds a deeper tree. The depth is estimated from
// the tags alone (no tree building): linear time, and an overestimate only costs formatting.
std::string CapNesting(std::string_view html, size_t* ignored) {
  std::string out;
  size_t depth = 0, excess = 0, copied = 0;
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    size_t lt = i;
    if (html.compare(i, 4, "<!--") == 0) {
      size_t e = html.find("-->", i + 4);
      i = e == std::string_view::npos ? html.size() : e + 3;
      continue;
    }
    bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    size_t n = i + (end_tag ? 2 : 1);
    if (n >= html.size() || !std::isalpha(static_cast<unsigned char>(html[n]))) {
      i = n;
      continue;
    }
    std::string name;
    while (n < html.size() && (std::isalnum(static_cast<unsigned char>(html[n])) || html[n] == '-')) {
      name.push_back(lower(html[n++]));
    }
    size_t gt = html.find('>', n);
    size_t next = gt == std::string_view::npos ? html.size() : gt + 1;
    bool self_closing = gt != std::string_view::npos && gt > 0 && html[gt - 1] == '/';
    bool drop = false;
    if (end_tag) {
      if (!DoesNotNest(name)) {
        if (excess > 0) {
          --excess;
          drop = true;
        } else if (depth > 0) {
          --depth;
        }
      }
    } else if (!self_closing && !DoesNotNest(name)) {
      if (depth >= kMaxHtmlDepth) {
        ++excess;
        ++*ignored;
        drop = true;
      } else {
        ++depth;
      }
    }
    if (drop) {
      out.append(html.substr(copied, lt - copied));
      copied = next;
    }
    // Raw text elements hold no tags: skip to their end tag.
    if (!end_tag && (name == "script" || name == "style" || name == "textarea" || name == "title")) {
      std::string close = "</" + name;
      size_t e = next;
      while (e < html.size()) {
        e = html.find("</", e);
        if (e == std::string_view::npos) break;
        bool match = e + close.size() <= html.size();
        for (size_t k = 2; match && k < close.size(); ++k) match = lower(html[e + k]) == close[k];
        if (match) break;
        e += 2;
      }
      next = e == std::string_view::npos ? html.size() : e;
    }
    i = next;
  }
  if (copied == 0) return std::string();
  out.append(html.substr(copied));
  return out;
}

struct Scored {
  const GumboNode* node;
  double score;
};

class Extractor {
 public:
  explicit Extractor(GumboOutput* out) : out_(out) {}

  HtmlArticle Run() {
    HtmlArticle a;
    Meta(out_->root, &a);
    const GumboNode* body = FindBody(out_->root);
    if (body == nullptr) body = out_->root;
    const GumboNode* best = FindItemprop(body);
    if (best == nullptr) {
      ScoreParagraphs(body);
      best = BestCandidate();
    }
    if (best == nullptr) best = body;
    a.text = Render(best);
    return a;
  }

 private:
  static const GumboNode* FindBody(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
    if (n->v.element.tag == GUMBO_TAG_BODY) return n;
    for (unsigned i = 0; i < n->v.element.children.length; ++i) {
      if (auto b = FindBody(static_cast<const GumboNode*>(n->v.element.children.data[i]))) return b;
    }
    return nullptr;
  }

  static const GumboNode* FindItemprop(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
    const GumboElement& e = n->v.element;
    if (IsSkipped(e.tag)) return nullptr;
    const char* ip = Attr(e, "itemprop");
    if (ip != nullptr && Lower(ip).find("articlebody") != std::string::npos) return n;
    for (unsigned i = 0; i < e.children.length; ++i) {
      if (auto b = FindItemprop(static_cast<const GumboNode*>(e.children.data[i]))) return b;
    }
    return nullptr;
  }

  void Meta(const GumboNode* n, HtmlArticle* a) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_HTML) {
      if (const char* lang = Attr(e, "lang")) {
        std::string l = Lower(lang);
        a->language = l.substr(0, l.find_first_of("-_"));
      }
    }
    if (e.tag == GUMBO_TAG_TITLE && a->title.empty() && e.children.length > 0) {
      const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
      if (t->type == GUMBO_NODE_TEXT) {
        a->title = t->v.text.text;
        CollapseSpaces(&a->title);
      }
    }
    if (e.tag == GUMBO_TAG_META) {
      const char* prop = Attr(e, "property");
      if (prop == nullptr) prop = Attr(e, "name");
      if (prop == nullptr) prop = Attr(e, "itemprop");
      const char* content = Attr(e, "content");
      if (prop != nullptr && content != nullptr) {
        std::string p = Lower(prop);
        if (a->date.empty() && (p == "article:published_time" || p == "datepublished" ||
                                p == "pubdate" || p == "publishdate" || p == "date" ||
                                p == "og:published_time" || p == "dc.date" || p == "sailthru.date")) {
          a->date = IsoDate(content);
        }
        if (p == "og:title" && !std::string(content).empty()) a->title = content;
        if (p == "og:url" && a->url.empty()) a->url = content;
      }
    }
    if (e.tag == GUMBO_TAG_TIME && a->date.empty()) {
      if (const char* dt = Attr(e, "datetime")) a->date = IsoDate(dt);
    }
    if (e.tag == GUMBO_TAG_LINK) {
      const char* rel = Attr(e, "rel");
      const char* href = Attr(e, "href");
      if (rel && href && Lower(rel) == "canonical") a->url = href;
    }
    if (e.tag == GUMBO_TAG_SCRIPT && a->date.empty()) {
      const char* type = Attr(e, "type");
      if (type && Lower(type) == "application/ld+json" && e.children.length > 0) {
        const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
        if (t->type == GUMBO_NODE_TEXT) {
          std::string js = t->v.text.text;
          size_t p = js.find("\"datePublished\"");
          if (p != std::string::npos) {
            size_t q = js.find('"', js.find(':', p) + 1);
            if (q != std::string::npos) a->date = IsoDate(js.substr(q + 1, 10));
          }
        }
      }
    }
    for (unsigned i = 0; i < e.children.length; ++i) {
      Meta(static_cast<const GumboNode*>(e.children.data[i]), a);
    }
  }

  static std::string IsoDate(const std::string& s) {
    std::string d = s.substr(0, std::min<size_t>(10, s.size()));
    return IsValidDate(d) ? d : std::string();
  }

  // Readability-style: each paragraph-like block gives its parent a score for its text
  // (length, commas) and half of that to the grandparent.
  void ScoreParagraphs(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& e = n->v.element;
    if (IsSkipped(e.tag) || LooksLikeBoilerplate(e)) return;
    if (e.tag == GUMBO_TAG_P || e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_BLOCKQUOTE ||
        e.tag == GUMBO_TAG_H2 || (e.tag == GUMBO_TAG_DIV && !HasBlockChild(e))) {
      std::string t;
      size_t links = 0;
      Text(n, &t, &links, false, true);
      CollapseSpaces(&t);
      if (t.size() >= 25) {
        double density = t.empty() ? 1.0 : static_cast<double>(links) / t.size();
        double s = 1.0 + std::count(t.begin(), t.end(), ',') + std::min(t.size() / 100.0, 3.0);
        s *= (1.0 - density);
        const GumboNode* parent = n->parent;
        if (parent != nullptr) {
          score_[parent] += s;
          if (parent->parent != nullptr) score_[parent->parent] += s / 2;
        }
      }
    }
    for (unsigned i = 0; i < e.children.length; ++i) {
      ScoreParagraphs(static_cast<const GumboNode*>(e.children.data[i]));
    }
  }

  static bool HasBlockChild(const GumboElement& e) {
    for (unsigned i = 0; i < e.children.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(e.children.data[i]);
      if (c->type == GUMBO_NODE_ELEMENT && IsBlock(c->v.element.tag) && c->v.element.tag != GUMBO_TAG_BR) {
        return true;
      }
    }
    return false;
  }

  const GumboNode* BestCandidate() {
    const GumboNode* best = nullptr;
    double best_score = 0;
    for (const auto& [node, s] : score_) {
      std::string t;
      size_t links = 0;
      Text(node, &t, &links, false, true);
      double density = t.empty() ? 1.0 : static_cast<double>(links) / t.size();
      double adjusted = s * (1.0 - density);
      if (adjusted > best_score) {
        best_score = adjusted;
        best = node;
      }
    }
    if (best == nullptr) return nullptr;
    // Articles split across sibling containers: climb while the parent holds much more
    // scored text that is not link-heavy.
    while (best->parent != nullptr && best->parent->type == GUMBO_NODE_ELEMENT &&
           best->parent->v.element.tag != GUMBO_TAG_BODY) {
      auto it = score_.find(best->parent);
      if (it == score_.end() || it->second < score_[best] * 1.3) break;
      best = best->parent;
    }
    return best;
  }

  std::string Render(const GumboNode* n) {
    std::string raw;
    size_t links = 0;
    Text(n, &raw, &links, false, true);
    std::string out;
    for (const std::string& p : Paragraphs(raw)) {
      // Short link-only or label-like lines ("Advertisement", "Share") are dropped.
      if (p.size() < 3) continue;
      static const char* kJunk[] = {"Advertisement", "ADVERTISEMENT", "Share", "Share this",
                                    "Read more", "Related", "Continue reading"};
      bool junk = false;
      for (const char* j : kJunk) junk |= p == j;
      if (junk) continue;
      if (!out.empty()) out += "\n\n";
      out += p;
    }
    return out;
  }

  GumboOutput* out_;
  std::unordered_map<const GumboNode*, double> score_;
};

}  // namespace

HtmlArticle ExtractHtmlArticle(std::string_view html) {
  size_t ignored = 0;
  std::string capped = CapNesting(html, &ignored);
  if (ignored > 0) html = capped;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;
  GumboOutput* out = gumbo_parse_with_options(&options, html.data(), html.size());
  if (out == nullptr) return HtmlArticle();
  HtmlArticle a = Extractor(out).Run();
  a.ignored_tags = ignored;
  gumbo_destroy_output(&options, out);
  return a;
}

}  // namespace dyad
