#!/usr/bin/env bash
# The main job on the example articles: our own examples in examples/, plus the seed
# article from ../shared when it is present.
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${1:-build/dyad}
inputs=(examples/*.txt)
if [ -f ../shared/examples/seed-2025-02-18.txt ]; then
  inputs+=(../shared/examples/seed-2025-02-18.txt)
fi
echo "== dyad sentences: ${inputs[*]}"
"$DYAD" sentences --format tsv "${inputs[@]}"
