-- Section 5: due dates under both counting policies, across the 2026 holidays.

\echo
\echo '== 5. Due dates (tthc.due_at) across Tết, 30/4-1/5 and 2/9 =='
\echo
\echo 'civil_code (default): the day of receipt is not counted and the period ends at the end'
\echo 'of its last working day (Civil Code 2015 Arts. 147-148); working_time (one-stop practice):'
\echo 'counted from the receipt instant.  A receipt outside working time counts from the next'
\echo 'working moment.'
CREATE TEMP TABLE demo_dossier (label text, received timestamptz, t tthc.term);
INSERT INTO demo_dossier VALUES
	('Tết', '2026-02-12 10:00', '10 ngày làm việc'),
	('Tết, received on a holiday', '2026-02-18 09:00', '5 ngày làm việc'),
	('Tết, calendar days', '2026-02-05 14:00', '15 ngày'),
	('Tết, working hours', '2026-02-13 15:00', '8 giờ làm việc'),
	('Tết, elapsed hours', '2026-02-13 15:00', '24 giờ'),
	('30/4', '2026-04-28 16:30', '3 ngày làm việc'),
	('30/4, received Friday night', '2026-04-24 19:45', '3 ngày làm việc'),
	('30/4, last day a holiday', '2026-04-23 09:00', '7 ngày'),
	('2/9, swapped Saturday 22/8', '2026-08-21 10:00', '1 ngày làm việc'),
	('2/9', '2026-08-27 11:45', '5 ngày làm việc'),
	('2/9, received at lunch', '2026-08-28 12:15', '4 giờ làm việc');
SELECT d.label, d.t AS term, to_char(d.received, 'Dy DD/MM HH24:MI') AS received,
	to_char(tthc.due_at(d.received, d.t), 'Dy DD/MM HH24:MI') AS civil_code,
	to_char(tthc.due_at(d.received, d.t, counting => 'working_time'), 'Dy DD/MM HH24:MI') AS working_time
FROM demo_dossier AS d
ORDER BY d.received;

\echo 'Same-day terms (trong ngày) with and without the 15:00 cut-off'
\echo '(Luật Hộ tịch Art. 5(3), Decree 23/2015 Art. 7):'
SELECT to_char(r, 'Dy DD/MM HH24:MI') AS received,
	to_char(tthc.due_at(r, 'trong ngày'), 'Dy DD/MM HH24:MI') AS no_cutoff,
	to_char(tthc.due_at(r, 'trong ngày', cutoff => '15:00'), 'Dy DD/MM HH24:MI') AS "cutoff 15:00"
FROM unnest(ARRAY['2026-09-03 14:59', '2026-09-03 15:01', '2026-09-04 16:00',
	'2026-09-05 09:00']::timestamptz[]) AS r;

\echo 'The end of the last day: tthc.due_time = end_of_work (default) or end_of_day (24:00,'
\echo 'Civil Code Art. 148(6)); the due date itself does not change:'
SELECT current_setting('tthc.due_time') AS due_time,
	tthc.due_date('2026-02-12 10:00', '10 ngày làm việc') AS due_date,
	tthc.due_at('2026-02-12 10:00', '10 ngày làm việc') AS due_at;
SET tthc.due_time = 'end_of_day';
SELECT current_setting('tthc.due_time') AS due_time,
	tthc.due_date('2026-02-12 10:00', '10 ngày làm việc') AS due_date,
	tthc.due_at('2026-02-12 10:00', '10 ngày làm việc') AS due_at;
RESET tthc.due_time;

\echo 'The session''s TimeZone changes how an instant is printed, never the answer:'
SET timezone = 'UTC';
SELECT current_setting('timezone') AS session_timezone,
	tthc.due_at('2026-02-12 03:00+00', '10 ngày làm việc') AS due_at,
	tthc.due_date('2026-02-12 03:00+00', '10 ngày làm việc') AS due_date;
SET timezone = 'Asia/Ho_Chi_Minh';
SELECT current_setting('timezone') AS session_timezone,
	tthc.due_at('2026-02-12 03:00+00', '10 ngày làm việc') AS due_at,
	tthc.due_date('2026-02-12 03:00+00', '10 ngày làm việc') AS due_date;
