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
