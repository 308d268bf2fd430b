-- Section: one apology of the quarter printed in full, and the quarter's apologies as HTML pages.

\echo
\echo '== 19. An apology of the quarter (Form 04), and the apologies as HTML pages =='
\echo
\echo 'The first land-use certificate re-scheduled in time and ready by its new appointment: the sweep'
\echo 'found it due soon and prepared the draft; the Department apologised and gave a new appointment'
\echo 'before the last lawful moment (Decree 61/2018 Art. 19(9)).  It still counts as late against the'
\echo 'legal due.  The letter is numbered, signed and kept with the dossier:'
SELECT l.id AS apology_id, d.code AS apology_code
FROM tthc.letter l JOIN tthc.dossier d ON d.id = l.dossier
WHERE l.form = '04' AND NOT l.late AND d.procedure = '1.012766.H31' AND d.appointment_kept
ORDER BY l.issued_at, l.id LIMIT 1 \gset
SELECT d.code, to_char(n.swept_at, 'Dy DD/MM HH24:MI') AS "due soon (sweep)",
	to_char(l.issued_at, 'Dy DD/MM HH24:MI') AS apologised,
	to_char(tthc.apology_deadline(d.legal_due_at, d.calendar), 'Dy DD/MM HH24:MI') AS "last lawful moment",
	to_char(d.legal_due_at, 'Dy DD/MM HH24:MI') AS "legal due", to_char(d.due_at, 'Dy DD/MM HH24:MI') AS "new appointment",
	to_char(d.finished_at, 'Dy DD/MM HH24:MI') AS ready, d.appointment_kept AS kept, tthc.verify_letter(l.id) AS verified
FROM tthc.letter l JOIN tthc.dossier d ON d.id = l.dossier
LEFT JOIN tthc.notice n ON n.dossier = d.id AND n.kind = 'due_soon' AND n.due_at = d.legal_due_at
WHERE l.id = :apology_id;
\pset format unaligned
\pset tuples_only on
SELECT text FROM tthc.letter WHERE id = :apology_id;
SELECT html FROM tthc.letter WHERE id = :apology_id \g :outdir/apology.html

-- every apology of the quarter as an A5 HTML page
\! mkdir -p "$TTHC_DEMO_OUT/quarter"
\o :outdir/.apologies.psql
SELECT format('SELECT html FROM tthc.letter WHERE id = %s \g %s/quarter/letter-04-%s-%s.html',
	l.id, :'outdir', l.agency, lpad(l.number::text, 3, '0'))
FROM tthc.letter AS l WHERE l.form = '04' ORDER BY l.id;
\o
\i :outdir/.apologies.psql
\! rm -f "$TTHC_DEMO_OUT/.apologies.psql"
\pset format aligned
\pset tuples_only off
\echo
SELECT count(*) || ' apologies written to ' || :'outdir' || '/quarter' AS "output"
FROM tthc.letter WHERE form = '04';

\echo
\echo '== 20. The quarter''s report as a web page (tthc.report_html) =='
\echo
\echo 'One self-contained HTML page: Vietnamese headings, the table by agency, the on-time rate by'
\echo 'month and agency and the backlog at the end by age as inline SVG charts; no script, nothing'
\echo 'fetched from the network:'
\pset format unaligned
\pset tuples_only on
SELECT tthc.report_html('2026-01-01', '2026-03-31') \g :outdir/report-2026-Q1.html
\pset format aligned
\pset tuples_only off
\echo 'Written to' :outdir/report-2026-Q1.html
