#!/usr/bin/env bash
# Store and CLI hardening (issue 14): export never destroys the database or an existing
# output, bad arguments are errors (exit 2) instead of silently wrong results, full-text
# queries take any text, compiled and empty dictionaries are handled, and an edited article
# re-ingested under a known url is reported.
# Usage: store_cli.sh DYAD_BINARY SOURCE_DIR
set -u
dyad=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DYAD_CACHE_DIR="$tmp/cache"
fail=0
check() {
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
# Runs dyad, keeping its exit code in $rc and its stderr in $tmp/err.
run() { "$dyad" "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?; }
usage_error() {  # NAME PATTERN: exit code 2 and PATTERN in the message
  check "$1: exit 2" test "$rc" -eq 2
  check "$1: says why" grep -q -- "$2" "$tmp/err"
}

# Our examples: one dateline text, and one as JSON Lines with a url (edited further down).
cp "$src/examples/strikes-2025-03-07.txt" "$tmp/a.txt"
python3 - "$src/examples/sanctions-2025-03-24.txt" "$tmp/b.jsonl" <<'PY'
import json, sys
date, text = open(sys.argv[1]).read().split(" ", 2)[1:]
with open(sys.argv[2], "w") as f:
    f.write(json.dumps({"date": date, "text": text, "source": "Wire",
                        "url": "http://example.test/sanctions"}) + "\n")
PY
run ingest --db "$tmp/x.db" "$tmp/a.txt" "$tmp/b.jsonl"
check "ingest exit 0" test "$rc" -eq 0

# --- export
size=$(stat -c %s "$tmp/x.db")
run export --db "$tmp/x.db" --format jsonl -o "$tmp/x.db"
usage_error "export onto its database" "refusing to overwrite"
check "database kept its size" test "$(stat -c %s "$tmp/x.db")" -eq "$size"
check "database passes integrity_check" test "$(sqlite3 "$tmp/x.db" 'PRAGMA integrity_check')" = ok
ln -s "$tmp/x.db" "$tmp/link.db"
run export --db "$tmp/x.db" -o "$tmp/link.db"
usage_error "export onto a symlink to its database" "refusing to overwrite"
run export --db "sqlite:$tmp/x.db" -o "$tmp/x.db-wal"
usage_error "export onto the database's WAL" "refusing to overwrite"
run export --db "$tmp/x.db" --format jsonl -o "$tmp/all.jsonl"
check "export to a file: exit 0" test "$rc" -eq 0
"$dyad" query --db "$tmp/x.db" --limit 0 --format jsonl > "$tmp/q.jsonl" 2>/dev/null
check "export has the rows of query --limit 0" test "$(wc -l < "$tmp/all.jsonl")" -eq "$(wc -l < "$tmp/q.jsonl")"
check "export is not empty" test -s "$tmp/all.jsonl"
check "no temporary file left" test -z "$(ls -A "$tmp" | grep '\.tmp-')"
# A query that fails after the output was opened (a column gone) keeps the old file.
cp "$tmp/x.db" "$tmp/broken.db"
sqlite3 "$tmp/broken.db" 'ALTER TABLE mentions RENAME COLUMN cameo TO cameo_gone'
echo keep > "$tmp/old.tsv"
run export --db "$tmp/broken.db" --format tsv -o "$tmp/old.tsv"
check "failing export: exit != 0" test "$rc" -ne 0
check "failing export: old output kept" test "$(cat "$tmp/old.tsv")" = keep
check "failing export: no temporary file left" test -z "$(ls -A "$tmp" | grep '\.tmp-')"

# --- arguments
run query --db "$tmp/x.db" --from 2025-02-30
usage_error "query --from 2025-02-30" "not a date"
run dyad RUS UKR --db "$tmp/x.db" --from 2025-02-30
usage_error "dyad --from 2025-02-30" "not a date"
run dyad RUS UKR --db "$tmp/x.db" --to 2025-13-01
usage_error "dyad --to 2025-13-01" "not a date"
run dyad RUS UKR --db "$tmp/x.db" --modality bogus
usage_error "dyad --modality bogus" "not one of"
run query --db "$tmp/x.db" --modality bogus
usage_error "query --modality bogus" "not one of"
run query --db "$tmp/x.db" --limit -1
usage_error "query --limit -1" "limit"
run query --db "$tmp/x.db" --offset -5
usage_error "query --offset -5" "offset"
run dyad "" "" --db "$tmp/x.db"
usage_error "dyad with empty actors" "empty actor"
run dyad RUS "" --db "$tmp/x.db"
usage_error "dyad with an empty second actor" "second actor"
run dyad RUS "U K" --db "$tmp/x.db"
usage_error "dyad with a malformed actor" "not a code prefix"
run dyad rus ukr --db "$tmp/x.db" --format csv
check "dyad accepts lower-case codes" grep -q "RUS->UKR\|UKR->RUS" "$tmp/out"
for text in '"' '*' 'NEAR(' 'sanctions"' 'a:b' '-x'; do
  run query --db "$tmp/x.db" --text "$text"
  check "query --text '$text' is not an FTS5 error" test "$rc" -eq 0
done
run query --db "$tmp/x.db" --text 'sanctions' --format jsonl
check "query --text finds the sentence" grep -q '"cameo":"163"' "$tmp/out"

# --- edited article under a known url
sed 's/imposed new sanctions on Russia/imposed more sanctions on Russia/' "$tmp/b.jsonl" > "$tmp/b2.jsonl"
run ingest --db "$tmp/x.db" "$tmp/b2.jsonl"
check "edited article: exit 0" test "$rc" -eq 0
check "edited article is reported" grep -q "changed since it was stored; use --recode" "$tmp/err"
check "edited article is counted" grep -q "1 changed" "$tmp/err"
check "edited article not stored yet" test -z "$(sqlite3 "$tmp/x.db" "SELECT 1 FROM sentences WHERE text LIKE '%more sanctions%'")"
run ingest --db "$tmp/x.db" --recode "$tmp/b2.jsonl"
check "--recode replaces it" grep -q "1 re-coded" "$tmp/err"
check "edited text stored" test -n "$(sqlite3 "$tmp/x.db" "SELECT 1 FROM sentences WHERE text LIKE '%more sanctions%'")"

# --- dictionaries
run dict compile -o "$tmp/d.bin"
check "dict compile: exit 0" test "$rc" -eq 0
run code --dict "$tmp/d.bin" "$tmp/a.txt" "$tmp/b.jsonl"
check "code --dict compiled.bin: exit 0" test "$rc" -eq 0
cp "$tmp/out" "$tmp/compiled.jsonl"
"$dyad" code "$tmp/a.txt" "$tmp/b.jsonl" > "$tmp/builtin.jsonl" 2>/dev/null
check "code --dict compiled.bin codes like its sources" cmp -s "$tmp/compiled.jsonl" "$tmp/builtin.jsonl"
cp "$tmp/d.bin" "$tmp/corrupt.bin"
truncate -s -200 "$tmp/corrupt.bin"
sum=$(sha256sum < "$tmp/corrupt.bin")
run dict check "$tmp/corrupt.bin"
check "dict check corrupt.bin leaves the file as it was" test "$(sha256sum < "$tmp/corrupt.bin")" = "$sum"
check "dict check corrupt.bin says it is not rewritten" grep -q "not rewritten" "$tmp/err"
printf 'DYADDICT\001\002garbage' > "$tmp/garbage.bin"
run code --dict "$tmp/garbage.bin" "$tmp/a.txt"
check "code --dict garbage.bin: exit != 0" test "$rc" -ne 0
check "code --dict garbage.bin names the file" grep -q "garbage.bin" "$tmp/err"
mkdir "$tmp/nodict"
run code --dict "$tmp/nodict" "$tmp/a.txt"
check "empty dictionary set: exit != 0" test "$rc" -ne 0
check "empty dictionary set: says so" grep -q "no verb patterns\|no dictionary\|empty" "$tmp/err"
: > "$tmp/empty.txt"
run code --dict "$tmp/empty.txt" --dict-format dyad "$tmp/a.txt"
usage_error "empty dictionary file" "no verb patterns"
exit $fail
