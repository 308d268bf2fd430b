-- term.sql: tthc.term, the time limit of a procedure (thời hạn giải quyết) with its unit.
-- Decree 63/2010/NĐ-CP Art. 8: each procedure states its time limit with its unit.  Weeks, months
-- and years are counted as Civil Code 2015 Arts. 147-148 say (deadline.c).
--
-- Every function here depends on its arguments only (no settings, no tables), hence IMMUTABLE and
-- PARALLEL SAFE; all are STRICT, so NULL in gives NULL out.

CREATE TYPE tthc.term;

CREATE FUNCTION tthc.term_in(cstring)
RETURNS tthc.term
AS 'MODULE_PATHNAME', 'term_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_in(cstring) IS 'input function of tthc.term: parses ''10 ngày làm việc'', ''15 days'', ''trong ngày''';

CREATE FUNCTION tthc.term_out(tthc.term)
RETURNS cstring
AS 'MODULE_PATHNAME', 'term_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_out(tthc.term) IS 'output function of tthc.term: the canonical Vietnamese form';

CREATE FUNCTION tthc.term_recv(internal)
RETURNS tthc.term
AS 'MODULE_PATHNAME', 'term_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_recv(internal) IS 'binary input function of tthc.term: int4 amount, int4 unit, checked';

CREATE FUNCTION tthc.term_send(tthc.term)
RETURNS bytea
AS 'MODULE_PATHNAME', 'term_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_send(tthc.term) IS 'binary output function of tthc.term: int4 amount, int4 unit';

CREATE TYPE tthc.term (
	INPUT = tthc.term_in,
	OUTPUT = tthc.term_out,
	RECEIVE = tthc.term_recv,
	SEND = tthc.term_send,
	INTERNALLENGTH = 8,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE tthc.term IS 'time limit of a procedure: an amount with its unit (working days, calendar days, working hours, hours, weeks, months, years) or same day';

-- Comparison.  The order (unit, then amount) exists for sorting, grouping and indexes; it is not an
-- order by duration, which needs a calendar.  So the ordering operators are spelled ~<~ and so on,
-- like text_pattern_ops, and the plain < > operators are deliberately absent.

CREATE FUNCTION tthc.term_eq(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_eq(tthc.term, tthc.term) IS 'same amount and same unit';

CREATE FUNCTION tthc.term_ne(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_ne(tthc.term, tthc.term) IS 'different amount or different unit';

CREATE FUNCTION tthc.term_lt(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_lt(tthc.term, tthc.term) IS 'sorts before (by unit, then amount; not shorter)';

CREATE FUNCTION tthc.term_le(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_le(tthc.term, tthc.term) IS 'sorts before or equal (by unit, then amount; not shorter)';

CREATE FUNCTION tthc.term_gt(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_gt(tthc.term, tthc.term) IS 'sorts after (by unit, then amount; not longer)';

CREATE FUNCTION tthc.term_ge(tthc.term, tthc.term)
RETURNS boolean
AS 'MODULE_PATHNAME', 'term_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_ge(tthc.term, tthc.term) IS 'sorts after or equal (by unit, then amount; not longer)';

CREATE FUNCTION tthc.term_cmp(tthc.term, tthc.term)
RETURNS integer
AS 'MODULE_PATHNAME', 'term_cmp_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_cmp(tthc.term, tthc.term) IS 'btree support: -1, 0 or 1 by unit, then amount';

CREATE FUNCTION tthc.term_hash(tthc.term)
RETURNS integer
AS 'MODULE_PATHNAME', 'term_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_hash(tthc.term) IS 'hash support: 32-bit hash of a term';

CREATE FUNCTION tthc.term_hash_extended(tthc.term, bigint)
RETURNS bigint
AS 'MODULE_PATHNAME', 'term_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION tthc.term_hash_extended(tthc.term, bigint) IS 'hash support: 64-bit seeded hash of a term';

CREATE OPERATOR tthc.= (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_eq,
	COMMUTATOR = OPERATOR(tthc.=), NEGATOR = OPERATOR(tthc.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR tthc.= (tthc.term, tthc.term) IS 'same amount and same unit';

CREATE OPERATOR tthc.<> (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_ne,
	COMMUTATOR = OPERATOR(tthc.<>), NEGATOR = OPERATOR(tthc.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR tthc.<> (tthc.term, tthc.term) IS 'different amount or different unit';

CREATE OPERATOR tthc.~<~ (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_lt,
	COMMUTATOR = OPERATOR(tthc.~>~), NEGATOR = OPERATOR(tthc.~>=~),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR tthc.~<~ (tthc.term, tthc.term) IS 'sorts before (by unit, then amount; not shorter)';

CREATE OPERATOR tthc.~<=~ (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_le,
	COMMUTATOR = OPERATOR(tthc.~>=~), NEGATOR = OPERATOR(tthc.~>~),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR tthc.~<=~ (tthc.term, tthc.term) IS 'sorts before or equal (by unit, then amount; not shorter)';

CREATE OPERATOR tthc.~>~ (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_gt,
	COMMUTATOR = OPERATOR(tthc.~<~), NEGATOR = OPERATOR(tthc.~<=~),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR tthc.~>~ (tthc.term, tthc.term) IS 'sorts after (by unit, then amount; not longer)';

CREATE OPERATOR tthc.~>=~ (
	LEFTARG = tthc.term, RIGHTARG = tthc.term, FUNCTION = tthc.term_ge,
	COMMUTATOR = OPERATOR(tthc.~<=~), NEGATOR = OPERATOR(tthc.~<~),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR tthc.~>=~ (tthc.term, tthc.term) IS 'sorts after or equal (by unit, then amount; not longer)';

CREATE OPERATOR CLASS tthc.term_ops
DEFAULT FOR TYPE tthc.term USING btree AS
	OPERATOR 1 tthc.~<~,
	OPERATOR 2 tthc.~<=~,
	OPERATOR 3 tthc.=,
	OPERATOR 4 tthc.~>=~,
	OPERATOR 5 tthc.~>~,
	FUNCTION 1 tthc.term_cmp(tthc.term, tthc.term);
COMMENT ON OPERATOR CLASS tthc.term_ops USING btree IS 'default btree class of tthc.term: by unit, then amount (not by duration)';
COMMENT ON OPERATOR FAMILY tthc.term_ops USING btree IS 'btree family of tthc.term: by unit, then amount (not by duration)';

CREATE OPERATOR CLASS tthc.term_ops
DEFAULT FOR TYPE tthc.term USING hash AS
	OPERATOR 1 tthc.=,
	FUNCTION 1 tthc.term_hash(tthc.term),
	FUNCTION 2 tthc.term_hash_extended(tthc.term, bigint);
COMMENT ON OPERATOR CLASS tthc.term_ops USING hash IS 'default hash class of tthc.term';
COMMENT ON OPERATOR FAMILY tthc.term_ops USING hash IS 'hash family of tthc.term';

-- Constructors and accessors.

CREATE FUNCTION tthc.make_term(amount integer, unit text)
RETURNS tthc.term
AS 'MODULE_PATHNAME', 'term_make'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.make_term(integer, text) IS 'term from an amount and a unit identifier: working_days, days, working_hours, hours, weeks, months, years, or same_day with amount 0';

CREATE FUNCTION tthc.term_amount(tthc.term)
RETURNS integer
AS 'MODULE_PATHNAME', 'term_amount'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_amount(tthc.term) IS 'amount of a term (0 for same day)';

CREATE FUNCTION tthc.term_unit(tthc.term)
RETURNS text
AS 'MODULE_PATHNAME', 'term_unit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_unit(tthc.term) IS 'unit of a term: working_days, days, working_hours, hours, weeks, months, years or same_day';

CREATE FUNCTION tthc.term_english(tthc.term)
RETURNS text
AS 'MODULE_PATHNAME', 'term_english'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.term_english(tthc.term) IS 'English form of a term: ''10 working days'', ''1 calendar day'', ''same day''';
