# SPDX-License-Identifier: MIT
# The review round trip of `tm align` (issue #18, item 5): a review file
# says what each link is ("status"), so that applying a file nobody went
# through stores what the aligner stored (auto, its confidence), and only
# what a reviewer confirms or edits becomes confirmed. Read through `tm
# export`'s props, as a CAT tool would see them.
. "$(dirname "$0")/lib.sh"

printf 'The port reopened on Monday.\nShips waited for 3 days.\nThe mayor welcomed the news.\n' >en.txt
printf 'Порт открылся в понедельник.\nСуда ждали 3 дня.\nМэр приветствовал эту новость.\n' >ru.txt

# TEXT (the English of a unit) in TM DB: "status confidence changedate?"
# from the TMX tm export writes
unit_of() {
	"$TM" export --db "$1" -q -s en -t ru x.tmx
	python3 - "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
for tu in ET.parse("x.tmx").getroot().iter("tu"):
    segs = [s.text for s in tu.iter("seg")]
    if sys.argv[1] in segs:
        p = {e.get("type"): e.text for e in tu.findall("prop")}
        print(p.get("x-libtm-status"), p.get("x-libtm-confidence"),
              "changed" if tu.get("changedate") else "unchanged")
PY
}

run tm align -s en -t ru --presegmented --format json en.txt ru.txt
printf '%s\n' "$out" >r.json
is "$(python3 -c 'import json; d=json.load(open("r.json")); print(d["format"], " ".join(l["status"] for l in d["links"]))')" \
	"2 auto auto auto" "the review file is format 2, every link auto"
conf1=$(python3 -c 'import json; print("%.3f" % json.load(open("r.json"))["links"][1]["confidence"])')

# a file nobody went through stores what tm align --db stores
run tm align --apply-review r.json --db untouched.db
is "$rc:$err" "0:tm align: en.txt: 3 added, 0 merged, 0 below --min-confidence 0.50; 0 confirmed, 3 auto" \
	"an untouched file: the summary says nothing was confirmed"
is "$(unit_of untouched.db 'Ships waited for 3 days.')" "auto $conf1 unchanged" \
	"an untouched file's link is stored auto with its confidence"
run tm align -s en -t ru --presegmented --db direct.db -q en.txt ru.txt
"$TM" export --db direct.db -q -s en -t ru d.tmx
"$TM" export --db untouched.db -q -s en -t ru u.tmx
is "$(grep -c 'x-libtm-status">auto<' d.tmx) $(grep -c 'x-libtm-status">auto<' u.tmx)" "3 3" \
	"as many auto units as tm align --db stores"
run tm align --apply-review r.json --db floor.db --min-confidence 0.99
is "$rc:$err" "0:tm align: en.txt: 0 added, 0 merged, 3 below --min-confidence 0.99; 0 confirmed, 0 auto" \
	"an untouched file's links are skipped under --min-confidence, as with --db"

# a link the reviewer confirms
python3 - <<'PY'
import json
d = json.load(open("r.json"))
d["links"][1]["status"] = "confirmed"
json.dump(d, open("r-conf.json", "w"), ensure_ascii=False)
d = json.load(open("r.json"))
d["links"][1]["target_text"] = "Суда ждали три дня."
json.dump(d, open("r-edit.json", "w"), ensure_ascii=False)
d = json.load(open("r.json"))
# the reviewer joins links 1 and 2 by moving sentence numbers only
d["links"][1]["source"] = [1, 2]
d["links"][1]["target"] = [1, 2]
del d["links"][2]
json.dump(d, open("r-join.json", "w"), ensure_ascii=False)
d = json.load(open("r.json"))
del d["links"][0]["status"]
json.dump(d, open("r-nostatus.json", "w"), ensure_ascii=False)
d = json.load(open("r.json"))
d["format"] = 3
json.dump(d, open("r-f3.json", "w"), ensure_ascii=False)
# a file of format 1, as tm align wrote it before statuses: none
d = json.load(open("r.json"))
d["format"] = 1
for l in d["links"]:
    del l["status"]
json.dump(d, open("r-v1.json", "w"), ensure_ascii=False)
d["links"][1]["status"] = "auto"
json.dump(d, open("r-v1-auto.json", "w"), ensure_ascii=False)
PY
run tm align --apply-review r-conf.json --db conf.db
is "$err" "tm align: en.txt: 3 added, 0 merged, 0 below --min-confidence 0.50; 1 confirmed, 2 auto" \
	"a confirmed link: the summary counts it"
is "$(unit_of conf.db 'Ships waited for 3 days.')" "confirmed 1.000 unchanged" \
	"a link set to confirmed is stored confirmed, confidence 1.0"
is "$(unit_of conf.db 'The port reopened on Monday.' | cut -d' ' -f1)" "auto" \
	"the links around it stay auto"

# an edited text is a confirmation, with a change date
run tm align --apply-review r-edit.json --db edit.db
is "$err" "tm align: en.txt: 3 added, 0 merged, 0 below --min-confidence 0.50; 1 confirmed, 2 auto" \
	"an edited link left \"auto\" is counted confirmed"
is "$(unit_of edit.db 'Ships waited for 3 days.')" "confirmed 1.000 changed" \
	"an edited text is stored confirmed with a changedate"
run tm lookup -d edit.db -s en -t ru --json 'Ships waited for 3 days.'
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["matches"][0]["target"])')" \
	"Суда ждали три дня." "the edited text is what is stored"
run tm align --apply-review r-join.json --db join.db
is "$(unit_of join.db 'Ships waited for 3 days. The mayor welcomed the news.')" "confirmed 1.000 changed" \
	"a link regrouped by its sentence numbers is the reviewer's: confirmed"

# a format 2 link must say what it is; an unknown format is refused
run tm align --apply-review r-nostatus.json --db bad.db
is "$rc:$err" '1:tm align: error: r-nostatus.json: link 0: status is missing (each link of a format 2 review file is "auto" or "confirmed")' \
	"a format 2 link without a status is refused, naming it"
run tm align --apply-review r-f3.json --db bad.db
is "$rc:$err" "1:tm align: error: r-f3.json: not a tm align review file" "format 3 is not read"

# format 1: applying confirmed every link without a status (as it was
# documented); still so, but no longer silently
run tm align --apply-review r-v1.json --db v1.db
is "$rc" 0 "a format 1 file is still applied"
is "$err" 'tm align: warning: r-v1.json: format 1: 3 links without a "status" stored as confirmed, as applying a format 1 file confirms; give a link "status": "auto" to keep it automatic
tm align: en.txt: 3 added, 0 merged, 0 below --min-confidence 0.50; 3 confirmed, 0 auto' \
	"format 1: its links without a status are confirmed, with a warning that counts them"
is "$(unit_of v1.db 'Ships waited for 3 days.')" "confirmed 1.000 unchanged" \
	"format 1: a link without a status is stored confirmed"
run tm align --apply-review r-v1-auto.json --db v1a.db
like "$err" 'format 1: 2 links without' "format 1: a link that says \"auto\" is not counted"
is "$(unit_of v1a.db 'Ships waited for 3 days.')" "auto $conf1 unchanged" \
	"format 1: a link that says \"auto\" stays auto"
run tm align --apply-review r-v1.json --db v1q.db -q
is "$rc:$err" "0:" "-q silences the format 1 warning too"

done_testing
