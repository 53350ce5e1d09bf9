"""Tests of the Python module against the `dyad` binary built from the same sources.

Run by ctest (label python): PYTHONPATH points at build/python and DYAD_BINARY at build/dyad.
By hand: PYTHONPATH=build/python DYAD_BINARY=build/dyad /usr/bin/python3 -m pytest python/tests
"""

import json
import os
import pathlib
import subprocess
import threading
import time

import pytest

import dyad

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
SEED = ROOT.parent / "shared" / "examples" / "seed-2025-02-18.txt"
if SEED.exists():
    EXAMPLES.append(SEED)


def binary():
    path = os.environ.get("DYAD_BINARY")
    if not path or not os.access(path, os.X_OK):
        pytest.skip("DYAD_BINARY (the dyad executable) is not set; ctest sets it")
    return path


def cli_events(*args):
    out = subprocess.run([binary(), *map(str, args)], check=True, capture_output=True,
                         text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module")
def coder():
    return dyad.Coder()


@pytest.fixture(scope="module")
def articles():
    # The dateline examples, and one article per paragraph of them: enough articles to fill
    # the pipeline's window several times over at 3 threads.
    out = [a for path in EXAMPLES for a in dyad.read(path)]
    for a in list(out):
        for i, para in enumerate(a["text"].split("\n\n")):
            if para.strip():
                out.append(dict(a, id=f"{a['id']}#{i}", text=para))
    return out


def test_examples_present():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_code_gives_the_events_of_dyad_code(coder, path):
    expected = cli_events("code", path)
    assert expected, f"dyad code found no event in {path}"
    (article,) = list(dyad.read(path))
    got = coder.code(article["text"], article["date"], article["title"], article["url"],
                     id=article["id"], source=article["source"],
                     language=article["language"])
    assert got == expected
    # Every field of the JSON Lines record, nested objects included.
    assert set(got[0]) == set(expected[0])
    assert list(coder.code_many(dyad.read(path))) == [expected]


def test_code_many_threads_give_the_one_thread_result(coder, articles):
    one = list(coder.code_many(articles, jobs=1))
    three = list(coder.code_many(iter(articles), jobs=3))
    assert len(one) == len(articles) > 12
    assert sum(map(len, one)) > 0
    assert three == one
    # In input order: each list holds the events of its own article.
    for a, events in zip(articles, three):
        assert all(e["article_id"] == a["id"] for e in events)


def test_python_threads_share_one_coder(coder, articles):
    expected = [coder.code(a["text"], a["date"], id=a["id"]) for a in articles[:6]]
    results = {}

    def work(k):
        results[k] = [coder.code(a["text"], a["date"], id=a["id"]) for a in articles[:6]]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(3))


def test_coding_releases_the_gil(coder, articles):
    # While another thread codes, this one keeps running Python: the longest pause between
    # two of its loop iterations stays far below the coding time (holding the GIL would make
    # it about the whole coding time).
    big = {"text": "\n\n".join(a["text"] for a in articles[:len(EXAMPLES)]) * 24,
           "date": "2025-02-18"}
    for run in (lambda: coder.code(big["text"], big["date"]),
                lambda: list(coder.code_many([big, big], jobs=1))):
        done = threading.Event()
        span = []

        def work():
            t0 = time.perf_counter()
            run()
            span.append(time.perf_counter() - t0)
            done.set()

        worker = threading.Thread(target=work)
        last, longest = time.perf_counter(), 0.0
        worker.start()
        while not done.is_set():
            now = time.perf_counter()
            longest, last = max(longest, now - last), now
        worker.join()
        assert span[0] > 0.05, "coding too short to tell"
        assert longest < span[0] / 2, (longest, span[0])


def test_date_objects_and_default_ids(coder):
    import datetime
    text = "Russia expelled two American diplomats on Monday."
    a = coder.code(text, "2025-02-18")
    b = coder.code(text, datetime.date(2025, 2, 18))
    assert a == b and a
    assert a[0]["article_id"].startswith("text:")
    assert coder.code(text, "2025-02-18", url="http://example.test/x")[0]["article_id"] \
        .startswith("url:")


