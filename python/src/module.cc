// dyad._dyad: the compiled half of the Python package (python/dyad/__init__.py is the other).
// Classes here take and return plain Python objects (dicts, lists, str); argument
// conveniences, pandas frames and generators live in the Python half. Every error is a
// dyad.Error carrying the Status message, with the Status code name in its `code` attribute.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "dyad/coder.h"
#include "dyad/event_writer.h"
#include "dyad/reader.h"
#include "dyad/store.h"
#include "python/src/pipeline.h"
#include "src/util/dates.h"

namespace py = pybind11;

namespace dyad::python {
namespace {

// The dyad.Error type, created at import; deliberately never freed (module lifetime).
PyObject* g_error_type = nullptr;

// A non-OK Status on its way to Python; the translator registered in the module turns it
// into dyad.Error.
struct StatusError : std::exception {
  explicit StatusError(Status s) : status(std::move(s)) {}
  const char* what() const noexcept override { return status.message().c_str(); }
  Status status;
};

void ThrowIfError(const Status& s) {
  if (!s.ok()) throw StatusError(s);
}

// f() with the GIL released: for calls into dyad, which never touch Python objects.
template <typename F>
auto WithoutGil(F f) {
  py::gil_scoped_release nogil;
  return f();
}

// A dyad.Error instance (not raised): code_many hands these to Python, which decides to
// raise, warn or ignore.
py::object MakeError(const Status& s) {
  py::object e = py::reinterpret_borrow<py::object>(g_error_type)(s.message());
  e.attr("code") = Status::CodeName(s.code());
  return e;
}

py::object JsonLoads(const std::string& json) {
  static py::object* loads =
      new py::object(py::module_::import("json").attr("loads"));  // leaked: lives as the module
  return (*loads)(py::str(json));
}

// One string field of an article: None and NaN (a missing pandas cell) are empty; dates may
// be datetime.date/datetime/pandas.Timestamp objects.
std::string StringField(py::handle v, const char* name, const std::string& where) {
  if (v.is_none()) return "";
  if (py::isinstance<py::str>(v)) return v.cast<std::string>();
  if (py::isinstance<py::float_>(v) && std::isnan(v.cast<double>())) return "";
  if (std::string(name) == "date" && py::hasattr(v, "isoformat")) {
    std::string iso = v.attr("isoformat")().cast<std::string>();
    return iso.substr(0, 10);
  }
  throw StatusError(Status::InvalidArgument(
      where + "'" + name + "' must be a str, not " +
      std::string(py::str(py::type::of(v).attr("__name__")))));
}

// Checks what the readers check for every record (doc/formats.md, "Bad input"); a Python
// str is valid UTF-8 already. `where` prefixes messages ("article 3 (news.jsonl:4): ").
Status CheckArticle(Article* a, const std::string& where) {
  if (a->date.empty()) return Status::InvalidArgument(where + "missing date");
  if (a->date.size() > 10 && (a->date[10] == 'T' || a->date[10] == ' ')) a->date.resize(10);
  if (!IsValidDate(a->date)) {
    return Status::InvalidArgument(where + "impossible date '" + a->date +
                                   "' (expected YYYY-MM-DD)");
  }
  if (a->text.find('\0') != std::string::npos) {
    return Status::InvalidArgument(where + "NUL byte in text");
  }
  if (a->text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(where + "empty text");
  }
  return Status::OK();
}

// An article from a mapping with at least "text" and "date" (the keys of `dyad.read` and of
// a JSON Lines record: id, date, title, text, source, url, language, origin). `where`
// prefixes messages: "" for a single article, "article N: " in a sequence.
Status ArticleFromMapping(py::handle m, const std::string& where, Article* a) {
  if (!py::hasattr(m, "get")) {
    return Status::InvalidArgument(where + "expected a mapping with 'text' and 'date', not " +
                                   std::string(py::str(py::type::of(m).attr("__name__"))));
  }
  py::object get = m.attr("get");
  auto field = [&](const char* name) { return StringField(get(name, py::none()), name, where); };
  try {
    a->id = field("id");
    a->date = field("date");
    a->title = field("title");
    a->text = field("text");
    a->source = field("source");
    a->url = field("url");
    a->language = field("language");
    a->origin = field("origin");
  } catch (const StatusError& e) {
    return e.status;
  }
  if (a->text.empty()) return Status::InvalidArgument(where + "no 'text'");
  // The readers' ids (stable, so re-coding the same article gives the same event ids, and
  // the same record read by `dyad ingest` or dyad.read() gets the same id).
  if (a->id.empty()) a->id = DeriveArticleId(a->url, a->text);
  return CheckArticle(a, where);
}

// "article 3 (news.jsonl:4)": the position in the input, and the origin or id.
std::string Where(const CodingPipeline::Item& item) {
  const Article& a = item.article;
  return "article " + std::to_string(item.index) + " (" + (a.origin.empty() ? a.id : a.origin) +
         ")";
}

class PyCoder {
 public:
  explicit PyCoder(const CoderOptions& options) {
    auto c = WithoutGil([&] { return Coder::Create(options); });
    ThrowIfError(c.status());
    coder_ = std::move(c).value();
  }

