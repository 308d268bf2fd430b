-- Reports for analysts (tthc.report, tthc.dossier_score) on a small fixed data set.  A database of
-- its own: the report reads every dossier, and the other tests leave theirs behind.
-- Dates on the national calendar: Monday to Friday, sessions 07:30-11:30 and 13:30-17:00 (7.5
-- working hours a day), no holiday in March or early April 2026; Monday is 2026-03-02.  A result is
-- early before the due day, on time on it, late after the legal due.  The due-soon lead is 15
-- working hours by default.  Working days taken count the days in (acceptance day, finish day].
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_reports;
CREATE DATABASE tthc_reports;
\c tthc_reports
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

-- two agencies whose names sort differently in Vietnamese and in byte order ("Đ" comes after "S"
-- in bytes, after "D" and before "S" in Vietnamese)
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên', 'STP'),
	('000.00.13.H31', 'Đài Phát thanh và Truyền hình tỉnh Hưng Yên', 'PTTH');
INSERT INTO tthc.sector (code, name) VALUES ('G12-HT01', 'Hộ tịch'), ('G12-LL01', 'Lý lịch tư pháp');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('1.000003', 'Thủ tục ba ngày', 'G12-HT01', 'province'),
	('1.000005', 'Thủ tục năm ngày', 'G12-LL01', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.000003', 1, '2020-01-01', '3 ngày làm việc', 'restart'),
	('1.000005', 1, '2020-01-01', '5 ngày làm việc', 'restart');
INSERT INTO tthc.agency_procedure (agency, procedure)
SELECT a, p FROM unnest(ARRAY['000.00.12.H31', '000.00.13.H31']) a, unnest(ARRAY['1.000003', '1.000005']) p;

CREATE TEMP TABLE name (dossier bigint PRIMARY KEY, name text UNIQUE);
CREATE FUNCTION pg_temp.desk(name text, agency text, proc text, at timestamptz) RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO name SELECT (tthc.receive(agency, proc, 'Nguyễn Văn An', received_at => at)).id, name
	RETURNING dossier $$;
CREATE FUNCTION pg_temp.id(n text) RETURNS bigint LANGUAGE sql AS $$ SELECT dossier FROM name WHERE name = n $$;

-- Sở Tư pháp (S):
-- s_back: 3 days from Thu 02-26 09:00: 02-27, 03-02, 03-03, due Tue 03-03 17:00; finished that day
--   at 10:00: on time, 3 working days.  Open at the start of March: the backlog.
-- s_early: 3 days from Mon 03-02 09:00, due Thu 03-05 17:00; finished Wed 03-04: early, 2 days.
-- s_sup: 3 days from Mon 03-09 09:00; a supplement asked Tue 03-10 (within the 3-day window)
--   restarts the limit from its receipt Wed 03-11 09:00: 03-12, 03-13, 03-16, due Mon 03-16 17:00;
--   finished Tue 03-17: late, 6 days (03-10..03-13, 03-16, 03-17), one supplement, no apology.
-- s_open: 3 days from Mon 03-23 09:00, due Thu 03-26 17:00, still open: late at the end of March,
--   and overdue without an apology.
-- s_wd: 5 days from Tue 03-24, withdrawn Wed 03-25.
SELECT pg_temp.desk('s_back', '000.00.12.H31', '1.000003', '2026-02-26 09:00') IS NOT NULL AS s_back;
SELECT pg_temp.desk('s_early', '000.00.12.H31', '1.000003', '2026-03-02 09:00') IS NOT NULL AS s_early;
SELECT pg_temp.desk('s_sup', '000.00.12.H31', '1.000003', '2026-03-09 09:00') IS NOT NULL AS s_sup;
SELECT pg_temp.desk('s_open', '000.00.12.H31', '1.000003', '2026-03-23 09:00') IS NOT NULL AS s_open;
SELECT pg_temp.desk('s_wd', '000.00.12.H31', '1.000005', '2026-03-24 09:00') IS NOT NULL AS s_wd;
SELECT count(tthc.start_processing(pg_temp.id(n), happened_at => t)) AS started
FROM (VALUES ('s_back', timestamptz '2026-02-26 10:00'), ('s_early', '2026-03-02 10:00')) v (n, t);
SELECT (tthc.finish(pg_temp.id('s_back'), happened_at => '2026-03-03 10:00')).finish_outcome;
SELECT (tthc.finish(pg_temp.id('s_early'), happened_at => '2026-03-04 10:00')).finish_outcome;
SELECT (tthc.request_supplement(pg_temp.id('s_sup'), happened_at => '2026-03-10 09:00')).status;
SELECT (tthc.supplement_received(pg_temp.id('s_sup'), happened_at => '2026-03-11 09:00')).legal_due_at;
SELECT (tthc.finish(pg_temp.id('s_sup'), happened_at => '2026-03-17 09:00')).finish_outcome;
SELECT (tthc.withdraw(pg_temp.id('s_wd'), happened_at => '2026-03-25 09:00')).status;

-- Đài Phát thanh và Truyền hình (D):
-- d_soon: 3 days from Fri 03-27 09:00: 03-30, 03-31, 04-01, due Wed 04-01 17:00; the last moment to
--   apologise is Tue 03-31 17:00, within 15 working hours of the end of March (04-01 00:00 plus 15
--   hours reaches Thu 04-02 17:00): due soon.
-- d_ok: 5 days from Mon 03-30 09:00: 03-31..04-03, 04-06, due Mon 04-06 17:00; last moment Fri
--   04-03 17:00, after Thu 04-02 17:00: on time.
-- d_stop: 5 days from Mon 03-02, stopped Tue 03-03.
-- d_ref: received online Thu 03-05 and refused at acceptance: never received, one refusal.
-- d_ext: 3 days from Mon 03-09 09:00, due Thu 03-12 17:00; re-scheduled Wed 03-11 09:00 (in time)
--   to Fri 03-13 17:00 and finished Fri 03-13 10:00: late against the legal due, the new
--   appointment kept, 4 days; the re-scheduling issues its Form 04 apology, in time.
SELECT pg_temp.desk('d_soon', '000.00.13.H31', '1.000003', '2026-03-27 09:00') IS NOT NULL AS d_soon;
SELECT pg_temp.desk('d_ok', '000.00.13.H31', '1.000005', '2026-03-30 09:00') IS NOT NULL AS d_ok;
SELECT pg_temp.desk('d_stop', '000.00.13.H31', '1.000005', '2026-03-02 09:00') IS NOT NULL AS d_stop;
SELECT pg_temp.desk('d_ext', '000.00.13.H31', '1.000003', '2026-03-09 09:00') IS NOT NULL AS d_ext;
INSERT INTO name SELECT (tthc.receive('000.00.13.H31', '1.000003', 'Trần Thị Bình', channel => 'online',
	received_at => '2026-03-05 09:00')).id, 'd_ref';
SELECT (tthc.refuse(pg_temp.id('d_ref'), note => 'thiếu giấy tờ', happened_at => '2026-03-05 10:00')).status;
SELECT (tthc.stop(pg_temp.id('d_stop'), note => 'không đủ điều kiện', happened_at => '2026-03-03 09:00')).status;
SELECT (tthc.start_processing(pg_temp.id('d_ext'), happened_at => '2026-03-09 10:00')).status;
SELECT (tthc.extend(pg_temp.id('d_ext'), '2026-03-13 17:00', 'chờ xác minh',
	happened_at => '2026-03-11 09:00')).apology_late;
SELECT d.finish_outcome, d.appointment_kept
FROM tthc.finish(pg_temp.id('d_ext'), happened_at => '2026-03-13 10:00') d;

SET tthc.now = '2026-04-01 09:00+07';
-- the report reads the rollups: bring them up to date (the first refresh builds them)
SELECT * FROM tthc.rollup_refresh();

-- the Art. 13 indices per finished dossier: index 1 from the outcome, index 3 from the supplements
SELECT n.name, s.finish_outcome, s.supplements, s.index1, s.index3
FROM tthc.dossier_score s JOIN name n ON n.dossier = s.dossier ORDER BY n.name;
-- no dossier has steps, so no index 2
SELECT count(*) AS step_scores FROM tthc.dossier_step_score;

-- March by agency, Đài before Sở.
-- S: received 4 (s_early, s_sup, s_open, s_wd); resolved early 1, on time 1 (s_back), late 1;
--   pending late 1; withdrawn 1; backlog 1 (s_back).  On-time rate (1 + 1) / 4 = 0.5000; late rate
--   (1 open + 1 finished) / (4 + 1) = 0.4000.  Days 3, 2, 6: average 3.67, 90th percentile
--   3 + 0.8 * (6 - 3) = 5.40.  Supplements (0 + 0 + 1) / 3 = 0.33.  Apologies missing 2 (s_sup,
--   s_open: legal dues in March).  Index 1 (1 + 2 + 0) / 3 = 1.00, index 3 (2 + 2 + 1) / 3 = 1.67.
-- D: received 4 (d_soon, d_ok, d_stop, d_ext; d_ref never was); resolved late 1; pending on time 1,
--   due soon 1; refused 1, stopped 1; backlog 0.  On-time rate 0 / 4 = 0.0000; late rate 1 / 4 =
--   0.2500.  Days 4.  Supplements 0.00.  Apologies issued 1 (d_ext's, in time), none missing;
--   extensions kept 1.  Index 1 0.00, index 3 2.00.
\x on
SELECT * FROM tthc.report('2026-03-01', '2026-03-31');
\x off
-- by procedure: 1.000005 has s_wd, d_ok, d_stop: received 3, pending on time 1, withdrawn 1,
-- stopped 1, rates 0 / 3; 1.000003 the rest: received 5, early 1, on time 1, late 2, pending late
-- 1 and due soon 1, refused 1, backlog 1, on-time rate 2 / 5 = 0.4000, late rate 3 / 6 = 0.5000
SELECT group_key, group_name, received, resolved_early, resolved_on_time, resolved_late, pending_on_time,
	pending_due_soon, pending_late, withdrawn, refused, stopped, backlog_start, on_time_rate, late_rate
FROM tthc.report('2026-03-01', '2026-03-31', 'procedure');
-- by sector: the same split, named by sector, Hộ tịch before Lý lịch tư pháp
SELECT group_key, group_name, received, resolved_late, pending_late, on_time_rate, late_rate
FROM tthc.report('2026-03-01', '2026-03-31', 'sector');
-- by month over February and March: February has s_back received and, at its end (03-01 00:00),
-- due soon (last moment Mon 03-02 17:00, 15 hours reach Tue 03-03 17:00): rates 0 / 1 and 0 / 1.
-- March is both agencies together: received 8, early 1, on time 1, late 2, pending on time 1, due
-- soon 1, late 1, backlog 1; on-time rate 2 / 8 = 0.2500, late rate (1 + 2) / (8 + 1) = 0.3333.
SELECT group_key, group_name, received, resolved_early, resolved_on_time, resolved_late, pending_on_time,
	pending_due_soon, pending_late, backlog_start, on_time_rate, late_rate
FROM tthc.report('2026-02-01', '2026-03-31', 'month');
-- one day, Wed 03-04: s_early finished early; it was the backlog at the day's start; nothing was
-- received (on-time rate NULL), nothing is open at its end (late rate 0 / 1); D did nothing that day
SELECT group_name, received, resolved_early, pending_on_time, pending_due_soon, pending_late, on_time_rate,
	late_rate, backlog_start
FROM tthc.report('2026-03-04', '2026-03-04');
-- a period with nothing in it
SELECT count(*) FROM tthc.report('2025-01-01', '2025-01-31');
-- no personal data: the report's columns
SELECT count(*) AS personal_columns FROM pg_proc p, unnest(p.proargnames) a
WHERE p.oid = 'tthc.report(date, date, text)'::regprocedure AND a ~ 'applicant|phone|email|identity';

-- errors
SELECT pg_temp.err($$SELECT * FROM tthc.report('2026-03-01', '2026-03-31', 'province')$$);
SELECT pg_temp.err($$SELECT * FROM tthc.report('2026-03-31', '2026-03-01')$$);
SELECT pg_temp.err($$SELECT * FROM tthc.report(NULL, '2026-03-01')$$);
SELECT pg_temp.err($$SELECT * FROM tthc.report('2026-03-01', NULL)$$);
SELECT pg_temp.err($$SELECT * FROM tthc.report('2026-03-01', '2026-03-31', NULL)$$);

-- Index 2: an inter-agency procedure of 5 days in three steps, the second at Đài (D); the others
-- at the processing agency, Sở (S).  On the clock of 2026-05-01 so that the April events are past.
-- "x" is received by S Wed 04-01 09:00; its legal due is Wed 04-08 17:00 (04-02, 04-03, 04-06,
-- 04-07, 04-08).  The steps are due as their budgets add up from the start: Thu 04-02, Tue 04-07,
-- Wed 04-08, all 17:00.  Step 1 is done Wed 04-01, before its due day: early (2); step 2 on its due
-- day: on time (1); step 3 on its due day: on time (1).  x is finished on its due day: on time,
-- 5 working days, no supplement.
SET tthc.now = '2026-05-01 09:00+07';
INSERT INTO tthc.procedure (code, name, level) VALUES ('1.000007', 'Thủ tục liên thông', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.000007', 1, '2020-01-01', '5 ngày làm việc', 'restart');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget, agency) VALUES
	('1.000007', 1, 1, 'Tiếp nhận', 'Bộ phận Một cửa', '1 ngày làm việc', NULL),
	('1.000007', 1, 2, 'Thẩm định', 'Phòng chuyên môn', '3 ngày làm việc', '000.00.13.H31'),
	('1.000007', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '1 ngày làm việc', NULL);
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES ('000.00.12.H31', '1.000007');
SELECT pg_temp.desk('x', '000.00.12.H31', '1.000007', '2026-04-01 09:00') IS NOT NULL AS x;
SELECT (tthc.start_processing(pg_temp.id('x'), happened_at => '2026-04-01 10:00')).status;
SELECT step, responsible_agency, due_at, outcome FROM tthc.complete_step(pg_temp.id('x'), 1, '2026-04-01 16:00');
SELECT step, responsible_agency, due_at, outcome FROM tthc.complete_step(pg_temp.id('x'), 2, '2026-04-07 10:00');
SELECT step, responsible_agency, due_at, outcome FROM tthc.complete_step(pg_temp.id('x'), 3, '2026-04-08 09:00');
SELECT (tthc.finish(pg_temp.id('x'), happened_at => '2026-04-08 10:00')).finish_outcome;
SELECT dossiers FROM tthc.rollup_refresh();
-- one row per step agency, each scored by its worst step: D step 2, 1; S steps 1 and 3, min(2, 1) = 1
SELECT ss.agency, ss.steps, ss.index2 FROM tthc.dossier_step_score ss ORDER BY ss.agency;
-- April by agency.  S: received 1 (x), resolved on time 1; s_open still open and late, the backlog;
--   on-time rate 1 / 1 = 1.0000, late rate 1 / (1 + 1) = 0.5000; days 5; index 1 1.00, index 3
--   2.00, index 2 (1 + 1) / 2 = 1.00.
-- D: nothing received; d_soon (due 04-01) and d_ok (due 04-06) open, late and without an apology
--   at tthc.now(): backlog 2, pending late 2, late rate 2 / 2 = 1.0000, on-time rate NULL,
--   apologies missing 2.
SELECT group_name, received, resolved_on_time, pending_late, backlog_start, on_time_rate, late_rate,
	days_avg, apologies_missing, index1_avg, index2_avg, index3_avg
FROM tthc.report('2026-04-01', '2026-04-30');
-- by sector: x's procedure has none, a group of its own with no key and no name; Hộ tịch has
-- s_open and d_soon late, Lý lịch tư pháp d_ok
SELECT group_key, group_name, received, resolved_on_time, pending_late
FROM tthc.report('2026-04-01', '2026-04-30', 'sector');

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE tthc_reports;
