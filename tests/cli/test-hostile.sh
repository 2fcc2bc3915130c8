# SPDX-License-Identifier: MIT
# Hostile input (docs/reliability.md, "Hostile input"): each family of
# issue #21 regenerated at a CI-friendly size. Every case must end in
# bounded time (and memory, outside ASan) with exit 0, or with exit 1 or
# 2 and a one-line message, and must leave the TM as it was: integrity
# check, unit count and an export compared byte for byte. Device nodes
# are made here (a FIFO, a character device when root), never the
# system's /dev entries. The larger run: tests/bench/bench-hostile.sh.
. "$(dirname "$0")/lib.sh"
unset TM_DB
src=${TM_SOURCE_ROOT:?}

# ASan reserves terabytes of address space: ulimit -v cannot bound it.
asan=false
if [ -n "${ASAN_OPTIONS:-}" ] || grep -q __asan_init "$TM" 2>/dev/null; then
	asan=true
fi
T=10 # seconds per case (the CI's --timeout-multiplier 3 covers ASan)
$asan && T=30
MEM=$((512 * 1024)) # KiB

# bounded LABEL CMD...: run with the time and memory bounds, stdin empty;
# sets $out, $err, $rc; a timeout is a failure of its own.
bounded() {
	local label=$1
	shift
	[ "$1" = tm ] && set -- "$TM" "${@:2}"
	if $asan; then
		timeout -s KILL "$T" "$@" </dev/null >"$work/.out" 2>"$work/.err"
	else
		(ulimit -v "$MEM"; exec timeout -s KILL "$T" "$@") \
			</dev/null >"$work/.out" 2>"$work/.err"
	fi
	rc=$?
	out=$(cat "$work/.out")
	err=$(cat "$work/.err")
	[ "$rc" -eq 137 ] && fail "$label: ended within $T s" || true
}
# one_line_error LABEL CODE PATTERN: exit CODE, one line on stderr
one_line_error() {
	is "$rc" "$2" "$1: exit $2"
	is "$(printf '%s\n' "$err" | grep -c .)" 1 "$1: one line on stderr"
	like "$err" "$3" "$1: says why"
}

# The TM every case must leave as it was.
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 1 50 base >/dev/null
run tm import -q --db tm.db base00.tmx
is "$rc" 0 "a TM to protect"
"$TM" export -q --db tm.db tm-before.tmx
units_before=$(grep -c '<tu[ >]' tm-before.tmx)
# unchanged LABEL [DB]: the TM passes the integrity check, has its units
# and exports to the same bytes as before
unchanged() {
	local db=${2:-tm.db}
	if command -v sqlite3 >/dev/null; then
		is "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)" ok \
			"$1: integrity_check ok"
	fi
	rm -f check.tmx
	"$TM" export -q --db "$db" check.tmx 2>/dev/null
	if cmp -s tm-before.tmx check.tmx; then
		pass "$1: the TM exports as before ($units_before units)"
	else
		fail "$1: the TM exports as before ($units_before units)"
	fi
}

# ---- 1. export onto the TM itself ---------------------------------------
ln -s tm.db link.db
ln tm.db hard.db
for o in tm.db ./tm.db "$work/tm.db" link.db hard.db tm.db-wal tm.db-shm \
	tm.db-journal; do
	bounded "export to $o" tm export -q --db tm.db "$o"
	one_line_error "export to $o" 1 "is the TM itself"
	unchanged "export to $o"
done
bounded "export through the symlinked TM to the TM" \
	tm export -q --db link.db tm.db
one_line_error "export through a symlinked TM" 1 "is the TM itself"
rm -f link.db hard.db
unchanged "after the export refusals"
[ ! -e tm.db-journal ] && pass "no tm.db-journal made" ||
	fail "no tm.db-journal made"

