-- Security: hostile objects on the search path, the owner of the data, the role matrix with
-- row-level security, and a trigger planted on a tthc table by a role over-granted TRIGGER.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS tthc CASCADE;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
-- q run as role r: its single value (or ok), else the SQLSTATE and the message
CREATE FUNCTION pg_temp.as_role(r name, q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	v text;
BEGIN
	EXECUTE format('SET ROLE %I', r);
	BEGIN
		EXECUTE q INTO v;
	EXCEPTION WHEN others THEN
		v := SQLSTATE || ': ' || SQLERRM;
		RESET ROLE;
		RETURN v;
	END;
	RESET ROLE;
	RETURN coalesce(v, 'ok');
END $$;

-- (a) Hostile objects planted before CREATE EXTENSION: a now() and an = on text in public, put
-- before pg_catalog on the search path, a now() in pg_temp, and temporary tables named like a tthc
-- table and a catalog view.
CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql AS $$SELECT '1999-01-01 00:00+00'::timestamptz$$;
CREATE FUNCTION pg_temp.now() RETURNS timestamptz LANGUAGE sql AS $$SELECT '1999-01-01 00:00+00'::timestamptz$$;
CREATE FUNCTION public.hostile_texteq(text, text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'hostile = called'; END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.hostile_texteq);
CREATE TEMP TABLE dossier (id bigint, agency text);
CREATE TEMP TABLE pg_roles (rolname name, rolsuper boolean, oid oid);
INSERT INTO pg_temp.pg_roles VALUES ('regress_sec_nobody', true, 0);
SET search_path = public, pg_catalog;
-- they are live: an unqualified = on text and now() reach them
SELECT pg_temp.err($$SELECT 'a'::text = 'b'::text$$) AS hostile_eq, now() AS hostile_now;
CREATE EXTENSION tthc;
-- the install script qualified what it needed: roles exist, the objects belong to tthc_owner
SELECT r.rolname, r.rolsuper, r.rolcanlogin, r.rolbypassrls
FROM pg_catalog.pg_roles r WHERE r.rolname LIKE 'tthc\_%' AND r.rolname NOT LIKE 'tthc\_jobs%' ORDER BY 1;
SELECT c.relkind, pg_catalog.pg_get_userbyid(c.relowner) AS owner, pg_catalog.count(*)
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
GROUP BY 1, 2 ORDER BY 1, 2;
-- the SECURITY DEFINER functions that still run as the superuser (doc/security.md)
SELECT p.oid::pg_catalog.regprocedure AS superuser_definer
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
WHERE p.prosecdef AND p.proowner <> 'tthc_owner'::pg_catalog.regrole ORDER BY 1;
SELECT c.relname AS row_security FROM pg_catalog.pg_class c
WHERE c.relnamespace = 'tthc'::pg_catalog.regnamespace AND c.relrowsecurity ORDER BY 1;

-- Two agencies, a procedure with three steps, the second done by agency B.
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.00.H30', 'Ủy ban nhân dân tỉnh Hải Dương', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent) VALUES
	('000.00.12.H30', 'Sở Tư pháp tỉnh Hải Dương', 'STP', '000.00.00.H30'),
	('000.00.14.H30', 'Công an tỉnh Hải Dương', 'CA', '000.00.00.H30');
INSERT INTO tthc.sector (code, name) VALUES ('H30-TP01', 'Lý lịch tư pháp');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('1.001234', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', 'H30-TP01', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.001234', 1, '2020-01-01', '10 ngày làm việc', 'restart');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget, agency) VALUES
	('1.001234', 1, 1, 'Tiếp nhận, chuyển hồ sơ', 'Bộ phận Một cửa', '1 ngày làm việc', NULL),
	('1.001234', 1, 2, 'Xác minh nhân thân', 'Phòng Hồ sơ', '7 ngày làm việc', '000.00.14.H30'),
	('1.001234', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '2 ngày làm việc', NULL);
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
	('000.00.12.H30', '1.001234'), ('000.00.14.H30', '1.001234');

-- ... and before using the API: it reads the test clock, not public.now(), and the real = operator
SET tthc.now = '2026-03-05 09:00+07';
SELECT id, code, received_at, due_at FROM tthc.receive('000.00.12.H30', '1.001234', 'Nguyễn Văn A',
	'001099012345', applicant_phone => '0912345678');
