#include "dyad/event.h"

namespace dyad {

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kNegated:
      return "negated";
    case Modality::kFuture:
      return "future";
    case Modality::kHypothetical:
      return "hypothetical";
    case Modality::kReported:
      return "reported";
  }
  return "asserted";
}

}  // namespace dyad
