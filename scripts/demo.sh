#!/usr/bin/env bash
# The main job on the example articles (examples/, plus the seed article from ../shared
# when present): code them into events, store them, and show a dyad time series.
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${1:-build/dyad}
inputs=(examples/*.txt)
if [ -f ../shared/examples/seed-2025-02-18.txt ]; then
  inputs+=(../shared/examples/seed-2025-02-18.txt)
fi
db=$(mktemp -d)/demo.db
echo "== dyad code --format table ${inputs[*]}"
"$DYAD" code --format table "${inputs[@]}"
echo
echo "== dyad ingest --db $db (SQLite, deduplicated)"
"$DYAD" ingest --db "$db" "${inputs[@]}"
"$DYAD" stats --db "$db"
echo
echo "== dyad dyad RUS USA --by month"
"$DYAD" dyad RUS USA --db "$db" --by month
echo
echo "== dyad query --actor UKR (with the sentence that is the evidence)"
"$DYAD" query --db "$db" --actor UKR --limit 10
echo
# The analyst's page on the demo database (search, event evidence, dyad, network, map, live coding).
port=${DYAD_DEMO_PORT:-8080}
echo "== dyad serve --db $db: open http://127.0.0.1:$port/ in a browser (Ctrl-C stops it)"
exec "$DYAD" serve --db "$db" --port "$port"
