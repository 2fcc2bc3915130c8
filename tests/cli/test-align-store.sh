# SPDX-License-Identifier: MIT
# What `tm align --db` and `--apply-review` do to a TM that already holds
# the document (issue #18, item 4): re-aligning replaces the earlier
# links in one transaction, and only those of the same language pair (a
# story aligned with its Korean and its Russian translation is two
# alignments of one origin). The real binary on a real SQLite file.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is absent"

mkdir -p s
printf 'The council met on Friday.\nIt approved a budget of 5 billion won.\nThe mayor welcomed the vote.\n' >s/en.txt
printf 'Совет собрался в пятницу.\nОн утвердил бюджет в 5 млрд вон.\nМэр приветствовал голосование.\n' >s/ru.txt
printf '시의회는 금요일에 회의를 열었다.\n시의회는 50억 원의 예산을 승인했다.\n시장은 표결을 환영했다.\n' >s/ko.txt
count() { sqlite3 tm.db "select count(*) from tu where id in (select tu_id from tuv where lang = '$1')"; }

run tm align -s en -t ko --presegmented --db tm.db s/en.txt s/ko.txt
is "$rc:$err" "0:tm align: s/en.txt: 3 added, 0 merged, 0 below --min-confidence 0.50" "en-ko stored under s/en.txt"
run tm align -s en -t ru --presegmented --db tm.db s/en.txt s/ru.txt
is "$rc:$err" "0:tm align: s/en.txt: 3 added, 0 merged, 0 below --min-confidence 0.50" \
	"en-ru under the same origin replaces nothing of en-ko"
is "$(count ko) $(count ru)" "3 3" "both translations' units are in the TM"
run tm align -s en -t ko --presegmented --db tm.db s/en.txt s/ko.txt
is "$err" "tm align: s/en.txt: 3 added, 0 merged, 0 below --min-confidence 0.50; replaced the origin's 3 earlier units (0 kept for other origins)" \
	"re-aligning en-ko replaces the earlier en-ko units only"
is "$(count ko) $(count ru)" "3 3" "the Russian alignment stays"

# a review of the Korean alignment replaces it, not the Russian one
run tm align -s en -t ko --presegmented --format json s/en.txt s/ko.txt
printf '%s\n' "$out" >ko.json
run tm align --apply-review ko.json --db tm.db
like "$err" "replaced the origin's 3 earlier units" "a review replaces its pair's units"
is "$(count ko) $(count ru)" "3 3" "a review of en-ko leaves en-ru"

# one transaction: a store that fails half-way (the TM refuses the third
# unit's English) leaves the earlier alignment in place
sqlite3 tm.db "CREATE TRIGGER refuse BEFORE INSERT ON tuv WHEN NEW.plain = 'The mayor praised the vote.' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
sed 's/welcomed/praised/' s/en.txt >en2.txt
before=$(sqlite3 tm.db 'select count(*), group_concat(plain, "|") from (select plain from tuv order by id)')
run tm align -s en -t ru --presegmented --db tm.db --origin s/en.txt en2.txt s/ru.txt
is "$rc" 1 "a failure while storing exits 1"
is "$err" "tm align: error: db: tm.db: cannot store a variant: refused by the test (transaction rolled back)" \
	"the failure says why, naming the TM once"
is "$(sqlite3 tm.db 'select count(*), group_concat(plain, "|") from (select plain from tuv order by id)')" "$before" \
	"the earlier units, replaced before the failure, are all back: one transaction"
sqlite3 tm.db "DROP TRIGGER refuse"

# a TM that cannot be opened, for --db and --lexicon-from: one line naming
# the file once (it was "junk.db: db: junk.db: ...")
printf 'not a database\n' >junk.db
run tm align -s en -t ru --presegmented --db junk.db s/en.txt s/ru.txt
is "$rc:$err" "1:tm align: error: db: junk.db: not a translation memory (not an SQLite database)" \
	"--db: an unusable TM is named once"
run tm align -s en -t ru --presegmented --lexicon-from junk.db s/en.txt s/ru.txt
is "$rc:$err" "1:tm align: error: db: junk.db: not a translation memory (not an SQLite database)" \
	"--lexicon-from: an unusable TM is named once"

# tm delete --origin removes the document whole, every language; the dry
# run says so unit by unit and deletes nothing
run tm delete --db tm.db --origin s/en.txt --dry-run
is "$(printf '%s\n' "$out" | grep -c '^would delete [0-9]*	')" 6 "delete --dry-run lists each unit of both alignments"
is "$(printf '%s\n' "$out" | tail -1)" "would delete 6" "delete --dry-run: the count"
is "$(count ko) $(count ru)" "3 3" "delete --dry-run deletes nothing"
run tm delete --db tm.db --origin s/en.txt --dry-run --json
is "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["deleted"], d["dry_run"], len(d["units"]), d["units"][0]["action"], bool(d["units"][0]["text"]))')" \
	"6 True 6 delete True" "delete --dry-run --json lists the units too"
run tm delete --db tm.db --origin s/en.txt
is "$(printf '%s\n' "$out" | tail -1)" "deleted 6" "delete --origin removes both alignments"
is "$(count ko) $(count ru)" "0 0" "nothing of the document is left"
run tm delete --db tm.db --origin s/en.txt
is "$rc:$out" "0:deleted 0" "deleting it again deletes nothing"
done_testing
