#include "src/code/sentence_coder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <optional>
#include <set>
#include <string>

#include "src/code/actors.h"
#include "src/code/clause.h"
#include "src/code/coder_util.h"
#include "src/util/dates.h"
#include "src/code/event_builder.h"
#include "src/code/modality.h"
#include "src/code/proposer.h"
#include "src/code/when_where.h"
#include "src/code/word_lists.h"
#include "src/util/hash.h"

namespace dyad {
namespace {

using coder_util::Base;
using coder_util::InList;
using coder_util::IsAgentType;
using coder_util::IsProperNoun;
using coder_util::IsOwnerOrAgent;
using coder_util::IsPronoun;
using coder_util::LemmaOf;
using coder_util::Lower;
using coder_util::NounMatches;
using coder_util::NounObliques;

struct Binding {
  const VerbPattern* pattern = nullptr;
  int arg_pred = -1;                  // predicate whose arguments were used
  std::vector<int> sources, targets;  // phrase heads
  bool reciprocal = false;  // "X and Y met": target slot satisfied by the compound subject
  int missing = 0;          // optional target/source slots the sentence lacks
  int bonus = 0;            // extra words matched by multiword nouns ("war crimes")
  // An agentless passive whose doer a convention implies ("was arrested in Moscow"):
  // `sources` is empty and Emit takes the place's country in the rule's role.
  bool implied_source = false;
  // Already resolved actors (nominal events, whose sides may be bare adjectives); when
  // set, `sources` / `targets` are not resolved again.
  std::vector<Actor> source_actors, target_actors;
};

// Predicates -> patterns -> arguments, on top of the actor stage (ActorResolver), then the
// event stage (EventBuilder) for each match.
class SentenceCoder : public ActorResolver {
 public:
  SentenceCoder(const Article& a, const Sentence& s, int index, const CoderKnowledge& k,
        const SentenceCoderOptions& o, ArticleMemory* memory,
        const std::vector<ActorMatch>* matches)
      : ActorResolver(a, s, index, k, o, memory, matches), dater_(a, s, words_) {}

  void set_uncoded(std::vector<std::string>* uncoded) { uncoded_ = uncoded; }
  void set_candidates(std::vector<EventCandidate>* c) { candidates_ = c; }

  std::vector<Event> Run() {
    std::vector<Event> events;
    const DiscardRule* rule = nullptr;
    if (k_.discard_matcher != nullptr
            ? k_.discard_matcher->Matches(s_, &rule)
            : (k_.discards != nullptr && MatchesDiscard(s_, *k_.discards, &rule))) {
      return events;
    }
    DropPlacesInsideNames();
    preds_ = FindPredicates(s_, words_);
    std::vector<char> consumed(preds_.size(), 0);
    for (size_t i = 0; i < preds_.size(); ++i) {
      if (consumed[i]) continue;
      Binding b;
      if (!BestPattern(static_cast<int>(i), &b)) {
        if (uncoded_ != nullptr) MineUncoded(static_cast<int>(i));
        continue;
      }
      size_t before = events.size();
      Emit(static_cast<int>(i), b, &events);
      // A governing pattern that yields nothing (a warning with no target) leaves its
      // complement free to code on its own ("warned that Israel would strike Hezbollah").
      if (b.arg_pred != static_cast<int>(i) && events.size() > before) consumed[b.arg_pred] = 1;
    }
    if (k_.nominals != nullptr) CodeNominals(&events);
    if (k_.proposer != nullptr || candidates_ != nullptr) ProposeEvents(&events);
    Remember();
    return events;
  }

