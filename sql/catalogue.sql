-- The procedure catalogue: codes, agencies with succession, sectors, procedures with versions and
-- steps, search.  Agency and sector codes below follow the standard forms; which real agency a
-- code belongs to is illustrative.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
-- the same with the detail, where the detail says what is wrong
CREATE FUNCTION pg_temp.err_detail(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || coalesce(E'\n' || nullif(d, ''), ''); END $$;

-- Agency codes (QCVN 102:2016/BTTTT): every level, and what is not a code.
SELECT c AS code, tthc.is_valid_agency_code(c) AS valid,
       CASE WHEN tthc.is_valid_agency_code(c) THEN tthc.agency_code_level(c) END AS level
FROM unnest(ARRAY['000.00.00.H30', '000.00.04.G18', '000.05.04.G18', '001.05.04.G18',
                  '999.99.99.Y99', '000.00.00.A00', '999.99.99.Z99', '000.00.00.Z30',
                  '001.00.04.G18', '000.05.00.G18', '001.05.00.G18', '000.00.00.h30',
                  '000.00.00.H3', '000.00.00.H300', '000.00.00.30H', '00.000.00.H30',
                  ' 000.00.00.H30', '000.00.00.H30 ', '000-00-00-H30', '']) AS c;

-- Agency codes of Decision 20/2020/QĐ-TTg: the level-1 part first, then groups of 2 or 3 digits,
-- up to 35 characters; the level is the number of parts.  Z is reserved.
SELECT c AS code, tthc.is_valid_agency_code(c) AS valid,
       CASE WHEN tthc.is_valid_agency_code(c) THEN tthc.agency_code_level(c) END AS level
FROM unnest(ARRAY['H21', 'H21.65', 'G09.20', 'H21.65.012', 'H21.01.02.03.04.05.06.07.08.09.10',
                  'Z21.65', 'h21.65', 'H21.6', 'H21.6500', 'H21-65', 'H21.65.', 'H2',
                  'H21.01.02.03.04.05.06.07.08.09.10.11']) AS c;

-- Procedure codes: the base code, the full and short agency suffixes, the service number.
SELECT c AS code, tthc.is_valid_procedure_code(c) AS valid,
       CASE WHEN tthc.is_valid_procedure_code(c) THEN tthc.procedure_base_code(c) END AS base_code
FROM unnest(ARRAY['1.001234', '2.000815', '2.000815.000.00.00.H55', '1.000948.H38',
                  '1.001234.02', '1.000948.H38.02', '2.000815.000.00.00.H55.01', '2.000815.001.05.04.G18',
                  '1.00123', '1.0012345', '12.001234', '1,001234', '1.001234.', '1.001234.h38',
                  '1.001234.H3', '1.001234.2', '1.001234.002', '1.001234.02.H38', '1.001234.H38.H38',
                  '1.001234.001.00.04.G18', '1.001234.000.00.00.H5', '1.001234.H38.02.03', '']) AS c;

-- Sector codes (Circular 01/2018/TT-VPCP Art. 20) and the unit that owns them.
SELECT c AS code, tthc.is_valid_sector_code(c) AS valid,
       CASE WHEN tthc.is_valid_sector_code(c) THEN tthc.sector_unit(c) END AS unit
FROM unnest(ARRAY['G03-GD10', 'H30-TP1', 'G12-ABCD123', 'A01-X0',
                  'G03GD10', 'G03-GD', 'G03-10', 'G03-GDGDG1', 'G03-GD1000', 'g03-GD10',
                  'G3-GD10', 'G03-gd10', 'G03-GD10 ', '']) AS c;

-- Folding: lowercase, no accents, đ -> d; NFC and NFD alike; other characters kept.
SELECT tthc.fold('Cấp Phiếu LÝ LỊCH Tư Pháp') AS nfc,
       tthc.fold(U&'C\0061\0302\0301p Phie\0302\0301u LY\0301 LI\0323CH') AS nfd,
       tthc.fold('ĐĂNG KÝ HỘ TỊCH (trực tuyến) 2025') AS upper_digits,
       tthc.fold('') AS empty, tthc.fold(NULL) IS NULL AS null_in;

-- Agencies.  A calendar of its own for one of them.
INSERT INTO tthc.calendar (name, parent, description) VALUES ('tuyen-quang', 'national', 'Tuyên Quang');

-- The name is typed NFD (base letters and combining marks): it is stored NFC.
INSERT INTO tthc.agency (code, name, short_name, calendar, valid_from)
VALUES ('000.00.00.H59', U&'U\0309y ban nha\0302n da\0302n ti\0309nh Tuye\0302n Quang', 'UBND',
        'tuyen-quang', '2008-01-01');
SELECT name, name = 'Ủy ban nhân dân tỉnh Tuyên Quang' AS equals_nfc_literal,
       name IS NFC NORMALIZED AS is_nfc, length(name) AS characters,
       length(U&'U\0309y ban nha\0302n da\0302n ti\0309nh Tuye\0302n Quang') AS typed_characters
FROM tthc.agency WHERE code = '000.00.00.H59';

INSERT INTO tthc.agency (code, name, short_name, parent, calendar) VALUES
  ('000.00.04.H59', 'Sở Tư pháp tỉnh Tuyên Quang', 'STP', '000.00.00.H59', 'tuyen-quang'),
  ('000.05.04.H59', 'Phòng Hành chính tư pháp', NULL, '000.00.04.H59', 'tuyen-quang'),
  ('001.05.04.H59', 'Bộ phận tiếp nhận và trả kết quả', NULL, '000.05.04.H59', 'tuyen-quang');

-- The 2025 reorganisation: a province merged into another, with its department; a district
-- abolished into a commune that was later recoded under the new province (two hops).
INSERT INTO tthc.agency (code, name, short_name, valid_to, successor) VALUES
  ('000.00.00.H23', 'Ủy ban nhân dân tỉnh Hà Giang', 'UBND', '2025-06-30', '000.00.00.H59');
INSERT INTO tthc.agency (code, name, short_name, parent, valid_to, successor) VALUES
  ('000.00.04.H23', 'Sở Tư pháp tỉnh Hà Giang', 'STP', '000.00.00.H23', '2025-06-30', '000.00.04.H59');
INSERT INTO tthc.agency (code, name, parent, valid_from) VALUES
  ('000.00.40.H59', 'Ủy ban nhân dân xã Đồng Văn', '000.00.00.H59', '2025-07-01');
INSERT INTO tthc.agency (code, name, parent, valid_from, valid_to, successor) VALUES
  ('000.00.40.H23', 'Ủy ban nhân dân xã Đồng Văn', '000.00.00.H23', '2025-07-01', '2025-07-31', '000.00.40.H59');
INSERT INTO tthc.agency (code, name, parent, valid_to, successor) VALUES
  ('000.00.12.H23', 'Ủy ban nhân dân huyện Đồng Văn', '000.00.00.H23', '2025-06-30', '000.00.40.H23');

SELECT code, name, short_name, parent, level, calendar, valid_from, valid_to, successor,
       tthc.agency_successor(code) AS in_force, tthc.agency_calendar(code) AS agency_calendar
FROM tthc.agency ORDER BY code;

-- Sectors and procedures.  Names typed in any case and normal form; the folded name is stored.
INSERT INTO tthc.sector (code, name) VALUES
  ('G12-HT01', 'Hộ tịch'), ('G12-LL01', U&'Ly\0301 li\0323ch tu\031B pha\0301p'), ('G03-GD10', 'Giáo dục');
SELECT code, unit, name, name IS NFC NORMALIZED AS is_nfc FROM tthc.sector ORDER BY code;

INSERT INTO tthc.procedure (code, name, sector, level) VALUES
  ('1.001193', 'Thủ tục đăng ký khai sinh', 'G12-HT01', 'commune'),
  ('1.000656', 'Thủ tục đăng ký khai tử', 'G12-HT01', 'commune'),
  ('2.000635', 'Thủ tục cấp bản sao Trích lục hộ tịch', 'G12-HT01', 'commune'),
  ('1.004873', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', 'G12-HT01', 'commune'),
  ('1.001022', 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch', 'G12-HT01', 'commune'),
  ('2.000547', 'Thủ tục đăng ký lại khai sinh', 'G12-HT01', 'commune'),
  ('2.000908.000.00.00.H59', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', 'G12-LL01', 'province'),
  ('2.000488.H59', 'Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng', 'G12-LL01', 'province'),
  ('2.000488.H59.02', 'CẤP PHIẾU LÝ LỊCH TƯ PHÁP CHO CƠ QUAN TIẾN HÀNH TỐ TỤNG (TRỰC TUYẾN)', 'G12-LL01', 'province'),
  ('1.000001', 'Xác minh lý lịch cán bộ ngành tư pháp', 'G12-LL01', 'ministry'),
  ('1.008899', 'Đăng ký hoạt động của Trung tâm tư vấn pháp luật', NULL, 'province'),
  ('3.000159', 'Công nhận trường trung học đạt chuẩn quốc gia', 'G03-GD10', NULL);
SELECT code, base_code, name_folded, sector, level FROM tthc.procedure ORDER BY code;

-- Versions: the rules in force over time (valid_to inclusive).  Birth registration is same-day
-- with the 15:00 cut-off (Luật Hộ tịch Art. 5(3)); the criminal record certificate takes 10
-- working days.
INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term, cutoff,
                                    online_level, required_documents, legal_basis) VALUES
  ('1.001193', 1, '2016-01-01', '2025-06-30', 'trong ngày', '15:00', 'partial',
   '{"Tờ khai đăng ký khai sinh","Giấy chứng sinh"}', 'Luật Hộ tịch 2014'),
  ('1.001193', 2, '2025-07-01', NULL, 'trong ngày', '15:00', 'full',
   ARRAY['Tờ khai đăng ký khai sinh', U&'Gia\0302\0301y chu\031B\0301ng sinh'], U&'Lua\0323\0302t Ho\0323\0302 ti\0323ch 2014');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term, fee, supplement_policy)
VALUES ('2.000908.000.00.00.H59', 1, '2020-01-01', '2023-12-31', '10 ngày làm việc', 200000, 'restart'),
       ('2.000908.000.00.00.H59', 2, '2024-01-01', NULL, '10 working days', 200000, 'pause');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, counting)
VALUES ('2.000488.H59', 1, '2020-01-01', '5 ngày làm việc', 'working_time');
-- A sector rule deems a receipt outside working time made at the next working moment (State
-- Treasury Circular 87/2021 Art. 10); its supplement window is 5 days.
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, deem_receipt, supplement_window)
VALUES ('1.008899', 1, '2024-01-01', '1 tháng', true, '5 ngày');
SELECT procedure, version, valid_from, valid_to, term, counting, cutoff, supplement_policy, fee,
       online_level, required_documents, legal_basis, deem_receipt, supplement_window,
       required_documents[2] IS NFC NORMALIZED AND legal_basis IS NFC NORMALIZED AS is_nfc
