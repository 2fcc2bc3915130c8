# SPDX-License-Identifier: MIT
# tm add, tm delete, tm stats on real TM files: output, JSON, errors, exit
# codes, and that a failed command leaves the TM as it was.
. "$(dirname "$0")/lib.sh"
unset TM_DB

run tm add -s EN-us -t ko "Seoul stocks fell." "서울 증시가 하락했다."
is "$rc" 0 "add exits 0"
is "$out" "added 1" "add prints the new id"
[ -f tm.db ] && pass "add creates tm.db in the current directory" ||
	fail "add creates tm.db in the current directory"

run tm add --json -s en-US -t ko "Seoul stocks fell." "서울 증시가 하락했다."
is "$rc" 0 "add of a duplicate exits 0"
is "$out" '{"format":1,"id":1,"result":"merged"}' "a duplicate is merged (JSON)"

run tm add --duplicates keep -s en-US -t ko "Seoul stocks fell." "서울 증시가 하락했다."
is "$out" "added 2" "--duplicates keep stores it again"
run tm add --duplicates sometimes -s en -t ko a 나
is "$rc" 2 "an unknown --duplicates mode is a usage error"

TM_DB=other.db run tm add --origin wire.tmx -s en -t ru "Rain." "Дождь."
is "$out" "added 1" "TM_DB picks the file"
run tm add --db other.db --origin wire.tmx -s en -t ru "Snow." "Снег."
is "$out" "added 2" "--db picks the file"
run tm add --db other.db -s ko -t ru "비." "Дождь."
is "$rc" 0 "a third language in the same TM"

run tm stats --db other.db
is "$rc" 0 "stats exits 0"
like "$out" "^units +3$" "stats counts units"
like "$out" "variants +6" "stats counts variants"
like "$out" "en / ru +2 +4" "stats counts a pair"
like "$out" "^ +2 - +wire.tmx$" "stats counts an origin"
like "$out" "^ +1 - +\(none\)$" "stats counts units without origin"

# many languages: the pairs most units hold, the rest summarised; a long
# origin comes last on its line, the figures keep their columns
long=$(printf 'a-rather-long-file-name-%.0s' 1 2 3 4)six-languages.tmx
{
	printf '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n'
	printf '<tu><tuv xml:lang="en"><seg>Rain.</seg></tuv><tuv xml:lang="ru"><seg>Дождь.</seg></tuv><tuv xml:lang="ko"><seg>비.</seg></tuv><tuv xml:lang="de"><seg>Regen.</seg></tuv><tuv xml:lang="fr"><seg>Pluie.</seg></tuv><tuv xml:lang="es"><seg>Lluvia.</seg></tuv></tu>\n'
	printf '</body></tmx>\n'
} >"$long"
run tm import -q --db many.db "$long"
run tm add --db many.db -s en -t ru "Snow." "Снег."
run tm stats --db many.db
is "$(printf '%s\n' "$out" | grep -c ' / ')" 10 "stats: ten pairs of fifteen listed"
like "$out" "^en / ru +2 +4$" "stats: the pair with most units first"
like "$out" "^\(5 more pairs with fewer units; --all lists every pair\)$" "stats: the other pairs summarised"
like "$out" "^pairs +15$" "stats: the number of pairs"
like "$out" "^ +1 yes +$long$" "stats: a long origin last on its line"
run tm stats --db many.db --all
is "$(printf '%s\n' "$out" | grep -c ' / ')" 15 "stats --all lists every pair"

run tm stats --db other.db --json
is "$rc" 0 "stats --json exits 0"
if command -v python3 >/dev/null; then
	j=$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["format"], d["units"], d["variants"], d["schema_version"] > 0,
      [(l["lang"], l["units"], l["variants"]) for l in d["languages"]],
      [(p["langs"], p["units"]) for p in d["pairs"]],
      [(o["name"], o["units"]) for o in d["origins"]], d["file_bytes"] > 0)')
	is "$j" "1 3 6 True [('en', 2, 2), ('ko', 1, 1), ('ru', 3, 3)] [(['en', 'ru'], 2), (['ko', 'ru'], 1)] [('wire.tmx', 2), (None, 1)] True" \
		"stats --json has every figure"
