-- Section: who sees what.  Roles, an officer's agencies, what an analyst may read, and the
-- citizens' look-up, on the quarter's data (doc/security.md, doc/lookup.md).

\echo
\echo '== 21. Who sees what: officers, analysts and citizens =='
\echo
\echo 'The extension created the roles tthc_admin, tthc_officer, tthc_analyst and tthc_notifier; its'
\echo 'functions run as tthc_owner, a role without login that owns the data.  An officer of one ward'
\echo 'sees and moves only the dossiers of the agencies tthc.officer_agency maps it to:'
CREATE ROLE demo_ward_officer IN ROLE tthc_officer;
CREATE ROLE demo_analyst IN ROLE tthc_analyst;
SELECT code AS ward_agency, short_name FROM tthc.agency
WHERE code IN (SELECT agency FROM tthc.dossier) ORDER BY name COLLATE "vi-x-icu" DESC LIMIT 1 \gset
INSERT INTO tthc.officer_agency (member, agency) VALUES ('demo_ward_officer', :'ward_agency');
SELECT count(*) AS "all dossiers (superuser)" FROM tthc.dossier;
SET ROLE demo_ward_officer;
SELECT count(*) AS "dossiers the ward officer sees", count(DISTINCT agency) AS agencies FROM tthc.dossier;
RESET ROLE;

\echo
\echo 'An analyst runs the report (it runs as tthc_owner and carries no personal data) and reads the'
\echo 'dossiers without the applicant''s name, identity number and contacts:'
SET ROLE demo_analyst;
SELECT group_name AS agency, received, on_time_rate FROM tthc.report('2026-01-01', '2026-03-31', 'agency')
ORDER BY group_name COLLATE "vi-x-icu" LIMIT 3;
SELECT id, code, status, finish_outcome FROM tthc.dossier ORDER BY id LIMIT 2;
SELECT c AS "column of tthc.dossier", has_column_privilege('tthc.dossier', c, 'SELECT') AS "analyst may read"
FROM unnest(ARRAY['code', 'status', 'applicant_name', 'applicant_id', 'applicant_phone']) AS c;
RESET ROLE;

\echo
\echo 'A citizens'' portal looks a dossier up by its code and the last four characters of the'
\echo 'applicant''s identity number: the status, the appointment, the progress, nothing personal.  A'
\echo 'wrong factor gets the same empty answer as an unknown code:'
SELECT code AS lookup_code, right(applicant_id, 4) AS lookup_factor FROM tthc.dossier
WHERE clock = 'running' AND applicant_id IS NOT NULL ORDER BY id LIMIT 1 \gset
SELECT dossier_code, status_name, due_at, late, steps_done, steps_total, current_step
FROM tthc.lookup(:'lookup_code', :'lookup_factor');
SELECT count(*) AS "rows for a wrong factor" FROM tthc.lookup(:'lookup_code', '0000');
