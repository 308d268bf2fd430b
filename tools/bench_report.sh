#!/usr/bin/env bash
# The report benchmark, run by make bench (tools/bench.sh) on its cluster, or alone on a throwaway
# cluster of its own (the extension installed): one province-year (2025, by agency) from the rollups
# and from the dossier tables over BENCH_REPORT_ROWS (default 100,000) dossiers, then with the
# table doubled; and the time of the rebuild of the rollups.  The data is loaded in bulk with the
# write guards opened (bench/report_setup.sql); bench/report_time.sql times the report and checks
# that both readings agree.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

ROWS=${BENCH_REPORT_ROWS:-100000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPORT_ROWS must be a whole number above 0"
find_pg_config
[ -n "${PGHOST:-}" ] && [ -n "${PGPORT:-}" ] || cluster_start tthc_report

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'DROP DATABASE IF EXISTS tthc_report' -c 'CREATE DATABASE tthc_report'
psql -X -q -v ON_ERROR_STOP=1 -d tthc_report -c 'CREATE EXTENSION tthc'
run() { psql -X -q -At -v ON_ERROR_STOP=1 -v rows="$ROWS" -d tthc_report "$@"; }
# loads a batch, then rebuilds the rollups; prints the rebuild's seconds
load() {
	local t0=$SECONDS
	run -v batch="$1" -f bench/report_setup.sql >/dev/null || die "loading the report's data failed"
	say "report: $(run -c 'SELECT count(*) FROM tthc.dossier') dossiers loaded in $((SECONDS - t0)) s"
	t0=$SECONDS
	run -c "INSERT INTO tthc.rollup_queue (agency, dossier) VALUES ('', NULL)" \
		-c 'SELECT tthc.rollup_refresh()' -c 'VACUUM ANALYZE tthc.rollup' -c 'VACUUM ANALYZE tthc.rollup_fact' >/dev/null \
		|| die "rebuilding the rollups failed"
	echo $((SECONDS - t0))
}
timed() {
	local out
	out=$(run -f bench/report_time.sql) || die "timing the report failed"
	[ "${out##*|}" = 0 ] || die "the rollups and the dossier tables differ on ${out##*|} rows"
	echo "${out%|*}"
}

rebuild1=$(load 1) || exit 1
first=$(timed) || exit 1
rebuild2=$(load 2) || exit 1
second=$(timed) || exit 1
counters=$(run -c 'SELECT count(*) FROM tthc.rollup')

awk -v n="$ROWS" -v a="$first" -v b="$second" -v r1="$rebuild1" -v r2="$rebuild2" -v c="$counters" 'BEGIN {
	split(a, x, "|"); split(b, y, "|");
	printf "\n7. The report: tthc.report(2025-01-01, 2025-12-31, agency), one province-year\n";
	printf " %-24s | %14s | %14s | %12s | %12s\n", "dossiers in the year", "rollups (ms)", "raw (ms)", "raw/rollups", "rebuild (s)";
	printf " %-24d | %14d | %14d | %11.0fx | %12d\n", n, x[1], x[2], x[2] / (x[1] > 0 ? x[1] : 1), r1;
	printf " %-24d | %14d | %14d | %11.0fx | %12d\n", 2 * n, y[1], y[2], y[2] / (y[1] > 0 ? y[1] : 1), r2;
	printf " with the data doubled: rollups %.2fx, raw %.2fx; %d counter rows; both readings agree\n",
		y[1] / (x[1] > 0 ? x[1] : 1), y[2] / (x[2] > 0 ? x[2] : 1), c;
}'
