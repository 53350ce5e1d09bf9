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
echo "== dyad sentences (article, sentence index, byte span, text)"
"$DYAD" sentences --format tsv "${inputs[@]}" | cut -c1-160
echo
echo "== dyad tokens, first sentence of each article (CoNLL-U with byte spans)"
for f in "${inputs[@]}"; do
  "$DYAD" tokens --format conllu "$f" | awk 'BEGIN{RS=""; ORS="\n\n"} NR==1'
done