fi

# delete
run tm delete --db other.db --id 1,7
is "$rc" 1 "delete of a missing id fails"
like "$err" "^tm delete: error: db: other.db: no unit 7" "missing id: message"
run tm stats --db other.db --json
like "$out" '"units":3' "a failed delete deletes nothing"

run tm delete --db other.db --id 3 --dry-run
is "$rc$out" "0would delete 1" "delete --id --dry-run says what it would delete"
run tm stats --db other.db --json
like "$out" '"units":3' "delete --id --dry-run deletes nothing"
run tm delete --db other.db --id 3 --json
is "$rc" 0 "delete by id exits 0"
is "$out" '{"format":1,"deleted":1,"kept":0,"dry_run":false}' "delete --json"
run tm delete --db other.db --origin wire.tmx --dry-run
is "$(printf '%s\n' "$out" | grep -c '^would delete [0-9]*	')" 2 "delete --dry-run lists the units"
is "$(printf '%s\n' "$out" | tail -1)" "would delete 2" "delete --dry-run says how many"
run tm stats --db other.db --json
like "$out" '"units":2' "delete --dry-run deletes nothing"
run tm delete --db other.db --origin wire.tmx
is "$(printf '%s\n' "$out" | grep -c '^delete [0-9]*	')" 2 "delete by origin lists what it deletes"
is "$(printf '%s\n' "$out" | tail -1)" "deleted 2" "delete by origin"
run tm stats --db other.db --json
like "$out" '"units":0' "the TM is empty"

run tm delete --db other.db
is "$rc" 2 "delete without --id or --origin is a usage error"
like "$err" "nothing to delete" "usage message"
run tm delete --db other.db --id x
is "$rc" 2 "a bad id is a usage error"
is "$err" "tm delete: error: --id: 'x' is not a unit id
Try 'tm delete --help'." "bad id message"
run tm delete --db absent.db --id 1
is "$rc" 1 "delete never creates a TM"
is "$err" "tm delete: error: db: absent.db: no such translation memory" \
	"missing TM message"
[ ! -e absent.db ] && pass "no file was created" || fail "no file was created"

# usage errors of add
run tm add -s en "a" "b"
is "$rc" 2 "add without -t is a usage error"
run tm add -s en -t "not a tag" "a" "b"
is "$rc" 2 "add with a bad language is a usage error"
like "$err" "unknown language 'not a tag'" "bad language message"
run tm add -s en -t ko "only one"
is "$rc" 2 "add with one text is a usage error"
run tm add -s en -t ko "" "b"
is "$rc" 2 "add with an empty text is a usage error"
run tm add -s en -t ko "$(printf 'bad \377 byte')" "b"
is "$rc" 1 "add with invalid UTF-8 fails"
like "$err" "SRC: invalid UTF-8 at byte 4" "invalid UTF-8 message"

# files that are not translation memories
printf 'just some text, not a database at all, long enough for a header..........................................\n' >text.db
run tm stats --db text.db
is "$rc" 1 "stats of a text file fails"
is "$err" "tm stats: error: db: text.db: not a translation memory (not an SQLite database)" \
	"not-SQLite message"
cp text.db text.orig
run tm add --db text.db -s en -t ko a 나
is "$rc" 1 "add to a text file fails"
cmp -s text.db text.orig && pass "the text file is untouched" ||
	fail "the text file is untouched"

