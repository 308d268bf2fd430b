-- sweep.sql: overdue detection.  tthc.sweep() finds the dossiers whose clock runs and that have
-- entered a class since they were last looked at (due soon, overdue, a step overdue), records one
-- notice per dossier, kind and due instant, and announces each through the outbox.  Views list the
-- open, due-soon and overdue dossiers for applications; tthc.appointment() previews a due instant.
-- doc/sweep.md describes every rule with its source.
--
-- Decree 61/2018/NĐ-CP Art. 19(9): no later than one day before the due date, the processing agency
-- tells the one-stop desk and sends the applicant a written apology with a new date; the sweep warns
-- before that moment (due soon) and after the due (overdue).  Art. 19(6)-(7): each step has its own
-- time, and a step late is the responsible unit's delay.

CREATE TYPE tthc.notice_kind AS ENUM ('due_soon', 'overdue', 'step_overdue');
COMMENT ON TYPE tthc.notice_kind IS
	'what a sweep noticed: the last lawful moment to apologise is near (due_soon), the legal due passed (overdue), a step''s due passed (step_overdue)';

-- One row per dossier, kind, step and due instant: a restart, a pause or a re-projection that moves
-- the due gives a new key, so the dossier can be warned again.  The table will be partitioned by the
-- due instant, which is in every key.
CREATE TABLE tthc.notice (
	id				bigint GENERATED ALWAYS AS IDENTITY,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	kind			tthc.notice_kind NOT NULL,
	step			int,
	due_at			timestamptz NOT NULL,
	apology_by		timestamptz,
	swept_at		timestamptz NOT NULL,
	recorded_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	PRIMARY KEY (id, due_at, agency),
	CONSTRAINT notice_once UNIQUE NULLS NOT DISTINCT (dossier, kind, step, due_at, agency),
	FOREIGN KEY (dossier, agency) REFERENCES tthc.dossier (id, agency) ON DELETE RESTRICT,
	CONSTRAINT notice_step_check CHECK ((kind = 'step_overdue') = (step IS NOT NULL))
) PARTITION BY RANGE (due_at);
COMMENT ON TABLE tthc.notice IS
	'due-soon, overdue and step-overdue notices given by tthc.sweep(), once per dossier, kind, step and due instant (Decree 61/2018 Art. 19(6)-(9)); partitioned by month of due_at (doc/partitioning.md)';
COMMENT ON COLUMN tthc.notice.agency IS 'the receiving agency of the dossier (the distribution key)';
COMMENT ON COLUMN tthc.notice.step IS 'the step of a step_overdue notice; NULL for the dossier''s own notices';
COMMENT ON COLUMN tthc.notice.due_at IS 'the due instant noticed: the legal due of the dossier, or the step''s due';
COMMENT ON COLUMN tthc.notice.apology_by IS
	'for due_soon and overdue: the last lawful moment to apologise and propose a new appointment (tthc.apology_deadline)';
COMMENT ON COLUMN tthc.notice.swept_at IS 'the instant of the sweep that gave the notice (its at argument)';
COMMENT ON COLUMN tthc.notice.recorded_at IS 'when the notice was recorded (transaction start)';
SELECT pg_catalog.pg_extension_config_dump('tthc.notice', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.notice_id_seq', '');

-- What the sweeps read: the next instant a dossier needs looking at, kept by tthc._write and by the
-- sweep itself, so that a sweep reads only the dossiers that change class.
CREATE INDEX dossier_alert_idx ON tthc.dossier (alert_at) WHERE alert_at IS NOT NULL;
COMMENT ON INDEX tthc.dossier_alert_idx IS 'dossiers with a legal due or step due not yet noticed as passed: the overdue sweep';
CREATE INDEX dossier_alert_soon_idx ON tthc.dossier (calendar, alert_soon_at) WHERE alert_soon_at IS NOT NULL;
COMMENT ON INDEX tthc.dossier_alert_soon_idx IS 'dossiers not yet noticed as due soon, by calendar and last lawful moment to apologise: the due-soon sweep';

CREATE FUNCTION tthc.due_soon_lead()
RETURNS interval
AS 'MODULE_PATHNAME', 'tthc_due_soon_lead_fn'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_soon_lead() IS
	'the setting tthc.due_soon_lead as an interval: how much working time before the last lawful moment to apologise a dossier is due soon';

-- How a running dossier's legal due stands at an instant: the one rule of the sweep's notices and
-- the report's open dossiers.  Late after the due instant, not at it (Circular 01/2018 Art. 13,
-- tthc._outcome); due soon while the apology can still be made in time, once the last lawful
-- moment to make it lies within the lead (Decree 61/2018 Art. 19(9)); otherwise on time.
CREATE FUNCTION tthc._due_state(legal_due timestamptz, calendar text, at timestamptz, lead interval)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN at > legal_due THEN 'late'
			WHEN tthc.apology_deadline(legal_due, calendar) <= tthc.add_working_time(at, lead, calendar) THEN 'due_soon'
			ELSE 'on_time' END
