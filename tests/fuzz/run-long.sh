#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The long fuzz run (docs/reliability.md): one target at a time, with a
# corpus that persists between runs, until coverage stops growing.
#
#   tests/fuzz/run-long.sh [-b BUILD] [-c CORPUS_ROOT] TARGET SECONDS [LIBFUZZER_ARG...]
#
# TARGET is segment, srx, tmx, align or lookup; BUILD is a build directory
# configured with -Dfuzzing=true (default build-fuzz); the corpus lives in
# CORPUS_ROOT/TARGET (default BUILD/fuzz-corpus) and is seeded from
# samples/, tests/data and tests/fuzz/seeds (never from ../shared). Extra
# arguments go to libFuzzer (e.g. -fork=1 -ignore_crashes=1 to go on
# after a finding). Findings (crash-*, leak-*, timeout-*, oom-*) land in
# CORPUS_ROOT/findings-TARGET. At the end it prints one summary line:
#
#   TARGET: N execs in S s, cov C, ft F, corpus K; cov within 1% of
#   final at P s, last grew at T s (#E), ft at U s; findings: ...
#
# and the whole libFuzzer log, each line prefixed with the seconds since
# the start, is kept in CORPUS_ROOT/TARGET.log.
set -u
cd "$(dirname "$0")/../.." || exit 1
root=$PWD build=build-fuzz corpus_root=
while getopts b:c: o; do
	case $o in
	b) build=$OPTARG ;;
	c) corpus_root=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -lt 2 ]; then
	sed -n '6,8p' "$0" >&2
	exit 2
fi
target=$1 seconds=$2
shift 2
fuzzer=$build/tests/fuzz/fuzz-$target
[ -x "$fuzzer" ] || { echo "run-long: no $fuzzer (ninja -C $build?)" >&2; exit 1; }
corpus_root=${corpus_root:-$build/fuzz-corpus}
# libFuzzer runs in the findings directory: the fuzzer and the corpus go
# by their full paths (-b and -c may be relative or absolute)
case $fuzzer in /*) ;; *) fuzzer=$root/$fuzzer ;; esac
case $corpus_root in /*) ;; *) corpus_root=$root/$corpus_root ;; esac
corpus=$corpus_root/$target findings=$corpus_root/findings-$target
log=$corpus_root/$target.log
mkdir -p "$corpus" "$findings" || exit 1

stories="chip-export rail-link ramyeon-exports rate-decision typhoon-reordered"
seed() { cp "$1" "$corpus/seed-$(basename "$(dirname "$1")")-$(basename "$1")"; }
case $target in
segment)
	for s in $stories; do for l in en ko ru; do
		seed "samples/$s/$l.txt"
	done; done ;;
srx) for f in tests/fuzz/seeds/srx/*; do seed "$f"; done ;;
tmx)
	seed samples/sample.tmx
	for f in tests/data/tmx/*.tmx tests/fuzz/seeds/tmx/*; do seed "$f"; done ;;
align)
	# source, NUL, target: the aligner target's input
	for s in $stories; do for l in ko ru; do
		{ cat "samples/$s/en.txt"; printf '\0'; cat "samples/$s/$l.txt"; } \
			>"$corpus/seed-$s-en-$l"
	done; done ;;
lookup)
	for f in tests/fuzz/seeds/lookup/*; do seed "$f"; done
	for s in $stories; do for l in en ko ru; do
		seed "samples/$s/$l.txt"
	done; done ;;
*) echo "run-long: unknown target $target" >&2; exit 2 ;;
esac
# Past findings are seeds too: the fixed code must stay fixed.
if [ -d "tests/data/fuzz-regressions/$target" ]; then
	for f in "tests/data/fuzz-regressions/$target"/*; do seed "$f"; done
fi

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export TM_SOURCE_ROOT=$root
SECONDS=0
(cd "$findings" && exec "$fuzzer" -max_total_time="$seconds" \
	-timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	"$@" "$corpus" 2>&1) |
	while IFS= read -r line; do
		printf '%d %s\n' "$SECONDS" "$line"
	done >"$log"
rc=${PIPESTATUS[0]}

# Coverage over time: the last "cov:"/"ft:" of the log, and when each
# last grew (libFuzzer's status lines: "#N NEW cov: C ft: F corp: K/..."
# and, with -fork, "#N: cov: C ft: F corp: K ...").
awk -v target="$target" -v rc="$rc" '
$2 ~ /^#[0-9]+:?$/ && / cov: / {
	n = $2; gsub(/[#:]/, "", n)
	for (i = 3; i < NF; i++) {
		if ($i == "cov:") c = $(i + 1) + 0
		if ($i == "ft:") f = $(i + 1) + 0
		if ($i == "corp:") { k = $(i + 1); sub(/\/.*/, "", k) }
	}
	if (c > cov) { cov = c; cov_t = $1; cov_n = n; nc++; ct[nc] = $1; cv[nc] = c }
	if (f > ft) { ft = f; ft_t = $1 }
	execs = n; t = $1
}
/^[0-9]+ stat::number_of_executed_units:/ { execs = $3 }
/^[0-9]+ Done [0-9]+ runs in/ { t = $6 }
END {
	# the plateau: when coverage came within 1% of its final value
	for (i = 1; i <= nc && cv[i] < 0.99 * cov; i++)
		;
	printf "%s: %d execs in %d s, cov %d, ft %d, corpus %s; cov within 1%% of final at %d s, last grew at %d s (#%d), ft at %d s; libFuzzer exit %d\n",
	       target, execs, t, cov, ft, k, ct[i], cov_t, cov_n, ft_t, rc
}' "$log"
found=$(ls "$findings")
echo "findings: ${found:-none}"
exit "$rc"
