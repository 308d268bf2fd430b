-- The upgrade from the released 0.1.0: data loaded through the 0.1.0 functions survives
-- ALTER EXTENSION tthc UPDATE and its history still verifies; the upgraded database then holds
-- exactly the objects of a fresh install.  Runs in two databases of its own, dropped at the end.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_upgrade_from_010;
DROP DATABASE IF EXISTS tthc_upgrade_fresh;
RESET client_min_messages;
CREATE DATABASE tthc_upgrade_from_010;
CREATE DATABASE tthc_upgrade_fresh;

-- What describes the extension's objects, without OIDs: one row per object and aspect.  The
-- objects are the extension's members and what hangs off them (columns, constraints, indexes,
-- triggers, policies, rules, owned sequences, operator family entries), the schema and the
-- extension itself.  Run below in each database.
SELECT $describe$
WITH ext AS (
	SELECT oid AS extoid, extname, extversion, extrelocatable, extnamespace, extconfig, extcondition
	FROM pg_extension WHERE extname = 'tthc'),
member AS (
	SELECT d.classid, d.objid FROM pg_depend d JOIN ext ON d.refobjid = ext.extoid
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'),
rel AS (
	SELECT objid AS oid FROM member WHERE classid = 'pg_class'::regclass
	UNION
	SELECT d.objid FROM pg_depend d JOIN member m ON m.classid = d.refclassid AND m.objid = d.refobjid
	WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
	  AND d.deptype IN ('a', 'i') AND d.objsubid = 0
	  AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'),
family AS (
	SELECT objid AS oid FROM member WHERE classid = 'pg_opfamily'::regclass
	UNION
	SELECT c.opcfamily FROM pg_opclass c JOIN member m ON m.classid = 'pg_opclass'::regclass AND m.objid = c.oid),
obj AS (
	SELECT classid::oid, objid, 0 AS objsubid FROM member
	UNION SELECT 'pg_class'::regclass::oid, oid, 0 FROM rel
	UNION SELECT 'pg_class'::regclass::oid, a.attrelid, a.attnum FROM pg_attribute a JOIN rel ON rel.oid = a.attrelid
		WHERE a.attnum > 0 AND NOT a.attisdropped
	UNION SELECT 'pg_constraint'::regclass::oid, c.oid, 0 FROM pg_constraint c
		WHERE c.conrelid IN (SELECT oid FROM rel)
		   OR c.contypid IN (SELECT objid FROM member WHERE classid = 'pg_type'::regclass)
	UNION SELECT 'pg_class'::regclass::oid, i.indexrelid, 0 FROM pg_index i JOIN rel ON rel.oid = i.indrelid
	UNION SELECT 'pg_trigger'::regclass::oid, t.oid, 0 FROM pg_trigger t JOIN rel ON rel.oid = t.tgrelid
		WHERE NOT t.tgisinternal
	UNION SELECT 'pg_policy'::regclass::oid, p.oid, 0 FROM pg_policy p JOIN rel ON rel.oid = p.polrelid
	UNION SELECT 'pg_rewrite'::regclass::oid, r.oid, 0 FROM pg_rewrite r JOIN rel ON rel.oid = r.ev_class
	UNION SELECT 'pg_amop'::regclass::oid, o.oid, 0 FROM pg_amop o JOIN family f ON f.oid = o.amopfamily
	UNION SELECT 'pg_amproc'::regclass::oid, p.oid, 0 FROM pg_amproc p JOIN family f ON f.oid = p.amprocfamily
	UNION SELECT 'pg_opfamily'::regclass::oid, oid, 0 FROM family
	UNION SELECT 'pg_namespace'::regclass::oid, extnamespace, 0 FROM ext
	UNION SELECT 'pg_extension'::regclass::oid, extoid, 0 FROM ext),
described AS (
	SELECT o.*, pg_describe_object(o.classid, o.objid, o.objsubid) AS object FROM obj o),
aspects AS (
-- every object, its comment and the initial privileges pg_dump starts from
SELECT o.object, a.aspect, a.value
FROM described o CROSS JOIN LATERAL (
	SELECT 'exists', NULL
	UNION ALL
	SELECT 'comment', d.description FROM pg_description d
	WHERE d.classoid = o.classid AND d.objoid = o.objid AND d.objsubid = o.objsubid
	UNION ALL
	SELECT 'initial privileges', concat_ws(' ', i.privtype, i.initprivs) FROM pg_init_privs i
	WHERE i.classoid = o.classid AND i.objoid = o.objid AND i.objsubid = o.objsubid) AS a(aspect, value)
UNION ALL
-- functions and procedures
SELECT o.object, a.aspect, a.value
FROM described o JOIN pg_proc p ON o.classid = 'pg_proc'::regclass AND p.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('signature', p.oid::regprocedure::text),
	('definition', CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END),
	('aggregate', (SELECT concat_ws(' ', g.aggtransfn, g.aggfinalfn, g.aggcombinefn,
		format_type(g.aggtranstype, NULL), g.agginitval) FROM pg_aggregate g WHERE g.aggfnoid = p.oid)),
	('acl', p.proacl::text),
	('owner', pg_get_userbyid(p.proowner)::text),
	('security definer', p.prosecdef::text),
	('volatility', p.provolatile::text),
	('strict', p.proisstrict::text),
	('parallel', p.proparallel::text),
	('leakproof', p.proleakproof::text),
	('cost and rows', concat_ws(' ', p.procost, p.prorows)),
	('configuration', p.proconfig::text)) AS a(aspect, value)
UNION ALL
-- tables, views, sequences, indexes, composite types
SELECT o.object, a.aspect, a.value
FROM described o JOIN pg_class c ON o.classid = 'pg_class'::regclass AND c.oid = o.objid AND o.objsubid = 0
CROSS JOIN LATERAL (VALUES
	('kind', concat_ws(' ', c.relkind, c.relpersistence)),
	('options', c.reloptions::text),
	('acl', c.relacl::text),
	('owner', pg_get_userbyid(c.relowner)::text),
	('row security', concat_ws(' ', c.relrowsecurity, c.relforcerowsecurity)),
	('replica identity', c.relreplident::text),
	('view', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END),
	('index', CASE WHEN c.relkind IN ('i', 'I') THEN pg_get_indexdef(c.oid) END),
	('sequence', (SELECT concat_ws(' ', format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
		s.seqmin, s.seqmax, s.seqcache, s.seqcycle) FROM pg_sequence s WHERE s.seqrelid = c.oid)),
	('owned by', (SELECT concat_ws(' ', pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid), d.deptype)
		FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND c.relkind = 'S'
		  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))) AS a(aspect, value)
UNION ALL
-- columns: position among the live columns, type, not null, default, identity, generated
SELECT o.object, a.aspect, a.value
FROM described o
JOIN (SELECT att.*, row_number() OVER (PARTITION BY att.attrelid ORDER BY att.attnum) AS position
	  FROM pg_attribute att WHERE att.attnum > 0 AND NOT att.attisdropped) c
	ON o.classid = 'pg_class'::regclass AND c.attrelid = o.objid AND c.attnum = o.objsubid
CROSS JOIN LATERAL (VALUES
	('position', c.position::text),
	('type', format_type(c.atttypid, c.atttypmod)),
	('not null', c.attnotnull::text),
	('default', (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
		WHERE d.adrelid = c.attrelid AND d.adnum = c.attnum)),
	('identity', nullif(c.attidentity, '')::text),
	('generated', nullif(c.attgenerated, '')::text),
	('collation', (SELECT l.collname FROM pg_collation l, pg_type t
		WHERE l.oid = c.attcollation AND t.oid = c.atttypid AND t.typcollation <> c.attcollation)::text),
	('acl', c.attacl::text)) AS a(aspect, value)
UNION ALL
SELECT o.object, 'definition', pg_get_constraintdef(c.oid)
FROM described o JOIN pg_constraint c ON o.classid = 'pg_constraint'::regclass AND c.oid = o.objid
UNION ALL
SELECT o.object, a.aspect, a.value
FROM described o JOIN pg_trigger t ON o.classid = 'pg_trigger'::regclass AND t.oid = o.objid
CROSS JOIN LATERAL (VALUES ('definition', pg_get_triggerdef(t.oid)), ('enabled', t.tgenabled::text)) AS a(aspect, value)
UNION ALL
SELECT o.object, 'definition', concat_ws(' ', p.polcmd, p.polpermissive,
	(SELECT string_agg(n, ',' ORDER BY n) FROM unnest(p.polroles) r,
		LATERAL (SELECT CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END) AS x(n)),
	pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
FROM described o JOIN pg_policy p ON o.classid = 'pg_policy'::regclass AND p.oid = o.objid
UNION ALL
SELECT o.object, a.aspect, a.value
FROM described o JOIN pg_rewrite r ON o.classid = 'pg_rewrite'::regclass AND r.oid = o.objid
CROSS JOIN LATERAL (VALUES ('definition', pg_get_ruledef(r.oid)), ('enabled', r.ev_enabled::text)) AS a(aspect, value)
UNION ALL
-- types: kind, enum labels in order, what a base type or domain is made of
SELECT o.object, a.aspect, a.value
FROM described o JOIN pg_type t ON o.classid = 'pg_type'::regclass AND t.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('kind', t.typtype::text),
	('enum labels', (SELECT string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_enum e
		WHERE e.enumtypid = t.oid)),
	('representation', concat_ws(' ', t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory,
		t.typispreferred, t.typdelim, t.typcollation <> 0)),
	('functions', concat_ws(' ', t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin,
		t.typmodout, t.typanalyze, t.typsubscript)),
	('domain', CASE WHEN t.typtype = 'd' THEN concat_ws(' ', format_type(t.typbasetype, t.typtypmod),
		t.typnotnull, t.typdefault) END),
	('acl', t.typacl::text),
	('owner', pg_get_userbyid(t.typowner)::text)) AS a(aspect, value)
UNION ALL
SELECT o.object, 'definition', concat_ws(' ', format_type(p.oprleft, NULL), p.oprname,
	format_type(p.oprright, NULL), '->', format_type(p.oprresult, NULL), p.oprcode,
	'commutator', p.oprcom::regoperator, 'negator', p.oprnegate::regoperator,
	'restrict', p.oprrest, 'join', p.oprjoin, 'merges', p.oprcanmerge, 'hashes', p.oprcanhash)
FROM described o JOIN pg_operator p ON o.classid = 'pg_operator'::regclass AND p.oid = o.objid
UNION ALL
SELECT o.object, 'definition', concat_ws(' ', c.opcdefault, format_type(c.opcintype, NULL),
	format_type(c.opckeytype, NULL), pg_describe_object('pg_opfamily'::regclass, c.opcfamily, 0))
FROM described o JOIN pg_opclass c ON o.classid = 'pg_opclass'::regclass AND c.oid = o.objid
UNION ALL
SELECT o.object, 'definition', concat_ws(' ', p.amoppurpose, p.amopopr::regoperator,
	pg_describe_object('pg_opfamily'::regclass, nullif(p.amopsortfamily, 0), 0))
FROM described o JOIN pg_amop p ON o.classid = 'pg_amop'::regclass AND p.oid = o.objid
UNION ALL
SELECT o.object, 'definition', p.amproc::regprocedure::text
FROM described o JOIN pg_amproc p ON o.classid = 'pg_amproc'::regclass AND p.oid = o.objid
UNION ALL
SELECT o.object, 'definition', concat_ws(' ', c.castfunc::regprocedure, c.castcontext, c.castmethod)
FROM described o JOIN pg_cast c ON o.classid = 'pg_cast'::regclass AND c.oid = o.objid
UNION ALL
SELECT o.object, 'definition', concat_ws(' ', e.evtevent, e.evtfoid::regprocedure, e.evtenabled, e.evttags,
	'owner', pg_get_userbyid(e.evtowner))
FROM described o JOIN pg_event_trigger e ON o.classid = 'pg_event_trigger'::regclass AND e.oid = o.objid
UNION ALL
SELECT o.object, a.aspect, a.value
FROM described o JOIN pg_namespace n ON o.classid = 'pg_namespace'::regclass AND n.oid = o.objid
CROSS JOIN LATERAL (VALUES ('acl', n.nspacl::text), ('owner', pg_get_userbyid(n.nspowner)::text)) AS a(aspect, value)
UNION ALL
-- the extension: version, and the tables and sequences pg_dump dumps with their conditions
SELECT 'extension tthc', a.aspect, a.value
FROM ext CROSS JOIN LATERAL (
	SELECT 'version', extversion || CASE WHEN extrelocatable THEN ' relocatable' ELSE '' END
	UNION ALL
	SELECT 'config dump', concat_ws(' ', c.tab::regclass, coalesce(c.cond, 'NULL'))
	FROM unnest(extconfig, extcondition) AS c(tab, cond)) AS a(aspect, value))
