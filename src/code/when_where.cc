#include "src/code/when_where.h"

#include "src/code/coder_util.h"

namespace dyad {

EventDate EventDater::For(const Predicate& a, Modality modality) {
  EventDate d;
  d.date = a_.date;
  d.precision = DatePrecision::kDay;
  d.basis = DateBasis::kArticle;
  Tense tense = modality == Modality::kFuture ? Tense::kFuture : Tense::kPast;
  // Every event of the sentence asks; the expressions are found once per tense.
  std::optional<std::vector<DateExpr>>& found = found_[tense == Tense::kFuture ? 1 : 0];
  if (!found.has_value()) {
    std::vector<std::string_view> toks;
    toks.reserve(s_.tokens.size());
    for (const Token& t : s_.tokens) toks.push_back(t.text);
    found = FindDates(toks, a_.date, tense);
  }
  for (const DateExpr& x : *found) {
    // The date must modify this verb directly: climb from the expression to the verb
    // through temporal/oblique attachments only.
    int h = -1;
    for (int i = x.first_token; i <= x.last_token; ++i) {
      int hd = s_.tokens[i].head;
      if (hd < x.first_token || hd > x.last_token) h = i;
    }
    if (h < 0) continue;
    std::string prep;
    for (const Token& t : s_.tokens) {
      if (t.head == h && coder_util::Base(t.deprel) == "case") prep = coder_util::LemmaOf(t);
    }
    // "rescheduled for March 10", "by March 10": a referenced date, not the event's.
    if (prep == "for" || prep == "until" || prep == "by" || prep == "to" || prep == "since" ||
        prep == "before" || prep == "after") {
      continue;
    }
    int up = s_.tokens[h].head;
    std::string rel = coder_util::Base(s_.tokens[h].deprel);
    for (int hops = 0; hops < 2 && up >= 0 && up != a.verb && rel == "nmod" &&
                       words_.Has(WordList::kTimeNouns, coder_util::LemmaOf(s_.tokens[up]));
         ++hops) {
      rel = coder_util::Base(s_.tokens[up].deprel);
      up = s_.tokens[up].head;
    }
    // An event noun takes a date that modifies it ("the 2003 invasion", "last year's war").
    const bool noun = s_.tokens[a.verb].upos == "NOUN";
    if (up == a.verb && (rel == "obl" || rel == "nmod" || rel == "advmod" || rel == "npadvmod" ||
                         (noun && (rel == "nummod" || rel == "compound" || rel == "amod")))) {
      d.date = x.date;
      d.precision = x.precision;
      d.basis = x.basis;
      d.text = x.text;
      break;
    }
  }
  if (d.basis == DateBasis::kArticle && IsBackground(a)) d.basis = DateBasis::kBackground;
  return d;
}

bool EventDater::IsBackground(const Predicate& a) const {
  const Token& v = s_.tokens[a.verb];
  if (v.xpos != "VBD" && v.xpos != "VBN") return false;
  for (const Token& t : s_.tokens) {
    if (t.head != a.verb) continue;
    const std::string rel = coder_util::Base(t.deprel);
    const std::string lemma = coder_util::LemmaOf(t);
    // "Russia had invaded": the pluperfect sets the act before the news.
    if (rel == "aux" && coder_util::Lower(t.text) == "had" && v.xpos == "VBN") return true;
    // "since Russia invaded Ukraine", "ever since the war began": the start of a state.
    if (rel == "mark" && lemma == "since") return true;
  }
  return false;
}

Location PlaceOf(const Article& article, const Sentence& s, const Predicate& a,
                 const std::vector<ActorMatch>& matches, const Gazetteer* gazetteer) {
  for (const Oblique& ob : a.obliques) {
    if (ob.prep != "in" && ob.prep != "at" && ob.prep != "near" && ob.prep != "outside") continue;
    const Token& t = s.tokens[ob.head];
    if (!(t.upos == "PROPN" || t.xpos.rfind("NNP", 0) == 0)) continue;
    auto [first, last] = PhraseSpan(s, ob.head);
    std::string country;
    for (const auto& m : matches) {
      if (m.first >= first && m.last <= last && !m.country.empty()) country = m.country;
    }
    // "in Riyadh, Saudi Arabia": the apposed or following country is a hint.
    for (int ap : coder_util::Appositions(s, ob.head)) {
      for (const auto& m : matches) {
        if (m.first <= ap && ap <= m.last && !m.country.empty()) country = m.country;
      }
    }
    Location loc;
    loc.text = coder_util::SpanText(article, s, first, last);
    loc.begin = s.tokens[first].begin;
    loc.end = s.tokens[last].end;
    loc.country = country;
    if (gazetteer != nullptr) {
      std::string name;
      for (int i = first; i <= last; ++i) {
        if (s.tokens[i].upos == "DET") continue;
        name += (name.empty() ? "" : " ") + s.tokens[i].text;
      }
      if (auto place = gazetteer->Resolve(name, country)) {
        loc.country = place->country;
        loc.admin1 = place->admin1;
        loc.lat = place->lat;
        loc.lon = place->lon;
        loc.geonames_id = std::to_string(place->geonames_id);
        return loc;
      }
    }
    if (!country.empty()) return loc;
  }
  return Location();
}

}  // namespace dyad
