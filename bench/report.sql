-- report.sql: the table make bench prints, from bench.run.

\pset footer off
\pset null ''

CREATE FUNCTION bench.fmt(x float8, digits int DEFAULT 1)
RETURNS text LANGUAGE sql IMMUTABLE
RETURN CASE WHEN x IS NULL THEN NULL
	WHEN digits = 0 THEN to_char(x, 'FM999,999,999,990')
	ELSE to_char(x, 'FM999,999,999,990.' || repeat('0', digits)) END;

-- one line per query: best and median of its timed runs, per row, and the ratios
CREATE VIEW bench.summary AS
WITH t AS (
	SELECT q.section, q.side, q.label, q.nrows, count(*) AS nruns, min(r.ms) AS best,
		percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms) AS median,
		min(r.ms) / q.nrows * 1e6 AS ns_per_row
	FROM bench.query q JOIN bench.run r USING (section, side)
	GROUP BY q.section, q.side, q.label, q.nrows
)
SELECT t.*,
	t.ns_per_row - f.ns_per_row AS extra_ns_per_row,
	CASE t.side
		WHEN 'tthc' THEN t.ns_per_row / b.ns_per_row
		WHEN 'sql' THEN t.ns_per_row / x.ns_per_row
		WHEN 'plpgsql' THEN t.ns_per_row / x.ns_per_row
	END AS ratio,
	CASE
		WHEN t.side = 'tthc' AND t.section = 1 THEN 1.5
		WHEN t.side IN ('sql', 'plpgsql') THEN 100
	END AS target,
	a.checked, a.differ
FROM t
	LEFT JOIN t f ON f.section = t.section AND f.side = 'floor'
	LEFT JOIN t b ON b.section = t.section AND b.side = 'builtin'
	LEFT JOIN t x ON x.section = t.section AND x.side = 'tthc'
	LEFT JOIN bench.agreement a ON (a.section, a.side) = (t.section, t.side);

CREATE FUNCTION bench.verdict(side text, ratio float8, target numeric)
RETURNS text LANGUAGE sql IMMUTABLE
RETURN CASE
	WHEN target IS NULL THEN ''
	WHEN side = 'tthc' THEN CASE WHEN ratio <= target THEN 'PASS' ELSE 'MISS' END || ' (<= ' || target || 'x)'
	ELSE CASE WHEN ratio >= target THEN 'PASS' ELSE 'MISS' END || ' (>= ' || target || 'x)' END;

CREATE FUNCTION bench.print_section(sec int) RETURNS TABLE (
	"query" text, "rows" text, "runs" int, "best ms" text, "median ms" text,
	"ms per 1M rows" text, "ns/row over scan" text, "ratio" text, "target" text, "agrees with tthc" text)
LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT s.label,
		bench.fmt(s.nrows, 0),
		s.nruns::int,
		bench.fmt(s.best),
		bench.fmt(s.median),
		bench.fmt(s.ns_per_row, 0) || CASE WHEN s.side IN ('sql', 'plpgsql') THEN ' (extrapolated)' ELSE '' END,
		CASE WHEN s.side <> 'floor' THEN bench.fmt(s.extra_ns_per_row, 0) END,
		CASE s.side
			WHEN 'tthc' THEN bench.fmt(s.ratio, 2) || 'x built-in'
			WHEN 'sql' THEN bench.fmt(s.ratio, 0) || 'x tthc'
			WHEN 'plpgsql' THEN bench.fmt(s.ratio, 0) || 'x tthc'
		END,
		bench.verdict(s.side, s.ratio, s.target),
		CASE WHEN s.checked IS NOT NULL THEN
			CASE WHEN s.differ = 0 THEN 'yes, ' || s.checked || ' rows' ELSE s.differ || ' of ' || s.checked || ' rows DIFFER' END
		END
	FROM bench.summary s
	WHERE s.section = sec
	ORDER BY bench.side_order(s.side);
END;

\echo
\echo '1. tthc.add_working_days(d, n): d in 2019..2027, n in 1..60'
SELECT * FROM bench.print_section(1);
\echo '2. tthc.add_working_time(t, dur): t any instant in 2019..2027, dur 1 minute to 75 hours'
SELECT * FROM bench.print_section(2);
\echo '3. tthc.working_time_between(t, b): b up to 30 days after t'
SELECT * FROM bench.print_section(3);
\echo '4. tthc.due_date(received, ''10 ngày làm việc''): received any instant in 2019..2027'
SELECT * FROM bench.print_section(4);

\echo 'Targets (design.md, Quality bars): working-day arithmetic over a million rows at most 1.5x the'
\echo 'built-in date + int in the same run, and at least 100x less than a plain SQL or PL/pgSQL loop.'
SELECT string_agg(format('  %s  %s: %s', bench.verdict(s.side, s.ratio, s.target),
		CASE s.side WHEN 'tthc' THEN s.label || ' vs built-in' ELSE s.label || ' vs tthc' END,
		bench.fmt(s.ratio, CASE WHEN s.side = 'tthc' THEN 2 ELSE 0 END) || 'x'),
	E'\n' ORDER BY s.section, bench.side_order(s.side)) AS targets
FROM bench.summary s WHERE s.target IS NOT NULL \gset
\echo :targets
SELECT count(*) FILTER (WHERE bench.verdict(side, ratio, target) LIKE 'PASS%') AS npass,
	count(*) FILTER (WHERE bench.verdict(side, ratio, target) LIKE 'MISS%') AS nmiss
FROM bench.summary WHERE target IS NOT NULL \gset
\echo '  targets met:' :npass 'passed,' :nmiss 'missed (a measurement, not a test: make bench exits 0 either way)'