$$;
COMMENT ON FUNCTION tthc._due_state(timestamptz, text, timestamptz, interval) IS
	'internal: late, due_soon or on_time: a running dossier''s legal due judged at an instant with a due-soon lead, as tthc.sweep judges it';
REVOKE ALL ON FUNCTION tthc._due_state(timestamptz, text, timestamptz, interval) FROM PUBLIC;

-- The alert instants of a dossier as it stands: while its clock runs, the last lawful moment to
-- apologise until a due-soon or overdue notice was given for its legal due, and the earliest of the
-- legal due and the open steps' dues not yet noticed as passed.  NULL otherwise.
CREATE FUNCTION tthc._alerts(d tthc.dossier, OUT alert_soon_at timestamptz, OUT alert_at timestamptz)
RETURNS record
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	-- PL/pgSQL, not SQL: every event calls this, and PL/pgSQL keeps its plans between calls
	IF d.clock <> 'running' OR d.legal_due_at IS NULL THEN
		RETURN;
	END IF;
	IF NOT EXISTS (SELECT FROM tthc.notice n WHERE n.dossier = d.id AND n.step IS NULL
				   AND n.kind IN ('due_soon', 'overdue') AND n.due_at = d.legal_due_at) THEN
		alert_soon_at := tthc.apology_deadline(d.legal_due_at, d.calendar);
	END IF;
	SELECT min(x.due) INTO alert_at FROM (
		SELECT d.legal_due_at AS due
		WHERE NOT EXISTS (SELECT FROM tthc.notice n WHERE n.dossier = d.id AND n.step IS NULL
						  AND n.kind = 'overdue' AND n.due_at = d.legal_due_at)
		UNION ALL
		SELECT s.due_at FROM tthc.dossier_step s
		WHERE s.dossier = d.id AND s.finished_at IS NULL
		  AND NOT EXISTS (SELECT FROM tthc.notice n WHERE n.dossier = d.id AND n.kind = 'step_overdue'
						  AND n.step = s.step AND n.due_at = s.due_at)) x;
END
$$;
COMMENT ON FUNCTION tthc._alerts(tthc.dossier) IS
	'internal: the instants at which the sweeps must look at a dossier again (alert_soon_at, alert_at), from its clock, its open steps and the notices given';
REVOKE ALL ON FUNCTION tthc._alerts(tthc.dossier) FROM PUBLIC;

-- One notice, once: the unique key decides, so two sweeps (or a sweep re-run after a crash) never
-- give the same notice twice.  The outbox row and the NOTIFY go out only with a new notice.
CREATE FUNCTION tthc._notice(d tthc.dossier, kind tthc.notice_kind, step int, due timestamptz,
	apology_by timestamptz, at timestamptz)
RETURNS int
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	id bigint;
	s tthc.dossier_step;
	draft bigint;
