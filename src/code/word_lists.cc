#include "src/code/word_lists.h"

#include <fstream>
#include <sstream>

#include "src/dict/dict_util.h"

namespace dyad {
namespace {

constexpr std::string_view kNames[] = {
    "speech_verbs",      "future_governors",   "negating_governors", "hypothetical_governors",
    "gerund_marks",      "gerund_subject_marks", "subject_control_verbs", "reciprocal_verbs",   "people_nouns",       "state_nouns",
    "quantity_nouns",    "time_words",         "time_nouns",         "place_nouns",
    "place_prepositions", "organisation_words", "organisation_nouns", "preposition_homographs", "reciprocal_nouns", "joint_action_verbs", "passive_participle_marks", "female_given_names", "male_given_names"};
static_assert(std::size(kNames) == static_cast<size_t>(WordList::kCount));


}  // namespace

std::string_view WordListName(WordList list) { return kNames[static_cast<size_t>(list)]; }

Result<WordLists> WordLists::Parse(std::string_view text, const std::string& origin) {
  WordLists out;
  out.source_ = std::string(text);
  int current = -1;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::string line = dict_internal::Trim(raw.substr(0, raw.find('#')));
    if (line.empty()) continue;
    const std::string where = origin + ":" + std::to_string(line_no);
    if (line.front() == '[') {
      if (line.back() != ']') return Status::Corruption(where + ": unclosed list name");
      const std::string name = dict_internal::Trim(line.substr(1, line.size() - 2));
      current = -1;
      for (size_t i = 0; i < std::size(kNames); ++i) {
        if (kNames[i] == name) current = static_cast<int>(i);
      }
      if (current < 0) {
        return Status::Corruption(where + ": unknown word list '" + name + "'");
      }
      continue;
    }
    if (current < 0) return Status::Corruption(where + ": words before any [list]");
    std::istringstream words(line);
    std::string w;
    while (words >> w) out.sets_[current].insert(Lower(w));
  }
  return out;
}

Result<WordLists> WordLists::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot read");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

}  // namespace dyad