FROM tthc.procedure_version ORDER BY procedure, version;

-- The version in force on a day, on each side of every boundary.
SELECT p, d, v.version, v.term, v.online_level
FROM (VALUES ('1.001193', '2016-01-01'::date), ('1.001193', '2025-06-30'), ('1.001193', '2025-07-01'),
             ('1.001193', '2099-12-31'), ('2.000908.000.00.00.H59', '2023-12-31'),
             ('2.000908.000.00.00.H59', '2024-01-01')) AS t(p, d),
     tthc.procedure_version_at(p, d) AS v;
SELECT tthc.procedure_version_at(NULL, '2024-01-01') IS NULL AS null_procedure,
       tthc.procedure_version_at('1.001193', NULL) IS NULL AS null_day;

-- Steps whose budgets fit: 1 + 7 + 1 = 9 of 10 working days; two same-day steps of a same-day
-- procedure; steps written before their version in one transaction (checked at commit).
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES
  ('2.000908.000.00.00.H59', 2, 1, 'Tiếp nhận hồ sơ', 'Bộ phận một cửa', '1 ngày làm việc'),
  ('2.000908.000.00.00.H59', 2, 2, 'Tra cứu, xác minh', 'Sở Tư pháp', '7 working days'),
  ('2.000908.000.00.00.H59', 2, 3, 'Ký, trả kết quả', U&'Gia\0301m đo\0302\0301c Sở', '1 ngày làm việc'),
  ('1.001193', 2, 1, 'Tiếp nhận', 'Công chức tư pháp - hộ tịch', 'trong ngày'),
  ('1.001193', 2, 2, 'Cấp Giấy khai sinh', 'Chủ tịch UBND xã', 'trong ngày');
