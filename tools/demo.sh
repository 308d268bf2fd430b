#!/usr/bin/env bash
# make demo: install what is missing, build and install tthc, start a throwaway cluster with
# pg_cron preloaded, create both extensions in a fresh database and print demo/demo.sql's sections.
# The cluster is removed at exit; any error stops the demo with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

DEMO_DB=tthc_demo

ensure_packages
find_pg_config
say "building and installing tthc"
make -s >&2
make -s install >&2

cluster_start "$DEMO_DB"
export PGCLIENTENCODING=UTF8
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE $DEMO_DB"
psql -d "$DEMO_DB" -c "CREATE EXTENSION pg_cron" -c "CREATE EXTENSION tthc"
say "running demo/demo.sql"
psql -d "$DEMO_DB" -f demo/demo.sql
