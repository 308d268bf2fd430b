-- identity.sql: the identity document of an applicant, by kind, and a blank test that knows
-- Unicode white space.
--
-- CCCD: the 12-digit personal identification number (Law on Identification 2023, Law
-- 26/2023/QH15; Decree 137/2015/NĐ-CP).  Tax code: 10 digits, or 13 for a dependent unit
-- (Circular 105/2020/TT-BTC).  Passport and other documents: shapes chosen by tthc [open].
-- Pure functions of their arguments (identity_pg.c): IMMUTABLE, STRICT, PARALLEL SAFE.

CREATE TYPE tthc.identity_kind AS ENUM ('cccd', 'passport', 'tax_code', 'other');
COMMENT ON TYPE tthc.identity_kind IS
	'kind of an applicant''s identity document: cccd (12-digit personal identification number), passport, tax_code (an organisation''s mã số thuế), other';

CREATE FUNCTION tthc.normalize_identity(kind tthc.identity_kind, id text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_normalize_identity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.normalize_identity(tthc.identity_kind, text) IS
	'canonical form of an identity document of the kind: trimmed, passport upper-cased without spaces, tax code 0101234567-001; 22023 when it is not valid for the kind';

CREATE FUNCTION tthc.is_valid_identity(kind tthc.identity_kind, id text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_valid_identity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_valid_identity(tthc.identity_kind, text) IS
	'true when tthc.normalize_identity accepts the identity for the kind';

-- tthc.is_blank (identity_pg.c) is created in tthc.sql, before the catalogue's name checks use it.