SELECT object, aspect, value FROM aspects WHERE value IS NOT NULL OR aspect = 'exists'
$describe$ AS describe \gset

-- (a) 0.1.0 with data loaded through its own functions, then the upgrade.
\c tthc_upgrade_from_010
SET client_min_messages = warning;
CREATE EXTENSION tthc VERSION '0.1.0';
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
SELECT extversion FROM pg_extension WHERE extname = 'tthc';

-- A province and its justice department with a calendar of their own, a sector, a procedure with
-- two versions (the first with three steps).
INSERT INTO tthc.calendar (name, parent, description) VALUES ('hai-duong', 'national', 'Hải Dương');
INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi, name_en)
VALUES ('hai-duong', '2026-04-20', 'local_off', 'Ngày nghỉ địa phương', 'Local day off');
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.00.H30', 'Ủy ban nhân dân tỉnh Hải Dương', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent, calendar) VALUES
	('000.00.12.H30', 'Sở Tư pháp tỉnh Hải Dương', 'STP', '000.00.00.H30', 'hai-duong');
INSERT INTO tthc.sector (code, name) VALUES ('H30-TP01', 'Lý lịch tư pháp');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('1.001234', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', 'H30-TP01', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term, supplement_policy,
	fee, required_documents, legal_basis) VALUES
	('1.001234', 1, '2020-01-01', '2026-06-30', '10 ngày làm việc', 'restart', 200000,
	 '{"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Bản chụp Căn cước công dân"}', 'Luật Lý lịch tư pháp 2009'),
	('1.001234', 2, '2026-07-01', NULL, '8 ngày làm việc', 'pause', 200000, '{}', NULL);
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES
	('1.001234', 1, 1, 'Tiếp nhận, chuyển hồ sơ', 'Bộ phận Một cửa', '1 ngày làm việc'),
	('1.001234', 1, 2, 'Tra cứu, xác minh', 'Phòng Lý lịch tư pháp', '7 ngày làm việc'),
	('1.001234', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '2 ngày làm việc');

