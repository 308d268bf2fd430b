-- time.sql: sections 2 and 3, tthc.add_working_time(t, interval) and
-- tthc.working_time_between(a, b) against t + interval, b - a and what applications write.

INSERT INTO bench.query (section, side, label, sql, nrows, runs) VALUES
(2, 'floor', 'scan + max(t), no arithmetic',
	'SELECT max(t) FROM bench.times', :rows, :runs),
(2, 'builtin', 't + dur (built-in timestamptz + interval)',
	'SELECT max(t + dur) FROM bench.times', :rows, :runs),
(2, 'tthc', 'tthc.add_working_time(t, dur)',
	'SELECT max(tthc.add_working_time(t, dur)) FROM bench.times', :rows, :runs),
(2, 'sql', '(b) SQL running sum over bench.session',
	'SELECT max(bench.add_working_time_sql(t, dur)) FROM bench.times_subset', :subset, :slowruns),
(2, 'plpgsql', '(c) PL/pgSQL day-by-day loop, bench.holiday',
	'SELECT max(bench.add_working_time_plpgsql(t, dur)) FROM bench.times_subset', :subset, :slowruns),
(3, 'floor', 'scan + max(b), no arithmetic',
	'SELECT max(b) FROM bench.times', :rows, :runs),
(3, 'builtin', 'b - t (built-in timestamptz - timestamptz)',
	'SELECT max(b - t) FROM bench.times', :rows, :runs),
(3, 'tthc', 'tthc.working_time_between(t, b)',
	'SELECT max(tthc.working_time_between(t, b)) FROM bench.times', :rows, :runs),
(3, 'sql', '(b) SQL sum of tstzrange overlaps',
	'SELECT max(bench.working_time_between_sql(t, b)) FROM bench.times_subset', :subset, :slowruns),
(3, 'plpgsql', '(c) PL/pgSQL day-by-day loop, bench.holiday',
	'SELECT max(bench.working_time_between_plpgsql(t, b)) FROM bench.times_subset', :subset, :slowruns);

INSERT INTO bench.agreement
SELECT 2, 'sql', count(*),
	count(*) FILTER (WHERE bench.add_working_time_sql(t, dur) IS DISTINCT FROM tthc.add_working_time(t, dur))
FROM bench.times_subset;
INSERT INTO bench.agreement
SELECT 2, 'plpgsql', count(*),
	count(*) FILTER (WHERE bench.add_working_time_plpgsql(t, dur) IS DISTINCT FROM tthc.add_working_time(t, dur))
FROM bench.times_subset;
INSERT INTO bench.agreement
SELECT 3, 'sql', count(*),
	count(*) FILTER (WHERE bench.working_time_between_sql(t, b) IS DISTINCT FROM tthc.working_time_between(t, b))
FROM bench.times_subset;
INSERT INTO bench.agreement
SELECT 3, 'plpgsql', count(*),
	count(*) FILTER (WHERE bench.working_time_between_plpgsql(t, b) IS DISTINCT FROM tthc.working_time_between(t, b))
FROM bench.times_subset;

CALL bench.measure(2);
CALL bench.measure(3);
