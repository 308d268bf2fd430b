-- Bad inputs: malformed and hostile values across the API.  Each is run by pg_temp.err, which
-- returns 'ok' or the SQLSTATE with the message (and the detail where it says more); a failing
-- call runs in a subtransaction, and the row counts after each group show nothing was left behind.
-- Runs in a database of its own, dropped at the end, so that the tests after it see nothing of it.
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_bad_input;
CREATE DATABASE regress_bad_input;
\c regress_bad_input
SET client_min_messages = warning;
CREATE EXTENSION tthc;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'Asia/Ho_Chi_Minh';
SET intervalstyle = postgres;
SET tthc.now = '2026-03-02 09:00+07';
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
CREATE FUNCTION pg_temp.errd(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN EXECUTE q; RETURN 'ok';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || SQLERRM || ' / ' || coalesce(d, '(no detail)'); END $$;
CREATE FUNCTION pg_temp.counts() RETURNS text LANGUAGE sql AS $$
SELECT format('agency %s, sector %s, procedure %s, version %s, step %s, calendar %s, dossier %s, event %s, outbox %s, letter %s',
	(SELECT count(*) FROM tthc.agency), (SELECT count(*) FROM tthc.sector),
	(SELECT count(*) FROM tthc.procedure), (SELECT count(*) FROM tthc.procedure_version),
	(SELECT count(*) FROM tthc.procedure_step), (SELECT count(*) FROM tthc.calendar),
	(SELECT count(*) FROM tthc.dossier), (SELECT count(*) FROM tthc.dossier_event),
	(SELECT count(*) FROM tthc.outbox), (SELECT count(*) FROM tthc.letter)) $$;

-- The valid case first: an agency, a procedure with three steps, one dossier received.
INSERT INTO tthc.agency (code, name, short_name) VALUES ('000.00.00.H30', 'Ủy ban nhân dân tỉnh Hải Dương', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent) VALUES ('000.00.12.H30', 'Sở Tư pháp tỉnh Hải Dương', 'STP', '000.00.00.H30');
INSERT INTO tthc.sector (code, name) VALUES ('H30-TP01', 'Lý lịch tư pháp');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES ('1.001234', 'Cấp Phiếu lý lịch tư pháp', 'H30-TP01', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.001234', 1, '2020-01-01', '10 ngày làm việc');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES
	('1.001234', 1, 1, 'Tiếp nhận', 'Bộ phận Một cửa', '1 ngày làm việc'),
	('1.001234', 1, 2, 'Xác minh', 'Phòng Lý lịch tư pháp', '7 ngày làm việc'),
	('1.001234', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '2 ngày làm việc');
INSERT INTO tthc.agency_procedure VALUES ('000.00.12.H30', '1.001234');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES ('1.001237', 'Thủ tục chưa có phiên bản', 'H30-TP01', 'province');
SELECT code, status FROM tthc.receive('000.00.12.H30', '1.001234', 'Nguyễn Văn A', '001085001234');
SELECT id, status FROM tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B', channel => 'online');
SELECT pg_temp.counts() AS before;

-- 1. Term input
SELECT what, pg_temp.err(q) FROM (VALUES
	('empty text', $$SELECT ''::tthc.term$$),
	('blanks only: tab, NBSP, ideographic space', $$SELECT U&'\0009\00A0\3000'::tthc.term$$),
	('amount without unit', $$SELECT '10'::tthc.term$$),
	('negative amount', $$SELECT '-3 ngày làm việc'::tthc.term$$),
	('amount beyond int4', $$SELECT '99999999999 ngày'::tthc.term$$),
	('fullwidth digits', $$SELECT '１０ ngày'::tthc.term$$),
	('unknown unit', $$SELECT '10 fortnights'::tthc.term$$),
	('trailing garbage after a valid term', $$SELECT '10 ngày làm việc; DROP TABLE x'::tthc.term$$),
	('NUL-like control character inside', $$SELECT E'10\u0001 ngày'::tthc.term$$),
	('make_term: unknown unit identifier', $$SELECT tthc.make_term(5, 'fortnights')$$),
	('make_term: same_day with an amount', $$SELECT tthc.make_term(3, 'same_day')$$),
	('make_term: negative amount', $$SELECT tthc.make_term(-1, 'days')$$)) AS v(what, q);

-- 2. Codes: agency, sector, procedure, dossier
SELECT what, pg_temp.err(q) FROM (VALUES
	('agency code with a lowercase unit letter', $$SELECT tthc.agency_code_level('000.00.00.h30')$$),
	('agency code with the reserved letter Z', $$SELECT tthc.agency_code_level('000.00.00.Z30')$$),
	('agency code of dots only', $$SELECT tthc.agency_code_level('...')$$),
	('agency code of 1000 characters', $$SELECT tthc.agency_code_level(repeat('H30.', 20))$$),
	('sector code without a hyphen', $$SELECT tthc.sector_unit('G03GD10')$$),
	('sector code with a Cyrillic letter', $$SELECT tthc.sector_unit('G03-GД10')$$),
	('dossier code of blanks', $$SELECT tthc.parse_dossier_code(U&'\3000\3000')$$),
	('dossier code with 31 February', $$SELECT tthc.parse_dossier_code('000.00.12.H30-260231-0001')$$),
	('dossier code without a sequence', $$SELECT tthc.parse_dossier_code('000.00.12.H30-260206-')$$),
	('procedure code, valid shape, not in the catalogue', $$SELECT tthc.procedure_version_at('9.999999', '2026-03-02')$$)) AS v(what, q);

-- 3. Lunar conversion
SELECT what, pg_temp.err(q) FROM (VALUES
	('lunar month 13', $$SELECT tthc.from_lunar(2026, 13, 1)$$),
	('lunar day 31', $$SELECT tthc.from_lunar(2026, 1, 31)$$),
	('lunar day 30 of a 29-day month', $$SELECT tthc.from_lunar(2026, 2, 30)$$),
	('leap month in a year without one', $$SELECT tthc.from_lunar(2026, 5, 1, true)$$),
	('year 0', $$SELECT tthc.from_lunar(0, 1, 1)$$),
	('year beyond the tables', $$SELECT tthc.from_lunar(3000, 1, 1)$$),
	('solar date infinity', $$SELECT tthc.to_lunar('infinity')$$),
	('solar date in 4713 BC', $$SELECT tthc.to_lunar('4713-01-01 BC')$$)) AS v(what, q);

-- 4. Holidays and calendars
SELECT what, pg_temp.err(q) FROM (VALUES
	('holidays of year 1900', $$SELECT * FROM tthc.holidays(1900)$$),
	('holidays of an unknown calendar', $$SELECT * FROM tthc.holidays(2026, 'no-such')$$),
	('calendar name in capitals', $$INSERT INTO tthc.calendar (name, timezone) VALUES ('HANOI', 'Asia/Ho_Chi_Minh')$$),
	('calendar name with SQL in it', $$INSERT INTO tthc.calendar (name, timezone) VALUES ('x''; drop table y; --', 'UTC')$$),
	('unknown time zone', $$INSERT INTO tthc.calendar (name, timezone) VALUES ('mars', 'Mars/Olympus_Mons')$$),
	('calendar inheriting from itself (the row meets its own foreign key)', $$INSERT INTO tthc.calendar (name, parent) VALUES ('selfish', 'selfish')$$),
	('calendar made its own parent later', $$UPDATE tthc.calendar SET parent = 'national', timezone = NULL WHERE name = 'national'$$),
	('session ending before it starts', $$INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends) VALUES ('national', 1, '17:00', '08:00')$$),
	('session on weekday 8', $$INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends) VALUES ('national', 8, '08:00', '09:00')$$),
	('session at a fraction of a minute', $$INSERT INTO tthc.calendar_session (calendar, weekday, starts, ends) VALUES ('national', 1, '05:00:30', '06:00')$$),
	('calendar day in 2100', $$INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi) VALUES ('national', '2100-01-01', 'local_off', 'x')$$),
	('calendar day of a national kind', $$INSERT INTO tthc.calendar_day (calendar, day, kind, name_vi) VALUES ('national', '2026-03-03', 'holiday', 'x')$$)) AS v(what, q);

