#!/usr/bin/env bash
# Browser tests of the web page (ctest label `browser`): chromium driven by playwright-core
# against `dyad serve` on 127.0.0.1 (a free port) with a database ingested from examples/.
# Usage: run.sh DYAD_BINARY SOURCE_DIR [ARTIFACT_DIR]   (screenshots go to ARTIFACT_DIR)
# Exit 77 (skip) when chromium, node or node_modules/playwright-core is missing.
set -euo pipefail
dyad=$1
src=$2
artifacts=${3:-$(mktemp -d)}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium is missing (scripts/install-deps installs Debian's chromium)"
  exit 77
fi
if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: node is missing (scripts/install-deps installs nodejs)"
  exit 77
fi
if [ ! -d "$src/node_modules/playwright-core" ]; then
  echo "SKIP: $src/node_modules/playwright-core is missing (run npm ci in $src)"
  exit 77
fi
tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$artifacts"

"$dyad" ingest --db "$tmp/events.db" "$src"/examples/*.txt 2>"$tmp/ingest.err" || {
  cat "$tmp/ingest.err"; echo "FAIL: ingest of examples/"; exit 1; }
"$dyad" serve --db "$tmp/events.db" --port 0 --web-dir "$src/web" --node-modules "$src/node_modules" \
  >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
url=""
for _ in $(seq 1 200); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$tmp/serve.out" 2>/dev/null || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then cat "$tmp/serve.err"; echo "FAIL: dyad serve exited"; exit 1; fi
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.err"; echo "FAIL: dyad serve printed no address"; exit 1; }
echo "dyad serve at $url"
status=0
CHROMIUM="$chromium" node "$src/tests/browser/views.mjs" "$url" "$artifacts" "$tmp/profile" || status=$?
if [ "$status" -ne 0 ]; then echo "--- dyad serve stderr"; cat "$tmp/serve.err"; fi
exit "$status"
