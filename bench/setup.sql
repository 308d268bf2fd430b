-- setup.sql: the data, the baselines and the timing helpers of make bench.
--
-- psql variables: rows (rows of the big tables), subset (rows the slow baselines run on).
-- Everything lives in schema bench of a throwaway database.

SET client_min_messages = warning;
CREATE SCHEMA bench;
SET search_path = bench, public;

SELECT setseed(0.4242) AS seeded \gset

-- ---------------------------------------------------------------- data

-- 1. days: d in 2019..2027, n in 1..60
CREATE UNLOGGED TABLE days (d date NOT NULL, n int NOT NULL);
INSERT INTO days
SELECT date '2019-01-01' + (random() * (date '2027-12-31' - date '2019-01-01'))::int,
	1 + (random() * 59)::int
FROM generate_series(1, :rows);

-- 2. instants: t in 2019..2027 at any time of day, a working time of 1 minute to 75 hours (ten
-- working days), and an end instant b up to 30 days after t.  received = t for due dates.
CREATE UNLOGGED TABLE times (t timestamptz NOT NULL, dur interval NOT NULL, b timestamptz NOT NULL);
INSERT INTO times
SELECT t, make_interval(mins => 1 + (random() * 4499)::int),
	t + make_interval(secs => (random() * 30 * 86400)::int)
FROM (SELECT timestamptz '2019-01-01 00:00+07'
		+ make_interval(secs => (random() * 9 * 365 * 86400)::int) AS t
	  FROM generate_series(1, :rows)) s;

-- the subsets the slow baselines run on (a random sample: the tables are in random order)
CREATE UNLOGGED TABLE days_subset AS SELECT * FROM days LIMIT :subset;
CREATE UNLOGGED TABLE times_subset AS SELECT * FROM times LIMIT :subset;

-- ---------------------------------------------------------------- what applications write today

-- The days of the national calendar, 2018..2029, materialised from the extension itself so that
-- every side answers the same question.
CREATE TABLE holiday (day date PRIMARY KEY, is_working boolean NOT NULL);
INSERT INTO holiday
SELECT h.day, h.kind IN ('working_saturday', 'local_working')
FROM generate_series(2018, 2029) AS y, tthc.holidays(y) AS h;

CREATE TABLE working_day (day date PRIMARY KEY);
INSERT INTO working_day
SELECT d::date FROM generate_series(date '2018-01-01', date '2029-12-31', interval '1 day') AS d
WHERE tthc.is_working_day(d::date);

-- working sessions as ranges of instants, from the sessions of each working day
CREATE TABLE session (r tstzrange NOT NULL);
INSERT INTO session
SELECT tstzrange((w.day + m[1]::time) AT TIME ZONE c.timezone, (w.day + m[2]::time) AT TIME ZONE c.timezone)
FROM working_day w
	CROSS JOIN tthc.calendar c
	CROSS JOIN LATERAL regexp_matches((tthc.day_info(w.day)).sessions,
		'(\d\d:\d\d)-(\d\d:\d\d)', 'g') AS m
WHERE c.name = 'national';
CREATE INDEX ON session USING gist (r);
CREATE INDEX ON session (upper(r));

-- (b) plain SQL functions over those tables
CREATE FUNCTION add_working_days_sql(d date, n int)
RETURNS date LANGUAGE sql STABLE AS $$
	SELECT day FROM bench.working_day WHERE day > $1 ORDER BY day OFFSET $2 - 1 LIMIT 1
$$;

-- the end of the session in which the running sum of working time after t reaches dur, minus
-- the excess
CREATE FUNCTION add_working_time_sql(t timestamptz, dur interval)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
	SELECT upper(c) - (cum - $2)
	FROM (SELECT c, upper(r) AS ends, sum(upper(c) - lower(c)) OVER (ORDER BY upper(r)) AS cum
		  FROM bench.session, LATERAL (SELECT r * tstzrange($1, NULL)) AS x(c)
		  WHERE upper(r) > $1) s
	WHERE cum >= $2
	ORDER BY ends
	LIMIT 1
$$;

CREATE FUNCTION working_time_between_sql(a timestamptz, b timestamptz)
RETURNS interval LANGUAGE sql STABLE AS $$
	SELECT coalesce(sum(upper(r * tstzrange($1, $2)) - lower(r * tstzrange($1, $2))), interval '0')
	FROM bench.session
	WHERE r && tstzrange($1, $2)
$$;

-- (c) PL/pgSQL loops stepping day by day: weekends are off, the holiday table says otherwise
CREATE FUNCTION add_working_days_plpgsql(d date, n int)
RETURNS date LANGUAGE plpgsql STABLE AS $$
DECLARE
	k int := 0;
	w boolean;
BEGIN
	LOOP
		d := d + 1;
		SELECT h.is_working INTO w FROM bench.holiday h WHERE h.day = d;
		IF NOT FOUND THEN
			w := extract(isodow FROM d) < 6;
		END IF;
		IF w THEN
			k := k + 1;
			EXIT WHEN k >= n;
		END IF;
	END LOOP;
	RETURN d;
