-- Section 9: one dossier through its whole life, each event with its instant.

\echo
\echo '== 9. The life of dossier #1: a criminal-record certificate requested online =='
\echo
\echo 'Every event is one call (tthc.accept, tthc.start_processing, ...; all go through'
\echo 'tthc.transition): it locks the dossier, checks the event is legal in its status, moves the'
\echo 'clock, appends a hash-chained history row and writes the outbox, in the caller''s transaction.'
\echo 'Each call returns the dossier row; the demo keeps them in a table to print them together.'
CREATE TEMP TABLE walk (LIKE tthc.dossier);
INSERT INTO walk SELECT * FROM tthc.dossier WHERE id = 1;
-- Thursday 12/2, the desk opens: the online submission of the night before is complete
INSERT INTO walk SELECT * FROM tthc.accept(1, happened_at => '2026-02-12 08:15', actor => 'mc.phamlan');
INSERT INTO walk SELECT * FROM tthc.start_processing(1, happened_at => '2026-02-12 10:00',
	actor => 'mc.phamlan');
-- Friday 13/2, the last working day before Tết: a document is missing (Form 02)
INSERT INTO walk SELECT * FROM tthc.request_supplement(1, happened_at => '2026-02-13 09:30',
	note => 'Thiếu bản chụp Giấy khai sinh', actor => 'cv.hoangnam');
-- Tuesday 24/2, after Tết: the complete dossier is back, the 10 working days count again
INSERT INTO walk SELECT * FROM tthc.supplement_received(1, happened_at => '2026-02-24 14:00',
	actor => 'mc.phamlan');
-- the fee is due: the clock stops and keeps the working time left
INSERT INTO walk SELECT * FROM tthc.request_payment(1, happened_at => '2026-02-26 10:00',
	note => 'Phí cấp Phiếu lý lịch tư pháp: 200.000 đồng', actor => 'cv.hoangnam');
INSERT INTO walk SELECT * FROM tthc.payment_received(1, happened_at => '2026-02-27 08:30',
	actor => 'mc.phamlan');
-- Monday 9/3, two days before the due day: one re-scheduling, with its reason (Decree 61/2018
-- Art. 19(9); the apology letter is a later module)
INSERT INTO walk SELECT * FROM tthc.extend(1, '2026-03-18 17:00',
	'Chờ kết quả xác minh của Công an tỉnh Quảng Ninh', happened_at => '2026-03-09 10:00',
	actor => 'cv.hoangnam');
INSERT INTO walk SELECT * FROM tthc.finish(1, happened_at => '2026-03-18 10:30', actor => 'ld.vuthanh');
INSERT INTO walk SELECT * FROM tthc.return_result(1, happened_at => '2026-03-18 15:00',
	actor => 'mc.phamlan');

SELECT w.version, e.event, to_char(e.at, 'Dy DD/MM HH24:MI') AS at,
	w.status || ' ' || s.name_vi AS status, w.clock,
	to_char(w.legal_due_at, 'Dy DD/MM HH24:MI') AS "legal due",
	to_char(w.due_at, 'Dy DD/MM HH24:MI') AS appointment, w.remaining AS "time left",
	coalesce(w.finish_outcome::text, '') || coalesce(' / ' || w.return_outcome, '') AS "outcome (finish / return)"
FROM walk AS w
JOIN tthc.dossier_event AS e ON e.dossier = w.id AND e.seq = w.last_seq
JOIN tthc.status AS s ON s.code = w.status
ORDER BY w.version;

