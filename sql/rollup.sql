-- The report's rollups equal a recomputation from raw history: tthc._report_rollup (the rollups)
-- against tthc._report_rows (the dossier tables) for every grouping, every single day and month and
-- the whole period, after each refresh; and the counters kept incrementally equal a rebuild.  On a
-- fixed data set, through late events, supplements, extensions, withdrawals, stops, refusals,
-- inter-agency steps, an apology issued on request, a re-projection after a change of calendar
-- data, and another due-soon lead.  A database of its own: the reports read every dossier.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_rollup;
CREATE DATABASE tthc_rollup;
\c tthc_rollup
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';

-- three agencies whose names sort differently in Vietnamese and in byte order
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên', 'STP'),
	('000.00.13.H31', 'Đài Phát thanh và Truyền hình tỉnh Hưng Yên', 'PTTH'),
	('000.00.14.H31', 'Ban Quản lý các khu công nghiệp tỉnh Hưng Yên', 'BQL');
INSERT INTO tthc.sector (code, name) VALUES ('G12-HT01', 'Hộ tịch'), ('G12-LL01', 'Lý lịch tư pháp');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('1.000003', 'Thủ tục ba ngày', 'G12-HT01', 'province'),
	('1.000005', 'Thủ tục năm ngày', 'G12-LL01', 'province'),
	('1.000007', 'Thủ tục liên thông', NULL, 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.000003', 1, '2020-01-01', '3 ngày làm việc', 'restart'),
	('1.000005', 1, '2020-01-01', '5 ngày làm việc', 'restart'),
	('1.000007', 1, '2020-01-01', '5 ngày làm việc', 'restart');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget, agency) VALUES
	('1.000007', 1, 1, 'Tiếp nhận', 'Bộ phận Một cửa', '1 ngày làm việc', NULL),
	('1.000007', 1, 2, 'Thẩm định', 'Phòng chuyên môn', '3 ngày làm việc', '000.00.13.H31'),
	('1.000007', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '1 ngày làm việc', NULL);
INSERT INTO tthc.agency_procedure (agency, procedure)
SELECT a, p FROM unnest(ARRAY['000.00.12.H31', '000.00.13.H31', '000.00.14.H31']) a,
	unnest(ARRAY['1.000003', '1.000005', '1.000007']) p;

-- The mismatches between the rollups and the dossier tables: rows in one and not in the other, for
-- the four groupings over every day from 02-16 to 04-30, every month and the whole period.
CREATE FUNCTION pg_temp.mismatches() RETURNS bigint LANGUAGE sql AS $$
	SELECT count(*) FROM (VALUES ('agency'), ('sector'), ('procedure'), ('month')) b (by),
	(SELECT d::date AS f, d::date AS t FROM generate_series(date '2026-02-16', '2026-04-30', '1 day') d
	 UNION ALL VALUES (date '2026-02-01', date '2026-02-28'), ('2026-03-01', '2026-03-31'),
		('2026-04-01', '2026-04-30'), ('2026-02-01', '2026-04-30'), ('2026-03-10', '2026-04-09')) p,
	LATERAL ((SELECT * FROM tthc._report_rows(p.f, p.t, b.by) EXCEPT ALL SELECT * FROM tthc._report_rollup(p.f, p.t, b.by))
		UNION ALL
		(SELECT * FROM tthc._report_rollup(p.f, p.t, b.by) EXCEPT ALL SELECT * FROM tthc._report_rows(p.f, p.t, b.by))) x
$$;
-- The counters kept incrementally against a rebuild from scratch (differing rows), and the facts.
CREATE FUNCTION pg_temp.drift() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
	CREATE TEMP TABLE kept_rollup AS SELECT * FROM tthc.rollup;
	CREATE TEMP TABLE kept_fact AS SELECT * FROM tthc.rollup_fact;
	INSERT INTO tthc.rollup_queue (agency, dossier) VALUES ('', NULL);
	PERFORM tthc.rollup_refresh();
	SELECT count(*) INTO n FROM (
		(SELECT * FROM kept_rollup EXCEPT ALL SELECT * FROM tthc.rollup)
		UNION ALL (SELECT * FROM tthc.rollup EXCEPT ALL SELECT * FROM kept_rollup)
		UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL FROM (
			(SELECT * FROM kept_fact EXCEPT ALL SELECT * FROM tthc.rollup_fact)
			UNION ALL (SELECT * FROM tthc.rollup_fact EXCEPT ALL SELECT * FROM kept_fact)) f) x;
	DROP TABLE kept_rollup, kept_fact;
	RETURN n;
END $$;

-- 1. Before any refresh the report reads the dossier tables; an empty database has no row.
SELECT lead, refreshed_at FROM tthc.rollup_state;
SELECT count(*) AS report_rows FROM tthc.report('2026-03-01', '2026-03-31');

