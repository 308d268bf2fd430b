-- The province-to-nation pieces on one database: the dossier status feed follows every event, and
-- the publications of a province and of the nation carry the tables and row filters doc/topology.md
-- describes.  tools/nation_test.sh runs the topology itself: two provinces and the nation.  A
-- database of its own: publications belong to a database.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_nation;
CREATE DATABASE tthc_nation;
\c tthc_nation
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET tthc.now = '2026-03-20 09:00+07';

INSERT INTO tthc.agency (code, name) VALUES
	('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên'),
	('H31.65', 'Ủy ban nhân dân xã Tân Hưng'),
	('000.00.12.H29', 'Sở Tư pháp thành phố Hà Nội');
INSERT INTO tthc.sector (code, name) VALUES ('G12-HT01', 'Hộ tịch');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('1.000003', 'Thủ tục quốc gia', 'G12-HT01', 'province'),
	('2.000815.000.00.00.H31', 'Thủ tục riêng của tỉnh', NULL, 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES
	('1.000003', 1, '2020-01-01', '3 ngày làm việc'),
	('2.000815.000.00.00.H31', 1, '2020-01-01', '5 ngày làm việc');
INSERT INTO tthc.agency_procedure (agency, procedure)
SELECT a, p FROM unnest(ARRAY['000.00.12.H31', 'H31.65']) a, unnest(ARRAY['1.000003', '2.000815.000.00.00.H31']) p;

-- 1. The status feed: a row per dossier, written at receipt and moved by each event, equal to
-- the dossier in every column it carries.
CREATE FUNCTION pg_temp.feed_mismatches() RETURNS bigint LANGUAGE sql AS $$
	SELECT count(*) FROM tthc.dossier d FULL JOIN tthc.dossier_status s ON s.agency = d.agency AND s.dossier = d.id
	WHERE (d.code, d.procedure, d.procedure_version, d.processing_agency, d.channel, d.status, d.clock,
		d.submitted_at, d.received_at, d.legal_due_at, d.due_at, d.finished_at, d.finish_outcome, d.result,
		d.last_event_at, d.version)
	IS DISTINCT FROM (s.code, s.procedure, s.procedure_version, s.processing_agency, s.channel, s.status,
		s.clock, s.submitted_at, s.received_at, s.legal_due_at, s.due_at, s.finished_at, s.finish_outcome,
		s.result, s.last_event_at, s.version)
$$;
CREATE TEMP TABLE d AS
SELECT (tthc.receive(a, p, 'Nguyễn Văn An', received_at => '2026-03-16 09:00+07')).id
FROM unnest(ARRAY['000.00.12.H31', 'H31.65']) a, unnest(ARRAY['1.000003', '2.000815.000.00.00.H31']) p;
SELECT count(*) AS feed, pg_temp.feed_mismatches() AS mismatches FROM tthc.dossier_status;
SELECT count(tthc.start_processing(id, happened_at => '2026-03-16 10:00+07')) FROM d;
SELECT count(tthc.finish(id, happened_at => '2026-03-17 10:00+07')) FROM d WHERE id % 2 = 0;
SELECT status, clock, finish_outcome, count(*) FROM tthc.dossier_status GROUP BY 1, 2, 3 ORDER BY 1;
SELECT pg_temp.feed_mismatches() AS mismatches;

-- 2. A province's publication: the feed, the rollups, its own agencies and calendars, its local
-- procedures; never a TRUNCATE.  The row filters let through what they should.
SET client_min_messages = error;  -- wal_level: the dev cluster's may be below logical
SELECT tthc.province_publish('H31');
SELECT tthc.province_publish('H31') AS again;
RESET client_min_messages;
SELECT pubinsert, pubupdate, pubdelete, pubtruncate FROM pg_publication WHERE pubname = 'tthc_province';
SELECT tablename, rowfilter FROM pg_publication_tables WHERE pubname = 'tthc_province' ORDER BY tablename;
SELECT a.code FROM tthc.agency a
WHERE a.code = 'H31' OR a.code LIKE '%.H31' OR a.code LIKE 'H31.%' ORDER BY 1;
SELECT p.code, p.code ~ '[.]H31([.][0-9]{2})?$' AS province, p.code ~ '^[0-9][.][0-9]{6}([.][0-9]{2})?$' AS nation
FROM tthc.procedure p ORDER BY 1;

-- 3. The nation's publication: the national catalogue.
SET client_min_messages = error;
SELECT tthc.nation_publish();
RESET client_min_messages;
SELECT tablename, rowfilter FROM pg_publication_tables WHERE pubname = 'tthc_nation' ORDER BY tablename;

-- 4. Not subscribed to provinces: an ordinary province, whose refresh computes its rollups.
SELECT tthc.is_national();
SELECT dossiers, rebuilt FROM tthc.rollup_refresh();
SELECT count(*) AS facts FROM tthc.rollup_fact;

-- 5. Errors, each with its SQLSTATE.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
SELECT pg_temp.err($$SELECT tthc.province_publish('h31')$$);
SELECT pg_temp.err($$SELECT tthc.province_publish('000.00.00.H31')$$);
SELECT pg_temp.err($$SELECT tthc.province_publish('H31'' OR true --')$$);

\c :regress_db
DROP DATABASE tthc_nation;
