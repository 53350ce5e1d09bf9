// The article message: JSON, so that any producer (a crawler in another language) can put
// articles on the queue without dyad.
#include <nlohmann/json.hpp>

#include "dyad/queue.h"
#include "src/util/dates.h"

namespace dyad {

std::string ArticleMessage(const Article& a) {
  nlohmann::json j = {{"id", a.id},       {"date", a.date},   {"title", a.title},
                      {"text", a.text},   {"source", a.source}, {"url", a.url},
                      {"language", a.language}, {"origin", a.origin}};
  // Readers deliver valid UTF-8; replacing keeps a stray byte from making the message unreadable.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Article> ParseArticleMessage(const std::string& payload) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(payload);
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string("invalid JSON: ") + e.what());
  }
  if (!j.is_object()) return Status::InvalidArgument("article message is not a JSON object");
  Article a;
  for (auto [field, out] : {std::pair<const char*, std::string*>{"id", &a.id},
                            {"date", &a.date},
                            {"title", &a.title},
                            {"text", &a.text},
                            {"source", &a.source},
                            {"url", &a.url},
                            {"language", &a.language},
                            {"origin", &a.origin}}) {
    auto it = j.find(field);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) {
      return Status::InvalidArgument(std::string("field '") + field + "' is not a string");
    }
    *out = it->get<std::string>();
  }
  if (a.id.empty()) return Status::InvalidArgument("article message without an id");
  if (a.text.empty()) return Status::InvalidArgument("article " + a.id + " has no text");
  if (!a.date.empty() && !IsValidDate(a.date)) {
    return Status::InvalidArgument("article " + a.id + ": bad date '" + a.date + "'");
  }
  return a;
}

}  // namespace dyad
