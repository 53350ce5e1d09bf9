// Fuzzes `dyad query` / HTTP API filter parsing (SetEventFilter, ParseEventSort) and runs every
// accepted filter against an empty SQLite store, so hostile values reach the SQL (full-text
// syntax, prefixes, dates) and must come back as a Status.
#include "dyad/store.h"
#include "fuzz/fuzz_target.h"

namespace {

dyad::Store& FuzzStore() {
  static const std::unique_ptr<dyad::Store> store = [] {
    auto s = dyad::OpenStore(dyad::fuzz::ScratchDir() + "/query.db", dyad::StoreOptions());
    if (!s.ok()) dyad::fuzz::Fail(__FILE__, __LINE__, s.status().ToString().c_str());
    return std::move(s).value();
  }();
  return *store;
}

}  // namespace

// Input: lines "name=value" (the flags of one `dyad query`); "sort=..." picks the order.
DYAD_FUZZ_TARGET(query_filter) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  dyad::EventQuery q;
  bool all_ok = true;
  while (!in.empty()) {
    size_t nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
    size_t eq = line.find('=');
    std::string name(line.substr(0, eq));
    std::string value(eq == std::string_view::npos ? std::string_view() : line.substr(eq + 1));
    if (name == "sort") {
      auto s = dyad::ParseEventSort(value);
      if (s.ok()) q.sort = *s;
      continue;
    }
    dyad::Status st = dyad::SetEventFilter(&q, name, value);
    if (!st.ok()) {
      DYAD_FUZZ_CHECK(!st.message().empty());
      all_ok = false;
    }
  }
  if (!all_ok) return 0;
  q.limit = 5;
  auto rows = FuzzStore().QueryMentions(q);
  auto count = FuzzStore().CountMentions(q);
  (void)rows;
  (void)count;
  return 0;
}