BEGIN;
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES
  ('2.000488.H59', 2, 1, 'Tiếp nhận', 'Bộ phận một cửa', '1 ngày làm việc'),
  ('2.000488.H59', 2, 2, 'Xác minh', 'Sở Tư pháp', '4 ngày làm việc');
UPDATE tthc.procedure_version SET valid_to = '2025-12-31' WHERE procedure = '2.000488.H59' AND version = 1;
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term)
VALUES ('2.000488.H59', 2, '2026-01-01', '5 ngày làm việc');
COMMIT;
SELECT procedure, version, step, name, unit, budget, unit IS NFC NORMALIZED AS is_nfc
FROM tthc.procedure_step ORDER BY procedure, version, step;
SELECT version, valid_from, valid_to FROM tthc.procedure_version WHERE procedure = '2.000488.H59' ORDER BY version;

-- Search: accents and case do not matter, NFD queries work; the exact phrase ranks first, then
-- all the words, then the last word as a prefix; shorter names first within a tier.
SELECT code, name, round(rank::numeric, 4) AS rank FROM tthc.search_procedures('ly lich tu phap');
SELECT code, name, round(rank::numeric, 4) AS rank FROM tthc.search_procedures('HỘ TỊCH');
SELECT code, name, round(rank::numeric, 4) AS rank FROM tthc.search_procedures(U&'ho\0323 ti\0323ch');
SELECT code, name, round(rank::numeric, 4) AS rank FROM tthc.search_procedures('  Khai   si ');
SELECT code, name, round(rank::numeric, 4) AS rank FROM tthc.search_procedures('tu pha');
SELECT code, name, round(rank::numeric, 4) AS rank FROM tthc.search_procedures('2.000488');
SELECT code, name, round(rank::numeric, 4) AS rank FROM tthc.search_procedures('2.000488.H59.02');
SELECT code, name, round(rank::numeric, 4) AS rank FROM tthc.search_procedures('dang ky', 2);
SELECT count(*) AS none FROM tthc.search_procedures('hộ chiếu');
SELECT count(*) AS null_query FROM tthc.search_procedures(NULL);
-- the search can use the GIN index
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT code FROM tthc.procedure
WHERE to_tsvector('pg_catalog.simple', name_folded) @@ 'ly & lich & tu & phap:*'::tsquery;
RESET enable_seqscan;

