-- catalogue.sql: the procedure catalogue.  Agencies (effective-dated, with succession), sectors,
-- procedures with their versions and steps, the validation of their codes, and search.
--
-- Codes: agency QCVN 102:2016/BTTTT or Decision 20/2020/QĐ-TTg; sector Circular 01/2018/TT-VPCP Art. 20; procedure codes as
-- the national database of administrative procedures writes them.  Time limits with their unit:
-- Decree 63/2010/NĐ-CP Art. 8.  Supplement policy: Decree 61/2018/NĐ-CP Art. 19(4).

-- Codes and text.  Pure functions of their argument (catalogue_pg.c).

CREATE FUNCTION tthc.is_valid_agency_code(code text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_valid_agency_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_valid_agency_code(text) IS
	'true when the text is an agency code: V1V2V3.Z1Z2.Y1Y2.MX1X2 of QCVN 102:2016/BTTTT, e.g. 000.00.00.H30, or MX1X2 and groups of Decision 20/2020/QĐ-TTg, e.g. H21.65; M is A to Y';

CREATE FUNCTION tthc.agency_code_level(code text)
RETURNS int
AS 'MODULE_PATHNAME', 'tthc_agency_code_level'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.agency_code_level(text) IS
	'level of an agency code: QCVN 102:2016 its lowest level present (000.00.00.H30 is 1, 001.05.04.G18 is 4); Decision 20/2020 its number of parts (H21.65 is 2); 22P02 on an invalid code';

CREATE FUNCTION tthc.is_valid_procedure_code(code text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_valid_procedure_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_valid_procedure_code(text) IS
	'true when the text is a procedure code: D.DDDDDD, then optionally an agency (.000.00.00.H55 or .H38), then optionally a service number (.02)';

CREATE FUNCTION tthc.procedure_base_code(code text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_procedure_base_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.procedure_base_code(text) IS
	'national base code D.DDDDDD of a procedure code: 2.000815.000.00.00.H55 gives 2.000815; 22P02 on an invalid code';

CREATE FUNCTION tthc.is_valid_sector_code(code text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_valid_sector_code'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_valid_sector_code(text) IS
	'true when the text is a sector code of Circular 01/2018/TT-VPCP Art. 20: level-1 unit, hyphen, 1-4 capitals and 1-3 digits, e.g. G03-GD10';

CREATE FUNCTION tthc.sector_unit(code text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_sector_unit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.sector_unit(text) IS
	'level-1 unit that owns a sector code: G03-GD10 gives G03; 22P02 on an invalid code';

CREATE FUNCTION tthc.fold(s text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_fold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.fold(text) IS
	'lowercase without accents, for matching Vietnamese words: ''Lý lịch TƯ PHÁP'' gives ''ly lich tu phap''; NFC and NFD input alike';

-- All Vietnamese text is stored NFC (doc/architecture.md, Text).  Unicode normalisation needs a UTF8
-- database; in any other encoding the text is stored as given.
CREATE FUNCTION tthc._nfc(s text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN pg_catalog.getdatabaseencoding() = 'UTF8' THEN pg_catalog.normalize($1, 'NFC') ELSE $1 END
$$;
COMMENT ON FUNCTION tthc._nfc(text) IS 'internal: the text in Unicode normalisation form NFC (as given outside UTF8 databases)';

CREATE FUNCTION tthc._nfc(s text[])
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT coalesce(pg_catalog.array_agg(tthc._nfc(e) ORDER BY i), '{}')
FROM pg_catalog.unnest($1) WITH ORDINALITY AS u(e, i)
$$;
COMMENT ON FUNCTION tthc._nfc(text[]) IS 'internal: every element in Unicode normalisation form NFC';

-- Agencies.

CREATE TABLE tthc.agency (
	code		text PRIMARY KEY CHECK (tthc.is_valid_agency_code(code)),
	name		text NOT NULL CHECK (NOT tthc.is_blank(name)),
	short_name	text CHECK (NOT tthc.is_blank(short_name)),
	parent		text REFERENCES tthc.agency ON DELETE RESTRICT,
	level		int NOT NULL GENERATED ALWAYS AS (tthc.agency_code_level(code)) STORED,
	calendar	text NOT NULL DEFAULT 'national'
		REFERENCES tthc.calendar ON UPDATE CASCADE ON DELETE RESTRICT,
	valid_from	date NOT NULL DEFAULT '2000-01-01',
	valid_to	date,
	successor	text REFERENCES tthc.agency ON DELETE RESTRICT,
	CONSTRAINT agency_valid_period CHECK (valid_to >= valid_from),
	CONSTRAINT agency_successor_not_self CHECK (successor <> code),
	CONSTRAINT agency_successor_ended CHECK (successor IS NULL OR valid_to IS NOT NULL),
	CONSTRAINT agency_parent_not_self CHECK (parent <> code)
);
COMMENT ON TABLE tthc.agency IS
	'agencies that receive or process dossiers (QCVN 102:2016/BTTTT codes), effective-dated; a merged agency keeps its row and names its successor';
COMMENT ON COLUMN tthc.agency.code IS 'agency code V1V2V3.Z1Z2.Y1Y2.MX1X2 (QCVN 102:2016/BTTTT) or MX1X2.G... (Decision 20/2020/QĐ-TTg)';
COMMENT ON COLUMN tthc.agency.name IS 'full name, stored NFC, e.g. Ủy ban nhân dân tỉnh ...';
COMMENT ON COLUMN tthc.agency.short_name IS 'abbreviation used on letters and document numbers, e.g. UBND, STP (Decree 30/2020)';
COMMENT ON COLUMN tthc.agency.parent IS 'the agency this one belongs to';
COMMENT ON COLUMN tthc.agency.level IS 'level read from the code (1: ministry or provincial People''s Committee; see tthc.agency_code_level)';
COMMENT ON COLUMN tthc.agency.calendar IS 'working calendar of the agency''s deadlines';
COMMENT ON COLUMN tthc.agency.valid_from IS 'first day the agency is in force';
COMMENT ON COLUMN tthc.agency.valid_to IS 'last day the agency is in force (inclusive); NULL: in force';
COMMENT ON COLUMN tthc.agency.successor IS 'the agency it was merged into (e.g. the 2025 reorganisation of provinces and communes)';
CREATE INDEX agency_parent_idx ON tthc.agency (parent);
COMMENT ON INDEX tthc.agency_parent_idx IS 'agencies by parent; also serves the foreign key';
CREATE INDEX agency_successor_idx ON tthc.agency (successor);
COMMENT ON INDEX tthc.agency_successor_idx IS 'agencies by successor; also serves the foreign key';

-- Names are stored NFC; neither the parent chain nor the successor chain may come back to the
-- agency itself, so tthc.agency_successor always ends.
CREATE FUNCTION tthc._agency_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := tthc._nfc(NEW.name);
	NEW.short_name := tthc._nfc(NEW.short_name);
	IF NEW.successor IS NOT NULL AND EXISTS (
		WITH RECURSIVE chain(code) AS (
			SELECT NEW.successor
			UNION
			SELECT a.successor FROM tthc.agency a JOIN chain ON a.code = chain.code
			WHERE a.successor IS NOT NULL)
		SELECT FROM chain WHERE chain.code = NEW.code) THEN
		RAISE EXCEPTION 'agency "%" cannot be succeeded by "%"', NEW.code, NEW.successor
			USING ERRCODE = 'invalid_recursion',
				  DETAIL = 'The successor chain would come back to the agency itself.',
				  HINT = 'A successor is the agency a merged agency became; it must not lead back.';
	END IF;
	IF NEW.parent IS NOT NULL AND EXISTS (
		WITH RECURSIVE chain(code) AS (
			SELECT NEW.parent
			UNION
			SELECT a.parent FROM tthc.agency a JOIN chain ON a.code = chain.code
			WHERE a.parent IS NOT NULL)
		SELECT FROM chain WHERE chain.code = NEW.code) THEN
		RAISE EXCEPTION 'agency "%" cannot belong to "%"', NEW.code, NEW.parent
			USING ERRCODE = 'invalid_recursion',
				  DETAIL = 'The parent chain would come back to the agency itself.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._agency_check() IS
	'internal: stores names NFC and rejects cyclic successor and parent chains';
CREATE TRIGGER agency_check BEFORE INSERT OR UPDATE ON tthc.agency
	FOR EACH ROW EXECUTE FUNCTION tthc._agency_check();
COMMENT ON TRIGGER agency_check ON tthc.agency IS 'stores names NFC and rejects cyclic chains';

CREATE FUNCTION tthc.agency_successor(code text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cur text := $1;
	nxt text;
BEGIN
	SELECT a.successor INTO nxt FROM tthc.agency a WHERE a.code = cur;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', cur
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	-- the trigger keeps the chain acyclic, so this ends
	WHILE nxt IS NOT NULL LOOP
		cur := nxt;
		SELECT a.successor INTO nxt FROM tthc.agency a WHERE a.code = cur;
	END LOOP;
	RETURN cur;
END
$$;
COMMENT ON FUNCTION tthc.agency_successor(text) IS
	'the agency at the end of the successor chain (the agency itself when it has no successor)';

CREATE FUNCTION tthc.agency_calendar(code text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cal text;
BEGIN
	SELECT a.calendar INTO cal FROM tthc.agency a WHERE a.code = $1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'agency "%" does not exist', $1
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in tthc.agency.';
	END IF;
	RETURN cal;
END
$$;
COMMENT ON FUNCTION tthc.agency_calendar(text) IS 'working calendar of an agency';

-- Sectors (lĩnh vực).

CREATE TABLE tthc.sector (
	code		text PRIMARY KEY CHECK (tthc.is_valid_sector_code(code)),
	unit		text NOT NULL GENERATED ALWAYS AS (tthc.sector_unit(code)) STORED,
	name		text NOT NULL CHECK (NOT tthc.is_blank(name))
);
COMMENT ON TABLE tthc.sector IS 'sectors (lĩnh vực) that group procedures (Circular 01/2018/TT-VPCP Art. 20)';
COMMENT ON COLUMN tthc.sector.code IS 'sector code: level-1 unit, hyphen, sector, e.g. G03-GD10';
COMMENT ON COLUMN tthc.sector.unit IS 'level-1 unit that owns the sector, read from the code (G03)';
COMMENT ON COLUMN tthc.sector.name IS 'name of the sector, stored NFC, e.g. Hộ tịch';

CREATE FUNCTION tthc._sector_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := tthc._nfc(NEW.name);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._sector_check() IS 'internal: stores sector names NFC';
CREATE TRIGGER sector_check BEFORE INSERT OR UPDATE ON tthc.sector
	FOR EACH ROW EXECUTE FUNCTION tthc._sector_check();
COMMENT ON TRIGGER sector_check ON tthc.sector IS 'stores names NFC';

-- Procedures.

CREATE TABLE tthc.procedure (
	code		text PRIMARY KEY CHECK (tthc.is_valid_procedure_code(code)),
	base_code	text NOT NULL GENERATED ALWAYS AS (tthc.procedure_base_code(code)) STORED,
	name		text NOT NULL CHECK (NOT tthc.is_blank(name)),
	name_folded	text NOT NULL GENERATED ALWAYS AS (tthc.fold(name)) STORED,
	sector		text REFERENCES tthc.sector ON UPDATE CASCADE ON DELETE RESTRICT,
	level		text CHECK (level IN ('ministry', 'province', 'district', 'commune', 'other'))
);
COMMENT ON TABLE tthc.procedure IS 'administrative procedures (thủ tục hành chính); their rules are in tthc.procedure_version';
COMMENT ON COLUMN tthc.procedure.code IS 'procedure code: national base code, optional agency suffix, optional service number';
COMMENT ON COLUMN tthc.procedure.base_code IS 'national base code D.DDDDDD read from the code: groups the local variants of one procedure';
COMMENT ON COLUMN tthc.procedure.name IS 'name of the procedure, stored NFC';
COMMENT ON COLUMN tthc.procedure.name_folded IS 'name lowercase without accents (tthc.fold), for search';
COMMENT ON COLUMN tthc.procedure.sector IS 'sector (lĩnh vực) of the procedure';
COMMENT ON COLUMN tthc.procedure.level IS
	'level of government that carries it out (cấp thực hiện): ministry, province, district (until 2025-06-30), commune, other; NULL: not stated';
CREATE INDEX procedure_search ON tthc.procedure
	USING gin (pg_catalog.to_tsvector('pg_catalog.simple', name_folded));
COMMENT ON INDEX tthc.procedure_search IS 'words of the folded name, for tthc.search_procedures';
CREATE INDEX procedure_base_code_idx ON tthc.procedure (base_code);
COMMENT ON INDEX tthc.procedure_base_code_idx IS 'procedures by national base code';
CREATE INDEX procedure_sector_idx ON tthc.procedure (sector);
COMMENT ON INDEX tthc.procedure_sector_idx IS 'procedures by sector; also serves the foreign key';

CREATE FUNCTION tthc._procedure_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := tthc._nfc(NEW.name);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._procedure_check() IS 'internal: stores procedure names NFC';
CREATE TRIGGER procedure_check BEFORE INSERT OR UPDATE ON tthc.procedure
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_check();
COMMENT ON TRIGGER procedure_check ON tthc.procedure IS 'stores names NFC';

-- Versions of a procedure: the rules in force over a period.

CREATE TYPE tthc.supplement_policy AS ENUM ('restart', 'pause');
COMMENT ON TYPE tthc.supplement_policy IS
	'what a supplement request during processing does to the clock: restart from zero once the complete dossier is back (Decree 61/2018 Art. 19(4), the default) or pause and resume the balance (practice)';

CREATE TYPE tthc.online_level AS ENUM ('none', 'partial', 'full');
COMMENT ON TYPE tthc.online_level IS
	'online public service level: none, partial (một phần), full (toàn trình)';

CREATE TABLE tthc.procedure_version (
	procedure	text NOT NULL REFERENCES tthc.procedure ON UPDATE CASCADE ON DELETE CASCADE,
	version		int NOT NULL CHECK (version >= 1),
	valid_from	date NOT NULL,
	valid_to	date,
	term		tthc.term NOT NULL,
	counting	tthc.counting NOT NULL DEFAULT 'civil_code',
	cutoff		time CHECK (cutoff > '00:00' AND cutoff < '24:00'),
	supplement_policy tthc.supplement_policy NOT NULL DEFAULT 'restart',
	fee			numeric(14, 0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
	online_level tthc.online_level NOT NULL DEFAULT 'none',
	required_documents text[] NOT NULL DEFAULT '{}'
		CHECK (pg_catalog.array_position(required_documents, NULL) IS NULL),
	legal_basis	text,
	deem_receipt boolean NOT NULL DEFAULT false,
	supplement_window tthc.term NOT NULL DEFAULT '3 ngày làm việc',
	PRIMARY KEY (procedure, version),
	CONSTRAINT procedure_version_valid_period CHECK (valid_to >= valid_from),
	CONSTRAINT procedure_version_supplement_window_days
		CHECK (tthc.term_unit(supplement_window) IN ('working_days', 'days'))
);
COMMENT ON TABLE tthc.procedure_version IS
	'the rules of a procedure over a period: time limit, counting, cut-off, receipt outside working time, supplement policy and window, fee, documents; versions of one procedure do not overlap';
COMMENT ON COLUMN tthc.procedure_version.procedure IS 'the procedure';
COMMENT ON COLUMN tthc.procedure_version.version IS 'version number, from 1';
COMMENT ON COLUMN tthc.procedure_version.valid_from IS 'first day the version is in force';
COMMENT ON COLUMN tthc.procedure_version.valid_to IS 'last day the version is in force (inclusive); NULL: open';
COMMENT ON COLUMN tthc.procedure_version.term IS 'time limit (thời hạn giải quyết) with its unit (Decree 63/2010 Art. 8)';
COMMENT ON COLUMN tthc.procedure_version.counting IS 'how the time limit is counted: civil_code (default) or working_time';
COMMENT ON COLUMN tthc.procedure_version.cutoff IS
	'same-day cut-off: a dossier received later counts from the next working day; NULL: none; 15:00 where enabled (Luật Hộ tịch Art. 5(3), Decree 23/2015 Art. 7)';
COMMENT ON COLUMN tthc.procedure_version.supplement_policy IS 'restart (Decree 61/2018 Art. 19(4), default) or pause';
COMMENT ON COLUMN tthc.procedure_version.fee IS 'fee or charge in VND (whole đồng)';
COMMENT ON COLUMN tthc.procedure_version.online_level IS 'online public service level: none, partial, full';
COMMENT ON COLUMN tthc.procedure_version.required_documents IS 'documents of the dossier (thành phần hồ sơ), stored NFC';
COMMENT ON COLUMN tthc.procedure_version.legal_basis IS 'legal instruments of this version (căn cứ pháp lý), stored NFC';
COMMENT ON COLUMN tthc.procedure_version.deem_receipt IS
	'a receipt outside working time counts as made at the first working moment of the next working day (sector rules: State Treasury Circular 87/2021 Art. 10, Customs Decision 2988/QĐ-TCHQ Art. 7(5)); false, the default: the Civil Code alone, the day of receipt is not counted (Art. 147(2))';
COMMENT ON COLUMN tthc.procedure_version.supplement_window IS
	'the time within which the agency may ask for a supplement with the procedure''s supplement policy (Decree 61/2018 Art. 19(4): 3 working days from receipt unless sector law says otherwise); in working days or days';

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

-- Versions of one procedure must not overlap.  btree_gist is not assumed, so a trigger does what
-- an exclusion constraint would; it locks the procedure row so that two concurrent writers of
-- versions of one procedure take turns.
CREATE FUNCTION tthc._procedure_version_check()
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
COMMENT ON FUNCTION tthc._procedure_version_check() IS
	'internal: stores text NFC and rejects versions of one procedure that overlap in time';
CREATE TRIGGER procedure_version_check BEFORE INSERT OR UPDATE ON tthc.procedure_version
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_version_check();
COMMENT ON TRIGGER procedure_version_check ON tthc.procedure_version IS
	'stores text NFC and rejects overlapping versions';

-- Steps of a version: who does what within which part of the time limit (inter-agency dossiers
-- state each agency's sub-deadline, Decree 61/2018 Art. 19(6); Circular 01/2018 Art. 13 scores
-- each agency's time).

CREATE TABLE tthc.procedure_step (
	procedure	text NOT NULL,
	version		int NOT NULL,
	step		int NOT NULL CHECK (step >= 1),
	name		text NOT NULL CHECK (NOT tthc.is_blank(name)),
	unit		text NOT NULL CHECK (NOT tthc.is_blank(unit)),
	budget		tthc.term NOT NULL,
	agency		text REFERENCES tthc.agency ON UPDATE CASCADE ON DELETE RESTRICT,
	PRIMARY KEY (procedure, version, step),
	FOREIGN KEY (procedure, version) REFERENCES tthc.procedure_version
		ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE tthc.procedure_step IS
	'steps of a procedure version, each with its responsible unit and time budget; the budgets fit the time limit';
COMMENT ON COLUMN tthc.procedure_step.procedure IS 'the procedure';
COMMENT ON COLUMN tthc.procedure_step.version IS 'the version of the procedure';
COMMENT ON COLUMN tthc.procedure_step.step IS 'order of the step, from 1';
COMMENT ON COLUMN tthc.procedure_step.name IS 'what the step does, stored NFC';
COMMENT ON COLUMN tthc.procedure_step.unit IS 'responsible unit (desk, department, agency), stored NFC';
COMMENT ON COLUMN tthc.procedure_step.budget IS 'time budget of the step, in the unit of the version''s time limit';
COMMENT ON COLUMN tthc.procedure_step.agency IS
	'the agency responsible for the step in an inter-agency (liên thông) procedure (Decree 61/2018 Art. 19(6)); NULL: the agency processing the dossier';
CREATE INDEX procedure_step_agency_idx ON tthc.procedure_step (agency) WHERE agency IS NOT NULL;
COMMENT ON INDEX tthc.procedure_step_agency_idx IS 'steps by responsible agency; also serves the foreign key';

CREATE FUNCTION tthc._procedure_step_nfc()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.name := tthc._nfc(NEW.name);
	NEW.unit := tthc._nfc(NEW.unit);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION tthc._procedure_step_nfc() IS 'internal: stores step names and units NFC';
CREATE TRIGGER procedure_step_nfc BEFORE INSERT OR UPDATE ON tthc.procedure_step
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_step_nfc();
COMMENT ON TRIGGER procedure_step_nfc ON tthc.procedure_step IS 'stores names and units NFC';

-- Every step budget is in the unit of the version's time limit and the budgets add up to at most
-- the time limit (a same-day procedure has same-day steps).  Deferred to the end of the
-- transaction, so a version and its steps can be written in any order.
CREATE FUNCTION tthc._procedure_step_budget()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	limit_term tthc.term;
	limit_unit text;
	s record;
	total bigint;
	steps int;
	shown text;
BEGIN
	SELECT v.term INTO limit_term FROM tthc.procedure_version v
	WHERE v.procedure = NEW.procedure AND v.version = NEW.version;
	IF NOT FOUND THEN
		RETURN NULL;			-- gone since, or the foreign key reports it
	END IF;
	limit_unit := tthc.term_unit(limit_term);

	SELECT st.step, st.budget INTO s FROM tthc.procedure_step st
	WHERE st.procedure = NEW.procedure AND st.version = NEW.version
	  AND tthc.term_unit(st.budget) <> limit_unit
	ORDER BY st.step LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'budget of step % of procedure "%" version % is not in the unit of its time limit',
			s.step, NEW.procedure, NEW.version
			USING ERRCODE = 'check_violation',
				  DETAIL = format('The step''s budget is %s; the time limit is %s.', s.budget, limit_term),
				  HINT = 'Give every step budget in the unit of the time limit.';
	END IF;

	SELECT sum(tthc.term_amount(st.budget)), count(*) INTO total, steps FROM tthc.procedure_step st
	WHERE st.procedure = NEW.procedure AND st.version = NEW.version;
	IF total > tthc.term_amount(limit_term) THEN
		shown := CASE WHEN total <= 10000 THEN tthc.make_term(total::int, limit_unit)::text
					  ELSE total || ' ' || limit_unit END;
		RAISE EXCEPTION 'step budgets of procedure "%" version % exceed its time limit', NEW.procedure, NEW.version
			USING ERRCODE = 'check_violation',
				  DETAIL = CASE WHEN steps = 1
					THEN format('The budget of the one step is %s; the time limit is %s.', shown, limit_term)
					ELSE format('The budgets of the %s steps add up to %s; the time limit is %s.', steps, shown, limit_term)
					END,
				  HINT = 'Shorten the step budgets or lengthen the time limit.';
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION tthc._procedure_step_budget() IS
	'internal: checks that the step budgets of a version are in its unit and fit its time limit';
CREATE CONSTRAINT TRIGGER procedure_step_budget AFTER INSERT OR UPDATE ON tthc.procedure_step
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_step_budget();
COMMENT ON TRIGGER procedure_step_budget ON tthc.procedure_step IS
	'at commit: the step budgets are in the unit of the time limit and fit it';
CREATE CONSTRAINT TRIGGER procedure_step_budget AFTER INSERT OR UPDATE OF term ON tthc.procedure_version
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION tthc._procedure_step_budget();
COMMENT ON TRIGGER procedure_step_budget ON tthc.procedure_version IS
	'at commit: the step budgets still fit the (new) time limit';

-- The procedures each agency receives (its part of the province's published list of procedures).
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

CREATE FUNCTION tthc.procedure_version_at(procedure text, at date)
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
COMMENT ON FUNCTION tthc.procedure_version_at(text, date) IS
	'the version of a procedure in force on a day; 42704 when the procedure does not exist or none is in force';

-- Search.  The folded name is split into words by the default text search parser ('simple'
-- configuration: no stemming, no stop words); the query is folded and split the same way.
-- Matches are ranked in tiers, then by ts_rank_cd within a tier (normalised by the name's length,
-- so shorter names come first): 4 the query is the procedure's code or base code; 3 the words of
-- the query appear as a phrase; 2 all the words appear; 1 all the words appear, the last one as a
-- prefix (typing in progress).
CREATE FUNCTION tthc.search_procedures(query text, max_results int DEFAULT 20)
RETURNS TABLE (code text, name text, rank real)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
	q text := tthc.fold(btrim(query));
	is_code boolean := tthc.is_valid_procedure_code(btrim(query));
	phrase tsquery;
	all_words tsquery;
	prefix tsquery;
BEGIN
	IF btrim(query) = '' THEN
		RAISE EXCEPTION 'search query is empty'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give one or more words of the procedure''s name, with or without accents.';
	END IF;
	IF max_results < 1 THEN
		RAISE EXCEPTION 'max_results must be at least 1, not %', max_results
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	-- every word exact, the last one (by position) also as a prefix
	SELECT string_agg(format('''%s''%s', replace(replace(w.lexeme, '\', '\\'), '''', ''''''),
			CASE WHEN w.last THEN ':*' ELSE '' END), ' & ')::tsquery
	INTO prefix
	FROM (SELECT t.lexeme,
			t.positions[array_upper(t.positions, 1)] = max(t.positions[array_upper(t.positions, 1)]) OVER () AS last
		  FROM unnest(to_tsvector('pg_catalog.simple', q)) AS t) AS w;
	IF prefix IS NULL AND NOT is_code THEN
		RAISE EXCEPTION 'search query "%" has no words', query
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give one or more words of the procedure''s name, with or without accents.';
	END IF;
	phrase := phraseto_tsquery('pg_catalog.simple', q);
	all_words := plainto_tsquery('pg_catalog.simple', q);

	RETURN QUERY
	WITH hits AS (
		SELECT p.code FROM tthc.procedure p
		WHERE to_tsvector('pg_catalog.simple', p.name_folded) @@ prefix
		UNION
		SELECT p.code FROM tthc.procedure p
		WHERE is_code AND (p.code = btrim(query) OR p.base_code = btrim(query))
	)
	SELECT p.code, p.name,
		(CASE WHEN is_code AND (p.code = btrim(query) OR p.base_code = btrim(query)) THEN 4
			  WHEN x.v @@ phrase THEN 3
			  WHEN x.v @@ all_words THEN 2
			  ELSE 1 END
		 + CASE WHEN prefix IS NULL THEN 0 ELSE ts_rank_cd(x.v, prefix, 1 | 32) END)::real
	FROM hits h
	JOIN tthc.procedure p ON p.code = h.code
	CROSS JOIN LATERAL (SELECT to_tsvector('pg_catalog.simple', p.name_folded) AS v) x
	ORDER BY 3 DESC, p.name_folded COLLATE "C", p.code COLLATE "C"
	LIMIT max_results;
END
$$;
COMMENT ON FUNCTION tthc.search_procedures(text, int) IS
	'procedures whose name matches the words of a query, accent- and case-insensitive, best first: code, phrase, all words, last word as prefix';

SELECT pg_catalog.pg_extension_config_dump('tthc.agency', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.sector', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.procedure', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.procedure_version', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.procedure_step', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.agency_procedure', '');
