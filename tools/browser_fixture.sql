-- The pages tools/browser_check.sh --fixture opens in headless Chromium (make test): a database
-- with two agencies (one named with characters HTML must escape), a few dossiers in March and April
-- 2026, one of them re-scheduled with its Form 04 apology.
SET client_min_messages = warning;
CREATE EXTENSION tthc;
SET timezone = 'Asia/Ho_Chi_Minh';
SET tthc.now = '2026-04-30 18:00+07';
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.12.H31', 'Sở Tư pháp <Hưng Yên> & "A"', 'STP'),
	('000.00.13.H31', 'Đài Phát thanh và Truyền hình', 'PTTH');
INSERT INTO tthc.letter_profile (agency, place, signer_title, signer_name)
VALUES ('000.00.12.H31', 'Hưng Yên', 'GIÁM ĐỐC', 'Nguyễn Văn Bình');
INSERT INTO tthc.procedure (code, name) VALUES ('1.000003', 'Thủ tục ba ngày');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES
	('1.000003', 1, '2020-01-01', '3 ngày làm việc');
INSERT INTO tthc.agency_procedure VALUES ('000.00.12.H31', '1.000003'), ('000.00.13.H31', '1.000003');
CREATE TEMP TABLE d AS
SELECT n, (tthc.receive(a, '1.000003', 'Nguyễn Văn An', received_at => t)).id
FROM (VALUES (1, '000.00.12.H31', timestamptz '2026-03-02 09:00'), (2, '000.00.12.H31', '2026-03-09 09:00'),
	(3, '000.00.13.H31', '2026-04-01 09:00'), (4, '000.00.12.H31', '2026-04-20 09:00'),
	(5, '000.00.13.H31', '2026-04-28 09:00')) v (n, a, t);
SELECT tthc.start_processing(id, happened_at => ('2026-' || CASE n WHEN 1 THEN '03-02' WHEN 2 THEN '03-09'
	ELSE '04-01' END || ' 10:00')::timestamptz)
FROM d WHERE n <= 3;
SELECT tthc.finish((SELECT id FROM d WHERE n = 1), happened_at => '2026-03-04 10:00');
SELECT tthc.extend((SELECT id FROM d WHERE n = 2), reason => 'Chờ kết quả xác minh <của> cơ quan "công an"',
	by => '3 ngày làm việc', happened_at => '2026-03-11 09:00');
SELECT tthc.finish((SELECT id FROM d WHERE n = 2), happened_at => '2026-03-16 10:00');
SELECT tthc.finish((SELECT id FROM d WHERE n = 3), happened_at => '2026-04-06 10:00');