@pytest.mark.parametrize("date, message", [
    ("2025-02-30", "impossible date '2025-02-30'"),
    ("18/02/2025", "impossible date"),
    ("", "missing date"),
    (None, "missing date"),
])
def test_bad_date_raises(coder, date, message):
    with pytest.raises(dyad.Error, match=message) as e:
        coder.code("Russia expelled two American diplomats.", date)
    assert e.value.code == "InvalidArgument"


def test_bad_text_raises(coder):
    with pytest.raises(dyad.Error, match="empty text"):
        coder.code("  \n ", "2025-02-18")
    with pytest.raises(dyad.Error, match="NUL byte"):
        coder.code("Russia\0 expelled diplomats.", "2025-02-18")
    with pytest.raises(dyad.Error, match="'text' must be a str, not int"):
        coder.code(42, "2025-02-18")
    french = ("Le gouvernement français a annoncé mardi de nouvelles sanctions contre la "
              "Russie. Le ministre des Affaires étrangères a déclaré à Paris que la France et "
              "ses partenaires européens continueraient de soutenir l'Ukraine aussi longtemps "
              "que nécessaire. Les députés ont débattu pendant plusieurs heures de la situation "
              "économique du pays et des conséquences de la guerre sur les prix de l'énergie.")
    with pytest.raises(dyad.Error, match="language fr"):
        coder.code(french, "2025-02-18")
    assert dyad.Coder(detect_language=False).code(french, "2025-02-18") is not None


def test_unreadable_dictionary_raises(tmp_path):
    with pytest.raises(dyad.Error, match="nonexistent") as e:
        dyad.Coder(dict_paths=[tmp_path / "nonexistent.txt"], dict_cache_dir="-")
    assert e.value.code in ("NotFound", "IOError", "InvalidArgument")


def test_code_many_bad_article_policies(coder):
    good = {"text": "Russia expelled two American diplomats.", "date": "2025-02-18"}
    bad = {"text": "Russia expelled two American diplomats.", "date": "2025-13-01"}
    with pytest.raises(dyad.Error, match=r"^article 1: impossible date '2025-13-01' \(expected YYYY-MM-DD\)$"):
        list(coder.code_many([good, bad, good]))
    with pytest.warns(UserWarning, match="impossible date"):
        out = list(coder.code_many([good, bad, good], jobs=2, errors="warn"))
    assert out[1] == [] and out[0] == out[2] != []
    assert list(coder.code_many([bad, "not a mapping"], errors="ignore")) == [[], []]
    with pytest.raises(ValueError, match="errors must be"):
        coder.code_many([good], errors="skip")
    with pytest.raises(ValueError, match="jobs"):
        coder.code_many([good], jobs=-1)


def test_failing_input_iterator_propagates(coder):
    def articles():
        yield {"text": "Russia expelled two American diplomats.", "date": "2025-02-18"}
        raise ZeroDivisionError("boom")

    with pytest.raises(ZeroDivisionError, match="boom"):
        list(coder.code_many(articles(), jobs=2))


def test_read_errors(tmp_path):
    with pytest.raises(dyad.Error) as e:
        list(dyad.read(tmp_path / "missing.jsonl"))
    assert e.value.code == "NotFound"
    path = tmp_path / "two.jsonl"
    path.write_text('{"date": "2025-02-18", "text": "Russia expelled diplomats."}\n'
                    '{"date": "2025-02-31", "text": "Bad date."}\n')
    with pytest.warns(UserWarning, match=r"two.jsonl:2: impossible date 2025-02-31"):
        got = list(dyad.read(path))
    assert [a["text"] for a in got] == ["Russia expelled diplomats."]