SELECT valid, events FROM tthc.verify_history(1);
SELECT pg_catalog.count(*) AS temp_dossiers FROM pg_temp.dossier;
RESET search_path;
DROP TABLE pg_temp.dossier, pg_temp.pg_roles;
DROP FUNCTION pg_temp.now();
DROP OPERATOR public.= (text, text);
DROP FUNCTION public.hostile_texteq(text, text), public.now();

-- (b) The role matrix.  Dossier 1 and 2 at agency A (000.00.12.H30), 3 at agency B
-- (000.00.14.H30), 4 at A, later forwarded to B.
SELECT r.id, r.agency FROM tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B', applicant_email => 'b@example.vn') r;
SELECT r.id, r.agency FROM tthc.receive('000.00.14.H30', '1.001234', 'Lê Văn C', applicant_phone => '0987654321') r;
SELECT r.id, r.agency FROM tthc.receive('000.00.12.H30', '1.001234', 'Phạm Thị D') r;
CREATE ROLE regress_sec_officer_a IN ROLE tthc_officer;
-- a group role mapped to agency B, and an officer who is a member of it
CREATE ROLE regress_sec_desk_b IN ROLE tthc_officer;
CREATE ROLE regress_sec_officer_b IN ROLE regress_sec_desk_b;
CREATE ROLE regress_sec_analyst IN ROLE tthc_analyst;
CREATE ROLE regress_sec_notifier IN ROLE tthc_notifier;
CREATE ROLE regress_sec_admin IN ROLE tthc_admin;
CREATE ROLE regress_sec_officer_all IN ROLE tthc_officer;
CREATE ROLE regress_sec_nobody;
CREATE ROLE regress_sec_replicator IN ROLE tthc_replication;

