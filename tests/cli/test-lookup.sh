# SPDX-License-Identifier: MIT
# tm lookup and tm concord on a real TM built with tm import.
. "$(dirname "$0")/lib.sh"

cat >news.tmx <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="test" creationtoolversion="1" segtype="sentence"
 o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu creationdate="20220105T100000Z" changedate="20220105T100000Z">
<tuv xml:lang="en"><seg>Exports reached 3.5 million tons in 2022.</seg></tuv>
<tuv xml:lang="ko"><seg>2022년 수출은 350만 톤에 달했다.</seg></tuv>
<tuv xml:lang="ru"><seg>В 2022 году экспорт достиг 3,5 млн тонн.</seg></tuv>
</tu>
<tu>
<tuv xml:lang="en"><seg>Putin arrived in Pyongyang on Tuesday.</seg></tuv>
<tuv xml:lang="ko"><seg>푸틴은 화요일 평양에 도착했다.</seg></tuv>
</tu>
<tu>
<tuv xml:lang="en"><seg>The central bank raised its key rate.</seg></tuv>
<tuv xml:lang="ru"><seg>Центральный банк повысил ключевую ставку.</seg></tuv>
</tu>
<tu>
<tuv xml:lang="en"><seg>The Pacific Ocean is wide.</seg></tuv>
<tuv xml:lang="ko"><seg>태평양은 넓다.</seg></tuv>
</tu>
</body>
</tmx>
TMX
export TM_DB=$PWD/news.db
run tm import -q news.tmx
is "$rc" 0 "tm import builds the TM"

run tm lookup -s en -t ko "Exports reached 3.5 million tons in 2022."
is "$rc" 0 "exact lookup exits 0"
like "$out" "^100\.00	1	news\.tmx	20220105T100000Z	Exports reached 3\.5 million tons in 2022\.	2022년 수출은 350만 톤에 달했다\.$" \
	"exact match: score, unit, origin, date, source, target"

run tm lookup -s en -t ko "Exports reached 4.2 million tons in 2023."
like "$out" "^99\.00	1	.*	2023년 수출은 420만 톤에 달했다\.$" \
	"numbers only: 99 and the query's numbers in the target"

run tm lookup -s en -t ru --json "Exports reached 4.2 million tons in 2023."
is "$rc" 0 "--json exits 0"
run python3 -c '
import json, sys
d = json.loads(sys.argv[1])
m = d["matches"][0]
print(d["format"], d["query"], m["score"], m["tu"], m["proposed"], m["target"],
      ",".join(m["flags"]), m["origin"], m["created"])' "$out"
is "$out" "1 Exports reached 4.2 million tons in 2023. 99.0 1 В 2023 году экспорт достиг 4,2 млн тонн. В 2022 году экспорт достиг 3,5 млн тонн. numbers news.tmx 20220105T100000Z" \
	"--json: format, query, score, tu, proposed and stored target, flags, origin, dates"

printf 'The central bank raised its rate.\n\nnothing like it at all\n' >q.txt
run_in q.txt tm lookup -s en -t ru --json
is "$rc" 0 "queries from stdin"
is "$(printf '%s\n' "$out" | wc -l)" 3 "one JSON line per input line"
like "$(printf '%s\n' "$out" | sed -n 1p)" '"score": ?85\.71' "fuzzy score 6/7"
like "$(printf '%s\n' "$out" | sed -n 3p)" '"matches": ?\[\]' "no match: empty list"

run tm lookup -s ko -t en "푸틴"
is "$rc" 0 "a two-syllable query is served"
run tm lookup -s ko -t en --min-score 50 "푸틴은 평양에 도착했다."
like "$out" "Putin arrived in Pyongyang on Tuesday\.$" "Korean fuzzy lookup"

# bad input
run tm lookup -s en "rates"
is "$rc" 2 "no target language: usage error"
like "$err" "^tm lookup: error: both --source and --target are needed" "says which"
run tm lookup -s en -t ko ""
is "$rc" 1 "empty query fails"
is "$err" "tm lookup: error: match: empty query (no word in it)" "says so"
run tm lookup -s en -t ko --min-score 20 "rates"
is "$rc" 2 "min score out of range"
run tm lookup --db "$PWD/missing.db" -s en -t ko "rates"
is "$rc" 1 "missing TM fails"
like "$err" "^tm lookup: error: .*missing\.db" "names the file"
run tm lookup -s en -t ko "Тихий день"
is "$rc:$out" "0:" "query in another script: no match, no error"
head -c 100000 /dev/zero | tr '\0' 'a' | sed 's/aaaa/aaa /g' >big.txt
run_in big.txt tm lookup -s en -t ko
is "$rc" 3 "100 KB query: that line fails, the run goes on"
like "$err" "query too long" "says why"