BEGIN
	INSERT INTO tthc.notice AS n (dossier, agency, kind, step, due_at, apology_by, swept_at)
	VALUES (d.id, d.agency, kind, step, due, apology_by, at)
	ON CONFLICT ON CONSTRAINT notice_once DO NOTHING
	RETURNING n.id INTO id;
	IF id IS NULL THEN
		RETURN 0;
	END IF;
	IF step IS NOT NULL THEN
		SELECT * INTO s FROM tthc.dossier_step x WHERE x.dossier = d.id AND x.step = step;
	ELSE
		-- Decree 61/2018 Art. 19(9): the first notice for a legal due brings the apology draft,
		-- announced by this notice's outbox row
		draft := tthc._apology_draft(d, at);
	END IF;
	PERFORM tthc._outbox(d.id, d.agency, kind::text, d.status, jsonb_build_object(
		'dossier', d.id, 'code', d.code, 'agency', d.agency,
		'processing_agency', d.processing_agency, 'event', kind, 'notice', id, 'status', d.status,
		'at', at, 'legal_due_at', d.legal_due_at, 'due_at', d.due_at, 'apology_by', apology_by,
		'extended', d.extended, 'step', step, 'step_due_at', s.due_at, 'unit', s.unit,
		'responsible_agency', coalesce(s.responsible_agency, d.processing_agency, d.agency))
		|| CASE WHEN draft IS NOT NULL THEN jsonb_build_object('apology_draft', draft) ELSE '{}' END);
	RETURN 1;
END
$$;
COMMENT ON FUNCTION tthc._notice(tthc.dossier, tthc.notice_kind, int, timestamptz, timestamptz, timestamptz) IS
	'internal: records a notice unless it was given already, with its outbox row and NOTIFY, and for a dossier''s first due-soon or overdue notice of a legal due its apology draft; returns 1 for a new notice, else 0';
REVOKE ALL ON FUNCTION tthc._notice(tthc.dossier, tthc.notice_kind, int, timestamptz, timestamptz, timestamptz) FROM PUBLIC;

-- Classify one locked dossier at an instant, give its new notices, and set its alert instants again.
CREATE FUNCTION tthc._sweep_dossier(d tthc.dossier, at timestamptz, lead interval,
	OUT due_soon int, OUT overdue int, OUT step_overdue int)
RETURNS record
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	s record;
	apology timestamptz;
BEGIN
	due_soon := 0;
	overdue := 0;
	step_overdue := 0;
	IF d.clock = 'running' AND d.legal_due_at IS NOT NULL THEN
		apology := tthc.apology_deadline(d.legal_due_at, d.calendar);
		CASE tthc._due_state(d.legal_due_at, d.calendar, at, lead)
		WHEN 'late' THEN
			overdue := tthc._notice(d, 'overdue', NULL, d.legal_due_at, apology, at);
		WHEN 'due_soon' THEN
			due_soon := tthc._notice(d, 'due_soon', NULL, d.legal_due_at, apology, at);
		ELSE
			NULL;
		END CASE;
		-- Decree 61/2018 Art. 19(6)-(7): a step whose own time ran out
		FOR s IN SELECT x.step, x.due_at FROM tthc.dossier_step x
				 WHERE x.dossier = d.id AND x.finished_at IS NULL AND x.due_at < at ORDER BY x.step LOOP
			step_overdue := step_overdue + tthc._notice(d, 'step_overdue', s.step, s.due_at, NULL, at);
		END LOOP;
	END IF;
	SELECT a.alert_soon_at, a.alert_at INTO d.alert_soon_at, d.alert_at FROM tthc._alerts(d) a;
	PERFORM tthc._dossier_write(true);
	UPDATE tthc.dossier x SET alert_soon_at = d.alert_soon_at, alert_at = d.alert_at WHERE x.id = d.id;
	PERFORM tthc._dossier_write(false);
END
$$;
COMMENT ON FUNCTION tthc._sweep_dossier(tthc.dossier, timestamptz, interval) IS
	'internal: gives the notices a locked dossier is owed at an instant and sets its alert instants again; returns the new notices per kind';
REVOKE ALL ON FUNCTION tthc._sweep_dossier(tthc.dossier, timestamptz, interval) FROM PUBLIC;

