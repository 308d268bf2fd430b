-- Section: the legal letters issued along the way, one printed in full, verified, and all written
-- as A5 HTML pages to the output folder.

\echo
\echo '== 14. Letters: the papers the law asks for, numbered, signed and verifiable =='
\echo
\echo 'Every event that the law answers with a paper issued it in its own transaction: Form 01 on'
\echo 'acceptance, 02 on a supplement request, 03 on a refusal, 04 with the re-scheduling (Decree'
\echo '61/2018 Art. 19(9) makes the apology part of it), 05 on a stop.  Numbers are gapless per agency,'
\echo 'form and year; each letter carries an Ed25519 signature over its content (the demo made a'
\echo 'throwaway key; tthc.signing_key_file names it).  The letters of the quarter:'
SELECT l.form, f.title, count(*) AS letters, min(l.number) || '–' || max(l.number) AS numbers,
	count(*) FILTER (WHERE tthc.verify_letter(l.id)) AS verified
FROM tthc.letter AS l, LATERAL tthc.letter_form(l.form) AS f
GROUP BY l.form, f.title ORDER BY l.form;

\echo 'The apology letter of dossier #1 (Form 04, issued with its re-scheduling on 9/3), as printed:'
SELECT id AS apology_id FROM tthc.letter WHERE dossier = 1 AND form = '04' \gset
\pset format unaligned
\pset tuples_only on
SELECT text FROM tthc.letter WHERE id = :apology_id;
\pset format aligned
\pset tuples_only off
\echo
\echo 'Anyone with the public key can check it; change one word of the stored text behind the'
\echo 'triggers'' back and it no longer verifies (rolled back afterwards):'
SELECT tthc.verify_letter(:apology_id) AS verified, encode(digest, 'hex') AS "SHA-256 of the content"
FROM tthc.letter WHERE id = :apology_id;
BEGIN;
SET session_replication_role = replica;
UPDATE tthc.letter SET text = replace(text, 'xin lỗi', 'rất tiếc') WHERE id = :apology_id;
RESET session_replication_role;
SELECT tthc.verify_letter(:apology_id) AS "verified after the change";
ROLLBACK;

\echo 'Apologies owed (tthc.apology_check): late ones, and dossiers late without one.'
SELECT * FROM tthc.apology_check ORDER BY 1;

\echo 'Every letter as an A5 HTML page, in the output folder:'
\pset format unaligned
\pset tuples_only on
\o :outdir/.letters.psql
SELECT format('SELECT html FROM tthc.letter WHERE id = %s \g %s/letter-%s-%s-%s.html',
	l.id, :'outdir', l.form, lpad(l.number::text, 3, '0'), l.id)
FROM tthc.letter AS l ORDER BY l.id;
\o
\i :outdir/.letters.psql
\! rm -f "$TTHC_DEMO_OUT/.letters.psql"
\pset format aligned
\pset tuples_only off
SELECT count(*) || ' letters written to ' || :'outdir' AS "output" FROM tthc.letter;
