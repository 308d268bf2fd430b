-- days.sql: section 1, tthc.add_working_days(d, n) against d + n and what applications write.

INSERT INTO bench.query (section, side, label, sql, nrows, runs) VALUES
(1, 'floor', 'scan + max(d), no arithmetic',
	'SELECT max(d) FROM bench.days', :rows, :runs),
(1, 'builtin', 'd + n (built-in date + int)',
	'SELECT max(d + n) FROM bench.days', :rows, :runs),
(1, 'tthc', 'tthc.add_working_days(d, n)',
	'SELECT max(tthc.add_working_days(d, n)) FROM bench.days', :rows, :runs),
(1, 'sql', '(b) SQL function over bench.working_day',
	'SELECT max(bench.add_working_days_sql(d, n)) FROM bench.days_subset', :subset, :slowruns),
(1, 'plpgsql', '(c) PL/pgSQL day-by-day loop, bench.holiday',
	'SELECT max(bench.add_working_days_plpgsql(d, n)) FROM bench.days_subset', :subset, :slowruns);

-- the baselines must answer what tthc answers (this run is also their warm-up)
INSERT INTO bench.agreement
SELECT 1, 'sql', count(*),
	count(*) FILTER (WHERE bench.add_working_days_sql(d, n) IS DISTINCT FROM tthc.add_working_days(d, n))
FROM bench.days_subset;
INSERT INTO bench.agreement
SELECT 1, 'plpgsql', count(*),
	count(*) FILTER (WHERE bench.add_working_days_plpgsql(d, n) IS DISTINCT FROM tthc.add_working_days(d, n))
FROM bench.days_subset;

CALL bench.measure(1);