 private:
  // Events written as nouns (src/code/nominal.h). Each becomes a predicate of its own, with
  // the modality of the clause it sits in, and is coded like a verb; an event a verb
  // pattern already coded for the same actors and root is not coded twice.
  void CodeNominals(std::vector<Event>* events) {
    std::vector<char> covered(s_.tokens.size(), 0);
    for (const ActorMatch& m : matches_) {
      for (int t = m.first; t <= m.last && t < static_cast<int>(covered.size()); ++t) covered[t] = 1;
    }
    // "his first meeting with Putin": a possessive pronoun is a side too; coreference
    // resolves it like any pronoun.
    for (size_t t = 0; t < s_.tokens.size(); ++t) {
      if (s_.tokens[t].xpos == "PRP$" && s_.tokens[t].deprel == "nmod:poss") covered[t] = 1;
    }
    auto found = FindNominalPredicates(s_, *k_.nominals, [&](int t) { return covered[t] != 0; });
    if (found.empty()) return;
    nominal_patterns_.reserve(found.size());
    std::vector<Event> extra;
    for (const NominalPredicate& np : found) {
      const Token& noun = s_.tokens[np.noun];
      VerbPattern pat;
      pat.code = np.entry->code;
      pat.verb = LemmaOf(noun);
      pat.text = "nominal " + np.entry->noun;
      pat.origin = np.entry->origin;
      nominal_patterns_.push_back(std::move(pat));
      int gov = -1;
      Predicate pred = NounPredicate(np.noun, &gov);
      // "postponed his trip", "plans a visit": the governor of an event noun it takes as
      // object decides, as it does for a complement clause.
      if (gov >= 0 && Base(noun.deprel) == "obj" && noun.head == preds_[gov].verb) {
        std::optional<Modality> m = GovernorModality(words_, preds_[gov].lemma);
        if (m.has_value() && (*m != Modality::kFuture || pred.modality == Modality::kAsserted)) {
          pred.modality = *m;
        }
      }
      // "The upcoming summit": ahead, unless the clause already says less than that.
      if (np.future && (pred.modality == Modality::kAsserted || pred.modality == Modality::kReported)) {
        pred.modality = Modality::kFuture;
      }
      preds_.push_back(pred);
      const int pi = static_cast<int>(preds_.size()) - 1;
      Binding b;
      b.pattern = &nominal_patterns_.back();
      b.arg_pred = pi;
      b.sources = np.sources;
      b.targets = np.targets;
      b.reciprocal = np.reciprocal;
      b.source_actors = ResolveSides(np.sources);
      b.target_actors = ResolveSides(np.targets);
      if (b.source_actors.empty() || (b.target_actors.empty() && !b.reciprocal)) continue;
      Emit(pi, b, &extra);
      if (np.mutual) {
        std::swap(b.sources, b.targets);
        std::swap(b.source_actors, b.target_actors);
        Emit(pi, b, &extra);
      }
    }
    for (Event& e : extra) {
      bool dup = false;
      for (const Event& o : *events) {
        dup |= o.source.code == e.source.code && o.target.code == e.target.code &&
               o.root == e.root;
      }
      if (!dup) events->push_back(std::move(e));
    }
  }


  // --- the learned proposer ------------------------------------------------------------

  struct Mention {
    int head;
    Actor actor;
  };

  // Every coded actor the sentence names, once per phrase: the highest token of a phrase
  // that resolves to the same actor block ("Russian President Vladimir Putin" is one).
  std::vector<Mention> Mentions() {
    std::vector<Mention> all;
    std::vector<std::string> block(s_.tokens.size());
    const bool pronoun_was = pronoun_resolved_;
    for (size_t t = 0; t < s_.tokens.size(); ++t) {
      const std::string& u = s_.tokens[t].upos;
      if (u != "NOUN" && u != "PROPN" && u != "PRON" && u != "ADJ") continue;
      for (const Actor& a : ResolveSides({static_cast<int>(t)})) {
        if (a.code.empty()) continue;
        block[t] = a.code.substr(0, 3);
        all.push_back({static_cast<int>(t), a});
        break;
      }
    }
    pronoun_resolved_ = pronoun_was;
    std::vector<Mention> out;
    for (Mention& m : all) {
      int h = s_.tokens[m.head].head;
      if (h >= 0 && h < static_cast<int>(block.size()) && block[h] == m.actor.code.substr(0, 3)) continue;
      out.push_back(std::move(m));
    }
    return out;
  }

