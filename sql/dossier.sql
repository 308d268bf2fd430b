-- Dossiers: receipt, codes, the state machine, the clock, history and outbox.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS tthc CASCADE;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

-- A province, a department, a commune merged in 2025, and two procedures.
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.00.H30', 'Ủy ban nhân dân tỉnh Hải Dương', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent) VALUES
	('000.00.12.H30', 'Sở Tư pháp tỉnh Hải Dương', 'STP', '000.00.00.H30');
INSERT INTO tthc.agency (code, name, short_name, parent, valid_to, successor) VALUES
	('000.00.13.H30', 'Phòng Tư pháp huyện Cẩm Giàng', 'PTP', '000.00.00.H30', '2025-06-30', '000.00.12.H30');
INSERT INTO tthc.sector (code, name) VALUES ('H30-TP01', 'Lý lịch tư pháp');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('1.001234', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', 'H30-TP01', 'province'),
	('2.000815', 'Chứng thực bản sao từ bản chính', 'H30-TP01', 'commune');
-- version 1 (10 working days, RESTART) until 2026-06-30, then version 2 (8 working days, PAUSE)
INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term, supplement_policy) VALUES
	('1.001234', 1, '2020-01-01', '2026-06-30', '10 ngày làm việc', 'restart'),
	('1.001234', 2, '2026-07-01', NULL, '8 ngày làm việc', 'pause');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES
	('1.001234', 1, 1, 'Tiếp nhận, chuyển hồ sơ', 'Bộ phận Một cửa', '1 ngày làm việc'),
	('1.001234', 1, 2, 'Tra cứu, xác minh', 'Phòng Lý lịch tư pháp', '7 ngày làm việc'),
	('1.001234', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '2 ngày làm việc');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, cutoff) VALUES
	('2.000815', 1, '2020-01-01', 'trong ngày', '15:00');
-- what each agency receives (a receipt elsewhere is refused)
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
	('000.00.12.H30', '1.001234'), ('000.00.12.H30', '2.000815'), ('000.00.13.H30', '1.001234');

-- The national statuses and the legal transitions
SELECT * FROM tthc.status;
SELECT * FROM tthc.transitions() ORDER BY from_status, event;

-- Receipt at the desk: code, pinned version, due instant, steps; online: waits for acceptance
SELECT id, code, status, procedure_version, clock, received_at, due_at, applicant_name,
	applicant_name = normalize(applicant_name, NFC) AS nfc
FROM tthc.receive('000.00.12.H30', '1.001234', U&'Nguye\0302\0303n Va\0306n A', '001099012345',
	'desk', '2026-02-05 09:00');
SELECT step, unit, budget, due_at FROM tthc.dossier_step WHERE dossier = 1 ORDER BY step;
SELECT code, status, clock, received_at FROM tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B',
	NULL, 'online', '2026-02-05 20:15');
SELECT code, status FROM tthc.accept(2, happened_at => '2026-02-06 08:00');
SELECT code FROM tthc.receive('000.00.12.H30', '2.000815', 'Lê Văn C', NULL, 'post', '2026-02-06 10:00');
SELECT agency, received, seq FROM tthc.parse_dossier_code('000.00.12.H30-260206-0002');
SELECT agency, received, seq FROM tthc.parse_dossier_code('H30-20260206-000123');

-- The clock under RESTART across Tết: 10 working days from 2026-02-05 end on 2026-02-26; a
-- supplement request on 2026-02-10 and the complete dossier back on 2026-02-24 restart them
SELECT status, clock, due_at, remaining, supplements
FROM tthc.request_supplement(1, happened_at => '2026-02-10 10:00', note => 'Thiếu bản sao CCCD');
SELECT status, clock, due_at, remaining FROM tthc.supplement_received(1, happened_at => '2026-02-24 08:00');
-- the steps are planned again from the restart; the last one is due with the dossier
SELECT step, due_at FROM tthc.dossier_step WHERE dossier = 1 ORDER BY step;

-- The clock under PAUSE (version 2 from 2026-07-01): the working time left is kept
SELECT id, procedure_version, due_at FROM tthc.receive('000.00.12.H30', '1.001234', 'Phạm Văn D',
	NULL, 'desk', '2026-08-24 09:00');
