#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""translate-toolkit's tmdb against tm lookup, same units, same queries.

    /usr/bin/python3 tests/bench/bench-tmdb.py BUILD_DIR N NQ

BUILD_DIR holds tests/bench-lookup and tools/tm (ninja -C BUILD_DIR
tests/bench-lookup tools/tm). The first N units of bench-lookup's generator
go into a tmdb file and into a libtm TM; NQ of bench-lookup's queries are
looked up in both (min similarity 70, English to Russian or Korean).
Prints the per-lookup time of each (libtm through tm lookup --json, one
process for all queries of a language, start-up excluded by timing an
empty run) and how often they agree: both find nothing, or both find a
match and their best has the same source text. Needs
`apt-get install -y python3-translate` and Debian's /usr/bin/python3.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from translate.storage import tmdb

build, n, nq = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
bench = os.path.join(build, "tests", "bench-lookup")
tm = os.path.join(build, "tools", "tm")
tmp = tempfile.mkdtemp()


def lines(*args):
    out = subprocess.run([bench, *args], check=True, capture_output=True,
                         text=True).stdout
    return [l.split("\t") for l in out.splitlines()]


units = lines("dump", "-", str(n))
# queries are edits of sentences that are in this TM
os.environ["BENCH_POOL"] = str(n)
queries = lines("queries", "-", str(nq))

# tmdb is slow: its results are kept in a cache file next to the TM
# (BENCH_CACHE, default /tmp) so that a re-run measures libtm only.
cache = os.path.join(os.environ.get("BENCH_CACHE", "/tmp"),
                     f"bench-tmdb-pool-{n}-{nq}.json")
if os.path.exists(cache):
    with open(cache) as f:
        t_tmdb_build, tmdb_times, tmdb_best = json.load(f)
else:
    t0 = time.time()
    db = tmdb.TMDB(os.path.join(tmp, "tmdb.db"), max_candidates=3,
                   min_similarity=70, max_length=1000)
    for lang in ("ru", "ko"):
        db.add_list([{"source": u[1], "target": u[2], "context": ""}
                     for u in units if u[0] == lang], "en", lang)
    t_tmdb_build = time.time() - t0
    tmdb_best, tmdb_times = [], []
    for lang, q in queries:
        t0 = time.time()
        res = db.translate_unit(q, "en", lang)
        tmdb_times.append(time.time() - t0)
        res = sorted(res or [], key=lambda r: -r["quality"])
        tmdb_best.append(res[0]["source"] if res else None)
    with open(cache, "w") as f:
        json.dump([t_tmdb_build, tmdb_times, tmdb_best], f)

ours_db = os.path.join(tmp, "tm.db")
t0 = time.time()
subprocess.run([bench, "build", ours_db, str(n)], check=True,
               capture_output=True)
t_ours_build = time.time() - t0

ours_best = [None] * len(queries)
ours_time = 0.0
for lang in ("ru", "ko"):
    idx = [i for i, (l, _) in enumerate(queries) if l == lang]
    if not idx:
        continue
    text = "".join(queries[i][1] + "\n" for i in idx)
    cmd = [tm, "lookup", "--db", ours_db, "-s", "en", "-t", lang, "--json"]
    t0 = time.time()
    subprocess.run(cmd, input="", capture_output=True, text=True)
    startup = time.time() - t0
    t0 = time.time()
    r = subprocess.run(cmd, input=text, capture_output=True, text=True)
    if r.returncode not in (0, 3):
        sys.exit(f"tm lookup failed: {r.stderr}")
    out = r.stdout
    ours_time += time.time() - t0 - startup
    for i, line in zip(idx, out.splitlines()):
        m = json.loads(line)["matches"]
        ours_best[i] = m[0]["source"] if m else None

agree = sum(1 for a, b in zip(tmdb_best, ours_best) if a == b)
both = sum(1 for a, b in zip(tmdb_best, ours_best) if a and b)
only_t = sum(1 for a, b in zip(tmdb_best, ours_best) if a and not b)
only_o = sum(1 for a, b in zip(tmdb_best, ours_best) if b and not a)
tm_ms = sum(tmdb_times) / len(tmdb_times) * 1e3
ours_ms = ours_time / len(queries) * 1e3
print(f"units {n}, queries {len(queries)}")
print(f"build: tmdb {t_tmdb_build:.1f} s, libtm {t_ours_build:.1f} s")
print(f"lookup: tmdb {tm_ms:.1f} ms/query, libtm (tm lookup, start-up "
      f"excluded) {ours_ms:.3f} ms/query, ratio {tm_ms / max(ours_ms, 1e-6):.0f}x")
print(f"agreement: {agree}/{len(queries)} same best source or both none; "
      f"both matched {both}, only tmdb {only_t}, only libtm {only_o}")