# ---- 2. a TMX that cannot be converted from its declared encoding --------
# ENC BAD NAME: a TMX in ENC whose second unit holds the bytes BAD
mk_enc() {
	python3 - "$@" <<'PY'
import sys
enc, bad, name = sys.argv[1], bytes.fromhex(sys.argv[2]), sys.argv[3]
head = ('<?xml version="1.0" encoding="%s"?>\n<tmx version="1.4"><header '
        'creationtool="t" creationtoolversion="1" segtype="sentence" '
        'o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n'
        % enc)
tu = ('<tu><tuv xml:lang="en"><seg>%s</seg></tuv>'
      '<tuv xml:lang="ko"><seg>%s</seg></tuv></tu>\n')
data = (head + tu % ('one', '一')).encode(enc)
data += (tu % ('two', 'BAD')).encode(enc).replace(b'BAD', bad)
data += (tu % ('three', '三') + '</body></tmx>\n').encode(enc)
open(name, 'wb').write(data)
PY
}
mk_enc EUC-KR ff41 euc-kr.tmx
mk_enc ISO-2022-JP 8f iso-2022-jp.tmx
for f in euc-kr iso-2022-jp; do
	for k in "" --keep-going; do
		bounded "import $f $k" tm import -q $k --db tm.db $f.tmx
		one_line_error "import $f.tmx $k" 1 \
			"^tm import: error: $f\.tmx:4:[0-9]+: cannot convert from"
		unchanged "import $f.tmx $k"
	done
done
bounded "import euc-kr into a new TM" tm import -q --db new.db euc-kr.tmx
is "$rc" 1 "import euc-kr.tmx into a new TM: exit 1"
run tm stats --db new.db
unlike "$out" "units +[1-9]" "import euc-kr.tmx: no unit of it stored"
rm -f new.db*

# ---- 3. export to special files, umask, SIGXFSZ --------------------------
mkfifo fifo
timeout 20 cat fifo >from-fifo.tmx &
reader=$!
bounded "export to a FIFO" tm export -q --db tm.db fifo
is "$rc" 0 "export to a FIFO: exit 0"
wait "$reader"
[ -p fifo ] && pass "the FIFO is still a FIFO" || fail "the FIFO is still a FIFO"
cmp -s from-fifo.tmx tm-before.tmx && pass "the export came through the FIFO" ||
	fail "the export came through the FIFO"
# character devices made here (mknod needs root and a mount without nodev)
if mknod null-dev c 1 3 2>/dev/null && mknod full-dev c 1 7 2>/dev/null &&
	echo x >null-dev 2>/dev/null; then
	bounded "export to a null device" tm export -q --db tm.db null-dev
	is "$rc" 0 "export to a null device: exit 0"
	[ -c null-dev ] && pass "the null device is still a device" ||
		fail "the null device is still a device"
	bounded "export to a full device" tm export -q --db tm.db full-dev
	one_line_error "export to a full device" 1 "full-dev: write failed: No space left"
	[ -c full-dev ] && pass "the full device is still a device" ||
		fail "the full device is still a device"
else
	pass "# SKIP character devices: mknod not possible here"