  py::object Code(py::handle article) const {
    Article a;
    ThrowIfError(ArticleFromMapping(article, "", &a));
    CodedArticle out;
    std::string json;
    {
      py::gil_scoped_release nogil;
      out = coder_->Code(a);
      if (out.status.ok()) json = EventsJsonArray(out.events);
    }
    ThrowIfError(out.status);
    return JsonLoads(json);
  }

  const std::string& version() const { return coder_->version(); }
  const Coder* get() const { return coder_.get(); }

 private:
  std::unique_ptr<Coder> coder_;
};

// Feeds `pipeline` from a Python iterator and takes results back in order. Each result is
// an Item whose status tells whether it was coded.
class Feeder {
 public:
  Feeder(const Coder* coder, py::iterator it, int jobs, bool want_json)
      : pipeline_(coder, jobs, want_json), it_(std::move(it)) {}

  // With the GIL held. known(article) == true leaves the article uncoded (item.skip).
  template <typename Known>
  bool Next(CodingPipeline::Item* out, Known known) {
    while (!input_done_ && !pipeline_.Full()) {
      if (it_ == py::iterator::sentinel()) {
        input_done_ = true;
        break;
      }
      CodingPipeline::Item item;
      item.index = index_++;
      item.status = ArticleFromMapping(*it_, "article " + std::to_string(item.index) + ": ",
                                       &item.article);
      if (item.status.ok()) item.skip = known(item.article);
      pipeline_.Push(std::move(item));
      ++it_;  // may raise: the Python iterator's own exception propagates
    }
    if (pipeline_.Empty()) return false;
    py::gil_scoped_release nogil;
    *out = pipeline_.Pop();
    return true;
  }

 private:
  CodingPipeline pipeline_;
  py::iterator it_;
  size_t index_ = 0;
  bool input_done_ = false;
};

// The iterator behind Coder.code_many: yields (events, None) or (None, dyad.Error).
class CodeStream {
 public:
  CodeStream(const PyCoder& coder, py::iterable articles, int jobs)
      : feeder_(coder.get(), py::iter(articles), jobs, /*want_json=*/true) {}

  py::tuple Next() {
    CodingPipeline::Item item;
    if (!feeder_.Next(&item, [](const Article&) { return false; })) throw py::stop_iteration();
    Status s = item.status.ok() ? item.coded.status : item.status;
    if (!s.ok()) {
      if (item.status.ok()) s = s.WithContext(Where(item));
      return py::make_tuple(py::none(), MakeError(s));
    }
    return py::make_tuple(JsonLoads(item.events_json), py::none());
  }

 private:
  Feeder feeder_;
};

// Articles from files through dyad's own readers: the same records `dyad code` sees.
class ArticleReader {
 public:
  ArticleReader(const std::string& path, const std::string& format, const std::string& date,
                const std::map<std::string, std::string>& field_map) {
    ReaderOptions o;
    auto parsed = ParseInputFormat(format);
    ThrowIfError(parsed.status());
    o.format = *parsed;
    o.date = date;
    o.field_map = field_map;
    o.on_issue = [this](const ReadIssue& i) { issues_.push_back(i.where + ": " + i.reason); };
    auto src = OpenArticleSource(path, o);
    ThrowIfError(src.status());
    src_ = std::move(src).value();
  }

