-- tthc 0.1.0 -> 0.2.0: brings a 0.1.0 database to what a fresh 0.2.0 install creates.
-- make test installs 0.1.0, runs this script and compares every catalogue object with a fresh
-- install (sql/upgrade.sql).
\echo Use "ALTER EXTENSION tthc UPDATE TO '0.2.0'" to load this file. \quit

-- Terms in weeks, months and years (Civil Code 2015 Arts. 147-148).
COMMENT ON TYPE tthc.term IS 'time limit of a procedure: an amount with its unit (working days, calendar days, working hours, hours, weeks, months, years) or same day';
COMMENT ON FUNCTION tthc.make_term(integer, text) IS 'term from an amount and a unit identifier: working_days, days, working_hours, hours, weeks, months, years, or same_day with amount 0';
COMMENT ON FUNCTION tthc.term_unit(tthc.term) IS 'unit of a term: working_days, days, working_hours, hours, weeks, months, years or same_day';
