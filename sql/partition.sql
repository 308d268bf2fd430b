-- Partitions: the history, outbox, notices, letters and apology drafts by month of their time
-- column (doc/partitioning.md).  Rows wait in the default partitions until
-- tthc.partition_maintain() creates their months; it moves them, is idempotent, drops only the
-- months past a retention (never an outbox month with unsent rows), and keeps the partitions out
-- of direct reach.  The outbox's created_at is the real clock's: its months are shown only for
-- rows dated here.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS tthc CASCADE;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
CREATE EXTENSION tthc;
-- where the rows of each table are: partition and count (the outbox's real-clock months as "now")
CREATE FUNCTION pg_temp.placement() RETURNS TABLE (relation text, partition text, n bigint)
LANGUAGE sql AS $$
	SELECT 'dossier_event', tableoid::regclass::text, count(*) FROM tthc.dossier_event GROUP BY 2
	UNION ALL SELECT 'outbox', CASE WHEN created_at < '2026-07-01' OR tableoid = 'tthc.outbox_default'::regclass
		THEN tableoid::regclass::text ELSE '(month of now)' END, count(*) FROM tthc.outbox GROUP BY 2
	UNION ALL SELECT 'notice', tableoid::regclass::text, count(*) FROM tthc.notice GROUP BY 2
	UNION ALL SELECT 'letter', tableoid::regclass::text, count(*) FROM tthc.letter GROUP BY 2
	UNION ALL SELECT 'apology_draft', tableoid::regclass::text, count(*) FROM tthc.apology_draft GROUP BY 2
	ORDER BY 1, 2 $$;
-- what maintenance did, without the outbox months of the real clock
CREATE FUNCTION pg_temp.maintain() RETURNS TABLE (relation text, partition text, action text, n bigint)
LANGUAGE sql AS $$
	SELECT * FROM tthc.partition_maintain() m
	WHERE m.relation <> 'outbox' OR m.partition < 'outbox_p2026_07' OR m.action <> 'create' $$;

-- The install: five partitioned tables, each with its default partition, a member of the extension
-- whose rows pg_dump dumps; no monthly partition.
SELECT p.partrelid::regclass AS parent, pg_get_partkeydef(p.partrelid) AS key,
	(SELECT string_agg(i.inhrelid::regclass::text, ', ') FROM pg_inherits i WHERE i.inhparent = p.partrelid) AS partitions,
	(SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.conrelid = p.partrelid AND c.contype = 'p') AS primary_key
FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
WHERE c.relnamespace = 'tthc'::regnamespace ORDER BY 1;
SELECT c::regclass AS dumped FROM pg_extension e, unnest(e.extconfig) c
WHERE e.extname = 'tthc' AND c::regclass::text ~ '(default|policy)$' ORDER BY 1;

-- A dossier received and accepted in January: its history, outbox rows and Form 01 letter wait in
-- the default partitions.
INSERT INTO tthc.agency (code, name, short_name) VALUES ('000.00.12.H30', 'Sở Tư pháp tỉnh Hải Dương', 'STP');
INSERT INTO tthc.sector (code, name) VALUES ('H30-TP01', 'Lý lịch tư pháp');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('1.001234', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', 'H30-TP01', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.001234', 1, '2020-01-01', '10 ngày làm việc', 'restart');
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES ('000.00.12.H30', '1.001234');
SET tthc.now = '2026-01-20 09:00+07';
SELECT id, code FROM tthc.receive('000.00.12.H30', '1.001234', 'Nguyễn Văn A', accept => true);
SELECT id FROM tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B');
-- sent and unsent outbox rows of mid-2025 (the sender's rows, dated here)
INSERT INTO tthc.outbox (dossier, agency, event, status, payload, created_at, sent_at) VALUES
	(0, '000.00.12.H30', 'digest', 0, '{}', '2025-06-10 08:00+07', '2025-06-10 08:01+07'),
	(0, '000.00.12.H30', 'digest', 0, '{}', '2025-06-30 23:59+07', '2025-07-01 00:01+07'),
	(0, '000.00.12.H30', 'digest', 0, '{}', '2025-07-01 00:00+07', NULL);
SELECT * FROM pg_temp.placement();
SELECT max(id) AS outbox_last_id FROM tthc.outbox;

-- Maintenance in March: the months March to June, and January (and mid-2025's outbox) for the
-- rows waiting in the default partitions, moved there.
SET tthc.now = '2026-03-02 09:00+07';
SELECT * FROM pg_temp.maintain() ORDER BY 1, 2;
SELECT * FROM pg_temp.placement();
-- the bounds are Viet Nam's months; the partitions are the owner's, with no grant of their own
SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound, pg_get_userbyid(c.relowner) AS owner, c.relacl
FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid
WHERE i.inhparent = 'tthc.dossier_event'::regclass ORDER BY 1;
-- the moved rows still belong to their dossiers: triggers did not run again (one Form 01 letter,
-- one history row per event), and a new outbox row takes the next id
SELECT count(*) AS letters, count(DISTINCT (dossier, form)) AS distinct_letters FROM tthc.letter;
SELECT id, code FROM tthc.receive('000.00.12.H30', '1.001234', 'Lê Văn C');
SELECT max(id) AS outbox_last_id FROM tthc.outbox;

-- A second run finds nothing to do.
SELECT count(*) AS second_run FROM tthc.partition_maintain();

-- Events in March land in March; the chain verifies across the partitions.
SELECT status FROM tthc.request_supplement(1, note => 'Thiếu bản sao căn cước');
SELECT seq, event, tableoid::regclass AS partition FROM tthc.dossier_event WHERE dossier = 1 ORDER BY seq;
SELECT valid, events FROM tthc.verify_history(1);
-- the dossiers overdue on 20 March: their notices and apology drafts land in the month of their
-- legal due, February's in the default partition (no month yet)
SET tthc.now = '2026-03-20 09:00+07';
SELECT * FROM tthc.sweep();
SELECT kind, due_at, tableoid::regclass AS partition FROM tthc.notice ORDER BY id;
SELECT legal_due_at, tableoid::regclass AS partition FROM tthc.apology_draft ORDER BY 1;
SELECT * FROM pg_temp.placement();

-- A query bounded by the partition key reads one month.
EXPLAIN (COSTS OFF) SELECT count(*) FROM tthc.dossier_event
WHERE at >= '2026-03-01 00:00+07' AND at < '2026-04-01 00:00+07';
EXPLAIN (COSTS OFF) SELECT count(*) FROM tthc.letter
WHERE issued_at >= '2026-01-01 00:00+07' AND issued_at < '2026-02-01 00:00+07';

-- Retention.  No policy: a year later nothing is dropped, and the new months are created.
SET tthc.now = '2027-03-02 09:00+07';
SELECT * FROM pg_temp.maintain() WHERE action <> 'create' ORDER BY 1, 2;
-- the outbox after three months, the history after a year: the history's January goes, its March
-- stays; the outbox's June 2025 goes, its July 2025 holds an unsent row and stays
INSERT INTO tthc.partition_policy (relation, retention) VALUES ('outbox', '3 months'), ('dossier_event', '1 year');
SELECT * FROM pg_temp.maintain() WHERE action <> 'create' ORDER BY 1, 2;
SELECT * FROM pg_temp.placement();
-- sent, the July row's month goes at the next run
UPDATE tthc.outbox SET sent_at = '2027-03-02 09:00+07' WHERE created_at = '2025-07-01 00:00+07';
SELECT * FROM pg_temp.maintain() WHERE action <> 'create' ORDER BY 1, 2;
-- ahead: 0 creates the current month only
DELETE FROM tthc.partition_policy;
INSERT INTO tthc.partition_policy (relation, ahead) VALUES ('notice', 0);
SET tthc.now = '2027-09-15 09:00+07';
SELECT * FROM pg_temp.maintain() WHERE relation = 'notice' ORDER BY 1, 2;
DELETE FROM tthc.partition_policy;

-- Rights: an officer reads the history through the parent (row security), never a partition; an
-- administrator runs the maintenance and sets the policy, an officer does neither.
CREATE ROLE regress_part_officer IN ROLE tthc_officer;
CREATE ROLE regress_part_admin IN ROLE tthc_admin;
INSERT INTO tthc.officer_agency (member, agency) VALUES ('regress_part_officer', '000.00.12.H30');
SET ROLE regress_part_officer;
SELECT count(*) AS history_through_parent FROM tthc.dossier_event;
SELECT pg_temp.err('SELECT count(*) FROM tthc.dossier_event_p2026_03') AS partition;
SELECT pg_temp.err('SELECT count(*) FROM tthc.dossier_event_default') AS default_partition;
SELECT pg_temp.err('SELECT * FROM tthc.partition_maintain()') AS maintain;
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation) VALUES ('notice')$$) AS policy;
RESET ROLE;
SET ROLE regress_part_admin;
SELECT count(*) AS admin_maintain FROM tthc.partition_maintain();
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation, retention) VALUES ('notice', '2 years')$$) AS policy;
-- the maintenance's DDL is its own
SELECT pg_temp.err('ALTER TABLE tthc.notice DETACH PARTITION tthc.notice_default') AS detach;
SELECT pg_temp.err($$SELECT tthc._partition_ddl('notice', '2030-01-01', 'create')$$) AS partition_ddl;
RESET ROLE;
DELETE FROM tthc.partition_policy;

