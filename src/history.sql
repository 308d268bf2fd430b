-- history.sql: the hash-chained history of a dossier, the outbox, the one writer of a dossier
-- event, and the verification that replays a history against its dossier.
--
-- Every event appends a history row whose SHA-256 covers its content and the row before; every
-- event writes an outbox row and a NOTIFY (Decree 224/2026 Art. 15(1)(g): every status change is
-- notified at once, with the agency, the officer, and the receipt, processing and return times).

-- The canonical content of a history row, hashed with the previous row's hash (SHA-256, OpenSSL).
CREATE FUNCTION tthc._event_canonical(dossier bigint, seq int, agency text, at timestamptz,
	event text, from_status int, to_status int, actor text, note text,
	due_at_before timestamptz, due_at_after timestamptz, login text, recorded_at timestamptz,
	detail jsonb)
RETURNS bytea
AS 'MODULE_PATHNAME', 'tthc_event_canonical'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._event_canonical(bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz, jsonb) IS
	'canonical bytes of a history row that its hash covers: fields in order, instants as microseconds, texts length-prefixed, the detail as jsonb text (rows without detail keep the 0.1.0 form)';

CREATE FUNCTION tthc._event_hash(prev bytea, dossier bigint, seq int, agency text, at timestamptz,
	event text, from_status int, to_status int, actor text, note text,
	due_at_before timestamptz, due_at_after timestamptz, login text, recorded_at timestamptz,
	detail jsonb)
RETURNS bytea
AS 'MODULE_PATHNAME', 'tthc_event_hash'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc._event_hash(bytea, bigint, int, text, timestamptz, text, int, int, text, text, timestamptz, timestamptz, text, timestamptz, jsonb) IS
	'SHA-256 of the previous hash and the canonical content of a history row';

-- The one writer of the outbox: the transitions, and later the sweeps and letters, call it.
CREATE FUNCTION tthc._outbox(dossier bigint, agency text, event text, status int, payload jsonb)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	id bigint;
BEGIN
	INSERT INTO tthc.outbox AS o (dossier, agency, event, status, payload)
	VALUES (dossier, agency, event, status, payload)
	RETURNING o.id INTO id;
	PERFORM pg_notify('tthc_dossier', (payload || jsonb_build_object('outbox', id))::text);
	RETURN id;
END
$$;
COMMENT ON FUNCTION tthc._outbox(bigint, text, text, int, jsonb) IS
	'internal: writes an outbox row and announces it with NOTIFY tthc_dossier (the payload and the row''s id)';
REVOKE ALL ON FUNCTION tthc._outbox(bigint, text, text, int, jsonb) FROM PUBLIC;

-- Write dossier d after an event: its managed columns, the history row (hash chained on the
-- dossier's last hash) and the outbox row.  Returns the dossier as written.
CREATE FUNCTION tthc._write(d tthc.dossier, event text, from_status int, happened_at timestamptz,
	actor text, note text, due_before timestamptz, detail jsonb)
RETURNS tthc.dossier
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	h bytea;
BEGIN
	d.version := d.version + 1;
	d.last_seq := d.last_seq + 1;
	d.last_event_at := happened_at;
	detail := coalesce(detail, '{}') || jsonb_build_object('clock', d.clock, 'legal_due', d.legal_due_at);
	h := tthc._event_hash(d.last_hash, d.id, d.last_seq, d.agency, happened_at, event,
		from_status, d.status, actor, note, due_before, d.due_at, session_user, now(), detail);
	-- the instants at which the sweeps look at the dossier again (tthc._alerts, sweep.sql), from
	-- the clock, the steps as the event left them and the notices already given
	SELECT a.alert_soon_at, a.alert_at INTO d.alert_soon_at, d.alert_at FROM tthc._alerts(d) a;
	PERFORM tthc._dossier_write(true);
	UPDATE tthc.dossier SET
		code = d.code, received_at = d.received_at, status = d.status, version = d.version,
		clock = d.clock, clock_started_at = d.clock_started_at, remaining = d.remaining,
		paused_due_at = d.paused_due_at, due_at = d.due_at, original_due_at = d.original_due_at,
		extended = d.extended, supplements = d.supplements, finished_at = d.finished_at,
		finish_outcome = d.finish_outcome, returned_at = d.returned_at,
		return_outcome = d.return_outcome, last_event_at = d.last_event_at, last_seq = d.last_seq,
		last_hash = h, legal_due_at = d.legal_due_at, paused_at = d.paused_at,
		paused_appointment = d.paused_appointment, extended_at = d.extended_at,
		apology_late = d.apology_late, appointment_kept = d.appointment_kept,
		supplements_late = d.supplements_late, supplements_repeated = d.supplements_repeated,
		result = d.result, stopped_at = d.stopped_at, stop_outcome = d.stop_outcome,
		processing_agency = d.processing_agency, alert_soon_at = d.alert_soon_at, alert_at = d.alert_at
	WHERE id = d.id;
	INSERT INTO tthc.dossier_event (dossier, seq, agency, at, event, from_status, to_status,
		actor, note, due_at_before, due_at_after, login, recorded_at, prev_hash, hash, detail)
	VALUES (d.id, d.last_seq, d.agency, happened_at, event, from_status, d.status,
		actor, note, due_before, d.due_at, session_user, now(), d.last_hash, h, detail);
	PERFORM tthc._dossier_write(false);
	PERFORM tthc._outbox(d.id, d.agency, event, d.status, jsonb_build_object(
		'dossier', d.id, 'code', d.code, 'agency', d.agency,
		'processing_agency', d.processing_agency, 'event', event, 'status', d.status,
		'at', happened_at, 'actor', actor, 'login', session_user,
		'received_at', d.received_at, 'due_at', d.due_at, 'legal_due_at', d.legal_due_at,
		'finished_at', d.finished_at, 'returned_at', d.returned_at));
	d.last_hash := h;
	RETURN d;
END
$$;
COMMENT ON FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz, jsonb) IS
	'internal: writes a dossier after an event with its hash-chained history row and its outbox row';
