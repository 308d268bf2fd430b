-- dossier.sql: dossiers, their state machine, clock, hash-chained history and notification outbox.
--
-- Decree 61/2018/NĐ-CP (amended by Decree 107/2021): Art. 17(1) the clock starts when a complete,
-- valid dossier is accepted and the dossier code is assigned; Art. 19(4) supplement requests;
-- Art. 19(9) at most one re-scheduling.  Circular 01/2018/TT-VPCP Art. 19: dossier codes; Art. 13:
-- early / on time / late.  Decree 224/2026: every status change is notified at once.

CREATE TYPE tthc.channel AS ENUM ('desk', 'online', 'post');
COMMENT ON TYPE tthc.channel IS 'how a dossier reached the agency: at the one-stop desk, online, by post';

CREATE TYPE tthc.clock_state AS ENUM ('not_started', 'running', 'paused', 'stopped');
COMMENT ON TYPE tthc.clock_state IS 'state of a dossier''s time-limit clock';

CREATE TYPE tthc.outcome AS ENUM ('early', 'on_time', 'late');
COMMENT ON TYPE tthc.outcome IS
	'timeliness of a result (Circular 01/2018 Art. 13: 2 early, 1 on time, 0 late)';

CREATE FUNCTION tthc.statuses(OUT code int, OUT name_vi text, OUT name_en text, OUT closed boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'tthc_statuses'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION tthc.statuses() IS 'the ten national dossier statuses with their codes';

CREATE VIEW tthc.status AS SELECT * FROM tthc.statuses();
COMMENT ON VIEW tthc.status IS 'the ten national dossier statuses (National Public Service Portal codes)';
GRANT SELECT ON tthc.status TO PUBLIC;

CREATE FUNCTION tthc.transitions(OUT from_status int, OUT event text, OUT to_status int, OUT clock text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'tthc_transitions'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 22;
COMMENT ON FUNCTION tthc.transitions() IS 'the legal transitions between statuses and their effect on the clock';

CREATE FUNCTION tthc._transition(from_status int, event text, OUT to_status int, OUT clock text)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_transition_lookup'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._transition(int, text) IS
	'internal: the target of an event in a status, or the illegal-transition / closed-dossier error';

CREATE FUNCTION tthc._dossier_write(on_off boolean)
RETURNS void
AS 'MODULE_PATHNAME', 'tthc_dossier_write'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION tthc._dossier_write(boolean) IS 'internal: opens and closes the dossier write guard';
REVOKE ALL ON FUNCTION tthc._dossier_write(boolean) FROM PUBLIC;

CREATE FUNCTION tthc._dossier_writing()
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_dossier_writing'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION tthc._dossier_writing() IS 'internal: true inside tthc''s own dossier writes';

CREATE TABLE tthc.dossier (
	id				bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	agency			text NOT NULL REFERENCES tthc.agency ON DELETE RESTRICT,
	code			text UNIQUE,
	procedure		text NOT NULL,
	procedure_version int NOT NULL,
	calendar		text NOT NULL,
	applicant_name	text NOT NULL,
	applicant_id	text CHECK (applicant_id ~ '^[0-9]{12}$'),
	applicant_phone	text,
	applicant_email	text,
	channel			tthc.channel NOT NULL,
	submitted_at	timestamptz NOT NULL,
	received_at		timestamptz,
	status			int NOT NULL CHECK (status BETWEEN 1 AND 10),
	version			int NOT NULL DEFAULT 1,
	clock			tthc.clock_state NOT NULL DEFAULT 'not_started',
	clock_started_at timestamptz,
	remaining		interval,
	paused_due_at	timestamptz,
	due_at			timestamptz,
	original_due_at	timestamptz,
	extended		boolean NOT NULL DEFAULT false,
	supplements		int NOT NULL DEFAULT 0,
	finished_at		timestamptz,
	finish_outcome	tthc.outcome,
	returned_at		timestamptz,
	return_outcome	tthc.outcome,
	last_event_at	timestamptz NOT NULL,
	last_seq		int NOT NULL DEFAULT 0,
	last_hash		bytea,
	FOREIGN KEY (procedure, procedure_version) REFERENCES tthc.procedure_version ON DELETE RESTRICT
);
CREATE INDEX ON tthc.dossier (agency, status);
CREATE INDEX ON tthc.dossier (procedure, procedure_version);
CREATE INDEX dossier_open_due ON tthc.dossier (due_at) WHERE status IN (2, 4) AND due_at IS NOT NULL;
COMMENT ON TABLE tthc.dossier IS
	'administrative dossiers (hồ sơ): state, clock and due instant; changed only through tthc.transition()';
COMMENT ON COLUMN tthc.dossier.code IS 'dossier code <agency>-YYMMDD-XXXX, assigned on acceptance (Circular 01/2018 Art. 19)';
COMMENT ON COLUMN tthc.dossier.remaining IS 'working time left on the clock while it is paused';
COMMENT ON COLUMN tthc.dossier.paused_due_at IS 'the due instant when the clock was paused (PAUSE policy, fees)';
COMMENT ON COLUMN tthc.dossier.due_at IS 'current due instant; NULL while the clock is not running';

CREATE TABLE tthc.dossier_event (
	dossier			bigint NOT NULL REFERENCES tthc.dossier ON DELETE RESTRICT,
	seq				int NOT NULL,
	agency			text NOT NULL,
	at				timestamptz NOT NULL,
	event			text NOT NULL,
	from_status		int,
	to_status		int NOT NULL,
	actor			text NOT NULL,
	note			text,
	due_at_before	timestamptz,
	due_at_after	timestamptz,
	login			text NOT NULL,
	recorded_at		timestamptz NOT NULL,
	prev_hash		bytea,
	hash			bytea NOT NULL,
	PRIMARY KEY (dossier, seq)
);
COMMENT ON TABLE tthc.dossier_event IS
	'append-only history of every dossier; each row carries the SHA-256 of its content and of the row before';
COMMENT ON COLUMN tthc.dossier_event.at IS 'when the event happened, as the caller says';
COMMENT ON COLUMN tthc.dossier_event.actor IS 'who acted, as the application says (an officer''s name)';
COMMENT ON COLUMN tthc.dossier_event.login IS 'the database login that recorded the event (session_user)';
COMMENT ON COLUMN tthc.dossier_event.recorded_at IS 'when the event was recorded (transaction start)';

CREATE TABLE tthc.dossier_step (
	dossier			bigint NOT NULL REFERENCES tthc.dossier ON DELETE RESTRICT,
	step			int NOT NULL,
	agency			text NOT NULL,
	name			text NOT NULL,
	unit			text NOT NULL,
	budget			tthc.term NOT NULL,
	due_at			timestamptz NOT NULL,
	finished_at		timestamptz,
	PRIMARY KEY (dossier, step)
);
COMMENT ON TABLE tthc.dossier_step IS
	'internal steps of a dossier with their responsible units and step due instants (Decree 61 Art. 19(6))';

CREATE TABLE tthc.outbox (
	id				bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	event			text NOT NULL,
	status			int NOT NULL,
	payload			jsonb NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	sent_at			timestamptz
);
CREATE INDEX outbox_unsent ON tthc.outbox (id) WHERE sent_at IS NULL;
COMMENT ON TABLE tthc.outbox IS
	'one row per status change, for the application''s SMS / e-mail / Zalo sender; NOTIFY tthc_dossier announces each';

CREATE TABLE tthc.dossier_counter (
	agency			text NOT NULL,
	day				date NOT NULL,
	last			int NOT NULL,
	PRIMARY KEY (agency, day)
);
COMMENT ON TABLE tthc.dossier_counter IS 'last dossier sequence number per receiving agency and day';

SELECT pg_catalog.pg_extension_config_dump('tthc.dossier', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_event', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_step', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.outbox', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_counter', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.outbox_id_seq', '');

-- Direct writes: a dossier's managed columns change only inside tthc's transition code; history
-- rows are never updated or deleted.
CREATE FUNCTION tthc._dossier_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP = 'UPDATE'
	   AND (NEW.id, NEW.agency, NEW.code, NEW.procedure, NEW.procedure_version, NEW.calendar,
			NEW.applicant_name, NEW.applicant_id,
			NEW.channel, NEW.submitted_at, NEW.received_at, NEW.status, NEW.version, NEW.clock,
			NEW.clock_started_at, NEW.remaining, NEW.paused_due_at, NEW.due_at, NEW.original_due_at, NEW.extended,
			NEW.supplements, NEW.finished_at, NEW.finish_outcome, NEW.returned_at,
			NEW.return_outcome, NEW.last_event_at, NEW.last_seq, NEW.last_hash)
		IS NOT DISTINCT FROM
		   (OLD.id, OLD.agency, OLD.code, OLD.procedure, OLD.procedure_version, OLD.calendar,
			OLD.applicant_name, OLD.applicant_id,
			OLD.channel, OLD.submitted_at, OLD.received_at, OLD.status, OLD.version, OLD.clock,
			OLD.clock_started_at, OLD.remaining, OLD.paused_due_at, OLD.due_at, OLD.original_due_at, OLD.extended,
			OLD.supplements, OLD.finished_at, OLD.finish_outcome, OLD.returned_at,
			OLD.return_outcome, OLD.last_event_at, OLD.last_seq, OLD.last_hash) THEN
		RETURN NEW;				-- the applicant's phone and e-mail may be corrected directly
	END IF;
	RAISE EXCEPTION 'direct % of a dossier''s state is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'Use tthc.receive() and tthc.transition() (or accept, finish, ...); only the applicant''s phone and e-mail may be updated directly.';
END
$$;
COMMENT ON FUNCTION tthc._dossier_guard() IS 'internal: refuses direct writes of dossier state';
CREATE TRIGGER dossier_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.dossier
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._dossier_guard();

CREATE FUNCTION tthc._history_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'dossier history is append-only: % is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'History rows are written by tthc.transition() and never changed.';
END
$$;
COMMENT ON FUNCTION tthc._history_guard() IS 'internal: keeps dossier history append-only';
CREATE TRIGGER dossier_event_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.dossier_event
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._history_guard();
CREATE TRIGGER dossier_event_truncate BEFORE TRUNCATE ON tthc.dossier_event
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._history_guard();

-- The canonical content of a history row, hashed with the previous row's hash (SHA-256, OpenSSL).
CREATE FUNCTION tthc._event_canonical(dossier bigint, seq int, agency text, at timestamptz,
	event text, from_status int, to_status int, actor text, note text,
	due_at_before timestamptz, due_at_after timestamptz, login text, recorded_at timestamptz)
RETURNS bytea
AS 'MODULE_PATHNAME', 'tthc_event_canonical'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._event_canonical(bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz) IS
	'canonical bytes of a history row that its hash covers: fields in order, instants as microseconds, texts length-prefixed';

CREATE FUNCTION tthc._event_hash(prev bytea, dossier bigint, seq int, agency text, at timestamptz,
	event text, from_status int, to_status int, actor text, note text,
	due_at_before timestamptz, due_at_after timestamptz, login text, recorded_at timestamptz)
RETURNS bytea
AS 'MODULE_PATHNAME', 'tthc_event_hash'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._event_hash(bytea, bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz) IS
	'SHA-256 of the previous hash and the canonical content of a history row';

CREATE FUNCTION tthc._outcome(done timestamptz, due timestamptz, calendar text)
RETURNS tthc.outcome
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE
	WHEN done > due THEN 'late'
	-- early: on a day before the due day (Circular 01/2018 Art. 13)
	WHEN (done AT TIME ZONE tz)::date < ((due - interval '1 microsecond') AT TIME ZONE tz)::date THEN 'early'
	ELSE 'on_time' END::tthc.outcome
FROM (SELECT tthc.calendar_timezone(calendar) AS tz) z
$$;
COMMENT ON FUNCTION tthc._outcome(timestamptz, timestamptz, text) IS
	'early (a day before the due day), on time, or late (after the due instant)';

-- Dossier codes: <agency>-YYMMDD-XXXX, a gapless sequence per receiving agency and day.
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
	m text[] := regexp_match(code, '^\s*(.+?)-((?:[0-9]{2})?[0-9]{6})-([0-9]{4,7})\s*$');
BEGIN
	IF m IS NULL THEN
		RAISE EXCEPTION 'invalid dossier code: "%"', code
			USING ERRCODE = 'invalid_text_representation',
				  HINT = 'A dossier code is <agency code>-YYMMDD-XXXX, for example 000.00.00.H30-260115-0001.';
	END IF;
	agency := m[1];
	BEGIN
		received := to_date(m[2], CASE WHEN length(m[2]) = 8 THEN 'YYYYMMDD' ELSE 'YYMMDD' END);
	EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
		RAISE EXCEPTION 'invalid dossier code: "%"', code
			USING ERRCODE = 'invalid_text_representation', DETAIL = format('"%s" is not a date.', m[2]);
	END;
	seq := m[3]::int;
END
$$;
COMMENT ON FUNCTION tthc.parse_dossier_code(text) IS
	'parts of a dossier code, read leniently (8-digit dates, 4-7 digit sequences)';

-- The due instant after a pause: the old one moved by the time the clock stood still, measured in
-- the time limit's own unit.  Days (working, calendar, same day): the due day moves by the working
-- (or calendar) days from the pause day to the resumption day, keeping its time of day (end of
-- work, 24:00, or the working-time policy's hour).  Working hours: the working time that was left
-- runs again from the resumption.  Hours: the elapsed pause is added.
CREATE FUNCTION tthc._resumed_due(t tthc.term, calendar text, paused_at timestamptz,
	paused_due timestamptz, remaining interval, resumed_at timestamptz)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_resumed_due'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._resumed_due(tthc.term, text, timestamptz, timestamptz, interval, timestamptz) IS
	'internal: the due instant after a pause, moved by the pause measured in the time limit''s unit';

-- Write dossier d after an event, in one statement: its managed columns, the history row (hash
-- chained on the dossier's last hash), the outbox row and the NOTIFY.  Returns the new last hash.
CREATE FUNCTION tthc._write(d tthc.dossier, event text, from_status int, happened_at timestamptz,
	actor text, note text, due_before timestamptz)
RETURNS bytea
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	h bytea := tthc._event_hash(d.last_hash, d.id, d.last_seq, d.agency, happened_at, event,
		from_status, d.status, actor, note, due_before, d.due_at, session_user, now());
	message jsonb := jsonb_build_object('dossier', d.id, 'code', d.code, 'agency', d.agency,
		'event', event, 'status', d.status, 'due_at', d.due_at, 'at', happened_at);
	sent int;
BEGIN
	PERFORM tthc._dossier_write(true);
	WITH u AS (
		UPDATE tthc.dossier SET
			code = d.code, received_at = d.received_at, status = d.status, version = d.version,
			clock = d.clock, clock_started_at = d.clock_started_at, remaining = d.remaining,
			paused_due_at = d.paused_due_at,
			due_at = d.due_at, original_due_at = d.original_due_at, extended = d.extended,
			supplements = d.supplements, finished_at = d.finished_at, finish_outcome = d.finish_outcome,
			returned_at = d.returned_at, return_outcome = d.return_outcome,
			last_event_at = d.last_event_at, last_seq = d.last_seq, last_hash = h
		WHERE id = d.id),
	e AS (
		INSERT INTO tthc.dossier_event (dossier, seq, agency, at, event, from_status, to_status,
			actor, note, due_at_before, due_at_after, login, recorded_at, prev_hash, hash)
		VALUES (d.id, d.last_seq, d.agency, happened_at, event, from_status, d.status,
			actor, note, due_before, d.due_at, session_user, now(), d.last_hash, h)),
	o AS (
		INSERT INTO tthc.outbox (dossier, agency, event, status, payload)
		VALUES (d.id, d.agency, event, d.status, message)
		RETURNING id)
	SELECT count(pg_notify('tthc_dossier', (message || jsonb_build_object('outbox', o.id))::text))
	INTO sent FROM o;
	PERFORM tthc._dossier_write(false);
	RETURN h;
END
$$;
COMMENT ON FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz) IS
	'internal: writes a dossier after an event with its hash-chained history row, outbox row and NOTIFY';
REVOKE ALL ON FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz) FROM PUBLIC;

-- Start the clock of dossier d at ts: code, due instant, step due instants.
-- Plan the steps of dossier d from instant ts: each step is due when the budgets of the steps up to
-- it have run from ts (budgets share the unit of the time limit, so they add up).
CREATE FUNCTION tthc._plan_steps(d tthc.dossier, v tthc.procedure_version, ts timestamptz)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
INSERT INTO tthc.dossier_step AS ds (dossier, step, agency, name, unit, budget, due_at)
SELECT d.id, s.step, d.agency, s.name, s.unit, s.budget,
	CASE WHEN tthc.term_unit(s.budget) = 'same_day' THEN d.due_at
		 ELSE tthc.due_at(ts, tthc.make_term(s.spent::int, tthc.term_unit(s.budget)), d.calendar,
			v.counting, v.cutoff) END
FROM (SELECT ps.*, sum(tthc.term_amount(ps.budget)) OVER (ORDER BY ps.step) AS spent
	  FROM tthc.procedure_step ps
	  WHERE ps.procedure = d.procedure AND ps.version = d.procedure_version) s
ON CONFLICT (dossier, step) DO UPDATE SET due_at = excluded.due_at
$$;
COMMENT ON FUNCTION tthc._plan_steps(tthc.dossier, tthc.procedure_version, timestamptz) IS
	'internal: the due instants of a dossier''s steps, counted from the start of its clock';
REVOKE ALL ON FUNCTION tthc._plan_steps(tthc.dossier, tthc.procedure_version, timestamptz) FROM PUBLIC;

-- Move the open steps of dossier d, paused since its last event, like the dossier itself.
CREATE FUNCTION tthc._resume_steps(d tthc.dossier, v tthc.procedure_version, ts timestamptz)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
UPDATE tthc.dossier_step ds
SET due_at = tthc._resumed_due(v.term, d.calendar, d.last_event_at, ds.due_at,
	tthc.working_time_between(d.last_event_at, ds.due_at, d.calendar), ts)
WHERE ds.dossier = d.id AND ds.finished_at IS NULL
$$;
COMMENT ON FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz) IS
	'internal: moves the open steps of a dossier whose clock resumes';
REVOKE ALL ON FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz) FROM PUBLIC;

CREATE FUNCTION tthc._start_clock(d tthc.dossier, ts timestamptz)
RETURNS tthc.dossier
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v tthc.procedure_version;
BEGIN
	SELECT * INTO STRICT v FROM tthc.procedure_version
	WHERE procedure = d.procedure AND version = d.procedure_version;
	d.received_at := ts;
	d.code := tthc._next_dossier_code(d.agency, (ts AT TIME ZONE tthc.calendar_timezone(d.calendar))::date);
	d.clock := 'running';
	d.clock_started_at := ts;
	d.due_at := tthc.due_at(ts, v.term, d.calendar, v.counting, v.cutoff);
	d.original_due_at := d.due_at;
	PERFORM tthc._plan_steps(d, v, ts);
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc._start_clock(tthc.dossier, timestamptz) IS
	'internal: assigns the code and starts the clock of an accepted dossier';
REVOKE ALL ON FUNCTION tthc._start_clock(tthc.dossier, timestamptz) FROM PUBLIC;

CREATE FUNCTION tthc.receive(agency text, procedure text, applicant_name text,
	applicant_id text DEFAULT NULL, channel tthc.channel DEFAULT 'desk',
	received_at timestamptz DEFAULT NULL, applicant_phone text DEFAULT NULL,
	applicant_email text DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	a record;
	ts timestamptz := coalesce(received_at, now());
	day date;
BEGIN
	SELECT g.code, g.calendar, g.valid_from, g.valid_to, g.successor INTO a
	FROM tthc.agency g WHERE g.code = receive.agency;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', agency
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	day := (ts AT TIME ZONE tthc.calendar_timezone(a.calendar))::date;
	IF day < a.valid_from OR day > a.valid_to OR a.successor IS NOT NULL AND a.valid_to IS NULL THEN
		RAISE EXCEPTION 'agency "%" does not receive dossiers on %', agency, day
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('The agency is in force from %s to %s.', a.valid_from, coalesce(a.valid_to::text, 'now')),
				  HINT = CASE WHEN a.successor IS NOT NULL
					THEN format('It was merged into "%s".', tthc.agency_successor(agency))
					ELSE 'Receive the dossier at an agency in force on that day.' END;
	END IF;
	IF applicant_id IS NOT NULL AND applicant_id !~ '^[0-9]{12}$' THEN
		RAISE EXCEPTION 'invalid citizen identity number: "%"', applicant_id
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'A Vietnamese citizen identity number (CCCD) has 12 digits.';
	END IF;
	IF ts > now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'receipt time % is in the future', ts
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Dossiers are recorded when they are received; the time may lie in the past, not ahead.';
	END IF;
	IF procedure IS NULL OR channel IS NULL THEN
		RAISE EXCEPTION 'procedure and channel must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF coalesce(btrim(applicant_name), '') = '' THEN
		RAISE EXCEPTION 'applicant name must not be empty' USING ERRCODE = 'invalid_parameter_value';
	END IF;

	d.agency := agency;
	d.procedure := procedure;
	d.procedure_version := (tthc.procedure_version_at(procedure, day)).version;
	d.calendar := a.calendar;
	d.applicant_name := normalize(btrim(applicant_name), NFC);
	d.applicant_id := applicant_id;
	d.applicant_phone := applicant_phone;
	d.applicant_email := applicant_email;
	d.channel := channel;
	d.submitted_at := ts;
	d.status := 1;
	d.version := 1;
	d.clock := 'not_started';
	d.extended := false;
	d.supplements := 0;
	d.last_event_at := ts;
	d.last_seq := 1;

	PERFORM tthc._dossier_write(true);
	INSERT INTO tthc.dossier (agency, procedure, procedure_version, calendar, applicant_name,
		applicant_id, applicant_phone, applicant_email, channel, submitted_at, status, last_event_at, last_seq)
	VALUES (d.agency, d.procedure, d.procedure_version, d.calendar, d.applicant_name,
		d.applicant_id, d.applicant_phone, d.applicant_email, d.channel, d.submitted_at, 1, ts, 1)
	RETURNING id INTO d.id;
	PERFORM tthc._dossier_write(false);
	-- at the desk or by post a complete dossier is accepted on receipt: the clock starts now
	IF channel <> 'online' THEN
		d.status := 2;
		d := tthc._start_clock(d, ts);
	END IF;
	d.last_hash := tthc._write(d, 'receive', NULL, ts, coalesce(actor, session_user), NULL, NULL);
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text) IS
	'receives a dossier: pins the procedure version; at the desk or by post accepts it (code, clock); online it waits for acceptance';

CREATE FUNCTION tthc.transition(dossier bigint, event text, expected_version int DEFAULT NULL,
	note text DEFAULT NULL, happened_at timestamptz DEFAULT NULL,
	new_due_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	t record;
	v tthc.procedure_version;
	ts timestamptz := coalesce(happened_at, now());
	from_status int;
	due_before timestamptz;
BEGIN
	IF event IS NULL THEN
		RAISE EXCEPTION 'event must not be null' USING ERRCODE = 'null_value_not_allowed',
			HINT = 'The events are listed by tthc.transitions().';
	END IF;
	SELECT * INTO d FROM tthc.dossier WHERE id = dossier FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	IF expected_version IS NOT NULL AND d.version <> expected_version THEN
		RAISE EXCEPTION 'dossier % has changed: it is at version %, not %', dossier, d.version, expected_version
			USING ERRCODE = 'TH002',
				  HINT = 'Read the dossier again and retry with its current version.';
	END IF;
	t := tthc._transition(d.status, event);
	IF ts > now() + interval '5 minutes' THEN
		RAISE EXCEPTION 'event time % is in the future', ts
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Events are recorded when they happen; their time may lie in the past, not ahead.';
	END IF;
	IF ts < d.last_event_at THEN
		RAISE EXCEPTION 'event time % is before the dossier''s last event at %', ts, d.last_event_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	from_status := d.status;
	due_before := d.due_at;
	IF t.clock IN ('suspend_supplement', 'resume_supplement', 'resume_payment') THEN
		SELECT * INTO STRICT v FROM tthc.procedure_version pv
		WHERE pv.procedure = d.procedure AND pv.version = d.procedure_version;
	END IF;

	CASE t.clock
	WHEN 'start' THEN
		d := tthc._start_clock(d, ts);
	WHEN 'suspend_supplement' THEN
		-- Decree 61 Art. 19(4): RESTART counts the whole limit again once the dossier is complete;
		-- PAUSE keeps what was left
		d.supplements := d.supplements + 1;
		IF v.supplement_policy = 'pause' THEN
			d.remaining := tthc.working_time_between(ts, d.due_at, d.calendar);
			d.paused_due_at := d.due_at;
		END IF;
		d.clock := 'paused';
		d.due_at := NULL;
	WHEN 'resume_supplement' THEN
		IF v.supplement_policy = 'pause' THEN
			d.due_at := tthc._resumed_due(v.term, d.calendar, d.last_event_at, d.paused_due_at,
				d.remaining, ts);
			PERFORM tthc._resume_steps(d, v, ts);
		ELSE
			d.due_at := tthc.due_at(ts, v.term, d.calendar, v.counting, v.cutoff);
			d.clock_started_at := ts;
			PERFORM tthc._plan_steps(d, v, ts);
		END IF;
		d.remaining := NULL;
		d.paused_due_at := NULL;
		d.clock := 'running';
	WHEN 'suspend_payment' THEN
		d.remaining := tthc.working_time_between(ts, d.due_at, d.calendar);
		d.paused_due_at := d.due_at;
		d.clock := 'paused';
		d.due_at := NULL;
	WHEN 'resume_payment' THEN
		d.due_at := tthc._resumed_due(v.term, d.calendar, d.last_event_at, d.paused_due_at,
			d.remaining, ts);
		PERFORM tthc._resume_steps(d, v, ts);
		d.remaining := NULL;
		d.paused_due_at := NULL;
		d.clock := 'running';
	WHEN 'extend' THEN
		-- Decree 61 Art. 19(9): the return date may be re-scheduled at most once
		IF d.extended THEN
			RAISE EXCEPTION 'dossier % has already been re-scheduled once', dossier
				USING ERRCODE = 'TH005',
					  DETAIL = 'Decree 61/2018 Art. 19(9) allows at most one new appointment.';
		END IF;
		IF new_due_at IS NULL OR new_due_at <= d.due_at THEN
			RAISE EXCEPTION 'a new appointment must be later than the current due instant %', d.due_at
				USING ERRCODE = 'invalid_parameter_value';
		END IF;
		d.due_at := new_due_at;
		d.extended := true;
	WHEN 'finish' THEN
		d.finished_at := ts;
		d.finish_outcome := tthc._outcome(ts, d.due_at, d.calendar);
		d.clock := 'stopped';
	WHEN 'return' THEN
		d.returned_at := ts;
		d.return_outcome := tthc._outcome(ts, d.due_at, d.calendar);
	WHEN 'stop' THEN
		d.clock := 'stopped';
	ELSE
		NULL;
	END CASE;

	d.status := t.to_status;
	d.version := d.version + 1;
	d.last_event_at := ts;
	d.last_seq := d.last_seq + 1;
	d.last_hash := tthc._write(d, event, from_status, ts, coalesce(actor, session_user), note, due_before);
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text) IS
	'performs an event on a dossier: locks it, checks legality and the expected version, moves the clock, appends hash-chained history and writes the outbox';

-- Receiving and moving dossiers is for the roles a DBA grants it to (they run as the extension's
-- owner, so that the history and outbox stay out of the callers' reach).
REVOKE EXECUTE ON FUNCTION tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text),
	tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text) FROM PUBLIC;