SELECT status, clock, due_at, remaining FROM tthc.request_supplement(4, happened_at => '2026-08-26 10:00');
SELECT status, clock, due_at, remaining FROM tthc.supplement_received(4, happened_at => '2026-09-07 08:00');
-- resumption in each unit: hours add the elapsed pause; working hours run what was left; calendar
-- days move the due day by the calendar days paused (then to a working day); days keep their hour
SELECT tthc._resumed_due('24 giờ', NULL, '2026-03-06 10:00', '2026-03-07 09:00', NULL, '2026-03-06 12:00') AS hours,
	tthc._resumed_due('8 giờ làm việc', NULL, '2026-03-06 10:00', '2026-03-09 10:30', '7 hours', '2026-03-10 08:00') AS working_hours,
	tthc._resumed_due('15 ngày', NULL, '2026-04-20 10:00', '2026-04-28 17:00', NULL, '2026-04-23 09:00') AS calendar_days,
	tthc._resumed_due('5 ngày làm việc', NULL, '2026-04-20 10:00', '2026-04-24 10:00', NULL, '2026-04-20 15:00') AS same_day_pause;
-- version 1 stays pinned on a dossier received before version 2
SELECT id, procedure_version FROM tthc.dossier WHERE procedure = '1.001234' ORDER BY id;

-- Fees stop the clock; an extension moves the appointment once; outcomes are recorded
SELECT status, clock, due_at, remaining FROM tthc.start_processing(2, happened_at => '2026-02-06 09:00');
SELECT status, clock, due_at, remaining FROM tthc.request_payment(2, happened_at => '2026-02-09 14:00');
SELECT status, clock, due_at, remaining FROM tthc.payment_received(2, happened_at => '2026-02-11 09:00');
SELECT status, due_at, original_due_at, extended
FROM tthc.extend(2, '2026-03-13 17:00', 'Cần xác minh thêm tại địa phương khác', happened_at => '2026-02-25 10:00');
SELECT status, finished_at, finish_outcome FROM tthc.finish(2, happened_at => '2026-03-13 16:00');
SELECT status, returned_at, return_outcome FROM tthc.return_result(2, happened_at => '2026-03-16 08:00');
SELECT status, finish_outcome FROM tthc.finish(1, happened_at => '2026-03-02 10:00');
SELECT status FROM tthc.start_processing(3, happened_at => '2026-02-06 10:30');
SELECT status, finish_outcome FROM tthc.finish(3, happened_at => '2026-02-06 16:00');
SELECT status, finish_outcome FROM tthc.return_result(3, happened_at => '2026-02-09 08:00');

-- Steps are recorded by their units
SELECT dossier, step, finished_at, spent, outcome FROM tthc.complete_step(1, 1, '2026-03-02 11:00');

