-- Section 1: the national civil-service calendar of 2026, from its official notice.

\echo
\echo '== 1. The 2026 civil-service calendar (lịch nghỉ lễ, Tết năm 2026) =='
\echo
\echo 'Days that differ from the Monday-Friday week: holidays (also on a weekend), compensatory'
\echo 'days (nghỉ bù), swapped weekdays off (hoán đổi) and the Saturdays worked in exchange.'
\echo 'SELECT * FROM tthc.holidays(2026);'
SELECT h.day, to_char(h.day, 'Dy') AS " ", h.kind,
	h.name_vi || E'\n' || h.name_en AS "name (vi / en)"
FROM tthc.holidays(2026) AS h
ORDER BY h.day;

\echo 'The notice the 2026 days come from (tthc.holiday_notice):'
SELECT n.year, n.source || E'\n' || coalesce(n.title, '') AS "source / title",
	tthc.is_provisional(n.year) AS provisional
FROM tthc.holiday_notice AS n
WHERE n.year = 2026;

\echo 'Working days and working hours per month (national calendar: 07:30-11:30, 13:30-17:00):'
SELECT coalesce(to_char(m.first, 'MM/YYYY'), 'total') AS month,
	sum(tthc.working_days_between(m.first - 1, m.last)) AS working_days,
	sum(m.weekdays_off) AS weekdays_off,
	sum(m.saturdays_worked) AS saturdays_worked,
	(sum(m.minutes) / 60.0)::numeric(6, 1) AS working_hours
FROM (
	SELECT f::date AS first, (f + interval '1 month - 1 day')::date AS last,
		count(*) FILTER (WHERE extract(isodow FROM d) < 6 AND NOT tthc.is_working_day(d::date)) AS weekdays_off,
		count(*) FILTER (WHERE extract(isodow FROM d) = 6 AND tthc.is_working_day(d::date)) AS saturdays_worked,
		sum((tthc.day_info(d::date)).working_minutes) AS minutes
	FROM generate_series('2026-01-01'::date, '2026-12-01', '1 month') AS f,
		generate_series(f, f + interval '1 month - 1 day', '1 day') AS d
	GROUP BY f
) AS m
GROUP BY ROLLUP (m.first)
ORDER BY m.first NULLS LAST;
