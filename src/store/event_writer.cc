#include "dyad/event_writer.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "src/util/hash.h"
#include "src/util/utf8.h"

namespace dyad {

void AppendJsonString(std::string* out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        default:
          if (c < 0x20) {
            out->append("\\u00");
            out->push_back(kHex[c >> 4]);
            out->push_back(kHex[c & 15]);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    // Validate one UTF-8 sequence; invalid bytes become U+FFFD so the output stays valid JSON.
    int len = Utf8SequenceLength(s, i);
    if (len > 0) {
      out->append(s.substr(i, len));
      i += len;
    } else {
      out->append("\xEF\xBF\xBD");
      ++i;
    }
  }
  out->push_back('"');
}

namespace {

bool IsRole(const std::string& b) {
  static const std::set<std::string> kRoles = {
      "GOV", "MIL", "COP", "JUD", "SPY", "OPP", "REB", "INS", "SEP", "UAF", "PTY", "AGR",
      "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED",
      "REF", "MOD", "RAD", "PKO", "SET", "REL"};
  return kRoles.count(b) > 0;
}

bool IsGenericInternational(const std::string& b) {
  return b == "IGO" || b == "IMG" || b == "NGO" || b == "NGM" || b == "MNC" || b == "INT" ||
         b == "UIS";
}

void Field(std::string* out, const char* name, std::string_view value, bool* first) {
  if (!*first) out->push_back(',');
  *first = false;
  out->push_back('"');
  out->append(name);
  out->append("\":");
  AppendJsonString(out, value);
}

void Number(std::string* out, const char* name, double v, bool* first) {
  if (!*first) out->push_back(',');
  *first = false;
  out->push_back('"');
  out->append(name);
  out->append("\":");
  if (std::isnan(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof(buf), "%.0f", v);
  } else {
    std::snprintf(buf, sizeof(buf), "%.6g", v);
  }
  out->append(buf);
}

void ActorJson(std::string* out, const char* name, const Actor& a, bool* first) {
  if (!*first) out->push_back(',');
  *first = false;
  out->push_back('"');
  out->append(name);
  out->append("\":");
  if (a.empty()) {
    out->append("null");
    return;
  }
  out->push_back('{');
  bool f = true;
  Field(out, "code", a.code, &f);
  Field(out, "text", a.text, &f);
  Field(out, "name", a.name, &f);
  Field(out, "country", a.country, &f);
  Field(out, "sector", a.sector, &f);
  Field(out, "type", ActorTypeName(a.type), &f);
  Number(out, "start", a.begin, &f);
  Number(out, "end", a.end, &f);
  out->push_back('}');
}

std::string Compact(const std::string& date) {  // "2025-02-18" -> "20250218"
  std::string s;
  for (char c : date) {
    if (c != '-') s.push_back(c);
  }
  return s;
}

std::string Num(double v, int decimals) {
  if (std::isnan(v)) return std::string();
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

// GDELT ids are integers: the cluster id when known, else 53 bits of the event id hash.
std::string NumericId(const Event& e, const EventCounts& c) {
  if (c.event_id != 0) return std::to_string(c.event_id);
  return std::to_string(Hash64(e.id.empty() ? e.article_id + e.cameo : e.id) >> 11);
}

std::string EventDate(const Event& e) { return e.date.date.empty() ? e.pub_date : e.date.date; }

std::string Sanitize(std::string_view s) {  // tabs and newlines would break TSV rows
  std::string out = ValidUtf8(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string JoinTsv(const std::vector<std::string>& cols) {
  std::string line;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) line.push_back('\t');
    line += Sanitize(cols[i]);
  }
  line.push_back('\n');
  return line;
}

std::string CsvCell(const std::string& raw) {
  std::string s = ValidUtf8(raw);
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q.push_back('"');
    q.push_back(c);
  }
  q.push_back('"');
  return q;
}

const std::vector<std::string>& TableHeader() {
  static const std::vector<std::string> h = {
      "id", "article_id", "date", "source_code", "source_text", "cameo", "root", "quad",
      "goldstein", "plover", "target_code", "target_text", "modality", "place", "confidence",
      "sentence_index", "url", "reason"};
  return h;
}

std::vector<std::string> TableRow(const Event& e) {
  return {e.id, e.article_id, EventDate(e), e.source.code, e.source.text, e.cameo, e.root,
          std::to_string(e.quad), Num(e.goldstein, 1), e.plover_event, e.target.code,
          e.target.text, ModalityName(e.modality), e.location.text, Num(e.confidence, 2),
          std::to_string(e.sentence_index), e.url, e.reason};
}

class BaseWriter : public EventWriter {
 public:
  BaseWriter(std::ostream* out, EventWriterOptions options) : out_(out), options_(std::move(options)) {}
  Status Finish() override {
    DYAD_RETURN_IF_ERROR(Flush());
    out_->flush();
    if (!*out_) return Status::IOError("write failed");
    return Status::OK();
  }

