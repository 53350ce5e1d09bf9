#include "src/code/gold_eval.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "dyad/ontology.h"
#include "dyad/reader.h"
#include "src/util/parallel.h"

namespace dyad {
namespace {

using json = nlohmann::json;

std::string Str(const json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::string Sha1Prefix(std::string_view s) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(s.data(), s.size(), md, &n, EVP_sha1(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 8 && i < n; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

// Byte offset of code point `cp` in UTF-8 `s` (Python str offsets in the gold files).
size_t ByteOffset(const std::string& s, int cp) {
  size_t i = 0;
  int seen = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (seen == cp) return i;
    ++seen;
  }
  return seen == cp ? s.size() : std::string::npos;
}

const char* kCorpusFiles[][2] = {
    {"geopolitics", "geopolitics-2022-2026.jsonl.gz"},
    {"realtimeqa", "realtimeqa-2012-2026.jsonl.gz"},
    {"reuters21578", "reuters21578.jsonl.gz"},
    {"conflict-timelines", "conflict-timelines-2005-2013.jsonl"},
};

bool CountedModality(Modality m) { return m == Modality::kAsserted || m == Modality::kReported; }

std::string Root(const std::string& code) { return code.substr(0, std::min<size_t>(2, code.size())); }

}  // namespace

void GoldCounts::Add(const GoldCounts& o) {
  tp += o.tp;
  fp += o.fp;
  fn += o.fn;
  exact += o.exact;
  date_right += o.date_right;
  date_known += o.date_known;
}

Result<std::vector<GoldSentence>> ReadGoldFiles(const std::vector<std::string>& paths,
                                                std::vector<std::string>* problems) {
  std::vector<GoldSentence> out;
  for (const std::string& path : paths) {
    std::ifstream in(path);
    if (!in) return Status::NotFound(path + ": cannot open gold file");
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string where = path + ":" + std::to_string(n);
      json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.is_object()) {
        problems->push_back(where + ": invalid JSON (skipped)");
        continue;
      }
      GoldSentence g;
      g.where = where;
      g.corpus = Str(j, "corpus");
      g.key = Str(j, "key");
      g.split = Str(j, "split");
      g.article_date = Str(j, "article_date");
      g.sentence_sha1 = Str(j, "sentence_sha1");
      g.confidence = Str(j, "confidence");
      if (!j.contains("start") || !j["start"].is_number_integer() || !j.contains("end") ||
          !j["end"].is_number_integer() || g.corpus.empty() || g.key.empty()) {
        problems->push_back(where + ": needs corpus, key, start and end (skipped)");
        continue;
      }
      g.start = j["start"].get<int>();
      g.end = j["end"].get<int>();
      g.sent_index = j.value("sent_index", 0);
      if (g.start < 0 || g.end <= g.start) {
        problems->push_back(where + ": empty or negative span (skipped)");
        continue;
      }
      if (g.split != "dev" && g.split != "test") {
        problems->push_back(where + ": split must be dev or test (skipped)");
        continue;
      }
      bool bad = false;
      if (j.contains("events") && j["events"].is_array()) {
        for (const json& e : j["events"]) {
          GoldEvent ge;
          ge.source = Str(e, "source");
          ge.source_text = Str(e, "source_text");
          ge.code = Str(e, "code");
          ge.target = Str(e, "target");
          ge.target_text = Str(e, "target_text");
          ge.modality = Str(e, "modality");
          if (ge.modality.empty()) ge.modality = "asserted";
          ge.date = Str(e, "date");
          ge.date_basis = Str(e, "date_basis");
          ge.place = Str(e, "place");
          ge.place_country = Str(e, "place_country");
          ge.note = Str(e, "note");
          if (ge.code.size() < 3 || ge.code.size() > 4 ||
              !std::all_of(ge.code.begin(), ge.code.end(), ::isdigit)) {
            problems->push_back(where + ": event code '" + ge.code + "' is not a CAMEO code (skipped)");
            bad = true;
            break;
          }
          g.events.push_back(std::move(ge));
        }
      }
      if (!bad) out.push_back(std::move(g));
    }
  }
  return out;
}

Result<std::vector<GoldArticle>> LoadGoldArticles(const std::vector<GoldSentence>& gold,
                                                  const std::string& news_dir,
                                                  std::vector<std::string>* problems) {
  // corpus -> key -> sentences
  std::map<std::string, std::map<std::string, std::vector<const GoldSentence*>>> want;
  for (const GoldSentence& g : gold) want[g.corpus][g.key].push_back(&g);
  std::vector<GoldArticle> out;
  for (const auto& [corpus, keys] : want) {
    std::string file;
    for (const auto& cf : kCorpusFiles) {
      if (corpus == cf[0]) file = news_dir + "/" + cf[1];
    }
    if (file.empty()) {
      problems->push_back("unknown corpus '" + corpus + "' (" + std::to_string(keys.size()) +
                          " articles skipped)");
      continue;
    }
    ReaderOptions ro;
    ro.format = InputFormat::kJsonl;
    ro.on_issue = [](const ReadIssue&) {};  // the corpora's own bad records are not ours
    DYAD_ASSIGN_OR_RETURN(auto src, OpenArticleSource(file, ro));
    std::set<std::string> found;
    Article a;
    while (true) {
      DYAD_ASSIGN_OR_RETURN(bool more, src->Next(&a));
      if (!more) break;
      std::string key = a.url;
      auto it = keys.find(key);
      if (it == keys.end() || found.count(key)) {
        size_t colon = a.origin.rfind(':');
        key = colon == std::string::npos ? "" : "line:" + a.origin.substr(colon + 1);
        it = keys.find(key);
      }
      if (it == keys.end() || found.count(key)) continue;
      found.insert(key);
      GoldArticle ga;
      ga.corpus = corpus;
      ga.key = key;
      ga.title = a.title;
      ga.url = a.url;
      ga.text = a.text;
      std::vector<const GoldSentence*> sents = it->second;
      std::sort(sents.begin(), sents.end(),
                [](const GoldSentence* x, const GoldSentence* y) { return x->start < y->start; });
      for (const GoldSentence* g : sents) {
        ga.date = g->article_date;
        size_t b = ByteOffset(a.text, g->start), e = ByteOffset(a.text, g->end);
        if (b == std::string::npos || e == std::string::npos ||
            Sha1Prefix(std::string_view(a.text).substr(b, e - b)) != g->sentence_sha1) {
          problems->push_back(g->where + ": sentence hash does not match " + corpus + " " + key +
                              " (skipped)");
          continue;
        }
        ga.sentences.push_back(g);
        ga.byte_spans.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
      }
      if (!ga.sentences.empty()) out.push_back(std::move(ga));
    }
    for (const auto& [key, sents] : keys) {
      if (!found.count(key)) {
        problems->push_back(sents.front()->where + ": " + corpus + " " + key +
                            " not found in " + file + " (skipped)");
      }
    }
  }
  return out;
}

std::string GoldBlock(const Ontology* ontology, const std::string& code) {
  if (code.empty() || code == "---") return "---";
  std::string b = code.substr(0, 3);
  if (ontology != nullptr) {
    std::string iso = ontology->Iso3(b);
    if (!iso.empty()) return iso;
  }
  return b;
}

Article GoldArticleInput(const GoldArticle& ga) {
  Article a;
  a.id = ga.corpus + ":" + ga.key;
  a.date = ga.date;
  a.title = ga.title;
  a.url = ga.url;
  uint32_t last = 0;
  for (auto [b, e] : ga.byte_spans) last = std::max(last, e);
  a.text = ga.text.substr(0, last);
  return a;
}

Result<std::vector<CodedArticle>> CodeGoldArticles(const Coder& coder,
                                                   const std::vector<GoldArticle>& articles,
                                                   const std::vector<size_t>& which, int jobs) {
  std::vector<size_t> order = which;
  if (order.empty()) {
    for (size_t i = 0; i < articles.size(); ++i) order.push_back(i);
  }
  std::vector<CodedArticle> out;
  out.reserve(order.size());
  size_t next = 0;
  Status st = OrderedParallelMap<size_t, CodedArticle>(
      std::max(1, jobs),
      [&](size_t* i) -> Result<bool> {
        if (next >= order.size()) return false;
        *i = order[next++];
        return true;
      },
      [&](const size_t& i) { return coder.Code(GoldArticleInput(articles[i])); },
      [&](size_t&, CodedArticle& c) {
        out.push_back(std::move(c));
        return Status::OK();
      });
  if (!st.ok()) return st;
  return out;
}

namespace {

struct Side {
  std::string root, src, tgt, code, full_src, full_tgt, date;
  std::string Line() const { return full_src + " " + code + " " + full_tgt; }
};

}  // namespace

void GoldScorer::AddArticle(const GoldArticle& article, const std::vector<Event>& events,
                            const std::vector<EventCandidate>* candidates) {
  if (candidates != nullptr) mentions_known_ = true;
  for (size_t si = 0; si < article.sentences.size(); ++si) {
    const GoldSentence& g = *article.sentences[si];
    auto [b, e] = article.byte_spans[si];
    std::set<std::string> mentioned;  // actor blocks the coder recognised in the sentence
    if (candidates != nullptr) {
      for (const EventCandidate& c : *candidates) {
        if (c.sentence_begin < b || c.sentence_begin >= e) continue;
        mentioned.insert(Block(c.source));
        if (!c.target.empty()) mentioned.insert(Block(c.target));
      }
    }
    std::vector<Side> gold, coded;
    for (const GoldEvent& ge : g.events) {
      if (!ge.Counted()) continue;
      gold.push_back({Root(ge.code), Block(ge.source), Block(ge.target), ge.code,
                      ge.source.empty() ? "---" : ge.source, ge.target.empty() ? "---" : ge.target,
                      ge.date});
    }
    std::set<std::string> seen;  // one coded dyad per (code, source, target) in a sentence
    for (const Event& ev : events) {
      uint32_t at = ev.verb_end > ev.verb_begin ? ev.verb_begin : ev.sentence_begin;
      if (at < b || at >= e || !CountedModality(ev.modality)) continue;
      Side s{ev.root, Block(ev.source.code), Block(ev.target.code), ev.cameo,
             ev.source.code.empty() ? "---" : ev.source.code,
             ev.target.code.empty() ? "---" : ev.target.code, ev.date.date};
      if (!seen.insert(s.Line()).second) continue;
      coded.push_back(std::move(s));
    }
    // One-to-one: exact pairs first, then root + blocks.
    std::vector<int> gold_match(gold.size(), -1), coded_match(coded.size(), -1);
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t gi = 0; gi < gold.size(); ++gi) {
        if (gold_match[gi] >= 0) continue;
        for (size_t ci = 0; ci < coded.size(); ++ci) {
          if (coded_match[ci] >= 0) continue;
          const Side &x = gold[gi], &y = coded[ci];
          bool root_ok = x.root == y.root && x.src == y.src && x.tgt == y.tgt;
          bool exact = x.code == y.code && x.full_src == y.full_src && x.full_tgt == y.full_tgt;
          if (pass == 0 ? (root_ok && exact) : root_ok) {
            gold_match[gi] = static_cast<int>(ci);
            coded_match[ci] = static_cast<int>(gi);
            break;
          }
        }
      }
    }
    GoldCounts c;
    auto& roots = by_root_[g.split];
    auto& cats = categories_[g.split];
    GoldStageCounts& st = stages_[g.split];
    std::set<std::string> coded_roots, coded_actors;
    for (const Side& y : coded) {
      coded_roots.insert(y.root);
      coded_actors.insert(y.src);
      coded_actors.insert(y.tgt);
    }
    std::string gold_lines, coded_lines;
    for (const Side& x : gold) gold_lines += (gold_lines.empty() ? "" : "; ") + x.Line();
    for (const Side& y : coded) coded_lines += (coded_lines.empty() ? "" : "; ") + y.Line();
    for (size_t gi = 0; gi < gold.size(); ++gi) {
      const Side& x = gold[gi];
      ++st.gold_events;
      bool pred = coded_roots.count(x.root) > 0;
      st.predicate_found += pred;
      bool src_found = x.src == "---" || coded_actors.count(x.src);
      bool tgt_found = x.tgt == "---" || coded_actors.count(x.tgt);
      if (x.src != "---") ++st.actor_slots, st.actor_found += coded_actors.count(x.src) > 0;
      if (x.tgt != "---") ++st.actor_slots, st.actor_found += coded_actors.count(x.tgt) > 0;
      const bool src_mentioned = x.src == "---" || mentioned.count(x.src) > 0;
      const bool tgt_mentioned = x.tgt == "---" || mentioned.count(x.tgt) > 0;
      st.actor_mentioned += (x.src != "---" && src_mentioned) + (x.tgt != "---" && tgt_mentioned);
      st.pair_mentioned += src_mentioned && tgt_mentioned;
      if (pred && src_found && tgt_found) {
        ++st.both_found;
        st.attached += gold_match[gi] >= 0;
      }
      if (gold_match[gi] >= 0) {
        const Side& y = coded[gold_match[gi]];
        ++c.tp;
        ++roots[x.root].tp;
        if (x.code == y.code && x.full_src == y.full_src && x.full_tgt == y.full_tgt) ++c.exact;
        if (!x.date.empty()) {
          ++c.date_known;
          c.date_right += x.date == y.date;
        }
        continue;
      }
      ++c.fn;
      ++roots[x.root].fn;
      // Why it was missed, from what the coder did emit in the sentence.
      std::string why = "no event in sentence";
      for (size_t ci = 0; ci < coded.size(); ++ci) {
        if (coded_match[ci] >= 0) continue;
        const Side& y = coded[ci];
        std::string w;
        if (y.root == x.root && y.src == x.src && y.tgt == "---") {
          w = "target missing";
        } else if (y.root == x.root && y.src == x.src) {
          w = "target wrong";
        } else if (y.root == x.root && y.tgt == x.tgt) {
          w = "source wrong";
        } else if (y.root == x.root) {
          w = "root right, both actors wrong";
        } else if (y.src == x.src && y.tgt == x.tgt) {
          w = "actors right, root wrong";
        } else if (y.src == x.src || y.tgt == x.tgt) {
          w = "other event of an actor";
        } else {
          w = "other event in sentence";
        }
        why = w;
        if (w == "target missing" || w == "target wrong" || w == "source wrong") break;
      }
      if (why == "no event in sentence" && !coded.empty()) why = "coded events all matched elsewhere";
      if (why == "no event in sentence" && !pred) {
        why = x.src == "---" || x.tgt == "---" ? "no event (gold has an unknown actor)"
                                               : "no event in sentence";
        if (candidates != nullptr && why == "no event in sentence") {
          why = src_mentioned && tgt_mentioned ? "no event, both actors recognised"
                                               : "no event, an actor not recognised";
        }
      }
      ++cats["miss: " + why];
      if (g.split == "dev") {
        errors_.push_back({g.split, g.corpus, g.key, g.where, "miss", why, "", gold_lines,
                           coded_lines, ""});
      }
    }
    for (size_t ci = 0; ci < coded.size(); ++ci) {
      if (coded_match[ci] >= 0) continue;
      ++c.fp;
      ++roots[coded[ci].root].fp;
      std::string why = gold.empty() ? "no gold event in sentence" : "gold events differ";
      ++cats["false positive: " + why];
      if (g.split == "dev") {
        errors_.push_back({g.split, g.corpus, g.key, g.where, "false positive", why, "",
                           gold_lines, coded_lines, ""});
      }
    }
    // The sentence text for listings (dev only; shown, never stored).
    if (g.split == "dev") {
      std::string text = article.text.substr(b, e - b);
      std::string blocks;
      for (const std::string& m : mentioned) blocks += (blocks.empty() ? "" : " ") + m;
      for (auto it = errors_.rbegin(); it != errors_.rend() && it->where == g.where; ++it) {
        it->sentence = text;
        if (candidates != nullptr) it->mentions = blocks.empty() ? "(none)" : blocks;
      }
    }
    counts_[g.split][g.corpus].Add(c);
  }
}

