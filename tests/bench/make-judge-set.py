#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Build the test set of the translation check (`tm align`'s verdict): true
pairs (the English of a news document and its translation) and mismatched
pairs (the English of one document and the translation of another) from the
documents of $TM_SHARED_DATA/parallel that have document ids:

- NTREX-128 (en -> ko, ru): 123 documents;
- FLORES-200 devtest (en, ko, ru): 281 documents of 1-5 sentences;
- WMT21 and WMT22 ru-en news (ru -> en): 107 + 80 documents.

Each mismatched pair takes the English of document i with the translation of
document i + k of the same corpus, k drawn from 1..9 with the seed (neighbours
are often on related topics: the hard case). Writes one sentence a line into
OUT/<pair>/<corpus>-<n>.{en,ko|ru} and a list OUT/<pair>.list with lines
`label src tgt` (label `true` or `mismatch`).

ko-ru: NTREX-128 and FLORES-200 devtest are multiway (one document in en, ko
and ru), so a true pair is document i's Korean with document i's Russian, a
mismatched one document i's Korean with document i + k's Russian (same
corpus, k drawn as above from a generator of its own, so that the en-ko and
en-ru sets stay as they were): OUT/ko-ru/<corpus>-<n>.{ko,ru}, OUT/ko-ru.list.

With --dict DIR, also writes DIR/en-ko.hun.txt and DIR/en-ru.hun.txt (hunalign's
`target @ source`, for `tm align --dict`): word pairs learned from corpora
that share no document with the set (ko-en korean-english-news-v1, ru-en WMT
newstest 2016-2020): pairs of words (lower case, letters only, two or more)
seen in at least two sentence pairs with a Dice coefficient of at least 0.25,
the best three for each English word, the 150 most frequent words of each
side left out (function words would pair any two stories).

