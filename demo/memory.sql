-- Section 6: the compiled calendars a backend keeps in memory.

\echo
\echo '== 6. Compiled calendars in this backend (tthc.calendar_info) =='
\echo
\echo 'Each calendar is compiled once per backend into arrays over 2014-2099; every calendar'
\echo 'function then answers in O(1) without reading a table.'
SELECT i.name, i.first_day, i.last_day, i.working_days, i.working_minutes / 60 AS working_hours,
	i.session_patterns, i.memory_bytes, pg_size_pretty(i.memory_bytes) AS memory
FROM unnest(ARRAY['national', 'hue']) AS c, tthc.calendar_info(c) AS i;
