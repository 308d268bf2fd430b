-- lunar: the Vietnamese lunisolar calendar (UTC+7), tthc.to_lunar and tthc.from_lunar
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET DateStyle = 'ISO, YMD';
\set VERBOSITY terse
\set SHOW_CONTEXT never

-- Errors are shown as "SQLSTATE: message | detail | hint" through this helper.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
	msg text;
	det text;
	hint text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
	RETURN st || ': ' || msg || ' | ' || coalesce(nullif(det, ''), '-') || ' | ' || coalesce(nullif(hint, ''), '-');
END
$$;

-- from_lunar that answers NULL for a lunar date that does not exist (22023 only)
CREATE FUNCTION pg_temp.try_from_lunar(y int, m int, d int, leap boolean) RETURNS date
LANGUAGE plpgsql AS $$
BEGIN
	RETURN tthc.from_lunar(y, m, d, leap);
EXCEPTION WHEN invalid_parameter_value THEN
	RETURN NULL;
END
$$;

--
-- Valid cases
--

-- Tết (1/1) 2019-2026, lunar to solar and back
SELECT y, tthc.from_lunar(y, 1, 1) AS tet, (tthc.to_lunar(tthc.from_lunar(y, 1, 1))).*
FROM generate_series(2019, 2026) AS y;

-- Hùng Kings' day (10/3) 2019-2026, lunar to solar and back
SELECT y, tthc.from_lunar(y, 3, 10) AS hung_kings, (tthc.to_lunar(tthc.from_lunar(y, 3, 10))).*
FROM generate_series(2019, 2026) AS y;

-- solar to lunar on the known dates
SELECT d, l.*
FROM unnest('{2019-02-05,2020-01-25,2021-02-12,2022-02-01,2023-01-22,2024-02-10,2025-01-29,2026-02-17,
              2019-04-14,2020-04-02,2021-04-21,2022-04-10,2023-04-29,2024-04-18,2025-04-07,2026-04-26}'::date[]) AS d,
	tthc.to_lunar(d) AS l;

-- Vietnam's Tết differs from China's (UTC+8) in these years; China's date is not 1/1 here
SELECT y, tthc.from_lunar(y, 1, 1) AS tet_vn, cn AS tet_cn, (tthc.to_lunar(cn)).*
FROM (VALUES (1985, date '1985-02-20'), (2007, '2007-02-18'), (2030, '2030-02-03'),
			 (2053, '2053-02-19')) AS v(y, cn);

-- leap months, months and days per lunar year, counted day by day from to_lunar
SELECT y, min(l.month) FILTER (WHERE l.is_leap) AS leap_month,
	count(DISTINCT (l.month, l.is_leap)) AS months, count(*) AS days
FROM unnest('{2017,2019,2020,2023,2024,2025,2028,2033}'::int[]) AS y,
	generate_series(tthc.from_lunar(y, 1, 1), tthc.from_lunar(y + 1, 1, 1) - 1, interval '1 day') AS d,
	tthc.to_lunar(d::date) AS l
WHERE l.year = y
GROUP BY y ORDER BY y;

-- a leap month follows the ordinary month of the same number
SELECT tthc.from_lunar(2020, 4, 1) AS m4, tthc.from_lunar(2020, 4, 1, true) AS leap_m4,
	tthc.from_lunar(2020, 4, 29, is_leap => true) AS leap_m4_last, tthc.from_lunar(2020, 5, 1) AS m5;
SELECT d, l.* FROM unnest('{2020-05-22,2020-05-23,2020-06-20,2020-06-21}'::date[]) AS d, tthc.to_lunar(d) AS l;
SELECT tthc.from_lunar(2023, 2, 1, true) AS leap_2_2023, tthc.from_lunar(2025, 6, 1, true) AS leap_6_2025,
	tthc.from_lunar(2033, 11, 1, true) AS leap_11_2033;

-- the ends of the supported range
SELECT d, l.* FROM unnest('{1900-01-31,2200-02-14}'::date[]) AS d, tthc.to_lunar(d) AS l;
SELECT tthc.from_lunar(1900, 1, 1) AS first_day, tthc.from_lunar(2199, 12, 30) AS last_day;

-- NULL in, NULL out (STRICT)
SELECT tthc.from_lunar(NULL, 1, 1) IS NULL AS from_null, tthc.to_lunar(NULL) IS NULL AS to_null;

