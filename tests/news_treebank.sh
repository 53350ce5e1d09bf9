#!/usr/bin/env bash
# Parser accuracy on the news treebank (testdata/news-treebank): rebuilds the CoNLL-U from
# ../shared/news with scripts/news-treebank-unpack, then runs dyad eval parse with and
# without --units. Skipped (77) when ../shared/news is absent: the text is not in the repo.
# Usage: news_treebank.sh DYAD_BINARY SOURCE_DIR
set -u
dyad=$1
src=$2
shared=${DYAD_SHARED:-$src/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
# Floors: UAS measured when the treebank was last extended, minus 2 points.
expected_sentences=$(grep -c . "$src/testdata/news-treebank/dev.jsonl")
uas_floor=82.5
uas_floor_units=83.0

if [ ! -d "$shared/news" ]; then
  echo "skip: $shared/news absent (the treebank's text is read from ../shared/news, not stored in the repo)"
  exit 77
fi
python3 "$src/scripts/news-treebank-unpack" --shared "$shared" "$tmp/news.conllu" 2> "$tmp/unpack.err"
rc=$?
if [ $rc -eq 77 ]; then cat "$tmp/unpack.err"; exit 77; fi
check "unpack exit 0" test $rc -eq 0 || cat "$tmp/unpack.err"
n=$(grep -c '^# sent_id' "$tmp/news.conllu")
check "unpacked $n sentences, expected $expected_sentences" test "$n" -eq "$expected_sentences"
check "at least 200 sentences" test "$expected_sentences" -ge 200

uas_of() { sed -n 's/.* UAS \([0-9.]*\) .*/\1/p' "$1" | tail -1; }
above() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a != "" && a + 0 >= b + 0)}'; }
"$dyad" eval parse "$tmp/news.conllu" > "$tmp/plain.txt" 2>&1
check "eval parse exit 0" test $? -eq 0
uas=$(uas_of "$tmp/plain.txt")
echo "     UAS $uas (floor $uas_floor)"
check "UAS >= $uas_floor" above "$uas" "$uas_floor"
"$dyad" eval parse --units "$tmp/news.conllu" > "$tmp/units.txt" 2>&1
check "eval parse --units exit 0" test $? -eq 0
uas_u=$(uas_of "$tmp/units.txt")
echo "     UAS --units $uas_u (floor $uas_floor_units)"
check "UAS --units >= $uas_floor_units" above "$uas_u" "$uas_floor_units"
check "both runs scored every word" test "$(grep -o '[0-9]* words' "$tmp/plain.txt" | tail -1)" = "$(grep -o '[0-9]* words' "$tmp/units.txt" | tail -1)"
exit $fail
