-- dossier_api.sql: what applications call to receive dossiers and move them through their
-- statuses, with the clock (clock.sql), the history and the outbox (history.sql) moving with them.
-- doc/dossier.md describes every rule with its source.

-- Who may act for an agency (doc/security.md).  The API runs as the role that owns the data
-- (tthc_owner, security.sql), so current_user inside it is that role: the caller is the role set
-- with SET ROLE, else the session's login.  An officer acts for the agencies tthc.officer_agency
-- maps one of its roles to; superusers act for every agency.
CREATE TABLE tthc.officer_agency (
	member			name NOT NULL CHECK (member <> ''),
	agency			text REFERENCES tthc.agency ON UPDATE CASCADE ON DELETE CASCADE,
	CONSTRAINT officer_agency_once UNIQUE NULLS NOT DISTINCT (agency, member)
);
COMMENT ON TABLE tthc.officer_agency IS
	'which roles work for which agencies: a member of the role (or the role itself) may read and move the dossiers of the agency; agency NULL: every agency';
COMMENT ON COLUMN tthc.officer_agency.member IS 'a role name: a login role or a group role its officers are members of';
COMMENT ON COLUMN tthc.officer_agency.agency IS 'the agency (the distribution key); NULL: every agency';
SELECT pg_catalog.pg_extension_config_dump('tthc.officer_agency', '');

CREATE FUNCTION tthc._caller()
RETURNS name
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN current_setting('role') = 'none' THEN session_user ELSE current_setting('role')::name END
$$;
COMMENT ON FUNCTION tthc._caller() IS
	'internal: the role a call is made for, also inside SECURITY DEFINER functions: the role set with SET ROLE, else session_user';

-- What the row-level security policies read once per query (security.sql): they run with the
-- reader's rights, and the reader need not read the mapping.  Both stay executable by PUBLIC.
CREATE FUNCTION tthc._caller_agencies()
RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT coalesce(array_agg(DISTINCT m.agency), '{}')
FROM tthc.officer_agency m JOIN pg_roles r ON r.rolname = m.member
WHERE pg_has_role(tthc._caller(), r.oid, 'MEMBER')
$$;
COMMENT ON FUNCTION tthc._caller_agencies() IS
	'internal: the agencies the caller works for (tthc.officer_agency); a NULL element: every agency';

-- Raises 42501 unless the caller is a superuser or works for one of the agencies (NULL elements
-- are ignored).  One look-up of the mapping by agency.
CREATE FUNCTION tthc._check_agency(agencies text[])
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	caller name := tthc._caller();
BEGIN
	IF EXISTS (SELECT FROM pg_roles r WHERE r.rolname = caller AND r.rolsuper)
	   OR EXISTS (SELECT FROM tthc.officer_agency m JOIN pg_roles r ON r.rolname = m.member
				  WHERE (m.agency IS NULL OR m.agency = ANY (agencies))
					AND pg_has_role(caller, r.oid, 'MEMBER')) THEN
		RETURN;
	END IF;
	RAISE EXCEPTION 'role "%" does not work for agency "%"', caller,
		array_to_string(agencies, '" or "')
		USING ERRCODE = 'insufficient_privilege',
			  DETAIL = 'An officer acts only for the agencies tthc.officer_agency maps one of its roles to.',
			  HINT = 'An administrator (tthc_admin) maps roles to agencies in tthc.officer_agency.';
END
$$;
COMMENT ON FUNCTION tthc._check_agency(text[]) IS
	'internal: raises 42501 unless the caller (tthc._caller()) is a superuser or works for one of the agencies';
REVOKE ALL ON FUNCTION tthc._check_agency(text[]) FROM PUBLIC;

-- Dossier codes: <agency>-YYMMDD-XXXX, a gapless sequence per receiving agency and day
-- (Circular 01/2018/TT-VPCP Art. 19).
CREATE FUNCTION tthc._next_dossier_code(agency text, day date)
RETURNS text
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
INSERT INTO tthc.dossier_counter AS c (agency, day, last) VALUES ($1, $2, 1)
ON CONFLICT (agency, day) DO UPDATE SET last = c.last + 1
RETURNING $1 || '-' || to_char($2, 'YYMMDD') || '-' ||
	CASE WHEN last > 9999 THEN last::text ELSE lpad(last::text, 4, '0') END
$$;
COMMENT ON FUNCTION tthc._next_dossier_code(text, date) IS
	'internal: the next dossier code of an agency and day (rolls back with its transaction, so no gaps)';
REVOKE ALL ON FUNCTION tthc._next_dossier_code(text, date) FROM PUBLIC;

