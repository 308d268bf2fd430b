#!/usr/bin/env bash
# The national-scale benchmark, run by make bench (tools/bench.sh) on its cluster, or alone on a
# throwaway cluster of its own (the extension installed): the generator (tools/generate.sh) loads
# NAT_YEARS years of a province's dossiers through the API, then the bench measures
# (bench/national_measure.sql); the generator loads as many years again (the data doubles) and the
# bench measures again, and prints receipt and event throughput, the sweep, the report of one
# province-year from the rollups and from the dossier tables, the sizes per million dossiers, and
# how each grows with the data doubled.  A measurement: no thresholds, the targets are printed.
# The figures of a few ms are medians of repeated runs; the refresh, which consumes its queue, is
# shown with the dossiers it recomputed and beside the weekly refreshes of the load.
#
# NAT_PER_YEAR (dossiers a year, default 10000), NAT_YEARS (1), NAT_AGENCIES (30), NAT_JOBS
# (sessions of the generator, default the number of CPUs), NAT_SEED (1), NAT_DB (the database it
# drops and creates, tthc_national).  The default fits a 2-core machine and a few minutes; the API
# path loads about 100 to 200 dossiers a second there.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

PER_YEAR=${NAT_PER_YEAR:-10000}
YEARS=${NAT_YEARS:-1}
AGENCIES=${NAT_AGENCIES:-30}
JOBS=${NAT_JOBS:-$(nproc)}
SEED=${NAT_SEED:-1}
for v in "$PER_YEAR" "$YEARS" "$AGENCIES" "$JOBS" "$SEED"; do
	[[ $v =~ ^[1-9][0-9]*$ ]] || die "NAT_PER_YEAR, NAT_YEARS, NAT_AGENCIES, NAT_JOBS and NAT_SEED must be whole numbers above 0"
done
find_pg_config
[ -n "${PGHOST:-}" ] && [ -n "${PGPORT:-}" ] || cluster_start tthc_national

DB=${NAT_DB:-tthc_national}
[[ $DB =~ ^[a-z_][a-z0-9_]*$ ]] || die "NAT_DB must be a plain database name (lower case letters, digits, _)"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $DB"
run() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
phase() {
	local t0=$SECONDS out
	out=$(GEN_DB=$DB GEN_YEARS=$YEARS GEN_PER_YEAR=$PER_YEAR GEN_AGENCIES=$AGENCIES GEN_JOBS=$JOBS GEN_SEED=$SEED \
		GEN_START=2024-01-01 tools/generate.sh) || die "the generator failed"
	say "phase $1: $(echo "$out" | tail -n 3 | head -n 1)"
	local load_s=$((SECONDS - t0))
	run -v phase="$1" -f bench/national_measure.sql || die "measuring failed"
	run -c "INSERT INTO tthc_gen.measure VALUES ($1, 'load_s', $load_s)"
	echo "$out" >&2
}
run_first() {
	psql -X -q -d postgres -c "CREATE DATABASE $DB"
	run -c 'CREATE EXTENSION tthc CASCADE'
	run -c 'CREATE SCHEMA tthc_gen' -c 'CREATE TABLE tthc_gen.measure (phase int, metric text, value numeric, PRIMARY KEY (phase, metric))'
}
run_first
say "national: $YEARS year(s) of about $PER_YEAR dossiers at $AGENCIES agencies, $JOBS sessions, then as many again"
phase 1
phase 2

run -v per_year="$PER_YEAR" -v years="$YEARS" <<'SQL'
\pset format aligned
\pset tuples_only off
\pset footer off
\echo
\echo 9. National scale: :years year(s) of about :per_year dossiers a year at one province (tools/generate.sh, the API), then as many again
WITH m AS (SELECT metric, max(value) FILTER (WHERE phase = 1) AS a, max(value) FILTER (WHERE phase = 2) AS b FROM tthc_gen.measure GROUP BY metric),
l AS (SELECT CASE WHEN day < (SELECT min(day) + (max(day) - min(day) + 1) / 2 FROM tthc_gen.day_log) THEN 1 ELSE 2 END AS phase,
		sum(receipts) AS receipts, sum(events + steps) AS events, sum(receipt_ms) AS receipt_ms, sum(event_ms) AS event_ms
	  FROM tthc_gen.day_log GROUP BY 1),
s AS (SELECT CASE WHEN day < (SELECT min(day) + (max(day) - min(day) + 1) / 2 FROM tthc_gen.day_log) THEN 1 ELSE 2 END AS phase,
		avg(ms) AS ms, max(ms) AS max_ms, sum(due_soon + overdue + step_overdue) AS notices, sum(ms) AS total_ms
	  FROM tthc_gen.sweep_log GROUP BY 1),
