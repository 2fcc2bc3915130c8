# SPDX-License-Identifier: MIT
# TAP helpers for tests of the `tm` binary. Source it, then call:
#   run tm segment -l en file     -> sets $out, $err, $rc
#   is "$rc" 0 "segment exits 0"; like "$err" 'pattern' "message"
#   done_testing
set -u
: "${TM:?TM must point at the tm binary}"
n=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

run() {
	local prog=$1
	shift
	[ "$prog" = tm ] && prog=$TM
	"$prog" "$@" >"$work/.out" 2>"$work/.err"
	rc=$?
	out=$(cat "$work/.out")
	err=$(cat "$work/.err")
}

# run_in FILE tm ARGS: like run with FILE on stdin
run_in() {
	local input=$1 prog=$2
	shift 2
	[ "$prog" = tm ] && prog=$TM
	"$prog" "$@" <"$input" >"$work/.out" 2>"$work/.err"
	rc=$?
	out=$(cat "$work/.out")
	err=$(cat "$work/.err")
}

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'
	return 0
}
is() { if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "got:      $1
expected: $2"; fi; }
like() { if printf '%s' "$1" | grep -qE -- "$2"; then pass "$3"; else fail "$3" "got: $1
pattern: $2"; fi; }
unlike() { if printf '%s' "$1" | grep -qE -- "$2"; then fail "$3" "got: $1
unwanted: $2"; else pass "$3"; fi; }
# meson reads a TAP plan "1..0 # SKIP" as a skip only with exit status 0
# (77 is the skip code of exit-code tests, an error under TAP).
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
shared_data() {
	[ -n "${TM_SHARED_DATA:-}" ] && [ -f "$TM_SHARED_DATA/SOURCES.md" ]
}
done_testing() { echo "1..$n"; [ "$failed" -eq 0 ]; exit $?; }
