#!/usr/bin/env bash
# Province to nation (doc/topology.md): two province clusters and a national one on this machine,
# unix sockets only, joined by PostgreSQL's logical replication.  The nation publishes the
# procedure catalogue, the provinces subscribe to it; each province publishes its status feed,
# rollups and agencies, the nation subscribes to both.  Dossiers are loaded through the API in both
# provinces (different agencies, the same national procedures and one local procedure each), the
# rollups refreshed, and the national report must equal the provincial ones: row for row by agency,
# summed by procedure and by month; the national status feed must be the union of the provincial
# ones.  Then the nation's subscription to one province is disabled and the national cluster
# stopped (-m immediate) while more dossiers are loaded; after both come back the figures must
# agree again.  Needs the extension installed (make test does it first).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh
find_pg_config

NOW='2026-04-06 09:00+07'
PERIOD="'2026-03-01', '2026-04-30'"
declare -A DIR PORT
stop_all() {
	local n
	for n in "${!DIR[@]}"; do CLUSTER_DIR=${DIR[$n]}; cluster_stop; done
}
start() {
	CLUSTER_CONF="wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
max_worker_processes = 16
max_logical_replication_workers = 8
wal_receiver_status_interval = 1s" cluster_start postgres
	DIR[$1]=$CLUSTER_DIR
	PORT[$1]=$PGPORT
	trap stop_all EXIT
}
# q NODE SQL...: each argument one statement, in the node's tthc database, tuples only
q() {
	local n=$1 a args=()
	shift
	for a in "$@"; do args+=(-c "$a"); done
	psql -X -q -At -v ON_ERROR_STOP=1 -h "${DIR[$n]}" -p "${PORT[$n]}" -U postgres -d tthc \
		-c "SET client_min_messages = warning" -c "SET tthc.now = '$NOW'" "${args[@]}"
}
# the subscriptions connect as a login of tthc_replication with REPLICATION, not as a superuser:
# what the role may read is all a first copy gets
conninfo() { echo "host=${DIR[$1]} port=${PORT[$1]} dbname=tthc user=regress_replicator"; }
fail() { echo "nation test: $*" >&2; exit 1; }

SECONDS=0
for n in nation h29 h31; do
	start $n
	psql -X -q -h "${DIR[$n]}" -p "${PORT[$n]}" -U postgres -d postgres -c 'CREATE DATABASE tthc'
	q $n 'SET client_min_messages = warning' 'CREATE EXTENSION tthc' \
		'CREATE ROLE regress_replicator LOGIN REPLICATION IN ROLE tthc_replication'
done

say "the national catalogue, published to the provinces"
q nation "INSERT INTO tthc.sector (code, name) VALUES ('G12-HT01', 'Hộ tịch')" \
	"INSERT INTO tthc.procedure (code, name, sector, level) VALUES
		('1.000001', 'Đăng ký khai sinh', 'G12-HT01', 'commune'),
		('1.000002', 'Đăng ký kết hôn', 'G12-HT01', 'commune'),
		('1.000003', 'Cấp phiếu lý lịch tư pháp', NULL, 'province')" \
	"INSERT INTO tthc.procedure_version (procedure, version, valid_from, term) VALUES
		('1.000001', 1, '2020-01-01', '3 ngày làm việc'),
		('1.000002', 1, '2020-01-01', '5 ngày làm việc'),
		('1.000003', 1, '2020-01-01', '10 ngày làm việc')" \
	'SELECT tthc.nation_publish()' >/dev/null
for p in h29 h31; do
	q $p "CREATE SUBSCRIPTION tthc_catalogue_$p CONNECTION '$(conninfo nation)' PUBLICATION tthc_nation"
done
for p in h29 h31; do
	for i in $(seq 100); do
		[ "$(q $p 'SELECT count(*) FROM tthc.procedure_version')" = 3 ] && break
		[ "$i" = 100 ] && fail "the catalogue did not reach province $p"
		sleep 0.2
	done
done