Usage: make-judge-set.py --out DIR [--seed 1] [--mismatch 2] [--dict DIR]"""

import argparse
import collections
import os
import random
import re

NTREX = "en-ko-ru/ntrex128/"
FLORES = "en-ko-ru/flores200-devtest/"
WMT21 = "ru-en/wmt21-newstest2021-ruen/"
WMT22 = "ru-en/wmt22-generaltest2022-ruen-news/"


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def group(ids, *sides):
    """Documents as lists of lines per side, in order of first appearance."""
    docs, order = {}, []
    for k, doc in enumerate(ids):
        if doc not in docs:
            docs[doc] = [[] for _ in sides]
            order.append(doc)
        for s, side in enumerate(sides):
            docs[doc][s].append(side[k])
    return [docs[d] for d in order]


def corpora(data):
    p = lambda x: os.path.join(data, "parallel", x)
    out = {"en-ko": [], "en-ru": [], "ko-ru": []}
    ids = lines(p(NTREX + "DOCUMENT_IDS.tsv"))
    en, ko, ru = (lines(p(NTREX + f)) for f in ("newstest2019-src.eng.txt", "newstest2019-ref.kor.txt",
                                               "newstest2019-ref.rus.txt"))
    docs = group(ids, en, ko, ru)
    out["en-ko"].append(("ntrex", [(d[0], d[1]) for d in docs]))
    out["en-ru"].append(("ntrex", [(d[0], d[2]) for d in docs]))
    out["ko-ru"].append(("ntrex", [(d[1], d[2]) for d in docs]))
    meta = lines(p(FLORES + "metadata_devtest.tsv"))[1:]
    urls = [m.split("\t")[0] for m in meta]
    en, ko, ru = (lines(p(FLORES + f + ".devtest")) for f in ("eng_Latn", "kor_Hang", "rus_Cyrl"))
    docs = group(urls, en, ko, ru)
    out["en-ko"].append(("flores", [(d[0], d[1]) for d in docs]))
    out["en-ru"].append(("flores", [(d[0], d[2]) for d in docs]))
    out["ko-ru"].append(("flores", [(d[1], d[2]) for d in docs]))
    for name, base, stem in (("wmt21", WMT21, "newstest2021.ru-en"),
                             ("wmt22", WMT22, "generaltest2022.ru-en.news")):
        seg = [l.split("\t") for l in lines(p(base + stem + ".segments.tsv"))[1:]]
        docs = group([s[1] for s in seg], lines(p(base + stem + ".refA.en")), lines(p(base + stem + ".ru")))
        out["en-ru"].append((name, [(d[0], d[1]) for d in docs]))
    return out


DICT_CORPORA = {
    "en-ko": [("ko-en/korean-english-news-v1/korean-english-park." + p + ".en",
               "ko-en/korean-english-news-v1/korean-english-park." + p + ".ko") for p in ("dev", "test")],
    "en-ru": [("ru-en/wmt-newstest/newstest" + y + ".en", "ru-en/wmt-newstest/newstest" + y + ".ru")
              for y in ("2016", "2017", "2018", "2019-ruen", "2020-ruen")],
}


def words(s):
    return [w for w in re.findall(r"[^\W\d_]+", s.lower()) if len(w) >= 2]


def learn_dict(pairs, min_dice=0.25, min_count=2, best=3, stop=150):
    """Word pairs (source, target) by Dice coefficient over sentence pairs."""
    ce, cf, c = collections.Counter(), collections.Counter(), collections.Counter()
    fe, ff = collections.Counter(), collections.Counter()
    for e, f in pairs:
        we, wf = words(e), words(f)
        fe.update(we)
        ff.update(wf)
        se, sf = set(we), set(wf)
        ce.update(se)
        cf.update(sf)
        for a in se:
            for b in sf:
                c[(a, b)] += 1
    stop_e = set(w for w, _ in fe.most_common(stop))
    stop_f = set(w for w, _ in ff.most_common(stop))
    by = collections.defaultdict(list)
    for (a, b), n in c.items():
        if n >= min_count and a not in stop_e and b not in stop_f:
            d = 2.0 * n / (ce[a] + cf[b])
            if d >= min_dice:
                by[a].append((-d, b))
    return [(a, b) for a in sorted(by) for _, b in sorted(by[a])[:best]]


def write_dicts(data, out):
    os.makedirs(out, exist_ok=True)
    for pair, files in DICT_CORPORA.items():
        pairs = []
        for e, f in files:
            pairs += zip(lines(os.path.join(data, "parallel", e)), lines(os.path.join(data, "parallel", f)))
        with open(os.path.join(out, pair + ".hun.txt"), "w", encoding="utf-8") as f:
            for a, b in learn_dict(pairs):
                f.write("%s @ %s\n" % (b, a))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mismatch", type=int, default=2, help="mismatched pairs per document")
    ap.add_argument("--data", default=os.environ.get("TM_SHARED_DATA", "../shared/data"))
    ap.add_argument("--dict", help="also write a dictionary per pair into DIR (learned from other corpora)")
    a = ap.parse_args()
    if a.dict:
        write_dicts(a.data, a.dict)
    rnd = random.Random(a.seed)
    for pair, sets in corpora(a.data).items():
        sl, tl = pair.split("-")
        # ko-ru draws its own k (the en-ko and en-ru sets as before it)
        r = random.Random("%d %s" % (a.seed, pair)) if sl != "en" else rnd
        d = os.path.join(a.out, pair)
        os.makedirs(d, exist_ok=True)
        rows = []
        for name, docs in sets:
            for i, (en, tr) in enumerate(docs):
                base = os.path.join(d, "%s-%03d" % (name, i))
                with open(base + "." + sl, "w", encoding="utf-8") as f:
                    f.write("\n".join(en) + "\n")
                with open(base + "." + tl, "w", encoding="utf-8") as f:
                    f.write("\n".join(tr) + "\n")
            for i in range(len(docs)):
                base = os.path.join(d, "%s-%03d" % (name, i))
                rows.append("true %s.%s %s.%s" % (base, sl, base, tl))
                ks = r.sample(range(1, 10), a.mismatch)
                for k in ks:
                    other = os.path.join(d, "%s-%03d" % (name, (i + k) % len(docs)))
                    rows.append("mismatch %s.%s %s.%s" % (base, sl, other, tl))
        with open(os.path.join(a.out, pair + ".list"), "w") as f:
            f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