fi
rm -f null-dev full-dev
ls ./*.tmp-* >/dev/null 2>&1 && fail "no .tmp-* file left" || pass "no .tmp-* file left"
mkdir adir
bounded "export to a directory" tm export -q --db tm.db adir
one_line_error "export to a directory" 1 "adir: is a directory"
(umask 027 && "$TM" export -q --db tm.db mode.tmx)
is "$(stat -c %a mode.tmx)" 640 "a new export honours the umask (027: 640)"
chmod 600 mode.tmx
"$TM" export -q --db tm.db mode.tmx
is "$(stat -c %a mode.tmx)" 600 "an export over a file keeps its mode"
ln -s mode.tmx mode-link.tmx
"$TM" export -q --db tm.db mode-link.tmx
[ -L mode-link.tmx ] && pass "an export through a symlink keeps the link" ||
	fail "an export through a symlink keeps the link"
# past the file-size limit: EFBIG, not SIGXFSZ (-shm takes 32 KB)
python3 "$src/tests/cli/gen-tmx.py" "$src/samples" . 1 300 fsz >/dev/null
"$TM" import -q --db fsz.db fsz00.tmx
(ulimit -f 48 && exec "$TM" export -q --db fsz.db fsz.tmx) >"$work/.out" 2>"$work/.err"
rc=$?
err=$(cat "$work/.err")
one_line_error "export past ulimit -f" 1 "fsz.tmx: write failed: File too large"
ls ./fsz.tmx* >/dev/null 2>&1 && fail "past ulimit -f: no file left" ||
	pass "past ulimit -f: no file left"
unchanged "after the special files"

# ---- 4. a crafted TM file -------------------------------------------------
# set_version DB BYTES: header bytes 60-63 (PRAGMA user_version)
set_version() {
	printf "$2" | dd of="$1" bs=1 seek=60 conv=notrunc status=none
}
for v in '\377\377\377\377' '\200\0\0\0' '\0\0\0\144'; do
	cp tm.db v.db
	set_version v.db "$v"
	for c in "import -q --db v.db base00.tmx" \
		"add --db v.db -s en -t ko one 하나" \
		"lookup --db v.db -s en -t ko one" "stats --db v.db"; do
		bounded "version $v: $c" tm $c
		one_line_error "user_version $v: tm ${c%% *}" 1 \
			"schema version -?[0-9]+ is (not a version of libtm|newer)"
	done
	unlike "$err" "open it for writing" "user_version $v: no advice to migrate"
	rm -f v.db*
done
if command -v sqlite3 >/dev/null; then
	cp tm.db m.db
	sqlite3 m.db "UPDATE tm_ix_meta SET v = 9223372036854775807 WHERE k = 'seg'"
	bounded "segment counter at INT64_MAX" tm add --db m.db -s en -t ko \
		"Hostile counter test" "적대적 카운터 시험"
	is "$rc" 0 "a tampered segment counter: the index is rebuilt, add works"
	run tm lookup --db m.db -s en -t ko "Hostile counter test"
	like "$out" "^100" "a tampered segment counter: the unit is found"
	cp tm.db p.db
	sqlite3 p.db "UPDATE tm_ix_post SET ids = x'ffffffff'"
	q=$(grep -o '<seg>[^<]*</seg>' tm-before.tmx | sed -n 1p | sed 's/<[^>]*>//g')
	bounded "damaged posting lists" tm lookup --db p.db -s en -t ko "$q"
	one_line_error "damaged posting lists" 1 "damaged posting list"
	# the advice works: without its version, a writing open rebuilds it
	sqlite3 p.db "DELETE FROM tm_ix_meta WHERE k = 'version'"
	run tm add --db p.db -s en -t ko "Hostile rebuild test" "적대적 재구축 시험"
	is "$rc" 0 "damaged posting lists: the advised rebuild works"
	# a fuzzy query: the exact match goes through the key index, this
	# one through the candidate index only
	qf=${q% *}
	expect=$("$TM" lookup --db tm.db -s en -t ko -n 3 "$qf")
	like "$expect" "^[0-9]" "a fuzzy query with matches: $qf"
	run tm lookup --db p.db -s en -t ko -n 3 "$qf"
	is "$out" "$expect" "damaged posting lists, rebuilt: the same matches"
	# a count changed: ids would be lost without a word
	cp tm.db n.db
	sqlite3 n.db "UPDATE tm_ix_post SET n = n + 1"
	bounded "tampered list counts" tm lookup --db n.db -s en -t ko "$qf"
	one_line_error "tampered list counts" 1 \
		"n\.db: a damaged posting list in the index \(tm_ix_post\); to rebuild the index"
	# rows of the index deleted (a third of them, then every English
	# term): lookups lost their matches without a word. The count kept
	# in tm_ix_meta tells: a read-only open builds a temporary index (the
	# file unchanged), a writing one rebuilds it in the file.
	for del in "rowid % 3 = 0" "term LIKE 'en:%'"; do
		cp tm.db ix.db
		sqlite3 ix.db "DELETE FROM tm_ix_post WHERE $del"
		sum=$(md5sum <ix.db)
		bounded "index rows deleted ($del): lookup" \
			tm lookup --db ix.db -s en -t ko -n 3 "$qf"
		is "$rc:$out" "0:$expect" "index rows deleted ($del): the same matches"
		is "$(md5sum <ix.db)" "$sum" "index rows deleted ($del): a read-only lookup leaves the file"
		bounded "index rows deleted ($del): concord" tm concord --db ix.db -l en "${qf%% *}"
		is "$out" "$("$TM" concord --db tm.db -l en "${qf%% *}")" \
			"index rows deleted ($del): the same concordance"
		bounded "index rows deleted ($del): add" tm add --db ix.db -s en -t ko \
			"Hostile index test" "적대적 색인 시험"
		is "$rc" 0 "index rows deleted ($del): add works"
		is "$(sqlite3 ix.db "SELECT (SELECT v FROM tm_ix_meta WHERE k = 'rows') = (SELECT count(*) FROM tm_ix_post)")" 1 \
			"index rows deleted ($del): rebuilt in the file by the writing open"
		run tm lookup --db ix.db -s en -t ko -n 3 "$qf"
		is "$out" "$expect" "index rows deleted ($del): the same matches after the rebuild"
	done
	# the count itself tampered: rebuilt likewise
	cp tm.db ix.db
	sqlite3 ix.db "UPDATE tm_ix_meta SET v = v + 1 WHERE k = 'rows'"
	bounded "index row count tampered" tm lookup --db ix.db -s en -t ko -n 3 "$qf"
	is "$rc:$out" "0:$expect" "index row count tampered: the same matches"
	rm -f m.db* p.db* n.db* ix.db*
fi
unchanged "after the crafted TM files"

# ---- 10. a TM or an input that is not a regular file ---------------------
mkfifo db-fifo
for c in "import -q --db db-fifo base00.tmx" "lookup --db db-fifo -s en -t ko one" \
	"add --db db-fifo -s en -t ko one 하나" "export -q --db db-fifo x.tmx"; do
	bounded "--db a FIFO: $c" tm $c
	one_line_error "--db a FIFO: tm ${c%% *}" 1 "db-fifo: not a regular file"
done
if mknod db-null c 1 3 2>/dev/null && echo x >db-null 2>/dev/null; then
	bounded "--db a null device" tm import -q --db db-null base00.tmx
	one_line_error "--db a null device" 1 "db-null: not a regular file"
	[ -e db-null-journal ] && fail "--db a null device: no -journal beside it" ||
		pass "--db a null device: no -journal beside it"
	rm -f db-null*
fi
mkdir db-dir
bounded "--db a directory" tm lookup --db db-dir -s en -t ko one
one_line_error "--db a directory" 1 "db-dir: is a directory"
rm -f db-fifo*
# a TMX through a FIFO is read like stdin (the magic bytes are not lost)
mkfifo tmx-fifo
timeout 20 cat base00.tmx >tmx-fifo &
bounded "import from a FIFO" tm import -q --db fifo.db tmx-fifo
is "$rc" 0 "import from a FIFO: exit 0"
run tm export -q --db fifo.db fifo.tmx
cmp -s fifo.tmx tm-before.tmx && pass "import from a FIFO: every unit" ||
	fail "import from a FIFO: every unit"
rm -f tmx-fifo fifo.db*

# ---- 8. output cut short -------------------------------------------------
printf 'Привет\0 мир\n' >nul-ru.txt
run_in nul-ru.txt tm translit -l ru
is "$rc" 0 "translit of a line with a NUL: exit 0"
is "$(od -An -c "$work/.out" | tr -s ' ')" " P r i v e t \0 m i r \n" \
	"translit of a line with a NUL: every word, the NUL kept"
q=$(grep -o '<seg>[^<]*</seg>' tm-before.tmx | sed -n 1p | sed 's/<[^>]*>//g')
printf '%s\0 tail\n%s\n' "$q" "$q" >nul-query.txt
run_in nul-query.txt tm lookup --db tm.db -s en -t ko
is "$rc" 3 "lookup of a query with a NUL: exit 3 (some lines failed)"
like "$err" "<stdin>:1: a NUL byte in the query" "lookup: the NUL query is refused"
is "$(printf '%s\n' "$out" | grep -c '^100')" 1 "lookup: the next query is answered"
if ! $asan; then
	# a line bigger than the memory allowed: an error, never exit 0
	for c in "translit -l ru" "lookup --db tm.db -s en -t ko"; do
		(ulimit -v 262144
		 head -c 400000000 /dev/zero | tr '\0' a | exec timeout -s KILL "$T" "$TM" $c) \
			>/dev/null 2>"$work/.err"
		rc=$?
		err=$(cat "$work/.err")
		one_line_error "unbounded line into tm ${c%% *}" 1 "out of memory"
	done
fi

# ---- 11. containers, names and numbers -----------------------------------
if command -v zip >/dev/null && command -v gzip >/dev/null; then
	cp base00.tmx c.tmx
	zip -q -0 stored.zip c.tmx
	python3 - <<'PY'
b = bytearray(open('stored.zip', 'rb').read())
i = b.find(b'<seg>', 600)
b[i + 5] ^= 1  # one bit of the text: the XML stays well-formed
open('stored-bad.zip', 'wb').write(b)
PY
	bounded "a stored zip entry with a bad CRC" tm import -q --db tm.db stored-bad.zip
	one_line_error "a zip entry with a bad CRC" 1 "stored-bad\.zip.*damaged zip entry: CRC-32"
	gzip -c base00.tmx >c.tmx.gz
	head -c $(($(stat -c %s c.tmx.gz) / 2)) c.tmx.gz >cut.tmx.gz
	bounded "a truncated gzip file" tm import -q --db tm.db cut.tmx.gz
	one_line_error "a truncated gzip file" 1 "cut\.tmx\.gz:[0-9]+:[0-9]+: truncated gzip file"
	head -c $(($(stat -c %s stored.zip) / 2)) stored.zip >cut.zip
	bounded "a truncated zip file" tm import -q --db tm.db cut.zip
	one_line_error "a truncated zip file" 1 "cut\.zip: zip archive without a central directory"
	unchanged "after the damaged containers"
	rm -f c.tmx* stored*.zip cut.*
fi
bad_name=$(printf 'bad\377\376name.tmx')
cp base00.tmx "$bad_name"
bounded "a file name in invalid UTF-8" tm import -q --db tm.db "$bad_name"
one_line_error "a file name in invalid UTF-8" 1 'bad\\xFF\\xFEname\.tmx: the file name is not valid UTF-8'
rm -f "$bad_name"
unchanged "after the invalid file name"
for a in "--min-score nan" "--min-score inf" "--min-score 1e999" "-n 4294967297" \
	"-n -4294967295"; do
	bounded "lookup $a" tm lookup --db tm.db -s en -t ko $a query
	is "$rc" 2 "lookup $a: usage error (exit 2)"
	like "$err" "^tm lookup: error: --(min-score|max): expected" "lookup $a: says why"
done
bounded "concord -n 4294967297" tm concord --db tm.db -l en -n 4294967297 query
is "$rc" 2 "concord -n 4294967297: usage error (exit 2)"

# ---- 5, 6. hostile SRX files ----------------------------------------------
printf 'Hello there. More text here.\n' >srx-in.txt
python3 - <<'PY'
head = ('<?xml version="1.0"?>\n%s<srx version="2.0" '
        'xmlns="http://www.lisa.org/srx20"><header cascade="yes"/><body>'
        '<languagerules><languagerule languagerulename="x">\n'
        '<rule break="yes"><beforebreak>%s</beforebreak><afterbreak>'
        '%s</afterbreak></rule></languagerule></languagerules><maprules>'
        '<languagemap languagepattern=".*" languagerulename="x"/>'
        '</maprules></body></srx>\n')
ents = '<!ENTITY a0 "ha">\n' + ''.join(
    '<!ENTITY a%d "%s">\n' % (i, ('&a%d;' % (i - 1)) * 10) for i in range(1, 10))
open('laughs.srx', 'w').write(head % ('<!DOCTYPE srx [\n' + ents + ']>\n',
                                      '&a9;', '\\s'))
open('ext.srx', 'w').write(head % (
    '<!DOCTYPE srx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n', '&x;', ''))
deep = '<a>' * 300 + '</a>' * 300
open('deep.srx', 'w').write((head % ('', '\\.', '')).replace(
    '<header', deep + '<header', 1))
open('evil.srx', 'w').write(head % ('', '(a+)+$', ''))
open('evil.txt', 'w').write('a' * 41 + 'b\n')
PY
for f in laughs ext; do
	bounded "SRX $f" tm segment -l en --srx $f.srx srx-in.txt
	one_line_error "SRX $f" 1 "$f\.srx:[0-9]+:[0-9]+: a DTD \(<!DOCTYPE>\) is not allowed in SRX"
done
bounded "SRX nested 300 deep" tm segment -l en --srx deep.srx srx-in.txt
one_line_error "SRX nested 300 deep" 1 "deep\.srx:[0-9]+:[0-9]+: .*(depth|nesting)"
head -c 5000000 /dev/zero | tr '\0' ' ' >big.srx
bounded "SRX of 5 MB" tm segment -l en --srx big.srx srx-in.txt
one_line_error "SRX of 5 MB" 1 "big\.srx: [0-9]+ bytes, more than an SRX file may have"
bounded "a catastrophic SRX rule" tm segment -l en --srx evil.srx evil.txt
one_line_error "a catastrophic SRX rule" 1 \
	"evil\.srx:3:1: the <rule> takes too long on a text of [0-9]+ characters"
rm -f ./*.srx evil.txt

# ---- 7. quadratic units ---------------------------------------------------
python3 - <<'PY'
head = ('<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
        'srclang="en" datatype="plaintext"/><body>\n')
ok = ('<tu><tuv xml:lang="en"><seg>fine</seg></tuv>'
      '<tuv xml:lang="ko"><seg>좋다</seg></tuv></tu>\n')
tuvs = ''.join('<tuv xml:lang="en"><seg>t %d</seg></tuv>' % i
               for i in range(20000))
open('many-tuv.tmx', 'w').write(head + '<tu>' + tuvs + '</tu>\n' + ok +
                                '</body></tmx>\n')
attrs = ' '.join('x%d="v"' % i for i in range(50000))
open('many-attr.tmx', 'w').write(head + '<tu ' + attrs + '>' + ok[4:] +
                                 '</body></tmx>\n')
# a quote in a comment must not hide the tag after it
attrs = ' '.join("x%d='v'" % i for i in range(50000))
open('hidden-attr.tmx', 'w').write(head + '<!-- <a " -->\n<tu ' + attrs +
                                   '>' + ok[4:] + '</body></tmx>\n')
# comments and CDATA full of '=' are not tags
eq = '<a ' + '= ' * 3000
open('eq.tmx', 'w').write(head + '<!-- ' + eq + ' -->\n<tu><tuv xml:lang="en">'
                          '<seg><![CDATA[' + eq + ']]></seg></tuv><tuv '
                          'xml:lang="ko"><seg>b</seg></tuv></tu></body></tmx>\n')
PY
bounded "a <tu> with 20,000 <tuv>" tm import -q --db tm.db many-tuv.tmx
one_line_error "a <tu> with 20,000 <tuv>" 1 "many-tuv\.tmx:3:[0-9]+: a <tu> with more than 4096 <tuv>"
unchanged "a <tu> with 20,000 <tuv>"
bounded "a <tu> with 20,000 <tuv>, --keep-going" tm import -q --keep-going --db kg.db many-tuv.tmx
is "$rc" 3 "a <tu> with 20,000 <tuv>, --keep-going: the unit skipped (exit 3)"
run tm stats --db kg.db
like "$out" "units +1" "a <tu> with 20,000 <tuv>, --keep-going: the next unit stored"
rm -f kg.db*
bounded "an element with 50,000 attributes" tm import -q --keep-going --db tm.db many-attr.tmx
one_line_error "an element with 50,000 attributes" 1 \
	"many-attr\.tmx:3:1: an element with more than 1024 attributes"
unchanged "an element with 50,000 attributes"
bounded "50,000 attributes after a quote in a comment" tm import -q --db tm.db hidden-attr.tmx
one_line_error "50,000 attributes after a quote in a comment" 1 \
	"hidden-attr\.tmx:4:1: an element with more than 1024 attributes"
bounded "a comment and CDATA full of =" tm import -q --db eq.db eq.tmx
is "$rc" 0 "a comment and CDATA full of '=' import"
rm -f eq.db*
rm -f many-*.tmx

# ---- 9. memory per input byte ----------------------------------------------
python3 - <<'PY'
head = ('<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
        'srclang="en" datatype="plaintext"/><body>\n')
words = 'market rate bank 서울 рынок alpha beta gamma '.split(' ')
text = ' '.join(words[i % 8] for i in range(300000))  # about 2 MB
def tmx(seg):
    return (head + '<tu><tuv xml:lang="en"><seg>' + seg + '</seg></tuv>'
            '<tuv xml:lang="ko"><seg>b</seg></tuv></tu></body></tmx>\n')
open('seg-2m.tmx', 'w').write(tmx(text))
open('seg-900k.tmx', 'w').write(tmx(text[:700000]))  # 0.9 MB of UTF-8
# 5 MB of two-word sentences: the most segments per byte
open('dense.txt', 'w').write('Ab cd. ' * 750000 + '\n')
PY
bounded "a 2 MB <seg>" tm import -q --db tm.db seg-2m.tmx
one_line_error "a 2 MB <seg>" 1 "seg-2m\.tmx:3:[0-9]+: <seg> longer than 1048576 bytes"
unchanged "a 2 MB <seg>"
if ! $asan; then
	MEM=$((512 * 1024))
	bounded "a 900 KB <seg> within 512 MB" tm import -q --db seg.db seg-900k.tmx
	is "$rc" 0 "a 900 KB <seg> imports within 512 MB"
	# 0.85 MB of eight words: 20 times is 17 MB, plus the program (100 MB
	# of address space: ICU data, the index's thread); it took 125 MB of
	# RSS when the postings table was grown for every term occurrence
	rm -f seg.db*
	MEM=$((17 * 1024 + 100 * 1024))
	bounded "a 900 KB <seg> within 20x + 100 MB" tm import -q --db seg.db seg-900k.tmx
	is "$rc" 0 "a 900 KB <seg> of few words imports within 20x + 100 MB"
	# 5 MB in: 20 times is 100 MB, plus the program (ICU data, threads)
	MEM=$((100 * 1024 + 96 * 1024))
	bounded "5 MB of short sentences as JSON" tm segment -l en --format json dense.txt
	is "$rc" 0 "5 MB of short sentences segment as JSON within 20x + 96 MB"
	bounded "5 MB of short sentences as lines" tm segment -l en dense.txt
	is "$rc" 0 "5 MB of short sentences segment as lines within 20x + 96 MB"
	MEM=$((512 * 1024))
fi
# a paragraph over 4 MB drops its working copies once its breaks are
# known (segment.c, release_work()): the next is made with new ones
python3 -c "p = 'Ab cd. ' * 600000; open('two-para.txt', 'w').write(p + '\n\n' + p.replace('Ab', 'Ef') + '\n')"
bounded "two paragraphs of 4.2 MB" tm segment -l en two-para.txt
is "$rc" 0 "two paragraphs of 4.2 MB segment"
is "$(printf '%s\n' "$out" | sort | uniq -c | sed 's/^ *//')" \
	"$(printf '1 \n600000 Ab cd.\n600000 Ef cd.')" \
	"two paragraphs of 4.2 MB: every sentence of each, a blank line between"
