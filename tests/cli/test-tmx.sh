# SPDX-License-Identifier: MIT
# tm import / tm export on the fixtures of tests/data/tmx: messages with
# positions, one transaction per file, keep-going, containers, hostile
# input, deterministic and valid export, round trips.
. "$(dirname "$0")/lib.sh"
data=$TM_SOURCE_ROOT/tests/data/tmx
cp "$data"/*.tmx "$work/"
dtd=
if shared_data && [ -f "$TM_SHARED_DATA/tmx/dtd/tmx14.dtd" ]; then
	dtd=$TM_SHARED_DATA/tmx/dtd/tmx14.dtd
fi
have_xmllint() { command -v xmllint >/dev/null && [ -n "$dtd" ]; }

# count units by exporting them
units() { "$TM" export --db "$1" - -q | grep -c '<tu[ >]'; }

run tm import --db a.db inline.tmx
is "$rc" 0 "import exits 0"
like "$err" '^imported inline.tmx: 3 added, 0 merged, 0 skipped in [0-9.]+ s$' \
	"summary line"
is "$out" "" "nothing on stdout"

run tm import --db a.db bad-lang.tmx
is "$rc" 1 "a bad unit fails the file"
is "$err" "tm import: error: bad-lang.tmx:11:7: <tuv> lacks xml:lang" \
	"error names file:line:column"
is "$(units a.db)" 3 "a failed import changes nothing"

run tm import --db new.db bad-lang.tmx
is "$rc" 1 "a failed import into a new TM fails"
[ -e new.db ] && fail "a failed import into a new TM leaves no TM behind" ||
	pass "a failed import into a new TM leaves no TM behind"
run tm import --db new.db inline.tmx bad-lang.tmx
is "$rc" 1 "a second file failing fails the command"
is "$(units new.db)" 3 "...and the first file's units stay in the new TM"

run tm import --db a.db --keep-going bad-lang.tmx
is "$rc" 3 "--keep-going exits 3"
like "$err" 'tm import: warning: bad-lang.tmx:11:7: <tuv> lacks xml:lang; unit skipped' \
	"--keep-going lists the skipped unit with its line"
like "$err" 'imported bad-lang.tmx: 2 added, 0 merged, 0 skipped, 1 rejected' \
	"--keep-going summary"
is "$(units a.db)" 5 "--keep-going stores the good units"

run tm import --db t.db truncated.tmx
is "$rc" 1 "broken XML fails"
is "$err" "tm import: error: truncated.tmx:15:10: Opening and ending tag mismatch: tuv line 14 and tu" \
	"XML error with position"
run tm import --db t.db --keep-going truncated.tmx
is "$rc" 3 "broken XML with --keep-going is partial"
like "$err" 'imported truncated.tmx: 2 added' "units before the break are kept"

for f in xxe billion-laughs; do
	run tm import --db h.db $f.tmx
	is "$rc" 1 "$f refused"
	like "$err" "^tm import: error: $f.tmx:3:[0-9]+: entity declaration '[a-z0-9]+' refused" \
		"$f: clear message"
done
run tm import --db h.db deep-nesting.tmx
is "$rc" 1 "deep nesting refused"
like "$err" 'deep-nesting.tmx:5:[0-9]+: elements nested deeper than 256' \
	"deep nesting message"
run tm import --db h.db xxe.tmx --keep-going
is "$rc" 1 "--keep-going does not pass hostile markup"
unlike "$(cat h.db* 2>/dev/null | tr -d '\0' | grep -a root: || true)" 'root:' \
	"no external entity was read"

# containers
gzip -c inline.tmx >inline.tmx.gz
run tm import --db gz.db inline.tmx.gz
is "$rc" 0 ".tmx.gz imports"
like "$err" 'imported inline.tmx.gz: 3 added' ".tmx.gz: all units"
if python3 -c 'import zipfile' 2>/dev/null; then
	python3 -c 'import zipfile,sys; z=zipfile.ZipFile("inline.zip","w",zipfile.ZIP_DEFLATED); z.write("inline.tmx","dir/inline.tmx"); z.writestr("readme.txt","x"); z.close()'
	run tm import --db zip.db inline.zip
	is "$rc" 0 ".zip imports"
	like "$err" 'imported inline.zip: 3 added' ".zip: the single .tmx entry"
	python3 -c 'import zipfile; z=zipfile.ZipFile("two.zip","w"); z.write("inline.tmx","a.tmx"); z.write("inline.tmx","b.tmx"); z.close()'
	run tm import --db zip.db two.zip
	is "$rc" 1 "a zip with two .tmx entries fails"
	is "$err" "tm import: error: two.zip: the zip archive holds 2 .tmx entries, expected one" \
		"zip message"
fi

# encodings (the memoQ UTF-16 pitfall and a wrong label)
for f in utf16le-bom utf16be-nobom utf8-labelled-utf16; do
	run tm import --db enc-$f.db $f.tmx
	is "$rc" 0 "$f imports"
	"$TM" export --db enc-$f.db enc-$f.out.tmx -q
done
"$TM" export --db gz.db ref.out.tmx -q
for f in utf16le-bom utf16be-nobom utf8-labelled-utf16; do
	if cmp -s ref.out.tmx enc-$f.out.tmx; then pass "$f: same units as UTF-8"
	else fail "$f: same units as UTF-8"; fi
done
run tm import --db enc2.db utf8-labelled-utf16.tmx
like "$err" "warning: utf8-labelled-utf16.tmx:1:1: declared encoding 'utf-16' does not match the bytes; read as UTF-8" \
	"wrong encoding label: warning"
run tm import --db enc3.db --quiet utf8-labelled-utf16.tmx
unlike "$err" "warning" "--quiet silences warnings"
like "$err" "^imported utf8-labelled-utf16.tmx" "--quiet keeps the summary"

# invalid UTF-8: one line naming file:line:column, exit 1, nothing added;
# also an overlong form in CDATA, which libxml2 lets through (fuzz-tmx)
"$TM" import --db bad8.db -q inline.tmx
bad_utf8() { # NAME SEG MESSAGE
	printf '<?xml version="1.0" encoding="utf-16"?>\n<tmx version="1.4"><header/><body>\n<tu><tuv xml:lang="en"><seg>%b</seg></tuv></tu>\n</body></tmx>\n' \
		"$2" >"bad8-$1.tmx"
	run tm import --db bad8.db --quiet "bad8-$1.tmx"
	is "$rc" 1 "invalid UTF-8 ($1): exit 1"
	is "$err" "tm import: error: bad8-$1.tmx:$3" \
		"invalid UTF-8 ($1): one line with file:line:column"
	is "$(units bad8.db)" 3 "invalid UTF-8 ($1): nothing added"
}
bad_utf8 cdata '<![CDATA[a\0300\0270b]]>' \
	'3:39: invalid UTF-8 (bytes 0xC0 0xB8 0x62)'
bad_utf8 text 'a\0300\0270b' \
	'3:30: Input is not proper UTF-8, indicate encoding ! Bytes: 0xC0 0xB8 0x62 0x3C'

gzip -c inline.tmx >stdin.gz
run_in stdin.gz tm import --db in.db -
is "$rc" 0 "gzip on stdin imports"
like "$err" '^imported <stdin>: 3 added' "stdin summary"
run tm export --db in.db - --origin stdin
like "$out" 'tuid="inline"' "stdin units have origin 'stdin'"

# pitfalls: srclang case, *all*, mixed lang/xml:lang, emoji, controls
run tm import --db p.db pitfalls.tmx
is "$rc" 0 "pitfalls import"
like "$err" 'pitfalls.tmx:11:7: the file mixes lang and xml:lang' "mixed lang warns"
run tm export --db p.db - -s en -t ru
like "$out" 'srclang="en"' "-s sets srclang"
like "$out" '<tuv xml:lang="ru-RU">' "lang= read and exported as xml:lang"
like "$out" 'Line<ph type="x-libtm-ctrl">0B</ph>break' "control character as ph"
unlike "$out" 'xml:lang="ko"' "-t keeps only the asked variants"
run tm export --db p.db - -s en
like "$out" 'srclang="en"' "-s alone sets srclang"
like "$out" '<tuv xml:lang="ru-RU">' "-s alone writes every language of the units (not only the source's)"
run tm export --db p.db - --level1
like "$out" '<seg>Linebreak</seg>' "--level1 drops control characters"
like "$out" '📖 Read the 👨‍👩‍👧 story' "emoji and ZWJ sequences kept"
run tm import --db all.db inline.tmx
run tm export --db all.db -
like "$out" 'srclang="\*all\*"' "srclang *all* kept"

# export: valid, deterministic, atomic
run tm export --db a.db out1.tmx
is "$rc" 0 "export exits 0"
like "$err" '^exported 5 units to out1.tmx in' "export summary"
"$TM" export --db a.db out2.tmx -q
if cmp -s out1.tmx out2.tmx; then pass "export is deterministic"
else fail "export is deterministic"; fi
run tm export --db a.db -
is "$out" "$(cat out1.tmx)" "'-' writes to stdout"
if have_xmllint; then
	run xmllint --noout --nonet --dtdvalid "$dtd" out1.tmx
	is "$rc" 0 "export validates against tmx14.dtd"
	"$TM" export --db a.db lvl1.tmx --level1 -q
	run xmllint --noout --nonet --dtdvalid "$dtd" lvl1.tmx
	is "$rc" 0 "--level1 export validates"
	"$TM" export --db p.db ctl.tmx -q
	run xmllint --noout --nonet --dtdvalid "$dtd" ctl.tmx
	is "$rc" 0 "export with control characters validates"
fi
mkdir ro && chmod 555 ro
if [ "$(id -u)" != 0 ]; then
	run tm export --db a.db ro/x.tmx
	is "$rc" 1 "unwritable directory fails"
fi
printf 'old\n' >keep.tmx
run tm export --db missing.db keep.tmx
is "$rc" 1 "missing TM fails"
is "$(cat keep.tmx)" "old" "a failed export leaves the target untouched"
is "$(ls | grep -c 'tmp-')" 0 "no temporary file left"

# round trip: import -> export -> import -> export gives the same bytes
run tm import --db rt.db out1.tmx
"$TM" export --db rt.db out3.tmx -q
if cmp -s out1.tmx out3.tmx; then pass "round trip is byte for byte"
else fail "round trip is byte for byte" "$(diff out1.tmx out3.tmx | head)"; fi

# comments, note/prop order, xml:space and the original header survive
# import -> export -> import (test-tmx checks them field by field); the
# export stays valid TMX 1.4b
run tm import --db ex.db "$data/roundtrip.tmx"
"$TM" export --db ex.db ex1.tmx -q
like "$(cat ex1.tmx)" '<!-- inside tu -->' "comments are exported"
like "$(cat ex1.tmx)" '<seg>저장<!-- ko --><[?]pi-ko[?]></seg>' \
	"comments and PIs in a seg are exported"
like "$(tail -1 ex1.tmx)" '^<!-- after the root -->$' \
	"comments after the root are exported"
like "$(cat ex1.tmx)" '<prop type="x-enc" o-encoding="base64">YmFzZTY0</prop>' \
	"the o-encoding of a prop is exported"
like "$(cat ex1.tmx)" 'x-original-creationtool">RoundTool<' \
	"the original creationtool is exported as a prop"
# merge_tmx FILE BODY: a TMX 1.4 file of the units BODY
merge_tmx() {
	printf '%s\n%s\n<body>%s</body></tmx>\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		'<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>' \
		"$2" >"$1"
}
# a merged duplicate brings its props and notes with their o-encoding
# and the comments inside them
merge_tmx m1.tmx '<tu><note o-encoding="UTF-8">first</note><prop type="x-a">one</prop><prop type="x-z">z</prop><tuv xml:lang="en"><seg>Merge me</seg></tuv><tuv xml:lang="ko"><seg>합쳐</seg></tuv></tu>'
merge_tmx m2.tmx '<tu><note o-encoding="UTF-8">a <!-- c -->note</note><prop type="x-enc" o-encoding="base64">YmFzZTY0</prop><prop type="x-a">one</prop><tuv xml:lang="en"><seg>Merge me</seg></tuv><tuv xml:lang="ko"><seg>합쳐</seg></tuv></tu>'
run tm import --db merge.db m1.tmx m2.tmx
like "$err" 'imported m2.tmx: 0 added, 1 merged' "the second unit is merged"
"$TM" export --db merge.db merged.tmx -q
like "$(cat merged.tmx)" '<prop type="x-enc" o-encoding="base64">YmFzZTY0</prop>' \
	"a merge keeps the o-encoding of the prop it brings"
like "$(cat merged.tmx)" '<note o-encoding="UTF-8">a <!-- c -->note</note>' \
	"a merge keeps the o-encoding and comments of the note it brings"
like "$(cat merged.tmx)" '<note o-encoding="UTF-8">first</note>' \
	"...and those of the stored unit's own"
is "$(grep -c '<prop type="x-a">one</prop>' merged.tmx)" 1 \
	"a prop both units have is kept once"
# a prop or note both units have: the new unit adds the o-encoding and
# comments the stored one lacks; where both have one, the stored stands
merge_tmx m3.tmx '<tu><note o-encoding="UTF-8">same</note><prop type="x-b">Yg==</prop><tuv xml:lang="en"><seg>Both</seg></tuv><tuv xml:lang="ko"><seg>둘</seg></tuv></tu>'
merge_tmx m4.tmx '<tu><note o-encoding="latin1">sa<!-- c -->me</note><prop type="x-b" o-encoding="base64">Yg==</prop><tuv xml:lang="en"><seg>Both</seg></tuv><tuv xml:lang="ko"><seg>둘</seg></tuv></tu>'
run tm import --db merge2.db m3.tmx m4.tmx
like "$err" 'imported m4.tmx: 0 added, 1 merged' "the unit with the same prop and note is merged"
"$TM" export --db merge2.db merged2.tmx -q
like "$(cat merged2.tmx)" '<prop type="x-b" o-encoding="base64">Yg==</prop>' \
	"a merge adds the o-encoding of a prop both units have"
like "$(cat merged2.tmx)" '<note o-encoding="UTF-8">sa<!-- c -->me</note>' \
	"a merge adds the comment of a note both have; the stored o-encoding stands"
is "$(grep -c '<note' merged2.tmx)" 1 "the note both units have is kept once"

if have_xmllint; then
	run xmllint --noout --nonet --dtdvalid "$dtd" ex1.tmx
	is "$rc" 0 "export with comments and kept order validates"
fi
run tm import --db ex2.db ex1.tmx
"$TM" export --db ex2.db ex2.tmx -q
if cmp -s ex1.tmx ex2.tmx; then pass "comments and order: round trip is byte for byte"
else fail "comments and order: round trip is byte for byte" "$(diff ex1.tmx ex2.tmx | head)"; fi

# --since and --origin
run tm export --db a.db - --since 2999-01-01
unlike "$out" '<tu[ >]' "--since in the future exports nothing"
run tm export --db a.db - --since yesterday
is "$rc" 2 "bad --since is a usage error"
run tm export --db a.db - --origin inline.tmx
is "$(printf '%s\n' "$out" | grep -c '<tu[ >]')" 3 "--origin selects a file's units"

# duplicates
run tm import --db d.db inline.tmx
run tm import --db d.db inline.tmx
like "$err" 'imported inline.tmx: 0 added, 3 merged' "re-import merges"
run tm import --db d.db --duplicates=keep inline.tmx
like "$err" 'imported inline.tmx: 3 added' "--duplicates=keep adds"
run tm import --db d.db --dup=keep inline.tmx
like "$err" 'imported inline.tmx: 3 added' "--dup, the older name, is the same option"
run tm import --db d.db --duplicates=bogus inline.tmx
is "$rc:$err" "2:tm import: error: --duplicates: unknown mode 'bogus' (merge, keep or skip-newer)
Try 'tm import --help'." "bad --duplicates is a usage error, worded as tm add's"

# JSON
run tm import --db j.db --json inline.tmx bad-lang.tmx
is "$rc" 1 "one failed file makes exit 1"
like "$out" '"format": ?1' "JSON has format 1"
like "$out" '"error": ?"bad-lang.tmx:11:7: <tuv> lacks xml:lang"' "JSON error"
like "$out" '"added": ?3' "JSON counts"

# progress on a terminal only, and not with --quiet
{
	echo '<tmx version="1.4"><header/><body>'
	for i in $(seq 2500); do
		echo "<tu><tuv xml:lang=\"en\"><seg>unit $i</seg></tuv></tu>"
	done
	echo '</body></tmx>'
} >many.tmx
if command -v script >/dev/null; then
	script -qc "$TM import --db pr.db many.tmx" /dev/null >pr.out 2>&1
	like "$(tr '\r' '\n' <pr.out)" '^importing many.tmx: [0-9]+ TUs, [0-9]+ TUs/s, [0-9]+%' \
		"progress on a terminal"
	script -qc "$TM import --db pr2.db --quiet many.tmx" /dev/null >pr.out 2>&1
	unlike "$(cat pr.out)" 'importing many' "--quiet: no progress"
fi
run tm import --db pr3.db many.tmx
unlike "$err" 'importing many' "no progress when stderr is not a terminal"
like "$err" 'imported many.tmx: 2500 added' "summary without a terminal"

run tm import --db x.db
is "$rc" 2 "no file is a usage error"
run tm import --db x.db no-such.tmx
is "$rc" 1 "missing file fails"
like "$err" "^tm import: error: no-such.tmx: No such file or directory" \
	"missing file message"

# a file that is not XML at all is "not a TMX file", in the user's words
printf 'The bank cut its rate.\nБанк снизил ставку.\n' >story.txt
run tm import --db nt.db story.txt
is "$rc:$err" "1:tm import: error: story.txt:1:1: not a TMX file (no XML element)" "a plain-text file is not a TMX file (not libxml2's 'Document is empty')"
printf '  \n\n' >blank.txt
run tm import --db nt.db blank.txt
like "$err" "not a TMX file \(no XML element\)$" "a file of white space alone is not a TMX file either"
left=$(ls nt.db nt.db-wal nt.db-shm nt.db-journal 2>/dev/null)
is "$left" "" "a TM the failed import created is removed with its side files (tm_db_remove)"
printf 'kept\n' >kept.db
run tm import --db kept.db story.txt
is "$rc:$(cat kept.db)" "1:kept" "a file that was there before is never removed"

done_testing
