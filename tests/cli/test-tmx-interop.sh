# SPDX-License-Identifier: MIT
# Other tools read what tm export writes (each part skips when the tool is
# absent; see /work/shared/PEERS.md):
# - translate-toolkit (python3-translate) reads the same number of units;
# - OmegaT 3.6 in headless console mode uses an exported TM placed in
#   tm/auto/ and fills in the exact matches.
. "$(dirname "$0")/lib.sh"
data=$TM_SOURCE_ROOT/tests/data/tmx
have_ttk=no have_omegat=no
/usr/bin/python3 -c 'import translate.storage.tmx' 2>/dev/null && have_ttk=yes
command -v java >/dev/null && [ -f /usr/share/omegat/OmegaT.jar ] && have_omegat=yes
[ $have_ttk = no ] && [ $have_omegat = no ] && skip_all "neither translate-toolkit nor OmegaT installed"

run tm import --db i.db "$data/interop.tmx" "$data/inline.tmx"
is "$rc" 0 "fixtures import"

if [ $have_ttk = yes ]; then
	for level in "" --level1; do
		"$TM" export -q --db i.db all.tmx $level
		want=$(grep -c '<tu[ >]' all.tmx)
		run /usr/bin/python3 -c '
import sys
from translate.storage import tmx
f = tmx.tmxfile(open(sys.argv[1], "rb"))
print(len(f.units))
for u in f.units:
    print(u.source.replace("\n", " "))' all.tmx
		is "$rc" 0 "translate-toolkit reads the export $level"
		is "$(printf '%s\n' "$out" | head -1)" "$want" \
			"translate-toolkit sees all $want units $level"
		like "$out" 'Talks resumed in Moscow 📖\.' \
			"translate-toolkit reads the text $level"
	done
fi

if [ $have_omegat = yes ]; then
	mkdir -p proj/source proj/target proj/tm/auto proj/omegat proj/glossary proj/dictionary cfg
	cp "$data/omegat/omegat.project" proj/
	printf 'The central bank raised interest rates.\n\nPolice arrested two suspects.\n\nNothing in the TM matches this.\n' >proj/source/story.txt
	"$TM" export -q --db i.db proj/tm/auto/tm.tmx -s en -t ko
	timeout 600 java -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
		-jar /usr/share/omegat/OmegaT.jar --mode=console-translate \
		--config-dir="$work/cfg" --disable-project-locking --no-team \
		"$work/proj" >omegat.log 2>&1
	is "$?" 0 "OmegaT console-translate runs"
	got=$(cat proj/target/story.txt 2>/dev/null)
	like "$got" '중앙은행이 금리를 인상했다\.' "OmegaT fills in an exact match"
	like "$got" '경찰이 용의자 두 명을 체포했다\.' "OmegaT fills in a second match"
	like "$got" 'Nothing in the TM matches this\.' "unmatched text stays as is"
fi

done_testing