if command -v sqlite3 >/dev/null; then
	sqlite3 foreign.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
	run tm add --db foreign.db -s en -t ko a 나
	is "$rc" 1 "add to another application's database fails"
	like "$err" "not a translation memory \(an SQLite database of another application\)" \
		"foreign database message"
	is "$(sqlite3 foreign.db 'SELECT count(*) FROM sqlite_master')" 1 \
		"the foreign database is untouched"

	run tm add --db newer.db -s en -t ko a 나
	sqlite3 newer.db 'PRAGMA user_version = 7'
	run tm stats --db newer.db
	is "$rc" 1 "stats of a newer TM fails"
	like "$err" "^tm stats: error: db: newer.db: schema version 7 is newer than this libtm supports \([0-9]+\)$" \
		"newer schema message"

	# A writer holding the lock: add waits, then fails; nothing changes.
	run tm add --db locked.db -s en -t ko a 나
	( sqlite3 locked.db 'BEGIN IMMEDIATE; SELECT 1;' '.shell sleep 7' 'COMMIT;' >/dev/null 2>&1 & )
	sleep 1
	TM_BUSY_TIMEOUT=2 run tm add --db locked.db -s en -t ko c 다
	is "$rc" 1 "add to a locked TM fails after the timeout"
	like "$err" "locked by another process \(waited 2000 ms\)" \
		"locked message (TM_BUSY_TIMEOUT=2)"
	# Without TM_BUSY_TIMEOUT a writer waits up to 60 s: this one gets
	# the lock when the other writer commits and succeeds.
	run tm add --db locked.db -s en -t ko e 라
	is "$rc" 0 "add waits for the lock by default and succeeds"
	run tm stats --db locked.db --json
	like "$out" '"units":2' "the failed add changed nothing, the waiting one added"
	TM_BUSY_TIMEOUT=soon run tm stats --db locked.db
	like "$err" "TM_BUSY_TIMEOUT: 'soon' is not a number" \
		"a bad TM_BUSY_TIMEOUT is reported"
fi

# Read-only: reads work, writes fail clearly (not as root: root writes anyway).
if [ "$(id -u)" != 0 ]; then
	mkdir ro && cp tm.db ro/ && chmod 555 ro && chmod 444 ro/tm.db
	run tm stats --db ro/tm.db
	is "$rc" 0 "stats of a read-only TM works"
	run tm add --db ro/tm.db -s en -t ko x 야
	is "$rc" 1 "add to a read-only TM fails"
	like "$err" "read-only" "read-only message"
	chmod 755 ro
fi

# language tags and scripts (docs/tm-add.1)
run tm add --db tags.db -s english -t ko "Rain." "비."
is "$rc:$err" "2:tm add: error: --source-lang: unknown language 'english' (no ISO 639 language has the code of its first part; en, ko, ru are)
Try 'tm add --help'." "a word that is no language tag is a usage error"
run tm add --db tags.db -s en -t korean "Rain." "비."
is "$rc" 2 "'korean' is a usage error"
run tm add --db tags.db -s en -t xx "Rain." "비."
is "$rc" 2 "'xx' (no such language) is a usage error"
run tm add --db tags.db -s en -t eng "Rain." "비."
like "$rc:$err" "^2:.*unknown language 'eng' \(BCP 47 writes 'eng' as 'en'\)" \
	"a three-letter code with a two-letter one says which"
run tm add --db tags.db -s en -t kr "Rain." "비."
is "$rc:$err" "1:tm add: error: TGT: the kr text '비.' has no Latin letter (--force stores it anyway)" \
	"kr (Kanuri) is a language, but Hangul is not its script"
run tm add --db tags.db -s en -t ko "Rain." "Rain."
is "$rc:$err" "1:tm add: error: TGT: the ko text 'Rain.' has no Hangul or Han letter (--force stores it anyway)" \
	"ko text without Hangul is refused"
run tm add --db tags.db -s ru -t en "Rain." "Дождь."
is "$rc:$err" "1:tm add: error: SRC: the ru text 'Rain.' has no Cyrillic letter (--force stores it anyway)" \
	"ru text without Cyrillic is refused"
[ ! -e tags.db ] && pass "nothing refused made a TM" || fail "nothing refused made a TM"
run tm add --db tags.db -s en -t ko "The G20 summit." "G20 정상회의."
is "$rc" 0 "Latin letters beside Hangul pass"
run tm add --db tags.db -s en -t ko "3.5%" "3.5%"
is "$rc" 0 "a text without letters passes"
run tm add --db tags.db --force -s en -t kr "Rain." "비."
is "$rc" 0 "--force stores it anyway"
run tm stats --db tags.db
like "$out" "kr " "the kr variant is stored"

run tm add --help
is "$rc" 0 "add --help exits 0"
like "$out" "--source-lang" "add --help lists its options"

done_testing
