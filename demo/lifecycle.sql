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
	to_char(w.due_at, 'Dy DD/MM HH24:MI') AS due, w.remaining AS "time left",
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
\echo 'The extension sets 18/3; the result is ready and handed over on that day: on time (finish /'
\echo 'return).'
SELECT d.code, d.procedure_version, to_char(d.received_at, 'DD/MM HH24:MI') AS accepted,
	to_char(d.original_due_at, 'DD/MM HH24:MI') AS "first due", to_char(d.due_at, 'DD/MM HH24:MI') AS "due",
	d.extended, d.supplements, d.finish_outcome, d.return_outcome, d.version
FROM tthc.dossier AS d
WHERE d.id = 1;