  py::dict Next() {
    Article a;
    Result<bool> more = WithoutGil([&] { return src_->Next(&a); });
    // Skipped records are Python warnings (filterable, or errors with -W error).
    std::vector<std::string> issues = std::move(issues_);
    issues_.clear();
    for (const auto& i : issues) {
      if (PyErr_WarnEx(PyExc_UserWarning, ("dyad: " + i).c_str(), 2) != 0) {
        throw py::error_already_set();
      }
    }
    ThrowIfError(more.status());
    if (!*more) throw py::stop_iteration();
    py::dict d;
    d["id"] = a.id;
    d["date"] = a.date;
    d["title"] = a.title;
    d["text"] = a.text;
    d["source"] = a.source;
    d["url"] = a.url;
    d["language"] = a.language;
    d["origin"] = a.origin;
    return d;
  }

 private:
  std::unique_ptr<ArticleSource> src_;
  std::vector<std::string> issues_;
};

class PyStore {
 public:
  PyStore(const std::string& uri, bool create, bool read_only) {
    StoreOptions o;
    o.create_if_missing = create && !read_only;
    o.read_only = read_only;
    auto s = WithoutGil([&] { return OpenStore(uri, o); });
    ThrowIfError(s.status());
    store_ = std::move(s).value();
  }

  void Close() {
    WithoutGil([&] {
      std::lock_guard<std::mutex> lock(mu_);
      store_.reset();
    });
  }

  // Codes and stores; returns counts and the messages of articles not coded.
  py::dict Ingest(const PyCoder& coder, py::iterable articles, int jobs, bool replace,
                  int batch_size) {
    long long articles_n = 0, added = 0, replaced = 0, unchanged = 0, events = 0;
    py::list errors, changed;
    std::vector<StoredArticle> batch;
    auto flush = [&] {
      if (batch.empty()) return;
      std::vector<PutOutcome> outcomes;
      ThrowIfError(Locked([&] { return store_->PutArticles(batch, replace, &outcomes); }));
      for (PutOutcome o : outcomes) {
        added += o == PutOutcome::kAdded;
        unchanged += o == PutOutcome::kUnchanged;
        replaced += o == PutOutcome::kReplaced;
      }
      batch.clear();
    };
    // Already stored articles are not coded again (resuming), unless replacing; nor is an
    // edited text under a stored url or id, which is reported instead of silently skipped.
    Status known_error;
    std::set<std::string> changed_ids;
    auto known = [&](const Article& a) {
      if (replace || !known_error.ok()) return false;
      Result<StoredState> state = Locked([&] { return store_->ArticleState(a); });
      if (!state.ok()) {
        known_error = state.status();
        return false;
      }
      if (*state == StoredState::kChanged) changed_ids.insert(a.id);
      return *state != StoredState::kAbsent;
    };
    Feeder feeder(coder.get(), py::iter(articles), jobs, /*want_json=*/false);
    CodingPipeline::Item item;
    while (feeder.Next(&item, known)) {
      ThrowIfError(known_error);
      ++articles_n;
      if (item.skip) {
        if (changed_ids.count(item.article.id)) {
          changed.append(item.article.id);
        } else {
          ++unchanged;
        }
        continue;
      }
      Status s = item.status.ok() ? item.coded.status : item.status;
      if (!s.ok()) {
        errors.append(item.status.ok() ? s.WithContext(Where(item)).message() : s.message());
        continue;
      }
      events += static_cast<long long>(item.coded.events.size());
      batch.push_back(StoredArticle{std::move(item.article), std::move(item.coded.sentences),
                                    std::move(item.coded.events), coder.version()});
      if (static_cast<int>(batch.size()) >= batch_size) flush();
    }
    ThrowIfError(known_error);
    flush();
    py::dict d;
    d["articles"] = articles_n;
    d["added"] = added;
    d["replaced"] = replaced;
    d["unchanged"] = unchanged;
    d["changed"] = changed;
    d["not_coded"] = py::len(errors);
    d["events"] = events;
    d["errors"] = errors;
    return d;
  }

