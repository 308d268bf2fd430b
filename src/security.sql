-- security.sql: who may do what.  The roles tthc works with, the owner of the data, row-level
-- security on the dossier tables, what analysts and the notification sender may read, and a guard
-- against triggers planted on tthc's tables.  Last in the install script: it hands the ownership of
-- every object before it to tthc_owner.  doc/security.md describes the model; the relation names
-- are qualified everywhere, because a temporary table is found before pg_catalog's while this
-- script runs.

-- The roles, created when missing (roles belong to the cluster: a second database and DROP
-- EXTENSION leave them; doc/security.md).  tthc_owner owns the data and runs the SECURITY DEFINER
-- functions: no login, no superuser, no member, so that code running as it (a trigger planted on a
-- table, say) gets no more than the data.
DO $$
DECLARE
	r record;
BEGIN
	SELECT * INTO r FROM pg_catalog.pg_roles x WHERE x.rolname = 'tthc_owner';
	IF NOT FOUND THEN
		CREATE ROLE tthc_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
		COMMENT ON ROLE tthc_owner IS 'owns tthc''s data and runs its SECURITY DEFINER functions; never log in as it, never grant it';
	ELSIF r.rolsuper OR r.rolcanlogin OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
		  OR EXISTS (SELECT FROM pg_catalog.pg_auth_members m WHERE m.roleid = r.oid) THEN
		RAISE EXCEPTION 'role "tthc_owner" has more rights than tthc''s owner may have'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'It can log in, is a superuser, may create roles or databases, replicate or bypass row security, or has members.',
				  HINT = 'ALTER ROLE tthc_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS and revoke it from its members, or drop it.';
	END IF;
	FOR r IN SELECT * FROM (VALUES
		('tthc_admin', 'tthc: the catalogue, the calendars and the jobs'),
		('tthc_officer', 'tthc: dossier work at the agencies tthc.officer_agency maps the officer to'),
		('tthc_analyst', 'tthc: the reports, without personal data'),
		('tthc_notifier', 'tthc: reads and marks the outbox, with the contact details it needs'),
		('tthc_replication', 'tthc: reads what tthc.province_publish and tthc.nation_publish publish (a subscription''s connection)')) v(name, note)
	LOOP
		IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles x WHERE x.rolname = r.name) THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r.name);
			EXECUTE pg_catalog.format('COMMENT ON ROLE %I IS %L', r.name, r.note);
		END IF;
	END LOOP;
END
$$;

-- The report reads every agency's dossiers and gives figures without personal data: it runs as the
-- owner, so that analysts need no grant on the dossier tables; it is theirs, not everybody's.
ALTER FUNCTION tthc.report(date, date, text) SECURITY DEFINER;
REVOKE EXECUTE ON FUNCTION tthc.report(date, date, text) FROM PUBLIC;
ALTER FUNCTION tthc.report_html(date, date) SECURITY DEFINER;
REVOKE EXECUTE ON FUNCTION tthc.report_html(date, date) FROM PUBLIC;
-- Officers read the check through their own rights (row-level security below).
ALTER VIEW tthc.apology_check SET (security_invoker = true);

-- What the notification sender reads: the outbox row and the contact details of its dossier.  It
-- runs as the owner, so the sender reads no other column of tthc.dossier.
CREATE VIEW tthc.notifier_outbox AS
SELECT o.id, o.dossier, o.agency, o.event, o.status, o.payload, o.created_at, o.sent_at,
	d.code, d.processing_agency, d.applicant_name, d.applicant_phone, d.applicant_email
FROM tthc.outbox o
LEFT JOIN tthc.dossier d ON d.id = o.dossier;
COMMENT ON VIEW tthc.notifier_outbox IS
	'the outbox rows with the dossier code and the applicant''s name, phone and e-mail, for the notification sender (tthc_notifier)';

