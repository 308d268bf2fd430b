-- One timed sweep at Tuesday 2026-03-10 10:00 (the test clock): prints milliseconds|new overdue notices.
\set ON_ERROR_STOP 1
SET tthc.now = '2026-03-10 10:00+07';
-- the calendar is compiled once per session: before the clock starts
SELECT tthc.add_working_time(tthc.now(), tthc.due_soon_lead(), 'national') \g /dev/null
SELECT clock_timestamp() AS t0 \gset
SELECT due_soon, overdue, step_overdue FROM tthc.sweep() \gset s_
SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000) || '|' || :s_overdue || '|' || (:s_due_soon + :s_step_overdue);
