# SPDX-License-Identifier: MIT
# The TMX interoperability corpus ($TM_SHARED_DATA/tmx, see its CATALOG.md):
# - every real file at the top level and every compliance-kit file imports
#   with the TU count MANIFEST.tsv gives (.gz and .zip included);
# - export of it validates against tmx14.dtd, and import -> export ->
#   import -> export gives the same bytes (same units, variants, markup,
#   props, notes; the C test test-tmx compares plain text field by field);
# - every file in invalid/ gets the behaviour chosen for it below.
. "$(dirname "$0")/lib.sh"
shared_data || skip_all "shared data absent"
corpus=$TM_SHARED_DATA/tmx
[ -f "$corpus/MANIFEST.tsv" ] || skip_all "no TMX corpus"
dtd=$corpus/dtd/tmx14.dtd
command -v xmllint >/dev/null || dtd=

# one file per run: its "units" count (no python per file: it is slow)
json_units() { sed -n 's/.*"units": *\([0-9]*\).*/\1/p'; }

n_files=0 n_count=0 n_valid=0 n_rt=0
# awk, not read: IFS would merge the empty fields of the TSV
while IFS='|' read -r file tus; do
	case $file in
	file | dtd/* | invalid/* | *.txt) continue ;;
	esac
	n_files=$((n_files + 1))
	db=$work/c$n_files.db
	name=$(basename "$file")
	out=$("$TM" import --db "$db" --json --duplicates=keep "$corpus/$file" 2>"$work/err")
	rc=$?
	got=$(printf '%s' "$out" | json_units)
	if [ "$rc" = 0 ] && [ "$got" = "$tus" ]; then
		n_count=$((n_count + 1))
		pass "$file: $tus units"
	else
		fail "$file: $tus units" "rc=$rc got=$got $(head -3 "$work/err")"
		continue
	fi
	"$TM" export --db "$db" -q --origin "$name" "$work/e1.tmx"
	if [ -n "$dtd" ]; then
		if xmllint --noout --nonet --dtdvalid "$dtd" "$work/e1.tmx" 2>"$work/xerr"; then
			n_valid=$((n_valid + 1))
			pass "$file: export validates"
		else
			fail "$file: export validates" "$(head -3 "$work/xerr")"
		fi
	fi
	rm -f "$work/r.db"*
	"$TM" import -q --db "$work/r.db" --duplicates=keep "$work/e1.tmx" 2>/dev/null
	"$TM" export --db "$work/r.db" -q --origin e1.tmx "$work/e2.tmx"
	if cmp -s "$work/e1.tmx" "$work/e2.tmx"; then
		n_rt=$((n_rt + 1))
		pass "$file: round trip"
	else
		fail "$file: round trip" "$(diff "$work/e1.tmx" "$work/e2.tmx" | head -5)"
	fi
	rm -f "$db"*
done < <(awk -F'\t' '{print $1 "|" $13}' "$corpus/MANIFEST.tsv")
echo "# corpus: $n_files files, $n_count with the manifest count, $n_valid valid exports, $n_rt round trips"

# invalid/: file, expected exit status, expected units, a message pattern
# (all are lenient repairs with a warning naming file:line:column).
while IFS='|' read -r file want_rc want_units pattern; do
	[ -f "$corpus/invalid/$file" ] || { fail "invalid/$file present"; continue; }
	rm -f "$work/i.db"*
	out=$("$TM" import --db "$work/i.db" --json --duplicates=keep "$corpus/invalid/$file" 2>"$work/err")
	rc=$?
	got=$(printf '%s' "$out" | json_units)
	is "$rc/$got" "$want_rc/$want_units" "invalid/$file: exit $want_rc, $want_units units"
	like "$(cat "$work/err")" "$pattern" "invalid/$file: $pattern"
	# whatever came in, the export is valid TMX 1.4b
	if [ -n "$dtd" ]; then
		"$TM" export -q --db "$work/i.db" "$work/i.tmx"
		if xmllint --noout --nonet --dtdvalid "$dtd" "$work/i.tmx" 2>"$work/xerr"; then
			pass "invalid/$file: export validates"
		else
			fail "invalid/$file: export validates" "$(head -3 "$work/xerr")"
		fi
	fi
done <<'EOF'
ctext__example.tmx|0|2|ctext__example.tmx:2:1: unknown TMX version '1\.4\.'
heartsome-tmserver__UTF-16LE.TMX|0|2|UTF-16LE.TMX:2:1: <tmx> lacks version
heartsome-tmserver__utf-16be.tmx|0|2|utf-16be.tmx:2:1: <tmx> lacks version
heartsome-tmserver__utf16be-nobom.tmx.xml|0|69|nobom.tmx.xml:2:1: <tmx> lacks version
lokalize__test.tmx|0|1|lokalize__test.tmx:9:13: date '20230314' is not in TMX form
omegat__softcatala-empty-tu.tmx|0|1|softcatala-empty-tu.tmx:16:10: <tu> without <tuv> skipped
omegat__test-omegat-invalid.tmx|0|4|test-omegat-invalid.tmx:26:7: the file mixes lang and xml:lang
t5memory__test_no_skip_keep.tmx|0|5|test_no_skip_keep.tmx:12:77: Namespace prefix t5 on n is not defined
test__omegat-invalid.tmx|0|1|omegat-invalid.tmx:12:6: <ept i="1"> without its <bpt>
translate5__DummyTmxData.tmx|0|1|DummyTmxData.tmx:4:1: <header> lacks creationtool
xml-tmx-perl__sample-old.tmx|0|7|sample-old.tmx:3:1: unknown TMX version 'version 1\.1'
zanata__dubious-tm-with-underscores.tmx|0|1|underscores.tmx:17:5: language tag 'en_US' read as 'en-US'
EOF

done_testing
