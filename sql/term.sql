-- tthc.term: the time limit of a procedure, an amount with its unit.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
-- Operators are found through search_path (or written OPERATOR(tthc.=)).
SET search_path = public, tthc;

-- Every accepted spelling, with its canonical form and parts.
SELECT s AS input, s::tthc.term AS term, tthc.term_amount(s::tthc.term) AS amount,
       tthc.term_unit(s::tthc.term) AS unit, tthc.term_english(s::tthc.term) AS english
FROM (VALUES ('10 ngày làm việc'), ('10 ngay lam viec'), ('10 working days'), ('1 working day'),
             ('15 ngày'), ('15 days'), ('1 day'), ('15 calendar days'), ('1 calendar day'),
             ('4 giờ làm việc'), ('4 gio lam viec'), ('4 working hours'), ('1 working hour'),
             ('4 giờ'), ('4 hours'), ('1 hour'),
             ('2 tuần'), ('2 tuan'), ('2 weeks'), ('1 week'),
             ('1 tháng'), ('1 thang'), ('6 months'), ('1 month'),
             ('2 năm'), ('2 nam'), ('2 years'), ('1 year'),
             ('trong ngày'), ('trong ngày làm việc'), ('same day'), ('same-day')) AS v(s);

-- Case, extra white space (including a no-break space), leading zeros, the largest amount.
SELECT '  10   NGÀY   LÀM   VIỆC  '::tthc.term AS upper_spaces,
       E'\t7\nWorking\r\nDays'::tthc.term AS tabs_newlines,
       U&'5\00A0ngày'::tthc.term AS no_break_space,
       'TRONG NGÀY'::tthc.term AS upper_same_day,
       'Same-Day'::tthc.term AS mixed_case,
       '0010 days'::tthc.term AS leading_zeros,
       '10000 giờ'::tthc.term AS largest;

-- NFD input (base letters followed by combining marks) reads like NFC input.
SELECT U&'10 nga\0300y la\0300m vie\0323\0302c'::tthc.term AS nfd_working_days,
       U&'3 GIO\031B\0300'::tthc.term AS nfd_hours,
       U&'trong nga\0300y'::tthc.term AS nfd_same_day,
       U&'2 tua\0302\0300n'::tthc.term AS nfd_weeks,
       U&'1 tha\0301ng'::tthc.term AS nfd_month,
       U&'2 Na\0306m'::tthc.term AS nfd_years,
       U&'10 nga\0300y la\0300m vie\0323\0302c'::tthc.term = '10 ngày làm việc'::tthc.term AS nfd_equals_nfc;

-- The canonical form reads back to the same term; so does the English form.
SELECT t AS term, t::text::tthc.term = t AS canonical_round_trip,
       tthc.term_english(t)::tthc.term = t AS english_round_trip
FROM (VALUES ('10 ngày làm việc'::tthc.term), ('1 ngày'), ('4 giờ làm việc'), ('4 giờ'),
             ('1 tuần'), ('3 tuần'), ('1 tháng'), ('12 tháng'), ('1 năm'), ('5 năm'),
             ('trong ngày'), ('10000 ngày làm việc')) AS v(t);

-- make_term and the accessors.
SELECT tthc.make_term(10, 'working_days') AS working_days, tthc.make_term(15, 'days') AS days,
       tthc.make_term(4, 'working_hours') AS working_hours, tthc.make_term(1, 'hours') AS hours,
       tthc.make_term(0, 'same_day') AS same_day;
SELECT tthc.make_term(2, 'weeks') AS weeks, tthc.make_term(1, 'months') AS months,
       tthc.make_term(2, 'years') AS years;
SELECT tthc.make_term(NULL, 'days') IS NULL AS null_amount, tthc.make_term(1, NULL) IS NULL AS null_unit,
       tthc.term_amount(NULL) IS NULL AS null_term;

-- Equality, grouping, DISTINCT, UNION, hashing, sorting (by unit, then amount: not by duration).
SELECT '10 working days'::tthc.term = '10 ngày làm việc' AS eq,
       '10 working days'::tthc.term = '10 ngày' AS eq_other_unit,
       '10 working days'::tthc.term <> '10 ngày' AS ne,
       '10 days'::tthc.term <> '10 ngày' AS ne_same,
       '10 days'::tthc.term OPERATOR(tthc.=) '10 ngày' AS qualified_eq;
