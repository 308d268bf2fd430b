-- Apology drafts: the sweep prepares Form 04, unnumbered and unsigned, with a dossier's first
-- due-soon (or overdue) notice for a legal due (Decree 61/2018 Art. 19(9)).  Dates on the national
-- calendar: Monday to Friday, 07:30-11:30 and 13:30-17:00 (7.5 working hours a day); the due-soon
-- lead is 15 working hours by default.  A database of its own: a sweep looks at every dossier.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_apology_draft;
CREATE DATABASE tthc_apology_draft;
\c tthc_apology_draft
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;

INSERT INTO tthc.agency (code, name) VALUES ('000.00.00.H31', 'Ủy ban nhân dân tỉnh Hưng Yên');
INSERT INTO tthc.agency (code, name, short_name, parent) VALUES
	('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên', 'STP', '000.00.00.H31');
INSERT INTO tthc.letter_profile (agency, place, signer_authority, signer_title, phone) VALUES
	('000.00.12.H31', 'Hưng Yên', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', '0221 3863 000');
INSERT INTO tthc.procedure (code, name, level) VALUES
	('1.000003', 'Thủ tục ba ngày', 'province'),
	('1.000005', 'Thủ tục năm ngày', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES
	('1.000003', 1, '2020-01-01', '3 ngày làm việc', 'restart'),
	('1.000005', 1, '2020-01-01', '5 ngày làm việc', 'restart');
INSERT INTO tthc.agency_procedure (agency, procedure)
SELECT '000.00.12.H31', code FROM tthc.procedure;

CREATE TEMP TABLE name (dossier bigint PRIMARY KEY, name text UNIQUE);
CREATE FUNCTION pg_temp.desk(name text, proc text, at timestamptz) RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO name SELECT (tthc.receive('000.00.12.H31', proc, 'Nguyễn Văn An', received_at => at)).id, name
	RETURNING dossier $$;
CREATE FUNCTION pg_temp.id(n text) RETURNS bigint LANGUAGE sql AS $$ SELECT dossier FROM name WHERE name = n $$;
-- every draft with its notices and their outbox rows that name it
CREATE FUNCTION pg_temp.drafts() RETURNS TABLE (name text, legal_due_at timestamptz, created_at timestamptz,
	outbox text) LANGUAGE sql AS $$
	SELECT m.name, a.legal_due_at, a.created_at,
		(SELECT string_agg(o.event, ', ' ORDER BY o.id) FROM tthc.outbox o
		 WHERE (o.payload->>'apology_draft')::bigint = a.id)
	FROM tthc.apology_draft a JOIN name m ON m.dossier = a.dossier ORDER BY a.id $$;

-- "soon" and "ext" are received Monday 2026-03-02 09:00 with 3 working days: legal due Thursday
-- 03-05 17:00, last lawful moment Wednesday 03-04 17:00, due soon from Monday 03-02 17:00 (03-03
-- and 03-04 are the 15 working hours).  "ext" is re-scheduled at 16:00, before it is due soon: it
-- has its Form 04 already and gets no draft.  "late" was received Tuesday 02-24 with 3 working
-- days, due Friday 02-27 17:00, and no sweep ran before it was overdue: its overdue notice brings
-- its draft.  "restart" has 5 working days: due Monday 03-09 17:00, due soon from Wednesday
-- 03-04 17:00.
SET tthc.now = '2026-03-02 09:00+07';
SELECT pg_temp.desk('soon', '1.000003', '2026-03-02 09:00') IS NOT NULL AS received;
SELECT pg_temp.desk('ext', '1.000003', '2026-03-02 09:00') IS NOT NULL AS received;
SELECT pg_temp.desk('late', '1.000003', '2026-02-24 09:00') IS NOT NULL AS received;
SELECT pg_temp.desk('restart', '1.000005', '2026-03-02 09:00') IS NOT NULL AS received;
SET tthc.now = '2026-03-02 16:00+07';
SELECT status FROM tthc.start_processing(pg_temp.id('ext'));
SELECT extended, due_at FROM tthc.extend(pg_temp.id('ext'), '2026-03-10 17:00', 'Cần xác minh thêm');
SET tthc.now = '2026-03-02 16:30+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.drafts();
SET tthc.now = '2026-03-02 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.drafts();
-- the notices that brought them name the draft in their payload, and only those
SELECT m.name, o.event, o.payload ? 'apology_draft' AS names_draft
FROM tthc.outbox o JOIN name m ON m.dossier = o.dossier
WHERE o.event IN ('due_soon', 'overdue') ORDER BY o.id;

-- the draft of "soon" as the officer gets it: no number, the reason and the new appointment blank
SELECT text FROM tthc.apology_draft WHERE dossier = pg_temp.id('soon');
SELECT html FROM tthc.apology_draft WHERE dossier = pg_temp.id('soon');
-- exactly once: the same sweep again, later ones, and "soon" overdue after 03-05 17:00
SELECT * FROM tthc.sweep();
SET tthc.now = '2026-03-04 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.drafts();
SET tthc.now = '2026-03-06 09:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.drafts();

-- A restart: a supplement asked on Thursday 03-05 (inside the 3-working-day window) restarts the
-- limit when the dossier is back on Tuesday 03-10 09:00: due Tuesday 03-17 17:00 (03-11, 12, 13,
-- 16, 17), due soon again from Thursday 03-12 17:00, with a new draft.
SET tthc.now = '2026-03-05 09:00+07';
SELECT status, clock FROM tthc.request_supplement(pg_temp.id('restart'));
SET tthc.now = '2026-03-10 09:00+07';
SELECT legal_due_at FROM tthc.supplement_received(pg_temp.id('restart'));
SET tthc.now = '2026-03-12 17:00+07';
SELECT * FROM tthc.sweep();
SELECT * FROM pg_temp.drafts();
SELECT count(*) AS drafts, count(DISTINCT dossier) AS dossiers FROM tthc.apology_draft;

-- the real Form 04 of "soon" is numbered and signed when it is extended; the draft stays as it was
SET tthc.now = '2026-03-12 17:05+07';
SELECT status FROM tthc.start_processing(pg_temp.id('soon'));
SELECT extended FROM tthc.extend(pg_temp.id('soon'), '2026-03-20 17:00', 'Chờ kết quả xác minh');
SELECT l.number, l.text LIKE '%DỰ THẢO%' AS draft, d.text LIKE 'DỰ THẢO%' AS draft_kept
FROM tthc.letter l JOIN tthc.apology_draft d ON d.dossier = l.dossier
WHERE l.dossier = pg_temp.id('soon') AND l.form = '04';
-- the draft is that letter's rendering but for the draft line, the number, the date, the reason,
-- the new appointment and the verification line: the lines of each that the other lacks
WITH l AS (SELECT n, x FROM tthc.letter, regexp_split_to_table(text, E'\n') WITH ORDINALITY t(x, n)
		   WHERE dossier = pg_temp.id('soon') AND form = '04'),
d AS (SELECT n, x FROM tthc.apology_draft, regexp_split_to_table(text, E'\n') WITH ORDINALITY t(x, n)
	  WHERE dossier = pg_temp.id('soon'))
SELECT 'draft' AS only_in, x FROM (SELECT x FROM d EXCEPT ALL SELECT x FROM l) o
UNION ALL
SELECT 'letter', x FROM (SELECT x FROM l EXCEPT ALL SELECT x FROM d) o
ORDER BY 1, 2;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE tthc_apology_draft;
