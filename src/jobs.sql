-- jobs.sql: the periodic jobs of tthc on pg_cron, the morning digest, the clean-up of delivered
-- outbox rows and of the jobs' own run history, and the health report for DBAs.
--
-- Decree 61/2018 Art. 19(9): no later than one day before a dossier's due date the processing
-- agency must apologise in writing and propose a new return date.  The digest tells each agency, at
-- the start of its working day, how many dossiers are coming up to that moment and how many are
-- already past their legal due.
--
-- pg_cron is optional: nothing here names its objects outside dynamic SQL, so the extension installs
-- without it, and the functions that need it say so (55000).  pg_cron 1.4 reads schedules in GMT.

-- The prefix of the jobs tthc installs; tthc.unschedule_jobs() removes exactly these.
CREATE FUNCTION tthc._cron_ready()
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron')
	   OR to_regnamespace('cron') IS NULL THEN
		RAISE EXCEPTION 'pg_cron is not installed in database "%"', current_database()
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'tthc''s periodic jobs are scheduled with pg_cron.',
				  HINT = 'Add pg_cron to shared_preload_libraries, set cron.database_name to this database, restart the server, then run CREATE EXTENSION pg_cron.';
	END IF;
END
$$;
COMMENT ON FUNCTION tthc._cron_ready() IS
	'internal: raises 55000 with a hint unless pg_cron is installed in this database';
REVOKE ALL ON FUNCTION tthc._cron_ready() FROM PUBLIC;

-- A daily pg_cron schedule for a local time of day: pg_cron 1.4 reads schedules in GMT.  The offset
-- is the zone's on the given day (Viet Nam has kept UTC+7 since 1975; a zone with summer time
-- would need the jobs scheduled again when its offset changes).
CREATE FUNCTION tthc._cron_daily(local time, time_zone text, day date)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT format('%s %s * * *', extract(minute FROM g)::int, extract(hour FROM g)::int)
FROM (SELECT ((day + local) AT TIME ZONE time_zone) AT TIME ZONE 'UTC' AS g) x
$$;
COMMENT ON FUNCTION tthc._cron_daily(time, text, date) IS
	'internal: the pg_cron schedule (GMT) of a job run every day at a local time in a time zone, with the zone''s offset on a day';
REVOKE ALL ON FUNCTION tthc._cron_daily(time, text, date) FROM PUBLIC;

-- The morning digest: one outbox row per agency that has dossiers due soon or overdue.  The agency
-- is the one processing the dossier, which owes the apology (Decree 61/2018 Art. 19(9)).
CREATE FUNCTION tthc.digest(at timestamptz DEFAULT tthc.now(), lead interval DEFAULT interval '1 day')
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	r record;
	n int := 0;
BEGIN
	IF at IS NULL OR lead IS NULL THEN
		RAISE EXCEPTION 'the digest''s % must not be NULL', CASE WHEN at IS NULL THEN 'instant' ELSE 'lead' END
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT isfinite(at) THEN
		RAISE EXCEPTION 'digest instant % is out of range', at
			USING ERRCODE = 'datetime_field_overflow', HINT = 'Give a finite instant.';
	END IF;
	IF lead < interval '0' OR lead > interval '31 days' THEN
		RAISE EXCEPTION 'invalid digest lead: "%"', lead
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The lead is the time before the last lawful moment to apologise, from 0 to 31 days.';
	END IF;
	FOR r IN
		SELECT coalesce(d.processing_agency, d.agency) AS agency,
			count(*) FILTER (WHERE d.legal_due_at >= at AND NOT d.extended
				AND tthc.apology_deadline(d.legal_due_at, d.calendar) <= at + lead) AS due_soon,
			count(*) FILTER (WHERE d.legal_due_at < at) AS overdue,
			count(*) FILTER (WHERE d.legal_due_at < at AND NOT d.extended) AS overdue_without_apology,
			min(d.legal_due_at) FILTER (WHERE d.legal_due_at < at) AS oldest_due
		FROM tthc.dossier d
		-- the apology deadline is at most a run of days off (Tết: nine) before the legal due: the
		-- bound lets the partial index dossier_running_due serve the scan
		WHERE d.clock = 'running' AND d.legal_due_at < at + lead + interval '31 days'
		GROUP BY 1
		ORDER BY 1
	LOOP
		CONTINUE WHEN r.due_soon = 0 AND r.overdue = 0;
		PERFORM tthc._outbox(0, r.agency, 'digest', 0, jsonb_build_object(
			'event', 'digest', 'agency', r.agency, 'at', at, 'lead', lead,
			'due_soon', r.due_soon, 'overdue', r.overdue,
			'overdue_without_apology', r.overdue_without_apology, 'oldest_due', r.oldest_due));
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;
COMMENT ON FUNCTION tthc.digest(timestamptz, interval) IS
	'writes one outbox row (event digest, dossier 0) per processing agency with its open dossiers due soon (the last lawful moment to apologise within the lead, not extended) and overdue (legal due passed), Decree 61/2018 Art. 19(9); returns the rows written';
