-- Section 7: the procedure catalogue of a city after the 2025 reorganisation.

\echo
\echo '== 7. The catalogue: Hải Phòng after 1 July 2025, its procedures and their versions =='
\echo
\echo 'On 2025-07-01 the 63 provinces became 34 and districts were abolished: the province of'
\echo 'Hải Dương merged into the city of Hải Phòng, and district work went to the new wards and'
\echo 'communes.  A merged agency keeps its row, with valid_to and its successor; dossiers it'
\echo 'received stay with it.  (Agency codes follow QCVN 102:2016; the numbers here are examples.)'
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.00.H31', 'Ủy ban nhân dân thành phố Hải Phòng', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent, valid_from) VALUES
	('000.00.12.H31', 'Sở Tư pháp thành phố Hải Phòng', 'STP', '000.00.00.H31', '2000-01-01'),
	('000.20.31.H31', 'Ủy ban nhân dân phường Hồng Bàng', 'UBND', '000.00.00.H31', '2025-07-01');
INSERT INTO tthc.agency (code, name, short_name, parent, valid_to, successor) VALUES
	('000.00.00.H30', 'Ủy ban nhân dân tỉnh Hải Dương', 'UBND', NULL, '2025-06-30', '000.00.00.H31'),
	('000.00.12.H30', 'Sở Tư pháp tỉnh Hải Dương', 'STP', '000.00.00.H30', '2025-06-30', '000.00.12.H31'),
	('000.00.31.H31', 'Ủy ban nhân dân quận Hồng Bàng', 'UBND', '000.00.00.H31', '2025-06-30', '000.20.31.H31');

