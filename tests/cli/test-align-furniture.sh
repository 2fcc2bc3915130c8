# SPDX-License-Identifier: MIT
# Wire-copy furniture is never stored (issue #18, item 6): datelines,
# bylines, credits and markers are kept out of the alignment and of the
# translation check, linked by their place to the furniture of the other
# side (as the gold of samples/ links them), and `tm align --db`,
# `--apply-review` and `--format tmx` never store such a link, and say
# how many they left out. Stored, `SEOUL, Nov. 26 (Yonhap) --` <->
# `(서울=연합뉴스) 김민수 기자 =` answered a lookup of another story's
# dateline with this reporter's name. en-ko, en-ru and ko-ru, with the
# binary, on samples/ and on a story with a credit and a marker.
. "$(dirname "$0")/lib.sh"

S=${TM_SOURCE_ROOT:?}/samples
cp "$S/rate-decision/en.txt" r.en
cp "$S/rate-decision/ko.txt" r.ko
cp "$S/rate-decision/ru.txt" r.ru

# the furniture of rate-decision: line 1 of each side, the e-mail of ko
for p in "en ko" "en ru" "ko ru"; do
	set -- $p
	run tm align -s "$1" -t "$2" "r.$1" "r.$2"
	like "$out" '^\[1\]:\[1\]:0\.[5-9]' "$1-$2: the datelines (Yonhap's byline) are linked, by their place"
	run tm align -s "$1" -t "$2" --format json "r.$1" "r.$2"
	is "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
l = [x for x in d["links"] if x["source"] == [1]][0]
print(d["source_sentences"][1]["kind"], d["target_sentences"][1]["kind"], l["target"], l.get("store"),
      sum(1 for x in d["links"] if "store" in x))')" \
		"$(case $p in "en ko") echo dateline byline ;; "en ru") echo dateline dateline ;; *) echo byline dateline ;; esac) [1] never: furniture 1" \
		"$1-$2: the review file gives the kinds and says the link is never stored"
	run tm align -s "$1" -t "$2" --db r.db "r.$1" "r.$2"
	is "$rc" 0 "$1-$2: --db exits 0"
	like "$err" "^tm align: r\.$1: [0-9]+ added, 0 merged, 0 below --min-confidence 0\.50; 1 furniture link not stored\$" \
		"$1-$2: the summary says the furniture link was not stored"
	unlike "$err" 'unsure|not a translation' "$1-$2: no warning"
done
run tm export --db r.db -q r.tmx
unlike "$(cat r.tmx)" '<seg>[^<]*(SEOUL, Nov|연합뉴스|기자 =|РИА Новости|@yna\.co\.kr)' "no dateline or byline was stored"
like "$(cat r.tmx)" "<seg>BOK cuts key rate to 3.25 pct, ending 16-month freeze</seg>" "the headline was stored"
# another story's dateline finds nothing (it found this one's reporter)
run tm lookup --db r.db -s en -t ko "SEOUL, Nov. 27 (Yonhap) --"
is "$rc:$out" "0:" "en-ko: a lookup of another day's dateline finds nothing"
run tm lookup --db r.db -s en -t ru "SEOUL, Nov. 27 (Yonhap) --"
is "$rc:$out" "0:" "en-ru: a lookup of another day's dateline finds nothing"
run tm lookup --db r.db -s ko -t ru "(서울=연합뉴스) 이다은 기자 ="
is "$rc:$out" "0:" "ko-ru: a lookup of another reporter's byline finds nothing"
run tm lookup --db r.db -s en -t ko "BOK cuts key rate to 3.25 pct, ending 16-month freeze"
like "$out" '^100' "a lookup of the headline finds it (the lookups above can find)"

# the review round trip: a furniture link confirmed by a reviewer is
# still not stored
run tm align -s en -t ko --format json r.en r.ko
printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for l in d["links"]:
    l["status"] = "confirmed"
