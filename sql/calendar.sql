-- Working-day and working-time arithmetic, checked against slow obvious SQL over 2019-2027.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

-- The working days of 2018-2028, from the schedule tables alone: Monday to Friday unless listed
-- off, plus the listed working Saturdays.
CREATE TEMP TABLE wd AS
SELECT d::date AS day FROM generate_series('2018-01-01'::date, '2028-12-31', '1 day') AS d
WHERE (extract(isodow FROM d) < 6
	AND d::date NOT IN (SELECT h.day FROM generate_series(2018, 2028) y, tthc.holidays(y) h
		WHERE h.kind <> 'working_saturday'))
   OR d::date IN (SELECT h.day FROM generate_series(2018, 2028) y, tthc.holidays(y) h
		WHERE h.kind = 'working_saturday');
CREATE UNIQUE INDEX ON wd (day);
ANALYZE wd;

-- add_working_days: every day of 2019-2027, n from -30 to 60, against OFFSET/LIMIT over wd
SELECT count(*) AS cases, count(*) FILTER (WHERE got IS DISTINCT FROM want) AS mismatches
FROM (
	SELECT tthc.add_working_days(d, n) AS got,
		CASE WHEN n > 0 THEN (SELECT day FROM wd WHERE day > d ORDER BY day OFFSET n - 1 LIMIT 1)
			 WHEN n < 0 THEN (SELECT day FROM wd WHERE day < d ORDER BY day DESC OFFSET -n - 1 LIMIT 1)
			 ELSE (SELECT day FROM wd WHERE day >= d ORDER BY day LIMIT 1) END AS want
	FROM (SELECT g::date AS d FROM generate_series('2019-01-01'::date, '2027-12-31', '1 day') g) days,
		generate_series(-30, 60) AS n
) c;

-- working_days_between against counting, over the same grid (b = d + n calendar days)
SELECT count(*) AS cases, count(*) FILTER (WHERE got IS DISTINCT FROM want) AS mismatches
FROM (
	SELECT tthc.working_days_between(d, d + n) AS got,
		CASE WHEN n >= 0 THEN (SELECT count(*) FROM wd WHERE day > d AND day <= d + n)::int
			 ELSE -(SELECT count(*) FROM wd WHERE day > d + n AND day <= d)::int END AS want
	FROM (SELECT g::date AS d FROM generate_series('2019-01-01'::date, '2027-12-31', '1 day') g) days,
		generate_series(-30, 60) AS n
) c;

-- identities: working_days_between(d, add_working_days(d, n)) = n for n >= 1; going back n working
-- days leaves n - 1 working days in between, plus d itself when it is one; next/previous working
-- day are the n = 1 and n = -1 cases
SELECT count(*) FILTER (WHERE tthc.working_days_between(d, tthc.add_working_days(d, n)) <> n) AS bad_forward,
	count(*) FILTER (WHERE tthc.working_days_between(tthc.add_working_days(d, -n), d)
		<> n - 1 + tthc.is_working_day(d)::int) AS bad_backward,
	count(*) FILTER (WHERE n = 1 AND tthc.next_working_day(d) <> tthc.add_working_days(d, 1)) AS bad_next,
	count(*) FILTER (WHERE n = 1 AND tthc.previous_working_day(d) <> tthc.add_working_days(d, -1)) AS bad_previous
FROM (SELECT g::date AS d FROM generate_series('2019-01-01'::date, '2027-12-31', '1 day') g) days,
	generate_series(1, 60) AS n;

-- Working time.  Sessions of every working day: 07:30-11:30 and 13:30-17:00 local time.
CREATE TEMP TABLE sess AS
SELECT tstzrange(day + s, day + e) AS r
FROM wd, (VALUES ('07:30'::time, '11:30'::time), ('13:30', '17:00')) AS v(s, e);
CREATE INDEX ON sess USING gist (r);
-- the same sessions closed at their end, for "at or before the end"
CREATE TEMP TABLE sess_oc AS SELECT tstzrange(lower(r), upper(r), '(]') AS r FROM sess;
CREATE INDEX ON sess_oc USING gist (r);

-- instants: every day of 2019-2027 at several times of day, including session edges and nights
CREATE TEMP TABLE inst AS
SELECT (d + t)::timestamptz AS a
FROM (SELECT g::date AS d FROM generate_series('2019-01-01'::date, '2027-12-31', '1 day') g) days,
	unnest(ARRAY['06:00', '07:30', '09:10', '11:30', '12:00', '13:30', '16:59:59.5', '17:00',
		'20:00']::time[]) AS t;

