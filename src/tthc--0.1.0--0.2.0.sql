-- tthc 0.1.0 -> 0.2.0: brings a 0.1.0 database to what a fresh 0.2.0 install creates.
-- make test installs 0.1.0, runs this script and compares every catalogue object with a fresh
-- install (sql/upgrade.sql).
\echo Use "ALTER EXTENSION tthc UPDATE TO '0.2.0'" to load this file. \quit

-- Terms in weeks, months and years (Civil Code 2015 Arts. 147-148).
COMMENT ON TYPE tthc.term IS 'time limit of a procedure: an amount with its unit (working days, calendar days, working hours, hours, weeks, months, years) or same day';
COMMENT ON FUNCTION tthc.make_term(integer, text) IS 'term from an amount and a unit identifier: working_days, days, working_hours, hours, weeks, months, years, or same_day with amount 0';
COMMENT ON FUNCTION tthc.term_unit(tthc.term) IS 'unit of a term: working_days, days, working_hours, hours, weeks, months, years or same_day';

-- Receipt outside working time as a policy: deem_receipt, a trailing argument of tthc.due_date and
-- tthc.due_at (the 0.1.0 five-argument forms are replaced).
DROP FUNCTION tthc.due_date(timestamptz, tthc.term, text, tthc.counting, time);
CREATE FUNCTION tthc.due_date(received timestamptz, t tthc.term, calendar text DEFAULT NULL,
	counting tthc.counting DEFAULT 'civil_code', cutoff time DEFAULT NULL,
	deem_receipt boolean DEFAULT false)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_due_date'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_date(timestamptz, tthc.term, text, tthc.counting, time, boolean) IS
	'legal due day of a dossier received at an instant with a time limit (NULL calendar: tthc.default_calendar; deem_receipt: a receipt outside working time counts from the next working moment)';

DROP FUNCTION tthc.due_at(timestamptz, tthc.term, text, tthc.counting, time);
CREATE FUNCTION tthc.due_at(received timestamptz, t tthc.term, calendar text DEFAULT NULL,
	counting tthc.counting DEFAULT 'civil_code', cutoff time DEFAULT NULL,
	deem_receipt boolean DEFAULT false)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_due_at'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_at(timestamptz, tthc.term, text, tthc.counting, time, boolean) IS
	'due instant of a dossier: the end of working time (or 24:00, tthc.due_time) of its due day, or the end of a period in hours';
