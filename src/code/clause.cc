#include "src/code/clause.h"
#include "src/code/modality.h"
#include "src/util/text_case.h"

#include <algorithm>
#include <functional>
#include <set>
#include <string_view>

namespace dyad {
namespace {

// Relations are compared without their subtype where the subtype does not matter, and
// UD v1 labels (dobj, nsubjpass, auxpass) are mapped to v2 so older parses work too.
std::string Rel(const Token& t) {
  const std::string& r = t.deprel;
  if (r == "dobj") return "obj";
  if (r == "nsubjpass") return "nsubj:pass";
  if (r == "auxpass") return "aux:pass";
  if (r == "csubjpass") return "csubj:pass";
  return r;
}

std::string Base(const std::string& rel) {
  size_t c = rel.find(':');
  return c == std::string::npos ? rel : rel.substr(0, c);
}

std::string LemmaOf(const Token& t) { return Lower(t.lemma.empty() ? t.text : t.lemma); }

bool IsVerbal(const Token& t) { return t.upos == "VERB" || t.xpos.rfind("VB", 0) == 0; }

}  // namespace

std::vector<int> Conjuncts(const Sentence& s, int head) {
  std::vector<int> out = {head};
  const int n = static_cast<int>(s.tokens.size());
  auto case_of = [&](int h) {
    std::string c;
    for (int i = 0; i < n; ++i) {
      if (s.tokens[i].head == h && Base(Rel(s.tokens[i])) == "case") c = LemmaOf(s.tokens[i]);
    }
    return c;
  };
  const std::string head_case = case_of(head);
  // Breadth over conj chains: UD attaches every conjunct to the first one. A conjunct with
  // a preposition of its own ("met with X, Y, at the palace, in Riyadh") is another phrase
  // the parse ran into the list.
  // A possessor ("Putin 's advisor") is no conjunct either. The list ends there: what
  // follows ("in Riyadh, Saudi Arabia") belongs to that phrase.
  for (size_t k = 0; k < out.size(); ++k) {
    for (int i = 0; i < n; ++i) {
      if (s.tokens[i].head != out[k] || Base(Rel(s.tokens[i])) != "conj") continue;
      const std::string c = case_of(i);
      if (!c.empty() && c != head_case) break;
      out.push_back(i);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::pair<int, int> PhraseSpan(const Sentence& s, int head) {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<char> in(n, 0);
  in[head] = 1;
  // Tokens are ordered, heads may be anywhere: iterate to a fixed point.
  bool changed = true;
  while (changed) {
    changed = false;
    for (int i = 0; i < n; ++i) {
      int h = s.tokens[i].head;
      if (in[i] || h < 0 || h >= n || !in[h]) continue;
      std::string r = Rel(s.tokens[i]);
      std::string b = Base(r);
      if (h == head &&
          (r == "acl:relcl" || b == "acl" || b == "advcl" || b == "parataxis" || b == "appos" ||
           b == "conj" || b == "cc" || b == "dep" || b == "case" || b == "mark")) {
        continue;
      }
      in[i] = 1;
      changed = true;
    }
  }
  int first = head, last = head;
  for (int i = 0; i < n; ++i) {
    if (in[i]) {
      first = std::min(first, i);
      last = std::max(last, i);
    }
  }
  while (first < head && s.tokens[first].upos == "PUNCT") ++first;
  while (last > head && s.tokens[last].upos == "PUNCT") --last;
  return {first, last};
}

std::vector<Predicate> FindPredicates(const Sentence& s, const WordLists& words) {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<std::vector<int>> kids(n);
  for (int i = 0; i < n; ++i) {
    int h = s.tokens[i].head;
    if (h >= 0 && h < n && h != i) kids[h].push_back(i);
  }
  auto has_kid = [&](int t, std::initializer_list<const char*> rels) {
    for (int k : kids[t]) {
      std::string r = Rel(s.tokens[k]);
      for (const char* want : rels) {
        if (r == want) return true;
      }
    }
    return false;
  };

  std::vector<int> pred_of(n, -1);
  std::vector<Predicate> preds;
  for (int i = 0; i < n; ++i) {
    const Token& t = s.tokens[i];
    bool is_pred = (IsVerbal(t) && t.upos != "AUX") ||
                   has_kid(i, {"nsubj", "nsubj:pass", "xcomp", "obj", "csubj"});
    if (!is_pred) continue;
    Predicate p;
    p.verb = i;
    p.lemma = LemmaOf(t);
    pred_of[i] = static_cast<int>(preds.size());
    preds.push_back(std::move(p));
  }

  std::vector<int> rel_pronoun_subject(preds.size(), -1);
  for (Predicate& p : preds) {
    const int v = p.verb;
    for (int k : kids[v]) {
      const Token& c = s.tokens[k];
      const std::string r = Rel(c);
      const std::string b = Base(r);
      const std::string lemma = LemmaOf(c);
      if (r == "nsubj:pass") {
        p.objects.push_back(k);
        p.passive = true;
      } else if (b == "nsubj") {
        p.subjects.push_back(k);
      } else if (r == "aux:pass") {
        p.passive = true;
      } else if (b == "obj") {
        p.objects.push_back(k);
      } else if (b == "iobj") {
        p.iobjects.push_back(k);
      } else if (b == "obl" || b == "nmod") {
        std::string prep;
        for (int g : kids[k]) {
          const Token& ct = s.tokens[g];
          if (Base(Rel(ct)) != "case") continue;
          prep += (prep.empty() ? "" : "_") + LemmaOf(ct);
          for (int f : kids[g]) {
            if (Base(Rel(s.tokens[f])) == "fixed") prep += "_" + LemmaOf(s.tokens[f]);
          }
        }
        if (r == "obl:agent" || (prep == "by" && (p.passive || has_kid(v, {"aux:pass"})))) {
          p.subjects.push_back(k);
        } else {
          p.obliques.push_back({prep, k});
        }
      } else if (b == "advcl") {
        // "accused Iran of directing the attack": a gerund clause with a preposition as
        // its mark serves that preposition's slot, by itself and through its objects.
        std::string mark;
        for (int g : kids[k]) {
          if (Base(Rel(s.tokens[g])) == "mark") mark = LemmaOf(s.tokens[g]);
        }
        if (!mark.empty() && words.Has(WordList::kGerundMarks, mark) && s.tokens[k].xpos == "VBG") {
          p.obliques.push_back({mark, k});
          for (int g : kids[k]) {
            if (Base(Rel(s.tokens[g])) == "obj") p.obliques.push_back({mark, g});
          }
        }
      } else if (r == "compound:prt") {
        p.particles.push_back(lemma);
      } else if (b == "aux") {
        if (IsFutureAuxiliary(lemma)) {
          if (p.modality == Modality::kAsserted) p.modality = Modality::kFuture;
        } else if (lemma == "would" || lemma == "could" || lemma == "might" || lemma == "may" ||
                   lemma == "can" || lemma == "should" || lemma == "must" || lemma == "'d") {
          p.modality = Modality::kHypothetical;
          p.would = lemma == "would" || lemma == "'d";
        }
      } else if (b == "advmod" && (lemma == "not" || lemma == "never" || lemma == "n't")) {
        p.negated = true;
      } else if (b == "mark" && (lemma == "if" || lemma == "unless" || lemma == "whether")) {
        p.modality = Modality::kHypothetical;
      }
    }
    // "no longer", "not yet" negate too.
    for (int k : kids[v]) {
      if (Base(Rel(s.tokens[k])) == "advmod" && LemmaOf(s.tokens[k]) == "longer") {
        for (int g : kids[k]) {
          if (LemmaOf(s.tokens[g]) == "no") p.negated = true;
        }
      }
    }
    // "European allies have expressed concerns" parsed with "allies" as nsubj:pass: without a
    // passive auxiliary and with a direct object the clause is active.
    if (p.passive && !has_kid(v, {"aux:pass"}) && p.subjects.empty()) {
      int pass_subj = -1, direct = 0;
      for (int k : kids[v]) {
        const std::string r = Rel(s.tokens[k]);
        if (r == "nsubj:pass") pass_subj = k;
        if (Base(r) == "obj") ++direct;
      }
      if (pass_subj >= 0 && direct > 0) {
        p.objects.erase(std::remove(p.objects.begin(), p.objects.end(), pass_subj),
                        p.objects.end());
        p.subjects.push_back(pass_subj);
        p.passive = false;
      }
    }
    // "urged the Houthis to release" parsed with the Houthis as iobj: with no direct object
    // the indirect one is the object.
    if (p.objects.empty() && !p.iobjects.empty()) p.objects.swap(p.iobjects);
    std::stable_sort(p.subjects.begin(), p.subjects.end());
    for (int subj : p.subjects) {
      std::string l = LemmaOf(s.tokens[subj]);
      if (l == "who" || l == "which" || l == "that") rel_pronoun_subject[&p - &preds[0]] = subj;
    }
  }

  // Attachments to governing predicates.
  for (Predicate& p : preds) {
    const Token& t = s.tokens[p.verb];
    int h = t.head;
    if (h < 0 || h >= n) continue;
    std::string b = Base(Rel(t));
    if (b == "xcomp" || b == "ccomp" || b == "conj" || b == "advcl" || b == "parataxis") {
      if (pred_of[h] >= 0) {
        p.governor = pred_of[h];
        p.relation = b;
        if (b == "xcomp") preds[pred_of[h]].xcomps.push_back(static_cast<int>(&p - &preds[0]));
        if (b == "ccomp") preds[pred_of[h]].ccomps.push_back(static_cast<int>(&p - &preds[0]));
      }
    }
    // Relative clauses: "the US, which imposed sanctions" -> the US is the subject.
    size_t idx = &p - &preds[0];
    if (Rel(t) == "acl:relcl" && rel_pronoun_subject[idx] >= 0) {
      std::replace(p.subjects.begin(), p.subjects.end(), rel_pronoun_subject[idx], h);
    } else if (Rel(t) == "acl:relcl" && p.subjects.empty() && !p.passive) {
      // "the talks that Russia held": the head noun is the object; otherwise the subject.
      bool obj_gap = !p.objects.empty() ? false : true;
      if (obj_gap && !has_kid(p.verb, {"nsubj"})) p.subjects.push_back(h);
    }
  }

  // A parse error the greedy parser makes on long subject lists: "Mordor, Rohan, Arnor
  // and Bree welcomed ..." comes out with the first name as root and the finite verb as its
  // parataxis. A subjectless finite verb hanging off a nominal root to its left takes it
  // as subject.
  for (Predicate& p : preds) {
    const Token& t = s.tokens[p.verb];
    int h = t.head;
    if (!p.subjects.empty() || h < 0 || h >= p.verb || pred_of[h] >= 0) continue;
    const Token& ht = s.tokens[h];
    std::string r = Rel(t);
    bool finite = t.xpos == "VBD" || t.xpos == "VBZ" || t.xpos == "VBP";
    if (finite && (r == "parataxis" || r == "dep") && ht.head < 0 &&
        (ht.upos == "PROPN" || ht.upos == "NOUN")) {
      p.subjects.push_back(h);
    }
  }

  // "... troubled many Ukrainians and France called a meeting": the parser coordinated
  // "France" with the object; a nominal conjunct right before a coordinated finite verb
  // is that verb's subject.
  for (Predicate& p : preds) {
    const Token& t = s.tokens[p.verb];
    if (!p.subjects.empty() || Rel(t) != "conj" || p.verb == 0) continue;
    bool finite = t.xpos == "VBD" || t.xpos == "VBZ" || t.xpos == "VBP";
    int prev = p.verb - 1;
    const Token& c = s.tokens[prev];
    if (finite && Rel(c) == "conj" && (c.upos == "PROPN" || c.upos == "NOUN" || c.upos == "PRON") &&
        pred_of[prev] < 0) {
      p.subjects.push_back(prev);
    }
  }

  // "Israeli jets struck Hezbollah positions." parsed with "struck" as a participle
  // modifying "jets" and the full stop as root: a verb modifying a subject that has no
  // verb to be subject of acts itself (also without an object: "Thousands of protesters
  // rallied in Tbilisi.").
  for (Predicate& p : preds) {
    const Token& t = s.tokens[p.verb];
    if (!p.subjects.empty() || Rel(t) != "acl" || (t.xpos != "VBD" && t.xpos != "VBN")) continue;
    int h = t.head;
    if (h < 0 || h >= p.verb) continue;
    const Token& noun = s.tokens[h];
    int g = noun.head;
    bool orphan = g < 0 || (Base(Rel(noun)) == "nsubj" && s.tokens[g].upos == "PUNCT");
    if (orphan && (noun.upos == "NOUN" || noun.upos == "PROPN")) p.subjects.push_back(h);
  }

  // Parents before children so inheritance chains ("agreed to try to restore") resolve.
  std::vector<int> order(preds.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::function<int(int)> depth = [&](int i) {
    int d = 0;
    for (int g = preds[i].governor; g >= 0 && d < 50; g = preds[g].governor) ++d;
    return d;
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return depth(a) < depth(b); });

  for (int i : order) {
    Predicate& p = preds[i];
    if (p.governor < 0) continue;
    const Predicate& g = preds[p.governor];
    if (p.subjects.empty()) {
      if (p.relation == "xcomp") {
        // Object control ("urged Russia to withdraw") unless the verb is subject-control.
        bool subject_control = words.Has(WordList::kSubjectControlVerbs, g.lemma);
        // A passive governor's surface subject is the xcomp's subject, by raising ("Biden
        // is set to meet") or by object control ("Russia was urged to withdraw").
        p.subjects = (!g.objects.empty() && (g.passive || !subject_control)) ? g.objects
                                                                              : g.subjects;
        p.subject_inherited = !p.subjects.empty();
      } else if (p.relation == "conj" && !(p.passive && !g.passive)) {
        // "X met Y and signed a deal": X signed. Not into a passive ("X celebrated and a
        // hobbit was reported"): the active subject is not the passive's agent.
        p.subjects = g.subjects;
        p.subject_inherited = !p.subjects.empty();
      } else if (p.relation == "advcl" && !p.passive && !g.passive &&
                 s.tokens[p.verb].xpos == "VBG") {
        // "justified the strikes by accusing Venezuela", "hours after threatening Russia":
        // a gerund clause under a preposition is done by the main clause's subject.
        for (int k : kids[p.verb]) {
          if (Base(Rel(s.tokens[k])) == "mark" &&
              words.Has(WordList::kGerundSubjectMarks, LemmaOf(s.tokens[k]))) {
            p.subjects = g.subjects;
            p.subject_inherited = !p.subjects.empty();
          }
        }
      }
    }
    // Modality flows down from the governor.
    if (p.relation == "xcomp") {
      std::optional<Modality> m = GovernorModality(words, g.lemma);
      if (m == Modality::kNegated) {
        p.negated = true;
      } else if (m == Modality::kHypothetical) {
        p.modality = Modality::kHypothetical;
      } else if (m == Modality::kFuture && p.modality == Modality::kAsserted) {
        p.modality = Modality::kFuture;
      }
    }
    if (p.relation == "xcomp" || p.relation == "conj") {
      if (g.negated && p.relation == "xcomp") p.negated = true;
      if (g.modality != Modality::kAsserted && p.modality == Modality::kAsserted) {
        p.modality = g.modality;
        p.speaker = g.speaker;
        p.speech_verb = g.speech_verb;
      }
    }
    if ((p.relation == "ccomp" || p.relation == "parataxis") && words.Has(WordList::kSpeechVerbs, g.lemma)) {
      if (p.modality == Modality::kAsserted) p.modality = Modality::kReported;
      // "X said China would provide aid": a reported intention, not a hypothesis.
      if (p.would && p.modality == Modality::kHypothetical) p.modality = Modality::kFuture;
      p.speaker = g.subjects.empty() ? -1 : g.subjects.front();
      p.speech_verb = g.verb;
    } else if (p.relation == "ccomp" && g.modality != Modality::kAsserted &&
               p.modality == Modality::kAsserted) {
      p.modality = g.modality;
      p.speaker = g.speaker;
      p.speech_verb = g.speech_verb;
    }
  }
  // Sentence-final attribution: "The RSF massacred civilians, the United Nations said."
  // parses with "said" as a parataxis of the main verb; the main clause is then reported.
  for (Predicate& p : preds) {
    if (p.modality != Modality::kAsserted) continue;
    for (int k : kids[p.verb]) {
      if (k < p.verb || pred_of[k] < 0 || Base(Rel(s.tokens[k])) != "parataxis") continue;
      const Predicate& sp = preds[pred_of[k]];
      if (!words.Has(WordList::kSpeechVerbs, sp.lemma) || sp.subjects.empty() || !sp.objects.empty()) continue;
      p.modality = Modality::kReported;
      p.speaker = sp.subjects.front();
      p.speech_verb = sp.verb;
      break;
    }
  }
  for (Predicate& p : preds) {
    if (p.negated) p.modality = Modality::kNegated;
  }
  return preds;
}

}  // namespace dyad