  // Candidate pairs (and lone sources) the patterns left uncoded, scored by the proposer;
  // with candidates_ set, every pair is also listed for training.
  void ProposeEvents(std::vector<Event>* events) {
    std::vector<Mention> ms = Mentions();
    if (ms.empty()) return;
    auto block = [](const std::string& code) { return code.substr(0, 3); };
    auto covered = [&](const Actor& src, const Actor* tgt) {
      for (const Event& e : *events) {
        if (block(e.source.code) != block(src.code)) continue;
        if (tgt == nullptr || block(e.target.code) == block(tgt->code)) return true;
      }
      return false;
    };
    static const Actor kNone;
    auto dict_code = [&](const Token& t) -> std::string {
      if (t.upos == "VERB" || t.upos == "AUX") {
        const auto& pats = k_.patterns->ForVerb(LemmaOf(t));
        return pats.empty() ? "" : pats.front().code;
      }
      if (t.upos == "NOUN" && k_.nominals != nullptr) {
        if (const NominalEntry* e = k_.nominals->Find(t)) return e->code;
      }
      return "";
    };
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<Event> extra;
    for (size_t i = 0; i < ms.size(); ++i) {
      for (size_t j = 0; j <= ms.size(); ++j) {
        if (j == i) continue;
        const Mention& src = ms[i];
        const Mention* tgt = j < ms.size() ? &ms[j] : nullptr;
        if (tgt != nullptr && tgt->actor.code == src.actor.code) continue;
        // One candidate per pair of actor blocks (the first mentions), as the gold counts them.
        if (!seen.insert({block(src.actor.code), tgt ? block(tgt->actor.code) : ""}).second) continue;
        ProposerFeatureSet f = ProposerFeatures(s_, src.head, tgt ? tgt->head : -1, src.actor,
                                                tgt ? tgt->actor : kNone, dict_code);
        if (f.hashes.empty()) continue;
        const bool done = covered(src.actor, tgt ? &tgt->actor : nullptr);
        if (candidates_ != nullptr) {
          candidates_->push_back({s_.begin, src.actor.code, tgt ? tgt->actor.code : "",
                                  f.hashes, f.path, done});
        }
        if (k_.proposer == nullptr || done) continue;
        ProposerGuess g = k_.proposer->Guess(f.hashes);
        if (g.cls == 0 || g.margin < o_.proposer_threshold) continue;
        if (tgt == nullptr && !TargetlessAllowed(k_, g.code)) continue;
        EmitLearned(f, g, src.actor, tgt ? tgt->actor : kNone, &extra);
      }
    }
    for (Event& e : extra) events->push_back(std::move(e));
  }

  void EmitLearned(const ProposerFeatureSet& f, const ProposerGuess& g, const Actor& src,
                   const Actor& tgt, std::vector<Event>* out) {
    if (k_.cameo == nullptr || k_.cameo(g.code) == nullptr) return;
    VerbPattern pat;
    pat.code = g.code;
    pat.verb = LemmaOf(s_.tokens[f.anchor]);
    char margin[32];
    std::snprintf(margin, sizeof margin, "%.2f", g.margin);
    pat.text = "learned: " + f.path + " (margin " + margin + ")";
    pat.origin = "models/proposer.bin";
    learned_patterns_.push_back(std::move(pat));
    Predicate pred;
    int pi = -1;
    for (size_t k = 0; k < preds_.size(); ++k) {
      if (preds_[k].verb == f.anchor) pi = static_cast<int>(k);
    }
    if (pi < 0) pred = NounPredicate(f.anchor, nullptr);
    const Predicate& p = pi >= 0 ? preds_[pi] : pred;
    EventDraft d;
    d.pattern = &learned_patterns_.back();
    d.modality = PredicateModality(p, false, IsQuestion(s_));
    d.spoken = p.speaker >= 0;
    if (d.modality == Modality::kReported && p.speaker >= 0) {
      auto sp = Resolve(p.speaker);
      if (!sp.empty()) d.speaker = sp[0];
    }
    d.date = dater_.For(p, d.modality);
    d.location = PlaceOf(a_, s_, p, matches_, k_.gazetteer);
    d.verb = p.verb;
    d.argument_verb = p.verb;
    d.group = MentionGroup(p.verb);
    d.source = &src;
    d.target = &tgt;
    EventBuilder builder(a_, s_, index_, k_, o_);
    if (std::optional<Event> e = builder.Build(d)) out->push_back(std::move(*e));
  }

  // Records predicate `pi` in pattern notation when its subject and an object or oblique
  // are coded actors: what a dictionary writer should look at first.
  void MineUncoded(int pi) {
    const Predicate& p = preds_[pi];
    if (p.subjects.empty() || !s_.tokens[p.verb].upos.starts_with("VERB")) return;
    auto coded = [&](int head) {
      for (const Actor& a : ResolveAll({head})) {
        if (!a.code.empty()) return true;
      }
      return false;
    };
    bool source = false;
    for (int h : p.subjects) source |= coded(h);
    if (!source) return;
    std::string key = p.lemma;
    for (const std::string& prt : p.particles) key += " ~" + prt;
    std::string target;
    for (int o : p.objects) {
      if (coded(o)) {
        target = " +T";
        break;
      }
      for (const Oblique& ob : NounObliques(s_, o)) {
        if (coded(ob.head)) {
          target = " {" + LemmaOf(s_.tokens[o]) + "} [" + ob.prep + " +T]";
          break;
        }
      }
      if (!target.empty()) break;
    }
    for (size_t k = 0; k < p.obliques.size() && target.empty(); ++k) {
      const Oblique& ob = p.obliques[k];
      if (ob.prep.empty() || IsTimeWord(s_.tokens[ob.head]) || !coded(ob.head)) continue;
      std::string object;
      if (!p.objects.empty()) object = " {" + LemmaOf(s_.tokens[p.objects[0]]) + "}";
      target = object + " [" + ob.prep + " +T]";
    }
    if (!target.empty()) uncoded_->push_back(key + target);
  }

