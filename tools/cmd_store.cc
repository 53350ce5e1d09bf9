// Store subcommands: `dyad query`, `dyad dyad`, `dyad actors`, `dyad export`, `dyad stats`.
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "dyad/event_writer.h"
#include "dyad/store.h"
#include "tools/command.h"

namespace dyad::cli {
namespace {

struct QueryFlags {
  std::string db = "events.db";
  EventQuery q;
  std::string format = "table";
  std::string out;
};

void AddDbFlag(CLI::App* app, std::string* db) {
  app->add_option("--db", *db, "Database: a SQLite file, or postgresql://...")
      ->capture_default_str();
}

// The filters come from the store's table (EventFilterSpecs), which the HTTP API also uses,
// so the CLI and the API accept the same names and values. `only`: these filters (all if empty).
void AddFilterFlags(CLI::App* app, EventQuery* q, const std::vector<std::string>& only = {}) {
  for (const EventFilterSpec& spec : EventFilterSpecs()) {
    const std::string name = spec.name;
    if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
    app->add_option_function<std::string>(
        "--" + name,
        [q, name](const std::string& value) {
          Status s = SetEventFilter(q, name, value);
          if (!s.ok()) throw CLI::ValidationError("--" + name, s.message());
        },
        spec.help);
  }
}

Result<std::unique_ptr<Store>> OpenForRead(const std::string& db) {
  StoreOptions o;
  o.create_if_missing = false;
  return OpenStore(db, o);
}

// CLI11 takes "-1" for an int; a negative limit would mean "everything" to SQLite.
void AddPagingFlags(CLI::App* app, EventQuery* q) {
  app->add_option("--limit", q->limit, "Maximum rows (0 = all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app->add_option("--offset", q->offset, "Rows to skip")->check(CLI::NonNegativeNumber);
}

bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  if (stat(a.c_str(), &sa) != 0 || stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

// An export written over the database (or its WAL) would destroy what it reads.
Status CheckNotDatabase(const std::string& out, const std::string& db) {
  if (db.rfind("postgres", 0) == 0) return Status::OK();
  const std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
  for (const std::string& f : {path, path + "-wal", path + "-shm", path + "-journal"}) {
    if (SameFile(out, f)) {
      return Status::InvalidArgument("--out " + out + " is the database " + f +
                                     ": refusing to overwrite it");
    }
  }
  return Status::OK();
}

// The output file of an export: written to a temporary file in the same directory and
// renamed over `path` only by Commit, so a failed or interrupted export leaves an existing
// file as it was and readers never see half a file.
class AtomicOutput {
 public:
  ~AtomicOutput() {
    if (!tmp_.empty()) std::remove(tmp_.c_str());
  }
  Status Open(const std::string& path) {
    path_ = path;
    std::filesystem::path p(path);
    std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
    std::string pattern = dir + "/." + p.filename().string() + ".tmp-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    int fd = mkstemp(name.data());
    if (fd < 0) return Status::IOError("cannot write " + path + ": " + std::strerror(errno));
    close(fd);
    tmp_ = name.data();
    file_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!file_) return Status::IOError("cannot write " + tmp_);
    return Status::OK();
  }
  std::ostream* stream() { return &file_; }
  Status Commit() {
    file_.close();
    if (!file_) return Status::IOError("write failed: " + tmp_);
    // mkstemp creates 0600; an export is an ordinary file.
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmp_.c_str(), 0666 & ~mask);
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
      return Status::IOError("cannot rename " + tmp_ + " to " + path_ + ": " +
                             std::strerror(errno));
    }
    tmp_.clear();
    return Status::OK();
  }

 private:
  std::string path_, tmp_;
  std::ofstream file_;
};

// An actor code prefix given as a positional argument: an empty one would match every actor.
Status CheckActorArg(const char* what, const std::string& value) {
  if (value.empty()) return Status::InvalidArgument(std::string(what) + ": empty actor code");
  EventQuery probe;
  return SetEventFilter(&probe, "actor", value).WithContext(what);
}

// Display width of UTF-8 text, counting code points (good enough for a terminal table).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Clip(const std::string& s, size_t max) {
  if (Width(s) <= max) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n + 1 >= max) break;
      ++n;
    }
    out.push_back(s[i]);
  }
  return out + "…";
}

void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> w;
  for (const auto& r : rows) {
    w.resize(std::max(w.size(), r.size()));
    for (size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], Width(r[i]));
  }
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(w[i] - Width(r[i]) + 2, ' ');
    }
    out << line << "\n";
  }
}