-- Inheritance deeper than 32 ancestors is refused when it is written, not when the calendar is
-- used: under national, c1 to c32 give c32 its 32 ancestors, the most accepted.
INSERT INTO tthc.calendar (name, parent) VALUES ('c1', 'national');
DO $$ BEGIN FOR i IN 2..32 LOOP INSERT INTO tthc.calendar (name, parent) VALUES ('c' || i, 'c' || (i - 1)); END LOOP; END $$;
SELECT tthc.is_working_day('2026-03-02', 'c32') AS c32_works;
SELECT what, pg_temp.errd(q) FROM (VALUES
	('a 33rd ancestor for a new calendar', $$INSERT INTO tthc.calendar (name, parent) VALUES ('c33', 'c32')$$),
	('moving a chain under its own tail', $$UPDATE tthc.calendar SET parent = 'c5' WHERE name = 'c1'$$),
	('moving a chain one level down, its leaf past 32', $$INSERT INTO tthc.calendar (name, parent) VALUES ('mid', 'national'); UPDATE tthc.calendar SET parent = 'mid' WHERE name = 'c1'$$)) AS v(what, q);
SELECT count(*) AS chain, count(*) FILTER (WHERE parent = 'national') AS under_national
FROM tthc.calendar WHERE name ~ '^c[0-9]+$' OR name IN ('mid', 'selfish');