  // The predicate whose clause contains token `t` (nearest verb up the tree), or -1.
  int GoverningPredicate(int t) const {
    for (int h = s_.tokens[t].head, steps = 0; h >= 0 && steps < 64;
         h = s_.tokens[h].head, ++steps) {
      for (size_t k = 0; k < preds_.size(); ++k) {
        if (preds_[k].verb == h) return static_cast<int>(k);
      }
    }
    return -1;
  }

  // A predicate for a token that heads no clause of its own (an event noun, the proposer's
  // anchor): modality, speaker and speech verb from the clause that governs it (its index
  // in `*gov` when asked for, -1 when none).
  Predicate NounPredicate(int t, int* gov) const {
    Predicate pred;
    pred.verb = t;
    pred.lemma = LemmaOf(s_.tokens[t]);
    const int g = GoverningPredicate(t);
    if (g >= 0) {
      pred.modality = preds_[g].modality;
      pred.speaker = preds_[g].speaker;
      pred.speech_verb = preds_[g].speech_verb;
    }
    if (gov != nullptr) *gov = g;
    return pred;
  }

  // The mention group of the events coded on `verb`: one per article, sentence and verb.
  std::string MentionGroup(int verb) const {
    return Fingerprint128(a_.id + "|" + std::to_string(index_) + "|" + std::to_string(verb))
        .substr(0, 16);
  }



  // --- patterns ---------------------------------------------------------------------

  bool BestPattern(int pi, Binding* best) {
    const Predicate& p = preds_[pi];
    // Nouns and adjectives with subjects ("a report", "about to") are predicates for
    // argument sharing, but verb patterns describe verbs, and the few adjectives that
    // the dictionary lists as predicates ("critical [of +T]": "X has been critical of Y").
    const Token& vt = s_.tokens[p.verb];
    const bool adjective = vt.upos == "ADJ" && HasDependent(p.verb, "cop", "");
    if (vt.upos != "VERB" && vt.xpos.rfind("VB", 0) != 0 && !adjective) return false;
    const auto& candidates = k_.patterns->ForVerb(p.lemma);
    int best_score = -1;
    for (const VerbPattern& pat : candidates) {
      Binding b;
      if (!Match(pat, pi, &b)) continue;
      // A pattern whose target slot the sentence lacks loses to one written without it
      // ("deployed the army" is 154, not the 062 of "deployed troops to X").
      int score = pat.Specificity() * 2 - (b.reciprocal ? 1 : 0) - 3 * b.missing + 2 * b.bonus;
      if (score > best_score) {
        best_score = score;
        *best = b;
      }
    }
    return best_score >= 0;
  }

