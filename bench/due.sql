-- due.sql: section 4, tthc.due_date(received, '10 ngày làm việc') against received::date + 14,
-- the calendar-day approximation (ten working days are two weeks when no holiday intervenes).

INSERT INTO bench.query (section, side, label, sql, nrows, runs) VALUES
(4, 'floor', 'scan + max(t), no arithmetic',
	'SELECT max(t) FROM bench.times', :rows, :runs),
(4, 'builtin', 't::date + 14 (reference)',
	'SELECT max(t::date + 14) FROM bench.times', :rows, :runs),
(4, 'tthc', 'tthc.due_date(t, ''10 ngày làm việc'')',
	'SELECT max(tthc.due_date(t, ''10 ngày làm việc'')) FROM bench.times', :rows, :runs);

CALL bench.measure(4);