json.dump(d, open("rev.json", "w"))'
run tm align --apply-review rev.json --db r.db
is "$rc" 0 "--apply-review exits 0"
like "$err" '; [0-9]+ confirmed, 0 auto; .*; 1 furniture link not stored$' "--apply-review says the furniture link was not stored"
run tm lookup --db r.db -s en -t ko "SEOUL, Nov. 27 (Yonhap) --"
is "$rc:$out" "0:" "after --apply-review, the dateline lookup still finds nothing"
# a TMX file is a TM too
run tm align -s en -t ko --format tmx -o r-ko.tmx r.en r.ko
is "$rc" 0 "--format tmx exits 0"
unlike "$(cat r-ko.tmx)" '<seg>[^<]*(SEOUL, Nov|연합뉴스|@yna)' "--format tmx writes no furniture unit"
like "$(cat r-ko.tmx)" '<seg>BOK cuts key rate' "--format tmx writes the prose"

# The links of the prose are the links of the same stories with the
# furniture lines deleted, and so is the document score (the check sees
# no furniture): rate-decision (Yonhap's e-mail line), ramyeon-exports
# (where, with the furniture in the programme, the second sentence was
# drawn into a 1-2 link),
# typhoon-reordered (moved paragraphs, a credit).
cat >prose.py <<'PY'
import json, os, subprocess, sys
tm = os.environ["TM"]
sl, tl, src, tgt = sys.argv[1:5]
def run(a, b):
    d = json.loads(subprocess.run([tm, "align", "-s", sl, "-t", tl, "--format", "json", a, b],
                                  capture_output=True, check=True).stdout)
    ss, ts = d["source_sentences"], d["target_sentences"]
    prose = []
    for l in d["links"]:
        kinds = [ss[i]["kind"] for i in l["source"]] + [ts[j]["kind"] for j in l["target"]]
        if all(k in ("sentence", "headline") for k in kinds):
            prose.append((l["source_text"], l["target_text"], l["confidence"]))
    return prose, d["score"], ss, ts
def strip(path, sents, name):
    furniture = {s["text"] for s in sents if s["kind"] not in ("sentence", "headline")}
    with open(path) as f, open(name, "w") as g:
        g.writelines(l for l in f if l.strip() not in furniture)
    return name
a, sa, ss, ts = run(src, tgt)
b, sb, _, _ = run(strip(src, ss, "x." + sl), strip(tgt, ts, "y." + tl))
print("same" if a == b else "links differ", "same" if sa == sb else "score %s != %s" % (sa, sb))
PY
for st in rate-decision ramyeon-exports typhoon-reordered; do
	for p in "en ko" "en ru" "ko ru"; do
		set -- $p
		is "$(python3 prose.py "$1" "$2" "$S/$st/$1.txt" "$S/$st/$2.txt")" "same same" \
			"$st $1-$2: the prose aligned and judged as without the furniture"
	done
done
# a short ko-ru story, where the check is not saturated: Yonhap's
# byline and e-mail and RIA's dateline do not weigh in its score
{ sed -n 1,14p r.ko; echo; tail -n 1 r.ko; } >short.ko
sed -n 1,14p r.ru >short.ru
is "$(python3 prose.py ko ru short.ko short.ru)" "same same" "short ko-ru: the document score is the prose's"

# A credit and a marker, each linked to its like (the Korean e-mail
# line alone), none stored; with --presegmented too
printf '%s\n' 'Busan port reopens after typhoon' '' 'BUSAN, Sept. 4 (Yonhap) --' \
	'The port of Busan reopened on Thursday after a three-day closure caused by Typhoon Garam.' \
	'About 240 ships had waited at anchor outside the harbour.' 'Port officials said 38 cranes were damaged.' '' \
	'***' '' 'Repairs will cost about 12 billion won, the port authority said.' '' 'Photo: Yonhap' >p.en
printf '%s\n' '부산항, 태풍 가람 이후 운항 재개' '' '(부산=연합뉴스) 김민수 기자 =' \
	'태풍 가람으로 사흘간 폐쇄됐던 부산항이 4일 운항을 재개했다.' '항구 밖에서 정박하며 기다린 선박은 약 240척에 달했다.' \
	'항만 당국은 크레인 38대가 파손됐다고 밝혔다.' '' '***' '' '항만공사는 복구 비용이 약 120억원에 이를 것이라고 밝혔다.' '' \
	'[연합뉴스 자료사진]' '' 'kms@yna.co.kr' >p.ko
