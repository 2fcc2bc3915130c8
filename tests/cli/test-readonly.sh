# SPDX-License-Identifier: MIT
# A TM that cannot be written (docs/reliability.md): a read-only bind
# mount, a read-only directory, a read-only file. Lookups, concordances,
# exports and stats still work (a WAL TM in a read-only directory is
# opened immutable, as its -shm file cannot be created); writes fail with
# a clear message and change nothing. Root ignores file permissions, so
# as root the permission cases run as user nobody (setpriv), and the
# mount case needs mount to work; each case skips when it cannot be set up.
. "$(dirname "$0")/lib.sh"
unset TM_DB
src=${TM_SOURCE_ROOT:?}
q='Daon Semiconductor wins US$300 mln AI memory deal from U.S. cloud firm [base0.0]'

python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 1 300 base
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 1 10 more
run tm import -q --db tm.db base00.tmx
is "$rc" 0 "a TM to protect"
[ -e tm.db-wal ] && fail "the TM was closed cleanly (no -wal left)" ||
	pass "the TM was closed cleanly (no -wal left)"

# check LABEL PREFIX TM: the reads work, the writes fail, nothing changes.
# PREFIX runs tm (empty, or setpriv as nobody).
check() {
	local label=$1 as=$2 db=$3 sum
	sum=$(md5sum <"$db")
	$as "$TM" lookup --db "$db" -s en -t ko -n 1 "$q" >"$work/.out" 2>"$work/.err"
	is "$?:$(cut -f1 "$work/.out")" "0:100.00" "$label: lookup finds the exact match"
	$as "$TM" concord --db "$db" -l en -n 1 "[base0.16]" >"$work/.out" 2>"$work/.err"
	like "$?:$(cat "$work/.out")" '^0:.*base0\.16' "$label: concord works"
	rm -f "$out_dir/x.tmx"
	$as "$TM" export -q --db "$db" "$out_dir/x.tmx" >"$work/.out" 2>"$work/.err"
	is "$?:$(grep -c '<tu[ >]' "$out_dir/x.tmx" 2>/dev/null)" "0:300" "$label: export works"
	$as "$TM" stats --db "$db" >"$work/.out" 2>"$work/.err"
	is "$?:$(grep -cE '^units +300$' "$work/.out")" "0:1" "$label: stats works"
	$as "$TM" import -q --db "$db" more00.tmx >"$work/.out" 2>"$work/.err"
	is "$?" 1 "$label: import fails"
	like "$(cat "$work/.err")" "^tm import: error: db: .*: (the translation memory is read-only|.*readonly.*)\$" \
		"$label: import says the TM is read-only"
	$as "$TM" add --db "$db" -s en -t ko a 나 >"$work/.out" 2>"$work/.err"
	is "$?" 1 "$label: add fails"
	like "$(cat "$work/.err")" "^tm add: error: db: .*read-only" "$label: add says the TM is read-only"
	is "$(md5sum <"$db")" "$sum" "$label: the TM is unchanged"
}
out_dir=$work/out
mkdir "$out_dir"

# 1. A read-only bind mount (root only).
mkdir ro
if [ "$(id -u)" = 0 ] && mount --bind "$work" ro 2>/dev/null; then
	trap 'umount "$work/ro" 2>/dev/null; rm -rf "$work"' EXIT
	if mount -o remount,bind,ro ro 2>/dev/null; then
		check "read-only mount" "" ro/tm.db
		is "$(ls ro | grep -c 'tm\.db-')" 0 "read-only mount: no -wal or -shm appears"
	else
		echo "# cannot remount read-only: mount case skipped"
	fi
	umount ro
else
	echo "# cannot bind-mount here: mount case skipped"
fi

# 2. and 3. Permissions: as nobody when root, else as ourselves.
as=
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null &&
		setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
		as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	else
		echo "# setpriv cannot switch to nobody: permission cases skipped"
		as=skip
	fi
fi
if [ "$as" != skip ]; then
	chmod 755 "$work"
	chmod 777 "$out_dir"
	# A read-only directory holding a read-only file.
	mkdir rodir
	cp tm.db rodir/
	chmod 444 rodir/tm.db
	chmod 555 rodir
	check "read-only directory" "$as" rodir/tm.db
	is "$(ls rodir | grep -c 'tm\.db-')" 0 "read-only directory: no -wal or -shm appears"
	# A read-only file in a writable directory.
	mkdir rofile
	cp tm.db rofile/
	chmod 444 rofile/tm.db
	chmod 777 rofile
	check "read-only file" "$as" rofile/tm.db
	chmod 755 rodir rofile
fi

# 4. A TM whose index an older libtm wrote (its version is not this
# one's), opened read-only: the lookups build an index of their own in
# temporary tables; the file is left as it was.
mkdir old
cp tm.db old/
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE tm_ix_meta SET v = ? WHERE k = ?", ("0", "version"))
c.commit()' old/tm.db
sum=$(md5sum <old/tm.db)
TM_DB_READONLY=1 "$TM" lookup --db old/tm.db -s en -t ko -n 1 "$q" >"$work/.out" 2>"$work/.err"
is "$?:$(cut -f1 "$work/.out")" "0:100.00" "older index, read-only: lookup finds the exact match"
TM_DB_READONLY=1 "$TM" lookup --db old/tm.db -s en -t ko -n 1 "${q%\[*}" >"$work/.out" 2>"$work/.err"
like "$?:$(cut -f1 "$work/.out")" '^0:[0-9]' "older index, read-only: a fuzzy lookup finds a match"
TM_DB_READONLY=1 "$TM" concord --db old/tm.db -l en -n 1 "[base0.16]" >"$work/.out" 2>"$work/.err"
like "$?:$(cat "$work/.out")" '^0:.*base0\.16' "older index, read-only: concord works"
is "$(md5sum <old/tm.db)" "$sum" "older index, read-only: the TM is unchanged"
run "$TM" import -q --db old/tm.db more00.tmx
is "$rc" 0 "older index: a writing command rebuilds it in the file"
is "$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT v FROM tm_ix_meta WHERE k = ?", ("version",)).fetchone()[0])' old/tm.db)" \
	"$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT v FROM tm_ix_meta WHERE k = ?", ("version",)).fetchone()[0])' tm.db)" \
	"older index: the rebuilt index has this libtm's version"
done_testing
