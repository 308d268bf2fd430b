#!/usr/bin/env bash
# make fuzz: install clang and its sanitizer runtimes if missing, then run every libFuzzer harness
# of the pure C cores (fuzz/*_fuzz.c): first the regression inputs kept in fuzz/regress/<harness>/,
# then FUZZ_SECONDS (default 30) of fuzzing each from fuzz/corpus/<harness>/.  A crash, leak,
# undefined behaviour or hang is kept in fuzz/regress/<harness>/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

ensure_packages clang libclang-rt-14-dev
say "fuzzing every C parser and converter (${FUZZ_SECONDS:=30} s each)"
start=$(date +%s)
make -s -C fuzz fuzz FUZZ_SECONDS="$FUZZ_SECONDS"
say "every harness ran clean ($(( $(date +%s) - start )) s)"
