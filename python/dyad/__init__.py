"""dyad: political event coding (CAMEO + PLOVER) from Python, in-process.

    import dyad
    coder = dyad.Coder()
    for e in coder.code("Russia expelled two US diplomats.", "2025-02-18"):
        print(e["source"]["code"], e["cameo"], e["target"]["code"])

    with dyad.Store("events.db") as store:
        store.ingest(dyad.read("news.jsonl.gz"), coder, jobs=2)
        df = store.query(actor="RUS", cameo="19", as_frame=True)

Events are dicts with every field of the `dyad code` JSON Lines record (doc/formats.md,
"Event JSON"). Failures raise dyad.Error with dyad's message. Full guide: doc/python.md.
"""

import datetime as _datetime
import os as _os
import warnings as _warnings

from . import _dyad

__all__ = ["Coder", "Store", "Error", "read", "events_frame", "dyad_frame",
           "EVENT_COLUMNS", "QUERY_COLUMNS", "DYAD_COLUMNS"]

Error = _dyad.Error

_ERRORS = ("raise", "warn", "ignore")


def _str(value):
    """None -> "", date/datetime/pandas.Timestamp -> "YYYY-MM-DD", path -> str."""
    if value is None:
        return ""
    if isinstance(value, _datetime.date):
        return value.isoformat()[:10]
    if isinstance(value, _os.PathLike):
        return _os.fspath(value)
    return value


def _jobs(jobs):
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise ValueError(f"jobs must be an int >= 0 (0 = one per core), not {jobs!r}")
    return jobs


class Coder:
    """Codes dated articles into events. Thread-safe; loading takes a few seconds, so make one
    and reuse it.

    dict_paths: dictionary files or directories replacing the built-in ones (str, path or a
        list of them). Default None: dyad's own dictionaries.
    dict_format: "auto" (detected), "dyad", "petrarch" or "tabari". Default "auto".
    data_dir: ontology, dictionaries and models. Default None: $DYAD_DATA_DIR, else the data/
        directory of the source tree the module was built from.
    dict_cache_dir: where the compiled dictionaries are cached. Default None: $DYAD_CACHE_DIR,
        $XDG_CACHE_HOME/dyad or ~/.cache/dyad; "-" disables the cache.
    iso_countries: add Debian iso-codes country names to the actors. Default True.
    detect_language: refuse non-English articles. Default True.
    use_gazetteer: coordinates from GeoNames when installed. Default True.
    allow_missing_target: emit events without a target. Default True.

    Raises dyad.Error when the data or a dictionary cannot be read.
    """

    def __init__(self, dict_paths=None, dict_format="auto", *, data_dir=None,
                 dict_cache_dir=None, iso_countries=True, detect_language=True,
                 use_gazetteer=True, allow_missing_target=True):
        if dict_paths is None:
            dict_paths = []
        elif isinstance(dict_paths, (str, _os.PathLike)):
            dict_paths = [dict_paths]
        self._coder = _dyad.Coder(
            [_os.fspath(p) for p in dict_paths], dict_format, _str(data_dir),
            _str(dict_cache_dir), bool(iso_countries), bool(detect_language),
            bool(use_gazetteer), bool(allow_missing_target))

    @property
    def version(self):
        """Fingerprint of the dictionaries and models ("dict:... models:...")."""
        return self._coder.version

    def code(self, text, date, title=None, url=None, *, id=None, source=None,
             language=None):
        """Codes one article; returns its events, a list of dicts in sentence order.

        text: the article body (str). date: publication date, "YYYY-MM-DD" or a date object.
        id: the article id events carry as "article_id". Default: "url:<hash>" when a url
        is given, else "text:<hash of the text>". source: the outlet name.
        Raises dyad.Error for a missing or impossible date, an empty text, or an article
        the coder refuses (not English, ...). Releases the GIL while coding.
        """
        return self._coder.code({"text": text, "date": date, "title": title, "url": url,
                                 "id": id, "source": source, "language": language})

    def code_many(self, articles, jobs=1, errors="raise"):
        """Codes many articles on `jobs` threads; yields each article's event list, in input
        order, as soon as it is ready.

        articles: an iterable of mappings with "text" and "date" and optionally "id",
            "title", "url", "source", "language" (the dicts dyad.read yields, JSON Lines
            records, DataFrame.to_dict("records") rows). Consumed lazily: at most 4 * jobs
            articles are in flight.
        jobs: coding threads; 0 = one per core. Default 1. Coding runs without the GIL.
        errors: what to do with an article that cannot be coded (bad date, empty text, not
            English): "raise" dyad.Error (default), "warn" (a UserWarning, then yield []) or
            "ignore" (yield []).
        """
        if errors not in _ERRORS:
            raise ValueError(f"errors must be one of {_ERRORS}, not {errors!r}")
        stream = _dyad.CodeStream(self._coder, articles, _jobs(jobs))
        return self._results(stream, errors)

    @staticmethod
    def _results(stream, errors):
        for events, error in stream:
            if error is None:
                yield events
                continue
            if errors == "raise":
                raise error
            if errors == "warn":
                _warnings.warn(f"dyad: {error}", UserWarning, stacklevel=2)
            yield []


