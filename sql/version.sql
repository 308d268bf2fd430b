-- The library, the installed extension and the control file agree on the version.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SELECT tthc.version() = extversion AS library_matches_extension FROM pg_extension WHERE extname = 'tthc';
SELECT extversion = default_version AS installed_is_default
FROM pg_extension, pg_available_extensions WHERE extname = 'tthc' AND name = 'tthc';
SELECT nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE extname = 'tthc';
-- every function of the extension has a comment
SELECT p.oid::regprocedure AS uncommented
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
WHERE obj_description(p.oid, 'pg_proc') IS NULL ORDER BY 1;
