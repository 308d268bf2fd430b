-- The dossier lifecycle to the letter of the law: the legal due apart from the appointment, the
-- extension, supplement windows, reception outcomes, forwarding and steps, stops, re-projection and
-- the replaying verification.  Dates are worked out by hand in the comments on the national
-- calendar (Monday to Friday, work ends at 17:00; 2026 is an official year, 2027 provisional).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.00.H31', 'Ủy ban nhân dân tỉnh Hưng Yên', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent) VALUES
	('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên', 'STP', '000.00.00.H31'),
	('000.00.15.H31', 'Sở Tài nguyên và Môi trường tỉnh Hưng Yên', 'STNMT', '000.00.00.H31');
INSERT INTO tthc.procedure (code, name, level) VALUES
	('1.001235', 'Cấp Phiếu lý lịch tư pháp số 1', 'province'),
	('1.001236', 'Cấp Phiếu lý lịch tư pháp số 2', 'province'),
	('1.004227', 'Đăng ký biến động đất đai', 'province');
-- 10 working days, RESTART (the default); the same with PAUSE; 25 working days for re-projection
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.001235', 1, '2020-01-01', '10 ngày làm việc', 'restart'),
	('1.001236', 1, '2020-01-01', '10 ngày làm việc', 'pause'),
	('1.004227', 1, '2020-01-01', '25 ngày làm việc', 'restart');
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
	('000.00.12.H31', '1.001235'), ('000.00.12.H31', '1.001236'), ('000.00.12.H31', '1.004227'),
	('000.00.15.H31', '1.004227');
-- step 2 is done by another agency (an inter-agency procedure, Decree 61/2018 Art. 19(6))
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget, agency) VALUES
	('1.001235', 1, 1, 'Tiếp nhận, chuyển hồ sơ', 'Bộ phận Một cửa', '1 ngày làm việc', NULL),
	('1.001235', 1, 2, 'Tra cứu, xác minh', 'Phòng Hồ sơ', '7 ngày làm việc', '000.00.15.H31'),
	('1.001235', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '2 ngày làm việc', NULL);
-- a dossier received at the desk and handed to the processing unit at once
CREATE FUNCTION pg_temp.desk(at timestamptz, proc text DEFAULT '1.001235') RETURNS bigint LANGUAGE sql AS $$
	SELECT (tthc.start_processing((tthc.receive('000.00.12.H31', proc, 'Nguyễn Văn An', channel => 'desk',
		received_at => at)).id, happened_at => at)).id $$;

-- 1. Legal due and appointment.  Received Monday 2026-03-02 09:00: the receipt day is not counted
-- (Civil Code Art. 147(2)); 03-03, 04, 05, 06, 09, 10, 11, 12, 13, 16 are the 10 working days, so
-- both are 2026-03-16 17:00.
SELECT pg_temp.desk('2026-03-02 09:00') AS late_ext \gset
SELECT legal_due_at, due_at, original_due_at FROM tthc.dossier WHERE id = :late_ext;
-- An extension after the due date (Tuesday 03-17) is recorded, with a late apology; the legal due
-- does not move, and a result on 03-19, before the new appointment, is still late (Decree 61 Art.
-- 19(9): "hồ sơ quá hạn giải quyết"; Circular 01/2018 Art. 13).
SELECT status, legal_due_at, due_at, extended, extended_at, apology_late
FROM tthc.extend(:late_ext, '2026-03-20 10:00', 'Cần xác minh thêm tại cơ quan công an', happened_at => '2026-03-17 09:00');
SELECT finish_outcome, appointment_kept, result
FROM tthc.finish(:late_ext, happened_at => '2026-03-19 09:00');