CREATE FUNCTION tthc.parse_dossier_code(code text, OUT agency text, OUT received date, OUT seq int)
RETURNS record
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	m text[] := regexp_match(code, '^\s*(.+?)-((?:[0-9]{2})?([0-9]{2})([0-9]{2})([0-9]{2}))-([0-9]{4,7})\s*$');
BEGIN
	IF m IS NULL THEN
		RAISE EXCEPTION 'invalid dossier code: "%"', code
			USING ERRCODE = 'invalid_text_representation',
				  HINT = 'A dossier code is <agency code>-YYMMDD-XXXX, for example 000.00.00.H30-260115-0001.';
	END IF;
	agency := m[1];
	BEGIN
		-- every part must name a real day: make_date refuses month 00 or 13 and day 00 or 32
		received := make_date(CASE WHEN length(m[2]) = 8 THEN left(m[2], 4)::int ELSE 2000 + m[3]::int END,
			m[4]::int, m[5]::int);
	EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
		RAISE EXCEPTION 'invalid dossier code: "%"', code
			USING ERRCODE = 'invalid_text_representation', DETAIL = format('"%s" is not a date.', m[2]);
	END;
	seq := m[6]::int;
END
$$;
COMMENT ON FUNCTION tthc.parse_dossier_code(text) IS
	'parts of a dossier code, read leniently (8-digit dates, 4-7 digit sequences) but with a real date';

-- Steps (Decree 61/2018 Art. 19(6)-(7)): each step is due when the budgets of the steps up to it
-- have run from the clock's start (budgets share the unit of the time limit, so they add up).
CREATE FUNCTION tthc._plan_steps(d tthc.dossier, v tthc.procedure_version, ts timestamptz)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM tthc._dossier_write(true);
	INSERT INTO tthc.dossier_step AS ds (dossier, step, agency, name, unit, budget, due_at, started_at,
		responsible_agency)
	SELECT d.id, s.step, d.agency, s.name, s.unit, s.budget,
		CASE WHEN tthc.term_unit(s.budget) = 'same_day' THEN d.legal_due_at
			 ELSE tthc.due_at(ts, tthc.make_term(s.spent::int, tthc.term_unit(s.budget)), d.calendar,
				v.counting, v.cutoff, v.deem_receipt) END,
		CASE WHEN s.step = min(s.step) OVER () THEN ts END,
		s.agency
	FROM (SELECT ps.*, sum(tthc.term_amount(ps.budget)) OVER (ORDER BY ps.step) AS spent
		  FROM tthc.procedure_step ps
		  WHERE ps.procedure = d.procedure AND ps.version = d.procedure_version) s
	ON CONFLICT (dossier, step, agency) DO UPDATE SET due_at = excluded.due_at,
		started_at = coalesce(excluded.started_at, ds.started_at);
	PERFORM tthc._dossier_write(false);
END
$$;
COMMENT ON FUNCTION tthc._plan_steps(tthc.dossier, tthc.procedure_version, timestamptz) IS
	'internal: the due instants of a dossier''s steps, counted from the start of its clock';
REVOKE ALL ON FUNCTION tthc._plan_steps(tthc.dossier, tthc.procedure_version, timestamptz) FROM PUBLIC;

-- Move the open steps of dossier d, paused since paused_at, like the dossier itself.
CREATE FUNCTION tthc._resume_steps(d tthc.dossier, v tthc.procedure_version, paused_at timestamptz,
	ts timestamptz)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	-- PL/pgSQL rather than SQL, so that the plan is kept between events
	PERFORM tthc._dossier_write(true);
	UPDATE tthc.dossier_step ds
	SET due_at = tthc._resumed_due(v.term, d.calendar, paused_at, ds.due_at,
		tthc.working_time_between(paused_at, ds.due_at, d.calendar), ts)
	WHERE ds.dossier = d.id AND ds.finished_at IS NULL;
	PERFORM tthc._dossier_write(false);
END
$$;
COMMENT ON FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz, timestamptz) IS
	'internal: moves the open steps of a dossier whose clock resumes';
REVOKE ALL ON FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz, timestamptz) FROM PUBLIC;