-- 5. Working-day arithmetic and due dates
SELECT what, pg_temp.err(q) FROM (VALUES
	('add working days beyond 2099', $$SELECT tthc.add_working_days('2099-12-01', 100)$$),
	('add 2 billion working days', $$SELECT tthc.add_working_days('2026-01-01', 2000000000)$$),
	('working days from -infinity', $$SELECT tthc.working_days_between('-infinity', '2026-01-01')$$),
	('working time of an infinite interval end', $$SELECT tthc.add_working_time('infinity', '1 hour')$$),
	('working time with a month in the interval', $$SELECT tthc.add_working_time('2026-03-02 09:00', '1 mon')$$),
	('due date in an unknown calendar', $$SELECT tthc.due_date('2026-03-02 09:00', '5 ngày làm việc', 'no-such')$$),
	('due date from infinity', $$SELECT tthc.due_date('infinity', '5 ngày làm việc')$$),
	('working days to an unknown calendar named by SQL', $$SELECT tthc.next_working_day('2026-03-02', 'national''; --')$$)) AS v(what, q);

-- 6. Catalogue inserts
SELECT what, pg_temp.errd(q) FROM (VALUES
	('agency name of tab and newline', $$INSERT INTO tthc.agency (code, name) VALUES ('000.00.13.H30', E'\t\n')$$),
	('agency name of NBSP, zero-width and ideographic spaces', $$INSERT INTO tthc.agency (code, name) VALUES ('000.00.13.H30', U&'\00A0\200B\3000')$$),
	('agency short name of a zero-width no-break space', $$INSERT INTO tthc.agency (code, name, short_name) VALUES ('000.00.13.H30', 'Phòng Tư pháp', U&'\FEFF')$$),
	('agency with an invalid code', $$INSERT INTO tthc.agency (code, name) VALUES ('000.00.00.Z30', 'X')$$),
	('agency its own parent', $$INSERT INTO tthc.agency (code, name, parent) VALUES ('000.00.13.H30', 'X', '000.00.13.H30')$$),
	('agency ending before it begins', $$INSERT INTO tthc.agency (code, name, valid_from, valid_to) VALUES ('000.00.13.H30', 'X', '2026-01-01', '2025-01-01')$$),
	('sector name of an ideographic space', $$INSERT INTO tthc.sector (code, name) VALUES ('H30-TP02', U&'\3000')$$),
	('procedure name of a word joiner', $$INSERT INTO tthc.procedure (code, name, sector, level) VALUES ('1.001235', U&'\2060', 'H30-TP01', 'province')$$),
	('step unit of a line break', $$INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget) VALUES ('1.001234', 1, 4, 'Lưu', E'\r\n', '1 ngày làm việc')$$),
	('version ending before it begins', $$INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term) VALUES ('1.001234', 2, '2026-07-01', '2026-06-30', '5 ngày làm việc')$$),
	('version moved to end before it begins', $$UPDATE tthc.procedure_version SET valid_to = '2019-12-31' WHERE procedure = '1.001234' AND version = 1$$),
	('version 0', $$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.001237', 0, '2030-01-01', '5 ngày làm việc')$$),
	('negative fee', $$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, fee) VALUES ('1.001237', 1, '2030-01-01', '5 ngày làm việc', -1)$$),
	('a NULL required document', $$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, required_documents) VALUES ('1.001237', 1, '2030-01-01', '5 ngày làm việc', ARRAY['Tờ khai', NULL])$$),
	('supplement window in hours', $$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, supplement_window) VALUES ('1.001237', 1, '2030-01-01', '5 ngày làm việc', '4 giờ')$$),
	('a version of an unknown procedure', $$INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('9.999999', 1, '2030-01-01', '5 ngày làm việc')$$)) AS v(what, q);
SELECT pg_temp.counts() AS after_catalogue;

