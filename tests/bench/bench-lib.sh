# SPDX-License-Identifier: MIT
# Sourced by bench-import.sh and bench-tmx.sh (arguments: [N [BUILD_DIR]]):
# goes to the top of the source tree, sets n, build, runs ($RUNS, default
# 3), dir ($BENCH_DIR, default /tmp/libtm-bench), tm and tmx, the TMX of N
# units made by gen-tmx.py (cached in $dir), and defines timed().
set -u
cd "$(dirname "$0")/../.." || exit 1
n=${1:-1000000}
build=${2:-build}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/libtm-bench}
tm=$build/tools/tm
export TM_SHARED_DATA=${TM_SHARED_DATA:-$PWD/../shared/data}
mkdir -p "$dir"
tmx=$dir/gen-$n.tmx
[ -f "$tmx" ] || python3 tests/bench/gen-tmx.py "$n" "$tmx" || exit 1

# timed COMMAND...: runs it under /usr/bin/time -v (its output in
# $dir/out, the report in $dir/time) and prints "WALL CPU USER SYS RSS_MB";
# on failure prints the report's tail to stderr and returns 1.
timed() {
	/usr/bin/time -v "$@" >"$dir/out" 2>"$dir/time" || {
		tail -5 "$dir/time" >&2; return 1; }
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
		/User time/ { u = $2 } /System time/ { s = $2 }
		/Maximum resident/ { m = $2 / 1024 }
		END { printf "%.2f %.2f %.2f %.2f %.0f\n", w, u + s, u, s, m }' "$dir/time"
}
