#!/usr/bin/env bash
# Scale-out, real nats-server (JetStream, file storage) and PostgreSQL on 127.0.0.1:
# (r) `dyad recode --since` re-publishes the stored articles of a period; a worker replaces
#     their events, nothing is duplicated;
# (a) three workers code N generated articles: every article is stored exactly once and
#     the stored rows (mentions, sentences, articles, actor counts) equal, row for row,
#     those of one `dyad ingest` of the same file;
# (f) the same articles published twice are coded once: JetStream drops re-publishes
#     within the duplicate window, workers skip already stored articles after it.
# Usage (from ctest): queue_scale.sh DYAD_BINARY SOURCE_DIR. N: $DYAD_QUEUE_TEST_ARTICLES,
# default 2,000 to keep CI short; DYAD_QUEUE_TEST_ARTICLES=5000 is the issue's full size.
set -euo pipefail
dyad=$1
src=$2
source "$src/tests/lib/queue_env.sh"
n=${DYAD_QUEUE_TEST_ARTICLES:-2000}

gen_articles "$n" "$work/articles.jsonl"
ref=$(new_db ref)
start=$SECONDS
"$dyad" ingest --db "$ref" "$work/articles.jsonl" 2>"$work/ingest.log" || { cat "$work/ingest.log"; fail "ingest"; }
echo "ingest of $n articles: $((SECONDS - start)) s"
dump_rows "$ref" "$work/ref.rows"
[ "$(sql "$ref" "SELECT COUNT(*) FROM mentions")" -gt "$n" ] || fail "the generated articles code too few events"

# (a) publish, re-publish (dropped as duplicates), three workers.
db=$(new_db scale)
"$dyad" publish --nats "$nats" "$work/articles.jsonl" 2>"$work/publish.log" || { cat "$work/publish.log"; fail "publish"; }
grep -q "published $n to dyad-articles, 0 duplicates" "$work/publish.log" || { cat "$work/publish.log"; fail "first publish"; }
"$dyad" publish --nats "$nats" "$work/articles.jsonl" 2>"$work/publish2.log"
grep -q "published 0 to dyad-articles, $n duplicates" "$work/publish2.log" || { cat "$work/publish2.log"; fail "re-publish not deduplicated"; }
start=$SECONDS
for w in 1 2 3; do
  start_worker "w$w" "$work/w$w.log" --db "$db" --exit-when-idle 3
  wpids[$w]=$last_pid
done
wait_pids 600 "${wpids[@]}"
echo "three workers: $((SECONDS - start)) s (including 3 s idle before exit)"
check_exactly_once "$db" "$n"
same_rows "$db" "$work/ref.rows" scale
st=$(status_json --db "$db")
[ "$(json_get "$st" 'd["worker_totals"]["stored"]')" -eq "$n" ] || { echo "$st"; fail "workers did not code each article once"; }
[ "$(json_get "$st" 'd["stream"]["messages"]')" -eq 0 ] || fail "messages left on the stream"
[ "$(json_get "$st" 'len(d["workers"])')" -eq 3 ] || fail "status does not list the three workers"
[ "$(json_get "$st" 'd["store"]["articles"]')" -eq "$n" ] || fail "status store count"
for w in 1 2 3; do
  got=$(json_get "$st" "[w['stored'] for w in d['workers'] if w['name'] == 'w$w'][0]")
  echo "worker w$w stored $got"
  [ "$got" -gt 0 ] || fail "worker w$w got no work"
done
"$dyad" status --nats "$nats" --db "$db"

# (r) re-code December's articles.
want=$(sql "$db" "SELECT COUNT(*) FROM articles WHERE pub_date >= '2024-12-01'")
mentions=$(sql "$db" "SELECT COUNT(*) FROM mentions")
"$dyad" recode --nats "$nats" --stream recode --db "$db" --since 2024-12-01 2>"$work/recode.log"
grep -q "published $want stored articles" "$work/recode.log" || { cat "$work/recode.log"; fail "recode"; }
start_worker r "$work/r.log" --stream recode --db "$db" --exit-when-idle 2
wait_pids 300 "$last_pid"
got=$(json_get "$(status_json --stream recode)" 'd["worker_totals"]["stored"]')
[ "$got" -eq "$want" ] || fail "(r) re-coded $got articles, expected $want"
check_exactly_once "$db" "$n"
[ "$(sql "$db" "SELECT COUNT(*) FROM mentions")" -eq "$mentions" ] || fail "(r) mentions changed"
echo "(r) re-coded $want articles"

# (f) beyond the duplicate window (1 s here), a re-published article reaches a worker,
# which finds it stored and acks it without coding it again.
head -n 50 "$work/articles.jsonl" >"$work/fifty.jsonl"
"$dyad" publish --nats "$nats" --stream again --dedup-window 1 "$work/fifty.jsonl" 2>/dev/null
sleep 1.5
"$dyad" publish --nats "$nats" --stream again "$work/fifty.jsonl" 2>"$work/again.log"
grep -q "published 50 to again, 0 duplicates" "$work/again.log" || { cat "$work/again.log"; fail "window"; }
dbf=$(new_db again)
start_worker f "$work/f.log" --stream again --db "$dbf" --exit-when-idle 2
wait_pids 120 "$last_pid"
st=$(status_json --stream again --db "$dbf")
[ "$(json_get "$st" 'd["worker_totals"]["stored"]')" -eq 50 ] || { echo "$st"; fail "(f) stored"; }
[ "$(json_get "$st" 'd["worker_totals"]["unchanged"]')" -eq 50 ] || { echo "$st"; fail "(f) second copies were coded"; }
check_exactly_once "$dbf" 50
echo "PASS: $n articles coded by three workers exactly once, equal to dyad ingest; duplicates coded once"
