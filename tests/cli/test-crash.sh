# SPDX-License-Identifier: MIT
# Crash safety (docs/reliability.md). `tm import` and `tm align --db` are
# killed with SIGKILL at many points; after each kill the TM must pass
# PRAGMA integrity_check and hold exactly the files (or story pairs) whose
# transaction committed, never a part of one. Then a full disk during
# import and export (RLIMIT_FSIZE, and a small tmpfs when mount works):
# a clear error, the TM unchanged, no TMX left half-written. Last, schema
# versions: newer refused by every command, a failed migration changes
# nothing.
#
# The kill loops run for a bounded time (TM_CRASH_SECONDS, default 8 s
# each), so the number of kill points depends on the machine; each one is
# a TAP line.
. "$(dirname "$0")/lib.sh"
unset TM_DB
command -v sqlite3 >/dev/null || skip_all "sqlite3 CLI missing (scripts/setup installs it)"
src=${TM_SOURCE_ROOT:?}
budget=${TM_CRASH_SECONDS:-8}
RANDOM=6 # the same kill points on every run of one machine's speed

# "name|units|variants" per origin, sorted.
per_origin() {
	sqlite3 "$1" "SELECT origin, count(*), sum(v) FROM
		(SELECT tu.origin AS origin,
		 (SELECT count(*) FROM tuv WHERE tuv.tu_id = tu.id) AS v FROM tu)
		GROUP BY origin ORDER BY origin"
}

# ---- SIGKILL during a large import: 100 files of 500 units (50,000) ----
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 100 500 part ||
	skip_all "cannot generate the TMX files"