-- The procedures each agency receives.  The department receives criminal record certificates; a
-- commune receives birth and death registrations.
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
  ('000.00.04.H59', '2.000908.000.00.00.H59'), ('000.00.04.H59', '2.000488.H59'),
  ('000.00.40.H59', '1.001193'), ('000.00.40.H59', '1.000656');
SELECT a, p, tthc._agency_receives(a, p) AS receives
FROM (VALUES ('000.00.04.H59', '2.000908.000.00.00.H59'), ('000.00.04.H59', '1.001193'),
             ('000.00.40.H59', '1.001193'), ('000.00.40.H23', '1.001193'),
             ('000.00.40.H59', '2.000908'), ('000.00.00.H99', '1.001193')) AS t(a, p);
SELECT tthc._agency_receives(NULL, '1.001193') IS NULL AS null_agency,
       tthc._agency_receives('000.00.40.H59', NULL) IS NULL AS null_procedure;
-- a recoded procedure and a deleted one follow through
INSERT INTO tthc.procedure (code, name) VALUES ('3.999998', 'Thủ tục thử');
INSERT INTO tthc.agency_procedure VALUES ('000.00.40.H59', '3.999998');
UPDATE tthc.procedure SET code = '3.999997' WHERE code = '3.999998';
SELECT procedure FROM tthc.agency_procedure WHERE agency = '000.00.40.H59' ORDER BY procedure;
DELETE FROM tthc.procedure WHERE code = '3.999997';
SELECT count(*) AS after_delete FROM tthc.agency_procedure WHERE procedure = '3.999997';

