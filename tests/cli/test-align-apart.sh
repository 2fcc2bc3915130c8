# SPDX-License-Identifier: MIT
# Notes and end marks are never linked (issue #18, item 6): translators'
# and editors' notes and the end marks of en, ko and ru agencies have no
# counterpart on the other side; `tm align` keeps them apart (1-0 and 0-1
# links of confidence 1.0) and `--db` never stores them. Every pair of
# the three languages, with the binary.
. "$(dirname "$0")/lib.sh"

printf '%s\n' 'The port of Busan reopened on Monday after 3 days.' 'Ships had waited at anchor for 72 hours.' '' \
	"(Editor's note: This story was updated to correct the date.)" '' '###' '' '(END)' >s.en
printf '%s\n' '부산항이 3일 만인 월요일 다시 문을 열었다.' '선박들은 72시간 동안 정박한 채 기다렸다.' '' \
	'(역주: 부산항은 한국 최대의 항구다.)' '' '(편집자주: 날짜를 바로잡았습니다.)' '' '(끝)' '' '-- 끝 --' >s.ko
printf '%s\n' 'Порт Пусан вновь открылся в понедельник после 3 дней простоя.' 'Суда 72 часа ждали на рейде.' '' \
	'(Прим. пер.: Пусан — крупнейший порт Кореи.)' '' '(Прим. ред.: дата исправлена.)' '' '(Конец)' >s.ru

kinds() {
	case $1 in
	en) echo "sentence sentence note end end" ;;
	ko) echo "sentence sentence note note end end" ;;
	ru) echo "sentence sentence note note end" ;;
	esac
}
# the links of a pair, confidences left out
links() { printf '%s\n' "$out" | sed 's/:[0-9.]*$//' | tr '\n' ' '; }
for p in "en ko" "en ru" "ko ru"; do
	set -- $p
	run tm align -s "$1" -t "$2" "s.$1" "s.$2"
	ns=$(($(grep -c . "s.$1") - 1))
	nt=$(($(grep -c . "s.$2") - 1))
	want="[0]:[0] [1]:[1] "
	for i in $(seq 2 "$ns"); do want="$want[$i]:[] "; done
	for j in $(seq 2 "$nt"); do want="$want[]:[$j] "; done
	is "$rc:$(links)" "0:$want" "$1-$2: the two sentences linked, every note and end mark alone"
	like "$out" '^\[0\]:\[0\]:0\.[5-9]' "$1-$2: the sentences linked with confidence"
	run tm align -s "$1" -t "$2" --format json "s.$1" "s.$2"
	is "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(s["kind"] for s in d["source_sentences"]), "|", " ".join(s["kind"] for s in d["target_sentences"]))')" \
		"$(kinds "$1") | $(kinds "$2")" "$1-$2: the review file names each one's kind"
	run tm align -s "$1" -t "$2" --db tm.db --origin "s.$1-$2" "s.$1" "s.$2"
	is "$rc:$err" "0:tm align: s.$1-$2: 2 added, 0 merged, 0 below --min-confidence 0.50" "$1-$2: --db stores the two sentences only"
done
# nothing of a note or an end mark reached the TM
run tm export --db tm.db -q all.tmx
is "$(grep -c '<seg>' all.tmx)" 12 "three pairs, two units each"
unlike "$(cat all.tmx)" '<seg>(\(|###|-- )' "no note or end mark was stored"

# The forms an audit found linked or under the wrong kind: notes without
# brackets (a label at the start of a line; a paragraph of two sentences,
# a wrapped one), ※ 역주, and end marks after the last sentence of a line
# (Enditem, (끝)., -0-) or on their own (ENDS, (END)., /END/, # # #,
# - 30 -, Reuters' last line, <끝>, ‹끝>, (끝) before the reporter's
# e-mail, Конец., — КОНЕЦ —, /Конец/). Each one alone in every pair; the
# byline of ko (the e-mail) is alone too: no byline or dateline on the
# other side to link it to (test-align-furniture.sh).
printf '%s\n' "EDITOR'S NOTE — This story is part of a series on ports. It runs weekly." '' \
	'The port of Busan reopened on Monday after 3 days.' 'Ships had waited at anchor for 72 hours. Enditem' '' \
	"Editor's note: This story was updated" 'to correct the date.' '' \
	"Translator's note: Busan is Korea's largest port." '' \
	'(ENDS)' '' '(END).' '' '/END/' '' 'ENDS' '' '# # #' '' '- 30 -' '' \
	'Our Standards: The Thomson Reuters Trust Principles.' >n.en
printf '%s\n' '[편집자 주] 이 기사는 항구 연재의 하나입니다. 매주 실립니다.' '' \
	'부산항이 3일 만인 월요일 다시 문을 열었다.' '선박들은 72시간 동안 정박한 채 기다렸다. (끝).' '' \
	'[역주] 부산항은 한국 최대의 항구다.' '' '[편집자주] 날짜를 바로잡았습니다.' '' \
	'※ 역주: 부산은 한국 제2의 도시다.' '' '<끝>' '' '‹끝>' '' '(끝) kcs@yna.co.kr' >n.ko
