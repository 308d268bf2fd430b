-- The periodic jobs on pg_cron, the morning digest, the clean-up and the health report.  Dates are
-- worked out by hand on the national calendar (Monday to Friday, work ends at 17:00; Tết 2026 is
-- 16-20 February).  All but the first part run in one transaction that is rolled back, so that
-- pg_cron's scheduler never sees the jobs and no run of them can happen during the test.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;

-- 1. Without pg_cron, in a database of its own: both job functions fail with 55000 and say how to
-- get it; the health report says it is missing; the digest and the clean-up work without it.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_jobs_without_cron;
RESET client_min_messages;
CREATE DATABASE tthc_jobs_without_cron;
\c tthc_jobs_without_cron
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
-- the error of a statement, with its SQLSTATE and hint
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' HINT: ' || nullif(h, ''), ''); END $$;
SELECT pg_temp.err('SELECT * FROM tthc.schedule_jobs()');
SELECT pg_temp.err('SELECT tthc.unschedule_jobs()');
SELECT item, subject, state, value, detail FROM tthc.health WHERE item IN ('pg_cron', 'job');
SELECT tthc.digest() AS digest_rows, * FROM tthc.cleanup();
\c :regress_db
DROP DATABASE tthc_jobs_without_cron;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' HINT: ' || nullif(h, ''), ''); END $$;

-- 2. Dossiers for the digest and the health report, on the test clock.  From here on, one
-- transaction rolled back at the end: the other tests find the database as it was.
SELECT d.last_value AS dossier_last, d.is_called AS dossier_called,
	o.last_value AS outbox_last, o.is_called AS outbox_called
FROM tthc.dossier_id_seq d, tthc.outbox_id_seq o \gset seq_
BEGIN;
SET tthc.now = '2026-03-17 08:00+07';
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.00.H33', 'Ủy ban nhân dân tỉnh Hưng Yên', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent) VALUES
	('000.00.12.H33', 'Sở Tư pháp tỉnh Hưng Yên', 'STP', '000.00.00.H33'),
	('000.00.15.H33', 'Sở Tài nguyên và Môi trường tỉnh Hưng Yên', 'STNMT', '000.00.00.H33');