-- Three dossiers: one at the desk taken to its returned result through a supplement request and a
-- fee, one online accepted and in processing, one online still waiting for acceptance.
SELECT id, code, status, clock, due_at
FROM tthc.receive('000.00.12.H30', '1.001234', 'Nguyễn Văn A', '001099012345', 'desk', '2026-03-02 09:00');
SELECT id, code, status, clock, due_at
FROM tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B', NULL, 'online', '2026-03-03 20:15');
SELECT id, code, status, clock, due_at
FROM tthc.receive('000.00.12.H30', '1.001234', 'Lê Văn C', NULL, 'online', '2026-03-05 07:40');
SELECT status, clock, due_at FROM tthc.start_processing(1, happened_at => '2026-03-02 10:00', actor => 'Cán bộ Một cửa');
SELECT status, clock, due_at FROM tthc.request_supplement(1, happened_at => '2026-03-04 14:00', note => 'Thiếu bản chụp CCCD');
SELECT status, clock, due_at FROM tthc.supplement_received(1, happened_at => '2026-03-09 08:30');
SELECT status, clock, due_at FROM tthc.request_payment(1, happened_at => '2026-03-10 09:00');
SELECT status, clock, due_at FROM tthc.payment_received(1, happened_at => '2026-03-11 15:00');
SELECT step, finished_at FROM tthc.complete_step(1, 1, '2026-03-11 16:00');
SELECT status, finish_outcome FROM tthc.finish(1, happened_at => '2026-03-20 10:00');
SELECT status, return_outcome FROM tthc.return_result(1, happened_at => '2026-03-23 09:00');
SELECT code, status, clock, due_at FROM tthc.accept(2, happened_at => '2026-03-04 08:00');
SELECT status, clock, due_at FROM tthc.start_processing(2, happened_at => '2026-03-04 09:00');
-- A fourth, extended after its due date (2026-03-16 17:00) and finished before the new appointment:
-- 0.1.0 scores it on time against the appointment.
SELECT id, due_at FROM tthc.receive('000.00.12.H30', '1.001234', 'Phạm Văn D', NULL, 'desk', '2026-03-02 09:00');
SELECT status FROM tthc.start_processing(4, happened_at => '2026-03-02 10:00');
SELECT due_at, extended FROM tthc.extend(4, '2026-03-20 10:00', 'Chờ xác minh', happened_at => '2026-03-17 09:00');
SELECT status, finish_outcome FROM tthc.finish(4, happened_at => '2026-03-19 09:00');

