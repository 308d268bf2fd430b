-- One province-year, 2025 by agency: milliseconds from the rollups (best of 3) and from the
-- dossier tables (one run), and the rows on which the two differ (0 expected).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET timezone = 'Asia/Ho_Chi_Minh';
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE t (side text, ms numeric);
DO $$
DECLARE t0 timestamptz;
BEGIN
	FOR k IN 1..3 LOOP
		t0 := clock_timestamp();
		PERFORM count(*) FROM tthc._report_rollup('2025-01-01', '2025-12-31', 'agency');
		INSERT INTO t VALUES ('rollup', extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
	t0 := clock_timestamp();
	PERFORM count(*) FROM tthc._report_rows('2025-01-01', '2025-12-31', 'agency');
	INSERT INTO t VALUES ('raw', extract(epoch FROM clock_timestamp() - t0) * 1000);
END $$;
SELECT round(min(ms) FILTER (WHERE side = 'rollup')) || '|' || round(min(ms) FILTER (WHERE side = 'raw')) || '|' ||
	(SELECT count(*) FROM (
		(SELECT * FROM tthc._report_rows('2025-01-01', '2025-12-31', 'agency') EXCEPT ALL
		 SELECT * FROM tthc._report_rollup('2025-01-01', '2025-12-31', 'agency'))
		UNION ALL
		(SELECT * FROM tthc._report_rollup('2025-01-01', '2025-12-31', 'agency') EXCEPT ALL
		 SELECT * FROM tthc._report_rows('2025-01-01', '2025-12-31', 'agency'))) x)
FROM t;
