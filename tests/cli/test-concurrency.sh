# SPDX-License-Identifier: MIT
# Concurrent use of one TM (docs/reliability.md): N readers (lookup,
# concord, export) run while 2 writers import, for a bounded time
# (TM_CONCURRENCY_SECONDS, default 5). Every reader result is checked:
# exact lookups give the stored translation, concordance finds its tag,
# and an export always holds whole files (a snapshot between two
# imports). Every import succeeds (the second writer waits on the busy
# timeout), and the TM ends with exactly the units of all imports.
. "$(dirname "$0")/lib.sh"
unset TM_DB
command -v sqlite3 >/dev/null || skip_all "sqlite3 CLI missing (scripts/setup installs it)"
for c in lookup concord export import; do
	"$TM" help "$c" >/dev/null 2>&1 || skip_all "tm $c is absent"
done
src=${TM_SOURCE_ROOT:?}
seconds=${TM_CONCURRENCY_SECONDS:-5}
readers=${TM_CONCURRENCY_READERS:-3}
gen=$src/tests/cli/gen-tmx.py

python3 "$gen" "$src/samples" . 1 300 base
# Files of $per units: a writer holds the write lock for one file, and
# the other must get it within the busy timeout (5 s). 100-unit imports
# took 9 s under ASan on a loaded machine; 40 keep well within it.
per=${TM_CONCURRENCY_UNITS:-40}
python3 "$gen" "$src/samples" . 100 "$per" wa
python3 "$gen" "$src/samples" . 100 "$per" wb
run tm import -q --db tm.db base00.tmx
is "$rc" 0 "the base TM is imported"
# Expected exact matches: "en<TAB>ko" of the base units.
python3 - base00.tmx >expect.tsv <<'PY'
import re, sys, html
for tu in re.findall(r"<tu .*?</tu>", open(sys.argv[1], encoding="utf-8").read()):
    segs = [html.unescape(s) for s in re.findall(r"<seg>(.*?)</seg>", tu)]
    print(f"{segs[0]}\t{segs[1]}")
PY
is "$(wc -l <expect.tsv)" 300 "300 expected matches"

now_ms() { date +%s%3N; }

writer() { # writer NAME FILES...: import the files one by one until time is up
	local name=$1 t0 rc
	shift
	for f in "$@"; do
		# Time is up once every reader ran each of its operations.
		[ "$(now_ms)" -lt "$stop" ] ||
			{ [ "$(ls reader*.min 2>/dev/null | wc -l)" -lt "$readers" ] &&
			  [ "$(now_ms)" -lt "$hard_stop" ]; } || break
		t0=$(now_ms)
		"$TM" import -q --db tm.db "$f" >/dev/null 2>"$name.err.tmp"
		rc=$?
		if [ "$rc" = 0 ]; then
			echo "OK import $(($(now_ms) - t0)) $f"
		else
			echo "FAIL import $f rc=$rc $(cat "$name.err.tmp")"
		fi
	done >"$name.log"
}

reader() { # reader I: lookups, concordances and exports until time is up
	local i=$1 k=0 t0 line en ko out units
	while [ "$(now_ms)" -lt "$stop" ] ||
		{ [ "$k" -lt 3 ] && [ "$(now_ms)" -lt "$hard_stop" ]; }; do
		k=$((k + 1))
		line=$(sed -n "$(((k * 37 + i * 101) % 300 + 1))p" expect.tsv)
		en=${line%%	*}
		ko=${line#*	}
		ko=${ko//\\/\\\\}     # as JSON writes it
		ko=${ko//\"/\\\"}
		t0=$(now_ms)
		case $(((k + i) % 3)) in
		0)
			out=$("$TM" lookup --json --db tm.db -s en -t ko -n 1 "$en" 2>&1)
			case $out in
			*'"matches":[{"score":100.0,'*"\"target\":\"$ko\""*)
				echo "OK lookup $(($(now_ms) - t0))" ;;
			*) echo "FAIL lookup '$en': $out" ;;
			esac
			;;
		1)
			tag=${en##* }
			out=$("$TM" concord --db tm.db -l en -n 5 "$tag" 2>&1)
			case $out in
			*"$tag"*) echo "OK concord $(($(now_ms) - t0))" ;;
			*) echo "FAIL concord '$tag': $out" ;;
			esac
			;;
		2)
			if "$TM" export -q --db tm.db "r$i.tmx" >"r$i.out" 2>&1; then
				units=$(grep -c '<tu[ >]' "r$i.tmx")
				if [ "$units" -ge 300 ] && [ $(((units - 300) % per)) = 0 ]; then
					echo "OK export $(($(now_ms) - t0)) $units"
				else
					echo "FAIL export: $units units, not whole files"
				fi
			else
				echo "FAIL export: $(cat "r$i.out")"
			fi
			;;
		esac
		# The writers stop once every reader did its three
		# operations (or at the hard stop).
		[ "$k" = 3 ] && : >"reader$i.min"
	done >"reader$i.log"
}