say "the provinces: their agencies and a local procedure each, published to the nation"
for p in h29 h31; do
	unit=${p^^}
	q $p "INSERT INTO tthc.agency (code, name) VALUES
			('000.00.12.$unit', 'Sở Tư pháp $unit'), ('000.00.13.$unit', 'Sở Nội vụ $unit')" \
		"INSERT INTO tthc.procedure (code, name, level) VALUES ('2.000815.000.00.00.$unit', 'Thủ tục riêng $unit', 'province')" \
		"INSERT INTO tthc.procedure_version (procedure, version, valid_from, term)
			VALUES ('2.000815.000.00.00.$unit', 1, '2020-01-01', '5 ngày làm việc')" \
		"INSERT INTO tthc.agency_procedure (agency, procedure)
			SELECT a.code, p.code FROM tthc.agency a, tthc.procedure p" \
		"SELECT tthc.province_publish('$unit')" >/dev/null
	q nation "CREATE SUBSCRIPTION tthc_$p CONNECTION '$(conninfo $p)' PUBLICATION tthc_province"
done
[ "$(q nation 'SELECT tthc.is_national()')" = t ] || fail "the nation does not know it is national"
[ "$(q h29 'SELECT tthc.is_national()')" = f ] || fail "a province thinks it is national"
q nation 'SELECT tthc.rollup_refresh()' >/dev/null

# load NODE FIRST LAST N: N dossiers through the API at the province's agencies on the working days
# FIRST..LAST, and their events by i % 8, then a refresh of the rollups
load() {
	q "$1" "SET nation_test.first = '$2'" "SET nation_test.last = '$3'" "SET nation_test.n = $4" "
DO \$\$
DECLARE
	agencies text[] := ARRAY(SELECT a.code FROM tthc.agency a ORDER BY 1);
	procedures text[] := ARRAY(SELECT p.code FROM tthc.procedure p ORDER BY 1);
	days date[] := ARRAY(SELECT g::date FROM generate_series(current_setting('nation_test.first')::date,
		current_setting('nation_test.last')::date, '1 day') g WHERE tthc.is_working_day(g::date, 'national'));
	n int := current_setting('nation_test.n')::int;
	id bigint;
	t timestamptz;
BEGIN
	FOR i IN 1..n LOOP
		t := (days[1 + i % pg_catalog.cardinality(days)] + time '08:00' + (i % 7) * interval '1 hour')
			AT TIME ZONE 'Asia/Ho_Chi_Minh';
		IF i % 8 = 7 THEN
			id := (tthc.receive(agencies[1 + i % 2], procedures[1 + i % 4], 'Trần Thị Bình', channel => 'online',
				received_at => t)).id;
			PERFORM tthc.refuse(id, note => 'thiếu giấy tờ', happened_at => t + interval '1 hour');
			CONTINUE;
		END IF;
		id := (tthc.receive(agencies[1 + i % 2], procedures[1 + i % 4], 'Nguyễn Văn An', received_at => t)).id;
		IF i % 8 = 2 THEN
			PERFORM tthc.withdraw(id, happened_at => t + interval '2 days');
			CONTINUE;
		END IF;
		PERFORM tthc.start_processing(id, happened_at => t + interval '30 minutes');
		CASE i % 8
		WHEN 0 THEN
			PERFORM tthc.finish(id, happened_at => t + CASE WHEN i % 16 = 0 THEN interval '7 days' ELSE interval '1 day' END);
		WHEN 1 THEN
			PERFORM tthc.request_supplement(id, happened_at => t + interval '2 hours');
			PERFORM tthc.supplement_received(id, happened_at => t + interval '1 day');
		WHEN 3 THEN
			PERFORM tthc.stop(id, note => 'không đủ điều kiện', happened_at => t + interval '1 day');
		WHEN 4 THEN
			PERFORM tthc.extend(id, reason => 'chờ xác minh', by => '2 ngày làm việc', happened_at => t + interval '1 day');
			PERFORM tthc.finish(id, happened_at => t + interval '2 days');
		ELSE
			NULL;  -- left open
		END CASE;
	END LOOP;
END
\$\$" 'SELECT tthc.rollup_refresh()' >/dev/null
}

