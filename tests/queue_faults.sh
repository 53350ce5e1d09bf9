#!/usr/bin/env bash
# Scale-out under faults, real nats-server (JetStream, file storage) and PostgreSQL on
# 127.0.0.1. After each fault every article is stored exactly once and the stored rows
# equal, row for row, those of one `dyad ingest` of the same file:
# (b) kill -9 of a worker mid-batch: its unacknowledged articles go to the other workers;
# (c) PostgreSQL restarted mid-run (down 3 s): workers retry with backoff and finish;
# (d) poison messages (invalid JSON, bad date, over-size, coder failure) go to the
#     dead-letter subject with their reason after N deliveries; the rest are coded;
# (e) nats-server killed (-9) and restarted mid-run: nothing lost;
# (s) SIGTERM: the worker finishes the article in hand, naks the fetched rest at once
#     (nothing waits for the ack timeout) and exits 0.
# Usage (from ctest): queue_faults.sh DYAD_BINARY SOURCE_DIR. N: $DYAD_QUEUE_FAULT_ARTICLES.
set -euo pipefail
dyad=$1
src=$2
source "$src/tests/lib/queue_env.sh"
n=${DYAD_QUEUE_FAULT_ARTICLES:-1000}

gen_articles "$n" "$work/articles.jsonl" fault
ref=$(new_db ref)
"$dyad" ingest --db "$ref" "$work/articles.jsonl" 2>"$work/ingest.log" || { cat "$work/ingest.log"; fail "ingest"; }
dump_rows "$ref" "$work/ref.rows"

publish() {  # publish STREAM FILE
  "$dyad" publish --nats "$nats" --stream "$1" "$2" 2>"$work/publish.$1.log" ||
    { cat "$work/publish.$1.log"; fail "publish to $1"; }
}

# (b) The victim works alone first, with a batch of 50 fetched at once, so that when it is
# killed every unacknowledged message on the consumer is one it held.
db=$(new_db killed)
publish killed "$work/articles.jsonl"
start_worker victim "$work/victim.log" --stream killed --db "$db" --batch 50 --ack-wait 3
victim=$last_pid
wait_count "$db" "SELECT COUNT(*) FROM articles" 20 120
kill -9 "$victim"
wait "$victim" 2>/dev/null || true
held=$(json_get "$(status_json --stream killed)" 'd["consumer"]["ack_pending"]')
echo "(b) killed the victim holding $held unacknowledged messages"
for w in 1 2; do
  start_worker "b$w" "$work/b$w.log" --stream killed --db "$db" --ack-wait 3 --exit-when-idle 3
  bpids[$w]=$last_pid
done
wait_pids 300 "${bpids[@]}"
check_exactly_once "$db" "$n"
same_rows "$db" "$work/ref.rows" killed
st=$(status_json --stream killed)
redelivered=$(json_get "$st" 'sum(w["redelivered"] for w in d["workers"] if w["name"] != "victim")')
[ "$redelivered" -ge "$held" ] || { echo "$st"; fail "(b) $held held, $redelivered redelivered"; }
echo "(b) PASS: $redelivered redelivered to the other workers, nothing lost or duplicated"

# (c) PostgreSQL goes down for 3 s while two workers write.
db=$(new_db pgrestart)
publish pgrestart "$work/articles.jsonl"
for w in 1 2; do
  start_worker "c$w" "$work/c$w.log" --stream pgrestart --db "$db" --exit-when-idle 3
  cpids[$w]=$last_pid
done
wait_count "$db" "SELECT COUNT(*) FROM articles" $((n / 5)) 120
"$src/scripts/pg-test-server" restart "$work/pg" 3
echo "(c) PostgreSQL restarted at $(sql "$db" "SELECT COUNT(*) FROM articles") articles"
wait_pids 300 "${cpids[@]}"
check_exactly_once "$db" "$n"
same_rows "$db" "$work/ref.rows" pgrestart
retries=$(json_get "$(status_json --stream pgrestart)" 'd["worker_totals"]["db_retries"]')
[ "$retries" -gt 0 ] || fail "(c) no database retry seen"
echo "(c) PASS: $retries database retries, nothing lost or duplicated"

# (e) nats-server killed and restarted (file storage) while two workers run.
db=$(new_db natsrestart)
publish natsrestart "$work/articles.jsonl"
for w in 1 2; do
  start_worker "e$w" "$work/e$w.log" --stream natsrestart --db "$db" --exit-when-idle 3 --ack-wait 5
  epids[$w]=$last_pid
