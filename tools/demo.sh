#!/usr/bin/env bash
# make demo: install what is missing, build and install tthc, start a throwaway cluster with
# pg_cron preloaded, create both extensions in a fresh database and print demo/demo.sql's sections
# (the quarter's in a second database); write the HTML pages to demo/out and, when Chromium is
# installed, screenshots of the report and of an apology.  The cluster is removed at exit; any error
# stops the demo with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

DEMO_DB=tthc_demo
QUARTER_DB=tthc_quarter

ensure_packages openssl
find_pg_config
say "building and installing tthc"
make -s >&2
make -s install >&2
started=$SECONDS

cluster_start "$DEMO_DB"
export PGCLIENTENCODING=UTF8
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE $DEMO_DB" -c "CREATE DATABASE $QUARTER_DB"
psql -d "$DEMO_DB" -c "CREATE EXTENSION pg_cron" -c "CREATE EXTENSION tthc"
# the quarter (demo/quarter.sql) plays in a database of its own
psql -d "$QUARTER_DB" -c "CREATE EXTENSION tthc"
# a throwaway Ed25519 key that signs the demo's letters (a real office keeps its key out of the
# database, readable by the server only)
openssl genpkey -algorithm ed25519 -out "$CLUSTER_DIR/letters.pem" 2>/dev/null
chown postgres "$CLUSTER_DIR/letters.pem" 2>/dev/null || true
chmod 600 "$CLUSTER_DIR/letters.pem"
for db in "$DEMO_DB" "$QUARTER_DB"; do
	psql -d postgres -c "ALTER DATABASE $db SET tthc.signing_key_file = '$CLUSTER_DIR/letters.pem'"
done
# the letters' HTML pages go to the output folder
export TTHC_DEMO_OUT=${TTHC_DEMO_OUT:-$PWD/demo/out}
rm -rf "$TTHC_DEMO_OUT"
mkdir -p "$TTHC_DEMO_OUT"
say "running demo/demo.sql; HTML pages in $TTHC_DEMO_OUT"
psql -d "$DEMO_DB" -v outdir="$TTHC_DEMO_OUT" -v quarterdb="$QUARTER_DB" -f demo/demo.sql
# screenshots of the quarter's HTML report and of its printed apology, when Chromium is there
if command -v chromium >/dev/null; then
	tools/browser_check.sh --screenshots "$TTHC_DEMO_OUT" "$TTHC_DEMO_OUT/report-2026-Q1.html" "$TTHC_DEMO_OUT/apology.html"
else
	say "chromium is not installed: no screenshots of the HTML report and the apology (apt-get install chromium)"
fi
say "demo done in $((SECONDS - started)) s after the build; the cluster is removed on exit"
