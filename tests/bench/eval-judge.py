#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Evaluate `tm align`'s translation check on the test set of
make-judge-set.py (true pairs and mismatched pairs of news documents, en-ko,
en-ru and ko-ru): how many true pairs are refused (should be none), how many
mismatched pairs are refused (should be nearly all), how many are left
unsure, and the document scores of each, overall and per corpus.

A pair is refused when `tm align` (without --db) warns that it is probably
not a translation; the score is the json output's `score`.

With --check, each pair also goes through `tm check --presegmented`, which
reads the same verdict: a document error (not a translation) on a true pair
must never happen; the pairs `tm align` refuses or leaves unsure must have a
document finding (an error, or a warning for the unsure and for a refused
pair with a side under ten sentences), the others none (docs/check.md,
"Not a translation").

Usage: eval-judge.py [--tm build/tools/tm] [--data DIR] [--set DIR] [--dict] [--lexicon-from]
                     [--half 0|1] [--restructured DIR [--excerpts]] [--damaged [--keep DIR]] [--json]
                     [--rows FILE] [--check]
  --set DIR   an existing set (else one is built in a temporary folder)
  --dict      run `tm align --dict` with the dictionaries make-judge-set.py
              learns from corpora disjoint from the set (built in a temporary
              folder; SET/dict when it exists)
  --lexicon-from
              run `tm align --lexicon-from TM`, a TM built in a temporary
              folder from the corpora the dictionaries are learned from
              (disjoint from the set; eval-align.py's disjoint_tm): the
              word pairs the aligner learns from a desk's TM. ko-ru and
              ru-ko: a TM of the NTREX-128 documents' Korean and Russian,
              the FLORES pairs alone weighed
  --check     also run `tm check` on each pair: its document errors and
              warnings on true and mismatched pairs, and the pairs where
              they differ from `tm align`'s refusals and unsure verdicts
              (not with --dict or --lexicon-from: tm check has neither)
  --rows FILE each pair's label, corpus, score, verdict and files, one JSON
              object a line (to split by half or inspect afterwards)
  --pairs P   the language pairs, comma-separated (en-ko,en-ru; also ko-ru,
              and ru-ko: ko-ru's pairs with the Russian as the source)
  --half H    only the documents whose number is even (0) or odd (1): the
              check's choices are made on one half and reported on the other
              (ru-ko: the number of the Korean document, so that its halves
              hold ko-ru's pairs)
  --restructured DIR
              instead of the judge set, a set of make-restructured-set.py
              (paragraphs, merges, moves): its true pairs, and for each
              document two mismatched ones (its English against the target
              of another document of the same corpus, 1 to 9 away)
  --excerpts  without --restructured: excerpts of the judge set's NTREX-128
              documents (translated line by line), three a document of 1 to
              5 lines, and for each two mismatched ones (its source against
              another document's excerpt); the only short pairs ko-ru has.
              With --restructured: excerpts instead of whole documents,
              three a document, each a run of 1 to 5 source sentences and
              the target sentences the gold links give them (a run of
              links with both sides: merges and splits, no dropped or
              inserted sentence), written
              without paragraphs into a temporary folder; mismatched ones
              pair an excerpt's English with the target of an excerpt of
              another document (1 to 9 away)
  --damaged   instead of the mismatched pairs, true pairs that are not
              whole: runs of 4 to 10 lines of the judge set's NTREX-128
              documents (one a document and length), each in three copies,
              its target with one line dropped, one line of another
              document added, or one line replaced by another document's
              (the wire copy a desk stores: background dropped, a line
              added); all three must be kept (none refused), the report
              gives each kind apart (label dropped/added/replaced)"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib.machinery import SourceFileLoader

HERE = os.path.dirname(os.path.abspath(__file__))
# tm__align_judge's thresholds as scores: refused below, a translation above
NOT_BELOW = 0.119
YES_FROM = 0.731


def run(tm, sl, lang, src, tgt, extra=()):
    p = subprocess.run([tm, "align", "--presegmented", "-s", sl, "-t", lang, "--format", "json"] + list(extra)
                       + [src, tgt],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None, False, p.stderr.strip()
    return json.loads(p.stdout)["score"], "probably not a translation" in p.stderr, ""


def run_check(tm, sl, lang, src, tgt):
    """tm check's document finding on the pair: "error", "warning" or None,
    and how many other findings it printed (warning and above)."""
    p = subprocess.run([tm, "check", "--presegmented", "-s", sl, "-t", lang, "--format", "json", src, tgt],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1) or p.stderr:
        return None, 0, p.stderr.strip()
    rows = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    doc = [f["severity"] for f in rows if f["kind"] == "document"]
    return (doc[0] if doc else None), len(rows) - len(doc), ""


def pct(v, q):
    return v[min(len(v) - 1, int(q * len(v)))] if v else float("nan")


def dist(v):
    v = sorted(v)
    return {"n": len(v), "min": v[0] if v else None, "p1": pct(v, .01), "p5": pct(v, .05),
            "p50": pct(v, .5), "p95": pct(v, .95), "p99": pct(v, .99), "max": v[-1] if v else None}


def summarize(rows):
    true = [r for r in rows if r["label"] == "true"]
    mis = [r for r in rows if r["label"] == "mismatch"]
    out = {
        "true": len(true), "true_refused": sum(r["refused"] for r in true),
        "true_unsure": sum(not r["refused"] and r["score"] < YES_FROM for r in true),
        "mismatch": len(mis), "mismatch_refused": sum(r["refused"] for r in mis),
        "mismatch_unsure": sum(not r["refused"] and r["score"] < YES_FROM for r in mis),
        "mismatch_accepted": sum(r["score"] >= YES_FROM for r in mis),
        "score_true": dist([r["score"] for r in true]), "score_mismatch": dist([r["score"] for r in mis]),
    }
    if rows and "check" in rows[0]:
        for name, part in (("true", true), ("mismatch", mis)):
            out[name + "_check_error"] = sum(r["check"] == "error" for r in part)
            out[name + "_check_unsure"] = sum(r["check"] == "warning" for r in part)
            # a document finding (error, or a warning: unsure, or a short
            # pair refused) where tm align refuses or is unsure, none
            # elsewhere
            out[name + "_check_differ"] = sum(
                (r["check"] is not None) != (r["refused"] or r["score"] < YES_FROM) for r in part)
            out[name + "_refused_warning"] = sum(r["refused"] and r["check"] == "warning" for r in part)
            out[name + "_check_findings"] = sum(r["check_findings"] for r in part)
    return out


def damaged_summary(rows):
    """Refused and unsure copies of --damaged's rows, and their scores."""
    v = sorted(r["score"] for r in rows)
    return {"n": len(rows), "refused": sum(r["refused"] for r in rows),
            "unsure": sum(not r["refused"] and r["score"] < YES_FROM for r in rows),
            "min": v[0] if v else float("nan"), "p5": pct(v, .05), "p50": pct(v, .5),
            "refused_at": sorted((os.path.basename(r["tgt"]), r["score"]) for r in rows if r["refused"])}


def restructured_jobs(path, seed=1):
    """(label, src, tgt) of a restructured set's list: true and mismatched."""
    rows = [l.split() for l in open(path) if l.strip()]
    by = {}
    for r in rows:
        by.setdefault(os.path.basename(r[0]).split("-")[0], []).append(r)
    rnd = random.Random(seed)
    jobs = []
    for docs in by.values():
        for i, r in enumerate(docs):
            jobs.append(("true", r[0], r[1]))
            for k in rnd.sample(range(1, 10), 2):
                jobs.append(("mismatch", r[0], docs[(i + k) % len(docs)][1]))
    return jobs


def parse_link(line):
    a, b = line.strip().split(":")
    side = lambda x: [int(v) for v in x.strip("[]").split(",") if v.strip()]
    return side(a), side(b)


def excerpt_jobs(path, lang, out, seed=1):
    """(label, src, tgt) of excerpts cut from a restructured set's documents."""
    rnd = random.Random(seed)
    rows = [l.split() for l in open(path) if l.strip()]
    by = {}
    for src, tgt, gold in rows:
        S = [l.rstrip("\n") for l in open(src, encoding="utf-8") if l.strip()]
        T = [l.rstrip("\n") for l in open(tgt, encoding="utf-8") if l.strip()]
        links = [parse_link(l) for l in open(gold) if l.strip()]
        name = os.path.basename(src)[:-3]
        for w in range(3):
            n, k = rnd.randint(1, 5), rnd.randrange(0, max(1, len(links) - 1))
            ss, tt = [], []
            while k < len(links) and not (links[k][0] and links[k][1]):
                k += 1
            # a run of translated sentences: a dropped or inserted one ends it
            while k < len(links) and len(ss) < n and links[k][0] and links[k][1]:
                ss += links[k][0]
                tt += links[k][1]
                k += 1
            if not ss or not tt:
                continue
            base = os.path.join(out, "%s-%d" % (name, w))
            with open(base + ".en", "w", encoding="utf-8") as f:
                f.write("\n".join(S[i] for i in ss) + "\n")
            with open(base + "." + lang, "w", encoding="utf-8") as f:
                f.write("\n".join(T[j] for j in tt) + "\n")
            by.setdefault(name.split("-")[0], []).append(base)
    jobs = []
    for bases in by.values():
        for i, b in enumerate(bases):
            jobs.append(("true", b + ".en", b + "." + lang))
            for k in rnd.sample(range(1, 10), 2):
                o = bases[(i + 3 * k) % len(bases)]  # another document's
                jobs.append(("mismatch", b + ".en", o + "." + lang))
    return jobs


def ntrex_line_docs(listed):
    """(name, source lines, target lines) of the judge set's true NTREX-128
    pairs translated line by line (as many lines a side), in list order."""
    for label, src, tgt in listed:
        if label != "true" or not os.path.basename(src).startswith("ntrex-"):
            continue
        S = [l.rstrip("\n") for l in open(src, encoding="utf-8")]
        T = [l.rstrip("\n") for l in open(tgt, encoding="utf-8")]
        if len(S) == len(T):
            yield os.path.basename(src).rsplit(".", 1)[0], S, T


def ntrex_excerpt_jobs(listed, sl, lang, out, seed=1):
    """(label, src, tgt) of excerpts cut from the judge set's NTREX-128
    documents, whose sides are translated sentence by sentence (one line of
    one side is the same line of the other): three a document, each a run
    of 1 to 5 lines; mismatched ones pair an excerpt's source with the
    target of an excerpt of another document (1 to 9 away)."""
    rnd = random.Random(seed)
    bases = []
    for name, S, T in ntrex_line_docs(listed):
        for w in range(3):
            n = rnd.randint(1, 5)
            k = rnd.randrange(0, max(1, len(S) - n + 1))
            base = os.path.join(out, "%s-%d" % (name, w))
            with open(base + "." + sl, "w", encoding="utf-8") as f:
                f.write("\n".join(S[k:k + n]) + "\n")
            with open(base + "." + lang, "w", encoding="utf-8") as f:
                f.write("\n".join(T[k:k + n]) + "\n")
            bases.append(base)
    jobs = []
    for i, b in enumerate(bases):
        jobs.append(("true", b + "." + sl, b + "." + lang))
        for k in rnd.sample(range(1, 10), 2):
            o = bases[(i + 3 * k) % len(bases)]  # another document's
            jobs.append(("mismatch", b + "." + sl, o + "." + lang))
    return jobs


def damaged_jobs(listed, sl, lang, out, seed=1):
    """(label, src, tgt) of true pairs with one target line dropped, added
    (another document's) or replaced (by another document's), cut from the
    judge set's NTREX-128 documents: per document and length 4 to 10 (as
    long as the document allows) a run of lines, in three copies."""
    rnd = random.Random(seed)
    docs = list(ntrex_line_docs(listed))
    jobs = []
    for i, (name, S, T) in enumerate(docs):
        for n in range(4, 11):
            if len(S) < n:
                break
            k = rnd.randrange(0, len(S) - n + 1)
            src, tgt = S[k:k + n], T[k:k + n]
            _, _, OT = docs[(i + rnd.randint(1, 9)) % len(docs)]
            foreign = OT[rnd.randrange(len(OT))]
            d, a, r = rnd.randrange(n), rnd.randrange(n + 1), rnd.randrange(n)
            base = os.path.join(out, "%s-%d" % (name, n))
            with open(base + "." + sl, "w", encoding="utf-8") as f:
                f.write("\n".join(src) + "\n")
            for kind, t in (("dropped", tgt[:d] + tgt[d + 1:]), ("added", tgt[:a] + [foreign] + tgt[a:]),
                            ("replaced", tgt[:r] + [foreign] + tgt[r + 1:])):
                with open(base + "-" + kind + "." + lang, "w", encoding="utf-8") as f:
                    f.write("\n".join(t) + "\n")
                jobs.append((kind, base + "." + sl, base + "-" + kind + "." + lang))
    return jobs


def ntrex_tm(ev, tm, data, sl, tl, tmp):
    """A ko-ru (or ru-ko) TM in @tmp of NTREX-128's Korean and Russian,
    line by line, imported through TMX (eval-align.py's tm_of_files(), @ev
    that module); its path. There is no ko-ru corpus apart from the judge
    set's two, so --lexicon-from weighs ko-ru on the FLORES pairs alone,
    with the NTREX documents as the desk's TM."""
    base = os.path.join(data, "parallel", "en-ko-ru", "ntrex128")
    files = {"ko": "newstest2019-ref.kor.txt", "ru": "newstest2019-ref.rus.txt"}
    return ev.tm_of_files(tm, [(os.path.join(base, files[sl]), os.path.join(base, files[tl]))], sl, tl,
                          os.path.join(tmp, "ntrex-%s-%s.tmx" % (sl, tl)), os.path.join(tmp, "ntrex-%s-%s.db" % (sl, tl)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tm", default=os.path.join(HERE, "..", "..", "build", "tools", "tm"))
    ap.add_argument("--data", default=os.environ.get("TM_SHARED_DATA", os.path.join(HERE, "..", "..", "..", "shared", "data")))
    ap.add_argument("--set")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dict", action="store_true")
    ap.add_argument("--lexicon-from", action="store_true")
    ap.add_argument("--pairs", default="en-ko,en-ru")
    ap.add_argument("--half", type=int, choices=(0, 1))
    ap.add_argument("--restructured")
    ap.add_argument("--excerpts", action="store_true")
    ap.add_argument("--rows")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--damaged", action="store_true")
    ap.add_argument("--keep", help="with --damaged: write the copies into DIR/damaged/PAIR, kept")
    a = ap.parse_args()
    if a.check and (a.dict or a.lexicon_from):
        sys.exit("eval-judge.py: --check runs tm check, which has no --dict or --lexicon-from")
    tmp = tempfile.TemporaryDirectory()
    dicts = None
    if a.restructured:
        a.set = a.restructured
    elif not a.set:
        a.set = tmp.name
        subprocess.run([sys.executable, os.path.join(HERE, "make-judge-set.py"), "--out", a.set, "--data", a.data]
                       + (["--dict", os.path.join(tmp.name, "dict")] if a.dict else []), check=True)
    if a.dict:
        dicts = os.path.join(a.set, "dict")
        if not os.path.isdir(dicts):
            dicts = os.path.join(tmp.name, "dict")
            if not os.path.isdir(dicts):
                subprocess.run([sys.executable, os.path.join(HERE, "make-judge-set.py"), "--out",
                                os.path.join(tmp.name, "set"), "--data", a.data, "--dict", dicts], check=True)
    report = {}
    rows_out = open(a.rows, "w") if a.rows else None
    for pair in a.pairs.split(","):
        sl, lang = pair.split("-")
        # ru-ko: ko-ru's pairs, each the other way round
        listed_pair, swap = ("ko-ru", True) if pair == "ru-ko" else (pair, False)
        if sl != "en" and (a.restructured or dicts):
            sys.exit("eval-judge.py: %s has no restructured set or dictionary" % pair)
        jobs = []
        if a.restructured and a.excerpts:
            os.makedirs(os.path.join(tmp.name, "excerpts", pair))
            listed = excerpt_jobs(os.path.join(a.set, pair + ".list"), lang,
                                  os.path.join(tmp.name, "excerpts", pair))
        elif a.restructured:
            listed = restructured_jobs(os.path.join(a.set, pair + ".list"))
        else:
            listed = [line.split() for line in open(os.path.join(a.set, listed_pair + ".list"))]
            if a.damaged:
                ls, lt = listed_pair.split("-")
                work = os.path.join(a.keep or tmp.name, "damaged", pair)
                os.makedirs(work, exist_ok=True)
                listed = damaged_jobs(listed, ls, lt, work)
            elif a.excerpts:
                ls, lt = listed_pair.split("-")
                os.makedirs(os.path.join(tmp.name, "excerpts", pair))
                listed = ntrex_excerpt_jobs(listed, ls, lt, os.path.join(tmp.name, "excerpts", pair))
        for label, src, tgt in listed:
            # ko-ru's disjoint TM is NTREX-128's (ntrex_tm()): FLORES only
            if sl != "en" and a.lexicon_from and not os.path.basename(src).startswith("flores-"):
                continue
            if a.half is not None and int(os.path.basename(src).split(".")[0].split("-")[1]) % 2 != a.half:
                continue
            jobs.append((label, tgt, src) if swap else (label, src, tgt))
        extra = ["--dict", os.path.join(dicts, pair + ".hun.txt")] if dicts else []
        if a.lexicon_from:
            ev = SourceFileLoader("eval_align", os.path.join(HERE, "eval-align.py")).load_module()
            extra += ["--lexicon-from", ntrex_tm(ev, a.tm, a.data, sl, lang, tmp.name) if sl != "en"
                      else ev.disjoint_tm(a.tm, a.data, "en", lang, tmp.name)]
        with ThreadPoolExecutor(2) as ex:
            res = list(ex.map(lambda j: run(a.tm, sl, lang, j[1], j[2], extra), jobs))
            checked = list(ex.map(lambda j: run_check(a.tm, sl, lang, j[1], j[2]), jobs)) if a.check else None
        rows = []
        for k, ((label, src, tgt), (score, refused, err)) in enumerate(zip(jobs, res)):
            if score is None or (checked and checked[k][2]):
                print("%s %s: %s" % (src, tgt, err or checked[k][2]), file=sys.stderr)
                continue
            rows.append({"label": label, "corpus": os.path.basename(tgt if swap else src).split("-")[0], "score": score,
                         "refused": refused, "src": src, "tgt": tgt})
            if checked:
                rows[-1]["check"], rows[-1]["check_findings"] = checked[k][:2]
        if rows_out:
            for r in rows:
                rows_out.write(json.dumps(dict(r, pair=pair)) + "\n")
        if a.damaged:
            report[pair] = {}
            for kind in ("dropped", "added", "replaced"):
                for n in range(4, 11):
                    part = [r for r in rows if r["label"] == kind and
                            int(os.path.basename(r["src"]).rsplit(".", 1)[0].split("-")[-1]) == n]
                    s = damaged_summary(part)
                    report[pair]["%s-%d" % (kind, n)] = s
                report[pair][kind] = damaged_summary([r for r in rows if r["label"] == kind])
            continue
        report[pair] = {"all": summarize(rows)}
        for corpus in sorted(set(r["corpus"] for r in rows)):
            report[pair][corpus] = summarize([r for r in rows if r["corpus"] == corpus])
    if a.damaged:
        for pair, parts in report.items():
            for part, s in parts.items():
                print("%s %-11s n %3d refused %2d unsure %3d  min %.3f p5 %.3f p50 %.3f  refused: %s"
                      % (pair, part, s["n"], s["refused"], s["unsure"], s["min"], s["p5"], s["p50"],
                         " ".join("%s %.3f" % x for x in s["refused_at"]) or "-"))
        if a.json:
            json.dump(report, sys.stdout, indent=1)
            print()
        return
    if a.json:
        json.dump(report, sys.stdout, indent=1)
        print()
        return
    for pair, parts in report.items():
        for part, s in parts.items():
            print("%s %-6s true %3d refused %d unsure %3d | mismatched %4d refused %4d (%.1f%%) unsure %3d accepted %d"
                  % (pair, part, s["true"], s["true_refused"], s["true_unsure"], s["mismatch"],
                     s["mismatch_refused"], 100.0 * s["mismatch_refused"] / max(1, s["mismatch"]),
                     s["mismatch_unsure"], s["mismatch_accepted"]))
            if "true_check_error" in s:
                print("    tm check: true pairs: document errors %d, warnings %d, other findings %d; "
                      "mismatched: errors %d (%.1f%%), warnings %d (%d of them refused by tm align: short), "
                      "other findings %d; document finding or not unlike tm align's refusal or unsure: "
                      "%d true, %d mismatched"
                      % (s["true_check_error"], s["true_check_unsure"], s["true_check_findings"],
                         s["mismatch_check_error"], 100.0 * s["mismatch_check_error"] / max(1, s["mismatch"]),
                         s["mismatch_check_unsure"], s["mismatch_refused_warning"], s["mismatch_check_findings"],
                         s["true_check_differ"], s["mismatch_check_differ"]))
            for k in ("score_true", "score_mismatch"):
                d = s[k]
                print("    %-14s min %.3f p1 %.3f p5 %.3f p50 %.3f p95 %.3f p99 %.3f max %.3f"
                      % (k, d["min"], d["p1"], d["p5"], d["p50"], d["p95"], d["p99"], d["max"]))


if __name__ == "__main__":
    main()