# the report of a node, by agency, procedure or month
report() { q "$1" "SELECT * FROM tthc.report($PERIOD, '$2')"; }
# the figures that add up across provinces (the counts), summed per group
summed() {
	awk -F'|' '{ k[$1] = 1; for (i = 3; i <= 13; i++) s[$1, i] += $i; for (i = 19; i <= 25; i++) s[$1, i] += $i }
		END { for (g in k) { l = g; for (i = 3; i <= 13; i++) l = l "|" s[g, i];
			for (i = 19; i <= 25; i++) l = l "|" s[g, i]; print l } }' | sort
}
feed() { q "$1" 'COPY (SELECT * FROM tthc.dossier_status) TO STDOUT'; }
# the differences between the nation and the sum of the provinces (none: empty output)
differences() {
	diff <({ report h29 agency; report h31 agency; } | sort) <(report nation agency | sort) | sed 's/^/agency: /'
	local by
	for by in procedure month; do
		diff <({ report h29 $by; report h31 $by; } | summed) <(report nation $by | summed) | sed "s/^/$by: /"
	done
	diff <({ feed h29; feed h31; } | sort) <(feed nation | sort) | sed 's/^/feed: /' | head -20
}
# wait until the nation agrees with the provinces, or fail showing how it does not
agree() {
	local i d
	for i in $(seq 120); do
		d=$(differences) || true
		[ -z "$d" ] && return 0
		sleep 0.5
	done
	printf '%s\n' "$d" | head -40 >&2
	fail "$1: the national figures differ from the sum of the provincial ones"
}

say "loading dossiers in both provinces"
load h29 2026-03-02 2026-03-13 300
load h31 2026-03-02 2026-03-13 250
agree "after the first load"
received=$(report nation agency | awk -F'|' '{ s += $3 } END { print s + 0 }')
[ "$(report nation agency | grep -c 'H29|')" = 2 ] && [ "$(report nation agency | grep -c 'H31|')" = 2 ] \
	|| fail "the national report lacks the agencies of a province"
[ "$received" -gt 400 ] || fail "only $received dossiers received in the national report"
[ "$(q nation 'SELECT count(*) FROM tthc.dossier')" = 0 ] || fail "the nation holds dossiers of its own"

say "the nation's subscription to h31 disabled, more dossiers loaded in both provinces"
q nation 'ALTER SUBSCRIPTION tthc_h31 DISABLE'
load h29 2026-03-16 2026-03-20 150
load h31 2026-03-16 2026-03-20 150
# h29 still flows; h31 is stale at the nation until the subscription comes back
for i in $(seq 120); do
	[ "$(report nation agency | grep 'H29|' | sort)" = "$(report h29 agency | sort)" ] && break
	[ "$i" = 120 ] && fail "h29 did not reach the nation while h31 was disabled"
	sleep 0.5
done
[ "$(report nation agency | grep 'H31|' | sort)" != "$(report h31 agency | sort)" ] \
	|| fail "h31's new dossiers reached the nation through a disabled subscription"

say "the national cluster stopped (-m immediate), more dossiers loaded in h29, the nation restarted"
as_postgres "$PG_BIN/pg_ctl" -D "${DIR[nation]}/data" -m immediate -w stop >/dev/null
load h29 2026-03-23 2026-03-27 120
as_postgres "$PG_BIN/pg_ctl" -D "${DIR[nation]}/data" -l "${DIR[nation]}/server.log" -w start >/dev/null
q nation 'ALTER SUBSCRIPTION tthc_h31 ENABLE'
agree "after the restart"
# the nation's own refresh leaves the provinces' rollups alone
[ "$(q nation "SELECT dossiers || ' ' || rebuilt FROM tthc.rollup_refresh()")" = "0 false" ] \
	|| fail "the national refresh recomputed rollups"
agree "after a national refresh"
total=$(report nation agency | awk -F'|' '{ s += $3 } END { print s + 0 }')
say "nation test passed in ${SECONDS}s: $total dossiers received in the national report"
