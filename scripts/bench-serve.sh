#!/usr/bin/env bash
# Load benchmark of `dyad serve` (not a test): wrk against one-event lookups, filtered event
# pages and dyad series on an existing database; prints requests/s, p50/p99 and peak RSS.
# Usage: scripts/bench-serve.sh DYAD_BINARY DB [SECONDS] [CONNECTIONS]
# A database of >= 1M mentions: `dyad bench store --mentions 1000000 --keep --db DB`.
set -euo pipefail
dyad=$1
db=$2
secs=${3:-15}
conns=${4:-16}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }
tmp=$(mktemp -d)
"$dyad" serve --db "$db" --port 0 --threads "$conns" --no-coder >"$tmp/out" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do grep -q http "$tmp/out" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out")
events=$(curl -s "$base/api/health" | grep -o '"events":[0-9]*' | cut -d: -f2)
echo "dyad serve at $base on $db ($events events), $conns connections, $secs s each"
cat >"$tmp/event.lua" <<LUA
math.randomseed(42)
request = function() return wrk.format("GET", "/api/events/" .. math.random(1, $events)) end
LUA
cat >"$tmp/page.lua" <<'LUA'
local actors = {"RUS", "USA", "UKR", "CHN", "ISR", "IRN", "FRA", "DEU", "GBR", "TUR"}
math.randomseed(7)
request = function()
  local a = actors[math.random(#actors)]
  local q = math.random(1, 4)
  return wrk.format("GET", "/api/events?actor=" .. a .. "&quad=" .. q .. "&limit=50")
end
LUA
cat >"$tmp/dyad.lua" <<'LUA'
local pairs_ = {{"RUS","UKR"}, {"USA","CHN"}, {"ISR","IRN"}, {"USA","RUS"}, {"FRA","DEU"}}
math.randomseed(9)
request = function()
  local p = pairs_[math.random(#pairs_)]
  return wrk.format("GET", "/api/dyad?a=" .. p[1] .. "&b=" .. p[2] .. "&by=month")
end
LUA
for kind in event page dyad; do
  echo "== $kind"
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$tmp/$kind.lua" "$base" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors|requests in"
done
echo "peak RSS: $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}')"