-- 2. Forty-five dossiers received from Monday 02-23 to Thursday 03-19 at 09:00, one a working day
-- at each agency in turn, on the three procedures in turn; what happens to dossier i depends on
-- i % 9.  The clock stands at 03-20 09:00.
SET tthc.now = '2026-03-20 09:00+07';
CREATE TEMP TABLE d (i int PRIMARY KEY, id bigint, proc text, at timestamptz);
DO $$
DECLARE
	i int := 0;
	day date;
	a text;
	p text;
	id bigint;
	t timestamptz;
BEGIN
	FOR day IN SELECT g::date FROM generate_series(date '2026-02-23', '2026-03-19', '1 day') g
			   WHERE tthc.is_working_day(g::date, 'national') LOOP
		FOR k IN 0..2 LOOP
			i := i + 1;
			a := (ARRAY['000.00.12.H31', '000.00.13.H31', '000.00.14.H31'])[1 + i % 3];
			p := (ARRAY['1.000003', '1.000005', '1.000007'])[1 + (i / 3) % 3];
			t := (day + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' + k * interval '1 hour';
			IF i % 9 = 8 THEN
				-- received online, refused at acceptance: never received
				id := (tthc.receive(a, p, 'Trần Thị Bình', channel => 'online', received_at => t)).id;
				PERFORM tthc.refuse(id, note => 'thiếu giấy tờ', happened_at => t + interval '1 hour');
			ELSE
				id := (tthc.receive(a, p, 'Nguyễn Văn An', received_at => t)).id;
			END IF;
			INSERT INTO d VALUES (i, id, p, t);
		END LOOP;
	END LOOP;
END $$;
SELECT count(*) AS dossiers, min(at), max(at) FROM d;
-- i % 9: 0 finished the next working day; 1 finished after a supplement request and its receipt;
-- 2 withdrawn two days later; 3 stopped; 4 re-scheduled and finished; 5 and 6 left open; 7 finished
-- late, a week on; 8 refused (above).  The inter-agency procedure completes its steps first.
CREATE FUNCTION pg_temp.finish(i int, t timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE x d;
BEGIN
	SELECT * INTO x FROM d WHERE d.i = finish.i;
	IF x.proc = '1.000007' THEN
		FOR s IN 1..3 LOOP
			PERFORM tthc.complete_step(x.id, s, t - (4 - s) * interval '10 minutes');
		END LOOP;
	END IF;
	PERFORM tthc.finish(x.id, happened_at => t);
END $$;
SELECT count(*) AS started FROM d, tthc.start_processing(d.id, happened_at => d.at + interval '30 minutes')
WHERE d.i % 9 NOT IN (2, 8);
SELECT count(pg_temp.finish(d.i, tthc.add_working_time(d.at, '7 hours 30 minutes', 'national')))
FROM d WHERE d.i % 9 = 0 AND d.at < '2026-03-19';
SELECT count(tthc.request_supplement(d.id, happened_at => d.at + interval '2 hours')) AS supplements
FROM d WHERE d.i % 9 = 1;
SELECT count(tthc.supplement_received(d.id, happened_at => d.at + interval '1 day')) AS supplied
FROM d WHERE d.i % 9 = 1 AND d.at < '2026-03-18';
SELECT count(tthc.withdraw(d.id, happened_at => d.at + interval '2 days')) AS withdrawn
FROM d WHERE d.i % 9 = 2 AND d.at < '2026-03-17';
SELECT count(tthc.stop(d.id, note => 'không đủ điều kiện', happened_at => d.at + interval '1 day')) AS stopped
FROM d WHERE d.i % 9 = 3 AND d.at < '2026-03-18';
SELECT count(tthc.extend(d.id, reason => 'chờ xác minh', by => '2 ngày làm việc', happened_at => d.at + interval '1 day'))
	AS extended
FROM d WHERE d.i % 9 = 4 AND d.at < '2026-03-16';
SELECT count(pg_temp.finish(d.i, x.due_at - interval '1 hour')) AS finished_extended
FROM d JOIN tthc.dossier x ON x.id = d.id WHERE d.i % 9 = 4 AND x.extended AND x.due_at < tthc.now();
SELECT count(pg_temp.finish(d.i, d.at + interval '7 days')) AS finished_late
FROM d WHERE d.i % 9 = 7 AND d.at < '2026-03-12';
SELECT status, count(*) FROM tthc.dossier GROUP BY status ORDER BY status;

-- the first refresh builds the rollups; both readings agree, and the counters equal a rebuild
SELECT * FROM tthc.rollup_refresh();
SELECT lead = tthc.due_soon_lead() AS lead_kept, dossiers FROM tthc.rollup_state;
SELECT pg_temp.mismatches() AS mismatches;
SELECT pg_temp.drift() AS drift;
-- what the data set exercises in March: every figure has something to compare
SELECT received, resolved_early, resolved_on_time, resolved_late, pending_on_time, pending_due_soon,
	pending_late, withdrawn, refused, stopped, backlog_start, days_p90, supplements_per_dossier,
	apologies_issued, apologies_missing, extensions_kept, extensions_broken, index2_avg
FROM tthc.report('2026-03-01', '2026-03-31', 'month');

-- 3. Two weeks on, 04-03 09:00.  Late events (happened days before they are recorded), supplements
-- received, more finishes, an apology issued on request: the refresh recomputes only the dossiers
-- they touched.
SET tthc.now = '2026-04-03 09:00+07';
SELECT count(tthc.supplement_received(d.id, happened_at => '2026-03-23 09:00')) AS supplied_late
FROM d JOIN tthc.dossier x ON x.id = d.id WHERE d.i % 9 = 1 AND x.clock = 'paused';
SELECT count(pg_temp.finish(d.i, '2026-03-24 10:00')) AS finished_late_events
FROM d JOIN tthc.dossier x ON x.id = d.id WHERE d.i % 9 IN (0, 1) AND x.finished_at IS NULL AND x.clock = 'running';
SELECT count(tthc.withdraw(d.id, happened_at => '2026-03-25 10:00')) AS withdrawn_late
FROM d JOIN tthc.dossier x ON x.id = d.id WHERE d.i % 9 = 5 AND x.received_at < '2026-03-10';
SELECT count(tthc.extend(d.id, reason => 'chờ kết quả', by => '3 ngày làm việc', happened_at => '2026-03-26 10:00')) AS extended_late
FROM d JOIN tthc.dossier x ON x.id = d.id WHERE d.i % 9 = 6 AND x.received_at < '2026-03-12';
-- three new dossiers on the five-day procedure, received Wednesday 04-01, due Wednesday 04-08
SELECT count(*) AS received_april FROM unnest(ARRAY['000.00.12.H31', '000.00.13.H31', '000.00.14.H31']) a,
	tthc.receive(a, '1.000005', 'Lê Văn Cường', received_at => '2026-04-01 09:00') x;
SELECT (tthc.issue_letter(min(d.id), '04')).form AS reissued
FROM d JOIN tthc.dossier x ON x.id = d.id WHERE x.extended;
SELECT count(*) AS queued FROM (SELECT DISTINCT dossier FROM tthc.rollup_queue) q;
SELECT * FROM tthc.rollup_refresh();
SELECT pg_temp.mismatches() AS mismatches;
SELECT pg_temp.drift() AS drift;
SELECT received, resolved_early, resolved_on_time, resolved_late, pending_on_time, pending_due_soon,
	pending_late, withdrawn, backlog_start, days_avg, days_p90, supplements_per_dossier, supplements_repeated,
	apologies_issued, apologies_late, apologies_missing, extensions_kept, index1_avg, index2_avg, index3_avg
FROM tthc.report('2026-03-01', '2026-04-06', 'month');

-- 4. A change of calendar data: a day off on Tuesday 04-07 re-projects the open dossiers due
-- after it (history rows) and moves the working days of everyone: the next refresh rebuilds.
SELECT count(*) AS open_due_after FROM tthc.dossier WHERE clock = 'running' AND legal_due_at > '2026-04-07';
INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi) VALUES ('national', '2026-04-07', 'local_off', 'Nghỉ thử');
SELECT count(*) AS reprojected FROM tthc.dossier_event WHERE event = 'reproject';
SELECT * FROM tthc.rollup_refresh();
SELECT pg_temp.mismatches() AS mismatches;
-- the clock alone moves the apologies missing of running dossiers: no refresh needed
SET tthc.now = '2026-04-20 09:00+07';
SELECT pg_temp.mismatches() AS mismatches;

-- 5. Another due-soon lead in a session: the report reads the dossier tables until a refresh
-- rebuilds the rollups with it.
SET tthc.due_soon_lead = '30 hours';
SELECT count(*) AS differ FROM (
	(SELECT * FROM tthc.report('2026-03-01', '2026-04-30', 'month') EXCEPT ALL SELECT * FROM tthc._report_rows('2026-03-01', '2026-04-30', 'month'))
	UNION ALL (SELECT * FROM tthc._report_rows('2026-03-01', '2026-04-30', 'month') EXCEPT ALL SELECT * FROM tthc.report('2026-03-01', '2026-04-30', 'month'))) x;
SELECT * FROM tthc.rollup_refresh();
SELECT pg_temp.mismatches() AS mismatches;
RESET tthc.due_soon_lead;
SELECT rebuilt FROM tthc.rollup_refresh();

-- 6. Names in Vietnamese order: Ban, Đài, Sở
SELECT group_name FROM tthc.report('2026-03-01', '2026-03-31');

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE tthc_rollup;