 protected:
  virtual Status Flush() { return Status::OK(); }
  Status Put(const std::string& line) {
    out_->write(line.data(), static_cast<std::streamsize>(line.size()));
    if (!*out_) return Status::IOError("write failed");
    return Status::OK();
  }
  std::string CameoName(const std::string& code) const {
    return options_.cameo_name ? options_.cameo_name(code) : code;
  }
  std::string CountryName(const std::string& code) const {
    if (code.empty()) return code;
    return options_.country_name ? options_.country_name(code) : code;
  }
  std::ostream* out_;
  EventWriterOptions options_;
  bool header_done_ = false;
};

class JsonlWriter : public BaseWriter {
 public:
  using BaseWriter::BaseWriter;
  Status Write(const Event& e, const EventCounts&) override {
    std::string line = EventToJson(e);
    line.push_back('\n');
    return Put(line);
  }
};

class TableWriter : public BaseWriter {
 public:
  TableWriter(std::ostream* out, EventWriterOptions o, bool csv) : BaseWriter(out, std::move(o)), csv_(csv) {}
  Status Write(const Event& e, const EventCounts&) override {
    if (!header_done_) {
      header_done_ = true;
      DYAD_RETURN_IF_ERROR(Put(Line(TableHeader())));
    }
    return Put(Line(TableRow(e)));
  }