-- Every row of every table of the extension as 0.1.0 left it.
CREATE FUNCTION pg_temp.extension_rows() RETURNS TABLE (tab text, r jsonb)
LANGUAGE plpgsql AS $$
DECLARE
	t regclass;
BEGIN
	FOR t IN SELECT d.objid::regclass FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
			 JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
			 WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relkind IN ('r', 'p') LOOP
		RETURN QUERY EXECUTE format('SELECT %L, to_jsonb(x) FROM %s x', t::text, t);
	END LOOP;
END
$$;
CREATE TEMP TABLE rows_010 AS SELECT * FROM pg_temp.extension_rows();
SELECT tab, count(*) FROM rows_010
WHERE tab IN ('tthc.dossier', 'tthc.dossier_event', 'tthc.dossier_step', 'tthc.outbox', 'tthc.procedure_step')
GROUP BY tab ORDER BY tab;

SELECT max(id) AS outbox_last_010, count(*) AS outbox_rows_010 FROM tthc.outbox \gset
SELECT source, target, path FROM pg_extension_update_paths('tthc') WHERE source = '0.1.0' ORDER BY target;
ALTER EXTENSION tthc UPDATE TO '0.2.0';
SELECT extversion, tthc.version() = extversion AS library_matches FROM pg_extension WHERE extname = 'tthc';

