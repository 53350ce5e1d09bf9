#!/usr/bin/env bash
# An edited article re-published under a stored id (same url, new text) is not silently
# acked as "already stored": the worker logs it, counts it as changed in its record
# (`dyad status`), and keeps the stored text.
# Real nats-server and PostgreSQL on 127.0.0.1 (tests/lib/queue_env.sh).
# Usage (from ctest): queue_changed.sh DYAD_BINARY SOURCE_DIR
set -euo pipefail
dyad=$1
src=$2
source "$src/tests/lib/queue_env.sh"

db=$(new_db changed)
url=https://example.test/story-1
printf '{"date":"2024-03-01","url":"%s","text":"Russia accused Ukraine of shelling Kharkiv on Monday."}\n' \
  "$url" >"$work/first.jsonl"
printf '{"date":"2024-03-01","url":"%s","text":"Russia accused Ukraine of shelling Kharkiv and Sumy on Monday."}\n' \
  "$url" >"$work/edited.jsonl"
# Both records get one id (url: + fingerprint of the url), so the edit is published after
# the stream's duplicate window (1 s) has forgotten the first.
"$dyad" publish --nats "$nats" --stream changed --dedup-window 1 "$work/first.jsonl" 2>"$work/p1.log" ||
  { cat "$work/p1.log"; fail "publish"; }
start_worker w1 "$work/w1.log" --stream changed --db "$db" --exit-when-idle 2
wait_pids 120 "$last_pid"
before=$(sql "$db" "SELECT content_hash FROM articles WHERE url = '$url'")
[ -n "$before" ] || { cat "$work/w1.log"; fail "first version not stored"; }
sleep 2
"$dyad" publish --nats "$nats" --stream changed "$work/edited.jsonl" 2>"$work/p2.log" ||
  { cat "$work/p2.log"; fail "publish edited"; }
grep -q "published 1 " "$work/p2.log" || { cat "$work/p2.log"; fail "edited article not published"; }
start_worker w2 "$work/w2.log" --stream changed --db "$db" --exit-when-idle 2
wait_pids 120 "$last_pid"
grep -q "changed since it was stored" "$work/w2.log" || { cat "$work/w2.log"; fail "no log line for the changed article"; }
echo "ok   worker log: $(grep -m1 'changed since it was stored' "$work/w2.log")"
st=$(status_json --stream changed)
changed=$(json_get "$st" 'sum(w["changed"] for w in d["workers"] if w["name"] == "w2")')
unchanged=$(json_get "$st" 'sum(w["unchanged"] for w in d["workers"] if w["name"] == "w2")')
[ "$changed" -eq 1 ] && [ "$unchanged" -eq 0 ] || { echo "$st"; fail "w2 record: $changed changed, $unchanged unchanged"; }
echo "ok   worker record: changed 1, unchanged 0"
"$dyad" status --nats "$nats" --stream changed | grep -q "1 changed (not replaced)" ||
  fail "dyad status does not show the changed article"
after=$(sql "$db" "SELECT content_hash FROM articles WHERE url = '$url'")
[ "$before" = "$after" ] || fail "the stored text was replaced without recode"
echo "ok   stored text kept"
echo "PASS"