rm -f two-para.txt
# Segments near the 1 MB limit made to cost the index the most per byte:
# distinct English words (two terms each), distinct Korean words
# (syllables, syllable pairs, a key), Korean without a space, single
# letters (a token every two bytes). Each distinct term took a 64-byte
# slot of the postings table at half load: 90 MB for 0.77 MB of English,
# 150 MB for 1 MB of Korean. The measure is the peak RSS above the
# program's own (an import of one small unit), at most 20 times the file.
python3 - <<'PY'
import random
random.seed(21)
head = ('<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
        'srclang="en" datatype="plaintext"/><body>\n')
def tmx(name, lang, seg):
    open(name, 'w').write(
        head + '<tu><tuv xml:lang="en"><seg>small before</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="%s"><seg>%s</seg></tuv><tuv xml:lang="ko"><seg>'
        '시장 b</seg></tuv></tu>\n<tu><tuv xml:lang="en"><seg>small after '
        'market</seg></tuv></tu></body></tmx>\n' % (lang, seg))
def fill(word, sep=' ', limit=990000):
    out, n = [], 0
    while n < limit:
        w = word()
        out.append(w)
        n += len((w + sep).encode())
    return sep.join(out)
al = 'abcdefghijklmnopqrstuvwxyz'
tmx('words-en.tmx', 'en', fill(lambda: ''.join(
    random.choice(al) for _ in range(random.randint(4, 9)))))