-- Every 0.1.0 row is still there with the same values (new columns may be added beside them),
-- but for the two days of the shipped 2019 notice that 0.2.0 corrects (2019-02-03 was not a day of
-- the Tết break, and 2019-02-08 was one, not a compensatory day) and the extended dossier, scored
-- again against its legal due.
SELECT o.tab, coalesce(o.r->>'id', o.r->>'day') AS missing_or_changed,
	(SELECT jsonb_object_agg(e.k, n.r->e.k) FROM jsonb_each(o.r) e(k, v) WHERE n.r->e.k IS DISTINCT FROM e.v) AS now
FROM rows_010 o LEFT JOIN LATERAL (SELECT x.r FROM pg_temp.extension_rows() x WHERE x.tab = o.tab
	AND coalesce(x.r->'id', x.r->'day') = coalesce(o.r->'id', o.r->'day')) n ON true
WHERE NOT EXISTS (SELECT FROM pg_temp.extension_rows() n WHERE n.tab = o.tab AND n.r @> o.r)
ORDER BY 1, 2;
-- the extended dossier: its legal due recovered from the extension's history, the apology late,
-- the result late though the new appointment was kept
SELECT id, legal_due_at, due_at, extended_at, apology_late, finish_outcome, appointment_kept
FROM tthc.dossier WHERE extended;
-- read through the 0.2.0 objects
SELECT d.id, d.code, s.name_en AS status, d.clock, d.due_at, d.finish_outcome, d.return_outcome
FROM tthc.dossier d JOIN tthc.status s ON s.code = d.status ORDER BY d.id;
SELECT dossier, seq, event, from_status, to_status, due_at_after FROM tthc.dossier_event ORDER BY dossier, seq;
SELECT a.code, a.level, tthc.agency_calendar(a.code) AS calendar, tthc.agency_successor(a.code) AS successor
FROM tthc.agency a ORDER BY a.code;
SELECT tthc.is_working_day('2026-04-20', 'hai-duong') AS local_day_off_works,
	tthc.add_working_days('2026-04-17', 1, 'hai-duong') AS next_after_friday;
SELECT version, term, counting, supplement_policy FROM tthc.procedure_version_at('1.001234', '2026-03-02');
-- the history written by 0.1.0 verifies under 0.2.0
SELECT d.id, h.valid, h.events, h.first_broken_seq FROM tthc.dossier d,
	LATERAL tthc.verify_history(d.id) h ORDER BY d.id;