-- A version valid from infinity: the messages print the day as infinity, not an empty date.
INSERT INTO tthc.procedure (code, name, sector, level) VALUES ('1.001236', 'Thủ tục thử', 'H30-TP01', 'province');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.001236', 1, 'infinity', '5 ngày làm việc');
SELECT what, pg_temp.errd(q) FROM (VALUES
	('a version overlapping one valid from infinity', $$INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term) VALUES ('1.001236', 2, '2020-01-01', 'infinity', '5 ngày làm việc')$$),
	('no version in force before infinity', $$SELECT tthc.procedure_version_at('1.001236', '2026-03-02')$$),
	('a version from -infinity ending before infinity begins', $$INSERT INTO tthc.procedure_version (procedure, version, valid_from, valid_to, term) VALUES ('1.001236', 3, 'infinity', '-infinity', '5 ngày làm việc')$$)) AS v(what, q);

-- 7. Identity numbers and applicant names at receipt
SELECT what, pg_temp.errd(q) FROM (VALUES
	('CCCD of all zeros', $$SELECT tthc.normalize_identity('cccd', '000000000000')$$),
	('CCCD of an unused province code 003', $$SELECT tthc.normalize_identity('cccd', '003085001234')$$),
	('CCCD of province code 097, beyond Cà Mau', $$SELECT tthc.normalize_identity('cccd', '097085001234')$$),
	('CCCD with century digit 4 (born in the 2100s)', $$SELECT tthc.normalize_identity('cccd', '001485001234')$$),
	('CCCD of twelve nines', $$SELECT tthc.normalize_identity('cccd', '999999999999')$$),
	('CCCD with fullwidth digits', $$SELECT tthc.normalize_identity('cccd', '００１０８５００１２３４')$$),
	('CCCD with a Arabic-Indic digit', $$SELECT tthc.normalize_identity('cccd', U&'00108500123\0664')$$),
	('passport of 13 characters', $$SELECT tthc.normalize_identity('passport', 'C123456789012')$$),
	('tax code with two hyphens', $$SELECT tthc.normalize_identity('tax_code', '0101234567-00-1')$$),
	('other: a line break inside', $$SELECT tthc.normalize_identity('other', E'GPLX\n123')$$)) AS v(what, q);
