// Tokeniser and sentence splitter (UD English EWT conventions), a hand-written scanner
// over normalised text. Design notes in doc/text.md.
#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <unordered_set>

#include "dyad/text.h"
#include "src/util/text_case.h"

namespace dyad {
namespace {

struct RawToken {
  uint32_t b, e;          // span in the normalised text
  std::string text;       // normalised form (may differ: "n't" from "n’t" is already ASCII)
  int newlines_before = 0;
  bool space_before = false;
};

inline bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// Letters include every non-ASCII byte: names like Zelenskyy's Cyrillic or "Erdoğan".
inline bool IsWordByte(unsigned char c) { return IsAsciiAlpha(c) || IsDigit(c) || c >= 0x80; }

const std::unordered_set<std::string>& Abbreviations() {
  // Lowercased, without the final period. Tokens "<abbr>." keep their period.
  static const std::unordered_set<std::string> s = {
      "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
      "maj", "adm", "cmdr", "cpl", "pvt", "gen", "brig", "rev", "hon", "pres", "supt", "insp",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos",
      "st", "ave", "blvd", "rd", "mt", "ft", "inc", "corp", "ltd", "co", "jr", "sr", "vs",
      "etc", "approx", "dept", "est", "fig", "vol", "ed", "eds", "al", "cf", "ca", "e.g",
      "i.e", "u.s", "u.k", "u.n", "e.u", "d.c", "u.s.a", "a.m", "p.m", "ph.d", "b.a", "m.a",
      "n.y", "l.a", "p.o", "pop", "ont", "que", "alta", "ariz", "calif", "colo", "conn", "fla", "ga", "ill", "ind", "kan",
      "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
      "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "op", "govt", "intl"};
  return s;
}

// Abbreviations after which a capitalised word does not start a new sentence.
const std::unordered_set<std::string>& Titles() {
  static const std::unordered_set<std::string> s = {
      "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
      "maj", "adm", "cmdr", "cpl", "pvt", "brig", "rev", "hon", "pres", "supt", "insp", "st",
      "mt", "ft", "no", "nos", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "op", "fig", "vol", "ca", "cf", "al"};
  return s;
}

// Prefixes that EWT keeps attached before a hyphen ("e-mail", "re-elected", "co-starring").
const std::unordered_set<std::string>& HyphenPrefixes() {
  static const std::unordered_set<std::string> s = {
      "e", "re", "pre", "co", "non", "multi", "mid", "post", "counter", "pro", "un", "anti",
      "ex", "semi", "sub", "intra", "over", "bi", "tri", "de", "mis", "neo", "pseudo", "quasi",
      "ultra", "trans", "micro", "macro", "mega", "mini", "wi", "x", "t", "u", "a", "cross",
      "extra"};
  return s;
}

const std::unordered_set<std::string>& SentenceStarters() {
  static const std::unordered_set<std::string> s = {
      "the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "at", "but", "and",
      "this", "that", "these", "those", "his", "her", "their", "its", "our", "there", "if",
      "when", "while", "after", "before", "as", "for", "meanwhile", "however", "also", "so",
      "some", "many", "most", "both", "no", "yet", "still"};
  return s;
}

bool IsUrlOrEmail(std::string_view w) {
  if (w.size() < 5) return false;
  if (w.find("://") != std::string_view::npos) return true;
  if ((w[0] | 0x20) == 'w' && (w[1] | 0x20) == 'w' && (w[2] | 0x20) == 'w' && w[3] == '.') return true;
  size_t at = w.find('@');
  if (at != std::string_view::npos && at > 0) {
    size_t dot = w.find('.', at);
    return dot != std::string_view::npos && dot + 1 < w.size();
  }
  return false;
}

bool IsNumberLike(std::string_view w) {
  bool digit = false;
  for (unsigned char c : w) {
    if (IsDigit(c)) digit = true;
    else if (c != '.' && c != ',' && c != ':' && c != '/' && c != '-') return false;
  }
  return digit;
}

class Scanner {
 public:
  explicit Scanner(const std::string& t) : t_(t) {}

  std::vector<RawToken> Run() {
    const size_t n = t_.size();
    size_t i = 0;
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(t_[i]);
      if (IsSpace(c)) {
        if (c == '\n') ++newlines_;
        space_ = true;
        ++i;
        continue;
      }
      size_t j = i;
      while (j < n && !IsSpace(static_cast<unsigned char>(t_[j]))) ++j;
      Chunk(i, j);
      i = j;
    }
    return std::move(out_);
  }

 private:
  void Emit(size_t b, size_t e, std::string text = std::string()) {
    if (e <= b) return;
    RawToken r;
    r.b = static_cast<uint32_t>(b);
    r.e = static_cast<uint32_t>(e);
    r.text = text.empty() ? t_.substr(b, e - b) : std::move(text);
    r.newlines_before = newlines_;
    r.space_before = space_;
    newlines_ = 0;
    space_ = false;
    out_.push_back(std::move(r));
  }

  static bool IsLeadPunct(unsigned char c) {
    return c == '(' || c == '[' || c == '{' || c == '"' || c == '`' || c == '$' || c == '#' ||
           c == '*' || c == '<';
  }
  static bool IsTrailPunct(unsigned char c) {
    return c == ')' || c == ']' || c == '}' || c == '"' || c == ',' || c == ';' || c == ':' ||
           c == '!' || c == '?' || c == '%' || c == '*' || c == '>';
  }

  // One whitespace-delimited chunk [b, e).
  void Chunk(size_t b, size_t e) {
    std::string_view w(t_.data() + b, e - b);
    // Non-ASCII symbols standing alone (bullets, currency) are single tokens.
    if (IsUrlOrEmail(w)) {
      size_t lb = b, le = e;
      while (lb < le && (t_[lb] == '(' || t_[lb] == '[' || t_[lb] == '"' || t_[lb] == '<')) {
        Emit(lb, lb + 1);
        ++lb;
      }
      size_t trail = le;
      while (trail > lb && std::string_view(".,;:!?)]\">'").find(t_[trail - 1]) != std::string_view::npos) --trail;
      Emit(lb, trail);
      for (size_t k = trail; k < le; ++k) Emit(k, k + 1);
      return;
    }
    // Runs of one symbol ("------", "****", "===") are one token.
    for (size_t k = b; k < e;) {
      char c = t_[k];
      if (c != '-' && c != '*' && c != '=' && c != '_' && c != '~' && c != '+' && c != '#' && c != '.') break;
      size_t r = k;
      while (r < e && t_[r] == c) ++r;
      if (r - k >= 4 || (r - k >= 2 && c != '-' && c != '.' && c != '#')) {
        if (k > b) Chunk(b, k);
        Emit(k, r);
        if (r < e) Chunk(r, e);
        return;
      }
      break;
    }
    // Leading punctuation.
    while (b < e) {
      unsigned char c = static_cast<unsigned char>(t_[b]);
      // Multi-byte currency signs: pound, euro, yen.
      if (e - b > 2 && (std::string_view(t_.data() + b, 2) == "\xC2\xA3" ||
                        std::string_view(t_.data() + b, 2) == "\xC2\xA5")) {
        Emit(b, b + 2);
        b += 2;
        continue;
      }
      if (e - b > 3 && std::string_view(t_.data() + b, 3) == "\xE2\x82\xAC") {
        Emit(b, b + 3);
        b += 3;
        continue;
      }
      if (IsLeadPunct(c)) {
        if (c == '#' && b + 1 < e && IsWordByte(static_cast<unsigned char>(t_[b + 1]))) break;
        Emit(b, b + 1);
        ++b;
      } else if (c == '\'' && b + 1 < e && !IsDigit(static_cast<unsigned char>(t_[b + 1])) &&
                 !(e - b >= 3 && Lower(std::string_view(t_.data() + b, std::min<size_t>(3, e - b))) == "'em")) {
        Emit(b, b + 1);
        ++b;
      } else if (c == '-' && b + 1 < e && t_[b + 1] == '-') {
        Emit(b, b + 2);
        b += 2;
      } else if (c == '.' && b + 2 < e && t_[b + 1] == '.' && t_[b + 2] == '.') {
        Emit(b, b + 3);
        b += 3;
      } else {
        break;
      }
    }
    if (b >= e) return;
    // Trailing punctuation, collected right to left.
    std::vector<std::pair<size_t, size_t>> trail;
    while (e > b) {
      unsigned char c = static_cast<unsigned char>(t_[e - 1]);
      if (e - b >= 3 && t_[e - 1] == '.' && t_[e - 2] == '.' && t_[e - 3] == '.') {
        trail.push_back({e - 3, e});
        e -= 3;
      } else if (c == '!' || c == '?') {
        // "!!!!" and "?!" are one token.
        size_t r = e - 1;
        while (r > b && (t_[r - 1] == '!' || t_[r - 1] == '?')) --r;
        trail.push_back({r, e});
        e = r;
      } else if (IsTrailPunct(c)) {
        trail.push_back({e - 1, e});
        --e;
      } else if (c == '\'' && e - b >= 2) {
        // Closing quote, or the possessive of a plural ("countries'").
        trail.push_back({e - 1, e});
        --e;
      } else if (c == '-' && e - b >= 2 && t_[e - 2] == '-') {
        trail.push_back({e - 2, e});
        e -= 2;
      } else if (c == '.') {
        std::string_view core(t_.data() + b, e - b - 1);
        if (core.empty()) {
          trail.push_back({e - 1, e});
          --e;
          break;
        }
        std::string lc = Lower(core);
        bool keep = Abbreviations().count(lc) > 0 ||
                    (core.size() == 1 && IsAsciiAlpha(static_cast<unsigned char>(core[0]))) ||
                    (core.find('.') != std::string_view::npos && IsAcronymWithDots(core));
        if (!keep) {
          trail.push_back({e - 1, e});
          --e;
          continue;  // "hands)." and "reasonable\"." peel further
        }
        break;
      } else {
        break;
      }
    }
    Core(b, e);
    for (auto it = trail.rbegin(); it != trail.rend(); ++it) Emit(it->first, it->second);
  }

  // Phone numbers ("212-902-3724") and dates ("01-Feb-02") keep their hyphens; scores and
  // ranges ("5-3", "2013-2014") are split, as in EWT and PUD.
  bool KeepsHyphens(size_t b, size_t e) const {
    int hyphens = 0, digits = 0, letters = 0;
    for (size_t k = b; k < e; ++k) {
      unsigned char c = static_cast<unsigned char>(t_[k]);
      if (c == '-') ++hyphens;
      else if (IsDigit(c)) ++digits;
      else if (IsAsciiAlpha(c)) ++letters;
    }
    if (letters == 3 && hyphens == 2 && digits >= 2) return true;  // 01-Feb-02
    // "2013-2014" is a range of years, not a phone number.
    if (e - b == 9 && hyphens == 1 && t_[b + 4] == '-') return false;
    return letters == 0 && digits >= 7;
  }

  static bool IsAcronymWithDots(std::string_view w) {
    // "U.S", "e.g", "a.m": letters separated by single dots.
    for (size_t i = 0; i < w.size(); ++i) {
      bool letter = IsAsciiAlpha(static_cast<unsigned char>(w[i]));
      if (i % 2 == 0 ? !letter : w[i] != '.') return false;
    }
    return true;
  }

  // The word part of a chunk: clitics, hyphens and inner punctuation.
  void Core(size_t b, size_t e) {
    if (e <= b) return;
    std::string_view w(t_.data() + b, e - b);
    if ((IsNumberLike(w) && (w.find('-') == std::string_view::npos || KeepsHyphens(b, e))) ||
        IsUrlOrEmail(w) || (w.find('-') != std::string_view::npos && KeepsHyphens(b, e))) {
      Emit(b, e);
      return;
    }
    // Split "word--word", "word,word" (not numbers) and hyphens between letters.
    for (size_t k = b + 1; k + 1 < e; ++k) {
      char c = t_[k];
      if (c == '-' && t_[k + 1] == '-') {
        Core(b, k);
        Emit(k, k + 2);
        Core(k + 2, e);
        return;
      }
      if ((c == ',' || c == ';' || c == '(' || c == ')' || c == '"' || c == '!' || c == '?') &&
          !(IsDigit(static_cast<unsigned char>(t_[k - 1])) && IsDigit(static_cast<unsigned char>(t_[k + 1])))) {
        Core(b, k);
        Emit(k, k + 1);
        Core(k + 1, e);
        return;
      }
      if (c == '-' && (IsWordByte(static_cast<unsigned char>(t_[k - 1])) || t_[k - 1] == '.') &&
          IsWordByte(static_cast<unsigned char>(t_[k + 1]))) {
        std::string_view left(t_.data() + b, k - b);
        bool digits = IsDigit(static_cast<unsigned char>(t_[k - 1])) &&
                      IsDigit(static_cast<unsigned char>(t_[k + 1])) && KeepsHyphens(b, e);
        size_t dash = left.rfind('-');
        std::string_view last_part = dash == std::string_view::npos ? left : left.substr(dash + 1);
        if (!digits && !HyphenPrefixes().count(Lower(last_part))) {
          Core(b, k);
          Emit(k, k + 1);
          Core(k + 1, e);
          return;
        }
      }
    }
    Clitics(b, e);
  }

  void Clitics(size_t b, size_t e) {
    std::string_view w(t_.data() + b, e - b);
    // Fast path: only words with an apostrophe or ending in t/a (dont, cannot, gonna)
    // can split.
    char last = static_cast<char>(w.back() | 0x20);
    if (w.size() < 3 || (w.find('\'') == std::string_view::npos && last != 't' && last != 'a')) {
      Emit(b, e);
      return;
    }
    std::string lw = Lower(w);
    const size_t n = lw.size();
    if (n > 3 && lw.compare(n - 3, 3, "n't") == 0) {
      size_t stem_end = e - 3;
      if (lw == "can't") stem_end = e - 2;  // ca n't
      if (lw == "won't" || lw == "ain't") stem_end = e - 3;
      if (lw == "can't") {
        Emit(b, b + 2);
        Emit(b + 2, e);
        return;
      }
      Emit(b, stem_end);
      Emit(stem_end, e);
      return;
    }
    static const std::unordered_set<std::string> kNoApostrophe = {
        "dont", "wont", "cant", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent",
        "couldnt", "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "aint"};
    if (kNoApostrophe.count(lw)) {
      size_t stem = lw == "cant" ? 2 : n - 2;
      Emit(b, b + stem);
      Emit(b + stem, e);
      return;
    }
    if (lw == "cannot") {
      Emit(b, b + 3);
      Emit(b + 3, e);
      return;
    }
    if (lw == "gonna" || lw == "wanna" || lw == "gotta") {
      Emit(b, b + 3);
      Emit(b + 3, e);
      return;
    }
    static const std::array<const char*, 7> kClitics = {"'s", "'re", "'ve", "'ll", "'d", "'m", "'"};
    for (const char* cl : kClitics) {
      size_t m = std::char_traits<char>::length(cl);
      if (m == 1) continue;
      if (n > m && lw.compare(n - m, m, cl) == 0) {
        Emit(b, e - m);
        Emit(e - m, e);
        return;
      }
    }
    Emit(b, e);
  }

  const std::string& t_;
  std::vector<RawToken> out_;
  int newlines_ = 0;
  bool space_ = false;
};

bool IsFinal(const std::string& t) {
  if (t == "." || t == "!" || t == "?" || t == "..." || t == "?!" || t == "!?") return true;
  return false;
}

bool IsCloser(const std::string& t) {
  return t == "\"" || t == "'" || t == ")" || t == "]" || t == "''";
}

bool StartsUpperOrDigit(const std::string& t) {
  if (t.empty()) return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  return (c >= 'A' && c <= 'Z') || IsDigit(c) || c >= 0x80 || c == '"' || c == '(' || c == '\'' ||
         c == '[';
}

bool IsAllCapsWord(const std::string& t) {
  bool letter = false;
  for (unsigned char c : t) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

bool IsBullet(const std::string& t) {
  return t == "\xE2\x80\xA2" || t == "*" || t == "\xC2\xB7" || t == "-" || t == "--" ||
         t == "\xE2\x96\xAA" || t == "\xE2\x97\x8F";
}

// Token index after a dateline ("MOSCOW (Reuters) -", "WASHINGTON, D.C. --"), or 0.
size_t DatelineEnd(const std::vector<RawToken>& toks, size_t start, size_t end) {
  bool caps = false;
  for (size_t k = start; k < end && k < start + 10; ++k) {
    const std::string& t = toks[k].text;
    if (k > start && toks[k].newlines_before > 0) return 0;
    if ((t == "-" || t == "--") && caps) return k + 1;
    if (IsAllCapsWord(t) && t.size() >= 2) {
      caps = true;
      continue;
    }
    if (t == "," || t == "(" || t == ")" || t == "." || (caps && k > start && toks[k - 1].text == "(")) continue;
    if (caps && t.size() <= 5 && t.back() == '.') continue;  // "D.C."
    return 0;
  }
  return 0;
}

}  // namespace

std::vector<Sentence> SplitAndTokenize(const NormalizedText& n) {
  std::vector<RawToken> toks = Scanner(n.text).Run();
  std::vector<Sentence> out;
  const size_t count = toks.size();
  size_t start = 0;
  auto flush_one = [&](size_t end) {
    Sentence s;
    s.tokens.reserve(end - start);
    for (size_t k = start; k < end; ++k) {
      Token t;
      t.begin = n.orig_begin[toks[k].b];
      t.end = n.orig_end[toks[k].e - 1];
      t.text = std::move(toks[k].text);
      t.space_after = k + 1 < count ? toks[k + 1].space_before : true;
      s.tokens.push_back(std::move(t));
    }
    s.begin = s.tokens.front().begin;
    s.end = s.tokens.back().end;
    out.push_back(std::move(s));
    start = end;
  };
  auto flush = [&](size_t end) {
    while (end > start + kMaxSentenceTokens) {
      size_t cut = start + kMaxSentenceTokens;
      for (size_t k = cut; k > start + kMaxSentenceTokens / 2; --k) {
        const std::string& t = toks[k - 1].text;
        if (t == ";" || t == ":" || t == "," || t == "-" || t == "--") {
          cut = k;
          break;
        }
      }
      flush_one(cut);
    }
    if (end > start) flush_one(end);
  };
  bool paragraph_start = true;
  for (size_t k = 0; k < count; ++k) {
    if (k > start && toks[k].newlines_before >= 2) {
      flush(k);
      paragraph_start = true;
    } else if (k > start && toks[k].newlines_before == 1 &&
               (IsBullet(toks[k].text) || IsFinal(toks[k - 1].text) ||
                (IsCloser(toks[k - 1].text) && k >= 2 && IsFinal(toks[k - 2].text)))) {
      flush(k);
      paragraph_start = true;
    }
    if (paragraph_start && k == start) {
      size_t d = DatelineEnd(toks, k, count);
      paragraph_start = false;
      if (d > k && d < count) {
        flush(d);
        k = d - 1;
        continue;
      }
    }
    const std::string& t = toks[k].text;
    bool final = IsFinal(t);
    bool abbrev_end = false;
    if (!final && t.size() > 1 && t.back() == '.' && k + 1 < count) {
      // "in the U.S. The talks": an abbreviation can end a sentence too.
      std::string core = Lower(std::string_view(t).substr(0, t.size() - 1));
      if (!Titles().count(core) && core.size() > 1 && SentenceStarters().count(Lower(toks[k + 1].text)) &&
          StartsUpperOrDigit(toks[k + 1].text)) {
        abbrev_end = true;
      }
    }
    if (!final && !abbrev_end) continue;
    size_t end = k + 1;
    while (end < count && IsCloser(toks[end].text) && toks[end].newlines_before == 0 &&
           !toks[end].space_before) {
      ++end;
    }
    // Closing quote separated by a space but followed by a new sentence.
    if (end < count && toks[end].text == "\"" && toks[end].newlines_before == 0 &&
        end + 1 < count && StartsUpperOrDigit(toks[end + 1].text) && toks[end + 1].space_before &&
        !toks[end].space_before) {
      ++end;
    }
    if (end >= count) {
      k = end - 1;
      continue;
    }
    const std::string& next = toks[end].text;
    // A lowercase start still opens a sentence after a separate final mark (informal
    // text writes "ok. i will"); punctuation that continues a clause does not.
    bool continues = next == "," || next == ";" || next == ":" || next == ")" || next == "-" ||
                     (abbrev_end && !StartsUpperOrDigit(next));
    if (toks[end].newlines_before > 0 || (!continues && toks[end].space_before)) {
      flush(end);
      k = end - 1;
    }
  }
  flush(count);
  return out;
}

}  // namespace dyad
