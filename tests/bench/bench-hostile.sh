#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue #21's hostile inputs at the sizes they were reported with (the
# test, tests/cli/test-hostile.sh, runs them smaller). Not a meson test;
# run by hand:
#   tests/bench/bench-hostile.sh [BUILD_DIR]        (default build)
# (ALIGN_N sets the size of the alignment case, default 100000; it needs
# $TM_SHARED_DATA, default ../shared/data)
# Prints, for each case, the exit status, the wall time and the peak RSS
# (/usr/bin/time), and the first line of what it said. Every case should
# end within 10 s and 512 MB, or with a one-line error.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
tm=$(realpath "${1:-$root/build}")/tools/tm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

case_() {
	local label=$1
	shift
	/usr/bin/time -f 'T %e %M' -o time.txt timeout -s KILL 600 "$@" \
		>out.txt 2>err.txt </dev/null
	local rc=$? t m x
	read -r x t m < <(grep '^T ' time.txt) || { t=?; m=0; }
	[ "$rc" -eq 137 ] && t='>600'
	printf '%-44s exit %3s  %7s s  %6d MB  %s\n' "$label" "$rc" "$t" \
		$((m / 1024)) "$(grep -v '^Command' err.txt | head -1 | cut -c1-90)"
}

python3 - <<'PY'
head = ('<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
        'srclang="en" datatype="plaintext"/><body>\n')
ok = ('<tu><tuv xml:lang="en"><seg>fine</seg></tuv>'
      '<tuv xml:lang="ko"><seg>좋다</seg></tuv></tu>\n')
end = '</body></tmx>\n'
tuvs = ''.join('<tuv xml:lang="en"><seg>t %d</seg></tuv>' % i
               for i in range(200000))
open('tuv-200k.tmx', 'w').write(head + '<tu>' + tuvs + '</tu>\n' + ok + end)
attrs = ' '.join('x%d="v"' % i for i in range(200000))
open('attr-200k.tmx', 'w').write(head + '<tu ' + attrs + '>' + ok[4:] + end)
words = 'market rate bank 서울 рынок alpha beta gamma'.split(' ')
seg = ' '.join(words[i % 8] for i in range(1500000))  # about 10 MB
open('seg-850k.tmx', 'w').write(head + '<tu><tuv xml:lang="en"><seg>' +  # 0.85 MB
                                seg[:700000] + '</seg></tuv></tu>' + end)
open('seg-10m.tmx', 'w').write(head + '<tu><tuv xml:lang="en"><seg>' + seg +
                               '</seg></tuv></tu>' + end)
open('line-50m.txt', 'w').write('Ab cd. ' * 7500000 + '\n')
import random
random.seed(21)
def one_seg(name, lang, text):
    open(name, 'w').write(head + '<tu><tuv xml:lang="%s"><seg>%s</seg></tuv>'
                          '</tu>' % (lang, text) + end)
def fill(word, sep=' ', limit=990000):
    out, n = [], 0
    while n < limit:
        w = word()
        out.append(w)
        n += len((w + sep).encode())
    return sep.join(out)
al = 'abcdefghijklmnopqrstuvwxyz'
one_seg('words-en.tmx', 'en', fill(lambda: ''.join(
    random.choice(al) for _ in range(random.randint(4, 9)))))
hangul = lambda: chr(random.randint(0xAC00, 0xD7A3))
one_seg('words-ko.tmx', 'ko', fill(lambda: ''.join(
    hangul() for _ in range(random.randint(2, 4)))))
one_seg('small.tmx', 'en', 'market')
units = ''.join('<tu><tuv xml:lang="en"><seg>unit %d</seg></tuv><tuv '
                'xml:lang="ko"><seg>단위 %d</seg></tuv></tu>\n' % (i, i)
                for i in range(100000))
data = ('<?xml version="1.0" encoding="EUC-KR"?>' + head[21:]).encode('euc-kr')
data += units.encode('euc-kr') + b'<tu><tuv xml:lang="ko"><seg>\xff\x41</seg>'
data += b'</tuv></tu>' + units.encode('euc-kr') + end.encode()
open('euc-kr-200k.tmx', 'wb').write(data)
open('units-100k.tmx', 'w').write(head + units + end)
srx = ('<?xml version="1.0"?>\n%s<srx version="2.0" '
       'xmlns="http://www.lisa.org/srx20"><header cascade="yes"/><body>'
       '<languagerules><languagerule languagerulename="x">\n<rule '
       'break="yes"><beforebreak>%s</beforebreak><afterbreak>%s'
       '</afterbreak></rule></languagerule></languagerules><maprules>'
       '<languagemap languagepattern=".*" languagerulename="x"/>'
       '</maprules></body></srx>\n')
