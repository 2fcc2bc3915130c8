# SPDX-License-Identifier: MIT
# `tm segment`: formats, paragraphs, furniture kinds, errors and exit codes.
. "$(dirname "$0")/lib.sh"

printf 'Hello World. My name is Jonas.\nIt was a cold\nnight.\n\nMr. Smith came.\n' >story.txt
run tm segment -l en story.txt
is "$rc" 0 "segment exits 0"
is "$out" "Hello World.
My name is Jonas.
It was a cold night.

Mr. Smith came." "one sentence a line, a blank line between paragraphs"

run_in story.txt tm segment -l en
is "$out" "Hello World.
My name is Jonas.
It was a cold night.

Mr. Smith came." "reads standard input without FILE"

run tm segment -l en --format json story.txt
is "$rc" 0 "json exits 0"
like "$out" '^\{"format":1,"language":"en","files":\[\{"file":"story.txt","segments":\[' "json header"
like "$out" '\{"text":"Mr. Smith came.","paragraph":1,"offset":53,"kind":"sentence"\}' "json segment with paragraph, offset, kind"
if command -v python3 >/dev/null; then
	count=$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["files"][0]["segments"]))')
	is "$count" 4 "json parses and has 4 segments"
fi
# the segments are written by hand, escaped as jansson escapes (its
# dump of the whole document took 150 bytes a segment, each object six
# times the CPU of the lines format)
printf 'He said "hi" \\ back\\slash. Ctl \001\037\177 / end.\n' >esc.txt
run tm segment -l en -f json esc.txt
like "$out" '"text":"He said \\"hi\\" \\\\ back\\\\slash\."' "json: quotes and backslashes escaped"
like "$out" '"text":"Ctl \\u0001\\u001F'"$(printf '\177')"' / end\."' "json: control characters as \\u00XX, DEL and / as they are"
if command -v python3 >/dev/null; then
	is "$(printf '%s' "$out" | python3 -c 'import json,sys; print("|".join(repr(s["text"]) for s in json.load(sys.stdin)["files"][0]["segments"]))')" \
		"'He said \"hi\" \\\\ back\\\\slash.'|'Ctl \\x01\\x1f\\x7f / end.'" "json: the texts parse back"
fi
run tm segment -l en --format json story.txt
json_out=$out
run tm segment -l en -j story.txt
is "$out" "$json_out" "-j is --format json"
printf '<srx version="2.0"/>' >empty.srx
run tm segment -l en --presegmented --srx empty.srx story.txt
is "$rc" 2 "--presegmented with --srx is a usage error (the rules would do nothing)"

printf 'Seoul rail link reopens\n\nSEOUL, Nov. 27 (Yonhap) -- The line reopens. It is new.\n\n\xe2\x96\xb6 Related news\n(END)\n' >wire.txt
run tm segment -l en -f json wire.txt
like "$out" '"text":"Seoul rail link reopens","paragraph":0,"offset":0,"kind":"headline"' "headline kind"
like "$out" '"text":"SEOUL, Nov. 27 \(Yonhap\) --","paragraph":1,"offset":25,"kind":"dateline"' "dateline kept apart"
like "$out" '"text":"The line reopens.","paragraph":1,"offset":52,"kind":"sentence"' "first sentence after the dateline"
like "$out" '"kind":"marker"' "marker kind"

cat >ko.txt <<'TXT'
(서울=연합뉴스) 김철수 기자 = 정부가 "회의는 끝났다."라고 밝혔다. 시장은 3.5% 올랐다.
<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>
TXT
run tm segment -l ko ko.txt
is "$out" '(서울=연합뉴스) 김철수 기자 =
정부가 "회의는 끝났다."라고 밝혔다.
시장은 3.5% 올랐다.
<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>' "Korean byline, quotation, number, credit"
run tm segment -l ko -f json ko.txt
like "$out" '"kind":"byline"' "Korean byline kind"
like "$out" '"kind":"credit"' "Korean credit kind"

cat >ru.txt <<'TXT'
МОСКВА, 27 ноя — РИА Новости. В 2020 г. В. В. Путин сказал: «Нет!» — и ушёл.
TXT
run tm segment -l ru ru.txt
is "$out" 'МОСКВА, 27 ноя — РИА Новости.
В 2020 г. В. В. Путин сказал: «Нет!» — и ушёл.' "Russian dateline, abbreviations, initials, direct speech"

