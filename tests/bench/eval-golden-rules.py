#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score `tm segment` on the public Golden Rules sets.

Runs the real `tm segment --format json` (one process per set, one file per
case) over $TM_SHARED_DATA/segmentation/golden_rules/*.jsonl. A case passes
when its segment list, each stripped, equals the expected "sentences"
exactly; this is the convention of pySBD and pragmatic_segmenter.

Newlines. tm treats a blank line as a paragraph break and a single newline
as a wrapped line (joined). The published tools treat a single newline as a
sentence break except "errant" ones, which they join. Two modes:

  --newlines tm         the text goes in as it is (tm's own contract)
  --newlines published  (default) the newline handling of
                        pragmatic_segmenter is applied to the case text
                        first, and each remaining newline becomes a blank
                        line (a hard break for tm):
                          newline after white space and before a lower-case
                          letter or "(" is removed (errant newline);
                          with doc_type "pdf", a newline before a lower-case
                          letter becomes a space, and one after
                          "<non-newline><space>" before a non-space is
                          removed.
                        Nothing else of pragmatic_segmenter's cleaning
                        (HTML, tables of contents, ...) is emulated.

Usage:
  eval-golden-rules.py [--tm PATH] [--data DIR] [--newlines MODE]
                       [--srx FILE] [--verbose] [--tap --floor SET=N ...]
Sets: pysbd48 (pysbd_english_golden_rules_48), en52 (the 52 "Golden Rules"
of pragmatic_segmenter_en), en181 (all of it), ru42, other (by language).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile


def published_newlines(text, options):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if (options or {}).get("doc_type") == "pdf":
        text = re.sub(r"(?<=[^\n]\s)\n(?=\S)", "", text)
        text = re.sub(r"\n(?=[a-z])", " ", text)
    text = re.sub(r"(?<=\s)\n(?=[a-z(])", "", text)
    return text.replace("\n", "\n\n")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_set(args, cases, lang):
    """Segment every case with `tm segment -l lang`; list of outputs."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, case in enumerate(cases):
            text = case["text"]
            if args.newlines == "published":
                text = published_newlines(text, case.get("options"))
            p = os.path.join(tmp, "%05d.txt" % i)
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
            paths.append(p)
        cmd = [args.tm, "segment", "-l", lang, "--format", "json"]
        if args.srx:
            cmd += ["--srx", args.srx]
        res = subprocess.run(cmd + paths, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit("eval: %s failed (%d): %s" % (" ".join(cmd),
                                                   res.returncode,
                                                   res.stderr.strip()))
        doc = json.loads(res.stdout)
        return [[s["text"].strip() for s in f["segments"] if s["text"].strip()]
                for f in doc["files"]]


def score(args, name, cases, lang):
    outs = run_set(args, cases, lang)
    ok = 0
    for case, got in zip(cases, outs):
        want = [s.strip() for s in case["sentences"] if s.strip()]
        if got == want:
            ok += 1
        elif args.verbose:
            print("FAIL %s %s" % (case["id"], case.get("name", "")))
            print("   text: %r" % case["text"][:300])
            print("   want: %r" % want)
            print("   got:  %r" % got)
    return ok, len(cases)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tm", default=os.environ.get("TM", "build/tools/tm"))
    ap.add_argument("--data", default=os.path.join(
        os.environ.get("TM_SHARED_DATA", "../shared/data"),
        "segmentation", "golden_rules"))
    ap.add_argument("--newlines", choices=["tm", "published"],
                    default="published")
    ap.add_argument("--srx")
    ap.add_argument("--sets", default="pysbd48,en52,en181,ru42,other")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--tap", action="store_true")
    ap.add_argument("--floor", action="append", default=[],
                    help="SET=N: fail unless at least N cases pass")
    args = ap.parse_args()
    floors = dict(f.split("=", 1) for f in args.floor)
    d = args.data
    en = load(os.path.join(d, "pragmatic_segmenter_en.jsonl"))
    sets = collections.OrderedDict()
    sets["pysbd48"] = ("en", load(os.path.join(
        d, "pysbd_english_golden_rules_48.jsonl")))
    sets["en52"] = ("en", [c for c in en if c.get("group") == "Golden Rules"])
    sets["en181"] = ("en", en)
    sets["ru42"] = ("ru", load(os.path.join(d, "pragmatic_segmenter_ru.jsonl")))
    other = collections.OrderedDict()
    for c in load(os.path.join(d, "pragmatic_segmenter_other_languages.jsonl")):
        other.setdefault(c["lang"], []).append(c)
    wanted = args.sets.split(",")
    results = []
    for name, (lang, cases) in sets.items():
        if name in wanted:
            results.append((name, score(args, name, cases, lang)))
    if "other" in wanted:
        tot_ok = tot = 0
        for lang, cases in other.items():
            ok, n = score(args, "other-" + lang, cases, lang)
            results.append(("other-" + lang, (ok, n)))
            tot_ok += ok
            tot += n
        results.append(("other", (tot_ok, tot)))
    failed = 0
    for i, (name, (ok, n)) in enumerate(results, 1):
        line = "%-10s %4d/%-4d %6.2f%%" % (name, ok, n, 100.0 * ok / n)
        if args.tap:
            floor = int(floors.get(name, 0))
            good = ok >= floor
            failed += not good
            print("%s %d - %s (floor %d)" % ("ok" if good else "not ok",
                                             i, line, floor))
        else:
            print(line)
    if args.tap:
        print("1..%d" % len(results))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
