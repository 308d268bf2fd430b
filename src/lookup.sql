-- lookup.sql: the citizens' status look-up.  A portal passes the dossier code printed on the
-- receipt (Circular 01/2018/TT-VPCP Art. 19) and a second factor that the applicant holds; tthc.lookup()
-- answers with the status, the appointment and the progress, and nothing personal.  A wrong factor
-- gets the same empty answer as an unknown code; repeated failures lock the code for a while and
-- are recorded.  doc/lookup.md describes the rules.

CREATE FUNCTION tthc.lookup_limits(OUT max_failures int, OUT failure_window interval)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_lookup_limits'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.lookup_limits() IS
	'the settings tthc.lookup_max_failures and tthc.lookup_window: after max_failures failed look-ups of one code within failure_window, tthc.lookup gives the empty answer';

-- Failed and throttled look-ups.  The time is in the key: the table will be partitioned by it.  The
-- agency is the dossier's when the code exists; for an unknown code, the agency its prefix names
-- when there is one.
CREATE TABLE tthc.lookup_attempt (
	id				bigint GENERATED ALWAYS AS IDENTITY,
	at				timestamptz NOT NULL,
	code			text NOT NULL,
	agency			text NOT NULL,
	throttled		boolean NOT NULL,
	login			text NOT NULL,
	PRIMARY KEY (code, at, id, agency)
);
COMMENT ON TABLE tthc.lookup_attempt IS
	'failed status look-ups (wrong factor or unknown code) and look-ups refused because the code was locked by earlier failures (tthc.lookup)';
COMMENT ON COLUMN tthc.lookup_attempt.at IS 'when the look-up was made (tthc.now())';
COMMENT ON COLUMN tthc.lookup_attempt.code IS 'the dossier code looked up, trimmed and upper-cased';
COMMENT ON COLUMN tthc.lookup_attempt.agency IS 'the receiving agency of the dossier when the code exists; for an unknown code, the agency code its prefix names, whether or not that agency exists (the distribution key)';
COMMENT ON COLUMN tthc.lookup_attempt.throttled IS
	'true: the code was locked and the factor was not judged; false: a failure, counted towards the lock';
COMMENT ON COLUMN tthc.lookup_attempt.login IS 'the database login that called tthc.lookup (session_user): the portal';
SELECT pg_catalog.pg_extension_config_dump('tthc.lookup_attempt', '');