ents = '<!ENTITY a0 "ha">\n' + ''.join(
    '<!ENTITY a%d "%s">\n' % (i, ('&a%d;' % (i - 1)) * 10) for i in range(1, 10))
open('laughs.srx', 'w').write(srx % ('<!DOCTYPE srx [\n' + ents + ']>\n',
                                     '&a9;', '\\s'))
open('evil.srx', 'w').write(srx % ('', '(a+)+$', ''))
open('evil.txt', 'w').write('a' * 41 + 'b\n')
open('nul.txt', 'wb').write('Привет\0 мир\n'.encode())
PY

echo "# $tm, load average $(cut -d' ' -f1 /proc/loadavg), $(nproc) cores"
"$tm" import -q --db tm.db euc-kr-200k.tmx 2>/dev/null
cp "$(dirname "$0")/../../samples/sample.tmx" s.tmx 2>/dev/null ||
	cp "$root/samples/sample.tmx" s.tmx
"$tm" import -q --db tm.db s.tmx 2>/dev/null
case_ "1 export -d tm.db tm.db" "$tm" export -q --db tm.db tm.db
case_ "2 EUC-KR, bad byte in unit 100,001" "$tm" import -q --db tm.db euc-kr-200k.tmx
mkfifo fifo
case_ "10 --db a FIFO" "$tm" import -q --db fifo s.tmx
case_ "8 translit of a line with a NUL" "$tm" translit -l ru nul.txt
# 4: a third of the index rows of a 100,000-unit TM deleted: the row
# count kept in tm_ix_meta tells at open; a read-only lookup builds a
# temporary index, a writing command rebuilds it in the file
"$tm" import -q --db ix.db units-100k.tmx
sqlite3 ix.db "DELETE FROM tm_ix_post WHERE rowid % 3 = 0"
case_ "4 index rows deleted: lookup (read-only)" "$tm" lookup --db ix.db -s en -t ko "unit 5 and more"
case_ "4 index rows deleted: add (rebuilds)" "$tm" add --db ix.db -s en -t ko "unit x" "단위 x"
case_ "4 ... then a lookup" "$tm" lookup --db ix.db -s en -t ko "unit 5 and more"
case_ "5 billion-laughs SRX" "$tm" segment -l en --srx laughs.srx evil.txt
case_ "6 (a+)+\$ on 42 characters" "$tm" segment -l en --srx evil.srx evil.txt
case_ "7 a <tu> with 200,000 <tuv>" "$tm" import -q --db t7.db tuv-200k.tmx
case_ "7 ... with --keep-going" "$tm" import -q --keep-going --db t7.db tuv-200k.tmx
case_ "7 an element with 200,000 attributes" "$tm" import -q --db t7.db attr-200k.tmx
case_ "9 a 10 MB <seg>" "$tm" import -q --db t9.db seg-10m.tmx
case_ "9 a 0.85 MB <seg>" "$tm" import -q --db t9b.db seg-850k.tmx
case_ "9 (an import of one small unit)" "$tm" import -q --db t9s.db small.tmx
case_ "9 0.97 MB of distinct English words" "$tm" import -q --db t9e.db words-en.tmx
case_ "9 0.97 MB of distinct Korean words" "$tm" import -q --db t9k.db words-ko.tmx
case_ "9 segment 50 MB of short sentences" "$tm" segment -l en line-50m.txt
case_ "9 ... --format json" "$tm" segment -l en --format json line-50m.txt
# 12: a document against an unrelated one (its own translation reversed),
# when the parallel corpora are there (make-align-pair.py)
data=${TM_SHARED_DATA:-$root/../shared/data}
if [ -f "$data/SOURCES.md" ] &&
	TM_SHARED_DATA=$data python3 "$root/tests/bench/make-align-pair.py" \
		--pair en-ru -n "${ALIGN_N:-100000}" --out al >/dev/null 2>&1; then
	tac al/ru.txt >al/ru-rev.txt
	case_ "12 align $(wc -l <al/en.txt) sentences, reversed" "$tm" align \
		-s en -t ru al/en.txt al/ru-rev.txt
	case_ "12 ... --force" "$tm" align --force -s en -t ru al/en.txt al/ru-rev.txt
	case_ "12 ... the real translation" "$tm" align -s en -t ru al/en.txt al/ru.txt
fi