  py::object Query(const EventQuery& q) {
    std::string json = "[";
    Status s = Locked([&]() -> Status {
      DYAD_ASSIGN_OR_RETURN(std::vector<MentionRow> rows, store_->QueryMentions(q));
      {
        // The event record of `dyad code`, extended with the cluster facts.
        for (size_t i = 0; i < rows.size(); ++i) {
          const MentionRow& r = rows[i];
          if (i) json.push_back(',');
          json += EventToJson(r.event);
          json.pop_back();  // the closing brace
          json += ",\"mention_id\":" + std::to_string(r.mention_id) +
                  ",\"event_id\":" + std::to_string(r.event_id) +
                  ",\"num_mentions\":" + std::to_string(r.num_mentions) +
                  ",\"num_sources\":" + std::to_string(r.num_sources) +
                  ",\"num_articles\":" + std::to_string(r.num_articles) + ",\"first_seen\":";
          AppendJsonString(&json, r.first_seen);
          json.push_back('}');
        }
      }
      return Status::OK();
    });
    ThrowIfError(s);
    json.push_back(']');
    return JsonLoads(json);
  }

  py::list Dyad(const std::string& a, const std::string& b, const std::string& by,
                const EventQuery& filter) {
    Period p;
    if (by == "day") {
      p = Period::kDay;
    } else if (by == "week") {
      p = Period::kWeek;
    } else if (by == "month") {
      p = Period::kMonth;
    } else {
      throw StatusError(Status::InvalidArgument("by must be 'day', 'week' or 'month', not '" +
                                                by + "'"));
    }
    auto series = Locked([&] { return store_->DyadSeries(a, b, p, filter); });
    ThrowIfError(series.status());
    py::list out;
    for (const DyadBucket& s : *series) {
      py::dict d;
      d["period"] = s.period;
      d["direction"] = s.direction;
      d["count"] = s.count;
      for (int q = 1; q <= 4; ++q) d[("quad" + std::to_string(q)).c_str()] = s.quad[q];
      d["goldstein_sum"] = s.goldstein_sum;
      d["goldstein_mean"] = s.goldstein_mean;
      out.append(std::move(d));
    }
    return out;
  }

  py::dict Stats() {
    auto s = Locked([&] { return store_->Stats(); });
    ThrowIfError(s.status());
    py::dict d;
    d["articles"] = s->articles;
    d["sentences"] = s->sentences;
    d["mentions"] = s->mentions;
    d["events"] = s->events;
    d["bytes"] = s->bytes;
    return d;
  }

  std::string ArticleText(const std::string& id) {
    auto t = Locked([&] { return store_->ArticleText(id); });
    ThrowIfError(t.status());
    return *t;
  }

 private:
  // f() on the open store, without the GIL and with the store to itself; f returns a Status
  // or a Result.
  template <typename F>
  auto Locked(F f) -> decltype(f()) {
    return WithoutGil([&]() -> decltype(f()) {
      std::lock_guard<std::mutex> lock(mu_);
      if (!store_) return Status::InvalidArgument("the store is closed");
      return f();
    });
  }

  // One connection is not for concurrent use: Python threads sharing a Store take turns.
  std::mutex mu_;
  std::unique_ptr<Store> store_;
};

EventQuery MakeQuery(const std::string& actor, const std::string& source,
                     const std::string& target, const std::string& country,
                     const std::string& cameo, int quad, const std::string& plover,
                     const std::string& modality, const std::string& date_from,
                     const std::string& date_to, const std::string& outlet,
                     const std::string& text, const std::string& article_id, bool events_only,
                     int limit, int offset) {
  if (quad < 0 || quad > 4) {
    throw StatusError(Status::InvalidArgument("quad must be 1-4 (0 = any), not " +
                                              std::to_string(quad)));
  }
  for (const std::string* d : {&date_from, &date_to}) {
    if (!d->empty() && !IsValidDate(*d)) {
      throw StatusError(Status::InvalidArgument("impossible date '" + *d +
                                                "' (expected YYYY-MM-DD)"));
    }
  }
  if (limit < 0 || offset < 0) {
    throw StatusError(Status::InvalidArgument("limit and offset must be >= 0"));
  }
  EventQuery q;
  q.actor = actor;
  q.source = source;
  q.target = target;
  q.country = country;
  q.cameo_prefix = cameo;
  q.quad = quad;
  q.plover = plover;
  q.modality = modality;
  q.date_from = date_from;
  q.date_to = date_to;
  q.outlet = outlet;
  q.text = text;
  q.article_id = article_id;
  q.events_only = events_only;
  q.limit = limit;
  q.offset = offset;
  return q;
}

}  // namespace
}  // namespace dyad::python

