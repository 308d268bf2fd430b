#!/usr/bin/env bash
# make test: install what is missing, build with strict warnings and assertions, install, check the
# version, run the unit tests and fuzzers of the pure C cores, then every pg_regress test and
# isolation spec on a throwaway cluster, open the HTML report and a letter in headless Chromium,
# run the crash test and the province-to-nation test; print failures, clean up, exit non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

ensure_packages clang libclang-rt-14-dev chromium
find_pg_config
say "building with strict warnings"
build_install "-Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare -DUSE_ASSERT_CHECKING -O2"

failed=0
passed=0
say "checking the version is the same everywhere"
if tools/check-version.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

if ls fuzz/*_test.c >/dev/null 2>&1; then
	say "unit tests of the pure C cores"
	if make -s -C fuzz check; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi
if ls fuzz/*_fuzz.c >/dev/null 2>&1; then
	say "fuzzing every C input function (${FUZZ_SECONDS:=20} s each)"
	if make -s -C fuzz fuzz FUZZ_SECONDS="$FUZZ_SECONDS"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi

cluster_start contrib_regression
rm -rf results output_iso regression.diffs regression.out
say "running pg_regress and isolation tests"
set +e
make -s installcheck 2>&1 | tee "$CLUSTER_DIR/installcheck.log"
rc=${PIPESTATUS[0]}
set -e
n_ok=$(grep -cE '^(ok|test) .* ok( |$)|^ok [0-9]+ ' "$CLUSTER_DIR/installcheck.log" || true)
n_bad=$(grep -cE 'FAILED|failed \(ignored\)|^not ok' "$CLUSTER_DIR/installcheck.log" || true)
passed=$((passed + n_ok))
failed=$((failed + n_bad))
if [ "$rc" -ne 0 ]; then
	[ "$n_bad" -gt 0 ] || failed=$((failed + 1))
	for f in regression.diffs output_iso/regression.diffs; do
		[ -f "$f" ] && { echo "---- $f"; cat "$f"; }
	done
	echo "---- server log (tail)"; tail -n 40 "$CLUSTER_DIR/server.log"
fi
say "checking doc/reference.md is current (tools/reference.sh)"
if tools/reference.sh -o "$CLUSTER_DIR/reference.md" && diff -u doc/reference.md "$CLUSTER_DIR/reference.md"; then
	passed=$((passed + 1))
else
	echo "doc/reference.md is not current: after make install, run tools/reference.sh -o doc/reference.md"
	failed=$((failed + 1))
fi
say "the HTML report and a letter in headless Chromium"
if tools/browser_check.sh --fixture; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
say "crash test: the server stopped with -m immediate during a sweep"
if tools/crash_test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
say "province to nation: two provinces and the nation over logical replication"
if tools/nation_test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
