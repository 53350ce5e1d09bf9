#!/usr/bin/env bash
# A full `dyad ingest --recode` must leave the store as a fresh ingest of the same articles
# leaves it: the same articles, mentions, event grouping, counts and representatives
# (canonical dump, tests/lib/store_corpus.sh). Measured on real news from ../shared; skips
# (exit 77) without it.
# Usage: store_recode_shared.sh DYAD_BINARY SOURCE_DIR [ARTICLES]
set -u
. "$2/tests/lib/store_corpus.sh"
shared_store_test recode 400 "$@"
head -n "$n" "$news" > "$tmp/news.jsonl"
fail=0
"$dyad" ingest -j 2 --db "$tmp/fresh.db" "$tmp/news.jsonl" 2> "$tmp/fresh.err" || { cat "$tmp/fresh.err"; exit 1; }
tail -n 1 "$tmp/fresh.err"
store_dump "$tmp/fresh.db" > "$tmp/fresh.dump"
cp "$tmp/fresh.db" "$tmp/recoded.db"
"$dyad" ingest -j 2 --recode --db "$tmp/recoded.db" "$tmp/news.jsonl" 2> "$tmp/recode.err" || { cat "$tmp/recode.err"; exit 1; }
tail -n 1 "$tmp/recode.err"
store_dump "$tmp/recoded.db" > "$tmp/recoded.dump"
events=$(grep -c '^E|' "$tmp/fresh.dump")
differ=$(diff <(grep '^E|' "$tmp/fresh.dump") <(grep '^E|' "$tmp/recoded.dump") | grep -c '^>')
moved=$(diff <(grep '^M|' "$tmp/fresh.dump") <(grep '^M|' "$tmp/recoded.dump") | grep -c '^>')
echo "$n articles, $(grep -c '^M|' "$tmp/fresh.dump") mentions, $events events;" \
     "after --recode: $differ events and $moved mentions grouped differently"
if cmp -s "$tmp/fresh.dump" "$tmp/recoded.dump"; then
  echo "ok   --recode equals the fresh ingest"
else
  echo "FAIL --recode differs from the fresh ingest"
  diff "$tmp/fresh.dump" "$tmp/recoded.dump" | head -n 20
  fail=1
fi
exit $fail
