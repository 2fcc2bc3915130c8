#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tm serve under load (issue #20's targets): lookups per second and p50/p99
# latency with wrk (Debian `wrk`), 50 connections on 2 threads, for the
# amaGama endpoint and the native one, against a TM of N units, each
# request a lookup (--cache 0); the same with the server's cache of
# answers (the same queries over and over, as CAT clients ask); then the
# lookups while a 100k-unit import runs through the server (no failed
# request; --cache 0, then with the cache); and the start-up time on that
# TM. Extra server options (--threads N) in $BENCH_SERVE_ARGS. Not a
# meson test; run by hand:
#   tests/bench/bench-serve.sh DB.db IMPORT.tmx [SECONDS [BUILD_DIR]]
# DB.db: a TM built with tests/bench/gen-tmx.py + tm import (1M units:
# `gen-tmx.py 1000000 1m.tmx && tm import --db 1m.db 1m.tmx`); IMPORT.tmx:
# a file of new units for the import under load (the script copies DB.db
# first, so the TM given is not changed): the generator's units 1,000,001
# to 1,100,000, which the 1M TM does not hold (`gen-tmx.py 1100000 b.tmx`,
# then keep the header and the <tu> whose tuid is over 1000000). Queries:
# 2,000 English segments of the TM with a unit in Korean, half of them
# changed (a number, a word dropped) to make fuzzy matches.
set -euo pipefail
db=${1:?usage: bench-serve.sh DB.db IMPORT.tmx [SECONDS [BUILD_DIR]]}
imp=${2:?usage: bench-serve.sh DB.db IMPORT.tmx [SECONDS [BUILD_DIR]]}
secs=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
build=${4:-$here/../../build}
tm=$build/tools/tm
command -v wrk >/dev/null || { echo "bench-serve: needs wrk (apt-get install wrk)" >&2; exit 77; }
# shellcheck disable=SC2206
extra=(${BENCH_SERVE_ARGS:-})
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

echo "# TM: $db ($(du -m "$db" | cut -f1) MB, $(sqlite3 "$db" 'select count(*) from tu') units), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# the queries
sqlite3 -separator $'\t' "$db" "select e.plain from tuv e join tuv k on k.tu_id = e.tu_id and k.lang_base = 'ko'
	where e.lang_base = 'en' and e.tu_id % 211 = 0 limit 2000" >"$work/q.txt"
python3 - "$work/q.txt" "$work" <<'PY'
import random, re, sys, urllib.parse
random.seed(20)
qs = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
out = []
for i, q in enumerate(qs):
    if i % 2:
        if re.search(r"\d", q):
            q = re.sub(r"\d", lambda m: str((int(m.group()) + 3) % 10), q, count=1)
        else:
            w = q.split(" ")
            if len(w) > 4:
                del w[len(w) // 2]
            q = " ".join(w)
    out.append(q)
with open(sys.argv[2] + "/ama.txt", "w") as f:
    for q in out:
        f.write("/tmserver/en/ko/unit/" + urllib.parse.quote(q, safe="") + "\n")
with open(sys.argv[2] + "/api.txt", "w") as f:
    for q in out:
        f.write("/api/lookup?source=en&target=ko&q=" + urllib.parse.quote(q, safe="") + "\n")
PY
echo "# $(wc -l <"$work/ama.txt") queries"

start() { # ARGS: starts tm serve on a free port, sets pid, base, ready
	local t0 t1
	# a fresh file: the previous server's line must not be read as this
	# one's (the shell truncates it only once the child runs)
	rm -f "$work/srv.out"
	t0=$(date +%s.%N)
	"$tm" serve --listen 127.0.0.1:0 "${extra[@]}" "$@" >"$work/srv.out" 2>"$work/srv.err" &
	pid=$!
	until grep -q listening "$work/srv.out" 2>/dev/null; do
		kill -0 "$pid" || { cat "$work/srv.err" >&2; exit 1; }
		sleep 0.005
	done
	port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/srv.out")
	base=http://127.0.0.1:$port
	# the first lookup opens the TM on a worker thread: the time to its
	# answer is the start-up a client sees
	until curl -s -o /dev/null "$base/tmserver/en/ko/unit/Seoul"; do sleep 0.005; done
	t1=$(date +%s.%N)
	ready=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
}
# SIGTERM, then up to 60 s for the requests in flight; say so when the
# server is still there (a stop that hangs is a bug to report)
stop() {
	local t0=$SECONDS
	kill -TERM "$pid"
	while kill -0 "$pid" 2>/dev/null && [ $((SECONDS - t0)) -lt 60 ]; do sleep 0.05; done
	if kill -0 "$pid" 2>/dev/null; then
		echo "bench-serve: tm serve $pid did not stop on SIGTERM within 60 s" >&2
		kill -KILL "$pid"
	fi
	wait "$pid" || true
	pid=
}

# CPU seconds (user + system) the server has used so far
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat"; }

# wrk PATHS SECONDS: lookups/s, p50, p99, errors, and the server's CPU
# time per request: on a shared machine wall-clock figures follow the
# other loads, the CPU per lookup much less (2 cores / it = the capacity
# of an idle machine)
load() {
	local c0 c1
	c0=$(cpu)
	BENCH_SERVE_PATHS=$1 wrk -t2 -c50 -d"$2"s --latency --timeout 10s \
		-s "$here/bench-serve.lua" "$base" >"$work/wrk.out" 2>&1
	c1=$(cpu)
	awk -v c="$(awk -v a="$c0" -v b="$c1" 'BEGIN { print b - a }')" '
	     /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 }
	     /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
	     /Non-2xx/ { bad += $NF } /Socket errors/ { err = $0 }
	     END { printf "%s lookups/s, p50 %s, p99 %s, non-2xx %d%s; server CPU %.3f ms a lookup (%.0f/s on 2 idle cores)\n",
	           rps, p50, p99, bad, err ? ", " err : "", 1000 * c / n, 2 * n / c }' "$work/wrk.out"
}