-- Every legal transition, table-driven: drive a fresh online dossier to the source status by a
-- standard path, apply the event, compare the status reached with the table
CREATE FUNCTION pg_temp.drive(target int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	d tthc.dossier := tthc.receive('000.00.12.H30', '1.001234', 'Người thử', NULL, 'online', '2026-03-02 08:00');
	path text[] := CASE target
		WHEN 1 THEN '{}' WHEN 2 THEN '{accept}' WHEN 3 THEN '{refuse}' WHEN 4 THEN '{accept,start_processing}'
		WHEN 5 THEN '{accept,request_supplement}' WHEN 6 THEN '{accept,request_payment}'
		WHEN 7 THEN '{withdraw}' WHEN 8 THEN '{accept,stop}'
		WHEN 9 THEN '{accept,start_processing,finish}'
		WHEN 10 THEN '{accept,start_processing,finish,return_result}' END;
	e text;
BEGIN
	FOREACH e IN ARRAY path LOOP
		d := tthc.transition(d.id, e, happened_at => '2026-03-02 09:00', note => 'lý do');
	END LOOP;
	RETURN d.id;
END $$;
SELECT t.from_status, t.event, t.to_status,
	(tthc.transition(pg_temp.drive(t.from_status), t.event, happened_at => '2026-03-03 09:00', note => 'lý do',
		new_due_at => CASE WHEN t.event = 'extend' THEN '2026-12-31 17:00'::timestamptz END,
		to_agency => CASE WHEN t.event = 'forward' THEN '000.00.00.H30' END)).status AS reached
FROM tthc.transitions() t WHERE t.phase <> 'before_acceptance' OR t.from_status = 1 ORDER BY 1, 2;

-- Every illegal pair of status and event: the documented error
\set VERBOSITY terse
SELECT s.code AS status, string_agg(e.event || ' ' ||
	split_part(pg_temp.err(format('SELECT tthc.transition(%s, %L, note => %L)',
		pg_temp.drive(s.code), e.event, 'lý do')), ':', 1), ', ' ORDER BY e.event) AS refused
FROM tthc.status s, (SELECT DISTINCT event FROM tthc.transitions()) e
WHERE NOT EXISTS (SELECT FROM tthc.transitions() t WHERE t.from_status = s.code AND t.event = e.event)
GROUP BY s.code ORDER BY s.code;
SELECT pg_temp.err($$SELECT tthc.finish(5)$$);
SELECT pg_temp.err($$SELECT tthc.accept(2)$$);

-- History: hash-chained, verifiable, append-only
SELECT seq, event, from_status, to_status, actor = session_user AS by_me, note, length(hash) AS hash_bytes,
	prev_hash IS NOT DISTINCT FROM lag(hash) OVER (ORDER BY seq) AS linked
FROM tthc.dossier_event WHERE dossier = 2 ORDER BY seq;
SELECT * FROM tthc.verify_history(2);
-- an event altered as superuser with triggers disabled is found
SET session_replication_role = replica;
UPDATE tthc.dossier_event SET note = 'đã sửa' WHERE dossier = 2 AND seq = 4;
RESET session_replication_role;
SELECT * FROM tthc.verify_history(2);
SET session_replication_role = replica;
DELETE FROM tthc.dossier_event WHERE dossier = 1 AND seq = 2;
RESET session_replication_role;
SELECT * FROM tthc.verify_history(1);

-- Outbox: one row per status change, in the same transaction
SELECT dossier, event, status, payload->>'code' AS code FROM tthc.outbox WHERE dossier IN (1, 2) ORDER BY id;
BEGIN;
SELECT status FROM tthc.request_payment(4, happened_at => '2026-09-07 09:00');
ROLLBACK;
SELECT count(*) AS outbox_rows_for_4, max(version) AS version FROM tthc.outbox, tthc.dossier d
WHERE outbox.dossier = 4 AND d.id = 4;

-- Direct writes are refused; applicant contact details may be corrected
UPDATE tthc.dossier SET applicant_phone = '0912345678' WHERE id = 1;
SELECT pg_temp.err($$UPDATE tthc.dossier SET status = 10 WHERE id = 1$$);
SELECT pg_temp.err($$UPDATE tthc.dossier SET due_at = now() WHERE id = 1$$);
SELECT pg_temp.err($$DELETE FROM tthc.dossier WHERE id = 1$$);
SELECT pg_temp.err($$INSERT INTO tthc.dossier (agency, procedure, procedure_version, calendar, applicant_name, channel, submitted_at, status, last_event_at) VALUES ('000.00.12.H30', '1.001234', 1, 'national', 'x', 'desk', now(), 2, now())$$);
SELECT pg_temp.err($$UPDATE tthc.dossier_event SET note = 'x' WHERE dossier = 1$$);
SELECT pg_temp.err($$DELETE FROM tthc.dossier_event WHERE dossier = 1$$);
SELECT pg_temp.err($$TRUNCATE tthc.dossier_event CASCADE$$);
-- a failed transition leaves nothing half-written, and the guard stays closed
SELECT id AS n FROM tthc.receive('000.00.12.H30', '1.001234', 'Đỗ Thị E', NULL, 'desk', '2026-09-10 09:00') \gset
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-01-01', 'earlier')$$, :n));
SELECT pg_temp.err(format($$UPDATE tthc.dossier SET status = 9 WHERE id = %s$$, :n));
SELECT status, version, last_seq, extended FROM tthc.dossier WHERE id = :n;
-- re-scheduling: once only (Decree 61 Art. 19(9))
SELECT due_at, original_due_at FROM tthc.extend(:n, '2026-10-30 17:00', 'Chờ kết quả xác minh', happened_at => '2026-09-15 09:00');
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-11-30 17:00', 'again')$$, :n));
SELECT pg_temp.err(format($$SELECT tthc.stop(%s, happened_at => '2026-09-01')$$, :n));

-- Errors
SELECT pg_temp.err($$SELECT tthc.transition(4, 'start_processing', expected_version => 1)$$);
SELECT pg_temp.err($$SELECT tthc.transition(999, 'accept')$$);
SELECT pg_temp.err($$SELECT tthc.transition(4, 'fly')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.99.H30', '1.001234', 'X')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.13.H30', '1.001234', 'X', NULL, 'desk', '2026-03-02 09:00')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H30', '9.999999', 'X')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H30', '1.001234', 'X', '12345')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H30', '1.001234', '  ')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H30', '1.001234', 'X', NULL, 'desk', '2019-01-01')$$);
SELECT pg_temp.err($$SELECT tthc.complete_step(1, 1)$$);
SELECT pg_temp.err($$SELECT tthc.verify_history(999)$$);
SELECT pg_temp.err($$SELECT tthc.parse_dossier_code('H30/260101/1')$$);
SELECT pg_temp.err($$SELECT tthc.parse_dossier_code('H30-260230-0001')$$);
SELECT pg_temp.err(format($$SELECT tthc.transition(%s, NULL)$$, :n));
SELECT split_part(pg_temp.err(format($$SELECT tthc.stop(%s, happened_at => now() + interval '1 hour')$$, :n)), ' ', 1) AS future_event;
SELECT split_part(pg_temp.err($$SELECT tthc.receive('000.00.12.H30', '1.001234', 'X', NULL, 'desk', now() + interval '1 day')$$), ' ', 1) AS future_receipt;
-- every history row names the login that recorded it and when, under the hash
SELECT count(*) AS events, count(*) FILTER (WHERE login = session_user AND recorded_at <= now()) AS stamped
FROM tthc.dossier_event;
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H30', NULL, 'X')$$);
SELECT pg_temp.err($$UPDATE tthc.dossier SET applicant_name = 'Người khác' WHERE id = 1$$);
SELECT pg_temp.err($$UPDATE tthc.procedure_version SET term = '5 ngày làm việc' WHERE procedure = '1.001234' AND version = 1$$);
UPDATE tthc.procedure_version SET fee = 200000 WHERE procedure = '1.001234' AND version = 1;
SELECT pg_temp.err($$SELECT tthc.complete_step(2, 1)$$);
INSERT INTO tthc.agency (code, name, valid_from) VALUES ('000.00.14.H30', 'Trung tâm Phục vụ hành chính công', '2027-01-01');
SELECT pg_temp.err($$SELECT tthc.receive('000.00.14.H30', '1.001234', 'X', NULL, 'desk', '2026-09-10 09:00')$$);
-- receiving and moving dossiers needs a grant
CREATE ROLE regress_tthc_officer;
SET ROLE regress_tthc_officer;
SELECT pg_temp.err(format($$SELECT tthc.start_processing(%s)$$, :n));
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H30', '1.001234', 'X')$$);
SELECT pg_temp.err($$SELECT count(*) FROM tthc.dossier$$);
RESET ROLE;
GRANT EXECUTE ON FUNCTION tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text, tthc.term, text, tthc.result) TO regress_tthc_officer;
-- and working for the dossier's agency (doc/security.md)
SET ROLE regress_tthc_officer;
SELECT pg_temp.err(format($$SELECT tthc.start_processing(%s)$$, :n));
RESET ROLE;
INSERT INTO tthc.officer_agency (member, agency) VALUES ('regress_tthc_officer', '000.00.12.H30');
SET ROLE regress_tthc_officer;
SELECT status FROM tthc.start_processing(:n, happened_at => '2026-09-16 08:00', actor => 'cán bộ Nguyễn Thị F');
RESET ROLE;
SELECT event, actor FROM tthc.dossier_event WHERE dossier = :n ORDER BY seq DESC LIMIT 1;
REVOKE ALL ON FUNCTION tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text, tthc.term, text, tthc.result) FROM regress_tthc_officer;
DELETE FROM tthc.officer_agency WHERE member = 'regress_tthc_officer';
DROP ROLE regress_tthc_officer;
-- the merged agency's dossiers and history stay with it
SELECT tthc.agency_successor('000.00.13.H30') AS successor;

-- leave nothing behind for the next test
SET client_min_messages = warning;
DROP EXTENSION tthc CASCADE;
