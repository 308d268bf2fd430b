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
-- every released version has an install script and an upgrade path to this one (sql/upgrade.sql
-- checks where the path leads)
SELECT v.version AS released, p.path
FROM pg_available_extension_versions v
JOIN pg_available_extensions a ON a.name = v.name
LEFT JOIN pg_extension_update_paths('tthc') p ON p.source = v.version AND p.target = a.default_version
WHERE v.name = 'tthc' AND v.version <> a.default_version ORDER BY 1;
-- every function of the extension has a comment
SELECT p.oid::regprocedure AS uncommented
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
WHERE obj_description(p.oid, 'pg_proc') IS NULL ORDER BY 1;
-- every SQL or PL/pgSQL function pins its search_path or has a body parsed at creation, so no
-- object planted in a schema of the caller's search_path can hijack it
SELECT p.oid::regprocedure AS unpinned
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
JOIN pg_language l ON l.oid = p.prolang
WHERE l.lanname IN ('sql', 'plpgsql') AND p.prosqlbody IS NULL
  AND NOT EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')
ORDER BY 1;
-- every SECURITY DEFINER function pins search_path to pg_catalog, pg_temp
SELECT p.oid::regprocedure AS definer, p.proconfig
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
WHERE p.prosecdef ORDER BY 1;
-- every table, view and type of the extension has a comment
SELECT c.oid::regclass AS uncommented_relation
FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
WHERE c.relkind IN ('r', 'v') AND obj_description(c.oid, 'pg_class') IS NULL ORDER BY 1;
SELECT t.oid::regtype AS uncommented_type
FROM pg_type t JOIN pg_depend d ON d.objid = t.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'tthc'
WHERE obj_description(t.oid, 'pg_type') IS NULL ORDER BY 1;
