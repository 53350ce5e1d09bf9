#!/usr/bin/env bash
# Concurrency on one SQLite file (issue 14), with real processes: two `dyad ingest` at once,
# queries, stats and exports while they run, and an ingest that meets a write transaction
# held longer than SQLite's busy timeout (10 s). No "database is locked" may reach the user,
# every process exits 0 and no article is lost.
# Usage: store_concurrency.sh DYAD_BINARY SOURCE_DIR
set -u
dyad=$1
src=$2
tmp=$(mktemp -d /tmp/dyad-conc.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export DYAD_CACHE_DIR="$tmp/cache"
. "$src/tests/lib/store_corpus.sh"
fail=0
check() {
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
store_corpus "$src" "$tmp/p1.jsonl" 6 one
store_corpus "$src" "$tmp/p2.jsonl" 6 two
n1=$(wc -l < "$tmp/p1.jsonl")
n2=$(wc -l < "$tmp/p2.jsonl")
db="$tmp/x.db"

# Two ingests into one new file, one transaction per article so their writes interleave.
"$dyad" ingest -j 1 --batch 1 --db "$db" "$tmp/p1.jsonl" > /dev/null 2> "$tmp/i1.err" &
p1=$!
"$dyad" ingest -j 1 --batch 1 --db "$db" "$tmp/p2.jsonl" > /dev/null 2> "$tmp/i2.err" &
p2=$!
# Readers while they run; each reader's exit code is kept.
readers=0 reader_fail=0
while kill -0 "$p1" 2>/dev/null || kill -0 "$p2" 2>/dev/null; do
  if [ -f "$db" ]; then
    for cmd in "query --limit 5" "stats" "export --format jsonl" "dyad RUS UKR"; do
      # shellcheck disable=SC2086
      "$dyad" $cmd --db "$db" > "$tmp/r.out" 2>> "$tmp/r.err" || { reader_fail=$((reader_fail + 1)); echo "reader failed: $cmd"; }
      readers=$((readers + 1))
    done
  fi
  sleep 0.2
done
wait "$p1"; rc1=$?
wait "$p2"; rc2=$?
echo "$readers reader runs during the two ingests"
check "first ingest exit 0" test "$rc1" -eq 0
check "second ingest exit 0" test "$rc2" -eq 0
check "readers all succeeded" test "$reader_fail" -eq 0
check "no 'database is locked' reached the user" \
  bash -c "! grep -qi 'locked\|busy' '$tmp/i1.err' '$tmp/i2.err' '$tmp/r.err'"
check "every article stored ($((n1 + n2)))" \
  test "$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles')" -eq $((n1 + n2))
check "integrity_check ok" test "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok
# Every mention is in an event whose counts match its mentions.
check "event counts match their mentions" test "$(sqlite3 "$db" \
  'SELECT COUNT(*) FROM events e WHERE num_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.event = e.id)')" -eq 0
cat "$tmp/i1.err" "$tmp/i2.err" | grep -v '^$' | tail -n 4

# A writer holding the lock for 20 s (longer than the 10 s busy timeout plus dyad's start):
# the ingest waits and retries its transaction instead of failing.
store_corpus "$src" "$tmp/p3.jsonl" 1 three
sqlite3 "$db" "BEGIN IMMEDIATE; INSERT INTO meta(key, value) VALUES ('lock-test', '1');" \
  ".shell sleep 20" "COMMIT;" > /dev/null 2>&1 &
locker=$!
sleep 0.5
"$dyad" ingest -j 1 --db "$db" "$tmp/p3.jsonl" > /dev/null 2> "$tmp/i3.err"
rc3=$?
wait "$locker"
check "ingest behind a 20 s write transaction: exit 0" test "$rc3" -eq 0
check "ingest behind a 20 s write transaction: no lock error" bash -c "! grep -qi 'locked' '$tmp/i3.err'"
check "ingest behind a 20 s write transaction: its articles stored" \
  test "$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles')" -eq $((n1 + n2 + $(wc -l < "$tmp/p3.jsonl")))
check "the other writer's row is there too" \
  test "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'lock-test'")" = 1
exit $fail
