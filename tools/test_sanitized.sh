#!/usr/bin/env bash
# make test-sanitized: the whole regression suite (every pg_regress file, the upgrade test among
# them, and every isolation spec) against the extension built by clang with
# UndefinedBehaviorSanitizer, on a throwaway server.  Any report, or a failed test, fails the run.
#
# Not AddressSanitizer: its runtime has to be preloaded into the server, and Debian's postgres
# binary then hangs on glibc's locale locks before it starts (postgres -V already; both clang's and
# gcc's runtimes).  The fuzzers (make fuzz) run the pure C cores under ASan instead.
#
# It installs the sanitized library into the server's directories and, on exit, builds and
# installs the plain one again.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

ensure_packages clang libclang-rt-14-dev
find_pg_config
start=$(date +%s)

UBSAN_RT=$(clang --print-file-name=libclang_rt.ubsan_standalone-x86_64.so)
[ -f "$UBSAN_RT" ] || die "the UBSan runtime $UBSAN_RT is missing (package libclang-rt-14-dev)"

# clang with PostgreSQL's own flags less gcc's (their spellings only warn under clang); -fwrapv as
# the server is built, so signed overflow is defined; the runtime is a shared library the extension
# needs (found through its rpath); no bitcode for the JIT, which is off below.
SAN_MAKE=(CC=clang with_llvm=no
	CFLAGS="-Wall -Wmissing-prototypes -Wpointer-arith -Wdeclaration-after-statement -Werror=vla -Wno-ignored-attributes -fno-strict-aliasing -fwrapv -g -O1 -fno-omit-frame-pointer"
	COPT="-fsanitize=undefined -fno-sanitize-recover=all -shared-libsan -DUSE_ASSERT_CHECKING"
	LDFLAGS_SL="-Wl,-rpath,$(dirname "$UBSAN_RT")")

# the reports, one file per process, in a directory the server can write to
SAN_DIR=$(mktemp -d /tmp/tthc-sanitizer.XXXXXX)
chmod 777 "$SAN_DIR"

# cluster_start installs cluster_stop as the EXIT trap: that one also restores the plain library
eval "lib_$(declare -f cluster_stop)"
restored=
cluster_stop() {
	lib_cluster_stop
	[ -z "$restored" ] || return 0
	restored=1
	rm -rf "$SAN_DIR"
	say "building and installing the plain library again"
	build_install "-O2"
}
trap cluster_stop EXIT
trap 'exit 143' TERM INT

say "building with UndefinedBehaviorSanitizer"
make -s clean >/dev/null
make -s "${SAN_MAKE[@]}" >&2
make -s "${SAN_MAKE[@]}" install >&2

# halt_on_error: a report ends the backend, so its test fails too
CLUSTER_ENV="UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$SAN_DIR/ubsan"
cluster_start contrib_regression
psql -X -q -d postgres -c "ALTER SYSTEM SET jit = off" -c "SELECT pg_reload_conf()" >/dev/null

# a backend that loaded the extension carries the runtime
if ! psql -X -At -d postgres -c "LOAD 'tthc'; SELECT pg_read_file('/proc/' || pg_backend_pid() || '/maps')" \
	| grep -q 'libclang_rt.ubsan'; then
	die "the sanitized library is not the one the server loads"
fi

rm -rf results output_iso regression.diffs regression.out
say "running pg_regress and isolation tests under the sanitizer"
set +e
make -s "${SAN_MAKE[@]}" installcheck 2>&1 | tee "$CLUSTER_DIR/installcheck.log"
rc=${PIPESTATUS[0]}
set -e
n_ok=$(grep -cE '^(ok|test) .* ok( |$)|^ok [0-9]+ ' "$CLUSTER_DIR/installcheck.log" || true)
n_bad=$(grep -cE 'FAILED|failed \(ignored\)|^not ok' "$CLUSTER_DIR/installcheck.log" || true)
if [ "$rc" -ne 0 ]; then
	for f in regression.diffs output_iso/regression.diffs; do
		[ -f "$f" ] && { echo "---- $f"; cat "$f"; }
	done
fi

reports=0
for f in "$SAN_DIR"/*; do
	[ -e "$f" ] || continue
	echo "---- sanitizer report $f"
	cat "$f"
	reports=$((reports + 1))
done
if grep -qE 'UndefinedBehaviorSanitizer|runtime error:' "$CLUSTER_DIR/server.log"; then
	echo "---- sanitizer messages in the server log"
	grep -E -A20 'UndefinedBehaviorSanitizer|runtime error:' "$CLUSTER_DIR/server.log" | head -n 200
	reports=$((reports + 1))
fi
echo "sanitized tests: $n_ok passed, $n_bad failed, $reports sanitizer reports ($(( $(date +%s) - start )) s)"
[ "$rc" -eq 0 ] && [ "$n_bad" -eq 0 ] && [ "$reports" -eq 0 ]
