# SPDX-License-Identifier: MIT
# The command table, help, version, usage errors and exit codes.
. "$(dirname "$0")/lib.sh"

run tm --version
is "$rc" 0 "--version exits 0"
like "$out" '^tm [0-9]+\.[0-9]+\.[0-9]+ \(libtm ' "--version prints the version"

run tm --help
is "$rc" 0 "--help exits 0"
like "$out" 'Commands:' "--help lists the commands"

run tm
is "$rc" 2 "no command is a usage error"
like "$err" "^tm: error: no command given" "no command: one-line message"

run tm frobnicate
is "$rc" 2 "unknown command exits 2"
is "$err" "tm: error: unknown command 'frobnicate'
Try 'tm --help'." "unknown command message"

run tm help version
is "$rc" 0 "tm help <cmd> exits 0"
like "$out" '^Usage: tm version' "tm help <cmd> shows its usage"

# Options may follow operands, as in GNU tools; "--" ends the options.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'One sentence. Another one.\n' >"$tmp/story.txt"
run tm segment "$tmp/story.txt" -l en
is "$rc" 0 "an option after the operand is accepted"
is "$out" "One sentence.
Another one." "an option after the operand still applies"
run tm add -s en -t ru Hello --db "$tmp/t.db" Привет
is "$rc" 0 "options between operands are accepted"
run tm export "$tmp/out.tmx" --db "$tmp/t.db" -q
is "$rc" 0 "tm export: options after the output file"
like "$(cat "$tmp/out.tmx")" "Привет" "tm export: wrote the unit"
run tm import "$tmp/out.tmx" --db "$tmp/u.db" -q
is "$rc" 0 "tm import: options after the file"
# -d and -j mean --db and --json in every command that has them.
run tm stats -d "$tmp/u.db" -j
is "$rc" 0 "tm stats -d -j"
like "$out" '"units": ?1' "-d picks the TM and -j prints JSON"
run tm lookup --db "$tmp/u.db" -s en -t ru -- --db
is "$rc" 0 "after --, an operand that looks like an option is text"
is "$out" "" "after --: no match for the text '--db'"

done_testing
