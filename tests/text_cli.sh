#!/usr/bin/env bash
# Integration test of the text CLI: outputs, exit codes and bad-input behaviour of the
# real binary on inputs written here. Usage: text_cli.sh DYAD_BINARY SOURCE_DIR
set -u
dyad=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}

printf ' date 2025-02-18 Russia and the U.S. met in Riyadh. Ukraine won'"'"'t accept it.\n\nKyiv said so.\n' > "$tmp/seed.txt"

"$dyad" sentences --format jsonl "$tmp/seed.txt" > "$tmp/s.jsonl" 2> "$tmp/s.err"
check "sentences exit 0" test $? -eq 0
check "three sentences" test "$(wc -l < "$tmp/s.jsonl")" -eq 3
# No id in a dateline file: the id is a hash of the text (DeriveArticleId), not the file name.
check "sentence jsonl fields" grep -qE '"article_id":"text:[0-9a-f]{16}","index":1,"start":' "$tmp/s.jsonl"
# Byte offsets point into the article text: the second sentence starts at "Ukraine".
start=$(sed -n 2p "$tmp/s.jsonl" | sed 's/.*"start":\([0-9]*\).*/\1/')
check "offsets are bytes into the text" test "$start" -eq 35

"$dyad" tokens --format conllu "$tmp/seed.txt" > "$tmp/t.conllu"
check "conllu sent_id" grep -qE '^# sent_id = text:[0-9a-f]{16}-0' "$tmp/t.conllu"
check "conllu splits n't with a span" grep -qP "^\d+\tn't\t_\t_\t_\t_\t_\t_\t_\tSpan=" "$tmp/t.conllu"
check "conllu keeps U.S." grep -qP "^\d+\tU\.S\.\t" "$tmp/t.conllu"

# Standard input, and a stream with bad records: exit 0, errors name file:line.
printf '{"date":"2025-01-01","text":"Good."}\n{"date":"2025-02-30","text":"Bad date."}\nnot json\n' > "$tmp/b.jsonl"
"$dyad" sentences --format tsv < "$tmp/b.jsonl" > "$tmp/b.tsv" 2> "$tmp/b.err"
check "bad records: exit 0" test $? -eq 0
check "bad records: good one kept" grep -q 'Good\.' "$tmp/b.tsv"
check "bad records: file:line named" grep -q '<stdin>:2: impossible date 2025-02-30' "$tmp/b.err"
check "bad records: summary" grep -q 'read 1 article, skipped 2' "$tmp/b.err"

# Nothing readable: exit 1. Usage error: exit 2.
"$dyad" sentences "$tmp/does-not-exist.txt" > /dev/null 2>&1
check "missing input: exit 1" test $? -eq 1
"$dyad" tokens --format xml "$tmp/seed.txt" > /dev/null 2>&1
check "bad flag: exit 2" test $? -eq 2
"$dyad" sentences --date 2025-02-30 "$tmp/seed.txt" > /dev/null 2>&1
check "impossible --date: exit 2" test $? -eq 2

# Non-English articles are skipped with a reason.
printf '{"date":"2025-01-01","text":"El gobierno de Espa\\u00f1a anunci\\u00f3 hoy que las negociaciones con los sindicatos continuar\\u00e1n durante la pr\\u00f3xima semana en Madrid, seg\\u00fan fuentes del ministerio de trabajo consultadas por este peri\\u00f3dico, que se\\u00f1alaron que el acuerdo est\\u00e1 cerca."}\n' > "$tmp/es.jsonl"
"$dyad" sentences "$tmp/es.jsonl" > "$tmp/es.out" 2> "$tmp/es.err"
check "spanish skipped" grep -q 'skipped: language es' "$tmp/es.err"
check "spanish produces no sentences" test ! -s "$tmp/es.out"

# --help everywhere.
for c in sentences tokens "eval tokenize" query dyad actors export; do
  "$dyad" $c --help > /dev/null 2>&1
  check "--help: $c" test $? -eq 0
done

# dyad parse keeps the gold tokens of a CoNLL-U file (--input conllu or --conllu).
printf '# sent_id = g1\n# text = Russia attacked Ukraine.\n1\tRussia\t_\t_\t_\t_\t_\t_\t_\t_\n2\tattacked\t_\t_\t_\t_\t_\t_\t_\t_\n3\tUkraine\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$tmp/g.conllu"
"$dyad" parse --input conllu "$tmp/g.conllu" > "$tmp/p.conllu"
check "parse --input conllu exit 0" test $? -eq 0
check "parse keeps the four gold tokens" test "$(grep -cP '^\d+\t' "$tmp/p.conllu")" -eq 4
check "parse fills the root verb" grep -qP '^2\tattacked\tattack\tVERB\tVBD\t_\t0\troot' "$tmp/p.conllu"
"$dyad" parse --conllu "$tmp/g.conllu" | cmp -s - "$tmp/p.conllu"
check "parse --conllu gives the same" test $? -eq 0

exit $fail
