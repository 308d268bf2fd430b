-- partition.sql: the history, the outbox, the notices, the letters and the apology drafts are
-- partitioned by month of their time column (doc/partitioning.md).  The extension creates one
-- DEFAULT partition per table, so that every row has a home from the first receipt;
-- tthc.partition_maintain() (the daily job tthc-partitions) creates the monthly partitions ahead,
-- moves rows that landed in a default partition to their month, and drops whole months past a
-- retention a DBA sets in tthc.partition_policy.  Nothing here depends on the machine's date: an
-- install creates no monthly partition.
--
-- Months are those of Viet Nam's time (Asia/Ho_Chi_Minh, UTC+7 since 1975), the time of the
-- national calendar: a partition holds the instants from 00:00 on the first of a month to 00:00 on
-- the first of the next, local time.

CREATE TABLE tthc.dossier_event_default PARTITION OF tthc.dossier_event DEFAULT;
COMMENT ON TABLE tthc.dossier_event_default IS
	'the history rows of no monthly partition yet: tthc.partition_maintain() moves them to their month';
CREATE TABLE tthc.outbox_default PARTITION OF tthc.outbox DEFAULT;
COMMENT ON TABLE tthc.outbox_default IS
	'the outbox rows of no monthly partition yet: tthc.partition_maintain() moves them to their month';
CREATE TABLE tthc.notice_default PARTITION OF tthc.notice DEFAULT;
COMMENT ON TABLE tthc.notice_default IS
	'the notices of no monthly partition yet: tthc.partition_maintain() moves them to their month';
CREATE TABLE tthc.letter_default PARTITION OF tthc.letter DEFAULT;
COMMENT ON TABLE tthc.letter_default IS
	'the letters of no monthly partition yet: tthc.partition_maintain() moves them to their month';
CREATE TABLE tthc.apology_draft_default PARTITION OF tthc.apology_draft DEFAULT;
COMMENT ON TABLE tthc.apology_draft_default IS
	'the apology drafts of no monthly partition yet: tthc.partition_maintain() moves them to their month';
-- pg_dump dumps the rows of a partition, not of its partitioned parent
SELECT pg_catalog.pg_extension_config_dump('tthc.dossier_event_default', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.outbox_default', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.notice_default', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter_default', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.apology_draft_default', '');

-- What a DBA sets: a row per table that departs from the defaults (3 months ahead, no retention).
-- History and letters are legal records, notices and drafts are what the sweep checks to give each
-- once: none of them is dropped unless a DBA says so here.
CREATE TABLE tthc.partition_policy (
	relation		text PRIMARY KEY,
	ahead			int NOT NULL DEFAULT 3,
	retention		interval,
	CONSTRAINT partition_policy_relation_check
		CHECK (relation IN ('dossier_event', 'outbox', 'notice', 'letter', 'apology_draft')),
	CONSTRAINT partition_policy_ahead_check CHECK (ahead BETWEEN 0 AND 36),
	CONSTRAINT partition_policy_retention_check
		CHECK (retention > interval '0' AND retention <= interval '200 years')
);
COMMENT ON TABLE tthc.partition_policy IS
	'how tthc.partition_maintain() keeps the partitions of a table: the months it creates ahead and the retention past which it drops a whole month; a table without a row: 3 months ahead, kept for ever';
COMMENT ON COLUMN tthc.partition_policy.relation IS
	'the partitioned table in schema tthc: dossier_event, outbox, notice, letter or apology_draft';
COMMENT ON COLUMN tthc.partition_policy.ahead IS
	'monthly partitions created after the current month (0 to 36)';
COMMENT ON COLUMN tthc.partition_policy.retention IS
	'a month whose end is older than this (more than 0, at most 200 years) is dropped (an outbox month only once every row of it was sent); NULL: kept for ever';
SELECT pg_catalog.pg_extension_config_dump('tthc.partition_policy', '');