def read(path, format="auto", date=None, field_map=None):
    """Yields the articles of a file through dyad's own readers, as dicts with the keys
    id, date, title, text, source, url, language, origin: the records `dyad code` codes.

    format: "auto" (from the name and first bytes), "dateline", "jsonl", "text", "html" or
        "petrarch"; gzip is read transparently. date: publication date for formats without
        one. field_map: JSON Lines field names, e.g. {"text": "body"}.
    Bad records are skipped with a UserWarning naming file:line; a file that cannot be
    opened raises dyad.Error.
    """
    return _dyad.ArticleReader(_os.fspath(path), format, _str(date), dict(field_map or {}))


class Store:
    """The event database `dyad ingest` writes: a SQLite file, or "postgresql://...".

    create: create the database when missing. Default True.
    read_only: queries only. Default False.
    Use as a context manager, or call close(). Thread-safe (calls take turns).
    Raises dyad.Error when the database cannot be opened.
    """

    def __init__(self, path_or_url, *, create=True, read_only=False):
        self._store = _dyad.Store(_os.fspath(path_or_url), bool(create), bool(read_only))
        self._coder = None

    def close(self):
        """Closes the database; later calls raise dyad.Error."""
        self._store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def ingest(self, articles, coder=None, *, jobs=1, replace=False, batch=64):
        """Codes articles and stores them with their sentences and events (idempotent:
        articles already stored, by url else text, are skipped before coding).

        articles: as for Coder.code_many. coder: a dyad.Coder; default None makes one with
            the default options (kept for later calls). jobs: coding threads (0 = one per
            core). replace: re-code articles already stored. batch: articles per transaction.
        Returns counts: {"articles", "added", "replaced", "unchanged", "changed", "not_coded",
        "events", "errors"}, errors being the messages of the articles not coded and changed
        the ids of articles stored under the same url or id with another text: they are not
        replaced without replace=True, and a warning says so.
        """
        if coder is None:
            if self._coder is None:
                self._coder = Coder()
            coder = self._coder
        if not isinstance(batch, int) or batch < 1:
            raise ValueError(f"batch must be an int >= 1, not {batch!r}")
        counts = self._store.ingest(coder._coder, articles, _jobs(jobs), bool(replace), batch)
        if counts["changed"]:
            _warnings.warn(f"{len(counts['changed'])} articles changed since they were stored "
                           f"(first: {counts['changed'][0]}); use replace=True to replace them",
                           stacklevel=2)
        return counts

    def query(self, *, actor=None, source=None, target=None, country=None, cameo=None,
              quad=None, plover=None, modality=None, date_from=None, date_to=None,
              outlet=None, text=None, article_id=None, events_only=False, limit=100,
              offset=0, as_frame=False):
        """Stored event mentions matching every given filter (None does not filter).

        actor/source/target: actor code prefixes ("RUS", "USAGOV"; actor = either side).
        country: ISO3 of an actor or the place. cameo: CAMEO code prefix ("19", "036").
        quad: QuadClass 1-4. plover: PLOVER type ("CONSULT"). modality: "asserted",
        "negated", "future", "hypothetical" or "reported". date_from/date_to: inclusive event
        dates (str or date). outlet: news source (exact). text: full-text query over
        sentences. article_id: one article. events_only: one row per deduplicated event.
        limit: rows (0 = all; default 100). offset: rows to skip.
        Returns a list of dicts: the `dyad code` record plus mention_id, event_id,
        num_mentions, num_sources, num_articles, first_seen; with as_frame=True a pandas
        DataFrame with QUERY_COLUMNS.
        """
        q = _dyad.EventQuery(_str(actor), _str(source), _str(target), _str(country),
                             _str(cameo), int(quad or 0), _str(plover), _str(modality),
                             _str(date_from), _str(date_to), _str(outlet), _str(text),
                             _str(article_id), bool(events_only), limit, offset)
        rows = self._store.query(q)
        return _frame(rows, QUERY_COLUMNS) if as_frame else rows

    def dyad(self, a, b, by="month", *, cameo=None, date_from=None, date_to=None,
             modality=None, events_only=False, as_frame=False):
        """Time series between actors a and b (code prefixes), both directions.

        by: "day", "week" or "month". cameo, date_from, date_to, modality, events_only
        filter as in query().
        Returns a list of dicts {period, direction ("A->B" or "B->A"), count, quad1..quad4,
        goldstein_sum, goldstein_mean}; with as_frame=True a pandas DataFrame with
        DYAD_COLUMNS (period_start added: the period's first day).
        """
        q = _dyad.EventQuery("", "", "", "", _str(cameo), 0, "", _str(modality),
                             _str(date_from), _str(date_to), "", "", "", bool(events_only),
                             0, 0)
        rows = self._store.dyad(_str(a), _str(b), by, q)
        return dyad_frame(rows) if as_frame else rows

    def stats(self):
        """Counts: {"articles", "sentences", "mentions", "events", "bytes"}."""
        return self._store.stats()

    def article_text(self, article_id):
        """The stored text of an article."""
        return self._store.article_text(article_id)


