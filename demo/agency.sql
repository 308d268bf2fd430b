-- Section 4: an agency calendar that inherits the national one and overrides part of it.

\echo
\echo '== 4. An agency calendar: Saturday reception, winter hours, a local day off =='
\echo
INSERT INTO tthc.calendar (name, parent, description)
VALUES ('hue', 'national', 'Trung tâm Phục vụ hành chính công Huế (example)');
-- Saturday-morning reception all year
INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends)
VALUES ('hue', 6, '07:30', '11:30');
-- winter hours, October to March, Monday to Friday; April to September keep the national hours
INSERT INTO tthc.calendar_session (calendar, weekday, first_month, last_month, starts, ends)
SELECT 'hue', w, season.first_month, season.last_month, s.starts, s.ends
FROM generate_series(1, 5) AS w,
	(VALUES (1, 3), (10, 12)) AS season(first_month, last_month),
	(VALUES ('07:00'::time, '11:00'::time), ('13:00', '17:00')) AS s(starts, ends);
-- a local day off
INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi, name_en)
VALUES ('hue', '2026-03-26', 'local_off', 'Ngày giải phóng Thừa Thiên Huế', 'Liberation of Huế');

\echo 'The calendar ''hue'' (parent ''national''): its own days, then the national 2026 notice.'
\echo 'tthc.day_info(d, ''hue'') beside tthc.day_info(d):'
SELECT d AS day, to_char(d, 'Dy') AS " ", h.kind, h.sessions AS "hue sessions",
	n.sessions AS "national sessions"
FROM unnest(ARRAY['2026-03-25', '2026-03-26', '2026-03-28', '2026-05-06', '2026-05-09',
	'2026-08-22', '2026-10-05']::date[]) AS d,
	tthc.day_info(d, 'hue') AS h, tthc.day_info(d) AS n
ORDER BY d;

\echo 'The same dossier at both desks (received Friday 27/3 15:00; Saturday and winter hours count at hue):'
SELECT t AS term, to_char(tthc.due_at('2026-03-27 15:00', t), 'Dy YYYY-MM-DD HH24:MI') AS national,
	to_char(tthc.due_at('2026-03-27 15:00', t, 'hue'), 'Dy YYYY-MM-DD HH24:MI') AS hue
FROM unnest(ARRAY['8 giờ làm việc', '3 ngày làm việc', 'trong ngày']::tthc.term[]) AS t;

\echo 'Working days in March 2026 at each desk (tthc.working_days_between); with'
\echo 'SET tthc.default_calendar = ''hue'', calls without a calendar argument use hue:'
SELECT tthc.working_days_between('2026-02-28', '2026-03-31') AS national,
	tthc.working_days_between('2026-02-28', '2026-03-31', 'hue') AS hue;
SET tthc.default_calendar = 'hue';
SELECT current_setting('tthc.default_calendar') AS default_calendar,
	tthc.working_days_between('2026-02-28', '2026-03-31') AS working_days_in_march,
	tthc.is_working_day('2026-03-26') AS "26/3 is a working day";
RESET tthc.default_calendar;
