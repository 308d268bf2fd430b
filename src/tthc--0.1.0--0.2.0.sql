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
		processing_agency = d.processing_agency
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
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
SELECT tthc._dossier_write(true);
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
ON CONFLICT (dossier, step) DO UPDATE SET due_at = excluded.due_at,
	started_at = coalesce(excluded.started_at, ds.started_at);
SELECT tthc._dossier_write(false);
$$;
COMMENT ON FUNCTION tthc._plan_steps(tthc.dossier, tthc.procedure_version, timestamptz) IS
	'internal: the due instants of a dossier''s steps, counted from the start of its clock';
REVOKE ALL ON FUNCTION tthc._plan_steps(tthc.dossier, tthc.procedure_version, timestamptz) FROM PUBLIC;

CREATE OR REPLACE FUNCTION tthc._resume_steps(d tthc.dossier, v tthc.procedure_version, paused_at timestamptz,
	ts timestamptz)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
SELECT tthc._dossier_write(true);
UPDATE tthc.dossier_step ds
SET due_at = tthc._resumed_due(v.term, d.calendar, paused_at, ds.due_at,
	tthc.working_time_between(paused_at, ds.due_at, d.calendar), ts)
WHERE ds.dossier = d.id AND ds.finished_at IS NULL;
SELECT tthc._dossier_write(false);
$$;
COMMENT ON FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz, timestamptz) IS
	'internal: moves the open steps of a dossier whose clock resumes';
REVOKE ALL ON FUNCTION tthc._resume_steps(tthc.dossier, tthc.procedure_version, timestamptz, timestamptz) FROM PUBLIC;

CREATE OR REPLACE FUNCTION tthc._check_instant(ts timestamptz, calendar text, what text)
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
	IF ts > tthc.now() + interval '5 minutes' THEN
		RAISE EXCEPTION '% % is in the future', what, ts
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Events are recorded when they happen; their time may lie in the past, not ahead.';
	END IF;
END
$$;
COMMENT ON FUNCTION tthc._check_instant(timestamptz, text, text) IS
	'internal: refuses an instant that is not finite, lies outside the calendar or ahead of now';
REVOKE ALL ON FUNCTION tthc._check_instant(timestamptz, text, text) FROM PUBLIC;

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
	day date;
	who text := coalesce(actor, session_user);
BEGIN
	IF procedure IS NULL OR channel IS NULL THEN
		RAISE EXCEPTION 'procedure and channel must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT g.code, g.calendar, g.valid_from, g.valid_to, g.successor INTO a
	FROM tthc.agency g WHERE g.code = receive.agency;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', agency
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	PERFORM tthc._check_instant(ts, a.calendar, 'receipt time');
	day := (ts AT TIME ZONE tthc.calendar_timezone(a.calendar))::date;
	IF day < a.valid_from OR day > a.valid_to OR a.successor IS NOT NULL AND a.valid_to IS NULL THEN
		RAISE EXCEPTION 'agency "%" does not receive dossiers on %', agency, day
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('The agency is in force from %s to %s.', a.valid_from, coalesce(a.valid_to::text, 'now')),
				  HINT = CASE WHEN a.successor IS NOT NULL
					THEN format('It was merged into "%s".', tthc.agency_successor(agency))
					ELSE 'Receive the dossier at an agency in force on that day.' END;
	END IF;
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
	d.procedure_version := (tthc.procedure_version_at(procedure, day)).version;
	IF NOT tthc._agency_receives(agency, procedure) THEN
		RAISE EXCEPTION 'agency "%" does not receive procedure "%"', agency, procedure
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'The procedures an agency receives are the rows of tthc.agency_procedure.';
	END IF;
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
		WHERE e.dossier = d.id
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
	dossier			bigint NOT NULL REFERENCES tthc.dossier ON DELETE RESTRICT,
	agency			text NOT NULL,
	kind			tthc.notice_kind NOT NULL,
	step			int,
	due_at			timestamptz NOT NULL,
	apology_by		timestamptz,
	swept_at		timestamptz NOT NULL,
	recorded_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	PRIMARY KEY (id, due_at),
	CONSTRAINT notice_once UNIQUE NULLS NOT DISTINCT (dossier, kind, step, due_at),
	CONSTRAINT notice_step_check CHECK ((kind = 'step_overdue') = (step IS NOT NULL))
);
COMMENT ON TABLE tthc.notice IS
	'due-soon, overdue and step-overdue notices given by tthc.sweep(), once per dossier, kind, step and due instant (Decree 61/2018 Art. 19(6)-(9))';
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
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT
	CASE WHEN NOT EXISTS (SELECT FROM tthc.notice n WHERE n.dossier = d.id AND n.step IS NULL
						  AND n.kind IN ('due_soon', 'overdue') AND n.due_at = d.legal_due_at)
		 THEN tthc.apology_deadline(d.legal_due_at, d.calendar) END,
	(SELECT min(x.due) FROM (
		SELECT d.legal_due_at AS due
		WHERE NOT EXISTS (SELECT FROM tthc.notice n WHERE n.dossier = d.id AND n.step IS NULL
						  AND n.kind = 'overdue' AND n.due_at = d.legal_due_at)
		UNION ALL
		SELECT s.due_at FROM tthc.dossier_step s
		WHERE s.dossier = d.id AND s.finished_at IS NULL
		  AND NOT EXISTS (SELECT FROM tthc.notice n WHERE n.dossier = d.id AND n.kind = 'step_overdue'
						  AND n.step = s.step AND n.due_at = s.due_at)) x)