  bool Match(const VerbPattern& pat, int pi, Binding* b) {
    const Predicate& p = preds_[pi];
    if (pat.negated != p.negated) {
      // Ordinary patterns still match negated verbs (coded with negated modality); a
      // '!' pattern matches only negated ones.
      if (pat.negated) return false;
    }
    for (const auto& prt : pat.particles) {
      if (!InList(p.particles, prt)) return false;
    }
    int ai = pi;
    bool via_ccomp = false;
    if (!pat.xcomp.empty()) {
      ai = -1;
      for (int x : p.xcomps) {
        if (preds_[x].lemma == pat.xcomp) ai = x;
      }
      // "called on Hamas to release ..." often comes out as an adverbial "to" clause.
      if (ai < 0) {
        for (size_t x = 0; x < preds_.size(); ++x) {
          const Predicate& c = preds_[x];
          if (c.governor != pi || c.relation != "advcl" || c.lemma != pat.xcomp) continue;
          if (HasDependent(c.verb, "mark", "to")) ai = static_cast<int>(x);
        }
      }
      // "demanded that the junta release Bazoum": a subjunctive complement clause whose
      // subject is the one addressed.
      if (ai < 0 && p.objects.empty()) {
        for (int x : p.ccomps) {
          if (preds_[x].lemma == pat.xcomp && (!preds_[x].subjects.empty() || preds_[x].passive)) {
            ai = x;
            via_ccomp = true;
          }
        }
      }
      if (ai < 0) return false;
    }
    const Predicate& a = preds_[ai];
    b->pattern = &pat;
    b->arg_pred = ai;
    // "X urged Y to allow Z": the governor's subject acts, its object is the target;
    // the xcomp's own arguments ("allow inspectors") are constraints.
    b->sources = p.subjects;
    std::vector<int> objects;
    for (int o : a.objects) {
      for (int c : Conjuncts(s_, o)) objects.push_back(c);
    }
    // "launched live - fire military drills" parsed with "drills" as an object of "fire":
    // a noun cannot have an object, so that one is the verb's too.
    for (size_t k = 0, n = objects.size(); k < n; ++k) {
      if (s_.tokens[objects[k]].upos != "NOUN") continue;
      for (size_t i = 0; i < s_.tokens.size(); ++i) {
        if (s_.tokens[i].head == objects[k] && Base(s_.tokens[i].deprel) == "obj") {
          objects.push_back(static_cast<int>(i));
        }
      }
    }
    // "mobilized thousands of reservists": the quantity's complement is the object's noun.
    for (size_t k = 0, n = objects.size(); k < n; ++k) {
      if (!IsQuantityNoun(LemmaOf(s_.tokens[objects[k]]))) continue;
      for (const Oblique& ob : NounObliques(s_, objects[k])) {
        if (ob.prep == "of") objects.push_back(ob.head);
      }
    }
    if (ai != pi) {
      for (int o : p.objects) {
        for (int c : Conjuncts(s_, o)) objects.push_back(c);
      }
    }
    // "Japan and South Korea opened talks": starting or holding something done together
    // is reciprocal as much as "met" is (not "mediated the truce").
    bool reciprocal_pred = IsReciprocalVerb(p.lemma);
    if (Listed(WordList::kJointActionVerbs, p.lemma)) {
      for (int o : objects) {
        reciprocal_pred |= Listed(WordList::kReciprocalNouns, LemmaOf(s_.tokens[o]));
      }
    }
    const std::vector<int>& target_objects = via_ccomp                          ? a.subjects
                                             : (ai != pi && !p.objects.empty()) ? p.objects
                                                                                : a.objects;
    const bool compound_subject = SubjectCount(a) >= 2;
    if (!pat.object_nouns.empty() || !pat.object_mods.empty()) {
      bool found = false;
      int words = 0;
      for (int o : objects) {
        int w = pat.object_nouns.empty() ? 1 : PhraseNounMatch(o, pat.object_nouns);
        if (w == 0 || !HasModifiers(o, pat.object_mods)) continue;
        found = true;
        words = std::max(words, w);
      }
      if (!found) return false;
      b->bonus += words > 1 ? words - 1 : 0;  // "detonated a nuclear bomb" beats "a bomb"
    }
    if (pat.object_target || pat.object_source) {
      if (target_objects.empty()) {
        if (!(pat.object_target && compound_subject && reciprocal_pred)) return false;
        b->reciprocal = true;
      } else if (pat.object_target) {
        b->targets = target_objects;
      } else {
        b->sources = target_objects;
      }
    }
    // Obliques of the verb, and of its objects ("imposed sanctions on Russia"); a dative
    // is a "to" phrase ("sent Ukraine weapons" = "sent weapons to Ukraine").
    std::vector<Oblique> obliques = a.obliques;
    for (int io : a.iobjects) obliques.push_back({"to", io});
    // "called on Iran to allow inspectors": the governor's obliques serve the xcomp pattern.
    if (ai != pi) obliques.insert(obliques.end(), p.obliques.begin(), p.obliques.end());
    for (int o : objects) {
      for (const auto& ob : NounObliques(s_, o)) obliques.push_back(ob);
    }
    // Prepositional phrases the parser attached to another one ("celebrated Eid [at X [with
    // Y]]"): tried after the verb's own.
    for (size_t k = 0, n = obliques.size(); k < n; ++k) {
      for (const auto& ob : NounObliques(s_, obliques[k].head)) obliques.push_back(ob);
    }
    for (const PatternSlot& slot : pat.slots) {
      const Oblique* hit = nullptr;
      for (const Oblique& ob : obliques) {
        if (ob.prep != slot.prep) continue;
        if (IsTimeWord(s_.tokens[ob.head])) continue;  // "on Monday" is a date, not a target
        if (slot.kind == PatternSlot::Kind::kNoun) {
          int words = PhraseNounMatch(ob.head, slot.nouns);
          if (words == 0) continue;
          b->bonus += words - 1;  // "of war crimes" beats "of crimes"
        }
        hit = &ob;
        break;
      }
      if (hit == nullptr) {
        if (slot.kind == PatternSlot::Kind::kTarget && reciprocal_pred &&
            (compound_subject || ResolveAll(a.subjects).size() >= 2)) {
          b->reciprocal = true;
          continue;
        }
        // An absent target slot leaves the event without a target; other slots are required.
        if (slot.kind == PatternSlot::Kind::kTarget || slot.kind == PatternSlot::Kind::kSource) {
          ++b->missing;
          continue;
        }
        return false;
      }
      if (slot.kind == PatternSlot::Kind::kTarget) b->targets.push_back(hit->head);
      if (slot.kind == PatternSlot::Kind::kSource) b->sources = {hit->head};
    }
    // A pattern on the object noun alone ("condemn {decision}", "kill {civilians}") names
    // no target; the noun's owner or agent is one ("condemned Russia's decision", "the move
    // by Kenya"), and so is the object itself when it is an actor hit by a conflictual act
    // ("killed Ukrainian civilians"; not "deployed Belarusian troops", a force posture).
    if (b->targets.empty() && !pat.object_target && !HasTargetSlot(pat) &&
        !pat.object_nouns.empty() && o_.cameo_conventions) {
      const bool victim = pat.code >= "16";  // codes are strings: 16x-20x, not the 15x postures
      for (int o : objects) {
        if (PhraseNounMatch(o, pat.object_nouns) == 0) continue;
        if (int owner = NounOwner(o); owner >= 0) {
          b->targets = {owner};
          break;
        }
        if (victim) {
          // Only an object that names its actor ("Ukrainian civilians"): "killed 20 people"
          // has no side of its own, and the context's country is a guess.
          const std::vector<Actor> hit = ResolveAll({o});
          if (std::any_of(hit.begin(), hit.end(), NamedByItsPhrase)) {
            b->targets = {o};
            break;
          }
        }
      }
    }
    if (b->targets.empty() && !pat.object_target && !HasTargetSlot(pat) && reciprocal_pred &&
        (compound_subject || ResolveAll(a.subjects).size() >= 2)) {
      b->reciprocal = true;  // "Rubio and Lavrov met"
    }
    if (b->sources.empty() && a.passive && pat.object_target && !b->targets.empty() &&
        o_.cameo_conventions && k_.conventions != nullptr && k_.conventions->Implied(pat.code)) {
      b->implied_source = true;
      return true;
    }
    return !b->sources.empty();
  }

