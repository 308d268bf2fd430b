-- lunar.sql: the Vietnamese lunisolar calendar (âm lịch), reckoned for UTC+7.
--
-- Supported: lunar years 1900 to 2199, i.e. solar dates 1900-01-31 to 2200-02-14 (doc/lunar.md).
-- Both functions are pure computations on their arguments: IMMUTABLE, usable in indexes.

CREATE FUNCTION tthc.to_lunar(
	d date,
	OUT year int,
	OUT month int,
	OUT day int,
	OUT is_leap boolean)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_to_lunar'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.to_lunar(date) IS
	'Vietnamese lunar date (UTC+7 reckoning) of a solar date: year, month, day and whether the month is the leap month';

CREATE FUNCTION tthc.from_lunar(
	year int,
	month int,
	day int,
	is_leap boolean DEFAULT false)
RETURNS date
AS 'MODULE_PATHNAME', 'tthc_from_lunar'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.from_lunar(int, int, int, boolean) IS
	'solar date of a Vietnamese lunar date (UTC+7 reckoning); is_leap selects the leap month of that number';