# DataFrame schemas: (column, path in the event dict, dtype). Nested objects are flattened
# with "_" (source.code -> source_code). Strings are "" when empty or absent (as in dyad's
# JSON); offsets of the optional objects are nullable Int64; dates are datetime64[ns].
def _actor_columns(role):
    cols = [(f"{role}_{f}", (role, f), "object")
            for f in ("code", "text", "name", "country", "sector", "type")]
    return cols + [(f"{role}_start", (role, "start"), "Int64"),
                   (f"{role}_end", (role, "end"), "Int64")]


EVENT_COLUMNS = (
    [("id", ("id",), "object"), ("article_id", ("article_id",), "object"),
     ("url", ("url",), "object"), ("outlet", ("outlet",), "object"),
     ("pub_date", ("pub_date",), "datetime64[ns]"),
     ("sentence_index", ("sentence_index",), "int64"),
     ("sentence_start", ("sentence_start",), "int64"),
     ("sentence_end", ("sentence_end",), "int64")]
    + _actor_columns("source") + _actor_columns("target")
    + [("verb", ("verb",), "object"), ("verb_start", ("verb_start",), "int64"),
       ("verb_end", ("verb_end",), "int64"), ("cameo", ("cameo",), "object"),
       ("base", ("base",), "object"), ("root", ("root",), "object"),
       ("goldstein", ("goldstein",), "float64"), ("quad", ("quad",), "int64"),
       ("plover", ("plover",), "object"), ("plover_mode", ("plover_mode",), "object"),
       ("plover_context", ("plover_context",), "object"),
       ("modality", ("modality",), "object")]
    + _actor_columns("speaker")
    + [("date", ("date",), "datetime64[ns]"),
       ("date_precision", ("date_precision",), "object"),
       ("date_basis", ("date_basis",), "object"), ("date_text", ("date_text",), "object"),
       ("location_text", ("location", "text"), "object"),
       ("location_start", ("location", "start"), "Int64"),
       ("location_end", ("location", "end"), "Int64"),
       ("location_country", ("location", "country"), "object"),
       ("location_admin1", ("location", "admin1"), "object"),
       ("location_lat", ("location", "lat"), "float64"),
       ("location_lon", ("location", "lon"), "float64"),
       ("location_geonames_id", ("location", "geonames_id"), "object"),
       ("confidence", ("confidence",), "float64"),
       ("mention_group", ("mention_group",), "object"), ("reason", ("reason",), "object"),
       ("sentence", ("sentence",), "object")])