-- Bad settings.
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation) VALUES ('dossier')$$);
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation) VALUES (NULL)$$);
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation, ahead) VALUES ('notice', -1)$$);
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation, ahead) VALUES ('notice', 37)$$);
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation, ahead) VALUES ('notice', NULL)$$);
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation, retention) VALUES ('notice', '0')$$);
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation, retention) VALUES ('notice', '-1 month')$$);
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation, retention) VALUES ('notice', '201 years')$$);
SELECT pg_temp.err($$INSERT INTO tthc.partition_policy (relation) VALUES ('notice'), ('notice')$$);
-- the maintenance's DDL takes only what the maintenance gives it
SELECT pg_temp.err($$SELECT tthc._partition_ddl('dossier', '2030-01-01', 'create')$$);
SELECT pg_temp.err($$SELECT tthc._partition_ddl('notice', '2030-01-02', 'create')$$);
SELECT pg_temp.err($$SELECT tthc._partition_ddl('notice', '9999-01-01', 'create')$$);
SELECT pg_temp.err($$SELECT tthc._partition_ddl('notice', '1899-12-01', 'create')$$);
SELECT pg_temp.err($$SELECT tthc._partition_ddl('notice', NULL, 'create')$$);
SELECT pg_temp.err($$SELECT tthc._partition_ddl('notice', '2030-01-01', 'drop')$$);
SELECT pg_temp.err($$SELECT tthc._partition_ddl('notice', '2030-01-01', NULL)$$);
-- a row beyond 9998 stays in the default partition, and the maintenance goes on
INSERT INTO tthc.outbox (dossier, agency, event, status, payload, created_at) VALUES
	(0, '000.00.12.H30', 'digest', 0, '{}', '10000-01-01 00:00+07');
SELECT count(*) AS third_run FROM tthc.partition_maintain();
SELECT tableoid::regclass AS partition, created_at FROM tthc.outbox WHERE created_at > '9999-01-01';
RESET tthc.now;

DROP EXTENSION tthc CASCADE;
DROP ROLE regress_part_officer, regress_part_admin;
