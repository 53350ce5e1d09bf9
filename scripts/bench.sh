#!/usr/bin/env bash
# Throughput benchmarks (`make bench`): runs every `dyad bench` stage on the reference news in
# ../shared/news and prints, per stage, sentences/s, MB/s per core and peak RSS. A benchmark,
# not a test: it never fails on a figure, and its numbers are only comparable on one machine
# at one load (compare instruction counts with callgrind when the machine is shared).
#
#   scripts/bench.sh [BUILD_DIR]          # default: build
#
# Sizes (environment): BENCH_READ_LIMIT articles read (default: the whole file),
# BENCH_PARSE_SENTENCES (20000), BENCH_CODE_ARTICLES (2000), BENCH_STORE_MENTIONS (200000),
# BENCH_JOBS worker threads for `bench code` (1). DYAD_SHARED_DIR overrides ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${1:-build}
DYAD="$BUILD_DIR/dyad"
SHARED=${DYAD_SHARED_DIR:-../shared}
NEWS="$SHARED/news"
JOBS=${BENCH_JOBS:-1}

if [ ! -x "$DYAD" ]; then
  echo "bench: $DYAD not found; build first (make build)" >&2
  exit 1
fi
if [ ! -d "$NEWS" ]; then
  echo "bench: skipped: $NEWS is absent (the benchmarks read the reference news in ../shared)"
  exit 0
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# stage name, then the dyad bench command line.
run() {
  local stage=$1
  shift
  echo "== $stage: dyad bench $*"
  # The figures come from dyad itself; a failing stage is reported and the others still run.
  if ! "$DYAD" bench "$@" 2>&1 | tee "$out/$stage.log"; then
    echo "bench: stage $stage failed" >&2
  fi
  echo
}

read_args=("$NEWS/realtimeqa-2012-2026.jsonl.gz")
[ -n "${BENCH_READ_LIMIT:-}" ] && read_args+=(--limit "$BENCH_READ_LIMIT")
run read read "${read_args[@]}"
run parse parse "$NEWS/geopolitics-2022-2026.jsonl.gz" --sentences "${BENCH_PARSE_SENTENCES:-20000}"
run code code "$NEWS/geopolitics-2022-2026.jsonl.gz" --articles "${BENCH_CODE_ARTICLES:-2000}" -j "$JOBS"
run store store --mentions "${BENCH_STORE_MENTIONS:-200000}" --db "$out/bench-store.db"

# One line per stage from the logs above; "-" where a stage has no such figure (the store
# benchmark ingests synthetic mentions: it reports mentions/s instead of sentences).
first() { grep -oE "$1" "$2" 2>/dev/null | head -1 | grep -oE '^[0-9.]+' || echo -; }
printf '%-6s %14s %16s %12s  %s\n' stage sentences/s "MB/s per core" "peak RSS" other
for stage in read parse code store; do
  log="$out/$stage.log"
  sps=$(first '[0-9.]+ sentences/s' "$log")
  rss=$(first '[0-9.]+ MiB' <(grep -i 'peak RSS' "$log" 2>/dev/null))
  mbs=-
  other=
  case $stage in
    read) mbs=$(first '[0-9.]+ MB/s of text' "$log") ;;  # one core
    code)
      mbs=$(first '[0-9.]+ MB/s' <(grep '^throughput' "$log" 2>/dev/null))
      [ "$mbs" != - ] && mbs=$(awk -v m="$mbs" -v j="$JOBS" 'BEGIN { printf "%.2f", m / j }')
      other="$JOBS thread(s)" ;;
    parse) other="$(first '[0-9.]+ tokens/s' "$log") tokens/s" ;;
    store) other="$(first '[0-9.]+ mentions/s' "$log") mentions/s ingested" ;;
  esac
  printf '%-6s %14s %16s %12s  %s\n' "$stage" "$sps" "$mbs" "${rss} MiB" "$other"
done
