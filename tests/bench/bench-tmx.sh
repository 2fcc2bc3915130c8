#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# TMX import/export benchmark (not a meson test; run by hand):
#   ninja -C build tests/bench-tmx-rw
#   tests/bench/bench-tmx.sh [N [BUILD_DIR]]      (default 1000000, build)
# Generates a TMX of N bilingual/trilingual en/ko/ru units from
# $TM_SHARED_DATA/parallel (cached in $BENCH_DIR, default
# /tmp/libtm-bench), then measures with /usr/bin/time -v:
#   - tm import into a fresh TM (wall time, CPU, peak RSS),
#   - tm export of that TM (TUs/s), RUNS times, median,
#   - the reader and writer alone (bench-tmx-rw),
#   - translate-toolkit reading the same file (/usr/bin/python3, DOM),
# and prints the ratio. The machine is shared: compare medians.
. "$(dirname "$0")/bench-lib.sh"
echo "# file: $tmx ($(du -m "$tmx" | cut -f1) MB, $n TUs)"

measure() { # label, command...: prints wall s, cpu s, max RSS MB
	local label=$1 t w c u sy m
	shift
	t=$(timed "$@") || { echo "$label: failed"; return 1; }
	read -r w c u sy m <<<"$t"
	echo "$label: wall $w s, cpu $c s, max RSS $m MB"
}

rm -f "$dir/bench.db"*
measure "tm import" "$tm" import -q --db "$dir/bench.db" "$tmx"
grep '^imported' "$dir/time"
for i in $(seq "$runs"); do
	measure "tm export (run $i)" "$tm" export -q --db "$dir/bench.db" "$dir/export.tmx"
done | tee "$dir/exports"
sed -n 's/.*cpu \([0-9.]*\) s.*/\1/p' "$dir/exports" | sort -n |
	awk -v n="$n" '{ c[NR] = $1 }
	END { m = c[int((NR + 1) / 2)]; printf "tm export: median cpu %.2f s = %.0f TUs/s\n", m, n / m }'
if [ -x "$build/tests/bench-tmx-rw" ]; then
	"$build/tests/bench-tmx-rw" "$tmx" "$dir/rw.tmx"
fi
if /usr/bin/python3 -c 'import translate.storage.tmx' 2>/dev/null; then
	measure "translate-toolkit read" /usr/bin/python3 -c '
import sys
from translate.storage import tmx
print(len(tmx.tmxfile(open(sys.argv[1], "rb")).units))' "$tmx"
	echo "translate-toolkit units: $(cat "$dir/out")"
else
	echo "translate-toolkit: absent (apt-get install python3-translate)"
fi
