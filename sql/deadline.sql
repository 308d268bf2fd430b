-- Due dates: the Civil Code default, the working-time policy, receipt outside working time with
-- and without deeming, weeks, months and years, same-day cut-off, end of day.
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

-- Receipt outside working time.  Default: the Civil Code alone, no deeming (Art. 147(2)): the
-- day of receipt is not counted, whatever the hour.  deem_receipt (State Treasury Circular 87/2021
-- Art. 10; Customs Decision 2988/QĐ-TCHQ Art. 7(5)): the receipt counts as made at the first
-- working moment of the next working day.  Worked by hand (2026-03: no holidays):
--  a. Saturday 7/3 10:00 by post, 1 working day.  Civil Code: Saturday is not counted, Monday 9 is
--     the first working day: due Monday 9 17:00.  Deemed: received Monday 9 07:30, Monday not
--     counted: due Tuesday 10 17:00.  Working time: from Monday 9 07:30, Tuesday 10 07:30.
--  b. Thursday 5/3 18:30 (evening), 1 working day.  Civil Code: Thursday not counted: Friday 6
--     17:00.  Deemed: Friday 6 07:30, not counted: Monday 9 17:00.  Working time: Monday 9 07:30.
--  c. the same evening, 1 calendar day.  Civil Code: 5 + 1 = Friday 6.  Deemed: 6 + 1 = Saturday
--     7, a day off: Monday 9.  Working time: Monday 9 07:30.
--  d. Saturday 7/3 10:00, 1 month.  Civil Code: 7/4, Tuesday.  Deemed: from Monday 9/3: 9/4,
--     Thursday.  Working time: 9/4 07:30.
--  e. Saturday 7/3 10:00, same day: due the next working day, Monday 9 17:00, either way.
--  f. the same evening, same day: Friday 6 17:00, either way.
--  g. Saturday 7/3 10:00, 4 working hours: from Monday 9 07:30, 11:30, either way (working time
--     never counts outside the sessions).
--  h. Sunday 8/3 10:00, 24 hours: elapsed time, Monday 9 10:00, either way.
--  i. Monday 9/3 06:00 (before opening), 1 working day: Monday is the day of receipt either way:
--     Tuesday 10 17:00.
--  j. Monday 9/3 12:00 (lunch gap), 1 working day: Tuesday 10 17:00 either way; working time from
--     13:30: Tuesday 10 13:30.
CREATE TEMP TABLE outside(label text, received timestamptz, t tthc.term);
INSERT INTO outside VALUES
	('a. Saturday post, 1 working day', '2026-03-07 10:00', '1 ngày làm việc'),
	('b. evening, 1 working day', '2026-03-05 18:30', '1 ngày làm việc'),
	('c. evening, 1 calendar day', '2026-03-05 18:30', '1 ngày'),
	('d. Saturday post, 1 month', '2026-03-07 10:00', '1 tháng'),
	('e. Saturday post, same day', '2026-03-07 10:00', 'trong ngày'),
	('f. evening, same day', '2026-03-05 18:30', 'trong ngày'),
	('g. Saturday post, 4 working hours', '2026-03-07 10:00', '4 giờ làm việc'),
	('h. Sunday, 24 hours', '2026-03-08 10:00', '24 giờ'),
	('i. before opening, 1 working day', '2026-03-09 06:00', '1 working day'),
	('j. lunch gap, 1 working day', '2026-03-09 12:00', '1 working day');
SELECT label,
	tthc.due_at(received, t) AS civil_code,
	tthc.due_at(received, t, deem_receipt => true) AS deemed,
	tthc.due_at(received, t, NULL, 'working_time') AS working_time,
	tthc.due_at(received, t, NULL, 'working_time', NULL, true) AS working_time_deemed,
	tthc.due_date(received, t) AS civil_code_day,
	tthc.due_date(received, t, deem_receipt => true) AS deemed_day
FROM outside ORDER BY label;
-- a NULL deem_receipt is the default (no deeming)
SELECT tthc.due_date('2026-03-07 10:00', '1 ngày làm việc', NULL, 'civil_code', NULL, NULL) AS null_deem;

