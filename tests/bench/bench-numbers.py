#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The numbers rule of docs/scores.md on real news: a TM of N sentence
pairs that hold digits on both sides (ko-en Korea Herald news, en-ru WMT
newstest 2017, ru-ko NTREX-128), each looked up with one of its figures
changed (the last digit plus K, mod 10), in each direction (en-ko, ko-en,
en-ru, ru-en, ru-ko, ko-ru). Prints, per pair, how many best matches
scored 99 with the `numbers` flag, how many 95-98 (a figure the lookup
could not put in should never stay there), how many 94 or less, and how
many 99s whose proposal lacks a changed figure (digits compared, English
number words read as digits, so "$301 million" -> "3억100만" counts as a
miss: read those lines; a Korean month, which English and Russian write as
a name, is not compared).
Not a meson test: run by hand.

usage: bench-numbers.py [--tm TM] [-n N] [-k K] [--show M]
  env: TM_SHARED_DATA (default: ../shared/data from the project)
"""

import argparse
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile

NUM = re.compile(r"\d[\d,.]*\d|\d")
WORDS = ("one two three four five six seven eight nine ten eleven twelve "
         "thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
         "twenty").split()


def digits(text):
    """The digits of @text, English number words read as their digits."""
    for i, w in enumerate(WORDS):
        text = re.sub(r"\b%s\b" % w, str(i + 1), text, flags=re.I)
    return re.sub(r"\D", "", text)



def pairs(shared, which, n):
    p = os.path.join(shared, "parallel")
    if which == "en-ko":
        d = os.path.join(p, "ko-en", "korean-english-news-v1",
                         "korean-english-park.dev.")
        src, tgt = d + "en", d + "ko"
    elif which == "ru-ko":
        d = os.path.join(p, "en-ko-ru", "ntrex128", "newstest2019-ref.")
        src, tgt = d + "rus.txt", d + "kor.txt"
    else:
        d = os.path.join(p, "ru-en", "wmt-newstest", "newstest2017.")
        src, tgt = d + "en", d + "ru"
    with open(src, encoding="utf-8") as f:
        en = f.read().split("\n")
    with open(tgt, encoding="utf-8") as f:
        other = f.read().split("\n")
    out = [(e, o) for e, o in zip(en, other)
           if NUM.search(e) and NUM.search(o) and len(e) < 220]
    return out[:n]


def changed(e, k, rnd):
    m = rnd.choice(list(NUM.finditer(e)))
    s = m.group(0)
    last = [i for i, c in enumerate(s) if c.isdigit()][-1]
    s2 = s[:last] + str((int(s[last]) + k) % 10) + s[last + 1:]
    # a month (3월) may be written as a name: not checked by digits
    month = e[m.end():m.end() + 1] == "월"
    return e[:m.start()] + s2 + e[m.end():], None if month else s2


def run(tm, shared, which, n, k, show, work, reverse):
    sl, tl = which.split("-")
    ps = pairs(shared, which, n)
    tmx = os.path.join(work, which + ".tmx")
    db = os.path.join(work, which + ".db")
    with open(tmx, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
                '<header creationtool="bench" creationtoolversion="1" '
                'segtype="sentence" o-tmf="none" adminlang="en" '
                'srclang="%s" datatype="plaintext"/><body>\n' % sl)
        for e, o in ps:
            f.write('<tu><tuv xml:lang="%s"><seg>%s</seg></tuv><tuv '
                    'xml:lang="%s"><seg>%s</seg></tuv></tu>\n'
                    % (sl, html.escape(e), tl, html.escape(o)))
        f.write("</body></tmx>\n")
    if not os.path.exists(db):
        subprocess.run([tm, "import", "-q", "--db", db, tmx], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rnd = random.Random(1)
    if reverse:
        ps = [(o, e) for e, o in ps]
        sl, tl = tl, sl
    queries = [changed(e, k, rnd) for e, _ in ps]
    r = subprocess.run([tm, "lookup", "--db", db, "-s", sl, "-t", tl,
                        "--json"], input="\n".join(q for q, _ in queries),
                       capture_output=True, text=True, check=True)
    counts = {"99 numbers": 0, "95-98": 0, "<=94": 0, "none": 0,
              "99 lacking the figure": 0}
    lines = []
    for line, (q, fig) in zip(r.stdout.splitlines(), queries):
        ms = json.loads(line)["matches"]
        if not ms:
            counts["none"] += 1
            continue
        m = ms[0]
        if m["score"] == 99 and "numbers" in m["flags"]:
            counts["99 numbers"] += 1
            if fig and digits(fig) not in digits(m["proposed"]):
                counts["99 lacking the figure"] += 1
                lines.append("  ? %s\n    -> %s" % (q, m["proposed"]))
        elif m["score"] >= 95 and m["score"] < 100:
            counts["95-98"] += 1
            lines.append("  %.2f %s\n    -> %s" % (m["score"], q,
                                                   m["proposed"]))
        elif m["score"] < 95:
            counts["<=94"] += 1
    print("%s-%s: %d units, one figure changed in each query: %s"
          % (sl, tl, len(ps),
             ", ".join("%s %d" % kv for kv in counts.items())))
    for ln in lines[:show]:
        print(ln)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--tm", default=os.environ.get(
        "TM", os.path.join(root, "build", "tools", "tm")))
    ap.add_argument("-n", type=int, default=400)
    ap.add_argument("-k", type=int, default=1)
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    shared = os.environ.get("TM_SHARED_DATA",
                            os.path.join(root, "..", "shared", "data"))
    if not os.path.isdir(os.path.join(shared, "parallel")):
        print("no %s/parallel: skipped" % shared)
        return 77
    with tempfile.TemporaryDirectory() as work:
        for which in ("en-ko", "en-ru", "ru-ko"):
            for reverse in (False, True):
                run(a.tm, shared, which, a.n, a.k, a.show, work, reverse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
