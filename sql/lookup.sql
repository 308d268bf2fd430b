-- The citizens' status look-up: tthc.lookup(code, factor) on the test clock.  Dates on the national
-- calendar: Monday to Friday, 07:30-11:30 and 13:30-17:00.  A database of its own: the clean-up at
-- the end deletes what is old in every table it looks after.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_lookup;
CREATE DATABASE tthc_lookup;
\c tthc_lookup
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
-- the attempts recorded since the last look
CREATE TEMP TABLE seen (code text, at timestamptz, id bigint);
CREATE FUNCTION pg_temp.new_attempts() RETURNS TABLE (at timestamptz, code text, agency text, throttled boolean,
	by_session_user boolean) LANGUAGE sql AS $$
	WITH n AS (SELECT * FROM tthc.lookup_attempt a WHERE (a.code, a.at, a.id) NOT IN (SELECT * FROM seen)),
	s AS (INSERT INTO seen SELECT n.code, n.at, n.id FROM n)
	SELECT n.at, n.code, n.agency, n.throttled, n.login = session_user FROM n ORDER BY n.id $$;

INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên', 'STP');
INSERT INTO tthc.procedure (code, name, level) VALUES
	('1.000007', 'Cấp Phiếu lý lịch tư pháp', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.000007', 1, '2020-01-01', '5 ngày làm việc', 'restart');
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES ('000.00.12.H31', '1.000007');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES
	('1.000007', 1, 1, 'Tiếp nhận', 'Bộ phận Một cửa', '1 ngày làm việc'),
	('1.000007', 1, 2, 'Thẩm định', 'Phòng Hành chính tư pháp', '3 ngày làm việc'),
	('1.000007', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '1 ngày làm việc');

-- Monday 2026-03-02 09:00: four dossiers, accepted at the desk; five working days (03-03..03-09),
-- legal due Monday 03-09 17:00.  The factors: CCCD 001085001234 ends in 1234, passport C1234567 in 4567, tax code
-- 0101234567-001 in 7001 (the hyphen is not a letter or digit); the last has no identity number.
SET tthc.now = '2026-03-02 09:00+07';
CREATE TEMP TABLE dos AS
SELECT v.n AS name, d.*
FROM (VALUES (1, 'cccd', '001085001234', 'cccd'::tthc.identity_kind), (2, 'passport', 'c 1234 567', 'passport'),
	(3, 'tax', '0101234567001', 'tax_code'), (4, 'none', NULL, NULL)) v(i, n, id, k),
LATERAL tthc.receive('000.00.12.H31', '1.000007', 'Nguyễn Văn An', v.id, applicant_id_kind => v.k,
	applicant_phone => '0912345678', applicant_email => 'an@example.vn') d
ORDER BY v.i;
SELECT name, code, status, applicant_id, due_at FROM dos ORDER BY code;
SELECT code AS cccd_code FROM dos WHERE name = 'cccd' \gset
SELECT code AS passport_code FROM dos WHERE name = 'passport' \gset
SELECT code AS tax_code FROM dos WHERE name = 'tax' \gset
SELECT code AS none_code FROM dos WHERE name = 'none' \gset

-- 1. The right factor: the status, the appointment, the progress; nothing personal.
\x on
SELECT * FROM tthc.lookup(:'cccd_code', '1234');
\x off
SELECT dossier_code, status_name, due_at, late FROM tthc.lookup(:'passport_code', '4567');
SELECT dossier_code, status_name, due_at, late FROM tthc.lookup(:'tax_code', '7001');
-- the code and the factor are trimmed and read without regard to case
SELECT dossier_code FROM tthc.lookup(lower(' ' || :'passport_code' || E'\t'), ' 4567 ');
SELECT dossier_code FROM tthc.lookup(:'cccd_code', U&'\00A01234\3000');
-- nothing personal in the answer: no name, identity number, phone, e-mail, actor or note
SELECT string_agg(c.parameter_name, ', ' ORDER BY c.ordinal_position) AS answer_columns
FROM information_schema.parameters c
JOIN information_schema.routines r ON r.specific_schema = c.specific_schema AND r.specific_name = c.specific_name
WHERE r.routine_schema = 'tthc' AND r.routine_name = 'lookup' AND c.parameter_mode = 'OUT';
SELECT to_jsonb(l)::text ~ '(Nguyễn|001085|1234567|0912345678|example)' AS personal
FROM tthc.lookup(:'cccd_code', '1234') l;
-- a successful look-up records nothing
SELECT count(*) AS attempts FROM pg_temp.new_attempts();

-- 2. Progress: the first step done, the second current.
SET tthc.now = '2026-03-03 10:00+07';
SELECT (tthc.complete_step(id, 1, actor => 'Trần Thị Bình', note => 'hồ sơ đủ')).step FROM dos WHERE name = 'cccd';
SELECT steps_done, steps_total, current_step, late FROM tthc.lookup(:'cccd_code', '1234');
-- a supplement request pauses the clock: the status says so, the appointment is withheld
SELECT (tthc.request_supplement(id, note => 'bổ sung bản sao')).status FROM dos WHERE name = 'passport';
SELECT status, status_name, due_at, late, current_step FROM tthc.lookup(:'passport_code', '4567');

-- 3. The result of "cccd": processed, its steps done, ready on the due day (on time), returned the
-- day after (a result ready in time and collected late keeps its outcome).
SET tthc.now = '2026-03-09 10:00+07';
SELECT (tthc.start_processing(id)).status FROM dos WHERE name = 'cccd';
SELECT (tthc.complete_step(id, 2)).step FROM dos WHERE name = 'cccd';
SELECT (tthc.complete_step(id, 3)).step FROM dos WHERE name = 'cccd';
SELECT (tthc.finish(id, result => 'grant')).status FROM dos WHERE name = 'cccd';
SELECT status, status_name, late, steps_done, steps_total, current_step, result, result_ready_at, returned_at
FROM tthc.lookup(:'cccd_code', '1234');
SET tthc.now = '2026-03-10 08:00+07';
SELECT (tthc.return_result(id)).status FROM dos WHERE name = 'cccd';
SELECT status, status_name, due_at, late, result, result_ready_at, returned_at FROM tthc.lookup(:'cccd_code', '1234');

-- 4. Late: "tax" is on time until its legal due, Monday 03-09 17:00, and late after it; a
-- re-scheduling moves the appointment, not the legal due, so it stays late.
SET tthc.now = '2026-03-09 17:00+07';
SELECT due_at, extended, late FROM tthc.lookup(:'tax_code', '7001');
SET tthc.now = '2026-03-09 17:01+07';
SELECT due_at, extended, late FROM tthc.lookup(:'tax_code', '7001');
SELECT (tthc.extend(id, by => '2 ngày làm việc', reason => 'cần xác minh thêm')).due_at FROM dos WHERE name = 'tax';
SET tthc.now = '2026-03-10 08:00+07';
SELECT due_at, extended, late FROM tthc.lookup(:'tax_code', '7001');

-- 5. A wrong factor gets the same answer as an unknown code: no row.  Both are recorded, with the
-- dossier's agency, or for an unknown code the agency code its prefix names.
SET tthc.now = '2026-03-10 09:00+07';
SELECT count(*) AS wrong_factor FROM tthc.lookup(:'passport_code', '4568');
SELECT count(*) AS unknown_code FROM tthc.lookup('000.00.12.H31-260302-0099', '4567');
SELECT count(*) AS unknown_agency FROM tthc.lookup('000.00.99.H99-260302-0001', '4567');
SELECT count(*) AS no_identity_number FROM tthc.lookup(:'none_code', '0000');
SELECT * FROM pg_temp.new_attempts();

-- 6. Throttling: five failures for one code within 15 minutes (the defaults) lock it; the right
-- factor then gets no row either, and each such attempt is recorded and logged.
SELECT * FROM tthc.lookup_limits();
SET tthc.now = '2026-03-10 09:01+07';
SELECT count(*) FROM tthc.lookup(:'passport_code', '0001');
SET tthc.now = '2026-03-10 09:02+07';
SELECT count(*) FROM tthc.lookup(:'passport_code', '0002');
SELECT count(*) FROM tthc.lookup(:'passport_code', '0003');
-- four failures: the right factor still works
SELECT dossier_code FROM tthc.lookup(:'passport_code', '4567');
SET tthc.now = '2026-03-10 09:05+07';
SELECT count(*) FROM tthc.lookup(:'passport_code', '0004');
-- the fifth: locked
SET client_min_messages = log;
SELECT count(*) AS right_factor_while_locked FROM tthc.lookup(:'passport_code', '4567');
RESET client_min_messages;
SELECT * FROM pg_temp.new_attempts();
-- another code is not locked
SELECT dossier_code FROM tthc.lookup(:'tax_code', '7001');
-- the window slides: the first failure (09:00) counts until 09:15 excluded, then four are left
SET tthc.now = '2026-03-10 09:14:59+07';
SELECT count(*) AS before_the_window_end FROM tthc.lookup(:'passport_code', '4567');
SET tthc.now = '2026-03-10 09:15+07';
SELECT dossier_code AS at_the_window_end FROM tthc.lookup(:'passport_code', '4567');
SELECT * FROM pg_temp.new_attempts();
-- the settings: a superuser may tighten them
SET tthc.lookup_max_failures = 2;
SET tthc.lookup_window = '1h';
SELECT * FROM tthc.lookup_limits();
SELECT count(*) AS locked_with_two FROM tthc.lookup(:'passport_code', '4567');
RESET tthc.lookup_max_failures;
RESET tthc.lookup_window;
SELECT name, setting, unit, context, min_val, max_val FROM pg_settings WHERE name LIKE 'tthc.lookup%' ORDER BY 1;

-- 7. A portal's role: it may call the look-up (SECURITY DEFINER, EXECUTE for PUBLIC) but neither
-- read the dossiers or the attempts nor lift its limits.
CREATE ROLE regress_tthc_portal;
SET ROLE regress_tthc_portal;
SELECT dossier_code, status_name FROM tthc.lookup(:'tax_code', '7001');
SELECT count(*) AS portal_wrong_factor FROM tthc.lookup(:'tax_code', '7000');
SELECT pg_temp.err($$SELECT count(*) FROM tthc.dossier$$);
SELECT pg_temp.err($$SELECT count(*) FROM tthc.lookup_attempt$$);
SELECT pg_temp.err($$SET tthc.lookup_max_failures = 1000$$);
SELECT pg_temp.err($$SET tthc.lookup_window = 1$$);
RESET ROLE;
-- the login recorded is the session's (the portal's login), not the role it set
SELECT * FROM pg_temp.new_attempts();
DROP ROLE regress_tthc_portal;
-- the function as installed
SELECT p.prosecdef, p.provolatile, p.proisstrict, p.proparallel, p.proconfig,
	has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute
