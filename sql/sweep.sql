-- Overdue detection: tthc.sweep() on the test clock.  Dates are worked out by hand on the national
-- calendar: Monday to Friday, sessions 07:30-11:30 and 13:30-17:00 (7.5 working hours a day); in
-- 2026, 01-01 is a holiday, Friday 01-02 is off and Saturday 01-10 is worked instead, Tết is
-- 02-16..20 (with the weekends, 02-14..22 off).  The due-soon lead is 15 working hours by default.
-- A database of its own: a sweep looks at every dossier, and the other tests leave theirs open.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_sweep;
CREATE DATABASE tthc_sweep;
\c tthc_sweep
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

-- a province calendar of its own, so that a local day off re-projects only its dossiers
INSERT INTO tthc.calendar (name, parent) VALUES ('hung-yen', 'national');
INSERT INTO tthc.agency (code, name, short_name, calendar) VALUES
	('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên', 'STP', 'hung-yen');
INSERT INTO tthc.procedure (code, name, level) VALUES
	('1.000002', 'Thủ tục hai ngày', 'province'),
	('1.000003', 'Thủ tục ba ngày', 'province'),
	('1.000005', 'Thủ tục năm ngày', 'province'),
	('1.000006', 'Thủ tục năm ngày, tạm dừng', 'province'),
	('1.000007', 'Thủ tục năm ngày có các bước', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.000002', 1, '2020-01-01', '2 ngày làm việc', 'restart'),
	('1.000003', 1, '2020-01-01', '3 ngày làm việc', 'restart'),
	('1.000005', 1, '2020-01-01', '5 ngày làm việc', 'restart'),
	('1.000006', 1, '2020-01-01', '5 ngày làm việc', 'pause'),
	('1.000007', 1, '2020-01-01', '5 ngày làm việc', 'restart');
INSERT INTO tthc.agency_procedure (agency, procedure)
SELECT '000.00.12.H31', code FROM tthc.procedure;
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES
	('1.000007', 1, 1, 'Tiếp nhận', 'Bộ phận Một cửa', '1 ngày làm việc'),
	('1.000007', 1, 2, 'Thẩm định', 'Phòng chuyên môn', '3 ngày làm việc'),
	('1.000007', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '1 ngày làm việc');

-- dossiers by name, received at the desk on the test clock
CREATE TEMP TABLE name (dossier bigint PRIMARY KEY, name text UNIQUE);
CREATE FUNCTION pg_temp.desk(name text, proc text, at timestamptz) RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO name SELECT (tthc.receive('000.00.12.H31', proc, 'Nguyễn Văn An', received_at => at)).id, name
	RETURNING dossier $$;
CREATE FUNCTION pg_temp.id(n text) RETURNS bigint LANGUAGE sql AS $$ SELECT dossier FROM name WHERE name = n $$;
-- the notices given since the last look, and their outbox rows
CREATE TEMP TABLE seen (id bigint);
CREATE FUNCTION pg_temp.new_notices() RETURNS TABLE (name text, kind tthc.notice_kind, step int, due_at timestamptz,
	apology_by timestamptz, swept_at timestamptz, outbox bigint) LANGUAGE sql AS $$
	WITH n AS (SELECT * FROM tthc.notice WHERE id NOT IN (SELECT id FROM seen)),
	s AS (INSERT INTO seen SELECT id FROM n)
	SELECT m.name, n.kind, n.step, n.due_at, n.apology_by, n.swept_at,
		(SELECT count(*) FROM tthc.outbox o WHERE o.event = n.kind::text AND (o.payload->>'notice')::bigint = n.id)
	FROM n JOIN name m ON m.dossier = n.dossier ORDER BY n.id $$;

-- 1. The swapped days.  "jan" is received Wednesday 2025-12-31 09:00 with 3 working days: 01-01 is
-- a holiday, 01-02 is off (worked on Saturday 01-10), so the days are 01-05, 01-06, 01-07 and the
-- legal due is Wednesday 2026-01-07 17:00; the last lawful moment to apologise is the end of the
-- working day before, Tuesday 01-06 17:00.  It is due soon from the moment 15 working hours before
-- that: 01-05 and 01-06 are 7.5 hours each, so from Wednesday 2025-12-31 17:00 (16:30 is not yet).
SET tthc.now = '2025-12-31 09:00+07';
SELECT pg_temp.desk('jan', '1.000003', '2025-12-31 09:00') IS NOT NULL AS received;
SELECT legal_due_at, alert_soon_at, alert_at FROM tthc.dossier WHERE id = pg_temp.id('jan');
SET tthc.now = '2025-12-31 16:30+07';
SELECT * FROM tthc.sweep();
SET tthc.now = '2025-12-31 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
-- exactly once: the same sweep again, and later ones before the due, give nothing new
SELECT * FROM tthc.sweep();
SET tthc.now = '2026-01-06 10:00+07';
SELECT * FROM tthc.sweep();
SELECT alert_soon_at, alert_at FROM tthc.dossier WHERE id = pg_temp.id('jan');

-- "sat" is received Wednesday 01-07 09:00 with 3 working days: 01-08, 01-09 and the worked
-- Saturday 01-10, due 01-10 17:00; last lawful moment Friday 01-09 17:00, due soon from Wednesday
-- 01-07 17:00.  At 01-07 17:00 "jan" is at its due instant: not yet overdue (late is after it).
SET tthc.now = '2026-01-07 09:00+07';
SELECT pg_temp.desk('sat', '1.000003', '2026-01-07 09:00') IS NOT NULL AS received;
SELECT legal_due_at, tthc.apology_deadline(legal_due_at, calendar) FROM tthc.dossier WHERE id = pg_temp.id('sat');
SET tthc.now = '2026-01-07 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
SET tthc.now = '2026-01-07 17:01+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
-- on the worked Saturday itself, "sat" is not late until 17:00
SET tthc.now = '2026-01-10 16:59+07';
SELECT * FROM tthc.sweep();

-- 2. Tết.  "tet" is received Tuesday 2026-02-10 09:00 with 5 working days: 02-11, 02-12, 02-13, then
-- after Tết 02-23 and 02-24: legal due Tuesday 02-24 17:00, last lawful moment Monday 02-23 17:00.
-- 15 working hours before it are Friday 02-13 and Monday 02-23, so it is due soon from Thursday
-- 02-12 17:00, a week and a half before the due, because Tết lies in between.  "tet_done" is
-- finished before Tết and "tet_paused" waits for fees: neither gets a notice.
SET tthc.now = '2026-02-10 09:00+07';
SELECT pg_temp.desk('tet', '1.000005', '2026-02-10 09:00') IS NOT NULL AS received;
SELECT pg_temp.desk('tet_done', '1.000005', '2026-02-10 09:00') IS NOT NULL AS received;
SELECT pg_temp.desk('tet_paused', '1.000006', '2026-02-10 09:00') IS NOT NULL AS received;
SELECT legal_due_at, tthc.apology_deadline(legal_due_at, calendar) FROM tthc.dossier WHERE id = pg_temp.id('tet');
SET tthc.now = '2026-02-11 10:00+07';
SELECT status, clock FROM tthc.request_payment(pg_temp.id('tet_paused'));
-- Missed runs: no sweep ran since 01-10 16:59; this one catches up on "sat", late since 01-10 17:00.
SET tthc.now = '2026-02-12 16:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
SET tthc.now = '2026-02-12 16:30+07';
SELECT status FROM tthc.start_processing(pg_temp.id('tet_done'));
SELECT status, finish_outcome FROM tthc.finish(pg_temp.id('tet_done'));
SET tthc.now = '2026-02-12 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
-- the whole of Tết and the due instant itself: nothing new; one minute later, overdue
SET tthc.now = '2026-02-24 17:00+07';
SELECT * FROM tthc.sweep();
SET tthc.now = '2026-02-24 17:01+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
SELECT * FROM tthc.sweep();
-- the dossiers finished, overdue and noticed, or waiting for fees have no alert instant left
SELECT name, alert_soon_at, alert_at FROM tthc.dossier JOIN name ON dossier = id
WHERE name LIKE 'tet%' ORDER BY name;

-- 3. A restart.  "restart" is received Monday 2026-03-02 09:00 with 5 working days: due Monday 03-09
-- 17:00, last lawful moment Friday 03-06 17:00, due soon from Wednesday 03-04 17:00.  A supplement
-- asked on Thursday 03-05 (inside the 3-working-day window) restarts the limit when the dossier is
-- back on Tuesday 03-10 09:00: due Tuesday 03-17 17:00 (03-11, 12, 13, 16, 17), last lawful moment
-- Monday 03-16 17:00, due soon again from Thursday 03-12 17:00.
-- "steps" is received at the same time with three steps: 1 day (due 03-03 17:00), 4 days in all
-- (03-06 17:00), 5 (03-09 17:00).  Step 1 is done in time; step 2 is not, and is noticed; the
-- result is ready on 03-09, in time, so the dossier itself is never overdue.  Both are due soon
-- from 03-04 17:00.
SET tthc.now = '2026-03-02 09:00+07';
SELECT pg_temp.desk('restart', '1.000005', '2026-03-02 09:00') IS NOT NULL AS received;
SELECT pg_temp.desk('steps', '1.000007', '2026-03-02 09:00') IS NOT NULL AS received;
SELECT step, due_at FROM tthc.dossier_step WHERE dossier = pg_temp.id('steps') ORDER BY step;
SET tthc.now = '2026-03-03 10:00+07';
SELECT step, outcome FROM tthc.complete_step(pg_temp.id('steps'), 1);
SET tthc.now = '2026-03-04 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
SET tthc.now = '2026-03-05 09:00+07';
SELECT status, clock FROM tthc.request_supplement(pg_temp.id('restart'));
-- step 2 is late from 03-06 17:00 on; the paused "restart" gets nothing
SET tthc.now = '2026-03-09 08:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
SET tthc.now = '2026-03-09 10:00+07';
SELECT status FROM tthc.start_processing(pg_temp.id('steps'));
SELECT status, finish_outcome FROM tthc.finish(pg_temp.id('steps'));
SET tthc.now = '2026-03-10 09:00+07';
SELECT legal_due_at FROM tthc.supplement_received(pg_temp.id('restart'));
SET tthc.now = '2026-03-12 16:59+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
SET tthc.now = '2026-03-12 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();

-- 4. A re-projection.  "reproject" is received Wednesday 2026-04-01 09:00 with 5 working days: 04-02,
-- 03, 06, 07, 08, due Wednesday 04-08 17:00, last lawful moment Tuesday 04-07 17:00, due soon from
-- Friday 04-03 17:00.  The province then gives Tuesday 04-07 off: the due moves to Thursday 04-09
-- 17:00 and the last lawful moment to Wednesday 04-08 17:00; the new due gets its own notices, the
-- due-soon one at once (04-06 and 04-08 are the 15 working hours).  "restart", due 03-17 17:00 and
-- never finished, is noticed overdue by the first sweep after it.
SET tthc.now = '2026-04-01 09:00+07';
SELECT pg_temp.desk('reproject', '1.000005', '2026-04-01 09:00') IS NOT NULL AS received;
SET tthc.now = '2026-04-03 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi) VALUES ('hung-yen', '2026-04-07', 'local_off', 'Nghỉ bù');
SELECT legal_due_at, alert_soon_at FROM tthc.dossier WHERE id = pg_temp.id('reproject');
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();
SET tthc.now = '2026-04-09 17:30+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.new_notices();

-- every notice went out once through the outbox, and the histories are untouched and verify
SELECT kind, count(*) AS notices, sum((SELECT count(*) FROM tthc.outbox o
	WHERE (o.payload->>'notice')::bigint = n.id)) AS outbox_rows
FROM tthc.notice n GROUP BY kind ORDER BY kind;
SELECT payload - '{dossier,notice,code}'::text[] AS payload FROM tthc.outbox
WHERE event = 'step_overdue' ORDER BY id;
SELECT count(*) FILTER (WHERE (tthc.verify_history(id)).valid) AS verified, count(*) AS dossiers FROM tthc.dossier;

-- 5. For applications: the open, due-soon and overdue dossiers at the test clock, and the
-- appointment a receipt would get.  On Monday 2026-04-06 10:00, "reproject" (due 04-09 17:00 after
-- the day off) has the rest of 04-06 (10:00-11:30, 13:30-17:00: 5 hours) and 04-08, 04-09 (7.5 each)
-- left: 20 working hours and 2 working days after today; its last lawful moment, 04-08 17:00, is
-- within 15 hours, so it is due soon.  "tet_paused" keeps the 35 hours it had when it paused.  "restart" (due 03-17) is overdue by 14 working days (03-18 .. 04-06).
SET tthc.now = '2026-04-06 10:00+07';
SELECT n.name, o.status, o.clock, o.legal_due_at, o.apology_by, o.working_days_left, o.working_time_left, o.overdue
FROM tthc.open_dossier o JOIN name n ON n.dossier = o.id ORDER BY n.name;
SELECT n.name FROM tthc.due_soon_dossier o JOIN name n ON n.dossier = o.id ORDER BY n.name;
SELECT n.name FROM tthc.overdue_dossier o JOIN name n ON n.dossier = o.id ORDER BY n.name;
-- one minute before the due-soon window of "reproject" (Friday 04-03 16:59 + 15 hours is 04-08 16:59)
SET tthc.now = '2026-04-03 16:59+07';
SELECT n.name FROM tthc.due_soon_dossier o JOIN name n ON n.dossier = o.id ORDER BY n.name;
-- A receipt on Thursday 2026-02-12 15:00 of the 5-day procedure: 02-13, 02-23, 24, 25, 26 (Tết
-- between): due Thursday 02-26 17:00; the 3-day one on Wednesday 2025-12-31: 2026-01-07 17:00; the
-- province's day off 04-07 counts for its agency: received 04-06 09:00 with 2 days, due 04-09 17:00.
SELECT tthc.appointment('000.00.12.H31', '1.000005', '2026-02-12 15:00') AS tet,
	tthc.appointment('000.00.12.H31', '1.000003', '2025-12-31 09:00') AS new_year,
	tthc.appointment('000.00.12.H31', '1.000002', '2026-04-06 09:00') AS day_off;
-- the same errors as tthc.receive
INSERT INTO tthc.agency (code, name, valid_to) VALUES ('000.00.99.H31', 'Sở đã giải thể', '2025-06-30');
INSERT INTO tthc.procedure (code, name) VALUES ('1.000009', 'Thủ tục không nhận tại Sở');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.000009', 1, '2020-01-01', '1 ngày làm việc');
SELECT pg_temp.err($$SELECT tthc.appointment(NULL, '1.000005', '2026-02-12 15:00')$$);
SELECT pg_temp.err($$SELECT tthc.appointment('000.00.12.H31', '1.000005', NULL)$$);
SELECT pg_temp.err($$SELECT tthc.appointment('000.00.98.H31', '1.000005', '2026-02-12 15:00')$$);
SELECT pg_temp.err($$SELECT tthc.appointment('000.00.99.H31', '1.000005', '2026-02-12 15:00')$$);
SELECT pg_temp.err($$SELECT tthc.appointment('000.00.12.H31', '1.000008', '2026-02-12 15:00')$$);
SELECT pg_temp.err($$SELECT tthc.appointment('000.00.12.H31', '1.000005', '2019-02-12 15:00')$$);
SELECT pg_temp.err($$SELECT tthc.appointment('000.00.12.H31', '1.000009', '2026-02-12 15:00')$$);
SELECT pg_temp.err($$SELECT tthc.appointment('000.00.12.H31', '1.000005', 'infinity')$$);
SELECT pg_temp.err($$SELECT tthc.appointment('000.00.12.H31', '1.000005', '2150-01-01 09:00')$$);

-- 6. The lead is a superuser setting of working time
SET tthc.due_soon_lead = '4 hours';
SHOW tthc.due_soon_lead;
RESET tthc.due_soon_lead;
SELECT pg_temp.err($$SET tthc.due_soon_lead = '2 days'$$);
SELECT pg_temp.err($$SET tthc.due_soon_lead = '-1 hour'$$);
SELECT pg_temp.err($$SET tthc.due_soon_lead = 'soon'$$);

-- 7. Bad sweep instants
SELECT pg_temp.err($$SELECT tthc.sweep(NULL)$$);
SELECT pg_temp.err($$SELECT tthc.sweep('infinity')$$);
SELECT pg_temp.err($$SELECT tthc.sweep('-infinity')$$);
SELECT pg_temp.err($$SELECT tthc.sweep('2026-04-10 09:00+07')$$);
-- sweeping is for the roles a DBA grants it to
CREATE ROLE sweep_nobody;
SET ROLE sweep_nobody;
SELECT pg_temp.err($$SELECT tthc.sweep()$$);
RESET ROLE;
DROP ROLE sweep_nobody;
\c :regress_db
DROP DATABASE tthc_sweep;
