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

done_testing
