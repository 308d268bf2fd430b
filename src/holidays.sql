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