-- Triggers on tthc's tables are created by the extension's scripts only: a trigger runs as whoever
-- writes the table, tthc_owner inside the API.  Other changes of tthc's tables, policies and
-- rules (column defaults, checks, policies: code that others then run) are refused to every role
-- but superusers.
CREATE FUNCTION tthc._ddl_guard()
RETURNS event_trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT x.*, coalesce(x.schema_name, (SELECT n.nspname FROM pg_trigger t
				JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace
				WHERE x.classid = 'pg_trigger'::regclass AND t.oid = x.objid)) AS schema
			 FROM pg_event_trigger_ddl_commands() x LOOP
		-- a trigger has no schema of its own: its table's
		CONTINUE WHEN c.in_extension OR c.schema IS DISTINCT FROM 'tthc';
		IF c.command_tag = 'CREATE TRIGGER' THEN
			RAISE EXCEPTION 'triggers on tthc''s tables are created by the extension only: %', c.object_identity
				USING ERRCODE = 'insufficient_privilege',
					  DETAIL = 'A trigger on a tthc table runs inside tthc''s functions with the rights of the role that owns the data.',
					  HINT = 'Read the outbox, or LISTEN tthc_dossier, instead (doc/security.md).';
		ELSIF NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.oid = current_user::regrole) THEN
			RAISE EXCEPTION 'only a superuser may change tthc''s objects: %', c.object_identity
				USING ERRCODE = 'insufficient_privilege',
					  DETAIL = format('%s by role "%s" outside the extension''s scripts.', c.command_tag, current_user),
					  HINT = 'tthc''s tables are changed by ALTER EXTENSION tthc UPDATE (doc/security.md).';
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION tthc._ddl_guard() IS
	'internal: refuses triggers on tthc''s tables outside the extension''s scripts, and changes of its tables, policies and rules by roles that are not superusers';
REVOKE ALL ON FUNCTION tthc._ddl_guard() FROM PUBLIC;
CREATE EVENT TRIGGER tthc_ddl_guard ON ddl_command_end
	WHEN TAG IN ('CREATE TRIGGER', 'ALTER TRIGGER', 'ALTER TABLE', 'CREATE POLICY', 'ALTER POLICY', 'CREATE RULE')
	EXECUTE FUNCTION tthc._ddl_guard();

-- Row-level security: an officer reads the dossiers of the agencies it works for (the receiving
-- agency, or the one a dossier was forwarded to), and their history, steps (also those its agency
-- is responsible for), letters, notices and apology drafts.  The owner, and so tthc's functions,
-- bypass the policies; superusers too.  Each policy reads the caller's agencies once per query (an
-- InitPlan), never a function per row.
ALTER TABLE tthc.dossier ENABLE ROW LEVEL SECURITY;
ALTER TABLE tthc.dossier_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE tthc.dossier_step ENABLE ROW LEVEL SECURITY;
ALTER TABLE tthc.letter ENABLE ROW LEVEL SECURITY;
ALTER TABLE tthc.notice ENABLE ROW LEVEL SECURITY;
ALTER TABLE tthc.apology_draft ENABLE ROW LEVEL SECURITY;
ALTER TABLE tthc.dossier_status ENABLE ROW LEVEL SECURITY;

CREATE POLICY agency_read ON tthc.dossier FOR SELECT
USING (pg_catalog.array_position((SELECT tthc._caller_agencies()), NULL) IS NOT NULL
	OR agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR processing_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[]));
-- officers correct the applicant's phone and e-mail directly (the only columns the guard lets
-- through, and the only ones granted)
CREATE POLICY agency_update ON tthc.dossier FOR UPDATE
USING (pg_catalog.array_position((SELECT tthc._caller_agencies()), NULL) IS NOT NULL
	OR agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR processing_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[]));
-- analysts read the columns without personal data of every dossier (column grants below)
CREATE POLICY analyst_read ON tthc.dossier FOR SELECT TO tthc_analyst USING (true);

-- the rows of a dossier: by the receiving agency they carry, or the dossier forwarded to the caller
CREATE POLICY agency_read ON tthc.dossier_event FOR SELECT
USING (pg_catalog.array_position((SELECT tthc._caller_agencies()), NULL) IS NOT NULL
	OR agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR dossier IN (SELECT d.id FROM tthc.dossier d
		WHERE d.processing_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])));
CREATE POLICY agency_read ON tthc.dossier_step FOR SELECT
USING (pg_catalog.array_position((SELECT tthc._caller_agencies()), NULL) IS NOT NULL
	OR agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR responsible_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR dossier IN (SELECT d.id FROM tthc.dossier d
		WHERE d.processing_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])));
CREATE POLICY analyst_read ON tthc.dossier_step FOR SELECT TO tthc_analyst USING (true);
-- the status feed (nation.sql) as the dossier itself; no personal data, so analysts read it all
CREATE POLICY agency_read ON tthc.dossier_status FOR SELECT
USING (pg_catalog.array_position((SELECT tthc._caller_agencies()), NULL) IS NOT NULL
	OR agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR processing_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[]));