-- One convenience function per event, all alike.
DO $$
DECLARE
	e record;
BEGIN
	FOR e IN SELECT * FROM (VALUES
		('accept', 'accepts an online submission: assigns the code and starts the clock (Decree 61 Art. 17(1))'),
		('refuse', 'refuses an online submission at the desk'),
		('start_processing', 'hands an accepted dossier to the processing unit'),
		('request_supplement', 'asks the applicant to supplement the dossier: the clock restarts or pauses per policy (Decree 61 Art. 19(4))'),
		('supplement_received', 'records the complete dossier back: the clock runs again'),
		('request_payment', 'asks the applicant to pay fees or taxes: the clock stops'),
		('payment_received', 'records the payment: the clock runs again'),
		('withdraw', 'records the applicant''s withdrawal of the dossier'),
		('stop', 'stops processing the dossier'),
		('finish', 'records the result as ready, with its timeliness'),
		('return_result', 'records the result as returned to the applicant, with its timeliness')) AS v(name, what)
	LOOP
		EXECUTE format($f$
			CREATE FUNCTION tthc.%1$I(dossier bigint, expected_version int DEFAULT NULL,
				note text DEFAULT NULL, happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
			RETURNS tthc.dossier
			LANGUAGE sql
			SET search_path = pg_catalog, pg_temp
			AS $b$SELECT tthc.transition($1, %2$L, $2, $3, $4, NULL, $5)$b$
			$f$, e.name, e.name);
		EXECUTE format('COMMENT ON FUNCTION tthc.%I(bigint, int, text, timestamptz, text) IS %L',
			e.name, e.what);
	END LOOP;
END
$$;

CREATE FUNCTION tthc.extend(dossier bigint, new_due_at timestamptz, reason text,
	expected_version int DEFAULT NULL, happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS 'SELECT tthc.transition($1, ''extend'', $4, $3, $5, $2, $6)';
COMMENT ON FUNCTION tthc.extend(bigint, timestamptz, text, int, timestamptz, text) IS
	're-schedules the return of a dossier once, with the reason (Decree 61 Art. 19(9))';

CREATE FUNCTION tthc.complete_step(dossier bigint, step int, happened_at timestamptz DEFAULT NULL)
RETURNS tthc.dossier_step
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	s tthc.dossier_step;
BEGIN
	IF EXISTS (SELECT FROM tthc.dossier x JOIN tthc.status st ON st.code = x.status
			   WHERE x.id = dossier AND st.closed) THEN
		RAISE EXCEPTION 'dossier % is closed', dossier USING ERRCODE = 'TH003';
	END IF;
	UPDATE tthc.dossier_step ds SET finished_at = coalesce(happened_at, now())
	WHERE ds.dossier = complete_step.dossier AND ds.step = complete_step.step AND ds.finished_at IS NULL
	RETURNING * INTO s;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % has no open step %', dossier, step USING ERRCODE = 'undefined_object';
	END IF;
	RETURN s;
END
$$;
COMMENT ON FUNCTION tthc.complete_step(bigint, int, timestamptz) IS
	'records a step of a dossier as done by its unit';
REVOKE EXECUTE ON FUNCTION tthc.complete_step(bigint, int, timestamptz) FROM PUBLIC;

CREATE FUNCTION tthc.verify_history(dossier bigint,
	OUT valid boolean, OUT events int, OUT first_broken_seq int, OUT reason text)
RETURNS record
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	e tthc.dossier_event;
	prev bytea := NULL;
	expected int := 1;
	last bytea;
BEGIN
	SELECT d.last_hash INTO last FROM tthc.dossier d WHERE d.id = dossier;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	valid := true;
	events := 0;
	FOR e IN SELECT * FROM tthc.dossier_event de WHERE de.dossier = verify_history.dossier ORDER BY seq LOOP
		events := events + 1;
		IF e.seq <> expected THEN
			reason := format('event %s is missing', expected);
		ELSIF e.prev_hash IS DISTINCT FROM prev THEN
			reason := format('event %s does not link to the hash of event %s', e.seq, e.seq - 1);
		ELSIF e.hash <> tthc._event_hash(prev, e.dossier, e.seq, e.agency, e.at, e.event,
				e.from_status, e.to_status, e.actor, e.note, e.due_at_before, e.due_at_after,
				e.login, e.recorded_at) THEN
			reason := format('the content of event %s does not match its hash', e.seq);
		END IF;
		IF reason IS NOT NULL THEN
			valid := false;
			first_broken_seq := least(e.seq, expected);
			RETURN;
		END IF;
		prev := e.hash;
		expected := expected + 1;
	END LOOP;
	IF prev IS DISTINCT FROM last THEN
		valid := false;
		first_broken_seq := expected;
		reason := 'the last event is not the one the dossier records';
	END IF;
END
$$;
COMMENT ON FUNCTION tthc.verify_history(bigint) IS
	'checks the SHA-256 chain of a dossier''s history and reports the first broken link';

-- A procedure version that dossiers were received under keeps its rules: they are read again when
-- the clock starts or restarts.  Publish a new version instead.
CREATE FUNCTION tthc._version_in_use()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (NEW.term OPERATOR(tthc.<>) OLD.term
		OR (NEW.counting, NEW.cutoff, NEW.supplement_policy)
		   IS DISTINCT FROM (OLD.counting, OLD.cutoff, OLD.supplement_policy))
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
CREATE TRIGGER procedure_version_in_use BEFORE UPDATE ON tthc.procedure_version
	FOR EACH ROW EXECUTE FUNCTION tthc._version_in_use();
