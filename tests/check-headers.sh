# SPDX-License-Identifier: MIT
# Every public header compiles on its own as C99 -pedantic and as C++.
inc=$1
n=0; failed=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for h in "$inc"/tm/*.h; do
	name=tm/$(basename "$h")
	printf '#include <%s>\nint main(void) { return 0; }\n' "$name" >"$tmp/t.c"
	for mode in c99 c++; do
		n=$((n + 1))
		if [ $mode = c99 ]; then
			cmd="${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror -I$inc -c $tmp/t.c -o $tmp/t.o"
		else
			cp "$tmp/t.c" "$tmp/t.cc"
			cmd="${CXX:-c++} -std=c++11 -pedantic -Wall -Wextra -Werror -I$inc -c $tmp/t.cc -o $tmp/t.o"
		fi
		if command -v "${cmd%% *}" >/dev/null && out=$($cmd 2>&1); then
			echo "ok $n - $name as $mode"
		elif ! command -v "${cmd%% *}" >/dev/null; then
			echo "ok $n - $name as $mode # SKIP no compiler"
		else
			failed=$((failed + 1)); echo "not ok $n - $name as $mode"
			printf '%s\n' "$out" | sed 's/^/#   /'
		fi
	done
done
echo "1..$n"
[ $failed -eq 0 ]
