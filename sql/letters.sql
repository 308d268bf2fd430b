-- The legal letters: forms 01-05 issued by their events and on request, their text and A5 HTML,
-- the Decree 30/2020 date line, amounts in words (ICU), gapless numbers per agency, form and year,
-- Ed25519 signatures and tamper detection, and late and missing apologies.  Dates are worked out
-- on the national calendar as in lifecycle.sql (Monday to Friday, work ends at 17:00).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET tthc.now = '2026-03-20 12:00+07';
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;

-- 1. Pure helpers.  The date line (Decree 30/2020 Appendix I): days below 10 and months 1 and 2
-- take a leading zero, months 3-12 never do.
SELECT d, tthc.letter_date_line(d, 'Hưng Yên') AS line, tthc.letter_date_line(d) AS bare
FROM unnest('{2026-02-05,2026-07-15,2027-01-01,2026-12-31,2026-03-09}'::date[]) d;
-- amounts spelled out by ICU (locale vi), capitalised, and grouped in figures
SELECT a, tthc.format_amount(a), tthc.amount_in_words(a)
FROM unnest('{200000,1500000,2000,0,105000,1000000000}'::bigint[]) a;
SELECT * FROM tthc.letter_form('04');
SELECT tthc._html_escape('<b>"A" & ''B''</b>');

-- 2. Data: a provincial People's Committee, its Department of Justice with a letter profile, and a
-- department without one (its letters print dotted blanks).
INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.00.H31', 'Ủy ban nhân dân tỉnh Hưng Yên', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent) VALUES
	('000.00.12.H31', 'Sở Tư pháp tỉnh Hưng Yên', 'STP', '000.00.00.H31'),
	('000.00.15.H31', 'Sở Tài nguyên và Môi trường tỉnh Hưng Yên', NULL, '000.00.00.H31');