-- An instant given by a caller: finite, inside the calendar, and (unless not_ahead is false) not ahead
-- of now.
CREATE FUNCTION tthc._check_instant(ts timestamptz, calendar text, what text, not_ahead boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT isfinite(ts) THEN
		RAISE EXCEPTION '% % is out of range', what, ts
			USING ERRCODE = 'datetime_field_overflow',
				  HINT = 'Give a finite instant inside the working calendar''s range (tthc.calendar_info()).';
	END IF;
	-- raises 22008 outside the calendar's days
	PERFORM tthc.is_working_day((ts AT TIME ZONE tthc.calendar_timezone(calendar))::date, calendar);
	IF not_ahead AND ts > tthc.now() + interval '5 minutes' THEN
		RAISE EXCEPTION '% % is in the future', what, ts
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Events are recorded when they happen; their time may lie in the past, not ahead.';
	END IF;
END
$$;
COMMENT ON FUNCTION tthc._check_instant(timestamptz, text, text, boolean) IS
	'internal: refuses an instant that is not finite, lies outside the calendar or (unless told not to) ahead of now';
REVOKE ALL ON FUNCTION tthc._check_instant(timestamptz, text, text, boolean) FROM PUBLIC;

-- The effect of an event on a locked dossier: legality, the clock, steps, history and outbox.
CREATE FUNCTION tthc._apply(d tthc.dossier, event text, ts timestamptz, actor text, note text,
	new_due_at timestamptz, by tthc.term, to_agency text, result tthc.result)
RETURNS tthc.dossier
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	t record;
	v tthc.procedure_version;
	old tthc.dossier := d;
	detail jsonb := '{}';
	day date;
BEGIN
	t := tthc._transition(d.status, event, d.clock <> 'not_started');
	PERFORM tthc._check_instant(ts, d.calendar, 'event time');
	IF ts < d.last_event_at THEN
		RAISE EXCEPTION 'event time % is before the dossier''s last event at %', ts, d.last_event_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- a refusal (Form 03), a stop and a re-scheduling state their reason (Decree 61/2018 Art. 16(2),
	-- Art. 19(9); Circular 03/2025 Form 05)
	IF event IN ('refuse', 'stop', 'extend') AND (note IS NULL OR tthc.is_blank(note)) THEN
		RAISE EXCEPTION '% needs a reason', CASE event WHEN 'refuse' THEN 'a refusal'
			WHEN 'stop' THEN 'stopping processing' ELSE 'a re-scheduling' END
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Pass the reason the applicant will read.';
	END IF;
	IF event = 'forward' THEN
		IF to_agency IS NULL THEN
			RAISE EXCEPTION 'forwarding needs the competent agency' USING ERRCODE = 'null_value_not_allowed';
		END IF;
		day := (ts AT TIME ZONE tthc.calendar_timezone(d.calendar))::date;
		IF NOT EXISTS (SELECT FROM tthc.agency g WHERE g.code = to_agency
					   AND day BETWEEN g.valid_from AND coalesce(g.valid_to, 'infinity')) THEN
			RAISE EXCEPTION 'agency "%" does not exist or is not in force on %', to_agency, day
				USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
		END IF;
		d.processing_agency := to_agency;
		detail := jsonb_build_object('to', to_agency);
	END IF;
	IF to_agency IS NOT NULL AND event <> 'forward' THEN
		RAISE EXCEPTION 'only forward takes an agency' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF result IS NOT NULL AND event <> 'finish' THEN
		RAISE EXCEPTION 'only finish records a result' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF (new_due_at IS NOT NULL OR by IS NOT NULL) AND event <> 'extend' THEN
		RAISE EXCEPTION 'only extend takes a new appointment' USING ERRCODE = 'invalid_parameter_value';
	END IF;

	SELECT * INTO STRICT v FROM tthc.procedure_version pv
	WHERE pv.procedure = d.procedure AND pv.version = d.procedure_version;
	d := tthc._clock(d, t.clock, ts, d.calendar, v.term, v.counting::text, v.cutoff,
		v.supplement_policy = 'restart', v.supplement_window, v.deem_receipt, new_due_at, by);

	CASE t.clock
	WHEN 'start' THEN
		-- Decree 61/2018 Art. 17(1): the code and the appointment are given on acceptance
		d.code := tthc._next_dossier_code(d.agency, (ts AT TIME ZONE tthc.calendar_timezone(d.calendar))::date);
		d.original_due_at := d.due_at;
		PERFORM tthc._plan_steps(d, v, ts);
		detail := jsonb_build_object('code', d.code);
	WHEN 'suspend_supplement' THEN
		detail := jsonb_build_object(
			'supplement', CASE WHEN d.supplements_repeated > old.supplements_repeated THEN 'repeated'
							   WHEN d.supplements_late > old.supplements_late THEN 'late'
							   ELSE 'in_window' END,
			'restart', d.paused_due_at IS NULL);
	WHEN 'resume_supplement', 'resume_payment' THEN
		IF old.paused_due_at IS NULL THEN
			PERFORM tthc._plan_steps(d, v, ts);
			detail := jsonb_build_object('restart', true);
		ELSE
			PERFORM tthc._resume_steps(d, v, old.paused_at, ts);
		END IF;
	WHEN 'extend' THEN
		detail := jsonb_build_object('reason', note, 'appointment', d.due_at,
			'apology_late', d.apology_late);
	WHEN 'finish' THEN
		d.result := coalesce(result, 'grant');
		detail := jsonb_build_object('result', d.result, 'outcome', d.finish_outcome,
			'appointment_kept', d.appointment_kept);
	WHEN 'return' THEN
		detail := jsonb_build_object('outcome', d.return_outcome);
	WHEN 'stop' THEN
		detail := jsonb_build_object('outcome', d.stop_outcome);
	ELSE
		IF event = 'request_supplement' THEN
			-- before acceptance (Decree 61/2018 Art. 17(1), (2)(a)): Form 02, no clock
			detail := jsonb_build_object('supplement', 'before_acceptance');
		END IF;
	END CASE;

	d.status := t.to_status;
	RETURN tthc._write(d, event, old.status, ts, actor, note, old.due_at, detail);
END
$$;
COMMENT ON FUNCTION tthc._apply(tthc.dossier, text, timestamptz, text, text, timestamptz, tthc.term, text, tthc.result) IS
	'internal: performs an event on a locked dossier: legality, reason, clock, steps, history and outbox';
REVOKE ALL ON FUNCTION tthc._apply(tthc.dossier, text, timestamptz, text, text, timestamptz, tthc.term, text, tthc.result) FROM PUBLIC;

-- Where a dossier is received at an instant: the agency exists, the instant lies inside its
-- calendar (and, for a receipt, not ahead of now), and the agency is in force on that local day; a
-- merged agency names the one in force.  tthc.receive and tthc.appointment share it.
CREATE FUNCTION tthc._receiving_agency(agency text, at timestamptz, not_ahead boolean,
	OUT calendar text, OUT day date)
RETURNS record
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	a record;
BEGIN
	SELECT g.code, g.calendar, g.valid_from, g.valid_to, g.successor INTO a
	FROM tthc.agency g WHERE g.code = _receiving_agency.agency;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', agency
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	PERFORM tthc._check_instant(at, a.calendar, 'receipt time', not_ahead);
	calendar := a.calendar;
	day := (at AT TIME ZONE tthc.calendar_timezone(a.calendar))::date;
	IF day < a.valid_from OR day > a.valid_to OR a.successor IS NOT NULL AND a.valid_to IS NULL THEN
		RAISE EXCEPTION 'agency "%" does not receive dossiers on %', agency, day
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('The agency is in force from %s to %s.', a.valid_from, coalesce(a.valid_to::text, 'now')),
				  HINT = CASE WHEN a.successor IS NOT NULL
					THEN format('It was merged into "%s".', tthc.agency_successor(agency))
					ELSE 'Receive the dossier at an agency in force on that day.' END;
	END IF;
END
$$;
COMMENT ON FUNCTION tthc._receiving_agency(text, timestamptz, boolean) IS
	'internal: the calendar and local day of a receipt at an agency, or the error of an unknown agency, an instant out of range (or ahead) or an agency not in force';
REVOKE ALL ON FUNCTION tthc._receiving_agency(text, timestamptz, boolean) FROM PUBLIC;

-- The procedure version a receipt on a day is pinned to, at an agency that receives the procedure.
CREATE FUNCTION tthc._receivable_version(agency text, procedure text, day date)
RETURNS tthc.procedure_version
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v tthc.procedure_version := tthc.procedure_version_at(procedure, day);
BEGIN
	IF NOT tthc._agency_receives(agency, procedure) THEN
		RAISE EXCEPTION 'agency "%" does not receive procedure "%"', agency, procedure
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'The procedures an agency receives are the rows of tthc.agency_procedure.';
	END IF;
	RETURN v;
END
$$;
COMMENT ON FUNCTION tthc._receivable_version(text, text, date) IS
	'internal: the procedure version in force on a day, or the error of an unknown procedure or of an agency that does not receive it';
REVOKE ALL ON FUNCTION tthc._receivable_version(text, text, date) FROM PUBLIC;

CREATE FUNCTION tthc.receive(agency text, procedure text, applicant_name text,
	applicant_id text DEFAULT NULL, channel tthc.channel DEFAULT 'desk',
	received_at timestamptz DEFAULT NULL, applicant_phone text DEFAULT NULL,
	applicant_email text DEFAULT NULL, actor text DEFAULT NULL, accept boolean DEFAULT NULL,
	applicant_id_kind tthc.identity_kind DEFAULT NULL)
RETURNS tthc.dossier
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	a record;
	ts timestamptz := coalesce(received_at, tthc.now());
	who text := coalesce(actor, session_user);
BEGIN
	IF procedure IS NULL OR channel IS NULL THEN
		RAISE EXCEPTION 'procedure and channel must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	a := tthc._receiving_agency(agency, ts, true);
	PERFORM tthc._check_agency(ARRAY[agency]);
	IF applicant_id_kind IS NOT NULL AND applicant_id IS NULL THEN
		RAISE EXCEPTION 'an identity kind needs an identity number' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF applicant_id IS NOT NULL THEN
		-- raises 22023 for a number that is not of its kind (a 12-digit CCCD by default)
		applicant_id_kind := coalesce(applicant_id_kind, 'cccd');
		applicant_id := tthc.normalize_identity(applicant_id_kind, applicant_id);
	END IF;
	IF applicant_name IS NULL OR tthc.is_blank(applicant_name) THEN
		RAISE EXCEPTION 'applicant name must not be empty' USING ERRCODE = 'invalid_parameter_value';
	END IF;

	d.agency := agency;
	d.procedure := procedure;
	d.procedure_version := (tthc._receivable_version(agency, procedure, a.day)).version;
	d.calendar := a.calendar;
	d.applicant_name := normalize(btrim(applicant_name), NFC);
	d.applicant_id := applicant_id;
	d.applicant_id_kind := applicant_id_kind;
	d.applicant_phone := applicant_phone;
	d.applicant_email := applicant_email;
	d.channel := channel;
	d.submitted_at := ts;
	d.status := 1;				-- Mới đăng ký: received, not yet accepted
	d.version := 0;
	d.clock := 'not_started';
	d.extended := false;
	d.supplements := 0;
	d.supplements_late := 0;
	d.supplements_repeated := 0;
	d.last_event_at := ts;
	d.last_seq := 0;

	PERFORM tthc._dossier_write(true);
	INSERT INTO tthc.dossier (agency, procedure, procedure_version, calendar, applicant_name,
		applicant_id, applicant_id_kind, applicant_phone, applicant_email, channel, submitted_at,
		status, version, last_event_at, last_seq)
	VALUES (d.agency, d.procedure, d.procedure_version, d.calendar, d.applicant_name,
		d.applicant_id, d.applicant_id_kind, d.applicant_phone, d.applicant_email, d.channel,
		d.submitted_at, d.status, 0, ts, 0)
	RETURNING id INTO d.id;
	PERFORM tthc._dossier_write(false);
	d := tthc._write(d, 'receive', NULL, ts, who, NULL, NULL, jsonb_build_object('channel', channel));
	-- at the desk and by post a complete dossier is accepted on receipt (Decree 61/2018 Art. 17(1));
	-- accept => false keeps it for the check that may refuse it or ask for a supplement first
	IF coalesce(accept, channel <> 'online') THEN
		d := tthc._apply(d, 'accept', ts, who, NULL, NULL, NULL, NULL, NULL);
	END IF;
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text, boolean, tthc.identity_kind) IS
	'receives a dossier: pins the procedure version; at the desk or by post accepts it (code, clock) unless accept => false; online it waits for acceptance';

