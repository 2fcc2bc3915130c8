# SPDX-License-Identifier: MIT
# Docs and code stay in step: every command has a man page that names
# every option its --help lists, and tm.1 lists every command.
. "$(dirname "$0")/lib.sh"
docs=$TM_SOURCE_ROOT/docs

run tm --help
commands=$(printf '%s\n' "$out" | sed -n '/^Commands:/,/^$/p' | awk 'NF>1 {print $1}')
[ -n "$commands" ] || fail "tm --help lists commands"

for cmd in $commands; do
	grep -q "^\.B $cmd\$" "$docs/tm.1" && pass "tm.1 lists $cmd" ||
		fail "tm.1 lists $cmd" "add a .TP/.B $cmd entry to docs/tm.1"
	case $cmd in help|version) continue ;; esac
	page=$docs/tm-$cmd.1
	if [ ! -f "$page" ]; then
		fail "tm-$cmd.1 exists"
		continue
	fi
	pass "tm-$cmd.1 exists"
	run tm "$cmd" --help
	is "$rc" 0 "tm $cmd --help exits 0"
	for opt in $(printf '%s\n' "$out" | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
		troff=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		if grep -qE -- "$troff|$opt" "$page"; then
			pass "tm-$cmd.1 documents $opt"
		else
			fail "tm-$cmd.1 documents $opt"
		fi
	done
done

# The version is set in meson.build alone; each page's .TH line names it.
run tm version
version=$(printf '%s' "$out" | sed -n 's/^tm \([^ ]*\) .*/\1/p')
for page in "$docs"/tm*.1; do
	if grep -q "^\.TH .* \"libtm $version\"" "$page"; then
		pass "$(basename "$page") names libtm $version"
	else
		fail "$(basename "$page") names libtm $version" "$(head -1 "$page")"
	fi
done
# docs/architecture.md names every file of libtm/ and tools/, and no file
# that does not exist
arch=$docs/architecture.md
root=$TM_SOURCE_ROOT
for f in $(cd "$root" && ls -d libtm/* tools/* tools/serve/*); do
	case $f in tools/serve) continue ;; esac
	grep -qF "\`$f\`" "$arch" || grep -qF "\`$f/\`" "$arch" &&
		pass "architecture.md names $f" ||
		fail "architecture.md names $f" "add it to the Files table"
done
for f in $(grep -oE '`(libtm|tools)/[A-Za-z0-9_./-]+`' "$arch" | tr -d '`' | sort -u); do
	[ -e "$root/$f" ] && pass "architecture.md: $f exists" ||
		fail "architecture.md: $f exists" "named in docs/architecture.md, absent from the tree"
done

# The README's C program compiles against the public headers as they are
# (a renamed call or a reordered argument would break it in silence).
ex=$(awk '/^#include <stdio.h>/{f=1} f{print} f&&/^}/{exit}' "$TM_SOURCE_ROOT/README.md")
if [ -z "$ex" ]; then
	fail "README has its C example"
elif ! command -v "${CC:-cc}" >/dev/null; then
	pass "README's C example: no C compiler to check it # SKIP"
else
	printf '%s\n' "$ex" >readme-example.c
	if err=$("${CC:-cc}" -std=c11 -Wall -Wextra -Werror -fsyntax-only \
		-I"$TM_SOURCE_ROOT/include" readme-example.c 2>&1); then
		pass "README's C example compiles against include/"
	else
		fail "README's C example compiles against include/" "$err"
	fi
	rm -f readme-example.c
fi
done_testing