-- what the agencies print on their letters (section 14): the place of the date line and the signer
INSERT INTO tthc.letter_profile (agency, place, signer_authority, signer_title, signer_name, phone) VALUES
	('000.00.12.H31', 'Hải Phòng', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Vũ Thành Long', '0225 3842 111'),
	('000.20.31.H31', 'Hải Phòng', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn Bình', '0225 3745 222');

SELECT a.code, a.level, a.name, a.valid_from || ' .. ' || coalesce(a.valid_to::text, '') AS "in force",
	a.successor, nullif(tthc.agency_successor(a.code), a.code) AS "its work is now at"
FROM tthc.agency AS a
ORDER BY a.valid_to IS NOT NULL, a.level, a.code;

\echo 'Sectors (Circular 01/2018 Art. 20: <level-1 unit>-<sector>) and six procedures.  Each'
\echo 'version carries the time limit with its unit (Decree 63/2010 Art. 8), the 15:00 same-day'
\echo 'cut-off of Luật Hộ tịch Art. 5(3) and Decree 23/2015 Art. 7 where it applies, the'
\echo 'supplement policy (restart: Decree 61/2018 Art. 19(4); pause: practice) and the fee.'
INSERT INTO tthc.sector (code, name) VALUES
	('H31-LLTP1', 'Lý lịch tư pháp'),
	('H31-CT1', 'Chứng thực'),
	('H31-HT1', 'Hộ tịch'),
	('H31-XD1', 'Hoạt động xây dựng');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('2.000488.H31', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', 'H31-LLTP1', 'province'),
	('2.000815.H31', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp', 'H31-CT1', 'commune'),
	('2.000505.H31', 'Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng', 'H31-LLTP1', 'province'),
	('1.001193.H31', 'Đăng ký khai sinh', 'H31-HT1', 'commune'),
	('1.000894.H31', 'Đăng ký kết hôn', 'H31-HT1', 'commune'),
	('1.009994.H31', 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ', 'H31-XD1', 'commune');

-- The criminal-record certificate has two versions: 10 working days until 31/3/2026, then 7.
-- A version and its steps go in one transaction; the step budgets are checked at commit.
BEGIN;
INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term, fee, online_level,
	required_documents, legal_basis) VALUES
	('2.000488.H31', 1, '2020-01-01', '2026-03-31', '10 ngày làm việc', 200000, 'partial',
	 '{"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp","Bản chụp Căn cước công dân"}',
	 'Luật Lý lịch tư pháp 2009'),
	('2.000488.H31', 2, '2026-04-01', NULL, '7 ngày làm việc', 200000, 'full',
	 '{"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp","Bản chụp Căn cước công dân"}',
	 'Luật Lý lịch tư pháp 2009; phương án cắt giảm thời gian giải quyết của thành phố');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES
	('2.000488.H31', 1, 1, 'Tiếp nhận, chuyển hồ sơ', 'Bộ phận Một cửa', '1 ngày làm việc'),
	('2.000488.H31', 1, 2, 'Tra cứu, xác minh', 'Phòng Hành chính tư pháp', '7 ngày làm việc'),
	('2.000488.H31', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '2 ngày làm việc'),
	('2.000488.H31', 2, 1, 'Tiếp nhận, chuyển hồ sơ', 'Bộ phận Một cửa', '1 ngày làm việc'),
	('2.000488.H31', 2, 2, 'Tra cứu, xác minh', 'Phòng Hành chính tư pháp', '5 ngày làm việc'),
	('2.000488.H31', 2, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '1 ngày làm việc');
COMMIT;
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, cutoff, supplement_policy,
	fee, online_level) VALUES
	('2.000505.H31', 1, '2020-01-01', '10 ngày làm việc', NULL, 'restart', 0, 'none'),
	('2.000815.H31', 1, '2025-07-01', 'trong ngày', '15:00', 'restart', 2000, 'none'),
	('1.001193.H31', 1, '2025-07-01', 'trong ngày', '15:00', 'restart', 0, 'full'),
	('1.000894.H31', 1, '2025-07-01', '5 ngày làm việc', NULL, 'pause', 0, 'partial'),
	('1.009994.H31', 1, '2025-07-01', '15 ngày', NULL, 'restart', 75000, 'partial');

SELECT p.code, p.name, v.version AS v, v.term, to_char(v.cutoff, 'HH24:MI') AS cutoff,
	v.supplement_policy AS supplement,
	to_char(v.fee, 'FM999G999') AS "fee (đ)", v.online_level AS online
FROM tthc.procedure AS p
JOIN tthc.procedure_version AS v ON v.procedure = p.code
ORDER BY p.sector, p.code, v.version;

\echo 'Each agency declares the procedures it receives (tthc.agency_procedure); a receipt of any other'
\echo 'procedure there is refused with a hint.  The Department of Justice takes criminal records,'
\echo 'the ward the civil-status, certification and construction procedures.'
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
	('000.00.12.H31', '2.000488.H31'), ('000.00.12.H31', '2.000505.H31'),
	('000.00.12.H30', '2.000488.H31'),
	('000.20.31.H31', '2.000815.H31'), ('000.20.31.H31', '1.001193.H31'),
	('000.20.31.H31', '1.000894.H31'), ('000.20.31.H31', '1.009994.H31');
SELECT a.short_name || ' ' || a.code AS agency, count(*) AS procedures,
	string_agg(ap.procedure, ', ' ORDER BY ap.procedure) AS codes
FROM tthc.agency_procedure AS ap JOIN tthc.agency AS a ON a.code = ap.agency
GROUP BY a.code, a.short_name ORDER BY a.code;

\echo 'The internal steps of each version of 2.000488.H31, with their budgets (Decree 61/2018'
\echo 'Art. 19(6); each unit''s time is scored separately, Circular 01/2018 Art. 13):'
SELECT s.version AS v, s.step, s.name, s.unit, s.budget
FROM tthc.procedure_step AS s
WHERE s.procedure = '2.000488.H31'
ORDER BY s.version, s.step;

\echo 'The version in force on a day: tthc.procedure_version_at(procedure, day)'
SELECT d AS day, (tthc.procedure_version_at('2.000488.H31', d)).version,
	(tthc.procedure_version_at('2.000488.H31', d)).term
FROM unnest(ARRAY['2026-02-12', '2026-03-31', '2026-04-01']::date[]) AS d;

\echo 'Search without accents, best first (code, phrase, all words, last word as a prefix):'
\echo 'SELECT * FROM tthc.search_procedures(''ly lich tu phap'');'
SELECT code, name, round(rank::numeric, 2) AS rank FROM tthc.search_procedures('ly lich tu phap');
\echo 'SELECT * FROM tthc.search_procedures(''DANG KY'');   -- any case'
SELECT code, name, round(rank::numeric, 2) AS rank FROM tthc.search_procedures('DANG KY');
\echo 'SELECT * FROM tthc.search_procedures(''ban sao ban chinh''); SELECT * FROM tthc.search_procedures(''giay phep xay d'');'
SELECT q AS query, s.code, s.name, round(s.rank::numeric, 2) AS rank
FROM unnest(ARRAY['ban sao ban chinh', 'giay phep xay d']) WITH ORDINALITY AS x(q, n),
	tthc.search_procedures(q) AS s
ORDER BY x.n, s.rank DESC;