-- The sweep.  It reads the dossiers whose alert instant has come (the partial indexes above), in
-- batches locked with SKIP LOCKED so that sweeps running at once share the work and never wait for
-- an officer's transaction; a dossier an officer holds is looked at by the next sweep.  It works
-- from the state, not from the time of the last run, so one sweep after missed runs catches up.
CREATE FUNCTION tthc.sweep(at timestamptz DEFAULT tthc.now(),
	OUT due_soon int, OUT overdue int, OUT step_overdue int)
RETURNS record
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	batch constant int := 1000;
	lead interval := tthc.due_soon_lead();
	d tthc.dossier;
	c record;
	r record;
	n int;
BEGIN
	IF at IS NULL THEN
		RAISE EXCEPTION 'sweep instant must not be null' USING ERRCODE = 'null_value_not_allowed',
			HINT = 'Omit it to sweep at tthc.now().';
	END IF;
	IF NOT isfinite(at) THEN
		RAISE EXCEPTION 'sweep instant % is out of range', at USING ERRCODE = 'datetime_field_overflow',
			HINT = 'Give a finite instant inside the working calendars'' range (tthc.calendar_info()).';
	END IF;
	-- a notice says a dossier is late; it is given once, so it must not be given ahead of time
	IF at > tthc.now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'sweep instant % is in the future', at USING ERRCODE = 'invalid_parameter_value',
			HINT = 'A sweep notices what has happened by now; omit the instant to sweep at tthc.now().';
	END IF;
	due_soon := 0;
	overdue := 0;
	step_overdue := 0;

	-- overdue dossiers and steps: a due not yet noticed has passed
	LOOP
		n := 0;
		FOR d IN SELECT x.* FROM tthc.dossier x WHERE x.alert_at < at
				 ORDER BY x.alert_at LIMIT batch FOR UPDATE SKIP LOCKED LOOP
			r := tthc._sweep_dossier(d, at, lead);
			due_soon := due_soon + r.due_soon;
			overdue := overdue + r.overdue;
			step_overdue := step_overdue + r.step_overdue;
			n := n + 1;
		END LOOP;
		EXIT WHEN n < batch;
	END LOOP;

	-- due soon: per calendar (the lead is working time on the dossier's calendar), the last lawful
	-- moment to apologise lies within the lead
	FOR c IN SELECT cal.name, tthc.add_working_time(at, lead, cal.name) AS until
			 FROM tthc.calendar cal
			 WHERE EXISTS (SELECT FROM tthc.dossier x WHERE x.calendar = cal.name AND x.alert_soon_at IS NOT NULL)
			 ORDER BY cal.name LOOP
		LOOP
			n := 0;
			FOR d IN SELECT x.* FROM tthc.dossier x WHERE x.calendar = c.name AND x.alert_soon_at <= c.until
					 ORDER BY x.alert_soon_at LIMIT batch FOR UPDATE SKIP LOCKED LOOP
				r := tthc._sweep_dossier(d, at, lead);
				due_soon := due_soon + r.due_soon;
				overdue := overdue + r.overdue;
				step_overdue := step_overdue + r.step_overdue;
				n := n + 1;
			END LOOP;
			EXIT WHEN n < batch;
		END LOOP;
	END LOOP;
END
$$;
COMMENT ON FUNCTION tthc.sweep(timestamptz) IS
	'gives the due-soon, overdue and step-overdue notices the open dossiers are owed at an instant (default tthc.now()), once each, with their outbox rows and NOTIFY; returns the new notices per kind (Decree 61/2018 Art. 19(6)-(9))';
REVOKE EXECUTE ON FUNCTION tthc.sweep(timestamptz) FROM PUBLIC;

-- For applications: the open dossiers (accepted, not finished, stopped or withdrawn) with the time
-- the law leaves, and the due-soon and overdue ones.  The views run with the caller's rights
-- (security_invoker), so that an application sees through them what it may read of tthc.dossier.
CREATE VIEW tthc.open_dossier WITH (security_invoker = true) AS
SELECT x.id, x.code, x.agency, x.processing_agency, x.procedure, x.procedure_version, x.calendar,
	x.applicant_name, x.status, x.clock, x.received_at, x.legal_due_at, x.due_at, x.extended,
	CASE WHEN x.clock = 'running' THEN tthc.apology_deadline(x.legal_due_at, x.calendar) END AS apology_by,
	-- working days from today to the due day (negative once it has passed); NULL while paused
	CASE WHEN x.clock = 'running' THEN tthc.working_days_between(
		(tthc.now() AT TIME ZONE tthc.calendar_timezone(x.calendar))::date,
		((x.legal_due_at - interval '1 microsecond') AT TIME ZONE tthc.calendar_timezone(x.calendar))::date,
		x.calendar) END AS working_days_left,
	-- working time until the legal due (negative once it has passed); while paused, what was left
	CASE WHEN x.clock = 'running' THEN tthc.working_time_between(tthc.now(), x.legal_due_at, x.calendar)
		 ELSE x.remaining END AS working_time_left,
	x.clock = 'running' AND x.legal_due_at < tthc.now() AS overdue
FROM tthc.dossier x
WHERE x.status IN (2, 4, 5, 6);
COMMENT ON VIEW tthc.open_dossier IS
	'accepted dossiers not yet finished, stopped or withdrawn, with the last lawful moment to apologise and the working days and time left until the legal due at tthc.now()';

-- Due soon: the clock runs, the legal due has not passed, and the last lawful moment to apologise
-- lies within tthc.due_soon_lead of working time.  That moment ends the working day before the due
-- day, so the due day is at the latest the first working day after the lead's end: that bounds the
-- index range of legal dues for each calendar.
CREATE VIEW tthc.due_soon_dossier WITH (security_invoker = true) AS
SELECT o.*
FROM tthc.calendar c
CROSS JOIN LATERAL (SELECT tthc.add_working_time(tthc.now(), tthc.due_soon_lead(), c.name) AS until,
						   tthc.calendar_timezone(c.name) AS tz) w
-- OFFSET 0 keeps the subquery apart, so that each calendar's bound is an index condition
CROSS JOIN LATERAL (SELECT * FROM tthc.open_dossier x
	WHERE x.calendar = c.name AND x.clock = 'running'
	  AND x.legal_due_at >= tthc.now()
	  AND x.legal_due_at <= (tthc.next_working_day((w.until AT TIME ZONE w.tz)::date, c.name) + 1)::timestamp AT TIME ZONE w.tz
	  AND x.apology_by <= w.until
	OFFSET 0) o;
COMMENT ON VIEW tthc.due_soon_dossier IS
	'open dossiers whose legal due has not passed and whose last lawful moment to apologise lies within tthc.due_soon_lead of working time (Decree 61/2018 Art. 19(9))';

CREATE VIEW tthc.overdue_dossier WITH (security_invoker = true) AS
SELECT o.* FROM tthc.open_dossier o
WHERE o.clock = 'running' AND o.legal_due_at < tthc.now();
COMMENT ON VIEW tthc.overdue_dossier IS 'open dossiers whose clock runs and whose legal due has passed at tthc.now()';

-- The appointment a receipt would give, for the slip printed before the receipt is recorded: the
-- procedure version in force on the receipt day, the agency's calendar, counting, cut-off and
-- deem_receipt, with the errors tthc.receive gives.
CREATE FUNCTION tthc.appointment(agency text, procedure text, received timestamptz DEFAULT tthc.now())
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	a record;
	v tthc.procedure_version;
BEGIN
	IF agency IS NULL OR procedure IS NULL OR received IS NULL THEN
		RAISE EXCEPTION 'agency, procedure and receipt time must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	a := tthc._receiving_agency(agency, received, false);
	v := tthc._receivable_version(agency, procedure, a.day);
	RETURN tthc.due_at(received, v.term, a.calendar, v.counting, v.cutoff, v.deem_receipt);
END
$$;
COMMENT ON FUNCTION tthc.appointment(text, text, timestamptz) IS
	'the legal due (and first appointment) a dossier of a procedure received at an agency at an instant would get, for the slip printed before the receipt is recorded';
