#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Strict and lax precision, recall and F1 of sentence-alignment links, as
Vecalign's score.py defines them (after Sennrich & Volk 2011, W11-4624):

- precision over the test links: strict true positive when the identical
  link is in the gold; otherwise lax true positive when it shares at least
  one source and one target sentence with a gold link;
- recall: the same with gold and test swapped, after removing 1-0 and 0-1
  links from both;
- counts pooled over all files; links empty on both sides ignored.

Usage:
  eval-align.py -g GOLD... -t TEST...      score pairs of files
  eval-align.py --defr DIR [--tm TM] [--sets test0,...,test6] [--json]
      run `tm align --presegmented -s de -t fr` on the Bleualign files
  eval-align.py --samples DIR [--tm TM] [--pairs en-ko,en-ru] [--json]
      run `tm align` on samples/<story>/{en,ko,ru}.txt against the gold;
      --pairs ko-ru: against the en-ko and en-ru gold joined through the
      English sentences (joined_gold())
  --mode batch     align all the documents of a set in one `tm align --batch`
                   (word pairs learned from all of them first)
  --mode lexicon   align each document with word pairs learned from a
                   disjoint corpus (`--lexicon-from`, a TM built in a
                   temporary folder): de-fr from the Bleualign dev set
                   (score --sets test0,...), en-ko and en-ru as
                   eval-restructured.py says
  --mode both      batch, with the disjoint corpus's TM too
  --hunalign BIN   score hunalign (empty dictionary or --hunalign-dict, --hunalign-args,
                   default -realign) instead of tm on --defr or --samples

