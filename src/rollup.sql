-- rollup.sql: the report's rollups, kept by a refresh that reads only the dossiers changed since the
-- last one, and tthc.report() reading them.  doc/reports.md describes the design and how fresh the
-- figures are.
--
-- Every change of a dossier that a report figure depends on leaves a row in tthc.rollup_queue: a
-- history row (tthc._write: every event, re-projections included) or a Form 04 letter (issued with
-- its event or on request); a change of calendar data queues a rebuild.  tthc.rollup_refresh()
-- consumes the queue: for each dossier it recomputes one narrow fact row (tthc.rollup_fact) and
-- applies the difference between the old and the new fact to the counters of tthc.rollup, per
-- receiving agency, procedure, local day and measure.  The transitions themselves only append to the
-- queue: no counter row is shared between two transactions at an agency.

CREATE TABLE tthc.rollup_queue (
	agency			text NOT NULL,
	dossier			bigint,
	queued_at		timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE tthc.rollup_queue IS
	'dossiers changed since the last tthc.rollup_refresh() (receiving agency, dossier); a row without a dossier (agency '''') asks for a rebuild of every fact';

-- One row per dossier: what the report counts of it, on the local days of its calendar.
CREATE TABLE tthc.rollup_fact (
	agency			text NOT NULL,
	dossier			bigint NOT NULL,
	procedure		text NOT NULL,
	received_day	date,
	closed_day		date,
	closed_status	int,
	finished_day	date,
	outcome			tthc.outcome,
	days			int,
	supplements		int NOT NULL,
	supplements_late int NOT NULL,
	supplements_repeated int NOT NULL,
	extended		boolean NOT NULL,
	appointment_kept boolean,
	index2_sum		int NOT NULL,
	index2_n		int NOT NULL,
	legal_due_at	timestamptz,
	legal_due_day	date,
	soon_day		date,
	late_day		date,
	apology_days	date[] NOT NULL,
	apology_late_days date[] NOT NULL,
	missing			boolean NOT NULL,
	missing_running	boolean NOT NULL,
	PRIMARY KEY (agency, dossier)
);
CREATE INDEX rollup_fact_missing_idx ON tthc.rollup_fact (legal_due_at) WHERE missing_running;
COMMENT ON INDEX tthc.rollup_fact_missing_idx IS
	'running dossiers without an apology, by legal due: the apologies missing at tthc.now()';
COMMENT ON TABLE tthc.rollup_fact IS
	'one row per dossier with what the report counts of it, on the local days of its calendar; kept by tthc.rollup_refresh()';
COMMENT ON COLUMN tthc.rollup_fact.agency IS 'the receiving agency';
COMMENT ON COLUMN tthc.rollup_fact.received_day IS 'the local day of acceptance; NULL: never accepted';
COMMENT ON COLUMN tthc.rollup_fact.closed_day IS
	'the local day the dossier stopped being open (result ready, withdrawn, refused or stopped); NULL: open';
COMMENT ON COLUMN tthc.rollup_fact.closed_status IS '3 refused, 7 withdrawn, 8 stopped: how a dossier without a result closed';
COMMENT ON COLUMN tthc.rollup_fact.finished_day IS 'the local day the result was ready';
COMMENT ON COLUMN tthc.rollup_fact.days IS 'working days from acceptance to result (tthc.working_days_between)';
COMMENT ON COLUMN tthc.rollup_fact.index2_sum IS 'the sum of the Circular 01/2018 Art. 13 index 2 of the dossier''s step agencies';
COMMENT ON COLUMN tthc.rollup_fact.index2_n IS 'the number of the dossier''s step agencies with a finished step';
COMMENT ON COLUMN tthc.rollup_fact.soon_day IS
	'the first local day (not before receipt) at whose end the open dossier is due soon or late under the lead of tthc.rollup_state';
COMMENT ON COLUMN tthc.rollup_fact.late_day IS 'the first local day at whose end the open dossier is late: the day of its legal due';
COMMENT ON COLUMN tthc.rollup_fact.apology_days IS 'the local days of its Form 04 apology letters';
COMMENT ON COLUMN tthc.rollup_fact.apology_late_days IS 'the local days of its Form 04 apology letters issued late';
COMMENT ON COLUMN tthc.rollup_fact.missing IS
	'no apology though one was owed whatever the time: extended, or finished or stopped late (tthc.apology_check)';
COMMENT ON COLUMN tthc.rollup_fact.missing_running IS
	'no apology, running: missing once the legal due has passed (tthc.apology_check at tthc.now())';

-- The counters.  measure names a figure of tthc.report; n adds up over the facts.  Flows count on
-- the local day they happened; open_on_time, open_due_soon and open_late are deltas (+1 the day a
-- dossier enters the state, -1 the day it leaves it), so the dossiers in a state at the end of day D
-- are the sum of the deltas up to D.  'days' counts resolved dossiers per working days taken
-- (bucket), the distribution a 90th percentile needs.
CREATE TABLE tthc.rollup (
	agency			text NOT NULL,
	procedure		text NOT NULL,
	day				date NOT NULL,
	measure			text NOT NULL,
	bucket			int NOT NULL DEFAULT 0,
	n				bigint NOT NULL,
	PRIMARY KEY (agency, procedure, day, measure, bucket)
);
CREATE INDEX rollup_day_idx ON tthc.rollup (day);
COMMENT ON INDEX tthc.rollup_day_idx IS 'the counters of a period';
CREATE INDEX rollup_month_idx ON tthc.rollup (day) WHERE measure LIKE 'month\_%';
COMMENT ON INDEX tthc.rollup_month_idx IS 'the monthly sums of the open deltas, read for the months before a period';
COMMENT ON TABLE tthc.rollup IS
	'the report''s counters per receiving agency, procedure, local day and measure; kept by tthc.rollup_refresh() from tthc.rollup_fact';
COMMENT ON COLUMN tthc.rollup.measure IS
	'received, resolved, resolved_early/on_time/late, days, supplements(_late/_repeated), extensions_kept/broken, index1, index2, index2_n, index3, withdrawn, refused, stopped, apologies_issued/late/missing, a delta of open_on_time/due_soon/late, or month_open_on_time/due_soon/late: the sum of those deltas over the month that starts on day';
COMMENT ON COLUMN tthc.rollup.bucket IS 'for days: the working days taken; 0 otherwise';

CREATE TABLE tthc.rollup_state (
	id				boolean PRIMARY KEY DEFAULT true CHECK (id),
	lead			interval,
	refreshed_at	timestamptz,
	dossiers		bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE tthc.rollup_state IS
	'one row: the due-soon lead the facts were computed with, and when and over how many dossiers the rollups were last refreshed';
INSERT INTO tthc.rollup_state DEFAULT VALUES;
-- a new database, or one upgraded with its dossiers: the first refresh builds every fact
INSERT INTO tthc.rollup_queue (agency, dossier) VALUES ('', NULL);

SELECT pg_catalog.pg_extension_config_dump('tthc.rollup_queue', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.rollup_fact', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.rollup', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.rollup_state', '');

-- What changes the figures queues the dossier: a history row (every event, re-projections
-- included) and a Form 04 letter (issued on request without an event, tthc.issue_letter).  As the
-- owner: whoever changes calendar data need not write the queue.
CREATE FUNCTION tthc._rollup_enqueue()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_LEVEL = 'STATEMENT' THEN
		INSERT INTO tthc.rollup_queue (agency, dossier) VALUES ('', NULL);
	ELSIF TG_ARGV[0] = 'letter' THEN
		-- a letter's agency is the issuing one; its dossier's is dossier_agency
		INSERT INTO tthc.rollup_queue (agency, dossier) VALUES (NEW.dossier_agency, NEW.dossier);
	ELSE
		INSERT INTO tthc.rollup_queue (agency, dossier) VALUES (NEW.agency, NEW.dossier);
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION tthc._rollup_enqueue() IS
	'internal: queues a changed dossier for tthc.rollup_refresh() (a history row, a Form 04 letter), or a rebuild after a change of calendar data';
REVOKE ALL ON FUNCTION tthc._rollup_enqueue() FROM PUBLIC;
CREATE TRIGGER rollup_enqueue AFTER INSERT ON tthc.dossier_event
	FOR EACH ROW EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER INSERT ON tthc.letter
	FOR EACH ROW WHEN (NEW.form = '04') EXECUTE FUNCTION tthc._rollup_enqueue('letter');
-- calendar data moves the working days taken and the due-soon days of every dossier on it
CREATE TRIGGER rollup_enqueue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar_session
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.holiday_notice
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tthc.holiday_notice_day
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();
CREATE TRIGGER rollup_enqueue AFTER UPDATE ON tthc.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._rollup_enqueue();

-- The first local day at whose end an open dossier is due soon (tthc._due_state, the rule of the
-- sweep: the last lawful moment to apologise, Decree 61/2018 Art. 19(9), within the lead of working
-- time), not before not_before.  The state only worsens as time passes, so step back from the day
-- of the legal due while the end of the day before is already due soon; a lead of a few days takes
-- a few steps.
CREATE FUNCTION tthc._rollup_soon_day(legal_due timestamptz, calendar text, tz text, lead interval,
	not_before date)
RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	deadline timestamptz := tthc.apology_deadline(legal_due, calendar);
	day date := (legal_due AT TIME ZONE tz)::date;
BEGIN
	WHILE day > not_before
	  AND deadline <= tthc.add_working_time(day::timestamp AT TIME ZONE tz, lead, calendar) LOOP
		day := day - 1;
	END LOOP;
	RETURN day;
END
$$;
COMMENT ON FUNCTION tthc._rollup_soon_day(timestamptz, text, text, interval, date) IS
	'internal: the first local day, not before a day, at whose end a dossier with a legal due is due soon or late (tthc._due_state)';
REVOKE ALL ON FUNCTION tthc._rollup_soon_day(timestamptz, text, text, interval, date) FROM PUBLIC;

-- A dossier's fact, from the dossier, its history (the time of a refusal, withdrawal or stop), its
-- steps (index 2) and its Form 04 letters: the same reading as tthc._report_rows.
CREATE FUNCTION tthc._rollup_fact(d tthc.dossier, lead interval)
RETURNS tthc.rollup_fact
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	f tthc.rollup_fact;
	tz text := tthc.calendar_timezone(d.calendar);
	c record;
	letters int;
BEGIN
	f.agency := d.agency;
	f.dossier := d.id;
	f.procedure := d.procedure;
	f.received_day := (d.received_at AT TIME ZONE tz)::date;
	IF d.finished_at IS NOT NULL THEN
		f.finished_day := (d.finished_at AT TIME ZONE tz)::date;
		f.closed_day := f.finished_day;
		f.outcome := d.finish_outcome;
		IF d.received_at IS NOT NULL THEN
			f.days := tthc.working_days_between(f.received_day, f.finished_day, d.calendar);
		END IF;
	ELSE
		-- every event of a dossier lies at or after its receipt: the history's months before it
		-- are not read
		SELECT e.at, e.to_status INTO c FROM tthc.dossier_event e
		WHERE e.dossier = d.id AND e.at >= d.submitted_at AND e.to_status IN (3, 7, 8) ORDER BY e.seq LIMIT 1;
		IF FOUND THEN
			f.closed_day := (c.at AT TIME ZONE tz)::date;
			f.closed_status := c.to_status;
		END IF;
	END IF;
	f.supplements := d.supplements;
	f.supplements_late := d.supplements_late;
	f.supplements_repeated := d.supplements_repeated;
	f.extended := d.extended;
	f.appointment_kept := d.appointment_kept;
	-- Circular 01/2018 Art. 13 index 2, as tthc.dossier_step_score: each step agency's worst step
	SELECT coalesce(sum(x.i), 0), count(*) INTO f.index2_sum, f.index2_n
	FROM (SELECT min(CASE s.outcome WHEN 'early' THEN 2 WHEN 'on_time' THEN 1 WHEN 'late' THEN 0 END) AS i
		  FROM tthc.dossier_step s WHERE s.dossier = d.id AND s.outcome IS NOT NULL
		  GROUP BY coalesce(s.responsible_agency, d.processing_agency, d.agency)) x;
	-- a Form 04 letter is issued by an extension or, on request, for one: an unextended dossier has
	-- none, and its letters' months are not read
	IF d.extended THEN
		SELECT coalesce(array_agg(x.day ORDER BY x.day), '{}'),
			coalesce(array_agg(x.day ORDER BY x.day) FILTER (WHERE x.late), '{}'), count(*)
		INTO f.apology_days, f.apology_late_days, letters
		FROM (SELECT (l.issued_at AT TIME ZONE tz)::date AS day, l.late
			  FROM tthc.letter l WHERE l.dossier = d.id AND l.form = '04') x;
	ELSE
		f.apology_days := '{}';
		f.apology_late_days := '{}';
		letters := 0;
	END IF;
	f.legal_due_at := d.legal_due_at;
	IF d.legal_due_at IS NOT NULL THEN
		f.legal_due_day := (d.legal_due_at AT TIME ZONE tz)::date;
		f.late_day := f.legal_due_day;
		f.soon_day := tthc._rollup_soon_day(d.legal_due_at, d.calendar, tz, lead, f.received_day);
	END IF;
	-- tthc.apology_check's 'missing': owed whatever the time, or once a running dossier is overdue
	f.missing := d.legal_due_at IS NOT NULL AND letters = 0
		AND coalesce(d.extended OR d.finish_outcome = 'late' OR d.stop_outcome = 'late', false);
	f.missing_running := d.legal_due_at IS NOT NULL AND letters = 0 AND NOT f.missing AND d.clock = 'running';
	RETURN f;
END
$$;
COMMENT ON FUNCTION tthc._rollup_fact(tthc.dossier, interval) IS
	'internal: the fact row of a dossier as it stands, with a due-soon lead';
REVOKE ALL ON FUNCTION tthc._rollup_fact(tthc.dossier, interval) FROM PUBLIC;

-- The counter rows of a fact, each with n to add.
CREATE FUNCTION tthc._rollup_rows(f tthc.rollup_fact)
RETURNS TABLE (agency text, procedure text, day date, measure text, bucket int, n bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT f.agency, f.procedure, v.day, v.measure, v.bucket, v.n
FROM (
	VALUES (f.received_day, 'received', 0, 1),
		(f.finished_day, 'resolved', 0, 1),
		(f.finished_day, 'resolved_' || f.outcome::text, 0, 1),
		(f.finished_day, 'days', f.days, 1),
		(f.finished_day, 'supplements', 0, f.supplements),
		(f.finished_day, 'supplements_late', 0, f.supplements_late),
		(f.finished_day, 'supplements_repeated', 0, f.supplements_repeated),
		(f.finished_day, CASE WHEN f.extended AND f.appointment_kept THEN 'extensions_kept'
			WHEN f.extended AND NOT f.appointment_kept THEN 'extensions_broken' END, 0, 1),
		(f.finished_day, 'index1', 0, CASE f.outcome WHEN 'early' THEN 2 WHEN 'on_time' THEN 1 ELSE 0 END),
		(f.finished_day, CASE WHEN f.outcome IS NOT NULL THEN 'index3' END, 0,
			CASE WHEN f.supplements = 0 THEN 2 WHEN f.supplements = 1 THEN 1 ELSE 0 END),
		(f.finished_day, 'index2', 0, f.index2_sum),
		(f.finished_day, 'index2_n', 0, f.index2_n),
		(f.closed_day, CASE f.closed_status WHEN 3 THEN 'refused' WHEN 7 THEN 'withdrawn' WHEN 8 THEN 'stopped' END, 0, 1),
		(CASE WHEN f.missing THEN f.legal_due_day END, 'apologies_missing', 0, 1)
	UNION ALL
	SELECT a, 'apologies_issued', 0, 1 FROM unnest(f.apology_days) a
	UNION ALL
	SELECT a, 'apologies_late', 0, 1 FROM unnest(f.apology_late_days) a
	-- the open states as intervals of days [s, e): on time until due soon, due soon until late, late
	-- until closed; without a legal due (a limit waiting to restart) on time throughout
	UNION ALL
	SELECT g.day, g.m, 0, x.n
	FROM (VALUES
		('open_on_time', f.received_day,
			CASE WHEN f.legal_due_at IS NULL THEN f.closed_day ELSE least(f.soon_day, f.closed_day) END),
		('open_due_soon', CASE WHEN f.legal_due_at IS NOT NULL THEN greatest(f.received_day, f.soon_day) END,
			least(f.late_day, f.closed_day)),
		('open_late', CASE WHEN f.legal_due_at IS NOT NULL THEN greatest(f.received_day, f.late_day) END,
			f.closed_day)) i (m, s, e)
	CROSS JOIN LATERAL (VALUES (i.s, 1), (i.e, -1)) x (day, n)
	-- each delta also in its month's sum, so that a report reads the months before its period, not
	-- every day of the history
	CROSS JOIN LATERAL (VALUES (x.day, i.m),
		(pg_catalog.date_trunc('month', x.day::timestamp)::date, 'month_' || i.m)) g (day, m)
	WHERE f.received_day IS NOT NULL AND i.s IS NOT NULL AND (i.e IS NULL OR i.s < i.e)
) v (day, measure, bucket, n)
WHERE v.day IS NOT NULL AND v.measure IS NOT NULL AND v.bucket IS NOT NULL AND v.n <> 0
$$;
COMMENT ON FUNCTION tthc._rollup_rows(tthc.rollup_fact) IS
	'internal: the counter rows (agency, procedure, day, measure, bucket, n) a fact adds to tthc.rollup';
REVOKE ALL ON FUNCTION tthc._rollup_rows(tthc.rollup_fact) FROM PUBLIC;

-- Consume the queue: recompute the facts of the queued dossiers and apply the difference to the
-- counters; or rebuild everything after a change of calendar data or of the due-soon lead.  One
-- refresh at a time (the state row is locked); a dossier queued by a transaction still running is
-- left for the next refresh.
CREATE FUNCTION tthc.rollup_refresh(OUT dossiers bigint, OUT rebuilt boolean)
RETURNS record
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
-- the queued keys join the facts and the counters by their primary keys, probe by probe: a hash
-- or merge join would read every fact and counter, which the planner prefers while the tables
-- are small, so that a refresh would cost the history stored, not what changed
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
DECLARE
	lead_ interval := tthc.due_soon_lead();
	st tthc.rollup_state;
	agencies text[];
	ids bigint[];
	facts tthc.rollup_fact[];
	zero tthc.rollup[];
BEGIN
	SELECT * INTO STRICT st FROM tthc.rollup_state FOR UPDATE;
	-- the national database holds the provinces' rollups, replicated: recomputing them from its own
	-- dossiers would delete them (doc/topology.md); it records the refresh, so that the report
	-- reads them
	IF tthc.is_national() THEN
		DELETE FROM tthc.rollup_queue;
		UPDATE tthc.rollup_state SET lead = lead_, refreshed_at = pg_catalog.now(), dossiers = 0;
		dossiers := 0;
		rebuilt := false;
		RETURN;
	END IF;
	WITH q AS (DELETE FROM tthc.rollup_queue RETURNING agency, dossier),
	k AS (SELECT DISTINCT q.agency, q.dossier FROM q)
	SELECT coalesce(bool_or(k.dossier IS NULL), false),
		array_agg(k.agency) FILTER (WHERE k.dossier IS NOT NULL),
		array_agg(k.dossier) FILTER (WHERE k.dossier IS NOT NULL)
	INTO rebuilt, agencies, ids FROM k;
	rebuilt := rebuilt OR st.lead IS DISTINCT FROM lead_;
	dossiers := 0;
	IF rebuilt THEN
		DELETE FROM tthc.rollup;
		DELETE FROM tthc.rollup_fact;
		INSERT INTO tthc.rollup_fact SELECT f.* FROM tthc.dossier d, LATERAL tthc._rollup_fact(d, lead_) f;
		GET DIAGNOSTICS dossiers = ROW_COUNT;
		INSERT INTO tthc.rollup (agency, procedure, day, measure, bucket, n)
		SELECT r.agency, r.procedure, r.day, r.measure, r.bucket, sum(r.n)
		FROM tthc.rollup_fact f, LATERAL tthc._rollup_rows(f) r
		GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.n) <> 0;
	ELSIF ids IS NOT NULL THEN
		SELECT array_agg(f) INTO facts
		FROM tthc.dossier d, LATERAL tthc._rollup_fact(d, lead_) f WHERE d.id = ANY (ids);
		-- the old facts out, the new in, in one pass over the counters
		WITH old AS (
			DELETE FROM tthc.rollup_fact t USING unnest(agencies, ids) k (agency, dossier)
			WHERE t.agency = k.agency AND t.dossier = k.dossier
			RETURNING t AS fact),
		delta AS (
			SELECT r.agency, r.procedure, r.day, r.measure, r.bucket, -r.n AS n
			FROM old, LATERAL tthc._rollup_rows(old.fact) r
			UNION ALL
			SELECT r.agency, r.procedure, r.day, r.measure, r.bucket, r.n
			FROM unnest(facts) f, LATERAL tthc._rollup_rows(f) r),
		up AS (
			INSERT INTO tthc.rollup AS c (agency, procedure, day, measure, bucket, n)
			SELECT x.agency, x.procedure, x.day, x.measure, x.bucket, sum(x.n)
			FROM delta x GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.n) <> 0
			ON CONFLICT (agency, procedure, day, measure, bucket) DO UPDATE SET n = c.n + excluded.n
			RETURNING c)
		SELECT array_agg(up.c) FILTER (WHERE (up.c).n = 0) INTO zero FROM up;
		INSERT INTO tthc.rollup_fact SELECT f.* FROM unnest(facts) f;
		GET DIAGNOSTICS dossiers = ROW_COUNT;
		DELETE FROM tthc.rollup c USING unnest(zero) z
		WHERE c.agency = z.agency AND c.procedure = z.procedure AND c.day = z.day
		  AND c.measure = z.measure AND c.bucket = z.bucket AND c.n = 0;
	END IF;
	UPDATE tthc.rollup_state SET lead = lead_, refreshed_at = pg_catalog.now(),
		dossiers = rollup_refresh.dossiers;
END
$$;
COMMENT ON FUNCTION tthc.rollup_refresh() IS
	'brings the report''s rollups up to date: recomputes the facts of the dossiers changed since the last refresh and applies the difference to the counters (a rebuild after a change of calendar data or of tthc.due_soon_lead); in the national database only records the refresh of the replicated rollups; returns the dossiers recomputed and whether it rebuilt';
REVOKE ALL ON FUNCTION tthc.rollup_refresh() FROM PUBLIC;

-- The report's rows from the rollups, unordered: the same rows as tthc._report_rows, windows and
-- all.  The open dossiers at a window's end are the open_* deltas up to its last day, the backlog
-- those up to the day before its first; the deltas before the period are summed once.  The
-- apologies missing of running dossiers depend on tthc.now(): they are counted from the facts.
CREATE FUNCTION tthc._report_rollup(period_from date, period_to date, by text)
RETURNS TABLE (group_key text, group_name text, received bigint,
	resolved_early bigint, resolved_on_time bigint, resolved_late bigint,
	pending_on_time bigint, pending_due_soon bigint, pending_late bigint,
	withdrawn bigint, refused bigint, stopped bigint, backlog_start bigint,
	on_time_rate numeric, late_rate numeric, days_avg numeric, days_p90 numeric,
	supplements_per_dossier numeric, supplements_late bigint, supplements_repeated bigint,
	apologies_issued bigint, apologies_late bigint, apologies_missing bigint,
	extensions_kept bigint, extensions_broken bigint,
	index1_avg numeric, index2_avg numeric, index3_avg numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
WITH w AS (
	SELECT period_from AS wf, period_to AS wt, NULL::text AS mkey WHERE $3 <> 'month'
	UNION ALL
	SELECT greatest(m::date, period_from), least((m + interval '1 month')::date - 1, period_to),
		to_char(m, 'YYYY-MM')
	FROM generate_series(date_trunc('month', period_from::timestamp), period_to::timestamp, interval '1 month') m
	WHERE $3 = 'month'
),
-- the counters of each window, and the open deltas before it, summed by group in one pass: the
-- deltas of the months before the period's month by their monthly sums, those of its first days one
-- by one, so that the history before a period costs a row per month, not per day
c AS (
	SELECT r.agency, r.procedure, r.day, r.measure, r.bucket, r.n
	FROM tthc.rollup r
	WHERE r.day BETWEEN pg_catalog.date_trunc('month', period_from::timestamp)::date AND period_to
	  AND r.measure NOT LIKE 'month\_%' AND (r.day >= period_from OR r.measure LIKE 'open\_%')
	UNION ALL
	SELECT r.agency, r.procedure, r.day, pg_catalog.substr(r.measure, 7), r.bucket, r.n
	FROM tthc.rollup r
	WHERE r.measure LIKE 'month\_%' AND r.day < pg_catalog.date_trunc('month', period_from::timestamp)::date
	UNION ALL
	-- running dossiers without an apology, missing once their legal due has passed
	SELECT f.agency, f.procedure, f.legal_due_day, 'apologies_missing', 0, 1
	FROM tthc.rollup_fact f
	WHERE f.missing_running AND f.legal_due_at < tthc.now()
	  AND f.legal_due_day BETWEEN period_from AND period_to
),
y AS (
	SELECT coalesce(w.mkey, CASE $3 WHEN 'agency' THEN c.agency WHEN 'sector' THEN p.sector
			WHEN 'procedure' THEN c.procedure END) AS rkey,
		CASE WHEN w.mkey IS NOT NULL THEN 'tháng ' || to_char(w.wf, 'MM/YYYY')
			ELSE CASE $3 WHEN 'agency' THEN a.name WHEN 'sector' THEN s.name WHEN 'procedure' THEN p.name END END AS rname,
		c.day >= w.wf AS in_w, c.day < w.wf AS before, c.measure, c.bucket, sum(c.n) AS n
	FROM c
	JOIN w ON c.day <= w.wt AND (c.day >= w.wf OR c.measure LIKE 'open\_%')
	JOIN tthc.agency a ON a.code = c.agency
	JOIN tthc.procedure p ON p.code = c.procedure
	LEFT JOIN tthc.sector s ON s.code = p.sector
	GROUP BY 1, 2, 3, 4, 5, 6
),
r AS (
	SELECT y.rkey AS gkey, min(y.rname) AS gname,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'received'), 0)::bigint AS received,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'resolved'), 0)::bigint AS resolved,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'resolved_early'), 0)::bigint AS resolved_early,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'resolved_on_time'), 0)::bigint AS resolved_on_time,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'resolved_late'), 0)::bigint AS resolved_late,
		coalesce(sum(y.n) FILTER (WHERE y.measure = 'open_on_time'), 0)::bigint AS pending_on_time,
		coalesce(sum(y.n) FILTER (WHERE y.measure = 'open_due_soon'), 0)::bigint AS pending_due_soon,
		coalesce(sum(y.n) FILTER (WHERE y.measure = 'open_late'), 0)::bigint AS pending_late,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'withdrawn'), 0)::bigint AS withdrawn,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'refused'), 0)::bigint AS refused,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'stopped'), 0)::bigint AS stopped,
		coalesce(sum(y.n) FILTER (WHERE y.before AND y.measure LIKE 'open\_%'), 0)::bigint AS backlog_start,
		sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'days') AS days_n,
		sum(y.n * y.bucket) FILTER (WHERE y.in_w AND y.measure = 'days') AS days_sum,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'supplements'), 0) AS supplements,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'supplements_late'), 0)::bigint AS supplements_late,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'supplements_repeated'), 0)::bigint AS supplements_repeated,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'apologies_issued'), 0)::bigint AS apologies_issued,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'apologies_late'), 0)::bigint AS apologies_late,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'apologies_missing'), 0)::bigint AS apologies_missing,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'extensions_kept'), 0)::bigint AS extensions_kept,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'extensions_broken'), 0)::bigint AS extensions_broken,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'index1'), 0) AS index1,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'index2'), 0) AS index2,
		sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'index2_n') AS index2_n,
		coalesce(sum(y.n) FILTER (WHERE y.in_w AND y.measure = 'index3'), 0) AS index3
	FROM y
	GROUP BY y.rkey
),
-- the 90th percentile of the working days taken, interpolated as percentile_cont does
dd AS (
	SELECT y.rkey, y.bucket AS v, sum(y.n) AS n FROM y
	WHERE y.in_w AND y.measure = 'days' GROUP BY 1, 2 HAVING sum(y.n) > 0
),
dc AS (
	SELECT dd.rkey, dd.v, sum(dd.n) OVER (PARTITION BY dd.rkey ORDER BY dd.v) AS cum,
		0.9::float8 * (sum(dd.n) OVER (PARTITION BY dd.rkey) - 1)::float8 AS pos
	FROM dd
),
p90 AS (
	SELECT dc.rkey, min(dc.v) FILTER (WHERE dc.cum > floor(dc.pos)) AS lo,
		min(dc.v) FILTER (WHERE dc.cum > ceil(dc.pos)) AS hi, min(dc.pos) AS pos
	FROM dc GROUP BY dc.rkey
)
SELECT r.gkey, r.gname, r.received, r.resolved_early, r.resolved_on_time, r.resolved_late,
	r.pending_on_time, r.pending_due_soon, r.pending_late, r.withdrawn, r.refused, r.stopped,
	r.backlog_start,
	round((r.resolved_early + r.resolved_on_time)::numeric / nullif(r.received, 0), 4),
	round((r.pending_late + r.resolved_late)::numeric / nullif(r.received + r.backlog_start, 0), 4),
	round(r.days_sum::numeric / nullif(r.days_n, 0), 2),
	round((p.lo::float8 + (p.hi::float8 - p.lo::float8) * (p.pos - floor(p.pos)))::numeric, 2),
	round(r.supplements::numeric / nullif(r.resolved, 0), 2),
	r.supplements_late, r.supplements_repeated,
	r.apologies_issued, r.apologies_late, r.apologies_missing, r.extensions_kept, r.extensions_broken,
	round(r.index1::numeric / nullif(r.resolved_early + r.resolved_on_time + r.resolved_late, 0), 2),
	round(r.index2::numeric / nullif(r.index2_n, 0), 2),
	round(r.index3::numeric / nullif(r.resolved_early + r.resolved_on_time + r.resolved_late, 0), 2)
FROM r
LEFT JOIN p90 p ON p.rkey IS NOT DISTINCT FROM r.gkey
WHERE r.received + r.resolved_early + r.resolved_on_time + r.resolved_late + r.pending_on_time
	+ r.pending_due_soon + r.pending_late + r.withdrawn + r.refused + r.stopped + r.apologies_issued
	+ r.apologies_missing > 0
$$;
COMMENT ON FUNCTION tthc._report_rollup(date, date, text) IS
	'internal: the unordered rows of tthc.report, read from the rollups (tthc.rollup, and tthc.rollup_fact for the apologies missing at tthc.now())';
REVOKE ALL ON FUNCTION tthc._report_rollup(date, date, text) FROM PUBLIC;

CREATE FUNCTION tthc.report(period_from date, period_to date, by text DEFAULT 'agency')
RETURNS TABLE (group_key text, group_name text, received bigint,
	resolved_early bigint, resolved_on_time bigint, resolved_late bigint,
	pending_on_time bigint, pending_due_soon bigint, pending_late bigint,
	withdrawn bigint, refused bigint, stopped bigint, backlog_start bigint,
	on_time_rate numeric, late_rate numeric, days_avg numeric, days_p90 numeric,
	supplements_per_dossier numeric, supplements_late bigint, supplements_repeated bigint,
	apologies_issued bigint, apologies_late bigint, apologies_missing bigint,
	extensions_kept bigint, extensions_broken bigint,
	index1_avg numeric, index2_avg numeric, index3_avg numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	rollups boolean;
BEGIN
	IF period_from IS NULL OR period_to IS NULL OR by IS NULL THEN
		RAISE EXCEPTION 'report period and grouping must not be null'
			USING ERRCODE = '22004', HINT = 'Give both days of the period and one of agency, sector, procedure, month.';
	END IF;
	IF by NOT IN ('agency', 'sector', 'procedure', 'month') THEN
		RAISE EXCEPTION 'invalid report grouping "%"', by
			USING ERRCODE = '22023', HINT = 'Group by agency, sector, procedure or month.';
	END IF;
	IF period_from > period_to THEN
		RAISE EXCEPTION 'report period starts on "%" after it ends on "%"', period_from, period_to
			USING ERRCODE = '22023', HINT = 'Give the first day of the period before its last.';
	END IF;
	-- the rollups as of the last tthc.rollup_refresh(); the dossier tables when the rollups were
	-- never built, or were built with another due-soon lead than this session's
	SELECT s.refreshed_at IS NOT NULL AND s.lead = tthc.due_soon_lead() INTO rollups FROM tthc.rollup_state s;
	-- names in Vietnamese order where the server has ICU; months in calendar order
	RETURN QUERY EXECUTE format(
		'SELECT * FROM tthc.%I($1, $2, $3) x ORDER BY CASE WHEN $3 = ''month'' THEN x.group_key END, x.group_name %s, x.group_key',
		CASE WHEN rollups THEN '_report_rollup' ELSE '_report_rows' END,
		CASE WHEN EXISTS (SELECT FROM pg_catalog.pg_collation WHERE collname = 'vi-x-icu') THEN 'COLLATE "vi-x-icu"' END)
	USING period_from, period_to, by;
END
$$;
COMMENT ON FUNCTION tthc.report(date, date, text) IS
	'the analysts'' report over a period of local days, one row per agency, sector, procedure or month, read from the rollups as of the last tthc.rollup_refresh(): received, resolved early / on time / late, pending on time / due soon / late at the end, on-time and late rates, working days taken, supplements, apologies, extensions and the Circular 01/2018 Art. 13 indices';
