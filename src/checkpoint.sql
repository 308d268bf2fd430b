-- checkpoint.sql: anchoring the dossier histories.  A superuser can rewrite a dossier's hash chain
-- and recompute every hash after it, and verify_history would not see it.  A daily checkpoint
-- records the chain head (last sequence number and hash) of every dossier whose history changed
-- that day, folds them into a Merkle root, signs the root with the letters' Ed25519 key and writes
-- it to the outbox, so that a store outside the database keeps a copy.  A chain rewritten after
-- its checkpoint no longer matches it.  What this does and does not protect against is in
-- doc/checkpoint.md.

CREATE TABLE tthc.history_checkpoint (
	day				date PRIMARY KEY,
	created_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	dossiers		int NOT NULL CHECK (dossiers >= 0),
	root			bytea NOT NULL CHECK (pg_catalog.length(root) = 32),
	key_id			int REFERENCES tthc.signing_key,
	signature		bytea,
	CHECK ((key_id IS NULL) = (signature IS NULL))
);
COMMENT ON TABLE tthc.history_checkpoint IS
	'one row per day: the Merkle root of the chain heads of the dossiers whose history changed that day, signed with tthc.signing_key_file''s key';
COMMENT ON COLUMN tthc.history_checkpoint.day IS 'the local day (Asia/Ho_Chi_Minh) whose recorded history rows the checkpoint covers';
COMMENT ON COLUMN tthc.history_checkpoint.dossiers IS 'how many dossiers'' chain heads the root covers';
COMMENT ON COLUMN tthc.history_checkpoint.root IS 'the SHA-256 Merkle root of the heads, in dossier order';
COMMENT ON COLUMN tthc.history_checkpoint.key_id IS 'the public key the signature is checked with; NULL: unsigned (no key configured)';
COMMENT ON COLUMN tthc.history_checkpoint.signature IS 'Ed25519 signature of tthc._checkpoint_canonical(day, dossiers, root)';

CREATE TABLE tthc.history_checkpoint_head (
	day				date NOT NULL REFERENCES tthc.history_checkpoint ON DELETE RESTRICT,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	seq				int NOT NULL,
	hash			bytea NOT NULL,
	PRIMARY KEY (day, dossier, agency)
);
CREATE INDEX history_checkpoint_head_dossier_idx ON tthc.history_checkpoint_head (dossier, day);
COMMENT ON INDEX tthc.history_checkpoint_head_dossier_idx IS 'a dossier''s checkpointed heads, for tthc.verify_checkpoints';
COMMENT ON TABLE tthc.history_checkpoint_head IS
	'the chain head of each dossier whose history changed on a checkpointed day: its last sequence number and hash at the end of the day';
COMMENT ON COLUMN tthc.history_checkpoint_head.agency IS 'the receiving agency of the dossier';
COMMENT ON COLUMN tthc.history_checkpoint_head.seq IS 'the last history row recorded by the end of the day';
COMMENT ON COLUMN tthc.history_checkpoint_head.hash IS 'its hash';

-- the histories recorded on a day, which the checkpoint reads: a history is written in the order
-- of its recording, so a block-range index finds a day in a few blocks of each month
CREATE INDEX dossier_event_recorded_idx ON tthc.dossier_event USING brin (recorded_at);
COMMENT ON INDEX tthc.dossier_event_recorded_idx IS
	'history rows by recording time, as block ranges: the daily checkpoint reads one day''s rows without scanning the history';