SELECT m.role, m.action, pg_temp.as_role(m.role, m.q) AS result
FROM (VALUES
	-- the administrator maps the officers, changes the catalogue and the calendars, runs the jobs
	(1, 'regress_sec_admin', 'map officer A to agency A',
		$$INSERT INTO tthc.officer_agency (member, agency) VALUES ('regress_sec_officer_a', '000.00.12.H30') RETURNING agency$$),
	(2, 'regress_sec_admin', 'map the group desk B to agency B',
		$$INSERT INTO tthc.officer_agency (member, agency) VALUES ('regress_sec_desk_b', '000.00.14.H30') RETURNING agency$$),
	(3, 'regress_sec_admin', 'add an agency',
		$$INSERT INTO tthc.agency (code, name, parent) VALUES ('000.00.15.H30', 'Sở Xây dựng tỉnh Hải Dương', '000.00.00.H30') RETURNING code$$),
	(4, 'regress_sec_admin', 'add a day off (re-projects as the owner)',
		$$INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi, name_en) VALUES ('national', '2026-12-30', 'local_off', 'Nghỉ', 'Off') RETURNING day$$),
	(5, 'regress_sec_admin', 'sweep', $$SELECT (tthc.sweep()).overdue$$),
	(6, 'regress_sec_admin', 'read the health report', $$SELECT count(*) > 0 FROM tthc.health$$),
	(7, 'regress_sec_admin', 'receive a dossier', $$SELECT code FROM tthc.receive('000.00.12.H30', '1.001234', 'X')$$),
	(8, 'regress_sec_admin', 'read dossiers', $$SELECT count(*) FROM tthc.dossier$$),
	(9, 'regress_sec_admin', 'run the report', $$SELECT count(*) FROM tthc.report('2026-03-01', '2026-03-31')$$),
	-- officer A: its agency's dossiers
	(10, 'regress_sec_officer_a', 'receive at agency A', $$SELECT code FROM tthc.receive('000.00.12.H30', '1.001234', 'Đỗ Văn E')$$),
	(11, 'regress_sec_officer_a', 'receive at agency B', $$SELECT code FROM tthc.receive('000.00.14.H30', '1.001234', 'X')$$),
	(12, 'regress_sec_officer_a', 'start processing dossier 2 (A)', $$SELECT status FROM tthc.start_processing(2)$$),
	(13, 'regress_sec_officer_a', 'start processing dossier 3 (B)', $$SELECT status FROM tthc.start_processing(3)$$),
	(14, 'regress_sec_officer_a', 'complete step 1 of dossier 2', $$SELECT outcome FROM tthc.complete_step(2, 1)$$),
	(15, 'regress_sec_officer_a', 'complete step 1 of dossier 3', $$SELECT outcome FROM tthc.complete_step(3, 1)$$),
	(16, 'regress_sec_officer_a', 'issue Form 01 again for dossier 2', $$SELECT form FROM tthc.issue_letter(2, '01')$$),
	(17, 'regress_sec_officer_a', 'issue Form 01 again for dossier 3', $$SELECT form FROM tthc.issue_letter(3, '01')$$),
	(18, 'regress_sec_officer_a', 'forward dossier 4 to agency B', $$SELECT processing_agency FROM tthc.forward(4, '000.00.14.H30')$$),
	(19, 'regress_sec_officer_a', 'dossiers it reads', $$SELECT string_agg(id::text, ',' ORDER BY id) FROM tthc.dossier$$),
	(20, 'regress_sec_officer_a', 'dossiers of the history it reads', $$SELECT string_agg(DISTINCT dossier::text, ',') FROM tthc.dossier_event$$),
	(21, 'regress_sec_officer_a', 'dossiers of the letters it reads', $$SELECT string_agg(DISTINCT dossier::text, ',') FROM tthc.letter$$),
	(22, 'regress_sec_officer_a', 'dossiers of the steps it reads', $$SELECT string_agg(DISTINCT dossier::text, ',') FROM tthc.dossier_step$$),
	(23, 'regress_sec_officer_a', 'open dossiers it reads', $$SELECT string_agg(id::text, ',' ORDER BY id) FROM tthc.open_dossier$$),
	(24, 'regress_sec_officer_a', 'correct the phone of dossier 2', $$WITH u AS (UPDATE tthc.dossier SET applicant_phone = '0911111111' WHERE id = 2 RETURNING 1) SELECT count(*) FROM u$$),
	(25, 'regress_sec_officer_a', 'correct the phone of dossier 3', $$WITH u AS (UPDATE tthc.dossier SET applicant_phone = '0911111111' WHERE id = 3 RETURNING 1) SELECT count(*) FROM u$$),
	(26, 'regress_sec_officer_a', 'set the status of dossier 2', $$UPDATE tthc.dossier SET status = 9 WHERE id = 2$$),
	(27, 'regress_sec_officer_a', 'read the outbox', $$SELECT count(*) FROM tthc.outbox$$),
	(28, 'regress_sec_officer_a', 'run the report', $$SELECT count(*) FROM tthc.report('2026-03-01', '2026-03-31')$$),
	(29, 'regress_sec_officer_a', 'change the catalogue', $$UPDATE tthc.agency SET name = 'X'$$),
	(30, 'regress_sec_officer_a', 'map itself to every agency', $$INSERT INTO tthc.officer_agency (member) VALUES ('regress_sec_officer_a')$$),
	(31, 'regress_sec_officer_a', 'sweep', $$SELECT tthc.sweep()$$),
	-- officer B, through its group: agency B, the forwarded dossier 4, and step 2 of dossier 2
	(32, 'regress_sec_officer_b', 'dossiers it reads', $$SELECT string_agg(id::text, ',' ORDER BY id) FROM tthc.dossier$$),
	(33, 'regress_sec_officer_b', 'steps it reads', $$SELECT string_agg(dossier || '/' || step, ',' ORDER BY dossier, step) FROM tthc.dossier_step$$),
	(34, 'regress_sec_officer_b', 'complete step 2 of dossier 2 (its step)', $$SELECT outcome FROM tthc.complete_step(2, 2)$$),
	(35, 'regress_sec_officer_b', 'complete step 3 of dossier 2', $$SELECT outcome FROM tthc.complete_step(2, 3)$$),
	(36, 'regress_sec_officer_b', 'finish the forwarded dossier 4', $$SELECT status FROM tthc.finish(4)$$),
	(37, 'regress_sec_officer_b', 'start processing dossier 2 (A)', $$SELECT status FROM tthc.start_processing(2)$$),
	-- the analyst: reports and scores, no personal data
	(38, 'regress_sec_analyst', 'run the report', $$SELECT sum(received) FROM tthc.report('2026-03-01', '2026-03-31')$$),
	(39, 'regress_sec_analyst', 'read the scores', $$SELECT string_agg(dossier || ':' || index1, ',') FROM tthc.dossier_score$$),
	(40, 'regress_sec_analyst', 'read every dossier''s status', $$SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM tthc.dossier$$),
	(41, 'regress_sec_analyst', 'read the applicant names', $$SELECT count(applicant_name) FROM tthc.dossier$$),
	(42, 'regress_sec_analyst', 'read whole dossier rows', $$SELECT count(*) FROM (SELECT * FROM tthc.dossier) x$$),
	(43, 'regress_sec_analyst', 'read the open dossiers', $$SELECT count(*) FROM tthc.open_dossier$$),
	(44, 'regress_sec_analyst', 'read the letters', $$SELECT count(*) FROM tthc.letter$$),
	(45, 'regress_sec_analyst', 'read the history', $$SELECT count(*) FROM tthc.dossier_event$$),
	(46, 'regress_sec_analyst', 'read the apology check', $$SELECT count(*) FROM tthc.apology_check$$),
	(47, 'regress_sec_analyst', 'receive a dossier', $$SELECT code FROM tthc.receive('000.00.12.H30', '1.001234', 'X')$$),
	-- the notification sender: the outbox and the contacts it needs
	(48, 'regress_sec_notifier', 'read unsent rows with their contacts', $$SELECT count(*) FILTER (WHERE applicant_phone IS NOT NULL) || '/' || count(*) FROM tthc.notifier_outbox WHERE sent_at IS NULL$$),
	(49, 'regress_sec_notifier', 'lock and mark rows sent', $$WITH l AS (SELECT id FROM tthc.outbox WHERE sent_at IS NULL ORDER BY id LIMIT 3 FOR UPDATE SKIP LOCKED), u AS (UPDATE tthc.outbox o SET sent_at = now() FROM l WHERE o.id = l.id RETURNING 1) SELECT count(*) FROM u$$),
	(50, 'regress_sec_notifier', 'change a payload', $$UPDATE tthc.outbox SET payload = '{}' WHERE id = 1$$),
	(51, 'regress_sec_notifier', 'delete a row', $$DELETE FROM tthc.outbox WHERE id = 1$$),
	(52, 'regress_sec_notifier', 'read dossiers', $$SELECT count(*) FROM tthc.dossier$$),
	(53, 'regress_sec_notifier', 'run the report', $$SELECT count(*) FROM tthc.report('2026-03-01', '2026-03-31')$$),
	(54, 'regress_sec_notifier', 'receive a dossier', $$SELECT code FROM tthc.receive('000.00.12.H30', '1.001234', 'X')$$),
	-- a role with no tthc role
	(55, 'regress_sec_nobody', 'its agencies', $$SELECT tthc._caller_agencies()::text$$),
	(56, 'regress_sec_nobody', 'receive a dossier', $$SELECT code FROM tthc.receive('000.00.12.H30', '1.001234', 'X')$$),
	(57, 'regress_sec_nobody', 'read dossiers', $$SELECT count(*) FROM tthc.dossier$$),
	(58, 'regress_sec_nobody', 'read the outbox', $$SELECT count(*) FROM tthc.outbox$$),
	(59, 'regress_sec_nobody', 'run the report', $$SELECT count(*) FROM tthc.report('2026-03-01', '2026-03-31')$$),
	(60, 'regress_sec_nobody', 'change the catalogue', $$DELETE FROM tthc.agency$$),
	-- a subscription's connection: what the publications carry, the whole status feed included
	(61, 'regress_sec_replicator', 'read the status feed', $$SELECT count(*) FROM tthc.dossier_status$$),
	(62, 'regress_sec_replicator', 'read the rollups and agencies', $$SELECT (SELECT count(*) FROM tthc.rollup) >= 0 AND (SELECT count(*) FROM tthc.agency) > 0$$),
	(63, 'regress_sec_replicator', 'read dossiers', $$SELECT count(*) FROM tthc.dossier$$),
	(64, 'regress_sec_replicator', 'read the outbox', $$SELECT count(*) FROM tthc.outbox$$)
) m(n, role, action, q)
ORDER BY m.n;
-- an officer mapped to every agency (agency NULL) reads and moves them all
INSERT INTO tthc.officer_agency (member, agency) VALUES ('regress_sec_officer_all', NULL);
SELECT pg_temp.as_role('regress_sec_officer_all', $$SELECT string_agg(id::text, ',' ORDER BY id) FROM tthc.dossier$$) AS every_agency,
	pg_temp.as_role('regress_sec_officer_all', $$SELECT status FROM tthc.start_processing(3)$$) AS moves_b;