FROM pg_proc p WHERE p.oid = 'tthc.lookup(text, text)'::regprocedure;

-- 8. The clean-up deletes attempts older than the job-run retention, and never ones inside the
-- look-up window, whatever the retention.
SELECT count(*) AS attempts FROM tthc.lookup_attempt;
SET tthc.now = '2026-03-10 09:29+07';
SELECT * FROM tthc.cleanup(run_retention => '0');
SELECT count(*) AS inside_the_window, min(at) FROM tthc.lookup_attempt;
SET tthc.now = '2026-04-10 09:00+07';
SELECT * FROM tthc.cleanup();
SELECT count(*) AS after_30_days FROM tthc.lookup_attempt;

-- 9. Bad input: refused with its SQLSTATE, whatever the dossier, and not recorded.
SELECT pg_temp.err($$SELECT * FROM tthc.lookup(NULL, '1234')$$);
SELECT pg_temp.err(format('SELECT * FROM tthc.lookup(%L, NULL)', :'cccd_code'));
SELECT pg_temp.err($$SELECT * FROM tthc.lookup('', '1234')$$);
SELECT pg_temp.err(format('SELECT * FROM tthc.lookup(%L, %L)', :'cccd_code', U&'\00A0\3000'));
SELECT pg_temp.err(format('SELECT * FROM tthc.lookup(%L, %L)', repeat('0', 60) || '-260302-0001', '1234'));
SELECT pg_temp.err($$SELECT * FROM tthc.lookup('HS-2026-0001', '1234')$$);
SELECT pg_temp.err(format('SELECT * FROM tthc.lookup(%L, %L)', :'cccd_code', '001085001234'));
SELECT pg_temp.err(format('SELECT * FROM tthc.lookup(%L, %L)', :'cccd_code', '123'));
SELECT pg_temp.err(format('SELECT * FROM tthc.lookup(%L, %L)', :'cccd_code', '12-4'));
SELECT count(*) AS recorded FROM tthc.lookup_attempt;
-- the settings' ranges
SELECT pg_temp.err($$SET tthc.lookup_max_failures = 1001$$);
SELECT pg_temp.err($$SET tthc.lookup_window = '8d'$$);

\c :regress_db
DROP DATABASE tthc_lookup;