CREATE POLICY analyst_read ON tthc.dossier_status FOR SELECT TO tthc_analyst USING (true);
-- a subscription's first copy reads the table through the policies: the whole feed
CREATE POLICY replication_read ON tthc.dossier_status FOR SELECT TO tthc_replication USING (true);
-- a letter carries the issuing agency: the receiving one, or the one processing a forwarded dossier
CREATE POLICY agency_read ON tthc.letter FOR SELECT
USING (pg_catalog.array_position((SELECT tthc._caller_agencies()), NULL) IS NOT NULL
	OR agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR dossier IN (SELECT d.id FROM tthc.dossier d
		WHERE d.agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
		   OR d.processing_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])));
CREATE POLICY agency_read ON tthc.notice FOR SELECT
USING (pg_catalog.array_position((SELECT tthc._caller_agencies()), NULL) IS NOT NULL
	OR agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR dossier IN (SELECT d.id FROM tthc.dossier d
		WHERE d.processing_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])));
CREATE POLICY agency_read ON tthc.apology_draft FOR SELECT
USING (pg_catalog.array_position((SELECT tthc._caller_agencies()), NULL) IS NOT NULL
	OR agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])
	OR dossier IN (SELECT d.id FROM tthc.dossier d
		WHERE d.processing_agency OPERATOR(pg_catalog.=) ANY ((SELECT tthc._caller_agencies())::text[])));

-- Grants: each role what it needs and nothing more (doc/security.md lists them).
-- The catalogue is public information; every tthc role reads it.
GRANT SELECT ON tthc.agency, tthc.sector, tthc.procedure, tthc.procedure_version, tthc.procedure_step,
	tthc.agency_procedure, tthc.letter_profile TO tthc_admin, tthc_officer, tthc_analyst;

-- The administrator: the catalogue, the calendars (a change re-projects the open dossiers, as the
-- owner), who works where, and the jobs.
GRANT INSERT, UPDATE, DELETE ON tthc.agency, tthc.sector, tthc.procedure, tthc.procedure_version,
	tthc.procedure_step, tthc.agency_procedure, tthc.letter_profile,
	tthc.calendar, tthc.calendar_session, tthc.calendar_day, tthc.holiday_notice, tthc.holiday_notice_day
	TO tthc_admin;
GRANT SELECT, INSERT, UPDATE, DELETE ON tthc.officer_agency TO tthc_admin;
GRANT EXECUTE ON FUNCTION tthc.schedule_jobs(int, time, time, time, text, interval, interval, interval, name),
	tthc.unschedule_jobs(), tthc.health(), tthc.sweep(timestamptz), tthc.digest(timestamptz, interval),
	tthc.cleanup(interval, interval), tthc.checkpoint(date), tthc.verify_checkpoints(bigint),
	tthc.reproject(text, text)
	TO tthc_admin;
GRANT SELECT ON tthc.health TO tthc_admin;
-- the partitions (partition.sql): how they are kept, and their maintenance (it runs as the owner)
GRANT SELECT, INSERT, UPDATE, DELETE ON tthc.partition_policy TO tthc_admin;
GRANT EXECUTE ON FUNCTION tthc.partition_maintain() TO tthc_admin;

-- The officer: the dossier API, and the dossier tables through row-level security.
GRANT EXECUTE ON FUNCTION
	tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text, boolean, tthc.identity_kind),
	tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text, tthc.term, text, tthc.result),
	tthc.complete_step(bigint, int, timestamptz, text, text), tthc.issue_letter(bigint, text)
	TO tthc_officer;
GRANT SELECT ON tthc.dossier, tthc.dossier_event, tthc.dossier_step, tthc.letter, tthc.notice,
	tthc.apology_draft, tthc.signing_key, tthc.open_dossier, tthc.due_soon_dossier, tthc.overdue_dossier,
	tthc.apology_check, tthc.dossier_score, tthc.dossier_step_score, tthc.dossier_status
	TO tthc_officer;
GRANT UPDATE (applicant_phone, applicant_email) ON tthc.dossier TO tthc_officer;

-- The analyst: the report (it runs as the owner), and the per-dossier scores through the columns
-- of tthc.dossier that carry no personal data (granted by tthc._secure_objects(), which names
-- them) and the steps.  No letters, history or outbox: they carry names.
GRANT EXECUTE ON FUNCTION tthc.report(date, date, text), tthc.report_html(date, date) TO tthc_analyst;
-- the rollups up to the minute before a report (rollup.sql); it reads and writes only the rollups
GRANT EXECUTE ON FUNCTION tthc.rollup_refresh() TO tthc_analyst;
GRANT SELECT ON tthc.dossier_step, tthc.dossier_score, tthc.dossier_step_score, tthc.dossier_status
	TO tthc_analyst;

