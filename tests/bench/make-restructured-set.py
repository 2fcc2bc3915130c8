#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Build the alignment test set of issue #18 from news documents with
document ids in $TM_SHARED_DATA/parallel (NTREX-128 en -> ko and ru; WMT21
and WMT22 ru-en news, their English reference as the source), restructuring
the target side the way a newsroom's translation departs from its source,
with a seed:

- about 11% of the sentences merged (2-1 and, a fifth of them, 3-1), never
  across a paragraph break;
- about 2% split in two at a comma near the middle (1-2);
- about 4% dropped (1-0), about 3% inserted from another document (0-1);
- the sentences grouped into paragraphs of one to four sentences (the same
  grouping on both sides), written with blank lines between them;
- in about 20% of the documents, one paragraph of the target moved at
  least two paragraphs away.

Writes OUT/<pair>/<name>.{en,ko|ru} (one sentence a line, blank lines
between paragraphs), OUT/<pair>/<name>.gold (links, 0-based indices of the
non-blank lines) and OUT/<pair>/<name>.moved (the target paragraphs a move
touched, for the per-phenomenon scores), and OUT/<pair>.list.

Usage: make-restructured-set.py --out DIR [--seed 1]"""

import argparse
import os
import random

from importlib.machinery import SourceFileLoader

HERE = os.path.dirname(os.path.abspath(__file__))
judge = SourceFileLoader("judge", os.path.join(HERE, "make-judge-set.py")).load_module()


def split_at_comma(s, rnd):
    """Two halves of @s at a comma near its middle, or None."""
    cuts = [k for k, c in enumerate(s) if c in ",，" and 0.3 < k / max(1, len(s)) < 0.7]
    if not cuts:
        return None
    k = rnd.choice(cuts)
    a, b = s[:k + 1].strip(), s[k + 1:].strip()
    return (a, b) if a and b else None


def restructure(src, tgt, others, rnd):
    """Paragraphs of source and target lines and the gold links."""
    n = len(src)
    # paragraphs of 1-4 sentences
    paras, i = [], 0
    while i < n:
        k = rnd.randint(1, 4)
        paras.append(list(range(i, min(n, i + k))))
        i += k
    beads = []  # per paragraph: list of (src indices, tgt lines)
    for p in paras:
        pb, q = [], 0
        while q < len(p):
            i = p[q]
            r = rnd.random()
            left = len(p) - q
            if r < 0.04:
                pb.append(([i], []))
                q += 1
            elif r < 0.07:
                pb.append(([], [rnd.choice(others)]))
                continue  # the source sentence comes next, unchanged
            elif r < 0.16 and left >= 2:
                pb.append(([i, i + 1], [tgt[i] + " " + tgt[i + 1]]))
                q += 2
            elif r < 0.18 and left >= 3:
                pb.append(([i, i + 1, i + 2], [" ".join(tgt[i:i + 3])]))
                q += 3
            elif r < 0.20 and split_at_comma(tgt[i], rnd):
                pb.append(([i], list(split_at_comma(tgt[i], rnd))))
                q += 1
            else:
                pb.append(([i], [tgt[i]]))
                q += 1
        beads.append(pb)
    order = list(range(len(paras)))
    moved = []
    if len(paras) >= 4 and rnd.random() < 0.2:
        a = rnd.randrange(1, len(paras))
        choices = [b for b in range(len(paras)) if abs(b - a) >= 2]
        if choices:
            b = rnd.choice(choices)
            order.pop(a)
            order.insert(b if b < a else b - 1, a)
            moved = sorted(range(min(a, b), max(a, b) + 1))
    # number the target lines in the new paragraph order
    tlines, tparas, gold = [], [], []
    tidx = {}
    for pi in order:
        tparas.append([])
        for bi, (s, t) in enumerate(beads[pi]):
            ids = []
            for line in t:
                ids.append(len(tlines))
                tlines.append(line)
                tparas[-1].append(line)
            tidx[(pi, bi)] = ids
    for pi in range(len(paras)):
        for bi, (s, t) in enumerate(beads[pi]):
            gold.append((s, tidx[(pi, bi)]))
    spar = [[src[i] for i in p] for p in paras]
    return spar, [p for p in tparas if p], gold, moved


def write_paras(path, paras):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n\n".join("\n".join(p) for p in paras) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=os.environ.get("TM_SHARED_DATA", os.path.join(HERE, "..", "..", "..", "shared", "data")))
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    for pair, sets in judge.corpora(a.data).items():
        if not pair.startswith("en-"):
            continue  # the judge set's ko-ru: the sources here are English
        tl = pair.split("-")[1]
        d = os.path.join(a.out, pair)
        os.makedirs(d, exist_ok=True)
        rows = []
        for name, docs in sets:
            if name == "flores":
                continue  # excerpts of a few sentences, not documents
            pool = [t for _, tr in docs for t in tr]
            for k, (en, tr) in enumerate(docs):
                if len(en) < 3:
                    continue
                others = [t for t in pool if t not in tr]
                sp, tp, gold, moved = restructure(en, tr, others, rnd)
                base = os.path.join(d, "%s-%03d" % (name, k))
                write_paras(base + ".en", sp)
                write_paras(base + "." + tl, tp)
                with open(base + ".gold", "w") as f:
                    for s, t in gold:
                        f.write("[%s]:[%s]\n" % (",".join(map(str, s)), ",".join(map(str, t))))
                with open(base + ".moved", "w") as f:
                    f.write("%d\n" % (1 if moved else 0))
                rows.append("%s.en %s.%s %s.gold" % (base, base, tl, base))
        with open(os.path.join(a.out, pair + ".list"), "w") as f:
            f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