printf '%s\n' 'Порт Пусан возобновил работу после тайфуна' '' 'ПУСАН, 4 сен — РИА Новости.' \
	'Порт Пусан в четверг возобновил работу после трехдневного закрытия из-за тайфуна «Гарам».' \
	'Около 240 судов ожидали на рейде у входа в гавань.' 'По словам представителей порта, повреждены 38 кранов.' '' \
	'***' '' 'Ремонт обойдется примерно в 12 млрд вон, сообщили в администрации порта.' '' 'Фото: Yonhap' >p.ru
for p in "en ko" "en ru" "ko ru"; do
	set -- $p
	run tm align -s "$1" -t "$2" --format json "p.$1" "p.$2"
	is "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
ss, ts = d["source_sentences"], d["target_sentences"]
print(" ".join("%s-%s" % ("+".join(ss[i]["kind"] for i in l["source"]) or "0",
                          "+".join(ts[j]["kind"] for j in l["target"]) or "0")
               for l in d["links"] if "store" in l))')" \
		"$(case $2 in ko) echo "dateline-byline marker-marker credit-credit" ;; *) echo "$(if [ "$1" = ko ]; then echo byline; else echo dateline; fi)-dateline marker-marker credit-credit" ;; esac)" \
		"$1-$2: dateline, marker and credit each linked to its like, never stored"
	run tm align -s "$1" -t "$2" --db p.db --origin "p.$1-$2" "p.$1" "p.$2"
	is "$rc:$err" "0:tm align: p.$1-$2: 5 added, 0 merged, 0 below --min-confidence 0.50; 3 furniture links not stored" \
		"$1-$2: --db stores the five sentences and says three furniture links were not"
done
run tm export --db p.db -q p.tmx
is "$(grep -c '<seg>' p.tmx)" 30 "three pairs, five units each"
unlike "$(cat p.tmx)" '<seg>(\*\*\*|Photo|Фото|\[연합|BUSAN|ПУСАН|\(부산|kms@)' "no credit, marker, dateline or byline was stored"
# --presegmented: the same files, one sentence a line, give the same
# kinds to the lines that are wholly furniture, and store the same
run tm align -s en -t ru --presegmented --db pre.db p.en p.ru
is "$rc:$err" "0:tm align: p.en: 5 added, 0 merged, 0 below --min-confidence 0.50; 3 furniture links not stored" \
	"--presegmented: the dateline, the marker and the credit lines are furniture, not stored"
run tm lookup --db pre.db -s en -t ru "BUSAN, Sept. 4 (Yonhap) --"
is "$rc:$out" "0:" "--presegmented: the dateline was not stored"

# Presegmented files (issue #18, item 6): a line that is wholly an end
# mark, a note, a dateline or a byline gets that kind (tm_segment_kind());
# end marks and notes are never linked, furniture only to its like,
# nothing of them stored. A line that only starts with a dateline, or
# prose with (END) inside, stays a sentence: presegmented lines are
# never split.
printf '%s\n' 'SEOUL, Nov. 26 (Yonhap) --' \
	'The Bank of Korea cut its key rate to 3.25 percent on Thursday.' \
	'Every Yonhap story in English ends with (END) on a line of its own.' \
	'The bank had held the rate at 3.5 percent since January 2023.' '' '(END)' >q.en
printf '%s\n' '(서울=연합뉴스) 김민수 기자 =' '한국은행이 26일 기준금리를 연 3.25%로 인하했다.' \
	'연합뉴스의 모든 영문 기사는 (END)로 끝난다.' '(역주: 기준금리는 2023년 1월부터 동결돼 왔다.)' \
	'한은은 2023년 1월부터 기준금리를 3.5%로 유지해 왔다.' '' '(끝)' 'kms@yna.co.kr' >q.ko
printf '%s\n' 'СЕУЛ, 26 ноя — РИА Новости.' 'Банк Кореи в четверг снизил ключевую ставку до 3,25%.' \
	'Каждая английская заметка Yonhap заканчивается строкой (END).' \
	'(Прим. пер.: ставка не менялась с января 2023 года.)' \
	'С января 2023 года банк держал ставку на уровне 3,5%.' >q.ru
