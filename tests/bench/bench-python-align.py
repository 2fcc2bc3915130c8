#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The cost of aligning the samples through the Python bindings against
the tm command.

    PYTHONPATH=build/python /usr/bin/python3 tests/bench/bench-python-align.py \
        build/tools/tm [ROUNDS]

Aligns the 10 pairs of samples/ (5 stories, en-ko and en-ru) ROUNDS times
(default 20): with libtm.align() on the texts (segmentation included), and
with one `tm align --batch LIST` process over the same pairs listed ROUNDS
times (its CPU time from the child's rusage, process start-up included).
Prints the CPU per pair of each. Not a meson test: run by hand.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import libtm

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLES = os.path.join(ROOT, "samples")
STORIES = ["rate-decision", "rail-link", "typhoon-reordered", "chip-export",
           "ramyeon-exports"]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    tm, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20
    pairs = [(s, t) for s in STORIES for t in ("ko", "ru")]
    texts = {}
    for s, t in pairs:
        for lang in ("en", t):
            with open(os.path.join(SAMPLES, s, lang + ".txt"),
                      encoding="utf-8") as f:
                texts[s, lang] = f.read()
    libtm.align(texts[pairs[0][0], "en"], texts[pairs[0][0], "ko"], "en",
                "ko")  # warm-up: ICU data, segmenters
    per = []
    for _ in range(rounds):
        for s, t in pairs:
            c0 = time.process_time()
            libtm.align(texts[s, "en"], texts[s, t], "en", t)
            per.append((time.process_time() - c0) * 1000)
    # the command: every pair of one language per process (--batch needs
    # one -t), ROUNDS times over
    cpu = 0.0
    with tempfile.TemporaryDirectory() as d:
        for t in ("ko", "ru"):
            lst = os.path.join(d, t + ".list")
            with open(lst, "w") as f:
                for _ in range(rounds):
                    for s in STORIES:
                        f.write("%s %s\n" % (
                            os.path.join(SAMPLES, s, "en.txt"),
                            os.path.join(SAMPLES, s, t + ".txt")))
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([tm, "align", "-q", "-s", "en", "-t", t,
                            "--batch", lst], check=True,
                           stdout=subprocess.DEVNULL)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu += (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    print("Python : align cpu per pair: median %.2f ms, mean %.2f ms "
          "(%d alignments)" % (statistics.median(per), statistics.mean(per),
                               len(per)))
    print("tm     : align cpu per pair: mean %.2f ms (%d alignments in 2 "
          "processes, start-up included)" % (cpu * 1000 / len(per),
                                             len(per)))


if __name__ == "__main__":
    main()