QUERY_COLUMNS = EVENT_COLUMNS + [
    ("mention_id", ("mention_id",), "int64"), ("event_id", ("event_id",), "int64"),
    ("num_mentions", ("num_mentions",), "int64"), ("num_sources", ("num_sources",), "int64"),
    ("num_articles", ("num_articles",), "int64"),
    ("first_seen", ("first_seen",), "datetime64[ns]")]

DYAD_COLUMNS = [
    ("period", ("period",), "object"), ("period_start", (), "datetime64[ns]"),
    ("direction", ("direction",), "object"), ("count", ("count",), "int64"),
    ("quad1", ("quad1",), "int64"), ("quad2", ("quad2",), "int64"),
    ("quad3", ("quad3",), "int64"), ("quad4", ("quad4",), "int64"),
    ("goldstein_sum", ("goldstein_sum",), "float64"),
    ("goldstein_mean", ("goldstein_mean",), "float64")]


def _pandas():
    try:
        import pandas
    except ImportError as e:
        raise ImportError("as_frame=True needs pandas (Debian: apt install python3-pandas)") from e
    return pandas


def _get(row, path):
    for key in path:
        if row is None:
            return None
        row = row.get(key)
    return row


def _frame(rows, columns):
    pd = _pandas()
    data = {}
    for name, path, dtype in columns:
        values = [_get(r, path) for r in rows]
        if dtype == "object":
            data[name] = pd.Series(["" if v is None else v for v in values], dtype="object")
        elif dtype == "datetime64[ns]":
            data[name] = pd.to_datetime(pd.Series([v or None for v in values], dtype="object"),
                                        format="%Y-%m-%d", errors="coerce")
        elif dtype == "float64":
            data[name] = pd.Series([float("nan") if v is None else v for v in values],
                                   dtype="float64")
        else:
            data[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data, columns=[c[0] for c in columns])


def events_frame(events):
    """A pandas DataFrame of event dicts (Coder.code results, or a concatenation of
    code_many's lists) with EVENT_COLUMNS: one row per event, nested objects flattened."""
    return _frame(list(events), EVENT_COLUMNS)


def _period_start(period):
    """First day of a dyad period label: "2025-02-18", "2025-W08" (ISO week) or "2025-02"."""
    if "-W" in period:
        year, week = period.split("-W")
        return _datetime.date.fromisocalendar(int(year), int(week), 1).isoformat()
    return period if len(period) == 10 else period + "-01"


def dyad_frame(rows):
    """A pandas DataFrame of Store.dyad rows with DYAD_COLUMNS."""
    rows = [dict(r, period_start=_period_start(r["period"])) for r in rows]
    columns = [(n, p or ("period_start",), t) for n, p, t in DYAD_COLUMNS]
    return _frame(rows, columns)
