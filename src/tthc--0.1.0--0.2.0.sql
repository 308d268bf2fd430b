-- tthc 0.1.0 -> 0.2.0: brings a 0.1.0 database to what a fresh 0.2.0 install creates.
-- make test installs 0.1.0, runs this script and compares every catalogue object with a fresh
-- install (sql/upgrade.sql).
\echo Use "ALTER EXTENSION tthc UPDATE TO '0.2.0'" to load this file. \quit

-- Identity documents: tthc.identity_kind, tthc.normalize_identity, tthc.is_valid_identity, and the
-- Unicode blank test tthc.is_blank (as in src/identity.sql).

CREATE TYPE tthc.identity_kind AS ENUM ('cccd', 'passport', 'tax_code', 'other');
COMMENT ON TYPE tthc.identity_kind IS
	'kind of an applicant''s identity document: cccd (12-digit personal identification number), passport, tax_code (an organisation''s mã số thuế), other';

CREATE FUNCTION tthc.normalize_identity(kind tthc.identity_kind, id text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_normalize_identity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.normalize_identity(tthc.identity_kind, text) IS
	'canonical form of an identity document of the kind: trimmed, passport upper-cased without spaces, tax code 0101234567-001; 22023 when it is not valid for the kind';

CREATE FUNCTION tthc.is_valid_identity(kind tthc.identity_kind, id text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_valid_identity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_valid_identity(tthc.identity_kind, text) IS
	'true when tthc.normalize_identity accepts the identity for the kind';

CREATE FUNCTION tthc.is_blank(s text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_blank'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_blank(text) IS
	'true when the text is empty or only Unicode white space (tab, newline, no-break and ideographic spaces, ...) and zero-width characters (U+200B-U+200D, U+2060, U+FEFF)';
-- Terms in weeks, months and years (Civil Code 2015 Arts. 147-148).
COMMENT ON TYPE tthc.term IS 'time limit of a procedure: an amount with its unit (working days, calendar days, working hours, hours, weeks, months, years) or same day';
COMMENT ON FUNCTION tthc.make_term(integer, text) IS 'term from an amount and a unit identifier: working_days, days, working_hours, hours, weeks, months, years, or same_day with amount 0';
COMMENT ON FUNCTION tthc.term_unit(tthc.term) IS 'unit of a term: working_days, days, working_hours, hours, weeks, months, years or same_day';

-- Receipt outside working time as a policy: deem_receipt, a trailing argument of tthc.due_date and
-- tthc.due_at (the 0.1.0 five-argument forms are replaced).
DROP FUNCTION tthc.due_date(timestamptz, tthc.term, text, tthc.counting, time);
CREATE FUNCTION tthc.due_date(received timestamptz, t tthc.term, calendar text DEFAULT NULL,
	counting tthc.counting DEFAULT 'civil_code', cutoff time DEFAULT NULL,
	deem_receipt boolean DEFAULT false)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_due_date'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_date(timestamptz, tthc.term, text, tthc.counting, time, boolean) IS
	'legal due day of a dossier received at an instant with a time limit (NULL calendar: tthc.default_calendar; deem_receipt: a receipt outside working time counts from the next working moment)';

DROP FUNCTION tthc.due_at(timestamptz, tthc.term, text, tthc.counting, time);
CREATE FUNCTION tthc.due_at(received timestamptz, t tthc.term, calendar text DEFAULT NULL,
	counting tthc.counting DEFAULT 'civil_code', cutoff time DEFAULT NULL,
	deem_receipt boolean DEFAULT false)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_due_at'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_at(timestamptz, tthc.term, text, tthc.counting, time, boolean) IS
	'due instant of a dossier: the end of working time (or 24:00, tthc.due_time) of its due day, or the end of a period in hours';

-- Procedure versions: receipt outside working time (deem_receipt) and the supplement window;
-- the procedures each agency receives.
ALTER TABLE tthc.procedure_version ADD COLUMN deem_receipt boolean NOT NULL DEFAULT false;
ALTER TABLE tthc.procedure_version ADD COLUMN supplement_window tthc.term NOT NULL DEFAULT '3 ngày làm việc';
ALTER TABLE tthc.procedure_version ADD CONSTRAINT procedure_version_supplement_window_days
	CHECK (tthc.term_unit(supplement_window) IN ('working_days', 'days'));
COMMENT ON TABLE tthc.procedure_version IS
	'the rules of a procedure over a period: time limit, counting, cut-off, receipt outside working time, supplement policy and window, fee, documents; versions of one procedure do not overlap';
COMMENT ON COLUMN tthc.procedure_version.deem_receipt IS
	'a receipt outside working time counts as made at the first working moment of the next working day (sector rules: State Treasury Circular 87/2021 Art. 10, Customs Decision 2988/QĐ-TCHQ Art. 7(5)); false, the default: the Civil Code alone, the day of receipt is not counted (Art. 147(2))';
COMMENT ON COLUMN tthc.procedure_version.supplement_window IS
	'the time within which the agency may ask for a supplement with the procedure''s supplement policy (Decree 61/2018 Art. 19(4): 3 working days from receipt unless sector law says otherwise); in working days or days';

CREATE TABLE tthc.agency_procedure (
	agency		text REFERENCES tthc.agency ON UPDATE CASCADE ON DELETE CASCADE,
	procedure	text REFERENCES tthc.procedure ON UPDATE CASCADE ON DELETE CASCADE,
	PRIMARY KEY (agency, procedure)
);
COMMENT ON TABLE tthc.agency_procedure IS
	'the procedures each agency receives dossiers of; an agency receives only the procedures listed here';
COMMENT ON COLUMN tthc.agency_procedure.agency IS 'the receiving agency';
COMMENT ON COLUMN tthc.agency_procedure.procedure IS 'a procedure the agency receives (its exact code, local suffix included)';
CREATE INDEX agency_procedure_procedure_idx ON tthc.agency_procedure (procedure);
COMMENT ON INDEX tthc.agency_procedure_procedure_idx IS 'agencies by procedure; also serves the foreign key';

CREATE FUNCTION tthc._agency_receives(agency text, procedure text)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT EXISTS (SELECT FROM tthc.agency_procedure ap WHERE ap.agency = $1 AND ap.procedure = $2)
$$;
COMMENT ON FUNCTION tthc._agency_receives(text, text) IS
	'internal: true when the agency receives the procedure (listed in tthc.agency_procedure)';
SELECT pg_catalog.pg_extension_config_dump('tthc.agency_procedure', '');

-- An upgraded database goes on receiving what it has received: every agency receives the
-- procedures it already has dossiers of.
INSERT INTO tthc.agency_procedure (agency, procedure)
SELECT DISTINCT d.agency, d.procedure FROM tthc.dossier d
WHERE EXISTS (SELECT FROM tthc.procedure p WHERE p.code = d.procedure)
ON CONFLICT DO NOTHING;

-- Agency codes: the Decision 20/2020/QĐ-TTg grammar besides QCVN 102:2016; Z is reserved.
COMMENT ON FUNCTION tthc.is_valid_agency_code(text) IS
	'true when the text is an agency code: V1V2V3.Z1Z2.Y1Y2.MX1X2 of QCVN 102:2016/BTTTT, e.g. 000.00.00.H30, or MX1X2 and groups of Decision 20/2020/QĐ-TTg, e.g. H21.65; M is A to Y';
COMMENT ON FUNCTION tthc.agency_code_level(text) IS
	'level of an agency code: QCVN 102:2016 its lowest level present (000.00.00.H30 is 1, 001.05.04.G18 is 4); Decision 20/2020 its number of parts (H21.65 is 2); 22P02 on an invalid code';
COMMENT ON COLUMN tthc.agency.code IS 'agency code V1V2V3.Z1Z2.Y1Y2.MX1X2 (QCVN 102:2016/BTTTT) or MX1X2.G... (Decision 20/2020/QĐ-TTg)';
COMMENT ON COLUMN tthc.agency.level IS 'level read from the code (1: ministry or provincial People''s Committee; see tthc.agency_code_level)';

-- The 2019 notice named the five days of Tết: Monday 4 to Friday 8 February.  8 February is a day
-- of Tết, not a compensatory day, and Sunday 3 February is not a day of Tết.
UPDATE tthc.holiday_notice_day
SET kind = 'holiday', name_vi = 'Tết Nguyên đán', name_en = 'Lunar New Year (Tết)'
WHERE day = '2019-02-08' AND year = 2019;
DELETE FROM tthc.holiday_notice_day WHERE day = '2019-02-03' AND year = 2019;

-- Dossiers: the legal due apart from the appointment, the clock in C, the extension and supplement
-- rules, reception outcomes, forwarding, steps in the history, stops, re-projection and a replaying
-- verify_history (src/dossier.sql, history.sql, clock.sql, dossier_api.sql).
CREATE TYPE tthc.result AS ENUM ('grant', 'refusal');
COMMENT ON TYPE tthc.result IS
	'what a finished dossier resolved: the request granted, or refused after appraisal (Decree 61/2018 Art. 19(8))';

-- the functions whose signature or result changes, and those that are gone
DROP FUNCTION tthc.transitions();
DROP FUNCTION tthc._transition(int, text);
DROP FUNCTION tthc._event_canonical(bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz);
DROP FUNCTION tthc._event_hash(bytea, bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz);
DROP FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz);
DROP FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz);
DROP FUNCTION tthc._start_clock(tthc.dossier, timestamptz);
DROP FUNCTION tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text);
DROP FUNCTION tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text);
DROP FUNCTION tthc.finish(bigint, int, text, timestamptz, text);
DROP FUNCTION tthc.extend(bigint, timestamptz, text, int, timestamptz, text);
DROP FUNCTION tthc.complete_step(bigint, int, timestamptz);

-- new columns, at the end and in the order of a fresh install
ALTER TABLE tthc.dossier
	ADD COLUMN legal_due_at timestamptz,
	ADD COLUMN paused_at timestamptz,
	ADD COLUMN paused_appointment timestamptz,
	ADD COLUMN extended_at timestamptz,
	ADD COLUMN apology_late boolean,
	ADD COLUMN appointment_kept boolean,
	ADD COLUMN supplements_late int NOT NULL DEFAULT 0,
	ADD COLUMN supplements_repeated int NOT NULL DEFAULT 0,
	ADD COLUMN result tthc.result,
	ADD COLUMN stopped_at timestamptz,
	ADD COLUMN stop_outcome tthc.outcome,
	ADD COLUMN processing_agency text REFERENCES tthc.agency ON DELETE RESTRICT,
	ADD COLUMN applicant_id_kind tthc.identity_kind;
ALTER TABLE tthc.dossier_event ADD COLUMN detail jsonb;
ALTER TABLE tthc.procedure_step ADD COLUMN agency text REFERENCES tthc.agency ON UPDATE CASCADE ON DELETE RESTRICT;
COMMENT ON COLUMN tthc.procedure_step.agency IS
	'the agency responsible for the step in an inter-agency (liên thông) procedure (Decree 61/2018 Art. 19(6)); NULL: the agency processing the dossier';
CREATE INDEX procedure_step_agency_idx ON tthc.procedure_step (agency) WHERE agency IS NOT NULL;
COMMENT ON INDEX tthc.procedure_step_agency_idx IS 'steps by responsible agency; also serves the foreign key';
ALTER TABLE tthc.dossier_step
	ADD COLUMN responsible_agency text,
	ADD COLUMN started_at timestamptz,
	ADD COLUMN spent interval,
	ADD COLUMN outcome tthc.outcome;

-- the agency in every key, so that the dossier tables can be distributed by it (doc/topology.md);
-- the history and the outbox get theirs when they are partitioned (the partitions section)
ALTER TABLE tthc.dossier_event DROP CONSTRAINT dossier_event_dossier_fkey;
ALTER TABLE tthc.dossier_step DROP CONSTRAINT dossier_step_dossier_fkey;
ALTER TABLE tthc.dossier DROP CONSTRAINT dossier_pkey, DROP CONSTRAINT dossier_code_key;
ALTER TABLE tthc.dossier ADD PRIMARY KEY (id, agency), ADD UNIQUE (code, agency);
ALTER TABLE tthc.dossier_step DROP CONSTRAINT dossier_step_pkey,
	ADD PRIMARY KEY (dossier, step, agency),
	ADD FOREIGN KEY (dossier, agency) REFERENCES tthc.dossier (id, agency) ON DELETE RESTRICT;

DROP INDEX tthc.dossier_open_due;
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
COMMENT ON COLUMN tthc.dossier.processing_agency IS 'the competent agency the dossier was forwarded to (Decree 61/2018 Art. 18(3)); NULL: the receiving agency';
COMMENT ON TABLE tthc.dossier_event IS
	'append-only history of every dossier; each row carries the SHA-256 of its content and of the row before';
COMMENT ON COLUMN tthc.dossier_event.at IS 'when the event happened, as the caller says';
COMMENT ON COLUMN tthc.dossier_event.actor IS 'who acted, as the application says (an officer''s name)';
COMMENT ON COLUMN tthc.dossier_event.login IS 'the database login that recorded the event (session_user)';
COMMENT ON COLUMN tthc.dossier_event.recorded_at IS 'when the event was recorded (transaction start)';
COMMENT ON COLUMN tthc.dossier_event.detail IS
	'what the event decided (reason, new appointment, supplement judgement, outcome, step, ...) and the clock after it; under the hash; NULL in rows written by 0.1.0';
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
COMMENT ON TABLE tthc.outbox IS
	'one row per dossier event, for the application''s SMS / e-mail / Zalo sender; NOTIFY tthc_dossier announces each (Decree 224/2026 Art. 15(1)(g))';

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
CREATE OR REPLACE FUNCTION tthc._dossier_guard()
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
REVOKE ALL ON FUNCTION tthc._history_guard() FROM PUBLIC;
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

CREATE OR REPLACE FUNCTION tthc._event_canonical(dossier bigint, seq int, agency text, at timestamptz,
	event text, from_status int, to_status int, actor text, note text,
	due_at_before timestamptz, due_at_after timestamptz, login text, recorded_at timestamptz,
	detail jsonb)
RETURNS bytea
AS 'MODULE_PATHNAME', 'tthc_event_canonical'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._event_canonical(bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz, jsonb) IS
	'canonical bytes of a history row that its hash covers: fields in order, instants as microseconds, texts length-prefixed, the detail as jsonb text (rows without detail keep the 0.1.0 form)';

CREATE OR REPLACE FUNCTION tthc._event_hash(prev bytea, dossier bigint, seq int, agency text, at timestamptz,
	event text, from_status int, to_status int, actor text, note text,
	due_at_before timestamptz, due_at_after timestamptz, login text, recorded_at timestamptz,
	detail jsonb)
RETURNS bytea
AS 'MODULE_PATHNAME', 'tthc_event_hash'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._event_hash(bytea, bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz, jsonb) IS
	'SHA-256 of the previous hash and the canonical content of a history row';

CREATE OR REPLACE FUNCTION tthc._outbox(dossier bigint, agency text, event text, status int, payload jsonb)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	id bigint;
BEGIN
	INSERT INTO tthc.outbox AS o (dossier, agency, event, status, payload)
	VALUES (dossier, agency, event, status, payload)
	RETURNING o.id INTO id;
	PERFORM pg_notify('tthc_dossier', (payload || jsonb_build_object('outbox', id))::text);
	RETURN id;
END
$$;
COMMENT ON FUNCTION tthc._outbox(bigint, text, text, int, jsonb) IS
	'internal: writes an outbox row and announces it with NOTIFY tthc_dossier (the payload and the row''s id)';
REVOKE ALL ON FUNCTION tthc._outbox(bigint, text, text, int, jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION tthc._write(d tthc.dossier, event text, from_status int, happened_at timestamptz,
	actor text, note text, due_before timestamptz, detail jsonb)
RETURNS tthc.dossier
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	h bytea;
BEGIN
	d.version := d.version + 1;
	d.last_seq := d.last_seq + 1;
	d.last_event_at := happened_at;
	detail := coalesce(detail, '{}') || jsonb_build_object('clock', d.clock, 'legal_due', d.legal_due_at);
	h := tthc._event_hash(d.last_hash, d.id, d.last_seq, d.agency, happened_at, event,
		from_status, d.status, actor, note, due_before, d.due_at, session_user, now(), detail);
	-- the instants at which the sweeps look at the dossier again (tthc._alerts, sweep.sql), from
	-- the clock, the steps as the event left them and the notices already given
	SELECT a.alert_soon_at, a.alert_at INTO d.alert_soon_at, d.alert_at FROM tthc._alerts(d) a;
	PERFORM tthc._dossier_write(true);
	UPDATE tthc.dossier SET
		code = d.code, received_at = d.received_at, status = d.status, version = d.version,
		clock = d.clock, clock_started_at = d.clock_started_at, remaining = d.remaining,
		paused_due_at = d.paused_due_at, due_at = d.due_at, original_due_at = d.original_due_at,
		extended = d.extended, supplements = d.supplements, finished_at = d.finished_at,
		finish_outcome = d.finish_outcome, returned_at = d.returned_at,
		return_outcome = d.return_outcome, last_event_at = d.last_event_at, last_seq = d.last_seq,
		last_hash = h, legal_due_at = d.legal_due_at, paused_at = d.paused_at,
		paused_appointment = d.paused_appointment, extended_at = d.extended_at,
		apology_late = d.apology_late, appointment_kept = d.appointment_kept,
		supplements_late = d.supplements_late, supplements_repeated = d.supplements_repeated,
		result = d.result, stopped_at = d.stopped_at, stop_outcome = d.stop_outcome,
		processing_agency = d.processing_agency, alert_soon_at = d.alert_soon_at, alert_at = d.alert_at
	WHERE id = d.id;
	INSERT INTO tthc.dossier_event (dossier, seq, agency, at, event, from_status, to_status,
		actor, note, due_at_before, due_at_after, login, recorded_at, prev_hash, hash, detail)
	VALUES (d.id, d.last_seq, d.agency, happened_at, event, from_status, d.status,
		actor, note, due_before, d.due_at, session_user, now(), d.last_hash, h, detail);
	PERFORM tthc._dossier_write(false);
	PERFORM tthc._outbox(d.id, d.agency, event, d.status, jsonb_build_object(
		'dossier', d.id, 'code', d.code, 'agency', d.agency,
		'processing_agency', d.processing_agency, 'event', event, 'status', d.status,
		'at', happened_at, 'actor', actor, 'login', session_user,
		'received_at', d.received_at, 'due_at', d.due_at, 'legal_due_at', d.legal_due_at,
		'finished_at', d.finished_at, 'returned_at', d.returned_at));
	d.last_hash := h;
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz, jsonb) IS
	'internal: writes a dossier after an event with its hash-chained history row and its outbox row';
REVOKE ALL ON FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz, jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION tthc.verify_history(dossier bigint,
	OUT valid boolean, OUT events int, OUT first_broken_seq int, OUT reason text)
RETURNS record
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	e tthc.dossier_event;
	prev bytea := NULL;
	expected int := 1;
	-- the row as the events imply it
	status int;
	code text;
	received timestamptz;
	due timestamptz;
	legal timestamptz;
	clock text;
	extended boolean := false;
	supplements int := 0;
	finished timestamptz;
	finish_outcome text;
	result text;
	returned timestamptz;
	return_outcome text;
	stop_outcome text;
	processing text;
	last_at timestamptz;
	legacy boolean := false;
	mismatch text;
BEGIN
	SELECT * INTO d FROM tthc.dossier x WHERE x.id = dossier;
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
				e.login, e.recorded_at, e.detail) THEN
			reason := format('the content of event %s does not match its hash', e.seq);
		END IF;
		IF reason IS NOT NULL THEN
			valid := false;
			first_broken_seq := least(e.seq, expected);
			RETURN;
		END IF;
		prev := e.hash;
		expected := expected + 1;

		-- replay
		status := e.to_status;
		due := e.due_at_after;
		last_at := e.at;
		legacy := legacy OR e.detail IS NULL;
		IF e.detail ? 'code' THEN
			code := e.detail->>'code';
			received := e.at;
		END IF;
		IF e.detail IS NOT NULL THEN
			legal := (e.detail->>'legal_due')::timestamptz;
			clock := e.detail->>'clock';
		END IF;
		CASE e.event
		WHEN 'extend' THEN extended := true;
		WHEN 'request_supplement' THEN
			supplements := supplements + (e.detail->>'supplement' IS DISTINCT FROM 'before_acceptance')::int;
		WHEN 'finish' THEN
			finished := e.at;
			finish_outcome := e.detail->>'outcome';
			result := e.detail->>'result';
		WHEN 'return_result' THEN
			returned := e.at;
			return_outcome := e.detail->>'outcome';
		WHEN 'stop', 'withdraw' THEN stop_outcome := e.detail->>'outcome';
		WHEN 'forward' THEN processing := e.detail->>'to';
		ELSE NULL;
		END CASE;
	END LOOP;
	IF prev IS DISTINCT FROM d.last_hash THEN
		valid := false;
		first_broken_seq := expected;
		reason := 'the last event is not the one the dossier records';
		RETURN;
	END IF;

	mismatch := CASE
		WHEN d.status IS DISTINCT FROM status THEN 'status'
		WHEN d.last_seq IS DISTINCT FROM events OR d.version IS DISTINCT FROM events THEN 'version'
		WHEN d.last_event_at IS DISTINCT FROM last_at THEN 'last_event_at'
		WHEN d.due_at IS DISTINCT FROM due THEN 'due_at'
		WHEN d.extended IS DISTINCT FROM extended THEN 'extended'
		WHEN d.finished_at IS DISTINCT FROM finished THEN 'finished_at'
		WHEN d.returned_at IS DISTINCT FROM returned THEN 'returned_at'
		-- what only 0.2.0 events record
		WHEN legacy THEN NULL
		WHEN d.code IS DISTINCT FROM code THEN 'code'
		WHEN d.received_at IS DISTINCT FROM received THEN 'received_at'
		WHEN d.legal_due_at IS DISTINCT FROM legal THEN 'legal_due_at'
		WHEN d.clock::text IS DISTINCT FROM clock THEN 'clock'
		WHEN d.supplements IS DISTINCT FROM supplements THEN 'supplements'
		WHEN d.finish_outcome::text IS DISTINCT FROM finish_outcome THEN 'finish_outcome'
		WHEN d.result::text IS DISTINCT FROM result THEN 'result'
		WHEN d.return_outcome::text IS DISTINCT FROM return_outcome THEN 'return_outcome'
		WHEN d.stop_outcome::text IS DISTINCT FROM stop_outcome THEN 'stop_outcome'
		WHEN d.processing_agency IS DISTINCT FROM processing THEN 'processing_agency'
		END;
	IF mismatch IS NOT NULL THEN
		valid := false;
		reason := format('the dossier''s %s is not what its history says', mismatch);
	END IF;
END
$$;
COMMENT ON FUNCTION tthc.verify_history(bigint) IS
	'checks the SHA-256 chain of a dossier''s history, replays its events and reports the first broken link or the first column of the dossier that the history does not imply';

CREATE FUNCTION tthc.now()
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_now'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.now() IS
	'the instant tthc takes as now: the test clock tthc.now when a superuser set it, else now()';

CREATE FUNCTION tthc._clock(d tthc.dossier, effect text, at timestamptz, calendar text,
	t tthc.term, counting text, cutoff time, restart boolean, supplement_window tthc.term,
	deem_receipt boolean, appointment timestamptz, by tthc.term)
RETURNS tthc.dossier
AS 'MODULE_PATHNAME', 'tthc_clock'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._clock(tthc.dossier, text, timestamptz, text, tthc.term, text, time, boolean, tthc.term, boolean, timestamptz, tthc.term) IS
	'internal: the dossier row after the clock effect of an event (start, pause, resume, restart, extension, scoring)';
