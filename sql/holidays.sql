-- Holidays and working days of the national civil-service calendar.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

-- The official schedules of 2019-2026 (weekdays off beyond Saturday and Sunday, and Saturdays
-- worked), typed here independently of the shipped notice data.
CREATE TEMP TABLE official(day date, working boolean);
INSERT INTO official SELECT d::date, false FROM unnest(ARRAY[
	'2018-12-31','2019-01-01','2019-02-04','2019-02-05','2019-02-06','2019-02-07','2019-02-08',
	'2019-04-15','2019-04-29','2019-04-30','2019-05-01','2019-09-02',
	'2020-01-01','2020-01-23','2020-01-24','2020-01-27','2020-01-28','2020-01-29','2020-04-02',
	'2020-04-30','2020-05-01','2020-09-02',
	'2021-01-01','2021-02-10','2021-02-11','2021-02-12','2021-02-15','2021-02-16','2021-04-21',
	'2021-04-30','2021-05-03','2021-09-02','2021-09-03',
	'2022-01-03','2022-01-31','2022-02-01','2022-02-02','2022-02-03','2022-02-04','2022-04-11',
	'2022-05-02','2022-05-03','2022-09-01','2022-09-02',
	'2023-01-02','2023-01-20','2023-01-23','2023-01-24','2023-01-25','2023-01-26','2023-05-01',
	'2023-05-02','2023-05-03','2023-09-01','2023-09-04',
	'2024-01-01','2024-02-08','2024-02-09','2024-02-12','2024-02-13','2024-02-14','2024-04-18',
	'2024-04-29','2024-04-30','2024-05-01','2024-09-02','2024-09-03',
	'2025-01-01','2025-01-27','2025-01-28','2025-01-29','2025-01-30','2025-01-31','2025-04-07',
	'2025-04-30','2025-05-01','2025-05-02','2025-09-01','2025-09-02',
	'2026-01-01','2026-01-02','2026-02-16','2026-02-17','2026-02-18','2026-02-19','2026-02-20',
	'2026-04-27','2026-04-30','2026-05-01','2026-08-31','2026-09-01','2026-09-02']) AS d;
INSERT INTO official SELECT d::date, true FROM unnest(ARRAY[
	'2019-01-05','2019-05-04','2024-05-04','2025-04-26','2026-01-10','2026-08-22']) AS d;

-- Every day of 2019-2026: working iff a weekday not listed off, or a listed working Saturday.
SELECT count(*) AS days_checked,
	count(*) FILTER (WHERE tthc.is_working_day(d) IS DISTINCT FROM
		coalesce(o.working, extract(isodow FROM d) < 6)) AS mismatches
FROM (SELECT g::date FROM generate_series('2018-12-31'::date, '2026-12-31', '1 day') AS g) AS g(d)
LEFT JOIN official o ON o.day = g.d;

-- the listed days and the weekdays either side of each
SELECT o.day, extract(isodow FROM o.day) AS isodow, tthc.is_working_day(o.day) AS working,
	tthc.is_working_day(o.day - 1) AS day_before, tthc.is_working_day(o.day + 1) AS day_after
FROM official o WHERE o.day BETWEEN '2026-01-01' AND '2026-12-31' ORDER BY o.day;

-- The 2026 schedule with kinds, names and source
SELECT day, kind, name_vi, name_en, provisional FROM tthc.holidays(2026);
SELECT DISTINCT source FROM tthc.holidays(2026);

-- Rules alone reproduce every official year's holidays and compensatory days; swaps come only
-- from the notices
SELECT y,
	(SELECT array_agg(day ORDER BY day) FROM tthc.holidays(y)
	 WHERE extract(isodow FROM day) < 6 AND kind IN ('holiday', 'compensatory'))
	= (SELECT array_agg(day ORDER BY day) FROM tthc.statutory_holidays(y)
	   WHERE extract(isodow FROM day) < 6 AND extract(year FROM day) = y)
	AS rules_equal_notice,
	(SELECT string_agg(day || ' ' || kind, ', ' ORDER BY day) FROM tthc.holidays(y)
	 WHERE kind IN ('swapped_off', 'working_saturday')) AS swaps
FROM generate_series(2019, 2026) AS y;