def test_store_round_trip(coder, tmp_path):
    db = tmp_path / "events.db"
    with dyad.Store(db) as store:
        counts = store.ingest((a for p in EXAMPLES for a in dyad.read(p)), coder, jobs=2)
        assert counts["articles"] == counts["added"] == len(EXAMPLES)
        assert counts["not_coded"] == 0 and counts["errors"] == []
        again = store.ingest((a for p in EXAMPLES for a in dyad.read(p)), coder)
        assert again["added"] == 0 and again["unchanged"] == len(EXAMPLES)
        rows = store.query(limit=0)
        assert len(rows) == counts["events"] == store.stats()["mentions"] > 0
        # The stored mentions are `dyad query`'s, which are the coded events.
        cli = cli_events("query", "--db", db, "--format", "jsonl", "--limit", "0")
        extra = ("mention_id", "event_id", "num_mentions", "num_sources", "num_articles",
                 "first_seen")
        assert [{k: v for k, v in r.items() if k not in extra} for r in rows] == cli
        coded = {e["id"] for p in EXAMPLES for e in cli_events("code", p)}
        assert {r["id"] for r in rows} == coded
        # Filters.
        first = rows[0]
        some = store.query(source=first["source"]["code"], cameo=first["cameo"])
        assert first["id"] in {r["id"] for r in some}
        assert all(r["cameo"].startswith(first["cameo"]) for r in some)
        assert store.query(date_from="1990-01-01", date_to="1990-12-31") == []
        assert store.article_text(first["article_id"]).startswith(
            next(a["text"] for p in EXAMPLES for a in dyad.read(p)
                 if a["id"] == first["article_id"])[:40])
        # Dyad series of the first source/target pair, against `dyad dyad`.
        pair = next(r for r in rows if r["target"] and r["source"]["code"] and r["target"]["code"])
        a, b = pair["source"]["code"][:3], pair["target"]["code"][:3]
        series = store.dyad(a, b, by="month")
        out = subprocess.run([binary(), "dyad", a, b, "--db", str(db), "--format", "jsonl"],
                             check=True, capture_output=True, text=True).stdout
        cli_series = [json.loads(line) for line in out.splitlines()]
        assert [(s["period"], s["direction"], s["count"]) for s in series] == \
            [(s["period"], s["direction"], s["count"]) for s in cli_series]
        assert sum(s["count"] for s in series) >= 1
        with pytest.raises(dyad.Error, match="by must be"):
            store.dyad(a, b, by="year")
        with pytest.raises(dyad.Error, match="quad must be"):
            store.query(quad=7)
        with pytest.raises(dyad.Error, match="impossible date"):
            store.query(date_from="2025-02-30")
        with pytest.raises(TypeError):
            store.query(colour="red")
    with pytest.raises(dyad.Error, match="closed"):
        store.query()
    with pytest.raises(dyad.Error):
        dyad.Store(tmp_path / "missing.db", create=False)
    with dyad.Store(db, read_only=True) as ro:
        assert ro.stats()["articles"] == len(EXAMPLES)


def test_ingest_reports_articles_not_coded(coder, tmp_path):
    with dyad.Store(tmp_path / "e.db") as store:
        counts = store.ingest([{"text": "Russia expelled two American diplomats.",
                                "date": "2025-02-18"},
                               {"text": "x", "date": "2025-02-30"}], coder)
    assert counts["added"] == 1 and counts["not_coded"] == 1
    assert "impossible date" in counts["errors"][0]


def test_ingest_gives_the_readers_ids(coder, tmp_path):
    # A record without an id gets the id `dyad ingest` gives it (DeriveArticleId: the text
    # with line ends made LF and surrounding whitespace trimmed), not one of Python's own.
    records = [{"date": "2025-02-18", "text": "Russia expelled two American diplomats.\r\n"},
               {"date": "2025-02-18", "text": "Iran accused Israel of sabotage.",
                "url": "https://example.test/iran"}]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    want = sorted(a["id"] for a in dyad.read(path))
    with dyad.Store(tmp_path / "ids.db") as store:
        counts = store.ingest(records, coder)
        assert counts["added"] == 2
        got = sorted({r["article_id"] for r in store.query(limit=0)})
    assert got == want and want[0].startswith("text:") and want[1].startswith("url:")


