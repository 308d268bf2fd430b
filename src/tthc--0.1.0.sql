-- tthc 0.1.0: the released install script, frozen; never edit. Later versions are reached by the upgrade scripts.
\echo Use "CREATE EXTENSION tthc" to load this file. \quit

-- src/tthc.sql
-- tthc.sql: the extension itself.

CREATE FUNCTION tthc.version()
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.version() IS 'version of the loaded tthc library';

-- src/lunar.sql
-- lunar.sql: the Vietnamese lunisolar calendar (âm lịch), reckoned for UTC+7.
--
-- Supported: lunar years 1900 to 2199, i.e. solar dates 1900-01-31 to 2200-02-14 (doc/lunar.md).
-- Both functions are pure computations on their arguments: IMMUTABLE, usable in indexes.

CREATE FUNCTION tthc.to_lunar(
	d date,
	OUT year int,
	OUT month int,
	OUT day int,
	OUT is_leap boolean)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_to_lunar'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.to_lunar(date) IS
	'Vietnamese lunar date (UTC+7 reckoning) of a solar date: year, month, day and whether the month is the leap month';

CREATE FUNCTION tthc.from_lunar(
	year int,
	month int,
	day int,
	is_leap boolean DEFAULT false)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_from_lunar'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.from_lunar(int, int, int, boolean) IS
	'solar date of a Vietnamese lunar date (UTC+7 reckoning); is_leap selects the leap month of that number';

-- src/holidays.sql
-- holidays.sql: days off of the national civil-service calendar.
--
-- Statute: Labour Code 2012 Art. 115 (2014-2020), Labour Code 2019 Arts. 111-112 (from 2021);
-- civil servants rest on Saturday and Sunday (Decision 188/1999/QĐ-TTg).  Each year's official
-- notice (thông báo nghỉ lễ, Tết) fixes the days; for a year without one, the rules give a
-- provisional schedule.

CREATE TYPE tthc.day_kind AS ENUM (
	'holiday',			-- public holiday (ngày nghỉ lễ, tết)
	'compensatory',		-- compensatory day off for a holiday on a rest day (nghỉ bù)
	'swapped_off',		-- weekday off in exchange for a working Saturday (hoán đổi)
	'working_saturday',	-- Saturday worked in exchange for a weekday off
	'local_off',		-- day off of one calendar (and those inheriting from it)
	'local_working'		-- working day of one calendar (and those inheriting from it)
);
COMMENT ON TYPE tthc.day_kind IS 'kind of a day that differs from the weekly pattern';