GoldCounts GoldScorer::Totals(const std::string& split, const std::string& corpus) const {
  GoldCounts t;
  for (const auto& [sp, by_corpus] : counts_) {
    if (!split.empty() && sp != split) continue;
    for (const auto& [co, c] : by_corpus) {
      if (corpus.empty() || co == corpus) t.Add(c);
    }
  }
  return t;
}

std::string GoldScorer::Report(const GoldReportOptions& options) const {
  std::ostringstream o;
  char buf[256];
  auto row = [&](const std::string& split, const std::string& what, const GoldCounts& c) {
    std::snprintf(buf, sizeof buf, "%-5s %-20s %5d %5d %5d %6.1f %6.1f %6.1f %6.1f %6s\n",
                  split.c_str(), what.c_str(), c.tp, c.fp, c.fn, c.Precision(), c.Recall(),
                  c.F1(), c.tp ? 100.0 * c.exact / c.tp : 0.0,
                  c.date_known ? std::to_string(100 * c.date_right / c.date_known).c_str() : "-");
    o << buf;
  };
  o << "root + 3-letter actor blocks, one to one per sentence (asserted/reported events)\n";
  std::snprintf(buf, sizeof buf, "%-5s %-20s %5s %5s %5s %6s %6s %6s %6s %6s\n", "split", "corpus",
                "tp", "fp", "fn", "P", "R", "F1", "exact%", "date%");
  o << buf;
  for (const auto& [split, by_corpus] : counts_) {
    for (const auto& [corpus, c] : by_corpus) row(split, corpus, c);
    row(split, "all", Totals(split));
  }
  if (counts_.size() > 1) row("all", "all", Totals(""));
  if (options.by_root) {
    for (const auto& [split, roots] : by_root_) {
      o << "\nper root (" << split << "): recall by gold root, precision by coded root\n";
      std::snprintf(buf, sizeof buf, "%-5s %5s %5s %5s %6s %6s %6s\n", "root", "tp", "fp", "fn", "P",
                    "R", "F1");
      o << buf;
      for (const auto& [root, c] : roots) {
        std::snprintf(buf, sizeof buf, "%-5s %5d %5d %5d %6.1f %6.1f %6.1f\n", root.c_str(), c.tp,
                      c.fp, c.fn, c.Precision(), c.Recall(), c.F1());
        o << buf;
      }
    }
  }
  for (const auto& [split, cats] : categories_) {
    // Test errors stay unread, even in aggregate, so nothing is tuned on them.
    if (split == "test") continue;
    o << "\nerror categories (" << split << ")\n";
    std::vector<std::pair<int, std::string>> v;
    for (const auto& [k, n] : cats) v.push_back({-n, k});
    std::sort(v.begin(), v.end());
    for (const auto& [n, k] : v) {
      std::snprintf(buf, sizeof buf, "%6d  %s\n", -n, k.c_str());
      o << buf;
    }
  }
  if (options.stages) {
    for (const auto& [split, s] : stages_) {
      auto pct = [](int a, int b) { return b ? 100.0 * a / b : 0.0; };
      o << "\nstages (" << split << "), over " << s.gold_events << " gold events\n";
      std::snprintf(buf, sizeof buf,
                    "  predicates: gold root among the sentence's coded events   %5d  %5.1f%%\n"
                    "  actors:     gold actor block among the coded actors       %5d  %5.1f%% of %d slots\n"
                    "  arguments:  root and both actors found, and paired right  %5d  %5.1f%% of %d\n",
                    s.predicate_found, pct(s.predicate_found, s.gold_events), s.actor_found,
                    pct(s.actor_found, s.actor_slots), s.actor_slots, s.attached,
                    pct(s.attached, s.both_found), s.both_found);
      o << buf;
      if (mentions_known_) {
        std::snprintf(buf, sizeof buf,
                      "  mentions:   gold actor block among the actor mentions     %5d  %5.1f%% of %d slots\n"
                      "              both actors of the gold event mentioned       %5d  %5.1f%%\n",
                      s.actor_mentioned, pct(s.actor_mentioned, s.actor_slots), s.actor_slots,
                      s.pair_mentioned, pct(s.pair_mentioned, s.gold_events));
        o << buf;
      }
    }
  }
  if (options.show_errors) {
    o << "\nerrors (dev split only)\n";
    for (const GoldError& e : errors_) {
      o << e.where << " " << e.kind << " [" << e.category << "]\n  " << e.sentence << "\n  gold:  "
        << (e.gold.empty() ? "(none)" : e.gold) << "\n  coded: "
        << (e.coded.empty() ? "(none)" : e.coded) << "\n";
      if (!e.mentions.empty()) o << "  actors: " << e.mentions << "\n";
    }
  }
  return o.str();
}

}  // namespace dyad
