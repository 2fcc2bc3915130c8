#!/bin/bash
# SPDX-License-Identifier: MIT
# Speed, memory and quality of `tm align` on long document pairs built from
# the parallel corpora of $TM_SHARED_DATA (make-align-pair.py: concatenated
# news with 2% deletions on each side and 6% merges). Prints, for each size,
# the median wall and user time of RUNS runs, the peak RSS, and strict/lax
# F1 against the pair's gold. With HUNALIGN=/path/to/hunalign (built outside
# the project) the same pairs are run through it with an empty dictionary.
#
#   tests/bench/bench-align.sh [SIZES...]        default: 10000 20000
#   env: TM (default build/tools/tm), PAIR (en-ru), RUNS (3), HUNALIGN
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
TM=${TM:-$root/build/tools/tm}
PAIR=${PAIR:-en-ru}
RUNS=${RUNS:-3}
: "${TM_SHARED_DATA:=$root/../shared/data}"
export TM_SHARED_DATA
[ -d "$TM_SHARED_DATA/parallel" ] || { echo "no $TM_SHARED_DATA/parallel: skipped"; exit 77; }
sizes=${*:-10000 20000}
sl=${PAIR%-*} tl=${PAIR#*-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# hunalign leaves a translate.txt in the current directory: run there.
case $TM in /*) ;; *) TM=$PWD/$TM ;; esac
cd "$work" || exit 1

# measure NAME CMD...: median wall/user seconds and max RSS over $RUNS runs
measure() {
	local name=$1
	shift
	for r in $(seq "$RUNS"); do
		/usr/bin/time -f "%e %U %M" -o "$work/t.$r" "$@" >"$work/$name.out" 2>/dev/null
	done
	cat "$work"/t.* | sort -n | awk -v n="$RUNS" '
		{ wall[NR] = $1; user[NR] = $2; if ($3 > rss) rss = $3 }
		END { m = int((n + 1) / 2); printf "%.2f s wall, %.2f s user, %d MB", wall[m], user[m], rss / 1024 }' \
		>"$work/$name.time"
	rm -f "$work"/t.*
}

for n in $sizes; do
	d=$work/$n
	python3 "$here/make-align-pair.py" --pair "$PAIR" -n "$n" --out "$d" || exit 1
	ns=$(wc -l <"$d/$sl.txt") nt=$(wc -l <"$d/$tl.txt")
	measure tm "$TM" align --presegmented -s "$sl" -t "$tl" "$d/$sl.txt" "$d/$tl.txt"
	q=$(python3 "$here/eval-align.py" -g "$d/$PAIR.gold" -t "$work/tm.out" --json |
		python3 -c 'import json,sys; r=json.load(sys.stdin); print("strict F1 %.3f lax F1 %.3f" % (r["f1_strict"], r["f1_lax"]))')
	echo "$PAIR $ns x $nt  tm align: $(cat "$work/tm.time"); $q"
	if [ -n "${HUNALIGN:-}" ]; then
		: >"$work/empty.dic"
		measure hun "$HUNALIGN" "$work/empty.dic" "$d/$sl.txt" "$d/$tl.txt"
		python3 - "$work/hun.out" >"$work/hun.links" <<'PY'
import sys
rungs = [tuple(map(int, l.split("\t")[:2])) for l in open(sys.argv[1]) if "\t" in l]
for (i0, j0), (i1, j1) in zip(rungs, rungs[1:]):
    if i1 > i0 or j1 > j0:
        print("[%s]:[%s]" % (",".join(map(str, range(i0, i1))), ",".join(map(str, range(j0, j1)))))
PY
		q=$(python3 "$here/eval-align.py" -g "$d/$PAIR.gold" -t "$work/hun.links" --json |
			python3 -c 'import json,sys; r=json.load(sys.stdin); print("strict F1 %.3f lax F1 %.3f" % (r["f1_strict"], r["f1_lax"]))')
		echo "$PAIR $ns x $nt  hunalign:  $(cat "$work/hun.time"); $q"
	fi
done
