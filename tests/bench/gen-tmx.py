#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a realistic TMX 1.4b file of N translation units for benchmarks.

Sentences come from $TM_SHARED_DATA/parallel (en-ko news, en-ru WMT news,
en-ko-ru FLORES/NTREX): bilingual en-ko and en-ru units and some trilingual
ones, with tuids, dates, a prop on some units and inline codes (bpt/ept,
ph) on about one unit in ten. Units beyond the corpus size reuse the
sentences with a numbered variation so that every unit stays distinct.

usage: gen-tmx.py N OUT.tmx
"""
import os
import sys


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f]


def pairs(shared):
    p = os.path.join(shared, "parallel")
    out = []
    kn = os.path.join(p, "ko-en", "korean-english-news-v1")
    for part in ("dev", "test"):
        en = lines(os.path.join(kn, f"korean-english-park.{part}.en"))
        ko = lines(os.path.join(kn, f"korean-english-park.{part}.ko"))
        out += [{"en": e, "ko": k} for e, k in zip(en, ko)]
    wmt = os.path.join(p, "ru-en", "wmt-newstest")
    for y in ("2016", "2017", "2018", "2019-ruen", "2020-ruen"):
        en = lines(os.path.join(wmt, f"newstest{y}.en"))
        ru = lines(os.path.join(wmt, f"newstest{y}.ru"))
        out += [{"en": e, "ru": r} for e, r in zip(en, ru)]
    fl = os.path.join(p, "en-ko-ru", "flores200-devtest")
    en = lines(os.path.join(fl, "eng_Latn.devtest"))
    ko = lines(os.path.join(fl, "kor_Hang.devtest"))
    ru = lines(os.path.join(fl, "rus_Cyrl.devtest"))
    out += [{"en": e, "ko": k, "ru": r} for e, k, r in zip(en, ko, ru)]
    return [u for u in out if all(u.values())]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def seg(text, i, tagged):
    t = esc(text)
    if not tagged:
        return t
    words = t.split(" ")
    if len(words) < 3:
        return t
    return ('<bpt i="1" type="bold">&lt;b&gt;</bpt>' + words[0] +
            '<ept i="1">&lt;/b&gt;</ept> ' + " ".join(words[1:-1]) +
            ' <ph x="2" type="image">&lt;img src="p%d.jpg"/&gt;</ph>' % i +
            words[-1])


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    shared = os.environ.get("TM_SHARED_DATA") or os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "shared", "data")
    src = pairs(shared)
    w = open(sys.argv[2], "w", encoding="utf-8", newline="\n")
    w.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '  <header creationtool="gen-tmx" creationtoolversion="1" '
            'segtype="sentence" o-tmf="gen" adminlang="en" srclang="en" '
            'datatype="plaintext"/>\n  <body>\n')
    for i in range(n):
        u = src[i % len(src)]
        rnd = i // len(src)
        tagged = i % 10 == 3
        day = 1 + i % 28
        out = ['    <tu tuid="%d" creationdate="2026%02d%02dT%02d%02d00Z">\n'
               % (i + 1, 1 + i % 12, day, i % 24, i % 60)]
        if i % 7 == 0:
            out.append('      <prop type="x-desk">%s</prop>\n'
                       % ("politics", "economy", "world", "sport")[i % 4])
        for lang in ("en", "ko", "ru"):
            if lang not in u:
                continue
            text = u[lang] if rnd == 0 else "%s (%d)" % (u[lang], rnd)
            out.append('      <tuv xml:lang="%s"><seg>%s</seg></tuv>\n'
                       % (lang, seg(text, i, tagged)))
        out.append("    </tu>\n")
        w.write("".join(out))
    w.write("  </body>\n</tmx>\n")
    w.close()


if __name__ == "__main__":
    main()