w AS (SELECT CASE WHEN day < (SELECT min(day) + (max(day) - min(day) + 1) / 2 FROM tthc_gen.day_log) THEN 1 ELSE 2 END AS phase,
		percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS ms, sum(ms) / nullif(sum(dossiers), 0) AS ms_dossier, count(*) AS n
	  FROM tthc_gen.refresh_log WHERE NOT rebuilt GROUP BY 1),
r (k, measure, a, b) AS (
	SELECT 1, 'dossiers in the database', (SELECT a FROM m WHERE metric = 'dossiers'), (SELECT b FROM m WHERE metric = 'dossiers')
	UNION ALL SELECT 2, 'history rows', (SELECT a FROM m WHERE metric = 'events'), (SELECT b FROM m WHERE metric = 'events')
	UNION ALL SELECT 3, 'open dossiers at the end', (SELECT a FROM m WHERE metric = 'open'), (SELECT b FROM m WHERE metric = 'open')
	UNION ALL SELECT 4, 'load, whole phase (s)', (SELECT a FROM m WHERE metric = 'load_s'), (SELECT b FROM m WHERE metric = 'load_s')
	UNION ALL SELECT 5, 'receipts / s (wall clock, all sessions)', round((SELECT receipts FROM l WHERE phase = 1) / (SELECT a FROM m WHERE metric = 'load_s'), 1),
		round((SELECT receipts FROM l WHERE phase = 2) / (SELECT b FROM m WHERE metric = 'load_s'), 1)
	UNION ALL SELECT 6, 'events and steps / s (wall clock)', round((SELECT events FROM l WHERE phase = 1) / (SELECT a FROM m WHERE metric = 'load_s'), 1),
		round((SELECT events FROM l WHERE phase = 2) / (SELECT b FROM m WHERE metric = 'load_s'), 1)
	UNION ALL SELECT 7, 'tthc.receive + accept, ms a call', round((SELECT receipt_ms / receipts FROM l WHERE phase = 1), 2), round((SELECT receipt_ms / receipts FROM l WHERE phase = 2), 2)
	UNION ALL SELECT 8, 'an event or step, ms a call', round((SELECT event_ms / events FROM l WHERE phase = 1), 2), round((SELECT event_ms / events FROM l WHERE phase = 2), 2)
	UNION ALL SELECT 9, 'daily sweep, ms on average', round((SELECT ms FROM s WHERE phase = 1), 1), round((SELECT ms FROM s WHERE phase = 2), 1)
	UNION ALL SELECT 10, 'daily sweep, ms at most', round((SELECT max_ms FROM s WHERE phase = 1), 1), round((SELECT max_ms FROM s WHERE phase = 2), 1)
	UNION ALL SELECT 11, 'sweep, ms a notice', round((SELECT total_ms / nullif(notices, 0) FROM s WHERE phase = 1), 2), round((SELECT total_ms / nullif(notices, 0) FROM s WHERE phase = 2), 2)
	UNION ALL SELECT 12, 'sweep at the end, nothing new, ms (median of 51 runs)', round((SELECT a FROM m WHERE metric = 'sweep_none_ms'), 2), round((SELECT b FROM m WHERE metric = 'sweep_none_ms'), 2)
	UNION ALL SELECT 13, '  the first of the 51 (plans and compiles), ms', round((SELECT a FROM m WHERE metric = 'sweep_none_first_ms'), 2), round((SELECT b FROM m WHERE metric = 'sweep_none_first_ms'), 2)
	UNION ALL SELECT 14, 'rollup_refresh() at the end, ms (one run)', round((SELECT a FROM m WHERE metric = 'refresh_ms')), round((SELECT b FROM m WHERE metric = 'refresh_ms'))
	UNION ALL SELECT 15, '  dossiers it recomputed (changed since Sunday)', (SELECT a FROM m WHERE metric = 'refresh_dossiers'), (SELECT b FROM m WHERE metric = 'refresh_dossiers')
	UNION ALL SELECT 16, '  ms a dossier recomputed', round((SELECT a / nullif((SELECT a FROM m WHERE metric = 'refresh_dossiers'), 0) FROM m WHERE metric = 'refresh_ms'), 3),
		round((SELECT b / nullif((SELECT b FROM m WHERE metric = 'refresh_dossiers'), 0) FROM m WHERE metric = 'refresh_ms'), 3)
	UNION ALL SELECT 17, format('weekly rollup_refresh() during the load, ms (median of %s, %s)', (SELECT n FROM w WHERE phase = 1), (SELECT n FROM w WHERE phase = 2)),
		round((SELECT ms FROM w WHERE phase = 1), 1), round((SELECT ms FROM w WHERE phase = 2), 1)
	UNION ALL SELECT 18, '  ms a dossier recomputed, all weekly refreshes', round((SELECT ms_dossier FROM w WHERE phase = 1), 3), round((SELECT ms_dossier FROM w WHERE phase = 2), 3)
	UNION ALL SELECT 19, format('report of the last year (%s, %s), rollups, ms (median of 5)', (SELECT a FROM m WHERE metric = 'report_year'), (SELECT b FROM m WHERE metric = 'report_year')),
		round((SELECT a FROM m WHERE metric = 'report_rollup_ms'), 1), round((SELECT b FROM m WHERE metric = 'report_rollup_ms'), 1)
	UNION ALL SELECT 20, 'the same from the dossier tables, ms (median of 3)', round((SELECT a FROM m WHERE metric = 'report_raw_ms'), 1), round((SELECT b FROM m WHERE metric = 'report_raw_ms'), 1))
