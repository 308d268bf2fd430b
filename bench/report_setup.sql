-- The report benchmark's data: :rows dossiers received in 2025 at 20 agencies on 40 procedures,
-- loaded in bulk with the write guards opened (here only: the bench measures the report, not the
-- receipts).  Nine in ten have their result, a fifth of those late; the others are open.  Run
-- again with a new :batch, it adds as many rows again.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET timezone = 'Asia/Ho_Chi_Minh';
INSERT INTO tthc.agency (code, name, short_name)
SELECT format('000.00.%s.H31', 10 + a), 'Sở số ' || a || ' tỉnh Hưng Yên', 'S' || a FROM generate_series(1, 20) a
ON CONFLICT DO NOTHING;
INSERT INTO tthc.sector (code, name) SELECT 'G12-LV0' || s, 'Lĩnh vực ' || s FROM generate_series(1, 5) s ON CONFLICT DO NOTHING;
INSERT INTO tthc.procedure (code, name, sector)
SELECT format('1.%s', 100000 + p), 'Thủ tục ' || p, 'G12-LV0' || (1 + p % 5) FROM generate_series(1, 40) p ON CONFLICT DO NOTHING;
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term)
SELECT format('1.%s', 100000 + p), 1, '2020-01-01', '7 ngày làm việc' FROM generate_series(1, 40) p ON CONFLICT DO NOTHING;

BEGIN;
SELECT tthc._dossier_write(true);
INSERT INTO tthc.dossier (agency, code, procedure, procedure_version, calendar, applicant_name, channel,
	submitted_at, received_at, status, version, clock, clock_started_at, due_at, original_due_at,
	last_event_at, last_seq, legal_due_at, finished_at, finish_outcome, supplements)
SELECT format('000.00.%s.H31', 10 + 1 + i % 20), 'R' || :batch || '-' || i, format('1.%s', 100000 + 1 + (i / 20) % 40),
	1, 'national', 'Người ' || i, 'desk', r, r, CASE WHEN f IS NULL THEN 4 ELSE 9 END, 2,
	CASE WHEN f IS NULL THEN 'running' ELSE 'stopped' END::tthc.clock_state, r, due, due,
	coalesce(f, r), 2, due, f,
	CASE WHEN f IS NULL THEN NULL WHEN f > due THEN 'late' WHEN f::date < due::date THEN 'early' ELSE 'on_time' END::tthc.outcome,
	i % 3 / 2
FROM (SELECT i, r, r + interval '9 days' + interval '8 hours' AS due,
		CASE WHEN i % 10 <> 0 THEN r + (i % 11) * interval '1 day' + interval '1 hour' END AS f
	  FROM generate_series(1, :rows) i,
	  LATERAL (SELECT (date '2025-01-01' + (i % 360) + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS r) x) y;
SELECT tthc._dossier_write(false);
COMMIT;
VACUUM ANALYZE tthc.dossier;
