#!/usr/bin/env bash
# Store scale benchmark on real coded news (issue: Event store, item 6). Not a test.
#   scripts/bench-store-scale.sh [DYAD] [DB] [TARGET_MENTIONS]
# 1. ingests ../shared/news/realtimeqa-2012-2026.jsonl.gz (timed),
# 2. replicates the coded mentions with dates shifted by whole years until there are at
#    least TARGET_MENTIONS (default 1,000,000), as the benchmark allows,
# 3. times a dyad time series and a filtered event query (median of 5 runs each).
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${1:-build/dyad}
DB=${2:-/tmp/dyad-scale.db}
TARGET=${3:-1000000}
CORPUS=../shared/news/realtimeqa-2012-2026.jsonl.gz
[ -f "$CORPUS" ] || { echo "skip: $CORPUS is absent"; exit 0; }
if [ ! -f "$DB" ]; then
  start=$(date +%s.%N)
  "$DYAD" ingest -j "$(nproc)" --db "$DB" "$CORPUS" 2>&1 | tail -n 1
  end=$(date +%s.%N)
  echo "ingest seconds: $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')"
fi
"$DYAD" stats --db "$DB"
n=$(sqlite3 "$DB" "SELECT COUNT(*) FROM mentions")
cols=$(sqlite3 "$DB" "SELECT group_concat(name, ',') FROM pragma_table_info('mentions') WHERE name NOT IN ('id','uid','event_date')")
shift_years=1
while [ "$n" -lt "$TARGET" ]; do
  sqlite3 "$DB" "INSERT INTO mentions (uid, event_date, $cols)
                 SELECT uid || '+$shift_years', date(event_date, '+$shift_years years'), $cols
                 FROM mentions WHERE uid NOT LIKE '%+%';"
  n=$(sqlite3 "$DB" "SELECT COUNT(*) FROM mentions")
  shift_years=$((shift_years + 1))
done
sqlite3 "$DB" "ANALYZE;"
echo "mentions after replication: $n"
size=$(stat -c %s "$DB")
echo "database bytes: $size ($(awk -v s="$size" -v n="$n" 'BEGIN {printf "%.1f", s / 1048576 / (n / 1000000)}') MiB per million mentions)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() {
  for i in 1 2 3 4 5; do
    s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done | median
}
echo "dyad USA RUS --by month: $(timeit "$DYAD" dyad USA RUS --db "$DB" --by month) ms (median of 5, includes process start)"
echo "query --actor RUS --cameo 19 --from 2024-01-01 --to 2024-12-31: $(timeit "$DYAD" query --db "$DB" --actor RUS --cameo 19 --from 2024-01-01 --to 2024-12-31 --format jsonl) ms"
echo "query --text sanctions --limit 100: $(timeit "$DYAD" query --db "$DB" --text sanctions --format jsonl) ms"
echo "process start alone (dyad stats): $(timeit "$DYAD" stats --db "$DB") ms"
