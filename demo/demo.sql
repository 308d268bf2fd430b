-- tthc demo: what the extension does, one section per file, on a database where
-- CREATE EXTENSION tthc has just run.  tools/demo.sh (make demo) runs it with
-- psql -X -q -v ON_ERROR_STOP=1 -v outdir=... -v quarterdb=...; any error stops it.  Sections 1-15
-- show each capability on a handful of dossiers; from section 16 on, a quarter is played in the
-- second database :quarterdb.  New capabilities add a section file and one \ir line.

\set ON_ERROR_STOP 1
\pset linestyle unicode
\pset border 2
\pset footer off
\pset null '·'
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
-- Only what is printed depends on the session's time zone; the answers do not (section 5).
SET timezone = 'Asia/Ho_Chi_Minh';

-- The test clock (superuser only): the demo's office lives on Monday 15 June 2026, 09:00, so that
-- "now" (receipts without a time, overdue, the health report) is the scenario's, not today's.
SET tthc.now = '2026-06-15 09:00+07';

SELECT tthc.version() AS tthc_version \gset
\echo 'tthc' :tthc_version '- Vietnamese administrative procedures (thủ tục hành chính) in PostgreSQL'
\echo
\echo 'Sections 1-7: the 2026 calendar, lunar dates, provisional years, an agency calendar, due dates,'
\echo 'the compiled calendars and a city''s catalogue.  8-15: a handful of dossiers received, moved'
\echo 'through their life, refused, swept and written to, and the jobs.  16-20: a whole quarter'
\echo 'at scale in a second database, its board, its report, an apology and the report as a web page;
\echo '21: who sees what (officers, analysts, citizens).'

\ir calendar.sql
\ir lunar.sql
\ir provisional.sql
\ir agency.sql
\ir deadline.sql
\ir memory.sql
\ir catalogue.sql
\ir receipts.sql
\ir lifecycle.sql
\ir history.sql
\ir refusals.sql
\ir summary.sql
\ir sweep.sql
\ir letters.sql
\ir jobs.sql
\c :quarterdb
\ir quarter.sql
\ir board.sql
\ir apology.sql
\ir security.sql