Gold and test files hold one link a line, `[i,j]:[k]` with an optional
`:score` (the .defr files of Bleualign have spaces after commas: fine).
With --min F, exits 1 when a strict F1 is below F (for tests)."""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def default_tm():
    """The `tm` the benchmarks run: $TM, else this tree's build/tools/tm
    (not whatever `tm` is first on PATH, which may be an older install)."""
    return os.environ.get("TM", os.path.join(HERE, "..", "..", "build", "tools", "tm"))
from collections import defaultdict

LINK = re.compile(r"^\s*\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]")


def read_links(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = LINK.match(line)
            if not m:
                continue
            src = tuple(int(x) for x in m.group(1).replace(" ", "").split(",") if x)
            tgt = tuple(int(x) for x in m.group(2).replace(" ", "").split(",") if x)
            out.append((src, tgt))
    return out


def _precision(gold, test):
    tps = fps = tpl = fpl = 0
    test = set((tuple(x), tuple(y)) for x, y in test if len(x) or len(y))
    gold = set((tuple(x), tuple(y)) for x, y in gold if len(x) or len(y))
    src_to_tgt = defaultdict(set)
    for gs, gt in gold:
        for s in gs:
            for t in gt:
                src_to_tgt[s].add(t)
    for ts, tt in test:
        if (ts, tt) in gold:
            tps += 1
            tpl += 1
        else:
            fps += 1
            targets = set()
            for s in ts:
                targets |= src_to_tgt[s]
            if set(tt) & targets:
                tpl += 1
            else:
                fpl += 1
    return [tps, fps, tpl, fpl]


def score(pairs):
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in pairs:
        p = [a + b for a, b in zip(p, _precision(gold, test))]
        gnd = [(x, y) for x, y in gold if len(x) and len(y)]
        tnd = [(x, y) for x, y in test if len(x) and len(y)]
        r = [a + b for a, b in zip(r, _precision(tnd, gnd))]

    def div(a, b):
        return a / b if b else 0.0

    ps, pl = div(p[0], p[0] + p[1]), div(p[2], p[2] + p[3])
    rs, rl = div(r[0], r[0] + r[1]), div(r[2], r[2] + r[3])
    return {
        "precision_strict": ps, "recall_strict": rs,
        "f1_strict": div(2 * ps * rs, ps + rs),
        "precision_lax": pl, "recall_lax": rl,
        "f1_lax": div(2 * pl * rl, pl + rl),
        "files": len(pairs),
    }


def show(name, res, as_json):
    if as_json:
        print(json.dumps(dict(res, name=name)))
        return
    print("%-10s strict P %.3f R %.3f F1 %.3f | lax P %.3f R %.3f F1 %.3f (%d files)"
          % (name, res["precision_strict"], res["recall_strict"], res["f1_strict"],
             res["precision_lax"], res["recall_lax"], res["f1_lax"], res["files"]))


def run_tm(tm, args):
    p = subprocess.run([tm, "align"] + args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit("tm align failed: %s" % " ".join(args))
    return [(s, t) for s, t in (parse_line(l) for l in p.stdout.splitlines()) if s is not None]


def ladder_to_links(text):
    """hunalign's ladder (`i<TAB>j<TAB>score` rungs) as links: the
    sentences between two rungs form one link."""
    rungs = []
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) >= 2:
            rungs.append((int(f[0]), int(f[1])))
    links = []
    for (i0, j0), (i1, j1) in zip(rungs, rungs[1:]):
        if i1 > i0 or j1 > j0:
            links.append((tuple(range(i0, i1)), tuple(range(j0, j1))))
    return links


HUNALIGN_DICT = None  # --hunalign-dict: a dictionary file instead of an empty one


def run_hunalign(hunalign, src, tgt, extra):
    # in a folder of its own: with -realign hunalign leaves translate.txt
    # in its working directory
    with tempfile.NamedTemporaryFile("w", suffix=".dic") as d, tempfile.TemporaryDirectory() as wd:
        files = [os.path.abspath(f) for f in (HUNALIGN_DICT or d.name, src, tgt)]
        p = subprocess.run([os.path.abspath(hunalign) if os.sep in hunalign else hunalign] + extra + files,
                           capture_output=True, text=True, cwd=wd)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit("hunalign failed")
    return ladder_to_links(p.stdout)


def run_hunalign_nonblank(hunalign, src, tgt, extra):
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for path in (src, tgt):
            out = os.path.join(tmp, os.path.basename(path))
            with open(path, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
                g.writelines(l for l in f if l.strip())
            names.append(out)
        return run_hunalign(hunalign, names[0], names[1], extra)


def align_batch(tm, args, jobs, tmp, extra=()):
    """All @jobs ((src, tgt, ...) paths) in one `tm align --batch` with
    @args: the links of each, in order."""
    fd, lst = tempfile.mkstemp(suffix=".list", dir=tmp)
    os.close(fd)
    with open(lst, "w") as f:
        for j in jobs:
            f.write("%s %s\n" % (os.path.abspath(j[0]), os.path.abspath(j[1])))
    p = subprocess.run([tm, "align"] + list(args) + ["--batch", lst] + list(extra),
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("tm align --batch failed: %s" % p.stderr)
    out = {}
    cur = None
    for line in p.stdout.splitlines():
        if line.startswith("# "):
            cur = line[2:].split("\t")[0]
            out[cur] = []
            continue
        s, t = parse_line(line)
        if s is not None:
            out[cur].append((s, t))
    return [out[os.path.abspath(j[0])] for j in jobs]


# Disjoint corpora a lexicon is learned from (mode lexicon): never the
# documents of the test set.
DISJOINT = {
    "ko": [("parallel/ko-en/korean-english-news-v1/korean-english-park.%s.en" % p,
            "parallel/ko-en/korean-english-news-v1/korean-english-park.%s.ko" % p) for p in ("dev", "test")],
    "ru": [("parallel/ru-en/wmt-newstest/newstest%s.en" % y, "parallel/ru-en/wmt-newstest/newstest%s.ru" % y)
           for y in ("2016", "2017", "2018", "2019-ruen", "2020-ruen")],
    "fr": [("alignment/bleualign_de-fr/dev.de", "alignment/bleualign_de-fr/dev.fr")],
}


def tm_of_files(tm, files, sl, tl, tmx, db):
    """Import the line-aligned file pairs @files ((@sl file, @tl file)
    paths) into the TM @db through the TMX @tmx, lines empty on either side
    left out; @db's path."""
    from xml.sax.saxutils import escape
    with open(tmx, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="eval" '
                'creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="%s" '
                'datatype="plaintext"/><body>\n' % sl)
        for a, b in files:
            with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
                for x, y in zip(fa, fb):
                    x, y = x.strip(), y.strip()
                    if x and y:
                        f.write('<tu><tuv xml:lang="%s"><seg>%s</seg></tuv><tuv xml:lang="%s"><seg>%s</seg></tuv></tu>\n'
                                % (sl, escape(x), tl, escape(y)))
        f.write("</body></tmx>\n")
    subprocess.run([tm, "import", "-q", "--db", db, tmx], check=True, capture_output=True)
    return db


def disjoint_tm(tm, data, sl, tl, tmp):
    """A TM in @tmp of the disjoint corpus of @tl (line-aligned files),
    imported through TMX; its path."""
    return tm_of_files(tm, [(os.path.join(data, a), os.path.join(data, b)) for a, b in DISJOINT[tl]], sl, tl,
                       os.path.join(tmp, "lex-%s-%s.tmx" % (sl, tl)), os.path.join(tmp, "lex-%s-%s.db" % (sl, tl)))


def parse_line(line):
    m = LINK.match(line)
    if not m:
        return None, None
    src = tuple(int(x) for x in m.group(1).split(",") if x)
    tgt = tuple(int(x) for x in m.group(2).split(",") if x)
    return src, tgt