int RunQuery(const QueryFlags& f) {
  auto store = OpenForRead(f.db);
  if (!store.ok()) return Fail(store.status());
  auto rows = (*store)->QueryMentions(f.q);
  if (!rows.ok()) return Fail(rows.status());
  if (f.format == "table") {
    std::vector<std::vector<std::string>> t = {
        {"DATE", "SOURCE", "CAMEO", "TARGET", "PLOVER", "MODALITY", "N", "SENTENCE"}};
    for (const auto& r : *rows) {
      const Event& e = r.event;
      auto actor = [](const Actor& a) {
        return (a.code.empty() ? std::string("?") : a.code) + (a.text.empty() ? "" : " (" + Clip(a.text, 24) + ")");
      };
      t.push_back({e.date.date, actor(e.source), e.cameo, e.target.empty() ? "-" : actor(e.target),
                   e.plover_event, ModalityName(e.modality), std::to_string(r.num_mentions),
                   Clip(e.sentence_text, 70)});
    }
    PrintTable(t, std::cout);
    std::cerr << rows->size() << " row(s)\n";
    return kExitOk;
  }
  auto w = EventWriter::Create(f.format, &std::cout);
  if (!w.ok()) return Fail(w.status());
  for (const auto& r : *rows) {
    EventCounts c{r.event_id, r.num_mentions, r.num_sources, r.num_articles};
    Status s = (*w)->Write(r.event, c);
    if (!s.ok()) return Fail(s);
  }
  Status s = (*w)->Finish();
  return s.ok() ? kExitOk : Fail(s);
}

CommandRegistrar query_reg(
    "query", "Query stored events with filters; print a table, JSON Lines, CSV or any export format",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<QueryFlags>();
      AddDbFlag(app, &f->db);
      AddFilterFlags(app, &f->q);
      app->add_flag("--events", f->q.events_only, "One row per deduplicated event");
      AddPagingFlags(app, &f->q);
      std::vector<std::string> formats = EventWriter::Formats();
      formats.push_back("table");
      app->add_option("--format", f->format, "table|jsonl|csv|tsv|gdelt|gdelt-mentions|icews|polecat|plover")
          ->check(CLI::IsMember(formats))
          ->capture_default_str();
      return [f] { return RunQuery(*f); };
    });

struct DyadFlags {
  std::string db = "events.db";
  std::string a, b, by = "month", format = "table";
  EventQuery q;
};

int RunDyad(const DyadFlags& f) {
  Status args = CheckActorArg("first actor", f.a);
  if (args.ok()) args = CheckActorArg("second actor", f.b);
  if (!args.ok()) return Fail(args);
  auto store = OpenForRead(f.db);
  if (!store.ok()) return Fail(store.status());
  Period p = f.by == "day" ? Period::kDay : f.by == "week" ? Period::kWeek : Period::kMonth;
  auto upper = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  };
  auto series = (*store)->DyadSeries(upper(f.a), upper(f.b), p, f.q);
  if (!series.ok()) return Fail(series.status());
  char buf[32];
  if (f.format == "csv") {
    std::cout << "period,direction,count,quad1,quad2,quad3,quad4,goldstein_sum,goldstein_mean\n";
    for (const auto& b : *series) {
      std::snprintf(buf, sizeof(buf), "%.2f,%.3f", b.goldstein_sum, b.goldstein_mean);
      std::cout << b.period << "," << b.direction << "," << b.count << "," << b.quad[1] << ","
                << b.quad[2] << "," << b.quad[3] << "," << b.quad[4] << "," << buf << "\n";
    }
    return kExitOk;
  }
  if (f.format == "jsonl") {
    for (const auto& b : *series) {
      std::string o = "{\"period\":";
      AppendJsonString(&o, b.period);
      o += ",\"direction\":";
      AppendJsonString(&o, b.direction);
      std::snprintf(buf, sizeof(buf), "%.3f", b.goldstein_sum);
      o += ",\"count\":" + std::to_string(b.count) + ",\"quad\":[" + std::to_string(b.quad[1]) +
           "," + std::to_string(b.quad[2]) + "," + std::to_string(b.quad[3]) + "," +
           std::to_string(b.quad[4]) + "],\"goldstein_sum\":" + buf;
      std::snprintf(buf, sizeof(buf), "%.3f", b.goldstein_mean);
      o += std::string(",\"goldstein_mean\":") + buf + "}";
      std::cout << o << "\n";
    }
    return kExitOk;
  }
  std::vector<std::vector<std::string>> t = {
      {"PERIOD", "DIRECTION", "EVENTS", "VERB-COOP", "MAT-COOP", "VERB-CONF", "MAT-CONF",
       "GOLDSTEIN", "MEAN"}};
  for (const auto& b : *series) {
    std::vector<std::string> row = {b.period, b.direction, std::to_string(b.count)};
    for (int q = 1; q <= 4; ++q) row.push_back(std::to_string(b.quad[q]));
    std::snprintf(buf, sizeof(buf), "%.1f", b.goldstein_sum);
    row.push_back(buf);
    std::snprintf(buf, sizeof(buf), "%.2f", b.goldstein_mean);
    row.push_back(buf);
    t.push_back(row);
  }
  PrintTable(t, std::cout);
  return kExitOk;
}