REVOKE ALL ON FUNCTION tthc.digest(timestamptz, interval) FROM PUBLIC;

-- The clean-up: delivered outbox rows, failed status look-ups (lookup.sql), and the run history of
-- tthc's own jobs (not of other jobs: they belong to whoever scheduled them).  pg_cron's tables are the superuser's: that part runs as
-- the superuser who created the extension and writes no tthc table (doc/security.md), the rest as
-- the owner of the data.
CREATE FUNCTION tthc._cleanup_job_runs(run_retention interval)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint := 0;
BEGIN
	IF EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_cron') THEN
		EXECUTE $q$
			DELETE FROM cron.job_run_details r
			USING cron.job j
			WHERE j.jobid = r.jobid AND j.jobname LIKE 'tthc-%' AND j.database = current_database()
			  AND coalesce(r.end_time, r.start_time) < $1$q$
		USING tthc.now() - run_retention;
		GET DIAGNOSTICS n = ROW_COUNT;
	END IF;
	RETURN n;
END
$$;
COMMENT ON FUNCTION tthc._cleanup_job_runs(interval) IS
	'internal: deletes pg_cron''s run history of tthc''s jobs of this database older than a retention; returns the rows deleted';
REVOKE ALL ON FUNCTION tthc._cleanup_job_runs(interval) FROM PUBLIC;

CREATE FUNCTION tthc.cleanup(outbox_retention interval DEFAULT interval '30 days',
	run_retention interval DEFAULT interval '30 days', OUT outbox bigint, OUT job_runs bigint)
RETURNS record
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	now_ timestamptz := tthc.now();
BEGIN
	IF outbox_retention IS NULL OR outbox_retention < interval '0'
	   OR run_retention IS NULL OR run_retention < interval '0' THEN
		RAISE EXCEPTION 'invalid retention: "%"',
			CASE WHEN outbox_retention IS NULL OR outbox_retention < interval '0'
				THEN coalesce(outbox_retention::text, 'NULL') ELSE coalesce(run_retention::text, 'NULL') END
			USING ERRCODE = 'invalid_parameter_value', HINT = 'A retention is an interval of 0 or more.';
	END IF;
	DELETE FROM tthc.outbox o WHERE o.sent_at < now_ - outbox_retention;
	GET DIAGNOSTICS outbox = ROW_COUNT;
	-- failed status look-ups (lookup.sql): never those that still lock a code
	DELETE FROM tthc.lookup_attempt a WHERE a.at <= now_ - greatest(run_retention, (tthc.lookup_limits()).failure_window);
	job_runs := tthc._cleanup_job_runs(run_retention);
END
$$;
COMMENT ON FUNCTION tthc.cleanup(interval, interval) IS
	'deletes outbox rows sent more than a retention ago, and pg_cron''s run history of tthc''s jobs and failed status look-ups (tthc.lookup_attempt, kept at least the look-up window) older than a retention; returns the outbox rows and job runs deleted';
REVOKE ALL ON FUNCTION tthc.cleanup(interval, interval) FROM PUBLIC;

-- The standard jobs.  They run as a role of their own that may execute the jobs' functions and
-- nothing else: a job is SQL text that runs unattended every few minutes, so what it can reach
-- should be what it needs.  pg_cron 1.4 runs a job only as a role that can log in.
CREATE FUNCTION tthc.schedule_jobs(sweep_every int DEFAULT 5,
	digest_at time DEFAULT '07:30', checkpoint_at time DEFAULT '00:30',
	cleanup_at time DEFAULT '02:00', time_zone text DEFAULT 'Asia/Ho_Chi_Minh',
	digest_lead interval DEFAULT interval '1 day',
	outbox_retention interval DEFAULT interval '30 days',
	run_retention interval DEFAULT interval '30 days', run_as name DEFAULT 'tthc_jobs',
	OUT job text, OUT jobid bigint, OUT schedule text, OUT command text)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	r pg_roles;
	today date;
	ids bigint[] := '{}';
	f text;
