# SPDX-License-Identifier: MIT
"""No growth of memory over 100,000 lookups: Python objects (tracemalloc)
and the whole process (RSS, which sees the C library's allocations)."""
import gc
import os
import tracemalloc

import libtm
from conftest import SAMPLES

N = int(os.environ.get("LIBTM_PY_LOOKUPS", "100000"))


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def test_no_growth_over_many_lookups(sample_tm):
    qs = []
    for u in sample_tm:
        qs += [u.text("en"), u.text("en").replace("percent", "pct")]
    qs += ["Nothing like it at all", "기준금리", "Москва"]

    def batch(n):
        hits = 0
        for i in range(n):
            for m in sample_tm.lookup(qs[i % len(qs)], "en", "ko",
                                      min_score=50):
                hits += len(m.target) > 0
        c = sample_tm.concord("rate", "en")
        return hits + len(c)

    batch(2000)  # warm the caches of the connection and of Python
    gc.collect()
    tracemalloc.start()
    rss0 = rss_kib()
    base, _ = tracemalloc.get_traced_memory()
    hits = batch(N)
    gc.collect()
    cur, _ = tracemalloc.get_traced_memory()
    rss1 = rss_kib()
    tracemalloc.stop()
    assert hits > N // 2
    # a leak of one object a lookup would be 100,000 objects, megabytes
    assert cur - base < 64 * 1024, (base, cur)
    if not os.environ.get("LIBTM_PY_SANITIZED"):  # ASan's quarantine grows
        assert rss1 - rss0 < 4096, (rss0, rss1)
