#!/usr/bin/env bash
# Integration test of dyad code / ingest / query / dyad / export on articles written here.
# Usage: code_cli.sh DYAD_BINARY SOURCE_DIR
set -u
dyad=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
cat > "$tmp/a.txt" <<'TXT'
date 2024-03-05 Russian forces shelled Kharkiv on Monday. Ukraine accused Russia of war crimes.
TXT
cat > "$tmp/b.jsonl" <<'TXT'
{"date": "2024-03-06", "title": "t", "text": "The European Union imposed sanctions on Russia.", "source": "Wire", "url": "http://example.test/b"}
{"date": "2024-03-07", "text": "Russia did not withdraw its troops from Ukraine.", "url": "http://example.test/c"}
TXT

"$dyad" code "$tmp/a.txt" "$tmp/b.jsonl" > "$tmp/e.jsonl" 2> "$tmp/e.err"
check "code exit 0" test $? -eq 0
for field in article_id sentence_index sentence_start sentence_end source target cameo root goldstein quad plover modality date reason; do
  check "jsonl has $field" grep -q "\"$field\":" "$tmp/e.jsonl"
done
check "EU sanctions coded 163" grep -q '"code":"IGOEUREEC".*"cameo":"163"' "$tmp/e.jsonl"
check "negation kept as modality" grep -q '"modality":"negated"' "$tmp/e.jsonl"
check "Monday resolved to 2024-03-04" grep -q '"date":"2024-03-04"' "$tmp/e.jsonl"
# Standard input filter and formats.
"$dyad" code --format gdelt < "$tmp/b.jsonl" > "$tmp/g.tsv"
check "gdelt rows have 61 columns" awk -F'\t' 'NF != 61 {bad=1} END {exit bad}' "$tmp/g.tsv"
"$dyad" code --format plover "$tmp/a.txt" > "$tmp/p.jsonl"
check "plover has actor lists" grep -q '"actor":\[' "$tmp/p.jsonl"
"$dyad" code -j 2 "$tmp/a.txt" "$tmp/b.jsonl" > "$tmp/e2.jsonl" 2>/dev/null
check "-j 2 gives the same events in the same order" cmp -s "$tmp/e.jsonl" "$tmp/e2.jsonl"
# Store: ingest twice (idempotent), query, dyad series, export.
"$dyad" ingest --db "$tmp/x.db" "$tmp/a.txt" "$tmp/b.jsonl" 2> "$tmp/i1.err"
check "ingest exit 0" test $? -eq 0
"$dyad" ingest --db "$tmp/x.db" "$tmp/a.txt" "$tmp/b.jsonl" 2> "$tmp/i2.err"
check "second ingest stores nothing new" grep -q "stored 0 new, 0 re-coded, 3 already present" "$tmp/i2.err"
"$dyad" query --db "$tmp/x.db" --cameo 16 --format jsonl > "$tmp/q.jsonl"
check "query by CAMEO prefix" grep -q '"cameo":"163"' "$tmp/q.jsonl"
"$dyad" dyad RUS UKR --db "$tmp/x.db" --by month --format csv > "$tmp/d.csv"
check "dyad series has both directions" grep -q "RUS->UKR" "$tmp/d.csv"
"$dyad" export --db "$tmp/x.db" --format icews > "$tmp/icews.tsv"
check "icews export has 20 columns" awk -F'\t' 'NF != 20 {bad=1} END {exit bad}' "$tmp/icews.tsv"
"$dyad" query --db "$tmp/missing.db" > /dev/null 2>&1
check "query on a missing database exits 1" test $? -eq 1
"$dyad" code --format xml "$tmp/a.txt" > /dev/null 2>&1
check "unknown format exits 2" test $? -eq 2
exit $fail