hangul = lambda: chr(random.randint(0xAC00, 0xD7A3))
tmx('words-ko.tmx', 'ko', fill(lambda: ''.join(
    hangul() for _ in range(random.randint(2, 4)))))
tmx('ko-nospace.tmx', 'ko', fill(hangul, ''))
tmx('letters.tmx', 'en', fill(lambda: random.choice(al)))
tmx('small.tmx', 'en', 'market')
PY
if ! $asan && [ -x /usr/bin/time ]; then
	# peak_kb CMD...: the peak RSS of CMD in KiB (its exit in $rc);
	# without meson's MALLOC_PERTURB_, which writes every byte malloc()
	# gives (untouched capacity, calloc()ed tables) and so counts it
	peak_kb() {
		env -u MALLOC_PERTURB_ /usr/bin/time -f '%M' -o "$work/.rss" \
			"$@" >/dev/null 2>&1
		rc=$?
		tail -1 "$work/.rss"
	}
	rm -f seg.db*
	base_kb=$(peak_kb "$TM" import -q --db seg.db small.tmx)
	for f in words-en words-ko ko-nospace letters; do
		rm -f seg.db*
		kb=$(peak_kb timeout -s KILL "$T" "$TM" import -q --db seg.db $f.tmx)
		is "$rc" 0 "$f.tmx ($(($(stat -c %s $f.tmx) / 1024)) KB in one <seg>) imports"
		size_kb=$(($(stat -c %s $f.tmx) / 1024))
		if [ $((kb - base_kb)) -le $((20 * size_kb)) ]; then
			pass "$f.tmx: $((kb - base_kb)) KB above the program's $base_kb KB, at most 20x its $size_kb KB"
		else
			fail "$f.tmx: $((kb - base_kb)) KB above the program's $base_kb KB, at most 20x its $size_kb KB"
		fi
	done
	# what the long segment is found by: its index rows, and the small
	# units' around it (written in segments of their own)
	word=$(grep -o '<seg>[a-z ]*</seg>' words-en.tmx | sed -n 2p | cut -d' ' -f5000)
	run tm import -q --db seg2.db words-en.tmx
	run tm concord --db seg2.db -l en "$word"
	like "$out" "$word" "a word of the long segment is found ($word)"
	run tm concord --db seg2.db -l en small
	is "$(printf '%s\n' "$out" | grep -c small)" 2 "the small units around it are found"
	rm -f seg2.db*
