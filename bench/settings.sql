-- settings.sql: the session the timed queries run in.

SET client_min_messages = warning;
SET search_path = bench, public;

-- Same settings on every side: no parallel workers, no JIT (its compile time would count against
-- whichever query crosses jit_above_cost).
SET max_parallel_workers_per_gather = 0;
SET jit = off;

-- compile the calendar of this backend before anything is timed
SELECT tthc.add_working_days(date '2020-01-01', 1) IS NOT NULL AS calendar_compiled \gset