SELECT tthc.is_valid_identity('cccd', c) AS valid, c
FROM unnest(ARRAY['001085001234', '079203000001', '096300000001', '000000000000', '001485001234']) AS c;
SELECT what, pg_temp.err(q) FROM (VALUES
	('applicant name of tabs and newlines', $$SELECT tthc.receive('000.00.12.H30', '1.001234', E'\t\n\r')$$),
	('applicant name of NBSP and zero-width spaces', $$SELECT tthc.receive('000.00.12.H30', '1.001234', U&'\00A0\200B\200C\200D')$$),
	('applicant name of ideographic spaces', $$SELECT tthc.receive('000.00.12.H30', '1.001234', U&'\3000\3000')$$),
	('applicant with an all-zero CCCD', $$SELECT tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B', '000000000000')$$),
	('identity kind without a number', $$SELECT tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B', applicant_id_kind => 'passport')$$),
	('unknown agency', $$SELECT tthc.receive('000.00.99.H30', '1.001234', 'Trần Thị B')$$),
	('procedure the agency does not receive', $$SELECT tthc.receive('000.00.00.H30', '1.001234', 'Trần Thị B')$$),
	('NULL procedure', $$SELECT tthc.receive('000.00.12.H30', NULL, 'Trần Thị B')$$),
	('receipt at infinity', $$SELECT tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B', received_at => 'infinity')$$),
	('receipt in 1970, before any version', $$SELECT tthc.receive('000.00.12.H30', '1.001234', 'Trần Thị B', received_at => '1970-01-01')$$)) AS v(what, q);
SELECT pg_temp.counts() AS after_receipts;

-- 8. Transitions, extension, steps, forwarding
SELECT what, pg_temp.err(q) FROM (VALUES
	('unknown event', $$SELECT tthc.transition(1, 'explode')$$),
	('event in capitals', $$SELECT tthc.transition(1, 'ACCEPT')$$),
	('dossier that does not exist', $$SELECT tthc.transition(999999, 'finish')$$),
	('negative dossier id', $$SELECT tthc.transition(-1, 'finish')$$),
	('stale expected version', $$SELECT tthc.finish(1, expected_version => 42)$$),
	('accepting an accepted dossier', $$SELECT tthc.accept(1)$$),
	('refusal with a blank reason', $$SELECT tthc.refuse(2, note => U&'\3000')$$),
	('refusal with a reason of a zero-width space', $$SELECT tthc.refuse(2, note => U&'\200B')$$),
	('stop with a reason of tabs', $$SELECT tthc.stop(1, note => E'\t\t')$$),
	('extension without a reason', $$SELECT tthc.extend(1, new_due_at => '2026-04-01 17:00')$$),
	('extension with a blank reason', $$SELECT tthc.extend(1, new_due_at => '2026-04-01 17:00', reason => U&'\00A0')$$),
	('extension to an instant in the past', $$SELECT tthc.extend(1, new_due_at => '2020-01-01 17:00', reason => 'Cần xác minh thêm')$$),
	('extension to infinity', $$SELECT tthc.extend(1, new_due_at => 'infinity', reason => 'Cần xác minh thêm')$$),
	('event dated before the receipt', $$SELECT tthc.start_processing(1, happened_at => '2026-03-01 09:00')$$),
	('completing step 0', $$SELECT tthc.complete_step(1, 0)$$),
	('completing step 99', $$SELECT tthc.complete_step(1, 99)$$),
	('completing a step of a missing dossier', $$SELECT tthc.complete_step(424242, 1)$$),
	('forwarding to an unknown agency', $$SELECT tthc.forward(1, '000.00.77.H30')$$),
	('forwarding to an invalid code', $$SELECT tthc.forward(1, 'not a code')$$),
	('forwarding to a NULL agency', $$SELECT tthc.forward(1, NULL)$$)) AS v(what, q);
SELECT pg_temp.counts() AS after_transitions;
SELECT status, version, extended, last_seq FROM tthc.dossier WHERE id = 1;

-- 9. Letters
SELECT what, pg_temp.err(q) FROM (VALUES
	('letter form 06', $$SELECT tthc.letter_form('06')$$),
	('letter form with a blank', $$SELECT tthc.letter_form(' 01')$$),
	('issuing form 99', $$SELECT tthc.issue_letter(1, '99')$$),
	('issuing for a missing dossier', $$SELECT tthc.issue_letter(777, '01')$$),
	('issuing a refusal letter for a dossier never refused', $$SELECT tthc.issue_letter(1, '03')$$),
	('date line of infinity', $$SELECT tthc.letter_date_line('infinity')$$),
	('letter profile of blank place', $$INSERT INTO tthc.letter_profile (agency, place, signer_title) VALUES ('000.00.12.H30', U&'\3000', 'Giám đốc')$$),
	('letter profile of a zero-width signer title', $$INSERT INTO tthc.letter_profile (agency, place, signer_title) VALUES ('000.00.12.H30', 'Hải Dương', U&'\200B')$$)) AS v(what, q);
SELECT pg_temp.counts() AS after_letters;

-- 10. Status look-up
SELECT what, pg_temp.err(q) FROM (VALUES
	('code of blanks', $$SELECT * FROM tthc.lookup(U&'\3000', '1234')$$),
	('factor of zero-width spaces', $$SELECT * FROM tthc.lookup('000.00.12.H30-260302-0001', U&'\200B\200B')$$),
	('factor of 10000 characters', $$SELECT * FROM tthc.lookup('000.00.12.H30-260302-0001', repeat('9', 10000))$$),
	('a LIKE pattern as the code', $$SELECT count(*) FROM tthc.lookup('%', '1234')$$)) AS v(what, q);

-- 11. Reports, the sweep and its settings
SELECT what, pg_temp.err(q) FROM (VALUES
	('report period reversed', $$SELECT * FROM tthc.report('2026-12-31', '2026-01-01')$$),
	('report grouped by an unknown key', $$SELECT * FROM tthc.report('2026-01-01', '2026-12-31', 'colour')$$),
	('report over infinite days', $$SELECT * FROM tthc.report('-infinity', 'infinity')$$),
	('sweep at infinity', $$SELECT * FROM tthc.sweep('infinity')$$),
	('due-soon lead that is not an interval', $$SET tthc.due_soon_lead = 'soon'$$),
	('due-soon lead negative', $$SET tthc.due_soon_lead = '-1 hour'$$),
	('look-up failures 0', $$SET tthc.lookup_max_failures = 0$$),
	('test clock of garbage', $$SET tthc.now = 'yesterday-ish'$$),
	('apology day of an unknown value', $$SET tthc.apology_day = 'never'$$),
	('default calendar that does not exist, then used', $$SET LOCAL tthc.default_calendar = 'no-such'; SELECT tthc.is_working_day('2026-03-02')$$)) AS v(what, q);
SELECT pg_temp.counts() AS after_all;

-- 12. CREATE EXTENSION in a SQL_ASCII database is refused before anything is created.
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_bad_input;
DROP DATABASE IF EXISTS regress_bad_input_ascii;
CREATE DATABASE regress_bad_input_ascii TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C';
\c regress_bad_input_ascii
\set VERBOSITY default
CREATE EXTENSION tthc;
SELECT count(*) AS tthc_schemas FROM pg_namespace WHERE nspname = 'tthc';
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_bad_input_ascii;
RESET client_min_messages;