start=$(now_ms)
stop=$((start + seconds * 1000))
# On a slow machine, go on until each reader did its 3 operations.
hard_stop=$((stop + 30000))
pids=()
writer wa wa*.tmx & pids+=($!)
writer wb wb*.tmx & pids+=($!)
for i in $(seq "$readers"); do
	reader "$i" & pids+=($!)
done
wait "${pids[@]}"

imports=$(cat wa.log wb.log | grep -c '^OK import')
is "$(cat wa.log wb.log | grep -v '^OK ')" "" "every import succeeds while the other writer and the readers run"
[ "$(grep -c '^OK' wa.log)" -ge 1 ] && [ "$(grep -c '^OK' wb.log)" -ge 1 ] &&
	pass "both writers imported ($imports files)" ||
	fail "both writers imported" "$(cat wa.log wb.log)"
reads=$(cat reader*.log | grep -c '^OK')
is "$(cat reader*.log | grep -v '^OK ' | head -5)" "" "every read succeeds with the right result while writers import"
for op in lookup concord export; do
	c=$(cat reader*.log | grep -c "^OK $op")
	[ "$c" -ge 1 ] && pass "readers ran $c ${op}s during the writes" ||
		fail "readers ran no $op during the writes"
done
is "$(sqlite3 tm.db 'PRAGMA integrity_check')" ok "the TM is intact"
is "$(sqlite3 tm.db 'SELECT count(*) FROM tu')" $((300 + imports * per)) \
	"the TM holds the base and every imported file"

# Figures for docs/reliability.md: operations and median latency (ms).
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
errors=$(cat wa.log wb.log reader*.log | grep -vc '^OK ')
elapsed_ms=$(($(now_ms) - start))
echo "# ${seconds} s, $readers readers, 2 writers: $imports imports of $per units, $reads reads"
# Throughput over the whole run (it goes on past TM_CONCURRENCY_SECONDS
# until every reader did its three operations).
awk -v ms="$elapsed_ms" -v r="$reads" -v i="$imports" -v e="$errors" -v n="$readers" -v per="$per" 'BEGIN {
	s = ms / 1000
	printf "# throughput: %d readers + 2 writers for %.1f s: %.2f reads/s, %.2f imports/s (%.0f units/s written), errors %d\n", n, s, r / s, i / s, i * per / s, e
}'
for op in import lookup concord export; do
	echo "# $op: $(cat wa.log wb.log reader*.log | grep -c "^OK $op") done, median $(cat wa.log wb.log reader*.log | awk -v op="$op" '$1 == "OK" && $2 == op {print $3}' | median) ms"
done
# a writer waiting for another's lock says so after a second, then goes on
"$TM" import -q --db lockwait.db "$TM_SOURCE_ROOT/samples/sample.tmx"
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(2.5)
c.execute("ROLLBACK")
' lockwait.db lock.held &
holder=$!
while [ ! -f lock.held ]; do sleep 0.05; done
export TM_BUSY_TIMEOUT=20
run tm delete --db lockwait.db --origin nothing-here
wait "$holder"
like "$err" "lockwait.db: waiting for another process's lock on the TM \(up to 20 s" "a writer waiting for a lock says so"
is "$rc" 0 "then goes on once the lock is released"
run tm delete --db lockwait.db --origin nothing-here
unlike "$err" "waiting" "no lock held: no message"
unset TM_BUSY_TIMEOUT
done_testing