-- working_time_between(a, a + k hours) against the sum of session overlaps
SELECT count(*) AS cases, count(*) FILTER (WHERE got IS DISTINCT FROM want) AS mismatches
FROM (
	SELECT tthc.working_time_between(a, a + k * interval '7 hours') AS got,
		coalesce((SELECT sum(upper(r * tstzrange(a, a + k * interval '7 hours'))
			- lower(r * tstzrange(a, a + k * interval '7 hours')))
			FROM sess WHERE r && tstzrange(a, a + k * interval '7 hours')), '0')
		AS want
	FROM inst, generate_series(0, 12) AS k
) c;

-- add_working_time(a, n hours) for n from -30 to 60: the result is n hours of working time away,
-- and lies inside a session or at its end (forward) or start (backward): the earliest/latest such instant
SELECT count(*) AS cases,
	count(*) FILTER (WHERE tthc.working_time_between(a, b) <> n * interval '1 hour') AS wrong_amount,
	count(*) FILTER (WHERE n > 0 AND NOT EXISTS (SELECT FROM sess_oc WHERE r @> b)) AS not_earliest,
	count(*) FILTER (WHERE n < 0 AND NOT EXISTS (SELECT FROM sess WHERE r @> b)) AS not_latest,
	count(*) FILTER (WHERE n = 0 AND a <> b) AS zero_moves
FROM (
	SELECT a, n, tthc.add_working_time(a, n * interval '1 hour') AS b
	FROM inst, generate_series(-30, 60) AS n
	WHERE a < '2027-12-01' AND a::time IN ('06:00', '09:10', '11:30', '17:00')
) c;

-- first_working_moment: the instant itself inside a session, else the next session's start
SELECT count(*) AS cases, count(*) FILTER (WHERE got IS DISTINCT FROM want) AS mismatches
FROM (
	SELECT tthc.first_working_moment(a) AS got,
		coalesce((SELECT a FROM sess WHERE r @> a),
			(SELECT min(lower(r)) FROM sess WHERE lower(r) > a)) AS want
	FROM inst
) c;

-- Results do not depend on the session's TimeZone
SET timezone = 'America/New_York';
SELECT tthc.add_working_time('2026-02-13 16:00+07', '2 hours') AS over_tet,
	tthc.working_time_between('2026-02-13 16:00+07', '2026-02-23 08:30+07') AS across_tet,
	tthc.first_working_moment('2026-02-13 17:30+07') AS after_closing;
SET timezone = 'Asia/Ho_Chi_Minh';
SELECT tthc.add_working_time('2026-02-13 16:00+07', '2 hours') AS over_tet,
	tthc.working_time_between('2026-02-13 16:00+07', '2026-02-23 08:30+07') AS across_tet,
	tthc.first_working_moment('2026-02-13 17:30+07') AS after_closing;

-- Worked examples
SELECT tthc.add_working_days('2026-02-12', 10) AS tet_10,
	tthc.add_working_days('2026-04-29', 1) AS after_apr29,
	tthc.add_working_days('2026-08-21', 1) AS swapped_saturday,
	tthc.add_working_days('2026-08-28', 1) AS after_aug28,
	tthc.add_working_days('2026-02-16', 0) AS zero_on_holiday,
	tthc.add_working_days('2026-02-23', -1) AS back_over_tet,
	tthc.working_days_between('2026-02-12', '2026-03-05') AS between_tet;
SELECT tthc.add_working_time('2026-04-29 15:00', '4 hours') AS over_apr30,
	tthc.add_working_time('2026-04-29 12:00', '4 hours') AS from_lunch,
	tthc.add_working_time('2026-05-04 09:00', '-2 hours') AS backward,
	tthc.add_working_time('2026-05-04 08:30', '-1 hour') AS backward_to_start,
	tthc.add_working_time('2026-05-04 13:30', '3.5 hours') AS to_closing,
	tthc.working_time_between('2026-04-29 08:00', '2026-05-04 08:00') AS apr29_to_may4;

-- A compiled calendar's size in a backend
SELECT name, first_day, last_day, working_days, working_minutes, session_patterns,
	memory_bytes
FROM tthc.calendar_info();

-- The compiled days against tthc.calendar_days(), every day of 2014-2099: the national calendar
-- with Culture Day off and on, and a calendar inheriting from it with its own days
CREATE FUNCTION pg_temp.day_mismatches(cal text) RETURNS TABLE (days bigint, mismatches bigint)
LANGUAGE sql AS $$
SELECT count(*), count(*) FILTER (WHERE (tthc.day_info(g::date, cal)).kind
	<> coalesce(c.kind::text, CASE WHEN extract(isodow FROM g) < 6 THEN 'working' ELSE 'rest' END))