INSERT INTO tthc.procedure (code, name, level) VALUES
	('1.001235', 'Cấp Phiếu lý lịch tư pháp số 1', 'province'),
	('1.004227', 'Đăng ký biến động đất đai', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES
	('1.001235', 1, '2020-01-01', '10 ngày làm việc'),
	('1.004227', 1, '2020-01-01', '25 ngày làm việc');
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
	('000.00.12.H33', '1.001235'), ('000.00.12.H33', '1.004227'), ('000.00.15.H33', '1.004227');
CREATE FUNCTION pg_temp.desk(at timestamptz, proc text DEFAULT '1.001235') RETURNS bigint LANGUAGE sql AS $$
	SELECT (tthc.start_processing((tthc.receive('000.00.12.H33', proc, 'Nguyễn Văn An', channel => 'desk',
		received_at => at)).id, happened_at => at)).id $$;
-- late: received Monday 03-02 09:00, legal due Monday 03-16 17:00 (10 working days), never
-- re-scheduled; the last lawful moment to apologise was the end of Friday 03-13
SELECT pg_temp.desk('2026-03-02 09:00') AS late \gset
-- late too, but re-scheduled in time on 03-12 (the apology was made)
SELECT pg_temp.desk('2026-03-02 09:30') AS apologised \gset
SELECT extended FROM tthc.extend(:apologised, reason => 'Chờ ý kiến cơ quan phối hợp',
	by => '3 ngày làm việc', happened_at => '2026-03-12 10:00');
-- received Monday 03-09: legal due Monday 03-23 17:00, apology by the end of Friday 03-20
SELECT pg_temp.desk('2026-03-09 09:00') AS later \gset
-- 25 working days from Thursday 02-05 across Tết (02-16..20 off): 02-06 (1), 02-09..13 (6),
-- 02-23..27 (11), 03-02..06 (16), 03-09..13 (21), 03-16..19 (25): due Thursday 03-19 17:00,
-- apology by the end of Wednesday 03-18; forwarded to the agency that processes it
SELECT pg_temp.desk('2026-02-05 09:00', '1.004227') AS forwarded \gset
SELECT processing_agency FROM tthc.forward(:forwarded, '000.00.15.H33', happened_at => '2026-02-06 09:00');
-- finished in time: its clock stopped, in no count
SELECT pg_temp.desk('2026-03-03 09:00') AS done \gset
SELECT finish_outcome FROM tthc.finish(:done, happened_at => '2026-03-10 09:00');
SELECT id = :late AS late, id = :forwarded AS forwarded, clock, extended, legal_due_at,
	tthc.apology_deadline(legal_due_at, calendar) AS apologise_by
FROM tthc.dossier ORDER BY id;

-- 3. The digest: one outbox row per processing agency with something to report.  At Friday 03-13
-- 08:00 with a day's lead, the late dossier's last lawful moment (03-13 17:00) is near: due soon.
SELECT tthc.digest('2026-03-13 08:00', '1 day') AS digest_rows;
-- At Tuesday 03-17 08:00 both dossiers of 03-02 are overdue, one without an apology; with two days'
-- lead the forwarded dossier (apology by 03-18 17:00) is due soon at its processing agency.
SELECT tthc.digest() AS digest_rows;
SELECT tthc.digest(lead => '2 days') AS digest_rows;
SELECT dossier, agency, event, status, payload FROM tthc.outbox WHERE event = 'digest' ORDER BY id;
-- nothing to report: no row
SELECT tthc.digest('2026-01-05 08:00') AS digest_rows;
-- bad arguments
SELECT pg_temp.err($$SELECT tthc.digest(NULL)$$);
SELECT pg_temp.err($$SELECT tthc.digest(lead => NULL)$$);
SELECT pg_temp.err($$SELECT tthc.digest('infinity')$$);
SELECT pg_temp.err($$SELECT tthc.digest(lead => '-1 hour')$$);
SELECT pg_temp.err($$SELECT tthc.digest(lead => '32 days')$$);

-- 4. The clean-up deletes outbox rows sent longer ago than the retention, and only those
UPDATE tthc.outbox SET sent_at = '2026-02-01 10:00' WHERE event = 'digest' AND payload->>'at' < '2026-03-14';
UPDATE tthc.outbox SET sent_at = '2026-03-16 10:00' WHERE event = 'digest' AND payload->>'at' > '2026-03-14';
SELECT count(*) FILTER (WHERE sent_at IS NULL) AS unsent, count(sent_at) AS sent FROM tthc.outbox;
SELECT * FROM tthc.cleanup();
SELECT count(*) FILTER (WHERE sent_at IS NULL) AS unsent, count(sent_at) AS sent FROM tthc.outbox;
SELECT * FROM tthc.cleanup('0', '0');
SELECT pg_temp.err($$SELECT tthc.cleanup('-1 day')$$);
SELECT pg_temp.err($$SELECT tthc.cleanup(run_retention => NULL)$$);

-- 5. The health report without jobs: pg_cron is not created in this database yet
SELECT item, subject, state, value, at, detail FROM tthc.health WHERE item <> 'outbox';
SELECT item, state, value::int > 0 AS waiting, at IS NOT NULL AS oldest FROM tthc.health WHERE item = 'outbox';
-- in December, next year's missing notice becomes a warning
SET tthc.now = '2026-12-01 08:00+07';
SELECT subject, state, value FROM tthc.health WHERE item = 'holiday_notice';
RESET tthc.now;

-- 6. With pg_cron: installation, idempotence, removal, roles and rights
SET client_min_messages = warning;
CREATE EXTENSION pg_cron;
RESET client_min_messages;
SET LOCAL tthc.now = '2026-03-17 08:00+07';
-- a job of somebody else's, which tthc must leave alone
SELECT cron.schedule('nightly-vacuum', '0 3 * * *', 'VACUUM') > 0 AS foreign_job;
-- the standard jobs: 07:30, 00:30 and 02:00 in Ho Chi Minh City (UTC+7) are 00:30, 17:30 and
-- 19:00 GMT
SELECT job, schedule, command FROM tthc.schedule_jobs();
SELECT jobname, schedule, command, username, active FROM cron.job ORDER BY jobname;
SELECT count(*) AS jobs_here FROM cron.job WHERE jobname LIKE 'tthc-%' AND database = current_database();
CREATE TEMP TABLE first_ids AS SELECT jobid, jobname FROM cron.job;
-- the jobs' role: it can log in (pg_cron 1.4 runs jobs only as such roles), and nothing more than
-- executing the jobs' functions
SELECT rolname, rolcanlogin, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolbypassrls
FROM pg_roles WHERE rolname = 'tthc_jobs';
SELECT p.oid::regprocedure AS granted_to_jobs FROM pg_proc p
WHERE p.pronamespace = 'tthc'::regnamespace AND p.proacl::text LIKE '%tthc_jobs=X%' ORDER BY 1;
SELECT has_table_privilege('tthc_jobs', 'tthc.dossier', 'SELECT') AS read_dossiers,
	has_table_privilege('tthc_jobs', 'tthc.outbox', 'DELETE') AS delete_outbox,
	has_function_privilege('tthc_jobs', 'tthc.transition(bigint,text,integer,text,timestamptz,timestamptz,text,tthc.term,text,tthc.result)', 'EXECUTE') AS transition,
	has_function_privilege('tthc_jobs', 'tthc.schedule_jobs(int,time,time,time,text,interval,interval,interval,name)', 'EXECUTE') AS schedule,
	has_schema_privilege('tthc_jobs', 'cron', 'USAGE') AS cron_schema;
-- again, with other times: the same jobs, replaced in place (same ids), nothing added
SELECT job, schedule, command FROM tthc.schedule_jobs(sweep_every => 10, digest_at => '08:15',
	time_zone => 'Asia/Bangkok', digest_lead => '2 days', outbox_retention => '90 days');
SELECT j.jobname, j.jobid = f.jobid AS same_id, j.schedule, j.command
FROM cron.job j LEFT JOIN first_ids f USING (jobname) ORDER BY 1;
-- under another role: the jobs move to it, the old role's jobs go
SELECT count(*) AS jobs FROM tthc.schedule_jobs(run_as => 'tthc_jobs_b');
SELECT jobname, username FROM cron.job ORDER BY jobname;
SELECT count(*) AS jobs FROM tthc.schedule_jobs();

-- the health report: every job, not run yet; then a failed run, a successful run, a paused job
SELECT item, subject, state, value, at, detail FROM tthc.health WHERE item IN ('pg_cron', 'job');
INSERT INTO cron.job_run_details (jobid, database, username, command, status, return_message, start_time, end_time)
SELECT jobid, database, username, command, s, m, t, t + interval '1 second'
FROM cron.job, (VALUES ('succeeded', 'SELECT 1', timestamptz '2026-01-10 07:30+07'),
	('failed', 'ERROR:  function tthc.sweep() does not exist', '2026-03-17 07:55+07')) AS r(s, m, t)
WHERE jobname = 'tthc-sweep';
INSERT INTO cron.job_run_details (jobid, database, username, command, status, return_message, start_time, end_time)
SELECT jobid, database, username, command, 'succeeded', 'SELECT 1', t, t + interval '1 second'
FROM cron.job, (VALUES (timestamptz '2026-01-10 07:30+07'), ('2026-03-17 07:30+07')) AS r(t)
WHERE jobname IN ('tthc-digest', 'nightly-vacuum');
SELECT cron.alter_job(jobid, active => false) FROM cron.job WHERE jobname = 'tthc-checkpoint';
SELECT item, subject, state, value, at, detail FROM tthc.health WHERE item = 'job';
-- the clean-up deletes the old runs of tthc's jobs only
SELECT * FROM tthc.cleanup();
SELECT j.jobname, r.start_time FROM cron.job_run_details r JOIN cron.job j USING (jobid) ORDER BY 1, 2;

-- only superusers, or a role granted EXECUTE, may schedule, remove and read the report
CREATE ROLE tthc_jobs_dba;
SET LOCAL ROLE tthc_jobs_dba;
SELECT pg_temp.err('SELECT * FROM tthc.schedule_jobs()');
SELECT pg_temp.err('SELECT tthc.unschedule_jobs()');
SELECT pg_temp.err('SELECT * FROM tthc.health');
SELECT pg_temp.err('SELECT tthc.digest()');
SELECT pg_temp.err('SELECT * FROM tthc.cleanup()');
RESET ROLE;
GRANT EXECUTE ON FUNCTION tthc.schedule_jobs(int, time, time, time, text, interval, interval, interval, name),
	tthc.unschedule_jobs(), tthc.health() TO tthc_jobs_dba;
GRANT SELECT ON tthc.health TO tthc_jobs_dba;
SET LOCAL ROLE tthc_jobs_dba;
SELECT count(*) AS jobs FROM tthc.schedule_jobs();
SELECT count(*) AS job_rows FROM tthc.health WHERE item = 'job';
RESET ROLE;

-- bad arguments
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(sweep_every => 0)$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(sweep_every => 60)$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(sweep_every => NULL)$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(time_zone => 'Asia/Hanoi')$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(digest_at => '07:30:15')$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(checkpoint_at => NULL)$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(digest_lead => '-1 day')$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(outbox_retention => '-1 day')$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(run_as => NULL)$$);
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(run_as => current_user)$$);
CREATE ROLE tthc_jobs_nologin NOLOGIN;
SELECT pg_temp.err($$SELECT tthc.schedule_jobs(run_as => 'tthc_jobs_nologin')$$);
-- none of them changed the jobs
SELECT jobname, schedule, username FROM cron.job ORDER BY jobname;

-- removal: exactly tthc's jobs, and how many
SELECT tthc.unschedule_jobs() AS removed;
SELECT jobname FROM cron.job ORDER BY jobname;
SELECT tthc.unschedule_jobs() AS removed;
ROLLBACK;
-- sequences do not roll back: give the later tests the ids they would have had
SELECT setval('tthc.dossier_id_seq', :seq_dossier_last, :'seq_dossier_called') IS NOT NULL AS dossier_ids,
	setval('tthc.outbox_id_seq', :seq_outbox_last, :'seq_outbox_called') IS NOT NULL AS outbox_ids;
SELECT count(*) AS roles_left FROM pg_roles WHERE rolname LIKE 'tthc\_jobs%';
