#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score `tm align` on samples/ as a user runs it: segmented, not
--presegmented (eval-align.py --samples passes --presegmented, where a
line gets a kind only when the whole line is furniture, a note or an end
mark, and a line is never split: a dateline before its sentence on one
line, or `(END)` after the last sentence, is only told apart here).

The gold of samples/<story>/en-*.gold counts non-blank lines; the
segmenter's sentences mostly are those lines, but not always (a line it
splits in two, two lines it joins). Each link of `tm align` is projected
onto lines through the segments' byte offsets (`tm segment --json`), and
links that then share a line on either side are merged, so a variant is
scored on the same footing as the gold; the projection costs every
variant alike.

Usage: eval-segmented.py [--tm TM] [--samples DIR] [--pairs en-ko,en-ru]
       [--extra 'ARGS'] [--json] [--show]
Scores as eval-align.py (Vecalign's strict and lax P/R/F1, pooled);
--show prints each link that differs from the gold."""

import argparse
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("eval_align", os.path.join(HERE, "eval-align.py"))
ea = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ea)


def line_map(tm, path, lang):
    """For each segment of @path, the indices of the non-blank lines it covers."""
    raw = open(path, "rb").read()
    starts = []  # byte offset of each non-blank line
    off = 0
    for line in raw.split(b"\n"):
        if line.strip():
            starts.append(off)
        off += len(line) + 1
    p = subprocess.run([tm, "segment", "-l", lang, "-j", path], capture_output=True, check=True)
    segs = json.loads(p.stdout)["files"][0]["segments"]
    offs = [s["offset"] for s in segs] + [len(raw)]
    out = []
    for i, s in enumerate(segs):
        a, b = offs[i], offs[i + 1]
        first = max(k for k, st in enumerate(starts) if st <= a)
        out.append({first} | {k for k, st in enumerate(starts) if a < st < b})
    return out, [s["kind"] for s in segs]


def project(links, smap, tmap):
    """Links in segment indices as links in line indices, merged where
    they share a line."""
    groups = [(set().union(*(smap[i] for i in s)) if s else set(),
               set().union(*(tmap[j] for j in t)) if t else set()) for s, t in links]
    merged = True
    while merged:
        merged = False
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                if groups[a][0] & groups[b][0] or groups[a][1] & groups[b][1]:
                    groups[a] = (groups[a][0] | groups[b][0], groups[a][1] | groups[b][1])
                    del groups[b]
                    merged = True
                    break
            if merged:
                break
    return [(tuple(sorted(s)), tuple(sorted(t))) for s, t in groups]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tm", default=ea.default_tm())
    ap.add_argument("--samples", default=os.path.join(HERE, "..", "..", "samples"))
    ap.add_argument("--pairs", default="en-ko,en-ru")
    ap.add_argument("--extra", default="")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    for pair in a.pairs.split(","):
        sl, tl = pair.split("-")
        pairs = []
        for src, tgt, g in ea.sample_jobs(a.samples, pair):
            story = os.path.basename(os.path.dirname(src))
            smap, _ = line_map(a.tm, src, sl)
            tmap, _ = line_map(a.tm, tgt, tl)
            test = ea.run_tm(a.tm, ["-s", sl, "-t", tl] + a.extra.split() + [src, tgt])
            test = project(test, smap, tmap)
            if a.show:
                for x in sorted(set(test) - set(g)):
                    print("%s %s: test %s:%s" % (story, pair, list(x[0]), list(x[1])))
                for x in sorted(set(g) - set(test)):
                    print("%s %s: gold %s:%s" % (story, pair, list(x[0]), list(x[1])))
            pairs.append((g, test))
        ea.show(pair, ea.score(pairs), a.json)


if __name__ == "__main__":
    sys.exit(main())
