-- nation.sql: what a province publishes to the national database, and what the nation publishes
-- to the provinces, over PostgreSQL's built-in logical replication.  doc/topology.md describes the
-- topology, the keys that keep provinces apart and how to set it up.
--
-- A province publishes (tthc.province_publish): the dossier status feed (tthc.dossier_status, one
-- row per dossier without personal data), the report's rollups (tthc.rollup_fact, tthc.rollup),
-- its own agencies and their calendars, and its local procedures.  The nation publishes
-- (tthc.nation_publish) the national procedure catalogue.  Every replicated table has a key that is
-- unique nationally: the receiving agency (a national code, QCVN 102:2016/BTTTT) leads the keys of
-- the feed and the rollups, so that the per-database dossier ids of two provinces never meet.

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
