-- tthc.sql: the extension itself.

-- tthc needs a UTF8 database.  Other server encodings cannot read this UTF-8 script and fail on
-- its first Vietnamese name; SQL_ASCII reads it byte for byte, and then every receipt fails on
-- Unicode normalisation (42601), so it is refused here, before anything is created.
DO $$
BEGIN
	IF pg_catalog.getdatabaseencoding() <> 'UTF8' THEN
		RAISE EXCEPTION 'tthc needs a UTF8 database, not %', pg_catalog.getdatabaseencoding()
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'Names, holidays and letters are Vietnamese text in Unicode normalisation form NFC, which a database of another encoding cannot check or store.',
				  HINT = 'Create the database with ENCODING ''UTF8'' (from template0 when template1 has another encoding) and create the extension there.';
	END IF;
END
$$;

CREATE FUNCTION tthc.version()
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.version() IS 'version of the loaded tthc library';

-- Blank text in the Unicode sense; the catalogue's name checks use it (documented with the
-- identity module, doc/identity.md).
CREATE FUNCTION tthc.is_blank(s text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_is_blank'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.is_blank(text) IS
	'true when the text is empty or only Unicode white space (tab, newline, no-break and ideographic spaces, ...) and zero-width characters (U+200B-U+200D, U+2060, U+FEFF)';
