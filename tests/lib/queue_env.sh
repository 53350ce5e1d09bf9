# Shared by tests/queue_*.sh (sourced; not a test itself): starts a real nats-server with
# JetStream and a real PostgreSQL on 127.0.0.1 in a temp dir, cleans up on exit, and
# provides article generation, waiting and row-for-row comparison helpers.
# Expects $dyad and $src to be set.

command -v nats-server >/dev/null 2>&1 || { echo "SKIP: nats-server not installed"; exit 77; }
command -v psql >/dev/null 2>&1 || { echo "SKIP: psql not installed"; exit 77; }

work=$(mktemp -d /tmp/dyad-queue.XXXXXX)
chmod 755 "$work"
pids=()
queue_cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  "$src/scripts/nats-test-server" stop "$work/nats" >/dev/null 2>&1 || true
  "$src/scripts/pg-test-server" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap queue_cleanup EXIT
export DYAD_CACHE_DIR="$work/cache"

nats=$("$src/scripts/nats-test-server" start "$work/nats")
pg=$("$src/scripts/pg-test-server" start "$work/pg")
pg_base=${pg%/*}
echo "NATS at $nats, PostgreSQL at $pg"

fail() { echo "FAIL: $*" >&2; exit 1; }

# A fresh database on the test server; prints its URI.
new_db() {
  psql "$pg" -qAtc "CREATE DATABASE $1" >/dev/null
  echo "$pg_base/$1"
}

sql() { psql "$1" -qAtc "$2"; }

# gen_articles N FILE [PREFIX]: N dated English articles as JSON Lines, written by us:
# three who-did-what-to-whom sentences each from fixed lists, so every article codes.
gen_articles() {
  awk -v n="$1" -v prefix="${3:-gen}" 'BEGIN {
    na = split("Russia|Ukraine|China|the United States|Iran|Israel|France|Germany|Turkey|Egypt|India|Pakistan|Japan|North Korea|South Korea|Saudi Arabia|Syria|Lebanon|Qatar|Brazil", A, "|");
    nv = split("accused|criticized|praised|met with|threatened|condemned|signed a trade agreement with|sent humanitarian aid to|imposed sanctions on|expelled diplomats from|called for talks with|rejected a proposal from|thanked|warned", V, "|");
    nd = split("Monday|Tuesday|Wednesday|Thursday|Friday", D, "|");
    for (i = 0; i < n; i++) {
      date = sprintf("2024-%02d-%02d", 1 + i % 12, 1 + int(i / 12) % 28);
      text = "";
      for (k = 0; k < 3; k++) {
        a = A[1 + (i * 7 + k * 3) % na]; b = A[1 + (i * 11 + k * 5 + 1) % na];
        if (a == b) b = A[1 + (i * 11 + k * 5 + 2) % na];
        v = V[1 + (i * 13 + k) % nv];
        s = toupper(substr(a, 1, 1)) substr(a, 2) " " v " " b " on " D[1 + (i + k) % nd] ", officials said.";
        text = text (k ? " " : "") s;
      }
      printf "{\"id\":\"%s-%d\",\"date\":\"%s\",\"source\":\"Dyad Test Wire\",\"url\":\"https://example.test/%s/%d\",\"title\":\"Report %d\",\"text\":\"%s\"}\n", prefix, i, date, prefix, i, i, text;
    }
  }' >"$2"
}

# start_worker NAME LOG ARGS...: a `dyad worker` in the background; its pid is in $last_pid.
start_worker() {
  local name=$1 log=$2
  shift 2
  "$dyad" worker --nats "$nats" --name "$name" --progress 2 "$@" >"$log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

# wait_pids SECONDS PID...: waits for the processes to exit, at most SECONDS in all.
wait_pids() {
  local limit=$1
  shift
  local end=$((SECONDS + limit))
  for p in "$@"; do
    while kill -0 "$p" 2>/dev/null; do
      [ $SECONDS -lt $end ] || fail "process $p still running after ${limit}s"
      sleep 0.2
    done
    wait "$p" || fail "process $p exited with status $?"
  done
}

# wait_count DB SQL N SECONDS: waits until the query returns at least N.
wait_count() {
  local end=$((SECONDS + $4)) got
  while true; do
    got=$(sql "$1" "$2" 2>/dev/null || echo 0)
    [ "${got:-0}" -ge "$3" ] && return 0
    [ $SECONDS -lt $end ] || fail "waited $4 s for '$2' >= $3 (got $got)"
    sleep 0.1
  done
}

# dump_rows DB FILE: every stored event mention (all columns but row and cluster ids) and
# every sentence, keyed by article id, in a stable order; plus actor counts.
dump_rows() {
  local cols
  cols=$(sql "$1" "SELECT string_agg('m.' || column_name, ',' ORDER BY ordinal_position)
                   FROM information_schema.columns WHERE table_name = 'mentions'
                   AND column_name NOT IN ('id', 'article', 'event')")
  {
    sql "$1" "SELECT a.article_id, $cols FROM mentions m JOIN articles a ON a.id = m.article
              ORDER BY a.article_id, m.sentence_idx, m.uid, m.source_start, m.verb_start, m.target_start"
    sql "$1" "SELECT a.article_id, s.idx, s.start_byte, s.end_byte, s.text FROM sentences s
              JOIN articles a ON a.id = s.article ORDER BY 1, 2"
    sql "$1" "SELECT article_id, url, content_hash, outlet, pub_date, title, num_sentences,
              coder_version FROM articles ORDER BY article_id"
    sql "$1" "SELECT code, text, mentions FROM actors ORDER BY code, text"
  } >"$2"
}

# check_exactly_once DB N: N articles, each once; mentions all belong to stored clusters.
check_exactly_once() {
  local n dup orphans
  n=$(sql "$1" "SELECT COUNT(*) FROM articles")
  [ "$n" -eq "$2" ] || fail "$1: $n articles stored, expected $2"
  dup=$(sql "$1" "SELECT COUNT(*) FROM (SELECT url FROM articles GROUP BY url HAVING COUNT(*) > 1) d")
  [ "$dup" -eq 0 ] || fail "$1: $dup urls stored more than once"
  orphans=$(sql "$1" "SELECT COUNT(*) FROM mentions WHERE event NOT IN (SELECT id FROM events)")
  [ "$orphans" -eq 0 ] || fail "$1: $orphans mentions without their event"
  local sum mentions
  sum=$(sql "$1" "SELECT COALESCE(SUM(num_mentions), 0) FROM events")
  mentions=$(sql "$1" "SELECT COUNT(*) FROM mentions")
  [ "$sum" -eq "$mentions" ] || fail "$1: clusters count $sum mentions, table has $mentions"
}

# same_rows DB REF_DUMP WHAT: the store's rows equal the reference dump, row for row.
same_rows() {
  dump_rows "$1" "$work/rows.$3"
  if ! cmp -s "$2" "$work/rows.$3"; then
    diff "$2" "$work/rows.$3" | head -n 20 >&2
    fail "$3: stored rows differ from those of one dyad ingest"
  fi
}

# status_json ARGS...: `dyad status --format json` on the test server.
status_json() { "$dyad" status --nats "$nats" --format json "$@"; }

# json_get JSON EXPR: a value from JSON (python3 is a Debian build dependency).
json_get() { python3 -c "import json,sys; d=json.load(sys.stdin); print($2)" <<<"$1"; }
