-- The schema maps onto Citus (doc/topology.md, "The same schema on Citus"): every table is either
-- a reference table, copied to every node, or distributed by the receiving agency and co-located
-- with tthc.dossier.  Citus requires of a distributed table that its distribution column is never
-- NULL and appears in every primary key and unique constraint, and of a foreign key between two
-- distributed tables that it joins their distribution columns; a reference table may not point
-- at a distributed one.  Each query below lists what breaks a rule and must return no rows.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc CASCADE;
RESET client_min_messages;

CREATE TEMP TABLE reference_table (name text PRIMARY KEY);
INSERT INTO reference_table VALUES
	-- calendars and holidays
	('calendar'), ('calendar_session'), ('calendar_day'), ('holiday_notice'), ('holiday_notice_day'),
	-- the catalogue
	('agency'), ('sector'), ('procedure'), ('procedure_version'), ('procedure_step'),
	('agency_procedure'), ('letter_profile'),
	-- keys, officers, the checkpoints' roots and the database-wide states and policies
	('signing_key'), ('officer_agency'), ('history_checkpoint'), ('rollup_state'), ('partition_policy');

-- the distribution column of each distributed table: the agency, but for a letter, whose agency is
-- the one issuing it, the dossier's
CREATE TEMP VIEW tthc_table AS
SELECT c.oid AS rel, c.relname AS name,
	CASE WHEN c.relname IN (SELECT name FROM reference_table) THEN 'reference' ELSE 'distributed' END AS kind,
	CASE WHEN c.relname IN (SELECT name FROM reference_table) THEN NULL
		 WHEN c.relname = 'letter' THEN 'dossier_agency' ELSE 'agency' END AS dist
FROM pg_class c
WHERE c.relnamespace = 'tthc'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition;

-- the mapping, as doc/topology.md gives it
SELECT kind, name, dist FROM tthc_table ORDER BY kind, name;

-- a distributed table without its distribution column, or where it may be NULL
CREATE TEMP VIEW nullable_column AS
SELECT t.name, t.dist FROM tthc_table t
WHERE t.kind = 'distributed' AND NOT EXISTS (SELECT 1 FROM pg_attribute a
	WHERE a.attrelid = t.rel AND a.attname = t.dist AND a.attnotnull AND NOT a.attisdropped);

-- a primary key, unique or exclusion constraint, or unique index, without the distribution column
CREATE TEMP VIEW key_without_column AS
SELECT t.name, i.indexrelid::regclass AS index
FROM tthc_table t JOIN pg_index i ON i.indrelid = t.rel
WHERE t.kind = 'distributed' AND i.indisunique
  AND NOT coalesce((SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = t.rel AND a.attname = t.dist)
	  = ANY (i.indkey::int2[]), false);

-- a foreign key between distributed tables that does not join their distribution columns, or a
-- reference table's foreign key to a distributed one
CREATE TEMP VIEW foreign_key_across AS
SELECT f.name AS "from", p.name AS "to", c.conname
FROM pg_constraint c
JOIN tthc_table f ON f.rel = c.conrelid
JOIN tthc_table p ON p.rel = c.confrelid
WHERE c.contype = 'f' AND c.conparentid = 0 AND p.kind = 'distributed'
  AND (f.kind = 'reference' OR NOT EXISTS (
	SELECT 1 FROM unnest(c.conkey, c.confkey) k(fa, pa)
	WHERE k.fa = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = f.rel AND a.attname = f.dist)
	  AND k.pa = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = p.rel AND a.attname = p.dist)));

SELECT * FROM nullable_column;
SELECT * FROM key_without_column;
SELECT * FROM foreign_key_across;

-- the rules bite: a nullable agency, a key without it, a foreign key by the dossier's id alone and a
-- reference table pointing at a dossier are each found
CREATE TABLE tthc.probe_distributed (agency text, issuer text, dossier bigint UNIQUE,
	FOREIGN KEY (dossier, issuer) REFERENCES tthc.dossier (id, agency));
CREATE TABLE tthc.probe_reference (code text PRIMARY KEY, dossier bigint, agency text,
	FOREIGN KEY (dossier, agency) REFERENCES tthc.dossier (id, agency));
INSERT INTO reference_table VALUES ('probe_reference');
SELECT * FROM nullable_column;
SELECT * FROM key_without_column;
SELECT * FROM foreign_key_across ORDER BY 1;
DROP TABLE tthc.probe_distributed, tthc.probe_reference;
