#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score `tm align` (or hunalign, with HUNALIGN=BIN) on the restructured
test set of make-restructured-set.py: pooled strict and lax P/R/F1 as
Vecalign's scorer defines them (eval-align.py), and per phenomenon:

- deletions absorbed: gold 1-0 links whose source sentence the test puts
  in a link with a target side (a 2-1 where the truth is 1-1 + 1-0);
- insertions absorbed: likewise for gold 0-1 links;
- spurious 2-2: test 2-2 links that are not in the gold;
- strict F1 of the documents with a moved paragraph, and of the others.

Usage: eval-restructured.py [--tm build/tools/tm] [--set DIR] [--seed N]
                            [--mode single|batch|lexicon|both] [--json]
  (without --set, the set is built in a temporary folder with --seed, 1)

Modes (docs/alignment.md, "Lexicon"):
- single: each document alone (`tm align SRC TGT`);
- batch: all the documents of a pair in one `tm align --batch LIST`, which
  learns word pairs from the first pass's confident links of all of them;
- lexicon: each document alone with word pairs learned from a disjoint
  corpus (`--lexicon-from TM`): a TM built in a temporary folder from
  ko-en korean-english-news-v1 or ru-en WMT newstest 2016-2020 in
  $TM_SHARED_DATA (the test set uses NTREX, WMT21 and WMT22);
- both: batch, with the disjoint corpus's TM too."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib.machinery import SourceFileLoader

HERE = os.path.dirname(os.path.abspath(__file__))
ev = SourceFileLoader("ev", os.path.join(HERE, "eval-align.py")).load_module()