SELECT pg_catalog.pg_extension_config_dump('tthc.history_checkpoint', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.history_checkpoint_head', '');

CREATE FUNCTION tthc._checkpoint_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'history checkpoints are append-only: % is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'Checkpoints are written by tthc.checkpoint() and never changed.';
END
$$;
COMMENT ON FUNCTION tthc._checkpoint_guard() IS 'internal: keeps history checkpoints append-only';
REVOKE ALL ON FUNCTION tthc._checkpoint_guard() FROM PUBLIC;
CREATE TRIGGER history_checkpoint_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.history_checkpoint
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._checkpoint_guard();
CREATE TRIGGER history_checkpoint_head_guard BEFORE INSERT OR UPDATE OR DELETE ON tthc.history_checkpoint_head
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._checkpoint_guard();

-- A leaf is SHA-256 of the dossier, the sequence number and the hash; the tree pairs leaves in
-- dossier order, hashing the concatenation of each pair; an odd last node goes up alone.
CREATE FUNCTION tthc._merkle_root(leaves bytea[])
RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	level bytea[] := leaves;
	up bytea[];
	n int;
BEGIN
	IF cardinality(level) = 0 THEN
		RETURN sha256(''::bytea);
	END IF;
	WHILE cardinality(level) > 1 LOOP
		up := '{}';
		n := cardinality(level);
		FOR i IN 1..n BY 2 LOOP
			up := up || CASE WHEN i < n THEN sha256(level[i] || level[i + 1]) ELSE level[i] END;
		END LOOP;
		level := up;
	END LOOP;
	RETURN level[1];
END
$$;
COMMENT ON FUNCTION tthc._merkle_root(bytea[]) IS
	'internal: the SHA-256 Merkle root of leaves in order (an odd last node goes up alone; no leaf: SHA-256 of nothing)';
REVOKE ALL ON FUNCTION tthc._merkle_root(bytea[]) FROM PUBLIC;

CREATE FUNCTION tthc._checkpoint_leaf(dossier bigint, seq int, hash bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$SELECT sha256(convert_to(format('tthc-head-v1|%s|%s|', dossier, seq), 'UTF8') || hash)$$;
COMMENT ON FUNCTION tthc._checkpoint_leaf(bigint, int, bytea) IS 'internal: the Merkle leaf of a dossier''s chain head';
REVOKE ALL ON FUNCTION tthc._checkpoint_leaf(bigint, int, bytea) FROM PUBLIC;

CREATE FUNCTION tthc._checkpoint_canonical(day date, dossiers int, root bytea)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$SELECT convert_to(format('tthc-checkpoint-v1|%s|%s|%s', to_char(day, 'YYYY-MM-DD'), dossiers, encode(root, 'hex')), 'UTF8')$$;
COMMENT ON FUNCTION tthc._checkpoint_canonical(date, int, bytea) IS 'internal: the bytes a checkpoint''s signature covers';
REVOKE ALL ON FUNCTION tthc._checkpoint_canonical(date, int, bytea) FROM PUBLIC;

-- The checkpoint of a day (NULL: the day before tthc.now(), local time); a day already
-- checkpointed is returned as it is.  The heads are those of the history rows recorded (recorded_at,
-- the real time of writing) by the end of the day, for the dossiers with a row recorded that day.
CREATE FUNCTION tthc.checkpoint(day date DEFAULT NULL)
RETURNS tthc.history_checkpoint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	c tthc.history_checkpoint;
	d date := coalesce(day, (tthc.now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1);
	day_start timestamptz;
	day_end timestamptz;
	s record;
BEGIN
	IF NOT isfinite(d) THEN
		RAISE EXCEPTION 'checkpoint day % is out of range', d
			USING ERRCODE = 'datetime_field_overflow', HINT = 'Give a finite day.';
	END IF;
	IF d >= (tthc.now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN
		RAISE EXCEPTION 'day % is not over yet', d
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'A day is checkpointed once it has ended; the job does it for yesterday.';
	END IF;
	-- one checkpoint per day, also when two jobs race
	PERFORM pg_advisory_xact_lock(hashtext('tthc.checkpoint'), d - date '2000-01-01');
	SELECT * INTO c FROM tthc.history_checkpoint x WHERE x.day = d;
	IF FOUND THEN
		RETURN c;
	END IF;
	day_start := d::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh';
	day_end := (d + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh';

	PERFORM tthc._dossier_write(true);
	INSERT INTO tthc.history_checkpoint (day, dossiers, root) VALUES (d, 0, sha256(''::bytea));
	INSERT INTO tthc.history_checkpoint_head (day, dossier, agency, seq, hash)
	SELECT DISTINCT ON (e.dossier) d, e.dossier, e.agency, e.seq, e.hash
	FROM tthc.dossier_event e
	WHERE e.dossier IN (SELECT x.dossier FROM tthc.dossier_event x
						WHERE x.recorded_at >= day_start AND x.recorded_at < day_end)
	  AND e.recorded_at < day_end
	ORDER BY e.dossier, e.seq DESC;
	SELECT count(*)::int AS n,
		tthc._merkle_root(coalesce(array_agg(tthc._checkpoint_leaf(h.dossier, h.seq, h.hash) ORDER BY h.dossier), '{}')) AS root
	INTO s FROM tthc.history_checkpoint_head h WHERE h.day = d;
	c.day := d;
	c.dossiers := s.n;
	c.root := s.root;
	SELECT g.public_key, g.signature INTO s FROM tthc._sign(tthc._checkpoint_canonical(d, c.dossiers, c.root)) g;
	IF s.public_key IS NOT NULL THEN
		INSERT INTO tthc.signing_key AS k (public_key) VALUES (s.public_key)
		ON CONFLICT (public_key) DO UPDATE SET public_key = excluded.public_key
		RETURNING k.id INTO c.key_id;
		c.signature := s.signature;
	END IF;
	UPDATE tthc.history_checkpoint x SET dossiers = c.dossiers, root = c.root, key_id = c.key_id,
		signature = c.signature
	WHERE x.day = d
	RETURNING * INTO c;
	PERFORM tthc._dossier_write(false);
	-- a copy for a store outside the database (dossier 0, status 0: not a dossier's event)
	PERFORM tthc._outbox(0, 'tthc', 'checkpoint', 0, jsonb_build_object(
		'event', 'checkpoint', 'day', d, 'dossiers', c.dossiers, 'root', encode(c.root, 'hex'),
		'key_id', c.key_id, 'public_key', (SELECT encode(k.public_key, 'hex') FROM tthc.signing_key k WHERE k.id = c.key_id),
		'signature', encode(c.signature, 'base64')));
	RETURN c;
END
$$;
COMMENT ON FUNCTION tthc.checkpoint(date) IS
	'records, signs and sends to the outbox the Merkle root of the chain heads of the dossiers whose history changed on a day (NULL: yesterday); idempotent';
REVOKE EXECUTE ON FUNCTION tthc.checkpoint(date) FROM PUBLIC;

-- A dossier's history against every checkpoint that covers it: the checkpoint's signature holds
-- over its root, the root is the one of its recorded heads, and the dossier's history row at each
-- checkpointed head still has the checkpointed hash.
CREATE FUNCTION tthc.verify_checkpoints(dossier bigint,
	OUT valid boolean, OUT checkpoints int, OUT first_bad_day date, OUT reason text)
RETURNS record
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	h record;
	c tthc.history_checkpoint;
	pub bytea;
	root bytea;
	current bytea;
BEGIN
	IF NOT EXISTS (SELECT FROM tthc.dossier x WHERE x.id = dossier) THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	valid := true;
	checkpoints := 0;
	FOR h IN SELECT * FROM tthc.history_checkpoint_head x WHERE x.dossier = verify_checkpoints.dossier ORDER BY x.day LOOP
		checkpoints := checkpoints + 1;
		SELECT * INTO STRICT c FROM tthc.history_checkpoint x WHERE x.day = h.day;
		SELECT tthc._merkle_root(array_agg(tthc._checkpoint_leaf(x.dossier, x.seq, x.hash) ORDER BY x.dossier))
		INTO root FROM tthc.history_checkpoint_head x WHERE x.day = h.day;
		SELECT k.public_key INTO pub FROM tthc.signing_key k WHERE k.id = c.key_id;
		SELECT e.hash INTO current FROM tthc.dossier_event e WHERE e.dossier = h.dossier AND e.seq = h.seq;
		reason := CASE
			WHEN c.key_id IS NOT NULL AND (pub IS NULL OR NOT tthc._ed25519_verify(pub,
					tthc._checkpoint_canonical(c.day, c.dossiers, c.root), c.signature))
				THEN format('the checkpoint of %s does not verify with its key', c.day)
			WHEN root IS DISTINCT FROM c.root
				THEN format('the heads recorded for %s do not make the checkpoint''s root', c.day)
			WHEN current IS NULL
				THEN format('event %s, checkpointed on %s, is missing', h.seq, h.day)
			WHEN current <> h.hash
				THEN format('event %s does not have the hash checkpointed on %s', h.seq, h.day)
			END;
		IF reason IS NOT NULL THEN
			valid := false;
			first_bad_day := h.day;
			RETURN;
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION tthc.verify_checkpoints(bigint) IS
	'checks a dossier''s history against the daily checkpoints that cover it: signature, Merkle root and the checkpointed head hashes';
REVOKE EXECUTE ON FUNCTION tthc.verify_checkpoints(bigint) FROM PUBLIC;