def joined_gold(a, b):
    """The links of the gold @a (en-X) and @b (en-Y) joined through the
    English sentences, as X-Y links: links that share an English sentence,
    directly or through others, are one link of all their X and Y
    sentences (an English sentence one side leaves out leaves the other's
    alone: 1-0 or 0-1). The samples have no ko-ru gold of their own."""
    comps = [[set(e), set(x), set()] for e, x in read_links(a)]
    comps += [[set(e), set(), set(y)] for e, y in read_links(b)]
    out = []
    while comps:
        c = comps.pop()
        grown = True
        while grown:
            grown = False
            for o in [o for o in comps if o[0] & c[0]]:
                comps.remove(o)
                for k in range(3):
                    c[k] |= o[k]
                grown = True
        if c[1] or c[2]:
            out.append((tuple(sorted(c[1])), tuple(sorted(c[2]))))
    return sorted(out, key=lambda l: (l[0] or l[1])[0])


def sample_jobs(samples, pair):
    """(source, target, gold links) of every story of SAMPLES with a gold
    file for PAIR ("en-ko"), or for en-X and en-Y where PAIR is X-Y
    (joined_gold()), in the stories' order."""
    sl, tl = pair.split("-")
    jobs = []
    for story in sorted(os.listdir(samples)):
        d = os.path.join(samples, story)
        gold = os.path.join(d, pair + ".gold")
        via = [os.path.join(d, "en-%s.gold" % x) for x in (sl, tl)]
        if os.path.isfile(gold):
            links = read_links(gold)
        elif "en" not in (sl, tl) and all(os.path.isfile(g) for g in via):
            links = joined_gold(*via)
        else:
            continue
        jobs.append((os.path.join(d, sl + ".txt"), os.path.join(d, tl + ".txt"), links))
    return jobs


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-g", "--gold", nargs="+")
    ap.add_argument("-t", "--test", nargs="+")
    ap.add_argument("--defr")
    ap.add_argument("--sets", default="test0,test1,test2,test3,test4,test5,test6")
    ap.add_argument("--samples")
    ap.add_argument("--pairs", default="en-ko,en-ru")
    ap.add_argument("--tm", default=default_tm())
    ap.add_argument("--extra", default="", help="more tm align arguments")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--hunalign", default=None,
                    help="score this hunalign binary (empty dictionary) instead of tm")
    ap.add_argument("--hunalign-args", default="-realign")
    ap.add_argument("--hunalign-dict", default=None,
                    help="hunalign's dictionary ('target @ source' lines, e.g. what "
                         "`tm align --dict FREEDICT --lexicon-out FILE` writes) instead of an empty one")
    ap.add_argument("--min", type=float, default=None)
    ap.add_argument("--mode", default="single", choices=("single", "batch", "lexicon", "both"))
    ap.add_argument("--data", default=os.environ.get("TM_SHARED_DATA", os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")))
    a = ap.parse_args()
    global HUNALIGN_DICT
    HUNALIGN_DICT = a.hunalign_dict
    extra = a.extra.split()
    results = []
    work = tempfile.TemporaryDirectory()

    def run_set(args, jobs, sl, tl):
        """tm's links for each (src, tgt) of @jobs, by --mode."""
        ex = list(extra)
        if a.mode in ("lexicon", "both"):
            ex += ["--lexicon-from", disjoint_tm(a.tm, a.data, sl, tl, work.name)]
        if a.mode in ("batch", "both"):
            return align_batch(a.tm, args, jobs, work.name, ex)
        return [run_tm(a.tm, args + ex + [j[0], j[1]]) for j in jobs]
    if a.gold:
        if not a.test or len(a.test) != len(a.gold):
            ap.error("give as many --test files as --gold files")
        res = score([(read_links(g), read_links(t)) for g, t in zip(a.gold, a.test)])
        results.append(("files", res))
    if a.defr:
        pairs = []
        bases = [os.path.join(a.defr, name) for name in a.sets.split(",")]
        if a.hunalign:
            tests = [run_hunalign(a.hunalign, b + ".de", b + ".fr", a.hunalign_args.split()) for b in bases]
        else:
            tests = run_set(["--presegmented", "-s", "de", "-t", "fr"], [(b + ".de", b + ".fr") for b in bases],
                            "de", "fr")
        for b, test in zip(bases, tests):
            pairs.append((read_links(b + ".defr"), test))
        results.append(("de-fr", score(pairs)))
    if a.samples:
        for pair in a.pairs.split(","):
            sl, tl = pair.split("-")
            jobs = sample_jobs(a.samples, pair)
            if a.hunalign:
                # hunalign takes no paragraph breaks: drop blank lines
                tests = [run_hunalign_nonblank(a.hunalign, j[0], j[1], a.hunalign_args.split()) for j in jobs]
            else:
                tests = run_set(["--presegmented", "-s", sl, "-t", tl], jobs, sl, tl)
            pairs = [(j[2], t) for j, t in zip(jobs, tests)]
            if pairs:
                results.append((pair, score(pairs)))
    for name, res in results:
        show(name, res, a.json)
    if a.min is not None and any(r["f1_strict"] < a.min for _, r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