PYBIND11_MODULE(_dyad, m) {
  using namespace dyad;
  using namespace dyad::python;
  m.doc() = "dyad's compiled core; use the `dyad` package (doc/python.md).";

  g_error_type = PyErr_NewExceptionWithDoc(
      "dyad.Error",
      "A dyad operation failed. str(e) is dyad's Status message; e.code its code name "
      "(\"InvalidArgument\", \"NotFound\", \"IOError\", ...).",
      nullptr, nullptr);
  if (g_error_type == nullptr) throw py::error_already_set();
  m.attr("Error") = py::handle(g_error_type);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      py::object err = MakeError(e.status);
      PyErr_SetObject(g_error_type, err.ptr());
    }
  });

  py::class_<PyCoder>(m, "Coder")
      .def(py::init([](const std::vector<std::string>& dict_paths, const std::string& dict_format,
                       const std::string& data_dir, const std::string& dict_cache_dir,
                       bool iso_countries, bool detect_language, bool use_gazetteer,
                       bool allow_missing_target) {
             CoderOptions o;
             o.dict_paths = dict_paths;
             o.dict_format = dict_format;
             o.data_dir = data_dir;
             o.dict_cache_dir = dict_cache_dir;
             o.iso_countries = iso_countries;
             o.detect_language = detect_language;
             o.use_gazetteer = use_gazetteer;
             o.allow_missing_target = allow_missing_target;
             return std::make_unique<PyCoder>(o);
           }),
           py::arg("dict_paths"), py::arg("dict_format"), py::arg("data_dir"),
           py::arg("dict_cache_dir"), py::arg("iso_countries"), py::arg("detect_language"),
           py::arg("use_gazetteer"), py::arg("allow_missing_target"))
      .def("code", &PyCoder::Code, py::arg("article"),
           "Codes one article (a mapping); returns the list of event dicts.")
      .def_property_readonly("version", &PyCoder::version);

  py::class_<CodeStream>(m, "CodeStream")
      .def(py::init<const PyCoder&, py::iterable, int>(), py::arg("coder"), py::arg("articles"),
           py::arg("jobs"), py::keep_alive<1, 2>())
      .def("__iter__", [](CodeStream& s) -> CodeStream& { return s; })
      .def("__next__", &CodeStream::Next);

  py::class_<ArticleReader>(m, "ArticleReader")
      .def(py::init<const std::string&, const std::string&, const std::string&,
                    const std::map<std::string, std::string>&>(),
           py::arg("path"), py::arg("format"), py::arg("date"), py::arg("field_map"))
      .def("__iter__", [](ArticleReader& r) -> ArticleReader& { return r; })
      .def("__next__", &ArticleReader::Next);

  py::class_<EventQuery>(m, "EventQuery")
      .def(py::init(&MakeQuery), py::arg("actor"), py::arg("source"), py::arg("target"),
           py::arg("country"), py::arg("cameo"), py::arg("quad"), py::arg("plover"),
           py::arg("modality"), py::arg("date_from"), py::arg("date_to"), py::arg("outlet"),
           py::arg("text"), py::arg("article_id"), py::arg("events_only"), py::arg("limit"),
           py::arg("offset"));

  py::class_<PyStore>(m, "Store")
      .def(py::init<const std::string&, bool, bool>(), py::arg("uri"), py::arg("create"),
           py::arg("read_only"))
      .def("close", &PyStore::Close)
      .def("ingest", &PyStore::Ingest, py::arg("coder"), py::arg("articles"), py::arg("jobs"),
           py::arg("replace"), py::arg("batch"))
      .def("query", &PyStore::Query, py::arg("query"))
      .def("dyad", &PyStore::Dyad, py::arg("a"), py::arg("b"), py::arg("by"), py::arg("filter"))
      .def("stats", &PyStore::Stats)
      .def("article_text", &PyStore::ArticleText, py::arg("article_id"));
}