run tm segment --presegmented -l ko -j q.ko
is "$(printf '%s' "$out" | python3 -c '
import json, sys
print(" ".join(s["kind"] for s in json.load(sys.stdin)["files"][0]["segments"]))')" \
	"byline sentence sentence note sentence end byline" "tm segment --presegmented: the kinds of whole lines"
printf '%s\n' 'SEOUL, Nov. 26 (Yonhap) -- The Bank of Korea cut its key rate on Thursday.' \
	'kcs@yna.co.kr (END)' '(END) It was the first cut in 16 months.' >r2.en
run tm segment --presegmented -l en -j r2.en
is "$(printf '%s' "$out" | python3 -c '
import json, sys
print(" | ".join("%s %s" % (s["kind"], s["text"]) for s in json.load(sys.stdin)["files"][0]["segments"]))')" \
	"sentence SEOUL, Nov. 26 (Yonhap) -- The Bank of Korea cut its key rate on Thursday. | end kcs@yna.co.kr (END) | sentence (END) It was the first cut in 16 months." \
	"tm segment --presegmented: a dateline before a sentence, (END) before prose: one sentence each, never split"
for p in "en ko" "en ru" "ko ru"; do
	set -- $p
	run tm align -s "$1" -t "$2" --presegmented --format json "q.$1" "q.$2"
	is "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
ss, ts = d["source_sentences"], d["target_sentences"]
print(" ".join("%s-%s%s" % ("+".join(ss[i]["kind"] for i in l["source"]) or "0",
                            "+".join(ts[j]["kind"] for j in l["target"]) or "0",
                            "!" if "store" in l else "")
               for l in sorted(d["links"], key=lambda l: (l["source"] or [99], l["target"] or [99]))))')" \
		"$(case $p in
			"en ko") echo "dateline-byline! sentence-sentence sentence-sentence sentence-sentence end-0 0-note 0-end 0-byline" ;;
			"en ru") echo "dateline-dateline! sentence-sentence sentence-sentence sentence-sentence end-0 0-note" ;;
			*) echo "byline-dateline! sentence-sentence sentence-sentence note-0 sentence-sentence end-0 byline-0 0-note" ;;
		esac)" \
		"$1-$2 --presegmented: notes and end marks alone, the dateline linked to its like and never stored, the prose with (END) inside linked"
	run tm align -s "$1" -t "$2" --presegmented --db "q-$1$2.db" "q.$1" "q.$2"
	is "$rc:$err" "0:tm align: q.$1: 3 added, 0 merged, 0 below --min-confidence 0.50; 1 furniture link not stored" \
		"$1-$2 --presegmented --db: the three sentences stored, the furniture link not"
	run tm export --db "q-$1$2.db" -q "q-$1$2.tmx"
	unlike "$(cat "q-$1$2.tmx")" '<seg>(\(END\)|\(끝\)|\(역주|\(Прим|SEOUL|СЕУЛ|\(서울|kms@)' \
		"$1-$2 --presegmented: no end mark, note, dateline or byline stored"
	like "$(cat "q-$1$2.tmx")" '<seg>(Every Yonhap story|연합뉴스의 모든|Каждая английская)[^<]*\(END\)' \
		"$1-$2 --presegmented: the sentence with (END) inside is stored"
done
# the e-mail line linked to its like: an English byline after the last
# prose link too, never stored
{ cat q.en; echo 'By Kim Min-su'; } >q2.en
run tm align -s en -t ko --presegmented --format json q2.en q.ko
is "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
ss, ts = d["source_sentences"], d["target_sentences"]
print([(ss[l["source"][0]]["text"], ts[l["target"][0]]["text"], l.get("store"))
       for l in d["links"] if l["source"] and l["target"] and ss[l["source"][0]]["kind"] == "byline"])')" \
	"[('By Kim Min-su', 'kms@yna.co.kr', 'never: furniture')]" \
	"--presegmented: the e-mail byline is linked to the English byline, never stored"
run tm align -s en -t ko --presegmented --db q2.db q2.en q.ko
is "$rc:$err" "0:tm align: q2.en: 3 added, 0 merged, 0 below --min-confidence 0.50; 2 furniture links not stored" \
	"--presegmented --db: the two bylines' link not stored either"
done_testing
