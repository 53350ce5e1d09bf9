// The lexicon-units stage: spans of a sentence the dictionaries know as one actor phrase
// ("Russian President Vladimir Putin", "Saudi Arabia", "Secretary of State Marco Rubio"),
// handed to the parser as constraints so that it cannot split what the lexicon knows.
//
//   std::vector<ActorMatch> names;
//   lexicon.FindActors(sentence, date, &names);
//   analyzer.Parse(&sentence, LexiconUnits(sentence, names));
#ifndef DYAD_CODE_UNITS_H_
#define DYAD_CODE_UNITS_H_

#include <vector>

#include "dyad/document.h"
#include "dyad/nlp.h"
#include "dyad/lexicon.h"

namespace dyad {

// Units from dictionary matches over `s` (tokens only; no tags or parse needed):
// - a multiword name (person, country, organisation): its head is the first token for a
//   person ("Vladimir [Putin]" as UD's flat), else the last ("Saudi Arabia", "European
//   Union"); names holding "of" ("Ministry of Defence") keep their own parse;
// - a person's name with the titles right before it and a nationality or country before
//   those ("Russian President Vladimir Putin", "U.S. Secretary of State Marco Rubio"):
//   headed by the name.
// Agent titles alone and single-token names give no unit. Units never overlap.
std::vector<ParseUnit> LexiconUnits(const Sentence& s, const std::vector<ActorMatch>& matches);

}  // namespace dyad

#endif  // DYAD_CODE_UNITS_H_
