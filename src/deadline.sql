-- deadline.sql: due dates of dossiers.

CREATE TYPE tthc.counting AS ENUM ('civil_code', 'working_time');
COMMENT ON TYPE tthc.counting IS
	'how a time limit is counted: civil_code (Civil Code 2015 Arts. 147-148, whole days, the default) or working_time (one-stop practice, from the receipt instant)';

-- deem_receipt: a receipt outside working time counts as made at the first working moment of the
-- next working day (State Treasury Circular 87/2021 Art. 10; Customs Decision 2988/QĐ-TCHQ
-- Art. 7(5)); false, the default, is the Civil Code alone (Art. 147(2)).
CREATE FUNCTION tthc.due_date(received timestamptz, t tthc.term, calendar text DEFAULT NULL,
	counting tthc.counting DEFAULT 'civil_code', cutoff time DEFAULT NULL,
	deem_receipt boolean DEFAULT false)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_due_date'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_date(timestamptz, tthc.term, text, tthc.counting, time, boolean) IS
	'legal due day of a dossier received at an instant with a time limit (NULL calendar: tthc.default_calendar; deem_receipt: a receipt outside working time counts from the next working moment)';

CREATE FUNCTION tthc.due_at(received timestamptz, t tthc.term, calendar text DEFAULT NULL,
	counting tthc.counting DEFAULT 'civil_code', cutoff time DEFAULT NULL,
	deem_receipt boolean DEFAULT false)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'tthc_due_at'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.due_at(timestamptz, tthc.term, text, tthc.counting, time, boolean) IS
	'due instant of a dossier: the end of working time (or 24:00, tthc.due_time) of its due day, or the end of a period in hours';
