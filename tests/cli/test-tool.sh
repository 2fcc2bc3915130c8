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
like "$out" 'See tm\(1\)\.$' "help and version point at tm(1), the page that describes them"
run tm help --help
is "$rc:$(printf '%s\n' "$out" | head -1)" "0:Usage: tm help [COMMAND]" "tm help --help shows help's own usage"
run tm help help
is "$rc:$(printf '%s\n' "$out" | head -1)" "0:Usage: tm help [COMMAND]" "tm help help shows help's usage"
unlike "$out" 'tm-help' "no man page that does not exist"
run tm help foo
is "$rc" 2 "tm help <unknown> is a usage error"
is "$err" "tm: error: unknown command 'foo'
Try 'tm --help'." "tm help <unknown> points at the list of commands, not back at itself"
run tm help stats lookup
is "$rc" 2 "tm help takes one command"
run tm --verbose stats
is "$rc" 2 "an option before the command is a usage error"
like "$err" "^tm: error: '--verbose' goes after the command: tm stats --verbose" "it says where the option goes"
run tm --frob
like "$rc:$err" "^2:tm: error: unknown option '--frob'" "an option and no command: unknown option, not unknown command"
run tm version --foo
is "$rc" 2 "tm version --foo is a usage error"
run tm version extra
is "$rc" 2 "tm version takes no argument"
run tm version
like "$rc:$out" '^0:tm [0-9]' "tm version still prints the version"

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
