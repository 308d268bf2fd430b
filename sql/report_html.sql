-- The HTML report (tthc.report_html) on a small fixed data set: its structure, the table rows, the
-- bars of the month chart and their heights, the backlog chart's bars, escaping, and no script or
-- network reference.  A database of its own: the report reads every dossier.
-- National calendar, 3 working days, desk receipts at 09:00.  Hùng Kings' day falls on Sunday
-- 2026-04-26 and is taken on Monday 04-27; 04-30 and 05-01 are holidays.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS tthc_report_html;
CREATE DATABASE tthc_report_html;
\c tthc_report_html
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET tthc.now = '2026-04-30 18:00+07';
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

-- agency A's name has every character HTML must escape; B's sorts before A's in Vietnamese
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.12.H31', 'Sở Tư pháp <Hưng Yên> & "A" ''x''', 'STP'),
	('000.00.13.H31', 'Đài Phát thanh và Truyền hình', 'PTTH');
INSERT INTO tthc.procedure (code, name) VALUES ('1.000003', 'Thủ tục ba ngày');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES
	('1.000003', 1, '2020-01-01', '3 ngày làm việc');
INSERT INTO tthc.agency_procedure VALUES ('000.00.12.H31', '1.000003'), ('000.00.13.H31', '1.000003');
CREATE TEMP TABLE name (dossier bigint PRIMARY KEY, name text UNIQUE);
CREATE FUNCTION pg_temp.desk(name text, agency text, at timestamptz) RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO name SELECT (tthc.receive(agency, '1.000003', 'Nguyễn Văn An', received_at => at)).id, name
	RETURNING dossier $$;
CREATE FUNCTION pg_temp.id(n text) RETURNS bigint LANGUAGE sql AS $$ SELECT dossier FROM name WHERE name = n $$;

-- A (Sở Tư pháp):
-- a1: Mon 03-02, due Thu 03-05; ready Wed 03-04: early.       March: 2 received, 1 in time: 50 %
-- a2: Mon 03-09, due Thu 03-12; ready Mon 03-16: late.
-- a3: Wed 04-01, due Mon 04-06; ready Mon 04-06: on time.      April: 3 received, 1 in time: 33.3 %
-- a4: Mon 04-20, due Thu 04-23; open: late at the end, 6 working days old (04-21..24, 28, 29).
-- a5: Mon 04-13, a supplement asked Tue 04-14 and not back: open, waiting to restart (in time),
--     11 working days old (04-14..17, 20..24, 28, 29).
-- B (Đài Phát thanh):
-- b1: Mon 03-02, ready Tue 03-03: early.                      March: 2 received, 1 in time: 50 %
-- b3: Mon 03-30, withdrawn Tue 03-31: closed, not in the backlog.
-- b2: Tue 04-28, due Tue 05-05 (04-29, 05-04, 05-05); its last lawful moment to apologise, Mon 05-04
--     17:00, is within 15 working hours of the end of April: due soon, 1 working day old.
--                                                              April: 1 received, 0 in time: 0 %
-- b4: submitted online Wed 04-29, never accepted: not received, not in the backlog.
SELECT count(pg_temp.desk(n, a, t)) AS received
FROM (VALUES ('a1', '000.00.12.H31', timestamptz '2026-03-02 09:00'), ('a2', '000.00.12.H31', '2026-03-09 09:00'),
	('a3', '000.00.12.H31', '2026-04-01 09:00'), ('a4', '000.00.12.H31', '2026-04-20 09:00'),
	('a5', '000.00.12.H31', '2026-04-13 09:00'), ('b1', '000.00.13.H31', '2026-03-02 09:00'),
	('b3', '000.00.13.H31', '2026-03-30 09:00'), ('b2', '000.00.13.H31', '2026-04-28 09:00')) v (n, a, t);
INSERT INTO name SELECT (tthc.receive('000.00.13.H31', '1.000003', 'Trần Thị Bình', channel => 'online',
	received_at => '2026-04-29 20:00')).id, 'b4';
SELECT count(tthc.start_processing(pg_temp.id(n), happened_at => t)) AS started
FROM (VALUES ('a1', timestamptz '2026-03-02 10:00'), ('a2', '2026-03-09 10:00'), ('a3', '2026-04-01 10:00'),
	('b1', '2026-03-02 10:00')) v (n, t);
SELECT n, (tthc.finish(pg_temp.id(n), happened_at => t)).finish_outcome
FROM (VALUES ('a1', timestamptz '2026-03-04 10:00'), ('a2', '2026-03-16 10:00'), ('a3', '2026-04-06 10:00'),
	('b1', '2026-03-03 10:00')) v (n, t) ORDER BY n;
SELECT (tthc.request_supplement(pg_temp.id('a5'), happened_at => '2026-04-14 09:00')).status AS a5;
SELECT (tthc.withdraw(pg_temp.id('b3'), happened_at => '2026-03-31 09:00')).status AS b3;

-- The page, kept for the checks below.
CREATE TEMP TABLE page AS SELECT tthc.report_html('2026-03-01', '2026-04-30') AS html;
-- a complete UTF-8 HTML document in Vietnamese, with its three sections and headings
SELECT left(html, 15) AS doctype, html LIKE '%<html lang="vi">%' AS lang_vi,
	html LIKE '%<meta charset="utf-8">%' AS utf8, right(html, 8) = E'</html>\n' AS closed,
	(SELECT array_agg(m[1] ORDER BY o) FROM regexp_matches(html, '<h[12][^>]*>([^<]*)</h[12]>', 'g') WITH ORDINALITY AS x(m, o)) AS headings,
	html LIKE '%Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 30/04/2026%' AS period
FROM page;
-- no script, no style or image fetched: the one URL is the SVG namespace
SELECT html ~* '<script' AS script, html ~* '\son[a-z]+\s*=' AS event_handlers,
	(SELECT count(*) FROM regexp_matches(html, 'https?://', 'g')) AS urls,
	(SELECT count(*) FROM regexp_matches(html, 'xmlns="http://www\.w3\.org/2000/svg"', 'g')) AS svg_namespaces,
	html ~* '(src|href)\s*=' AS links, html ~* '@import|url\(' AS css_fetch
FROM page;
-- the table: one row per agency in Vietnamese order (Đ before S), the totals, escaped names
SELECT m[1] AS agency, m[2] AS name, replace(replace(replace(m[3], '</td><td>', ' | '), '<td>', ''), '</td>', '') AS cells
FROM page, regexp_matches(html, '<tr data-agency="([^"]*)"><th scope="row">([^<]*)</th>((?:<td>[^<]*</td>)*)</tr>', 'g') AS m;
SELECT replace(replace(replace((regexp_match(html, '<tfoot><tr><th scope="row">Tổng cộng</th>((?:<td>[^<]*</td>)*)</tr></tfoot>'))[1],
	'</td><td>', ' | '), '<td>', ''), '</td>', '') AS totals FROM page;
SELECT html LIKE '%Sở Tư pháp &lt;Hưng Yên&gt; &amp; &quot;A&quot; &#39;x&#39;%' AS escaped,
	html LIKE '%<Hưng Yên>%' AS raw_name FROM page;
-- the same figures as tthc.report
SELECT group_key, received, resolved_early, resolved_on_time, resolved_late, pending_on_time,
	pending_due_soon, pending_late, withdrawn, on_time_rate, late_rate
FROM tthc.report('2026-03-01', '2026-04-30');
-- each chart is a well-formed SVG document
SELECT c AS chart, xml_is_well_formed_document(left(svg, strpos(svg, '</svg>') + 5)) AS well_formed
FROM page, unnest(ARRAY['bieu-do-ti-le', 'bieu-do-ton-dong']) AS c,
	LATERAL (SELECT substr(html, strpos(html, '<svg id="' || c || '"')) AS svg) AS x
WHERE strpos(html, '<svg id="' || c || '"') > 0;
SELECT count(*) AS svgs FROM page, regexp_matches(html, '<svg ', 'g');
-- the month chart: a bar per agency and month with dossiers received, its height the rate of the
-- 220-unit plot (B received in April and resolved none in time: a bar of height 0)
SELECT m[1] AS agency, m[2] AS month, m[3]::numeric AS height, m[4] AS tooltip
FROM page, regexp_matches(html, '<rect class="cot" data-agency="([^"]*)" data-month="([^"]*)" [^>]*height="([^"]*)"[^>]*><title>([^<]*)</title>', 'g') AS m;
SELECT array_agg(m[1]) AS month_labels FROM page, regexp_matches(html, '<text class="thang"[^>]*>([^<]*)</text>', 'g') AS m;
-- the backlog chart: five age buckets, three states each; a4 late (6-10), a5 in time (11-20),
-- b2 due soon (0-5); the widest bar is 480 units
SELECT m[1]::int AS bucket, m[2] AS state, m[3]::numeric AS width, m[4] AS tooltip
FROM page, regexp_matches(html, '<rect class="ton-dong" data-bucket="([^"]*)" data-state="([^"]*)" [^>]*width="([^"]*)"[^>]*><title>([^<]*)</title>', 'g') AS m
WHERE m[3]::numeric > 0;
SELECT count(*) AS backlog_bars FROM page, regexp_matches(html, '<rect class="ton-dong"', 'g');

-- A period before any dossier is still a page: no row, no bar, an empty backlog; a period that
-- starts in mid-month labels that month.
SELECT (SELECT count(*) FROM regexp_matches(h, '<tr data-agency=', 'g')) AS rows,
	(SELECT count(*) FROM regexp_matches(h, '<rect class="cot"', 'g')) AS bars,
	(SELECT count(*) FROM regexp_matches(h, '<rect class="ton-dong"[^>]*width="0.0"', 'g')) AS empty_backlog_bars,
	(SELECT array_agg(m[1]) FROM regexp_matches(h, '<text class="thang"[^>]*>([^<]*)</text>', 'g') AS m) AS month_labels,
	h LIKE '%</html>%' AS closed
FROM tthc.report_html('2025-12-15', '2026-02-28') AS h;

-- Errors come from tthc.report: a NULL day, a period that ends before it starts.
SELECT pg_temp.err($$SELECT tthc.report_html(NULL, '2026-03-31')$$);
SELECT pg_temp.err($$SELECT tthc.report_html('2026-03-31', '2026-03-01')$$);

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE tthc_report_html;