-- The notification sender: the outbox, marked as sent, and the contacts of its dossiers.
GRANT SELECT, UPDATE (sent_at) ON tthc.outbox TO tthc_notifier;
GRANT SELECT ON tthc.notifier_outbox TO tthc_notifier;

-- A subscription's connection role (doc/topology.md): the tables the publications carry, for the
-- first copy; the changes that follow need no privilege but REPLICATION.
GRANT SELECT ON tthc.dossier_status, tthc.rollup_fact, tthc.rollup, tthc.agency, tthc.calendar,
	tthc.calendar_session, tthc.calendar_day, tthc.sector, tthc.procedure, tthc.procedure_version,
	tthc.procedure_step TO tthc_replication;

-- The hand-over, last: every table, sequence and view of the extension and its SECURITY DEFINER
-- functions pass to tthc_owner, so that they run as it; the owner may execute the internal
-- functions they call.  It covers the objects of every module, whatever their names, and every
-- install and upgrade script ends by calling it.  Five functions stay the superuser's, each
-- because it reaches what only a superuser may, and none of them writes a tthc table (a trigger on
-- one would run as the superuser):
--   tthc.schedule_jobs      creates the jobs' role and schedules pg_cron jobs
--   tthc.unschedule_jobs    removes pg_cron jobs
--   tthc.health             reads pg_cron's jobs and their runs
--   tthc._cleanup_job_runs  deletes pg_cron's run history of tthc's jobs (tthc.cleanup calls it)
--   tthc._partition_ddl     creates, attaches and detaches a monthly partition in schema tthc
--                           (tthc.partition_maintain calls it), past the DDL guard
CREATE FUNCTION tthc._secure_objects()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	o record;
	superuser_run constant name[] := '{schedule_jobs, unschedule_jobs, health, _cleanup_job_runs, _partition_ddl}';
	-- of which the owner calls
	owner_calls constant name[] := '{health, _cleanup_job_runs, _partition_ddl}';
BEGIN
	FOR o IN
		SELECT c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) AS name
		FROM pg_depend d
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
		JOIN pg_class c ON c.oid = d.objid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
		  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
		  -- a sequence owned by a column follows its table
		  AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend s WHERE s.classid = 'pg_class'::regclass
				AND s.objid = c.oid AND s.refclassid = 'pg_class'::regclass AND s.deptype IN ('a', 'i')))
		ORDER BY c.oid
	LOOP
		EXECUTE format('ALTER %s %s OWNER TO tthc_owner', CASE o.relkind
			WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
			WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, o.name);
	END LOOP;
	FOR o IN
		SELECT p.oid, p.prosecdef, p.proname, p.prokind,
			format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS name,
			EXISTS (SELECT FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
					WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS public_executes
		FROM pg_depend d
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
		JOIN pg_proc p ON p.oid = d.objid
		JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
		  AND p.proname <> '_secure_objects'
		ORDER BY p.oid
	LOOP
		IF o.prosecdef AND o.proname <> ALL (superuser_run) THEN
			EXECUTE format('ALTER %s %s OWNER TO tthc_owner',
				CASE o.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, o.name);
		ELSIF NOT o.public_executes AND (NOT o.prosecdef OR o.proname = ANY (owner_calls)) THEN
			EXECUTE format('GRANT EXECUTE ON %s %s TO tthc_owner',
				CASE o.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, o.name);
		END IF;
	END LOOP;
	-- analysts: every column of tthc.dossier but the applicant's (applicant_*), new columns included
	EXECUTE (SELECT format('GRANT SELECT (%s) ON tthc.dossier TO tthc_analyst',
				string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum))
			 FROM pg_attribute a
			 WHERE a.attrelid = 'tthc.dossier'::regclass AND a.attnum > 0 AND NOT a.attisdropped
			   AND a.attname NOT LIKE 'applicant\_%');
END
$$;
COMMENT ON FUNCTION tthc._secure_objects() IS
	'internal: hands the extension''s tables, sequences, views and SECURITY DEFINER functions to tthc_owner, lets it execute the internal functions, grants analysts the dossier columns without personal data; the last call of every install and upgrade script';
REVOKE ALL ON FUNCTION tthc._secure_objects() FROM PUBLIC;
SELECT tthc._secure_objects();