SELECT measure AS " ", a AS "phase 1", b AS "doubled", CASE WHEN a > 0 THEN round(b / a, 2) || 'x' END AS "growth"
FROM r ORDER BY k;
\echo
\echo ' Sizes per million dossiers (MB), scaled from what was loaded'

WITH m AS (SELECT split_part(metric, ':', 2) AS rel, split_part(metric, ':', 3) AS part, phase, value FROM tthc_gen.measure WHERE metric LIKE 'size:%'),
n AS (SELECT phase, value AS dossiers FROM tthc_gen.measure WHERE metric = 'dossiers'),
p AS (SELECT rel, part, round(max(value * 1e6 / dossiers / 1048576) FILTER (WHERE m.phase = 1), 1) AS a,
		round(max(value * 1e6 / dossiers / 1048576) FILTER (WHERE m.phase = 2), 1) AS b
	  FROM m JOIN n USING (phase) GROUP BY rel, part)
SELECT * FROM (
SELECT rel AS "relation", coalesce(max(a) FILTER (WHERE part = 'table'), 0) AS "table", coalesce(max(a) FILTER (WHERE part = 'indexes'), 0) AS "indexes",
	coalesce(max(b) FILTER (WHERE part = 'table'), 0) AS "table, doubled", coalesce(max(b) FILTER (WHERE part = 'indexes'), 0) AS "indexes, doubled"
FROM p GROUP BY rel
UNION ALL
SELECT 'all', sum(a) FILTER (WHERE part = 'table'), sum(a) FILTER (WHERE part = 'indexes'), sum(b) FILTER (WHERE part = 'table'), sum(b) FILTER (WHERE part = 'indexes') FROM p
) x ORDER BY "relation" = 'all', "table" + "indexes" DESC;
\pset tuples_only on
WITH half AS (SELECT min(day) + (max(day) - min(day) + 1) / 2 AS d FROM tthc_gen.day_log),
g (metric, a, b) AS (
	SELECT 'sweep', (SELECT avg(ms) FROM tthc_gen.sweep_log, half WHERE day < half.d), (SELECT avg(ms) FROM tthc_gen.sweep_log, half WHERE day >= half.d)
	UNION ALL
	SELECT 'refresh_week', (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) FROM tthc_gen.refresh_log, half WHERE NOT rebuilt AND day < half.d),
		(SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) FROM tthc_gen.refresh_log, half WHERE NOT rebuilt AND day >= half.d)
	UNION ALL
	SELECT 'refresh_dossier', (SELECT t.value / nullif(c.value, 0) FROM tthc_gen.measure t, tthc_gen.measure c
			WHERE (t.phase, t.metric, c.phase, c.metric) = (1, 'refresh_ms', 1, 'refresh_dossiers')),
		(SELECT t.value / nullif(c.value, 0) FROM tthc_gen.measure t, tthc_gen.measure c
			WHERE (t.phase, t.metric, c.phase, c.metric) = (2, 'refresh_ms', 2, 'refresh_dossiers'))
	UNION ALL
	SELECT metric, max(value) FILTER (WHERE phase = 1), max(value) FILTER (WHERE phase = 2) FROM tthc_gen.measure
	WHERE metric IN ('sweep_none_ms', 'report_rollup_ms', 'report_raw_ms') GROUP BY metric),
x AS (SELECT metric, round(b / nullif(a, 0), 2) || 'x' AS growth FROM g)
SELECT format(E'\n Targets (issue 10): growth of the sweeps, the refresh and the report from the rollups below 1.3x per doubling; here %s (daily sweep), %s (sweep with nothing new, median), %s (weekly rollup_refresh, median), %s (rollup_refresh at the end, per dossier recomputed), %s (report from the rollups, median); the report from the dossier tables %s.',
	(SELECT growth FROM x WHERE metric = 'sweep'), (SELECT growth FROM x WHERE metric = 'sweep_none_ms'),
	(SELECT growth FROM x WHERE metric = 'refresh_week'), (SELECT growth FROM x WHERE metric = 'refresh_dossier'),
	(SELECT growth FROM x WHERE metric = 'report_rollup_ms'), (SELECT growth FROM x WHERE metric = 'report_raw_ms'));
SQL