-- what the officers did is in the history, which verifies
SELECT d.id, d.status, d.processing_agency, (tthc.verify_history(d.id)).valid FROM tthc.dossier d ORDER BY d.id;

-- (c) A role over-granted TRIGGER on the outbox plants a trigger that tries to become superuser.
CREATE ROLE regress_sec_mallory;
GRANT CREATE ON SCHEMA public TO regress_sec_mallory;
-- (a trigger on a partitioned table is created on each partition too: the grant covers them)
GRANT TRIGGER ON tthc.outbox, tthc.outbox_default TO regress_sec_mallory;
CREATE TABLE public.mallory_log (seq serial, who name, superuser boolean, attempt text, result text);
GRANT INSERT ON public.mallory_log TO PUBLIC;
GRANT USAGE ON SEQUENCE public.mallory_log_seq_seq TO PUBLIC;
SET ROLE regress_sec_mallory;
CREATE FUNCTION public.mallory() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
	a text;
	r text;
BEGIN
	FOREACH a IN ARRAY ARRAY['ALTER ROLE regress_sec_mallory SUPERUSER',
		'SELECT count(*) FROM pg_catalog.pg_authid',
		$$SELECT pg_catalog.pg_read_file('postgresql.conf')$$,
		$$ALTER TABLE tthc.agency ALTER COLUMN short_name SET DEFAULT 'x'$$,
		'CREATE TRIGGER mallory_again AFTER INSERT ON tthc.dossier FOR EACH ROW EXECUTE FUNCTION public.mallory()',
		'SELECT count(*) FROM tthc.dossier'] LOOP
		BEGIN
			EXECUTE a;
			r := 'done';
		EXCEPTION WHEN others THEN
			r := SQLSTATE || ': ' || SQLERRM;
		END;
		INSERT INTO public.mallory_log (who, superuser, attempt, result)
		SELECT current_user, x.rolsuper, a, r FROM pg_catalog.pg_roles x WHERE x.rolname = current_user;
	END LOOP;
	RETURN NULL;
