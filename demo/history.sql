-- Section 10: the history of a dossier, its hash chain, the outbox, and a tampering attempt.

\echo
\echo '== 10. History, hash chain and outbox of dossier #1 =='
\echo
\echo 'tthc.dossier_event is append-only.  Each row keeps the due instant before and after its'
\echo 'event, so every change of the appointment is explained, and hash = SHA-256(previous hash ||'
\echo 'canonical content), the previous hash being the hash of the row before (prev_hash): changing'
\echo 'any row breaks the chain from there on.  The first 12 hex digits of each hash:'
SELECT e.seq, e.event, coalesce(e.from_status || ' → ', '') || e.to_status AS status,
	to_char(e.at, 'DD/MM HH24:MI') AS at, e.actor,
	to_char(e.due_at_before, 'DD/MM HH24:MI') AS "due before", to_char(e.due_at_after, 'DD/MM HH24:MI') AS "due after",
	left(encode(e.hash, 'hex'), 12) AS hash, e.note
FROM tthc.dossier_event AS e
WHERE e.dossier = 1
ORDER BY e.seq;

\echo 'SELECT * FROM tthc.verify_history(1);'
SELECT * FROM tthc.verify_history(1);

\echo 'The outbox: one row per event, written in the same transaction and announced with'
\echo 'NOTIFY tthc_dossier (Decree 224/2026: every status change is notified at once).  A sender'
\echo 'reads the rows WHERE sent_at IS NULL, sends the SMS / e-mail, and sets sent_at.'
SELECT o.id, o.event, o.status, o.payload->>'code' AS code, o.payload->>'at' AS at,
	o.payload->>'due_at' AS due_at, o.sent_at
FROM tthc.outbox AS o
WHERE o.dossier = 1
ORDER BY o.id;

\echo 'Tampering.  The history''s triggers refuse UPDATE and DELETE, but a superuser can switch'
\echo 'triggers off.  Rewrite the reason of the extension (event 8), in a transaction that the'
\echo 'demo rolls back afterwards:'
\echo '  SET session_replication_role = replica;'
\echo '  UPDATE tthc.dossier_event SET note = ''Theo đề nghị của công dân'' WHERE dossier = 1 AND seq = 8;'
\echo '  RESET session_replication_role;'
BEGIN;
SET session_replication_role = replica;
UPDATE tthc.dossier_event SET note = 'Theo đề nghị của công dân' WHERE dossier = 1 AND seq = 8;
RESET session_replication_role;
SELECT * FROM tthc.verify_history(1);
ROLLBACK;
\echo 'Deleting an event is found too, even the last one, whose hash the dossier row keeps:'
\echo '  DELETE FROM tthc.dossier_event WHERE dossier = 1 AND seq = 10;   -- the same way'
BEGIN;
SET session_replication_role = replica;
DELETE FROM tthc.dossier_event WHERE dossier = 1 AND seq = 10;
RESET session_replication_role;
SELECT * FROM tthc.verify_history(1);
ROLLBACK;
\echo 'And the dossier row must be what its history says: verify_history replays the events.  Turn'
\echo 'the late result of dossier #1 into an on-time one behind the triggers'' back, the chain intact:'
\echo '  UPDATE tthc.dossier SET finish_outcome = ''on_time'', return_outcome = ''on_time'' WHERE id = 1;'
BEGIN;
SET session_replication_role = replica;
UPDATE tthc.dossier SET finish_outcome = 'on_time', return_outcome = 'on_time' WHERE id = 1;
RESET session_replication_role;
SELECT * FROM tthc.verify_history(1);
ROLLBACK;
\echo 'All rolled back: the history verifies again.'
SELECT * FROM tthc.verify_history(1);
