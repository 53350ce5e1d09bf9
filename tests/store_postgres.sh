#!/usr/bin/env bash
# Runs the store tests against a real PostgreSQL server started here on 127.0.0.1.
# Usage (from ctest): store_postgres.sh DYAD_BINARY SOURCE_DIR
set -eu
dyad=$1
src=$2
tests_bin="$(dirname "$dyad")/dyad_tests"
dir=$(mktemp -d /tmp/dyad-pg.XXXXXX)
trap '"$src/scripts/pg-test-server" stop "$dir"' EXIT
uri=$("$src/scripts/pg-test-server" start "$dir")
echo "PostgreSQL at $uri"
DYAD_TEST_PG_URI="$uri" "$tests_bin" --gtest_filter='IntegrationPostgres*' 2>&1 | tail -n 30
status=${PIPESTATUS[0]}
exit "$status"