-- The DDL of the maintenance, as the superuser who installed tthc: tthc_owner may not create
-- tables in schema tthc (a role that may create there could plant a function that tthc's code or
-- a superuser then finds), and the DDL guard refuses its ALTER TABLE.  It does one of five fixed
-- things to the monthly partition of a table, names and bounds computed here, runs no code of the
-- owner's, and writes no row; the partitions it creates are the owner's, with no grants.
CREATE FUNCTION tthc._partition_ddl(relation text, month date, op text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	zone constant text := 'Asia/Ho_Chi_Minh';
	part text;
	lo timestamptz;
	hi timestamptz;
BEGIN
	IF relation IS NULL OR relation NOT IN ('dossier_event', 'outbox', 'notice', 'letter', 'apology_draft')
	   OR month IS NULL OR month < '1900-01-01' OR month >= '9999-01-01' OR extract(day FROM month) <> 1
	   OR op IS NULL OR op NOT IN ('create', 'create_detached', 'attach', 'detach_default', 'attach_default') THEN
		RAISE EXCEPTION 'invalid partition operation: % of table "%" for month %',
			coalesce(op, 'NULL'), coalesce(relation, 'NULL'), coalesce(month::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'A month is the first day of a month from 1900 to 9998.',
				  HINT = 'tthc.partition_maintain() calls this; run it instead.';
	END IF;
	part := format('%s_p%s', relation, to_char(month, 'YYYY_MM'));
	lo := month::timestamp AT TIME ZONE zone;
	hi := (month + interval '1 month')::timestamp AT TIME ZONE zone;
	CASE op
	WHEN 'create' THEN
		EXECUTE format('CREATE TABLE tthc.%I PARTITION OF tthc.%I FOR VALUES FROM (%L) TO (%L)',
			part, relation, lo, hi);
		EXECUTE format('ALTER TABLE tthc.%I OWNER TO tthc_owner', part);
	WHEN 'create_detached' THEN
		-- a month's table outside the parent, so that rows move into it without the parent's triggers
		EXECUTE format('CREATE TABLE tthc.%I (LIKE tthc.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS '
			'INCLUDING STORAGE INCLUDING COMPRESSION)', part, relation);
		EXECUTE format('ALTER TABLE tthc.%I OWNER TO tthc_owner', part);
	WHEN 'attach' THEN
		EXECUTE format('ALTER TABLE tthc.%I ATTACH PARTITION tthc.%I FOR VALUES FROM (%L) TO (%L)',
			relation, part, lo, hi);
	WHEN 'detach_default' THEN
		part := relation || '_default';
		EXECUTE format('ALTER TABLE tthc.%I DETACH PARTITION tthc.%I', relation, part);
	WHEN 'attach_default' THEN
		part := relation || '_default';
		EXECUTE format('ALTER TABLE tthc.%I ATTACH PARTITION tthc.%I DEFAULT', relation, part);
	END CASE;
	RETURN part;
END
$$;
COMMENT ON FUNCTION tthc._partition_ddl(text, date, text) IS
	'internal: creates (attached, or detached to be filled), attaches a monthly partition of a partitioned tthc table, or detaches and attaches its default partition, as the superuser; the partitions are tthc_owner''s';
REVOKE ALL ON FUNCTION tthc._partition_ddl(text, date, text) FROM PUBLIC;

CREATE FUNCTION tthc.partition_maintain(OUT relation text, OUT partition text, OUT action text,
	OUT rows bigint)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE SECURITY DEFINER PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
-- creating, attaching and detaching a partition wait for every transaction on its table, and
-- every writer then waits behind them: give up rather than stall the office (the job runs again)
SET lock_timeout = '10s'
AS $$
#variable_conflict use_variable
DECLARE
	zone constant text := 'Asia/Ho_Chi_Minh';
	now_ timestamptz := tthc.now();
	this_month date;
	t record;
	m date;
	lo timestamptz;
	hi timestamptz;
	dflt text;
	detached boolean;
	waiting boolean;
	n bigint;
BEGIN
	this_month := date_trunc('month', now_ AT TIME ZONE zone)::date;
	-- one maintenance at a time: a second waits for the first and then finds its work done
	PERFORM pg_advisory_xact_lock(hashtext('tthc.partition_maintain'));
	-- the tables in the order tthc's writers take them (a transition: history, letter, outbox; a
	-- sweep: notice, apology draft, outbox), so that holding one while waiting for the next never
	-- deadlocks with them
	FOR t IN
		SELECT v.rel, v.col, coalesce(p.ahead, 3) AS ahead, p.retention
		FROM (VALUES (1, 'dossier_event', 'at'), (2, 'letter', 'issued_at'), (3, 'notice', 'due_at'),
				(4, 'apology_draft', 'legal_due_at'), (5, 'outbox', 'created_at')) v(ord, rel, col)
		LEFT JOIN tthc.partition_policy p ON p.relation = v.rel
		ORDER BY v.ord
	LOOP
		relation := t.rel;
		dflt := t.rel || '_default';
		detached := false;
		-- the months ahead, and the months of the rows waiting in the default partition (from 1900
		-- to 9998: a row outside stays there)
		FOR m IN EXECUTE format($q$
			SELECT g::date FROM generate_series($1::timestamp, $1 + make_interval(months => $2), interval '1 month') g
			UNION
			SELECT DISTINCT date_trunc('month', x.%1$I AT TIME ZONE $3)::date FROM tthc.%2$I x
			WHERE x.%1$I >= '1900-01-01 00:00+07' AND x.%1$I < '9999-01-01 00:00+07'
			ORDER BY 1$q$, t.col, dflt)
			USING this_month, t.ahead, zone
		LOOP
			partition := format('%s_p%s', t.rel, to_char(m, 'YYYY_MM'));
			CONTINUE WHEN EXISTS (SELECT FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid
				WHERE c.relname = partition AND c.relnamespace = 'tthc'::regnamespace
				  AND i.inhparent = format('tthc.%I', t.rel)::regclass);
			lo := m::timestamp AT TIME ZONE zone;
			hi := (m + interval '1 month')::timestamp AT TIME ZONE zone;
			EXECUTE format('SELECT EXISTS (SELECT FROM tthc.%I x WHERE x.%I >= $1 AND x.%2$I < $2)', dflt, t.col)
				INTO STRICT waiting USING lo, hi;
			IF NOT waiting THEN
				PERFORM tthc._partition_ddl(t.rel, m, 'create');
				rows := 0;
			ELSE
				-- rows of the month wait in the default partition: detached, it loses the parent's
				-- row triggers, and its rows move without them (a history row must not issue its
				-- letter twice, a letter is never deleted); then the month is attached, and the
				-- default partition after the last month
				IF NOT detached THEN
					PERFORM tthc._partition_ddl(t.rel, m, 'detach_default');
					detached := true;
				END IF;
				PERFORM tthc._partition_ddl(t.rel, m, 'create_detached');
				EXECUTE format('WITH moved AS (DELETE FROM tthc.%I x WHERE x.%I >= $1 AND x.%2$I < $2 RETURNING x.*) '
					'INSERT INTO tthc.%I SELECT * FROM moved', dflt, t.col, partition)
					USING lo, hi;
				GET DIAGNOSTICS rows = ROW_COUNT;
				PERFORM tthc._partition_ddl(t.rel, m, 'attach');
			END IF;
			action := 'create';
			RETURN NEXT;
		END LOOP;
		IF detached THEN
			PERFORM tthc._partition_ddl(t.rel, this_month, 'attach_default');
		END IF;

		-- retention: whole months whose end is older than it, by their names (those of
		-- tthc.partition_maintain and of pg_partman's monthly partitions)
		CONTINUE WHEN t.retention IS NULL;
		FOR partition, hi IN
			SELECT c.relname, (to_date(substr(c.relname, length(t.rel) + 3), 'YYYY_MM')::timestamp
					+ interval '1 month') AT TIME ZONE zone
			FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
			WHERE i.inhparent = format('tthc.%I', t.rel)::regclass
			  AND c.relname ~ ('^' || t.rel || '_p[0-9]{4}_[0-9]{2}$')
			ORDER BY c.relname
		LOOP
			CONTINUE WHEN hi > now_ - t.retention;
			IF t.rel = 'outbox' THEN
				-- never a notification that was not sent
				EXECUTE format('SELECT count(*) FROM tthc.%I x WHERE x.sent_at IS NULL', partition) INTO n;
				IF n > 0 THEN
					action := 'keep';
					rows := n;
					RETURN NEXT;
					CONTINUE;
				END IF;
			END IF;
			EXECUTE format('DROP TABLE tthc.%I', partition);
			action := 'drop';
			rows := NULL;
			RETURN NEXT;
		END LOOP;
	END LOOP;
END
$$;
COMMENT ON FUNCTION tthc.partition_maintain() IS
	'creates the monthly partitions of the history, outbox, notices, letters and apology drafts from the current month (tthc.now(), Viet Nam time) to tthc.partition_policy.ahead months after it and for the rows waiting in a default partition, moving those rows to their month, and drops the months past a retention (an outbox month only when every row was sent); returns what it did: create (rows moved), drop, keep (unsent outbox rows)';
REVOKE ALL ON FUNCTION tthc.partition_maintain() FROM PUBLIC;