-- Era rules: one day of National Day until 2020, two from 2021; Hùng Kings' day every year
SELECT y, string_agg(to_char(day, 'MM-DD') || ' ' || kind, ', ' ORDER BY day) AS national_day
FROM generate_series(2018, 2022) AS y, tthc.statutory_holidays(y)
WHERE rule = 'national_day' GROUP BY y ORDER BY y;
SELECT * FROM tthc.statutory_holidays(2027);

-- Provisional years
SELECT tthc.is_provisional(2026) AS y2026, tthc.is_provisional(2027) AS y2027,
	tthc.is_provisional(2018) AS y2018;
SELECT count(*) AS provisional_years, min(y), max(y) FROM tthc.provisional_years() AS y;
SELECT DISTINCT provisional, source FROM tthc.holidays(2027) ORDER BY 1, 2;

-- A DBA loads the 2027 notice with plain SQL: the rule days, then a swap
BEGIN;
INSERT INTO tthc.holiday_notice (year, source) VALUES (2027, 'Thông báo thử nghiệm 2027');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en)
SELECT 2027, day, kind, name_vi, name_en FROM tthc.statutory_holidays(2027);
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2027, '2027-12-31', 'swapped_off', 'Nghỉ hoán đổi', 'Swapped day off'),
	(2027, '2027-12-25', 'working_saturday', 'Làm bù', 'Working Saturday');
SELECT tthc.is_provisional(2027) AS y2027,
	tthc.is_working_day('2027-12-31') AS dec31, tthc.is_working_day('2027-12-25') AS dec25;
SELECT day, kind, provisional, source FROM tthc.holidays(2027) WHERE day >= '2027-12-01';
ROLLBACK;
SELECT tthc.is_working_day('2027-12-25') AS dec25_after_rollback;

-- 2019: the notice named the five days of Tết, Monday 4 to Friday 8 February (30 Chạp to mùng 4);
-- Sunday 3 is not one of them and 8 February is a day of Tết, not a compensatory day
SELECT day, kind, name_en FROM tthc.holidays(2019) WHERE day BETWEEN '2019-02-01' AND '2019-02-10';

-- Vietnam Culture Day (24/11): off by default, a setting enables it from 2026; on a weekend it gives
-- no compensatory day (Labour Code 2019 Art. 111(3) names only the Art. 112 holidays)
SELECT tthc.is_working_day('2026-11-24') AS culture_day_2026_default;
SET tthc.culture_day = on;
SELECT tthc.is_working_day('2026-11-24') AS culture_day_2026,
	tthc.is_working_day('2025-11-24') AS culture_day_2025;
SELECT day, kind, name_en, provisional FROM tthc.holidays(2029) WHERE day >= '2029-11-01';
RESET tthc.culture_day;
SELECT tthc.is_working_day('2026-11-24') AS culture_day_2026_reset;

-- Agency calendars: Saturday-morning reception, winter afternoons, a local day off
INSERT INTO tthc.calendar (name, parent, description) VALUES ('hue', 'national', 'Huế one-stop centre');
INSERT INTO tthc.calendar_session (calendar, weekday, first_month, last_month, starts, ends) VALUES
	('hue', 6, 1, 12, '07:30', '11:30');
INSERT INTO tthc.calendar_session (calendar, weekday, first_month, last_month, starts, ends)
SELECT 'hue', w, 10, 12, s, e FROM generate_series(1, 5) w,
	(VALUES ('07:00'::time, '11:00'::time), ('13:00', '17:00')) AS v(s, e);
INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi, name_en)
VALUES ('hue', '2026-03-26', 'local_off', 'Ngày giải phóng Thừa Thiên Huế', 'Liberation of Huế');
SELECT d, (tthc.day_info(d, 'hue')).*, tthc.is_working_day(d) AS national
FROM unnest(ARRAY['2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-10-05',
	'2026-02-21', '2026-01-10']::date[]) AS d;
SELECT day, kind, name_en FROM tthc.holidays(2026, 'hue') WHERE day < '2026-04-01';
SET tthc.default_calendar = 'hue';
SELECT tthc.is_working_day('2026-03-26') AS hue_default;
RESET tthc.default_calendar;

