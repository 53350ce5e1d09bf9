# Helpers for the store integration scripts (sourced): a small corpus written from our
# examples/, and a canonical dump of a database that does not depend on row ids.

# store_corpus SRC OUT COPIES [TAG]: JSON Lines, COPIES articles per example, each with its
# own url and a date shifted by whole days (so mentions of one dyad fall into several
# events and some merge). TAG makes the urls of two corpora distinct.
store_corpus() {
  python3 - "$1" "$2" "$3" "${4:-x}" <<'PY'
import datetime, glob, json, os, sys
src, out, copies, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with open(out, "w") as f:
    for path in sorted(glob.glob(os.path.join(src, "examples", "*.txt"))):
        head, text = open(path).read().split(" ", 2)[1:]
        day = datetime.date.fromisoformat(head)
        name = os.path.basename(path)[:-4]
        for i in range(copies):
            f.write(json.dumps({"date": (day + datetime.timedelta(days=i)).isoformat(),
                                "source": "outlet%d" % (i % 3), "text": text,
                                "url": "http://corpus.test/%s/%s/%d" % (tag, name, i)}) + "\n")
PY
}

# The SQL of store_dump: every stored fact, events named by their smallest mention uid.
store_dump_sql() {
  cat <<'SQL'
SELECT 'A', article_id, COALESCE(url, ''), content_hash, num_sentences, text_len FROM articles ORDER BY 2;
SELECT 'S', a.article_id, s.idx, s.start_byte, s.end_byte FROM sentences s JOIN articles a ON a.id = s.article ORDER BY 2, 3;
SELECT 'M', m.uid, a.article_id, m.cameo, m.event_date, m.source_code, m.target_code, (SELECT MIN(m2.uid) FROM mentions m2 WHERE m2.event = m.event) FROM mentions m JOIN articles a ON a.id = m.article ORDER BY 2;
SELECT 'E', (SELECT MIN(m2.uid) FROM mentions m2 WHERE m2.event = e.id), e.num_mentions, e.num_sources, e.num_articles, e.first_seen, (SELECT uid FROM mentions WHERE id = e.representative), e.cameo, e.event_date FROM events e ORDER BY 2;
SELECT 'C', code, text, mentions FROM actors ORDER BY 2, 3;
SQL
}

# store_dump DB: canonical dump of a SQLite file or a postgresql:// database on stdout.
store_dump() {
  case "$1" in
    postgres*) store_dump_sql | psql -X -q -At -F '|' "$1" ;;
    *) store_dump_sql | sqlite3 -separator '|' "$1" ;;
  esac
}

# shared_store_test NAME DEFAULT_N DYAD_BINARY SOURCE_DIR [N]: the start of the scripts that
# read real news from ../shared: sets dyad, src, n (records to read), news (the file; the test
# is skipped, exit 77, when the reference data is absent) and tmp (a temp dir, removed on
# exit, that the PostgreSQL server's user can enter), with the dictionary cache in it.
shared_store_test() {
  dyad=$3
  src=$4
  n=${5:-$2}
  news="$src/../shared/news/conflict-timelines-2005-2013.jsonl"
  if [ ! -r "$news" ]; then
    echo "skip: $news is absent (reference data in ../shared)"
    exit 77
  fi
  tmp=$(mktemp -d "/tmp/dyad-$1.XXXXXX")
  chmod 755 "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  export DYAD_CACHE_DIR="$tmp/cache"
}