INSERT INTO tthc.letter_profile (agency, place, signer_authority, signer_title, signer_name, phone) VALUES
	('000.00.12.H31', 'Hưng Yên', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Thị Bình', '0221 3862 123');
INSERT INTO tthc.procedure (code, name, level) VALUES
	('1.001235', 'Cấp Phiếu lý lịch tư pháp số 1', 'province'),
	('1.004227', 'Đăng ký biến động đất đai', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, fee) VALUES
	('1.001235', 1, '2020-01-01', '10 ngày làm việc', 200000),
	('1.004227', 1, '2020-01-01', '10 ngày làm việc', 0);
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
	('000.00.12.H31', '1.001235'), ('000.00.15.H31', '1.004227');
CREATE FUNCTION pg_temp.desk(at timestamptz, name text DEFAULT 'Nguyễn Văn An',
	agency text DEFAULT '000.00.12.H31', proc text DEFAULT '1.001235') RETURNS bigint LANGUAGE sql AS $$
	SELECT (tthc.receive(agency, proc, name, channel => 'desk', received_at => at,
		applicant_phone => '0912 345 678')).id $$;

-- 3. Without a key letters are unsigned and say so; verification finds them intact (NULL).
SELECT pg_temp.desk('2026-03-02 08:00', 'Lê Văn Chưa Ký', '000.00.15.H31', '1.004227') AS unsigned \gset
SELECT form, number, key_id, signature IS NULL AS unsigned, tthc.verify_letter(id) FROM tthc.letter
WHERE dossier = :unsigned;
SELECT text FROM tthc.letter WHERE dossier = :unsigned;

-- 4. With a key (a throwaway test key, written by the test).  Form 01 on acceptance at the desk.
COPY (SELECT l FROM unnest(ARRAY['-----BEGIN PRIVATE KEY-----',
	'MC4CAQAwBQYDK2VwBCIEILEep+zsaIa2+ApJOJvSjCatcT31HvQCdvHFcesRRWjK',
	'-----END PRIVATE KEY-----']) l) TO '/tmp/tthc_letters_test_ed25519.pem';
SET tthc.signing_key_file = '/tmp/tthc_letters_test_ed25519.pem';
-- received Monday 2026-03-02 09:00: due Monday 2026-03-16 17:00 (lifecycle.sql, section 1)
SELECT pg_temp.desk('2026-03-02 09:00') AS a \gset
SELECT form, year, number, event_seq, late, key_id, encode(digest, 'hex') = encode(sha256(
	tthc._letter_canonical(dossier, agency, form, year, number, issued_at,
		left(text, -length(tthc._letter_suffix(key_id, signature, false))),
		left(html, -length(tthc._letter_suffix(key_id, signature, true))))), 'hex') AS digest_ok,
	tthc.verify_letter(id)
FROM tthc.letter WHERE dossier = :a;
SELECT text FROM tthc.letter WHERE dossier = :a AND form = '01';
SELECT encode(public_key, 'hex') FROM tthc.signing_key;

-- Form 04 by the extension, in its transaction: on Thursday 03-12, before the last lawful moment
-- (the end of Friday 03-13), so not late.
SELECT due_at, apology_late FROM tthc.extend(:a, '2026-03-20 17:00', 'Cần xác minh thêm tại cơ quan công an',
	happened_at => '2026-03-12 10:00');
SELECT form, number, event_seq, late, tthc.verify_letter(id) FROM tthc.letter WHERE dossier = :a ORDER BY id;
SELECT text FROM tthc.letter WHERE dossier = :a AND form = '04';
SELECT html FROM tthc.letter WHERE dossier = :a AND form = '04';

-- Form 02 and Form 03 before acceptance, at the desk check
SELECT (tthc.receive('000.00.12.H31', '1.001235', 'Phạm Thị <Dung> & "Con"', received_at => '2026-03-03 09:00',
	accept => false)).id AS b \gset
SELECT status FROM tthc.request_supplement(:b, note => 'Thiếu bản sao Căn cước công dân', happened_at => '2026-03-03 09:10');
SELECT status FROM tthc.supplement_received(:b, happened_at => '2026-03-04 09:00');
SELECT status FROM tthc.refuse(:b, note => 'Yêu cầu không thuộc thẩm quyền của Sở', happened_at => '2026-03-04 09:30');
SELECT form, number, event_seq, tthc.verify_letter(id) FROM tthc.letter WHERE dossier = :b ORDER BY id;
SELECT text FROM tthc.letter WHERE dossier = :b AND form = '02';
SELECT text FROM tthc.letter WHERE dossier = :b AND form = '03';
-- every value is escaped in the HTML
SELECT html LIKE '%Kính gửi: Phạm Thị &lt;Dung&gt; &amp; &quot;Con&quot;</p>%' AS escaped,
	html LIKE '%<Dung>%' AS raw FROM tthc.letter WHERE dossier = :b AND form = '03';

-- Form 05 on a stop
SELECT pg_temp.desk('2026-03-05 09:00', 'Hoàng Văn Em') AS c \gset
SELECT status FROM tthc.stop(:c, note => 'Theo đề nghị của người nộp hồ sơ', happened_at => '2026-03-06 09:00');
SELECT text FROM tthc.letter WHERE dossier = :c AND form = '05';

-- 5. Late and missing apologies.  An extension on Tuesday 03-17, after the legal due: the apology
-- is late.  A dossier received 03-02 10:00 runs past its legal due with no apology: missing.
SELECT pg_temp.desk('2026-03-02 09:30', 'Đỗ Văn Muộn') AS late \gset
SELECT apology_late FROM tthc.extend(:late, '2026-03-25 17:00', 'Chờ kết quả xác minh', happened_at => '2026-03-17 09:00');
SELECT pg_temp.desk('2026-03-02 10:00', 'Vũ Thị Thiếu') AS missing \gset
SELECT form, late FROM tthc.letter WHERE dossier = :late AND form = '04';
SELECT dossier = :late AS is_late, dossier = :missing AS is_missing, legal_due_at, apology_deadline,
	apology_at, problem
FROM tthc.apology_check ORDER BY dossier;

-- 6. On request: a new number, the reason of the event that called for the form
SELECT form, number, event_seq, issued_at FROM tthc.issue_letter(:a, '04');
SELECT form, number, tthc.verify_letter(id) FROM tthc.letter WHERE dossier = :a AND event_seq IS NULL;
SELECT text LIKE '%Lý do: Cần xác minh thêm tại cơ quan công an.%' AS same_reason
FROM tthc.letter WHERE dossier = :a AND form = '04' AND event_seq IS NULL;

-- 7. Numbers: gapless per agency, form and year; a new year starts at 1.  Received on Thursday
-- 2026-12-31 and Monday 2027-01-04 (tthc.now moves on for them).
SET tthc.now = '2027-01-05 12:00+07';
SELECT pg_temp.desk('2026-12-31 09:00', 'Cuối Năm') IS NOT NULL AS received;
SELECT pg_temp.desk('2027-01-04 09:00', 'Đầu Năm') IS NOT NULL AS received;
SELECT agency, form, year, array_agg(number ORDER BY number) AS numbers
FROM tthc.letter GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SELECT text LIKE E'%\nSố: 1/TNHS-STP\n%' AS number_line, text LIKE '%Hưng Yên, ngày 04 tháng 01 năm 2027%' AS date_line
FROM tthc.letter l JOIN tthc.dossier d ON d.id = l.dossier WHERE d.applicant_name = 'Đầu Năm';

-- 8. Tampering (triggers disabled, as only a superuser can) is found.
SELECT id AS f01 FROM tthc.letter WHERE dossier = :a AND form = '01' \gset
SELECT id AS f04 FROM tthc.letter WHERE dossier = :a AND form = '04' AND event_seq IS NOT NULL \gset
SELECT id AS f03 FROM tthc.letter WHERE dossier = :b AND form = '03' \gset
SELECT id AS fu FROM tthc.letter WHERE dossier = :unsigned \gset
ALTER TABLE tthc.letter DISABLE TRIGGER letter_guard;
UPDATE tthc.letter SET text = replace(text, '20 tháng 3', '30 tháng 3') WHERE id = :f04;
UPDATE tthc.letter SET html = replace(html, 'Yêu cầu không', 'Yêu cầu đã') WHERE id = :f03;
UPDATE tthc.letter SET number = number + 100 WHERE id = :f01;
UPDATE tthc.letter SET text = replace(text, 'Lê Văn Chưa Ký', 'Lê Văn Khác') WHERE id = :fu;
ALTER TABLE tthc.letter ENABLE TRIGGER letter_guard;
SELECT id = :f04 AS text_changed, id = :f03 AS html_changed, id = :f01 AS number_changed,
	id = :fu AS unsigned_changed, tthc.verify_letter(id)
FROM tthc.letter WHERE id IN (:f01, :f04, :f03, :fu) ORDER BY id;
-- a letter signed again with another key, without recording that key, fails too
ALTER TABLE tthc.letter DISABLE TRIGGER letter_guard;
UPDATE tthc.letter SET signature = (SELECT signature FROM tthc.letter WHERE dossier = :c AND form = '05')
WHERE dossier = :c AND form = '01';
ALTER TABLE tthc.letter ENABLE TRIGGER letter_guard;
SELECT form, tthc.verify_letter(id) FROM tthc.letter WHERE dossier = :c ORDER BY id;

-- 9. Errors
SELECT pg_temp.err($$UPDATE tthc.letter SET late = true WHERE id = $$ || :f01);
SELECT pg_temp.err($$DELETE FROM tthc.letter WHERE id = $$ || :f01);
SELECT pg_temp.err($$TRUNCATE tthc.letter$$);
SELECT pg_temp.err($$INSERT INTO tthc.letter (dossier, agency, form, year, number, issued_at, text, html, digest)
	VALUES ($$ || :a || $$, '000.00.12.H31', '01', 2026, 99, now(), 't', 'h', '\x00')$$);
SELECT pg_temp.err($$SELECT tthc.issue_letter($$ || :a || $$, '06')$$);
SELECT pg_temp.err($$SELECT tthc.issue_letter($$ || :a || $$, NULL)$$);
SELECT pg_temp.err($$SELECT tthc.issue_letter(-1, '01')$$);
SELECT pg_temp.err($$SELECT tthc.issue_letter($$ || :a || $$, '05')$$);
SELECT pg_temp.err($$SELECT tthc.verify_letter(-1)$$);
SELECT pg_temp.err($$SELECT tthc.amount_in_words(-1)$$);
SELECT pg_temp.err($$SELECT tthc.format_amount(-200000)$$);
SELECT pg_temp.err($$SELECT tthc.letter_date_line('infinity')$$);
SELECT pg_temp.err($$SELECT tthc.letter_form('4')$$);
-- a missing key file, and a key of another kind, stop the event that would issue the letter
SET tthc.signing_key_file = '/tmp/tthc_letters_test_no_such_file.pem';
SELECT pg_temp.err($$SELECT pg_temp.desk('2027-01-04 10:00')$$);
COPY (SELECT l FROM unnest(ARRAY['-----BEGIN PRIVATE KEY-----',
	'MC4CAQAwBQYDK2VuBCIEICCjbf1tO9BC+1wusU0J+iwzqlDxZJ+Q06eftuXMQWxd',
	'-----END PRIVATE KEY-----']) l) TO '/tmp/tthc_letters_test_x25519.pem';
SET tthc.signing_key_file = '/tmp/tthc_letters_test_x25519.pem';
SELECT pg_temp.err($$SELECT pg_temp.desk('2027-01-04 10:00')$$);
RESET tthc.signing_key_file;
-- the key setting is a superuser's, and issuing on request needs a grant
CREATE ROLE tthc_letters_clerk;
GRANT USAGE ON SCHEMA tthc TO tthc_letters_clerk;
SET ROLE tthc_letters_clerk;
SELECT pg_temp.err($$SET tthc.signing_key_file = '/tmp/x.pem'$$);
SELECT pg_temp.err($$SELECT tthc.issue_letter(1, '01')$$);
SELECT pg_temp.err($$SELECT tthc._sign('\x00')$$);
RESET ROLE;
REVOKE USAGE ON SCHEMA tthc FROM tthc_letters_clerk;
DROP ROLE tthc_letters_clerk;

-- leave nothing behind for the next test
SET client_min_messages = warning;
DROP EXTENSION tthc CASCADE;
