#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Short fuzz run of one target for CI: seed a scratch corpus with the
# given files (and the target's past findings), run libFuzzer for SECONDS,
# pass when it found nothing.
#   smoke.sh FUZZER SECONDS REGRESSION_DIR SEED...
# (the long run: docs/reliability.md)
set -u
fuzzer=$(realpath "$1") seconds=$2 regressions=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
i=0
# A seed A+B is the two files joined by a NUL byte (the aligner's input).
for f in "$@" "$regressions"/*; do
	i=$((i + 1))
	case $f in
	*+*)
		{ cat "${f%%+*}"; printf '\0'; cat "${f#*+}"; } >"$work/corpus/seed-$i"
		;;
	*)
		[ -f "$f" ] && cp "$f" "$work/corpus/seed-$i"
		;;
	esac
done
cd "$work" || exit 1
# Undefined behaviour is a finding like a crash.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# One process, bounded time and memory; crash files land in $work and
# are printed by libFuzzer (base64 too) before the test fails.
"$fuzzer" -max_total_time="$seconds" -timeout=10 -error_exitcode=1 -timeout_exitcode=1 -rss_limit_mb=2048 \
	-print_final_stats=1 -print_pcs=0 -max_len=65536 corpus 2>&1 |
	grep -vE '^#[0-9]+.*(NEW|REDUCE|pulse)' 
rc=${PIPESTATUS[0]}
for c in crash-* leak-* timeout-* oom-*; do
	[ -f "$c" ] || continue
	echo "finding: $c ($(wc -c <"$c") bytes), base64:"
	base64 -w 76 "$c"
done
exit "$rc"
