#!/usr/bin/env bash
# tools/bench_calendar.sh: the calendar's speed against the built-ins, its first answer in a new
# backend and the memory of its compiled calendars, on a server where tthc is already installed.
#
#   PGHOST=... PGPORT=... tools/bench_calendar.sh
#
# Prints, for each calendar function, its best time over CAL_ROWS rows (default 200000) against
# its built-in analogue, the sides taking turns for CAL_ROUNDS rounds (default 5), and the ratio of
# the best runs (target: at most 1.5x); then the first answer of a new backend (CAL_FRESH backends,
# default 5, best and median) and the memory its compiled calendar takes; then one backend
# answering for 50 agency calendars.  make bench runs it on its own cluster (section 8); on a dev
# cluster, install first.  A measurement, not a test: it exits 0 whether the targets are met or
# not.  Uses (and drops at the end) database CAL_DB (default tthc_calbench).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${CAL_ROWS:-200000}
ROUNDS=${CAL_ROUNDS:-5}
FRESH=${CAL_FRESH:-5}
DB=${CAL_DB:-tthc_calbench}
for v in "$ROWS" "$ROUNDS" "$FRESH"; do
	[[ $v =~ ^[1-9][0-9]*$ ]] || { echo "error: CAL_ROWS, CAL_ROUNDS and CAL_FRESH must be whole numbers above 0" >&2; exit 1; }
done

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
PGOPTIONS="-c client_min_messages=warning" psql_q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
trap 'PGOPTIONS="-c client_min_messages=warning" psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true' EXIT

psql_q -d "$DB" -v rows="$ROWS" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION tthc CASCADE;
CREATE SCHEMA calbench;
SET search_path = calbench, public;
SELECT setseed(0.4242) AS seeded \gset
-- the same data as bench/setup.sql
CREATE UNLOGGED TABLE days (d date NOT NULL, n int NOT NULL);
INSERT INTO days
SELECT date '2019-01-01' + (random() * (date '2027-12-31' - date '2019-01-01'))::int,
	1 + (random() * 59)::int
FROM generate_series(1, :rows);
CREATE UNLOGGED TABLE times (t timestamptz NOT NULL, dur interval NOT NULL, b timestamptz NOT NULL);
INSERT INTO times
SELECT t, make_interval(mins => 1 + (random() * 4499)::int),
	t + make_interval(secs => (random() * 30 * 86400)::int)
FROM (SELECT timestamptz '2019-01-01 00:00+07'
		+ make_interval(secs => (random() * 9 * 365 * 86400)::int) AS t
	  FROM generate_series(1, :rows)) s;
VACUUM ANALYZE days, times;

CREATE TABLE query (section int, side text, sql text, PRIMARY KEY (section, side));
INSERT INTO query VALUES
(1, 'builtin', 'SELECT max(d + n) FROM calbench.days'),
(1, 'tthc', 'SELECT max(tthc.add_working_days(d, n)) FROM calbench.days'),
(2, 'builtin', 'SELECT max(t + dur) FROM calbench.times'),
(2, 'tthc', 'SELECT max(tthc.add_working_time(t, dur)) FROM calbench.times'),
(3, 'builtin', 'SELECT max(b - t) FROM calbench.times'),
(3, 'tthc', 'SELECT max(tthc.working_time_between(t, b)) FROM calbench.times'),
(4, 'builtin', 'SELECT max(t::date + 14) FROM calbench.times'),
(4, 'tthc', 'SELECT max(tthc.due_date(t, ''10 ngày làm việc'')) FROM calbench.times');
CREATE TABLE run (section int, side text, round int, ms float8);
CREATE FUNCTION explain_ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || q INTO plan;
	RETURN (plan -> 0 ->> 'Execution Time')::float8;
END
$$;

-- 50 agency calendars under the national one: a few own days each, and every fifth with its own
-- hours (Saturday morning reception), as provinces' one-stop offices have
INSERT INTO tthc.calendar (name, parent, description)
SELECT format('agency%s', i), 'national', 'bench agency' FROM generate_series(1, 50) i;
INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi)
SELECT format('agency%s', i), date '2026-01-01' + (i * 7 + k * 53) % 700, 'local_off', 'ngày nghỉ riêng'
FROM generate_series(1, 50) i, generate_series(1, 3) k
WHERE extract(isodow FROM date '2026-01-01' + (i * 7 + k * 53) % 700) < 6
ON CONFLICT DO NOTHING;
INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends)
SELECT format('agency%s', i), 6, '07:30', '11:30' FROM generate_series(5, 50, 5) i;
SQL