done
wait_count "$db" "SELECT COUNT(*) FROM articles" $((n / 5)) 120
"$src/scripts/nats-test-server" restart "$work/nats" --hard
echo "(e) nats-server restarted at $(sql "$db" "SELECT COUNT(*) FROM articles") articles"
wait_pids 300 "${epids[@]}"
check_exactly_once "$db" "$n"
same_rows "$db" "$work/ref.rows" natsrestart
echo "(e) PASS: nothing lost or duplicated"

# (s) SIGTERM mid-batch (50 fetched at once). The ack wait is 600 s: returned messages
# that were not nak'ed would reach the next worker only after the 300 s the test waits.
db=$(new_db term)
publish term "$work/articles.jsonl"
start_worker s1 "$work/s1.log" --stream term --db "$db" --batch 50 --ack-wait 600
s1=$last_pid
wait_count "$db" "SELECT COUNT(*) FROM articles" 20 120
kill -TERM "$s1"
wait_pids 60 "$s1"
st=$(status_json --stream term)
[ "$(json_get "$st" 'd["workers"][0]["state"]')" = stopped ] || { echo "$st"; fail "(s) worker state"; }
returned=$(json_get "$st" 'd["workers"][0]["returned"]')
start_worker s2 "$work/s2.log" --stream term --db "$db" --ack-wait 600 --exit-when-idle 3
wait_pids 300 "$last_pid"
check_exactly_once "$db" "$n"
same_rows "$db" "$work/ref.rows" term
st=$(status_json --stream term)
redelivered=$(json_get "$st" '[w["redelivered"] for w in d["workers"] if w["name"] == "s2"][0]')
[ "$redelivered" -ge "$returned" ] || { echo "$st"; fail "(s) $returned returned, $redelivered redelivered"; }
echo "(s) PASS: SIGTERM returned $returned fetched messages at once, nothing lost or duplicated"

# (d) Poison among good articles. Raw messages come in over the NATS protocol itself, as
# any producer could send them.
raw_publish() {  # raw_publish SUBJECT PAYLOAD (ASCII)
  exec 3<>"/dev/tcp/127.0.0.1/${nats##*:}"
  local line
  read -r line <&3
  printf 'CONNECT {"verbose":false,"pedantic":false}\r\nPUB %s %d\r\n%s\r\nPING\r\n' "$1" "${#2}" "$2" >&3
  read -r line <&3
  exec 3<&-
  [[ $line == PONG* ]] || fail "raw publish: $line"
}
db=$(new_db poison)
head -n 20 "$work/articles.jsonl" >"$work/good.jsonl"
publish poison "$work/good.jsonl"
raw_publish poison '{"id": "broken-1", "text": "Russia accused'
raw_publish poison '{"id": "baddate-1", "date": "2024-02-30", "text": "Russia accused Ukraine on Monday."}'
big=$(printf 'Russia accused Ukraine of shelling the city on Monday, officials said. %.0s' $(seq 1 80))
printf '{"id":"big-1","date":"2024-03-01","text":"%s"}\n' "$big" >"$work/big.jsonl"
publish poison "$work/big.jsonl"
printf '{"id":"french-1","date":"2024-03-01","text":"%s"}\n' \
  "Le gouvernement français a annoncé mardi de nouvelles mesures pour soutenir les agriculteurs, après plusieurs semaines de manifestations dans tout le pays. Les syndicats ont salué une première étape mais demandent davantage." \
  >"$work/french.jsonl"
publish poison "$work/french.jsonl"
start_worker d "$work/d.log" --stream poison --db "$db" -j 2 --max-deliveries 2 \
  --max-article-bytes 4000 --exit-when-idle 3
wait_pids 120 "$last_pid"
check_exactly_once "$db" 20
st=$(status_json --stream poison --dead 10)
[ "$(json_get "$st" 'd["dead_letters"]["count"]')" -eq 4 ] || { echo "$st"; fail "(d) expected 4 dead letters"; }
reasons=$(json_get "$st" '"\n".join(x["reason"] for x in d["dead_letters"]["recent"])')
for want in "invalid JSON" "article baddate-1: bad date" "over-size article" "coder: "; do
  grep -qF "$want" <<<"$reasons" || { echo "$reasons"; cat "$work/d.log"; fail "(d) no dead letter with reason '$want'"; }
done
[ "$(json_get "$st" 'min(x["deliveries"] for x in d["dead_letters"]["recent"])')" -eq 2 ] ||
  fail "(d) dead-lettered before 2 deliveries"
grep -q "dead letter after 2 deliveries" "$work/d.log" || fail "(d) worker log"
"$dyad" status --nats "$nats" --stream poison --db "$db"
echo "(d) PASS: 4 poison messages in the dead letters with their reasons, 20 articles stored"