-- Weeks, months and years (Civil Code 2015 Art. 147(2): the day of receipt is not counted;
-- Art. 148(2)-(4): the corresponding day of the last week, month or year, or the last day of a
-- month without one; Art. 148(5): a last day off moves to the next working day).  By hand:
--  - 1 tháng from Wednesday 11/3/2026: 11/4, a Saturday: Monday 13/4.
--  - 1 tháng from Tuesday 31/1/2023: February has no 31st: its last day, Tuesday 28/2.
--  - 1 tháng from Wednesday 31/1/2024 (leap year): Thursday 29/2.
--  - 1 tháng from Saturday 31/1/2026 (post): 28/2, a Saturday: Monday 2/3.
--  - 2 tuần from Thursday 16/4/2026: Thursday 30/4, a holiday, then 1/5 and a weekend: Monday 4/5.
--  - 1 week from Wednesday 11/3/2026: Wednesday 18/3.
--  - 1 năm from Thursday 29/2/2024: 2025 has no 29 February: Friday 28/2/2025.
--  - 4 năm from 29/2/2024: Tuesday 29/2/2028 (a provisional year, no holiday then).
--  - 12 tháng and 1 năm from 29/2/2024 agree.
-- Under working_time each ends on the same day at the receipt's time of day.
CREATE TEMP TABLE periods(label text, received timestamptz, t tthc.term);
INSERT INTO periods VALUES
	('1 month ending on a Saturday', '2026-03-11 10:00', '1 tháng'),
	('1 month from 31 January', '2023-01-31 10:00', '1 tháng'),
	('1 month from 31 January, leap year', '2024-01-31 10:00', '1 month'),
	('1 month from 31 January, Saturday post', '2026-01-31 10:00', '1 thang'),
	('2 weeks ending on 30/4', '2026-04-16 10:00', '2 tuần'),
	('1 week', '2026-03-11 10:00', '1 week'),
	('1 year from 29 February', '2024-02-29 10:00', '1 năm'),
	('4 years from 29 February', '2024-02-29 10:00', '4 years'),
	('12 months from 29 February', '2024-02-29 10:00', '12 tháng');
SELECT label, t,
	tthc.due_date(received, t) AS civil_code,
	tthc.due_at(received, t) AS civil_code_at,
	tthc.due_at(received, t, NULL, 'working_time') AS working_time_at
FROM periods ORDER BY received, label;
SET tthc.due_time = 'end_of_day';
SELECT tthc.due_at('2026-03-11 10:00', '1 tháng') AS month_end_of_day;
RESET tthc.due_time;

-- Cross-check over every receipt day of 2023-2026 at 10:00: weeks, months and years end on the
-- first working day on or after PostgreSQL's own date + interval (which also takes the last day
-- of a shorter month).
SELECT count(*) AS days_checked,
	count(*) FILTER (WHERE tthc.due_date(r, tthc.make_term(n, u)) <>
		tthc.next_working_day((r::date + n * (CASE u WHEN 'weeks' THEN interval '1 week'
			WHEN 'months' THEN interval '1 month' ELSE interval '1 year' END))::date - 1)) AS mismatches
FROM generate_series(timestamptz '2023-01-01 10:00', '2026-12-31 10:00', '1 day') AS r,
	(VALUES (1), (2), (5)) AS a(n), (VALUES ('weeks'), ('months'), ('years')) AS b(u);

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
SELECT pg_temp.err($$SELECT tthc.due_date('2099-12-20 10:00', '1 tháng')$$);
SELECT pg_temp.err($$SELECT tthc.due_date('2026-01-05 10:00', '100 năm')$$);
SELECT pg_temp.err($$SELECT tthc.due_date('2099-12-25 10:00', '1 tuần')$$);
SELECT pg_temp.err($$SELECT tthc.due_date('2026-01-05 10:00', '1 fortnight')$$);
SELECT pg_temp.err($$SET tthc.due_time = 'noon'$$);