  // Each alternative set has a word inside the phrase of `head` (other than the head).
  bool HasModifiers(int head, const std::vector<std::vector<std::string>>& mods) const {
    if (mods.empty()) return true;
    auto [first, last] = PhraseSpan(s_, head);
    for (const auto& alts : mods) {
      bool hit = false;
      for (int i = first; i <= last && !hit; ++i)
        hit = i != head && NounMatches(s_.tokens[i], alts);
      if (!hit) return false;
    }
    return true;
  }

  // How many words of the best entry of `nouns` the phrase of `head` matches: the last word
  // is the head's lemma or form, the others must precede it inside its phrase ("war
  // crimes"); 0 when none matches.
  int PhraseNounMatch(int head, const std::vector<std::string>& nouns) const {
    const Token& h = s_.tokens[head];
    const std::string lemma = LemmaOf(h), form = Lower(h.text);
    int best = 0;
    std::pair<int, int> span{-1, -1};
    for (const std::string& n : nouns) {
      size_t sp = n.rfind(' ');
      if (sp == std::string::npos) {
        if (best == 0 && (n == lemma || n == form)) best = 1;
        continue;
      }
      std::string last = n.substr(sp + 1);
      if (last != lemma && last != form) continue;
      if (span.first < 0) span = PhraseSpan(s_, head);
      // Every earlier word, in order, before the head.
      int words = 1, at = head - 1;
      std::vector<std::string> parts;
      for (size_t b = 0, e; b < sp; b = e + 1) {
        e = n.find(' ', b);
        if (e == std::string::npos || e > sp) e = sp;
        parts.push_back(n.substr(b, e - b));
      }
      bool ok = true;
      for (auto it = parts.rbegin(); it != parts.rend() && ok; ++it) {
        while (at >= span.first && Lower(s_.tokens[at].text) != *it &&
               LemmaOf(s_.tokens[at]) != *it)
          --at;
        ok = at >= span.first;
        --at;
        ++words;
      }
      if (ok) best = std::max(best, words);
    }
    return best;
  }

