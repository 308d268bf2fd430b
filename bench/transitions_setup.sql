-- Dossier transitions: N dossiers in processing at one agency, and the same rows in a plain table
-- for the baseline that does the same row lock, update and history insert without the extension.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
INSERT INTO tthc.agency (code, name, short_name) VALUES ('000.00.00.H31', 'Ủy ban nhân dân thành phố Hải Phòng', 'UBND');
INSERT INTO tthc.procedure (code, name) VALUES ('1.001234', 'Cấp Phiếu lý lịch tư pháp');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term)
VALUES ('1.001234', 1, '2020-01-01', '10 ngày làm việc');
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES ('000.00.00.H31', '1.001234');
SELECT count(tthc.start_processing((tthc.receive('000.00.00.H31', '1.001234', 'Người ' || i, NULL,
	'desk', now() - interval '1 day')).id, happened_at => now() - interval '1 day'))
FROM generate_series(1, :dossiers) AS i;

CREATE SCHEMA plain;
CREATE TABLE plain.dossier (
	id bigint PRIMARY KEY, agency text NOT NULL, status int NOT NULL, version int NOT NULL,
	due_at timestamptz, last_event_at timestamptz NOT NULL, last_seq int NOT NULL);
CREATE TABLE plain.dossier_event (
	dossier bigint NOT NULL REFERENCES plain.dossier, seq int NOT NULL, agency text NOT NULL,
	at timestamptz NOT NULL, event text NOT NULL, from_status int, to_status int NOT NULL,
	actor text NOT NULL, PRIMARY KEY (dossier, seq));
INSERT INTO plain.dossier SELECT id, agency, status, version, due_at, last_event_at, last_seq FROM tthc.dossier;
-- the indexes an application needs on its own dossier table too (by agency and status; open due instants)
CREATE INDEX ON plain.dossier (agency, status);
CREATE INDEX ON plain.dossier (due_at) WHERE status IN (2, 4) AND due_at IS NOT NULL;
INSERT INTO plain.dossier_event SELECT dossier, seq, agency, at, event, from_status, to_status, actor
FROM tthc.dossier_event;
-- the baseline: one statement, one round trip, like one call of tthc.transition
CREATE FUNCTION plain.transition(d_id bigint) RETURNS int LANGUAGE sql AS $$
WITH d AS (SELECT * FROM plain.dossier WHERE id = d_id FOR UPDATE),
u AS (UPDATE plain.dossier p SET status = CASE d.status WHEN 4 THEN 6 ELSE 4 END,
		version = d.version + 1, last_event_at = now(), last_seq = d.last_seq + 1
	FROM d WHERE p.id = d.id
	RETURNING p.id, p.agency, p.status, p.last_seq, d.status AS from_status)
INSERT INTO plain.dossier_event (dossier, seq, agency, at, event, from_status, to_status, actor)
SELECT id, last_seq, agency, now(), CASE status WHEN 6 THEN 'request_payment' ELSE 'payment_received' END,
	from_status, status, session_user FROM u
RETURNING to_status
$$;
VACUUM ANALYZE;