REVOKE ALL ON FUNCTION tthc._write(tthc.dossier, text, int, timestamptz, text, text, timestamptz, jsonb) FROM PUBLIC;

-- The history is the truth the dossier row can be rebuilt from: the chain must be intact, and the
-- row must be what its events say.
CREATE FUNCTION tthc.verify_history(dossier bigint,
	OUT valid boolean, OUT events int, OUT first_broken_seq int, OUT reason text)
RETURNS record
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	e tthc.dossier_event;
	prev bytea := NULL;
	expected int := 1;
	-- the row as the events imply it
	status int;
	code text;
	received timestamptz;
	due timestamptz;
	legal timestamptz;
	clock text;
	extended boolean := false;
	supplements int := 0;
	finished timestamptz;
	finish_outcome text;
	result text;
	returned timestamptz;
	return_outcome text;
	stop_outcome text;
	processing text;
	last_at timestamptz;
	legacy boolean := false;
	mismatch text;
BEGIN
	SELECT * INTO d FROM tthc.dossier x WHERE x.id = dossier;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	valid := true;
	events := 0;
	FOR e IN SELECT * FROM tthc.dossier_event de WHERE de.dossier = verify_history.dossier ORDER BY seq LOOP
		events := events + 1;
		IF e.seq <> expected THEN
			reason := format('event %s is missing', expected);
		ELSIF e.prev_hash IS DISTINCT FROM prev THEN
			reason := format('event %s does not link to the hash of event %s', e.seq, e.seq - 1);
		ELSIF e.hash <> tthc._event_hash(prev, e.dossier, e.seq, e.agency, e.at, e.event,
				e.from_status, e.to_status, e.actor, e.note, e.due_at_before, e.due_at_after,
				e.login, e.recorded_at, e.detail) THEN
			reason := format('the content of event %s does not match its hash', e.seq);
		END IF;
		IF reason IS NOT NULL THEN
			valid := false;
			first_broken_seq := least(e.seq, expected);
			RETURN;
		END IF;
		prev := e.hash;
		expected := expected + 1;

		-- replay
		status := e.to_status;
		due := e.due_at_after;
		last_at := e.at;
		legacy := legacy OR e.detail IS NULL;
		IF e.detail ? 'code' THEN
			code := e.detail->>'code';
			received := e.at;
		END IF;
		IF e.detail IS NOT NULL THEN
			legal := (e.detail->>'legal_due')::timestamptz;
			clock := e.detail->>'clock';
		END IF;
		CASE e.event
		WHEN 'extend' THEN extended := true;
		WHEN 'request_supplement' THEN
			supplements := supplements + (e.detail->>'supplement' IS DISTINCT FROM 'before_acceptance')::int;
		WHEN 'finish' THEN
			finished := e.at;
			finish_outcome := e.detail->>'outcome';
			result := e.detail->>'result';
		WHEN 'return_result' THEN
			returned := e.at;
			return_outcome := e.detail->>'outcome';
		WHEN 'stop', 'withdraw' THEN stop_outcome := e.detail->>'outcome';
		WHEN 'forward' THEN processing := e.detail->>'to';
		ELSE NULL;
		END CASE;
	END LOOP;
	IF prev IS DISTINCT FROM d.last_hash THEN
		valid := false;
		first_broken_seq := expected;
		reason := 'the last event is not the one the dossier records';
		RETURN;
	END IF;

	mismatch := CASE
		WHEN d.status IS DISTINCT FROM status THEN 'status'
		WHEN d.last_seq IS DISTINCT FROM events OR d.version IS DISTINCT FROM events THEN 'version'
		WHEN d.last_event_at IS DISTINCT FROM last_at THEN 'last_event_at'
		WHEN d.due_at IS DISTINCT FROM due THEN 'due_at'
		WHEN d.extended IS DISTINCT FROM extended THEN 'extended'
		WHEN d.finished_at IS DISTINCT FROM finished THEN 'finished_at'
		WHEN d.returned_at IS DISTINCT FROM returned THEN 'returned_at'
		-- what only 0.2.0 events record
		WHEN legacy THEN NULL
		WHEN d.code IS DISTINCT FROM code THEN 'code'
		WHEN d.received_at IS DISTINCT FROM received THEN 'received_at'
		WHEN d.legal_due_at IS DISTINCT FROM legal THEN 'legal_due_at'
		WHEN d.clock::text IS DISTINCT FROM clock THEN 'clock'
		WHEN d.supplements IS DISTINCT FROM supplements THEN 'supplements'
		WHEN d.finish_outcome::text IS DISTINCT FROM finish_outcome THEN 'finish_outcome'
		WHEN d.result::text IS DISTINCT FROM result THEN 'result'
		WHEN d.return_outcome::text IS DISTINCT FROM return_outcome THEN 'return_outcome'
		WHEN d.stop_outcome::text IS DISTINCT FROM stop_outcome THEN 'stop_outcome'
		WHEN d.processing_agency IS DISTINCT FROM processing THEN 'processing_agency'
		END;
	IF mismatch IS NOT NULL THEN
		valid := false;
		reason := format('the dossier''s %s is not what its history says', mismatch);
	END IF;
END
$$;
COMMENT ON FUNCTION tthc.verify_history(bigint) IS
	'checks the SHA-256 chain of a dossier''s history, replays its events and reports the first broken link or the first column of the dossier that the history does not imply';