-- and goes on: the upgraded database moves the old dossiers
SELECT code, status, clock FROM tthc.accept(3, happened_at => '2026-03-05 08:00');
SELECT status, finish_outcome FROM tthc.finish(2, happened_at => '2026-03-16 16:00');
SELECT d.id, h.valid, h.events FROM tthc.dossier d, LATERAL tthc.verify_history(d.id) h ORDER BY d.id;
-- the history and the outbox are partitioned now: their 0.1.0 rows and the new ones wait in the
-- default partitions, and the outbox's new rows take the ids after 0.1.0's
SELECT pg_get_partkeydef('tthc.dossier_event'::regclass) AS history_key,
	pg_get_partkeydef('tthc.outbox'::regclass) AS outbox_key;
SELECT tableoid::regclass AS partition, count(*) FROM tthc.dossier_event GROUP BY 1
UNION ALL SELECT tableoid::regclass, count(*) FROM tthc.outbox GROUP BY 1 ORDER BY 1;
SELECT count(*) FILTER (WHERE id <= :outbox_last_010) = :outbox_rows_010 AS outbox_010_rows_kept,
	min(id) FILTER (WHERE id > :outbox_last_010) = :outbox_last_010 + 1 AS next_id_follows,
	count(*) = count(DISTINCT id) AS ids_unique
FROM tthc.outbox;

-- described under the same settings as the fresh install below
SET datestyle = 'ISO, YMD';
SET intervalstyle = postgres;
SET timezone = 'UTC';
SET search_path = pg_catalog, pg_temp;
SELECT jsonb_agg(jsonb_build_array(object, aspect, value)) AS upgraded FROM (:describe) AS described \gset

-- (b) 0.2.0 installed fresh.
\c tthc_upgrade_fresh
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SELECT extversion FROM pg_extension WHERE extname = 'tthc';
SET datestyle = 'ISO, YMD';
SET intervalstyle = postgres;
SET timezone = 'UTC';
SET search_path = pg_catalog, pg_temp;

-- (c) The two compared.  A row names an object and the aspect in which the upgraded database and
-- the fresh install differ.
CREATE TEMP TABLE upgraded AS
SELECT e ->> 0 AS object, e ->> 1 AS aspect, e ->> 2 AS value FROM jsonb_array_elements(:'upgraded'::jsonb) e;
CREATE TEMP TABLE fresh AS SELECT * FROM (:describe) AS described;
-- the description reaches every kind of object the extension has
SELECT k AS kind_not_described FROM unnest(ARRAY['function tthc.%', 'table tthc.%', 'column % of table tthc.%',
	'constraint % on table tthc.%', 'index tthc.%', 'trigger % on table tthc.%', 'view tthc.%', 'type tthc.%',
	'sequence tthc.%', 'operator tthc.%', 'operator class tthc.%', 'operator family tthc.%',
	'function % of operator family %', 'policy % on table tthc.%', 'event trigger %', 'schema tthc', 'extension tthc']) k
WHERE NOT EXISTS (SELECT FROM fresh WHERE object LIKE k) ORDER BY 1;
SELECT k AS aspect_not_described FROM unnest(ARRAY['definition', 'comment', 'acl', 'position', 'default',
	'identity', 'generated', 'enum labels', 'sequence', 'index', 'view', 'config dump', 'initial privileges',
	'volatility', 'strict', 'parallel', 'security definer', 'owner', 'row security']) k
WHERE NOT EXISTS (SELECT FROM fresh WHERE aspect = k AND value IS NOT NULL) ORDER BY 1;
SELECT (SELECT count(*) FROM upgraded) > 0 AS upgraded_described;
-- the differences: (0 rows)
SELECT side, object, aspect, value FROM (
	SELECT 'only after upgrade' AS side, * FROM (SELECT * FROM upgraded EXCEPT SELECT * FROM fresh) x
	UNION ALL
	SELECT 'only in fresh install', * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM upgraded) y) d
ORDER BY object COLLATE "C", aspect COLLATE "C", side, value COLLATE "C";

\c :regress_db
DROP DATABASE tthc_upgrade_from_010;
DROP DATABASE tthc_upgrade_fresh;
