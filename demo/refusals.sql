-- Section 11: what the state machine refuses, with the SQLSTATE an application tests.

\echo
\echo '== 11. Refusals: illegal events, stale versions, direct writes =='
\echo
-- Runs a statement and returns its error (or 'ok'): the demo goes on after a refusal.
CREATE FUNCTION pg_temp.try(sql text, OUT error text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
	error := 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
	error := SQLSTATE || ': ' || SQLERRM;
	hint := nullif(hint, '');
END
$$;

\echo 'Two officers open dossier #8 at version 2 (its receipt and its acceptance).  The first starts'
\echo 'processing, passing the version she saw; the second, still looking at version 2, asks for the'
\echo 'fee and is refused (TH002); he reads the dossier again and retries with version 3:'
SELECT status, version FROM tthc.start_processing(8, expected_version => 2,
	happened_at => '2026-04-29 10:00', actor => 'cv.hoangnam');
SELECT * FROM pg_temp.try($$SELECT tthc.request_payment(8, expected_version => 2,
	happened_at => '2026-04-29 10:05', actor => 'cv.lehoa')$$);
SELECT status, version, clock, remaining AS "time left" FROM tthc.request_payment(8, expected_version => 3,
	happened_at => '2026-04-29 10:05', actor => 'cv.lehoa');

\echo 'The building permit (#6) is in processing and re-scheduled once, with its reason (Decree'
\echo '61/2018 Art. 19(9)); a second re-scheduling is refused below (TH005):'
SELECT status, version FROM tthc.start_processing(6, happened_at => '2026-04-24 14:00');
SELECT to_char(original_due_at, 'Dy DD/MM HH24:MI') AS "first due", to_char(due_at, 'Dy DD/MM HH24:MI') AS due,
	extended
FROM tthc.extend(6, '2026-05-15 17:00', 'Chờ ý kiến của cơ quan quản lý về phòng cháy, chữa cháy',
	happened_at => '2026-05-07 09:00');

\echo 'Every refusal raises an error with a SQLSTATE and leaves nothing written:'
\x on
SELECT a.sql AS attempt, t.error, t.hint
FROM (VALUES
	(1, 'SELECT tthc.finish(7)'),
	(2, 'SELECT tthc.request_supplement(1)'),
	(3, 'SELECT tthc.transition(2, ''approve'')'),
	(4, 'SELECT tthc.start_processing(2, happened_at => ''2026-02-12 07:00'')'),
	(5, 'SELECT tthc.extend(6, ''2026-05-29 17:00'', ''Chờ thêm'')'),
	(6, 'UPDATE tthc.dossier SET status = 10 WHERE id = 3'),
	(7, 'DELETE FROM tthc.dossier_event WHERE dossier = 3'),
	(8, 'SELECT tthc.receive(''000.00.12.H30'', ''2.000488.H31'', ''Lê Văn Nam'', ''030085001111'', ''desk'', ''2026-03-02 09:00'')'),
	(9, 'SELECT tthc.receive(''000.00.12.H31'', ''2.000488.H31'', ''Lê Văn Nam'', ''03008500111'')')
	) AS a(n, sql),
	pg_temp.try(a.sql) AS t
ORDER BY a.n;
\x off

\echo 'Applicant contact details are the one thing that may be corrected directly:'
SELECT * FROM pg_temp.try($$UPDATE tthc.dossier SET applicant_phone = '0987654321' WHERE id = 3$$);
\echo 'The refused calls wrote nothing: the dossiers they named are as they were, and their'
\echo 'history chains verify.'
SELECT d.id, d.status, d.version, d.last_seq AS events, d.applicant_phone, (tthc.verify_history(d.id)).valid
FROM tthc.dossier AS d
WHERE d.id IN (2, 3, 6, 7)
ORDER BY d.id;
