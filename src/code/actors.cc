#include "src/code/actors.h"

#include <algorithm>
#include <map>
#include <set>

#include "src/code/coder_util.h"

namespace dyad {
namespace {

using coder_util::Base;
using coder_util::InList;
using coder_util::IsAgentType;
using coder_util::IsOwnerOrAgent;
using coder_util::IsPersonType;
using coder_util::IsPronoun;
using coder_util::IsProperNoun;
using coder_util::LemmaOf;
using coder_util::Lower;
using coder_util::NounObliques;

const WordLists& NoWords() {
  static const WordLists kEmpty;
  return kEmpty;
}

}  // namespace

ActorResolver::ActorResolver(const Article& a, const Sentence& s, int index,
                             const CoderKnowledge& k, const SentenceCoderOptions& o,
                             ArticleMemory* memory, const std::vector<ActorMatch>* matches)
    : a_(a),
      s_(s),
      index_(index),
      k_(k),
      o_(o),
      memory_(memory),
      words_(k.words != nullptr ? *k.words : NoWords()) {
  if (matches != nullptr) {
    matches_ = *matches;
  } else if (k.actors != nullptr) {
    k.actors->FindActors(s, a.date, &matches_);
  }
}

bool ActorResolver::Listed(WordList list, const std::string& word) const { return words_.Has(list, word); }

bool ActorResolver::IsTimeWord(const Token& t) const {
  return t.upos == "NUM" || words_.Has(WordList::kTimeWords, LemmaOf(t));
}

bool ActorResolver::IsReciprocalVerb(const std::string& lemma) const {
  return words_.Has(WordList::kReciprocalVerbs, lemma);
}

bool ActorResolver::IsPeopleNoun(const std::string& lemma) const {
  return words_.Has(WordList::kPeopleNouns, lemma);
}

bool ActorResolver::IsQuantityNoun(const std::string& lemma) const {
  return words_.Has(WordList::kQuantityNouns, lemma);
}

std::vector<Actor> ActorResolver::ResolveSides(const std::vector<int>& heads) {
  std::vector<Actor> out;
  for (int h : heads) {
    const ActorMatch* adj = nullptr;
    for (const ActorMatch& m : matches_) {
      if (m.type == ActorType::kAdjective && m.first <= h && h <= m.last) adj = &m;
    }
    if (adj != nullptr && s_.tokens[h].upos == "ADJ") {
      out.push_back(FromMatch(*adj));
      continue;
    }
    for (Actor& a : Resolve(h)) {
      if (!a.code.empty()) out.push_back(std::move(a));
    }
  }
  return out;
}

std::vector<Actor> ActorResolver::DoerOf(int ob) {
  const int n = static_cast<int>(s_.tokens.size());
  if (!ResolveAll({ob}).empty()) return {};
  std::vector<int> sides;
  for (int j = 0; j < n; ++j) {
    const Token& d = s_.tokens[j];
    if (d.head != ob) continue;
    // Named doers only: "his plan" is too often the speaker's own.
    bool named = false;
    for (const ActorMatch& m : matches_) named |= m.first <= j && j <= m.last;
    if ((d.deprel == "nmod:poss" || Base(d.deprel) == "amod") && named && !IsPronoun(d)) {
      sides.push_back(j);
    }
    if (Base(d.deprel) == "acl") {
      for (int k = 0; k < n; ++k) {
        if (s_.tokens[k].head == j && s_.tokens[k].deprel == "obl:agent") sides.push_back(k);
      }
    }
  }
  std::vector<Actor> out = ResolveSides(sides);
  std::erase_if(out, [](const Actor& x) { return x.code.empty(); });
  return out;
}

bool ActorResolver::NamedByItsPhrase(const Actor& a) {
  if (a.code.empty()) return false;
  // The entries this file writes when it completes an actor from outside its phrase.
  for (const std::string& e : a.entries) {
    if (e.starts_with("country from context") || e.starts_with("no country") ||
        e.starts_with("coreference")) {
      return false;
    }
  }
  return true;
}

void ActorResolver::DropPlacesInsideNames() {
  std::vector<char> covered(s_.tokens.size(), 0);
  for (const auto& m : matches_) {
    for (int i = m.first; i <= m.last; ++i) covered[i] = 1;
  }
  std::vector<ActorMatch> kept;
  for (size_t j = 0; j < matches_.size(); ++j) {
    const ActorMatch& m = matches_[j];
    bool place = m.type == ActorType::kCountry || m.type == ActorType::kMetonym || m.type == ActorType::kRegion;
    int next = m.last + 1;
    if (place && m.first == m.last && j > 0 && IsAgentType(matches_[j - 1].type) &&
        matches_[j - 1].last == m.first - 1 && next < static_cast<int>(s_.tokens.size()) &&
        !covered[next] && IsProperNoun(s_.tokens[next]) &&
        std::isupper(static_cast<unsigned char>(s_.tokens[next].text[0]))) {
      continue;
    }
    kept.push_back(m);
  }
  matches_.swap(kept);
}

bool ActorResolver::IsPluralDescription(int head) {
  const Token& t = s_.tokens[head];
  std::string l = LemmaOf(t);
  if (!Listed(WordList::kStateNouns, l) && !IsPeopleNoun(l)) return false;
  return HasDependent(head, "", "two") || HasDependent(head, "", "both");
}

std::string ActorResolver::PhraseText(int first, int last) const { return coder_util::SpanText(a_, s_, first, last); }

Actor ActorResolver::FromMatch(const ActorMatch& m) const {
  Actor a;
  a.text = PhraseText(m.first, m.last);
  a.begin = s_.tokens[m.first].begin;
  a.end = s_.tokens[m.last].end;
  a.name = m.name;
  a.code = m.code;
  a.country = m.country;
  a.type = m.type;
  a.sector = m.sector;
  a.entries.push_back(m.entry);
  return a;
}

std::string ActorResolver::SectorOfRole(const std::string& role) const {
  if (role.empty()) return role;
  return k_.role_sector ? k_.role_sector(role) : role;
}

std::vector<const ActorMatch*> ActorResolver::MatchesIn(int first, int last) const {
  std::vector<const ActorMatch*> out;
  for (const auto& m : matches_) {
    if (m.first >= first && m.last <= last) out.push_back(&m);
  }
  return out;
}

bool ActorResolver::InCore(int tok, int head) const {
  for (int i = tok, steps = 0; i >= 0 && steps < 8; i = s_.tokens[i].head, ++steps) {
    if (i == head) return true;
    const std::string rel = s_.tokens[i].deprel;
    std::string base = Base(rel);
    if (!(base == "compound" || base == "amod" || rel == "nmod:poss" || rel == "nmod:desc" ||
          base == "flat" || base == "det" || base == "nummod" || base == "case" ||
          base == "punct")) {
      return false;
    }
  }
  return false;
}

const ActorMatch* ActorResolver::SharedConjunctCountry(int head, int first, int last) const {
  const Token& t = s_.tokens[head];
  if (Base(t.deprel) != "conj" || t.head < 0) return nullptr;
  int g = t.head;
  auto [gf, gl] = PhraseSpan(s_, g);
  const ActorMatch* best = nullptr;
  for (const ActorMatch* m : MatchesIn(gf, gl)) {
    if (IsAgentType(m->type) || (m->first >= first && m->last <= last)) continue;
    if (m->first <= g && g <= m->last) return nullptr;  // the first conjunct is itself a name
    if (best == nullptr || std::abs(m->last - g) < std::abs(best->last - g)) best = m;
  }
  return best;
}

std::pair<std::string, std::string> ActorResolver::UncodedName(int first, int last) const {
  std::string full, surname;
  for (int i = first; i <= last; ++i) {
    const Token& t = s_.tokens[i];
    bool covered = false;
    for (const auto& m : matches_) covered |= m.first <= i && i <= m.last;
    if (covered || !IsProperNoun(t) || t.text.empty() ||
        !std::isupper(static_cast<unsigned char>(t.text[0]))) {
      continue;
    }
    full += (full.empty() ? "" : " ") + Lower(t.text);
    surname = Lower(t.text);
  }
  return {full, surname};
}

bool ActorResolver::InClauseOf(int tok, int verb) const {
  for (int i = tok, steps = 0; i >= 0 && steps < 32; i = s_.tokens[i].head, ++steps) {
    if (i == verb) return true;
    std::string b = Base(s_.tokens[i].deprel);
    if (b == "advcl") {
      // An adverbial clause with its own subject is another event's; "to supply Gondor"
      // (subjectless purpose) still belongs to the verb.
      if (HasDependent(i, "nsubj", "")) return false;
    }
  }
  return false;
}

bool ActorResolver::HasDependent(int head, std::string_view rel, std::string_view lemma) const {
  return coder_util::HasDependent(s_, head, rel, lemma);
}

std::vector<int> ActorResolver::Appositions(int head) const {
  return coder_util::Appositions(s_, head);
}

std::vector<Actor> ActorResolver::Resolve(int head, int depth) {
  const Token& t = s_.tokens[head];
  // "The West African bloc": a description of an organisation named earlier refers to it,
  // even when a nationality modifies it.
  if (depth == 0) {
    if (auto org = OrganisationDescription(head); !org.empty()) return org;
  }
  // "the port of Odesa", "the city of Kharkiv": the place named.
  if (Listed(WordList::kPlaceNouns, LemmaOf(t)) && depth < 2) {
    for (const Oblique& ob : NounObliques(s_, head)) {
      if (ob.prep == "of") {
        auto via = Resolve(ob.head, depth + 1);
        if (!via.empty()) return via;
      }
    }
  }
  if (IsQuantityNoun(LemmaOf(t)) && depth < 2) {
    for (const Oblique& ob : NounObliques(s_, head)) {
      if (ob.prep == "of") return Resolve(ob.head, depth + 1);
    }
  }
  if (IsPluralDescription(head)) {
    std::string l = LemmaOf(t);
    auto r = Recent(2, !IsPeopleNoun(l));
    if (!r.empty()) return r;
  }
  auto [first, last] = PhraseSpan(s_, head);
  std::vector<const ActorMatch*> in = MatchesIn(first, last);
  const ActorMatch* on_head = nullptr;
  const ActorMatch* agent = nullptr;
  const ActorMatch* other = nullptr;
  const ActorMatch* core = nullptr;  // `other` restricted to the phrase proper
  for (const ActorMatch* m : in) {
    bool covers = m->first <= head && head <= m->last;
    if (IsAgentType(m->type)) {
      if (covers || agent == nullptr) agent = m;
    } else if (covers) {
      on_head = m;
    } else {
      if (other == nullptr || std::abs(m->last - head) < std::abs(other->last - head)) other = m;
      if (InCore(m->last, head) &&
          (core == nullptr || std::abs(m->last - head) < std::abs(core->last - head))) {
        core = m;
      }
    }
  }
  Actor result;
  bool have = false;
  if (on_head != nullptr && on_head->type == ActorType::kAdjective && t.upos == "ADJ" &&
      on_head->first == on_head->last) {
    // A lone nationality adjective the parse cut off its noun ("Russian | Foreign Minister
    // Lavrov") is a modifier, not an actor of its own.
    return {};
  }
  if (on_head != nullptr && agent != nullptr && on_head->code.size() == 3 &&
      !IsAgentType(on_head->type) && agent->last < on_head->first && InCore(agent->last, head)) {
    // "Bree Prime Minister Romendacil" where the name codes only its country: the
    // title gives the role (BRE + GOV).
    result = Agent(*agent, on_head, head);
    result.text = PhraseText(std::min(first, agent->first), std::max(last, on_head->last));
    have = true;
  } else if (on_head != nullptr) {
    result = FromMatch(*on_head);
    have = true;
    // "Russian Foreign Minister Sergei Lavrov": the named person wins; a country or
    // organisation on the head can still take a role from a title ("Russian troops" is
    // handled below since "troops" is the head).
  } else if (agent != nullptr && (agent->first <= head && head <= agent->last)) {
    const ActorMatch* country = other;
    if (country == nullptr && depth == 0) country = SharedConjunctCountry(head, first, last);
    result = Agent(*agent, country, head);
    have = true;
    // "diplomats from Russia and the US": one actor per coordinated country.
    if (country != nullptr && depth == 0) {
      std::vector<Actor> all = {result};
      // "Russian and Ukrainian delegations": the nearer adjective is the conjunct of the
      // first, so the group starts at its head.
      int group = country->last;
      if (s_.tokens[group].deprel == "conj" && s_.tokens[group].head >= 0) {
        group = s_.tokens[group].head;
      }
      for (int c : Conjuncts(s_, group)) {
        if (country->first <= c && c <= country->last) continue;
        for (const auto& m : matches_) {
          if (m.first <= c && c <= m.last && !IsAgentType(m.type))
            all.push_back(Agent(*agent, &m, head));
        }
      }
      if (all.size() > 1) return all;
    }
  } else if (agent != nullptr && IsProperNoun(t)) {
    // "Foreign Minister Mosaad Al-Aiban": an unknown name with a title before it.
    result = Agent(*agent, other, head);
    result.text = PhraseText(first, last);
    result.begin = s_.tokens[first].begin;
    result.end = s_.tokens[last].end;
    have = true;
    if (!result.code.empty()) {
      auto [full, surname] = UncodedName(first, last);
      Actor named = result;
      named.entries.push_back("named by title in sentence " + std::to_string(index_) + ": " +
                              result.text);
      if (!full.empty()) memory_->names[full] = named;
      if (!surname.empty()) memory_->names[surname] = named;
    }
  } else if (core != nullptr && !IsProperNoun(t) && !IsPronoun(t)) {
    // "Russian forces" where "forces" is no known agent: the nationality is the actor.
    result = FromMatch(*core);
    have = true;
  }
  if (have && (result.code.empty() || result.type == ActorType::kAgent) && depth == 0) {
    for (int ap : Appositions(head)) {
      std::vector<Actor> via = Resolve(ap, depth + 1);
      if (!via.empty() && !via[0].code.empty() && via[0].type != ActorType::kAgent) return via;
    }
  }
  if (have && on_head != nullptr && depth == 0 && !IsAgentType(on_head->type) &&
      on_head->type != ActorType::kAdjective) {
    // "Japan and South Korea condemned": a parse that makes "Japan" a compound of "Korea"
    // still names two actors when a conjunction separates the names.
    std::vector<Actor> names;
    for (const ActorMatch* m : in) {
      if (m == on_head || IsAgentType(m->type) || m->type == ActorType::kAdjective ||
          m->last >= on_head->first)
        continue;
      bool conjoined = false;
      for (int i = m->last + 1; i < on_head->first; ++i) {
        const Token& c = s_.tokens[i];
        conjoined |= c.upos == "CCONJ" || c.text == ",";
      }
      if (conjoined) names.push_back(FromMatch(*m));
    }
    if (!names.empty()) {
      names.push_back(result);
      return names;
    }
  }
  if (have) return {result};
  // A dictionary name covering the head wins even when the parse cut the phrase
  // ("International" attached apart from "Criminal Court").
  for (const auto& m : matches_) {
    if (m.first <= head && head <= m.last && !IsAgentType(m.type)) return {FromMatch(m)};
  }
  for (int ap : depth == 0 ? Appositions(head) : std::vector<int>()) {
    std::vector<Actor> via = Resolve(ap, depth + 1);
    if (!via.empty()) {
      for (Actor& v : via) {
        v.text = PhraseText(first, last);
        v.begin = s_.tokens[first].begin;
        v.end = s_.tokens[last].end;
      }
      return via;
    }
  }
  if (IsPronoun(t)) return FromMemory(LemmaOf(t), head);
  if (auto own = PossessedCountry(head); !own.empty()) return own;
  if (IsPluralDescription(head)) return Recent(2, /*countries=*/true);
  if (auto org = OrganisationDescription(head); !org.empty()) return org;
  if (IsDefiniteDescription(head)) {
    auto titled = TitledPerson(LemmaOf(t), head);
    return titled.empty() ? FromMemory("he", head) : titled;
  }
  if (IsProperNoun(t)) {
    // "Ruto" after "President William Ruto".
    auto [full, surname] = UncodedName(first, last);
    auto it = memory_->names.find(full);
    if (it == memory_->names.end()) it = memory_->names.find(surname);
    if (it != memory_->names.end()) {
      Actor a = it->second;
      a.text = PhraseText(first, last);
      a.begin = s_.tokens[first].begin;
      a.end = s_.tokens[last].end;
      return {a};
    }
  }
  if (IsProperNoun(t) && !IsTimeWord(t)) {
    if (auto place = CityActor(first, last); place.has_value()) return {*place};
    // "Gang leader Jimmy Cherizier" where the parse cut the title off the name: a title
    // right before the name still gives its role (and the country before it, if any).
    for (size_t j = 0; j < matches_.size(); ++j) {
      const ActorMatch& ag = matches_[j];
      if (!IsAgentType(ag.type) || ag.last != first - 1) continue;
      const ActorMatch* country = nullptr;
      if (j > 0 && !IsAgentType(matches_[j - 1].type) && matches_[j - 1].last == ag.first - 1) {
        country = &matches_[j - 1];
      }
      Actor a = Agent(ag, country, head);
      a.text = PhraseText(country != nullptr ? country->first : ag.first, last);
      a.begin = s_.tokens[country != nullptr ? country->first : ag.first].begin;
      a.end = s_.tokens[last].end;
      if (!a.code.empty()) {
        auto [full, surname] = UncodedName(first, last);
        if (!full.empty()) memory_->names[full] = a;
        if (!surname.empty()) memory_->names[surname] = a;
      }
      return {a};
    }
  }
  if (!IsProperNoun(t) && !IsPronoun(t) && depth == 0 && o_.cameo_conventions) {
    // "against the government's reform", "Iran's nuclear programme", "the decision by
    // Kenya": a thing owned or done by an actor stands for that actor.
    for (size_t i = 0; i < s_.tokens.size(); ++i) {
      const Token& d = s_.tokens[i];
      if (d.head != head || IsPronoun(d) || !IsOwnerOrAgent(s_, static_cast<int>(i))) continue;
      auto owner = Resolve(static_cast<int>(i), depth + 1);
      if (!owner.empty() && !owner[0].code.empty()) {
        for (Actor& o : owner) o.entries.push_back("owner of '" + PhraseText(first, last) + "'");
        return owner;
      }
    }
  }
  if (IsProperNoun(t) && o_.allow_unknown_actors && !IsTimeWord(t)) {
    Actor u;
    u.text = PhraseText(first, last);
    u.begin = s_.tokens[first].begin;
    u.end = s_.tokens[last].end;
    u.type = ActorType::kUnknown;
    u.entries.push_back("unknown named entity (guess: " + GuessType(first, last) + ")");
    return {u};
  }
  return {};
}

Actor ActorResolver::Agent(const ActorMatch& agent, const ActorMatch* country, int head) {
  Actor a;
  a.text = PhraseText(std::min(agent.first, country ? country->first : agent.first),
                      std::max(agent.last, country ? country->last : agent.last));
  a.begin = s_.tokens[std::min(agent.first, country ? country->first : agent.first)].begin;
  a.end = s_.tokens[std::max(agent.last, country ? country->last : agent.last)].end;
  a.type = ActorType::kAgent;
  a.entries.push_back(agent.entry);
  std::string role = agent.code;
  a.sector = agent.sector.empty() ? SectorOfRole(role.substr(0, 3)) : agent.sector;
  if (country != nullptr && !IsAgentType(country->type)) {
    a.entries.push_back(country->entry);
    a.country = country->country;
    const std::string& c = country->code;
    // A country (or nationality, or person standing for one) takes the role; an
    // organisation or an already-roled code keeps its own code.
    if (country->type == ActorType::kPerson || country->type == ActorType::kMetonym) {
      // "protesters in Minsk": the place gives the country, the title the role.
      a.code = c.substr(0, 3) + role;
    } else if (c.size() == 3) {
      a.code = c + role;
    } else {
      a.code = c;
    }
    a.name = country->name.empty() ? std::string() : country->name + " " + Lower(agent.name);
  } else {
    a.code = "";
    a.name = agent.name;
    const Token& ht = s_.tokens[head];
    bool singular = ht.xpos == "NN" || ht.xpos == "NNP";
    if (singular && IsDefiniteDescription(head)) {
      // "the minister": the last person named, preferring one whose role names the title
      // ("the secretary" is the Secretary of State, not the president named since).
      auto from = OrganisationDescription(head);
      if (from.empty()) from = TitledPerson(LemmaOf(ht), head);
      if (from.empty()) from = FromMemory("he", head);
      if (!from.empty()) {
        from[0].text = a.text;
        from[0].begin = a.begin;
        from[0].end = a.end;
        return from[0];
      }
    }
    // "Phoenix Mayor Greg Stanton": a city the dictionaries lack, right before the title.
    if (agent.first > 0 && IsProperNoun(s_.tokens[agent.first - 1])) {
      int last_city = agent.first - 1, first_city = last_city;
      while (first_city > 0 && IsProperNoun(s_.tokens[first_city - 1])) --first_city;
      if (auto city = CityActor(first_city, last_city); city.has_value()) {
        a.code = city->code + role;
        a.country = city->country;
        a.entries.push_back(city->entries.back());
        return a;
      }
    }
    // "riot police", "protesters": domestic actors of the country the article is about.
    for (auto it = memory_->seen.rbegin(); it != memory_->seen.rend(); ++it) {
      const Actor& c = it->actor;
      if (it->person || c.code.size() < 3 || (c.type != ActorType::kCountry && c.type != ActorType::kMetonym))
        continue;
      if (c.type == ActorType::kCountry && c.code.size() != 3) continue;
      a.code = c.code.substr(0, 3) + role;
      a.country = c.country;
      a.entries.push_back("country from context: " + c.text + " (sentence " +
                          std::to_string(it->sentence) + ")");
      break;
    }
    // Else a country named in this sentence; a nationality adjective only as a last resort
    // ("Gunmen kidnapped a British journalist in Mali": the gunmen are Malian); then the
    // country of a group or person named in it ("the RSF massacred civilians": Sudanese).
    for (int pass = 0; pass < 3 && a.code.empty(); ++pass) {
      if (pass == 2) {
        for (const auto& m : matches_) {
          if (IsAgentType(m.type) || m.country.empty() || !k_.cameo_country ||
              !o_.cameo_conventions)
            continue;
          std::string c = k_.cameo_country(m.country);
          if (c.empty()) continue;
          a.code = c + role;
          a.country = m.country;
          a.entries.push_back("country from context: " + PhraseText(m.first, m.last) + " (" +
                              m.country + ")");
          break;
        }
        break;
      }
      for (auto m = matches_.begin(); m != matches_.end(); ++m) {
        bool place = (m->type == ActorType::kCountry && m->code.size() == 3) ||
                     (m->type == ActorType::kMetonym && m->code.size() >= 3);
        bool adjective = m->type == ActorType::kAdjective && m->code.size() == 3;
        if (pass == 0 ? place : adjective) {
          a.code = m->code.substr(0, 3) + role;
          a.country = m->country;
          a.entries.push_back("country from context: " + PhraseText(m->first, m->last));
          break;
        }
      }
    }
    // A nationality named earlier in the article ("French unions ..." then "Protesters").
    if (a.code.empty() && o_.cameo_conventions && !memory_->nationalities.empty()) {
      const ArticleMemory::Seen& n = memory_->nationalities.back();
      if (index_ - n.sentence <= 5) {
        a.code = n.actor.code.substr(0, 3) + role;
        a.country = n.actor.country;
        a.entries.push_back("country from context: " + n.actor.text + " (sentence " +
                            std::to_string(n.sentence) + ")");
      }
    }
    // No country anywhere: the role alone, as GDELT codes "police" COP ("protesters
    // attacked the embassy" -> OPP). Not for government bodies: "the embassy" or "the
    // ministry" of an unnamed state says nothing. PETRARCH's suites drop such actors.
    if (a.code.empty() && o_.cameo_conventions && role.rfind("GOV", 0) != 0) {
      a.code = role;
      a.entries.push_back("no country in the article: role only");
    }
  }
  return a;
}

std::vector<Actor> ActorResolver::PossessedCountry(int head) {
  std::string l = LemmaOf(s_.tokens[head]);
  if (l != "country" && l != "nation" && l != "government" && l != "people") return {};
  for (size_t i = 0; i < s_.tokens.size(); ++i) {
    const Token& d = s_.tokens[i];
    if (d.head != head || Base(d.deprel) != "nmod" || !IsPronoun(d)) continue;
    std::string p = LemmaOf(d);
    auto owner = FromMemory(p == "its" || p == "their" ? "it" : "he", static_cast<int>(i));
    if (owner.empty() || owner[0].code.size() < 3) return {};
    Actor a = owner[0];
    a.code = owner[0].code.substr(0, 3) + (l == "government" ? "GOV" : "");
    a.type = ActorType::kCountry;
    a.text = PhraseText(static_cast<int>(i), head);
    a.begin = s_.tokens[i].begin;
    a.end = s_.tokens[head].end;
    return {a};
  }
  return {};
}

bool ActorResolver::IsDefiniteDescription(int head) const {
  const Token& t = s_.tokens[head];
  if (t.upos != "NOUN" || !HasDependent(head, "", "the")) return false;
  for (const auto& m : matches_) {
    if (m.first <= head && head <= m.last && IsAgentType(m.type)) return true;
  }
  std::string l = LemmaOf(t);
  return l == "leader" || l == "minister" || l == "president" || l == "official";
}

std::optional<Actor> ActorResolver::CityActor(int first, int last) const {
  if (k_.gazetteer == nullptr || !k_.cameo_country || !o_.cameo_conventions) return std::nullopt;
  while (first < last && (s_.tokens[first].upos == "DET" || s_.tokens[first].upos == "ADP"))
    ++first;
  for (int i = first; i <= last; ++i) {
    if (!IsProperNoun(s_.tokens[i])) return std::nullopt;
    for (const auto& m : matches_) {
      if (m.first <= i && i <= m.last) return std::nullopt;
    }
  }
  std::string name = PhraseText(first, last);
  auto place = k_.gazetteer->Resolve(name, "", 100000);
  if (!place.has_value()) return std::nullopt;
  std::string code = k_.cameo_country(place->country);
  if (code.empty()) return std::nullopt;
  Actor a;
  a.text = name;
  a.begin = s_.tokens[first].begin;
  a.end = s_.tokens[last].end;
  a.name = place->name;
  a.code = code;
  a.country = place->country;
  a.type = ActorType::kPlace;
  a.entries.push_back("gazetteer: " + place->name + " (GeoNames " +
                      std::to_string(place->geonames_id) + ", population " +
                      std::to_string(place->population) + ") -> " + code);
  return a;
}

std::string ActorResolver::GuessType(int first, int last) const {
  for (int i = first; i <= last; ++i) {
    if (Listed(WordList::kOrganisationWords, Lower(s_.tokens[i].text))) return "organisation";
  }
  int caps = 0;
  for (int i = first; i <= last; ++i) caps += IsProperNoun(s_.tokens[i]);
  return caps >= 2 && caps <= 4 ? "person" : "named entity";
}

std::vector<Actor> ActorResolver::FromMemory(const std::string& pronoun, int head) {
  if (pronoun == "i" || pronoun == "we" || pronoun == "me" || pronoun == "us" ||
      pronoun == "my" || pronoun == "our") {
    return QuoteSpeaker(head);
  }
  bool person = pronoun == "he" || pronoun == "she" || pronoun == "him" || pronoun == "her" ||
                pronoun == "his" || pronoun == "hers";
  bool thing = pronoun == "it" || pronoun == "its";
  bool plural = pronoun == "they" || pronoun == "them" || pronoun == "their";
  if (!person && !thing && !plural) return {};
  const char gender = pronoun == "she" || pronoun == "her" || pronoun == "hers" ? 'f'
                      : person                                                ? 'm'
                                                                              : 0;
  // A person of the other gender is no antecedent (a name in neither list fits both).
  auto fits = [&](const std::string& name) {
    if (gender == 0) return true;
    const std::string first = Lower(name.substr(0, name.find(' ')));
    if (gender == 'm') return !words_.Has(WordList::kFemaleGivenNames, first);
    return !words_.Has(WordList::kMaleGivenNames, first);
  };
  // An object pronoun never refers to its own clause's subject ("Xi told him": not Xi; "she
  // praised him": not whoever "she" is).
  std::string subject_name;
  const Token& pt = s_.tokens[head];
  const std::string prel = Base(pt.deprel);
  if (pt.head >= 0 && (prel == "obj" || prel == "iobj" || prel == "obl")) {
    for (const Token& d : s_.tokens) {
      if (d.head != pt.head || Base(d.deprel) != "nsubj") continue;
      int si = static_cast<int>(&d - &s_.tokens[0]);
      for (const auto& m : matches_) {
        if (m.first <= si && si <= m.last && !IsAgentType(m.type)) subject_name = m.name;
      }
      if (subject_name.empty() && si != head && IsPronoun(d)) {
        std::vector<Actor> who = FromMemory(Lower(d.text), si);
        if (!who.empty()) subject_name = who[0].name;
      }
    }
  }
  // The nearest fitting name earlier in this sentence ("Zelenskyy said his country ...").
  for (auto m = matches_.rbegin(); m != matches_.rend(); ++m) {
    if (m->last >= head || IsAgentType(m->type) || m->type == ActorType::kAdjective) continue;
    if (!subject_name.empty() && m->name == subject_name) continue;
    bool is_person = IsPersonType(m->type);
    if (person != is_person) continue;
    if (!fits(m->name)) continue;
    Actor a = FromMatch(*m);
    const Token& t = s_.tokens[head];
    a.text = t.text;
    a.begin = t.begin;
    a.end = t.end;
    a.entries.push_back("coreference: '" + t.text + "' -> " + FromMatch(*m).text +
                        " (same sentence)");
    pronoun_resolved_ = true;
    return {a};
  }
  for (auto it = memory_->seen.rbegin(); it != memory_->seen.rend(); ++it) {
    if (index_ - it->sentence > 3) break;
    if (person && !it->person) continue;
    if ((thing || plural) && it->person) continue;
    if (!subject_name.empty() && it->actor.name == subject_name) continue;
    if (person && !fits(it->actor.name)) continue;
    Actor a = it->actor;
    const Token& t = s_.tokens[head];
    a.text = t.text;
    a.begin = t.begin;
    a.end = t.end;
    a.entries.push_back("coreference: '" + t.text + "' -> " + it->actor.text + " (sentence " +
                        std::to_string(it->sentence) + ")");
    pronoun_resolved_ = true;
    return {a};
  }
  return {};
}

std::vector<Actor> ActorResolver::QuoteSpeaker(int head) {
  // "'We will strike back,' Netanyahu said": the first person inside a quote is its
  // speaker, the named subject of the sentence's speech verb outside the quotation marks.
  const int n = static_cast<int>(s_.tokens.size());
  auto is_quote = [](const std::string& t) {
    return t == "\"" || t == "``" || t == "''" || t == "\u201c" || t == "\u201d";
  };
  int quotes_before = 0;
  for (int i = 0; i < head; ++i) quotes_before += is_quote(s_.tokens[i].text);
  bool quoted = quotes_before % 2 == 1;
  if (!quoted) return {};
  for (int v = 0; v < n; ++v) {
    if (!words_.Has(WordList::kSpeechVerbs, LemmaOf(s_.tokens[v]))) continue;
    int before = 0;
    for (int i = 0; i < v; ++i) before += is_quote(s_.tokens[i].text);
    if (before % 2 == 1) continue;  // a speech verb inside the quote is not the attribution
    for (int k = 0; k < n; ++k) {
      if (s_.tokens[k].head != v || Base(s_.tokens[k].deprel) != "nsubj") continue;
      if (IsPronoun(s_.tokens[k])) continue;
      std::vector<Actor> who = Resolve(k, 1);
      if (who.empty() || who[0].code.empty()) continue;
      const Token& t = s_.tokens[head];
      who.resize(1);
      who[0].entries.push_back("coreference: '" + t.text + "' in a quote -> its speaker " +
                               who[0].text);
      who[0].text = t.text;
      who[0].begin = t.begin;
      who[0].end = t.end;
      pronoun_resolved_ = true;
      return who;
    }
  }
  return {};
}

std::vector<Actor> ActorResolver::TitledPerson(const std::string& title, int head) {
  if (title.size() < 4) return {};
  for (auto it = memory_->seen.rbegin(); it != memory_->seen.rend(); ++it) {
    if (index_ - it->sentence > 5) break;
    if (!it->person) continue;
    bool named = false;
    for (const auto& e : it->actor.entries) named |= Lower(e).find(title) != std::string::npos;
    if (!named) continue;
    Actor a = it->actor;
    const Token& t = s_.tokens[head];
    a.text = t.text;
    a.begin = t.begin;
    a.end = t.end;
    a.entries.push_back("coreference: 'the " + t.text + "' -> " + it->actor.text +
                        " (role names '" + title + "', sentence " + std::to_string(it->sentence) +
                        ")");
    pronoun_resolved_ = true;
    return {a};
  }
  return {};
}

std::vector<Actor> ActorResolver::OrganisationDescription(int head) {
  const Token& t = s_.tokens[head];
  const std::string noun = LemmaOf(t);
  if (t.upos != "NOUN" || !Listed(WordList::kOrganisationNouns, noun) || !HasDependent(head, "", "the")) return {};
  // A group, militia or party is a non-state group; a bloc or alliance an organisation of
  // states.
  const bool states = noun == "bloc" || noun == "alliance" || noun == "coalition";
  auto fits = [&](ActorType type) {
    return states ? (type == ActorType::kIgo) : (type == ActorType::kGroup || type == ActorType::kParty || type == ActorType::kNgo);
  };
  auto [first, last] = PhraseSpan(s_, head);
  // "the Gondor main opposition group" names its own actor: not a reference back.
  for (const auto& m : matches_) {
    if (m.first >= first && m.last <= last && m.type != ActorType::kAdjective) return {};
  }
  for (int i = first; i < head; ++i) {
    bool in_adjective = false;
    for (const auto& m : matches_)
      in_adjective |= m.type == ActorType::kAdjective && m.first <= i && i <= m.last;
    if (s_.tokens[i].upos == "PROPN" && !in_adjective) return {};
  }
  for (auto m = matches_.rbegin(); m != matches_.rend(); ++m) {  // earlier in this sentence
    if (m->last >= first || !fits(m->type)) continue;
    Actor a = FromMatch(*m);
    a.text = PhraseText(first, last);
    a.begin = s_.tokens[first].begin;
    a.end = s_.tokens[last].end;
    a.entries.push_back("coreference: '" + a.text + "' -> " + FromMatch(*m).text +
                        " (same sentence)");
    pronoun_resolved_ = true;
    return {a};
  }
  for (auto it = memory_->seen.rbegin(); it != memory_->seen.rend(); ++it) {
    if (index_ - it->sentence > 5) break;
    if (!fits(it->actor.type)) continue;
    Actor a = it->actor;
    a.text = PhraseText(first, last);
    a.begin = s_.tokens[first].begin;
    a.end = s_.tokens[last].end;
    a.entries.push_back("coreference: '" + a.text + "' -> " + it->actor.text + " (sentence " +
                        std::to_string(it->sentence) + ")");
    pronoun_resolved_ = true;
    return {a};
  }
  return {};
}

std::vector<Actor> ActorResolver::Recent(int n, bool countries) {
  std::vector<Actor> out;
  std::set<std::string> codes;
  for (auto it = memory_->seen.rbegin(); it != memory_->seen.rend() && (int)out.size() < n;
       ++it) {
    if (countries && (it->person || it->actor.code.size() < 3)) continue;
    if (!countries && !it->person) continue;
    std::string c = countries ? it->actor.code.substr(0, 3) : it->actor.code;
    if (!codes.insert(c).second) continue;
    if (!countries)
      c = it->actor.name.empty() ? it->actor.text : it->actor.name;  // one per person
    Actor a = it->actor;
    if (countries) a.code = c;
    a.entries.push_back("coreference: plural description -> " + it->actor.text);
    out.push_back(a);
  }
  if (!countries && static_cast<int>(out.size()) < n) {
    // "the two presidents" after "China and the United States": their governments.
    std::set<std::string> have;
    for (const Actor& a : out) have.insert(a.code.substr(0, 3));
    for (auto it = memory_->seen.rbegin();
         it != memory_->seen.rend() && static_cast<int>(out.size()) < n; ++it) {
      if (it->person || it->actor.code.size() < 3) continue;
      std::string c = it->actor.code.substr(0, 3);
      if (!have.insert(c).second) continue;
      Actor a = it->actor;
      a.code = c + "GOV";
      a.entries.push_back("coreference: plural description -> government of " + it->actor.text);
      out.push_back(a);
    }
  }
  if (static_cast<int>(out.size()) < n) return {};
  pronoun_resolved_ = true;
  return out;
}

std::vector<Actor> ActorResolver::ResolveAll(const std::vector<int>& heads) {
  std::vector<Actor> out;
  for (int h : heads) {
    for (int c : Conjuncts(s_, h)) {
      for (Actor& a : Resolve(c)) {
        // Two heads inside one name resolve to the same actor once.
        bool dup = false;
        for (const Actor& o : out)
          dup |= o.code == a.code && o.begin == a.begin && o.end == a.end;
        if (!dup) out.push_back(std::move(a));
      }
    }
  }
  return out;
}

void ActorResolver::Remember() {
  for (const auto& m : matches_) {
    if (m.type == ActorType::kAdjective && m.code.size() == 3) {
      ArticleMemory::Seen seen;
      seen.actor = FromMatch(m);
      seen.sentence = index_;
      memory_->nationalities.push_back(std::move(seen));
      if (memory_->nationalities.size() > 16)
        memory_->nationalities.erase(memory_->nationalities.begin());
    }
    if (IsAgentType(m.type) || m.type == ActorType::kAdjective) continue;
    ArticleMemory::Seen seen;
    seen.actor = FromMatch(m);
    seen.sentence = index_;
    seen.person = IsPersonType(m.type);
    memory_->seen.push_back(std::move(seen));
  }
  if (memory_->seen.size() > 64) {
    memory_->seen.erase(memory_->seen.begin(), memory_->seen.end() - 64);
  }
}

}  // namespace dyad
