#!/usr/bin/env bash
# tools/reference.sh [-o FILE]: write the reference of an installed tthc (doc/reference.md) to
# FILE or standard output: its types, functions with their signatures, volatility, strictness,
# parallel safety, security and comments, its tables and views with their columns' comments, its
# settings and the SQLSTATEs of doc/errors.md.  It connects with the usual libpq variables
# (PGHOST, PGPORT, PGUSER), as a role that may create databases and the extension, creates a
# scratch database with CREATE EXTENSION tthc, reads the catalogues there and drops it: the page
# describes what a fresh install creates, whatever other databases hold.  Everything is sorted in
# byte order, so the same install gives the same page.
#
#   make install && tools/reference.sh -o doc/reference.md
set -euo pipefail
cd "$(dirname "$0")/.."

out=
while [ $# -gt 0 ]; do
	case "$1" in
		-o) out=$2; shift 2 ;;
		*) echo "usage: $0 [-o FILE]" >&2; exit 2 ;;
	esac
done

psql_bin=psql
[ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/psql" ] && psql_bin=$PG_BIN/psql
db=tthc_reference_$$
run() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$@"; }
run -d postgres -c "CREATE DATABASE $db" >/dev/null
trap 'run -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT

# the SQLSTATE summary: the first table of doc/errors.md
errors=$(awk '/^\| SQLSTATE \| condition name/ { t = 1 } t && /^\|/ { print; next } t { exit }' doc/errors.md)
[ -n "$errors" ] || { echo "doc/errors.md has no SQLSTATE table" >&2; exit 1; }

page=$(run -d "$db" -A -t <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION tthc;
-- loads the library, which defines the settings
SELECT tthc.version() IS NULL AS loaded \gset
CREATE TEMP VIEW member AS
SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'tthc';
-- a comment or a value in one table cell
CREATE FUNCTION pg_temp.cell(t text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(replace(regexp_replace(t, '\s+', ' ', 'g'), '|', '\|'), '') $$;

SELECT format('# Reference

Every type, function, table, view, setting and SQLSTATE of tthc %s, generated from a fresh install
by `tools/reference.sh`; do not edit it by hand (`make test` fails when it is not current). The
module pages explain the rules: [README.md](README.md) lists them.', extversion)
FROM pg_extension WHERE extname = 'tthc';

-- types: enums with their labels, base types, composite types
SELECT E'\n## Types\n\n| type | kind | values or fields | comment |\n| --- | --- | --- | --- |';
SELECT format('| `%s` | %s | %s | %s |', t.oid::regtype,
	CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'b' THEN 'base' WHEN 'c' THEN 'composite' WHEN 'd' THEN 'domain' ELSE t.typtype::text END,
	CASE t.typtype
		WHEN 'e' THEN (SELECT string_agg(format('`%s`', e.enumlabel), ', ' ORDER BY e.enumsortorder)
					   FROM pg_enum e WHERE e.enumtypid = t.oid)
		WHEN 'c' THEN (SELECT string_agg(format('`%s %s`', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
					   FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
		WHEN 'd' THEN format('`%s`', format_type(t.typbasetype, t.typtypmod))
		ELSE '' END,
	pg_temp.cell(obj_description(t.oid, 'pg_type')))
FROM pg_type t JOIN member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
ORDER BY t.oid::regtype::text COLLATE "C";

-- functions: public ones in full, internal ones (tthc._*) in a table of their own
CREATE TEMP VIEW fn AS
SELECT p.proname, format('%s(%s)', p.oid::regproc, pg_get_function_arguments(p.oid)) AS sig,
	pg_get_function_identity_arguments(p.oid) AS ident,
	CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE pg_get_function_result(p.oid) END AS result,
	concat_ws(', ',
		CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END,
		CASE WHEN p.proisstrict THEN 'strict' END,
		CASE p.proparallel WHEN 's' THEN 'parallel safe' WHEN 'r' THEN 'parallel restricted' ELSE 'parallel unsafe' END,
		CASE WHEN p.prosecdef THEN 'security definer' END,
		l.lanname) AS labels,
	obj_description(p.oid, 'pg_proc') AS comment
FROM pg_proc p JOIN member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
JOIN pg_language l ON l.oid = p.prolang;
SELECT E'\n## Functions\n\nSignature, result; volatility, strictness, parallel safety, security (invoker unless said), language; comment.\n';
SELECT format(E'- **`%s`** → `%s`  \n  %s. %s', sig, result, labels, pg_temp.cell(comment))
FROM fn WHERE proname !~ '^_' ORDER BY proname COLLATE "C", ident COLLATE "C";
SELECT E'\n### Internal functions\n\nCalled by tthc itself; not an API.\n\n| function | labels | comment |\n| --- | --- | --- |';
SELECT format('| `%s(%s)` | %s | %s |', sig_name, ident, labels, pg_temp.cell(comment))
FROM (SELECT *, split_part(sig, '(', 1) AS sig_name FROM fn WHERE proname ~ '^_') f
ORDER BY proname COLLATE "C", ident COLLATE "C";

-- tables and views with their columns
CREATE TEMP VIEW rel AS
SELECT c.oid, c.oid::regclass::text AS name, c.relkind,
	CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' END AS kind
FROM pg_class c JOIN member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
WHERE c.relkind IN ('r', 'p', 'v', 'm');
SELECT format(E'\n## %s\n', CASE k WHEN 'v' THEN 'Views' ELSE 'Tables' END) || string_agg(
	format(E'\n### `%s` (%s)\n\n%s\n\n| column | type | not null | comment |\n| --- | --- | --- | --- |\n%s',
		r.name, r.kind, pg_temp.cell(obj_description(r.oid, 'pg_class')),
		(SELECT string_agg(format('| `%s` | `%s` | %s | %s |', a.attname, format_type(a.atttypid, a.atttypmod),
				CASE WHEN a.attnotnull THEN 'yes' ELSE '' END, pg_temp.cell(col_description(r.oid, a.attnum))),
				E'\n' ORDER BY a.attnum)
		 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped)),
	'' ORDER BY r.name COLLATE "C")
FROM (SELECT *, CASE WHEN relkind IN ('v', 'm') THEN 'v' ELSE 'r' END AS k FROM rel) r
GROUP BY k ORDER BY k;

-- settings: their defaults as built, not the values of this server
SELECT E'\n## Settings\n\nDescribed in [settings.md](settings.md).\n\n| setting | type | default | unit | range or values | context | description |\n| --- | --- | --- | --- | --- | --- | --- |';
SELECT format('| `%s` | %s | %s | %s | %s | %s | %s |', name, vartype,
	CASE WHEN boot_val = '' THEN '(empty)' ELSE format('`%s`', boot_val) END, coalesce(unit, ''),
	CASE WHEN enumvals IS NOT NULL THEN array_to_string(enumvals, ', ')
		 WHEN min_val IS NOT NULL THEN min_val || ' – ' || max_val ELSE '' END,
	context, pg_temp.cell(short_desc))
FROM pg_settings WHERE name LIKE 'tthc.%' ORDER BY name COLLATE "C";
SQL
)

{
	printf '%s\n' "$page"
	printf '\n## SQLSTATEs\n\nEach error, with its message, by module: [errors.md](errors.md).\n\n%s\n' "$errors"
} > "${out:-/dev/stdout}"
