# SPDX-License-Identifier: MIT
# tm translit: Korean and Russian to Latin, line by line; match keys.
. "$(dirname "$0")/lib.sh"

printf '김정은 위원장\n평양\n' >ko.txt
printf 'Ким Чен Ын\nПхеньян\n' >ru.txt

run_in ko.txt tm translit -l ko
is "$rc" 0 "ko from stdin exits 0"
is "$out" "gimjeong-eun wiwonjang
pyeong-yang" "Hangul to Latin, line by line"

run tm translit --lang ru ru.txt
is "$rc" 0 "ru from a file exits 0"
is "$out" "Kim Chen Yn
Pkhenʹyan" "Cyrillic to Latin (BGN)"

run tm translit -l ru --ascii ru.txt
is "$out" "Kim Chen Yn
Pkhen'yan" "--ascii folds the modifier letter"

run tm translit -l ru ru.txt - <ko.txt
is "$rc" 0 "several inputs, - is stdin"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 4 "all lines of both inputs"

printf 'Путин' >nonl.txt
"$TM" translit -l ru nonl.txt >nonl.out
is "$(od -An -c nonl.out | tr -d ' \n')" "Putin" \
	"a last line without newline stays without"

printf 'Путин\n\n\nМосква\n' >blank.txt
run tm translit -l ru blank.txt
is "$out" "Putin


Moskva" "blank lines are kept"

printf 'Путин\nМо\377сква\n' >bad.txt
run tm translit -l ru bad.txt
is "$rc" 1 "invalid UTF-8 exits 1"
is "$err" "tm translit: error: bad.txt: invalid UTF-8 at byte 15" \
	"invalid UTF-8: file and byte offset"
is "$out" "Putin" "lines before the bad one were written"

run_in bad.txt tm translit -l ru
is "$err" "tm translit: error: <stdin>: invalid UTF-8 at byte 15" \
	"invalid UTF-8 on stdin"

run tm translit -l xx ru.txt
is "$rc" 2 "unknown language is a usage error"
is "$err" "tm translit: error: --lang: unsupported language 'xx' (known: ko, ru)
Try 'tm translit --help'." "unknown language message"

run tm translit ru.txt
is "$rc" 2 "missing --lang is a usage error"
like "$err" "^tm translit: error: missing --lang" "missing --lang message"

run tm translit -l ru missing.txt
is "$rc" 1 "missing file exits 1"
like "$err" "^tm translit: error: missing.txt: No such file" "missing file message"

printf 'Putin\nПутин\n푸틴\nKim Jong-un\nКим Чен Ын\n김정은\n' >names.txt
run tm translit --json -l ru names.txt
is "$rc" 0 "--json exits 0"
is "$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(sum(1 for l in sys.stdin if "text" in json.loads(l) and "translit" in json.loads(l)))')" "$(wc -l <names.txt | tr -d ' ')" "--json: one object a line, with text and translit"
run tm translit --key -j names.txt
like "$(printf '%s\n' "$out" | head -1)" '^\{"text":".*","key":"[a-z]*"\}$' "--key --json: the key under \"key\""
run tm translit --key names.txt
is "$rc" 0 "--key exits 0"
is "$out" "ptn
ptn
ptn
kmjnn
kmjnn
kmjnn" "--key: one key per line, equal across scripts"

run tm translit --key -l ko names.txt
is "$rc" 0 "--key with --lang"
is "$(printf '%s\n' "$out" | head -1)" "ptn" "--lang does not change keys"

run tm translit --help
is "$rc" 0 "--help exits 0"
like "$out" "--ascii" "--help lists --ascii"

done_testing
