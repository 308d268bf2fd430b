#!/usr/bin/env bash
# Open an HTML report of tthc.report_html and a letter in headless Chromium (Debian's chromium) and
# fail when the browser logs a console message, or when the DOM it rendered lacks what the page must
# show: the report's two SVG charts with their bars, its table rows and totals and its heading; the
# letter's national motto and its heading.  A canary page that logs to the console runs first, so a
# browser whose console is not captured fails the check rather than passing everything.
#
#   tools/browser_check.sh [--screenshots DIR] REPORT.html LETTER.html
#       check two pages; with --screenshots, save report.png and letter.png in DIR
#   tools/browser_check.sh --fixture
#       make test: build both pages from tools/browser_fixture.sql in a database of their own on the
#       running cluster (PGHOST, PGPORT, PGUSER), check them, drop the database
set -euo pipefail
caller_dir=$PWD
cd "$(dirname "$0")/.."
. tools/lib.sh

shots=
fixture=
while [ $# -gt 0 ]; do
	case $1 in
	--screenshots) shots=$(cd "$caller_dir" && readlink -m "$2"); shift 2 ;;
	--fixture) fixture=1; shift ;;
	*) break ;;
	esac
done

command -v chromium >/dev/null || die "chromium is not installed (apt-get install chromium)"
work=$(mktemp -d /tmp/tthc-browser.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -n "$fixture" ]; then
	[ $# -eq 0 ] || die "--fixture takes no pages"
	db=tthc_browser
	trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null; rm -rf "$work"' EXIT
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "SET client_min_messages = warning" \
		-c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	PGCLIENTENCODING=UTF8 psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f tools/browser_fixture.sql >/dev/null
	PGCLIENTENCODING=UTF8 psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -o "$work/report.html" \
		-c "SET tthc.now = '2026-04-30 18:00+07'" -c "SELECT tthc.report_html('2026-03-01', '2026-04-30')"
	PGCLIENTENCODING=UTF8 psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -o "$work/letter.html" \
		-c "SELECT html FROM tthc.letter WHERE form = '04' ORDER BY id LIMIT 1"
	set -- "$work/report.html" "$work/letter.html"
fi
[ $# -eq 2 ] || die "usage: tools/browser_check.sh [--screenshots DIR] REPORT.html LETTER.html | --fixture"
report=$(cd "$caller_dir" && readlink -f "$1")
letter=$(cd "$caller_dir" && readlink -f "$2")
[ -s "$report" ] && [ -s "$letter" ] || die "missing or empty page: $1 $2"

# One headless run; as root Chromium needs --no-sandbox.  Its own profile directory, removed with
# $work; the console goes to stderr with --enable-logging=stderr --v=0.
run=0
chrome() {
	run=$((run + 1))
	local sandbox=()
	[ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox)
	timeout 120 chromium --headless "${sandbox[@]}" --disable-gpu --no-first-run --hide-scrollbars \
		--enable-logging=stderr --v=0 --user-data-dir="$work/profile" "$@" 2>"$work/stderr.$run"
}
console() {
	grep -E ':CONSOLE[:(]' "$work/stderr.$run" || true
}
count() {
	grep -o -E "$1" "$2" | wc -l
}

failures=0
fail() {
	printf 'browser check: %s\n' "$*" >&2
	failures=$((failures + 1))
}

# the canary: its console.error must be seen
printf '%s' '<!DOCTYPE html><html><head><meta charset="utf-8"><title>canary</title></head><body><script>console.error("tthc-canary")</script></body></html>' >"$work/canary.html"
chrome --dump-dom "file://$work/canary.html" >/dev/null
console | grep -q 'tthc-canary' || die "Chromium's console is not captured (--enable-logging=stderr): the check cannot see errors"

# the report
chrome --dump-dom "file://$report" >"$work/report.dom"
[ -z "$(console)" ] || fail "console messages on the report: $(console)"
[ "$(count '<svg id="bieu-do-ti-le"' "$work/report.dom")" -eq 1 ] || fail "the report has no on-time chart"
[ "$(count '<svg id="bieu-do-ton-dong"' "$work/report.dom")" -eq 1 ] || fail "the report has no backlog chart"
[ "$(count '<rect class="cot"' "$work/report.dom")" -ge 1 ] || fail "the on-time chart has no bar"
[ "$(count '<rect class="ton-dong"' "$work/report.dom")" -eq 15 ] || fail "the backlog chart does not have its 15 bars"
[ "$(count '<tr data-agency="' "$work/report.dom")" -ge 1 ] || fail "the report's table has no row"
[ "$(count '<th scope="row">Tổng cộng</th>' "$work/report.dom")" -eq 1 ] || fail "the report's table has no total row"
grep -q '<h1>Báo cáo tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính</h1>' "$work/report.dom" \
	|| fail "the report has no heading"
grep -q -i '<script' "$work/report.dom" && fail "the report holds a script"

# the letter
chrome --dump-dom "file://$letter" >"$work/letter.dom"
[ -z "$(console)" ] || fail "console messages on the letter: $(console)"
grep -q -E '<h1>(GIẤY|PHIẾU|THÔNG BÁO)[^<]+</h1>' "$work/letter.dom" || fail "the letter has no heading"
grep -q 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' "$work/letter.dom" || fail "the letter has no national motto"
grep -q 'Số: ' "$work/letter.dom" || fail "the letter has no number"

# screenshots, checked to be PNG images with something drawn (a blank page compresses to a few kB)
dir=${shots:-$work}
mkdir -p "$dir"
chrome --screenshot="$dir/report.png" --window-size=1200,1700 "file://$report" >/dev/null
chrome --screenshot="$dir/letter.png" --window-size=800,1130 "file://$letter" >/dev/null
for png in "$dir/report.png" "$dir/letter.png"; do
	if [ "$(head -c 8 "$png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
		fail "no PNG screenshot: $png"
	elif [ "$(stat -c %s "$png")" -lt 20000 ]; then
		fail "the screenshot looks blank: $png"
	fi
done

[ "$failures" -eq 0 ] || exit 1
say "headless Chromium rendered the report and the letter without console messages${shots:+; screenshots in $shots}"