else
	pass "# SKIP peak RSS: ASan, or no /usr/bin/time"
fi
rm -f seg-*.tmx dense.txt seg.db* words-*.tmx ko-nospace.tmx letters.tmx small.tmx

# ---- 12. non-translations at scale -------------------------------------------
# 10,000 sentences against their translation read backwards: the translation
# check refuses the pair before the full programme (exit 1, its score), and
# --force aligns it in one bounded band (it took 13 s and 122 MB, widening).
if shared_data && python3 "$src/tests/bench/make-align-pair.py" --pair en-ru \
	-n 10000 --out al >/dev/null 2>&1; then
	tac al/ru.txt >al/ru-rev.txt
	bounded "10,000 sentences against an unrelated document" \
		tm align -s en -t ru al/en.txt al/ru-rev.txt
	one_line_error "10,000 sentences against an unrelated document" 1 \
		"al/en\.txt and al/ru-rev\.txt: not a translation of each other \(document score 0\.[0-9]+, [0-9]+ and [0-9]+ sentences\); nothing aligned \(--force aligns it\)"
	is "$out" "" "10,000 sentences against an unrelated document: no links"
	bounded "10,000 unrelated sentences, --force" \
		tm align --force -s en -t ru al/en.txt al/ru-rev.txt
	is "$rc" 0 "10,000 unrelated sentences, --force: aligned"
	like "$err" "document score 0\.[0-9]+: probably not a translation" \
		"10,000 unrelated sentences, --force: the warning"
	is "$(printf '%s\n' "$out" | grep -cvE ':0\.(0[0-9]|1[01])$')" 0 \
		"10,000 unrelated sentences, --force: every link at the document's score"
	# the first 1,000 of each: below the refusal's size, a warning
	head -1000 al/en.txt >al/en-1k.txt
	head -1000 al/ru-rev.txt >al/ru-1k.txt
	bounded "1,000 unrelated sentences" \
		tm align -s en -t ru al/en-1k.txt al/ru-1k.txt
	is "$rc" 0 "1,000 unrelated sentences: aligned (below the refusal's size)"
	like "$err" "probably not a translation" "1,000 unrelated sentences: the warning"
	rm -rf al
else
	echo "# 12: TM_SHARED_DATA absent, the alignment cases skipped"
fi

done_testing
