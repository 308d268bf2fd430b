#!/usr/bin/env bash
# Crash test, run by make test (tools/test.sh): on a throwaway cluster of its own, load some thousands
# of open dossiers that are overdue, start a sweep, stop the server with -m immediate (every server
# process killed, as in a crash) while the sweep runs, restart it (crash recovery), and sweep again.
# Letters are issued on request meanwhile, one transaction each.  Every overdue dossier must then
# have exactly one overdue notice, one outbox row and one apology draft, a further sweep must give
# nothing, letter numbers must have no gaps or duplicates, and every history chain must verify.  Needs the extension installed.
# CRASH_DOSSIERS (default 4000) sets the number of dossiers; the sweep must outlast the wait below.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

N=${CRASH_DOSSIERS:-4000}
[[ $N =~ ^[1-9][0-9]*$ ]] || die "CRASH_DOSSIERS must be a whole number above 0"
find_pg_config
cluster_start postgres
fail() { printf 'crash test: FAILED: %s\n' "$*" >&2; exit 1; }
run() { psql -X -q -At -v ON_ERROR_STOP=1 -d crash "$@"; }

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE crash'
# Received on Monday 2026-03-02 09:00 with 3 working days: due Thursday 03-05 17:00; the sweeps run
# on the test clock, Friday 03-06 09:00.
run <<SQL
SET client_min_messages = warning;
CREATE EXTENSION tthc;
SET tthc.now = '2026-03-06 09:00+07';
INSERT INTO tthc.agency (code, name) VALUES ('000.00.00.H99', 'Ủy ban nhân dân tỉnh Thử nghiệm');
INSERT INTO tthc.procedure (code, name) VALUES ('1.009999', 'Thủ tục thử nghiệm');
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES ('1.009999', 1, '2020-01-01', '3 ngày làm việc');
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES ('000.00.00.H99', '1.009999');
SELECT count(tthc.receive('000.00.00.H99', '1.009999', 'Người ' || i, NULL, 'desk', '2026-03-02 09:00+07'))
FROM generate_series(1, $N) AS i \g /dev/null
-- one dossier received on the sweep's day, not yet due soon: the sweep never locks it, so the letters
-- issued for it below do not wait for the sweep
SELECT tthc.receive('000.00.00.H99', '1.009999', 'Người nhận thư', NULL, 'desk', '2026-03-06 08:00+07') \g /dev/null
SQL
say "crash test: $N overdue dossiers loaded; sweeping and stopping the server with -m immediate"

psql -X -q -At -d crash -c "SET tthc.now = '2026-03-06 09:00+07'" -c 'SELECT * FROM tthc.sweep()' \
	>"$CLUSTER_DIR/sweep1.log" 2>&1 &
sweeper=$!
# meanwhile an office issues letters on request, one transaction each, until the crash: the
# numbers of those committed must stay gapless, and the one in flight must leave no hole
psql -X -q -At -d crash -c "SET tthc.now = '2026-03-06 09:00+07'" -c "
DO \$\$
BEGIN
	FOR i IN 1..1000000 LOOP
		PERFORM tthc.issue_letter((SELECT id FROM tthc.dossier WHERE applicant_name = 'Người nhận thư'), '01');
		COMMIT;
	END LOOP;
