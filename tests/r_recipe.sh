#!/usr/bin/env bash
# The R recipe of doc/r.md: examples/r/icews_events.R reads a store `dyad ingest` wrote into an
# icews-shaped data frame; its events must be those `dyad export --format icews` writes.
# Skips (77) when Rscript or the DBI/RSQLite packages are missing.
# Usage: r_recipe.sh DYAD_BINARY SOURCE_DIR
set -u
dyad=$1
src=$2
if ! command -v Rscript >/dev/null 2>&1; then
  echo "skip: Rscript not installed (Debian: r-base-core)"; exit 77
fi
if ! Rscript -e 'suppressPackageStartupMessages({library(DBI); library(RSQLite)})' >/dev/null 2>&1; then
  echo "skip: R packages DBI/RSQLite not installed (Debian: r-cran-dbi r-cran-rsqlite)"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}

"$dyad" ingest --db "$tmp/e.db" "$src"/examples/*.txt 2> "$tmp/ingest.err"
check "ingest exit 0" test $? -eq 0
Rscript "$src/examples/r/icews_events.R" "$tmp/e.db" "$tmp/r.csv" > "$tmp/r.out" 2>&1
check "R script exit 0" test $? -eq 0
cat "$tmp/r.out"
header='"event_id","event_date","source_name","source_sectors","source_country","event_text","cameo_code","intensity","target_name","target_sectors","target_country","story_id","sentence_number","publisher","city","district","province","country","latitude","longitude","year","yearmonth"'
check "icews columns" test "$(head -1 "$tmp/r.csv")" = "$header"
check "event_date is a Date" grep -q 'event_date *: Date' "$tmp/r.out"
check "cameo_code is character" grep -q 'cameo_code *: chr' "$tmp/r.out"
check "yearmonth is integer" grep -q 'yearmonth *: int' "$tmp/r.out"

# Same events as dyad's own ICEWS export: (date, CAMEO code, story, sentence) per row.
"$dyad" export --db "$tmp/e.db" --format icews > "$tmp/icews.tsv"
tail -n +2 "$tmp/icews.tsv" | awk -F'\t' '{print $2 "|" $7 "|" $12 "|" $13}' | sort > "$tmp/want"
Rscript -e 'e <- read.csv(commandArgs(TRUE)[1], colClasses = "character");
            writeLines(paste(e$event_date, e$cameo_code, e$story_id, e$sentence_number, sep = "|"))' \
  "$tmp/r.csv" | sort > "$tmp/got"
check "some events" test -s "$tmp/want"
check "same events as dyad export --format icews" cmp -s "$tmp/want" "$tmp/got"
# CAMEO event names come from dyad's ontology table.
tail -n +2 "$tmp/icews.tsv" | cut -f7 | sort -u > "$tmp/codes"
awk -F'\t' 'NR == FNR {want[$1] = 1; next} ($1 in want) {print $1 "|" $2}' \
  "$tmp/codes" "$src/data/ontology/cameo_events.tsv" | sort -u > "$tmp/names_want"
Rscript -e 'e <- read.csv(commandArgs(TRUE)[1], colClasses = "character");
            writeLines(paste(e$cameo_code, e$event_text, sep = "|"))' "$tmp/r.csv" | sort -u > "$tmp/names_got"
check "event_text is the CAMEO name" cmp -s "$tmp/names_want" "$tmp/names_got"
if [ $fail -ne 0 ]; then
  diff "$tmp/want" "$tmp/got" | head -20
  diff "$tmp/names_want" "$tmp/names_got" | head -20
fi
exit $fail
