-- clock.sql: the time-limit clock of a dossier (clock.c), as the dossier API calls it.

CREATE FUNCTION tthc.now()
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_now'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.now() IS
	'the instant tthc takes as now: the test clock tthc.now when a superuser set it, else now()';

CREATE FUNCTION tthc._clock(d tthc.dossier, effect text, at timestamptz, calendar text,
	t tthc.term, counting text, cutoff time, restart boolean, supplement_window tthc.term,
	deem_receipt boolean, appointment timestamptz, by tthc.term)
RETURNS tthc.dossier
AS 'MODULE_PATHNAME', 'tthc_clock'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._clock(tthc.dossier, text, timestamptz, text, tthc.term, text, time, boolean, tthc.term, boolean, timestamptz, tthc.term) IS
	'internal: the dossier row after the clock effect of an event (start, pause, resume, restart, extension, scoring)';
REVOKE ALL ON FUNCTION tthc._clock(tthc.dossier, text, timestamptz, text, tthc.term, text, time, boolean, tthc.term, boolean, timestamptz, tthc.term) FROM PUBLIC;

CREATE FUNCTION tthc._clock_project(started timestamptz, paused timestamptz[], resumed timestamptz[],
	calendar text, t tthc.term, counting text, cutoff time, deem_receipt boolean)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_clock_project'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._clock_project(timestamptz, timestamptz[], timestamptz[], text, tthc.term, text, time, boolean) IS
	'internal: the legal due of a clock started at an instant and paused over intervals, on the calendar as it is now';
REVOKE ALL ON FUNCTION tthc._clock_project(timestamptz, timestamptz[], timestamptz[], text, tthc.term, text, time, boolean) FROM PUBLIC;

CREATE FUNCTION tthc.apology_deadline(legal_due timestamptz, calendar text DEFAULT NULL)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_apology_deadline'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.apology_deadline(timestamptz, text) IS
	'the last lawful moment to apologise and propose a new appointment for a dossier legally due at an instant: the end of the working (or calendar, tthc.apology_day) day before the due day (Decree 61/2018 Art. 19(9))';

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
REVOKE ALL ON FUNCTION tthc._outcome(timestamptz, timestamptz, text) FROM PUBLIC;

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
REVOKE ALL ON FUNCTION tthc._resumed_due(tthc.term, text, timestamptz, timestamptz, interval, timestamptz) FROM PUBLIC;