CREATE TEMP TABLE terms (t tthc.term);
INSERT INTO terms VALUES ('10 ngày làm việc'), ('10 working days'), ('2 hours'), ('15 ngày'),
  ('4 giờ làm việc'), ('15 calendar days'), ('same day'), ('trong ngày'), ('1 day'), ('2 giờ'),
  ('1 tháng'), ('2 weeks'), ('1 year'), ('1 month'), (NULL);
SELECT t, count(*) FROM terms GROUP BY t ORDER BY t;
SELECT DISTINCT t FROM terms ORDER BY t DESC;
SELECT t FROM terms WHERE t IS NOT NULL UNION SELECT '1 ngày' ORDER BY 1;
SELECT tthc.term_hash('10 ngày làm việc') = tthc.term_hash('10 working days') AS hash_equal,
       tthc.term_hash('10 ngày làm việc') <> tthc.term_hash('10 ngày') AS hash_differs,
       tthc.term_hash_extended('4 giờ', 0) = tthc.term_hash_extended('4 hours', 0) AS hash64_equal,
       tthc.term_hash_extended('4 giờ', 0) <> tthc.term_hash_extended('4 giờ', 1) AS hash64_seeded;
-- the planner can hash and merge on terms
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT t, count(*) FROM terms GROUP BY t;
SELECT t, count(*) FROM terms GROUP BY t ORDER BY tthc.term_unit(t), tthc.term_amount(t);
RESET enable_sort;
SET enable_hashjoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM terms a JOIN terms b ON a.t = b.t;
SELECT count(*) AS merge_join_pairs FROM terms a JOIN terms b ON a.t = b.t;
RESET enable_hashjoin; RESET enable_nestloop;
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM terms a JOIN terms b ON a.t = b.t;
SELECT count(*) AS hash_join_pairs FROM terms a JOIN terms b ON a.t = b.t;
RESET enable_mergejoin; RESET enable_nestloop;
-- btree and hash indexes
CREATE INDEX terms_btree ON terms (t);
CREATE INDEX terms_hash ON terms USING hash (t);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM terms WHERE t = '15 days';
SELECT count(*) AS indexed FROM terms WHERE t = '15 days';
DROP INDEX terms_hash;
EXPLAIN (COSTS OFF) SELECT count(*) FROM terms WHERE t = '15 days';
SELECT count(*) AS indexed FROM terms WHERE t = '15 days';
RESET enable_seqscan;
-- the order operators say what they are; there is no < on terms
SELECT '4 hours'::tthc.term ~>~ '10 working days' AS hours_sort_after_days,
       '2 days'::tthc.term ~<~ '10 days' AS amount_order,
       '2 days'::tthc.term ~<=~ '2 days' AS le, '2 days'::tthc.term ~>=~ '3 days' AS ge,
       tthc.term_cmp('trong ngày', '1 working day') AS cmp;

-- Binary I/O: send gives int4 amount, int4 unit; COPY BINARY round trip through term_recv.
SELECT t, tthc.term_send(t) FROM (VALUES ('10 ngày làm việc'::tthc.term), ('15 ngày'),
  ('4 giờ làm việc'), ('4 giờ'), ('2 tuần'), ('1 tháng'), ('2 năm'), ('trong ngày')) AS v(t);
