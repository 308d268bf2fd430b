-- The sweep benchmark's data: :rows open dossiers at one agency, loaded in bulk with the write guards
-- opened (here only: the bench measures the sweep, not the receipts).  :overdue of them were due on
-- Monday 2026-03-09 17:00 and were noticed as due soon; the others are due from Monday 2026-03-16 on,
-- outside the due-soon lead of the sweep instant, Tuesday 2026-03-10 10:00.  Run again with a new
-- :batch, it adds as many rows again.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET timezone = 'Asia/Ho_Chi_Minh';
INSERT INTO tthc.agency (code, name, short_name) VALUES ('000.00.00.H31', 'Ủy ban nhân dân thành phố Hải Phòng', 'UBND')
ON CONFLICT DO NOTHING;
INSERT INTO tthc.procedure (code, name) VALUES ('1.001234', 'Cấp Phiếu lý lịch tư pháp') ON CONFLICT DO NOTHING;
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term)
VALUES ('1.001234', 1, '2020-01-01', '10 ngày làm việc') ON CONFLICT DO NOTHING;
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES ('000.00.00.H31', '1.001234') ON CONFLICT DO NOTHING;

-- the due instants: 2026-03-09 17:00 for the overdue rows, working days from 03-16 for the others
CREATE TEMP TABLE due AS
SELECT k, d AS legal_due_at, tthc.apology_deadline(d, 'national') AS apology_by
FROM (SELECT row_number() OVER (ORDER BY day) - 1 AS k, (day + time '17:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS d
	  FROM generate_series(date '2026-03-16', date '2026-06-30', interval '1 day') AS g(t),
		   LATERAL (SELECT t::date AS day) x
	  WHERE tthc.is_working_day(day, 'national')) s;
SELECT count(*) AS due_days FROM due \gset

BEGIN;
SELECT tthc._dossier_write(true);
INSERT INTO tthc.dossier (agency, code, procedure, procedure_version, calendar, applicant_name, channel,
	submitted_at, received_at, status, version, clock, clock_started_at, due_at, original_due_at,
	last_event_at, last_seq, legal_due_at, alert_soon_at, alert_at)
SELECT '000.00.00.H31', 'B' || :batch || '-' || i, '1.001234', 1, 'national', 'Người ' || i, 'desk',
	r, r, 4, 2, 'running', r, due, due, r, 2, due,
	CASE WHEN late THEN NULL ELSE apology END, due
FROM (SELECT i, i <= :overdue AS late,
		CASE WHEN i <= :overdue THEN timestamptz '2026-03-09 17:00+07' ELSE u.legal_due_at END AS due,
		u.apology_by AS apology, timestamptz '2026-02-20 09:00+07' AS r
	  FROM generate_series(1, :rows) AS i
	  JOIN due u ON u.k = i % :due_days) x;
-- the due-soon notices the overdue rows were given before
INSERT INTO tthc.notice (dossier, agency, kind, due_at, apology_by, swept_at)
SELECT id, agency, 'due_soon', legal_due_at, timestamptz '2026-03-06 17:00+07', timestamptz '2026-03-05 09:00+07'
FROM tthc.dossier WHERE code LIKE 'B' || :batch || '-%' AND legal_due_at = '2026-03-09 17:00+07';
SELECT tthc._dossier_write(false);
COMMIT;
VACUUM ANALYZE tthc.dossier;
VACUUM ANALYZE tthc.notice;
-- the load's dirty pages written now, not by a checkpoint in the middle of the timed sweep
CHECKPOINT;
