#include "dyad/event.h"

#include <iterator>

#include "src/util/enum_names.h"

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

namespace {

// Names indexed by the enum's value; "" is kNone.
constexpr const char* kActorTypeNames[] = {"",      "country", "adjective", "metonym", "region",
                                           "igo",   "ngo",     "group",     "party",   "media",
                                           "company", "person", "agent",    "place",   "unknown"};
constexpr const char* kPrecisionNames[] = {"", "day", "week", "month", "year"};
constexpr const char* kBasisNames[] = {"", "article", "explicit", "relative", "background"};
static_assert(std::size(kActorTypeNames) == static_cast<size_t>(ActorType::kUnknown) + 1);
static_assert(std::size(kPrecisionNames) == static_cast<size_t>(DatePrecision::kYear) + 1);
static_assert(std::size(kBasisNames) == static_cast<size_t>(DateBasis::kBackground) + 1);

}  // namespace

const char* ActorTypeName(ActorType t) { return EnumName(kActorTypeNames, t); }
bool ParseActorType(std::string_view name, ActorType* out) {
  return ParseEnumName(kActorTypeNames, name, out);
}
bool IsDictionaryActorType(ActorType t) {
  return t >= ActorType::kCountry && t <= ActorType::kPerson;
}

const char* DatePrecisionName(DatePrecision p) { return EnumName(kPrecisionNames, p); }
bool ParseDatePrecision(std::string_view name, DatePrecision* out) {
  return ParseEnumName(kPrecisionNames, name, out);
}

const char* DateBasisName(DateBasis b) { return EnumName(kBasisNames, b); }
bool ParseDateBasis(std::string_view name, DateBasis* out) {
  return ParseEnumName(kBasisNames, name, out);
}

}  // namespace dyad