-- solar -> lunar -> solar over every day of the range; each day is the day after the one before
SELECT count(*) AS days_checked,
	count(*) FILTER (WHERE tthc.from_lunar(year, month, day, is_leap) <> d) AS round_trip_mismatches,
	count(*) FILTER (WHERE prev IS NOT NULL AND NOT (
		(day = prev_day + 1 AND (year, month, is_leap) = (prev_year, prev_month, prev_leap))
		OR (day = 1 AND prev_day IN (29, 30)))) AS succession_errors,
	count(*) FILTER (WHERE day = 1) AS months,
	count(*) FILTER (WHERE day = 1 AND is_leap) AS leap_months,
	count(*) FILTER (WHERE day = 1 AND month = 1 AND NOT is_leap) AS years,
	min(d) AS first_day, max(d) AS last_day
FROM (
	SELECT d, l.*, lag(d) OVER w AS prev, lag(l.year) OVER w AS prev_year,
		lag(l.month) OVER w AS prev_month, lag(l.day) OVER w AS prev_day,
		lag(l.is_leap) OVER w AS prev_leap
	FROM generate_series(date '1900-01-31', date '2200-02-14', interval '1 day') AS g,
		LATERAL (SELECT g::date AS d) AS dd,
		tthc.to_lunar(dd.d) AS l
	WINDOW w AS (ORDER BY d)
) AS s;

-- lunar -> solar -> lunar over every month and day of sample years: the lunar dates that exist
-- map one to one onto the solar days of the year, and back
SELECT y, count(s) AS dates, count(DISTINCT s) AS distinct_days, max(s) - min(s) + 1 AS span,
	min(s) AS first_day,
	count(*) FILTER (WHERE s IS NOT NULL AND (l.year, l.month, l.day, l.is_leap) IS DISTINCT FROM (y, m, dd, leap)) AS mismatches
FROM unnest('{1900,1938,1967,1968,1984,1985,1999,2000,2020,2033,2148,2199}'::int[]) AS y,
	generate_series(1, 12) AS m, (VALUES (false), (true)) AS v(leap), generate_series(1, 30) AS dd,
	LATERAL (SELECT pg_temp.try_from_lunar(y, m, dd, leap) AS s) AS t,
	tthc.to_lunar(t.s) AS l
GROUP BY y ORDER BY y;

-- usable in an index expression (IMMUTABLE)
CREATE TEMP TABLE anniversary (solar date);
CREATE INDEX ON anniversary (((tthc.to_lunar(solar)).month));
DROP TABLE anniversary;

--
-- Invalid cases
--

-- solar dates outside the range, infinities, BC
SELECT pg_temp.err($$SELECT tthc.to_lunar('1900-01-30')$$);
SELECT pg_temp.err($$SELECT tthc.to_lunar('2200-02-15')$$);
SELECT pg_temp.err($$SELECT tthc.to_lunar('infinity')$$);
SELECT pg_temp.err($$SELECT tthc.to_lunar('-infinity')$$);
SELECT pg_temp.err($$SELECT tthc.to_lunar('0044-03-15 BC')$$);
SELECT pg_temp.err($$SELECT tthc.to_lunar('5874897-12-31')$$);
-- lunar years outside the range (checked before the month and the day)
SELECT pg_temp.err($$SELECT tthc.from_lunar(1899, 12, 30)$$);
SELECT pg_temp.err($$SELECT tthc.from_lunar(2200, 1, 1)$$);
SELECT pg_temp.err($$SELECT tthc.from_lunar(-2147483648, 13, 0)$$);
-- months that do not exist
SELECT pg_temp.err($$SELECT tthc.from_lunar(2024, 0, 1)$$);
SELECT pg_temp.err($$SELECT tthc.from_lunar(2024, 13, 1)$$);
SELECT pg_temp.err($$SELECT tthc.from_lunar(2024, 4, 1, true)$$);
SELECT pg_temp.err($$SELECT tthc.from_lunar(2023, 3, 1, true)$$);
-- days that do not exist
SELECT pg_temp.err($$SELECT tthc.from_lunar(2024, 1, 0)$$);
SELECT pg_temp.err($$SELECT tthc.from_lunar(2024, 1, 31)$$);
SELECT pg_temp.err($$SELECT tthc.from_lunar(2024, 12, 30)$$);
SELECT pg_temp.err($$SELECT tthc.from_lunar(2020, 4, 30, true)$$);
-- the same error reaches a plain caller (terse: message only)
SELECT tthc.from_lunar(2024, 12, 30);
SELECT tthc.to_lunar('infinity');