REVOKE ALL ON FUNCTION tthc._clock(tthc.dossier, text, timestamptz, text, tthc.term, text, time, boolean, tthc.term, boolean, timestamptz, tthc.term) FROM PUBLIC;

CREATE FUNCTION tthc._clock_project(started timestamptz, paused timestamptz[], resumed timestamptz[],
	calendar text, t tthc.term, counting text, cutoff time, deem_receipt boolean)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_clock_project'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._clock_project(timestamptz, timestamptz[], timestamptz[], text, tthc.term, text, time, boolean) IS
	'internal: the legal due of a clock started at an instant and paused over intervals, on the calendar as it is now';
REVOKE ALL ON FUNCTION tthc._clock_project(timestamptz, timestamptz[], timestamptz[], text, tthc.term, text, time, boolean) FROM PUBLIC;

CREATE FUNCTION tthc.apology_deadline(legal_due timestamptz, calendar text DEFAULT NULL)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_apology_deadline'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.apology_deadline(timestamptz, text) IS
	'the last lawful moment to apologise and propose a new appointment for a dossier legally due at an instant: the end of the working (or calendar, tthc.apology_day) day before the due day (Decree 61/2018 Art. 19(9))';

REVOKE ALL ON FUNCTION tthc._outcome(timestamptz, timestamptz, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION tthc._resumed_due(tthc.term, text, timestamptz, timestamptz, interval, timestamptz) FROM PUBLIC;

CREATE OR REPLACE FUNCTION tthc.parse_dossier_code(code text, OUT agency text, OUT received date, OUT seq int)
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

CREATE OR REPLACE FUNCTION tthc._plan_steps(d tthc.dossier, v tthc.procedure_version, ts timestamptz)
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

CREATE OR REPLACE FUNCTION tthc._resume_steps(d tthc.dossier, v tthc.procedure_version, paused_at timestamptz,
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

CREATE OR REPLACE FUNCTION tthc._check_instant(ts timestamptz, calendar text, what text, not_ahead boolean DEFAULT true)
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

CREATE OR REPLACE FUNCTION tthc._apply(d tthc.dossier, event text, ts timestamptz, actor text, note text,
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

CREATE OR REPLACE FUNCTION tthc._receiving_agency(agency text, at timestamptz, not_ahead boolean,
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

CREATE OR REPLACE FUNCTION tthc._receivable_version(agency text, procedure text, day date)
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

CREATE OR REPLACE FUNCTION tthc.receive(agency text, procedure text, applicant_name text,
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

CREATE OR REPLACE FUNCTION tthc.transition(dossier bigint, event text, expected_version int DEFAULT NULL,
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

-- Receiving and moving dossiers is for the roles a DBA grants it to (they run as the extension's
-- owner, so that the history and outbox stay out of the callers' reach).
REVOKE EXECUTE ON FUNCTION tthc.receive(text, text, text, text, tthc.channel, timestamptz, text, text, text, boolean, tthc.identity_kind),
	tthc.transition(bigint, text, int, text, timestamptz, timestamptz, text, tthc.term, text, tthc.result) FROM PUBLIC;

CREATE OR REPLACE FUNCTION tthc.accept(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'accept', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.accept(bigint, int, text, timestamptz, text) IS
	'accepts a complete dossier: assigns the code and starts the clock (Decree 61/2018 Art. 17(1))';

CREATE OR REPLACE FUNCTION tthc.refuse(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'refuse', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.refuse(bigint, int, text, timestamptz, text) IS
	'refuses a dossier before acceptance, with the reason (Form 03; Decree 61/2018 Art. 16(2), Art. 17(2)(a))';

CREATE OR REPLACE FUNCTION tthc.start_processing(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'start_processing', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.start_processing(bigint, int, text, timestamptz, text) IS
	'hands an accepted dossier to the processing unit of the receiving agency';

CREATE OR REPLACE FUNCTION tthc.forward(dossier bigint, to_agency text, expected_version int DEFAULT NULL,
	note text DEFAULT NULL, happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'forward', $3, $4, $5, NULL, $6, NULL, $2)$$;
COMMENT ON FUNCTION tthc.forward(bigint, text, int, text, timestamptz, text) IS
	'forwards a dossier to the competent agency for processing (Decree 61/2018 Art. 18(3))';

CREATE OR REPLACE FUNCTION tthc.request_supplement(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'request_supplement', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.request_supplement(bigint, int, text, timestamptz, text) IS
	'asks the applicant to supplement the dossier (Form 02): before acceptance without a clock; after it the first request within the window restarts or pauses the clock per policy, a later or second one only pauses it (Decree 61/2018 Art. 19(4))';

CREATE OR REPLACE FUNCTION tthc.supplement_received(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'supplement_received', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.supplement_received(bigint, int, text, timestamptz, text) IS
	'records the supplemented dossier back: before acceptance it awaits the check again; after it the clock runs again';

CREATE OR REPLACE FUNCTION tthc.request_payment(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'request_payment', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.request_payment(bigint, int, text, timestamptz, text) IS
	'asks the applicant to pay fees or taxes: the clock stops';

CREATE OR REPLACE FUNCTION tthc.payment_received(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'payment_received', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.payment_received(bigint, int, text, timestamptz, text) IS
	'records the payment: the clock runs again';

CREATE OR REPLACE FUNCTION tthc.withdraw(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'withdraw', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.withdraw(bigint, int, text, timestamptz, text) IS
	'records the applicant''s withdrawal of the dossier; one after the legal due stays late';

CREATE OR REPLACE FUNCTION tthc.stop(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'stop', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.stop(bigint, int, text, timestamptz, text) IS
	'stops processing the dossier, with the reason in note (Form 05); a stop after the legal due stays late';

CREATE OR REPLACE FUNCTION tthc.finish(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL, result tthc.result DEFAULT 'grant')
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'finish', $2, $3, $4, NULL, $5, NULL, NULL, $6)$$;
COMMENT ON FUNCTION tthc.finish(bigint, int, text, timestamptz, text, tthc.result) IS
	'records the result as ready, a grant or a refusal (Decree 61/2018 Art. 19(8)), scored against the legal due';

CREATE OR REPLACE FUNCTION tthc.return_result(dossier bigint, expected_version int DEFAULT NULL, note text DEFAULT NULL,
	happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'return_result', $2, $3, $4, NULL, $5)$$;
COMMENT ON FUNCTION tthc.return_result(bigint, int, text, timestamptz, text) IS
	'records the result as returned to the applicant; a result ready in time and collected late is not the office''s lateness';

CREATE OR REPLACE FUNCTION tthc.extend(dossier bigint, new_due_at timestamptz DEFAULT NULL, reason text DEFAULT NULL,
	expected_version int DEFAULT NULL, happened_at timestamptz DEFAULT NULL, actor text DEFAULT NULL,
	by tthc.term DEFAULT NULL)
RETURNS tthc.dossier LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$SELECT tthc.transition($1, 'extend', $4, $3, $5, $2, $6, $7)$$;
COMMENT ON FUNCTION tthc.extend(bigint, timestamptz, text, int, timestamptz, text, tthc.term) IS
	're-schedules the appointment once, with the reason, to an instant or by a term from the current appointment; the legal due does not move, and an extension later than one day before it is a late apology (Decree 61/2018 Art. 19(9))';

CREATE OR REPLACE FUNCTION tthc.complete_step(dossier bigint, step int, happened_at timestamptz DEFAULT NULL,
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

CREATE OR REPLACE FUNCTION tthc.reproject(calendar text DEFAULT NULL, reason text DEFAULT NULL)
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

CREATE OR REPLACE FUNCTION tthc._calendar_reproject()
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

CREATE OR REPLACE FUNCTION tthc._version_in_use()
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

-- What 0.1.0 recorded, in the new columns.  An extension overwrote due_at, so the legal due is the
-- due instant before the extension (its history row's due_at_before); extended dossiers are scored
-- again against it (Circular 01/2018 Art. 13); a result collected late keeps its finish outcome.
-- The grant or refusal of a 0.1.0 result was not recorded and stays NULL.
SELECT tthc._dossier_write(true);
UPDATE tthc.dossier d SET applicant_id_kind = 'cccd' WHERE d.applicant_id IS NOT NULL;
UPDATE tthc.dossier d SET
	legal_due_at = CASE WHEN d.clock = 'paused' THEN NULL ELSE coalesce(x.due_at_before, d.due_at) END,
	extended_at = x.at,
	paused_at = CASE WHEN d.clock = 'paused' THEN d.last_event_at END,
	paused_appointment = CASE WHEN d.clock = 'paused' THEN d.paused_due_at END,
	stopped_at = CASE WHEN d.status IN (7, 8) AND d.received_at IS NOT NULL THEN d.last_event_at END
FROM tthc.dossier d0 LEFT JOIN tthc.dossier_event x ON x.dossier = d0.id AND x.event = 'extend'
WHERE d0.id = d.id;
UPDATE tthc.dossier d SET
	apology_late = CASE WHEN d.extended THEN d.extended_at > tthc.apology_deadline(d.legal_due_at, d.calendar) END,
	appointment_kept = CASE WHEN d.extended AND d.finished_at IS NOT NULL THEN d.finished_at <= d.due_at END,
	finish_outcome = CASE WHEN d.finished_at IS NOT NULL AND d.legal_due_at IS NOT NULL
		THEN tthc._outcome(d.finished_at, d.legal_due_at, d.calendar) ELSE d.finish_outcome END,
	stop_outcome = CASE WHEN d.stopped_at IS NOT NULL AND d.legal_due_at IS NOT NULL
		THEN tthc._outcome(d.stopped_at, d.legal_due_at, d.calendar) END;
UPDATE tthc.dossier d SET
	return_outcome = CASE WHEN d.returned_at <= d.legal_due_at THEN tthc._outcome(d.returned_at, d.legal_due_at, d.calendar)
		ELSE d.finish_outcome END
WHERE d.returned_at IS NOT NULL AND d.legal_due_at IS NOT NULL;
UPDATE tthc.dossier_step s SET started_at = d.clock_started_at
FROM tthc.dossier d WHERE d.id = s.dossier AND s.step = 1;
SELECT tthc._dossier_write(false);

ALTER TABLE tthc.dossier DROP CONSTRAINT dossier_applicant_id_check;
ALTER TABLE tthc.dossier ADD CONSTRAINT dossier_applicant_id_check
	CHECK ((applicant_id IS NULL) = (applicant_id_kind IS NULL)
		AND applicant_id = tthc.normalize_identity(applicant_id_kind, applicant_id));
ALTER TABLE tthc.dossier ADD FOREIGN KEY (calendar) REFERENCES tthc.calendar ON UPDATE CASCADE ON DELETE RESTRICT;
-- end of the dossier section

-- Overdue detection (sweep.sql): the alert instants of a dossier, kept by tthc._write, the notices,
-- tthc.sweep(), the views for applications and tthc.appointment().
ALTER TABLE tthc.dossier ADD COLUMN alert_soon_at timestamptz;
ALTER TABLE tthc.dossier ADD COLUMN alert_at timestamptz;
COMMENT ON COLUMN tthc.dossier.alert_soon_at IS
	'while the clock runs and no due-soon or overdue notice was given for the legal due: the last lawful moment to apologise (tthc.sweep)';
COMMENT ON COLUMN tthc.dossier.alert_at IS
	'while the clock runs: the earliest legal due or step due not yet noticed as overdue (tthc.sweep)';

-- tthc._write, which keeps the alert instants, is created in its final form in the dossier section.

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

-- the alert instants of the dossiers an upgraded database holds
SELECT tthc._dossier_write(true);
UPDATE tthc.dossier d SET (alert_soon_at, alert_at) = (SELECT a.alert_soon_at, a.alert_at FROM tthc._alerts(d) a)
WHERE d.clock = 'running';
SELECT tthc._dossier_write(false);
-- end of the sweep section

-- letters: the legal letters of dossiers (forms 01-05), their numbers, signatures and the
-- apology check; the same objects as src/letters.sql creates in a fresh install.

-- Pure helpers (letters.c, letters_pg.c).  _html_escape, _letter_canonical, _letter_suffix and
-- _ed25519_verify stay executable by PUBLIC: tthc.verify_letter runs as its caller and needs them.
CREATE FUNCTION tthc.letter_date_line(day date, place text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_letter_date_line'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.letter_date_line(date, text) IS
	'the place and date line of a document, "<place>, ngày 05 tháng 02 năm 2026": days below 10 and months 1 and 2 take a leading zero, months 3-12 never do (Decree 30/2020 Appendix I)';

CREATE FUNCTION tthc.amount_in_words(amount bigint)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_amount_in_words'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.amount_in_words(bigint) IS
	'an amount of đồng in Vietnamese words by ICU''s rule-based spell-out, capitalised: 200000 gives "Hai trăm nghìn đồng"';

CREATE FUNCTION tthc.format_amount(amount bigint)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_format_amount'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.format_amount(bigint) IS
	'an amount of đồng in figures grouped by ICU''s Vietnamese number format: 200000 gives "200.000 đồng"';

CREATE FUNCTION tthc.letter_form(form text, OUT title text, OUT abbrev text, OUT event text)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_letter_form'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.letter_form(text) IS
	'the title, number abbreviation and issuing event of a letter form 01-05 (Circular 03/2025/TT-VPCP); 22023 for another';

CREATE FUNCTION tthc._html_escape(s text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_html_escape'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._html_escape(text) IS 'internal: a text with &, <, >, " and '' written as HTML entities';

CREATE FUNCTION tthc._upper(s text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_upper_vi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._upper(text) IS
	'internal: a text in upper case by ICU''s Vietnamese rules, whatever the database''s character classification';
REVOKE ALL ON FUNCTION tthc._upper(text) FROM PUBLIC;

-- Signatures (letters_pg.c).  The private key is read from tthc.signing_key_file and never
-- passes through SQL; _sign is for tthc's own code only.
CREATE FUNCTION tthc._sign(content bytea, OUT public_key bytea, OUT signature bytea)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_sign'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION tthc._sign(bytea) IS
	'internal: the Ed25519 signature of a content with the key of tthc.signing_key_file and its public key; NULLs without a key';
REVOKE ALL ON FUNCTION tthc._sign(bytea) FROM PUBLIC;

CREATE FUNCTION tthc._ed25519_verify(public_key bytea, content bytea, signature bytea)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_ed25519_verify'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._ed25519_verify(bytea, bytea, bytea) IS
	'internal: whether an Ed25519 signature of a content is valid for a raw 32-byte public key';

CREATE TABLE tthc.signing_key (
	id				int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	public_key		bytea NOT NULL UNIQUE CHECK (pg_catalog.length(public_key) = 32),
	first_used_at	timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE tthc.signing_key IS
	'the Ed25519 public keys that letters and history checkpoints were signed with, recorded the first time each key signs';
COMMENT ON COLUMN tthc.signing_key.public_key IS 'the raw 32-byte Ed25519 public key';

-- Where a letter's data comes from, per issuing agency: the place of the date line, the signer, the
-- one-stop desk.  The agency's name, abbreviation (short_name) and parent come from tthc.agency.
CREATE TABLE tthc.letter_profile (
	agency			text PRIMARY KEY REFERENCES tthc.agency ON UPDATE CASCADE ON DELETE RESTRICT,
	place			text NOT NULL CHECK (pg_catalog.btrim(place) <> ''),
	signer_authority text CHECK (pg_catalog.btrim(signer_authority) <> ''),
	signer_title	text NOT NULL CHECK (pg_catalog.btrim(signer_title) <> ''),
	signer_name		text CHECK (pg_catalog.btrim(signer_name) <> ''),
	desk			text NOT NULL DEFAULT 'Bộ phận Tiếp nhận và Trả kết quả' CHECK (pg_catalog.btrim(desk) <> ''),
	phone			text CHECK (pg_catalog.btrim(phone) <> '')
);
COMMENT ON TABLE tthc.letter_profile IS
	'per agency, what its letters print beside tthc.agency: the place of the date line, the signer, the one-stop desk and its phone; an agency without a row prints dotted blanks';
COMMENT ON COLUMN tthc.letter_profile.place IS 'the place name of the date line, e.g. Hưng Yên (Decree 30/2020 Appendix I)';
COMMENT ON COLUMN tthc.letter_profile.signer_authority IS
	'the line above the signer''s title when a deputy or a member signs for the head, e.g. KT. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN';
COMMENT ON COLUMN tthc.letter_profile.signer_title IS 'the signer''s title, e.g. GIÁM ĐỐC, PHÓ GIÁM ĐỐC, CHỦ TỊCH';
COMMENT ON COLUMN tthc.letter_profile.signer_name IS 'the signer''s name; NULL leaves the line to be written by hand';
COMMENT ON COLUMN tthc.letter_profile.desk IS 'the one-stop desk that receives dossiers and returns results';
COMMENT ON COLUMN tthc.letter_profile.phone IS 'the phone number applicants are told to call';

CREATE TABLE tthc.letter_counter (
	agency			text NOT NULL,
	form			text NOT NULL,
	year			int NOT NULL,
	last			int NOT NULL,
	PRIMARY KEY (agency, form, year)
);
COMMENT ON TABLE tthc.letter_counter IS 'last letter number per issuing agency, form and year';

CREATE TABLE tthc.letter (
	id				bigint GENERATED ALWAYS AS IDENTITY,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	form			text NOT NULL CHECK (form IN ('01', '02', '03', '04', '05')),
	year			int NOT NULL,
	number			int NOT NULL CHECK (number > 0),
	issued_at		timestamptz NOT NULL,
	event_seq		int,
	late			boolean,
	text			text NOT NULL,
	html			text NOT NULL,
	digest			bytea NOT NULL,
	key_id			int REFERENCES tthc.signing_key,
	signature		bytea,
	recorded_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	dossier_agency	text NOT NULL,
	PRIMARY KEY (id, issued_at, dossier_agency),
	UNIQUE (agency, form, year, number, issued_at, dossier_agency),
	FOREIGN KEY (dossier, dossier_agency) REFERENCES tthc.dossier (id, agency) ON DELETE RESTRICT,
	CHECK ((key_id IS NULL) = (signature IS NULL)),
	CHECK ((late IS NOT NULL) = (form = '04'))
) PARTITION BY RANGE (issued_at);
CREATE INDEX letter_dossier_idx ON tthc.letter (dossier, form);
COMMENT ON INDEX tthc.letter_dossier_idx IS 'the letters of a dossier by form; also serves the foreign key';
CREATE INDEX letter_key_idx ON tthc.letter (key_id) WHERE key_id IS NOT NULL;
COMMENT ON INDEX tthc.letter_key_idx IS 'letters by signing key; serves the foreign key';
COMMENT ON TABLE tthc.letter IS
	'the legal letters of dossiers (forms 01-05, Circular 03/2025/TT-VPCP), immutable, with their SHA-256 digest and Ed25519 signature; partitioned by month of issued_at (doc/partitioning.md): the keys hold issued_at, so a number stays unique per agency, form and year by tthc.letter_counter';
COMMENT ON COLUMN tthc.letter.agency IS 'the issuing agency: the receiving agency, or the one processing a forwarded dossier';
COMMENT ON COLUMN tthc.letter.form IS 'the form: 01 receipt and appointment, 02 supplement request, 03 refusal, 04 apology and new appointment, 05 stop notice';
COMMENT ON COLUMN tthc.letter.year IS 'the year of the number: the issuing day''s year in the dossier''s calendar time zone';
COMMENT ON COLUMN tthc.letter.number IS 'the number, gapless per agency, form and year ("Số: <number>/<abbrev>-<agency>")';
COMMENT ON COLUMN tthc.letter.issued_at IS 'when the letter was issued: the event''s time, or tthc.now() for one issued on request';
COMMENT ON COLUMN tthc.letter.event_seq IS 'the history event that issued the letter; NULL for one issued on request';
COMMENT ON COLUMN tthc.letter.dossier_agency IS 'the receiving agency of the dossier (the distribution key: a letter lives with its dossier)';
COMMENT ON COLUMN tthc.letter.late IS
	'Form 04 only: the apology came after the last lawful moment, one day before the legal due (Decree 61/2018 Art. 19(9))';
COMMENT ON COLUMN tthc.letter.text IS 'the letter as plain text, its verification line last';
COMMENT ON COLUMN tthc.letter.html IS 'the letter as print-ready A5 HTML (Circular 01/2018 Art. 9(2)), its verification line last';
COMMENT ON COLUMN tthc.letter.digest IS 'SHA-256 of the canonical content (tthc._letter_canonical)';
COMMENT ON COLUMN tthc.letter.key_id IS 'the key that signed it; NULL: issued unsigned';
COMMENT ON COLUMN tthc.letter.signature IS 'Ed25519 signature of the canonical content; its base64 is the verification code printed on the letter';
COMMENT ON COLUMN tthc.letter.recorded_at IS 'when the letter was recorded (transaction start)';

SELECT pg_catalog.pg_extension_config_dump('tthc.signing_key', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter_profile', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter_counter', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.signing_key_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter_id_seq', '');

-- Letters are never changed: no update, no delete; inserted by tthc's own code only.
CREATE FUNCTION tthc._letter_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'letters are immutable: direct % is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'Letters are issued by the dossier events and tthc.issue_letter(); issue a new one instead of changing one.';
END
$$;
COMMENT ON FUNCTION tthc._letter_guard() IS 'internal: keeps letters immutable and written only by tthc';
REVOKE ALL ON FUNCTION tthc._letter_guard() FROM PUBLIC;
CREATE TRIGGER letter_guard BEFORE UPDATE OR DELETE ON tthc.letter
	FOR EACH ROW EXECUTE FUNCTION tthc._letter_guard();
CREATE TRIGGER letter_insert_guard BEFORE INSERT ON tthc.letter
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._letter_guard();
CREATE TRIGGER letter_truncate BEFORE TRUNCATE ON tthc.letter
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._letter_guard();

-- The bytes that the digest and the signature cover: the letter's identity and its text and HTML
-- without their verification line, each length-prefixed so that no two letters share them.
CREATE FUNCTION tthc._letter_canonical(dossier bigint, agency text, form text, year int, number int,
	issued_at timestamptz, text text, html text)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT convert_to(string_agg(length(f)::text || ':' || f, E'\n' ORDER BY n), 'UTF8')
FROM unnest(ARRAY['tthc-letter-1', dossier::text, agency, form, year::text, number::text,
	(extract(epoch FROM issued_at) * 1000000)::bigint::text, text, html]) WITH ORDINALITY AS u(f, n)
$$;
COMMENT ON FUNCTION tthc._letter_canonical(bigint, text, text, int, int, timestamptz, text, text) IS
	'internal: the canonical content of a letter that its digest and signature cover: identity, instant in microseconds, text and HTML without the verification line, length-prefixed';

-- The verification line that ends a letter: the signature in base64 (the verification code), or
-- the statement that the letter is unsigned.
CREATE FUNCTION tthc._letter_suffix(key_id int, signature bytea, html boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN html THEN '<p class="verify">' || tthc._html_escape(line) || E'</p>\n</body>\n</html>\n'
			ELSE E'\n' || line || E'\n' END
FROM (SELECT CASE WHEN signature IS NULL
		THEN 'Văn bản không có mã xác thực: cơ quan chưa cấu hình khóa ký số.'
		ELSE format('Mã xác thực (Ed25519, khóa số %s): %s', key_id,
			translate(encode(signature, 'base64'), E'\n', '')) END AS line) l
$$;
COMMENT ON FUNCTION tthc._letter_suffix(int, bytea, boolean) IS
	'internal: the verification line that ends a letter''s text or HTML: the base64 signature with its key, or that the letter is unsigned';

-- The text and HTML of a letter from its parts.  body: the paragraphs between "Kính gửi" and
-- "Nơi nhận"; every value is HTML-escaped.  Layout: Decree 30/2020 Appendix I; A5: Circular
-- 01/2018 Art. 9(2).
CREATE FUNCTION tthc._letter_render(parent text, agency text, number_line text, date_line text,
	title text, addressee text, body text[], recipients text[], authority text, signer_title text,
	signer_name text, OUT text text, OUT html text)
RETURNS record
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT
	concat_ws(E'\n', parent, agency, number_line, '',
		'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', date_line, '',
		title, '', 'Kính gửi: ' || addressee,
		array_to_string(body, E'\n'), '',
		'Nơi nhận:', array_to_string(recipients, E'\n'), '',
		authority, signer_title, coalesce(signer_name, '')),
	concat(E'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>',
		tthc._html_escape(title || ' ' || number_line), E'</title>\n<style>\n',
		E'@page { size: 148mm 210mm; margin: 15mm 12mm 15mm 20mm; }\n',
		E'body { font-family: "Times New Roman", serif; font-size: 13pt; margin: 0; }\n',
		E'table { width: 100%; border-collapse: collapse; }\n',
		E'td { vertical-align: top; text-align: center; width: 50%; padding: 0; }\n',
		E'.b { font-weight: bold; } .u { text-decoration: underline; } .i { font-style: italic; }\n',
		E'h1 { font-size: 13pt; text-align: center; margin: 8mm 0 4mm; }\n',
		E'p { margin: 1mm 0; text-align: justify; }\n',
		E'td.to { text-align: left; font-size: 11pt; }\n',
		E'.sign { height: 20mm; }\n',
		E'.verify { font-size: 9pt; word-break: break-all; margin-top: 6mm; }\n',
		E'</style>\n</head>\n<body>\n<table class="head"><tr>\n<td>',
		'<div>' || tthc._html_escape(parent) || '</div>',
		'<div class="b u">', tthc._html_escape(agency), '</div><div>', tthc._html_escape(number_line), E'</div></td>\n',
		'<td><div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>',
		'<div class="b u">Độc lập - Tự do - Hạnh phúc</div>',
		'<div class="i">', tthc._html_escape(date_line), E'</div></td>\n</tr></table>\n',
		'<h1>', tthc._html_escape(title), E'</h1>\n',
		'<p>Kính gửi: ', tthc._html_escape(addressee), E'</p>\n',
		(SELECT string_agg('<p>' || tthc._html_escape(b) || '</p>', E'\n' ORDER BY n)
		 FROM unnest(body) WITH ORDINALITY u(b, n)), E'\n',
		E'<table class="foot"><tr>\n<td class="to"><div class="b i">Nơi nhận:</div>',
		(SELECT string_agg('<div>' || tthc._html_escape(r) || '</div>', '' ORDER BY n)
		 FROM unnest(recipients) WITH ORDINALITY u(r, n)), E'</td>\n<td>',
		'<div class="b">' || tthc._html_escape(authority) || '</div>',
		'<div class="b">', tthc._html_escape(signer_title), '</div><div class="sign"></div>',
		'<div class="b">' || tthc._html_escape(signer_name) || '</div>', E'</td>\n</tr></table>\n')
$$;
COMMENT ON FUNCTION tthc._letter_render(text, text, text, text, text, text, text[], text[], text, text, text) IS
	'internal: the plain text and the A5 HTML of a letter from its parts, every value HTML-escaped (Decree 30/2020 Appendix I; Circular 01/2018 Art. 9(2))';
REVOKE ALL ON FUNCTION tthc._letter_render(text, text, text, text, text, text, text[], text[], text, text, text) FROM PUBLIC;

-- Issue a letter of a form for dossier d: number it, write its content, sign it, store it.  note:
-- the reason or the items to supplement; appointment: the appointment before the event (Form 04).
CREATE FUNCTION tthc._issue_letter(d tthc.dossier, form text, issued_at timestamptz, note text,
	appointment timestamptz, event_seq int)
RETURNS tthc.letter
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	tz text := tthc.calendar_timezone(d.calendar);
	issuer text := coalesce(d.processing_agency, d.agency);
	y int := extract(year FROM (issued_at AT TIME ZONE tz))::int;
	n int;
	r record;
	s record;
	l tthc.letter;
	was boolean := tthc._dossier_writing();
BEGIN
	-- an unknown form fails before a number is taken
	PERFORM tthc.letter_form(form);

	-- gapless per agency, form and year: the counter row is held until the transaction ends
	INSERT INTO tthc.letter_counter AS c (agency, form, year, last) VALUES (issuer, form, y, 1)
	ON CONFLICT ON CONSTRAINT letter_counter_pkey DO UPDATE SET last = c.last + 1
	RETURNING c.last INTO n;

	r := tthc._letter_compose(d, form, issued_at, note, appointment, n);

	l.dossier := d.id;
	l.agency := issuer;
	l.dossier_agency := d.agency;
	l.form := form;
	l.year := y;
	l.number := n;
	l.issued_at := issued_at;
	l.event_seq := event_seq;
	-- Decree 61/2018 Art. 19(9): the apology is due one day before the legal due
	IF form = '04' THEN
		l.late := CASE WHEN event_seq IS NOT NULL AND d.apology_late IS NOT NULL THEN d.apology_late
			ELSE issued_at > tthc.apology_deadline(d.legal_due_at, d.calendar) END;
	END IF;
	l.digest := sha256(tthc._letter_canonical(l.dossier, l.agency, l.form, l.year, l.number,
		l.issued_at, r.text, r.html));
	s := tthc._sign(tthc._letter_canonical(l.dossier, l.agency, l.form, l.year, l.number,
		l.issued_at, r.text, r.html));
	IF s.public_key IS NOT NULL THEN
		INSERT INTO tthc.signing_key AS k (public_key) VALUES (s.public_key)
		ON CONFLICT (public_key) DO UPDATE SET public_key = excluded.public_key
		RETURNING k.id INTO l.key_id;
		l.signature := s.signature;
	END IF;
	l.text := r.text || tthc._letter_suffix(l.key_id, l.signature, false);
	l.html := r.html || tthc._letter_suffix(l.key_id, l.signature, true);

	PERFORM tthc._dossier_write(true);
	INSERT INTO tthc.letter AS x (dossier, agency, form, year, number, issued_at, event_seq, late,
		text, html, digest, key_id, signature, dossier_agency)
	VALUES (l.dossier, l.agency, l.form, l.year, l.number, l.issued_at, l.event_seq, l.late,
		l.text, l.html, l.digest, l.key_id, l.signature, l.dossier_agency)
	RETURNING x.* INTO l;
	PERFORM tthc._dossier_write(was);
	RETURN l;
END
$$;
COMMENT ON FUNCTION tthc._issue_letter(tthc.dossier, text, timestamptz, text, timestamptz, int) IS
	'internal: numbers, writes, signs and stores a letter of a form for a dossier';
REVOKE ALL ON FUNCTION tthc._issue_letter(tthc.dossier, text, timestamptz, text, timestamptz, int) FROM PUBLIC;

-- The events that call for a letter issue it as their history row is written, in the same
-- transaction: accept 01, request_supplement 02, refuse 03, extend 04, stop 05.
CREATE FUNCTION tthc._letter_on_event()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	d tthc.dossier;
BEGIN
	SELECT * INTO STRICT d FROM tthc.dossier x WHERE x.id = NEW.dossier;
	PERFORM tthc._issue_letter(d, CASE NEW.event WHEN 'accept' THEN '01' WHEN 'request_supplement' THEN '02'
		WHEN 'refuse' THEN '03' WHEN 'extend' THEN '04' WHEN 'stop' THEN '05' END,
		NEW.at, NEW.note, NEW.due_at_before, NEW.seq);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION tthc._letter_on_event() IS
	'internal: issues the letter that a dossier event calls for (Form 01 on acceptance, 02 supplement request, 03 refusal, 04 extension, 05 stop)';
REVOKE ALL ON FUNCTION tthc._letter_on_event() FROM PUBLIC;
CREATE TRIGGER dossier_event_letter AFTER INSERT ON tthc.dossier_event
	FOR EACH ROW WHEN (NEW.event IN ('accept', 'request_supplement', 'refuse', 'extend', 'stop'))
	EXECUTE FUNCTION tthc._letter_on_event();

-- On request: a new letter of a form for a dossier, with its data as it is now and the reason of
-- the last event that called for the form.
CREATE FUNCTION tthc.issue_letter(dossier bigint, form text)
RETURNS tthc.letter
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	f record;
	e tthc.dossier_event;
BEGIN
	IF form IS NULL THEN
		RAISE EXCEPTION 'form must not be null' USING ERRCODE = 'null_value_not_allowed',
			HINT = 'The forms are 01 to 05 (Circular 03/2025/TT-VPCP).';
	END IF;
	f := tthc.letter_form(form);
	SELECT * INTO d FROM tthc.dossier x WHERE x.id = dossier FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM tthc._check_agency(ARRAY[d.agency, d.processing_agency]);
	SELECT * INTO e FROM tthc.dossier_event x WHERE x.dossier = d.id AND x.at >= d.submitted_at
	  AND x.event = f.event ORDER BY x.seq DESC LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % has no % event to issue Form % for', d.id, f.event, form
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'A form is issued for the event that calls for it: 01 accept, 02 request_supplement, 03 refuse, 04 extend, 05 stop.';
	END IF;
	RETURN tthc._issue_letter(d, form, greatest(tthc.now(), e.at), e.note, e.due_at_before, NULL);
END
$$;
COMMENT ON FUNCTION tthc.issue_letter(bigint, text) IS
	'issues a new letter of a form (01-05) for a dossier on request, with a new number, the dossier''s data as it is now and the reason of the event that called for the form';
REVOKE EXECUTE ON FUNCTION tthc.issue_letter(bigint, text) FROM PUBLIC;

-- true: the signature holds over the letter as stored; false: the letter was altered or the
-- signature does not hold; NULL: an unsigned letter whose digest still holds.
CREATE FUNCTION tthc.verify_letter(id bigint)
RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	l tthc.letter;
	ts text;
	hs text;
	content bytea;
	pub bytea;
BEGIN
	SELECT * INTO l FROM tthc.letter x WHERE x.id = verify_letter.id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'letter % does not exist', id USING ERRCODE = 'undefined_object';
	END IF;
	ts := tthc._letter_suffix(l.key_id, l.signature, false);
	hs := tthc._letter_suffix(l.key_id, l.signature, true);
	IF right(l.text, length(ts)) IS DISTINCT FROM ts OR right(l.html, length(hs)) IS DISTINCT FROM hs THEN
		RETURN false;
	END IF;
	content := tthc._letter_canonical(l.dossier, l.agency, l.form, l.year, l.number, l.issued_at,
		left(l.text, -length(ts)), left(l.html, -length(hs)));
	IF sha256(content) IS DISTINCT FROM l.digest THEN
		RETURN false;
	END IF;
	IF l.signature IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT k.public_key INTO pub FROM tthc.signing_key k WHERE k.id = l.key_id;
	RETURN coalesce(tthc._ed25519_verify(pub, content, l.signature), false);
END
$$;
COMMENT ON FUNCTION tthc.verify_letter(bigint) IS
	'checks a letter: true when its Ed25519 signature holds over the letter as stored, false when it was altered or the signature fails, NULL for an unsigned letter that is intact';

-- Decree 61/2018 Art. 19(9): every dossier that becomes overdue owes the applicant an apology
-- (Form 04) by one day before its legal due.
CREATE VIEW tthc.apology_check AS
SELECT d.id AS dossier, d.agency, d.code, d.applicant_name, d.legal_due_at, d.due_at,
	tthc.apology_deadline(d.legal_due_at, d.calendar) AS apology_deadline,
	l.id AS letter, l.issued_at AS apology_at,
	CASE WHEN l.id IS NULL THEN 'missing' ELSE 'late' END AS problem
FROM tthc.dossier d
LEFT JOIN LATERAL (
	SELECT x.id, x.issued_at, x.late FROM tthc.letter x
	WHERE x.dossier = d.id AND x.form = '04' ORDER BY x.issued_at, x.id LIMIT 1) l ON true
WHERE d.legal_due_at IS NOT NULL
  AND CASE WHEN l.id IS NULL
		THEN d.extended OR d.finish_outcome = 'late' OR d.stop_outcome = 'late'
			 OR (d.clock = 'running' AND d.legal_due_at < tthc.now())
		ELSE l.late END;
COMMENT ON VIEW tthc.apology_check IS
	'dossiers whose apology (Form 04) is missing (overdue, extended, or finished or stopped late without one) or came after the last lawful moment (Decree 61/2018 Art. 19(9))';

-- pg_cron jobs, the morning digest, the clean-up and the health report (src/jobs.sql)

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

-- The clean-up: delivered outbox rows, and the run history of tthc's own jobs (not of other jobs:
-- they belong to whoever scheduled them).
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

-- History checkpoints: daily signed Merkle roots of the chain heads (src/checkpoint.sql)

CREATE TABLE tthc.history_checkpoint (
	day				date PRIMARY KEY,
	created_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	dossiers		int NOT NULL CHECK (dossiers >= 0),
	root			bytea NOT NULL CHECK (pg_catalog.length(root) = 32),
	key_id			int REFERENCES tthc.signing_key,
	signature		bytea,
	CHECK ((key_id IS NULL) = (signature IS NULL))
);
COMMENT ON TABLE tthc.history_checkpoint IS
	'one row per day: the Merkle root of the chain heads of the dossiers whose history changed that day, signed with tthc.signing_key_file''s key';
COMMENT ON COLUMN tthc.history_checkpoint.day IS 'the local day (Asia/Ho_Chi_Minh) whose recorded history rows the checkpoint covers';
COMMENT ON COLUMN tthc.history_checkpoint.dossiers IS 'how many dossiers'' chain heads the root covers';
COMMENT ON COLUMN tthc.history_checkpoint.root IS 'the SHA-256 Merkle root of the heads, in dossier order';
COMMENT ON COLUMN tthc.history_checkpoint.key_id IS 'the public key the signature is checked with; NULL: unsigned (no key configured)';
COMMENT ON COLUMN tthc.history_checkpoint.signature IS 'Ed25519 signature of tthc._checkpoint_canonical(day, dossiers, root)';

CREATE TABLE tthc.history_checkpoint_head (
	day				date NOT NULL REFERENCES tthc.history_checkpoint ON DELETE RESTRICT,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	seq				int NOT NULL,
	hash			bytea NOT NULL,
	PRIMARY KEY (day, dossier, agency)
);
CREATE INDEX history_checkpoint_head_dossier_idx ON tthc.history_checkpoint_head (dossier, day);
COMMENT ON INDEX tthc.history_checkpoint_head_dossier_idx IS 'a dossier''s checkpointed heads, for tthc.verify_checkpoints';
COMMENT ON TABLE tthc.history_checkpoint_head IS
	'the chain head of each dossier whose history changed on a checkpointed day: its last sequence number and hash at the end of the day';
COMMENT ON COLUMN tthc.history_checkpoint_head.agency IS 'the receiving agency of the dossier';
COMMENT ON COLUMN tthc.history_checkpoint_head.seq IS 'the last history row recorded by the end of the day';
COMMENT ON COLUMN tthc.history_checkpoint_head.hash IS 'its hash';

SELECT pg_catalog.pg_extension_config_dump('tthc.history_checkpoint', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.history_checkpoint_head', '');

CREATE FUNCTION tthc._checkpoint_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'history checkpoints are append-only: % is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'Checkpoints are written by tthc.checkpoint() and never changed.';
END
$$;
COMMENT ON FUNCTION tthc._checkpoint_guard() IS 'internal: keeps history checkpoints append-only';
REVOKE ALL ON FUNCTION tthc._checkpoint_guard() FROM PUBLIC;
CREATE TRIGGER history_checkpoint_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.history_checkpoint
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._checkpoint_guard();
CREATE TRIGGER history_checkpoint_head_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.history_checkpoint_head
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._checkpoint_guard();

-- A leaf is SHA-256 of the dossier, the sequence number and the hash; the tree pairs leaves in
-- dossier order, hashing the concatenation of each pair; an odd last node goes up alone.
CREATE FUNCTION tthc._merkle_root(leaves bytea[])
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	level bytea[] := leaves;
	up bytea[];
	n int;
BEGIN
	IF cardinality(level) = 0 THEN
		RETURN sha256(''::bytea);
	END IF;
	WHILE cardinality(level) > 1 LOOP
		up := '{}';
		n := cardinality(level);
		FOR i IN 1..n BY 2 LOOP
			up := up || CASE WHEN i < n THEN sha256(level[i] || level[i + 1]) ELSE level[i] END;
		END LOOP;
		level := up;
	END LOOP;
	RETURN level[1];
END
$$;
COMMENT ON FUNCTION tthc._merkle_root(bytea[]) IS
	'internal: the SHA-256 Merkle root of leaves in order (an odd last node goes up alone; no leaf: SHA-256 of nothing)';
REVOKE ALL ON FUNCTION tthc._merkle_root(bytea[]) FROM PUBLIC;

CREATE FUNCTION tthc._checkpoint_leaf(dossier bigint, seq int, hash bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$SELECT sha256(convert_to(format('tthc-head-v1|%s|%s|', dossier, seq), 'UTF8') || hash)$$;
COMMENT ON FUNCTION tthc._checkpoint_leaf(bigint, int, bytea) IS 'internal: the Merkle leaf of a dossier''s chain head';
REVOKE ALL ON FUNCTION tthc._checkpoint_leaf(bigint, int, bytea) FROM PUBLIC;

CREATE FUNCTION tthc._checkpoint_canonical(day date, dossiers int, root bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$SELECT convert_to(format('tthc-checkpoint-v1|%s|%s|%s', to_char(day, 'YYYY-MM-DD'), dossiers, encode(root, 'hex')), 'UTF8')$$;
COMMENT ON FUNCTION tthc._checkpoint_canonical(date, int, bytea) IS 'internal: the bytes a checkpoint''s signature covers';
REVOKE ALL ON FUNCTION tthc._checkpoint_canonical(date, int, bytea) FROM PUBLIC;

-- The checkpoint of a day (NULL: the day before tthc.now(), local time); a day already
-- checkpointed is returned as it is.  The heads are those of the history rows recorded (recorded_at,
-- the real time of writing) by the end of the day, for the dossiers with a row recorded that day.
CREATE FUNCTION tthc.checkpoint(day date DEFAULT NULL)
RETURNS tthc.history_checkpoint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	c tthc.history_checkpoint;
	d date := coalesce(day, (tthc.now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1);
	day_start timestamptz;
	day_end timestamptz;
	s record;
BEGIN
	IF NOT isfinite(d) THEN
		RAISE EXCEPTION 'checkpoint day % is out of range', d
			USING ERRCODE = 'datetime_field_overflow', HINT = 'Give a finite day.';
	END IF;
	IF d >= (tthc.now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN
		RAISE EXCEPTION 'day % is not over yet', d
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'A day is checkpointed once it has ended; the job does it for yesterday.';
	END IF;
	-- one checkpoint per day, also when two jobs race
	PERFORM pg_advisory_xact_lock(hashtext('tthc.checkpoint'), d - date '2000-01-01');
	SELECT * INTO c FROM tthc.history_checkpoint x WHERE x.day = d;
	IF FOUND THEN
		RETURN c;
	END IF;
	day_start := d::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh';
	day_end := (d + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh';

	PERFORM tthc._dossier_write(true);
	INSERT INTO tthc.history_checkpoint (day, dossiers, root) VALUES (d, 0, sha256(''::bytea));
	INSERT INTO tthc.history_checkpoint_head (day, dossier, agency, seq, hash)
	SELECT DISTINCT ON (e.dossier) d, e.dossier, e.agency, e.seq, e.hash
	FROM tthc.dossier_event e
	WHERE e.dossier IN (SELECT x.dossier FROM tthc.dossier_event x
						WHERE x.recorded_at >= day_start AND x.recorded_at < day_end)
	  AND e.recorded_at < day_end
	ORDER BY e.dossier, e.seq DESC;
	SELECT count(*)::int AS n,
		tthc._merkle_root(coalesce(array_agg(tthc._checkpoint_leaf(h.dossier, h.seq, h.hash) ORDER BY h.dossier), '{}')) AS root
	INTO s FROM tthc.history_checkpoint_head h WHERE h.day = d;
	c.day := d;
	c.dossiers := s.n;
	c.root := s.root;
	SELECT g.public_key, g.signature INTO s FROM tthc._sign(tthc._checkpoint_canonical(d, c.dossiers, c.root)) g;
	IF s.public_key IS NOT NULL THEN
		INSERT INTO tthc.signing_key AS k (public_key) VALUES (s.public_key)
		ON CONFLICT (public_key) DO UPDATE SET public_key = excluded.public_key
		RETURNING k.id INTO c.key_id;
		c.signature := s.signature;
	END IF;
	UPDATE tthc.history_checkpoint x SET dossiers = c.dossiers, root = c.root, key_id = c.key_id,
		signature = c.signature
	WHERE x.day = d
	RETURNING * INTO c;
	PERFORM tthc._dossier_write(false);
	-- a copy for a store outside the database (dossier 0, status 0: not a dossier's event)
	PERFORM tthc._outbox(0, 'tthc', 'checkpoint', 0, jsonb_build_object(
		'event', 'checkpoint', 'day', d, 'dossiers', c.dossiers, 'root', encode(c.root, 'hex'),
		'key_id', c.key_id, 'public_key', (SELECT encode(k.public_key, 'hex') FROM tthc.signing_key k WHERE k.id = c.key_id),
		'signature', encode(c.signature, 'base64')));
	RETURN c;
END
$$;
COMMENT ON FUNCTION tthc.checkpoint(date) IS
	'records, signs and sends to the outbox the Merkle root of the chain heads of the dossiers whose history changed on a day (NULL: yesterday); idempotent';
REVOKE EXECUTE ON FUNCTION tthc.checkpoint(date) FROM PUBLIC;

-- A dossier's history against every checkpoint that covers it: the checkpoint's signature holds
-- over its root, the root is the one of its recorded heads, and the dossier's history row at each
-- checkpointed head still has the checkpointed hash.
CREATE FUNCTION tthc.verify_checkpoints(dossier bigint,
	OUT valid boolean, OUT checkpoints int, OUT first_bad_day date, OUT reason text)
RETURNS record
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	h record;
	c tthc.history_checkpoint;
	pub bytea;
	root bytea;
	current bytea;
BEGIN
	IF NOT EXISTS (SELECT FROM tthc.dossier x WHERE x.id = dossier) THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	valid := true;
	checkpoints := 0;
	FOR h IN SELECT * FROM tthc.history_checkpoint_head x WHERE x.dossier = verify_checkpoints.dossier ORDER BY x.day LOOP
		checkpoints := checkpoints + 1;
		SELECT * INTO STRICT c FROM tthc.history_checkpoint x WHERE x.day = h.day;
		SELECT tthc._merkle_root(array_agg(tthc._checkpoint_leaf(x.dossier, x.seq, x.hash) ORDER BY x.dossier))
		INTO root FROM tthc.history_checkpoint_head x WHERE x.day = h.day;
		SELECT k.public_key INTO pub FROM tthc.signing_key k WHERE k.id = c.key_id;
		SELECT e.hash INTO current FROM tthc.dossier_event e WHERE e.dossier = h.dossier AND e.seq = h.seq;
		reason := CASE
			WHEN c.key_id IS NOT NULL AND (pub IS NULL OR NOT tthc._ed25519_verify(pub,
					tthc._checkpoint_canonical(c.day, c.dossiers, c.root), c.signature))
				THEN format('the checkpoint of %s does not verify with its key', c.day)
			WHEN root IS DISTINCT FROM c.root
				THEN format('the heads recorded for %s do not make the checkpoint''s root', c.day)
			WHEN current IS NULL
				THEN format('event %s, checkpointed on %s, is missing', h.seq, h.day)
			WHEN current <> h.hash
				THEN format('event %s does not have the hash checkpointed on %s', h.seq, h.day)
			END;
		IF reason IS NOT NULL THEN
			valid := false;
			first_bad_day := h.day;
			RETURN;
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION tthc.verify_checkpoints(bigint) IS
	'checks a dossier''s history against the daily checkpoints that cover it: signature, Merkle root and the checkpointed head hashes';
REVOKE EXECUTE ON FUNCTION tthc.verify_checkpoints(bigint) FROM PUBLIC;

-- Apology drafts: the sweep prepares Form 04, unnumbered and unsigned, with a dossier's first
-- due-soon or overdue notice for a legal due (src/letters.sql, src/sweep.sql).  The Form 04 body is
-- written in one place, tthc._letter_compose, which tthc._issue_letter now calls.

-- The content of a letter of a form for dossier d, as plain text and HTML: the one place that
-- writes the forms' bodies.  note: the reason or the items to supplement; appointment: the
-- appointment before the event (Form 04).  A NULL number makes a draft (the sweep's apology drafts,
-- Decree 61/2018 Art. 19(9)): its first line says so (DỰ THẢO), and the number, the reason and the
-- new appointment are dotted blanks for the officer; the real letter is numbered when issued.
CREATE FUNCTION tthc._letter_compose(d tthc.dossier, form text, issued_at timestamptz, note text,
	appointment timestamptz, number int, OUT text text, OUT html text)
RETURNS record
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	blank constant text := '……………';
	draft boolean := number IS NULL;
	reason text := CASE WHEN number IS NULL THEN blank ELSE note END;
	f record;
	a tthc.agency;
	parent text;
	pr tthc.letter_profile;
	proc record;
	tz text := tthc.calendar_timezone(d.calendar);
	issuer text := coalesce(d.processing_agency, d.agency);
	day date := (issued_at AT TIME ZONE tz)::date;
	body text[];
	r record;
	received timestamptz := coalesce(d.received_at, d.submitted_at);
	agency_name text;
BEGIN
	f := tthc.letter_form(form);
	SELECT * INTO STRICT a FROM tthc.agency g WHERE g.code = issuer;
	SELECT g.name INTO parent FROM tthc.agency g WHERE g.code = a.parent;
	SELECT * INTO pr FROM tthc.letter_profile p WHERE p.agency = issuer;
	SELECT p.name, v.term::text AS term, v.fee INTO STRICT proc
	FROM tthc.procedure p JOIN tthc.procedure_version v ON v.procedure = p.code
	WHERE p.code = d.procedure AND v.version = d.procedure_version;
	agency_name := a.name;

	body := ARRAY['Người nộp hồ sơ: ' || d.applicant_name
			|| coalesce(', điện thoại ' || d.applicant_phone, ''),
		'Thủ tục hành chính: ' || proc.name || ' (mã ' || d.procedure || ')']
		|| CASE WHEN d.code IS NOT NULL THEN ARRAY['Mã hồ sơ: ' || d.code] ELSE '{}' END;
	CASE form
	WHEN '01' THEN
		-- Form 01: receipt instant, time limit, appointment, where to collect, fee
		body := body || ARRAY[
			'Thời điểm tiếp nhận: ' || to_char(received AT TIME ZONE tz, 'HH24 "giờ" MI "phút", ')
				|| tthc.letter_date_line((received AT TIME ZONE tz)::date),
			'Thời hạn giải quyết: ' || proc.term,
			'Thời gian hẹn trả kết quả: ' || to_char(d.due_at AT TIME ZONE tz, 'HH24 "giờ" MI "phút", ')
				|| tthc.letter_date_line((d.due_at AT TIME ZONE tz)::date),
			'Nơi trả kết quả: ' || coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả') || ', ' || agency_name,
			'Phí, lệ phí: ' || tthc.format_amount(proc.fee::bigint)
				|| ' (Bằng chữ: ' || tthc.amount_in_words(proc.fee::bigint) || ')'];
	WHEN '02' THEN
		body := body || ARRAY[
			'Ngày nộp hồ sơ: ' || tthc.letter_date_line((received AT TIME ZONE tz)::date),
			'Hồ sơ của ông/bà cần được bổ sung, hoàn thiện như sau: '
				|| coalesce(reason, 'theo hướng dẫn của cán bộ tiếp nhận') || '.',
			'Ông/bà được hướng dẫn một lần, đầy đủ; sau khi bổ sung, hoàn thiện, xin nộp lại hồ sơ tại '
				|| coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả') || '.',
			'Mọi vướng mắc xin liên hệ: ' || coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả')
				|| coalesce(', điện thoại ' || pr.phone, '') || '.',
			'Trân trọng./.'];
	WHEN '03' THEN
		body := body || ARRAY[
			'Ngày nộp hồ sơ: ' || tthc.letter_date_line((received AT TIME ZONE tz)::date),
			agency_name || ' không tiếp nhận, giải quyết hồ sơ của ông/bà.',
			'Lý do: ' || coalesce(reason, '') || '.',
			'Trân trọng./.'];
	WHEN '04' THEN
		-- Form 04 (Decree 61/2018 Art. 19(9)): the receipt, the appointment on the slip, that the
		-- result is not ready, the reason, the apology and the new appointment
		body := body || ARRAY[
			'Ngày tiếp nhận hồ sơ: ' || tthc.letter_date_line((received AT TIME ZONE tz)::date)
				|| ', tại ' || coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả') || ', ' || agency_name,
			'Thời gian hẹn trả kết quả trên Giấy tiếp nhận hồ sơ: '
				|| tthc.letter_date_line((appointment AT TIME ZONE tz)::date),
			'Đến thời gian hẹn trên, hồ sơ của ông/bà chưa giải quyết xong, chưa có kết quả để trả.',
			'Lý do: ' || coalesce(reason, '') || '.',
			agency_name || ' xin lỗi ông/bà vì sự chậm trễ này và mong ông/bà thông cảm.',
			'Thời gian hẹn trả kết quả lại: ' || CASE WHEN draft THEN blank
				ELSE tthc.letter_date_line((d.due_at AT TIME ZONE tz)::date) END,
			'Trân trọng./.'];
	WHEN '05' THEN
		body := body || ARRAY[
			'Ngày tiếp nhận hồ sơ: ' || tthc.letter_date_line((received AT TIME ZONE tz)::date),
			agency_name || ' dừng xử lý hồ sơ của ông/bà kể từ '
				|| tthc.letter_date_line((coalesce(d.stopped_at, issued_at) AT TIME ZONE tz)::date) || '.',
			'Lý do: ' || coalesce(reason, '') || '.',
			'Trân trọng./.'];
	END CASE;

	r := tthc._letter_render(tthc._upper(parent), tthc._upper(agency_name),
		'Số: ' || coalesce(number::text, blank) || '/' || f.abbrev || coalesce('-' || a.short_name, ''),
		tthc.letter_date_line(day, coalesce(pr.place, '……………')),
		f.title, d.applicant_name, body,
		ARRAY['- Như trên;', '- ' || coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả') || ';', '- Lưu: VT.'],
		pr.signer_authority, coalesce(pr.signer_title, 'THỦ TRƯỞNG CƠ QUAN'), pr.signer_name);

	text := r.text;
	html := r.html;
	IF draft THEN
		text := 'DỰ THẢO' || E'\n' || text;
		html := replace(html, E'<body>\n', E'<body>\n<div class="b">DỰ THẢO</div>\n');
	END IF;
END
$$;
COMMENT ON FUNCTION tthc._letter_compose(tthc.dossier, text, timestamptz, text, timestamptz, int) IS
	'internal: the plain text and the A5 HTML of a letter of a form for a dossier with a number, or of an unnumbered draft (DỰ THẢO) when the number is NULL';
REVOKE ALL ON FUNCTION tthc._letter_compose(tthc.dossier, text, timestamptz, text, timestamptz, int) FROM PUBLIC;

-- Apology drafts (Decree 61/2018 Art. 19(9)): when the sweep finds a dossier due soon (or overdue
-- without a due-soon notice first) and not yet re-scheduled, it prepares Form 04 for the officer, once
-- per dossier and legal due: a restart gives a new legal due, and a new draft.  A draft has no number
-- and no signature; tthc.extend issues the real letter.  The table will be partitioned by the legal
-- due, which is in every key.
CREATE TABLE tthc.apology_draft (
	id				bigint GENERATED ALWAYS AS IDENTITY,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	legal_due_at	timestamptz NOT NULL,
	created_at		timestamptz NOT NULL,
	text			text NOT NULL,
	html			text NOT NULL,
	PRIMARY KEY (id, legal_due_at, agency),
	CONSTRAINT apology_draft_once UNIQUE (dossier, legal_due_at, agency),
	FOREIGN KEY (dossier, agency) REFERENCES tthc.dossier (id, agency) ON DELETE RESTRICT
) PARTITION BY RANGE (legal_due_at);
COMMENT ON TABLE tthc.apology_draft IS
	'unnumbered, unsigned drafts of the apology letter (Form 04) prepared by tthc.sweep(), once per dossier and legal due (Decree 61/2018 Art. 19(9)); partitioned by month of legal_due_at (doc/partitioning.md)';
COMMENT ON COLUMN tthc.apology_draft.agency IS 'the receiving agency of the dossier (the distribution key)';
COMMENT ON COLUMN tthc.apology_draft.legal_due_at IS 'the legal due the draft was prepared for';
COMMENT ON COLUMN tthc.apology_draft.created_at IS 'the instant of the sweep that prepared it (its at argument), the date on the draft';
COMMENT ON COLUMN tthc.apology_draft.text IS 'the draft as plain text, its first line DỰ THẢO; number, reason and new appointment left blank';
COMMENT ON COLUMN tthc.apology_draft.html IS 'the draft as A5 HTML, marked DỰ THẢO; number, reason and new appointment left blank';
SELECT pg_catalog.pg_extension_config_dump('tthc.apology_draft', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.apology_draft_id_seq', '');

-- Prepare a dossier's apology draft at a sweep's instant unless it was re-scheduled already or has
-- its draft for this legal due; the unique key decides, so two sweeps never prepare two.
CREATE FUNCTION tthc._apology_draft(d tthc.dossier, at timestamptz)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	r record;
	id bigint;
BEGIN
	-- the return may be re-scheduled only once (Decree 61/2018 Art. 19(9)): no second apology
	IF d.extended OR d.legal_due_at IS NULL THEN
		RETURN NULL;
	END IF;
	IF EXISTS (SELECT FROM tthc.apology_draft x WHERE x.dossier = d.id AND x.legal_due_at = d.legal_due_at) THEN
		RETURN NULL;
	END IF;
	r := tthc._letter_compose(d, '04', at, NULL, d.due_at, NULL);
	INSERT INTO tthc.apology_draft AS x (dossier, agency, legal_due_at, created_at, text, html)
	VALUES (d.id, d.agency, d.legal_due_at, at, r.text, r.html)
	ON CONFLICT ON CONSTRAINT apology_draft_once DO NOTHING
	RETURNING x.id INTO id;
	RETURN id;
END
$$;
COMMENT ON FUNCTION tthc._apology_draft(tthc.dossier, timestamptz) IS
	'internal: prepares the unnumbered apology draft (Form 04) of a dossier not re-scheduled, once per legal due; returns its id, or NULL when none was prepared';
REVOKE ALL ON FUNCTION tthc._apology_draft(tthc.dossier, timestamptz) FROM PUBLIC;
-- (tthc._issue_letter and tthc._notice, which draw on these, are created in their final form above)
-- end of the apology drafts section

-- reports for analysts: tthc.dossier_score, tthc.dossier_step_score, tthc.report (src/reports.sql)

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

-- Circular 01/2018/TT-VPCP Art. 13: index 1 the timeliness of the result (2 early, 1 on time,
-- 0 late, scored against the legal due: finish_outcome); index 3 the supplement requests (2 none,
-- 1 one, 0 more).  Scored once the result is ready.
CREATE VIEW tthc.dossier_score WITH (security_invoker = true) AS
SELECT d.id AS dossier, d.agency, d.code, d.procedure, d.finished_at, d.finish_outcome, d.supplements,
	CASE d.finish_outcome WHEN 'early' THEN 2 WHEN 'on_time' THEN 1 WHEN 'late' THEN 0 END AS index1,
	CASE WHEN d.finish_outcome IS NULL THEN NULL
		 WHEN d.supplements = 0 THEN 2 WHEN d.supplements = 1 THEN 1 ELSE 0 END AS index3
FROM tthc.dossier d
WHERE d.finish_outcome IS NOT NULL;
COMMENT ON VIEW tthc.dossier_score IS
	'finished dossiers with Circular 01/2018 Art. 13 index 1 (2 early, 1 on time, 0 late against the legal due) and index 3 (2 no supplement request, 1 one, 0 more)';

-- Circular 01/2018/TT-VPCP Art. 13 index 2: the timeliness of each agency taking part in an
-- inter-agency procedure, from its finished steps; an agency with several steps scores its worst.
CREATE VIEW tthc.dossier_step_score WITH (security_invoker = true) AS
SELECT s.dossier, coalesce(s.responsible_agency, d.processing_agency, d.agency) AS agency,
	count(*) AS steps,
	min(CASE s.outcome WHEN 'early' THEN 2 WHEN 'on_time' THEN 1 WHEN 'late' THEN 0 END) AS index2
FROM tthc.dossier_step s
JOIN tthc.dossier d ON d.id = s.dossier
WHERE s.outcome IS NOT NULL
GROUP BY s.dossier, coalesce(s.responsible_agency, d.processing_agency, d.agency);
COMMENT ON VIEW tthc.dossier_step_score IS
	'Circular 01/2018 Art. 13 index 2 per dossier and step agency: 2 early, 1 on time, 0 late, the worst of the agency''s finished steps';

-- The report's rows, unordered.  Each group is judged over windows of local days: the whole period,
-- or with by = 'month' each month of it.  A window [t0, t1) runs from the start of its first day to
-- the start of the day after its last, in the time zone of each dossier's calendar.
CREATE FUNCTION tthc._report_rows(period_from date, period_to date, by text)
RETURNS TABLE (group_key text, group_name text, received bigint,
	resolved_early bigint, resolved_on_time bigint, resolved_late bigint,
	pending_on_time bigint, pending_due_soon bigint, pending_late bigint,
	withdrawn bigint, refused bigint, stopped bigint, backlog_start bigint,
	on_time_rate numeric, late_rate numeric, days_avg numeric, days_p90 numeric,
	supplements_per_dossier numeric, supplements_late bigint, supplements_repeated bigint,
	apologies_issued bigint, apologies_late bigint, apologies_missing bigint,
	extensions_kept bigint, extensions_broken bigint,
	index1_avg numeric, index2_avg numeric, index3_avg numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- the per-dossier sub-queries inflate the cost estimate far beyond the work: compiling the plan
-- with JIT took seconds where running it takes milliseconds
SET jit = off
AS $$
WITH w AS (
	SELECT period_from AS wf, period_to AS wt, NULL::text AS mkey WHERE $3 <> 'month'
	UNION ALL
	SELECT greatest(m::date, period_from), least((m + interval '1 month')::date - 1, period_to),
		to_char(m, 'YYYY-MM')
	FROM generate_series(date_trunc('month', period_from::timestamp), period_to::timestamp, interval '1 month') m
	WHERE $3 = 'month'
),
lead AS (SELECT tthc.due_soon_lead() AS lead),
-- every dossier with its group and the instant it left the open state (result ready, withdrawn,
-- stopped or refused)
d AS (
	SELECT x.*, tthc.calendar_timezone(x.calendar) AS tz,
		coalesce(x.finished_at, c.at) AS closed_at, c.to_status AS closed_status,
		CASE $3 WHEN 'agency' THEN x.agency WHEN 'sector' THEN p.sector WHEN 'procedure' THEN x.procedure END AS gkey,
		CASE $3 WHEN 'agency' THEN a.name WHEN 'sector' THEN s.name WHEN 'procedure' THEN p.name END AS gname
	FROM tthc.dossier x
	JOIN tthc.agency a ON a.code = x.agency
	JOIN tthc.procedure p ON p.code = x.procedure
	LEFT JOIN tthc.sector s ON s.code = p.sector
	LEFT JOIN LATERAL (
		SELECT e.at, e.to_status FROM tthc.dossier_event e
		WHERE e.dossier = x.id AND e.at >= x.submitted_at AND e.to_status IN (3, 7, 8) ORDER BY e.seq LIMIT 1) c ON x.finished_at IS NULL
),
-- each dossier in each window, with what happened to it there
f AS (
	SELECT coalesce(w.mkey, d.gkey) AS rkey,
		CASE WHEN w.mkey IS NOT NULL THEN 'tháng ' || to_char(w.wf, 'MM/YYYY') ELSE d.gname END AS rname,
		d.*, t.t0, t.t1,
		d.received_at >= t.t0 AND d.received_at < t.t1 AS is_received,
		d.finished_at >= t.t0 AND d.finished_at < t.t1 AS is_resolved,
		d.received_at < t.t0 AND (d.closed_at IS NULL OR d.closed_at >= t.t0) AS is_backlog,
		d.received_at < t.t1 AND (d.closed_at IS NULL OR d.closed_at >= t.t1) AS is_open,
		d.closed_at >= t.t0 AND d.closed_at < t.t1 AS is_closed
	FROM w CROSS JOIN d
	CROSS JOIN LATERAL (SELECT w.wf::timestamp AT TIME ZONE d.tz AS t0,
							   (w.wt + 1)::timestamp AT TIME ZONE d.tz AS t1) t
),
-- the open dossiers at the window's end, judged as tthc.sweep judges them at that instant
-- (tthc._due_state: late after the legal due; due soon once the last lawful moment to apologise,
-- Decree 61/2018 Art. 19(9), lies within tthc.due_soon_lead); a limit waiting to restart is on time
g AS (
	SELECT f.*,
		CASE WHEN f.is_open IS NOT TRUE THEN NULL
			 WHEN f.legal_due_at IS NULL THEN 'on_time'
			 ELSE tthc._due_state(f.legal_due_at, f.calendar, f.t1, (SELECT lead FROM lead)) END AS pending,
		CASE WHEN f.is_resolved THEN tthc.working_days_between(
			(f.received_at AT TIME ZONE f.tz)::date, (f.finished_at AT TIME ZONE f.tz)::date, f.calendar) END AS days,
		(SELECT count(*) FROM tthc.letter l
		 WHERE l.dossier = f.id AND l.form = '04' AND l.issued_at >= f.t0 AND l.issued_at < f.t1) AS apologies,
		(SELECT count(*) FROM tthc.letter l
		 WHERE l.dossier = f.id AND l.form = '04' AND l.late AND l.issued_at >= f.t0 AND l.issued_at < f.t1) AS apologies_late,
		f.legal_due_at >= f.t0 AND f.legal_due_at < f.t1
			AND EXISTS (SELECT FROM tthc.apology_check c WHERE c.dossier = f.id AND c.problem = 'missing') AS apology_missing
	FROM f
),
r AS (
	SELECT g.rkey AS gkey, min(g.rname) AS gname,
		count(*) FILTER (WHERE g.is_received) AS received,
		count(*) FILTER (WHERE g.is_resolved AND g.finish_outcome = 'early') AS resolved_early,
		count(*) FILTER (WHERE g.is_resolved AND g.finish_outcome = 'on_time') AS resolved_on_time,
		count(*) FILTER (WHERE g.is_resolved AND g.finish_outcome = 'late') AS resolved_late,
		count(*) FILTER (WHERE g.pending = 'on_time') AS pending_on_time,
		count(*) FILTER (WHERE g.pending = 'due_soon') AS pending_due_soon,
		count(*) FILTER (WHERE g.pending = 'late') AS pending_late,
		count(*) FILTER (WHERE g.is_closed AND g.closed_status = 7) AS withdrawn,
		count(*) FILTER (WHERE g.is_closed AND g.closed_status = 3) AS refused,
		count(*) FILTER (WHERE g.is_closed AND g.closed_status = 8) AS stopped,
		count(*) FILTER (WHERE g.is_backlog) AS backlog_start,
		round(avg(g.days), 2) AS days_avg,
		round((percentile_cont(0.9) WITHIN GROUP (ORDER BY g.days))::numeric, 2) AS days_p90,
		round(avg(g.supplements) FILTER (WHERE g.is_resolved), 2) AS supplements_per_dossier,
		coalesce(sum(g.supplements_late) FILTER (WHERE g.is_resolved), 0)::bigint AS supplements_late,
		coalesce(sum(g.supplements_repeated) FILTER (WHERE g.is_resolved), 0)::bigint AS supplements_repeated,
		sum(g.apologies)::bigint AS apologies_issued,
		sum(g.apologies_late)::bigint AS apologies_late,
		count(*) FILTER (WHERE g.apology_missing) AS apologies_missing,
		count(*) FILTER (WHERE g.is_resolved AND g.extended AND g.appointment_kept) AS extensions_kept,
		count(*) FILTER (WHERE g.is_resolved AND g.extended AND NOT g.appointment_kept) AS extensions_broken,
		array_agg(g.id) FILTER (WHERE g.is_resolved) AS resolved_ids
	FROM g
	GROUP BY g.rkey
)
SELECT r.gkey, r.gname, r.received, r.resolved_early, r.resolved_on_time, r.resolved_late,
	r.pending_on_time, r.pending_due_soon, r.pending_late, r.withdrawn, r.refused, r.stopped,
	r.backlog_start,
	-- Decree 61/2018 Art. 30: results ready early or on time over the dossiers received
	round((r.resolved_early + r.resolved_on_time)::numeric / nullif(r.received, 0), 4),
	-- provincial practice: late open and late finished over received plus the backlog at the start
	round((r.pending_late + r.resolved_late)::numeric / nullif(r.received + r.backlog_start, 0), 4),
	r.days_avg, r.days_p90, r.supplements_per_dossier, r.supplements_late, r.supplements_repeated,
	r.apologies_issued, r.apologies_late, r.apologies_missing, r.extensions_kept, r.extensions_broken,
	(SELECT round(avg(s.index1), 2) FROM tthc.dossier_score s WHERE s.dossier = ANY (r.resolved_ids)),
	(SELECT round(avg(s.index2), 2) FROM tthc.dossier_step_score s WHERE s.dossier = ANY (r.resolved_ids)),
	(SELECT round(avg(s.index3), 2) FROM tthc.dossier_score s WHERE s.dossier = ANY (r.resolved_ids))
FROM r
WHERE r.received + r.resolved_early + r.resolved_on_time + r.resolved_late + r.pending_on_time
	+ r.pending_due_soon + r.pending_late + r.withdrawn + r.refused + r.stopped + r.apologies_issued
	+ r.apologies_missing > 0
$$;
COMMENT ON FUNCTION tthc._report_rows(date, date, text) IS
	'internal: the unordered rows of tthc.report, computed from the dossier tables';
REVOKE ALL ON FUNCTION tthc._report_rows(date, date, text) FROM PUBLIC;

CREATE FUNCTION tthc.report(period_from date, period_to date, by text DEFAULT 'agency')
RETURNS TABLE (group_key text, group_name text, received bigint,
	resolved_early bigint, resolved_on_time bigint, resolved_late bigint,
	pending_on_time bigint, pending_due_soon bigint, pending_late bigint,
	withdrawn bigint, refused bigint, stopped bigint, backlog_start bigint,
	on_time_rate numeric, late_rate numeric, days_avg numeric, days_p90 numeric,
	supplements_per_dossier numeric, supplements_late bigint, supplements_repeated bigint,
	apologies_issued bigint, apologies_late bigint, apologies_missing bigint,
	extensions_kept bigint, extensions_broken bigint,
	index1_avg numeric, index2_avg numeric, index3_avg numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	rollups boolean;
BEGIN
	IF period_from IS NULL OR period_to IS NULL OR by IS NULL THEN
		RAISE EXCEPTION 'report period and grouping must not be null'
			USING ERRCODE = '22004', HINT = 'Give both days of the period and one of agency, sector, procedure, month.';
	END IF;
	IF by NOT IN ('agency', 'sector', 'procedure', 'month') THEN
		RAISE EXCEPTION 'invalid report grouping "%"', by
			USING ERRCODE = '22023', HINT = 'Group by agency, sector, procedure or month.';
	END IF;
	IF period_from > period_to THEN
		RAISE EXCEPTION 'report period starts on "%" after it ends on "%"', period_from, period_to
			USING ERRCODE = '22023', HINT = 'Give the first day of the period before its last.';
	END IF;
	-- the rollups as of the last tthc.rollup_refresh(); the dossier tables when the rollups were
	-- never built, or were built with another due-soon lead than this session's
	SELECT s.refreshed_at IS NOT NULL AND s.lead = tthc.due_soon_lead() INTO rollups FROM tthc.rollup_state s;
	-- names in Vietnamese order where the server has ICU; months in calendar order
	RETURN QUERY EXECUTE format(
		'SELECT * FROM tthc.%I($1, $2, $3) x ORDER BY CASE WHEN $3 = ''month'' THEN x.group_key END, x.group_name %s, x.group_key',
		CASE WHEN rollups THEN '_report_rollup' ELSE '_report_rows' END,
		CASE WHEN EXISTS (SELECT FROM pg_catalog.pg_collation WHERE collname = 'vi-x-icu') THEN 'COLLATE "vi-x-icu"' END)
	USING period_from, period_to, by;
END
$$;
COMMENT ON FUNCTION tthc.report(date, date, text) IS
	'the analysts'' report over a period of local days, one row per agency, sector, procedure or month, read from the rollups as of the last tthc.rollup_refresh(): received, resolved early / on time / late, pending on time / due soon / late at the end, on-time and late rates, working days taken, supplements, apologies, extensions and the Circular 01/2018 Art. 13 indices';
-- end of the reports section

-- Rollups: the report's rollups and tthc.rollup_refresh() (src/rollup.sql); tthc.report() reading
-- them and the tthc-rollup job of tthc.schedule_jobs() are created in their final form above

-- rollup.sql: the report's rollups, kept by a refresh that reads only the dossiers changed since the
-- last one, and tthc.report() reading them.  doc/reports.md describes the design and how fresh the
-- figures are.
--
-- Every change of a dossier that a report figure depends on leaves a row in tthc.rollup_queue: a
-- history row (tthc._write: every event, re-projections included) or a Form 04 letter (issued with
-- its event or on request); a change of calendar data queues a rebuild.  tthc.rollup_refresh()
-- consumes the queue: for each dossier it recomputes one narrow fact row (tthc.rollup_fact) and
-- applies the difference between the old and the new fact to the counters of tthc.rollup, per
-- receiving agency, procedure, local day and measure.  The transitions themselves only append to the
-- queue: no counter row is shared between two transactions at an agency.

CREATE TABLE tthc.rollup_queue (
	agency			text NOT NULL,
	dossier			bigint,
	queued_at		timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE tthc.rollup_queue IS
	'dossiers changed since the last tthc.rollup_refresh() (receiving agency, dossier); a row without a dossier (agency '''') asks for a rebuild of every fact';

-- One row per dossier: what the report counts of it, on the local days of its calendar.
CREATE TABLE tthc.rollup_fact (
	agency			text NOT NULL,
	dossier			bigint NOT NULL,
	procedure		text NOT NULL,
	received_day	date,
	closed_day		date,
	closed_status	int,
	finished_day	date,
	outcome			tthc.outcome,
	days			int,
	supplements		int NOT NULL,
	supplements_late int NOT NULL,
	supplements_repeated int NOT NULL,
	extended		boolean NOT NULL,
	appointment_kept boolean,
	index2_sum		int NOT NULL,
	index2_n		int NOT NULL,
	legal_due_at	timestamptz,
	legal_due_day	date,
	soon_day		date,
	late_day		date,
	apology_days	date[] NOT NULL,
	apology_late_days date[] NOT NULL,
	missing			boolean NOT NULL,
	missing_running	boolean NOT NULL,
	PRIMARY KEY (agency, dossier)
);
CREATE INDEX rollup_fact_missing_idx ON tthc.rollup_fact (legal_due_at) WHERE missing_running;
COMMENT ON INDEX tthc.rollup_fact_missing_idx IS
	'running dossiers without an apology, by legal due: the apologies missing at tthc.now()';
COMMENT ON TABLE tthc.rollup_fact IS
	'one row per dossier with what the report counts of it, on the local days of its calendar; kept by tthc.rollup_refresh()';
COMMENT ON COLUMN tthc.rollup_fact.agency IS 'the receiving agency';
COMMENT ON COLUMN tthc.rollup_fact.received_day IS 'the local day of acceptance; NULL: never accepted';
COMMENT ON COLUMN tthc.rollup_fact.closed_day IS
	'the local day the dossier stopped being open (result ready, withdrawn, refused or stopped); NULL: open';
COMMENT ON COLUMN tthc.rollup_fact.closed_status IS '3 refused, 7 withdrawn, 8 stopped: how a dossier without a result closed';
COMMENT ON COLUMN tthc.rollup_fact.finished_day IS 'the local day the result was ready';
COMMENT ON COLUMN tthc.rollup_fact.days IS 'working days from acceptance to result (tthc.working_days_between)';
COMMENT ON COLUMN tthc.rollup_fact.index2_sum IS 'the sum of the Circular 01/2018 Art. 13 index 2 of the dossier''s step agencies';
COMMENT ON COLUMN tthc.rollup_fact.index2_n IS 'the number of the dossier''s step agencies with a finished step';
COMMENT ON COLUMN tthc.rollup_fact.soon_day IS
	'the first local day (not before receipt) at whose end the open dossier is due soon or late under the lead of tthc.rollup_state';
COMMENT ON COLUMN tthc.rollup_fact.late_day IS 'the first local day at whose end the open dossier is late: the day of its legal due';
COMMENT ON COLUMN tthc.rollup_fact.apology_days IS 'the local days of its Form 04 apology letters';
COMMENT ON COLUMN tthc.rollup_fact.apology_late_days IS 'the local days of its Form 04 apology letters issued late';
COMMENT ON COLUMN tthc.rollup_fact.missing IS
	'no apology though one was owed whatever the time: extended, or finished or stopped late (tthc.apology_check)';
COMMENT ON COLUMN tthc.rollup_fact.missing_running IS
	'no apology, running: missing once the legal due has passed (tthc.apology_check at tthc.now())';

-- The counters.  measure names a figure of tthc.report; n adds up over the facts.  Flows count on
-- the local day they happened; open_on_time, open_due_soon and open_late are deltas (+1 the day a
-- dossier enters the state, -1 the day it leaves it), so the dossiers in a state at the end of day D
-- are the sum of the deltas up to D.  'days' counts resolved dossiers per working days taken
-- (bucket), the distribution a 90th percentile needs.
CREATE TABLE tthc.rollup (
	agency			text NOT NULL,
	procedure		text NOT NULL,
	day				date NOT NULL,
	measure			text NOT NULL,
	bucket			int NOT NULL DEFAULT 0,
	n				bigint NOT NULL,
	PRIMARY KEY (agency, procedure, day, measure, bucket)
);
CREATE INDEX rollup_day_idx ON tthc.rollup (day);
COMMENT ON INDEX tthc.rollup_day_idx IS 'the counters of a period';
CREATE INDEX rollup_month_idx ON tthc.rollup (day) WHERE measure LIKE 'month\_%';
COMMENT ON INDEX tthc.rollup_month_idx IS 'the monthly sums of the open deltas, read for the months before a period';
COMMENT ON TABLE tthc.rollup IS
	'the report''s counters per receiving agency, procedure, local day and measure; kept by tthc.rollup_refresh() from tthc.rollup_fact';
COMMENT ON COLUMN tthc.rollup.measure IS
	'received, resolved, resolved_early/on_time/late, days, supplements(_late/_repeated), extensions_kept/broken, index1, index2, index2_n, index3, withdrawn, refused, stopped, apologies_issued/late/missing, a delta of open_on_time/due_soon/late, or month_open_on_time/due_soon/late: the sum of those deltas over the month that starts on day';
COMMENT ON COLUMN tthc.rollup.bucket IS 'for days: the working days taken; 0 otherwise';

CREATE TABLE tthc.rollup_state (
	id				boolean PRIMARY KEY DEFAULT true CHECK (id),
	lead			interval,
	refreshed_at	timestamptz,
	dossiers		bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE tthc.rollup_state IS
	'one row: the due-soon lead the facts were computed with, and when and over how many dossiers the rollups were last refreshed';
INSERT INTO tthc.rollup_state DEFAULT VALUES;
-- a new database, or one upgraded with its dossiers: the first refresh builds every fact
INSERT INTO tthc.rollup_queue (agency, dossier) VALUES ('', NULL);

SELECT pg_catalog.pg_extension_config_dump('tthc.rollup_queue', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.rollup_fact', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.rollup', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.rollup_state', '');

-- What changes the figures queues the dossier: a history row (every event, re-projections
-- included) and a Form 04 letter (issued on request without an event, tthc.issue_letter).  As the
-- owner: whoever changes calendar data need not write the queue.
CREATE FUNCTION tthc._rollup_enqueue()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_LEVEL = 'STATEMENT' THEN
		INSERT INTO tthc.rollup_queue (agency, dossier) VALUES ('', NULL);
	ELSIF TG_ARGV[0] = 'letter' THEN
		-- a letter's agency is the issuing one; its dossier's is dossier_agency
		INSERT INTO tthc.rollup_queue (agency, dossier) VALUES (NEW.dossier_agency, NEW.dossier);
	ELSE
		INSERT INTO tthc.rollup_queue (agency, dossier) VALUES (NEW.agency, NEW.dossier);
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION tthc._rollup_enqueue() IS
	'internal: queues a changed dossier for tthc.rollup_refresh() (a history row, a Form 04 letter), or a rebuild after a change of calendar data';
REVOKE ALL ON FUNCTION tthc._rollup_enqueue() FROM PUBLIC;
CREATE TRIGGER rollup_enqueue AFTER INSERT ON tthc.dossier_event
	FOR EACH ROW EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER INSERT ON tthc.letter
	FOR EACH ROW WHEN (NEW.form = '04') EXECUTE FUNCTION tthc._rollup_enqueue('letter');
-- calendar data moves the working days taken and the due-soon days of every dossier on it
CREATE TRIGGER rollup_enqueue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar_session
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.holiday_notice
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.holiday_notice_day
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER UPDATE ON tthc.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();

-- The first local day at whose end an open dossier is due soon (tthc._due_state, the rule of the
-- sweep: the last lawful moment to apologise, Decree 61/2018 Art. 19(9), within the lead of working
-- time), not before not_before.  The state only worsens as time passes, so step back from the day
-- of the legal due while the end of the day before is already due soon; a lead of a few days takes
-- a few steps.
CREATE FUNCTION tthc._rollup_soon_day(legal_due timestamptz, calendar text, tz text, lead interval,
	not_before date)
RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	deadline timestamptz := tthc.apology_deadline(legal_due, calendar);
	day date := (legal_due AT TIME ZONE tz)::date;
BEGIN
	WHILE day > not_before
	  AND deadline <= tthc.add_working_time(day::timestamp AT TIME ZONE tz, lead, calendar) LOOP
		day := day - 1;
	END LOOP;
	RETURN day;
END
$$;
COMMENT ON FUNCTION tthc._rollup_soon_day(timestamptz, text, text, interval, date) IS
	'internal: the first local day, not before a day, at whose end a dossier with a legal due is due soon or late (tthc._due_state)';
REVOKE ALL ON FUNCTION tthc._rollup_soon_day(timestamptz, text, text, interval, date) FROM PUBLIC;

-- A dossier's fact, from the dossier, its history (the time of a refusal, withdrawal or stop), its
-- steps (index 2) and its Form 04 letters: the same reading as tthc._report_rows.
CREATE FUNCTION tthc._rollup_fact(d tthc.dossier, lead interval)
RETURNS tthc.rollup_fact
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	f tthc.rollup_fact;
	tz text := tthc.calendar_timezone(d.calendar);
	c record;
	letters int;
BEGIN
	f.agency := d.agency;
	f.dossier := d.id;
	f.procedure := d.procedure;
	f.received_day := (d.received_at AT TIME ZONE tz)::date;
	IF d.finished_at IS NOT NULL THEN
		f.finished_day := (d.finished_at AT TIME ZONE tz)::date;
		f.closed_day := f.finished_day;
		f.outcome := d.finish_outcome;
		IF d.received_at IS NOT NULL THEN
			f.days := tthc.working_days_between(f.received_day, f.finished_day, d.calendar);
		END IF;
	ELSE
		-- every event of a dossier lies at or after its receipt: the history's months before it
		-- are not read
		SELECT e.at, e.to_status INTO c FROM tthc.dossier_event e
		WHERE e.dossier = d.id AND e.at >= d.submitted_at AND e.to_status IN (3, 7, 8) ORDER BY e.seq LIMIT 1;
		IF FOUND THEN
			f.closed_day := (c.at AT TIME ZONE tz)::date;
			f.closed_status := c.to_status;
		END IF;
	END IF;
	f.supplements := d.supplements;
	f.supplements_late := d.supplements_late;
	f.supplements_repeated := d.supplements_repeated;
	f.extended := d.extended;
	f.appointment_kept := d.appointment_kept;
	-- Circular 01/2018 Art. 13 index 2, as tthc.dossier_step_score: each step agency's worst step
	SELECT coalesce(sum(x.i), 0), count(*) INTO f.index2_sum, f.index2_n
	FROM (SELECT min(CASE s.outcome WHEN 'early' THEN 2 WHEN 'on_time' THEN 1 WHEN 'late' THEN 0 END) AS i
		  FROM tthc.dossier_step s WHERE s.dossier = d.id AND s.outcome IS NOT NULL
		  GROUP BY coalesce(s.responsible_agency, d.processing_agency, d.agency)) x;
	-- a Form 04 letter is issued by an extension or, on request, for one: an unextended dossier has
	-- none, and its letters' months are not read
	IF d.extended THEN
		SELECT coalesce(array_agg(x.day ORDER BY x.day), '{}'),
			coalesce(array_agg(x.day ORDER BY x.day) FILTER (WHERE x.late), '{}'), count(*)
		INTO f.apology_days, f.apology_late_days, letters
		FROM (SELECT (l.issued_at AT TIME ZONE tz)::date AS day, l.late
			  FROM tthc.letter l WHERE l.dossier = d.id AND l.form = '04') x;
	ELSE
		f.apology_days := '{}';
		f.apology_late_days := '{}';
		letters := 0;
	END IF;
	f.legal_due_at := d.legal_due_at;
	IF d.legal_due_at IS NOT NULL THEN
		f.legal_due_day := (d.legal_due_at AT TIME ZONE tz)::date;
		f.late_day := f.legal_due_day;
		f.soon_day := tthc._rollup_soon_day(d.legal_due_at, d.calendar, tz, lead, f.received_day);
	END IF;
	-- tthc.apology_check's 'missing': owed whatever the time, or once a running dossier is overdue
	f.missing := d.legal_due_at IS NOT NULL AND letters = 0
		AND coalesce(d.extended OR d.finish_outcome = 'late' OR d.stop_outcome = 'late', false);
	f.missing_running := d.legal_due_at IS NOT NULL AND letters = 0 AND NOT f.missing AND d.clock = 'running';
	RETURN f;
END
$$;
COMMENT ON FUNCTION tthc._rollup_fact(tthc.dossier, interval) IS
	'internal: the fact row of a dossier as it stands, with a due-soon lead';
REVOKE ALL ON FUNCTION tthc._rollup_fact(tthc.dossier, interval) FROM PUBLIC;

-- The counter rows of a fact, each with n to add.
CREATE FUNCTION tthc._rollup_rows(f tthc.rollup_fact)
RETURNS TABLE (agency text, procedure text, day date, measure text, bucket int, n bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT f.agency, f.procedure, v.day, v.measure, v.bucket, v.n
FROM (
	VALUES (f.received_day, 'received', 0, 1),
		(f.finished_day, 'resolved', 0, 1),
		(f.finished_day, 'resolved_' || f.outcome::text, 0, 1),
		(f.finished_day, 'days', f.days, 1),
		(f.finished_day, 'supplements', 0, f.supplements),
		(f.finished_day, 'supplements_late', 0, f.supplements_late),
		(f.finished_day, 'supplements_repeated', 0, f.supplements_repeated),
		(f.finished_day, CASE WHEN f.extended AND f.appointment_kept THEN 'extensions_kept'
			WHEN f.extended AND NOT f.appointment_kept THEN 'extensions_broken' END, 0, 1),
		(f.finished_day, 'index1', 0, CASE f.outcome WHEN 'early' THEN 2 WHEN 'on_time' THEN 1 ELSE 0 END),
		(f.finished_day, CASE WHEN f.outcome IS NOT NULL THEN 'index3' END, 0,
			CASE WHEN f.supplements = 0 THEN 2 WHEN f.supplements = 1 THEN 1 ELSE 0 END),
		(f.finished_day, 'index2', 0, f.index2_sum),
		(f.finished_day, 'index2_n', 0, f.index2_n),
		(f.closed_day, CASE f.closed_status WHEN 3 THEN 'refused' WHEN 7 THEN 'withdrawn' WHEN 8 THEN 'stopped' END, 0, 1),
		(CASE WHEN f.missing THEN f.legal_due_day END, 'apologies_missing', 0, 1)
	UNION ALL
	SELECT a, 'apologies_issued', 0, 1 FROM unnest(f.apology_days) a
	UNION ALL
	SELECT a, 'apologies_late', 0, 1 FROM unnest(f.apology_late_days) a
	-- the open states as intervals of days [s, e): on time until due soon, due soon until late, late
	-- until closed; without a legal due (a limit waiting to restart) on time throughout
	UNION ALL
	SELECT g.day, g.m, 0, x.n
	FROM (VALUES
		('open_on_time', f.received_day,
			CASE WHEN f.legal_due_at IS NULL THEN f.closed_day ELSE least(f.soon_day, f.closed_day) END),
		('open_due_soon', CASE WHEN f.legal_due_at IS NOT NULL THEN greatest(f.received_day, f.soon_day) END,
			least(f.late_day, f.closed_day)),
		('open_late', CASE WHEN f.legal_due_at IS NOT NULL THEN greatest(f.received_day, f.late_day) END,
			f.closed_day)) i (m, s, e)
	CROSS JOIN LATERAL (VALUES (i.s, 1), (i.e, -1)) x (day, n)
	-- each delta also in its month's sum, so that a report reads the months before its period, not
	-- every day of the history
	CROSS JOIN LATERAL (VALUES (x.day, i.m),
		(pg_catalog.date_trunc('month', x.day::timestamp)::date, 'month_' || i.m)) g (day, m)
	WHERE f.received_day IS NOT NULL AND i.s IS NOT NULL AND (i.e IS NULL OR i.s < i.e)
) v (day, measure, bucket, n)
WHERE v.day IS NOT NULL AND v.measure IS NOT NULL AND v.bucket IS NOT NULL AND v.n <> 0
$$;
COMMENT ON FUNCTION tthc._rollup_rows(tthc.rollup_fact) IS
	'internal: the counter rows (agency, procedure, day, measure, bucket, n) a fact adds to tthc.rollup';
REVOKE ALL ON FUNCTION tthc._rollup_rows(tthc.rollup_fact) FROM PUBLIC;

-- Consume the queue: recompute the facts of the queued dossiers and apply the difference to the
-- counters; or rebuild everything after a change of calendar data or of the due-soon lead.  One
-- refresh at a time (the state row is locked); a dossier queued by a transaction still running is
-- left for the next refresh.
CREATE FUNCTION tthc.rollup_refresh(OUT dossiers bigint, OUT rebuilt boolean)
RETURNS record
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
-- the queued keys join the facts and the counters by their primary keys, probe by probe: a hash
-- or merge join would read every fact and counter, which the planner prefers while the tables
-- are small, so that a refresh would cost the history stored, not what changed
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
DECLARE
	lead_ interval := tthc.due_soon_lead();
	st tthc.rollup_state;
	agencies text[];
	ids bigint[];
	facts tthc.rollup_fact[];
	zero tthc.rollup[];
BEGIN
	SELECT * INTO STRICT st FROM tthc.rollup_state FOR UPDATE;
	-- the national database holds the provinces' rollups, replicated: recomputing them from its own
	-- dossiers would delete them (doc/topology.md); it records the refresh, so that the report
	-- reads them
	IF tthc.is_national() THEN
		DELETE FROM tthc.rollup_queue;
		UPDATE tthc.rollup_state SET lead = lead_, refreshed_at = pg_catalog.now(), dossiers = 0;
		dossiers := 0;
		rebuilt := false;
		RETURN;
	END IF;
	WITH q AS (DELETE FROM tthc.rollup_queue RETURNING agency, dossier),
	k AS (SELECT DISTINCT q.agency, q.dossier FROM q)
	SELECT coalesce(bool_or(k.dossier IS NULL), false),
		array_agg(k.agency) FILTER (WHERE k.dossier IS NOT NULL),
		array_agg(k.dossier) FILTER (WHERE k.dossier IS NOT NULL)
	INTO rebuilt, agencies, ids FROM k;
	rebuilt := rebuilt OR st.lead IS DISTINCT FROM lead_;
	dossiers := 0;
	IF rebuilt THEN
		DELETE FROM tthc.rollup;
		DELETE FROM tthc.rollup_fact;
		INSERT INTO tthc.rollup_fact SELECT f.* FROM tthc.dossier d, LATERAL tthc._rollup_fact(d, lead_) f;
		GET DIAGNOSTICS dossiers = ROW_COUNT;
		INSERT INTO tthc.rollup (agency, procedure, day, measure, bucket, n)
		SELECT r.agency, r.procedure, r.day, r.measure, r.bucket, sum(r.n)
		FROM tthc.rollup_fact f, LATERAL tthc._rollup_rows(f) r
		GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.n) <> 0;
	ELSIF ids IS NOT NULL THEN
		SELECT array_agg(f) INTO facts
		FROM tthc.dossier d, LATERAL tthc._rollup_fact(d, lead_) f WHERE d.id = ANY (ids);
		-- the old facts out, the new in, in one pass over the counters
		WITH old AS (
			DELETE FROM tthc.rollup_fact t USING unnest(agencies, ids) k (agency, dossier)
			WHERE t.agency = k.agency AND t.dossier = k.dossier
			RETURNING t AS fact),
		delta AS (
			SELECT r.agency, r.procedure, r.day, r.measure, r.bucket, -r.n AS n
			FROM old, LATERAL tthc._rollup_rows(old.fact) r
			UNION ALL
			SELECT r.agency, r.procedure, r.day, r.measure, r.bucket, r.n
			FROM unnest(facts) f, LATERAL tthc._rollup_rows(f) r),
		up AS (
			INSERT INTO tthc.rollup AS c (agency, procedure, day, measure, bucket, n)
			SELECT x.agency, x.procedure, x.day, x.measure, x.bucket, sum(x.n)
			FROM delta x GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.n) <> 0
			ON CONFLICT (agency, procedure, day, measure, bucket) DO UPDATE SET n = c.n + excluded.n
			RETURNING c)
		SELECT array_agg(up.c) FILTER (WHERE (up.c).n = 0) INTO zero FROM up;
		INSERT INTO tthc.rollup_fact SELECT f.* FROM unnest(facts) f;
		GET DIAGNOSTICS dossiers = ROW_COUNT;
		DELETE FROM tthc.rollup c USING unnest(zero) z
		WHERE c.agency = z.agency AND c.procedure = z.procedure AND c.day = z.day
		  AND c.measure = z.measure AND c.bucket = z.bucket AND c.n = 0;
	END IF;
	UPDATE tthc.rollup_state SET lead = lead_, refreshed_at = pg_catalog.now(),
		dossiers = rollup_refresh.dossiers;
END
$$;
COMMENT ON FUNCTION tthc.rollup_refresh() IS
	'brings the report''s rollups up to date: recomputes the facts of the dossiers changed since the last refresh and applies the difference to the counters (a rebuild after a change of calendar data or of tthc.due_soon_lead); in the national database only records the refresh of the replicated rollups; returns the dossiers recomputed and whether it rebuilt';
REVOKE ALL ON FUNCTION tthc.rollup_refresh() FROM PUBLIC;

-- The report's rows from the rollups, unordered: the same rows as tthc._report_rows, windows and
-- all.  The open dossiers at a window's end are the open_* deltas up to its last day, the backlog
-- those up to the day before its first; the deltas before the period are summed once.  The
-- apologies missing of running dossiers depend on tthc.now(): they are counted from the facts.
CREATE FUNCTION tthc._report_rollup(period_from date, period_to date, by text)
RETURNS TABLE (group_key text, group_name text, received bigint,
	resolved_early bigint, resolved_on_time bigint, resolved_late bigint,
	pending_on_time bigint, pending_due_soon bigint, pending_late bigint,
	withdrawn bigint, refused bigint, stopped bigint, backlog_start bigint,
	on_time_rate numeric, late_rate numeric, days_avg numeric, days_p90 numeric,
	supplements_per_dossier numeric, supplements_late bigint, supplements_repeated bigint,
	apologies_issued bigint, apologies_late bigint, apologies_missing bigint,
	extensions_kept bigint, extensions_broken bigint,
	index1_avg numeric, index2_avg numeric, index3_avg numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
WITH w AS (
	SELECT period_from AS wf, period_to AS wt, NULL::text AS mkey WHERE $3 <> 'month'
	UNION ALL
	SELECT greatest(m::date, period_from), least((m + interval '1 month')::date - 1, period_to),
		to_char(m, 'YYYY-MM')
	FROM generate_series(date_trunc('month', period_from::timestamp), period_to::timestamp, interval '1 month') m
	WHERE $3 = 'month'
),
-- the counters of each window, and the open deltas before it, summed by group in one pass: the
-- deltas of the months before the period's month by their monthly sums, those of its first days one
-- by one, so that the history before a period costs a row per month, not per day
c AS (
	SELECT r.agency, r.procedure, r.day, r.measure, r.bucket, r.n
	FROM tthc.rollup r
	WHERE r.day BETWEEN pg_catalog.date_trunc('month', period_from::timestamp)::date AND period_to
	  AND r.measure NOT LIKE 'month\_%' AND (r.day >= period_from OR r.measure LIKE 'open\_%')
	UNION ALL
	SELECT r.agency, r.procedure, r.day, pg_catalog.substr(r.measure, 7), r.bucket, r.n
	FROM tthc.rollup r
	WHERE r.measure LIKE 'month\_%' AND r.day < pg_catalog.date_trunc('month', period_from::timestamp)::date
	UNION ALL
	-- running dossiers without an apology, missing once their legal due has passed
	SELECT f.agency, f.procedure, f.legal_due_day, 'apologies_missing', 0, 1
	FROM tthc.rollup_fact f
	WHERE f.missing_running AND f.legal_due_at < tthc.now()
	  AND f.legal_due_day BETWEEN period_from AND period_to
),
y AS (
	SELECT coalesce(w.mkey, CASE $3 WHEN 'agency' THEN c.agency WHEN 'sector' THEN p.sector
			WHEN 'procedure' THEN c.procedure END) AS rkey,
		CASE WHEN w.mkey IS NOT NULL THEN 'tháng ' || to_char(w.wf, 'MM/YYYY')
			ELSE CASE $3 WHEN 'agency' THEN a.name WHEN 'sector' THEN s.name WHEN 'procedure' THEN p.name END END AS rname,
		c.day >= w.wf AS in_w, c.day < w.wf AS before, c.measure, c.bucket, sum(c.n) AS n
	FROM c
	JOIN w ON c.day <= w.wt AND (c.day >= w.wf OR c.measure LIKE 'open\_%')
	JOIN tthc.agency a ON a.code = c.agency
	JOIN tthc.procedure p ON p.code = c.procedure
	LEFT JOIN tthc.sector s ON s.code = p.sector
	GROUP BY 1, 2, 3, 4, 5, 6
),
r AS (
	SELECT y.rkey AS gkey, min(y.rname) AS gname,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'received'), 0)::bigint AS received,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'resolved'), 0)::bigint AS resolved,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'resolved_early'), 0)::bigint AS resolved_early,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'resolved_on_time'), 0)::bigint AS resolved_on_time,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'resolved_late'), 0)::bigint AS resolved_late,
		coalesce(sum(y.n) FILTER (WHERE y.measure = 'open_on_time'), 0)::bigint AS pending_on_time,
		coalesce(sum(y.n) FILTER (WHERE y.measure = 'open_due_soon'), 0)::bigint AS pending_due_soon,
		coalesce(sum(y.n) FILTER (WHERE y.measure = 'open_late'), 0)::bigint AS pending_late,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'withdrawn'), 0)::bigint AS withdrawn,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'refused'), 0)::bigint AS refused,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'stopped'), 0)::bigint AS stopped,
		coalesce(sum(y.n) FILTER (WHERE y.before AND y.measure LIKE 'open\_%'), 0)::bigint AS backlog_start,
		sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'days') AS days_n,
		sum(y.n * y.bucket) FILTER (WHERE y.in_w AND y.measure = 'days') AS days_sum,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'supplements'), 0) AS supplements,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'supplements_late'), 0)::bigint AS supplements_late,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'supplements_repeated'), 0)::bigint AS supplements_repeated,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'apologies_issued'), 0)::bigint AS apologies_issued,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'apologies_late'), 0)::bigint AS apologies_late,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'apologies_missing'), 0)::bigint AS apologies_missing,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'extensions_kept'), 0)::bigint AS extensions_kept,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'extensions_broken'), 0)::bigint AS extensions_broken,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'index1'), 0) AS index1,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'index2'), 0) AS index2,
		sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'index2_n') AS index2_n,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'index3'), 0) AS index3
	FROM y
	GROUP BY y.rkey
),
-- the 90th percentile of the working days taken, interpolated as percentile_cont does
dd AS (
	SELECT y.rkey, y.bucket AS v, sum(y.n) AS n FROM y
	WHERE y.in_w AND y.measure = 'days' GROUP BY 1, 2 HAVING sum(y.n) > 0
),
dc AS (
	SELECT dd.rkey, dd.v, sum(dd.n) OVER (PARTITION BY dd.rkey ORDER BY dd.v) AS cum,
		0.9::float8 * (sum(dd.n) OVER (PARTITION BY dd.rkey) - 1)::float8 AS pos
	FROM dd
),
p90 AS (
	SELECT dc.rkey, min(dc.v) FILTER (WHERE dc.cum > floor(dc.pos)) AS lo,
		min(dc.v) FILTER (WHERE dc.cum > ceil(dc.pos)) AS hi, min(dc.pos) AS pos
	FROM dc GROUP BY dc.rkey
)
SELECT r.gkey, r.gname, r.received, r.resolved_early, r.resolved_on_time, r.resolved_late,
	r.pending_on_time, r.pending_due_soon, r.pending_late, r.withdrawn, r.refused, r.stopped,
	r.backlog_start,
	round((r.resolved_early + r.resolved_on_time)::numeric / nullif(r.received, 0), 4),
	round((r.pending_late + r.resolved_late)::numeric / nullif(r.received + r.backlog_start, 0), 4),
	round(r.days_sum::numeric / nullif(r.days_n, 0), 2),
	round((p.lo::float8 + (p.hi::float8 - p.lo::float8) * (p.pos - floor(p.pos)))::numeric, 2),
	round(r.supplements::numeric / nullif(r.resolved, 0), 2),
	r.supplements_late, r.supplements_repeated,
	r.apologies_issued, r.apologies_late, r.apologies_missing, r.extensions_kept, r.extensions_broken,
	round(r.index1::numeric / nullif(r.resolved_early + r.resolved_on_time + r.resolved_late, 0), 2),
	round(r.index2::numeric / nullif(r.index2_n, 0), 2),
	round(r.index3::numeric / nullif(r.resolved_early + r.resolved_on_time + r.resolved_late, 0), 2)
FROM r
LEFT JOIN p90 p ON p.rkey IS NOT DISTINCT FROM r.gkey
WHERE r.received + r.resolved_early + r.resolved_on_time + r.resolved_late + r.pending_on_time
	+ r.pending_due_soon + r.pending_late + r.withdrawn + r.refused + r.stopped + r.apologies_issued
	+ r.apologies_missing > 0
$$;
COMMENT ON FUNCTION tthc._report_rollup(date, date, text) IS
	'internal: the unordered rows of tthc.report, read from the rollups (tthc.rollup, and tthc.rollup_fact for the apologies missing at tthc.now())';
REVOKE ALL ON FUNCTION tthc._report_rollup(date, date, text) FROM PUBLIC;
-- end of the rollup section

-- HTML report: tthc.report_html, the analysts' report as one self-contained page (src/report_html.sql)

-- The page: the report table by agency with its totals, the on-time rate by month and agency (one
-- tthc.report call per month of the period), and the dossiers open at the end of the period by
-- age in working days since receipt and by how their legal due stands then.
CREATE FUNCTION tthc.report_html(period_from date, period_to date)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
	-- a fixed palette: the agencies of a page keep the order and the colour of the table
	palette constant text[] := ARRAY['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b',
		'#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
	r record;
	m record;
	agencies text[] := '{}';
	names text[] := '{}';
	html text;
	rows text := '';
	tot bigint[] := array_fill(0::bigint, ARRAY[12]);
	svg text;
	months int;
	labels text[] := '{}';
	bar_month int[] := '{}';
	bar_agency text[] := '{}';
	bar_rate numeric[] := '{}';
	bar_good bigint[] := '{}';
	bar_received bigint[] := '{}';
	backlog_bucket int[];
	backlog_state text[];
	n int;
	i int;
	j int;
	-- the month chart's geometry, in SVG user units
	left_x constant int := 56;
	top_y constant int := 20;
	plot_h constant int := 220;
	group_w int;
	bar_w numeric;
	ymax numeric;
	x numeric;
	h numeric;
	-- the backlog chart
	buckets constant text[] := ARRAY['0–5', '6–10', '11–20', '21–40', 'trên 40'];
	b record;
	most bigint;
	w numeric;
BEGIN
	-- tthc.report checks the period (22004 for a NULL day, 22023 for a period that ends before it starts)
	FOR r IN SELECT * FROM tthc.report(period_from, period_to, 'agency') LOOP
		agencies := agencies || r.group_key;
		names := names || r.group_name;
		rows := rows || format(E'<tr data-agency="%s"><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td>'
			'<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
			'<td>%s</td><td>%s</td></tr>\n',
			tthc._html_escape(r.group_key), tthc._html_escape(r.group_name), r.received, r.resolved_early,
			r.resolved_on_time, r.resolved_late, r.pending_on_time, r.pending_due_soon, r.pending_late,
			r.withdrawn, r.refused, r.stopped,
			coalesce(replace(to_char(100 * r.on_time_rate, 'FM9990.00'), '.', ',') || ' %', '–'),
			coalesce(replace(to_char(100 * r.late_rate, 'FM9990.00'), '.', ',') || ' %', '–'),
			r.apologies_issued);
		-- the totals: received, early, on time, late, open in time, due soon, late, withdrawn,
		-- refused, stopped, backlog at the start, apologies
		tot := ARRAY(SELECT u.a + u.b FROM unnest(tot, ARRAY[r.received, r.resolved_early, r.resolved_on_time,
			r.resolved_late, r.pending_on_time, r.pending_due_soon, r.pending_late, r.withdrawn, r.refused,
			r.stopped, r.backlog_start, r.apologies_issued]) WITH ORDINALITY AS u(a, b, i) ORDER BY u.i);
	END LOOP;

	html := format(E'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
		'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
		'<title>Báo cáo giải quyết thủ tục hành chính từ %s đến %s</title>\n'
		'<style>\n'
		'body { font-family: "Times New Roman", Times, serif; margin: 2em auto; max-width: 70em; color: #222; }\n'
		'h1 { font-size: 1.5em; text-align: center; margin-bottom: 0.2em; }\n'
		'h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #999; }\n'
		'p.period { text-align: center; font-style: italic; margin-top: 0; }\n'
		'table { border-collapse: collapse; width: 100%%; font-size: 0.9em; }\n'
		'th, td { border: 1px solid #888; padding: 0.25em 0.4em; }\n'
		'td { text-align: right; } thead th { background: #eee; } tfoot th, tfoot td { font-weight: bold; background: #f6f6f6; }\n'
		'tbody th { text-align: left; font-weight: normal; }\n'
		'p.note { font-size: 0.85em; color: #555; }\n'
		'svg { display: block; max-width: 100%%; height: auto; font-family: Arial, Helvetica, sans-serif; }\n'
		'svg text { font-size: 11px; fill: #333; }\n'
		'</style>\n</head>\n<body>\n'
		'<header>\n<h1>Báo cáo tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính</h1>\n'
		'<p class="period">Kỳ báo cáo: từ ngày %s đến ngày %s</p>\n'
		'<p class="note">Số liệu tính đến %s; không chứa thông tin cá nhân của người nộp hồ sơ.</p>\n</header>\n',
		to_char(period_from, 'DD/MM/YYYY'), to_char(period_to, 'DD/MM/YYYY'),
		to_char(period_from, 'DD/MM/YYYY'), to_char(period_to, 'DD/MM/YYYY'),
		to_char(tthc.now() AT TIME ZONE tthc.calendar_timezone(), 'HH24:MI "ngày" DD/MM/YYYY'));

	-- 1. the table by agency
	html := html || format(E'<section id="theo-co-quan">\n<h2>1. Kết quả giải quyết theo cơ quan</h2>\n'
		'<table>\n<thead>\n<tr><th rowspan="2" scope="col">Cơ quan</th><th rowspan="2" scope="col">Tiếp nhận</th>'
		'<th colspan="3" scope="colgroup">Đã giải quyết</th><th colspan="3" scope="colgroup">Đang giải quyết cuối kỳ</th>'
		'<th rowspan="2" scope="col">Rút hồ sơ</th><th rowspan="2" scope="col">Từ chối</th><th rowspan="2" scope="col">Dừng xử lý</th>'
		'<th rowspan="2" scope="col">Tỉ lệ đúng hạn</th><th rowspan="2" scope="col">Tỉ lệ trễ hạn</th>'
		'<th rowspan="2" scope="col">Phiếu xin lỗi</th></tr>\n'
		'<tr><th scope="col">Sớm hạn</th><th scope="col">Đúng hạn</th><th scope="col">Trễ hạn</th>'
		'<th scope="col">Trong hạn</th><th scope="col">Sắp trễ</th><th scope="col">Trễ hạn</th></tr>\n</thead>\n'
		'<tbody>\n%s</tbody>\n'
		'<tfoot><tr><th scope="row">Tổng cộng</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
		'<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr></tfoot>\n</table>\n'
		'<p class="note">Tỉ lệ đúng hạn theo Điều 30 Nghị định 61/2018/NĐ-CP: hồ sơ giải quyết sớm và đúng hạn '
		'trên hồ sơ tiếp nhận trong kỳ (kết quả của hồ sơ tiếp nhận trước kỳ cũng được tính, nên tỉ lệ có thể '
		'vượt 100 %%). Tỉ lệ trễ hạn theo cách tính của các tỉnh: hồ sơ trễ hạn (đã và đang giải quyết) trên hồ '
		'sơ tiếp nhận trong kỳ cộng hồ sơ tồn đầu kỳ. Sớm, đúng, trễ hạn tính theo thời hạn pháp định, không theo '
		'ngày hẹn lại.</p>\n</section>\n',
		rows, tot[1], tot[2], tot[3], tot[4], tot[5], tot[6], tot[7], tot[8], tot[9], tot[10],
		coalesce(replace(to_char(100.0 * (tot[2] + tot[3]) / nullif(tot[1], 0), 'FM9990.00'), '.', ',') || ' %', '–'),
		coalesce(replace(to_char(100.0 * (tot[7] + tot[4]) / nullif(tot[1] + tot[11], 0), 'FM9990.00'), '.', ',') || ' %', '–'),
		tot[12]);

	-- 2. the on-time rate by month and agency: bars grouped by month, one colour per agency
	months := 0;
	FOR m IN SELECT greatest(s::date, period_from) AS m_from,
				least((s + interval '1 month')::date - 1, period_to) AS m_to
			 FROM generate_series(date_trunc('month', period_from::timestamp), period_to::timestamp, interval '1 month') s
			 ORDER BY 1 LOOP
		months := months + 1;
		labels := labels || to_char(m.m_from, 'MM/YYYY');
		FOR r IN SELECT * FROM tthc.report(m.m_from, m.m_to, 'agency') x WHERE x.on_time_rate IS NOT NULL LOOP
			bar_month := bar_month || months;
			bar_agency := bar_agency || r.group_key;
			bar_rate := bar_rate || r.on_time_rate;
			bar_good := bar_good || (r.resolved_early + r.resolved_on_time);
			bar_received := bar_received || r.received;
		END LOOP;
	END LOOP;
	n := greatest(cardinality(agencies), 1);
	group_w := greatest(24 * n + 24, 80);
	bar_w := (group_w - 24)::numeric / n;
	ymax := greatest(1, ceil(coalesce((SELECT max(v) FROM unnest(bar_rate) v), 0) * 4) / 4);
	svg := format(E'<svg id="bieu-do-ti-le" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bieu-do-ti-le-tieu-de" '
		'viewBox="0 0 %s %s" width="%s" height="%s">\n<title id="bieu-do-ti-le-tieu-de">Tỉ lệ giải quyết đúng hạn theo tháng và cơ quan</title>\n',
		left_x + months * group_w + 20, top_y + plot_h + 40 + n * 18 + 10,
		left_x + months * group_w + 20, top_y + plot_h + 40 + n * 18 + 10);
	-- the grid, every 25 %
	FOR i IN 0 .. (ymax * 4)::int LOOP
		h := top_y + plot_h - plot_h * (i / 4.0) / ymax;
		svg := svg || format(E'<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"%s/>'
			'<text x="%s" y="%s" text-anchor="end">%s %%</text>\n',
			left_x, round(h, 1), left_x + months * group_w, round(h, 1), CASE WHEN i = 4 THEN '#999' ELSE '#ddd' END,
			CASE WHEN i = 4 AND ymax > 1 THEN ' stroke-dasharray="4 3"' ELSE '' END,
			left_x - 6, round(h + 4, 1), i * 25);
	END LOOP;
	FOR i IN 1 .. months LOOP
		svg := svg || format(E'<text class="thang" x="%s" y="%s" text-anchor="middle">%s</text>\n',
			left_x + (i - 1) * group_w + group_w / 2.0, top_y + plot_h + 16, labels[i]);
	END LOOP;
	FOR i IN 1 .. coalesce(cardinality(bar_month), 0) LOOP
		j := array_position(agencies, bar_agency[i]);
		CONTINUE WHEN j IS NULL;
		x := left_x + (bar_month[i] - 1) * group_w + 12 + (j - 1) * bar_w;
		h := plot_h * bar_rate[i] / ymax;
		svg := svg || format(E'<rect class="cot" data-agency="%s" data-month="%s" x="%s" y="%s" width="%s" height="%s" fill="%s">'
			'<title>%s, tháng %s: %s %% (%s/%s hồ sơ)</title></rect>\n',
			tthc._html_escape(bar_agency[i]), labels[bar_month[i]], round(x, 1), round(top_y + plot_h - h, 1),
			round(greatest(bar_w - 2, 1), 1), round(h, 1), palette[1 + (j - 1) % cardinality(palette)],
			tthc._html_escape(names[j]), labels[bar_month[i]],
			replace(to_char(100 * bar_rate[i], 'FM9990.0'), '.', ','), bar_good[i], bar_received[i]);
	END LOOP;
	svg := svg || format(E'<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>\n',
		left_x, top_y + plot_h, left_x + months * group_w, top_y + plot_h);
	-- the legend
	FOR j IN 1 .. cardinality(agencies) LOOP
		svg := svg || format(E'<rect class="chu-giai" x="%s" y="%s" width="12" height="12" fill="%s"/>'
			'<text x="%s" y="%s">%s</text>\n',
			left_x, top_y + plot_h + 30 + (j - 1) * 18, palette[1 + (j - 1) % cardinality(palette)],
			left_x + 18, top_y + plot_h + 40 + (j - 1) * 18, tthc._html_escape(names[j]));
	END LOOP;
	svg := svg || E'</svg>\n';
	html := html || E'<section id="theo-thang">\n<h2>2. Tỉ lệ giải quyết đúng hạn theo tháng và cơ quan</h2>\n'
		|| svg
		|| E'<p class="note">Mỗi cột: hồ sơ giải quyết sớm và đúng hạn trong tháng trên hồ sơ tiếp nhận trong tháng '
		   '(Điều 30 Nghị định 61/2018/NĐ-CP); không có cột khi cơ quan không tiếp nhận hồ sơ nào trong tháng.</p>\n</section>\n';

	-- 3. the backlog at the end of the period: open then (received before the end, not yet ready,
	-- withdrawn, stopped or refused), by working days since receipt, and its legal due judged as the
	-- sweep judges it then (a limit waiting to restart is in time)
	SELECT array_agg(k.bucket), array_agg(k.state) INTO backlog_bucket, backlog_state
	FROM (SELECT CASE WHEN a.age <= 5 THEN 1 WHEN a.age <= 10 THEN 2 WHEN a.age <= 20 THEN 3
					  WHEN a.age <= 40 THEN 4 ELSE 5 END AS bucket,
				 CASE WHEN d.legal_due_at IS NULL THEN 'on_time'
					  ELSE tthc._due_state(d.legal_due_at, d.calendar, a.t1, tthc.due_soon_lead()) END AS state
		  FROM tthc.dossier d
		  CROSS JOIN LATERAL (SELECT tthc.calendar_timezone(d.calendar) AS tz) z
		  CROSS JOIN LATERAL (SELECT (period_to + 1)::timestamp AT TIME ZONE z.tz AS t1,
			  tthc.working_days_between((d.received_at AT TIME ZONE z.tz)::date, period_to, d.calendar) AS age) a
		  LEFT JOIN LATERAL (SELECT e.at FROM tthc.dossier_event e
							 WHERE e.dossier = d.id AND e.at >= d.submitted_at AND e.to_status IN (3, 7, 8)
							 ORDER BY e.seq LIMIT 1) c ON d.finished_at IS NULL
		  WHERE d.received_at < a.t1 AND (coalesce(d.finished_at, c.at) IS NULL OR coalesce(d.finished_at, c.at) >= a.t1)) k;
	SELECT coalesce(max(k.total), 0) INTO most
	FROM (SELECT count(*) AS total FROM unnest(backlog_bucket) v GROUP BY v) k;
	svg := E'<svg id="bieu-do-ton-dong" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bieu-do-ton-dong-tieu-de" '
		'viewBox="0 0 720 230" width="720" height="230">\n'
		'<title id="bieu-do-ton-dong-tieu-de">Hồ sơ đang giải quyết cuối kỳ theo số ngày làm việc kể từ khi tiếp nhận</title>\n';
	FOR b IN SELECT g.n AS bucket,
				count(k.state) FILTER (WHERE k.state = 'on_time') AS on_time,
				count(k.state) FILTER (WHERE k.state = 'due_soon') AS due_soon,
				count(k.state) FILTER (WHERE k.state = 'late') AS late
			 FROM generate_series(1, 5) g(n)
			 LEFT JOIN unnest(backlog_bucket, backlog_state) k(bucket, state) ON k.bucket = g.n
			 GROUP BY g.n ORDER BY g.n LOOP
		svg := svg || format(E'<text x="150" y="%s" text-anchor="end">%s ngày làm việc</text>\n',
			20 + (b.bucket - 1) * 32 + 15, buckets[b.bucket]);
		x := 160;
		FOR r IN SELECT * FROM (VALUES (1, 'on_time', 'trong hạn', '#2e7d32', b.on_time),
				(2, 'due_soon', 'sắp trễ', '#f9a825', b.due_soon), (3, 'late', 'trễ hạn', '#c62828', b.late)) v(o, state, label, colour, total)
				 ORDER BY v.o LOOP
			w := CASE WHEN most = 0 THEN 0 ELSE 480.0 * r.total / most END;
			svg := svg || format(E'<rect class="ton-dong" data-bucket="%s" data-state="%s" x="%s" y="%s" width="%s" height="22" fill="%s">'
				'<title>%s ngày làm việc, %s: %s hồ sơ</title></rect>\n',
				b.bucket, r.state, round(x, 1), 20 + (b.bucket - 1) * 32, round(w, 1), r.colour,
				buckets[b.bucket], r.label, r.total);
			x := x + w;
		END LOOP;
		svg := svg || format(E'<text x="%s" y="%s">%s</text>\n', round(x + 6, 1), 20 + (b.bucket - 1) * 32 + 15,
			b.on_time + b.due_soon + b.late);
	END LOOP;
	svg := svg || E'<rect x="160" y="190" width="12" height="12" fill="#2e7d32"/><text x="178" y="200">Trong hạn</text>\n'
		|| E'<rect x="260" y="190" width="12" height="12" fill="#f9a825"/><text x="278" y="200">Sắp trễ</text>\n'
		|| E'<rect x="360" y="190" width="12" height="12" fill="#c62828"/><text x="378" y="200">Trễ hạn</text>\n</svg>\n';
	html := html || E'<section id="ton-dong">\n<h2>3. Hồ sơ đang giải quyết cuối kỳ theo thời gian tồn đọng</h2>\n'
		|| svg
		|| E'<p class="note">Hồ sơ đã tiếp nhận, chưa có kết quả, chưa rút, dừng hay từ chối vào cuối ngày cuối '
		   'kỳ, theo số ngày làm việc kể từ ngày tiếp nhận; trễ hạn khi đã quá thời hạn pháp định, sắp trễ khi sắp '
		   'hết hạn xin lỗi và hẹn lại (khoản 9 Điều 19 Nghị định 61/2018/NĐ-CP).</p>\n</section>\n'
		|| format(E'<footer><p class="note">Lập bởi tthc %s.</p></footer>\n</body>\n</html>\n', tthc.version());
	RETURN html;
END
$$;
COMMENT ON FUNCTION tthc.report_html(date, date) IS
	'the analysts'' report over a period as one self-contained HTML page (UTF-8, Vietnamese headings, inline SVG charts, no script): the table by agency, the on-time rate by month and agency, and the backlog at the end by age and lateness';

-- end of the HTML report section

-- Look-up: the citizens' status look-up tthc.lookup() with its throttle settings and the
-- table of failed attempts (lookup.sql); tthc.cleanup() deletes old attempts (jobs.sql).
CREATE FUNCTION tthc.lookup_limits(OUT max_failures int, OUT failure_window interval)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_lookup_limits'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.lookup_limits() IS
	'the settings tthc.lookup_max_failures and tthc.lookup_window: after max_failures failed look-ups of one code within failure_window, tthc.lookup gives the empty answer';

-- Failed and throttled look-ups.  The time is in the key: the table will be partitioned by it.  The
-- agency is the dossier's when the code exists; for an unknown code, the agency its prefix names
-- when there is one.
CREATE TABLE tthc.lookup_attempt (
	id				bigint GENERATED ALWAYS AS IDENTITY,
	at				timestamptz NOT NULL,
	code			text NOT NULL,
	agency			text NOT NULL,
	throttled		boolean NOT NULL,
	login			text NOT NULL,
	PRIMARY KEY (code, at, id, agency)
);
COMMENT ON TABLE tthc.lookup_attempt IS
	'failed status look-ups (wrong factor or unknown code) and look-ups refused because the code was locked by earlier failures (tthc.lookup)';
COMMENT ON COLUMN tthc.lookup_attempt.at IS 'when the look-up was made (tthc.now())';
COMMENT ON COLUMN tthc.lookup_attempt.code IS 'the dossier code looked up, trimmed and upper-cased';
COMMENT ON COLUMN tthc.lookup_attempt.agency IS 'the receiving agency of the dossier when the code exists; for an unknown code, the agency code its prefix names, whether or not that agency exists (the distribution key)';
COMMENT ON COLUMN tthc.lookup_attempt.throttled IS
	'true: the code was locked and the factor was not judged; false: a failure, counted towards the lock';
COMMENT ON COLUMN tthc.lookup_attempt.login IS 'the database login that called tthc.lookup (session_user): the portal';
SELECT pg_catalog.pg_extension_config_dump('tthc.lookup_attempt', '');

-- The text without the blanks tthc.is_blank knows at either end (identity_pg.c).
CREATE FUNCTION tthc._trim_blanks(text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_trim_blanks'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._trim_blanks(text) IS
	'internal: the text without the blanks of tthc.is_blank (Unicode White_Space and the invisible format characters) at either end';
REVOKE ALL ON FUNCTION tthc._trim_blanks(text) FROM PUBLIC;

-- The second factor: the last four letters or digits of the applicant's identity number in the
-- canonical form of tthc.normalize_identity (a tax code 0101234567-001 ends in 7001), compared
-- without regard to case.  A dossier without an identity number cannot be looked up.
CREATE FUNCTION tthc.lookup(code text, factor text)
RETURNS TABLE (dossier_code text, status int, status_name text, procedure_name text, agency_name text,
	received_at timestamptz, due_at timestamptz, extended boolean, late boolean,
	steps_done int, steps_total int, current_step text, result tthc.result,
	result_ready_at timestamptz, returned_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE ROWS 1
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	c text;
	f text;
	lim record;
	failures bigint;
	d tthc.dossier;
	matched boolean;
	prefix text;
	agency text;
	now_ timestamptz := tthc.now();
BEGIN
	-- bad input is refused whatever the dossier, so the error says nothing about it
	IF code IS NULL OR factor IS NULL THEN
		RAISE EXCEPTION 'the % of a look-up must not be NULL', CASE WHEN code IS NULL THEN 'code' ELSE 'factor' END
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'Pass the dossier code and the last four letters or digits of the applicant''s identity number.';
	END IF;
	IF tthc.is_blank(code) OR tthc.is_blank(factor) THEN
		RAISE EXCEPTION 'the % of a look-up is blank', CASE WHEN tthc.is_blank(code) THEN 'code' ELSE 'factor' END
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Pass the dossier code and the last four letters or digits of the applicant''s identity number.';
	END IF;
	-- trimmed of the blanks tthc.is_blank knows; codes are capitals (QCVN 102:2016), factors read
	-- without regard to case
	c := upper(tthc._trim_blanks(code));
	f := upper(tthc._trim_blanks(factor));
	IF length(c) > 64 THEN
		RAISE EXCEPTION 'dossier code is too long: % characters', length(c)
			USING ERRCODE = 'string_data_right_truncation',
				  HINT = 'A dossier code is <agency code>-YYMMDD-XXXX, at most 64 characters.';
	END IF;
	-- 22P02 for a code that is not shaped like one
	prefix := (tthc.parse_dossier_code(c)).agency;
	IF length(f) > 4 THEN
		RAISE EXCEPTION 'look-up factor is too long: % characters', length(f)
			USING ERRCODE = 'string_data_right_truncation',
				  HINT = 'The factor is the last four letters or digits of the applicant''s identity number.';
	END IF;
	IF f !~ '^[[:alnum:]]{4}$' THEN
		RAISE EXCEPTION 'invalid look-up factor: "%"', f
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The factor is the last four letters or digits of the applicant''s identity number.';
	END IF;

	lim := tthc.lookup_limits();
	-- one look-up of a code at a time, so that concurrent attempts cannot pass the limit together
	PERFORM pg_advisory_xact_lock(hashtext('tthc.lookup'), hashtext(c));
	SELECT count(*) INTO failures FROM tthc.lookup_attempt a
	WHERE a.code = c AND a.at > now_ - lim.failure_window AND NOT a.throttled;
	-- the same steps for an unknown code and a wrong factor
	SELECT * INTO d FROM tthc.dossier x WHERE x.code = c;
	matched := coalesce(upper(right(regexp_replace(d.applicant_id, '[^[:alnum:]]', '', 'g'), 4)) = f, false);
	-- an unknown code is recorded under the agency code its prefix names
	agency := coalesce(d.agency, prefix);

	IF failures >= lim.max_failures THEN
		INSERT INTO tthc.lookup_attempt (at, code, agency, throttled, login)
		VALUES (now_, c, agency, true, session_user);
		RAISE LOG 'tthc.lookup: dossier code "%" is locked after % failed look-ups within %',
			c, failures, lim.failure_window;
		RETURN;
	END IF;
	IF NOT matched THEN
		INSERT INTO tthc.lookup_attempt (at, code, agency, throttled, login)
		VALUES (now_, c, agency, false, session_user);
		RETURN;
	END IF;

	RETURN QUERY
	SELECT d.code, d.status, st.name_vi, p.name, g.name, d.received_at, d.due_at, d.extended,
		-- against the legal due (Circular 01/2018 Art. 13), as the dossier's outcomes are scored
		CASE WHEN d.finish_outcome IS NOT NULL THEN coalesce(d.return_outcome, d.finish_outcome) = 'late'
			 WHEN d.stop_outcome IS NOT NULL THEN d.stop_outcome = 'late'
			 WHEN d.clock = 'running' THEN now_ > d.legal_due_at
			 WHEN d.clock = 'paused' THEN coalesce(d.paused_at > d.paused_due_at, false)
			 ELSE false END,
		s.done, s.total, s.current, d.result, d.finished_at, d.returned_at
	FROM tthc.statuses() st, tthc.procedure p, tthc.agency g,
	LATERAL (SELECT count(*) FILTER (WHERE ds.finished_at IS NOT NULL)::int AS done, count(*)::int AS total,
				(array_agg(ds.name ORDER BY ds.step) FILTER (WHERE ds.finished_at IS NULL
					AND d.clock IN ('running', 'paused')))[1] AS current
			 FROM tthc.dossier_step ds WHERE ds.dossier = d.id) s
	WHERE st.code = d.status AND p.code = d.procedure AND g.code = d.agency;
END
$$;
COMMENT ON FUNCTION tthc.lookup(text, text) IS
	'citizens'' status look-up: the status, appointment, lateness, progress and result of the dossier with the code, when the factor is the last four letters or digits of the applicant''s identity number; no row for an unknown code, a wrong factor or a code locked by repeated failures (tthc.lookup_limits); nothing personal';
GRANT EXECUTE ON FUNCTION tthc.lookup(text, text) TO PUBLIC;

-- end of the look-up section

-- Bad inputs: a UTF8 database required, names blank in the Unicode sense refused, a version
-- ending before it begins refused as 23514, infinite days printed in messages, and calendar
-- inheritance without self-parents and limited to 32 ancestors at write time (as in
-- src/tthc.sql, catalogue.sql, letters.sql and calendar.sql).

-- tthc needs a UTF8 database (src/tthc.sql): an upgrade in a SQL_ASCII database is refused too.
DO $$
BEGIN
	IF pg_catalog.getdatabaseencoding() <> 'UTF8' THEN
		RAISE EXCEPTION 'tthc needs a UTF8 database, not %', pg_catalog.getdatabaseencoding()
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'Names, holidays and letters are Vietnamese text in Unicode normalisation form NFC, which a database of another encoding cannot check or store.',
				  HINT = 'Create the database with ENCODING ''UTF8'' (from template0 when template1 has another encoding) and create the extension there.';
	END IF;
END
$$;

-- names that are only tabs, line breaks, no-break, zero-width or ideographic spaces are blank
ALTER TABLE tthc.agency
	DROP CONSTRAINT agency_name_check,
	ADD CONSTRAINT agency_name_check CHECK (NOT tthc.is_blank(name)),
	DROP CONSTRAINT agency_short_name_check,
	ADD CONSTRAINT agency_short_name_check CHECK (NOT tthc.is_blank(short_name));
ALTER TABLE tthc.sector
	DROP CONSTRAINT sector_name_check,
	ADD CONSTRAINT sector_name_check CHECK (NOT tthc.is_blank(name));
ALTER TABLE tthc.procedure
	DROP CONSTRAINT procedure_name_check,
	ADD CONSTRAINT procedure_name_check CHECK (NOT tthc.is_blank(name));
ALTER TABLE tthc.procedure_step
	DROP CONSTRAINT procedure_step_name_check,
	ADD CONSTRAINT procedure_step_name_check CHECK (NOT tthc.is_blank(name)),
	DROP CONSTRAINT procedure_step_unit_check,
	ADD CONSTRAINT procedure_step_unit_check CHECK (NOT tthc.is_blank(unit));
ALTER TABLE tthc.letter_profile
	DROP CONSTRAINT letter_profile_place_check,
	ADD CONSTRAINT letter_profile_place_check CHECK (NOT tthc.is_blank(place)),
	DROP CONSTRAINT letter_profile_signer_authority_check,
	ADD CONSTRAINT letter_profile_signer_authority_check CHECK (NOT tthc.is_blank(signer_authority)),
	DROP CONSTRAINT letter_profile_signer_title_check,
	ADD CONSTRAINT letter_profile_signer_title_check CHECK (NOT tthc.is_blank(signer_title)),
	DROP CONSTRAINT letter_profile_signer_name_check,
	ADD CONSTRAINT letter_profile_signer_name_check CHECK (NOT tthc.is_blank(signer_name)),
	DROP CONSTRAINT letter_profile_desk_check,
	ADD CONSTRAINT letter_profile_desk_check CHECK (NOT tthc.is_blank(desk)),
	DROP CONSTRAINT letter_profile_phone_check,
	ADD CONSTRAINT letter_profile_phone_check CHECK (NOT tthc.is_blank(phone));

-- A day as YYYY-MM-DD in an error message, whatever DateStyle; to_char gives NULL for the
-- infinite dates a valid_from or valid_to may hold, which print as infinity and -infinity here.
CREATE FUNCTION tthc._day_text(d date)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN pg_catalog.isfinite($1) THEN pg_catalog.to_char($1, 'YYYY-MM-DD') ELSE $1::text END
$$;
COMMENT ON FUNCTION tthc._day_text(date) IS
	'internal: a day as YYYY-MM-DD for a message, infinity and -infinity as such';

CREATE OR REPLACE FUNCTION tthc._procedure_version_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	o record;
BEGIN
	NEW.required_documents := tthc._nfc(NEW.required_documents);
	NEW.legal_basis := tthc._nfc(NEW.legal_basis);
	IF NEW.valid_to < NEW.valid_from THEN
		-- before the overlap test, whose daterange would raise 22000 on the reversed bounds
		RAISE EXCEPTION 'version % of procedure "%" ends before it begins', NEW.version, NEW.procedure
			USING ERRCODE = 'check_violation', CONSTRAINT = 'procedure_version_valid_period',
				  TABLE = 'procedure_version', SCHEMA = 'tthc',
				  DETAIL = format('It would be in force from %s to %s.', tthc._day_text(NEW.valid_from),
					tthc._day_text(NEW.valid_to)),
				  HINT = 'valid_to is the last day in force (inclusive) and may not precede valid_from.';
	END IF;
	PERFORM FROM tthc.procedure p WHERE p.code = NEW.procedure FOR NO KEY UPDATE;
	SELECT v.version, v.valid_from, v.valid_to INTO o
	FROM tthc.procedure_version v
	WHERE v.procedure = NEW.procedure
	  AND v.version <> NEW.version
	  AND NOT (TG_OP = 'UPDATE' AND v.procedure = OLD.procedure AND v.version = OLD.version)
	  AND daterange(v.valid_from, v.valid_to, '[]') && daterange(NEW.valid_from, NEW.valid_to, '[]')
	ORDER BY v.valid_from
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'version % of procedure "%" overlaps version %', NEW.version, NEW.procedure, o.version
			USING ERRCODE = 'exclusion_violation',
				  DETAIL = format('Version %s would be in force from %s%s; version %s is from %s%s.',
					NEW.version, tthc._day_text(NEW.valid_from),
					coalesce(' to ' || tthc._day_text(NEW.valid_to), ' on'),
					o.version, tthc._day_text(o.valid_from),
					coalesce(' to ' || tthc._day_text(o.valid_to), ' on')),
				  HINT = 'End the earlier version (valid_to, inclusive) the day before the later one takes effect.';
	END IF;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION tthc.procedure_version_at(procedure text, at date)
RETURNS tthc.procedure_version
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r tthc.procedure_version;
BEGIN
	SELECT v.* INTO r FROM tthc.procedure_version v
	WHERE v.procedure = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2);
	IF FOUND THEN
		RETURN r;
	END IF;
	IF NOT EXISTS (SELECT FROM tthc.procedure p WHERE p.code = $1) THEN
		RAISE EXCEPTION 'procedure "%" does not exist', $1
			USING ERRCODE = 'undefined_object', HINT = 'Procedures are listed in tthc.procedure.';
	END IF;
	RAISE EXCEPTION 'no version of procedure "%" is in force on %', $1, tthc._day_text($2)
		USING ERRCODE = 'undefined_object',
			  DETAIL = (SELECT CASE WHEN count(*) = 0 THEN 'It has no version.'
						ELSE 'Its versions are in force ' || string_agg('from ' || tthc._day_text(v.valid_from)
							|| coalesce(' to ' || tthc._day_text(v.valid_to), ' on'), ', ' ORDER BY v.valid_from) || '.' END
					FROM tthc.procedure_version v WHERE v.procedure = $1),
			  HINT = 'Versions are listed in tthc.procedure_version.';
END
$$;

CREATE OR REPLACE FUNCTION tthc._calendar_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	ancestors bigint;
	below int;
BEGIN
	IF NEW.timezone IS NOT NULL
	   AND NOT EXISTS (SELECT FROM pg_timezone_names WHERE name = NEW.timezone) THEN
		RAISE EXCEPTION 'time zone "%" not recognized', NEW.timezone
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Use a name from pg_timezone_names, for example Asia/Ho_Chi_Minh.';
	END IF;
	IF NEW.parent IS NOT NULL THEN
		-- one inheritance change at a time, so that two concurrent ones cannot close a cycle
		LOCK TABLE tthc.calendar IN SHARE ROW EXCLUSIVE MODE;
		-- a calendar its own parent: the foreign key is met by the row itself
		IF NEW.parent = NEW.name OR EXISTS (
			WITH RECURSIVE up(name, parent) AS (
				SELECT c.name, c.parent FROM tthc.calendar c WHERE c.name = NEW.parent
				UNION
				SELECT c.name, c.parent FROM tthc.calendar c JOIN up ON c.name = up.parent)
			SELECT FROM up WHERE up.name = NEW.name) THEN
			RAISE EXCEPTION 'calendar "%" cannot inherit from "%"', NEW.name, NEW.parent
				USING ERRCODE = 'invalid_recursion',
					  DETAIL = 'The inheritance chain would come back to the calendar itself.';
		END IF;
		-- the compiled calendar reads at most 32 ancestors (MAX_CHAIN in calendar_pg.c): the
		-- ancestors from the new parent up, plus the levels of the calendars below this one
		SELECT (SELECT count(*) FROM (
					WITH RECURSIVE up(name, parent, depth) AS (
						SELECT c.name, c.parent, 1 FROM tthc.calendar c WHERE c.name = NEW.parent
						UNION ALL
						SELECT c.name, c.parent, up.depth + 1 FROM tthc.calendar c JOIN up ON c.name = up.parent
						WHERE up.depth <= 32)
					SELECT FROM up) a),
			   (SELECT coalesce(max(depth), 0) FROM (
					WITH RECURSIVE down(name, depth) AS (
						SELECT c.name, 1 FROM tthc.calendar c
						WHERE TG_OP = 'UPDATE' AND c.parent = OLD.name AND c.name <> OLD.name
						UNION ALL
						SELECT c.name, down.depth + 1 FROM tthc.calendar c JOIN down ON c.parent = down.name
						WHERE down.depth <= 32)
					SELECT depth FROM down) b)
		INTO ancestors, below;
		IF ancestors + below > 32 THEN
			RAISE EXCEPTION 'calendar "%" cannot inherit from "%"', NEW.name, NEW.parent
				USING ERRCODE = 'program_limit_exceeded',
					  DETAIL = format('A calendar may have at most 32 ancestors; %s would have %s.',
						CASE WHEN below = 0 THEN format('"%s"', NEW.name) ELSE 'a calendar below it' END,
						ancestors + below),
					  HINT = 'Inherit from a calendar nearer the root of the chain.';
		END IF;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._calendar_check() IS 'internal: rejects cyclic inheritance, more than 32 ancestors and unknown time zones';

-- end of the bad inputs section

-- Province to nation (nation.sql): the dossier status feed and its trigger, the publications of a
-- province and of the nation, and tthc.is_national(), by which tthc.rollup_refresh() (above) leaves
-- the replicated rollups of the national database alone.
-- The dossier status feed: what the national database needs of each dossier (the National Public
-- Service Portal synchronises the dossiers of the provincial systems), without the applicant's
-- data.  Kept by a trigger on tthc.dossier at each event.
CREATE TABLE tthc.dossier_status (
	agency			text NOT NULL,
	dossier			bigint NOT NULL,
	code			text,
	procedure		text NOT NULL,
	procedure_version int NOT NULL,
	processing_agency text,
	channel			tthc.channel NOT NULL,
	status			int NOT NULL,
	clock			tthc.clock_state NOT NULL,
	submitted_at	timestamptz NOT NULL,
	received_at		timestamptz,
	legal_due_at	timestamptz,
	due_at			timestamptz,
	finished_at		timestamptz,
	finish_outcome	tthc.outcome,
	result			tthc.result,
	last_event_at	timestamptz NOT NULL,
	version			int NOT NULL,
	PRIMARY KEY (agency, dossier)
);
COMMENT ON TABLE tthc.dossier_status IS
	'the dossier status feed published to the national database: one row per dossier, its code, status, clock and due instants, without personal data; kept at each event';
COMMENT ON COLUMN tthc.dossier_status.agency IS
	'the receiving agency (the distribution key): with the dossier id, unique across provinces';
COMMENT ON COLUMN tthc.dossier_status.dossier IS 'the dossier id in its province''s database';
COMMENT ON COLUMN tthc.dossier_status.code IS 'the dossier code, national once assigned (Circular 01/2018 Art. 19)';
COMMENT ON COLUMN tthc.dossier_status.version IS 'the dossier''s version after its last event';
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_status', '');

CREATE FUNCTION tthc._dossier_status()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	INSERT INTO tthc.dossier_status AS s (agency, dossier, code, procedure, procedure_version,
		processing_agency, channel, status, clock, submitted_at, received_at, legal_due_at, due_at,
		finished_at, finish_outcome, result, last_event_at, version)
	VALUES (NEW.agency, NEW.id, NEW.code, NEW.procedure, NEW.procedure_version,
		NEW.processing_agency, NEW.channel, NEW.status, NEW.clock, NEW.submitted_at, NEW.received_at,
		NEW.legal_due_at, NEW.due_at, NEW.finished_at, NEW.finish_outcome, NEW.result,
		NEW.last_event_at, NEW.version)
	ON CONFLICT (agency, dossier) DO UPDATE SET code = excluded.code, procedure = excluded.procedure,
		procedure_version = excluded.procedure_version, processing_agency = excluded.processing_agency,
		channel = excluded.channel, status = excluded.status, clock = excluded.clock,
		submitted_at = excluded.submitted_at, received_at = excluded.received_at,
		legal_due_at = excluded.legal_due_at, due_at = excluded.due_at, finished_at = excluded.finished_at,
		finish_outcome = excluded.finish_outcome, result = excluded.result,
		last_event_at = excluded.last_event_at, version = excluded.version;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION tthc._dossier_status() IS
	'internal: writes a dossier''s row of the status feed tthc.dossier_status after it was received or moved';
REVOKE ALL ON FUNCTION tthc._dossier_status() FROM PUBLIC;
CREATE TRIGGER dossier_status_insert AFTER INSERT ON tthc.dossier
	FOR EACH ROW EXECUTE FUNCTION tthc._dossier_status();
COMMENT ON TRIGGER dossier_status_insert ON tthc.dossier IS 'adds the dossier to the status feed';
-- what the feed carries changed; not the sweep's alert instants nor the applicant's contacts
CREATE TRIGGER dossier_status_update AFTER UPDATE ON tthc.dossier
	FOR EACH ROW WHEN ((OLD.version, OLD.status, OLD.clock, OLD.code, OLD.processing_agency,
		OLD.legal_due_at, OLD.due_at, OLD.finished_at, OLD.last_event_at)
		IS DISTINCT FROM (NEW.version, NEW.status, NEW.clock, NEW.code, NEW.processing_agency,
		NEW.legal_due_at, NEW.due_at, NEW.finished_at, NEW.last_event_at))
	EXECUTE FUNCTION tthc._dossier_status();
COMMENT ON TRIGGER dossier_status_update ON tthc.dossier IS 'moves the dossier''s row of the status feed';
-- the dossiers already there (an upgraded database)
INSERT INTO tthc.dossier_status (agency, dossier, code, procedure, procedure_version,
	processing_agency, channel, status, clock, submitted_at, received_at, legal_due_at, due_at,
	finished_at, finish_outcome, result, last_event_at, version)
SELECT d.agency, d.id, d.code, d.procedure, d.procedure_version, d.processing_agency, d.channel,
	d.status, d.clock, d.submitted_at, d.received_at, d.legal_due_at, d.due_at, d.finished_at,
	d.finish_outcome, d.result, d.last_event_at, d.version
FROM tthc.dossier d;

-- A province's publication, tthc_province: the status feed, the rollups, the agencies of its
-- level-1 unit (QCVN 102:2016 codes ending .H29, Decision 20/2020 codes starting H29.) with their
-- calendars but the national one every database has, and its local procedures (codes whose agency
-- part is of the unit).  Inserts, updates and deletes: never a TRUNCATE, which would empty the
-- national table of every province.  Created, or its tables set again when it exists.
CREATE FUNCTION tthc.province_publish(unit text)
RETURNS text
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	local_procedure text;
	tables text;
BEGIN
	IF unit !~ '^[A-Z][0-9]{2}$' THEN
		RAISE EXCEPTION 'invalid level-1 unit code "%"', unit
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'A level-1 unit code is a capital letter and two digits (QCVN 102:2016/BTTTT).',
				  HINT = 'Give the unit of the province''s agency codes, e.g. H29 for 000.00.00.H29.';
	END IF;
	local_procedure := format('[.]%s([.][0-9]{2})?$', unit);
	tables := format('TABLE tthc.dossier_status, tthc.rollup_fact, tthc.rollup, '
		'tthc.agency WHERE (code = %1$L OR code LIKE %2$L OR code LIKE %3$L), '
		'tthc.calendar WHERE (name <> %4$L), tthc.calendar_session WHERE (calendar <> %4$L), '
		'tthc.calendar_day WHERE (calendar <> %4$L), '
		'tthc.procedure WHERE (code ~ %5$L), tthc.procedure_version WHERE (procedure ~ %5$L), '
		'tthc.procedure_step WHERE (procedure ~ %5$L)',
		unit, '%.' || unit, unit || '.%', 'national', local_procedure);
	IF EXISTS (SELECT FROM pg_publication p WHERE p.pubname = 'tthc_province') THEN
		EXECUTE 'ALTER PUBLICATION tthc_province SET ' || tables;
		ALTER PUBLICATION tthc_province SET (publish = 'insert, update, delete');
	ELSE
		EXECUTE 'CREATE PUBLICATION tthc_province FOR ' || tables
			|| ' WITH (publish = ''insert, update, delete'')';
	END IF;
	RETURN 'tthc_province';
END
$$;
COMMENT ON FUNCTION tthc.province_publish(text) IS
	'creates or resets the publication tthc_province of a province database: the dossier status feed, the rollups, the agencies of a level-1 unit with their calendars, and its local procedures (doc/topology.md)';
REVOKE ALL ON FUNCTION tthc.province_publish(text) FROM PUBLIC;

-- The national database's publication, tthc_nation: the national procedure catalogue (base codes
-- D.DDDDDD, with a service number or not), which every province subscribes to; the sectors with it.
CREATE FUNCTION tthc.nation_publish()
RETURNS text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	tables text := format('TABLE tthc.sector, tthc.procedure WHERE (code ~ %1$L), '
		'tthc.procedure_version WHERE (procedure ~ %1$L), tthc.procedure_step WHERE (procedure ~ %1$L)',
		'^[0-9][.][0-9]{6}([.][0-9]{2})?$');
BEGIN
	IF EXISTS (SELECT FROM pg_publication p WHERE p.pubname = 'tthc_nation') THEN
		EXECUTE 'ALTER PUBLICATION tthc_nation SET ' || tables;
		ALTER PUBLICATION tthc_nation SET (publish = 'insert, update, delete');
	ELSE
		EXECUTE 'CREATE PUBLICATION tthc_nation FOR ' || tables
			|| ' WITH (publish = ''insert, update, delete'')';
	END IF;
	RETURN 'tthc_nation';
END
$$;
COMMENT ON FUNCTION tthc.nation_publish() IS
	'creates or resets the publication tthc_nation of the national database: the sectors and the national procedure catalogue the provinces subscribe to (doc/topology.md)';
REVOKE ALL ON FUNCTION tthc.nation_publish() FROM PUBLIC;

-- Whether this database receives the rollups of provinces: the national database, where
-- tthc.rollup_refresh() must leave them alone.
CREATE FUNCTION tthc.is_national()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT EXISTS (SELECT FROM pg_catalog.pg_subscription_rel r
			   WHERE r.srrelid = 'tthc.rollup'::pg_catalog.regclass)
$$;
COMMENT ON FUNCTION tthc.is_national() IS
	'true in a database subscribed to provinces'' rollups (the national database): its report reads their rollups, and tthc.rollup_refresh() does not recompute them';

-- end of the nation section

-- Partitions (partition.sql): the history, outbox, notices, letters and apology drafts by month of
-- their time column (doc/partitioning.md).  The notices, letters and apology drafts are created
-- partitioned above; the history and the outbox of 0.1.0 are converted here: each is renamed, its
-- partitioned successor created as a fresh install creates it, the rows copied into its default
-- partition before its triggers exist (a copied history row must not issue its letter again),
-- the outbox's identity sequence set where 0.1.0 left it (the sender reads the outbox by id), and
-- the old table dropped with the triggers the sections above gave it.
ALTER TABLE tthc.dossier_event RENAME TO dossier_event_010;
ALTER TABLE tthc.dossier_event_010 RENAME CONSTRAINT dossier_event_pkey TO dossier_event_010_pkey;
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
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_event', '');

ALTER TABLE tthc.outbox RENAME TO outbox_010;
ALTER TABLE tthc.outbox_010 RENAME CONSTRAINT outbox_pkey TO outbox_010_pkey;
ALTER INDEX tthc.outbox_unsent RENAME TO outbox_010_unsent;
ALTER SEQUENCE tthc.outbox_id_seq RENAME TO outbox_010_id_seq;
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
SELECT pg_catalog.pg_extension_config_dump('tthc.outbox', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.outbox_id_seq', '');

CREATE TABLE tthc.dossier_event_default PARTITION OF tthc.dossier_event DEFAULT;
COMMENT ON TABLE tthc.dossier_event_default IS
	'the history rows of no monthly partition yet: tthc.partition_maintain() moves them to their month';
CREATE TABLE tthc.outbox_default PARTITION OF tthc.outbox DEFAULT;
COMMENT ON TABLE tthc.outbox_default IS
	'the outbox rows of no monthly partition yet: tthc.partition_maintain() moves them to their month';
CREATE TABLE tthc.notice_default PARTITION OF tthc.notice DEFAULT;
COMMENT ON TABLE tthc.notice_default IS
	'the notices of no monthly partition yet: tthc.partition_maintain() moves them to their month';
CREATE TABLE tthc.letter_default PARTITION OF tthc.letter DEFAULT;
COMMENT ON TABLE tthc.letter_default IS
	'the letters of no monthly partition yet: tthc.partition_maintain() moves them to their month';
CREATE TABLE tthc.apology_draft_default PARTITION OF tthc.apology_draft DEFAULT;
COMMENT ON TABLE tthc.apology_draft_default IS
	'the apology drafts of no monthly partition yet: tthc.partition_maintain() moves them to their month';
-- pg_dump dumps the rows of a partition, not of its partitioned parent
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_event_default', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.outbox_default', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.notice_default', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter_default', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.apology_draft_default', '');

-- What a DBA sets: a row per table that departs from the defaults (3 months ahead, no retention).
-- History and letters are legal records, notices and drafts are what the sweep checks to give each
-- once: none of them is dropped unless a DBA says so here.
CREATE TABLE tthc.partition_policy (
	relation		text PRIMARY KEY,
	ahead			int NOT NULL DEFAULT 3,
	retention		interval,
	CONSTRAINT partition_policy_relation_check
		CHECK (relation IN ('dossier_event', 'outbox', 'notice', 'letter', 'apology_draft')),
	CONSTRAINT partition_policy_ahead_check CHECK (ahead BETWEEN 0 AND 36),
	CONSTRAINT partition_policy_retention_check
		CHECK (retention > interval '0' AND retention <= interval '200 years')
);
COMMENT ON TABLE tthc.partition_policy IS
	'how tthc.partition_maintain() keeps the partitions of a table: the months it creates ahead and the retention past which it drops a whole month; a table without a row: 3 months ahead, kept for ever';
COMMENT ON COLUMN tthc.partition_policy.relation IS
	'the partitioned table in schema tthc: dossier_event, outbox, notice, letter or apology_draft';
COMMENT ON COLUMN tthc.partition_policy.ahead IS
	'monthly partitions created after the current month (0 to 36)';
COMMENT ON COLUMN tthc.partition_policy.retention IS
	'a month whose end is older than this (more than 0, at most 200 years) is dropped (an outbox month only once every row of it was sent); NULL: kept for ever';
SELECT pg_catalog.pg_extension_config_dump('tthc.partition_policy', '');

-- The DDL of the maintenance, as the superuser who installed tthc: tthc_owner may not create
-- tables in schema tthc (a role that may create there could plant a function that tthc's code or
-- a superuser then finds), and the DDL guard refuses its ALTER TABLE.  It does one of five fixed
-- things to the monthly partition of a table, names and bounds computed here, runs no code of the
-- owner's, and writes no row; the partitions it creates are the owner's, with no grants.
CREATE FUNCTION tthc._partition_ddl(relation text, month date, op text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	zone constant text := 'Asia/Ho_Chi_Minh';
	part text;
	lo timestamptz;
	hi timestamptz;
BEGIN
	IF relation IS NULL OR relation NOT IN ('dossier_event', 'outbox', 'notice', 'letter', 'apology_draft')
	   OR month IS NULL OR month < '1900-01-01' OR month >= '9999-01-01' OR extract(day FROM month) <> 1
	   OR op IS NULL OR op NOT IN ('create', 'create_detached', 'attach', 'detach_default', 'attach_default') THEN
		RAISE EXCEPTION 'invalid partition operation: % of table "%" for month %',
			coalesce(op, 'NULL'), coalesce(relation, 'NULL'), coalesce(month::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'A month is the first day of a month from 1900 to 9998.',
				  HINT = 'tthc.partition_maintain() calls this; run it instead.';
	END IF;
	part := format('%s_p%s', relation, to_char(month, 'YYYY_MM'));
	lo := month::timestamp AT TIME ZONE zone;
	hi := (month + interval '1 month')::timestamp AT TIME ZONE zone;
	CASE op
	WHEN 'create' THEN
		EXECUTE format('CREATE TABLE tthc.%I PARTITION OF tthc.%I FOR VALUES FROM (%L) TO (%L)',
			part, relation, lo, hi);
		EXECUTE format('ALTER TABLE tthc.%I OWNER TO tthc_owner', part);
	WHEN 'create_detached' THEN
		-- a month's table outside the parent, so that rows move into it without the parent's triggers
		EXECUTE format('CREATE TABLE tthc.%I (LIKE tthc.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS '
			'INCLUDING STORAGE INCLUDING COMPRESSION)', part, relation);
		EXECUTE format('ALTER TABLE tthc.%I OWNER TO tthc_owner', part);
	WHEN 'attach' THEN
		EXECUTE format('ALTER TABLE tthc.%I ATTACH PARTITION tthc.%I FOR VALUES FROM (%L) TO (%L)',
			relation, part, lo, hi);
	WHEN 'detach_default' THEN
		part := relation || '_default';
		EXECUTE format('ALTER TABLE tthc.%I DETACH PARTITION tthc.%I', relation, part);
	WHEN 'attach_default' THEN
		part := relation || '_default';
		EXECUTE format('ALTER TABLE tthc.%I ATTACH PARTITION tthc.%I DEFAULT', relation, part);
	END CASE;
	RETURN part;
END
$$;
COMMENT ON FUNCTION tthc._partition_ddl(text, date, text) IS
	'internal: creates (attached, or detached to be filled), attaches a monthly partition of a partitioned tthc table, or detaches and attaches its default partition, as the superuser; the partitions are tthc_owner''s';
REVOKE ALL ON FUNCTION tthc._partition_ddl(text, date, text) FROM PUBLIC;

CREATE FUNCTION tthc.partition_maintain(OUT relation text, OUT partition text, OUT action text,
	OUT rows bigint)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
-- creating, attaching and detaching a partition wait for every transaction on its table, and
-- every writer then waits behind them: give up rather than stall the office (the job runs again)
SET lock_timeout = '10s'
AS $$
#variable_conflict use_variable
DECLARE
	zone constant text := 'Asia/Ho_Chi_Minh';
	now_ timestamptz := tthc.now();
	this_month date;
	t record;
	m date;
	lo timestamptz;
	hi timestamptz;
	dflt text;
	detached boolean;
	waiting boolean;
	n bigint;
BEGIN
	this_month := date_trunc('month', now_ AT TIME ZONE zone)::date;
	-- one maintenance at a time: a second waits for the first and then finds its work done
	PERFORM pg_advisory_xact_lock(hashtext('tthc.partition_maintain'));
	-- the tables in the order tthc's writers take them (a transition: history, letter, outbox; a
	-- sweep: notice, apology draft, outbox), so that holding one while waiting for the next never
	-- deadlocks with them
	FOR t IN
		SELECT v.rel, v.col, coalesce(p.ahead, 3) AS ahead, p.retention
		FROM (VALUES (1, 'dossier_event', 'at'), (2, 'letter', 'issued_at'), (3, 'notice', 'due_at'),
				(4, 'apology_draft', 'legal_due_at'), (5, 'outbox', 'created_at')) v(ord, rel, col)
		LEFT JOIN tthc.partition_policy p ON p.relation = v.rel
		ORDER BY v.ord
	LOOP
		relation := t.rel;
		dflt := t.rel || '_default';
		detached := false;
		-- the months ahead, and the months of the rows waiting in the default partition (from 1900
		-- to 9998: a row outside stays there)
		FOR m IN EXECUTE format($q$
			SELECT g::date FROM generate_series($1::timestamp, $1 + make_interval(months => $2), interval '1 month') g
			UNION
			SELECT DISTINCT date_trunc('month', x.%1$I AT TIME ZONE $3)::date FROM tthc.%2$I x
			WHERE x.%1$I >= '1900-01-01 00:00+07' AND x.%1$I < '9999-01-01 00:00+07'
			ORDER BY 1$q$, t.col, dflt)
			USING this_month, t.ahead, zone
		LOOP
			partition := format('%s_p%s', t.rel, to_char(m, 'YYYY_MM'));
			CONTINUE WHEN EXISTS (SELECT FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid
				WHERE c.relname = partition AND c.relnamespace = 'tthc'::regnamespace
				  AND i.inhparent = format('tthc.%I', t.rel)::regclass);
			lo := m::timestamp AT TIME ZONE zone;
			hi := (m + interval '1 month')::timestamp AT TIME ZONE zone;
			EXECUTE format('SELECT EXISTS (SELECT FROM tthc.%I x WHERE x.%I >= $1 AND x.%2$I < $2)', dflt, t.col)
				INTO STRICT waiting USING lo, hi;
			IF NOT waiting THEN
				PERFORM tthc._partition_ddl(t.rel, m, 'create');
				rows := 0;
			ELSE
				-- rows of the month wait in the default partition: detached, it loses the parent's
				-- row triggers, and its rows move without them (a history row must not issue its
				-- letter twice, a letter is never deleted); then the month is attached, and the
				-- default partition after the last month
				IF NOT detached THEN
					PERFORM tthc._partition_ddl(t.rel, m, 'detach_default');
					detached := true;
				END IF;
				PERFORM tthc._partition_ddl(t.rel, m, 'create_detached');
				EXECUTE format('WITH moved AS (DELETE FROM tthc.%I x WHERE x.%I >= $1 AND x.%2$I < $2 RETURNING x.*) '
					'INSERT INTO tthc.%I SELECT * FROM moved', dflt, t.col, partition)
					USING lo, hi;
				GET DIAGNOSTICS rows = ROW_COUNT;
				PERFORM tthc._partition_ddl(t.rel, m, 'attach');
			END IF;
			action := 'create';
			RETURN NEXT;
		END LOOP;
		IF detached THEN
			PERFORM tthc._partition_ddl(t.rel, this_month, 'attach_default');
		END IF;

		-- retention: whole months whose end is older than it, by their names (those of
		-- tthc.partition_maintain and of pg_partman's monthly partitions)
		CONTINUE WHEN t.retention IS NULL;
		FOR partition, hi IN
			SELECT c.relname, (to_date(substr(c.relname, length(t.rel) + 3), 'YYYY_MM')::timestamp
					+ interval '1 month') AT TIME ZONE zone
			FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
			WHERE i.inhparent = format('tthc.%I', t.rel)::regclass
			  AND c.relname ~ ('^' || t.rel || '_p[0-9]{4}_[0-9]{2}$')
			ORDER BY c.relname
		LOOP
			CONTINUE WHEN hi > now_ - t.retention;
			IF t.rel = 'outbox' THEN
				-- never a notification that was not sent
				EXECUTE format('SELECT count(*) FROM tthc.%I x WHERE x.sent_at IS NULL', partition) INTO n;
				IF n > 0 THEN
					action := 'keep';
					rows := n;
					RETURN NEXT;
					CONTINUE;
				END IF;
			END IF;
			EXECUTE format('DROP TABLE tthc.%I', partition);
			action := 'drop';
			rows := NULL;
			RETURN NEXT;
		END LOOP;
	END LOOP;
END
$$;
COMMENT ON FUNCTION tthc.partition_maintain() IS
	'creates the monthly partitions of the history, outbox, notices, letters and apology drafts from the current month (tthc.now(), Viet Nam time) to tthc.partition_policy.ahead months after it and for the rows waiting in a default partition, moving those rows to their month, and drops the months past a retention (an outbox month only when every row was sent); returns what it did: create (rows moved), drop, keep (unsent outbox rows)';
REVOKE ALL ON FUNCTION tthc.partition_maintain() FROM PUBLIC;

INSERT INTO tthc.dossier_event (dossier, seq, agency, at, event, from_status, to_status, actor, note,
	due_at_before, due_at_after, login, recorded_at, prev_hash, hash, detail)
SELECT dossier, seq, agency, at, event, from_status, to_status, actor, note,
	due_at_before, due_at_after, login, recorded_at, prev_hash, hash, detail
FROM tthc.dossier_event_010;
-- out of the extension first, so that its configuration no longer names the table
ALTER EXTENSION tthc DROP TABLE tthc.dossier_event_010;
DROP TABLE tthc.dossier_event_010;
-- the histories recorded on a day, which the checkpoint reads: a history is written in the order
-- of its recording, so a block-range index finds a day in a few blocks of each month
CREATE INDEX dossier_event_recorded_idx ON tthc.dossier_event USING brin (recorded_at);
COMMENT ON INDEX tthc.dossier_event_recorded_idx IS
	'history rows by recording time, as block ranges: the daily checkpoint reads one day''s rows without scanning the history';
-- the triggers of dossier.sql, letters.sql and rollup.sql
CREATE TRIGGER dossier_event_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.dossier_event
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._history_guard();
CREATE TRIGGER dossier_event_truncate BEFORE TRUNCATE ON tthc.dossier_event
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._history_guard();
CREATE TRIGGER dossier_event_letter AFTER INSERT ON tthc.dossier_event
	FOR EACH ROW WHEN (NEW.event IN ('accept', 'request_supplement', 'refuse', 'extend', 'stop'))
	EXECUTE FUNCTION tthc._letter_on_event();
CREATE TRIGGER rollup_enqueue AFTER INSERT ON tthc.dossier_event
	FOR EACH ROW EXECUTE FUNCTION tthc._rollup_enqueue();

INSERT INTO tthc.outbox (id, dossier, agency, event, status, payload, created_at, sent_at)
OVERRIDING SYSTEM VALUE
SELECT id, dossier, agency, event, status, payload, created_at, sent_at FROM tthc.outbox_010;
SELECT pg_catalog.setval('tthc.outbox_id_seq', s.last_value, s.is_called) FROM tthc.outbox_010_id_seq s;
ALTER EXTENSION tthc DROP SEQUENCE tthc.outbox_010_id_seq;
ALTER EXTENSION tthc DROP TABLE tthc.outbox_010;
DROP TABLE tthc.outbox_010;
-- end of the partitions section

-- Security (security.sql): who may act for an agency (tthc.officer_agency and its helpers, in
-- dossier_api.sql; the API and tthc.issue_letter above already call them), the clean-up split
-- around pg_cron's tables, then the whole of security.sql: the roles, row-level security, the
-- grants, and the hand-over of the objects to tthc_owner, which stays the last thing this script does.
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
-- end of the security section