CREATE TABLE tthc.holiday_notice (
	year		int PRIMARY KEY
		CHECK (year BETWEEN 2014 AND 2099),
	source		text NOT NULL CHECK (source <> ''),
	title		text,
	loaded_at	timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE tthc.holiday_notice IS
	'official yearly notices of the civil-service holiday schedule; a year listed here is not provisional';

CREATE TABLE tthc.holiday_notice_day (
	day			date PRIMARY KEY,
	year		int NOT NULL REFERENCES tthc.holiday_notice ON DELETE CASCADE,
	kind		tthc.day_kind NOT NULL
		CHECK (kind IN ('holiday', 'compensatory', 'swapped_off', 'working_saturday')),
	name_vi		text NOT NULL,
	name_en		text NOT NULL,
	-- a notice may reach into the last month of the previous year (2019's gave 2018-12-31)
	CHECK (day BETWEEN pg_catalog.make_date(year - 1, 12, 1) AND pg_catalog.make_date(year, 12, 31)),
	CHECK ((kind = 'working_saturday') = (pg_catalog.date_part('isodow', day) = 6)
		OR kind IN ('holiday', 'compensatory')),
	CHECK (kind <> 'compensatory' OR pg_catalog.date_part('isodow', day) < 6)
);
CREATE INDEX ON tthc.holiday_notice_day (year);
COMMENT ON TABLE tthc.holiday_notice_day IS
	'the days of each official notice: holidays, compensatory days, swapped days off, working Saturdays';

CREATE FUNCTION tthc.statutory_holidays(year int, culture_day boolean DEFAULT false,
	OUT day date, OUT kind tthc.day_kind, OUT rule text, OUT name_vi text, OUT name_en text,
	OUT source text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'tthc_statutory_holidays'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 14;
COMMENT ON FUNCTION tthc.statutory_holidays(int, boolean) IS
	'days off the Labour Code gives in a year, compensatory days included, before any official notice';

CREATE FUNCTION tthc._check_calendar_year(year int)
RETURNS int
AS 'MODULE_PATHNAME', 'tthc_check_calendar_year'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._check_calendar_year(int) IS
	'internal: the year, or an error when working calendars do not cover it';

CREATE FUNCTION tthc.is_provisional(year int)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT NOT EXISTS (SELECT FROM tthc.holiday_notice n WHERE n.year = tthc._check_calendar_year($1));
END;
COMMENT ON FUNCTION tthc.is_provisional(int) IS
	'true when no official notice is loaded for the year, so its days off come from the rules';

CREATE FUNCTION tthc.provisional_years()
RETURNS SETOF int
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT y FROM pg_catalog.generate_series(2014, 2099) AS y
	WHERE NOT EXISTS (SELECT FROM tthc.holiday_notice n WHERE n.year = y)
	ORDER BY y;
END;
COMMENT ON FUNCTION tthc.provisional_years() IS
	'years of the working-calendar range without an official notice';

SELECT pg_catalog.pg_extension_config_dump('tthc.holiday_notice', 'WHERE year > 2026');
SELECT pg_catalog.pg_extension_config_dump('tthc.holiday_notice_day', 'WHERE year > 2026');

-- src/calendar.sql
-- calendar.sql: working calendars, their sessions and their own days, and the arithmetic on them.

CREATE TABLE tthc.calendar (
	name		text PRIMARY KEY
		CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
	parent		text REFERENCES tthc.calendar ON UPDATE CASCADE,
	timezone	text,
	description	text,
	CHECK (parent IS NOT NULL OR timezone IS NOT NULL)
);
COMMENT ON TABLE tthc.calendar IS
	'working calendars; a calendar with a parent inherits its sessions, days off and time zone and overrides them';
COMMENT ON COLUMN tthc.calendar.timezone IS 'IANA time zone of the calendar''s clock; NULL inherits the parent''s';

CREATE TABLE tthc.calendar_session (
	calendar	text NOT NULL REFERENCES tthc.calendar ON UPDATE CASCADE ON DELETE CASCADE,
	weekday		int NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	first_month	int NOT NULL DEFAULT 1 CHECK (first_month BETWEEN 1 AND 12),
	last_month	int NOT NULL DEFAULT 12 CHECK (last_month BETWEEN 1 AND 12),
	starts		time NOT NULL,
	ends		time NOT NULL,
	PRIMARY KEY (calendar, weekday, first_month, starts),
	CHECK (first_month <= last_month),
	CHECK (starts < ends),
	CHECK (pg_catalog.date_trunc('minute', starts::interval) = starts::interval
		AND pg_catalog.date_trunc('minute', ends::interval) = ends::interval)
);
COMMENT ON TABLE tthc.calendar_session IS
	'working sessions by ISO weekday (1 = Monday) and season (months); for a weekday and month, the nearest calendar of the inheritance chain that has sessions decides them all';

CREATE TABLE tthc.calendar_day (
	calendar	text NOT NULL REFERENCES tthc.calendar ON UPDATE CASCADE ON DELETE CASCADE,
	day			date NOT NULL CHECK (day BETWEEN '2014-01-01' AND '2099-12-31'),
	kind		tthc.day_kind NOT NULL CHECK (kind IN ('local_off', 'local_working')),
	name_vi		text NOT NULL,
	name_en		text,
	source		text,
	PRIMARY KEY (calendar, day)
);
COMMENT ON TABLE tthc.calendar_day IS
	'days off and extra working days of one calendar, on top of the national schedule';

-- A calendar must not inherit from itself, and its time zone must be known.
CREATE FUNCTION tthc._calendar_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NEW.timezone IS NOT NULL
	   AND NOT EXISTS (SELECT FROM pg_timezone_names WHERE name = NEW.timezone) THEN
		RAISE EXCEPTION 'time zone "%" not recognized', NEW.timezone
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Use a name from pg_timezone_names, for example Asia/Ho_Chi_Minh.';
	END IF;
	IF NEW.parent IS NOT NULL THEN
		-- one inheritance change at a time, so that two concurrent ones cannot close a cycle
		LOCK TABLE tthc.calendar IN SHARE ROW EXCLUSIVE MODE;
		IF EXISTS (
			WITH RECURSIVE up(name, parent) AS (
				SELECT c.name, c.parent FROM tthc.calendar c WHERE c.name = NEW.parent
				UNION
				SELECT c.name, c.parent FROM tthc.calendar c JOIN up ON c.name = up.parent)
			SELECT FROM up WHERE up.name = NEW.name) THEN
			RAISE EXCEPTION 'calendar "%" cannot inherit from "%"', NEW.name, NEW.parent
				USING ERRCODE = 'invalid_recursion',
					  DETAIL = 'The inheritance chain would come back to the calendar itself.';
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._calendar_check() IS 'internal: rejects cyclic inheritance and unknown time zones';
CREATE TRIGGER calendar_check BEFORE INSERT OR UPDATE ON tthc.calendar
	FOR EACH ROW EXECUTE FUNCTION tthc._calendar_check();

-- Two sessions of one weekday and season must not overlap.
CREATE FUNCTION tthc._session_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	overlapping int;
	total int;
BEGIN
	-- one session change per calendar at a time, so that two concurrent ones cannot overlap
	PERFORM FROM tthc.calendar c WHERE c.name = NEW.calendar FOR UPDATE;
	-- the other sessions of the weekday in the months this one covers (on UPDATE, not the old row)
	SELECT count(*) FILTER (WHERE s.starts < NEW.ends AND NEW.starts < s.ends), count(*)
	INTO STRICT overlapping, total
	FROM tthc.calendar_session s
	WHERE s.calendar = NEW.calendar AND s.weekday = NEW.weekday
	  AND s.first_month <= NEW.last_month AND NEW.first_month <= s.last_month
	  AND (TG_OP = 'INSERT' OR (s.calendar, s.weekday, s.first_month, s.starts)
		  IS DISTINCT FROM (OLD.calendar, OLD.weekday, OLD.first_month, OLD.starts));
	IF overlapping > 0 THEN
		RAISE EXCEPTION 'session % to % overlaps another session of calendar "%" on weekday %',
			NEW.starts, NEW.ends, NEW.calendar, NEW.weekday
			USING ERRCODE = 'exclusion_violation',
				  HINT = 'Sessions of a weekday must not overlap in months they share.';
	END IF;
	IF total >= 8 THEN
		RAISE EXCEPTION 'calendar "%" would have more than 8 sessions on weekday %', NEW.calendar, NEW.weekday
			USING ERRCODE = 'program_limit_exceeded';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._session_check() IS 'internal: rejects overlapping sessions';
CREATE TRIGGER calendar_session_check BEFORE INSERT OR UPDATE ON tthc.calendar_session
	FOR EACH ROW EXECUTE FUNCTION tthc._session_check();

-- Every change to calendar data makes every backend recompile its calendars once it commits.
CREATE FUNCTION tthc._calendar_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'tthc_calendar_changed'
LANGUAGE C;
COMMENT ON FUNCTION tthc._calendar_changed() IS
	'internal: invalidates the compiled calendars of every backend';
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar_session
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.holiday_notice
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.holiday_notice_day
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_changed();

-- The national civil-service calendar: Monday to Friday (Decision 188/1999/QĐ-TTg, 40 hours a
-- week), default sessions 07:30-11:30 and 13:30-17:00; offices set their own hours in calendars
-- that inherit from it.
INSERT INTO tthc.calendar (name, parent, timezone, description)
VALUES ('national', NULL, 'Asia/Ho_Chi_Minh',
	'Lịch làm việc của cơ quan hành chính nhà nước (national civil-service calendar)');
INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends)
SELECT 'national', w, s.starts, s.ends
FROM pg_catalog.generate_series(1, 5) AS w,
	(VALUES ('07:30'::time, '11:30'::time), ('13:30', '17:00')) AS s(starts, ends);

-- Calendar data is public: any role may read it (the compiled cache reads it as the caller).
GRANT USAGE ON SCHEMA tthc TO PUBLIC;
GRANT SELECT ON tthc.calendar, tthc.calendar_session, tthc.calendar_day, tthc.holiday_notice,
	tthc.holiday_notice_day TO PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('tthc.calendar', 'WHERE name <> ''national''');
SELECT pg_catalog.pg_extension_config_dump('tthc.calendar_session', 'WHERE calendar <> ''national''');
SELECT pg_catalog.pg_extension_config_dump('tthc.calendar_day', '');

-- The days of a calendar that differ from its weekly pattern, years first_year..last_year: the
-- calendar's own days (the nearest in its inheritance chain wins), then the official notices, then
-- for years without a notice the statutory rules (provisional).  Culture Day (24/11) joins from
-- 2026 when tthc.culture_day is on, notice or not, unless the notice already lists that day.
CREATE FUNCTION tthc.calendar_days(calendar text, first_year int, last_year int)
RETURNS TABLE (day date, kind tthc.day_kind, name_vi text, name_en text, source text,
	provisional boolean)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
WITH RECURSIVE chain(name, parent, depth) AS (
	SELECT c.name, c.parent, 0 FROM tthc.calendar c WHERE c.name = $1
	UNION ALL
	SELECT c.name, c.parent, chain.depth + 1
	FROM tthc.calendar c JOIN chain ON c.name = chain.parent
	WHERE chain.depth < 32
),
own AS (
	SELECT DISTINCT ON (d.day) d.day, d.kind, d.name_vi, coalesce(d.name_en, d.name_vi) AS name_en,
		coalesce(d.source, 'calendar ' || d.calendar) AS source, false AS provisional
	FROM tthc.calendar_day d JOIN chain ON d.calendar = chain.name
	WHERE d.day BETWEEN make_date($2, 1, 1) AND make_date($3, 12, 31)
	ORDER BY d.day, chain.depth
),
notice AS (
	SELECT d.day, d.kind, d.name_vi, d.name_en, n.source, false AS provisional
	FROM tthc.holiday_notice_day d JOIN tthc.holiday_notice n ON n.year = d.year
	WHERE d.day BETWEEN make_date($2, 1, 1) AND make_date($3, 12, 31)
),
rules AS (
	SELECT s.day, s.kind, s.name_vi, s.name_en, s.source,
		NOT EXISTS (SELECT FROM tthc.holiday_notice n WHERE n.year = y) AS provisional
	FROM generate_series($2, $3) AS y,
		tthc.statutory_holidays(y, coalesce(current_setting('tthc.culture_day', true), 'off')::boolean) AS s
	WHERE (s.rule = 'culture_day' OR NOT EXISTS (SELECT FROM tthc.holiday_notice n WHERE n.year = y))
	  AND NOT EXISTS (SELECT FROM tthc.holiday_notice_day nd WHERE nd.day = s.day)
),
national AS (
	SELECT * FROM notice
	UNION ALL
	SELECT * FROM rules
)
SELECT * FROM own WHERE EXISTS (SELECT FROM chain)
UNION ALL
SELECT n.* FROM national n
WHERE EXISTS (SELECT FROM chain) AND NOT EXISTS (SELECT FROM own WHERE own.day = n.day)
ORDER BY 1
$$;
COMMENT ON FUNCTION tthc.calendar_days(text, int, int) IS
	'days of a calendar that differ from its weekly pattern, with kind, names, source and provisional flag';

CREATE FUNCTION tthc.holidays(year int, calendar text DEFAULT NULL)
RETURNS TABLE (day date, kind tthc.day_kind, name_vi text, name_en text, source text,
	provisional boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cal text := coalesce(calendar, current_setting('tthc.default_calendar', true), 'national');
BEGIN
	PERFORM tthc._check_calendar_year(year);
	IF NOT EXISTS (SELECT FROM tthc.calendar c WHERE c.name = cal) THEN
		RAISE EXCEPTION 'calendar "%" does not exist', cal
			USING ERRCODE = 'undefined_object',
				  HINT = 'Calendars are listed in tthc.calendar; the default one is named by tthc.default_calendar.';
	END IF;
	RETURN QUERY
		SELECT d.day, d.kind, d.name_vi, d.name_en, d.source, d.provisional
		FROM tthc.calendar_days(cal, year, year) d
		WHERE date_part('year', d.day) = year
		ORDER BY d.day;
END
$$;
COMMENT ON FUNCTION tthc.holidays(int, text) IS
	'a year''s days off and extra working days of a calendar (NULL: tthc.default_calendar)';

CREATE FUNCTION tthc.is_working_day(d date, calendar text DEFAULT NULL)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_working_day'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_working_day(date, text) IS
	'true when the day has working sessions in the calendar (NULL: tthc.default_calendar)';

CREATE FUNCTION tthc.day_info(d date, calendar text DEFAULT NULL,
	OUT kind text, OUT is_working boolean, OUT sessions text, OUT working_minutes int)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_day_info'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.day_info(date, text) IS
	'kind of a day in a calendar, whether it is a working day, its sessions and working minutes';

CREATE FUNCTION tthc.calendar_info(calendar text DEFAULT NULL,
	OUT name text, OUT first_day date, OUT last_day date, OUT working_days int,
	OUT working_minutes bigint, OUT session_patterns int, OUT memory_bytes bigint)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_calendar_info'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.calendar_info(text) IS
	'facts about a compiled calendar: range, working days and minutes, memory it takes in a backend';

CREATE FUNCTION tthc.add_working_days(d date, n int, calendar text DEFAULT NULL)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_add_working_days'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.add_working_days(date, int, text) IS
	'n >= 1: the n-th working day after d; n <= -1: the |n|-th before d; 0: d or the next working day';

CREATE FUNCTION tthc.working_days_between(a date, b date, calendar text DEFAULT NULL)
RETURNS int
AS 'MODULE_PATHNAME', 'tthc_working_days_between'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.working_days_between(date, date, text) IS
	'working days in (a, b], negative when b < a';

CREATE FUNCTION tthc.next_working_day(d date, calendar text DEFAULT NULL)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_next_working_day'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.next_working_day(date, text) IS 'the first working day after d';

CREATE FUNCTION tthc.previous_working_day(d date, calendar text DEFAULT NULL)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_previous_working_day'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.previous_working_day(date, text) IS 'the last working day before d';

CREATE FUNCTION tthc.add_working_time(t timestamptz, duration interval, calendar text DEFAULT NULL)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_add_working_time_fn'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.add_working_time(timestamptz, interval, text) IS
	'the instant when the given working time has passed after t (before t when negative)';

CREATE FUNCTION tthc.working_time_between(a timestamptz, b timestamptz, calendar text DEFAULT NULL)
RETURNS interval
AS 'MODULE_PATHNAME', 'tthc_working_time_between'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.working_time_between(timestamptz, timestamptz, text) IS
	'working time from a to b (sessions only), negative when b < a';

CREATE FUNCTION tthc.first_working_moment(t timestamptz, calendar text DEFAULT NULL)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_first_working_moment_fn'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.first_working_moment(timestamptz, text) IS
	't when it falls in a working session, else the start of the next session';

CREATE FUNCTION tthc.calendar_timezone(calendar text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_calendar_timezone'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.calendar_timezone(text) IS
	'the time zone of a calendar''s clock, inherited from its parents (NULL: tthc.default_calendar)';

-- src/holidays_data.sql
-- holidays_data.sql: the official civil-service schedules of 2019-2026, as published by the
-- yearly notices (domain sources: e.g. 6150/TB-BLĐTBXH for 2025; 9441/TB-BNV and 12729/VPCP-KGVX
-- for 2026) and reported by state press.  Holidays on a weekend are listed too, so that their
-- compensatory days have a reason; within Tết, which days count as the five holidays and which as
-- compensatory follows the statutory derivation (Labour Code Art. 111(3)/115(3)).

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2019, 'Thông báo lịch nghỉ Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4-1/5 và Quốc khánh năm 2019 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2019 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2019, '2018-12-31', 'swapped_off', 'Nghỉ hoán đổi (Tết Dương lịch), làm bù thứ Bảy 05/01/2019', 'Swapped day off (New Year''s Day), worked on Saturday 2019-01-05'),
	(2019, '2019-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2019, '2019-01-05', 'working_saturday', 'Làm việc bù cho ngày nghỉ 31/12/2018', 'Working Saturday in exchange for 2018-12-31'),
	(2019, '2019-02-03', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-04', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-05', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-06', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-07', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-08', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2019, '2019-04-14', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2019, '2019-04-15', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day for Hùng Kings'' Commemoration Day'),
	(2019, '2019-04-29', 'swapped_off', 'Nghỉ hoán đổi (Ngày Chiến thắng), làm bù thứ Bảy 04/05/2019', 'Swapped day off (Reunification Day), worked on Saturday 2019-05-04'),
	(2019, '2019-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2019, '2019-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2019, '2019-05-04', 'working_saturday', 'Làm việc bù cho ngày nghỉ 29/04/2019', 'Working Saturday in exchange for 2019-04-29'),
	(2019, '2019-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2020, 'Thông báo lịch nghỉ lễ, Tết năm 2020 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2020 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2020, '2020-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2020, '2020-01-23', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-24', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-25', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-26', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-27', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-28', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2020, '2020-01-29', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2020, '2020-04-02', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2020, '2020-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2020, '2020-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2020, '2020-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2021, 'Thông báo lịch nghỉ lễ, Tết năm 2021 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2021 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2021, '2021-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2021, '2021-02-10', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-11', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-12', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-13', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-14', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-15', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2021, '2021-02-16', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2021, '2021-04-21', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2021, '2021-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2021, '2021-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2021, '2021-05-03', 'compensatory', 'Nghỉ bù Ngày Quốc tế lao động', 'Compensatory day for International Labour Day'),
	(2021, '2021-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2021, '2021-09-03', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2022, 'Thông báo lịch nghỉ lễ, Tết năm 2022 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2022 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2022, '2022-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2022, '2022-01-03', 'compensatory', 'Nghỉ bù Tết Dương lịch', 'Compensatory day for New Year''s Day'),
	(2022, '2022-01-30', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-01-31', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-02-01', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-02-02', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-02-03', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-02-04', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2022, '2022-04-10', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2022, '2022-04-11', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day for Hùng Kings'' Commemoration Day'),
	(2022, '2022-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2022, '2022-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2022, '2022-05-02', 'compensatory', 'Nghỉ bù Ngày Chiến thắng', 'Compensatory day for Reunification Day'),
	(2022, '2022-05-03', 'compensatory', 'Nghỉ bù Ngày Quốc tế lao động', 'Compensatory day for International Labour Day'),
	(2022, '2022-09-01', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2022, '2022-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2023, 'Thông báo lịch nghỉ lễ, Tết năm 2023 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2023 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2023, '2023-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2023, '2023-01-02', 'compensatory', 'Nghỉ bù Tết Dương lịch', 'Compensatory day for New Year''s Day'),
	(2023, '2023-01-20', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-21', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-22', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-23', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-24', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-25', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2023, '2023-01-26', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2023, '2023-04-29', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2023, '2023-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2023, '2023-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2023, '2023-05-02', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day for Hùng Kings'' Commemoration Day'),
	(2023, '2023-05-03', 'compensatory', 'Nghỉ bù Ngày Chiến thắng', 'Compensatory day for Reunification Day'),
	(2023, '2023-09-01', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2023, '2023-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2023, '2023-09-04', 'compensatory', 'Nghỉ bù Quốc khánh', 'Compensatory day for National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2024, 'Thông báo lịch nghỉ lễ, Tết năm 2024 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2024 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2024, '2024-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2024, '2024-02-08', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-09', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-10', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-11', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-12', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-13', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2024, '2024-02-14', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2024, '2024-04-18', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2024, '2024-04-29', 'swapped_off', 'Nghỉ hoán đổi (Ngày Chiến thắng), làm bù thứ Bảy 04/05/2024', 'Swapped day off (Reunification Day), worked on Saturday 2024-05-04'),
	(2024, '2024-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2024, '2024-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2024, '2024-05-04', 'working_saturday', 'Làm việc bù cho ngày nghỉ 29/04/2024', 'Working Saturday in exchange for 2024-04-29'),
	(2024, '2024-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2024, '2024-09-03', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2025, 'Thông báo 6150/TB-BLĐTBXH về lịch nghỉ lễ, Tết năm 2025 (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2025 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2025, '2025-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2025, '2025-01-27', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-01-28', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-01-29', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-01-30', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-01-31', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2025, '2025-04-26', 'working_saturday', 'Làm việc bù cho ngày nghỉ 02/05/2025', 'Working Saturday in exchange for 2025-05-02'),
	(2025, '2025-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2025, '2025-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2025, '2025-05-02', 'swapped_off', 'Nghỉ hoán đổi (Ngày Quốc tế lao động), làm bù thứ Bảy 26/04/2025', 'Swapped day off (International Labour Day), worked on Saturday 2025-04-26'),
	(2025, '2025-09-01', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2025, '2025-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2026, 'Thông báo 9441/TB-BNV và Công văn 12729/VPCP-KGVX về lịch nghỉ lễ, Tết năm 2026 (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2026 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2026, '2026-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2026, '2026-01-02', 'swapped_off', 'Nghỉ hoán đổi (Tết Dương lịch), làm bù thứ Bảy 10/01/2026', 'Swapped day off (New Year''s Day), worked on Saturday 2026-01-10'),
	(2026, '2026-01-10', 'working_saturday', 'Làm việc bù cho ngày nghỉ 02/01/2026', 'Working Saturday in exchange for 2026-01-02'),
	(2026, '2026-02-15', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-16', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-17', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-18', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-19', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-20', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2026, '2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2026, '2026-04-27', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day for Hùng Kings'' Commemoration Day'),
	(2026, '2026-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2026, '2026-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2026, '2026-08-22', 'working_saturday', 'Làm việc bù cho ngày nghỉ 31/08/2026', 'Working Saturday in exchange for 2026-08-31'),
	(2026, '2026-08-31', 'swapped_off', 'Nghỉ hoán đổi (Quốc khánh), làm bù thứ Bảy 22/08/2026', 'Swapped day off (National Day), worked on Saturday 2026-08-22'),
	(2026, '2026-09-01', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2026, '2026-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

-- src/term.sql
-- term.sql: tthc.term, the time limit of a procedure (thời hạn giải quyết) with its unit.
-- Decree 63/2010/NĐ-CP Art. 8: each procedure states its time limit with its unit.
--
-- Every function here depends on its arguments only (no settings, no tables), hence IMMUTABLE and
-- PARALLEL SAFE; all are STRICT, so NULL in gives NULL out.

CREATE TYPE tthc.term;

CREATE FUNCTION tthc.term_in(cstring)
RETURNS tthc.term
AS 'MODULE_PATHNAME', 'term_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_in(cstring) IS 'input function of tthc.term: parses ''10 ngày làm việc'', ''15 days'', ''trong ngày''';

CREATE FUNCTION tthc.term_out(tthc.term)
RETURNS cstring
AS 'MODULE_PATHNAME', 'term_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_out(tthc.term) IS 'output function of tthc.term: the canonical Vietnamese form';

CREATE FUNCTION tthc.term_recv(internal)
RETURNS tthc.term
AS 'MODULE_PATHNAME', 'term_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_recv(internal) IS 'binary input function of tthc.term: int4 amount, int4 unit, checked';

CREATE FUNCTION tthc.term_send(tthc.term)
RETURNS bytea
AS 'MODULE_PATHNAME', 'term_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_send(tthc.term) IS 'binary output function of tthc.term: int4 amount, int4 unit';

CREATE TYPE tthc.term (
	INPUT = tthc.term_in,
	OUTPUT = tthc.term_out,
	RECEIVE = tthc.term_recv,
	SEND = tthc.term_send,
	INTERNALLENGTH = 8,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE tthc.term IS 'time limit of a procedure: an amount with its unit (working days, calendar days, working hours, hours) or same day';

-- Comparison.  The order (unit, then amount) exists for sorting, grouping and indexes; it is not an
-- order by duration, which needs a calendar.  So the ordering operators are spelled ~<~ and so on,
-- like text_pattern_ops, and the plain < > operators are deliberately absent.

CREATE FUNCTION tthc.term_eq(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_eq(tthc.term, tthc.term) IS 'same amount and same unit';

CREATE FUNCTION tthc.term_ne(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_ne(tthc.term, tthc.term) IS 'different amount or different unit';

CREATE FUNCTION tthc.term_lt(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_lt(tthc.term, tthc.term) IS 'sorts before (by unit, then amount; not shorter)';

CREATE FUNCTION tthc.term_le(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_le(tthc.term, tthc.term) IS 'sorts before or equal (by unit, then amount; not shorter)';

CREATE FUNCTION tthc.term_gt(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_gt(tthc.term, tthc.term) IS 'sorts after (by unit, then amount; not longer)';

CREATE FUNCTION tthc.term_ge(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_ge(tthc.term, tthc.term) IS 'sorts after or equal (by unit, then amount; not longer)';

CREATE FUNCTION tthc.term_cmp(tthc.term, tthc.term)
RETURNS integer
AS 'MODULE_PATHNAME', 'term_cmp_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_cmp(tthc.term, tthc.term) IS 'btree support: -1, 0 or 1 by unit, then amount';

CREATE FUNCTION tthc.term_hash(tthc.term)
RETURNS integer
AS 'MODULE_PATHNAME', 'term_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_hash(tthc.term) IS 'hash support: 32-bit hash of a term';

CREATE FUNCTION tthc.term_hash_extended(tthc.term, bigint)
RETURNS bigint
AS 'MODULE_PATHNAME', 'term_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_hash_extended(tthc.term, bigint) IS 'hash support: 64-bit seeded hash of a term';

CREATE OPERATOR tthc.= (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_eq,
	COMMUTATOR = OPERATOR(tthc.=), NEGATOR = OPERATOR(tthc.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR tthc.= (tthc.term, tthc.term) IS 'same amount and same unit';

CREATE OPERATOR tthc.<> (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_ne,
	COMMUTATOR = OPERATOR(tthc.<>), NEGATOR = OPERATOR(tthc.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR tthc.<> (tthc.term, tthc.term) IS 'different amount or different unit';

CREATE OPERATOR tthc.~<~ (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_lt,
	COMMUTATOR = OPERATOR(tthc.~>~), NEGATOR = OPERATOR(tthc.~>=~),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR tthc.~<~ (tthc.term, tthc.term) IS 'sorts before (by unit, then amount; not shorter)';

CREATE OPERATOR tthc.~<=~ (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_le,
	COMMUTATOR = OPERATOR(tthc.~>=~), NEGATOR = OPERATOR(tthc.~>~),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR tthc.~<=~ (tthc.term, tthc.term) IS 'sorts before or equal (by unit, then amount; not shorter)';

CREATE OPERATOR tthc.~>~ (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_gt,
	COMMUTATOR = OPERATOR(tthc.~<~), NEGATOR = OPERATOR(tthc.~<=~),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR tthc.~>~ (tthc.term, tthc.term) IS 'sorts after (by unit, then amount; not longer)';

CREATE OPERATOR tthc.~>=~ (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_ge,
	COMMUTATOR = OPERATOR(tthc.~<=~), NEGATOR = OPERATOR(tthc.~<~),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR tthc.~>=~ (tthc.term, tthc.term) IS 'sorts after or equal (by unit, then amount; not longer)';

CREATE OPERATOR CLASS tthc.term_ops
DEFAULT FOR TYPE tthc.term USING btree AS
	OPERATOR 1 tthc.~<~,
	OPERATOR 2 tthc.~<=~,
	OPERATOR 3 tthc.=,
	OPERATOR 4 tthc.~>=~,
	OPERATOR 5 tthc.~>~,
	FUNCTION 1 tthc.term_cmp(tthc.term, tthc.term);
COMMENT ON OPERATOR CLASS tthc.term_ops USING btree IS 'default btree class of tthc.term: by unit, then amount (not by duration)';
COMMENT ON OPERATOR FAMILY tthc.term_ops USING btree IS 'btree family of tthc.term: by unit, then amount (not by duration)';

CREATE OPERATOR CLASS tthc.term_ops
DEFAULT FOR TYPE tthc.term USING hash AS
	OPERATOR 1 tthc.=,
	FUNCTION 1 tthc.term_hash(tthc.term),
	FUNCTION 2 tthc.term_hash_extended(tthc.term, bigint);
COMMENT ON OPERATOR CLASS tthc.term_ops USING hash IS 'default hash class of tthc.term';
COMMENT ON OPERATOR FAMILY tthc.term_ops USING hash IS 'hash family of tthc.term';

-- Constructors and accessors.

CREATE FUNCTION tthc.make_term(amount integer, unit text)
RETURNS tthc.term
AS 'MODULE_PATHNAME', 'term_make'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.make_term(integer, text) IS 'term from an amount and a unit identifier: working_days, days, working_hours, hours, or same_day with amount 0';

CREATE FUNCTION tthc.term_amount(tthc.term)
RETURNS integer
AS 'MODULE_PATHNAME', 'term_amount'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_amount(tthc.term) IS 'amount of a term (0 for same day)';

CREATE FUNCTION tthc.term_unit(tthc.term)
RETURNS text
AS 'MODULE_PATHNAME', 'term_unit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_unit(tthc.term) IS 'unit of a term: working_days, days, working_hours, hours or same_day';

CREATE FUNCTION tthc.term_english(tthc.term)
RETURNS text
AS 'MODULE_PATHNAME', 'term_english'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_english(tthc.term) IS 'English form of a term: ''10 working days'', ''1 calendar day'', ''same day''';

-- src/deadline.sql
-- deadline.sql: due dates of dossiers.

CREATE TYPE tthc.counting AS ENUM ('civil_code', 'working_time');
COMMENT ON TYPE tthc.counting IS
	'how a time limit is counted: civil_code (Civil Code 2015 Arts. 147-148, whole days, the default) or working_time (one-stop practice, from the receipt instant)';

CREATE FUNCTION tthc.due_date(received timestamptz, t tthc.term, calendar text DEFAULT NULL,
	counting tthc.counting DEFAULT 'civil_code', cutoff time DEFAULT NULL)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_due_date'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_date(timestamptz, tthc.term, text, tthc.counting, time) IS
	'legal due day of a dossier received at an instant with a time limit (NULL calendar: tthc.default_calendar)';

CREATE FUNCTION tthc.due_at(received timestamptz, t tthc.term, calendar text DEFAULT NULL,
	counting tthc.counting DEFAULT 'civil_code', cutoff time DEFAULT NULL)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_due_at'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_at(timestamptz, tthc.term, text, tthc.counting, time) IS
	'due instant of a dossier: the end of working time (or 24:00, tthc.due_time) of its due day, or the end of a period in hours';

-- src/catalogue.sql
-- catalogue.sql: the procedure catalogue.  Agencies (effective-dated, with succession), sectors,
-- procedures with their versions and steps, the validation of their codes, and search.
--
-- Codes: agency QCVN 102:2016/BTTTT; sector Circular 01/2018/TT-VPCP Art. 20; procedure codes as
-- the national database of administrative procedures writes them.  Time limits with their unit:
-- Decree 63/2010/NĐ-CP Art. 8.  Supplement policy: Decree 61/2018/NĐ-CP Art. 19(4).

-- Codes and text.  Pure functions of their argument (catalogue_pg.c).

CREATE FUNCTION tthc.is_valid_agency_code(code text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_valid_agency_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_valid_agency_code(text) IS
	'true when the text is an agency code V1V2V3.Z1Z2.Y1Y2.MX1X2 of QCVN 102:2016/BTTTT, e.g. 000.00.00.H30';

CREATE FUNCTION tthc.agency_code_level(code text)
RETURNS int
AS 'MODULE_PATHNAME', 'tthc_agency_code_level'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.agency_code_level(text) IS
	'level 1..4 of an agency code (its lowest level present): 000.00.00.H30 is 1, 001.05.04.G18 is 4; 22P02 on an invalid code';

CREATE FUNCTION tthc.is_valid_procedure_code(code text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_valid_procedure_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_valid_procedure_code(text) IS
	'true when the text is a procedure code: D.DDDDDD, then optionally an agency (.000.00.00.H55 or .H38), then optionally a service number (.02)';

CREATE FUNCTION tthc.procedure_base_code(code text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_procedure_base_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.procedure_base_code(text) IS
	'national base code D.DDDDDD of a procedure code: 2.000815.000.00.00.H55 gives 2.000815; 22P02 on an invalid code';

CREATE FUNCTION tthc.is_valid_sector_code(code text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_valid_sector_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_valid_sector_code(text) IS
	'true when the text is a sector code of Circular 01/2018/TT-VPCP Art. 20: level-1 unit, hyphen, 1-4 capitals and 1-3 digits, e.g. G03-GD10';

CREATE FUNCTION tthc.sector_unit(code text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_sector_unit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.sector_unit(text) IS
	'level-1 unit that owns a sector code: G03-GD10 gives G03; 22P02 on an invalid code';

CREATE FUNCTION tthc.fold(s text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_fold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.fold(text) IS
	'lowercase without accents, for matching Vietnamese words: ''Lý lịch TƯ PHÁP'' gives ''ly lich tu phap''; NFC and NFD input alike';

-- All Vietnamese text is stored NFC (design.md, Text).  Unicode normalisation needs a UTF8
-- database; in any other encoding the text is stored as given.
CREATE FUNCTION tthc._nfc(s text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN pg_catalog.getdatabaseencoding() = 'UTF8' THEN pg_catalog.normalize($1, 'NFC') ELSE $1 END
$$;
COMMENT ON FUNCTION tthc._nfc(text) IS 'internal: the text in Unicode normalisation form NFC (as given outside UTF8 databases)';

CREATE FUNCTION tthc._nfc(s text[])
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT coalesce(pg_catalog.array_agg(tthc._nfc(e) ORDER BY i), '{}')
FROM pg_catalog.unnest($1) WITH ORDINALITY AS u(e, i)
$$;
COMMENT ON FUNCTION tthc._nfc(text[]) IS 'internal: every element in Unicode normalisation form NFC';

-- Agencies.

CREATE TABLE tthc.agency (
	code		text PRIMARY KEY CHECK (tthc.is_valid_agency_code(code)),
	name		text NOT NULL CHECK (pg_catalog.btrim(name) <> ''),
	short_name	text CHECK (pg_catalog.btrim(short_name) <> ''),
	parent		text REFERENCES tthc.agency ON DELETE RESTRICT,
	level		int NOT NULL GENERATED ALWAYS AS (tthc.agency_code_level(code)) STORED,
	calendar	text NOT NULL DEFAULT 'national'
		REFERENCES tthc.calendar ON UPDATE CASCADE ON DELETE RESTRICT,
	valid_from	date NOT NULL DEFAULT '2000-01-01',
	valid_to	date,
	successor	text REFERENCES tthc.agency ON DELETE RESTRICT,
	CONSTRAINT agency_valid_period CHECK (valid_to >= valid_from),
	CONSTRAINT agency_successor_not_self CHECK (successor <> code),
	CONSTRAINT agency_successor_ended CHECK (successor IS NULL OR valid_to IS NOT NULL),
	CONSTRAINT agency_parent_not_self CHECK (parent <> code)
);
COMMENT ON TABLE tthc.agency IS
	'agencies that receive or process dossiers (QCVN 102:2016/BTTTT codes), effective-dated; a merged agency keeps its row and names its successor';
COMMENT ON COLUMN tthc.agency.code IS 'agency code V1V2V3.Z1Z2.Y1Y2.MX1X2 (QCVN 102:2016/BTTTT)';
COMMENT ON COLUMN tthc.agency.name IS 'full name, stored NFC, e.g. Ủy ban nhân dân tỉnh ...';
COMMENT ON COLUMN tthc.agency.short_name IS 'abbreviation used on letters and document numbers, e.g. UBND, STP (Decree 30/2020)';
COMMENT ON COLUMN tthc.agency.parent IS 'the agency this one belongs to';
COMMENT ON COLUMN tthc.agency.level IS 'level 1..4 read from the code (1: ministry or provincial People''s Committee)';
COMMENT ON COLUMN tthc.agency.calendar IS 'working calendar of the agency''s deadlines';
COMMENT ON COLUMN tthc.agency.valid_from IS 'first day the agency is in force';
COMMENT ON COLUMN tthc.agency.valid_to IS 'last day the agency is in force (inclusive); NULL: in force';
COMMENT ON COLUMN tthc.agency.successor IS 'the agency it was merged into (e.g. the 2025 reorganisation of provinces and communes)';
CREATE INDEX agency_parent_idx ON tthc.agency (parent);
COMMENT ON INDEX tthc.agency_parent_idx IS 'agencies by parent; also serves the foreign key';
CREATE INDEX agency_successor_idx ON tthc.agency (successor);
COMMENT ON INDEX tthc.agency_successor_idx IS 'agencies by successor; also serves the foreign key';

-- Names are stored NFC; neither the parent chain nor the successor chain may come back to the
-- agency itself, so tthc.agency_successor always ends.
CREATE FUNCTION tthc._agency_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := tthc._nfc(NEW.name);
	NEW.short_name := tthc._nfc(NEW.short_name);
	IF NEW.successor IS NOT NULL AND EXISTS (
		WITH RECURSIVE chain(code) AS (
			SELECT NEW.successor
			UNION
			SELECT a.successor FROM tthc.agency a JOIN chain ON a.code = chain.code
			WHERE a.successor IS NOT NULL)
		SELECT FROM chain WHERE chain.code = NEW.code) THEN
		RAISE EXCEPTION 'agency "%" cannot be succeeded by "%"', NEW.code, NEW.successor
			USING ERRCODE = 'invalid_recursion',
				  DETAIL = 'The successor chain would come back to the agency itself.',
				  HINT = 'A successor is the agency a merged agency became; it must not lead back.';
	END IF;
	IF NEW.parent IS NOT NULL AND EXISTS (
		WITH RECURSIVE chain(code) AS (
			SELECT NEW.parent
			UNION
			SELECT a.parent FROM tthc.agency a JOIN chain ON a.code = chain.code
			WHERE a.parent IS NOT NULL)
		SELECT FROM chain WHERE chain.code = NEW.code) THEN
		RAISE EXCEPTION 'agency "%" cannot belong to "%"', NEW.code, NEW.parent
			USING ERRCODE = 'invalid_recursion',
				  DETAIL = 'The parent chain would come back to the agency itself.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._agency_check() IS
	'internal: stores names NFC and rejects cyclic successor and parent chains';
CREATE TRIGGER agency_check BEFORE INSERT OR UPDATE ON tthc.agency
	FOR EACH ROW EXECUTE FUNCTION tthc._agency_check();
COMMENT ON TRIGGER agency_check ON tthc.agency IS 'stores names NFC and rejects cyclic chains';

CREATE FUNCTION tthc.agency_successor(code text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cur text := $1;
	nxt text;
BEGIN
	SELECT a.successor INTO nxt FROM tthc.agency a WHERE a.code = cur;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', cur
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	-- the trigger keeps the chain acyclic, so this ends
	WHILE nxt IS NOT NULL LOOP
		cur := nxt;
		SELECT a.successor INTO nxt FROM tthc.agency a WHERE a.code = cur;
	END LOOP;
	RETURN cur;
END
$$;
COMMENT ON FUNCTION tthc.agency_successor(text) IS
	'the agency at the end of the successor chain (the agency itself when it has no successor)';

CREATE FUNCTION tthc.agency_calendar(code text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cal text;
BEGIN
	SELECT a.calendar INTO cal FROM tthc.agency a WHERE a.code = $1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', $1
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	RETURN cal;
END
$$;
COMMENT ON FUNCTION tthc.agency_calendar(text) IS 'working calendar of an agency';

-- Sectors (lĩnh vực).

CREATE TABLE tthc.sector (
	code		text PRIMARY KEY CHECK (tthc.is_valid_sector_code(code)),
	unit		text NOT NULL GENERATED ALWAYS AS (tthc.sector_unit(code)) STORED,
	name		text NOT NULL CHECK (pg_catalog.btrim(name) <> '')
);
COMMENT ON TABLE tthc.sector IS 'sectors (lĩnh vực) that group procedures (Circular 01/2018/TT-VPCP Art. 20)';
COMMENT ON COLUMN tthc.sector.code IS 'sector code: level-1 unit, hyphen, sector, e.g. G03-GD10';
COMMENT ON COLUMN tthc.sector.unit IS 'level-1 unit that owns the sector, read from the code (G03)';
COMMENT ON COLUMN tthc.sector.name IS 'name of the sector, stored NFC, e.g. Hộ tịch';

CREATE FUNCTION tthc._sector_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := tthc._nfc(NEW.name);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._sector_check() IS 'internal: stores sector names NFC';
CREATE TRIGGER sector_check BEFORE INSERT OR UPDATE ON tthc.sector
	FOR EACH ROW EXECUTE FUNCTION tthc._sector_check();
COMMENT ON TRIGGER sector_check ON tthc.sector IS 'stores names NFC';

-- Procedures.

CREATE TABLE tthc.procedure (
	code		text PRIMARY KEY CHECK (tthc.is_valid_procedure_code(code)),
	base_code	text NOT NULL GENERATED ALWAYS AS (tthc.procedure_base_code(code)) STORED,
	name		text NOT NULL CHECK (pg_catalog.btrim(name) <> ''),
	name_folded	text NOT NULL GENERATED ALWAYS AS (tthc.fold(name)) STORED,
	sector		text REFERENCES tthc.sector ON UPDATE CASCADE ON DELETE RESTRICT,
	level		text CHECK (level IN ('ministry', 'province', 'district', 'commune', 'other'))
);
COMMENT ON TABLE tthc.procedure IS 'administrative procedures (thủ tục hành chính); their rules are in tthc.procedure_version';
COMMENT ON COLUMN tthc.procedure.code IS 'procedure code: national base code, optional agency suffix, optional service number';
COMMENT ON COLUMN tthc.procedure.base_code IS 'national base code D.DDDDDD read from the code: groups the local variants of one procedure';
COMMENT ON COLUMN tthc.procedure.name IS 'name of the procedure, stored NFC';
COMMENT ON COLUMN tthc.procedure.name_folded IS 'name lowercase without accents (tthc.fold), for search';
COMMENT ON COLUMN tthc.procedure.sector IS 'sector (lĩnh vực) of the procedure';
COMMENT ON COLUMN tthc.procedure.level IS
	'level of government that carries it out (cấp thực hiện): ministry, province, district (until 2025-06-30), commune, other; NULL: not stated';
CREATE INDEX procedure_search ON tthc.procedure
	USING gin (pg_catalog.to_tsvector('pg_catalog.simple', name_folded));
COMMENT ON INDEX tthc.procedure_search IS 'words of the folded name, for tthc.search_procedures';
CREATE INDEX procedure_base_code_idx ON tthc.procedure (base_code);
COMMENT ON INDEX tthc.procedure_base_code_idx IS 'procedures by national base code';
CREATE INDEX procedure_sector_idx ON tthc.procedure (sector);
COMMENT ON INDEX tthc.procedure_sector_idx IS 'procedures by sector; also serves the foreign key';

CREATE FUNCTION tthc._procedure_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := tthc._nfc(NEW.name);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._procedure_check() IS 'internal: stores procedure names NFC';
CREATE TRIGGER procedure_check BEFORE INSERT OR UPDATE ON tthc.procedure
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_check();
COMMENT ON TRIGGER procedure_check ON tthc.procedure IS 'stores names NFC';

-- Versions of a procedure: the rules in force over a period.

CREATE TYPE tthc.supplement_policy AS ENUM ('restart', 'pause');
COMMENT ON TYPE tthc.supplement_policy IS
	'what a supplement request during processing does to the clock: restart from zero once the complete dossier is back (Decree 61/2018 Art. 19(4), the default) or pause and resume the balance (practice)';

CREATE TYPE tthc.online_level AS ENUM ('none', 'partial', 'full');
COMMENT ON TYPE tthc.online_level IS
	'online public service level: none, partial (một phần), full (toàn trình)';

CREATE TABLE tthc.procedure_version (
	procedure	text NOT NULL REFERENCES tthc.procedure ON UPDATE CASCADE ON DELETE CASCADE,
	version		int NOT NULL CHECK (version >= 1),
	valid_from	date NOT NULL,
	valid_to	date,
	term		tthc.term NOT NULL,
	counting	tthc.counting NOT NULL DEFAULT 'civil_code',
	cutoff		time CHECK (cutoff > '00:00' AND cutoff < '24:00'),
	supplement_policy tthc.supplement_policy NOT NULL DEFAULT 'restart',
	fee			numeric(14, 0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
	online_level tthc.online_level NOT NULL DEFAULT 'none',
	required_documents text[] NOT NULL DEFAULT '{}'
		CHECK (pg_catalog.array_position(required_documents, NULL) IS NULL),
	legal_basis	text,
	PRIMARY KEY (procedure, version),
	CONSTRAINT procedure_version_valid_period CHECK (valid_to >= valid_from)
);
COMMENT ON TABLE tthc.procedure_version IS
	'the rules of a procedure over a period: time limit, counting, cut-off, supplement policy, fee, documents; versions of one procedure do not overlap';
COMMENT ON COLUMN tthc.procedure_version.procedure IS 'the procedure';
COMMENT ON COLUMN tthc.procedure_version.version IS 'version number, from 1';
COMMENT ON COLUMN tthc.procedure_version.valid_from IS 'first day the version is in force';
COMMENT ON COLUMN tthc.procedure_version.valid_to IS 'last day the version is in force (inclusive); NULL: open';
COMMENT ON COLUMN tthc.procedure_version.term IS 'time limit (thời hạn giải quyết) with its unit (Decree 63/2010 Art. 8)';
COMMENT ON COLUMN tthc.procedure_version.counting IS 'how the time limit is counted: civil_code (default) or working_time';
COMMENT ON COLUMN tthc.procedure_version.cutoff IS
	'same-day cut-off: a dossier received later counts from the next working day; NULL: none; 15:00 where enabled (Luật Hộ tịch Art. 5(3), Decree 23/2015 Art. 7)';
COMMENT ON COLUMN tthc.procedure_version.supplement_policy IS 'restart (Decree 61/2018 Art. 19(4), default) or pause';
COMMENT ON COLUMN tthc.procedure_version.fee IS 'fee or charge in VND (whole đồng)';
COMMENT ON COLUMN tthc.procedure_version.online_level IS 'online public service level: none, partial, full';
COMMENT ON COLUMN tthc.procedure_version.required_documents IS 'documents of the dossier (thành phần hồ sơ), stored NFC';
COMMENT ON COLUMN tthc.procedure_version.legal_basis IS 'legal instruments of this version (căn cứ pháp lý), stored NFC';

-- Versions of one procedure must not overlap.  btree_gist is not assumed, so a trigger does what
-- an exclusion constraint would; it locks the procedure row so that two concurrent writers of
-- versions of one procedure take turns.
CREATE FUNCTION tthc._procedure_version_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	o record;
BEGIN
	NEW.required_documents := tthc._nfc(NEW.required_documents);
	NEW.legal_basis := tthc._nfc(NEW.legal_basis);
	PERFORM FROM tthc.procedure p WHERE p.code = NEW.procedure FOR NO KEY UPDATE;
	SELECT v.version, v.valid_from, v.valid_to INTO o
	FROM tthc.procedure_version v
	WHERE v.procedure = NEW.procedure
	  AND v.version <> NEW.version
	  AND NOT (TG_OP = 'UPDATE' AND v.procedure = OLD.procedure AND v.version = OLD.version)
	  AND daterange(v.valid_from, v.valid_to, '[]') && daterange(NEW.valid_from, NEW.valid_to, '[]')
	ORDER BY v.valid_from
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'version % of procedure "%" overlaps version %', NEW.version, NEW.procedure, o.version
			USING ERRCODE = 'exclusion_violation',
				  DETAIL = format('Version %s would be in force from %s%s; version %s is from %s%s.',
					NEW.version, to_char(NEW.valid_from, 'YYYY-MM-DD'),
					coalesce(' to ' || to_char(NEW.valid_to, 'YYYY-MM-DD'), ' on'),
					o.version, to_char(o.valid_from, 'YYYY-MM-DD'),
					coalesce(' to ' || to_char(o.valid_to, 'YYYY-MM-DD'), ' on')),
				  HINT = 'End the earlier version (valid_to, inclusive) the day before the later one takes effect.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._procedure_version_check() IS
	'internal: stores text NFC and rejects versions of one procedure that overlap in time';
CREATE TRIGGER procedure_version_check BEFORE INSERT OR UPDATE ON tthc.procedure_version
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_version_check();
COMMENT ON TRIGGER procedure_version_check ON tthc.procedure_version IS
	'stores text NFC and rejects overlapping versions';

-- Steps of a version: who does what within which part of the time limit (inter-agency dossiers
-- state each agency's sub-deadline, Decree 61/2018 Art. 19(6); Circular 01/2018 Art. 13 scores
-- each agency's time).

CREATE TABLE tthc.procedure_step (
	procedure	text NOT NULL,
	version		int NOT NULL,
	step		int NOT NULL CHECK (step >= 1),
	name		text NOT NULL CHECK (pg_catalog.btrim(name) <> ''),
	unit		text NOT NULL CHECK (pg_catalog.btrim(unit) <> ''),
	budget		tthc.term NOT NULL,
	PRIMARY KEY (procedure, version, step),
	FOREIGN KEY (procedure, version) REFERENCES tthc.procedure_version
		ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE tthc.procedure_step IS
	'steps of a procedure version, each with its responsible unit and time budget; the budgets fit the time limit';
COMMENT ON COLUMN tthc.procedure_step.procedure IS 'the procedure';
COMMENT ON COLUMN tthc.procedure_step.version IS 'the version of the procedure';
COMMENT ON COLUMN tthc.procedure_step.step IS 'order of the step, from 1';
COMMENT ON COLUMN tthc.procedure_step.name IS 'what the step does, stored NFC';
COMMENT ON COLUMN tthc.procedure_step.unit IS 'responsible unit (desk, department, agency), stored NFC';
COMMENT ON COLUMN tthc.procedure_step.budget IS 'time budget of the step, in the unit of the version''s time limit';

CREATE FUNCTION tthc._procedure_step_nfc()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := tthc._nfc(NEW.name);
	NEW.unit := tthc._nfc(NEW.unit);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._procedure_step_nfc() IS 'internal: stores step names and units NFC';
CREATE TRIGGER procedure_step_nfc BEFORE INSERT OR UPDATE ON tthc.procedure_step
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_step_nfc();
COMMENT ON TRIGGER procedure_step_nfc ON tthc.procedure_step IS 'stores names and units NFC';

-- Every step budget is in the unit of the version's time limit and the budgets add up to at most
-- the time limit (a same-day procedure has same-day steps).  Deferred to the end of the
-- transaction, so a version and its steps can be written in any order.
CREATE FUNCTION tthc._procedure_step_budget()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	limit_term tthc.term;
	limit_unit text;
	s record;
	total bigint;
	steps int;
	shown text;
BEGIN
	SELECT v.term INTO limit_term FROM tthc.procedure_version v
	WHERE v.procedure = NEW.procedure AND v.version = NEW.version;
	IF NOT FOUND THEN
		RETURN NULL;			-- gone since, or the foreign key reports it
	END IF;
	limit_unit := tthc.term_unit(limit_term);

	SELECT st.step, st.budget INTO s FROM tthc.procedure_step st
	WHERE st.procedure = NEW.procedure AND st.version = NEW.version
	  AND tthc.term_unit(st.budget) <> limit_unit
	ORDER BY st.step LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'budget of step % of procedure "%" version % is not in the unit of its time limit',
			s.step, NEW.procedure, NEW.version
			USING ERRCODE = 'check_violation',
				  DETAIL = format('The step''s budget is %s; the time limit is %s.', s.budget, limit_term),
				  HINT = 'Give every step budget in the unit of the time limit.';
	END IF;

	SELECT sum(tthc.term_amount(st.budget)), count(*) INTO total, steps FROM tthc.procedure_step st
	WHERE st.procedure = NEW.procedure AND st.version = NEW.version;
	IF total > tthc.term_amount(limit_term) THEN
		shown := CASE WHEN total <= 10000 THEN tthc.make_term(total::int, limit_unit)::text
					  ELSE total || ' ' || limit_unit END;
		RAISE EXCEPTION 'step budgets of procedure "%" version % exceed its time limit', NEW.procedure, NEW.version
			USING ERRCODE = 'check_violation',
				  DETAIL = CASE WHEN steps = 1
					THEN format('The budget of the one step is %s; the time limit is %s.', shown, limit_term)
					ELSE format('The budgets of the %s steps add up to %s; the time limit is %s.', steps, shown, limit_term)
					END,
				  HINT = 'Shorten the step budgets or lengthen the time limit.';
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION tthc._procedure_step_budget() IS
	'internal: checks that the step budgets of a version are in its unit and fit its time limit';
CREATE CONSTRAINT TRIGGER procedure_step_budget AFTER INSERT OR UPDATE ON tthc.procedure_step
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_step_budget();
COMMENT ON TRIGGER procedure_step_budget ON tthc.procedure_step IS
	'at commit: the step budgets are in the unit of the time limit and fit it';
CREATE CONSTRAINT TRIGGER procedure_step_budget AFTER INSERT OR UPDATE OF term ON tthc.procedure_version
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_step_budget();
COMMENT ON TRIGGER procedure_step_budget ON tthc.procedure_version IS
	'at commit: the step budgets still fit the (new) time limit';

CREATE FUNCTION tthc.procedure_version_at(procedure text, at date)
RETURNS tthc.procedure_version
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r tthc.procedure_version;
BEGIN
	SELECT v.* INTO r FROM tthc.procedure_version v
	WHERE v.procedure = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2);
	IF FOUND THEN
		RETURN r;
	END IF;
	IF NOT EXISTS (SELECT FROM tthc.procedure p WHERE p.code = $1) THEN
		RAISE EXCEPTION 'procedure "%" does not exist', $1
			USING ERRCODE = 'undefined_object', HINT = 'Procedures are listed in tthc.procedure.';
	END IF;
	RAISE EXCEPTION 'no version of procedure "%" is in force on %', $1, to_char($2, 'YYYY-MM-DD')
		USING ERRCODE = 'undefined_object',
			  DETAIL = (SELECT CASE WHEN count(*) = 0 THEN 'It has no version.'
						ELSE 'Its versions are in force ' || string_agg('from ' || to_char(v.valid_from, 'YYYY-MM-DD')
							|| coalesce(' to ' || to_char(v.valid_to, 'YYYY-MM-DD'), ' on'), ', ' ORDER BY v.valid_from) || '.' END
					FROM tthc.procedure_version v WHERE v.procedure = $1),
			  HINT = 'Versions are listed in tthc.procedure_version.';
END
$$;
COMMENT ON FUNCTION tthc.procedure_version_at(text, date) IS
	'the version of a procedure in force on a day; 42704 when the procedure does not exist or none is in force';

-- Search.  The folded name is split into words by the default text search parser ('simple'
-- configuration: no stemming, no stop words); the query is folded and split the same way.
-- Matches are ranked in tiers, then by ts_rank_cd within a tier (normalised by the name's length,
-- so shorter names come first): 4 the query is the procedure's code or base code; 3 the words of
-- the query appear as a phrase; 2 all the words appear; 1 all the words appear, the last one as a
-- prefix (typing in progress).
CREATE FUNCTION tthc.search_procedures(query text, max_results int DEFAULT 20)
RETURNS TABLE (code text, name text, rank real)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
	q text := tthc.fold(btrim(query));
	is_code boolean := tthc.is_valid_procedure_code(btrim(query));
	phrase tsquery;
	all_words tsquery;
	prefix tsquery;
BEGIN
	IF btrim(query) = '' THEN
		RAISE EXCEPTION 'search query is empty'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give one or more words of the procedure''s name, with or without accents.';
	END IF;
	IF max_results < 1 THEN
		RAISE EXCEPTION 'max_results must be at least 1, not %', max_results
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	-- every word exact, the last one (by position) also as a prefix
	SELECT string_agg(format('''%s''%s', replace(replace(w.lexeme, '\', '\\'), '''', ''''''),
			CASE WHEN w.last THEN ':*' ELSE '' END), ' & ')::tsquery
	INTO prefix
	FROM (SELECT t.lexeme,
			t.positions[array_upper(t.positions, 1)] = max(t.positions[array_upper(t.positions, 1)]) OVER () AS last
		  FROM unnest(to_tsvector('pg_catalog.simple', q)) AS t) AS w;
	IF prefix IS NULL AND NOT is_code THEN
		RAISE EXCEPTION 'search query "%" has no words', query
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give one or more words of the procedure''s name, with or without accents.';
	END IF;
	phrase := phraseto_tsquery('pg_catalog.simple', q);
	all_words := plainto_tsquery('pg_catalog.simple', q);

	RETURN QUERY
	WITH hits AS (
		SELECT p.code FROM tthc.procedure p
		WHERE to_tsvector('pg_catalog.simple', p.name_folded) @@ prefix
		UNION
		SELECT p.code FROM tthc.procedure p
		WHERE is_code AND (p.code = btrim(query) OR p.base_code = btrim(query))
	)
	SELECT p.code, p.name,
		(CASE WHEN is_code AND (p.code = btrim(query) OR p.base_code = btrim(query)) THEN 4
			  WHEN x.v @@ phrase THEN 3
			  WHEN x.v @@ all_words THEN 2
			  ELSE 1 END
		 + CASE WHEN prefix IS NULL THEN 0 ELSE ts_rank_cd(x.v, prefix, 1 | 32) END)::real
	FROM hits h
	JOIN tthc.procedure p ON p.code = h.code
	CROSS JOIN LATERAL (SELECT to_tsvector('pg_catalog.simple', p.name_folded) AS v) x
	ORDER BY 3 DESC, p.name_folded COLLATE "C", p.code COLLATE "C"
	LIMIT max_results;
END
$$;
COMMENT ON FUNCTION tthc.search_procedures(text, int) IS
	'procedures whose name matches the words of a query, accent- and case-insensitive, best first: code, phrase, all words, last word as prefix';

SELECT pg_catalog.pg_extension_config_dump('tthc.agency', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.sector', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.procedure', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.procedure_version', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.procedure_step', '');

-- src/dossier.sql
-- dossier.sql: dossiers, their state machine, clock, hash-chained history and notification outbox.
--
-- Decree 61/2018/NĐ-CP (amended by Decree 107/2021): Art. 17(1) the clock starts when a complete,
-- valid dossier is accepted and the dossier code is assigned; Art. 19(4) supplement requests;
-- Art. 19(9) at most one re-scheduling.  Circular 01/2018/TT-VPCP Art. 19: dossier codes; Art. 13:
-- early / on time / late.  Decree 224/2026: every status change is notified at once.

CREATE TYPE tthc.channel AS ENUM ('desk', 'online', 'post');
COMMENT ON TYPE tthc.channel IS 'how a dossier reached the agency: at the one-stop desk, online, by post';

CREATE TYPE tthc.clock_state AS ENUM ('not_started', 'running', 'paused', 'stopped');
COMMENT ON TYPE tthc.clock_state IS 'state of a dossier''s time-limit clock';

CREATE TYPE tthc.outcome AS ENUM ('early', 'on_time', 'late');
COMMENT ON TYPE tthc.outcome IS
	'timeliness of a result (Circular 01/2018 Art. 13: 2 early, 1 on time, 0 late)';

CREATE FUNCTION tthc.statuses(OUT code int, OUT name_vi text, OUT name_en text, OUT closed boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'tthc_statuses'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION tthc.statuses() IS 'the ten national dossier statuses with their codes';

CREATE VIEW tthc.status AS SELECT * FROM tthc.statuses();
COMMENT ON VIEW tthc.status IS 'the ten national dossier statuses (National Public Service Portal codes)';
GRANT SELECT ON tthc.status TO PUBLIC;

CREATE FUNCTION tthc.transitions(OUT from_status int, OUT event text, OUT to_status int, OUT clock text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'tthc_transitions'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 22;
COMMENT ON FUNCTION tthc.transitions() IS 'the legal transitions between statuses and their effect on the clock';

CREATE FUNCTION tthc._transition(from_status int, event text, OUT to_status int, OUT clock text)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_transition_lookup'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._transition(int, text) IS
	'internal: the target of an event in a status, or the illegal-transition / closed-dossier error';

CREATE FUNCTION tthc._dossier_write(on_off boolean)
RETURNS void
AS 'MODULE_PATHNAME', 'tthc_dossier_write'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION tthc._dossier_write(boolean) IS 'internal: opens and closes the dossier write guard';
REVOKE ALL ON FUNCTION tthc._dossier_write(boolean) FROM PUBLIC;

CREATE FUNCTION tthc._dossier_writing()
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_dossier_writing'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION tthc._dossier_writing() IS 'internal: true inside tthc''s own dossier writes';

CREATE TABLE tthc.dossier (
	id				bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	agency			text NOT NULL REFERENCES tthc.agency ON DELETE RESTRICT,
	code			text UNIQUE,
	procedure		text NOT NULL,
	procedure_version int NOT NULL,
	calendar		text NOT NULL,
	applicant_name	text NOT NULL,
	applicant_id	text CHECK (applicant_id ~ '^[0-9]{12}$'),
	applicant_phone	text,
	applicant_email	text,
	channel			tthc.channel NOT NULL,
	submitted_at	timestamptz NOT NULL,
	received_at		timestamptz,
	status			int NOT NULL CHECK (status BETWEEN 1 AND 10),
	version			int NOT NULL DEFAULT 1,
	clock			tthc.clock_state NOT NULL DEFAULT 'not_started',
	clock_started_at timestamptz,
	remaining		interval,
	paused_due_at	timestamptz,
	due_at			timestamptz,
	original_due_at	timestamptz,
	extended		boolean NOT NULL DEFAULT false,
	supplements		int NOT NULL DEFAULT 0,
	finished_at		timestamptz,
	finish_outcome	tthc.outcome,
	returned_at		timestamptz,
	return_outcome	tthc.outcome,
	last_event_at	timestamptz NOT NULL,
	last_seq		int NOT NULL DEFAULT 0,
	last_hash		bytea,
	FOREIGN KEY (procedure, procedure_version) REFERENCES tthc.procedure_version ON DELETE RESTRICT
);
CREATE INDEX ON tthc.dossier (agency, status);
CREATE INDEX ON tthc.dossier (procedure, procedure_version);
CREATE INDEX dossier_open_due ON tthc.dossier (due_at) WHERE status IN (2, 4) AND due_at IS NOT NULL;
COMMENT ON TABLE tthc.dossier IS
	'administrative dossiers (hồ sơ): state, clock and due instant; changed only through tthc.transition()';
COMMENT ON COLUMN tthc.dossier.code IS 'dossier code <agency>-YYMMDD-XXXX, assigned on acceptance (Circular 01/2018 Art. 19)';
COMMENT ON COLUMN tthc.dossier.remaining IS 'working time left on the clock while it is paused';
COMMENT ON COLUMN tthc.dossier.paused_due_at IS 'the due instant when the clock was paused (PAUSE policy, fees)';
COMMENT ON COLUMN tthc.dossier.due_at IS 'current due instant; NULL while the clock is not running';

CREATE TABLE tthc.dossier_event (
	dossier			bigint NOT NULL REFERENCES tthc.dossier ON DELETE RESTRICT,
	seq				int NOT NULL,
	agency			text NOT NULL,
	at				timestamptz NOT NULL,
	event			text NOT NULL,
	from_status		int,
	to_status		int NOT NULL,
	actor			text NOT NULL,
	note			text,
	due_at_before	timestamptz,
	due_at_after	timestamptz,
	login			text NOT NULL,
	recorded_at		timestamptz NOT NULL,
	prev_hash		bytea,
	hash			bytea NOT NULL,
	PRIMARY KEY (dossier, seq)
);
COMMENT ON TABLE tthc.dossier_event IS
	'append-only history of every dossier; each row carries the SHA-256 of its content and of the row before';
COMMENT ON COLUMN tthc.dossier_event.at IS 'when the event happened, as the caller says';
COMMENT ON COLUMN tthc.dossier_event.actor IS 'who acted, as the application says (an officer''s name)';
COMMENT ON COLUMN tthc.dossier_event.login IS 'the database login that recorded the event (session_user)';
COMMENT ON COLUMN tthc.dossier_event.recorded_at IS 'when the event was recorded (transaction start)';

CREATE TABLE tthc.dossier_step (
	dossier			bigint NOT NULL REFERENCES tthc.dossier ON DELETE RESTRICT,
	step			int NOT NULL,
	agency			text NOT NULL,
	name			text NOT NULL,
	unit			text NOT NULL,
	budget			tthc.term NOT NULL,
	due_at			timestamptz NOT NULL,
	finished_at		timestamptz,
	PRIMARY KEY (dossier, step)
);
COMMENT ON TABLE tthc.dossier_step IS
	'internal steps of a dossier with their responsible units and step due instants (Decree 61 Art. 19(6))';

CREATE TABLE tthc.outbox (
	id				bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	event			text NOT NULL,
	status			int NOT NULL,
	payload			jsonb NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	sent_at			timestamptz
);
CREATE INDEX outbox_unsent ON tthc.outbox (id) WHERE sent_at IS NULL;
COMMENT ON TABLE tthc.outbox IS
	'one row per status change, for the application''s SMS / e-mail / Zalo sender; NOTIFY tthc_dossier announces each';

CREATE TABLE tthc.dossier_counter (
	agency			text NOT NULL,
	day				date NOT NULL,
	last			int NOT NULL,
	PRIMARY KEY (agency, day)
);
COMMENT ON TABLE tthc.dossier_counter IS 'last dossier sequence number per receiving agency and day';

SELECT pg_catalog.pg_extension_config_dump('tthc.dossier', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_event', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_step', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.outbox', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_counter', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.outbox_id_seq', '');

-- Direct writes: a dossier's managed columns change only inside tthc's transition code; history
-- rows are never updated or deleted.
CREATE FUNCTION tthc._dossier_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP = 'UPDATE'
	   AND (NEW.id, NEW.agency, NEW.code, NEW.procedure, NEW.procedure_version, NEW.calendar,
			NEW.applicant_name, NEW.applicant_id,
			NEW.channel, NEW.submitted_at, NEW.received_at, NEW.status, NEW.version, NEW.clock,
			NEW.clock_started_at, NEW.remaining, NEW.paused_due_at, NEW.due_at, NEW.original_due_at, NEW.extended,
			NEW.supplements, NEW.finished_at, NEW.finish_outcome, NEW.returned_at,
			NEW.return_outcome, NEW.last_event_at, NEW.last_seq, NEW.last_hash)
		IS NOT DISTINCT FROM
		   (OLD.id, OLD.agency, OLD.code, OLD.procedure, OLD.procedure_version, OLD.calendar,
			OLD.applicant_name, OLD.applicant_id,
			OLD.channel, OLD.submitted_at, OLD.received_at, OLD.status, OLD.version, OLD.clock,
			OLD.clock_started_at, OLD.remaining, OLD.paused_due_at, OLD.due_at, OLD.original_due_at, OLD.extended,
			OLD.supplements, OLD.finished_at, OLD.finish_outcome, OLD.returned_at,
			OLD.return_outcome, OLD.last_event_at, OLD.last_seq, OLD.last_hash) THEN
		RETURN NEW;				-- the applicant's phone and e-mail may be corrected directly
	END IF;
	RAISE EXCEPTION 'direct % of a dossier''s state is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'Use tthc.receive() and tthc.transition() (or accept, finish, ...); only the applicant''s phone and e-mail may be updated directly.';
END
$$;
COMMENT ON FUNCTION tthc._dossier_guard() IS 'internal: refuses direct writes of dossier state';
CREATE TRIGGER dossier_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.dossier
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._dossier_guard();

CREATE FUNCTION tthc._history_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'dossier history is append-only: % is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'History rows are written by tthc.transition() and never changed.';
END
$$;
COMMENT ON FUNCTION tthc._history_guard() IS 'internal: keeps dossier history append-only';
CREATE TRIGGER dossier_event_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.dossier_event
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._history_guard();
CREATE TRIGGER dossier_event_truncate BEFORE TRUNCATE ON tthc.dossier_event
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._history_guard();

-- The canonical content of a history row, hashed with the previous row's hash (SHA-256, OpenSSL).
CREATE FUNCTION tthc._event_canonical(dossier bigint, seq int, agency text, at timestamptz,
	event text, from_status int, to_status int, actor text, note text,
	due_at_before timestamptz, due_at_after timestamptz, login text, recorded_at timestamptz)
RETURNS bytea
AS 'MODULE_PATHNAME', 'tthc_event_canonical'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._event_canonical(bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz) IS
	'canonical bytes of a history row that its hash covers: fields in order, instants as microseconds, texts length-prefixed';

CREATE FUNCTION tthc._event_hash(prev bytea, dossier bigint, seq int, agency text, at timestamptz,
	event text, from_status int, to_status int, actor text, note text,
	due_at_before timestamptz, due_at_after timestamptz, login text, recorded_at timestamptz)
RETURNS bytea
AS 'MODULE_PATHNAME', 'tthc_event_hash'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._event_hash(bytea, bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz) IS
	'SHA-256 of the previous hash and the canonical content of a history row';

CREATE FUNCTION tthc._outcome(done timestamptz, due timestamptz, calendar text)
RETURNS tthc.outcome
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE
	WHEN done > due THEN 'late'
	-- early: on a day before the due day (Circular 01/2018 Art. 13)
	WHEN (done AT TIME ZONE tz)::date < ((due - interval '1 microsecond') AT TIME ZONE tz)::date THEN 'early'
	ELSE 'on_time' END::tthc.outcome
FROM (SELECT tthc.calendar_timezone(calendar) AS tz) z
$$;
COMMENT ON FUNCTION tthc._outcome(timestamptz, timestamptz, text) IS
	'early (a day before the due day), on time, or late (after the due instant)';

-- Dossier codes: <agency>-YYMMDD-XXXX, a gapless sequence per receiving agency and day.
CREATE FUNCTION tthc._next_dossier_code(agency text, day date)
RETURNS text
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
INSERT INTO tthc.dossier_counter AS c (agency, day, last) VALUES ($1, $2, 1)
ON CONFLICT (agency, day) DO UPDATE SET last = c.last + 1
RETURNING $1 || '-' || to_char($2, 'YYMMDD') || '-' ||
	CASE WHEN last > 9999 THEN last::text ELSE lpad(last::text, 4, '0') END
$$;
COMMENT ON FUNCTION tthc._next_dossier_code(text, date) IS
	'internal: the next dossier code of an agency and day (rolls back with its transaction, so no gaps)';
REVOKE ALL ON FUNCTION tthc._next_dossier_code(text, date) FROM PUBLIC;

CREATE FUNCTION tthc.parse_dossier_code(code text, OUT agency text, OUT received date, OUT seq int)
RETURNS record
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	m text[] := regexp_match(code, '^\s*(.+?)-((?:[0-9]{2})?[0-9]{6})-([0-9]{4,7})\s*$');
BEGIN
	IF m IS NULL THEN
		RAISE EXCEPTION 'invalid dossier code: "%"', code
			USING ERRCODE = 'invalid_text_representation',
				  HINT = 'A dossier code is <agency code>-YYMMDD-XXXX, for example 000.00.00.H30-260115-0001.';
	END IF;
	agency := m[1];
	BEGIN
		received := to_date(m[2], CASE WHEN length(m[2]) = 8 THEN 'YYYYMMDD' ELSE 'YYMMDD' END);
	EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
		RAISE EXCEPTION 'invalid dossier code: "%"', code
			USING ERRCODE = 'invalid_text_representation', DETAIL = format('"%s" is not a date.', m[2]);
	END;
	seq := m[3]::int;
END
$$;
COMMENT ON FUNCTION tthc.parse_dossier_code(text) IS
	'parts of a dossier code, read leniently (8-digit dates, 4-7 digit sequences)';

-- The due instant after a pause: the old one moved by the time the clock stood still, measured in
-- the time limit's own unit.  Days (working, calendar, same day): the due day moves by the working
-- (or calendar) days from the pause day to the resumption day, keeping its time of day (end of
-- work, 24:00, or the working-time policy's hour).  Working hours: the working time that was left
-- runs again from the resumption.  Hours: the elapsed pause is added.
CREATE FUNCTION tthc._resumed_due(t tthc.term, calendar text, paused_at timestamptz,
	paused_due timestamptz, remaining interval, resumed_at timestamptz)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_resumed_due'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._resumed_due(tthc.term, text, timestamptz, timestamptz, interval, timestamptz) IS
	'internal: the due instant after a pause, moved by the pause measured in the time limit''s unit';

-- Write dossier d after an event, in one statement: its managed columns, the history row (hash
-- chained on the dossier's last hash), the outbox row and the NOTIFY.  Returns the new last hash.
CREATE FUNCTION tthc._write(d tthc.dossier, event text, from_status int, happened_at timestamptz,
	actor text, note text, due_before timestamptz)
RETURNS bytea
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	h bytea := tthc._event_hash(d.last_hash, d.id, d.last_seq, d.agency, happened_at, event,
		from_status, d.status, actor, note, due_before, d.due_at, session_user, now());
	message jsonb := jsonb_build_object('dossier', d.id, 'code', d.code, 'agency', d.agency,
		'event', event, 'status', d.status, 'due_at', d.due_at, 'at', happened_at);
	sent int;
BEGIN
	PERFORM tthc._dossier_write(true);
	WITH u AS (
		UPDATE tthc.dossier SET
			code = d.code, received_at = d.received_at, status = d.status, version = d.version,
			clock = d.clock, clock_started_at = d.clock_started_at, remaining = d.remaining,
			paused_due_at = d.paused_due_at,
			due_at = d.due_at, original_due_at = d.original_due_at, extended = d.extended,
			supplements = d.supplements, finished_at = d.finished_at, finish_outcome = d.finish_outcome,
			returned_at = d.returned_at, return_outcome = d.return_outcome,
			last_event_at = d.last_event_at, last_seq = d.last_seq, last_hash = h
		WHERE id = d.id),
	e AS (
		INSERT INTO tthc.dossier_event (dossier, seq, agency, at, event, from_status, to_status,
			actor, note, due_at_before, due_at_after, login, recorded_at, prev_hash, hash)
		VALUES (d.id, d.last_seq, d.agency, happened_at, event, from_status, d.status,
			actor, note, due_before, d.due_at, session_user, now(), d.last_hash, h)),
	o AS (
		INSERT INTO tthc.outbox (dossier, agency, event, status, payload)
		VALUES (d.id, d.agency, event, d.status, message)
		RETURNING id)
	SELECT count(pg_notify('tthc_dossier', (message || jsonb_build_object('outbox', o.id))::text))
	INTO sent FROM o;
	PERFORM tthc._dossier_write(false);
	RETURN h;
END
$$;
COMMENT ON FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz) IS
	'internal: writes a dossier after an event with its hash-chained history row, outbox row and NOTIFY';
REVOKE ALL ON FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz) FROM PUBLIC;

-- Start the clock of dossier d at ts: code, due instant, step due instants.
-- Plan the steps of dossier d from instant ts: each step is due when the budgets of the steps up to
-- it have run from ts (budgets share the unit of the time limit, so they add up).
CREATE FUNCTION tthc._plan_steps(d tthc.dossier, v tthc.procedure_version, ts timestamptz)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
INSERT INTO tthc.dossier_step AS ds (dossier, step, agency, name, unit, budget, due_at)
SELECT d.id, s.step, d.agency, s.name, s.unit, s.budget,
	CASE WHEN tthc.term_unit(s.budget) = 'same_day' THEN d.due_at
		 ELSE tthc.due_at(ts, tthc.make_term(s.spent::int, tthc.term_unit(s.budget)), d.calendar,
			v.counting, v.cutoff) END
FROM (SELECT ps.*, sum(tthc.term_amount(ps.budget)) OVER (ORDER BY ps.step) AS spent
	  FROM tthc.procedure_step ps
	  WHERE ps.procedure = d.procedure AND ps.version = d.procedure_version) s
ON CONFLICT (dossier, step) DO UPDATE SET due_at = excluded.due_at
$$;
COMMENT ON FUNCTION tthc._plan_steps(tthc.dossier, tthc.procedure_version, timestamptz) IS
	'internal: the due instants of a dossier''s steps, counted from the start of its clock';
REVOKE ALL ON FUNCTION tthc._plan_steps(tthc.dossier, tthc.procedure_version, timestamptz) FROM PUBLIC;

-- Move the open steps of dossier d, paused since its last event, like the dossier itself.
CREATE FUNCTION tthc._resume_steps(d tthc.dossier, v tthc.procedure_version, ts timestamptz)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
UPDATE tthc.dossier_step ds
SET due_at = tthc._resumed_due(v.term, d.calendar, d.last_event_at, ds.due_at,
	tthc.working_time_between(d.last_event_at, ds.due_at, d.calendar), ts)
WHERE ds.dossier = d.id AND ds.finished_at IS NULL
$$;
COMMENT ON FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz) IS
	'internal: moves the open steps of a dossier whose clock resumes';
REVOKE ALL ON FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz) FROM PUBLIC;

CREATE FUNCTION tthc._start_clock(d tthc.dossier, ts timestamptz)
RETURNS tthc.dossier
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v tthc.procedure_version;
BEGIN
	SELECT * INTO STRICT v FROM tthc.procedure_version
	WHERE procedure = d.procedure AND version = d.procedure_version;
	d.received_at := ts;
	d.code := tthc._next_dossier_code(d.agency, (ts AT TIME ZONE tthc.calendar_timezone(d.calendar))::date);
	d.clock := 'running';
	d.clock_started_at := ts;
	d.due_at := tthc.due_at(ts, v.term, d.calendar, v.counting, v.cutoff);
	d.original_due_at := d.due_at;
	PERFORM tthc._plan_steps(d, v, ts);
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc._start_clock(tthc.dossier, timestamptz) IS
	'internal: assigns the code and starts the clock of an accepted dossier';
REVOKE ALL ON FUNCTION tthc._start_clock(tthc.dossier, timestamptz) FROM PUBLIC;

CREATE FUNCTION tthc.receive(agency text, procedure text, applicant_name text,
	applicant_id text DEFAULT NULL, channel tthc.channel DEFAULT 'desk',
	received_at timestamptz DEFAULT NULL, applicant_phone text DEFAULT NULL,
	applicant_email text DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	a record;
	ts timestamptz := coalesce(received_at, now());
	day date;
BEGIN
	SELECT g.code, g.calendar, g.valid_from, g.valid_to, g.successor INTO a
	FROM tthc.agency g WHERE g.code = receive.agency;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', agency
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	day := (ts AT TIME ZONE tthc.calendar_timezone(a.calendar))::date;
	IF day < a.valid_from OR day > a.valid_to OR a.successor IS NOT NULL AND a.valid_to IS NULL THEN
		RAISE EXCEPTION 'agency "%" does not receive dossiers on %', agency, day
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('The agency is in force from %s to %s.', a.valid_from, coalesce(a.valid_to::text, 'now')),
				  HINT = CASE WHEN a.successor IS NOT NULL
					THEN format('It was merged into "%s".', tthc.agency_successor(agency))
					ELSE 'Receive the dossier at an agency in force on that day.' END;
	END IF;
	IF applicant_id IS NOT NULL AND applicant_id !~ '^[0-9]{12}$' THEN
		RAISE EXCEPTION 'invalid citizen identity number: "%"', applicant_id
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'A Vietnamese citizen identity number (CCCD) has 12 digits.';
	END IF;
	IF ts > now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'receipt time % is in the future', ts
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Dossiers are recorded when they are received; the time may lie in the past, not ahead.';
	END IF;
	IF procedure IS NULL OR channel IS NULL THEN
		RAISE EXCEPTION 'procedure and channel must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF coalesce(btrim(applicant_name), '') = '' THEN
		RAISE EXCEPTION 'applicant name must not be empty' USING ERRCODE = 'invalid_parameter_value';
	END IF;

	d.agency := agency;
	d.procedure := procedure;
	d.procedure_version := (tthc.procedure_version_at(procedure, day)).version;
	d.calendar := a.calendar;
	d.applicant_name := normalize(btrim(applicant_name), NFC);
	d.applicant_id := applicant_id;
	d.applicant_phone := applicant_phone;
	d.applicant_email := applicant_email;
	d.channel := channel;
	d.submitted_at := ts;
	d.status := 1;
	d.version := 1;
	d.clock := 'not_started';
	d.extended := false;
	d.supplements := 0;
	d.last_event_at := ts;
	d.last_seq := 1;

	PERFORM tthc._dossier_write(true);
	INSERT INTO tthc.dossier (agency, procedure, procedure_version, calendar, applicant_name,
		applicant_id, applicant_phone, applicant_email, channel, submitted_at, status, last_event_at, last_seq)
	VALUES (d.agency, d.procedure, d.procedure_version, d.calendar, d.applicant_name,
		d.applicant_id, d.applicant_phone, d.applicant_email, d.channel, d.submitted_at, 1, ts, 1)
	RETURNING id INTO d.id;
	PERFORM tthc._dossier_write(false);
	-- at the desk or by post a complete dossier is accepted on receipt: the clock starts now
	IF channel <> 'online' THEN
		d.status := 2;
		d := tthc._start_clock(d, ts);
	END IF;
	d.last_hash := tthc._write(d, 'receive', NULL, ts, coalesce(actor, session_user), NULL, NULL);
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text) IS
	'receives a dossier: pins the procedure version; at the desk or by post accepts it (code, clock); online it waits for acceptance';

CREATE FUNCTION tthc.transition(dossier bigint, event text, expected_version int DEFAULT NULL,
	note text DEFAULT NULL, happened_at timestamptz DEFAULT NULL,
	new_due_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	t record;
	v tthc.procedure_version;
	ts timestamptz := coalesce(happened_at, now());
	from_status int;
	due_before timestamptz;
BEGIN
	IF event IS NULL THEN
		RAISE EXCEPTION 'event must not be null' USING ERRCODE = 'null_value_not_allowed',
			HINT = 'The events are listed by tthc.transitions().';
	END IF;
	SELECT * INTO d FROM tthc.dossier WHERE id = dossier FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	IF expected_version IS NOT NULL AND d.version <> expected_version THEN
		RAISE EXCEPTION 'dossier % has changed: it is at version %, not %', dossier, d.version, expected_version
			USING ERRCODE = 'TH002',
				  HINT = 'Read the dossier again and retry with its current version.';
	END IF;
	t := tthc._transition(d.status, event);
	IF ts > now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'event time % is in the future', ts
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Events are recorded when they happen; their time may lie in the past, not ahead.';
	END IF;
	IF ts < d.last_event_at THEN
		RAISE EXCEPTION 'event time % is before the dossier''s last event at %', ts, d.last_event_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	from_status := d.status;
	due_before := d.due_at;
	IF t.clock IN ('suspend_supplement', 'resume_supplement', 'resume_payment') THEN
		SELECT * INTO STRICT v FROM tthc.procedure_version pv
		WHERE pv.procedure = d.procedure AND pv.version = d.procedure_version;
	END IF;

	CASE t.clock
	WHEN 'start' THEN
		d := tthc._start_clock(d, ts);
	WHEN 'suspend_supplement' THEN
		-- Decree 61 Art. 19(4): RESTART counts the whole limit again once the dossier is complete;
		-- PAUSE keeps what was left
		d.supplements := d.supplements + 1;
		IF v.supplement_policy = 'pause' THEN
			d.remaining := tthc.working_time_between(ts, d.due_at, d.calendar);
			d.paused_due_at := d.due_at;
		END IF;
		d.clock := 'paused';
		d.due_at := NULL;
	WHEN 'resume_supplement' THEN
		IF v.supplement_policy = 'pause' THEN
			d.due_at := tthc._resumed_due(v.term, d.calendar, d.last_event_at, d.paused_due_at,
				d.remaining, ts);
			PERFORM tthc._resume_steps(d, v, ts);
		ELSE
			d.due_at := tthc.due_at(ts, v.term, d.calendar, v.counting, v.cutoff);
			d.clock_started_at := ts;
			PERFORM tthc._plan_steps(d, v, ts);
		END IF;
		d.remaining := NULL;
		d.paused_due_at := NULL;
		d.clock := 'running';
	WHEN 'suspend_payment' THEN
		d.remaining := tthc.working_time_between(ts, d.due_at, d.calendar);
		d.paused_due_at := d.due_at;
		d.clock := 'paused';
		d.due_at := NULL;
	WHEN 'resume_payment' THEN
		d.due_at := tthc._resumed_due(v.term, d.calendar, d.last_event_at, d.paused_due_at,
			d.remaining, ts);
		PERFORM tthc._resume_steps(d, v, ts);
		d.remaining := NULL;
		d.paused_due_at := NULL;
		d.clock := 'running';
	WHEN 'extend' THEN
		-- Decree 61 Art. 19(9): the return date may be re-scheduled at most once
		IF d.extended THEN
			RAISE EXCEPTION 'dossier % has already been re-scheduled once', dossier
				USING ERRCODE = 'TH005',
					  DETAIL = 'Decree 61/2018 Art. 19(9) allows at most one new appointment.';
		END IF;
		IF new_due_at IS NULL OR new_due_at <= d.due_at THEN
			RAISE EXCEPTION 'a new appointment must be later than the current due instant %', d.due_at
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.due_at := new_due_at;
		d.extended := true;
	WHEN 'finish' THEN
		d.finished_at := ts;
		d.finish_outcome := tthc._outcome(ts, d.due_at, d.calendar);
		d.clock := 'stopped';
	WHEN 'return' THEN
		d.returned_at := ts;
		d.return_outcome := tthc._outcome(ts, d.due_at, d.calendar);
	WHEN 'stop' THEN
		d.clock := 'stopped';
	ELSE
		NULL;
	END CASE;

	d.status := t.to_status;
	d.version := d.version + 1;
	d.last_event_at := ts;
	d.last_seq := d.last_seq + 1;
	d.last_hash := tthc._write(d, event, from_status, ts, coalesce(actor, session_user), note, due_before);
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text) IS
	'performs an event on a dossier: locks it, checks legality and the expected version, moves the clock, appends hash-chained history and writes the outbox';

-- Receiving and moving dossiers is for the roles a DBA grants it to (they run as the extension's
-- owner, so that the history and outbox stay out of the callers' reach).
REVOKE EXECUTE ON FUNCTION tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text),
	tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text) FROM PUBLIC;

-- One convenience function per event, all alike.
DO $$
DECLARE
	e record;
BEGIN
	FOR e IN SELECT * FROM (VALUES
		('accept', 'accepts an online submission: assigns the code and starts the clock (Decree 61 Art. 17(1))'),
		('refuse', 'refuses an online submission at the desk'),
		('start_processing', 'hands an accepted dossier to the processing unit'),
		('request_supplement', 'asks the applicant to supplement the dossier: the clock restarts or pauses per policy (Decree 61 Art. 19(4))'),
		('supplement_received', 'records the complete dossier back: the clock runs again'),
		('request_payment', 'asks the applicant to pay fees or taxes: the clock stops'),
		('payment_received', 'records the payment: the clock runs again'),
		('withdraw', 'records the applicant''s withdrawal of the dossier'),
		('stop', 'stops processing the dossier'),
		('finish', 'records the result as ready, with its timeliness'),
		('return_result', 'records the result as returned to the applicant, with its timeliness')) AS v(name, what)
	LOOP
		EXECUTE format($f$
			CREATE FUNCTION tthc.%1$I(dossier bigint, expected_version int DEFAULT NULL,
				note text DEFAULT NULL, happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
			RETURNS tthc.dossier
			LANGUAGE sql
			SET search_path = pg_catalog, pg_temp
			AS $b$SELECT tthc.transition($1, %2$L, $2, $3, $4, NULL, $5)$b$
			$f$, e.name, e.name);
		EXECUTE format('COMMENT ON FUNCTION tthc.%I(bigint, int, text, timestamptz, text) IS %L',
			e.name, e.what);
	END LOOP;
END
$$;

CREATE FUNCTION tthc.extend(dossier bigint, new_due_at timestamptz, reason text,
	expected_version int DEFAULT NULL, happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS 'SELECT tthc.transition($1, ''extend'', $4, $3, $5, $2, $6)';
COMMENT ON FUNCTION tthc.extend(bigint, timestamptz, text, int, timestamptz, text) IS
	're-schedules the return of a dossier once, with the reason (Decree 61 Art. 19(9))';

CREATE FUNCTION tthc.complete_step(dossier bigint, step int, happened_at timestamptz DEFAULT NULL)
RETURNS tthc.dossier_step
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	s tthc.dossier_step;
BEGIN
	IF EXISTS (SELECT FROM tthc.dossier x JOIN tthc.status st ON st.code = x.status
			   WHERE x.id = dossier AND st.closed) THEN
		RAISE EXCEPTION 'dossier % is closed', dossier USING ERRCODE = 'TH003';
	END IF;
	UPDATE tthc.dossier_step ds SET finished_at = coalesce(happened_at, now())
	WHERE ds.dossier = complete_step.dossier AND ds.step = complete_step.step AND ds.finished_at IS NULL
	RETURNING * INTO s;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % has no open step %', dossier, step USING ERRCODE = 'undefined_object';
	END IF;
	RETURN s;
END
$$;
COMMENT ON FUNCTION tthc.complete_step(bigint, int, timestamptz) IS
	'records a step of a dossier as done by its unit';
REVOKE EXECUTE ON FUNCTION tthc.complete_step(bigint, int, timestamptz) FROM PUBLIC;

CREATE FUNCTION tthc.verify_history(dossier bigint,
	OUT valid boolean, OUT events int, OUT first_broken_seq int, OUT reason text)
RETURNS record
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	e tthc.dossier_event;
	prev bytea := NULL;
	expected int := 1;
	last bytea;
BEGIN
	SELECT d.last_hash INTO last FROM tthc.dossier d WHERE d.id = dossier;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	valid := true;
	events := 0;
	FOR e IN SELECT * FROM tthc.dossier_event de WHERE de.dossier = verify_history.dossier ORDER BY seq LOOP
		events := events + 1;
		IF e.seq <> expected THEN
			reason := format('event %s is missing', expected);
		ELSIF e.prev_hash IS DISTINCT FROM prev THEN
			reason := format('event %s does not link to the hash of event %s', e.seq, e.seq - 1);
		ELSIF e.hash <> tthc._event_hash(prev, e.dossier, e.seq, e.agency, e.at, e.event,
				e.from_status, e.to_status, e.actor, e.note, e.due_at_before, e.due_at_after,
				e.login, e.recorded_at) THEN
			reason := format('the content of event %s does not match its hash', e.seq);
		END IF;
		IF reason IS NOT NULL THEN
			valid := false;
			first_broken_seq := least(e.seq, expected);
			RETURN;
		END IF;
		prev := e.hash;
		expected := expected + 1;
	END LOOP;
	IF prev IS DISTINCT FROM last THEN
		valid := false;
		first_broken_seq := expected;
		reason := 'the last event is not the one the dossier records';
	END IF;
END
$$;
COMMENT ON FUNCTION tthc.verify_history(bigint) IS
	'checks the SHA-256 chain of a dossier''s history and reports the first broken link';

-- A procedure version that dossiers were received under keeps its rules: they are read again when
-- the clock starts or restarts.  Publish a new version instead.
CREATE FUNCTION tthc._version_in_use()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (NEW.term OPERATOR(tthc.<>) OLD.term
		OR (NEW.counting, NEW.cutoff, NEW.supplement_policy)
		   IS DISTINCT FROM (OLD.counting, OLD.cutoff, OLD.supplement_policy))
	   AND EXISTS (SELECT FROM tthc.dossier d
				   WHERE d.procedure = OLD.procedure AND d.procedure_version = OLD.version) THEN
		RAISE EXCEPTION 'version % of procedure "%" is in use by dossiers', OLD.version, OLD.procedure
			USING ERRCODE = 'object_in_use',
				  HINT = 'Add a new version with its own effective dates instead of changing the time limit or its policies.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._version_in_use() IS
	'internal: keeps the time limit and policies of a procedure version that dossiers use';
CREATE TRIGGER procedure_version_in_use BEFORE UPDATE ON tthc.procedure_version
	FOR EACH ROW EXECUTE FUNCTION tthc._version_in_use();