CREATE FUNCTION tthc.transition(dossier bigint, event text, expected_version int DEFAULT NULL,
	note text DEFAULT NULL, happened_at timestamptz DEFAULT NULL,
	new_due_at timestamptz DEFAULT NULL, actor text DEFAULT NULL, by tthc.term DEFAULT NULL,
	to_agency text DEFAULT NULL, result tthc.result DEFAULT NULL)
RETURNS tthc.dossier
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
BEGIN
	IF event IS NULL THEN
		RAISE EXCEPTION 'event must not be null' USING ERRCODE = 'null_value_not_allowed',
			HINT = 'The events are listed by tthc.transitions().';
	END IF;
	SELECT * INTO d FROM tthc.dossier WHERE id = dossier FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	-- a forwarded dossier belongs to its new agency too
	PERFORM tthc._check_agency(ARRAY[d.agency, d.processing_agency]);
	IF expected_version IS NOT NULL AND d.version <> expected_version THEN
		RAISE EXCEPTION 'dossier % has changed: it is at version %, not %', dossier, d.version, expected_version
			USING ERRCODE = 'TH002',
				  HINT = 'Read the dossier again and retry with its current version.';
	END IF;
	RETURN tthc._apply(d, event, coalesce(happened_at, tthc.now()), coalesce(actor, session_user), note,
		new_due_at, by, to_agency, result);
