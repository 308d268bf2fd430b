-- tthc.sql: the extension itself.

CREATE FUNCTION tthc.version()
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.version() IS 'version of the loaded tthc library';
