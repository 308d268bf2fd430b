# Shared by tools/test.sh, tools/demo.sh and tools/bench.sh: packages, build, throwaway cluster.
# Source it: it sets PG_MAJOR and PACKAGES and defines the functions below; find_pg_config sets
# PG_CONFIG and PG_BIN, cluster_start sets PGHOST, PGPORT, PGUSER and CLUSTER_DIR.

PG_MAJOR=15
PACKAGES="postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-$PG_MAJOR-cron
          libicu-dev libssl-dev make gcc pkg-config"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Install the Debian packages the build and the tests need, if any is missing.
ensure_packages() {
	local missing=() p
	for p in $PACKAGES "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || die "missing packages: ${missing[*]} (run as root, or install them first)"
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The one place that finds pg_config (after ensure_packages): the PG_MAJOR server's own, else the
# one on PATH.  Exported, so every make below builds against it (the Makefile's PG_CONFIG ?=
# keeps a value from the environment); PG_BIN is its server's bin directory (initdb, pg_ctl).
find_pg_config() {
	PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
	[ -x "$PG_CONFIG" ] || PG_CONFIG=$(command -v pg_config) || die "pg_config not found"
	PG_BIN=$("$PG_CONFIG" --bindir)
	export PG_CONFIG
}

# Build with the given extra compiler flags and install into the server's directories.
build_install() {
	local flags="$1"
	make -s clean >/dev/null
	make -s COPT="$flags" >&2
	make -s install >&2
}

# A free TCP port on the loopback interface, starting from $1.
free_port() {
	local p=${1:-55432}
	while ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || [ -e "/tmp/.s.PGSQL.$p" ]; do
		p=$((p + 1))
	done
	echo "$p"
}

# Start a throwaway cluster owned by postgres with pg_cron preloaded; sets PGHOST, PGPORT, PGUSER,
# CLUSTER_DIR. cluster_stop removes it (installed as an EXIT trap).  CLUSTER_CONF, when set, holds
# more postgresql.conf lines (wal_level = logical for tools/nation_test.sh).
# CLUSTER_ENV, if set, holds VAR=value words the server starts with (tools/test_sanitized.sh).
cluster_start() {
	local dbname=${1:-postgres}
	CLUSTER_DIR=$(mktemp -d /tmp/tthc-cluster.XXXXXX)
	chmod 755 "$CLUSTER_DIR"
	chown postgres:postgres "$CLUSTER_DIR" 2>/dev/null || true
	trap cluster_stop EXIT
	PGPORT=$(free_port $((55432 + RANDOM % 2000)))
	as_postgres "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
		-A trust >"$CLUSTER_DIR/initdb.log" 2>&1 || { cat "$CLUSTER_DIR/initdb.log" >&2; die "initdb failed"; }
	cat >>"$CLUSTER_DIR/data/postgresql.conf" <<CONF
listen_addresses = ''
port = $PGPORT
unix_socket_directories = '$CLUSTER_DIR'
shared_preload_libraries = 'pg_cron'
cron.database_name = '$dbname'
max_prepared_transactions = 10
timezone = 'UTC'
fsync = off
${CLUSTER_CONF:-}
CONF
	# shellcheck disable=SC2086 # CLUSTER_ENV is a list of words
	as_postgres env ${CLUSTER_ENV:-} "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w start >/dev/null \
		|| { cat "$CLUSTER_DIR/server.log" >&2; die "the server did not start"; }
	export PGHOST=$CLUSTER_DIR PGPORT PGUSER=postgres
	say "cluster on port $PGPORT in $CLUSTER_DIR"
}

cluster_stop() {
	[ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR" ] || return 0
	as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$CLUSTER_DIR"
	CLUSTER_DIR=
}

# Run a command as postgres when root.  From /, which postgres can enter: the caller's working
# directory (a checkout under /root or /work) may be closed to it, and initdb and pg_ctl would say
# so.  Arguments must therefore be absolute paths.
as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}