CREATE TEMP TABLE terms_copy (t tthc.term);
CREATE FUNCTION pg_temp.copy_binary(src text, dst text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE f text := '/tmp/tthc_term_regress_' || pg_backend_pid() || '.bin';
BEGIN
  EXECUTE format('COPY %s TO %L (FORMAT binary)', src, f);
  EXECUTE format('COPY %s FROM PROGRAM %L (FORMAT binary)', dst, '{ rm -f ' || f || '; cat; } < ' || f);
END $$;
SELECT pg_temp.copy_binary('terms', 'terms_copy');
SELECT (SELECT array_agg(t ORDER BY t) FROM terms) = (SELECT array_agg(t ORDER BY t) FROM terms_copy)
  AS binary_round_trip;

-- Invalid input, each with its SQLSTATE.
-- err() shows the SQLSTATE, the message and the detail.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ': ' || SQLERRM || coalesce(nullif(E'\n  ' || d, E'\n  '), '');
END $$;
SELECT pg_temp.err($$SELECT ''::tthc.term$$);
SELECT pg_temp.err($$SELECT '   '::tthc.term$$);
SELECT pg_temp.err($$SELECT 'days'::tthc.term$$);
SELECT pg_temp.err($$SELECT 'ngày làm việc'::tthc.term$$);
SELECT pg_temp.err($$SELECT 'ten days'::tthc.term$$);
SELECT pg_temp.err($$SELECT '-1 days'::tthc.term$$);
SELECT pg_temp.err($$SELECT '+1 days'::tthc.term$$);
SELECT pg_temp.err($$SELECT '1.5 ngày'::tthc.term$$);
SELECT pg_temp.err($$SELECT '1,5 ngày'::tthc.term$$);
SELECT pg_temp.err($$SELECT '10days'::tthc.term$$);
SELECT pg_temp.err($$SELECT '10'::tthc.term$$);
SELECT pg_temp.err($$SELECT '10 fortnights'::tthc.term$$);
SELECT pg_temp.err($$SELECT '1 calendar month'::tthc.term$$);
SELECT pg_temp.err($$SELECT '2 tuần làm việc'::tthc.term$$);
SELECT pg_temp.err($$SELECT '0 tháng'::tthc.term$$);
SELECT pg_temp.err($$SELECT '10 working'::tthc.term$$);
SELECT pg_temp.err($$SELECT '10 business days'::tthc.term$$);
SELECT pg_temp.err($$SELECT '1 trong ngày'::tthc.term$$);
SELECT pg_temp.err($$SELECT '0 same day'::tthc.term$$);
SELECT pg_temp.err($$SELECT '10 days 4 hours'::tthc.term$$);
SELECT pg_temp.err($$SELECT '10 ngày làm việc nhé'::tthc.term$$);
SELECT pg_temp.err($$SELECT 'trong ngày hôm nay'::tthc.term$$);
SELECT pg_temp.err($$SELECT '0 days'::tthc.term$$);
SELECT pg_temp.err($$SELECT '10001 ngày'::tthc.term$$);
SELECT pg_temp.err($$SELECT '99999999999999999999 hours'::tthc.term$$);
SELECT pg_temp.err($$SELECT tthc.make_term(10, 'fortnights')$$);
SELECT pg_temp.err($$SELECT tthc.make_term(0, 'months')$$);
SELECT pg_temp.err($$SELECT tthc.make_term(10, 'Working_Days')$$);
SELECT pg_temp.err($$SELECT tthc.make_term(0, 'days')$$);
SELECT pg_temp.err($$SELECT tthc.make_term(10001, 'working_days')$$);
SELECT pg_temp.err($$SELECT tthc.make_term(-1, 'hours')$$);
SELECT pg_temp.err($$SELECT tthc.make_term(1, 'same_day')$$);
SELECT pg_temp.err($$SELECT '4 hours'::tthc.term < '10 working days'::tthc.term$$);

-- Bad binary input: the payload of a bytea column read back as a term.
CREATE TEMP TABLE raw (b bytea);
CREATE TEMP TABLE terms_bad (t tthc.term);
INSERT INTO raw VALUES ('\x0000000a00000008');
SELECT pg_temp.err($$SELECT pg_temp.copy_binary('raw', 'terms_bad')$$);
TRUNCATE raw; INSERT INTO raw VALUES ('\x0000000100000000');
SELECT pg_temp.err($$SELECT pg_temp.copy_binary('raw', 'terms_bad')$$);
TRUNCATE raw; INSERT INTO raw VALUES ('\x0000000000000002');
SELECT pg_temp.err($$SELECT pg_temp.copy_binary('raw', 'terms_bad')$$);
TRUNCATE raw; INSERT INTO raw VALUES ('\x0000000a');
SELECT pg_temp.err($$SELECT pg_temp.copy_binary('raw', 'terms_bad')$$);
TRUNCATE raw; INSERT INTO raw VALUES ('\x0000000a0000000100');
SELECT pg_temp.err($$SELECT pg_temp.copy_binary('raw', 'terms_bad')$$);
SELECT count(*) AS nothing_loaded FROM terms_bad;

-- The full messages, with detail and hint.
\set VERBOSITY default
SELECT '10 fortnights'::tthc.term;
SELECT '0 days'::tthc.term;
SELECT '1 trong ngày'::tthc.term;
SELECT tthc.make_term(10, 'fortnights');
SELECT tthc.make_term(3, 'same_day');
\set VERBOSITY terse
