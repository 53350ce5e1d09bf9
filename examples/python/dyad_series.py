# %% [markdown]
# # A dyad's monthly Goldstein series, from news text to plot
#
# Codes a JSON Lines file of news articles with dyad, stores the events, plots the monthly
# Goldstein series of one dyad in both directions, and prints the evidence sentences of its
# worst (most conflictual) month. Runs as a script or cell by cell in Jupyter (the `# %%`
# markers are cells for VS Code, JupyterLab with jupytext, Spyder).
#
#     PYTHONPATH=build/python /usr/bin/python3 examples/python/dyad_series.py \
#         ../shared/news/geopolitics-2022-2026.jsonl.gz --dyad RUS UKR --articles 400 -j 2
#
# Any input dyad reads works (JSON Lines, gzip, dateline text; doc/formats.md).

# %%
import argparse
import itertools
import os
import sys
import tempfile

import matplotlib

if "ipykernel" not in sys.modules and not os.environ.get("DISPLAY"):
    matplotlib.use("Agg")  # a script without a screen writes the PNG only
import matplotlib.pyplot as plt
import pandas as pd

import dyad


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Code articles, plot a dyad's monthly Goldstein series, show the worst month")
    p.add_argument("inputs", nargs="+", help="articles: JSON Lines (.gz), dateline text, ...")
    p.add_argument("--dyad", nargs=2, default=["RUS", "UKR"], metavar=("A", "B"),
                   help="actor code prefixes (default: RUS UKR)")
    p.add_argument("--articles", type=int, default=400, help="articles to code (0 = all)")
    p.add_argument("-j", "--jobs", type=int, default=2, help="coding threads")
    p.add_argument("--db", help="SQLite store to fill (default: a temporary file)")
    p.add_argument("--png", default="dyad_series.png", help="plot output")
    return p.parse_args(argv)


# %% [markdown]
# ## 1. Code the articles and store their events

# %%
def code_into_store(paths, db, articles, jobs):
    coder = dyad.Coder()
    store = dyad.Store(db)
    source = itertools.chain.from_iterable(dyad.read(p) for p in paths)
    if articles:
        source = itertools.islice(source, articles)
    counts = store.ingest(source, coder, jobs=jobs)
    print(f"{counts['articles']} articles: {counts['added']} stored, "
          f"{counts['not_coded']} not coded; {counts['events']} event mentions")
    return store


# %% [markdown]
# ## 2. Monthly Goldstein series, both directions

# %%
def plot_series(store, a, b, png):
    series = store.dyad(a, b, by="month", as_frame=True)
    if series.empty:
        print(f"no {a}<->{b} events in this input")
        return series
    wide = series.pivot_table(index="period_start", columns="direction",
                              values="goldstein_sum", aggfunc="sum")
    # A month without events is a zero, not a gap to draw a line across.
    months = pd.date_range(wide.index.min(), wide.index.max(), freq="MS")
    wide = wide.reindex(months).fillna(0.0)
    fig, ax = plt.subplots(figsize=(9, 4))
    for direction in wide.columns:
        ax.plot(wide.index, wide[direction], marker="o", label=direction)
    ax.legend(title="direction")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_xlabel("month")
    ax.set_ylabel("Goldstein sum (conflict < 0 < cooperation)")
    ax.set_title(f"{a} - {b}: monthly Goldstein sum of event mentions")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(png, dpi=100)
    print(f"plot written to {png}")
    return series


# %% [markdown]
# ## 3. The evidence of the worst month
# Every event keeps the sentence it was coded from, and why.

# %%
def worst_month_evidence(store, series, a, b, limit=10):
    by_month = series.groupby("period_start")["goldstein_sum"].sum()
    month = by_month.idxmin()
    first = month.strftime("%Y-%m-%d")
    last = (month + pd.offsets.MonthEnd(1)).strftime("%Y-%m-%d")
    rows = store.query(source=a, target=b, date_from=first, date_to=last, limit=0) + \
        store.query(source=b, target=a, date_from=first, date_to=last, limit=0)
    rows.sort(key=lambda r: r["goldstein"])
    print(f"worst month {month:%Y-%m}: Goldstein sum {by_month[month]:.1f}, "
          f"{len(rows)} mentions; the most conflictual:")
    for r in rows[:limit]:
        print(f"  {r['date']}  {r['source']['code']} {r['cameo']} {r['target']['code']} "
              f"({r['goldstein']:+}): {r['sentence']}")
    return rows


# %%
def main(argv=None):
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = code_into_store(args.inputs, args.db or os.path.join(tmp, "events.db"),
                                args.articles, args.jobs)
        a, b = args.dyad
        with store:
            series = plot_series(store, a, b, args.png)
            if not series.empty:
                worst_month_evidence(store, series, a, b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