# concordance
run tm concord -l ko -t en "푸틴"
is "$rc" 0 "concord exits 0"
is "$out" "2	ko	[[푸틴]]은 화요일 평양에 도착했다.	Putin arrived in Pyongyang on Tuesday.	exact" \
	"short Korean name found inside a word, span marked, translation and kind beside"
run tm concord -l ko "평양"
is "$out" "2	ko	푸틴은 화요일 [[평양]]에 도착했다.	Putin arrived in Pyongyang on Tuesday.	exact" \
	"a name with a particle after it is found; not inside 태평양 (Pacific)"
run tm concord -l en "CENTRAL BANK"
like "$out" "^3	en	The \[\[central bank\]\] raised its key rate\.	Центральный банк" \
	"case folded; the stored text keeps its case"
run tm concord -l ru --json "ставку"
run python3 -c '
import json, sys
d = json.loads(sys.argv[1])
h = d["hits"][0]
print(d["format"], h["tu"], h["match"], h["translation_lang"])' "$out"
is "$out" "1 3 ставку en" "--json: the match and the translation language (reverse lookup)"
run tm concord -l en "nowhere to be found"
is "$rc:$out" "0:" "no hit"
run tm concord -l en "..."
is "$rc" 1 "a phrase without words fails"
is "$err" "tm concord: error: concord: no word in the phrase" "says so"
run tm concord -l en --translit "Putin"
is "$rc" 0 "--translit exits 0"
is "$out" "2	en	[[Putin]] arrived in Pyongyang on Tuesday.	푸틴은 화요일 평양에 도착했다.	exact
2	ko	[[푸틴]]은 화요일 평양에 도착했다.	Putin arrived in Pyongyang on Tuesday.	translit" \
	"--translit: Putin finds 푸틴 (its particle left out of the span)"
# Endings are for Cyrillic and Hangul words; a Latin word may add an s.
tm_x() { "$TM" add --db xs.db -s en -t ru "$1" "$2" >/dev/null; }
tm_x "The patient was putting on weight." "Пациент набирал вес."
tm_x "Putin's visit ended." "Визит Путина завершился."
run tm concord --db xs.db -l en --translit "Putin"
unlike "$out" "\\[\\[patient" "--translit: Putin (ptn) does not find patient (ptnt)"
like "$out" "en	\[\[Putin\]\]'s visit ended" "--translit: Putin finds Putin's"
like "$out" "ru	Визит \[\[Путина\]\] завершился" "--translit: Putin finds Путина"
run tm concord -l ru --translit --json "Пхеньян"
run python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print(d["format"], " ".join("%s:%s:%s" % (h["tu"], h["lang"], h["match"]) for h in d["hits"]))' "$out"
is "$out" "1 2:en:Pyongyang 2:ko:평양" "--translit --json: Пхеньян finds Pyongyang and 평양, not 태평양"
run tm concord -l en --translit "Lee"
is "$rc" 1 "--translit: a one-symbol key fails"
is "$err" "tm concord: error: concord: the cross-script key of the phrase ('l') is too short to search (at least 2 symbols)" "says why"
run tm concord "Putin"
is "$rc" 2 "no language: usage error"

# Inflected forms (Snowball stems) and the kind of each hit; cross-script
# noise (issue #17) left out, ranked after the phrase's own language.
tm_i() { "$TM" add --db infl.db -s en -t ru "$1" "$2" >/dev/null; }
tm_i "Putin arrived in Pyongyang." "Путин прибыл в Пхеньян."
tm_i "A call to Putin." "Звонок Путину."
tm_i "Talks with Putin in Pyongyang." "Переговоры с Путиным в Пхеньяне."
tm_i "See you on Friday." "Увидимся в пятницу."
tm_i "Nutrition matters." "Питание важно."
tm_i "The patient was putting on weight." "Пациент набирал вес."
run tm concord --db infl.db -l ru -n 0 "Путина"
is "$(printf '%s\n' "$out" | cut -f 3,5 | LC_ALL=C sort)" "[[Путин]] прибыл в Пхеньян.	inflected
Звонок [[Путину]].	inflected
Переговоры с [[Путиным]] в Пхеньяне.	inflected" "every case of Путин, kind in the last field"
run tm concord --db infl.db -l ru "Пхеньян"
is "$(printf '%s\n' "$out" | cut -f 3,5)" "Путин прибыл в [[Пхеньян]].	exact
Переговоры с Путиным в [[Пхеньяне]].	inflected" "the exact form first, then Пхеньяне"
run tm concord --db infl.db -l en --translit -n 0 --json "Putin"
run python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print(" ".join("%s:%s:%s" % (h["lang"], h["match"], h["match_kind"]) for h in d["hits"]))' "$out"
is "$out" "en:Putin:exact en:Putin:exact en:Putin:exact ru:Путиным:translit ru:Путину:translit ru:Путин:translit" \
	"--translit --json: exact hits, then Путин in every case; not пятницу, Питание, putting"
done_testing
