#!/usr/bin/env bash
# `dyad serve` API: results and bad input (400 naming the parameter, 404, 413 over the size
# limit, 401/403 for ingest without a token), against a database of examples/.
# Usage: serve_api.sh DYAD_BINARY SOURCE_DIR
set -euo pipefail
dyad=$1
src=$2
command -v curl >/dev/null || { echo "SKIP: curl is missing"; exit 77; }
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fails=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }

"$dyad" ingest --db "$tmp/events.db" "$src"/examples/*.txt 2>/dev/null

# Starts `dyad serve` with extra flags; sets $base.
start() {
  local out="$tmp/serve$#.$RANDOM"
  "$dyad" serve --db "$tmp/events.db" --port 0 "$@" >"$out" 2>"$out.err" &
  pids+=($!)
  base=""
  for _ in $(seq 1 200); do
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$out" 2>/dev/null || true)
    [ -n "$base" ] && return 0
    sleep 0.1
  done
  cat "$out.err"; echo "FAIL: dyad serve did not start"; exit 1
}

# expect NAME STATUS BODY_REGEX curl-args...
expect() {
  local name=$1 want=$2 re=$3
  shift 3
  local code
  code=$(curl -s -o "$tmp/body" -w '%{http_code}' "$@" || true)
  if [ "$code" = "$want" ] && grep -Eq -- "$re" "$tmp/body"; then pass "$name"; else
    fail "$name: HTTP $code, body: $(head -c 300 "$tmp/body")"; fi
}

start --max-code-bytes 2000
expect health 200 '"status":"ok"' "$base/api/health"
expect "events page" 200 '"events":\[\{' "$base/api/events?limit=5"
expect "actor filter" 200 '"code":"RUS' "$base/api/events?actor=rus&limit=3"
expect "bad quad -> 400" 400 "quad: '7' is not 1-4" "$base/api/events?quad=7"
expect "bad date -> 400" 400 "from: '2025-13-01' is not a date" "$base/api/events?from=2025-13-01"
expect "from after to -> 400" 400 "is after to" "$base/api/events?from=2025-05-01&to=2025-01-01"
expect "unknown parameter -> 400" 400 "unknown parameter 'quadd'" "$base/api/events?quadd=1"
expect "bad sort -> 400" 400 "sort: 'size'" "$base/api/events?sort=size"
expect "bad cursor -> 400" 400 "cursor:" "$base/api/events?cursor=zzz"
expect "cursor of another sort -> 400" 400 "another sort" "$base/api/events?cursor=d2025-01-01~5&sort=date_asc"
expect "bad limit -> 400" 400 "limit: '0'" "$base/api/events?limit=0"
expect "bad modality -> 400" 400 "modality" "$base/api/events?modality=maybe"
expect "full-text query with a lone quote is searched as text" 200 "\"events\":" "$base/api/events?text=%22unbalanced"
expect "missing event -> 404" 404 "no event 999999" "$base/api/events/999999"
expect "unknown endpoint -> 404" 404 "no such endpoint" "$base/api/nothing"
expect "dyad without b -> 400" 400 "a and b are required" "$base/api/dyad?a=RUS"
expect "dyad series" 200 '"direction":"UKR->RUS"' "$base/api/dyad?a=RUS&b=UKR&by=week"
expect "network" 200 '"edges":\[\{' "$base/api/network"
expect "places" 200 '"precision":"point"' "$base/api/places"
expect "actors lookup" 200 '"code":"RUS' "$base/api/actors?q=russia"
expect "top actors for a filter" 200 '"as_source"' "$base/api/actors?quad=4"
expect "codebook" 200 '"code":"036"' "$base/api/codebook"
expect "openapi" 200 '"openapi": "3.0.3"' "$base/api/openapi.json"
expect "bad export format -> 400" 400 "format: 'xls'" "$base/api/export?format=xls"
expect "over-size code -> 413" 413 "exceeds the 2000-byte limit" -X POST -H 'Content-Type: application/json' \
  --data-binary "{\"text\": \"$(head -c 3000 /dev/zero | tr '\0' a)\"}" "$base/api/code"
expect "code without text -> 400" 400 "'text' is missing" -X POST -d '{"date":"2025-01-01"}' "$base/api/code"
expect "code bad JSON -> 400" 400 "not JSON" -X POST -d '{text' "$base/api/code"
expect "live coding" 200 '"cameo":"' -X POST -d '{"text":"Russia condemned the sanctions imposed by the European Union.","date":"2025-03-24"}' "$base/api/code"
expect "ingest when read-only -> 403" 403 "ingestion is disabled" -X POST -d '{"text":"x"}' "$base/api/ingest"

# Cursor paging: pages do not overlap and together give every mention exactly once.
total=$(curl -s "$base/api/events/count" | grep -o '"count":[0-9]*' | cut -d: -f2)
cursor=""; seen=0; : >"$tmp/ids"
for _ in $(seq 1 100); do
  curl -s "$base/api/events?limit=7&sort=goldstein_asc${cursor:+&cursor=$cursor}" >"$tmp/page"
  grep -o '"mention_id":[0-9]*' "$tmp/page" >>"$tmp/ids" || true
  cursor=$(grep -o '"next_cursor":"[^"]*"' "$tmp/page" | cut -d'"' -f4 || true)
  [ -z "$cursor" ] && break
done
if [ "$(wc -l <"$tmp/ids")" = "$total" ] && [ "$(sort -u "$tmp/ids" | wc -l)" = "$total" ]; then
  pass "cursor paging covers $total mentions once"; else fail "cursor paging: $(wc -l <"$tmp/ids") rows, $total expected"; fi

# Streamed CSV export: a header and one line per mention (no embedded newlines in examples).
curl -s -D "$tmp/headers" "$base/api/export?format=csv" >"$tmp/export.csv"
lines=$(wc -l <"$tmp/export.csv")
if grep -qi 'transfer-encoding: chunked' "$tmp/headers" && [ "$lines" = "$((total + 1))" ]; then
  pass "CSV export streamed ($lines lines)"; else fail "CSV export: $lines lines for $total mentions"; fi

# Ingestion: token required.
printf 'a-test-token-0123456789\n' >"$tmp/token"
if "$dyad" serve --db "$tmp/events.db" --port 0 --allow-ingest >/dev/null 2>"$tmp/err"; then
  fail "serve --allow-ingest without --token-file started"; else pass "serve --allow-ingest needs --token-file"; fi
start --allow-ingest --token-file "$tmp/token"
article='{"text":"Egypt hosted talks between Israel and Hamas in Cairo on Monday.","date":"2025-02-03","source":"Test Wire"}'
expect "ingest without token -> 401" 401 "Authorization: Bearer" -X POST -d "$article" "$base/api/ingest"
expect "ingest with a wrong token -> 401" 401 "not the server's token" -X POST -H 'Authorization: Bearer wrong-token-0000000000' -d "$article" "$base/api/ingest"
expect "ingest with the token" 200 '"added":1' -X POST -H 'Authorization: Bearer a-test-token-0123456789' -d "$article" "$base/api/ingest"
expect "ingested article is queryable" 200 '"outlet":"Test Wire"' "$base/api/events?outlet=Test%20Wire"
auth='Authorization: Bearer a-test-token-0123456789'
expect "ingest again: unchanged, not coded" 200 '"unchanged":1' -X POST -H "$auth" -d "$article" "$base/api/ingest"
with_url='{"text":"Egypt hosted talks between Israel and Hamas in Cairo on Monday.","date":"2025-02-03","source":"Test Wire","url":"https://example.test/edited"}'
edited='{"text":"Qatar hosted talks between Israel and Hamas in Doha on Tuesday.","date":"2025-02-03","source":"Test Wire","url":"https://example.test/edited"}'
expect "ingest an article with a url" 200 '"added":1' -X POST -H "$auth" -d "$with_url" "$base/api/ingest"
expect "edited text under a stored url is reported changed" 200 '"changed":\[\{"id":"url:' -X POST -H "$auth" -d "$edited" "$base/api/ingest"
expect "  and not replaced" 200 '"added":0,' -X POST -H "$auth" -d "$edited" "$base/api/ingest"
expect "  recode replaces it" 200 '"replaced":1' -X POST -H "$auth" -d "$edited" "$base/api/ingest?recode=1"
expect "  then it is the stored text" 200 '"unchanged":1' -X POST -H "$auth" -d "$edited" "$base/api/ingest"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
