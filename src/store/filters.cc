// Event filters by name (shared by `dyad query` and the HTTP API), sort orders and keyset
// cursors. The SQL for sorts and cursors is in analytics.cc.
#include <cctype>
#include <cstdlib>

#include "dyad/store.h"
#include "src/util/dates.h"

namespace dyad {
namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool AllOf(const std::string& s, int (*pred)(int)) {
  for (unsigned char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

Status Bad(const std::string& name, const std::string& value, const std::string& why) {
  return Status::InvalidArgument(name + ": '" + value + "' " + why);
}

constexpr const char* kModalities[] = {"asserted", "negated", "future", "hypothetical", "reported"};

}  // namespace

const std::vector<EventFilterSpec>& EventFilterSpecs() {
  static const std::vector<EventFilterSpec> specs = {
      {"actor", "Source or target actor code prefix (RUS, USAGOV)", "string"},
      {"source", "Source actor code prefix", "string"},
      {"target", "Target actor code prefix", "string"},
      {"country", "Actor or location country (ISO3: RUS, UKR)", "string"},
      {"cameo", "CAMEO event code prefix (03, 036)", "string"},
      {"quad", "QuadClass 1-4 (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)",
       "integer"},
      {"plover", "PLOVER event type (CONSULT, ACCUSE, ...)", "string"},
      {"modality", "asserted|negated|future|hypothetical|reported", "string"},
      {"from", "First event date, YYYY-MM-DD", "string"},
      {"to", "Last event date, YYYY-MM-DD", "string"},
      {"outlet", "News source name (exact)", "string"},
      {"place", "Event location (place text, exact: Riyadh)", "string"},
      {"text", "Full-text query over sentences", "string"},
      {"article", "Article id", "string"},
  };
  return specs;
}

Status SetEventFilter(EventQuery* q, const std::string& name, const std::string& value) {
  auto code = [&](std::string* field, size_t max) -> Status {
    if (value.size() > max || !AllOf(value, std::isalnum)) {
      return Bad(name, value, "is not a code prefix (letters and digits, at most " +
                                  std::to_string(max) + ")");
    }
    *field = Upper(value);
    return Status::OK();
  };
  auto date = [&](std::string* field) -> Status {
    if (!value.empty() && !IsValidDate(value)) return Bad(name, value, "is not a date YYYY-MM-DD");
    *field = value;
    return Status::OK();
  };
  if (name == "actor") return code(&q->actor, 30);
  if (name == "source") return code(&q->source, 30);
  if (name == "target") return code(&q->target, 30);
  if (name == "country") {
    if (!value.empty() && (value.size() != 3 || !AllOf(value, std::isalpha))) {
      return Bad(name, value, "is not an ISO3 country code (three letters)");
    }
    q->country = Upper(value);
    return Status::OK();
  }
  if (name == "cameo") {
    if (value.size() > 4 || !AllOf(value, std::isdigit)) {
      return Bad(name, value, "is not a CAMEO code prefix (1-4 digits)");
    }
    q->cameo_prefix = value;
    return Status::OK();
  }
  if (name == "quad") {
    if (value.empty()) {
      q->quad = 0;
      return Status::OK();
    }
    if (value.size() != 1 || value[0] < '1' || value[0] > '4') return Bad(name, value, "is not 1-4");
    q->quad = value[0] - '0';
    return Status::OK();
  }
  if (name == "plover") {
    if (value.size() > 40 || !AllOf(value, [](int c) { return std::isalpha(c) || c == '_' ? 1 : 0; })) {
      return Bad(name, value, "is not a PLOVER event type (letters, e.g. CONSULT)");
    }
    q->plover = Upper(value);
    return Status::OK();
  }
  if (name == "modality") {
    bool ok = value.empty();
    for (const char* m : kModalities) ok = ok || value == m;
    if (!ok) return Bad(name, value, "is not one of asserted, negated, future, hypothetical, reported");
    q->modality = value;
    return Status::OK();
  }
  if (name == "from") return date(&q->date_from);
  if (name == "to") return date(&q->date_to);
  if (name == "outlet") {
    q->outlet = value;
    return Status::OK();
  }
  if (name == "place") {
    q->place = value;
    return Status::OK();
  }
  if (name == "text") {
    if (value.size() > 500) return Status::InvalidArgument("text: query longer than 500 bytes");
    q->text = value;
    return Status::OK();
  }
  if (name == "article") {
    q->article_id = value;
    return Status::OK();
  }
  return Status::InvalidArgument("unknown filter '" + name + "'");
}

const char* EventSortName(EventSort sort) {
  switch (sort) {
    case EventSort::kDateDesc: return "date_desc";
    case EventSort::kDateAsc: return "date_asc";
    case EventSort::kGoldsteinAsc: return "goldstein_asc";
    case EventSort::kGoldsteinDesc: return "goldstein_desc";
    case EventSort::kMentionsDesc: return "mentions_desc";
  }
  return "date_desc";
}

Result<EventSort> ParseEventSort(const std::string& name) {
  for (EventSort s : {EventSort::kDateDesc, EventSort::kDateAsc, EventSort::kGoldsteinAsc,
                      EventSort::kGoldsteinDesc, EventSort::kMentionsDesc}) {
    if (name == EventSortName(s)) return s;
  }
  return Status::InvalidArgument("sort: '" + name +
                                 "' is not one of date_desc, date_asc, goldstein_asc, "
                                 "goldstein_desc, mentions_desc");
}

std::string EventCursor(const MentionRow& row, EventSort sort) {
  // "<sort letter><key>~<mention id>": the key is the row's sort value, '_' for none.
  std::string key;
  char letter = 'd';
  switch (sort) {
    case EventSort::kDateDesc:
    case EventSort::kDateAsc:
      letter = sort == EventSort::kDateDesc ? 'd' : 'a';
      key = row.event.date.date.empty() ? "_" : row.event.date.date;
      break;
    case EventSort::kGoldsteinAsc:
    case EventSort::kGoldsteinDesc: {
      letter = sort == EventSort::kGoldsteinAsc ? 'g' : 'G';
      char buf[40];
      std::snprintf(buf, sizeof(buf), "%.17g", row.event.goldstein);
      key = buf;
      break;
    }
    case EventSort::kMentionsDesc:
      letter = 'n';
      key = std::to_string(row.num_mentions);
      break;
  }
  return std::string(1, letter) + key + "~" + std::to_string(row.mention_id);
}

}  // namespace dyad
