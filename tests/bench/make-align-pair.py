#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Build a long synthetic document pair for the alignment benchmark from the
parallel corpora in $TM_SHARED_DATA/parallel (line N of one file translates
line N of the other), with the edits a translator makes: about 2% of the
source lines dropped (1-0), 2% of the target lines dropped (0-1), 3% of
adjacent target lines merged (1-2 seen from the source), 3% of adjacent
source lines merged (2-1). Writes SRC, TGT (one sentence a line) and the
gold links.

Usage: make-align-pair.py --pair en-ru|en-ko -n 10000 --out DIR [--seed 1]"""

import argparse
import os
import random

CORPORA = {
    "en-ru": [("ru-en/wmt-newstest/newstest%d.en" % y, "ru-en/wmt-newstest/newstest%d.ru" % y)
              for y in (2016, 2017, 2018)] + [
        ("ru-en/wmt-newstest/newstest2019-ruen.en", "ru-en/wmt-newstest/newstest2019-ruen.ru"),
        ("ru-en/wmt-newstest/newstest2020-ruen.en", "ru-en/wmt-newstest/newstest2020-ruen.ru"),
        ("en-ko-ru/ntrex128/newstest2019-src.eng.txt", "en-ko-ru/ntrex128/newstest2019-ref.rus.txt"),
        ("en-ko-ru/ntrex128/newstest2019-src.eng.txt", "en-ko-ru/ntrex128/newstest2019-wmt19-ref.rus.txt"),
    ],
    "en-ko": [
        ("ko-en/korean-english-news-v1/korean-english-park.dev.en", "ko-en/korean-english-news-v1/korean-english-park.dev.ko"),
        ("ko-en/korean-english-news-v1/korean-english-park.test.en", "ko-en/korean-english-news-v1/korean-english-park.test.ko"),
        ("en-ko-ru/ntrex128/newstest2019-src.eng.txt", "en-ko-ru/ntrex128/newstest2019-ref.kor.txt"),
    ],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pair", default="en-ru")
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=os.environ.get("TM_SHARED_DATA", "../shared/data"))
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    pairs = []
    for s, t in CORPORA[a.pair]:
        with open(os.path.join(a.data, "parallel", s), encoding="utf-8") as f:
            src = [l.strip() for l in f]
        with open(os.path.join(a.data, "parallel", t), encoding="utf-8") as f:
            tgt = [l.strip() for l in f]
        pairs += [(x, y) for x, y in zip(src, tgt) if x and y]
    while len(pairs) < a.n:
        pairs = pairs + pairs
    pairs = pairs[:a.n]
    S, T, gold = [], [], []
    i = 0
    while i < len(pairs):
        r = rnd.random()
        s, t = pairs[i]
        if r < 0.02:
            gold.append(([len(S)], []))
            S.append(s)
        elif r < 0.04:
            gold.append(([], [len(T)]))
            T.append(t)
        elif r < 0.07 and i + 1 < len(pairs):
            gold.append(([len(S)], [len(T)]))
            S.append(s)
            T.append(t + " " + pairs[i + 1][1])
            gold[-1] = ([len(S) - 1, len(S)], [len(T) - 1])
            S.append(pairs[i + 1][0])
            i += 1
        elif r < 0.10 and i + 1 < len(pairs):
            S.append(s + " " + pairs[i + 1][0])
            T.append(t)
            T.append(pairs[i + 1][1])
            gold.append(([len(S) - 1], [len(T) - 2, len(T) - 1]))
            i += 1
        else:
            gold.append(([len(S)], [len(T)]))
            S.append(s)
            T.append(t)
        i += 1
    os.makedirs(a.out, exist_ok=True)
    sl, tl = a.pair.split("-")
    with open(os.path.join(a.out, sl + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(S) + "\n")
    with open(os.path.join(a.out, tl + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(T) + "\n")
    with open(os.path.join(a.out, a.pair + ".gold"), "w") as f:
        for s, t in gold:
            f.write("[%s]:[%s]\n" % (",".join(map(str, s)), ",".join(map(str, t))))


if __name__ == "__main__":
    main()