# Two files: a blank line between them.
printf 'One.\n' >a.txt
printf 'Two.\n' >b.txt
run tm segment -l en a.txt b.txt
is "$out" "One.

Two." "files are separated like paragraphs"

# Empty input.
: >empty.txt
run tm segment -l en empty.txt
is "$rc" 0 "empty input exits 0"
is "$out" "" "empty input gives nothing"
run tm segment -l en -f json empty.txt
like "$out" '"segments":\[\]' "empty input gives no segments in json"

# Errors.
printf 'Good text.\nbad \xff here\n' >bad.txt
run tm segment -l en bad.txt
is "$rc" 1 "invalid UTF-8 exits 1"
is "$err" "tm segment: error: bad.txt: invalid UTF-8 at byte 15" "invalid UTF-8 message names file and byte"
run tm segment -l en bad.txt a.txt
is "$rc" 1 "a bad file among good ones exits 1"
is "$out" "One." "the good file is still segmented"

run tm segment -l xx story.txt
is "$rc" 2 "unknown language exits 2"
like "$err" "^tm segment: error: -l: unknown language 'xx'" "unknown language message"
run tm segment story.txt
is "$rc" 2 "missing -l exits 2"
run tm segment -l en --format xml story.txt
is "$rc" 2 "unknown format exits 2"
run tm segment -l en missing.txt
is "$rc" 1 "missing file exits 1"
like "$err" "^tm segment: error: missing.txt: " "missing file message"

# SRX.
printf '<srx>\n<body>\n<languagerules></body></srx>\n' >bad.srx
run tm segment -l en --srx bad.srx story.txt
is "$rc" 1 "malformed SRX exits 1"
like "$err" '^tm segment: error: srx: bad.srx:3:[0-9]+: ' "malformed SRX: file:line:col"
run tm segment -l en --srx nonexistent.srx story.txt
is "$rc" 1 "missing SRX exits 1"
like "$err" '^tm segment: error: srx: nonexistent.srx: ' "missing SRX message"
cat >rules.srx <<'SRX'
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="yes"/>
<body><languagerules>
<languagerule languagerulename="en"><rule break="no"><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule></languagerule>
<languagerule languagerulename="all"><rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule></languagerule>
</languagerules><maprules>
<languagemap languagepattern="en.*" languagerulename="en"/>
<languagemap languagepattern=".*" languagerulename="all"/>
</maprules></body></srx>
SRX
printf 'Mr. Smith came. He sat.\n' >srx-in.txt
run tm segment -l en --srx rules.srx srx-in.txt
is "$out" "Mr. Smith came.
He sat." "SRX rules decide the breaks"
if shared_data; then
	run tm segment -l en --srx "$TM_SHARED_DATA/segmentation/srx/okapi_default_icu4j.srx" srx-in.txt
	is "$out" "Mr. Smith came.
He sat." "Okapi's SRX file with ICU breaks"
	run tm segment -l ko --srx "$TM_SHARED_DATA/segmentation/srx/languagetool_segment_2017_with_korean.srx" ko.txt
	is "$rc" 0 "LanguageTool's SRX file with Korean rules"
fi

# Huge input: 5 MB in paragraphs, every sentence comes back.
python3 -c '
import sys
p = "The bank raised rates by 0.25 point. Mr. Lee said so on Jan. 5 in Seoul.\n"
sys.stdout.write((p * 9 + "\n") * 8000)' >huge.txt
run tm segment -l en huge.txt
is "$rc" 0 "huge input exits 0"
is "$(printf '%s\n' "$out" | grep -c .)" 144000 "huge input: every sentence"

# One 2 MB paragraph (single newlines only) with quotes, brackets, list
# markers: every check at a break is O(1), so this stays linear.
python3 -c '
import sys
p = "The bank (BOK) raised rates by 0.25 point. \"Mr. Lee said so,\" on Jan. 5 in Seoul. 1. First 2. Second\n"
sys.stdout.write(p * 20000)' >onepara.txt
run tm segment -l en onepara.txt
is "$rc" 0 "one huge paragraph exits 0"
is "$(printf '%s\n' "$out" | grep -c .)" 60001 "one huge paragraph: every sentence (\"2. Second\" runs on into the next line)"

done_testing
