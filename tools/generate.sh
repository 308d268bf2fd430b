#!/usr/bin/env bash
# Load N years of realistic dossiers for a province into a database, through the real API: a
# catalogue of the province's agencies and procedures (generator/catalogue.sql), then day after day
# on the test clock (tthc.now) the day's receipts and every event due that day (tthc.receive, the
# event functions, tthc.complete_step; generator/simulate.sql), the sweep at each day's end, the
# rollups brought up to date every Sunday and the monthly partitions made at each month's start.  Each simulated day of a slice of the agencies is one
# statement (one transaction); GEN_JOBS sessions run the slices of a day in parallel, then the
# sweep runs.  Deterministic: the same seed and sizes give the same dossiers, codes, events and
# outcomes whatever GEN_JOBS (only the ids differ); the fingerprint printed at the end shows it.
#
# Run again on the same database, it goes on from the day after the last one loaded, with the
# parameters of the first run (so a second run of as many years doubles the data).
#
# Environment: PGHOST/PGPORT/PGUSER as for psql (a superuser: the test clock is a superuser's
# setting); GEN_DB (default tthc_gen; created with the extension if missing), GEN_YEARS (1),
# GEN_PER_YEAR (dossiers a year in the province, 20000), GEN_AGENCIES (30: the 10 departments, then
# communes), GEN_PROCEDURES (26), GEN_SEED (1), GEN_START (first day, 2024-01-01), GEN_JOBS
# (parallel sessions, default the number of CPUs).  Prints the load rates on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

DB=${GEN_DB:-tthc_gen}
YEARS=${GEN_YEARS:-1}
PER_YEAR=${GEN_PER_YEAR:-20000}
AGENCIES=${GEN_AGENCIES:-30}
PROCEDURES=${GEN_PROCEDURES:-26}
SEED=${GEN_SEED:-1}
START=${GEN_START:-2024-01-01}
JOBS=${GEN_JOBS:-$(nproc)}
for v in "$YEARS" "$PER_YEAR" "$AGENCIES" "$PROCEDURES" "$SEED" "$JOBS"; do
	[[ $v =~ ^[1-9][0-9]*$ ]] || die "GEN_YEARS, GEN_PER_YEAR, GEN_AGENCIES, GEN_PROCEDURES, GEN_SEED and GEN_JOBS must be whole numbers above 0"