END $f$;
-- the guard refuses the trigger, whoever asks
SELECT pg_temp.err($$CREATE TRIGGER mallory AFTER INSERT ON tthc.outbox FOR EACH ROW EXECUTE FUNCTION public.mallory()$$);
RESET ROLE;
SELECT pg_temp.err($$CREATE TRIGGER mallory AFTER INSERT ON tthc.outbox FOR EACH ROW EXECUTE FUNCTION public.mallory()$$) AS as_superuser;
-- with the guard off (a superuser's doing), the trigger is planted ...
ALTER EVENT TRIGGER tthc_ddl_guard DISABLE;
SET ROLE regress_sec_mallory;
CREATE TRIGGER mallory AFTER INSERT ON tthc.outbox FOR EACH ROW EXECUTE FUNCTION public.mallory();
RESET ROLE;
ALTER EVENT TRIGGER tthc_ddl_guard ENABLE;
-- ... and fires inside tthc.receive called by an officer: as tthc_owner, which is no superuser
SELECT pg_temp.as_role('regress_sec_officer_a', $$SELECT code FROM tthc.receive('000.00.12.H30', '1.001234', 'Vũ Thị G')$$) AS received;
SELECT who, superuser, attempt, result FROM public.mallory_log ORDER BY seq;
SELECT rolsuper AS mallory_is_superuser FROM pg_roles WHERE rolname = 'regress_sec_mallory';
SELECT count(*) AS planted_on_dossier FROM pg_trigger WHERE tgname = 'mallory_again';
SELECT atthasdef AS agency_short_name_default FROM pg_attribute WHERE attrelid = 'tthc.agency'::regclass AND attname = 'short_name';

-- clean up
DROP TRIGGER mallory ON tthc.outbox;
DROP TABLE public.mallory_log;
DROP FUNCTION public.mallory();
REVOKE ALL ON SCHEMA public FROM regress_sec_mallory;
REVOKE ALL ON tthc.outbox, tthc.outbox_default FROM regress_sec_mallory;
RESET tthc.now;
DROP ROLE regress_sec_mallory, regress_sec_officer_a, regress_sec_officer_b, regress_sec_desk_b,
	regress_sec_officer_all, regress_sec_analyst, regress_sec_notifier, regress_sec_admin, regress_sec_nobody,
	regress_sec_replicator;