  // The named owner ("Russia's decision") or agent ("the decision by Russia", "a proposal
  // from Egypt") of a common noun; -1 when it has none (pronouns do not count: "its
  // decision" is the subject's own).
  int NounOwner(int noun) const {
    const int n = static_cast<int>(s_.tokens.size());
    for (int i = 0; i < n; ++i) {
      const Token& d = s_.tokens[i];
      if (d.head == noun && !IsPronoun(d) && d.xpos != "PRP$" && IsOwnerOrAgent(s_, i)) return i;
    }
    return -1;
  }

  static bool HasTargetSlot(const VerbPattern& p) {
    for (const auto& s : p.slots) {
      if (s.kind == PatternSlot::Kind::kTarget) return true;
    }
    return false;
  }
  static bool HasSourceSlot(const VerbPattern& p) {
    for (const auto& s : p.slots) {
      if (s.kind == PatternSlot::Kind::kSource) return true;
    }
    return p.object_source;
  }

  int SubjectCount(const Predicate& a) {
    int n = 0;
    for (int h : a.subjects) n += static_cast<int>(Conjuncts(s_, h).size());
    // "the two countries" is compound too.
    for (int h : a.subjects) {
      if (IsPluralDescription(h)) n = std::max(n, 2);
    }
    return n;
  }



  // --- events -----------------------------------------------------------------------

  // Arguments -> actors -> dyads for one matched pattern; each dyad then goes through the
  // event stage (EventBuilder: conventions, modality, evidence and reason).
  void Emit(int pi, const Binding& b, std::vector<Event>* events) {
    const Predicate& p = preds_[pi];
    const Predicate& a = preds_[b.arg_pred];
    const VerbPattern& pat = *b.pattern;
    if (k_.cameo == nullptr || k_.cameo(pat.code) == nullptr) return;  // dictionary error
    pronoun_resolved_ = false;
    std::vector<Actor> sources = b.source_actors.empty() ? ResolveAll(b.sources) : b.source_actors;
    std::vector<Actor> targets = b.target_actors.empty() ? ResolveAll(b.targets) : b.target_actors;
    if (sources.empty() && b.implied_source) {
      if (std::optional<Actor> x = ImpliedSource(pat.code, a)) sources.push_back(std::move(*x));
    }
    if (sources.empty()) return;
    // "Gondor and Osgiliath postponed their meeting": the compound subject acts on itself.
    bool own_object = false;
    if (targets.empty() && sources.size() >= 2) {
      for (int ob : a.objects) own_object |= HasDependent(ob, "nmod:poss", "their");
    }
    // "condemned the sanctions imposed by the EU", "condemned Russia's invasion": an object that
    // is an act, not an actor, points at its doer, who is the target.
    if (targets.empty() && !b.reciprocal && b.target_actors.empty()) {
      for (int ob : a.objects) {
        targets = DoerOf(ob);
        if (!targets.empty()) break;
      }
    }
    if (targets.empty() && !b.reciprocal && o_.infer_target) {
      targets = InferTarget(p, a, sources, own_object);
    }
    const Modality modality = PredicateModality(p, pat.negated, IsQuestion(s_));
    Actor speaker;
    int speaker_head = p.speaker >= 0 ? p.speaker : a.speaker;
    if (modality == Modality::kReported && speaker_head >= 0) {
      auto sp = Resolve(speaker_head);
      if (!sp.empty()) speaker = sp[0];
    }
    // "The two leaders discussed trade": the object is no actor, the subjects act together.
    const bool reciprocal = b.reciprocal || (own_object && targets.empty()) ||
                            (targets.empty() && sources.size() >= 2 && IsReciprocalVerb(p.lemma));
    if (targets.empty() && !(reciprocal && sources.size() >= 2) &&
        (!o_.allow_missing_target || !TargetlessAllowed(k_, pat.code))) {
      return;
    }
    static const Actor kNone;
    auto dyads = BuildDyads(sources, targets, reciprocal, kNone);
    // "The army clashed with the RSF": fighting with someone codes both ways.
    if (!targets.empty() && o_.cameo_conventions && k_.conventions != nullptr) {
      bool mutual = false;
      for (const Oblique& ob : a.obliques) mutual |= k_.conventions->Mutual(pat.code, p.lemma, ob.prep);
      if (mutual) {
        for (const Actor& t : targets) {
          for (const Actor& s : sources) dyads.push_back({&t, &s});
        }
      }
    }
    EventDraft d;
    d.pattern = &pat;
    d.modality = modality;
    d.spoken = p.speaker >= 0;
    d.speaker = speaker;
    d.date = dater_.For(a, modality);
    d.location = PlaceOf(a_, s_, a, matches_, k_.gazetteer);
    d.verb = p.verb;
    d.argument_verb = a.verb;
    d.group = MentionGroup(p.verb);
    d.reciprocal = b.reciprocal;
    d.pronoun_resolved = pronoun_resolved_;
    d.subject_inherited = a.subject_inherited;
    EventBuilder builder(a_, s_, index_, k_, o_);
    for (auto [src, tgt] : dyads) {
      d.source = src;
      d.target = tgt;
      std::optional<Event> e = builder.Build(d);
      if (!e) continue;
      bool already = false;  // the reverse dyad is coded in its own right
      for (const auto& [s2, t2] : dyads) already |= s2->code == tgt->code && t2->code == src->code;
      if (!already) {
        if (std::optional<Event> r = builder.Paired(*e)) events->push_back(std::move(*r));
      }
      events->push_back(std::move(*e));
    }
  }

