#!/usr/bin/env bash
# Crash safety of `dyad ingest` (issue 14): kill -9 at random moments, then the database
# opens, passes PRAGMA integrity_check (SQLite), and re-running the same ingest ends with
# exactly the articles, sentences, mentions, events and actor counts of an uninterrupted run
# (canonical dump, tests/lib/store_corpus.sh). Runs on SQLite, then on a real PostgreSQL
# server started on 127.0.0.1 (skipped with a message when PostgreSQL is not installed).
# Usage: store_crash.sh DYAD_BINARY SOURCE_DIR [KILLS]   (KILLS per backend, default 20;
#        DYAD_CRASH_SEED fixes the random moments)
set -u
dyad=$1
src=$2
kills=${3:-20}
seed=${DYAD_CRASH_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$seed
tmp=$(mktemp -d /tmp/dyad-crash.XXXXXX)
pgdir=
cleanup() {
  [ -n "$pgdir" ] && "$src/scripts/pg-test-server" stop "$pgdir"
  rm -rf "$tmp"
}
trap cleanup EXIT
export DYAD_CACHE_DIR="$tmp/cache"
. "$src/tests/lib/store_corpus.sh"
store_corpus "$src" "$tmp/corpus.jsonl" 12
total=$(wc -l < "$tmp/corpus.jsonl")
echo "corpus: $total articles; seed $seed; $kills kills per backend"
fail=0

ingest_args=(ingest -j 1 --batch 3)  # small transactions: kills land between and inside them
ingest() {  # DB [LOG]
  "$dyad" "${ingest_args[@]}" --db "$1" "$tmp/corpus.jsonl" > /dev/null 2> "${2:-/dev/null}"
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
articles() {
  case "$1" in
    postgres*) psql -X -q -At "$1" -c 'SELECT COUNT(*) FROM articles' 2>/dev/null || echo "-" ;;
    *) sqlite3 "$1" 'SELECT COUNT(*) FROM articles' 2>/dev/null || echo "-" ;;
  esac
}

# crash_runs NAME NEWDB: NEWDB I prints the location of a new, empty database.
crash_runs() {
  local name=$1 newdb=$2
  local ref; ref=$($newdb ref)
  local t0; t0=$(now_ms)
  if ! ingest "$ref" "$tmp/ref.err"; then
    echo "FAIL $name: uninterrupted ingest"; cat "$tmp/ref.err"; fail=1; return
  fi
  local span=$(( $(now_ms) - t0 ))
  # Most of a small ingest is loading models: kills are spread over the part after it.
  : > "$tmp/empty.jsonl"
  t0=$(now_ms)
  "$dyad" ingest -j 1 --db "$($newdb warmup)" "$tmp/empty.jsonl" > /dev/null 2>&1
  local start=$(( $(now_ms) - t0 ))
  [ "$start" -lt "$span" ] || start=0
  store_dump "$ref" > "$tmp/ref.dump"
  local mentions; mentions=$(grep -c '^M|' "$tmp/ref.dump")
  echo "$name: uninterrupted ingest ${span} ms (${start} ms to start), $(grep -c '^A|' "$tmp/ref.dump") articles, $mentions mentions, $(grep -c '^E|' "$tmp/ref.dump") events"
  # Until KILLS kills have landed while dyad ran (a run that ended first counts as an
  # attempt, and later delays stay below it: machines under load run at other speeds).
  local landed=0 intact=0 equal=0 i=0
  while [ "$landed" -lt "$kills" ] && [ "$i" -lt $((kills * 5)) ]; do
    i=$((i + 1))
    local db; db=$($newdb "$i")
    local delay=$(( start * 9 / 10 + RANDOM * (span - start * 9 / 10) / 32768 ))
    # dyad itself in the background (not a function's subshell), so that kill -9 hits it.
    "$dyad" "${ingest_args[@]}" --db "$db" "$tmp/corpus.jsonl" > /dev/null 2>&1 &
    local pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    local when="after it ended"
    if kill -9 "$pid" 2>/dev/null; then
      when="during ingest"
      landed=$((landed + 1))
    else
      # Ended first: this machine runs faster now than when measured; aim earlier.
      span=$delay
      start=$((start * 3 / 4))
    fi
    wait "$pid" 2>/dev/null
    local stored; stored=$(articles "$db")
    local ok=1
    case "$db" in
      postgres*) psql -X -q -At "$db" -c 'SELECT 1' > /dev/null 2>&1 || ok=0 ;;
      *) sqlite3 "$db" 'PRAGMA integrity_check' > "$tmp/integrity" 2>&1
         [ "$(cat "$tmp/integrity")" = ok ] || { ok=0; head -n 5 "$tmp/integrity"; } ;;
    esac
    [ $ok = 1 ] && intact=$((intact + 1))
    local same=0
    if ingest "$db" "$tmp/resume.err" && store_dump "$db" > "$tmp/run.dump" &&
       cmp -s "$tmp/ref.dump" "$tmp/run.dump"; then
      same=1
      equal=$((equal + 1))
    fi
    echo "$name run $i, kill at ${delay} ms ($when): $stored/$total articles stored;" \
         "integrity $([ $ok = 1 ] && echo ok || echo FAILED);" \
         "resumed ingest $([ $same = 1 ] && echo 'equal to the uninterrupted run' || echo DIFFERS)"
    if [ $ok = 0 ] || [ $same = 0 ]; then
      fail=1
      cat "$tmp/resume.err"
      diff "$tmp/ref.dump" "$tmp/run.dump" | head -n 10
    fi
  done
  echo "$name: $i runs, $landed kills -9 during ingest; $intact/$i databases intact," \
       "$equal/$i resumed ingests equal to the uninterrupted run"
  if [ "$landed" -lt "$kills" ]; then
    echo "FAIL $name: only $landed kills landed during ingest"
    fail=1
  fi
}

sqlite_db() { echo "$tmp/crash-$1.db"; }
crash_runs sqlite sqlite_db

pgdir=$(mktemp -d /tmp/dyad-crash-pg.XXXXXX)
if uri=$("$src/scripts/pg-test-server" start "$pgdir" 2> "$tmp/pg.err"); then
  pg_db() {
    psql -X -q "$uri" -c "CREATE DATABASE crash_$1" > /dev/null
    echo "${uri%/*}/crash_$1"
  }
  crash_runs postgresql pg_db
else
  echo "skip postgresql: $(cat "$tmp/pg.err")"
  rm -rf "$pgdir"
  pgdir=
fi
exit $fail