 private:
  std::string Line(const std::vector<std::string>& cols) {
    if (!csv_) return JoinTsv(cols);
    std::string line;
    for (size_t i = 0; i < cols.size(); ++i) {
      if (i) line.push_back(',');
      line += CsvCell(cols[i]);
    }
    line += "\r\n";
    return line;
  }
  bool csv_;
};

void GdeltActor(const Actor& a, std::vector<std::string>* cols) {
  ActorCodeParts p = SplitActorCode(a.code);
  cols->push_back(a.code);
  cols->push_back(a.name.empty() ? a.text : a.name);
  cols->push_back(p.country);
  cols->push_back(p.known_group);
  cols->push_back("");  // ethnic code
  cols->push_back("");  // religion 1
  cols->push_back("");  // religion 2
  for (size_t i = 0; i < 3; ++i) cols->push_back(i < p.types.size() ? p.types[i] : "");
}

class GdeltWriter : public BaseWriter {
 public:
  using BaseWriter::BaseWriter;
  Status Write(const Event& e, const EventCounts& c) override {
    std::vector<std::string> cols;
    cols.reserve(61);
    std::string date = EventDate(e);
    std::string ymd = Compact(date);
    cols.push_back(NumericId(e, c));
    cols.push_back(ymd);
    cols.push_back(ymd.substr(0, 6));
    cols.push_back(ymd.substr(0, 4));
    if (ymd.size() == 8) {
      int y = std::atoi(ymd.substr(0, 4).c_str()), m = std::atoi(ymd.substr(4, 2).c_str()),
          d = std::atoi(ymd.substr(6, 2).c_str());
      cols.push_back(Num(y + (m * 30 + d) / 365.0, 4));
    } else {
      cols.push_back("");
    }
    GdeltActor(e.source, &cols);
    GdeltActor(e.target, &cols);
    cols.push_back(e.sentence_index == 0 ? "1" : "0");
    cols.push_back(e.cameo);
    cols.push_back(e.base.empty() ? e.cameo.substr(0, 3) : e.base);
    cols.push_back(e.root.empty() ? e.cameo.substr(0, 2) : e.root);
    cols.push_back(std::to_string(e.quad));
    cols.push_back(Num(e.goldstein, 1));
    cols.push_back(std::to_string(c.num_mentions));
    cols.push_back(std::to_string(c.num_sources));
    cols.push_back(std::to_string(c.num_articles));
    cols.push_back("");  // AvgTone: dyad does not score tone
    for (int g = 0; g < 2; ++g) {
      for (int k = 0; k < 8; ++k) cols.push_back("");  // actor geography is not resolved
    }
    const Location& l = e.location;
    bool has_point = !std::isnan(l.lat) && !std::isnan(l.lon);
    cols.push_back(l.text.empty() ? "" : has_point ? "4" : "1");
    cols.push_back(l.text);
    cols.push_back("");  // FIPS 10-4 country: dyad resolves ISO3 only (see doc/formats.md)
    cols.push_back(l.admin1);
    cols.push_back("");
    cols.push_back(Num(l.lat, 4));
    cols.push_back(Num(l.lon, 4));
    cols.push_back(l.geonames_id);
    cols.push_back(Compact(e.pub_date) + (e.pub_date.empty() ? "" : "000000"));
    cols.push_back(e.url);
    return Put(JoinTsv(cols));
  }
};

class GdeltMentionsWriter : public BaseWriter {
 public:
  using BaseWriter::BaseWriter;
  Status Write(const Event& e, const EventCounts& c) override {
    std::string when = Compact(e.pub_date) + (e.pub_date.empty() ? "" : "000000");
    std::vector<std::string> cols = {
        NumericId(e, c), Compact(EventDate(e)) + "000000", when, e.url.empty() ? "2" : "1",
        e.outlet, e.url.empty() ? e.article_id : e.url, std::to_string(e.sentence_index + 1),
        e.source.empty() ? "-1" : std::to_string(e.source.begin),
        e.target.empty() ? "-1" : std::to_string(e.target.begin), std::to_string(e.verb_begin),
        "1", std::to_string(static_cast<int>(std::lround(std::max(0.1, e.confidence) * 100))),
        "", "", "", ""};
    return Put(JoinTsv(cols));
  }
};

std::string SectorList(const Actor& a) {
  ActorCodeParts p = SplitActorCode(a.code);
  std::string s;
  for (const auto& t : p.types) s += (s.empty() ? "" : ",") + t;
  if (s.empty()) s = a.sector;
  return s;
}

std::string ActorCountry(const Actor& a) {
  if (!a.country.empty()) return a.country;
  return SplitActorCode(a.code).country;
}

class IcewsWriter : public BaseWriter {
 public:
  using BaseWriter::BaseWriter;
  Status Write(const Event& e, const EventCounts& c) override {
    if (!header_done_) {
      header_done_ = true;
      DYAD_RETURN_IF_ERROR(Put(JoinTsv({"Event ID", "Event Date", "Source Name", "Source Sectors",
                                   "Source Country", "Event Text", "CAMEO Code", "Intensity",
                                   "Target Name", "Target Sectors", "Target Country", "Story ID",
                                   "Sentence Number", "Publisher", "City", "District",
                                   "Province", "Country", "Latitude", "Longitude"})));
    }
    auto name = [](const Actor& a) { return a.name.empty() ? a.text : a.name; };
    return Put(JoinTsv({NumericId(e, c), EventDate(e), name(e.source), SectorList(e.source),
                        CountryName(ActorCountry(e.source)), CameoName(e.cameo), e.cameo,
                        Num(e.goldstein, 1), name(e.target), SectorList(e.target),
                        CountryName(ActorCountry(e.target)), e.article_id,
                        std::to_string(e.sentence_index + 1), e.outlet, e.location.text, "",
                        e.location.admin1, CountryName(e.location.country),
                        Num(e.location.lat, 4), Num(e.location.lon, 4)}));
  }
};

// PLOVER JSON and POLECAT rows regroup exploded dyads (same mention_group) into one record.
class GroupingWriter : public BaseWriter {
 public:
  using BaseWriter::BaseWriter;
  Status Write(const Event& e, const EventCounts&) override {
    if (!group_.empty() && (e.mention_group.empty() || e.mention_group != group_[0].mention_group)) {
      DYAD_RETURN_IF_ERROR(Flush());
    }
    group_.push_back(e);
    return Status::OK();
  }

 protected:
  Status Flush() override {
    if (group_.empty()) return Status::OK();
    std::vector<const Actor*> actors, recipients;
    std::set<std::string> seen_a, seen_r;
    for (const Event& e : group_) {
      if (seen_a.insert(e.source.code + "|" + e.source.text).second) actors.push_back(&e.source);
      if (!e.target.empty() && seen_r.insert(e.target.code + "|" + e.target.text).second) {
        recipients.push_back(&e.target);
      }
    }
    Status s = WriteGroup(group_.front(), actors, recipients);
    group_.clear();
    return s;
  }
  virtual Status WriteGroup(const Event& e, const std::vector<const Actor*>& actors,
                            const std::vector<const Actor*>& recipients) = 0;
  std::vector<Event> group_;
};

void PloverEntity(std::string* out, const Actor& a) {
  ActorCodeParts p = SplitActorCode(a.code);
  out->push_back('{');
  bool f = true;
  Field(out, "code", p.country.empty() ? (p.types.empty() ? "" : p.types[0]) : p.country, &f);
  Field(out, "sector", a.sector, &f);
  Field(out, "entity_text", a.text, &f);
  Field(out, "identifier_text", a.name, &f);
  Field(out, "cameo_code", a.code, &f);
  out->push_back('}');
}

class PloverWriter : public GroupingWriter {
 public:
  using GroupingWriter::GroupingWriter;