-- An extension 2 working days before the due date (Thursday 03-12; the last lawful moment is the
-- end of Friday 03-13, the working day before the due day) is on time; "by" counts from the current
-- appointment: 3 working days after Monday 03-16 is Thursday 03-19 17:00.
SELECT pg_temp.desk('2026-03-02 09:30') AS ok_ext \gset
SELECT tthc.apology_deadline('2026-03-16 17:00') AS last_lawful_moment;
SELECT legal_due_at, due_at, apology_late
FROM tthc.extend(:ok_ext, reason => 'Chờ ý kiến cơ quan phối hợp', by => '3 ngày làm việc', happened_at => '2026-03-12 10:00');
-- finished on the legal due day: on time, and the new appointment kept
SELECT finish_outcome, appointment_kept FROM tthc.finish(:ok_ext, happened_at => '2026-03-16 10:00');
-- calendar days: the day before the due day, until its 00:00
SET tthc.apology_day = 'calendar_day';
SELECT tthc.apology_deadline('2026-03-16 17:00') AS last_lawful_moment;
RESET tthc.apology_day;

-- Extension errors, each leaving the dossier as it was
SELECT pg_temp.desk('2026-03-02 10:00') AS bad_ext \gset
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-03-20 10:00', '')$$, :bad_ext));
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-03-20 10:00', E' \t ')$$, :bad_ext));
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, reason => 'x')$$, :bad_ext));
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-03-20 10:00', 'x', by => '2 ngày làm việc')$$, :bad_ext));
-- Sunday night, lunch time, infinity, 2150, earlier than the current appointment
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-03-22 20:00', 'x')$$, :bad_ext));
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-03-20 12:00', 'x')$$, :bad_ext));
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, 'infinity', 'x')$$, :bad_ext));
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2150-03-20 10:00', 'x')$$, :bad_ext));
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-03-13 10:00', 'x')$$, :bad_ext));
SELECT version, extended, due_at FROM tthc.dossier WHERE id = :bad_ext;
-- once only
SELECT due_at FROM tthc.extend(:bad_ext, '2026-03-20 10:00', 'Chờ kết quả thẩm định', happened_at => '2026-03-10 09:00');
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, '2026-03-27 10:00', 'again')$$, :bad_ext));

-- 2. Supplement requests (Decree 61 Art. 19(4); Arts. 15(3), 17(2)(a)).  The window is 3 working
-- days from receipt: received Monday 03-02, it ends Thursday 03-05 17:00.
-- Within the window, RESTART: the request on 03-04 pauses the clock until the dossier is back, then
-- the whole limit restarts: back Tuesday 03-10 09:00, 10 working days after it end Tuesday 03-24.
SELECT pg_temp.desk('2026-03-02 09:00') AS in_window \gset
SELECT status, clock, legal_due_at, due_at, paused_due_at, supplements
FROM tthc.request_supplement(:in_window, note => 'Thiếu tờ khai', happened_at => '2026-03-04 10:00');
SELECT status, clock, legal_due_at, due_at FROM tthc.supplement_received(:in_window, happened_at => '2026-03-10 09:00');
-- A second request never restarts: it pauses (Thursday 03-12 to Friday 03-13: one working day, so
-- 03-24 becomes 03-25) and is marked repeated
SELECT clock, paused_due_at, supplements, supplements_repeated
FROM tthc.request_supplement(:in_window, note => 'Thiếu bản sao', happened_at => '2026-03-12 10:00');
SELECT legal_due_at FROM tthc.supplement_received(:in_window, happened_at => '2026-03-13 09:00');
-- A first request after the window (Monday 03-09) pauses only, marked late: back Wednesday 03-11,
-- two working days later, so 03-16 becomes 03-18
SELECT pg_temp.desk('2026-03-02 09:00') AS late_supp \gset
SELECT clock, paused_due_at, supplements, supplements_late
FROM tthc.request_supplement(:late_supp, happened_at => '2026-03-09 09:00');
SELECT legal_due_at, due_at FROM tthc.supplement_received(:late_supp, happened_at => '2026-03-11 09:00');
SELECT seq, event, detail->>'supplement' AS supplement, detail->>'restart' AS restart
FROM tthc.dossier_event WHERE dossier IN (:in_window, :late_supp) AND detail ? 'supplement' ORDER BY dossier, seq;
-- under PAUSE a request within the window pauses too
SELECT pg_temp.desk('2026-03-02 09:00', '1.001236') AS paused \gset
SELECT clock, paused_due_at FROM tthc.request_supplement(:paused, happened_at => '2026-03-03 09:00');
SELECT legal_due_at FROM tthc.supplement_received(:paused, happened_at => '2026-03-05 09:00');