BEGIN
	PERFORM tthc._cron_ready();
	IF sweep_every IS NULL OR sweep_every NOT BETWEEN 1 AND 59 THEN
		RAISE EXCEPTION 'invalid sweep interval: % minutes', coalesce(sweep_every::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value', HINT = 'The sweep runs every 1 to 59 minutes.';
	END IF;
	IF time_zone IS NULL OR NOT EXISTS (SELECT FROM pg_timezone_names z WHERE z.name = time_zone) THEN
		RAISE EXCEPTION 'invalid time zone: "%"', coalesce(time_zone, 'NULL')
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Name a zone of pg_timezone_names, for example Asia/Ho_Chi_Minh.';
	END IF;
	IF digest_at IS NULL OR checkpoint_at IS NULL OR cleanup_at IS NULL
	   OR date_trunc('minute', digest_at) <> digest_at OR date_trunc('minute', checkpoint_at) <> checkpoint_at
	   OR date_trunc('minute', cleanup_at) <> cleanup_at THEN
		RAISE EXCEPTION 'invalid job time: "%"', CASE
			WHEN digest_at IS NULL OR date_trunc('minute', digest_at) <> digest_at THEN coalesce(digest_at::text, 'NULL')
			WHEN checkpoint_at IS NULL OR date_trunc('minute', checkpoint_at) <> checkpoint_at THEN coalesce(checkpoint_at::text, 'NULL')
			ELSE coalesce(cleanup_at::text, 'NULL') END
			USING ERRCODE = 'invalid_parameter_value', HINT = 'pg_cron schedules whole minutes: give a time such as 07:30.';
	END IF;
	-- the functions check their own arguments; check them now rather than at 07:30 tomorrow
	IF digest_lead IS NULL OR digest_lead < interval '0' OR digest_lead > interval '31 days' THEN
		RAISE EXCEPTION 'invalid digest lead: "%"', coalesce(digest_lead::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The lead is the time before the last lawful moment to apologise, from 0 to 31 days.';
	END IF;
	IF outbox_retention IS NULL OR outbox_retention < interval '0'
	   OR run_retention IS NULL OR run_retention < interval '0' THEN
		RAISE EXCEPTION 'invalid retention: "%"',
			CASE WHEN outbox_retention IS NULL OR outbox_retention < interval '0'
				THEN coalesce(outbox_retention::text, 'NULL') ELSE coalesce(run_retention::text, 'NULL') END
			USING ERRCODE = 'invalid_parameter_value', HINT = 'A retention is an interval of 0 or more.';
	END IF;
	IF run_as IS NULL THEN
		RAISE EXCEPTION 'the jobs'' role must not be NULL' USING ERRCODE = 'null_value_not_allowed';
	END IF;

	SELECT * INTO r FROM pg_roles x WHERE x.rolname = run_as;
	IF NOT FOUND THEN
		EXECUTE format('CREATE ROLE %I LOGIN NOINHERIT', run_as);
		EXECUTE format('COMMENT ON ROLE %I IS %L', run_as,
			'runs tthc''s pg_cron jobs; may execute their functions only (tthc.schedule_jobs)');
	ELSIF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
		RAISE EXCEPTION 'role "%" has more rights than tthc''s jobs need', run_as
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'It is a superuser or may create roles or databases, replicate or bypass row security.',
				  HINT = 'Let tthc.schedule_jobs() create its own role, or name a role without these attributes.';
	ELSIF NOT r.rolcanlogin THEN
		RAISE EXCEPTION 'role "%" cannot log in', run_as
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'pg_cron 1.4 runs jobs only as roles that can log in.',
				  HINT = format('ALTER ROLE %I LOGIN, or name another role.', run_as);
	END IF;
	-- exactly what the commands call; the sweep, the checkpoint and the rollups once they are installed
	EXECUTE format('GRANT EXECUTE ON FUNCTION tthc.digest(timestamptz, interval), tthc.cleanup(interval, interval) TO %I', run_as);
	FOREACH f IN ARRAY ARRAY['tthc.sweep(timestamptz)', 'tthc.checkpoint(date)', 'tthc.rollup_refresh()',
			'tthc.partition_maintain()'] LOOP
		IF to_regprocedure(f) IS NOT NULL THEN
			EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, run_as);
		END IF;
	END LOOP;

	today := (tthc.now() AT TIME ZONE time_zone)::date;
	FOR job, schedule, command IN VALUES
		('tthc-sweep', format('*/%s * * * *', sweep_every), 'SELECT * FROM tthc.sweep()'),
		('tthc-digest', tthc._cron_daily(digest_at, time_zone, today),
			format('SELECT tthc.digest(lead => %L::interval)', digest_lead)),
		('tthc-checkpoint', tthc._cron_daily(checkpoint_at, time_zone, today), 'SELECT tthc.checkpoint()'),
		('tthc-cleanup', tthc._cron_daily(cleanup_at, time_zone, today),
			format('SELECT * FROM tthc.cleanup(%L::interval, %L::interval)', outbox_retention, run_retention)),
		-- the report's rollups, as often as the sweep (rollup.sql)
		('tthc-rollup', format('*/%s * * * *', sweep_every), 'SELECT * FROM tthc.rollup_refresh()'),
		-- the monthly partitions ahead and the retention (partition.sql), with the clean-up
		('tthc-partitions', tthc._cron_daily(cleanup_at, time_zone, today), 'SELECT * FROM tthc.partition_maintain()')
	LOOP
		-- pg_cron replaces a job of the same name and role in place, keeping its id and run history
		EXECUTE 'SELECT cron.schedule_in_database($1, $2, $3, current_database(), $4, true)'
			INTO jobid USING job, schedule, command, run_as::text;
		ids := ids || jobid;
		RETURN NEXT;
	END LOOP;
	-- jobs of an earlier call under another role
	EXECUTE $q$SELECT count(cron.unschedule(j.jobid)) FROM cron.job j
		WHERE j.jobname LIKE 'tthc-%' AND j.database = current_database() AND j.jobid <> ALL ($1)$q$
		USING ids;
END
$$;
COMMENT ON FUNCTION tthc.schedule_jobs(int, time, time, time, text, interval, interval, interval, name) IS
	'installs or replaces tthc''s pg_cron jobs (tthc-sweep, tthc-digest, tthc-checkpoint, tthc-cleanup, tthc-rollup, tthc-partitions), local times converted to GMT, run by a role that may only execute their functions; returns the jobs';
REVOKE ALL ON FUNCTION tthc.schedule_jobs(int, time, time, time, text, interval, interval, interval, name) FROM PUBLIC;

CREATE FUNCTION tthc.unschedule_jobs()
RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n int;
BEGIN
	PERFORM tthc._cron_ready();
	EXECUTE $q$SELECT count(cron.unschedule(j.jobid)) FROM cron.job j
		WHERE j.jobname LIKE 'tthc-%' AND j.database = current_database()$q$ INTO n;
	RETURN n;
END
$$;
COMMENT ON FUNCTION tthc.unschedule_jobs() IS
	'removes tthc''s pg_cron jobs of this database (names starting tthc-) and returns how many; other jobs stay';
REVOKE ALL ON FUNCTION tthc.unschedule_jobs() FROM PUBLIC;

-- What a DBA checks: the jobs, the outbox, overdue dossiers nobody apologised for, the test clock,
-- and whether this year's and next year's holiday notices are loaded.
CREATE FUNCTION tthc.health(OUT item text, OUT subject text, OUT state text, OUT value text,
	OUT at timestamptz, OUT detail text)
RETURNS SETOF record
LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	now_ timestamptz := tthc.now();
	cron_version text;
	clock text;
	n bigint;
	y int;
	this_year int;
	local_day date;
	found_rows boolean;
BEGIN
	SELECT extversion INTO cron_version FROM pg_extension WHERE extname = 'pg_cron';
	item := 'pg_cron';
	subject := NULL;
	at := NULL;
	IF cron_version IS NULL OR to_regnamespace('cron') IS NULL THEN
		state := 'warning';
		value := NULL;
		detail := 'not installed in this database: no job can be scheduled';
		RETURN NEXT;
	ELSE
		state := 'ok';
		value := cron_version;
		detail := NULL;
		RETURN NEXT;
		-- the last run of each job (pg_cron's times, not the test clock)
		RETURN QUERY EXECUTE $q$
			SELECT 'job', j.jobname::text,
				CASE WHEN NOT j.active THEN 'warning' WHEN r.status = 'failed' THEN 'error'
					WHEN r.status IS NULL THEN 'info' ELSE 'ok' END,
				CASE WHEN NOT j.active THEN 'paused' ELSE coalesce(r.status, 'not run yet') END,
				r.start_time,
				concat_ws('; ', format('schedule %s (GMT) as %s', j.schedule, j.username),
					nullif(r.return_message, ''))
			FROM cron.job j
			LEFT JOIN LATERAL (SELECT d.status, d.start_time, d.return_message
				FROM cron.job_run_details d WHERE d.jobid = j.jobid
				ORDER BY d.runid DESC LIMIT 1) r ON true
			WHERE j.jobname LIKE 'tthc-%' AND j.database = current_database()
			ORDER BY j.jobname$q$;
		IF NOT FOUND THEN
			item := 'job';
			state := 'warning';
			value := 'none scheduled';
			detail := 'SELECT tthc.schedule_jobs() installs them';
			RETURN NEXT;
		END IF;
	END IF;

	-- notifications waiting for the sender
	item := 'outbox';
	subject := NULL;
	SELECT count(*), min(o.created_at) INTO n, at FROM tthc.outbox o WHERE o.sent_at IS NULL;
	value := n::text;
	state := CASE WHEN at < now_ - interval '1 hour' THEN 'warning' ELSE 'ok' END;
	detail := 'rows not yet sent; at: the oldest';
	RETURN NEXT;

	-- rows that no monthly partition holds yet: the maintenance has not run for their month
	-- (partition.sql; doc/partitioning.md)
	item := 'partition_default';
	at := NULL;
	FOR subject IN SELECT unnest('{dossier_event, outbox, notice, letter, apology_draft}'::text[]) LOOP
		EXECUTE format('SELECT EXISTS (SELECT FROM tthc.%I)', subject || '_default') INTO found_rows;
		value := CASE WHEN found_rows THEN 'holds rows' ELSE 'empty' END;
		state := CASE WHEN found_rows THEN 'warning' ELSE 'ok' END;
		detail := CASE WHEN found_rows THEN 'SELECT * FROM tthc.partition_maintain() moves them to their months' END;
		RETURN NEXT;
	END LOOP;
	subject := NULL;

	-- Decree 61/2018 Art. 19(9): an overdue dossier owed the applicant an apology and a new date
	item := 'overdue_without_apology';
	SELECT count(*), min(d.legal_due_at) INTO n, at FROM tthc.dossier d
	WHERE d.clock = 'running' AND d.legal_due_at < now_ AND NOT d.extended;
	value := n::text;
	state := CASE WHEN n > 0 THEN 'warning' ELSE 'ok' END;
	detail := 'open dossiers past their legal due, never re-scheduled; at: the earliest legal due';
	RETURN NEXT;

	item := 'test_clock';
	at := NULL;
	clock := nullif(current_setting('tthc.now', true), '');
	value := clock;
	state := CASE WHEN clock IS NULL THEN 'ok' ELSE 'warning' END;
	detail := CASE WHEN clock IS NULL THEN 'not set: tthc takes now() as now'
		ELSE 'set: tthc takes this instant as now' END;
	RETURN NEXT;

	-- this year and the next: a provisional year's days off come from the Labour Code's rules,
	-- without the swapped days of the notice the Ministry of Home Affairs publishes late each year
	local_day := (now_ AT TIME ZONE tthc.calendar_timezone('national'))::date;
	this_year := extract(year FROM local_day)::int;
	item := 'holiday_notice';
	FOR y IN SELECT g FROM generate_series(this_year, least(this_year + 1, 2099)) g LOOP
		subject := y::text;
		CONTINUE WHEN y < 2014;
		IF NOT tthc.is_provisional(y) THEN
			value := 'loaded';
			state := 'ok';
			detail := NULL;
		ELSE
			value := 'provisional';
			state := CASE WHEN y = this_year OR extract(month FROM local_day) = 12 THEN 'warning' ELSE 'info' END;
			detail := 'load the year''s notice when it is published (dba-guide.md)';
		END IF;
		RETURN NEXT;
	END LOOP;
END
$$;
COMMENT ON FUNCTION tthc.health() IS
	'the health report for DBAs: pg_cron and the last run of each tthc job, unsent outbox rows, rows waiting in a default partition, overdue dossiers without an apology, the test clock, this and next year''s holiday notices';
REVOKE ALL ON FUNCTION tthc.health() FROM PUBLIC;

CREATE VIEW tthc.health AS SELECT * FROM tthc.health();
COMMENT ON VIEW tthc.health IS
	'the health report for DBAs (tthc.health()): item, subject, state (ok, info, warning, error), value, an instant and a detail';