# 1-4: the arithmetic against the built-ins, sides in turn, best of ROUNDS (CAL_ONLY=first skips them, CAL_ONLY=speed runs
# only them)
[ "${CAL_ONLY:-}" = first ] || psql_q -d "$DB" -v rounds="$ROUNDS" <<'SQL'
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SELECT count(calbench.explain_ms(sql)) AS warm FROM calbench.query \gset
SET calbench.rounds = :rounds;
DO $$
DECLARE
	q record;
BEGIN
	FOR r IN 1 .. current_setting('calbench.rounds')::int LOOP
		FOR q IN SELECT * FROM calbench.query ORDER BY section, side LOOP
			INSERT INTO calbench.run VALUES (q.section, q.side, r, calbench.explain_ms(q.sql));
		END LOOP;
	END LOOP;
END
$$;
\pset footer off
\echo
\echo 'Calendar arithmetic against the built-ins (best of ' :rounds ' rounds, sides in turn; target <= 1.5x)'
SELECT f AS "function", b AS "built-in analogue",
	to_char(min(ms) FILTER (WHERE side = 'builtin'), 'FM9990.0') AS "built-in ms",
	to_char(min(ms) FILTER (WHERE side = 'tthc'), 'FM9990.0') AS "tthc ms",
	to_char(min(ms) FILTER (WHERE side = 'tthc') / min(ms) FILTER (WHERE side = 'builtin'), 'FM90.00') || 'x' AS ratio,
	CASE WHEN min(ms) FILTER (WHERE side = 'tthc') / min(ms) FILTER (WHERE side = 'builtin') <= 1.5
		THEN 'PASS' ELSE 'MISS' END AS "<= 1.5x"
FROM calbench.run JOIN (VALUES (1, 'add_working_days(d, n)', 'd + n'),
	(2, 'add_working_time(t, dur)', 't + dur'), (3, 'working_time_between(t, b)', 'b - t'),
	(4, 'due_date(t, ''10 ngày làm việc'')', 't::date + 14')) AS l(section, f, b) USING (section)
GROUP BY section, f, b ORDER BY section;
SQL

[ "${CAL_ONLY:-}" = speed ] && exit 0
# 5: the first answer of a new backend, and the memory of the calendar it compiled
first_answer() {
	psql -X -At -v ON_ERROR_STOP=1 -d "$DB" <<SQL
SELECT (plan -> 0 ->> 'Execution Time')::float8
FROM (SELECT calbench.explain_ms_json('$1') AS plan) s;
SELECT coalesce(sum(total_bytes), 0) FROM pg_backend_memory_contexts
WHERE name IN ('tthc calendar', 'tthc calendars', 'tthc calendar layer');
SQL
}
psql_q -d "$DB" <<'SQL'
CREATE FUNCTION calbench.explain_ms_json(q text) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || q INTO plan;
	RETURN plan;
END
$$;
SQL
summary() {	# lines "ms bytes" -> "best ms, median ms, bytes"
	sort -g | awk '{ ms[NR] = $1; b = $2 } END { printf "best %.1f ms, median %.1f ms, %.0f kB", ms[1], ms[int((NR + 1) / 2)], b / 1024 }'
}
measure_fresh() {	# query -> best/median time of FRESH new backends, memory after
	for i in $(seq "$FRESH"); do
		first_answer "$1" | paste -sd' '
	done | summary
}
echo
echo "First answer of a new backend ($FRESH new backends; target <= 5 ms, a compiled calendar <= 200 kB)"
echo "  add_working_time(2026-03-02 09:00+07, 8 hours), national:  $(measure_fresh \
	"SELECT tthc.add_working_time(timestamptz ''2026-03-02 09:00+07'', interval ''8 hours'')")"
echo "  add_working_days(2026-03-02, 10), an agency calendar:       $(measure_fresh \
	"SELECT tthc.add_working_days(date ''2026-03-02'', 10, ''agency5'')")"
echo "  whole range 2014..2099 touched (working_time_between):      $(measure_fresh \
	"SELECT tthc.working_time_between(timestamptz ''2014-01-02 00:00+07'', timestamptz ''2099-12-30 00:00+07'')")"
echo "  50 agency calendars in one backend, due_date in each:       $(measure_fresh \
	"SELECT max(tthc.due_date(timestamptz ''2026-03-02 09:00+07'', ''10 ngày làm việc'', name)) FROM tthc.calendar WHERE name LIKE ''agency%''")"
echo