printf '%s\n' 'От редакции: материал открывает серию о портах. Она выходит еженедельно.' '' \
	'Порт Пусан вновь открылся в понедельник после 3 дней простоя.' 'Суда 72 часа ждали на рейде. -0-' '' \
	'Примечание редакции: дата исправлена.' '' 'Прим. пер.: Пусан — крупнейший порт Кореи.' '' \
	'Конец.' '' '— КОНЕЦ —' '' '/Конец/' >n.ru
nkinds() {
	case $1 in
	en) echo "note sentence sentence end note note end end end end end end end" ;;
	ko) echo "note sentence sentence end note note note end end end byline" ;;
	ru) echo "note sentence sentence end note note end end end" ;;
	esac
}
# the links of a pair in sorted order, confidences left out
slinks() { printf '%s\n' "$out" | sed 's/:[0-9.]*$//' | sort | tr '\n' ' '; }
for p in "en ko" "en ru" "ko ru"; do
	set -- $p
	run tm align -s "$1" -t "$2" --format json "n.$1" "n.$2"
	is "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(s["kind"] for s in d["source_sentences"]), "|", " ".join(s["kind"] for s in d["target_sentences"]))')" \
		"$(nkinds "$1") | $(nkinds "$2")" "$1-$2: every new form has its kind"
	run tm align -s "$1" -t "$2" "n.$1" "n.$2"
	ns=$(($(nkinds "$1" | wc -w) - 1))
	nt=$(($(nkinds "$2" | wc -w) - 1))
	want=$( (echo "[1]:[1]"; echo "[2]:[2]"
		for i in 0 $(seq 3 "$ns"); do echo "[$i]:[]"; done
		for j in 0 $(seq 3 "$nt"); do echo "[]:[$j]"; done) | sort | tr '\n' ' ')
	is "$rc:$(slinks)" "0:$want" "$1-$2: the two sentences linked, every new note and end mark alone"
	like "$out" '^\[1\]:\[1\]:0\.[5-9]' "$1-$2: the first sentences linked with confidence"
	# (the e-mail line, a byline, is not seen by the translation check:
	# the summary is the last line of whatever is said)
	run tm align -s "$1" -t "$2" --db new.db --origin "n.$1-$2" "n.$1" "n.$2"
	is "$rc:$(printf '%s\n' "$err" | tail -n 1)" "0:tm align: n.$1-$2: 2 added, 0 merged, 0 below --min-confidence 0.50" \
		"$1-$2: --db stores the two sentences only"
done
run tm export --db new.db -q new.tmx
is "$(grep -c '<seg>' new.tmx)" 12 "new forms: three pairs, two units each"
unlike "$(cat new.tmx)" '<seg>[^<]*(NOTE|[Nn]ote:|편집자|역주|редакции|Прим|Enditem|-0-|ENDS|END\)|/END/|# # #|- 30 -|Standards|끝[>).]|Конец|КОНЕЦ)' \
	"new forms: no note or end mark was stored"
like "$(cat new.tmx)" '<seg>Ships had waited at anchor for 72 hours\.</seg>' "the sentence before Enditem is stored without it"
like "$(cat new.tmx)" '<seg>Суда 72 часа ждали на рейде\.</seg>' "the sentence before -0- is stored without it"
# A translator's credit (the French edition of a yearbook, Bleualign
# de-fr's `( Traduit par L. S. )`) is a note in every language, also one
# whose wire-copy furniture is not looked for in a presegmented file: it
# has no counterpart, and was merged into the last sentence's link (the
# translation is shorter there). Prose that starts alike stays prose.
printf '%s\n' 'Am 3. Juli erreichten wir das Lager auf 5400 m .' \
	'Der Abstieg über den langen Gletscher bis zum Basislager dauerte dann noch zwei volle Tage .' >cr.de
printf '%s\n' 'Le 3 juillet , nous atteignions le camp à 5400 m .' 'La descente dura encore deux jours .' '( Traduit par L. S. )' >cr.fr
run tm align -s de -t fr --presegmented cr.de cr.fr
is "$rc:$(links)" "0:[0]:[0] [1]:[1] []:[2] " "de-fr: the translator's credit alone, the last sentences linked"
run tm align -s de -t fr --presegmented --db cr.db --origin cr cr.de cr.fr
run tm export --db cr.db -q cr.tmx
is "$(grep -c '<seg>' cr.tmx):$(grep -c '<seg>[^<]*Traduit' cr.tmx)" "4:0" "de-fr: --db stores the two sentences, not the credit"
printf '%s\n' '(Trad. R. C.)' '[Übersetzung: Hans Muster]' '(Translated by the desk.)' '(Tradition und Moderne)' \
	'(Traduit par un ami, le livre parut en 1956 et fut lu dans toute la Suisse romande, puis en Savoie.)' >tr.txt
for l in fr de en; do
	run tm segment -l "$l" --presegmented --format json tr.txt
	is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(s["kind"] for s in json.load(sys.stdin)["files"][0]["segments"]))')" \
		"note note note sentence sentence" "$l: translators' credits are notes, prose in brackets is not"
done
printf 'La descente dura encore deux jours. ( Traduit par L. S. )\n' >tr2.txt
run tm segment -l fr --format json tr2.txt
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(s["kind"] for s in json.load(sys.stdin)["files"][0]["segments"]))')" \
	"sentence note" "fr: a credit after the last sentence of a line is a note of its own"
done_testing