-- 3. Reception outcomes before acceptance (Decree 61 Art. 16(1)-(2), Art. 17(1), (2)(a)).  At the
-- desk, accept => false keeps the dossier for the check: an incomplete one gets Form 02 and no
-- clock, then is accepted once complete; one that cannot be received is refused with a reason.
SELECT id AS desk_check, status, clock, code FROM tthc.receive('000.00.12.H31', '1.001235', 'Trần Thị Bình',
	channel => 'post', received_at => '2026-03-02 09:00', accept => false) \gset
SELECT status, clock, code, supplements FROM tthc.request_supplement(:desk_check, happened_at => '2026-03-02 09:10');
SELECT status, clock, code FROM tthc.supplement_received(:desk_check, happened_at => '2026-03-04 09:00');
SELECT status, clock, code, legal_due_at FROM tthc.accept(:desk_check, happened_at => '2026-03-04 09:05');
SELECT id AS desk_refuse FROM tthc.receive('000.00.12.H31', '1.001235', 'Lê Văn Cường',
	received_at => '2026-03-02 09:00', accept => false) \gset
SELECT pg_temp.err(format($$SELECT tthc.refuse(%s)$$, :desk_refuse));
SELECT status, code FROM tthc.refuse(:desk_refuse, note => 'Không thuộc thẩm quyền giải quyết', happened_at => '2026-03-02 09:15');
-- an online submission can be sent back for a supplement before acceptance (1 -> 5)
SELECT id AS online FROM tthc.receive('000.00.12.H31', '1.001235', 'Phạm Thị Dung', channel => 'online',
	received_at => '2026-03-01 21:00') \gset
SELECT status, clock FROM tthc.request_supplement(:online, happened_at => '2026-03-02 08:00');

-- 4. A result collected two days after the appointment is not the office's lateness: finished
-- Friday 03-13 (early, before the due day 03-16), returned Wednesday 03-18.
SELECT pg_temp.desk('2026-03-02 09:00') AS collected \gset
SELECT finish_outcome FROM tthc.finish(:collected, happened_at => '2026-03-13 10:00');
SELECT returned_at, return_outcome FROM tthc.return_result(:collected, happened_at => '2026-03-18 10:00');
-- a refusal after appraisal is a result too (Art. 19(8)), scored the same way
SELECT pg_temp.desk('2026-03-02 09:00') AS refused_result \gset
SELECT status, result, finish_outcome FROM tthc.finish(:refused_result, happened_at => '2026-03-17 10:00', result => 'refusal');

-- 5. Stops and withdrawals need no result; one after the legal due keeps its lateness.
SELECT pg_temp.desk('2026-03-02 09:00') AS stopped \gset
SELECT pg_temp.err(format($$SELECT tthc.stop(%s, happened_at => '2026-03-18 10:00')$$, :stopped));
SELECT status, stopped_at, stop_outcome FROM tthc.stop(:stopped, note => 'Theo đề nghị của người nộp', happened_at => '2026-03-18 10:00');
SELECT pg_temp.desk('2026-03-02 09:00') AS withdrawn \gset
SELECT status, stop_outcome FROM tthc.withdraw(:withdrawn, happened_at => '2026-03-09 10:00');
-- paused after the due date (a fee request on 03-17), then stopped: still late
SELECT pg_temp.desk('2026-03-02 09:00') AS paused_late \gset
SELECT clock FROM tthc.request_payment(:paused_late, happened_at => '2026-03-17 10:00');
SELECT stop_outcome, legal_due_at FROM tthc.stop(:paused_late, note => 'Không nộp phí', happened_at => '2026-03-30 10:00');