CommandRegistrar dyad_reg(
    "dyad", "Time series between two actors, both directions: counts by QuadClass and Goldstein",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<DyadFlags>();
      app->add_option("a", f->a, "First actor code prefix (RUS)")->required();
      app->add_option("b", f->b, "Second actor code prefix (USA)")->required();
      AddDbFlag(app, &f->db);
      app->add_option("--by", f->by, "day|week|month")
          ->check(CLI::IsMember({"day", "week", "month"}))
          ->capture_default_str();
      app->add_option("--format", f->format, "table|csv|jsonl")
          ->check(CLI::IsMember({"table", "csv", "jsonl"}))
          ->capture_default_str();
      // The same validation as `dyad query` (2025-02-30 or an unknown modality is an error).
      AddFilterFlags(app, &f->q, {"cameo", "from", "to", "modality"});
      app->add_flag("--events", f->q.events_only, "Count deduplicated events, not mentions");
      return [f] { return RunDyad(*f); };
    });

struct ActorsFlags {
  std::string db = "events.db";
  int limit = 30;
  bool unknown = false;
};

CommandRegistrar actors_reg(
    "actors", "Top actors, or named actors the dictionaries lack (--unknown)",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<ActorsFlags>();
      AddDbFlag(app, &f->db);
      app->add_option("--limit", f->limit, "Rows")->capture_default_str();
      app->add_flag("--unknown", f->unknown, "Only uncoded actors worth adding to the dictionaries");
      return [f] {
        auto store = OpenForRead(f->db);
        if (!store.ok()) return Fail(store.status());
        auto top = (*store)->TopActors(f->limit, f->unknown);
        if (!top.ok()) return Fail(top.status());
        std::vector<std::vector<std::string>> t = {{"MENTIONS", "CODE", "TYPE", "TEXT"}};
        for (const auto& a : *top) {
          t.push_back({std::to_string(a.mentions), a.code.empty() ? "?" : a.code, ActorTypeName(a.type), a.text});
        }
        PrintTable(t, std::cout);
        return kExitOk;
      };
    });

struct ExportFlags {
  std::string db = "events.db";
  std::string format = "gdelt";
  std::string out;
  EventQuery q;
};

CommandRegistrar export_reg(
    "export", "Export stored events: gdelt, gdelt-mentions, icews, polecat, plover, jsonl, csv, tsv",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<ExportFlags>();
      f->q.limit = 0;
      AddDbFlag(app, &f->db);
      app->add_option("--format", f->format, "Export format")
          ->check(CLI::IsMember(EventWriter::Formats()))
          ->capture_default_str();
      app->add_option("-o,--out", f->out, "Output file (default: standard output)");
      AddFilterFlags(app, &f->q);
      app->add_flag("--events", f->q.events_only,
                    "One row per deduplicated event (default for gdelt, icews, polecat, plover)");
      return [f] {
        auto store = OpenForRead(f->db);
        if (!store.ok()) return Fail(store.status());
        EventQuery q = f->q;
        // Event tables describe events, not mentions; the mentions table lists every mention.
        if (f->format == "gdelt" || f->format == "icews" || f->format == "polecat" ||
            f->format == "plover") {
          q.events_only = true;
        }
        AtomicOutput file;
        std::ostream* out = &std::cout;
        if (!f->out.empty()) {
          Status s = CheckNotDatabase(f->out, f->db);
          if (s.ok()) s = file.Open(f->out);
          if (!s.ok()) return Fail(s);
          out = file.stream();
        }
        auto w = EventWriter::Create(f->format, out);
        if (!w.ok()) return Fail(w.status());
        // One snapshot, paged: an ingest running meanwhile neither duplicates nor drops rows,
        // and exports of millions of rows stay in bounded memory.
        Status s = (*store)->ForEachMention(q, [&](const MentionRow& r) {
          return (*w)->Write(r.event, {r.event_id, r.num_mentions, r.num_sources, r.num_articles});
        });
        if (s.ok()) s = (*w)->Finish();
        if (s.ok() && !f->out.empty()) s = file.Commit();
        return s.ok() ? kExitOk : Fail(s);
      };
    });

CommandRegistrar stats_reg(
    "stats", "Counts of articles, sentences, mentions and deduplicated events in a database",
    [](CLI::App* app) -> Runner {
      auto db = std::make_shared<std::string>("events.db");
      AddDbFlag(app, db.get());
      return [db] {
        auto store = OpenForRead(*db);
        if (!store.ok()) return Fail(store.status());
        auto s = (*store)->Stats();
        if (!s.ok()) return Fail(s.status());
        std::cout << "articles   " << s->articles << "\nsentences  " << s->sentences
                  << "\nmentions   " << s->mentions << "\nevents     " << s->events
                  << "\nbytes      " << s->bytes << "\n";
        return kExitOk;
      };
    });

}  // namespace
}  // namespace dyad::cli