pending=(part*.tmx)
complete=()
kills=0
intact=0
end=$((SECONDS + budget))
# At least 3 kill points even on a slow machine, 20 s more at most.
while { [ "$SECONDS" -lt "$end" ] || { [ "$kills" -lt 3 ] &&
	[ "$SECONDS" -lt $((end + 20)) ]; }; } && [ ${#pending[@]} -gt 0 ]; do
	"$TM" import -q --db tm.db "${pending[@]}" >import.out 2>import.err &
	pid=$!
	# 0 to 1.5 s: inside a file's transaction, its commit, a WAL
	# checkpoint, or between two files.
	delay=$(printf '%d.%03d' $((RANDOM % 2)) $((RANDOM % 1000)))
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	what="kill $kills after ${delay} s"
	# One sqlite3 run: integrity, then per origin "name|units|variants",
	# then "headers|N" (a file killed before its schema has no tables).
	sqlite3 tm.db 'PRAGMA integrity_check' \
		"SELECT origin, count(*), sum(v) FROM (SELECT tu.origin AS origin,
		 (SELECT count(*) FROM tuv WHERE tuv.tu_id = tu.id) AS v FROM tu)
		 GROUP BY origin ORDER BY origin" \
		"SELECT 'headers', count(*) FROM origin" >check.out 2>/dev/null
	ic=$(head -n 1 check.out)
	if [ "$ic" != ok ]; then
		fail "$what: integrity_check" "$(cat check.out)"
		break
	fi
	bad=
	now=()
	headers=0
	while IFS='|' read -r origin units variants; do
		case $origin in
		ok) ;;
		headers) headers=$units ;;
		*)
			now+=("$origin")
			[ "$units" = 500 ] && [ "$variants" = 1500 ] ||
				bad="$bad $origin holds $units units, $variants variants;"
			;;
		esac
	done <check.out
	# Every file the tool reported done must be there.
	reported=$(sed -n 's/^imported \([^:]*\):.*/\1/p' import.out)
	missing=$(comm -23 <(printf '%s\n' $reported | sort) \
		<(printf '%s\n' "${now[@]}" | sort) | sed '/^$/d')
	[ -z "$missing" ] || bad="$bad reported imported but absent: $missing;"
	# The whole files are the first ones of the list, in order.
	[ ${#now[@]} = 0 ] ||
		[ "$(printf '%s\n' "${now[@]}")" = "$(printf '%s\n' part*.tmx | head -n ${#now[@]})" ] ||
		bad="$bad not the first files of the list;"
	[ "$headers" = ${#now[@]} ] || bad="$bad $headers headers for ${#now[@]} files;"
	if [ -n "$bad" ]; then
		fail "$what: only whole files" "$bad"
		break
	fi
	intact=$((intact + 1))
	pass "$what: intact, ${#now[@]} whole files, no partial one"
	complete=("${now[@]}")
	pending=()
	k=0
	for f in part*.tmx; do
		k=$((k + 1))
		[ "$k" -gt ${#complete[@]} ] && pending+=("$f")
	done
done
[ "$kills" -ge 3 ] && pass "import killed $kills times, intact $intact times" ||
	fail "import killed $kills times, intact $intact times (want 3 or more kills)"
echo "# import: $kills kill points, ${#complete[@]} of 100 files complete"
import_kills=$kills import_intact=$intact
align_kills=0 align_intact=0
rm -f part*.tmx check.out

# ---- SIGKILL during `tm align --db --batch` ----
if "$TM" align --help 2>/dev/null | grep -q -- '--batch'; then
	: >pairs
	for story in "$src"/samples/*/; do
		s=$(basename "$story")
		for k in 1 2 3 4 5 6 7 8; do
			# A tag per copy keeps the copies' units apart.
			sed "s/.\$/& [$k]/" "$story/en.txt" >"$s-$k-en.txt"
			sed "s/.\$/& [$k]/" "$story/ko.txt" >"$s-$k-ko.txt"
			echo "$s-$k-en.txt $s-$k-ko.txt" >>pairs
		done
	done
	# The reference: the same batch, not interrupted. --no-lexicon: a
	# pair's links must not depend on which pairs the interrupted runs
	# left to do, nor on what the TM held (the lexicon learns from both).
	run tm align -s en -t ko --db ref.db --no-lexicon --batch pairs
	is "$rc" 0 "the reference alignment runs"
	ref=$(per_origin ref.db)
	kills=0
	intact=0
	: >done.list
	end=$((SECONDS + budget))
	while [ "$SECONDS" -lt "$end" ] || { [ "$kills" -lt 3 ] &&
		[ "$SECONDS" -lt $((end + 20)) ]; }; do
		grep -vxFf done.list pairs >todo || true
		if [ ! -s todo ]; then
			# Every pair got stored before enough kills landed (a
			# fast machine): start again on an empty TM.
			[ "$kills" -ge 3 ] && break
			rm -f al.db al.db-wal al.db-shm
			: >done.list
			continue
		fi
		"$TM" align -s en -t ko --db al.db --no-lexicon --batch todo >/dev/null 2>&1 &
		pid=$!
		delay=$(printf '0.%03d' $((RANDOM % 1000)))
		sleep "$delay"
		kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
		wait "$pid" 2>/dev/null
		what="align kill $kills after $delay s"
		ic=$(sqlite3 al.db 'PRAGMA integrity_check' 2>&1)
		if [ "$ic" != ok ]; then
			fail "$what: integrity_check" "$ic"
			break
		fi
		got=$(per_origin al.db 2>/dev/null)
		# Each stored pair holds what the uninterrupted run stored.
		extra=$(comm -23 <(printf '%s\n' "$got" | sed '/^$/d') \
			<(printf '%s\n' "$ref"))
		if [ -n "$extra" ]; then
			fail "$what: only whole pairs" "partial: $extra"
			break
		fi
		intact=$((intact + 1))
		pass "$what: intact, $(printf '%s\n' "$got" | sed '/^$/d' | wc -l) whole pairs"
		printf '%s\n' "$got" | sed '/^$/d' | cut -d'|' -f1 |
			while read -r o; do grep "^$o " pairs; done >done.list
	done
	[ "$kills" -ge 3 ] && pass "align killed $kills times, intact $intact times" ||
		fail "align killed $kills times (want 3 or more)"
	align_kills=$kills align_intact=$intact
else
	echo "# tm align --batch absent: align kills skipped"
fi

# The figure for docs/reliability.md: kill points tried, and after how
# many of them nothing was lost (a loss stops its loop with "not ok").
echo "# kill points: $((import_kills + align_kills)) tried (import $import_kills, align $align_kills), nothing lost after $((import_intact + align_intact))"

# ---- full disk: RLIMIT_FSIZE (write fails with EFBIG) ----
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 2 1500 disk
run tm import -q --db full.db disk00.tmx
is "$rc" 0 "a TM to fill"
before=$(per_origin full.db)
sum_before=$(sqlite3 full.db .dump | md5sum)
# Room for a few pages more than the file: the second import's WAL
# outgrows it.
limit=$(($(stat -c %s full.db) / 1024 + 48))
(ulimit -f "$limit"; trap '' XFSZ; exec "$TM" import -q --db full.db disk01.tmx) \
	>"$work/.out" 2>"$work/.err"
rc=$?
err=$(cat "$work/.err")
is "$rc" 1 "import into a full disk exits 1"
like "$err" '^tm import: error: db: full\.db: cannot commit: write failed \(disk full, file size limit or I/O error\)$' \
	"import into a full disk says so"
is "$(sqlite3 full.db 'PRAGMA integrity_check')" ok "the TM is intact after the full disk"
is "$(sqlite3 full.db .dump | md5sum)" "$sum_before" "the TM is unchanged after the full disk"
is "$(per_origin full.db)" "$before" "the TM holds what it held"

echo '<tmx>previous</tmx>' >keep.tmx
for target in new.tmx keep.tmx; do
	old=$(cat "$target" 2>/dev/null)
	(ulimit -f 64; trap '' XFSZ; exec "$TM" export -q --db full.db "$target") \
		>"$work/.out" 2>"$work/.err"
	rc=$?
	err=$(cat "$work/.err")
	is "$rc" 1 "export to a full disk exits 1 ($target)"
	like "$err" "^tm export: error: $target: .*(File too large|No space left)" \
		"export to a full disk says so ($target)"
	is "$(cat "$target" 2>/dev/null)" "$old" \
		"no half-written TMX under the target name ($target)"
done
leftover=$(ls -A | grep -vE '^(full\.db.*|disk0[01]\.tmx|keep\.tmx|tm\.db.*|ref\.db.*|al\.db.*|.*\.txt|pairs|todo|done\.list|import\.(out|err)|\.out|\.err)$')
is "$leftover" "" "no temporary files left behind"

# ---- full disk: a small tmpfs, when this machine lets us mount one ----
mkdir small
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=$(($(stat -c %s full.db) / 1024 + 512))k tmpfs small 2>/dev/null; then
	trap 'umount "$work/small" 2>/dev/null; rm -rf "$work"' EXIT
	cp full.db small/
	run tm import -q --db small/full.db disk01.tmx
	is "$rc" 1 "import into a full tmpfs exits 1"
	like "$err" '^tm import: error: db: small/full\.db: .*disk is full' \
		"import into a full tmpfs says the disk is full"
	is "$(sqlite3 small/full.db .dump | md5sum)" "$sum_before" \
		"the TM on the full tmpfs is unchanged"
	head -c $(( $(df --output=avail -k small | tail -1) * 1024 - 64 * 1024 )) /dev/zero >small/fill 2>/dev/null
	run tm export -q --db small/full.db small/out.tmx
	is "$rc" 1 "export to a full tmpfs exits 1"
	like "$err" '^tm export: error: small/out\.tmx: .*No space left' \
		"export to a full tmpfs says so"
	is "$(ls small | grep -v '^full\.db' | grep -v '^fill$')" "" \
		"no TMX, whole or half, left on the full tmpfs"
	umount small
else
	echo "# cannot mount a tmpfs here: the tmpfs variant is skipped"
fi

# ---- schema versions ----
"$TM" import -q --db ver.db disk00.tmx >/dev/null 2>&1
sqlite3 ver.db 'PRAGMA user_version = 99'
sum=$(md5sum <ver.db)
for cmd in "import -q --db ver.db disk01.tmx" "export -q --db ver.db v.tmx" \
	"lookup --db ver.db -s en -t ko Seoul" "stats --db ver.db"; do
	set -- $cmd
	"$TM" --help 2>/dev/null | grep -qE "^ +$1 " || continue
	run tm $cmd
	is "$rc" 1 "tm $1 refuses a TM of a newer schema"
	like "$err" "^tm $1: error: db: ver\.db: schema version 99 is newer than this libtm supports \([0-9]+\)\$" \
		"tm $1 says the schema is newer"
done
is "$(md5sum <ver.db)" "$sum" "a TM of a newer schema is left untouched"
[ -e v.tmx ] && fail "no export from a newer schema" || pass "no export from a newer schema"

# An older schema whose migration fails (tables of version 1 in a file
# marked version 0): refused in one transaction, nothing changed.
"$TM" import -q --db old.db disk00.tmx >/dev/null 2>&1
sqlite3 old.db 'PRAGMA user_version = 0'
sum=$(sqlite3 old.db .dump | md5sum)
run tm import -q --db old.db disk01.tmx
is "$rc" 1 "a failed migration fails the command"
like "$err" '^tm import: error: db: old\.db: ' "a failed migration names the TM"
is "$(sqlite3 old.db .dump | md5sum)" "$sum" "a failed migration changes nothing"
is "$(sqlite3 old.db 'PRAGMA user_version')" 0 "a failed migration keeps the version"

# SIGKILL during a new TM's first import, which runs in rollback-journal
# mode (docs/store.md; big enough for SQLite to spill pages into the file
# before the commit): the journal left behind is rolled back by the
# next open, even a read-only one (tm stats), and the TM is empty.
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 1 60000 first >/dev/null
# A kill counts when it leaves a hot journal: one that a read-only
# connection cannot read past (what tm stats met before it rolled such a
# journal back itself).
journal=no
for delay in 1.5 2.2 1.1 2.8 1.8 0.8; do
	rm -f first.db first.db-*
	"$TM" import -q --db first.db first00.tmx >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	sqlite3 -readonly first.db 'SELECT count(*) FROM sqlite_master' \
		>/dev/null 2>&1 ||
		{ journal=yes; break; }
done
if [ "$journal" = yes ]; then
	run tm stats --db first.db
	is "$rc" 0 "a read-only command opens a new TM whose first import was killed"
	like "$out" 'units +0' "...and finds it empty"
	[ -e first.db-journal ] && fail "...and the journal is rolled back" ||
		pass "...and the journal is rolled back"
	is "$(sqlite3 first.db 'PRAGMA integrity_check')" ok \
		"...and the TM is intact"
	run tm import -q --db first.db first00.tmx
	is "$rc" 0 "the import then succeeds"
	is "$(sqlite3 first.db 'PRAGMA journal_mode')" wal "...and the TM is in WAL mode"
else
	pass "# SKIP no kill left a hot journal"
fi
done_testing
