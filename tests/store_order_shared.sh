#!/usr/bin/env bash
# The events are a function of the set of stored mentions: ingesting the same articles in
# file order, in reverse order, and in two separate ingests (second half first) gives the
# same canonical dump (tests/lib/store_corpus.sh: articles, mentions, events named by their
# smallest mention uid with counts and representative, actors), on SQLite and on a real
# PostgreSQL on 127.0.0.1. Real news from ../shared; skips (exit 77) without it.
# Usage: store_order_shared.sh DYAD_BINARY SOURCE_DIR [ARTICLES]
set -u
. "$2/tests/lib/store_corpus.sh"
shared_store_test order 600 "$@"
pg_dir="$tmp/pg"
cleanup() {
  [ -d "$pg_dir" ] && "$src/scripts/pg-test-server" stop "$pg_dir" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
# One record per article: a duplicate record (same url or text under another id) is stored
# under the id of whichever comes first, which is order, not grouping.
head -n "$n" "$news" | python3 -c '
import json, sys
seen = set()
for line in sys.stdin:
    r = json.loads(line)
    k = r.get("url") or r.get("text")
    if k in seen:
        continue
    seen.add(k)
    sys.stdout.write(line)' >"$tmp/forward.jsonl"
tac "$tmp/forward.jsonl" >"$tmp/reverse.jsonl"
half=$(( $(wc -l <"$tmp/forward.jsonl") / 2 ))
head -n "$half" "$tmp/forward.jsonl" >"$tmp/first.jsonl"
tail -n +"$((half + 1))" "$tmp/forward.jsonl" >"$tmp/second.jsonl"

fail=0
ingest() {  # ingest DB FILE...
  local db=$1
  shift
  for f in "$@"; do
    "$dyad" ingest -j 2 --batch 16 --db "$db" "$f" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
  done
}
compare() {  # compare BACKEND NAME DUMP REFERENCE
  local events moved differ
  events=$(grep -c '^E|' "$4")
  moved=$(diff <(grep '^M|' "$4") <(grep '^M|' "$3") | grep -c '^>')
  differ=$(diff <(grep '^E|' "$4") <(grep '^E|' "$3") | grep -c '^>')
  if cmp -s "$3" "$4"; then
    echo "ok   $1 $2: identical ($(grep -c '^M|' "$4") mentions, $events events)"
  else
    echo "FAIL $1 $2: $moved mentions grouped differently, $differ events differ"
    diff "$4" "$3" | head -n 10
    fail=1
  fi
}
run() {  # run BACKEND DB_FORWARD DB_REVERSE DB_SPLIT
  ingest "$2" "$tmp/forward.jsonl"
  ingest "$3" "$tmp/reverse.jsonl"
  ingest "$4" "$tmp/second.jsonl" "$tmp/first.jsonl"
  store_dump "$2" >"$tmp/$1.forward"
  store_dump "$3" >"$tmp/$1.reverse"
  store_dump "$4" >"$tmp/$1.split"
  compare "$1" "reverse order" "$tmp/$1.reverse" "$tmp/$1.forward"
  compare "$1" "two ingests, second half first" "$tmp/$1.split" "$tmp/$1.forward"
}
echo "$(wc -l <"$tmp/forward.jsonl") distinct articles of the first $n records"
run sqlite "$tmp/f.db" "$tmp/r.db" "$tmp/s.db"
if command -v psql >/dev/null 2>&1; then
  uri=$("$src/scripts/pg-test-server" start "$pg_dir") || { echo "FAIL: cannot start PostgreSQL"; exit 1; }
  base=${uri%/*}
  for d in fwd rev split; do psql -X -q "$uri" -c "CREATE DATABASE $d" || exit 1; done
  run postgres "$base/fwd" "$base/rev" "$base/split"
  compare "sqlite vs" "postgres" "$tmp/postgres.forward" "$tmp/sqlite.forward"
else
  echo "skip postgres: psql is not installed"
fi
exit $fail
