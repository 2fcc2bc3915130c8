# SPDX-License-Identifier: MIT
# The shared library exports exactly the functions declared TM_API in the
# public headers: nothing internal leaks, nothing declared is missing.
lib=$1 inc=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TWDBR]$/ {print $3}' |
	grep -v '^_' | sed 's/@.*//' | sort -u >"$tmp/exported"
cat "$inc"/tm/*.h | tr '\n' ' ' | sed 's/;/;\n/g' | grep 'TM_API' |
	grep -oE '\**(tm_[a-z0-9_]+) *\(' | tr -d '*( ' | sort -u >"$tmp/declared"
n=0 failed=0
while read -r s; do
	n=$((n + 1))
	if grep -qx "$s" "$tmp/declared"; then echo "ok $n - $s is declared"
	else failed=$((failed + 1)); echo "not ok $n - $s is exported but not TM_API"; fi
done <"$tmp/exported"
while read -r s; do
	n=$((n + 1))
	if grep -qx "$s" "$tmp/exported"; then echo "ok $n - $s is exported"
	else failed=$((failed + 1)); echo "not ok $n - $s is declared but not exported"; fi
done <"$tmp/declared"
echo "1..$n"
[ $failed -eq 0 ]