END
$$;
COMMENT ON FUNCTION tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text, tthc.term, text, tthc.result) IS
	'performs an event on a dossier: locks it, checks legality and the expected version, moves the clock, appends hash-chained history and writes the outbox';

-- Receiving and moving dossiers is for the roles a DBA grants it to (tthc_officer, security.sql);
-- they run as tthc_owner, so that the history and outbox stay out of the callers' reach.
REVOKE EXECUTE ON FUNCTION tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text, boolean, tthc.identity_kind),
	tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text, tthc.term, text, tthc.result) FROM PUBLIC;

-- One function per event, each a call of tthc.transition.
CREATE FUNCTION tthc.accept(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'accept', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.accept(bigint, int, text, timestamptz, text) IS
	'accepts a complete dossier: assigns the code and starts the clock (Decree 61/2018 Art. 17(1))';

CREATE FUNCTION tthc.refuse(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'refuse', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.refuse(bigint, int, text, timestamptz, text) IS
	'refuses a dossier before acceptance, with the reason (Form 03; Decree 61/2018 Art. 16(2), Art. 17(2)(a))';

CREATE FUNCTION tthc.start_processing(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'start_processing', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.start_processing(bigint, int, text, timestamptz, text) IS
	'hands an accepted dossier to the processing unit of the receiving agency';

CREATE FUNCTION tthc.forward(dossier bigint, to_agency text, expected_version int DEFAULT NULL,
	note text DEFAULT NULL, happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'forward', $3, $4, $5, NULL, $6, NULL, $2)$$;
COMMENT ON FUNCTION tthc.forward(bigint, text, int, text, timestamptz, text) IS
	'forwards a dossier to the competent agency for processing (Decree 61/2018 Art. 18(3))';

CREATE FUNCTION tthc.request_supplement(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'request_supplement', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.request_supplement(bigint, int, text, timestamptz, text) IS
	'asks the applicant to supplement the dossier (Form 02): before acceptance without a clock; after it the first request within the window restarts or pauses the clock per policy, a later or second one only pauses it (Decree 61/2018 Art. 19(4))';

CREATE FUNCTION tthc.supplement_received(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'supplement_received', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.supplement_received(bigint, int, text, timestamptz, text) IS
	'records the supplemented dossier back: before acceptance it awaits the check again; after it the clock runs again';

CREATE FUNCTION tthc.request_payment(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'request_payment', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.request_payment(bigint, int, text, timestamptz, text) IS
	'asks the applicant to pay fees or taxes: the clock stops';

CREATE FUNCTION tthc.payment_received(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'payment_received', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.payment_received(bigint, int, text, timestamptz, text) IS
	'records the payment: the clock runs again';

CREATE FUNCTION tthc.withdraw(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'withdraw', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.withdraw(bigint, int, text, timestamptz, text) IS
	'records the applicant''s withdrawal of the dossier; one after the legal due stays late';

CREATE FUNCTION tthc.stop(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'stop', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.stop(bigint, int, text, timestamptz, text) IS
	'stops processing the dossier, with the reason in note (Form 05); a stop after the legal due stays late';

CREATE FUNCTION tthc.finish(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL, result tthc.result DEFAULT 'grant')
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'finish', $2, $3, $4, NULL, $5, NULL, NULL, $6)$$;
COMMENT ON FUNCTION tthc.finish(bigint, int, text, timestamptz, text, tthc.result) IS
	'records the result as ready, a grant or a refusal (Decree 61/2018 Art. 19(8)), scored against the legal due';

CREATE FUNCTION tthc.return_result(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'return_result', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.return_result(bigint, int, text, timestamptz, text) IS
	'records the result as returned to the applicant; a result ready in time and collected late is not the office''s lateness';

CREATE FUNCTION tthc.extend(dossier bigint, new_due_at timestamptz DEFAULT NULL, reason text DEFAULT NULL,
	expected_version int DEFAULT NULL, happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL,
	by tthc.term DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'extend', $4, $3, $5, $2, $6, $7)$$;
COMMENT ON FUNCTION tthc.extend(bigint, timestamptz, text, int, timestamptz, text, tthc.term) IS
	're-schedules the appointment once, with the reason, to an instant or by a term from the current appointment; the legal due does not move, and an extension later than one day before it is a late apology (Decree 61/2018 Art. 19(9))';

-- A step done by its unit (Decree 61/2018 Art. 19(6)-(7)): its own time is recorded for Circular
-- 01/2018 Art. 13 index 2, and the completion goes into the history and the outbox.
CREATE FUNCTION tthc.complete_step(dossier bigint, step int, happened_at timestamptz DEFAULT NULL,
	actor text DEFAULT NULL, note text DEFAULT NULL)
RETURNS tthc.dossier_step
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	s tthc.dossier_step;
	ts timestamptz := coalesce(happened_at, tthc.now());
BEGIN
	SELECT * INTO d FROM tthc.dossier x WHERE x.id = dossier FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	-- the agencies of the dossier, and the one responsible for the step (Decree 61/2018 Art. 19(6))
	PERFORM tthc._check_agency(ARRAY[d.agency, d.processing_agency,
		(SELECT ds.responsible_agency FROM tthc.dossier_step ds
		 WHERE ds.dossier = complete_step.dossier AND ds.step = complete_step.step)]);
	IF EXISTS (SELECT FROM tthc.status st WHERE st.code = d.status AND st.closed) THEN
		RAISE EXCEPTION 'dossier % is closed', dossier USING ERRCODE = 'TH003';
	END IF;
	PERFORM tthc._check_instant(ts, d.calendar, 'step completion time');
	IF ts < d.last_event_at THEN
		RAISE EXCEPTION 'step completion time % is before the dossier''s last event at %', ts, d.last_event_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO s FROM tthc.dossier_step ds
	WHERE ds.dossier = complete_step.dossier AND ds.step = complete_step.step AND ds.finished_at IS NULL;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % has no open step %', dossier, step USING ERRCODE = 'undefined_object';
	END IF;
	s.started_at := coalesce(s.started_at, d.clock_started_at);
	s.finished_at := ts;
	s.spent := tthc.working_time_between(s.started_at, ts, d.calendar);
	s.outcome := tthc._outcome(ts, s.due_at, d.calendar);
	PERFORM tthc._dossier_write(true);
	UPDATE tthc.dossier_step ds SET finished_at = s.finished_at, started_at = s.started_at,
		spent = s.spent, outcome = s.outcome
	WHERE ds.dossier = s.dossier AND ds.step = s.step;
	-- the next step can begin now
	UPDATE tthc.dossier_step ds SET started_at = ts
	WHERE ds.dossier = s.dossier AND ds.step = (SELECT min(n.step) FROM tthc.dossier_step n
		WHERE n.dossier = s.dossier AND n.step > s.step AND n.finished_at IS NULL);
	PERFORM tthc._dossier_write(false);
	PERFORM tthc._write(d, 'complete_step', d.status, ts, coalesce(actor, session_user), note, d.due_at,
		jsonb_build_object('step', s.step, 'unit', s.unit,
			'agency', coalesce(s.responsible_agency, d.processing_agency, d.agency),
			'started_at', s.started_at, 'spent', s.spent, 'outcome', s.outcome));
	RETURN s;
END
$$;
COMMENT ON FUNCTION tthc.complete_step(bigint, int, timestamptz, text, text) IS
	'records a step of a dossier as done by its unit, with the working time it took and its timeliness, in the history and the outbox';
REVOKE EXECUTE ON FUNCTION tthc.complete_step(bigint, int, timestamptz, text, text) FROM PUBLIC;

-- Re-projection: when calendar data changes (a holiday notice for a provisional year, an agency's
-- day off, a session), the legal due of every open dossier is counted again from its clock's start
-- and pauses on the calendar as it is now.  Each move is a history event with its reason and an
-- outbox row; closed dossiers never move.  An extended appointment, once given, stays.
CREATE FUNCTION tthc.reproject(calendar text DEFAULT NULL, reason text DEFAULT NULL)
RETURNS int
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	v tthc.procedure_version;
	p record;
	projected timestamptz;
	before timestamptz;
	appointment timestamptz;
	moved int := 0;
BEGIN
	FOR d IN
		WITH RECURSIVE cal(name) AS (
			SELECT c.name FROM tthc.calendar c WHERE reproject.calendar IS NULL OR c.name = reproject.calendar
			UNION
			SELECT c.name FROM tthc.calendar c JOIN cal ON c.parent = cal.name)
		SELECT x.* FROM tthc.dossier x
		WHERE x.clock IN ('running', 'paused') AND x.calendar IN (SELECT name FROM cal)
		ORDER BY x.id FOR UPDATE
	LOOP
		-- a pending restart is counted when it restarts
		CONTINUE WHEN d.clock = 'paused' AND d.paused_due_at IS NULL;
		SELECT * INTO STRICT v FROM tthc.procedure_version pv
		WHERE pv.procedure = d.procedure AND pv.version = d.procedure_version;
		-- the pauses since the clock's last start: pausing events and their resumptions, in order
		SELECT coalesce(array_agg(e.at ORDER BY e.seq) FILTER (WHERE e.event IN ('request_supplement', 'request_payment')), '{}') AS paused,
			   coalesce(array_agg(e.at ORDER BY e.seq) FILTER (WHERE e.event IN ('supplement_received', 'payment_received')), '{}') AS resumed
		INTO p
		FROM tthc.dossier_event e
		WHERE e.dossier = d.id AND e.at >= d.clock_started_at
		  AND e.seq > (SELECT max(s.seq) FROM tthc.dossier_event s WHERE s.dossier = d.id
					   AND s.event IN ('receive', 'accept', 'supplement_received') AND s.at = d.clock_started_at);
		projected := tthc._clock_project(d.clock_started_at, p.paused,
			p.resumed || array_fill(NULL::timestamptz, ARRAY[cardinality(p.paused) - cardinality(p.resumed)]),
			d.calendar, v.term, v.counting::text, v.cutoff, v.deem_receipt);
		before := CASE d.clock WHEN 'running' THEN d.legal_due_at ELSE d.paused_due_at END;
		CONTINUE WHEN projected = before;
		appointment := d.due_at;
		IF d.clock = 'running' THEN
			d.legal_due_at := projected;
			IF NOT d.extended THEN
				d.due_at := projected;
			END IF;
		ELSE
			d.paused_due_at := projected;
			d.remaining := tthc.working_time_between(d.paused_at, projected, d.calendar);
			IF NOT d.extended THEN
				d.paused_appointment := projected;
			END IF;
		END IF;
		PERFORM tthc._write(d, 'reproject', d.status, greatest(tthc.now(), d.last_event_at), session_user,
			coalesce(reason, 'calendar data changed'), appointment,
			jsonb_build_object('reason', coalesce(reason, 'calendar data changed'), 'legal_due_before', before));
		moved := moved + 1;
	END LOOP;
	RETURN moved;
END
$$;
COMMENT ON FUNCTION tthc.reproject(text, text) IS
	'counts the legal due of every open dossier of a calendar (and the calendars that inherit from it; NULL: all) again on the calendar as it is now, and journals each move; returns how many moved';
REVOKE EXECUTE ON FUNCTION tthc.reproject(text, text) FROM PUBLIC;

CREATE FUNCTION tthc._calendar_reproject()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM tthc.reproject(NULL, format('calendar data changed (%s)', TG_TABLE_NAME));
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION tthc._calendar_reproject() IS
	'internal: re-projects the open dossiers after a change of calendar data, in the same transaction';
REVOKE ALL ON FUNCTION tthc._calendar_reproject() FROM PUBLIC;
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar_session
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_reproject();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_reproject();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.holiday_notice
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_reproject();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.holiday_notice_day
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_reproject();
CREATE TRIGGER calendar_reproject AFTER UPDATE ON tthc.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._calendar_reproject();

-- A procedure version that dossiers were received under keeps its rules: they are read again when
-- the clock starts, restarts or is re-projected.  Publish a new version instead.  The check reads
-- the dossiers with the extension's rights, so that a catalogue administrator need not read them.
CREATE FUNCTION tthc._version_in_use()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (NEW.term OPERATOR(tthc.<>) OLD.term
		OR NEW.supplement_window OPERATOR(tthc.<>) OLD.supplement_window
		OR (NEW.counting, NEW.cutoff, NEW.supplement_policy, NEW.deem_receipt)
		   IS DISTINCT FROM (OLD.counting, OLD.cutoff, OLD.supplement_policy, OLD.deem_receipt))
	   AND EXISTS (SELECT FROM tthc.dossier d
				   WHERE d.procedure = OLD.procedure AND d.procedure_version = OLD.version) THEN
		RAISE EXCEPTION 'version % of procedure "%" is in use by dossiers', OLD.version, OLD.procedure
			USING ERRCODE = 'object_in_use',
				  HINT = 'Add a new version with its own effective dates instead of changing the time limit or its policies.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._version_in_use() IS
	'internal: keeps the time limit and policies of a procedure version that dossiers use';
REVOKE ALL ON FUNCTION tthc._version_in_use() FROM PUBLIC;
CREATE TRIGGER procedure_version_in_use BEFORE UPDATE ON tthc.procedure_version
	FOR EACH ROW EXECUTE FUNCTION tthc._version_in_use();