WHERE d.clock = 'running' AND d.legal_due_at IS NOT NULL
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
	END IF;
	PERFORM tthc._outbox(d.id, d.agency, kind::text, d.status, jsonb_build_object(
		'dossier', d.id, 'code', d.code, 'agency', d.agency,
		'processing_agency', d.processing_agency, 'event', kind, 'notice', id, 'status', d.status,
		'at', at, 'legal_due_at', d.legal_due_at, 'due_at', d.due_at, 'apology_by', apology_by,
		'extended', d.extended, 'step', step, 'step_due_at', s.due_at, 'unit', s.unit,
		'responsible_agency', coalesce(s.responsible_agency, d.processing_agency, d.agency)));
	RETURN 1;
END
$$;
COMMENT ON FUNCTION tthc._notice(tthc.dossier, tthc.notice_kind, int, timestamptz, timestamptz, timestamptz) IS
	'internal: records a notice unless it was given already, with its outbox row and NOTIFY; returns 1 for a new notice, else 0';
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
		-- late after the due instant, not at it (Circular 01/2018 Art. 13, tthc._outcome)
		IF at > d.legal_due_at THEN
			overdue := tthc._notice(d, 'overdue', NULL, d.legal_due_at, apology, at);
		-- Decree 61/2018 Art. 19(9): warn while the apology can still be made in time
		ELSIF apology <= tthc.add_working_time(at, lead, d.calendar) THEN
			due_soon := tthc._notice(d, 'due_soon', NULL, d.legal_due_at, apology, at);
		END IF;
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
	day date;
BEGIN
	IF agency IS NULL OR procedure IS NULL OR received IS NULL THEN
		RAISE EXCEPTION 'agency, procedure and receipt time must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT g.code, g.calendar, g.valid_from, g.valid_to, g.successor INTO a
	FROM tthc.agency g WHERE g.code = appointment.agency;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', agency
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	IF NOT isfinite(received) THEN
		RAISE EXCEPTION 'receipt time % is out of range', received
			USING ERRCODE = 'datetime_field_overflow',
				  HINT = 'Give a finite instant inside the working calendar''s range (tthc.calendar_info()).';
	END IF;
	-- raises 22008 outside the calendar's days
	PERFORM tthc.is_working_day((received AT TIME ZONE tthc.calendar_timezone(a.calendar))::date, a.calendar);
	day := (received AT TIME ZONE tthc.calendar_timezone(a.calendar))::date;
	IF day < a.valid_from OR day > a.valid_to OR a.successor IS NOT NULL AND a.valid_to IS NULL THEN
		RAISE EXCEPTION 'agency "%" does not receive dossiers on %', agency, day
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('The agency is in force from %s to %s.', a.valid_from, coalesce(a.valid_to::text, 'now')),
				  HINT = CASE WHEN a.successor IS NOT NULL
					THEN format('It was merged into "%s".', tthc.agency_successor(agency))
					ELSE 'Receive the dossier at an agency in force on that day.' END;
	END IF;
	v := tthc.procedure_version_at(procedure, day);
	IF NOT tthc._agency_receives(agency, procedure) THEN
		RAISE EXCEPTION 'agency "%" does not receive procedure "%"', agency, procedure
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'The procedures an agency receives are the rows of tthc.agency_procedure.';
	END IF;
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
