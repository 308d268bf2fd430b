-- Due dates: the Civil Code default, the working-time policy, same-day cut-off, end of day.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

-- The example of the specification: received Thursday 2026-02-12 10:00, 10 working days, Tết 2026
-- skipped: due 2026-03-05 at the end of working time.
SELECT tthc.due_date('2026-02-12 10:00', '10 ngày làm việc') AS due_date,
	tthc.due_at('2026-02-12 10:00', '10 ngày làm việc') AS due_at;

-- Worked examples, each under both counting policies: across Tết, across 30/4-1/5, across 2/9
-- with the swapped Saturday 2026-08-22.
CREATE TEMP TABLE example(label text, received timestamptz, t tthc.term);
INSERT INTO example VALUES
	('Tết, 10 working days', '2026-02-12 10:00', '10 ngày làm việc'),
	('Tết, received on a holiday', '2026-02-18 09:00', '5 working days'),
	('Tết, 15 calendar days', '2026-02-05 14:00', '15 ngày'),
	('Tết, 8 working hours', '2026-02-13 15:00', '8 giờ làm việc'),
	('Tết, 24 hours', '2026-02-13 15:00', '24 giờ'),
	('30/4, 3 working days', '2026-04-28 16:30', '3 ngày làm việc'),
	('30/4, received Friday night', '2026-04-24 19:45', '3 working days'),
	('30/4, 7 calendar days ending on a holiday', '2026-04-23 09:00', '7 days'),
	('2/9, swapped Saturday 22/8 counts', '2026-08-21 10:00', '1 working day'),
	('2/9, 5 working days', '2026-08-27 11:45', '5 ngày làm việc'),
	('2/9, 4 working hours from lunch', '2026-08-28 12:15', '4 working hours'),
	('same day', '2026-09-03 09:00', 'trong ngày');
SELECT label, t,
	tthc.due_date(received, t) AS civil_code,
	tthc.due_at(received, t) AS civil_code_at,
	tthc.due_date(received, t, NULL, 'working_time') AS working_time,
	tthc.due_at(received, t, NULL, 'working_time') AS working_time_at
FROM example ORDER BY received;

-- Same-day terms with the 15:00 cut-off (Luật Hộ tịch Art. 5(3); Decree 23/2015 Art. 7)
SELECT received,
	tthc.due_at(received, 'trong ngày') AS no_cutoff,
	tthc.due_at(received, 'trong ngày', NULL, 'civil_code', '15:00') AS cutoff_1500
FROM unnest(ARRAY['2026-09-03 14:59', '2026-09-03 15:00', '2026-09-03 15:00:30', '2026-09-03 15:01', '2026-09-03 17:30',
	'2026-09-04 16:00', '2026-09-05 09:00']::timestamptz[]) AS received;

-- The period ends at 24:00 of its last day when tthc.due_time says so (Civil Code Art. 148(6))
SET tthc.due_time = 'end_of_day';
SELECT tthc.due_at('2026-02-12 10:00', '10 ngày làm việc') AS end_of_day,
	tthc.due_at('2026-02-12 10:00', '8 giờ làm việc') AS hours_unaffected;
RESET tthc.due_time;

-- Receipt outside working time counts from the first working moment of the next working day
SELECT tthc.due_date('2026-02-13 18:00', '1 working day') AS friday_evening,
	tthc.due_date('2026-02-14 09:00', '1 working day') AS saturday,
	tthc.due_date('2026-02-23 06:00', '1 working day') AS monday_before_opening,
	tthc.due_date('2026-02-23 12:00', '1 working day') AS monday_lunch;

-- Agency calendar: Saturday-morning reception counts as working time
INSERT INTO tthc.calendar (name, parent) VALUES ('saturday_desk', 'national');
INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends) VALUES ('saturday_desk', 6, '07:30', '11:30');
SELECT tthc.due_at('2026-03-06 16:00', '4 giờ làm việc') AS national,
	tthc.due_at('2026-03-06 16:00', '4 giờ làm việc', 'saturday_desk') AS saturday_desk;
DELETE FROM tthc.calendar WHERE name = 'saturday_desk';

-- The due date never depends on the session's TimeZone
SET timezone = 'UTC';
SELECT tthc.due_date('2026-02-12 03:00+00', '10 ngày làm việc') AS utc_session,
	tthc.due_at('2026-02-12 03:00+00', '10 ngày làm việc') AS due_at_utc;
SET timezone = 'Asia/Ho_Chi_Minh';

-- NULLs
SELECT tthc.due_date(NULL, '1 day') IS NULL AS a, tthc.due_at(now(), NULL) IS NULL AS b;

-- Errors
\set VERBOSITY terse
SELECT pg_temp.err($$SELECT tthc.due_date('2013-06-01 10:00', '1 day')$$);
SELECT pg_temp.err($$SELECT tthc.due_date('2099-12-20 10:00', '30 ngày làm việc')$$);
SELECT pg_temp.err($$SELECT tthc.due_date('2099-12-20 10:00', '30 days')$$);
SELECT pg_temp.err($$SELECT tthc.due_at('2099-12-31 10:00', '100 working hours')$$);
SELECT pg_temp.err($$SELECT tthc.due_at('infinity', '1 day')$$);
SELECT pg_temp.err($$SELECT tthc.due_date('2026-01-05 10:00', '1 day', 'nowhere')$$);
SELECT pg_temp.err($$SELECT tthc.due_date('2026-01-05 10:00', '1 day', NULL, 'lunar')$$);
SELECT pg_temp.err($$SELECT tthc.due_date('2026-01-05 10:00', '1 fortnight')$$);
SELECT pg_temp.err($$SET tthc.due_time = 'noon'$$);