-- 6. Forwarding to the competent agency (Art. 18(3)) and steps (Art. 19(6)-(7)) in the history
SELECT pg_temp.desk('2026-03-02 09:00') AS fwd \gset
SELECT status, processing_agency FROM tthc.forward(:fwd, '000.00.15.H31', note => 'Chuyển Sở TN&MT', happened_at => '2026-03-02 14:00');
SELECT pg_temp.err(format($$SELECT tthc.forward(%s, '000.00.99.H31', happened_at => '2026-03-02 15:00')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.forward(%s, NULL, happened_at => '2026-03-02 15:00')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.transition(%s, 'request_payment', to_agency => '000.00.00.H31', happened_at => '2026-03-02 15:00')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.transition(%s, 'request_payment', result => 'grant', happened_at => '2026-03-02 15:00')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.transition(%s, 'request_payment', new_due_at => '2026-03-20 10:00', happened_at => '2026-03-02 15:00')$$, :fwd));
-- step 1 (1 working day from 03-02: due 03-03 17:00) done on 03-03 at 10:00: 8h30 of working time
-- from 03-02 09:00 (2h30 on 03-02, 6h on 03-03... 3h in the morning sessions: 09:00-11:30 and
-- 13:30-17:00 on 03-02 = 6h, 07:30-10:00 on 03-03 = 2h30), on time
SELECT step, started_at, finished_at, spent, outcome FROM tthc.complete_step(:fwd, 1, '2026-03-03 10:00', actor => 'Bộ phận Một cửa');
SELECT step, unit, responsible_agency, started_at, due_at FROM tthc.dossier_step WHERE dossier = :fwd ORDER BY step;
SELECT event, detail->>'step' AS step, detail->>'agency' AS agency, detail->>'outcome' AS outcome
FROM tthc.dossier_event WHERE dossier = :fwd ORDER BY seq DESC LIMIT 1;
SELECT event, payload->>'actor' AS officer, payload->>'received_at' AS received_at
FROM tthc.outbox WHERE dossier = :fwd ORDER BY id DESC LIMIT 1;
-- step times: infinity, -infinity, 1900, the future, before the last event, an unknown step
SELECT pg_temp.err(format($$SELECT tthc.complete_step(%s, 2, 'infinity')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.complete_step(%s, 2, '-infinity')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.complete_step(%s, 2, '1900-01-01')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.complete_step(%s, 2, '2099-06-01 10:00')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.complete_step(%s, 2, '2026-03-02 10:00')$$, :fwd));
SELECT pg_temp.err(format($$SELECT tthc.complete_step(%s, 9, '2026-03-05 10:00')$$, :fwd));
SELECT pg_temp.err(format($$UPDATE tthc.dossier_step SET finished_at = now() WHERE dossier = %s$$, :fwd));

