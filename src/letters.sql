-- letters.sql: the legal letters of a dossier (forms 01-05 of Circular 03/2025/TT-VPCP), numbered
-- gaplessly per agency, form and year, laid out per Decree 30/2020/NĐ-CP Appendix I on A5 paper
-- (Circular 01/2018/TT-VPCP Art. 9(2)), stored immutable with their SHA-256 digest and an Ed25519
-- signature.  The events that call for a letter issue it in their own transaction; Form 04 comes
-- with the extension because Decree 61/2018/NĐ-CP Art. 19(9) makes the apology part of it.
-- doc/letters.md describes every rule with its source.

-- Pure helpers (letters.c, letters_pg.c).  _html_escape, _letter_canonical, _letter_suffix and
-- _ed25519_verify stay executable by PUBLIC: tthc.verify_letter runs as its caller and needs them.
CREATE FUNCTION tthc.letter_date_line(day date, place text DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_letter_date_line'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION tthc.letter_date_line(date, text) IS
	'the place and date line of a document, "<place>, ngày 05 tháng 02 năm 2026": days below 10 and months 1 and 2 take a leading zero, months 3-12 never do (Decree 30/2020 Appendix I)';

CREATE FUNCTION tthc.amount_in_words(amount bigint)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_amount_in_words'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.amount_in_words(bigint) IS
	'an amount of đồng in Vietnamese words by ICU''s rule-based spell-out, capitalised: 200000 gives "Hai trăm nghìn đồng"';

CREATE FUNCTION tthc.format_amount(amount bigint)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_format_amount'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.format_amount(bigint) IS
	'an amount of đồng in figures grouped by ICU''s Vietnamese number format: 200000 gives "200.000 đồng"';

CREATE FUNCTION tthc.letter_form(form text, OUT title text, OUT abbrev text, OUT event text)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_letter_form'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc.letter_form(text) IS
	'the title, number abbreviation and issuing event of a letter form 01-05 (Circular 03/2025/TT-VPCP); 22023 for another';

CREATE FUNCTION tthc._html_escape(s text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_html_escape'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._html_escape(text) IS 'internal: a text with &, <, >, " and '' written as HTML entities';

CREATE FUNCTION tthc._upper(s text)
RETURNS text
AS 'MODULE_PATHNAME', 'tthc_upper_vi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._upper(text) IS
	'internal: a text in upper case by ICU''s Vietnamese rules, whatever the database''s character classification';
REVOKE ALL ON FUNCTION tthc._upper(text) FROM PUBLIC;

-- Signatures (letters_pg.c).  The private key is read from tthc.signing_key_file and never
-- passes through SQL; _sign is for tthc's own code only.
CREATE FUNCTION tthc._sign(content bytea, OUT public_key bytea, OUT signature bytea)
RETURNS record
AS 'MODULE_PATHNAME', 'tthc_sign'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION tthc._sign(bytea) IS
	'internal: the Ed25519 signature of a content with the key of tthc.signing_key_file and its public key; NULLs without a key';
REVOKE ALL ON FUNCTION tthc._sign(bytea) FROM PUBLIC;

CREATE FUNCTION tthc._ed25519_verify(public_key bytea, content bytea, signature bytea)
RETURNS boolean
AS 'MODULE_PATHNAME', 'tthc_ed25519_verify'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tthc._ed25519_verify(bytea, bytea, bytea) IS
	'internal: whether an Ed25519 signature of a content is valid for a raw 32-byte public key';

CREATE TABLE tthc.signing_key (
	id				int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	public_key		bytea NOT NULL UNIQUE CHECK (pg_catalog.length(public_key) = 32),
	first_used_at	timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE tthc.signing_key IS
	'the Ed25519 public keys that letters and history checkpoints were signed with, recorded the first time each key signs';
COMMENT ON COLUMN tthc.signing_key.public_key IS 'the raw 32-byte Ed25519 public key';

-- Where a letter's data comes from, per issuing agency: the place of the date line, the signer, the
-- one-stop desk.  The agency's name, abbreviation (short_name) and parent come from tthc.agency.
CREATE TABLE tthc.letter_profile (
	agency			text PRIMARY KEY REFERENCES tthc.agency ON UPDATE CASCADE ON DELETE RESTRICT,
	place			text NOT NULL CHECK (NOT tthc.is_blank(place)),
	signer_authority text CHECK (NOT tthc.is_blank(signer_authority)),
	signer_title	text NOT NULL CHECK (NOT tthc.is_blank(signer_title)),
	signer_name		text CHECK (NOT tthc.is_blank(signer_name)),
	desk			text NOT NULL DEFAULT 'Bộ phận Tiếp nhận và Trả kết quả' CHECK (NOT tthc.is_blank(desk)),
	phone			text CHECK (NOT tthc.is_blank(phone))
);
COMMENT ON TABLE tthc.letter_profile IS
	'per agency, what its letters print beside tthc.agency: the place of the date line, the signer, the one-stop desk and its phone; an agency without a row prints dotted blanks';
COMMENT ON COLUMN tthc.letter_profile.place IS 'the place name of the date line, e.g. Hưng Yên (Decree 30/2020 Appendix I)';
COMMENT ON COLUMN tthc.letter_profile.signer_authority IS
	'the line above the signer''s title when a deputy or a member signs for the head, e.g. KT. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN';
COMMENT ON COLUMN tthc.letter_profile.signer_title IS 'the signer''s title, e.g. GIÁM ĐỐC, PHÓ GIÁM ĐỐC, CHỦ TỊCH';
COMMENT ON COLUMN tthc.letter_profile.signer_name IS 'the signer''s name; NULL leaves the line to be written by hand';
COMMENT ON COLUMN tthc.letter_profile.desk IS 'the one-stop desk that receives dossiers and returns results';
COMMENT ON COLUMN tthc.letter_profile.phone IS 'the phone number applicants are told to call';

CREATE TABLE tthc.letter_counter (
	agency			text NOT NULL,
	form			text NOT NULL,
	year			int NOT NULL,
	last			int NOT NULL,
	PRIMARY KEY (agency, form, year)
);
COMMENT ON TABLE tthc.letter_counter IS 'last letter number per issuing agency, form and year';

CREATE TABLE tthc.letter (
	id				bigint GENERATED ALWAYS AS IDENTITY,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	form			text NOT NULL CHECK (form IN ('01', '02', '03', '04', '05')),
	year			int NOT NULL,
	number			int NOT NULL CHECK (number > 0),
	issued_at		timestamptz NOT NULL,
	event_seq		int,
	late			boolean,
	text			text NOT NULL,
	html			text NOT NULL,
	digest			bytea NOT NULL,
	key_id			int REFERENCES tthc.signing_key,
	signature		bytea,
	recorded_at		timestamptz NOT NULL DEFAULT pg_catalog.now(),
	dossier_agency	text NOT NULL,
	PRIMARY KEY (id, issued_at, dossier_agency),
	UNIQUE (agency, form, year, number, issued_at, dossier_agency),
	FOREIGN KEY (dossier, dossier_agency) REFERENCES tthc.dossier (id, agency) ON DELETE RESTRICT,
	CHECK ((key_id IS NULL) = (signature IS NULL)),
	CHECK ((late IS NOT NULL) = (form = '04'))
) PARTITION BY RANGE (issued_at);
CREATE INDEX letter_dossier_idx ON tthc.letter (dossier, form);
COMMENT ON INDEX tthc.letter_dossier_idx IS 'the letters of a dossier by form; also serves the foreign key';
CREATE INDEX letter_key_idx ON tthc.letter (key_id) WHERE key_id IS NOT NULL;
COMMENT ON INDEX tthc.letter_key_idx IS 'letters by signing key; serves the foreign key';
COMMENT ON TABLE tthc.letter IS
	'the legal letters of dossiers (forms 01-05, Circular 03/2025/TT-VPCP), immutable, with their SHA-256 digest and Ed25519 signature; partitioned by month of issued_at (doc/partitioning.md): the keys hold issued_at, so a number stays unique per agency, form and year by tthc.letter_counter';
COMMENT ON COLUMN tthc.letter.agency IS 'the issuing agency: the receiving agency, or the one processing a forwarded dossier';
COMMENT ON COLUMN tthc.letter.form IS 'the form: 01 receipt and appointment, 02 supplement request, 03 refusal, 04 apology and new appointment, 05 stop notice';
COMMENT ON COLUMN tthc.letter.year IS 'the year of the number: the issuing day''s year in the dossier''s calendar time zone';
COMMENT ON COLUMN tthc.letter.number IS 'the number, gapless per agency, form and year ("Số: <number>/<abbrev>-<agency>")';
COMMENT ON COLUMN tthc.letter.issued_at IS 'when the letter was issued: the event''s time, or tthc.now() for one issued on request';
COMMENT ON COLUMN tthc.letter.event_seq IS 'the history event that issued the letter; NULL for one issued on request';
COMMENT ON COLUMN tthc.letter.dossier_agency IS 'the receiving agency of the dossier (the distribution key: a letter lives with its dossier)';
COMMENT ON COLUMN tthc.letter.late IS
	'Form 04 only: the apology came after the last lawful moment, one day before the legal due (Decree 61/2018 Art. 19(9))';
COMMENT ON COLUMN tthc.letter.text IS 'the letter as plain text, its verification line last';
COMMENT ON COLUMN tthc.letter.html IS 'the letter as print-ready A5 HTML (Circular 01/2018 Art. 9(2)), its verification line last';
COMMENT ON COLUMN tthc.letter.digest IS 'SHA-256 of the canonical content (tthc._letter_canonical)';
COMMENT ON COLUMN tthc.letter.key_id IS 'the key that signed it; NULL: issued unsigned';
COMMENT ON COLUMN tthc.letter.signature IS 'Ed25519 signature of the canonical content; its base64 is the verification code printed on the letter';
COMMENT ON COLUMN tthc.letter.recorded_at IS 'when the letter was recorded (transaction start)';

SELECT pg_catalog.pg_extension_config_dump('tthc.signing_key', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter_profile', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter_counter', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.signing_key_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.letter_id_seq', '');

-- Letters are never changed: no update, no delete; inserted by tthc's own code only.
CREATE FUNCTION tthc._letter_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'letters are immutable: direct % is not allowed', lower(TG_OP)
		USING ERRCODE = 'TH004',
			  HINT = 'Letters are issued by the dossier events and tthc.issue_letter(); issue a new one instead of changing one.';
END
$$;
COMMENT ON FUNCTION tthc._letter_guard() IS 'internal: keeps letters immutable and written only by tthc';
REVOKE ALL ON FUNCTION tthc._letter_guard() FROM PUBLIC;
CREATE TRIGGER letter_guard BEFORE UPDATE OR DELETE ON tthc.letter
	FOR EACH ROW EXECUTE FUNCTION tthc._letter_guard();
CREATE TRIGGER letter_insert_guard BEFORE INSERT ON tthc.letter
	FOR EACH ROW WHEN (NOT tthc._dossier_writing()) EXECUTE FUNCTION tthc._letter_guard();
CREATE TRIGGER letter_truncate BEFORE TRUNCATE ON tthc.letter
	FOR EACH STATEMENT EXECUTE FUNCTION tthc._letter_guard();

-- The bytes that the digest and the signature cover: the letter's identity and its text and HTML
-- without their verification line, each length-prefixed so that no two letters share them.
CREATE FUNCTION tthc._letter_canonical(dossier bigint, agency text, form text, year int, number int,
	issued_at timestamptz, text text, html text)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT convert_to(string_agg(length(f)::text || ':' || f, E'\n' ORDER BY n), 'UTF8')
FROM unnest(ARRAY['tthc-letter-1', dossier::text, agency, form, year::text, number::text,
	(extract(epoch FROM issued_at) * 1000000)::bigint::text, text, html]) WITH ORDINALITY AS u(f, n)
$$;
COMMENT ON FUNCTION tthc._letter_canonical(bigint, text, text, int, int, timestamptz, text, text) IS
	'internal: the canonical content of a letter that its digest and signature cover: identity, instant in microseconds, text and HTML without the verification line, length-prefixed';

-- The verification line that ends a letter: the signature in base64 (the verification code), or
-- the statement that the letter is unsigned.
CREATE FUNCTION tthc._letter_suffix(key_id int, signature bytea, html boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN html THEN '<p class="verify">' || tthc._html_escape(line) || E'</p>\n</body>\n</html>\n'
			ELSE E'\n' || line || E'\n' END
FROM (SELECT CASE WHEN signature IS NULL
		THEN 'Văn bản không có mã xác thực: cơ quan chưa cấu hình khóa ký số.'
		ELSE format('Mã xác thực (Ed25519, khóa số %s): %s', key_id,
			translate(encode(signature, 'base64'), E'\n', '')) END AS line) l
$$;
COMMENT ON FUNCTION tthc._letter_suffix(int, bytea, boolean) IS
	'internal: the verification line that ends a letter''s text or HTML: the base64 signature with its key, or that the letter is unsigned';

-- The text and HTML of a letter from its parts.  body: the paragraphs between "Kính gửi" and
-- "Nơi nhận"; every value is HTML-escaped.  Layout: Decree 30/2020 Appendix I; A5: Circular
-- 01/2018 Art. 9(2).
CREATE FUNCTION tthc._letter_render(parent text, agency text, number_line text, date_line text,
	title text, addressee text, body text[], recipients text[], authority text, signer_title text,
	signer_name text, OUT text text, OUT html text)
RETURNS record
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT
	concat_ws(E'\n', parent, agency, number_line, '',
		'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', date_line, '',
		title, '', 'Kính gửi: ' || addressee,
		array_to_string(body, E'\n'), '',
		'Nơi nhận:', array_to_string(recipients, E'\n'), '',
		authority, signer_title, coalesce(signer_name, '')),
	concat(E'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>',
		tthc._html_escape(title || ' ' || number_line), E'</title>\n<style>\n',
		E'@page { size: 148mm 210mm; margin: 15mm 12mm 15mm 20mm; }\n',
		E'body { font-family: "Times New Roman", serif; font-size: 13pt; margin: 0; }\n',
		E'table { width: 100%; border-collapse: collapse; }\n',
		E'td { vertical-align: top; text-align: center; width: 50%; padding: 0; }\n',
		E'.b { font-weight: bold; } .u { text-decoration: underline; } .i { font-style: italic; }\n',
		E'h1 { font-size: 13pt; text-align: center; margin: 8mm 0 4mm; }\n',
		E'p { margin: 1mm 0; text-align: justify; }\n',
		E'td.to { text-align: left; font-size: 11pt; }\n',
		E'.sign { height: 20mm; }\n',
		E'.verify { font-size: 9pt; word-break: break-all; margin-top: 6mm; }\n',
		E'</style>\n</head>\n<body>\n<table class="head"><tr>\n<td>',
		'<div>' || tthc._html_escape(parent) || '</div>',
		'<div class="b u">', tthc._html_escape(agency), '</div><div>', tthc._html_escape(number_line), E'</div></td>\n',
		'<td><div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>',
		'<div class="b u">Độc lập - Tự do - Hạnh phúc</div>',
		'<div class="i">', tthc._html_escape(date_line), E'</div></td>\n</tr></table>\n',
		'<h1>', tthc._html_escape(title), E'</h1>\n',
		'<p>Kính gửi: ', tthc._html_escape(addressee), E'</p>\n',
		(SELECT string_agg('<p>' || tthc._html_escape(b) || '</p>', E'\n' ORDER BY n)
		 FROM unnest(body) WITH ORDINALITY u(b, n)), E'\n',
		E'<table class="foot"><tr>\n<td class="to"><div class="b i">Nơi nhận:</div>',
		(SELECT string_agg('<div>' || tthc._html_escape(r) || '</div>', '' ORDER BY n)
		 FROM unnest(recipients) WITH ORDINALITY u(r, n)), E'</td>\n<td>',
		'<div class="b">' || tthc._html_escape(authority) || '</div>',
		'<div class="b">', tthc._html_escape(signer_title), '</div><div class="sign"></div>',
		'<div class="b">' || tthc._html_escape(signer_name) || '</div>', E'</td>\n</tr></table>\n')
$$;
COMMENT ON FUNCTION tthc._letter_render(text, text, text, text, text, text, text[], text[], text, text, text) IS
	'internal: the plain text and the A5 HTML of a letter from its parts, every value HTML-escaped (Decree 30/2020 Appendix I; Circular 01/2018 Art. 9(2))';
REVOKE ALL ON FUNCTION tthc._letter_render(text, text, text, text, text, text, text[], text[], text, text, text) FROM PUBLIC;

-- The content of a letter of a form for dossier d, as plain text and HTML: the one place that
-- writes the forms' bodies.  note: the reason or the items to supplement; appointment: the
-- appointment before the event (Form 04).  A NULL number makes a draft (the sweep's apology drafts,
-- Decree 61/2018 Art. 19(9)): its first line says so (DỰ THẢO), and the number, the reason and the
-- new appointment are dotted blanks for the officer; the real letter is numbered when issued.
CREATE FUNCTION tthc._letter_compose(d tthc.dossier, form text, issued_at timestamptz, note text,
	appointment timestamptz, number int, OUT text text, OUT html text)
RETURNS record
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	blank constant text := '……………';
	draft boolean := number IS NULL;
	reason text := CASE WHEN number IS NULL THEN blank ELSE note END;
	f record;
	a tthc.agency;
	parent text;
	pr tthc.letter_profile;
	proc record;
	tz text := tthc.calendar_timezone(d.calendar);
	issuer text := coalesce(d.processing_agency, d.agency);
	day date := (issued_at AT TIME ZONE tz)::date;
	body text[];
	r record;
	received timestamptz := coalesce(d.received_at, d.submitted_at);
	agency_name text;
BEGIN
	f := tthc.letter_form(form);
	SELECT * INTO STRICT a FROM tthc.agency g WHERE g.code = issuer;
	SELECT g.name INTO parent FROM tthc.agency g WHERE g.code = a.parent;
	SELECT * INTO pr FROM tthc.letter_profile p WHERE p.agency = issuer;
	SELECT p.name, v.term::text AS term, v.fee INTO STRICT proc
	FROM tthc.procedure p JOIN tthc.procedure_version v ON v.procedure = p.code
	WHERE p.code = d.procedure AND v.version = d.procedure_version;
	agency_name := a.name;

	body := ARRAY['Người nộp hồ sơ: ' || d.applicant_name
			|| coalesce(', điện thoại ' || d.applicant_phone, ''),
		'Thủ tục hành chính: ' || proc.name || ' (mã ' || d.procedure || ')']
		|| CASE WHEN d.code IS NOT NULL THEN ARRAY['Mã hồ sơ: ' || d.code] ELSE '{}' END;
	CASE form
	WHEN '01' THEN
		-- Form 01: receipt instant, time limit, appointment, where to collect, fee
		body := body || ARRAY[
			'Thời điểm tiếp nhận: ' || to_char(received AT TIME ZONE tz, 'HH24 "giờ" MI "phút", ')
				|| tthc.letter_date_line((received AT TIME ZONE tz)::date),
			'Thời hạn giải quyết: ' || proc.term,
			'Thời gian hẹn trả kết quả: ' || to_char(d.due_at AT TIME ZONE tz, 'HH24 "giờ" MI "phút", ')
				|| tthc.letter_date_line((d.due_at AT TIME ZONE tz)::date),
			'Nơi trả kết quả: ' || coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả') || ', ' || agency_name,
			'Phí, lệ phí: ' || tthc.format_amount(proc.fee::bigint)
				|| ' (Bằng chữ: ' || tthc.amount_in_words(proc.fee::bigint) || ')'];
	WHEN '02' THEN
		body := body || ARRAY[
			'Ngày nộp hồ sơ: ' || tthc.letter_date_line((received AT TIME ZONE tz)::date),
			'Hồ sơ của ông/bà cần được bổ sung, hoàn thiện như sau: '
				|| coalesce(reason, 'theo hướng dẫn của cán bộ tiếp nhận') || '.',
			'Ông/bà được hướng dẫn một lần, đầy đủ; sau khi bổ sung, hoàn thiện, xin nộp lại hồ sơ tại '
				|| coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả') || '.',
			'Mọi vướng mắc xin liên hệ: ' || coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả')
				|| coalesce(', điện thoại ' || pr.phone, '') || '.',
			'Trân trọng./.'];
	WHEN '03' THEN
		body := body || ARRAY[
			'Ngày nộp hồ sơ: ' || tthc.letter_date_line((received AT TIME ZONE tz)::date),
			agency_name || ' không tiếp nhận, giải quyết hồ sơ của ông/bà.',
			'Lý do: ' || coalesce(reason, '') || '.',
			'Trân trọng./.'];
	WHEN '04' THEN
		-- Form 04 (Decree 61/2018 Art. 19(9)): the receipt, the appointment on the slip, that the
		-- result is not ready, the reason, the apology and the new appointment
		body := body || ARRAY[
			'Ngày tiếp nhận hồ sơ: ' || tthc.letter_date_line((received AT TIME ZONE tz)::date)
				|| ', tại ' || coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả') || ', ' || agency_name,
			'Thời gian hẹn trả kết quả trên Giấy tiếp nhận hồ sơ: '
				|| tthc.letter_date_line((appointment AT TIME ZONE tz)::date),
			'Đến thời gian hẹn trên, hồ sơ của ông/bà chưa giải quyết xong, chưa có kết quả để trả.',
			'Lý do: ' || coalesce(reason, '') || '.',
			agency_name || ' xin lỗi ông/bà vì sự chậm trễ này và mong ông/bà thông cảm.',
			'Thời gian hẹn trả kết quả lại: ' || CASE WHEN draft THEN blank
				ELSE tthc.letter_date_line((d.due_at AT TIME ZONE tz)::date) END,
			'Trân trọng./.'];
	WHEN '05' THEN
		body := body || ARRAY[
			'Ngày tiếp nhận hồ sơ: ' || tthc.letter_date_line((received AT TIME ZONE tz)::date),
			agency_name || ' dừng xử lý hồ sơ của ông/bà kể từ '
				|| tthc.letter_date_line((coalesce(d.stopped_at, issued_at) AT TIME ZONE tz)::date) || '.',
			'Lý do: ' || coalesce(reason, '') || '.',
			'Trân trọng./.'];
	END CASE;

	r := tthc._letter_render(tthc._upper(parent), tthc._upper(agency_name),
		'Số: ' || coalesce(number::text, blank) || '/' || f.abbrev || coalesce('-' || a.short_name, ''),
		tthc.letter_date_line(day, coalesce(pr.place, '……………')),
		f.title, d.applicant_name, body,
		ARRAY['- Như trên;', '- ' || coalesce(pr.desk, 'Bộ phận Tiếp nhận và Trả kết quả') || ';', '- Lưu: VT.'],
		pr.signer_authority, coalesce(pr.signer_title, 'THỦ TRƯỞNG CƠ QUAN'), pr.signer_name);

	text := r.text;
	html := r.html;
	IF draft THEN
		text := 'DỰ THẢO' || E'\n' || text;
		html := replace(html, E'<body>\n', E'<body>\n<div class="b">DỰ THẢO</div>\n');
	END IF;
END
$$;
COMMENT ON FUNCTION tthc._letter_compose(tthc.dossier, text, timestamptz, text, timestamptz, int) IS
	'internal: the plain text and the A5 HTML of a letter of a form for a dossier with a number, or of an unnumbered draft (DỰ THẢO) when the number is NULL';
REVOKE ALL ON FUNCTION tthc._letter_compose(tthc.dossier, text, timestamptz, text, timestamptz, int) FROM PUBLIC;

-- Apology drafts (Decree 61/2018 Art. 19(9)): when the sweep finds a dossier due soon (or overdue
-- without a due-soon notice first) and not yet re-scheduled, it prepares Form 04 for the officer, once
-- per dossier and legal due: a restart gives a new legal due, and a new draft.  A draft has no number
-- and no signature; tthc.extend issues the real letter.  The table will be partitioned by the legal
-- due, which is in every key.
CREATE TABLE tthc.apology_draft (
	id				bigint GENERATED ALWAYS AS IDENTITY,
	dossier			bigint NOT NULL,
	agency			text NOT NULL,
	legal_due_at	timestamptz NOT NULL,
	created_at		timestamptz NOT NULL,
	text			text NOT NULL,
	html			text NOT NULL,
	PRIMARY KEY (id, legal_due_at, agency),
	CONSTRAINT apology_draft_once UNIQUE (dossier, legal_due_at, agency),
	FOREIGN KEY (dossier, agency) REFERENCES tthc.dossier (id, agency) ON DELETE RESTRICT
) PARTITION BY RANGE (legal_due_at);
COMMENT ON TABLE tthc.apology_draft IS
	'unnumbered, unsigned drafts of the apology letter (Form 04) prepared by tthc.sweep(), once per dossier and legal due (Decree 61/2018 Art. 19(9)); partitioned by month of legal_due_at (doc/partitioning.md)';
COMMENT ON COLUMN tthc.apology_draft.agency IS 'the receiving agency of the dossier (the distribution key)';
COMMENT ON COLUMN tthc.apology_draft.legal_due_at IS 'the legal due the draft was prepared for';
COMMENT ON COLUMN tthc.apology_draft.created_at IS 'the instant of the sweep that prepared it (its at argument), the date on the draft';
COMMENT ON COLUMN tthc.apology_draft.text IS 'the draft as plain text, its first line DỰ THẢO; number, reason and new appointment left blank';
COMMENT ON COLUMN tthc.apology_draft.html IS 'the draft as A5 HTML, marked DỰ THẢO; number, reason and new appointment left blank';
SELECT pg_catalog.pg_extension_config_dump('tthc.apology_draft', '');
SELECT pg_catalog.pg_extension_config_dump('tthc.apology_draft_id_seq', '');

-- Prepare a dossier's apology draft at a sweep's instant unless it was re-scheduled already or has
-- its draft for this legal due; the unique key decides, so two sweeps never prepare two.
CREATE FUNCTION tthc._apology_draft(d tthc.dossier, at timestamptz)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	r record;
	id bigint;
BEGIN
	-- the return may be re-scheduled only once (Decree 61/2018 Art. 19(9)): no second apology
	IF d.extended OR d.legal_due_at IS NULL THEN
		RETURN NULL;
	END IF;
	IF EXISTS (SELECT FROM tthc.apology_draft x WHERE x.dossier = d.id AND x.legal_due_at = d.legal_due_at) THEN
		RETURN NULL;
	END IF;
	r := tthc._letter_compose(d, '04', at, NULL, d.due_at, NULL);
	INSERT INTO tthc.apology_draft AS x (dossier, agency, legal_due_at, created_at, text, html)
	VALUES (d.id, d.agency, d.legal_due_at, at, r.text, r.html)
	ON CONFLICT ON CONSTRAINT apology_draft_once DO NOTHING
	RETURNING x.id INTO id;
	RETURN id;
END
$$;
COMMENT ON FUNCTION tthc._apology_draft(tthc.dossier, timestamptz) IS
	'internal: prepares the unnumbered apology draft (Form 04) of a dossier not re-scheduled, once per legal due; returns its id, or NULL when none was prepared';
REVOKE ALL ON FUNCTION tthc._apology_draft(tthc.dossier, timestamptz) FROM PUBLIC;

-- Issue a letter of a form for dossier d: number it, write its content, sign it, store it.  note:
-- the reason or the items to supplement; appointment: the appointment before the event (Form 04).
CREATE FUNCTION tthc._issue_letter(d tthc.dossier, form text, issued_at timestamptz, note text,
	appointment timestamptz, event_seq int)
RETURNS tthc.letter
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	tz text := tthc.calendar_timezone(d.calendar);
	issuer text := coalesce(d.processing_agency, d.agency);
	y int := extract(year FROM (issued_at AT TIME ZONE tz))::int;
	n int;
	r record;
	s record;
	l tthc.letter;
	was boolean := tthc._dossier_writing();
BEGIN
	-- an unknown form fails before a number is taken
	PERFORM tthc.letter_form(form);

	-- gapless per agency, form and year: the counter row is held until the transaction ends
	INSERT INTO tthc.letter_counter AS c (agency, form, year, last) VALUES (issuer, form, y, 1)
	ON CONFLICT ON CONSTRAINT letter_counter_pkey DO UPDATE SET last = c.last + 1
	RETURNING c.last INTO n;

	r := tthc._letter_compose(d, form, issued_at, note, appointment, n);

	l.dossier := d.id;
	l.agency := issuer;
	l.dossier_agency := d.agency;
	l.form := form;
	l.year := y;
	l.number := n;
	l.issued_at := issued_at;
	l.event_seq := event_seq;
	-- Decree 61/2018 Art. 19(9): the apology is due one day before the legal due
	IF form = '04' THEN
		l.late := CASE WHEN event_seq IS NOT NULL AND d.apology_late IS NOT NULL THEN d.apology_late
			ELSE issued_at > tthc.apology_deadline(d.legal_due_at, d.calendar) END;
	END IF;
	l.digest := sha256(tthc._letter_canonical(l.dossier, l.agency, l.form, l.year, l.number,
		l.issued_at, r.text, r.html));
	s := tthc._sign(tthc._letter_canonical(l.dossier, l.agency, l.form, l.year, l.number,
		l.issued_at, r.text, r.html));
	IF s.public_key IS NOT NULL THEN
		INSERT INTO tthc.signing_key AS k (public_key) VALUES (s.public_key)
		ON CONFLICT (public_key) DO UPDATE SET public_key = excluded.public_key
		RETURNING k.id INTO l.key_id;
		l.signature := s.signature;
	END IF;
	l.text := r.text || tthc._letter_suffix(l.key_id, l.signature, false);
	l.html := r.html || tthc._letter_suffix(l.key_id, l.signature, true);

	PERFORM tthc._dossier_write(true);
	INSERT INTO tthc.letter AS x (dossier, agency, form, year, number, issued_at, event_seq, late,
		text, html, digest, key_id, signature, dossier_agency)
	VALUES (l.dossier, l.agency, l.form, l.year, l.number, l.issued_at, l.event_seq, l.late,
		l.text, l.html, l.digest, l.key_id, l.signature, l.dossier_agency)
	RETURNING x.* INTO l;
	PERFORM tthc._dossier_write(was);
	RETURN l;
END
$$;
COMMENT ON FUNCTION tthc._issue_letter(tthc.dossier, text, timestamptz, text, timestamptz, int) IS
	'internal: numbers, writes, signs and stores a letter of a form for a dossier';
REVOKE ALL ON FUNCTION tthc._issue_letter(tthc.dossier, text, timestamptz, text, timestamptz, int) FROM PUBLIC;

-- The events that call for a letter issue it as their history row is written, in the same
-- transaction: accept 01, request_supplement 02, refuse 03, extend 04, stop 05.
CREATE FUNCTION tthc._letter_on_event()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	d tthc.dossier;
BEGIN
	SELECT * INTO STRICT d FROM tthc.dossier x WHERE x.id = NEW.dossier;
	PERFORM tthc._issue_letter(d, CASE NEW.event WHEN 'accept' THEN '01' WHEN 'request_supplement' THEN '02'
		WHEN 'refuse' THEN '03' WHEN 'extend' THEN '04' WHEN 'stop' THEN '05' END,
		NEW.at, NEW.note, NEW.due_at_before, NEW.seq);
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION tthc._letter_on_event() IS
	'internal: issues the letter that a dossier event calls for (Form 01 on acceptance, 02 supplement request, 03 refusal, 04 extension, 05 stop)';
REVOKE ALL ON FUNCTION tthc._letter_on_event() FROM PUBLIC;
CREATE TRIGGER dossier_event_letter AFTER INSERT ON tthc.dossier_event
	FOR EACH ROW WHEN (NEW.event IN ('accept', 'request_supplement', 'refuse', 'extend', 'stop'))
	EXECUTE FUNCTION tthc._letter_on_event();

-- On request: a new letter of a form for a dossier, with its data as it is now and the reason of
-- the last event that called for the form.
CREATE FUNCTION tthc.issue_letter(dossier bigint, form text)
RETURNS tthc.letter
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	d tthc.dossier;
	f record;
	e tthc.dossier_event;
BEGIN
	IF form IS NULL THEN
		RAISE EXCEPTION 'form must not be null' USING ERRCODE = 'null_value_not_allowed',
			HINT = 'The forms are 01 to 05 (Circular 03/2025/TT-VPCP).';
	END IF;
	f := tthc.letter_form(form);
	SELECT * INTO d FROM tthc.dossier x WHERE x.id = dossier FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % does not exist', dossier USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM tthc._check_agency(ARRAY[d.agency, d.processing_agency]);
	SELECT * INTO e FROM tthc.dossier_event x WHERE x.dossier = d.id AND x.at >= d.submitted_at
	  AND x.event = f.event ORDER BY x.seq DESC LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'dossier % has no % event to issue Form % for', d.id, f.event, form
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'A form is issued for the event that calls for it: 01 accept, 02 request_supplement, 03 refuse, 04 extend, 05 stop.';
	END IF;
	RETURN tthc._issue_letter(d, form, greatest(tthc.now(), e.at), e.note, e.due_at_before, NULL);
END
$$;
COMMENT ON FUNCTION tthc.issue_letter(bigint, text) IS
	'issues a new letter of a form (01-05) for a dossier on request, with a new number, the dossier''s data as it is now and the reason of the event that called for the form';
REVOKE EXECUTE ON FUNCTION tthc.issue_letter(bigint, text) FROM PUBLIC;

-- true: the signature holds over the letter as stored; false: the letter was altered or the
-- signature does not hold; NULL: an unsigned letter whose digest still holds.
CREATE FUNCTION tthc.verify_letter(id bigint)
RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
	l tthc.letter;
	ts text;
	hs text;
	content bytea;
	pub bytea;
BEGIN
	SELECT * INTO l FROM tthc.letter x WHERE x.id = verify_letter.id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'letter % does not exist', id USING ERRCODE = 'undefined_object';
	END IF;
	ts := tthc._letter_suffix(l.key_id, l.signature, false);
	hs := tthc._letter_suffix(l.key_id, l.signature, true);
	IF right(l.text, length(ts)) IS DISTINCT FROM ts OR right(l.html, length(hs)) IS DISTINCT FROM hs THEN
		RETURN false;
	END IF;
	content := tthc._letter_canonical(l.dossier, l.agency, l.form, l.year, l.number, l.issued_at,
		left(l.text, -length(ts)), left(l.html, -length(hs)));
	IF sha256(content) IS DISTINCT FROM l.digest THEN
		RETURN false;
	END IF;
	IF l.signature IS NULL THEN
		RETURN NULL;
	END IF;
	SELECT k.public_key INTO pub FROM tthc.signing_key k WHERE k.id = l.key_id;
	RETURN coalesce(tthc._ed25519_verify(pub, content, l.signature), false);
END
$$;
COMMENT ON FUNCTION tthc.verify_letter(bigint) IS
	'checks a letter: true when its Ed25519 signature holds over the letter as stored, false when it was altered or the signature fails, NULL for an unsigned letter that is intact';

-- Decree 61/2018 Art. 19(9): every dossier that becomes overdue owes the applicant an apology
-- (Form 04) by one day before its legal due.
CREATE VIEW tthc.apology_check AS
SELECT d.id AS dossier, d.agency, d.code, d.applicant_name, d.legal_due_at, d.due_at,
	tthc.apology_deadline(d.legal_due_at, d.calendar) AS apology_deadline,
	l.id AS letter, l.issued_at AS apology_at,
	CASE WHEN l.id IS NULL THEN 'missing' ELSE 'late' END AS problem
FROM tthc.dossier d
LEFT JOIN LATERAL (
	SELECT x.id, x.issued_at, x.late FROM tthc.letter x
	WHERE x.dossier = d.id AND x.form = '04' ORDER BY x.issued_at, x.id LIMIT 1) l ON true
WHERE d.legal_due_at IS NOT NULL
  AND CASE WHEN l.id IS NULL
		THEN d.extended OR d.finish_outcome = 'late' OR d.stop_outcome = 'late'
			 OR (d.clock = 'running' AND d.legal_due_at < tthc.now())
		ELSE l.late END;
COMMENT ON VIEW tthc.apology_check IS
	'dossiers whose apology (Form 04) is missing (overdue, extended, or finished or stopped late without one) or came after the last lawful moment (Decree 61/2018 Art. 19(9))';