def align(tm, hunalign, lang, src, tgt, extra=()):
    if hunalign:
        return ev.run_hunalign_nonblank(hunalign, src, tgt, ["-realign"])
    p = subprocess.run([tm, "align", "--presegmented", "-s", "en", "-t", lang] + list(extra) + [src, tgt],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("tm align failed on %s: %s" % (src, p.stderr))
    return [(s, t) for s, t in (ev.parse_line(l) for l in p.stdout.splitlines()) if s is not None]


def phenomena(gold, test):
    src_in = {}
    tgt_in = {}
    for s, t in test:
        for i in s:
            src_in[i] = (s, t)
        for j in t:
            tgt_in[j] = (s, t)
    gset = set((tuple(s), tuple(t)) for s, t in gold)
    dels = [s[0] for s, t in gold if len(s) == 1 and not t]
    ins = [t[0] for s, t in gold if len(t) == 1 and not s]
    tset = set((tuple(s), tuple(t)) for s, t in test)
    merges = [(tuple(s), tuple(t)) for s, t in gold if len(s) >= 2 and len(t) == 1]
    return {
        "merges": len(merges),
        "merges_found": sum(1 for m in merges if m in tset),
        "deletions": len(dels),
        "deletions_absorbed": sum(1 for i in dels if i in src_in and src_in[i][1]),
        "insertions": len(ins),
        "insertions_absorbed": sum(1 for j in ins if j in tgt_in and tgt_in[j][0]),
        "test_22": sum(1 for s, t in test if len(s) == 2 and len(t) == 2),
        "spurious_22": sum(1 for s, t in test if len(s) == 2 and len(t) == 2 and (tuple(s), tuple(t)) not in gset),
    }


def sentences(path):
    """Non-blank lines of a presegmented file, as tm align numbers them."""
    return [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]


def dump_absorbed(job, gold, test):
    """Print each gold 1-0 whose source sentence the test links to a target:
    the test link, the gold links of its sentences, the texts (--dump)."""
    src, tgt = sentences(job[0]), sentences(job[1])
    where = {}
    for s, t in test:
        for i in s:
            where[i] = (s, t)
    gsrc = {}
    for s, t in gold:
        for i in s:
            gsrc[i] = (s, t)
    tgold = {}
    for s, t in gold:
        for j in t:
            tgold[j] = (s, t)
    for s, t in gold:
        if len(s) != 1 or t or s[0] not in where or not where[s[0]][1]:
            continue
        ts, tt = where[s[0]]
        print("== %s del %d in test %s:%s" % (os.path.basename(job[0]), s[0], list(ts), list(tt)))
        for i in ts:
            print("   S%d %s  gold %s  | %s" % (i, len(src[i]), gsrc.get(i), src[i][:110]))
        for j in tt:
            print("   T%d %s  gold %s  | %s" % (j, len(tgt[j]), tgold.get(j), tgt[j][:110]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tm", default=ev.default_tm())
    ap.add_argument("--hunalign", default=os.environ.get("HUNALIGN"))
    ap.add_argument("--data", default=os.environ.get("TM_SHARED_DATA", os.path.join(HERE, "..", "..", "..", "shared", "data")))
    ap.add_argument("--set")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--mode", default="single", choices=("single", "batch", "lexicon", "both"))
    ap.add_argument("--extra", default="", help="more tm align arguments")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pairs", default="en-ko,en-ru", help="which pairs to score")
    ap.add_argument("--dict", action="append", default=[], metavar="PAIR=FILE",
                    help="tm align --dict FILE for that pair only, e.g. "
                         "en-ru=/usr/share/dictd/freedict-eng-rus.index")
    ap.add_argument("--dump", action="store_true",
                    help="print each absorbed deletion: the link that took it, the gold around it, the texts")
    a = ap.parse_args()
    dicts = dict(d.split("=", 1) for d in a.dict)
    tmp = None
    if not a.set:
        tmp = tempfile.TemporaryDirectory()
        a.set = tmp.name
        subprocess.run([sys.executable, os.path.join(HERE, "make-restructured-set.py"), "--out", a.set,
                        "--data", a.data, "--seed", a.seed], check=True)
    work = tempfile.TemporaryDirectory()
    extra = a.extra.split()
    report = {}
    for pair in a.pairs.split(","):
        lang = pair.split("-")[1]
        extra = a.extra.split() + (["--dict", dicts[pair]] if pair in dicts else [])
        jobs = [l.split() for l in open(os.path.join(a.set, pair + ".list")) if l.strip()]
        if a.mode in ("batch", "both") and not a.hunalign:
            ex_args = extra
            if a.mode == "both":
                ex_args = extra + ["--lexicon-from", ev.disjoint_tm(a.tm, a.data, "en", lang, work.name)]
            tests = ev.align_batch(a.tm, ["--presegmented", "-s", "en", "-t", lang], jobs, work.name, ex_args)
        else:
            ex_args = extra
            if a.mode == "lexicon" and not a.hunalign:
                ex_args = extra + ["--lexicon-from", ev.disjoint_tm(a.tm, a.data, "en", lang, work.name)]
            with ThreadPoolExecutor(2) as ex:
                tests = list(ex.map(lambda j: align(a.tm, a.hunalign, lang, j[0], j[1], ex_args), jobs))
        golds = [ev.read_links(j[2]) for j in jobs]
        moved = [open(j[2][:-5] + ".moved").read().strip() == "1" for j in jobs]
        res = ev.score(list(zip(golds, tests)))
        if a.dump:
            for j, g, t in zip(jobs, golds, tests):
                dump_absorbed(j, g, t)
        ph = {}
        for g, t in zip(golds, tests):
            for k, v in phenomena(g, t).items():
                ph[k] = ph.get(k, 0) + v
        res.update(ph)
        res["moved_docs"] = sum(moved)
        res["f1_strict_moved"] = ev.score([(g, t) for g, t, m in zip(golds, tests, moved) if m])["f1_strict"]
        res["f1_strict_unmoved"] = ev.score([(g, t) for g, t, m in zip(golds, tests, moved) if not m])["f1_strict"]
        report[pair] = res
    if a.json:
        json.dump(report, sys.stdout, indent=1)
        print()
        return
    for pair, r in report.items():
        print("%s strict P %.3f R %.3f F1 %.3f | lax P %.3f R %.3f F1 %.3f (%d docs)"
              % (pair, r["precision_strict"], r["recall_strict"], r["f1_strict"], r["precision_lax"],
                 r["recall_lax"], r["f1_lax"], r["files"]))
        print("      deletions absorbed %d/%d (%.1f%%), insertions absorbed %d/%d (%.1f%%), 2-2 %d (%d not in gold)"
              % (r["deletions_absorbed"], r["deletions"], 100.0 * r["deletions_absorbed"] / max(1, r["deletions"]),
                 r["insertions_absorbed"], r["insertions"],
                 100.0 * r["insertions_absorbed"] / max(1, r["insertions"]), r["test_22"], r["spurious_22"]))
        print("      merges (2-1, 3-1) found %d/%d (%.1f%%)"
              % (r["merges_found"], r["merges"], 100.0 * r["merges_found"] / max(1, r["merges"])))
        print("      strict F1 with a moved paragraph %.3f (%d docs), without %.3f"
              % (r["f1_strict_moved"], r["moved_docs"], r["f1_strict_unmoved"]))


if __name__ == "__main__":
    main()
