#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The page of tm serve in a real browser (test-page.js): Debian's chromium
# driven by puppeteer-core from this folder's node_modules (scripts/setup
# runs `npm ci` here). Skips (77) when node, chromium or the module is
# absent: exit 77, or with --tap (meson's TAP protocol, where 77 is an
# error) a "1..0 # SKIP" plan and 0. Never downloads a browser.
here=$(cd "$(dirname "$0")" && pwd)
tap=
[ "${1:-}" = --tap ] && tap=1
skip() {
	if [ -n "$tap" ]; then echo "1..0 # SKIP $1"; exit 0; fi
	echo "skip: $1"
	exit 77
}
command -v node >/dev/null || skip "node is absent"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || skip "chromium is absent"
[ -d "$here/node_modules/puppeteer-core" ] ||
	skip "no puppeteer-core: run 'npm ci' in tests/web (scripts/setup does)"
"$TM" help serve >/dev/null 2>&1 || skip "tm serve is not built"
exec node "$here/test-page.js"
