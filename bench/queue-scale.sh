#!/usr/bin/env bash
# Scaling benchmark (not a test; doc/scale-out.md has the figures): on N articles of
# ../shared/news, with a real nats-server (JetStream, file storage) and PostgreSQL on
# 127.0.0.1, times
#   plain `dyad ingest -j 1` and `-j 2` into PostgreSQL (the baseline),
#   `dyad publish`,
#   one worker with one thread, two workers with one thread each, one worker with -j 2,
# each from process start (coder loading included) until the store holds every article the
# baseline stored, in wall time and in CPU time of the dyad processes (user + system, from
# the shell's `times`: robust on a machine busy with other work); and PostgreSQL's insert
# rate with one article per transaction.
# Usage: bench/queue-scale.sh [DYAD_BINARY] [N] [INPUT.jsonl.gz]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
dyad=${1:-$src/build/dyad}
n=${2:-2000}
input=${3:-${DYAD_SHARED_DIR:-$src/../shared}/news/realtimeqa-2012-2026.jsonl.gz}
[ -f "$input" ] || { echo "queue-scale: $input is absent (../shared/news); nothing to measure"; exit 0; }

work=$(mktemp -d /tmp/dyad-queue-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  "$src/scripts/nats-test-server" stop "$work/nats" >/dev/null 2>&1 || true
  "$src/scripts/pg-test-server" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
nats=$("$src/scripts/nats-test-server" start "$work/nats")
pg=$("$src/scripts/pg-test-server" start "$work/pg")
base=${pg%/*}
db() { psql "$pg" -qAtc "CREATE DATABASE $1" >/dev/null; echo "$base/$1"; }
count() { psql "$1" -qAtc "SELECT COUNT(*) FROM articles" 2>/dev/null || echo 0; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# mark FILE records the CPU time (user + system) of the children reaped so far; it must run
# in this shell, not in $(...), whose `times` would count the subshell's children only.
mark() { times >"$1"; }
cpu() { tail -n 1 "$1" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); n += p[1] * 60 + p[2] } printf "%.2f", n }'; }

# The articles (kept in the temp dir only).
{ gzip -cdf "$input" || true; } | head -n "$n" >"$work/news.jsonl"  # gzip stops on SIGPIPE
head -n 1 "$work/news.jsonl" | "$dyad" code >/dev/null 2>&1 || true  # warms the dictionary cache
echo "input: $n records of $input ($(du -h "$work/news.jsonl" | cut -f1))"

t0=$(now)
d1=$(db ingest1)
mark "$work/c0"
"$dyad" ingest -j 1 --db "$d1" "$work/news.jsonl" 2>"$work/ingest1.log"
t_ingest1=$(secs "$t0" "$(now)")
mark "$work/c1"
c_ingest1=$(secs "$(cpu "$work/c0")" "$(cpu "$work/c1")")
stored=$(count "$d1")
t0=$(now)
d2=$(db ingest2)
"$dyad" ingest -j 2 --db "$d2" "$work/news.jsonl" 2>"$work/ingest2.log"
t_ingest2=$(secs "$t0" "$(now)")
echo "ingest -j 1: $t_ingest1 s ($c_ingest1 CPU s), -j 2: $t_ingest2 s; $stored articles stored, $(psql "$d1" -qAtc 'SELECT COUNT(*) FROM mentions') mentions"

# run_workers NAME WORKERS THREADS: publish to stream NAME, start the workers, time until
# they have stored every article.
run_workers() {
  local name=$1 workers=$2 threads=$3 d t0 t_pub w
  t0=$(now)
  "$dyad" publish --nats "$nats" --stream "$name" "$work/news.jsonl" 2>"$work/publish.$name.log"
  t_pub=$(secs "$t0" "$(now)")
  d=$(db "$name")
  mark "$work/c0"
  t0=$(now)
  local mine=()
  for w in $(seq 1 "$workers"); do
    "$dyad" worker --nats "$nats" --stream "$name" --db "$d" -j "$threads" --name "$name-$w" \
      --progress 60 --exit-when-idle 1 >"$work/$name.$w.log" 2>&1 &
    pids+=($!)
    mine+=($!)
  done
  # No polling meanwhile (its psql processes would count as CPU): the workers exit once the
  # queue has been empty for 1 s, which is subtracted (the idle check runs every 0.2 s).
  for p in "${mine[@]}"; do wait "$p"; done
  local t=$(awk -v a="$(secs "$t0" "$(now)")" 'BEGIN { printf "%.2f", a - 1.1 }')
  mark "$work/c1"
  [ "$(count "$d")" -eq "$stored" ] || echo "$name: $(count "$d") articles stored, expected $stored"
  local c=$(secs "$(cpu "$work/c0")" "$(cpu "$work/c1")")
  awk -v n="$stored" -v t="$t" -v base="$t_ingest1" -v c="$c" -v cbase="$c_ingest1" -v w="$workers" -v j="$threads" -v p="$t_pub" -v name="$name" 'BEGIN {
    printf "%-6s %d worker(s) x %d thread(s): %6.2f s, %6.1f articles/s (publish %.2f s); wall vs ingest -j 1: %+.1f%%; CPU %.2f s, vs ingest -j 1: %+.1f%%\n",
      name, w, j, t, n / t, p, 100 * (t - base) / base, c, 100 * (c - cbase) / cbase }'
}
run_workers one 1 1
run_workers two 2 1
run_workers onej2 1 2

echo "PostgreSQL insert rate, one article (4 mentions) per transaction:"
"$dyad" bench store --db "$(db benchstore)" --mentions 8000 --per-article 4 --batch 1 --queries 1 2>&1 | sed -n 1,4p
