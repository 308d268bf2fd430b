-- Identity documents of applicants by kind, and the Unicode blank test.  The numbers below are
-- made up; they have the shape of real ones.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS tthc;
RESET client_min_messages;
-- Text with invisible characters shown: controls, white space other than the ASCII space, and
-- the zero-width characters as <U+XXXX>.
CREATE FUNCTION pg_temp.vis(s text) RETURNS text LANGUAGE sql AS $$
SELECT coalesce(string_agg(CASE WHEN ascii(c) < 32 OR ascii(c) BETWEEN 127 AND 160
	OR ascii(c) BETWEEN 8192 AND 8205 OR ascii(c) IN (5760, 8232, 8233, 8239, 8287, 8288, 12288, 65279)
	THEN format('<U+%s>', lpad(upper(to_hex(ascii(c))), 4, '0')) ELSE c END, '' ORDER BY i), '')
FROM regexp_split_to_table(s, '') WITH ORDINALITY AS t(c, i) WHERE c <> '' $$;
CREATE FUNCTION pg_temp.show(s text) RETURNS text LANGUAGE sql AS $$ SELECT '"' || pg_temp.vis(s) || '"' $$;
-- SQLSTATE, message, detail and hint of a failing statement, invisible characters shown
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE m text; d text; h text;
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ': ' || pg_temp.vis(m) || coalesce(E'\nDETAIL: ' || nullif(d, ''), '')
		|| coalesce(E'\nHINT: ' || nullif(h, ''), ''); END $$;

SELECT pg_catalog.enum_range(NULL::tthc.identity_kind) AS kinds;

-- Valid identities and their canonical forms: white space of every kind trimmed, passports
-- upper-cased without inner spaces, tax codes of dependent units with their hyphen.
SELECT k AS kind, pg_temp.show(id) AS input, tthc.is_valid_identity(k, id) AS valid,
       pg_temp.show(tthc.normalize_identity(k, id)) AS canonical
FROM (VALUES
  ('cccd'::tthc.identity_kind, '001085001234'), ('cccd', '079203000001'),
  ('cccd', '  079203000001 '), ('cccd', E'\t001085001234\r\n'),
  ('cccd', U&'\00A0001085001234\3000'), ('cccd', U&'\200B001085001234\FEFF'),
  ('passport', 'C1234567'), ('passport', 'c1234567'), ('passport', ' C 1234 567 '),
  ('passport', U&'B\00A01234567'), ('passport', E'N1234\t567\n'), ('passport', 'X12345'),
  ('passport', 'ab12cd34ef56'), ('passport', '123456789'),
  ('tax_code', '0101234567'), ('tax_code', '0101234567-001'), ('tax_code', '0101234567001'),
  ('tax_code', ' 0312345678 '), ('tax_code', U&'\3000' || '0312345678-002' || U&'\00A0'),
  ('other', 'GPLX 790123456789'), ('other', '  Giấy phép lái xe số 123  '),
  ('other', E'\tThẻ quân nhân 123\n'), ('other', U&'\3000Giấy tờ\00A0số 5\200B'),
  ('other', U&'\FEFF\2003x\2029'), ('other', repeat('x', 64))) AS v(k, id);

-- Kind other is stored NFC: NFD input (base letters and combining marks) comes out composed, and
-- its length is counted in composed characters.
SELECT tthc.normalize_identity('other', U&'Gia\0302\0301y phe\0301p 7') = 'Giấy phép 7' AS nfd_gives_nfc,
       tthc.normalize_identity('other', U&'Gia\0302\0301y phe\0301p 7') IS NFC NORMALIZED AS is_nfc,
       length(tthc.normalize_identity('other', repeat(U&'e\0301', 64))) AS characters,
       tthc.is_valid_identity('other', repeat(U&'e\0301', 64)) AS nfd_64_valid;

-- NULL in, NULL out.
SELECT tthc.normalize_identity('cccd', NULL) IS NULL AS null_id,
       tthc.normalize_identity(NULL, '001085001234') IS NULL AS null_kind,
       tthc.is_valid_identity('cccd', NULL) IS NULL AS valid_null,
       tthc.is_blank(NULL) IS NULL AS blank_null;

-- Blank text: empty, or only Unicode white space and zero-width characters.  btrim() removes
-- ASCII spaces only, so it misses most of them.
SELECT pg_temp.show(s) AS text, tthc.is_blank(s) AS blank, btrim(s) = '' AS btrim_empty
FROM (VALUES (''), (' '), (E'\t'), (E'\n'), (E'\r\n'), (E'\t\n\r' || chr(11) || E'\f '),
             (U&'\0085'), (U&'\00A0'), (U&'\1680'), (U&'\2000\2001\2002\2003\2004\2005'),
             (U&'\2006\2007\2008\2009\200A'), (U&'\2028\2029'), (U&'\202F'), (U&'\205F'),
             (U&'\3000'), (U&'\3000\3000'), (U&'\200B'), (U&'\200C\200D'), (U&'\2060'), (U&'\FEFF'),
             (U&' \00A0\200B\3000\FEFF' || E'\t'),
             ('a'), (' a '), ('.'), ('-'), ('0'), ('Nguyễn Văn A'), (U&'\00A0x\00A0'),
             (U&'\3000\3000x'), (U&'\200E'), (U&'\180E'), (U&'\00AD'), (U&'\3001'),
             (U&'\200Ba')) AS v(s);

-- Each invalid identity, with its SQLSTATE, detail and hint.
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', '')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', '   ')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', U&'\3000\00A0\200B')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', '03008500111')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', '0010850012345')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', '1')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', '001 085 001 234')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', '001085-001234')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', U&'001085\00A0001234')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', U&'\FF10\FF10\FF11085001234')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cccd', 'CCCD 001085001234')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('passport', '')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('passport', 'C1234')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('passport', '1')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('passport', 'AB12CD34EF567')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('passport', 'ABCDEFGH')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('passport', 'C-1234567')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('passport', 'Đ1234567')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', E'\n')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', '010123456')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', '01012345678')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', '0101234567-01')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', '0101234567-1')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', '0101234567-')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', '01012345-67001')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', '0101234567--001')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', '0101234567 001')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('tax_code', U&'0101234567\2013001')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('other', '')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('other', E' \t\r\n ')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('other', U&'\00A0\200B\3000\FEFF')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('other', U&'\2028\0085\2060')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('other', E'GPLX\n790123456789')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('other', E'GPLX\t790123456789')$$);
SELECT pg_temp.err($$SELECT tthc.normalize_identity('other', repeat('x', 65))$$);
-- an unknown kind is refused by the enum itself
SELECT pg_temp.err($$SELECT tthc.normalize_identity('cmnd', '012345678')$$);

-- is_valid_identity says false where normalize_identity raises.
SELECT k AS kind, pg_temp.show(id) AS input, tthc.is_valid_identity(k, id) AS valid
FROM (VALUES ('cccd'::tthc.identity_kind, '03008500111'), ('cccd', '001 085 001 234'),
             ('cccd', U&'\3000'), ('passport', 'C1234'), ('passport', 'ABCDEFGH'),
             ('passport', 'C-1234567'), ('tax_code', '0101234567-01'), ('tax_code', '01012345-67001'),
             ('tax_code', '0101234567 001'), ('other', U&'\00A0\200B'), ('other', E'a\nb'),
             ('other', repeat('x', 65))) AS v(k, id);

-- A SQL_ASCII database is refused at CREATE EXTENSION (sql/bad_input.sql); bytes that are not
-- UTF-8 are tested in the C core's unit test.