-- Errors
\set VERBOSITY default
SELECT tthc.is_working_day('2013-12-31');
SELECT tthc.holidays(2100);
SELECT tthc.is_working_day('2026-01-05', 'nowhere');
\set VERBOSITY terse
SELECT pg_temp.err($$SELECT tthc.is_working_day('2100-01-01')$$);
SELECT pg_temp.err($$SELECT tthc.is_working_day('infinity')$$);
SELECT pg_temp.err($$SELECT tthc.is_working_day('-infinity', 'national')$$);
SELECT pg_temp.err($$SELECT * FROM tthc.holidays(2013)$$);
SELECT pg_temp.err($$SELECT * FROM tthc.holidays(2026, 'nowhere')$$);
SELECT pg_temp.err($$SELECT * FROM tthc.statutory_holidays(2100)$$);
SELECT pg_temp.err($$SELECT tthc.is_provisional(1999)$$);
SELECT pg_temp.err($$SET tthc.default_calendar = ''$$);
SELECT pg_temp.err($$SET tthc.no_such_setting = 1$$);
SELECT pg_temp.err($$INSERT INTO tthc.holiday_notice VALUES (2100, 'x')$$);
SELECT pg_temp.err($$INSERT INTO tthc.holiday_notice_day VALUES ('2027-01-04', 2026, 'holiday', 'x', 'x')$$);
SELECT pg_temp.err($$INSERT INTO tthc.holiday_notice_day VALUES ('2026-03-02', 2026, 'working_saturday', 'x', 'x')$$);
SELECT pg_temp.err($$INSERT INTO tthc.holiday_notice_day VALUES ('2026-03-07', 2026, 'compensatory', 'x', 'x')$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar (name, parent) VALUES ('Bad Name', 'national')$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar (name, timezone) VALUES ('mars', 'Mars/Olympus')$$);
SELECT pg_temp.err($$UPDATE tthc.calendar SET parent = 'hue' WHERE name = 'national'$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar_session VALUES ('hue', 6, 1, 12, '11:00', '12:00')$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar_session VALUES ('hue', 3, 1, 12, '12:00', '11:00')$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar_session VALUES ('hue', 8, 1, 12, '12:00', '13:00')$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar_session VALUES ('hue', 3, 4, 2, '12:00', '13:00')$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar_day VALUES ('hue', '2026-05-05', 'holiday', 'x')$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends)
	SELECT 'hue', 7, make_time(h, 0, 0), make_time(h, 30, 0) FROM generate_series(8, 16) h$$);
SELECT pg_temp.err($$INSERT INTO tthc.calendar (name, parent, timezone) VALUES ('abbrev', 'national', 'ICT')$$);
-- a session can be moved and moved back (its own old row is no clash)
UPDATE tthc.calendar_session SET starts = '07:00' WHERE calendar = 'hue' AND weekday = 6;
SELECT (tthc.day_info('2026-03-28', 'hue')).sessions AS saturday_moved;
UPDATE tthc.calendar_session SET starts = '07:30' WHERE calendar = 'hue' AND weekday = 6;
-- operators planted in the caller's search_path do not reach the compiled calendar
CREATE SCHEMA regress_evil;
CREATE FUNCTION regress_evil.always(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR regress_evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = regress_evil.always);
INSERT INTO tthc.calendar_day VALUES ('hue', '2026-05-05', 'local_off', 'x');	-- forces a recompile
DELETE FROM tthc.calendar_day WHERE calendar = 'hue' AND day = '2026-05-05';
SET search_path = regress_evil, pg_catalog;
SELECT (tthc.day_info('2026-03-07')).* ;
SELECT tthc.is_working_day('2026-03-26', 'hue') AS hue_local_day_off;
RESET search_path;
DROP SCHEMA regress_evil CASCADE;
-- any role reads calendars and computes with them
CREATE ROLE regress_tthc_reader;
SET ROLE regress_tthc_reader;
SELECT tthc.is_working_day('2026-02-16', 'hue') AS as_reader, count(*) AS days FROM tthc.holidays(2026, 'hue');
SELECT pg_temp.err($$INSERT INTO tthc.calendar_day VALUES ('hue', '2026-05-05', 'local_off', 'x')$$);
SELECT pg_temp.err($$SET tthc.due_time = 'end_of_day'$$);
SELECT pg_temp.err($$SET tthc.culture_day = on$$);
RESET ROLE;
DROP ROLE regress_tthc_reader;
DELETE FROM tthc.calendar WHERE name = 'hue';