-- Deleting a procedure takes its versions and steps with it.
INSERT INTO tthc.procedure (code, name) VALUES ('3.999999', 'Thủ tục thử');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('3.999999', 1, '2026-01-01', '3 days');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget)
VALUES ('3.999999', 1, 1, 'Bước', 'Phòng', '3 days');
DELETE FROM tthc.procedure WHERE code = '3.999999';
SELECT (SELECT count(*) FROM tthc.procedure_version WHERE procedure = '3.999999') AS versions,
       (SELECT count(*) FROM tthc.procedure_step WHERE procedure = '3.999999') AS steps;

-- pg_dump keeps the catalogue; every column is documented.
SELECT c::regclass AS config_table, e.extcondition[array_position(e.extconfig, c)] AS condition
FROM pg_extension e, unnest(e.extconfig) AS c
WHERE e.extname = 'tthc'
  AND c::regclass::text IN ('tthc.agency', 'tthc.sector', 'tthc.procedure', 'tthc.procedure_version',
                            'tthc.procedure_step', 'tthc.agency_procedure')
ORDER BY c::regclass::text;
SELECT a.attrelid::regclass AS tab, a.attname AS undocumented_column
FROM pg_attribute a
WHERE a.attrelid IN ('tthc.agency'::regclass, 'tthc.sector'::regclass, 'tthc.procedure'::regclass,
                     'tthc.procedure_version'::regclass, 'tthc.procedure_step'::regclass,
                     'tthc.agency_procedure'::regclass)
  AND a.attnum > 0 AND NOT a.attisdropped AND col_description(a.attrelid, a.attnum) IS NULL;
SELECT p.oid::regprocedure AS undocumented_function
FROM pg_proc p
WHERE p.pronamespace = 'tthc'::regnamespace
  AND p.proname IN ('is_valid_agency_code', 'agency_code_level', 'is_valid_procedure_code',
                    'procedure_base_code', 'is_valid_sector_code', 'sector_unit', 'fold', '_nfc',
                    'agency_successor', 'agency_calendar', 'procedure_version_at', 'search_procedures',
                    '_agency_check', '_sector_check', '_procedure_check', '_procedure_version_check',
                    '_procedure_step_nfc', '_procedure_step_budget', '_agency_receives')
  AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT p.oid::regprocedure AS function, p.provolatile AS volatility, p.proisstrict AS strict,
       p.proparallel AS parallel
FROM pg_proc p
WHERE p.pronamespace = 'tthc'::regnamespace
  AND p.proname IN ('is_valid_agency_code', 'agency_code_level', 'is_valid_procedure_code',
                    'procedure_base_code', 'is_valid_sector_code', 'sector_unit', 'fold',
                    'agency_successor', 'agency_calendar', 'procedure_version_at', 'search_procedures',
                    '_agency_receives')
ORDER BY p.oid::regprocedure::text;