END
$$;

-- office hours 07:30-11:30 and 13:30-17:00, Vietnam time
CREATE FUNCTION add_working_time_plpgsql(t timestamptz, dur interval)
RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
DECLARE
	starts time[] := '{07:30, 13:30}';
	ends time[] := '{11:30, 17:00}';
	lt timestamp := t AT TIME ZONE 'Asia/Ho_Chi_Minh';
	d date := lt::date;
	todo interval := dur;
	w boolean;
	s timestamp;
	e timestamp;
BEGIN
	LOOP
		SELECT h.is_working INTO w FROM bench.holiday h WHERE h.day = d;
		IF NOT FOUND THEN
			w := extract(isodow FROM d) < 6;
		END IF;
		IF w THEN
			FOR i IN 1 .. 2 LOOP
				s := greatest(d + starts[i], lt);
				e := d + ends[i];
				IF e > s THEN
					IF e - s >= todo THEN
						RETURN (s + todo) AT TIME ZONE 'Asia/Ho_Chi_Minh';
					END IF;
					todo := todo - (e - s);
				END IF;
			END LOOP;
		END IF;
		d := d + 1;
	END LOOP;
END
$$;

CREATE FUNCTION working_time_between_plpgsql(a timestamptz, b timestamptz)
RETURNS interval LANGUAGE plpgsql STABLE AS $$
DECLARE
	starts time[] := '{07:30, 13:30}';
	ends time[] := '{11:30, 17:00}';
	la timestamp := a AT TIME ZONE 'Asia/Ho_Chi_Minh';
	lb timestamp := b AT TIME ZONE 'Asia/Ho_Chi_Minh';
	d date := la::date;
	total interval := '0';
	w boolean;
	s timestamp;
	e timestamp;
BEGIN
	WHILE d <= lb::date LOOP
		SELECT h.is_working INTO w FROM bench.holiday h WHERE h.day = d;
		IF NOT FOUND THEN
			w := extract(isodow FROM d) < 6;
		END IF;
		IF w THEN
			FOR i IN 1 .. 2 LOOP
				s := greatest(d + starts[i], la);
				e := least(d + ends[i], lb);
				IF e > s THEN
					total := total + (e - s);
				END IF;
			END LOOP;
		END IF;
		d := d + 1;
	END LOOP;
	RETURN total;
END
$$;

VACUUM ANALYZE days, times, days_subset, times_subset, holiday, working_day, session;

-- ---------------------------------------------------------------- timing

-- the queries to time: each aggregates a function over a table, so no rows are shipped
CREATE TABLE query (
	section		int NOT NULL,
	side		text NOT NULL CHECK (side IN ('floor', 'builtin', 'tthc', 'sql', 'plpgsql')),
	label		text NOT NULL,
	sql			text NOT NULL,
	nrows		bigint NOT NULL,
	runs		int NOT NULL,
	PRIMARY KEY (section, side)
);

CREATE TABLE run (
	section		int NOT NULL,
	side		text NOT NULL,
	i			int NOT NULL,
	ms			float8 NOT NULL,
	FOREIGN KEY (section, side) REFERENCES query
);

-- rows where a baseline and tthc disagree, on the subset
CREATE TABLE agreement (
	section		int NOT NULL,
	side		text NOT NULL,
	checked		bigint NOT NULL,
	differ		bigint NOT NULL,
	PRIMARY KEY (section, side),
	FOREIGN KEY (section, side) REFERENCES query
);

-- the order in which sides are run and printed
CREATE FUNCTION side_order(side text) RETURNS int LANGUAGE sql IMMUTABLE
RETURN array_position('{floor, builtin, tthc, sql, plpgsql}'::text[], side);

-- execution time of one run of a query, in milliseconds (planning excluded)
CREATE FUNCTION explain_ms(q text)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || q INTO plan;
	RETURN (plan -> 0 ->> 'Execution Time')::float8;
END
$$;

-- Time every query of a section: one warm-up run each (the agreement check was the warm-up of a
-- baseline), then rounds in which every query runs once, side by side, so that a change of machine
-- load touches every side alike.
CREATE PROCEDURE measure(sec int)
LANGUAGE plpgsql AS $$
DECLARE
	q record;
	nrounds int;
BEGIN
	SELECT max(runs) INTO nrounds FROM bench.query WHERE section = sec;
	FOR q IN SELECT * FROM bench.query qq WHERE qq.section = sec
			AND NOT EXISTS (SELECT FROM bench.agreement a WHERE (a.section, a.side) = (qq.section, qq.side))
			ORDER BY bench.side_order(qq.side) LOOP
		PERFORM bench.explain_ms(q.sql);
	END LOOP;
	FOR r IN 1 .. nrounds LOOP
		FOR q IN SELECT * FROM bench.query qq WHERE qq.section = sec AND qq.runs >= r
				ORDER BY bench.side_order(qq.side) LOOP
			INSERT INTO bench.run VALUES (q.section, q.side, r, bench.explain_ms(q.sql));
		END LOOP;
		COMMIT;
	END LOOP;
END
$$;