\echo 'Accepted at 08:15 on 12/2, the dossier gets its code (the second of the day at the'
\echo 'Department) and is due 5/3 17:00: 10 working days, Tết skipped.  The supplement request'
\echo 'pauses the clock; the procedure''s policy is restart (Decree 61/2018 Art. 19(4)), so the'
\echo 'whole limit counts again from 24/2 14:00: due 10/3.  The fee stops the clock on 26/2; it runs'
\echo 'again on 27/2, one working day later, so the due day moves one working day: 11/3 17:00.'
\echo 'The extension on 9/3 comes before the last lawful moment (the end of 10/3, the working day'
\echo 'before the due day) and sets the appointment to 18/3; the legal due stays 11/3.  The result is'
\echo 'ready and handed over on 18/3, as the applicant was told, and it is late: lateness is scored'
\echo 'against the time the law allows, not the new appointment (Circular 01/2018 Art. 13; Decree'
\echo '61/2018 Art. 19(9) calls an extended dossier "hồ sơ quá hạn giải quyết").'
SELECT d.code, d.procedure_version, to_char(d.received_at, 'DD/MM HH24:MI') AS accepted,
	to_char(d.original_due_at, 'DD/MM HH24:MI') AS "first due",
	to_char(d.legal_due_at, 'DD/MM HH24:MI') AS "legal due", to_char(d.due_at, 'DD/MM HH24:MI') AS appointment,
	d.extended, d.apology_late, d.appointment_kept AS kept, d.supplements, d.finish_outcome, d.return_outcome,
	d.version
FROM tthc.dossier AS d
WHERE d.id = 1;

\echo
\echo 'Two due instants, side by side.  Two criminal-record certificates received at the desk on'
\echo 'Monday 1/6 (version 2: 7 working days, legally due Wednesday 10/6 17:00).  The last lawful'
\echo 'moment to apologise and propose a new appointment is the end of Tuesday 9/6'
\echo '(tthc.apology_deadline; Decree 61/2018 Art. 19(9), "1 day" read as a working day).'
SELECT to_char(tthc.apology_deadline('2026-06-10 17:00'), 'Dy DD/MM HH24:MI') AS "last lawful moment";
CREATE TEMP TABLE pair (label text, id bigint);
INSERT INTO pair SELECT 'A: re-scheduled after the due date', (tthc.receive('000.00.12.H31', '2.000488.H31',
	'Đặng Văn Khoa', '031087004321', received_at => '2026-06-01 09:00', actor => 'mc.phamlan')).id;
INSERT INTO pair SELECT 'B: re-scheduled in time', (tthc.receive('000.00.12.H31', '2.000488.H31',
	'Mai Thị Ngọc', '031192007654', received_at => '2026-06-01 09:20', actor => 'mc.phamlan')).id;
DO $$
BEGIN
	PERFORM tthc.start_processing(id, happened_at => '2026-06-01 10:00') FROM pair;
	-- A: the agency notices on Thursday 11/6, a day after the due date, and re-schedules to 15/6
	PERFORM tthc.extend(id, '2026-06-15 10:00', 'Chờ kết quả xác minh của cơ quan công an',
		happened_at => '2026-06-11 09:00', actor => 'cv.hoangnam') FROM pair WHERE label LIKE 'A%';
	-- B: the agency sees it coming on Monday 8/6 and re-schedules by 3 working days from the due date
	PERFORM tthc.extend(id, reason => 'Chờ kết quả xác minh của cơ quan công an', by => '3 ngày làm việc',
		happened_at => '2026-06-08 10:00', actor => 'cv.hoangnam') FROM pair WHERE label LIKE 'B%';
	-- A is ready on Friday 12/6, before its new appointment; B on the legal due day
	PERFORM tthc.finish(id, happened_at => '2026-06-12 15:00', actor => 'ld.vuthanh') FROM pair WHERE label LIKE 'A%';
	PERFORM tthc.finish(id, happened_at => '2026-06-10 15:00', actor => 'ld.vuthanh') FROM pair WHERE label LIKE 'B%';
END
$$;
SELECT p.label, to_char(d.legal_due_at, 'Dy DD/MM HH24:MI') AS "legal due",
	to_char(d.extended_at, 'Dy DD/MM HH24:MI') AS "extended on",
	to_char(d.due_at, 'Dy DD/MM HH24:MI') AS "new appointment", d.apology_late AS "apology late",
	to_char(d.finished_at, 'Dy DD/MM HH24:MI') AS ready, d.appointment_kept AS "appointment kept",
	d.finish_outcome AS outcome
FROM pair AS p JOIN tthc.dossier AS d ON d.id = p.id ORDER BY p.label;
\echo 'A kept its new appointment and is late all the same, with a late apology on record; B'
\echo 'apologised in time and finished within the time the law allows: on time.  Before 0.2.0 an'
\echo 'extension overwrote the due instant and A came out on time.'
