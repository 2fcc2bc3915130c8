#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# TMX import benchmark (issue #3's target: 1,000,000 units in <= 15 s,
# indexes included, peak memory <= 200 MB). Not a meson test; run by hand:
#   tests/bench/bench-import.sh [N [BUILD_DIR]]     (default 1000000, build)
# Generates the TMX of N en/ko/ru units with tests/bench/gen-tmx.py (cached
# in $BENCH_DIR, default /tmp/libtm-bench), imports it RUNS times (default
# 3) into a fresh TM under /usr/bin/time -v, and prints for each run the
# wall time, the CPU time (user + sys) and the peak RSS with the load
# average at its start, then the medians, the file size and where its
# bytes go (dbstat): rows, the exact-match key index, the candidate index
# (tm_ix_post with its key index, and tm_ix_meta) against the plain text
# stored. The machine may be shared: CPU time is the figure to compare.
. "$(dirname "$0")/bench-lib.sh"
db=$dir/import-bench.db
echo "# file: $tmx ($(du -m "$tmx" | cut -f1) MB, $n TUs), $(nproc) cores"

: >"$dir/import-runs"
for i in $(seq "$runs"); do
	rm -f "$db" "$db-wal" "$db-shm"
	load=$(cut -d' ' -f1 /proc/loadavg)
	t=$(timed "$tm" import -q --db "$db" "$tmx") || { echo "import failed"; exit 1; }
	read -r w c u sy m <<<"$t"
	echo "run $i: wall $w s, cpu $c s (user $u + sys $sy), max RSS $m MB, load average $load"
	echo "$w $c $m" >>"$dir/import-runs"
done
sort -n -k2 "$dir/import-runs" | awk -v n="$n" '{ w[NR] = $1; c[NR] = $2; m[NR] = $3 }
	END { k = int((NR + 1) / 2)
	      printf "median (by cpu): cpu %.2f s = %.0f TUs per CPU second, wall %.2f s, max RSS %.0f MB\n", c[k], n / c[k], w[k], m[k] }'

size=$(stat -c %s "$db")
sqlite3 "$db" "
	SELECT sum(pgsize) FROM dbstat;
	SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ('tuv', 'tu', 'prop', 'note', 'origin');
	SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = 'tuv_key_hash';
	SELECT coalesce(sum(pgsize), 0) FROM dbstat
	 WHERE name LIKE 'tm_ix%' OR name LIKE 'sqlite_autoindex_tm_ix%';
	SELECT count(*) FROM tm_ix_post;
	SELECT count(DISTINCT term) FROM tm_ix_post;
	SELECT sum(length(CAST(plain AS BLOB))) FROM tuv;" | tr '\n' ' ' |
	awk -v f="$size" -v n="$n" '{ mb = 1048576
	printf "TM file: %.0f MB (%.0f bytes/unit)\n", f / mb, f / n
	printf "  rows (tu, tuv, prop, note, origin): %.0f MB\n", $2 / mb
	printf "  exact-match index tuv_key_hash: %.1f MB\n", $3 / mb
	printf "  candidate index (tm_ix_post, %d rows for %d terms, with its key index and tm_ix_meta): %.0f MB = %.2fx the plain text (%.0f MB)\n", $5, $6, $4 / mb, $4 / $7, $7 / mb
	printf "  whole file = %.2fx the plain text\n", f / $7 }'
