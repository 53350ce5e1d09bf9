// Fuzzes the whole coder on arbitrary text (normalise, language check, tokenise, tag, parse,
// match patterns) and the JSON and CSV writers on what it codes: every event must serialise to
// valid UTF-8 JSON.
#include <nlohmann/json.hpp>
#include <sstream>

#include "dyad/coder.h"
#include "dyad/event_writer.h"
#include "fuzz/fuzz_target.h"

namespace {

const dyad::Coder& FuzzCoder() {
  static const std::unique_ptr<dyad::Coder> coder = [] {
    dyad::CoderOptions o;
    o.detect_language = false;  // reach the parser and the patterns with any bytes
    o.use_gazetteer = false;
    auto c = dyad::Coder::Create(o);
    if (!c.ok()) dyad::fuzz::Fail(__FILE__, __LINE__, c.status().ToString().c_str());
    return std::move(c).value();
  }();
  return *coder;
}

}  // namespace

DYAD_FUZZ_TARGET(code) {
  dyad::Article a;
  a.id = "fuzz";
  a.date = "2025-02-18";
  a.text.assign(reinterpret_cast<const char*>(data), size);
  dyad::CodedArticle out = FuzzCoder().Code(a);
  if (!out.status.ok()) return 0;
  std::ostringstream csv;
  auto writer = dyad::EventWriter::Create("csv", &csv);
  DYAD_FUZZ_CHECK(writer.ok());
  for (const dyad::Event& e : out.events) {
    std::string json = dyad::EventToJson(e);
    DYAD_FUZZ_CHECK(dyad::fuzz::IsValidUtf8(json));
    DYAD_FUZZ_CHECK(nlohmann::json::accept(json));
    DYAD_FUZZ_CHECK((*writer)->Write(e).ok());
  }
  DYAD_FUZZ_CHECK((*writer)->Finish().ok());
  DYAD_FUZZ_CHECK(dyad::fuzz::IsValidUtf8(csv.str()));
  return 0;
}
