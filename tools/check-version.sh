#!/usr/bin/env bash
# The version lives in control/tthc.control; META.json and the CHANGELOG must agree with it.
set -eu
cd "$(dirname "$0")/.."
v=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" control/tthc.control)
m=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' META.json)
p=$(sed -n '/"provides"/,/}/s/^ *"version": "\(.*\)",\{0,1\}$/\1/p' META.json | head -n 1)
ok=0
[ "$v" = "$m" ] || { echo "META.json version \"$m\" differs from the control file's \"$v\""; ok=1; }
[ "$v" = "$p" ] || { echo "META.json provides.tthc.version \"$p\" differs from the control file's \"$v\""; ok=1; }
grep -q "^## $v " CHANGELOG.md || { echo "CHANGELOG.md has no heading for $v"; ok=1; }
exit $ok