 protected:
  Status WriteGroup(const Event& e, const std::vector<const Actor*>& actors,
                    const std::vector<const Actor*>& recipients) override {
    std::string o = "{";
    bool f = true;
    Field(&o, "id", e.mention_group.empty() ? e.id : e.mention_group, &f);
    Field(&o, "date", EventDate(e), &f);
    o += ",\"actor\":[";
    for (size_t i = 0; i < actors.size(); ++i) {
      if (i) o.push_back(',');
      PloverEntity(&o, *actors[i]);
    }
    o += "],\"recipient\":[";
    for (size_t i = 0; i < recipients.size(); ++i) {
      if (i) o.push_back(',');
      PloverEntity(&o, *recipients[i]);
    }
    o += "],\"event\":[";
    AppendJsonString(&o, e.plover_event);
    o += "],\"mode\":[";
    if (!e.plover_mode.empty()) AppendJsonString(&o, e.plover_mode);
    o += "],\"context\":[";
    if (!e.plover_context.empty()) AppendJsonString(&o, e.plover_context);
    o += "]";
    Number(&o, "quad_code", e.quad, &f);
    o += ",\"event_loc\":";
    if (e.location.text.empty()) {
      o += "null";
    } else {
      o += "{";
      bool g = true;
      Field(&o, "extracted_place", e.location.text, &g);
      Field(&o, "country", e.location.country, &g);
      Number(&o, "lat", e.location.lat, &g);
      Number(&o, "lon", e.location.lon, &g);
      Field(&o, "geonameid", e.location.geonames_id, &g);
      o += "}";
    }
    o += ",\"event_text\":[";
    AppendJsonString(&o, e.sentence_text);
    o += "],\"text_info\":{";
    bool t = true;
    Number(&o, "sequence", e.sentence_index, &t);
    Number(&o, "start", e.sentence_begin, &t);
    Number(&o, "end", e.sentence_end, &t);
    o += "},\"cite_info\":{";
    bool c = true;
    Field(&o, "citation", e.article_id, &c);
    Field(&o, "url", e.url, &c);
    Field(&o, "publication", e.outlet, &c);
    Field(&o, "coder", options_.version, &c);
    o += "}";
    Field(&o, "cameo_code", e.cameo, &f);
    Field(&o, "modality", ModalityName(e.modality), &f);
    Field(&o, "comment", e.reason, &f);
    o += "}\n";
    return Put(o);
  }
};

class PolecatWriter : public GroupingWriter {
 public:
  using GroupingWriter::GroupingWriter;

