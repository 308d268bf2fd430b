-- History checkpoints: the chain heads of a day folded into a signed Merkle root, and a history
-- rewritten after its checkpoint found even when its own hash chain was recomputed.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS tthc CASCADE;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
-- the days of this test are the days it runs on: print them as today and tomorrow
CREATE FUNCTION pg_temp.days(t text) RETURNS text LANGUAGE sql AS $$
	SELECT replace(replace(t, current_date::text, 'today'), (current_date + 1)::text, 'tomorrow') $$;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN pg_temp.days(SQLSTATE || ': ' || SQLERRM); END $$;

INSERT INTO tthc.agency (code, name, short_name) VALUES ('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên', 'STP');
INSERT INTO tthc.procedure (code, name) VALUES ('1.001235', 'Cấp Phiếu lý lịch tư pháp');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.001235', 1, '2020-01-01', '10 ngày làm việc');
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES ('000.00.12.H31', '1.001235');
-- the key of the letters test: a throwaway test key
COPY (SELECT l FROM unnest(ARRAY['-----BEGIN PRIVATE KEY-----',
	'MC4CAQAwBQYDK2VwBCIEILEep+zsaIa2+ApJOJvSjCatcT31HvQCdvHFcesRRWjK',
	'-----END PRIVATE KEY-----']) l) TO '/tmp/tthc_checkpoint_test_ed25519.pem';
SET tthc.signing_key_file = '/tmp/tthc_checkpoint_test_ed25519.pem';

-- Two dossiers, their history recorded today (recorded_at is the real time of writing).
SELECT count(tthc.start_processing((tthc.receive('000.00.12.H31', '1.001235', 'Người ' || i,
	received_at => '2026-03-02 09:00')).id, happened_at => '2026-03-02 10:00')) AS dossiers
FROM generate_series(1, 2) i;
-- today is not over: refused; tomorrow on the test clock, today can be checkpointed
SELECT pg_temp.err($$SELECT tthc.checkpoint(current_date)$$);
SELECT set_config('tthc.now', ((current_date + 1)::timestamp + interval '1 hour')::text || '+07', false) IS NOT NULL AS tomorrow;
SELECT c.day = current_date AS today, c.dossiers, length(c.root) AS root_bytes, c.key_id IS NOT NULL AS signed
FROM tthc.checkpoint() c;
-- idempotent: the same row again
SELECT count(*) AS checkpoints, bool_and(root = (tthc.checkpoint(current_date)).root) AS same_root FROM tthc.history_checkpoint;
SELECT dossier, seq, hash = (SELECT d.last_hash FROM tthc.dossier d WHERE d.id = h.dossier) AS is_head
FROM tthc.history_checkpoint_head h ORDER BY dossier;
-- a copy went to the outbox, for a store outside the database
SELECT event, payload->>'dossiers' AS dossiers, length(decode(payload->>'root', 'hex')) AS root_bytes,
	payload->>'signature' IS NOT NULL AS signed
FROM tthc.outbox WHERE event = 'checkpoint';
SELECT d.id, (tthc.verify_history(d.id)).valid AS chain, (tthc.verify_checkpoints(d.id)).* FROM tthc.dossier d ORDER BY d.id;

-- A superuser rewrites the history of dossier 1 behind the triggers' back and recomputes every hash
-- from the changed row on: the chain verifies, the checkpoint does not.
BEGIN;
SET session_replication_role = replica;
UPDATE tthc.dossier_event SET actor = 'someone else' WHERE dossier = 1 AND seq = 2;
DO $$
DECLARE
	e tthc.dossier_event;
	prev bytea;
BEGIN
	FOR e IN SELECT * FROM tthc.dossier_event WHERE dossier = 1 ORDER BY seq LOOP
		e.hash := tthc._event_hash(prev, e.dossier, e.seq, e.agency, e.at, e.event, e.from_status,
			e.to_status, e.actor, e.note, e.due_at_before, e.due_at_after, e.login, e.recorded_at, e.detail);
		UPDATE tthc.dossier_event x SET prev_hash = prev, hash = e.hash WHERE x.dossier = 1 AND x.seq = e.seq;
		prev := e.hash;
	END LOOP;
	UPDATE tthc.dossier SET last_hash = prev WHERE id = 1;
END $$;
RESET session_replication_role;
SELECT (tthc.verify_history(1)).valid AS chain, v.valid, v.checkpoints, v.first_bad_day = current_date AS today,
	pg_temp.days(v.reason) AS reason
FROM tthc.verify_checkpoints(1) v;
-- rewriting the checkpointed head too breaks the root; forging the root needs the private key
SET session_replication_role = replica;
UPDATE tthc.history_checkpoint_head SET hash = (SELECT last_hash FROM tthc.dossier WHERE id = 1) WHERE dossier = 1;
RESET session_replication_role;
SELECT valid, pg_temp.days(reason) AS reason FROM tthc.verify_checkpoints(1);
SET session_replication_role = replica;
UPDATE tthc.history_checkpoint SET root = (SELECT tthc._merkle_root(array_agg(tthc._checkpoint_leaf(dossier, seq, hash) ORDER BY dossier))
	FROM tthc.history_checkpoint_head);
RESET session_replication_role;
SELECT valid, pg_temp.days(reason) AS reason FROM tthc.verify_checkpoints(1);
ROLLBACK;
SELECT (tthc.verify_checkpoints(1)).valid AS after_rollback;

-- Merkle roots: one leaf is itself, an odd last node goes up alone, no leaf is SHA-256 of nothing
SELECT tthc._merkle_root(ARRAY['\x01'::bytea]) = '\x01' AS one,
	tthc._merkle_root(ARRAY['\x01'::bytea, '\x02', '\x03']) = sha256(sha256('\x0102'::bytea) || '\x03'::bytea) AS three,
	tthc._merkle_root('{}') = sha256(''::bytea) AS none;

-- Without a key, a checkpoint is recorded unsigned and still anchors the heads
RESET tthc.signing_key_file;
SELECT c.dossiers, c.signature IS NULL AS unsigned FROM tthc.checkpoint(current_date - 1) c;

-- Errors
SELECT pg_temp.err($$SELECT tthc.checkpoint('infinity')$$);
SELECT pg_temp.err($$SELECT tthc.checkpoint(current_date + 1)$$);
SELECT pg_temp.err($$SELECT tthc.verify_checkpoints(999)$$);
SELECT pg_temp.err($$UPDATE tthc.history_checkpoint SET dossiers = 0$$);
SELECT pg_temp.err($$DELETE FROM tthc.history_checkpoint_head$$);
CREATE ROLE regress_tthc_clerk;
SET ROLE regress_tthc_clerk;
SELECT pg_temp.err($$SELECT tthc.checkpoint()$$);
SELECT pg_temp.err($$SELECT tthc.verify_checkpoints(1)$$);
RESET ROLE;
DROP ROLE regress_tthc_clerk;
RESET tthc.now;

-- leave nothing behind for the next test
SET client_min_messages = warning;
DROP EXTENSION tthc CASCADE;