-- Invalid input, each case with its SQLSTATE.
\set VERBOSITY terse
-- codes
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('001.00.04.G18')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('000.05.00.G18')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('000.00.00.h30')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('000.00.00.H3')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('000.00.00.H300')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('000-00-00-H30')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('000.0Ệ.00.H30')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('000.00.00.Z30')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('Z21.65')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('H21.6')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('H21.65 ')$$);
SELECT pg_temp.err_detail($$SELECT tthc.agency_code_level('H21.01.02.03.04.05.06.07.08.09.10.11')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.00123')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('12.001234')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.001234.')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.001234-H38')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.001234.h38')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.001234.2')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.001234.02.H38')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.001234.H38.2')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.001234.000.00.00.H5')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_base_code('1.001234.001.00.04.G18')$$);
SELECT pg_temp.err_detail($$SELECT tthc.sector_unit('G03GD10')$$);
SELECT pg_temp.err_detail($$SELECT tthc.sector_unit('G03-GD')$$);
SELECT pg_temp.err_detail($$SELECT tthc.sector_unit('G03-GDGDG1')$$);
SELECT pg_temp.err_detail($$SELECT tthc.sector_unit('G03-GD1000')$$);
-- agencies
SELECT pg_temp.err_detail($$INSERT INTO tthc.agency (code, name) VALUES ('001.00.04.H59', 'x')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name) VALUES ('000.00.05.H59', ' ')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name) VALUES ('000.00.05.H59', NULL)$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name, calendar) VALUES ('000.00.05.H59', 'x', 'nowhere')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name, parent) VALUES ('000.00.05.H59', 'x', '000.00.00.H99')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name, valid_from, valid_to) VALUES ('000.00.05.H59', 'x', '2025-01-01', '2024-12-31')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name, successor) VALUES ('000.00.05.H59', 'x', '000.00.00.H59')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name, valid_to, successor) VALUES ('000.00.05.H59', 'x', '2025-06-30', '000.00.05.H59')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name, level) VALUES ('000.00.05.H59', 'x', 2)$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency (code, name) VALUES ('000.00.05.Z59', 'x')$$);
-- receivable procedures
SELECT pg_temp.err($$INSERT INTO tthc.agency_procedure VALUES ('000.00.00.H99', '1.001193')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency_procedure VALUES ('000.00.40.H59', '9.999999')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency_procedure VALUES ('000.00.40.H59', '1.001193')$$);
SELECT pg_temp.err($$INSERT INTO tthc.agency_procedure VALUES (NULL, '1.001193')$$);
SELECT pg_temp.err($$UPDATE tthc.agency SET valid_to = '2025-06-30', successor = '000.00.12.H23' WHERE code = '000.00.40.H59'$$);
SELECT pg_temp.err($$UPDATE tthc.agency SET parent = '001.05.04.H59' WHERE code = '000.00.04.H59'$$);
SELECT pg_temp.err($$UPDATE tthc.agency SET parent = code WHERE code = '000.00.04.H59'$$);
SELECT pg_temp.err($$DELETE FROM tthc.agency WHERE code = '000.00.00.H59'$$);
SELECT pg_temp.err($$DELETE FROM tthc.calendar WHERE name = 'tuyen-quang'$$);
SELECT pg_temp.err($$SELECT tthc.agency_successor('000.00.00.H99')$$);
SELECT pg_temp.err($$SELECT tthc.agency_calendar('000.00.00.H99')$$);
-- sectors and procedures
SELECT pg_temp.err_detail($$INSERT INTO tthc.sector (code, name) VALUES ('G12-ht01', 'x')$$);
SELECT pg_temp.err($$INSERT INTO tthc.sector (code, name) VALUES ('G12-HT01', 'again')$$);
SELECT pg_temp.err_detail($$INSERT INTO tthc.procedure (code, name) VALUES ('1.0011930', 'x')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure (code, name) VALUES ('1.999999', '')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure (code, name, level) VALUES ('1.999999', 'x', 'village')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure (code, name, sector) VALUES ('1.999999', 'x', 'G12-XX01')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure (code, name, name_folded) VALUES ('1.999999', 'x', 'x')$$);
SELECT pg_temp.err($$DELETE FROM tthc.sector WHERE code = 'G12-HT01'$$);
-- versions
SELECT pg_temp.err_detail($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.001193', 3, '2025-12-01', 'trong ngày')$$);
SELECT pg_temp.err_detail($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term) VALUES ('1.001193', 3, '2010-01-01', '2016-01-01', 'trong ngày')$$);
SELECT pg_temp.err_detail($$UPDATE tthc.procedure_version SET valid_to = '2025-07-01' WHERE procedure = '1.001193' AND version = 1$$);
SELECT pg_temp.err_detail($$UPDATE tthc.procedure_version SET valid_to = NULL WHERE procedure = '2.000908.000.00.00.H59' AND version = 1$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('9.999999', 1, '2025-01-01', '1 day')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.000656', 0, '2025-01-01', '1 day')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term) VALUES ('1.000656', 1, '2025-01-01', '2024-12-31', '1 day')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, fee) VALUES ('1.000656', 1, '2025-01-01', '1 day', -1)$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, cutoff) VALUES ('1.000656', 1, '2025-01-01', '1 day', '00:00')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, required_documents) VALUES ('1.000656', 1, '2025-01-01', '1 day', '{"Tờ khai",NULL}')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.000656', 1, '2025-01-01', '1 fortnight')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_window) VALUES ('1.000656', 1, '2025-01-01', '1 day', '1 tháng')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_window) VALUES ('1.000656', 1, '2025-01-01', '1 day', '8 giờ làm việc')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_window) VALUES ('1.000656', 1, '2025-01-01', '1 day', 'trong ngày')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_window) VALUES ('1.000656', 1, '2025-01-01', '1 day', NULL)$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, deem_receipt) VALUES ('1.000656', 1, '2025-01-01', '1 day', NULL)$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_policy) VALUES ('1.000656', 1, '2025-01-01', '1 day', 'extend')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, online_level) VALUES ('1.000656', 1, '2025-01-01', '1 day', 'level4')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_version_at('9.999999', '2025-01-01')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_version_at('1.001193', '2015-12-31')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_version_at('2.000908.000.00.00.H59', '2019-06-01')$$);
SELECT pg_temp.err_detail($$SELECT tthc.procedure_version_at('1.000656', '2025-01-01')$$);
-- steps, with the deferred check made immediate
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
SELECT pg_temp.err_detail($$INSERT INTO tthc.procedure_step VALUES ('2.000908.000.00.00.H59', 2, 4, 'Lưu trữ', 'Văn thư', '2 ngày làm việc')$$);
SELECT pg_temp.err_detail($$INSERT INTO tthc.procedure_step VALUES ('2.000488.H59', 1, 1, 'Xác minh', 'Sở Tư pháp', '6 ngày làm việc')$$);
SELECT pg_temp.err_detail($$INSERT INTO tthc.procedure_step VALUES ('2.000908.000.00.00.H59', 2, 4, 'Lưu trữ', 'Văn thư', '1 ngày')$$);
SELECT pg_temp.err_detail($$INSERT INTO tthc.procedure_step VALUES ('2.000908.000.00.00.H59', 2, 4, 'Lưu trữ', 'Văn thư', '4 giờ làm việc')$$);
SELECT pg_temp.err_detail($$INSERT INTO tthc.procedure_step VALUES ('1.001193', 2, 3, 'Trả kết quả', 'Bộ phận một cửa', '1 ngày làm việc')$$);
-- (a sum equal to the time limit fits)
SELECT pg_temp.err($$UPDATE tthc.procedure_step SET budget = '8 ngày làm việc' WHERE procedure = '2.000908.000.00.00.H59' AND version = 2 AND step = 2$$);
SELECT pg_temp.err_detail($$UPDATE tthc.procedure_version SET term = '8 ngày làm việc' WHERE procedure = '2.000908.000.00.00.H59' AND version = 2$$);
SELECT pg_temp.err_detail($$UPDATE tthc.procedure_version SET term = '9 ngày' WHERE procedure = '2.000908.000.00.00.H59' AND version = 2$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_step VALUES ('2.000908.000.00.00.H59', 9, 1, 'x', 'y', '1 ngày làm việc')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_step VALUES ('2.000908.000.00.00.H59', 2, 0, 'x', 'y', '1 ngày làm việc')$$);
SELECT pg_temp.err($$INSERT INTO tthc.procedure_step VALUES ('2.000908.000.00.00.H59', 2, 1, 'again', 'y', '1 ngày làm việc')$$);
ROLLBACK;
-- deferred: the transaction fails at commit
BEGIN;
INSERT INTO tthc.procedure_step VALUES ('2.000488.H59', 2, 3, 'Trả kết quả', 'Bộ phận một cửa', '1 ngày làm việc');
COMMIT;
SELECT count(*) AS steps_after_failed_commit FROM tthc.procedure_step WHERE procedure = '2.000488.H59';
-- search
SELECT pg_temp.err($$SELECT * FROM tthc.search_procedures('')$$);
SELECT pg_temp.err($$SELECT * FROM tthc.search_procedures('   ')$$);
SELECT pg_temp.err($$SELECT * FROM tthc.search_procedures('?!')$$);
SELECT pg_temp.err($$SELECT * FROM tthc.search_procedures('hộ tịch', 0)$$);

-- leave nothing behind for the next test
SET client_min_messages = warning;
DROP EXTENSION tthc CASCADE;
