-- Section 13: sweeps on the test clock: due-soon and overdue dossiers after Tết 2026.

\echo
\echo '== 13. Sweeps: due soon and overdue (tthc.sweep) =='
\echo
\echo 'Decree 61/2018 Art. 19(9): no later than one day before the due date, the agency must apologise'
\echo 'and propose a new date.  tthc.sweep(), run every few minutes, warns while that can still be'
\echo 'done (due soon: the last lawful moment within tthc.due_soon_lead, 15 working hours) and after'
\echo 'the legal due (overdue), once per dossier, through the outbox and NOTIFY.  Three criminal-record'
\echo 'requests (10 working days) are received on Wednesday 11/2, before Tết: due Wednesday 4/3 17:00,'
\echo 'last lawful moment Tuesday 3/3 17:00.  The test clock (tthc.now, superuser only) replays the dates.'
SET tthc.now = '2026-02-11 09:00+07';
CREATE TEMP TABLE sweep_demo AS
SELECT (tthc.receive('000.00.12.H31', '2.000488.H31', name, cccd, 'desk', '2026-02-11 09:00',
	actor => 'mc.phamlan')).id AS id, name
FROM (VALUES ('Lý Văn Sơn', '031087002211'), ('Trịnh Thị Nga', '031190003322'),
			 ('Đặng Quốc Bảo', '031092004433')) AS v(name, cccd);
SELECT d.code, d.applicant_name AS applicant, to_char(d.legal_due_at, 'Dy DD/MM HH24:MI') AS legal_due,
	to_char(tthc.apology_deadline(d.legal_due_at, d.calendar), 'Dy DD/MM HH24:MI') AS apologise_by
FROM tthc.dossier d JOIN sweep_demo s USING (id) ORDER BY d.id;

\echo 'Friday 27/2 16:00 nothing is due soon yet; at 17:00 the 15 working hours left before the last'
\echo 'lawful moment are Monday 2/3 and Tuesday 3/3: the three are due soon.  A second sweep gives'
\echo 'nothing new.'
SET tthc.now = '2026-02-27 16:00+07';
SELECT * FROM tthc.sweep();
SET tthc.now = '2026-02-27 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM tthc.sweep();

\echo 'Monday 2/3: Mr Sơn''s dossier is re-scheduled in time, with the apology; Ms Nga''s is ready on'
\echo 'Tuesday.  Thursday 5/3 09:00, the sweep finds the other two late: an extended dossier is still'
\echo 'late against its legal due ("hồ sơ quá hạn giải quyết"), whatever its new appointment.'
SET tthc.now = '2026-03-02 10:00+07';
SELECT 1 FROM tthc.extend((SELECT id FROM sweep_demo WHERE name = 'Lý Văn Sơn'), by => '3 ngày làm việc',
	reason => 'Chờ kết quả xác minh của cơ quan công an') \g /dev/null
SET tthc.now = '2026-03-03 15:00+07';
SELECT 1 FROM tthc.start_processing((SELECT id FROM sweep_demo WHERE name = 'Trịnh Thị Nga')) \g /dev/null
SELECT 1 FROM tthc.finish((SELECT id FROM sweep_demo WHERE name = 'Trịnh Thị Nga')) \g /dev/null
SET tthc.now = '2026-03-05 09:00+07';
SELECT * FROM tthc.sweep();
\echo 'The dossiers'' own notices, each with its outbox row (the steps nobody marked done, Decree'
\echo '61/2018 Art. 19(6)-(7), got step_overdue notices too: counted below).'
SELECT d.code, n.kind, to_char(n.due_at, 'Dy DD/MM HH24:MI') AS legal_due,
	to_char(n.swept_at, 'Dy DD/MM HH24:MI') AS noticed, o.id IS NOT NULL AS in_outbox
FROM tthc.notice n JOIN sweep_demo s ON s.id = n.dossier JOIN tthc.dossier d ON d.id = n.dossier
LEFT JOIN tthc.outbox o ON (o.payload->>'notice')::bigint = n.id AND o.event = n.kind::text
WHERE n.kind <> 'step_overdue'
ORDER BY n.id;
SELECT count(*) AS step_overdue_notices FROM tthc.notice n JOIN sweep_demo s ON s.id = n.dossier
WHERE n.kind = 'step_overdue';

\echo 'For applications: tthc.overdue_dossier (and open_dossier, due_soon_dossier) with the time left,'
\echo 'and tthc.appointment(), the due instant a receipt now would get, for the slip.'
SELECT o.code, o.applicant_name AS applicant, to_char(o.due_at, 'Dy DD/MM HH24:MI') AS appointment,
	o.working_days_left, o.working_time_left
FROM tthc.overdue_dossier o JOIN sweep_demo s USING (id) ORDER BY o.id;
SELECT to_char(tthc.appointment('000.00.12.H31', '2.000488.H31'), 'Dy DD/MM/YYYY HH24:MI') AS appointment_if_received_now;
-- back to the demo's day (demo.sql)
SET tthc.now = '2026-06-15 09:00+07';