-- The text without the blanks tthc.is_blank knows at either end (identity_pg.c).
CREATE FUNCTION tthc._trim_blanks(text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_trim_blanks'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._trim_blanks(text) IS
	'internal: the text without the blanks of tthc.is_blank (Unicode White_Space and the invisible format characters) at either end';
REVOKE ALL ON FUNCTION tthc._trim_blanks(text) FROM PUBLIC;

-- The second factor: the last four letters or digits of the applicant's identity number in the
-- canonical form of tthc.normalize_identity (a tax code 0101234567-001 ends in 7001), compared
-- without regard to case.  A dossier without an identity number cannot be looked up.
CREATE FUNCTION tthc.lookup(code text, factor text)
RETURNS TABLE (dossier_code text, status int, status_name text, procedure_name text, agency_name text,
	received_at timestamptz, due_at timestamptz, extended boolean, late boolean,
	steps_done int, steps_total int, current_step text, result tthc.result,
	result_ready_at timestamptz, returned_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE ROWS 1
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	c text;
	f text;
	lim record;
	failures bigint;
	d tthc.dossier;
	matched boolean;
	prefix text;
	agency text;
	now_ timestamptz := tthc.now();
BEGIN
	-- bad input is refused whatever the dossier, so the error says nothing about it
	IF code IS NULL OR factor IS NULL THEN
		RAISE EXCEPTION 'the % of a look-up must not be NULL', CASE WHEN code IS NULL THEN 'code' ELSE 'factor' END
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'Pass the dossier code and the last four letters or digits of the applicant''s identity number.';
	END IF;
	IF tthc.is_blank(code) OR tthc.is_blank(factor) THEN
		RAISE EXCEPTION 'the % of a look-up is blank', CASE WHEN tthc.is_blank(code) THEN 'code' ELSE 'factor' END
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Pass the dossier code and the last four letters or digits of the applicant''s identity number.';
	END IF;
	-- trimmed of the blanks tthc.is_blank knows; codes are capitals (QCVN 102:2016), factors read
	-- without regard to case
	c := upper(tthc._trim_blanks(code));
	f := upper(tthc._trim_blanks(factor));
	IF length(c) > 64 THEN
		RAISE EXCEPTION 'dossier code is too long: % characters', length(c)
			USING ERRCODE = 'string_data_right_truncation',
				  HINT = 'A dossier code is <agency code>-YYMMDD-XXXX, at most 64 characters.';
	END IF;
	-- 22P02 for a code that is not shaped like one
	prefix := (tthc.parse_dossier_code(c)).agency;
	IF length(f) > 4 THEN
		RAISE EXCEPTION 'look-up factor is too long: % characters', length(f)
			USING ERRCODE = 'string_data_right_truncation',
				  HINT = 'The factor is the last four letters or digits of the applicant''s identity number.';
	END IF;
	IF f !~ '^[[:alnum:]]{4}$' THEN
		RAISE EXCEPTION 'invalid look-up factor: "%"', f
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The factor is the last four letters or digits of the applicant''s identity number.';
	END IF;

	lim := tthc.lookup_limits();
	-- one look-up of a code at a time, so that concurrent attempts cannot pass the limit together
	PERFORM pg_advisory_xact_lock(hashtext('tthc.lookup'), hashtext(c));
	SELECT count(*) INTO failures FROM tthc.lookup_attempt a
	WHERE a.code = c AND a.at > now_ - lim.failure_window AND NOT a.throttled;
	-- the same steps for an unknown code and a wrong factor
	SELECT * INTO d FROM tthc.dossier x WHERE x.code = c;
	matched := coalesce(upper(right(regexp_replace(d.applicant_id, '[^[:alnum:]]', '', 'g'), 4)) = f, false);
	-- an unknown code is recorded under the agency code its prefix names
	agency := coalesce(d.agency, prefix);

	IF failures >= lim.max_failures THEN
		INSERT INTO tthc.lookup_attempt (at, code, agency, throttled, login)
		VALUES (now_, c, agency, true, session_user);
		RAISE LOG 'tthc.lookup: dossier code "%" is locked after % failed look-ups within %',
			c, failures, lim.failure_window;
		RETURN;
	END IF;
	IF NOT matched THEN
		INSERT INTO tthc.lookup_attempt (at, code, agency, throttled, login)
		VALUES (now_, c, agency, false, session_user);
		RETURN;
	END IF;

	RETURN QUERY
	SELECT d.code, d.status, st.name_vi, p.name, g.name, d.received_at, d.due_at, d.extended,
		-- against the legal due (Circular 01/2018 Art. 13), as the dossier's outcomes are scored
		CASE WHEN d.finish_outcome IS NOT NULL THEN coalesce(d.return_outcome, d.finish_outcome) = 'late'
			 WHEN d.stop_outcome IS NOT NULL THEN d.stop_outcome = 'late'
			 WHEN d.clock = 'running' THEN now_ > d.legal_due_at
			 WHEN d.clock = 'paused' THEN coalesce(d.paused_at > d.paused_due_at, false)
			 ELSE false END,
		s.done, s.total, s.current, d.result, d.finished_at, d.returned_at
	FROM tthc.statuses() st, tthc.procedure p, tthc.agency g,
	LATERAL (SELECT count(*) FILTER (WHERE ds.finished_at IS NOT NULL)::int AS done, count(*)::int AS total,
				(array_agg(ds.name ORDER BY ds.step) FILTER (WHERE ds.finished_at IS NULL
					AND d.clock IN ('running', 'paused')))[1] AS current
			 FROM tthc.dossier_step ds WHERE ds.dossier = d.id) s
	WHERE st.code = d.status AND p.code = d.procedure AND g.code = d.agency;
END
$$;
COMMENT ON FUNCTION tthc.lookup(text, text) IS
	'citizens'' status look-up: the status, appointment, lateness, progress and result of the dossier with the code, when the factor is the last four letters or digits of the applicant''s identity number; no row for an unknown code, a wrong factor or a code locked by repeated failures (tthc.lookup_limits); nothing personal';
GRANT EXECUTE ON FUNCTION tthc.lookup(text, text) TO PUBLIC;
