"""Throughput of Coder.code_many against `dyad code -j N` on the same articles (a benchmark,
never a test: it prints figures and asserts nothing).

    PYTHONPATH=build/python /usr/bin/python3 python/bench/throughput.py --dyad build/dyad \
        [--input ../shared/news/geopolitics-2022-2026.jsonl.gz] [--articles 300] [-j 2] [--rounds 3]

Both sides code the same first N articles of the input (written once to a temporary JSON Lines
file that `dyad code` reads and `dyad.read` reads back). Timed per round, alternating:
  cli      `dyad code -j N FILE > /dev/null`, wall time, minus the median startup of
           `dyad code` on a one-article file (process start, dictionaries, models)
  python   iterating code_many(dyad.read(FILE), jobs=N) to the end, events as dicts
           (the Coder is loaded once, outside the timing)
Reports medians and the ratio python/cli of articles per second.
"""

import argparse
import itertools
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import dyad


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dyad", default=str(root / "build" / "dyad"), help="the dyad binary")
    p.add_argument("--input", default=str(root.parent / "shared" / "news" /
                                          "geopolitics-2022-2026.jsonl.gz"))
    p.add_argument("--articles", type=int, default=300)
    p.add_argument("-j", "--jobs", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()
    if not os.path.exists(args.input):
        sys.exit(f"throughput.py: no input {args.input} (../shared/news is absent; give --input)")

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "articles.jsonl")
        one = os.path.join(tmp, "one.jsonl")
        keys = ("id", "date", "title", "text", "source", "url", "language")
        articles = [{k: a[k] for k in keys} for a in
                    itertools.islice(dyad.read(args.input), args.articles)]
        with open(data, "w") as f:
            for a in articles:
                f.write(json.dumps(a) + "\n")
        with open(one, "w") as f:
            f.write(json.dumps(articles[0]) + "\n")
        text_mb = sum(len(a["text"].encode()) for a in articles) / 1e6

        def cli(path):
            subprocess.run([args.dyad, "code", "-j", str(args.jobs), path], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        load, coder = timed(dyad.Coder)
        startup = statistics.median(timed(lambda: cli(one))[0] for _ in range(3))
        cli_times, py_times, events = [], [], None
        for r in range(args.rounds):
            cli_times.append(timed(lambda: cli(data))[0] - startup)
            t, out = timed(lambda: list(coder.code_many(dyad.read(data), jobs=args.jobs,
                                                        errors="ignore")))
            py_times.append(t)
            events = sum(map(len, out))
            print(f"round {r + 1}: cli {cli_times[-1]:.2f} s, python {t:.2f} s", flush=True)
        cli_t, py_t = statistics.median(cli_times), statistics.median(py_times)
        n = len(articles)
        print(f"input     {args.input}: {n} articles, {text_mb:.2f} MB of text, {events} events")
        print(f"startup   dyad code on one article {startup:.2f} s; dyad.Coder() {load:.2f} s")
        print(f"cli       dyad code -j {args.jobs}: {cli_t:.2f} s = {n / cli_t:.1f} articles/s "
              f"(median of {args.rounds}, startup subtracted)")
        print(f"python    code_many(jobs={args.jobs}): {py_t:.2f} s = {n / py_t:.1f} articles/s")
        print(f"ratio     python/cli throughput {cli_t / py_t:.3f}; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
