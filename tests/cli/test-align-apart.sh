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
done_testing