def test_ingest_reports_changed_articles(coder, tmp_path):
    url = "https://example.test/story"
    first = {"date": "2025-02-18", "url": url, "text": "Russia expelled two American diplomats."}
    edited = dict(first, text="Russia expelled three American diplomats on Monday.")
    with dyad.Store(tmp_path / "c.db") as store:
        assert store.ingest([first], coder)["added"] == 1
        stored_id = store.query(limit=1)[0]["article_id"]
        with pytest.warns(UserWarning, match=r"1 articles changed since they were stored"):
            counts = store.ingest([edited], coder)
        assert counts["changed"] == [stored_id]
        assert counts["added"] == counts["replaced"] == counts["unchanged"] == 0
        assert store.article_text(stored_id) == first["text"]
        again = store.ingest([first], coder)
        assert again["unchanged"] == 1 and again["changed"] == []
        counts = store.ingest([edited], coder, replace=True)
        assert counts["replaced"] == 1 and counts["changed"] == []
        assert store.article_text(stored_id) == edited["text"]


def check_frame(df, columns):
    assert list(df.columns) == [c[0] for c in columns]
    for name, _, dtype in columns:
        assert str(df[name].dtype) == dtype, name


def test_frames_have_the_documented_columns_and_dtypes(coder, tmp_path):
    pd = pytest.importorskip("pandas")
    with dyad.Store(tmp_path / "events.db") as store:
        store.ingest((a for p in EXAMPLES for a in dyad.read(p)), coder)
        rows = store.query(limit=0)
        df = store.query(limit=0, as_frame=True)
        check_frame(df, dyad.QUERY_COLUMNS)
        assert len(df) == len(rows)
        assert list(df["cameo"]) == [r["cameo"] for r in rows]
        assert list(df["source_code"]) == [r["source"]["code"] for r in rows]
        assert list(df["date"]) == [pd.Timestamp(r["date"]) for r in rows]
        no_target = [i for i, r in enumerate(rows) if r["target"] is None]
        for i in no_target:
            assert df["target_code"][i] == "" and df["target_start"][i] is pd.NA
        empty = store.query(date_from="1990-01-01", date_to="1990-01-02", as_frame=True)
        check_frame(empty, dyad.QUERY_COLUMNS)
        assert len(empty) == 0
        pair = next(r for r in rows if r["target"] and r["source"]["code"] and r["target"]["code"])
        a, b = pair["source"]["code"][:3], pair["target"]["code"][:3]
        series = store.dyad(a, b, by="week", as_frame=True)
        check_frame(series, dyad.DYAD_COLUMNS)
        assert len(series) >= 1
        assert (series["period_start"].dt.dayofweek == 0).all()  # ISO weeks start on Monday
    events = [e for p in EXAMPLES for e in cli_events("code", p)]
    frame = dyad.events_frame(events)
    check_frame(frame, dyad.EVENT_COLUMNS)
    assert list(frame["goldstein"]) == [float(e["goldstein"]) for e in events]


def test_example_script_plots_and_shows_the_worst_month(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    import runpy
    script = runpy.run_path(str(ROOT / "examples" / "python" / "dyad_series.py"))
    png = tmp_path / "isr_lbn.png"
    ceasefire = ROOT / "examples" / "ceasefire-2024-11-27.txt"
    assert script["main"]([str(ceasefire), "--dyad", "ISR", "LBN", "--png", str(png)]) == 0
    out = capsys.readouterr().out
    assert png.stat().st_size > 1000
    assert "worst month 2024-11" in out
    assert "Israel and Hezbollah began a ceasefire" in out  # the evidence sentence