FROM generate_series('2014-01-01'::date, '2099-12-31', '1 day') g
	LEFT JOIN tthc.calendar_days(cal, 2014, 2099) c ON c.day = g::date
$$;
SELECT * FROM pg_temp.day_mismatches('national');
SET tthc.culture_day = on;
SELECT * FROM pg_temp.day_mismatches('national');
INSERT INTO tthc.calendar (name, parent) VALUES ('xcheck', 'national');
INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi) VALUES
	('xcheck', '2026-11-24', 'local_working', 'làm bù'), ('xcheck', '2026-02-17', 'local_working', 'trực Tết'),
	('xcheck', '2030-06-03', 'local_off', 'nghỉ riêng'), ('xcheck', '2014-01-01', 'local_off', 'nghỉ riêng');
SELECT * FROM pg_temp.day_mismatches('xcheck');
RESET tthc.culture_day;
SELECT * FROM pg_temp.day_mismatches('xcheck');

-- A zone whose offset changes: sessions follow the local clock on both sides of a change
INSERT INTO tthc.calendar (name, parent, timezone) VALUES ('paris', 'national', 'Europe/Paris');
SELECT tthc.first_working_moment('2026-03-27 05:00+00', 'paris') AS winter,
	tthc.first_working_moment('2026-03-30 05:00+00', 'paris') AS summer,
	tthc.working_time_between('2026-03-27 12:00+00', '2026-03-30 12:00+00', 'paris') AS across_change;
DELETE FROM tthc.calendar_day WHERE calendar = 'xcheck';
DELETE FROM tthc.calendar WHERE name IN ('xcheck', 'paris');

-- Errors
\set VERBOSITY default
SELECT tthc.add_working_time('2026-01-05 08:00', '1 day');
\set VERBOSITY terse
SELECT pg_temp.err($$SELECT tthc.add_working_days('2013-12-31', 1)$$);
SELECT pg_temp.err($$SELECT tthc.add_working_days('2099-12-31', 1)$$);
SELECT pg_temp.err($$SELECT tthc.add_working_days('2014-01-02', -5)$$);
SELECT pg_temp.err($$SELECT tthc.add_working_days('2026-01-05', 100000)$$);
SELECT pg_temp.err($$SELECT tthc.add_working_days('infinity', 1)$$);
SELECT pg_temp.err($$SELECT tthc.working_days_between('2026-01-05', '2100-01-01')$$);
SELECT pg_temp.err($$SELECT tthc.next_working_day('2099-12-31')$$);
SELECT pg_temp.err($$SELECT tthc.previous_working_day('2014-01-01')$$);
SELECT pg_temp.err($$SELECT tthc.add_working_days('2026-01-05', 1, 'nowhere')$$);
SELECT pg_temp.err($$SELECT tthc.add_working_time('2026-01-05 08:00', '1 mon')$$);
SELECT pg_temp.err($$SELECT tthc.add_working_time('2100-01-05 08:00', '1 hour')$$);
SELECT pg_temp.err($$SELECT tthc.add_working_time('2099-12-31 08:00', '100 hours')$$);
SELECT pg_temp.err($$SELECT tthc.add_working_time('2026-01-05 08:00', '2562047000 hours')$$);
SELECT pg_temp.err($$SELECT tthc.add_working_time('2026-01-05 08:00', '-2562047000 hours')$$);
SELECT pg_temp.err($$SELECT tthc.add_working_time('infinity', '1 hour')$$);
SELECT pg_temp.err($$SELECT tthc.working_time_between('2026-01-05 08:00', '-infinity')$$);
SELECT pg_temp.err($$SELECT tthc.first_working_moment('2099-12-31 18:00')$$);
SELECT pg_temp.err($$SELECT tthc.calendar_info('nowhere')$$);
SELECT pg_temp.err($$SELECT tthc.day_info('2013-01-01')$$);
-- NULL in, NULL out
SELECT tthc.add_working_days(NULL, 1) IS NULL AS a, tthc.add_working_days('2026-01-05', NULL) IS NULL AS b,
	tthc.working_days_between(NULL, '2026-01-05') IS NULL AS c, tthc.is_working_day(NULL) IS NULL AS d,
	tthc.add_working_time(NULL, '1 hour') IS NULL AS e, tthc.working_time_between(now(), NULL) IS NULL AS f;