 protected:
  Status WriteGroup(const Event& e, const std::vector<const Actor*>& actors,
                    const std::vector<const Actor*>& recipients) override {
    if (!header_done_) {
      header_done_ = true;
      DYAD_RETURN_IF_ERROR(Put(JoinTsv(
          {"Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
           "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
           "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
           "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
           "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
           "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country",
           "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
           "Publication Date", "Story People", "Story Organizations", "Story Locations",
           "Language", "Version"})));
    }
    auto join = [](const std::vector<const Actor*>& v, auto get) {
      std::string s;
      for (size_t i = 0; i < v.size(); ++i) s += (i ? ";" : "") + get(*v[i]);
      return s;
    };
    auto name = [](const Actor& a) { return a.name.empty() ? a.text : a.name; };
    auto country = [&](const Actor& a) { return ActorCountry(a); };
    auto sector = [](const Actor& a) { return a.sector; };
    auto raw = [](const Actor& a) { return a.text; };
    std::vector<std::string> cols = {
        e.mention_group.empty() ? e.id : e.mention_group, EventDate(e), e.plover_event,
        e.plover_mode, Num(e.goldstein, 1), std::to_string(e.quad), e.plover_context,
        join(actors, name), join(actors, country), "", join(actors, sector),
        join(actors, sector), "", join(actors, raw), "",
        join(recipients, name), join(recipients, country), "", join(recipients, sector),
        join(recipients, sector), "", join(recipients, raw), "",
        e.location.text, e.location.text, "", e.location.admin1, e.location.country,
        Num(e.location.lat, 4), Num(e.location.lon, 4), e.location.geonames_id,
        e.location.text, "", e.outlet, e.pub_date, "", "", "", "en", options_.version};
    return Put(JoinTsv(cols));
  }
};

}  // namespace

ActorCodeParts SplitActorCode(const std::string& code) {
  ActorCodeParts p;
  for (size_t i = 0; i + 3 <= code.size(); i += 3) {
    std::string b = code.substr(i, 3);
    if (IsRole(b) || IsGenericInternational(b)) {
      if (p.types.size() < 3) p.types.push_back(b);
    } else if (i == 0) {
      p.country = b;
    } else if (p.known_group.empty() && !p.types.empty() && IsGenericInternational(p.types[0])) {
      p.known_group = b;
    } else if (p.known_group.empty() && i > 0) {
      p.known_group = b;
    }
  }
  return p;
}

std::string EventToJson(const Event& e) {
  std::string o;
  o.reserve(1024);
  o.push_back('{');
  bool f = true;
  Field(&o, "id", e.id, &f);
  Field(&o, "article_id", e.article_id, &f);
  Field(&o, "url", e.url, &f);
  Field(&o, "outlet", e.outlet, &f);
  Field(&o, "pub_date", e.pub_date, &f);
  Number(&o, "sentence_index", e.sentence_index, &f);
  Number(&o, "sentence_start", e.sentence_begin, &f);
  Number(&o, "sentence_end", e.sentence_end, &f);
  ActorJson(&o, "source", e.source, &f);
  ActorJson(&o, "target", e.target, &f);
  Field(&o, "verb", e.verb_text, &f);
  Number(&o, "verb_start", e.verb_begin, &f);
  Number(&o, "verb_end", e.verb_end, &f);
  Field(&o, "cameo", e.cameo, &f);
  Field(&o, "base", e.base, &f);
  Field(&o, "root", e.root, &f);
  Number(&o, "goldstein", e.goldstein, &f);
  Number(&o, "quad", e.quad, &f);
  Field(&o, "plover", e.plover_event, &f);
  Field(&o, "plover_mode", e.plover_mode, &f);
  Field(&o, "plover_context", e.plover_context, &f);
  Field(&o, "modality", ModalityName(e.modality), &f);
  ActorJson(&o, "speaker", e.speaker, &f);
  Field(&o, "date", e.date.date, &f);
  Field(&o, "date_precision", DatePrecisionName(e.date.precision), &f);
  Field(&o, "date_basis", DateBasisName(e.date.basis), &f);
  Field(&o, "date_text", e.date.text, &f);
  o += ",\"location\":";
  if (e.location.text.empty()) {
    o += "null";
  } else {
    o.push_back('{');
    bool g = true;
    Field(&o, "text", e.location.text, &g);
    Number(&o, "start", e.location.begin, &g);
    Number(&o, "end", e.location.end, &g);
    Field(&o, "country", e.location.country, &g);
    Field(&o, "admin1", e.location.admin1, &g);
    Number(&o, "lat", e.location.lat, &g);
    Number(&o, "lon", e.location.lon, &g);
    Field(&o, "geonames_id", e.location.geonames_id, &g);
    o.push_back('}');
  }
  Number(&o, "confidence", e.confidence, &f);
  Field(&o, "mention_group", e.mention_group, &f);
  Field(&o, "reason", e.reason, &f);
  if (!e.sentence_text.empty()) Field(&o, "sentence", e.sentence_text, &f);
  o.push_back('}');
  return o;
}

std::vector<std::string> EventWriter::Formats() {
  return {"jsonl", "tsv", "csv", "gdelt", "gdelt-mentions", "icews", "polecat", "plover"};
}

Result<std::unique_ptr<EventWriter>> EventWriter::Create(const std::string& format,
                                                         std::ostream* out,
                                                         const EventWriterOptions& options) {
  std::unique_ptr<EventWriter> w;
  if (format == "jsonl" || format == "json") w = std::make_unique<JsonlWriter>(out, options);
  else if (format == "tsv") w = std::make_unique<TableWriter>(out, options, false);
  else if (format == "csv") w = std::make_unique<TableWriter>(out, options, true);
  else if (format == "gdelt") w = std::make_unique<GdeltWriter>(out, options);
  else if (format == "gdelt-mentions") w = std::make_unique<GdeltMentionsWriter>(out, options);
  else if (format == "icews") w = std::make_unique<IcewsWriter>(out, options);
  else if (format == "polecat") w = std::make_unique<PolecatWriter>(out, options);
  else if (format == "plover") w = std::make_unique<PloverWriter>(out, options);
  else {
    std::string all;
    for (const auto& f : Formats()) all += (all.empty() ? "" : ", ") + f;
    return Status::InvalidArgument("unknown event format '" + format + "' (one of: " + all + ")");
  }
  return w;
}

}  // namespace dyad