END
\$\$" >"$CLUSTER_DIR/letters1.log" 2>&1 &
issuer=$!
# wait until the sweep is running and has given notices for a while (its transaction is open)
for _ in $(seq 1 100); do
	active=$(psql -X -At -d crash -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT * FROM tthc.sweep()%' AND state = 'active'")
	[ "$active" = 1 ] && break
	sleep 0.05
done
[ "$active" = 1 ] || fail "the sweep did not start"
sleep 0.5
still=$(psql -X -At -d crash -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT * FROM tthc.sweep()%' AND state = 'active'")
[ "$still" = 1 ] || fail "the sweep ended before the server was stopped; raise CRASH_DOSSIERS"
as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate -w stop >/dev/null
if wait "$sweeper"; then fail "the sweep was not interrupted: $(cat "$CLUSTER_DIR/sweep1.log")"; fi
if wait "$issuer"; then fail "the letters were not interrupted: $(cat "$CLUSTER_DIR/letters1.log")"; fi
as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w start >/dev/null \
	|| fail "the server did not restart: $(tail -n 20 "$CLUSTER_DIR/server.log")"
grep -q 'database system was interrupted\|was not properly shut down' "$CLUSTER_DIR/server.log" \
	|| fail "the server did not go through crash recovery"

left=$(run -c 'SELECT count(*) FROM tthc.notice')
[ "$left" = 0 ] || fail "the interrupted sweep left $left notices"
left=$(run -c 'SELECT count(*) FROM tthc.apology_draft')
[ "$left" = 0 ] || fail "the interrupted sweep left $left apology drafts"
second=$(run -c "SET tthc.now = '2026-03-06 09:00+07'" -c 'SELECT overdue FROM tthc.sweep()')
[ "$second" = "$N" ] || fail "the sweep after the restart gave $second overdue notices, not $N"
third=$(run -c "SET tthc.now = '2026-03-06 09:00+07'" -c "SELECT format('%s/%s/%s', due_soon, overdue, step_overdue) FROM tthc.sweep()")
[ "$third" = 0/0/0 ] || fail "a further sweep gave $third notices"
bad=$(run <<'SQL'
SELECT count(*) FROM tthc.dossier d
WHERE d.clock = 'running' AND d.legal_due_at < '2026-03-06 09:00+07'
  AND ((SELECT count(*) FROM tthc.notice n WHERE n.dossier = d.id AND n.kind = 'overdue') <> 1
	OR (SELECT count(*) FROM tthc.outbox o WHERE o.dossier = d.id AND o.event = 'overdue') <> 1);
SQL
)
[ "$bad" = 0 ] || fail "$bad overdue dossiers have not exactly one notice and one outbox row"
# every dossier at most one apology draft per legal due; these overdue ones, never extended, one
bad=$(run <<'SQL'
SELECT count(*) FROM tthc.dossier d
WHERE (SELECT count(*) FROM tthc.apology_draft a WHERE a.dossier = d.id)
	<> CASE WHEN d.clock = 'running' AND d.legal_due_at < '2026-03-06 09:00+07' AND NOT d.extended THEN 1 ELSE 0 END
   OR d.legal_due_at < '2026-03-06 09:00+07' AND NOT EXISTS (SELECT FROM tthc.outbox o WHERE o.dossier = d.id AND o.event = 'overdue'
				  AND (o.payload->>'apology_draft')::bigint = (SELECT a.id FROM tthc.apology_draft a WHERE a.dossier = d.id));
SQL
)
[ "$bad" = 0 ] || fail "$bad dossiers have not exactly one apology draft named by their overdue notice"
# letter numbers per agency, form and year: 1..n, no gaps, no duplicates, the counter at n
issued=$(run -c "SELECT count(*) FROM tthc.letter WHERE event_seq IS NULL")
[ "$issued" -gt 0 ] || fail "no letter was issued on request before the crash: $(cat "$CLUSTER_DIR/letters1.log")"
bad=$(run <<'SQL'
SELECT count(*) FROM (
	SELECT l.agency, l.form, l.year, count(*) AS n, count(DISTINCT l.number) AS distinct_n,
		min(l.number) AS lo, max(l.number) AS hi
	FROM tthc.letter l GROUP BY 1, 2, 3) g
LEFT JOIN tthc.letter_counter c USING (agency, form, year)
WHERE g.n <> g.distinct_n OR g.lo <> 1 OR g.hi <> g.n OR c.last IS DISTINCT FROM g.hi;
SQL
)
[ "$bad" = 0 ] || fail "$bad letter series (agency, form, year) have gaps or duplicates after the crash"
broken=$(run -c 'SELECT count(*) FROM tthc.dossier d WHERE NOT (tthc.verify_history(d.id)).valid')
[ "$broken" = 0 ] || fail "$broken dossier histories do not verify"
say "crash test: passed ($N overdue dossiers, one notice and one apology draft each after the crash and the re-run; $issued letters issued on request, numbers gapless)"
