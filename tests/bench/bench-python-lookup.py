#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The cost of a lookup through the Python bindings against the C API.

    PYTHONPATH=build/python /usr/bin/python3 tests/bench/bench-python-lookup.py \
        build/tests/bench-lookup DB [Q]

Runs the same Q queries (default 1000; bench-lookup's own generator,
`bench-lookup queries - Q`) through tm_lookup() in C (`bench-lookup lookup
DB Q` with BENCH_NO_CHECK=1) and through libtm.TM.lookup() in this process,
and prints the CPU per lookup of each (median, p90, p99, mean) and the
ratio. Each side makes one warm-up pass over the queries first (the C side
by a first run of bench-lookup whose figures are discarded), so that both
read a warm page cache. Not a meson test: run by hand (docs/python.md).
"""
import os
import statistics
import subprocess
import sys
import time

import libtm


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p / 100 * len(v)))]


def c_side(bench, db, nq):
    env = dict(os.environ, BENCH_NO_CHECK="1")
    subprocess.run([bench, "lookup", db, str(nq)], env=env, check=True,
                   capture_output=True)
    out = subprocess.run([bench, "lookup", db, str(nq)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return [l for l in out.splitlines() if l.startswith("lookup cpu")][0]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bench, db = sys.argv[1], sys.argv[2]
    nq = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    qs = [l.split("\t", 1) for l in subprocess.run(
        [bench, "queries", "-", str(nq)], check=True, capture_output=True,
        text=True).stdout.splitlines()]
    with libtm.TM(db, readonly=True) as tm:
        for lang, q in qs:  # warm-up pass
            tm.lookup(q, "en", lang)
        cpu, hits = [], 0
        for lang, q in qs:
            c0 = time.process_time()
            m = tm.lookup(q, "en", lang)
            cpu.append((time.process_time() - c0) * 1000)
            hits += bool(m)
    print("C API  :", c_side(bench, db, nq))
    print("Python : lookup cpu: median %.3f ms, p90 %.3f, p99 %.3f, mean "
          "%.3f ms (%d queries, %d with a match)" % (
              statistics.median(cpu), pct(cpu, 90), pct(cpu, 99),
              statistics.mean(cpu), len(cpu), hits))


if __name__ == "__main__":
    main()