# start-up, a cold and a warm page cache; every request a lookup
start --db "$db" --cache 0
echo "start-up (launch to the first lookup answered): $ready s; the server's own: $(sed -n 's/.*ready in \([0-9.]*\) s.*/\1/p' "$work/srv.out") s; $(sed -n 's/.*(\(.*threads\).*/\1/p' "$work/srv.out")"
echo "warm-up: $(load "$work/ama.txt" 5)"
echo "amaGama /tmserver/en/ko/unit/, --cache 0: $(load "$work/ama.txt" "$secs")"
echo "native /api/lookup, --cache 0:            $(load "$work/api.txt" "$secs")"
stop
# the cache of answers: the queries asked again and again
start --db "$db"
echo "start-up again (warm page cache): $ready s"
echo "amaGama, with the cache (default 32M):    $(load "$work/ama.txt" "$secs")"
echo "native, with the cache:                   $(load "$work/api.txt" "$secs")"
stop

# the same while an import runs through the server: each request a
# lookup (--cache 0), then the server as it starts by default (its cache
# holds until the import commits)
under_import() { # NAME SERVER-OPTIONS...
	local name=$1 t0 t1 cpid wpid
	shift
	cp "$db" "$work/w.db"
	rm -f "$work/w.db-wal" "$work/w.db-shm"
	start --db "$work/w.db" --allow-writes "$@"
	load "$work/ama.txt" 3 >/dev/null
	t0=$(date +%s.%N)
	curl -s -o "$work/imp.json" -w '%{http_code}' -X POST --data-binary @"$imp" \
		"$base/api/import?origin=bench" >"$work/imp.code" &
	cpid=$!
	BENCH_SERVE_PATHS=$work/ama.txt wrk -t2 -c50 -d"$secs"s --latency --timeout 10s \
		-s "$here/bench-serve.lua" "$base" >"$work/wrk.out" 2>&1 &
	wpid=$!
	wait "$cpid"
	t1=$(date +%s.%N)
	wait "$wpid"
	echo "import through the server ($name): HTTP $(cat "$work/imp.code"), $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s: $(head -c 200 "$work/imp.json")"
	awk -v name="$name" -v secs="$secs" '/Requests\/sec/ { rps = $2 }
	     /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
	     /Non-2xx/ { bad += $NF } /Socket errors/ { err = $0 }
	     END { printf "amaGama during the import (%s s of wrk, %s): %s lookups/s, p50 %s, p99 %s, non-2xx %d%s\n", secs, name, rps, p50, p99, bad, err ? ", " err : "" }' "$work/wrk.out"
	stop
}
under_import "--cache 0" --cache 0
under_import "with the cache"
