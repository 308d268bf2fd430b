-- tthc 0.1.0 -> 0.2.0: brings a 0.1.0 database to what a fresh 0.2.0 install creates.
-- make test installs 0.1.0, runs this script and compares every catalogue object with a fresh
-- install (sql/upgrade.sql).
\echo Use "ALTER EXTENSION tthc UPDATE TO '0.2.0'" to load this file. \quit

-- Identity documents: tthc.identity_kind, tthc.normalize_identity, tthc.is_valid_identity, and the
-- Unicode blank test tthc.is_blank (as in src/identity.sql).

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

CREATE FUNCTION tthc.is_blank(s text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_blank'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_blank(text) IS
	'true when the text is empty or only Unicode white space (tab, newline, no-break and ideographic spaces, ...) and zero-width characters (U+200B-U+200D, U+2060, U+FEFF)';