-- 7. Re-projection.  Received Monday 2026-11-30 with 25 working days: December has 23 working days
-- after the receipt day (12-01..04, 07..11, 14..18, 21..25, 28..31), 2027-01-01 is a provisional
-- holiday, so the 24th is Monday 2027-01-04 and the 25th Tuesday 01-05.
SELECT pg_temp.desk('2026-11-30 09:00', '1.004227') AS proj \gset
SELECT pg_temp.desk('2026-11-30 09:00', '1.004227') AS proj_closed \gset
SELECT status FROM tthc.withdraw(:proj_closed, happened_at => '2026-11-30 10:00');
SELECT tthc.is_provisional(2027), legal_due_at FROM tthc.dossier WHERE id = :proj;
-- the 2027 notice gives Monday 01-04 off as well: the open dossier moves to Wednesday 01-06, in the
-- same transaction, with a history event and an outbox row; the withdrawn one stays
WITH n AS (INSERT INTO tthc.holiday_notice (year, source) VALUES (2027, 'Thông báo thử nghiệm') RETURNING year)
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en)
SELECT year, d::date, k::tthc.day_kind, v, e FROM n, (VALUES
	('2027-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	('2027-01-04', 'swapped_off', 'Nghỉ hoán đổi', 'Swapped day off')) AS x(d, k, v, e);
SELECT id = :proj AS open_one, legal_due_at, due_at FROM tthc.dossier WHERE id IN (:proj, :proj_closed) ORDER BY id;
SELECT event, from_status = to_status AS same_status, due_at_before, due_at_after, note
FROM tthc.dossier_event WHERE dossier = :proj AND event = 'reproject';
SELECT count(*) AS outbox_rows FROM tthc.outbox WHERE dossier = :proj AND event = 'reproject';
SELECT tthc.reproject() AS moved_again;
SELECT (tthc.verify_history(:proj)).valid;

-- 8. verify_history replays the events: a row changed with its triggers disabled is found even
-- though the chain is intact
SELECT valid, reason FROM tthc.verify_history(:late_ext);
SET session_replication_role = replica;
UPDATE tthc.dossier SET finish_outcome = 'on_time' WHERE id = :late_ext;
UPDATE tthc.dossier SET legal_due_at = legal_due_at + interval '7 days' WHERE id = :in_window;
RESET session_replication_role;
SELECT valid, reason FROM tthc.verify_history(:late_ext);
SELECT valid, reason FROM tthc.verify_history(:in_window);
-- a clock that does not run where the status says it does (a row changed by hand)
SET session_replication_role = replica;
UPDATE tthc.dossier SET clock = 'stopped' WHERE id = :in_window;
RESET session_replication_role;
SELECT pg_temp.err(format($$SELECT tthc.extend(%s, reason => 'x', by => '1 ngày làm việc', happened_at => '2026-03-20 09:00')$$, :in_window));

-- 9. Counting policies.  Received by post on Saturday 2026-03-07 with a limit of 1 working day:
-- the Civil Code alone does not count the Saturday and needs no deeming, so Monday 03-09 is the
-- first working day and the dossier is due then at 17:00; with deem_receipt (State Treasury
-- Circular 87/2021 Art. 10) the receipt counts as made on Monday 07:30, Monday is not counted, and
-- it is due Tuesday 03-10.
INSERT INTO tthc.procedure (code, name, level) VALUES
	('1.000001', 'Thủ tục một ngày', 'province'), ('1.000002', 'Thủ tục một ngày (Kho bạc)', 'province'),
	('1.000003', 'Thủ tục hai ngày', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, deem_receipt, supplement_policy) VALUES
	('1.000001', 1, '2020-01-01', '1 ngày làm việc', false, 'restart'),
	('1.000002', 1, '2020-01-01', '1 ngày làm việc', true, 'restart'),
	('1.000003', 1, '2020-01-01', '2 ngày làm việc', false, 'pause');
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
	('000.00.12.H31', '1.000001'), ('000.00.12.H31', '1.000002'), ('000.00.15.H31', '1.000003');
SELECT procedure, received_at, legal_due_at FROM tthc.receive('000.00.12.H31', '1.000001', 'Đinh Văn Giang',
	channel => 'post', received_at => '2026-03-07 10:00');
SELECT procedure, received_at, legal_due_at FROM tthc.receive('000.00.12.H31', '1.000002', 'Đinh Văn Giang',
	channel => 'post', received_at => '2026-03-07 10:00');
-- A resumed due keeps to the calendar's sessions: an office that receives on Saturday mornings
-- (07:30-11:30).  Received Wednesday 03-04 with 2 working days (PAUSE): due Friday 03-06 17:00;
-- paused Thursday 03-05 09:00 and resumed Friday 03-06 09:00, one working day later, so the due day
-- moves to the next working day, Saturday 03-07, whose work ends at 11:30.
INSERT INTO tthc.calendar (name, parent) VALUES ('sat-desk', 'national');
INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends) VALUES ('sat-desk', 6, '07:30', '11:30');
UPDATE tthc.agency SET calendar = 'sat-desk' WHERE code = '000.00.15.H31';
SELECT id AS sat, legal_due_at FROM tthc.receive('000.00.15.H31', '1.000003', 'Hoàng Thị Hoa',
	received_at => '2026-03-04 09:00') \gset
SELECT :'legal_due_at' AS legal_due_at;
SELECT clock FROM tthc.request_payment(:sat, happened_at => '2026-03-05 09:00');
SELECT legal_due_at FROM tthc.payment_received(:sat, happened_at => '2026-03-06 09:00');
UPDATE tthc.agency SET calendar = 'national' WHERE code = '000.00.15.H31';

-- 10. Applicants: identity documents by kind, names that are only white space, and agencies that do
-- not receive a procedure
SELECT applicant_id, applicant_id_kind FROM tthc.receive('000.00.12.H31', '1.001235', 'John Smith',
	' c1234567 ', received_at => '2026-03-02 09:00', applicant_id_kind => 'passport');
SELECT applicant_id, applicant_id_kind FROM tthc.receive('000.00.12.H31', '1.001235', 'Công ty TNHH An Phát',
	'0101234567001', received_at => '2026-03-02 09:00', applicant_id_kind => 'tax_code');
SELECT applicant_id, applicant_id_kind FROM tthc.receive('000.00.12.H31', '1.001235', 'Nguyễn Văn An',
	'001099012345', received_at => '2026-03-02 09:00');
SELECT count(*) AS found FROM tthc.dossier WHERE applicant_id = '0101234567-001';
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H31', '1.001235', 'X', '0101234567', received_at => '2026-03-02 09:00')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H31', '1.001235', 'X', 'AB', received_at => '2026-03-02 09:00', applicant_id_kind => 'passport')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H31', '1.001235', 'X', received_at => '2026-03-02 09:00', applicant_id_kind => 'passport')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H31', '1.001235', E'\u00a0\u200b\u3000\t', received_at => '2026-03-02 09:00')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.15.H31', '1.001235', 'X', received_at => '2026-03-02 09:00')$$);
SELECT pg_temp.err(format($$SELECT tthc.stop(%s, note => E'\u3000')$$, :fwd));

