-- dossier.sql: dossiers and their tables: statuses and transitions, the dossier row, its history,
-- steps and outbox, and the guards that keep them changed only by tthc's own code.  The history's
-- hashing and verification are in history.sql, the clock in clock.sql, the API in dossier_api.sql.
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

CREATE TYPE tthc.result AS ENUM ('grant', 'refusal');
COMMENT ON TYPE tthc.result IS
	'what a finished dossier resolved: the request granted, or refused after appraisal (Decree 61/2018 Art. 19(8))';

CREATE FUNCTION tthc.statuses(OUT code int, OUT name_vi text, OUT name_en text, OUT closed boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'tthc_statuses'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION tthc.statuses() IS 'the ten national dossier statuses with their codes';

CREATE VIEW tthc.status AS SELECT * FROM tthc.statuses();
COMMENT ON VIEW tthc.status IS 'the ten national dossier statuses (National Public Service Portal codes)';
GRANT SELECT ON tthc.status TO PUBLIC;

CREATE FUNCTION tthc.transitions(OUT from_status int, OUT event text, OUT to_status int, OUT clock text,
	OUT phase text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'tthc_transitions'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 28;
COMMENT ON FUNCTION tthc.transitions() IS
	'the legal transitions between statuses, their effect on the clock, and whether they apply before or after acceptance';

CREATE FUNCTION tthc._transition(from_status int, event text, accepted boolean, OUT to_status int, OUT clock text)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_transition_lookup'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._transition(int, text, boolean) IS
	'internal: the target of an event in a status of an accepted or not yet accepted dossier, or the illegal-transition / closed-dossier error';
REVOKE ALL ON FUNCTION tthc._transition(int, text, boolean) FROM PUBLIC;

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
	id				bigint GENERATED ALWAYS AS IDENTITY,
	agency			text NOT NULL REFERENCES tthc.agency ON DELETE RESTRICT,
	code			text,
	procedure		text NOT NULL,
	procedure_version int NOT NULL,
	calendar		text NOT NULL,
	applicant_name	text NOT NULL,
	applicant_id	text,
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
	legal_due_at	timestamptz,
	paused_at		timestamptz,
	paused_appointment timestamptz,
	extended_at		timestamptz,
	apology_late	boolean,
	appointment_kept boolean,
	supplements_late int NOT NULL DEFAULT 0,
	supplements_repeated int NOT NULL DEFAULT 0,
	result			tthc.result,
	stopped_at		timestamptz,
	stop_outcome	tthc.outcome,
	processing_agency text REFERENCES tthc.agency ON DELETE RESTRICT,
	applicant_id_kind tthc.identity_kind,
	alert_soon_at	timestamptz,
	alert_at		timestamptz,
	CONSTRAINT dossier_applicant_id_check
		CHECK ((applicant_id IS NULL) = (applicant_id_kind IS NULL)
			AND applicant_id = tthc.normalize_identity(applicant_id_kind, applicant_id)),
	FOREIGN KEY (procedure, procedure_version) REFERENCES tthc.procedure_version ON DELETE RESTRICT,
	FOREIGN KEY (calendar) REFERENCES tthc.calendar ON UPDATE CASCADE ON DELETE RESTRICT,
	-- the agency in every key, so that the table can be distributed by it (doc/topology.md); the
	-- identity alone makes ids unique, and a code starts with its agency's code
	PRIMARY KEY (id, agency),
	UNIQUE (code, agency)
);
CREATE INDEX ON tthc.dossier (agency, status);
CREATE INDEX ON tthc.dossier (procedure, procedure_version);
CREATE INDEX dossier_applicant_idx ON tthc.dossier (applicant_id) WHERE applicant_id IS NOT NULL;
COMMENT ON INDEX tthc.dossier_applicant_idx IS 'dossiers by the applicant''s identity number, for look-ups';
CREATE INDEX dossier_running_due ON tthc.dossier (legal_due_at) WHERE clock = 'running';
COMMENT ON INDEX tthc.dossier_running_due IS 'dossiers whose clock runs, by legal due: the overdue and due-soon look-ups';
CREATE INDEX dossier_calendar_idx ON tthc.dossier (calendar) WHERE clock IN ('running', 'paused');
COMMENT ON INDEX tthc.dossier_calendar_idx IS 'open dossiers by calendar: re-projection; also serves the foreign key';
CREATE INDEX dossier_processing_agency_idx ON tthc.dossier (processing_agency) WHERE processing_agency IS NOT NULL;
COMMENT ON INDEX tthc.dossier_processing_agency_idx IS 'dossiers forwarded to an agency; also serves the foreign key';
COMMENT ON TABLE tthc.dossier IS
	'administrative dossiers (hồ sơ): state, clock and due instants; changed only through tthc.transition()';
COMMENT ON COLUMN tthc.dossier.agency IS 'the receiving agency as it was on the day of receipt (the distribution key)';
COMMENT ON COLUMN tthc.dossier.code IS 'dossier code <agency>-YYMMDD-XXXX, assigned on acceptance (Circular 01/2018 Art. 19)';
COMMENT ON COLUMN tthc.dossier.remaining IS 'working time that was left when the clock paused (NULL while it waits to restart)';
COMMENT ON COLUMN tthc.dossier.paused_due_at IS 'the legal due when the clock paused; NULL while a supplement restarts the limit';
COMMENT ON COLUMN tthc.dossier.due_at IS
	'the appointment given to the applicant: the legal due until the one extension moves it; NULL while the clock does not run';
COMMENT ON COLUMN tthc.dossier.original_due_at IS 'the appointment given at acceptance (Form 01)';
COMMENT ON COLUMN tthc.dossier.extended IS 'whether the appointment was re-scheduled (at most once, Decree 61/2018 Art. 19(9))';
COMMENT ON COLUMN tthc.dossier.supplements IS 'supplement requests after acceptance (Circular 01/2018 Art. 13, index 3)';
COMMENT ON COLUMN tthc.dossier.finish_outcome IS 'timeliness of the result against the legal due (Circular 01/2018 Art. 13)';
COMMENT ON COLUMN tthc.dossier.return_outcome IS
	'timeliness of the return against the legal due; a result ready in time and collected late keeps the finish outcome';
COMMENT ON COLUMN tthc.dossier.legal_due_at IS
	'the legal due instant: moved only by a lawful restart or pause; lateness is scored against it (Circular 01/2018 Art. 13; Decree 61/2018 Art. 19(9))';
COMMENT ON COLUMN tthc.dossier.paused_at IS 'when the clock paused';
COMMENT ON COLUMN tthc.dossier.paused_appointment IS 'the appointment when the clock paused';
COMMENT ON COLUMN tthc.dossier.extended_at IS 'when the appointment was re-scheduled';
COMMENT ON COLUMN tthc.dossier.apology_late IS
	'whether the apology and new appointment came later than one day before the legal due (Decree 61/2018 Art. 19(9), tthc.apology_day)';
COMMENT ON COLUMN tthc.dossier.appointment_kept IS 'for an extended dossier: whether the result was ready by the new appointment';
COMMENT ON COLUMN tthc.dossier.supplements_late IS 'supplement requests made after the supplement window (Decree 61/2018 Art. 19(4))';
COMMENT ON COLUMN tthc.dossier.supplements_repeated IS 'second and later supplement requests (Decree 61/2018 Arts. 15(3), 17(2)(a))';
COMMENT ON COLUMN tthc.dossier.result IS 'grant or refusal, recorded when the result is ready (Decree 61/2018 Art. 19(8))';
COMMENT ON COLUMN tthc.dossier.stopped_at IS 'when processing was stopped or the dossier withdrawn after acceptance';
COMMENT ON COLUMN tthc.dossier.stop_outcome IS 'timeliness of a stop or withdrawal against the legal due: one after it stays late';
COMMENT ON COLUMN tthc.dossier.applicant_id IS 'the applicant''s identity number in the canonical form of its kind';
COMMENT ON COLUMN tthc.dossier.applicant_id_kind IS 'the kind of the applicant''s identity document: cccd, passport, tax_code, other';
COMMENT ON COLUMN tthc.dossier.alert_soon_at IS
	'while the clock runs and no due-soon or overdue notice was given for the legal due: the last lawful moment to apologise (tthc.sweep)';
COMMENT ON COLUMN tthc.dossier.alert_at IS
	'while the clock runs: the earliest legal due or step due not yet noticed as overdue (tthc.sweep)';
COMMENT ON COLUMN tthc.dossier.processing_agency IS 'the competent agency the dossier was forwarded to (Decree 61/2018 Art. 18(3)); NULL: the receiving agency';

CREATE TABLE tthc.dossier_event (
	dossier			bigint NOT NULL,
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
	detail			jsonb,
	PRIMARY KEY (dossier, seq, at, agency),
	FOREIGN KEY (dossier, agency) REFERENCES tthc.dossier (id, agency) ON DELETE RESTRICT
) PARTITION BY RANGE (at);
COMMENT ON TABLE tthc.dossier_event IS
	'append-only history of every dossier, partitioned by month of at (doc/partitioning.md); each row carries the SHA-256 of its content and of the row before; the key holds at, so (dossier, seq) is kept unique by the writer: seq comes from the locked dossier row, and the hash chain shows a duplicate';
COMMENT ON COLUMN tthc.dossier_event.at IS 'when the event happened, as the caller says';
COMMENT ON COLUMN tthc.dossier_event.actor IS 'who acted, as the application says (an officer''s name)';
COMMENT ON COLUMN tthc.dossier_event.login IS 'the database login that recorded the event (session_user)';
COMMENT ON COLUMN tthc.dossier_event.recorded_at IS 'when the event was recorded (transaction start)';
COMMENT ON COLUMN tthc.dossier_event.detail IS
	'what the event decided (reason, new appointment, supplement judgement, outcome, step, ...) and the clock after it; under the hash; NULL in rows written by 0.1.0';

CREATE TABLE tthc.dossier_step (
	dossier			bigint NOT NULL,
	step			int NOT NULL,
	agency			text NOT NULL,
	name			text NOT NULL,
	unit			text NOT NULL,
	budget			tthc.term NOT NULL,
	due_at			timestamptz NOT NULL,
	finished_at		timestamptz,
	responsible_agency text,
	started_at		timestamptz,
	spent			interval,
	outcome			tthc.outcome,
	PRIMARY KEY (dossier, step, agency),
	FOREIGN KEY (dossier, agency) REFERENCES tthc.dossier (id, agency) ON DELETE RESTRICT
);
COMMENT ON TABLE tthc.dossier_step IS
	'internal steps of a dossier with their responsible units and step due instants (Decree 61 Art. 19(6)-(7))';
COMMENT ON COLUMN tthc.dossier_step.agency IS 'the receiving agency of the dossier (the distribution key)';
COMMENT ON COLUMN tthc.dossier_step.unit IS 'the unit responsible for the step';
COMMENT ON COLUMN tthc.dossier_step.due_at IS 'when the step is due, its budget counted after the steps before it';
COMMENT ON COLUMN tthc.dossier_step.responsible_agency IS
	'the agency responsible for the step in an inter-agency procedure (Decree 61/2018 Art. 19(6)); NULL: the agency processing the dossier';
COMMENT ON COLUMN tthc.dossier_step.started_at IS 'when the step could begin: the clock start or the end of the step before';
COMMENT ON COLUMN tthc.dossier_step.spent IS 'working time the step took, its agency''s own time (Circular 01/2018 Art. 13, index 2)';
COMMENT ON COLUMN tthc.dossier_step.outcome IS 'timeliness of the step against its due instant';

CREATE TABLE tthc.outbox (
	id				bigint GENERATED ALWAYS AS IDENTITY,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	event			text NOT NULL,
	status			int NOT NULL,
	payload			jsonb NOT NULL,
	created_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	sent_at			timestamptz,
	PRIMARY KEY (id, created_at, agency)
) PARTITION BY RANGE (created_at);
CREATE INDEX outbox_unsent ON tthc.outbox (id) WHERE sent_at IS NULL;
COMMENT ON TABLE tthc.outbox IS
	'one row per dossier event, for the application''s SMS / e-mail / Zalo sender; NOTIFY tthc_dossier announces each (Decree 224/2026 Art. 15(1)(g)); partitioned by month of created_at (doc/partitioning.md); the key holds created_at, so id is kept unique by its identity sequence';

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
	-- the whole row but the applicant's contacts, so that a new column is guarded too; the calendar
	-- follows a rename of its calendar (the foreign key's cascade, a trigger below this one)
	IF TG_OP = 'UPDATE'
	   AND to_jsonb(NEW) - '{applicant_phone,applicant_email,calendar}'::text[]
		 = to_jsonb(OLD) - '{applicant_phone,applicant_email,calendar}'::text[]
	   AND (NEW.calendar = OLD.calendar OR pg_trigger_depth() > 1) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'direct % of a dossier''s state is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'Use tthc.receive() and tthc.transition() (or accept, finish, ...); only the applicant''s phone and e-mail may be updated directly.';
END
$$;
COMMENT ON FUNCTION tthc._dossier_guard() IS 'internal: refuses direct writes of dossier state';
REVOKE ALL ON FUNCTION tthc._dossier_guard() FROM PUBLIC;
CREATE TRIGGER dossier_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.dossier
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._dossier_guard();

CREATE FUNCTION tthc._step_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'direct % of a dossier step is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'Steps are planned by tthc and completed with tthc.complete_step().';
END
$$;
COMMENT ON FUNCTION tthc._step_guard() IS 'internal: refuses direct writes of dossier steps';
REVOKE ALL ON FUNCTION tthc._step_guard() FROM PUBLIC;
CREATE TRIGGER dossier_step_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.dossier_step
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._step_guard();

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
REVOKE ALL ON FUNCTION tthc._history_guard() FROM PUBLIC;
CREATE TRIGGER dossier_event_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.dossier_event
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._history_guard();
CREATE TRIGGER dossier_event_truncate BEFORE TRUNCATE ON tthc.dossier_event
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._history_guard();