  // "A tourist was detained in Moscow": nobody is named, but arrests in Moscow are made by
  // Russia's police. The doer of an agentless passive that a convention covers is
  // the event place's country in the convention's role; no place, no event.
  std::optional<Actor> ImpliedSource(const std::string& code, const Predicate& a) const {
    std::optional<ImpliedAgent> rule = k_.conventions->Implied(code);
    if (!rule || !k_.cameo_country) return std::nullopt;
    Location place = PlaceOf(a_, s_, a, matches_, k_.gazetteer);
    if (place.country.empty()) return std::nullopt;
    std::string country = k_.cameo_country(place.country);
    if (country.size() != 3) return std::nullopt;
    Actor x;
    x.code = country + rule->role;
    x.country = place.country;
    x.sector = k_.role_sector ? k_.role_sector(rule->role) : rule->role;
    x.type = ActorType::kAgent;
    x.text = place.text;  // the evidence the doer was read from
    x.begin = place.begin;
    x.end = place.end;
    x.entries.push_back(rule->rule + ": agentless passive in " + place.text + " -> " + x.code);
    return x;
  }

  // A target for a pattern that names none (community dictionaries): the verb's objects and
  // the nouns their prepositional phrases nest ("welcomed a resumption [of ties [with
  // Osgiliath]]"), breadth first, then its obliques, those naming a place or time last;
  // widely, the first named actor after the verb in its clause (PETRARCH's reading).
  std::vector<Actor> InferTarget(const Predicate& p, const Predicate& a,
                                 const std::vector<Actor>& sources, bool own_object) {
    std::vector<int> cands(a.objects.begin(), a.objects.end());
    for (size_t k = 0; k < cands.size() && cands.size() < 16; ++k) {
      for (const Oblique& n : NounObliques(s_, cands[k])) cands.push_back(n.head);
    }
    for (int pass = 0; pass < (o_.infer_target_widely ? 2 : 1); ++pass) {
      for (const Oblique& ob : a.obliques) {
        if (IsTimeWord(s_.tokens[ob.head]) ||
            Listed(WordList::kPlacePrepositions, ob.prep) != (pass == 1))
          continue;
        cands.push_back(ob.head);
      }
    }
    for (int c : cands) {
      std::vector<Actor> t = ResolveAll({c});
      if (!t.empty() && !t[0].code.empty()) return t;
    }
    if (own_object || !o_.infer_target_widely) return {};
    for (const auto& m : matches_) {
      if (m.first <= p.verb || IsAgentType(m.type) || m.type == ActorType::kAdjective) continue;
      if (!InClauseOf(m.last, a.verb)) continue;
      bool is_source = false;
      for (const Actor& src : sources) is_source |= src.begin == s_.tokens[m.first].begin;
      if (is_source) continue;
      return {FromMatch(m)};
    }
    return {};
  }


  std::vector<Predicate> preds_;
  std::vector<VerbPattern> nominal_patterns_;  // patterns of the sentence's event nouns
  std::vector<std::string>* uncoded_ = nullptr;  // mining output, when asked for
  std::vector<EventCandidate>* candidates_ = nullptr;  // proposer training data, when asked for
  std::deque<VerbPattern> learned_patterns_;  // patterns of the proposer's events
  EventDater dater_;
};

}  // namespace

std::vector<Event> CodeSentence(const Article& article, const Sentence& s, int index,
                                const CoderKnowledge& k, const SentenceCoderOptions& options,
                                ArticleMemory* memory, const std::vector<ActorMatch>* matches,
                                std::vector<std::string>* uncoded,
                                std::vector<EventCandidate>* candidates) {
  SentenceCoder c(article, s, index, k, options, memory, matches);
  c.set_uncoded(uncoded);
  c.set_candidates(candidates);
  return c.Run();
}

}  // namespace dyad
