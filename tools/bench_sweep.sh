#!/usr/bin/env bash
# The sweep benchmark, run by make bench (tools/bench.sh) on its cluster, or alone on a throwaway
# cluster of its own (the extension installed): a sweep over BENCH_SWEEP_ROWS (default 1,000,000)
# open dossiers of which BENCH_SWEEP_OVERDUE (default 10,000) are newly overdue, the same sweep again
# (nothing new to notice), then the same with the table doubled.  The data is loaded in bulk with the
# write guards opened (bench/sweep_setup.sql); bench/sweep_time.sql times one sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

ROWS=${BENCH_SWEEP_ROWS:-1000000}
OVERDUE=${BENCH_SWEEP_OVERDUE:-10000}
for v in "$ROWS" "$OVERDUE"; do
	[[ $v =~ ^[1-9][0-9]*$ ]] || die "BENCH_SWEEP_ROWS and BENCH_SWEEP_OVERDUE must be whole numbers above 0"
done
[ "$OVERDUE" -le "$ROWS" ] || die "BENCH_SWEEP_OVERDUE must not exceed BENCH_SWEEP_ROWS"
find_pg_config
[ -n "${PGHOST:-}" ] && [ -n "${PGPORT:-}" ] || cluster_start tthc_sweep

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'DROP DATABASE IF EXISTS tthc_sweep' -c 'CREATE DATABASE tthc_sweep'
psql -X -q -v ON_ERROR_STOP=1 -d tthc_sweep -c 'CREATE EXTENSION tthc'
run() { psql -X -q -At -v ON_ERROR_STOP=1 -v rows="$ROWS" -v overdue="$OVERDUE" -d tthc_sweep "$@"; }
load() {
	local t0=$SECONDS
	run -v batch="$1" -f bench/sweep_setup.sql >/dev/null
	say "sweep: $(run -c 'SELECT count(*) FROM tthc.dossier') open dossiers loaded in $((SECONDS - t0)) s"
}
# milliseconds of one sweep; checks the notices it gave
sweep() {
	local out
	out=$(run -f bench/sweep_time.sql)
	[ "${out#*|}" = "$1|0" ] || die "the sweep gave ${out#*|} (overdue|other) notices, not $1|0"
	echo "${out%%|*}"
}

load 1
first=$(sweep "$OVERDUE")
first_none=$(sweep 0)
load 2
second=$(sweep "$OVERDUE")
second_none=$(sweep 0)
checked=$(run -c "SELECT count(*) FROM tthc.dossier d WHERE d.legal_due_at < '2026-03-10 10:00+07'
	AND (SELECT count(*) FROM tthc.notice n WHERE n.dossier = d.id AND n.kind = 'overdue') = 1")
[ "$checked" = $((2 * OVERDUE)) ] || die "$checked overdue dossiers have one overdue notice, not $((2 * OVERDUE))"

awk -v n="$ROWS" -v o="$OVERDUE" -v a="$first" -v an="$first_none" -v b="$second" -v bn="$second_none" 'BEGIN {
	r = b / a;
	printf "\n6. The sweep: tthc.sweep() with %d newly overdue dossiers (notice, outbox row, NOTIFY each)\n", o;
	printf " %-40s | %12s | %14s\n", "open dossiers", "sweep (ms)", "no change (ms)";
	printf " %-40d | %12d | %14d\n", n, a, an;
	printf " %-40d | %12d | %14d\n", 2 * n, b, bn;
	printf " ratio %.2fx with the table doubled: %s (target <= 1.3x)\n", r, (r <= 1.3 ? "PASS" : "MISS");
}'
