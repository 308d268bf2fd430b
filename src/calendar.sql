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

-- A calendar must not inherit from itself nor through more than 32 ancestors, and its time zone
-- must be known.
CREATE FUNCTION tthc._calendar_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	ancestors bigint;
	below int;
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
		-- a calendar its own parent: the foreign key is met by the row itself
		IF NEW.parent = NEW.name OR EXISTS (
			WITH RECURSIVE up(name, parent) AS (
				SELECT c.name, c.parent FROM tthc.calendar c WHERE c.name = NEW.parent
				UNION
				SELECT c.name, c.parent FROM tthc.calendar c JOIN up ON c.name = up.parent)
			SELECT FROM up WHERE up.name = NEW.name) THEN
			RAISE EXCEPTION 'calendar "%" cannot inherit from "%"', NEW.name, NEW.parent
				USING ERRCODE = 'invalid_recursion',
					  DETAIL = 'The inheritance chain would come back to the calendar itself.';
		END IF;
		-- the compiled calendar reads at most 32 ancestors (MAX_CHAIN in calendar_pg.c): the
		-- ancestors from the new parent up, plus the levels of the calendars below this one
		SELECT (SELECT count(*) FROM (
					WITH RECURSIVE up(name, parent, depth) AS (
						SELECT c.name, c.parent, 1 FROM tthc.calendar c WHERE c.name = NEW.parent
						UNION ALL
						SELECT c.name, c.parent, up.depth + 1 FROM tthc.calendar c JOIN up ON c.name = up.parent
						WHERE up.depth <= 32)
					SELECT FROM up) a),
			   (SELECT coalesce(max(depth), 0) FROM (
					WITH RECURSIVE down(name, depth) AS (
						SELECT c.name, 1 FROM tthc.calendar c
						WHERE TG_OP = 'UPDATE' AND c.parent = OLD.name AND c.name <> OLD.name
						UNION ALL
						SELECT c.name, down.depth + 1 FROM tthc.calendar c JOIN down ON c.parent = down.name
						WHERE down.depth <= 32)
					SELECT depth FROM down) b)
		INTO ancestors, below;
		IF ancestors + below > 32 THEN
			RAISE EXCEPTION 'calendar "%" cannot inherit from "%"', NEW.name, NEW.parent
				USING ERRCODE = 'program_limit_exceeded',
					  DETAIL = format('A calendar may have at most 32 ancestors; %s would have %s.',
						CASE WHEN below = 0 THEN format('"%s"', NEW.name) ELSE 'a calendar below it' END,
						ancestors + below),
					  HINT = 'Inherit from a calendar nearer the root of the chain.';
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._calendar_check() IS 'internal: rejects cyclic inheritance, more than 32 ancestors and unknown time zones';
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