-- 11. The test clock: a superuser fixes the instant tthc takes as now, to replay a dated scenario.
-- A receipt without a time is received then, and the future check counts from it.
SET tthc.now = '2026-03-05 10:00+07';
SELECT tthc.now() AS now;
SELECT received_at, legal_due_at FROM tthc.receive('000.00.12.H31', '1.001235', 'Trương Văn Long');
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H31', '1.001235', 'X', received_at => '2026-03-05 11:00+07')$$);
SELECT pg_temp.err($$SET tthc.now = 'tomorrow-ish'$$);
SELECT pg_temp.err($$SET tthc.now = 'infinity'$$);
RESET tthc.now;
SELECT tthc.now() = now() AS real_clock;
CREATE ROLE regress_tthc_clerk;
SET ROLE regress_tthc_clerk;
SELECT pg_temp.err($$SET tthc.now = '2026-03-05 10:00+07'$$);
RESET ROLE;
DROP ROLE regress_tthc_clerk;

-- 12. Integrity: receipt times, dossier codes, calendars in use, internal functions
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H31', '1.001235', 'X', received_at => '2010-05-04 09:00')$$);
SELECT pg_temp.err($$SELECT tthc.receive('000.00.12.H31', '1.001235', 'X', received_at => '-infinity')$$);
SELECT pg_temp.err($$SELECT tthc.parse_dossier_code('X-260200-0001')$$);
SELECT pg_temp.err($$SELECT tthc.parse_dossier_code('X-261301-0001')$$);
SELECT agency, received, seq FROM tthc.parse_dossier_code('X-20260229-0001') p WHERE false
UNION ALL SELECT * FROM tthc.parse_dossier_code('X-20280229-0001');
INSERT INTO tthc.calendar (name, parent) VALUES ('hung-yen', 'national');
UPDATE tthc.agency SET calendar = 'hung-yen' WHERE code = '000.00.15.H31';
SELECT id AS hy FROM tthc.receive('000.00.15.H31', '1.004227', 'Vũ Văn Em', received_at => '2026-11-30 10:00') \gset
UPDATE tthc.calendar SET name = 'hung-yen-2026' WHERE name = 'hung-yen';
SELECT calendar FROM tthc.dossier WHERE id = :hy;
SELECT (tthc.verify_history(:hy)).valid;
UPDATE tthc.agency SET calendar = 'national' WHERE code = '000.00.15.H31';
SELECT pg_temp.err($$DELETE FROM tthc.calendar WHERE name = 'hung-yen-2026'$$);
SELECT pg_temp.err(format($$UPDATE tthc.dossier SET calendar = 'national' WHERE id = %s$$, :hy));
-- a catalogue administrator who may change procedure versions but not read dossiers is told the
-- version is in use (the check reads the dossiers with the extension's rights)
CREATE ROLE regress_tthc_catalogue;
GRANT USAGE ON SCHEMA tthc TO regress_tthc_catalogue;
GRANT SELECT, UPDATE ON tthc.procedure_version TO regress_tthc_catalogue;
GRANT SELECT, UPDATE ON tthc.procedure TO regress_tthc_catalogue;
GRANT SELECT ON tthc.procedure_step TO regress_tthc_catalogue;
SET ROLE regress_tthc_catalogue;
SELECT pg_temp.err($$UPDATE tthc.procedure_version SET term = '12 ngày làm việc' WHERE procedure = '1.001235'$$);
SELECT pg_temp.err($$UPDATE tthc.procedure_version SET supplement_window = '5 ngày làm việc' WHERE procedure = '1.001235'$$);
SELECT pg_temp.err($$SELECT count(*) FROM tthc.dossier$$);
RESET ROLE;
REVOKE ALL ON tthc.procedure_version, tthc.procedure, tthc.procedure_step FROM regress_tthc_catalogue;
REVOKE ALL ON SCHEMA tthc FROM regress_tthc_catalogue;
DROP ROLE regress_tthc_catalogue;
CREATE ROLE regress_tthc_nobody;
SET ROLE regress_tthc_nobody;
SELECT pg_temp.err($$SELECT tthc._transition(0, 'accept', true)$$);
SELECT pg_temp.err($$SELECT tthc.reproject()$$);
RESET ROLE;
DROP ROLE regress_tthc_nobody;
SELECT pg_temp.err($$SELECT tthc._transition(0, 'accept', true)$$);
-- a due instant moved past the calendar's range is an error, not an instant PostgreSQL cannot hold
SELECT pg_temp.err($$SELECT tthc._resumed_due('4 giờ', 'national', '2026-03-02 09:00', '2099-12-31 13:00', NULL, '2099-12-31 09:00'::timestamptz + interval '400 days')$$);
SELECT tthc._resumed_due('4 giờ', 'national', '2026-03-02 09:00', '2026-03-02 13:00', NULL, '2026-03-03 09:00');
-- the internal functions PUBLIC may still execute: guards and triggers that run as the caller
SELECT p.oid::regprocedure AS callable_by_public
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'tthc' AND p.proname LIKE '\_%' AND has_function_privilege('public', p.oid, 'EXECUTE')
ORDER BY p.oid::regprocedure::text;
