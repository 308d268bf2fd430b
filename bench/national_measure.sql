-- One measurement of the national-scale bench (tools/bench_national.sh) after a phase of the
-- generator: the sweep over the whole table at the phase's last day (nothing new to notice; the
-- median of 51 runs in one session, the first of which also pays the session's plan and compile
-- costs), the rollups brought up to date (one run: it consumes the queue; the dossiers it
-- recomputed are stored with it, since their number depends on the weekday the phase ends), the
-- report of the phase's last year from the rollups (tthc.report, median of 5) and from the
-- dossier tables (tthc._report_rows, median of 3), after the statistics are brought up to date, and the sizes of the tables and their indexes.
-- A figure of a few ms measured once is noise; the medians make the growth ratios mean something.
-- Stores its figures in tthc_gen.measure under :phase.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET timezone = 'Asia/Ho_Chi_Minh';
SET max_parallel_workers_per_gather = 0;
CREATE TABLE IF NOT EXISTS tthc_gen.measure (phase int, metric text, value numeric, PRIMARY KEY (phase, metric));
DELETE FROM tthc_gen.measure WHERE phase = :phase;
SELECT max(day) AS last_day, extract(year FROM max(day) - 364)::int AS year FROM tthc_gen.day_log \gset
SELECT set_config('tthc.now', ((date :'last_day' + 1)::timestamp - interval '1 minute')::timestamptz::text, false) \g /dev/null
SELECT set_config('bench.phase', :'phase', false), set_config('bench.year', :'year', false) \g /dev/null
-- the calendar is compiled once per session: before any clock starts
SELECT tthc.add_working_time(tthc.now(), interval '1 hour', 'national') \g /dev/null
DO $$
DECLARE
	ph int := current_setting('bench.phase')::int;
	yr int := current_setting('bench.year')::int;
	t0 timestamptz;
	ms float8[];
	n bigint;
	median constant text := 'SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FROM unnest($1) x';
	m float8;
BEGIN
	ms := '{}';
	FOR k IN 1..51 LOOP
		t0 := clock_timestamp();
		PERFORM tthc.sweep();
		ms := ms || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
	END LOOP;
	EXECUTE median INTO m USING ms;
	INSERT INTO tthc_gen.measure VALUES (ph, 'sweep_none_ms', m), (ph, 'sweep_none_first_ms', ms[1]);
	SELECT count(DISTINCT q.dossier) INTO n FROM tthc.rollup_queue q;
	t0 := clock_timestamp();
	PERFORM tthc.rollup_refresh();
	INSERT INTO tthc_gen.measure VALUES (ph, 'refresh_ms', extract(epoch FROM clock_timestamp() - t0) * 1000),
		(ph, 'refresh_dossiers', n);
	-- the statistics autovacuum keeps, as an analyst's report finds them; a load of a year in a
	-- minute outruns it, and the plans would read stale row counts
	ANALYZE tthc.rollup;
	ANALYZE tthc.rollup_fact;
	ANALYZE tthc.dossier;
	ms := '{}';
	FOR k IN 1..5 LOOP
		t0 := clock_timestamp();
		PERFORM count(*) FROM tthc.report(make_date(yr, 1, 1), make_date(yr, 12, 31), 'agency');
		ms := ms || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
	END LOOP;
	EXECUTE median INTO m USING ms;
	INSERT INTO tthc_gen.measure VALUES (ph, 'report_rollup_ms', m);
	ms := '{}';
	FOR k IN 1..3 LOOP
		t0 := clock_timestamp();
		PERFORM count(*) FROM tthc._report_rows(make_date(yr, 1, 1), make_date(yr, 12, 31), 'agency');
		ms := ms || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
	END LOOP;
	EXECUTE median INTO m USING ms;
	INSERT INTO tthc_gen.measure VALUES (ph, 'report_raw_ms', m);
	SELECT count(*) INTO n FROM tthc.dossier;
	INSERT INTO tthc_gen.measure VALUES (ph, 'dossiers', n), (ph, 'report_year', yr),
		(ph, 'events', (SELECT count(*) FROM tthc.dossier_event)),
		(ph, 'open', (SELECT count(*) FROM tthc.dossier WHERE status IN (2, 4, 5, 6)));
	-- a partitioned table's size is the sum of its partitions'
	INSERT INTO tthc_gen.measure
	SELECT ph, 'size:' || t.root || ':' || s.part, s.bytes
	FROM (SELECT r.relname AS root, sum(pg_table_size(c.oid))::bigint AS tbl,
			sum(pg_indexes_size(c.oid))::bigint AS idx
		  FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		  JOIN pg_class r ON r.oid = coalesce(pg_partition_root(c.oid), c.oid)
		  WHERE ns.nspname = 'tthc' AND c.relkind = 'r' GROUP BY r.relname) t,
		LATERAL (VALUES ('table', t.tbl), ('indexes', t.idx)) s (part, bytes)
	WHERE t.tbl + t.idx > 65536;
END $$;