done
[[ $START =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "GEN_START must be a date, YYYY-MM-DD"
[ "$(psql -X -At -d postgres -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')" = t ] \
	|| die "the generator moves the test clock (tthc.now), a superuser's setting: connect as a superuser"

[ "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$DB'")" = 1 ] \
	|| psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB"
run() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
run -c 'CREATE EXTENSION IF NOT EXISTS tthc CASCADE'

if [ "$(run -c "SELECT count(*) FROM pg_class WHERE oid = to_regclass('tthc_gen.param')")" = 1 ]; then
	IFS='|' read -r SEED PER_YEAR JOBS_WAS FIRST <<<"$(run -c "SELECT seed, per_year, slices, (SELECT max(day) + 1 FROM tthc_gen.day_log) FROM tthc_gen.param")"
	JOBS=$JOBS_WAS
	say "going on from $FIRST (seed $SEED, $PER_YEAR dossiers a year, $JOBS slices)"
else
	run -v agencies="$AGENCIES" -v procedures="$PROCEDURES" -f generator/catalogue.sql -f generator/simulate.sql
	run -c "INSERT INTO tthc_gen.param VALUES ($SEED, $PER_YEAR, $JOBS)"
	FIRST=$START
fi
LAST=$(run -c "SELECT (date '$FIRST' + interval '$YEARS years' - interval '1 day')::date")

# one psql session per slice, fed through a FIFO; each command ends with a marker line
WORK=$(mktemp -d /tmp/tthc-gen.XXXXXX)
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$WORK"
}
trap cleanup EXIT
declare -a TO FROM
for ((k = 0; k < JOBS; k++)); do
	mkfifo "$WORK/in$k" "$WORK/out$k"
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" <"$WORK/in$k" >"$WORK/out$k" 2>"$WORK/err$k" &
	pids+=($!)
	exec {fd}>"$WORK/in$k"; TO[k]=$fd
	exec {fd}<"$WORK/out$k"; FROM[k]=$fd
done
send() { printf '%s\n\\echo __done__\n' "$2" >&"${TO[$1]}"; }
await() {
	local line
	while IFS= read -r line <&"${FROM[$1]}"; do
		[ "$line" = __done__ ] && return 0
	done
	cat "$WORK/err$1" >&2
	die "session $1 of the generator failed"
}
# the settings of every session: the province's time zone, no NOTICE chatter
for ((k = 0; k < JOBS; k++)); do send $k "SET client_min_messages = warning; SET timezone = 'Asia/Ho_Chi_Minh';"; await $k; done

say "generating $FIRST to $LAST: about $PER_YEAR dossiers a year, $JOBS sessions"
t0=$(date +%s.%N)
day=$FIRST
month=${day:0:7}
send 0 "SELECT tthc_gen.partitions_day('$day') \\g /dev/null"; await 0
while [[ ! $day > $LAST ]]; do
	for ((k = 0; k < JOBS; k++)); do send $k "SELECT tthc_gen.run_day('$day', $k) \\g /dev/null"; done
	for ((k = 0; k < JOBS; k++)); do await $k; done
	cmd="SELECT tthc_gen.sweep_day('$day') \\g /dev/null"
	[ "$(date -d "$day" +%u)" = 7 ] && cmd+=$'\n'"SELECT tthc_gen.refresh_day('$day') \\g /dev/null"
	send 0 "$cmd"; await 0
	day=$(date -d "$day + 1 day" +%F)
	if [ "${day:0:7}" != "$month" ]; then
		say "$month: $(run -c "SELECT sum(receipts) || ' dossiers, ' || sum(events) || ' events so far' FROM tthc_gen.day_log")"
		month=${day:0:7}
		send 0 "SELECT tthc_gen.partitions_day('$day') \\g /dev/null"; await 0
	fi
done
# end of input ends each session
for ((k = 0; k < JOBS; k++)); do eval "exec ${TO[k]}>&- ${FROM[k]}<&-"; done
wait "${pids[@]}" 2>/dev/null || true
pids=()
wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

run -c "VACUUM ANALYZE" || die "VACUUM ANALYZE failed"
run -v first="$FIRST" -v last="$LAST" -v wall="$wall" <<'SQL' || die "the summary failed"
SELECT format(E'generated %s to %s in %s s (%s sessions)\n'
	'  %s dossiers received, %s events (%s of them completed steps): %s receipts/s and %s events/s over the wall clock\n'
	'  API time per call in a session: receive %s ms, an event %s ms; sweeps: %s, %s ms on average, %s notices\n'
	'  dossiers in the database: %s; fingerprint %s',
	:'first', :'last', :'wall', (SELECT slices FROM tthc_gen.param),
	sum(receipts), sum(events), sum(steps), round(sum(receipts) / :wall::numeric), round(sum(events + steps) / :wall::numeric),
	round(sum(receipt_ms)::numeric / nullif(sum(receipts), 0), 2), round(sum(event_ms)::numeric / nullif(sum(events + steps), 0), 2),
	(SELECT count(*) FROM tthc_gen.sweep_log WHERE day BETWEEN :'first' AND :'last'),
	(SELECT round(avg(ms)) FROM tthc_gen.sweep_log WHERE day BETWEEN :'first' AND :'last'),
	(SELECT sum(due_soon + overdue + step_overdue) FROM tthc_gen.sweep_log WHERE day BETWEEN :'first' AND :'last'),
	(SELECT count(*) FROM tthc.dossier),
	-- what the run decided, independent of the ids and of the number of sessions
	(SELECT md5(string_agg(concat_ws('|', agency, code, submitted_at, applicant_name, applicant_id, status, version,
		legal_due_at, due_at, finish_outcome, return_outcome, stop_outcome, supplements, extended, apology_late),
		',' ORDER BY agency, submitted_at, applicant_name, code)) FROM tthc.dossier))
FROM tthc_gen.day_log WHERE day BETWEEN :'first' AND :'last';
SQL
