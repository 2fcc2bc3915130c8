#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Evaluate `tm check` against seeded errors, and translate-toolkit's
numbers check (pofilter) on the same pairs.

  tests/bench/eval-check.py [--tm build/tools/tm] [--data DIR] [--n 600]
                            [--out DIR] [--keep]

From the parallel en-ko-ru data (FLORES-200 devtest and NTREX-128; correct
as given) it builds, per language pair (en-ko, en-ru):
  - correct.tmx: N segment pairs (every English line with a digit first,
    then others, in a fixed pseudo-random order);
  - seeded.tmx: the same pairs, each with one seeded error where one
    applies: a number changed, a magnitude slipped by 10x (or a 만/억,
    млн/млрд swap), a date's day shifted, a name replaced or dropped;
  - documents of 6 consecutive NTREX lines of one story (--sentences),
    presegmented,
    a copy of each with one target sentence dropped, and one with that
    sentence replaced by a sentence of another document (how the dropped
    source sentence is reported: error, warning, info, not at all), and
    the document findings on the three (the translation check's verdict:
    an error on any of them is a true pair judged not a translation).
It runs `tm check --tmx ... --format json` on both sets (and `tm check
--presegmented` on the documents), and `checks.StandardChecker().numbers`
under /usr/bin/python3 on the same pairs, and prints precision, recall
and false alarms per check, language pair and severity.

The data stays in /work/shared/data (or $TM_SHARED_DATA): files are
written to a temporary folder (--out to keep them), with the seeded kind
of each pair in kinds-en-LANG.json for a closer look.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

KO_NAMES = ["오바마", "트럼프", "메르켈", "마크롱", "시진핑", "바이든",
            "푸틴", "존슨", "모디", "룰라"]
RU_NAMES = ["Обама", "Трамп", "Меркель", "Макрон", "Си Цзиньпин",
            "Байден", "Путин", "Джонсон", "Моди", "Лула"]
STOP = set("""I A An The In On At For But And Or If It He She We They You This
That These Those There Mr Mrs Ms Dr January February March April May June July
August September October November December Monday Tuesday Wednesday Thursday
Friday Saturday Sunday""".split())
RU_MONTHS = ("января февраля марта апреля мая июня июля августа сентября "
             "октября ноября декабря").split()


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def load(data):
    fl = os.path.join(data, "parallel/en-ko-ru/flores200-devtest")
    nt = os.path.join(data, "parallel/en-ko-ru/ntrex128")
    en = read_lines(f"{fl}/eng_Latn.devtest") + read_lines(f"{nt}/newstest2019-src.eng.txt")
    ko = read_lines(f"{fl}/kor_Hang.devtest") + read_lines(f"{nt}/newstest2019-ref.kor.txt")
    ru = read_lines(f"{fl}/rus_Cyrl.devtest") + read_lines(f"{nt}/newstest2019-ref.rus.txt")
    docs = read_lines(f"{nt}/DOCUMENT_IDS.tsv")
    nflores = len(read_lines(f"{fl}/eng_Latn.devtest"))
    return en, ko, ru, docs, nflores


def keys(tm, texts):
    """tm translit --key of each text (one process)."""
    inp = "\n".join(t.replace("\n", " ") for t in texts) + "\n"
    r = subprocess.run([tm, "translit", "--key"], input=inp, capture_output=True,
                       text=True, check=True)
    out = r.stdout.split("\n")
    return out[:len(texts)]


def en_names(s):
    """Capitalised words of an English sentence that do not begin it."""
    out = []
    for m in re.finditer(r"[A-Za-z][A-Za-z'-]+", s):
        w = m.group(0)
        if not w[0].isupper() or w in STOP or w.isupper():
            continue
        before = s[:m.start()].rstrip()
        if not before or before[-1] in '.!?:"“':
            continue
        out.append(w)
    return out


def target_words(t, lang):
    if lang == "ko":
        return [m for m in re.finditer(r"[가-힣]+", t)]
    return [m for m in re.finditer(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*", t)]


def find_rendering(tm, pairs, lang):
    """Per pair, the span of a target word rendering an English name:
    its key starts with the name's key (3+ symbols)."""
    want, where = [], []
    for i, (s, t) in enumerate(pairs):
        for w in en_names(s):
            want.append(w)
            where.append(("s", i, w))
        for m in target_words(t, lang):
            if lang == "ru" and not m.group(0)[0].isupper():
                continue
            want.append(m.group(0))
            where.append(("t", i, m))
    ks = keys(tm, want)
    names, words = {}, {}
    for (side, i, x), k in zip(where, ks):
        if side == "s":
            names.setdefault(i, []).append((x, k))
        else:
            words.setdefault(i, []).append((x, k))
    found = {}
    for i, ns in names.items():
        for name, nk in ns:
            if len(nk) < 3:
                continue
            for m, wk in words.get(i, []):
                if wk == nk or (wk.startswith(nk) and len(wk) - len(nk) <= 2):
                    found[i] = (name, nk, m)
                    break
            if i in found:
                break
    return found


KO_PARTICLES = sorted("은 는 이 가 을 를 의 에 에서 와 과 도 로 으로 에게 께서 "
                      "만 까지 부터 처럼 이다 이며 이었다 측은 측이".split(),
                      key=len, reverse=True)


def strip_particle(w):
    for p in KO_PARTICLES:
        if w.endswith(p) and len(w) - len(p) >= 2:
            return w[:-len(p)]
    return w


def seed(pairs, lang, renders, rng):
    """One error per pair where one applies: (type, seeded target)."""
    out = []
    kinds = ["number", "magnitude", "date", "name-replaced", "name-dropped"]
    for i, (s, t) in enumerate(pairs):
        opts = []
        nums = [m for m in re.finditer(r"\d+(?:[.,\u00a0 ]\d+)*", t)]
        if nums and re.search(r"\d", s):
            opts += ["number", "magnitude"]
        if lang == "ko" and re.search(r"\d+일", t):
            opts.append("date")
        if lang == "ru" and re.search(r"\b\d{1,2} (" + "|".join(RU_MONTHS) + ")", t):
            opts.append("date")
        if i in renders:
            opts += ["name-replaced", "name-dropped"]
        if not opts:
            out.append((None, t))
            continue
        # rotate through the kinds so each gets its share
        k = sorted(opts, key=lambda x: (kinds.index(x) - i) % len(kinds))[0]
        if k == "number":
            m = rng.choice(nums)
            ds = [j for j, c in enumerate(m.group(0)) if c.isdigit()]
            j = m.start() + ds[-1] if len(ds) == 1 else m.start() + rng.choice(ds[1:] or ds)
            d = int(t[j])
            nd = str((d + rng.choice([1, 2, 3, 7])) % 10)
            if j == m.start() and nd == "0":
                nd = str((d + 1) % 9 + 1)
            t2 = t[:j] + nd + t[j + 1:]
        elif k == "magnitude":
            m = rng.choice(nums)
            after = t[m.end():m.end() + 2]
            if lang == "ko" and (after.startswith("만") or after.startswith("억")):
                sw = "억" if after.startswith("만") else "만"
                t2 = t[:m.end()] + sw + t[m.end() + 1:]
            elif lang == "ru" and re.match(r"\s*(млн|млрд)", t[m.end():]):
                mm = re.match(r"(\s*)(млн|млрд)", t[m.end():])
                sw = "млрд" if mm.group(2) == "млн" else "млн"
                t2 = t[:m.end()] + mm.group(1) + sw + t[m.end() + mm.end():]
            else:
                g = m.group(0)
                # a slip of ten: one digit more, or one less
                dm = re.search(r"[.,]\d{1,2}$", g)
                if dm:
                    # a decimal: the slip moves the mark
                    g2 = g[:dm.start()] + "0" + g[dm.start():]
                elif len(re.sub(r"\D", "", g)) > 1 and rng.random() < 0.5:
                    g2 = g[:-1]
                else:
                    g2 = g + "0"
                t2 = t[:m.start()] + g2 + t[m.end():]
        elif k == "date":
            if lang == "ko":
                m = rng.choice(list(re.finditer(r"(\d+)일", t)))
            else:
                m = rng.choice(list(re.finditer(r"\b(\d{1,2}) (?:" + "|".join(RU_MONTHS) + ")", t)))
            d = int(m.group(1))
            nd = d + 1 if d < 28 else d - 1
            t2 = t[:m.start(1)] + str(nd) + t[m.end(1):]
        else:
            name, nk, m = renders[i]
            if k == "name-replaced":
                pool = KO_NAMES if lang == "ko" else RU_NAMES
                cand = [p for p in pool if not p.startswith(m.group(0)[:2])]
                rep = rng.choice(cand)
                if lang == "ko":
                    # keep the particle: the rendering's last syllable when
                    # the word is longer than the name
                    t2 = t[:m.start()] + rep + t[m.end():]
                else:
                    t2 = t[:m.start()] + rep + t[m.end():]
            else:
                t2 = (t[:m.start()] + t[m.end():]).replace("  ", " ")
        if t2 == t:
            out.append((None, t))
        else:
            out.append((k, t2))
    return out


def write_tmx(path, pairs, sl, tl):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                f'<header creationtool="eval-check" creationtoolversion="1" datatype="plaintext" '
                f'segtype="sentence" adminlang="en" srclang="{sl}" o-tmf="none"/>\n<body>\n')
        for s, t in pairs:
            f.write(f'<tu><tuv xml:lang="{sl}"><seg>{escape(s)}</seg></tuv>'
                    f'<tuv xml:lang="{tl}"><seg>{escape(t)}</seg></tuv></tu>\n')
        f.write("</body>\n</tmx>\n")


def run_check(tm, args):
    r = subprocess.run([tm, "check", "--format", "json", "--min-severity", "info"] + args,
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"tm check failed ({r.returncode}): {r.stderr}")
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


SEV = {"info": 0, "warning": 1, "error": 2}


def flagged(findings, kind, minsev, key="unit"):
    out = set()
    for f in findings:
        if f["kind"] in kind and SEV[f["severity"]] >= minsev:
            out.add(f[key])
    return out


POFILTER = r"""
import json, sys
from translate.filters import checks
c = checks.StandardChecker()
out = []
for line in sys.stdin:
    s, t = json.loads(line)
    try:
        c.numbers(s, t)
        out.append(0)
    except checks.FilterFailure:
        out.append(1)
    except Exception:
        out.append(2)
print(json.dumps(out))
"""


def pofilter(pairs):
    inp = "".join(json.dumps([s, t]) + "\n" for s, t in pairs)
    try:
        r = subprocess.run(["/usr/bin/python3", "-c", POFILTER], input=inp,
                           capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        return None
    return json.loads(r.stdout)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r


def report(label, pos, flag_c, flag_s, n):
    """pos: seeded pair indices of this check's kinds; flag_c/flag_s:
    flagged indices in the correct and seeded sets."""
    tp = len(pos & flag_s)
    fp = len(flag_c) + len(flag_s - pos)
    fn = len(pos - flag_s)
    p, r = prf(tp, fp, fn)
    print(f"  {label:34s} P {p*100:6.1f}%  R {r*100:6.1f}%  "
          f"(tp {tp}, fp {fp}, fn {fn}; false alarms on correct {len(flag_c)}/{n} = "
          f"{len(flag_c)/n*100:.1f}%)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tm", default=os.path.join(ROOT, "build/tools/tm"))
    ap.add_argument("--data", default=os.environ.get("TM_SHARED_DATA",
                    os.path.join(ROOT, "..", "shared", "data")))
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--part", type=int, default=0,
                    help="which disjoint slice of the data: 0 is the set the "
                         "check was tuned on, 1 a held-out one")
    ap.add_argument("--sentences", type=int, default=6,
                    help="sentences of each document (the documents' rows)")
    ap.add_argument("--out")
    ap.add_argument("--show", action="store_true", help="print false alarms")
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.data, "SOURCES.md")):
        print("no shared data: skipped")
        return 77
    en, ko, ru, docids, nflores = load(a.data)
    out = a.out or tempfile.mkdtemp(prefix="eval-check-")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(19)
    order = list(range(len(en)))
    rng.shuffle(order)
    digit = [i for i in order if re.search(r"\d", en[i])]
    other = [i for i in order if not re.search(r"\d", en[i])]
    for tl, tgt in (("ko", ko), ("ru", ru)):
        nd, no = a.n * 2 // 3, a.n - a.n * 2 // 3
        pick = (digit[a.part * nd:(a.part + 1) * nd]
                + other[a.part * no:(a.part + 1) * no])[:a.n]
        pairs = [(en[i], tgt[i]) for i in pick]
        renders = find_rendering(a.tm, pairs, tl)
        seeded = seed(pairs, tl, renders, random.Random(7))
        spairs = [(s, t2) for (s, _), (_, t2) in zip(pairs, seeded)]
        kinds = [k for k, _ in seeded]
        with open(f"{out}/kinds-en-{tl}.json", "w") as kf:
            json.dump(kinds, kf)
        cpath, spath = f"{out}/correct-en-{tl}.tmx", f"{out}/seeded-en-{tl}.tmx"
        write_tmx(cpath, pairs, "en", tl)
        write_tmx(spath, spairs, "en", tl)
        fc = run_check(a.tm, ["--tmx", cpath])
        fs = run_check(a.tm, ["--tmx", spath])
        n = len(pairs)
        counts = {}
        for k in kinds:
            counts[k] = counts.get(k, 0) + 1
        print(f"en-{tl}: {n} pairs ({len([i for i in pick if i < nflores])} FLORES, "
              f"{len([i for i in pick if i >= nflores])} NTREX); seeded: "
              + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=str) if k))
        num_pos = {i + 1 for i, k in enumerate(kinds) if k in ("number", "magnitude", "date")}
        name_pos = {i + 1 for i, k in enumerate(kinds) if k in ("name-replaced", "name-dropped")}
        for sev, sname in ((2, "error"), (1, "warning+")):
            report(f"numbers, tm check ({sname})", num_pos,
                   flagged(fc, ("number",), sev), flagged(fs, ("number",), sev), n)
        for sev, sname in ((2, "error"), (1, "warning+"), (0, "info+")):
            report(f"names, tm check ({sname})", name_pos,
                   flagged(fc, ("name",), sev), flagged(fs, ("name",), sev), n)
        # the same with a newsroom glossary holding the names as the
        # correct translations render them (an upper bound: every seeded
        # name is in it)
        gpath = f"{out}/names-en-{tl}.tsv"
        with open(gpath, "w", encoding="utf-8") as g:
            g.write(f"en\t{tl}\n")
            seen = set()
            for i, (name, nk, m) in renders.items():
                form = m.group(0)
                if tl == "ko":
                    form = strip_particle(form)
                if (name, form) not in seen and len(form) >= 2:
                    seen.add((name, form))
                    g.write(f"{name}\t{form}\n")
        gc = run_check(a.tm, ["--tmx", cpath, "--glossary", gpath])
        gs = run_check(a.tm, ["--tmx", spath, "--glossary", gpath])
        for sev, sname in ((2, "error"), (1, "warning+")):
            report(f"names + glossary ({sname})", name_pos,
                   flagged(gc, ("name",), sev), flagged(gs, ("name",), sev), n)
        for sev, sname in ((2, "error"), (1, "warning+")):
            allc = flagged(fc, ("number", "name", "untranslated", "length"), sev)
            print(f"  any check ({sname}) on the correct set: {len(allc)}/{n} = {len(allc)/n*100:.1f}%")
        pc = pofilter(pairs)
        ps = pofilter(spairs)
        if pc is None or ps is None:
            print("  pofilter numbers: translate-toolkit not available under /usr/bin/python3")
        else:
            report("numbers, pofilter", num_pos,
                   {i + 1 for i, x in enumerate(pc) if x == 1},
                   {i + 1 for i, x in enumerate(ps) if x == 1}, n)
        if a.show:
            for f in fc:
                if f["kind"] in ("number", "name") and SEV[f["severity"]] >= 1:
                    print("   FA", f["severity"], f["message"])
                    print("      ", f["source"]["text"])
                    print("      ", f["target"]["text"])
            for f in fs:
                i = f["unit"] - 1
                if f["kind"] == "name" and SEV[f["severity"]] >= 1 and kinds[i] not in ("name-replaced", "name-dropped"):
                    print("   FS", f["severity"], f["message"])
            for i in sorted(num_pos - flagged(fs, ("number",), 2)):
                print("   MISS", kinds[i - 1], spairs[i - 1][1])
        # documents: L consecutive NTREX lines of one story, one dropped
        L = a.sentences
        starts, i = [], nflores + a.part * a.docs * L
        while i + L <= len(en) and len(starts) < a.docs:
            if docids[i - nflores] == docids[i - nflores + L - 1]:
                starts.append(i)
                i += L
            else:
                i += 1
        tp = fp = fn = fa = 0
        fpw = tpw = 0
        # a copy with the dropped sentence's place taken by a sentence of
        # another story (a drop beside an insertion): how the dropped
        # source sentence is reported (error, warning, info, not at all)
        replaced = {2: 0, 1: 0, 0: 0, -1: 0}
        # document findings (error, warning) on the correct, dropped and
        # replaced copies: all three are translations of the source
        docf = {k: [0, 0] for k in ("correct", "dropped", "replaced")}

        def count_doc(findings, k):
            for f in findings:
                if f["kind"] == "document":
                    docf[k][0 if f["severity"] == "error" else 1] += 1
        for d, st in enumerate(starts):
            src = "\n".join(en[st:st + L]) + "\n"
            tgt_lines = tgt[st:st + L]
            drop = 1 + d % 4
            sp, cp, dp = f"{out}/doc{d}.en", f"{out}/doc{d}.{tl}", f"{out}/doc{d}-drop.{tl}"
            with open(sp, "w", encoding="utf-8") as f:
                f.write(src)
            with open(cp, "w", encoding="utf-8") as f:
                f.write("\n".join(tgt_lines) + "\n")
            with open(dp, "w", encoding="utf-8") as f:
                f.write("\n".join(tgt_lines[:drop] + tgt_lines[drop + 1:]) + "\n")
            c = run_check(a.tm, ["-s", "en", "-t", tl, "--presegmented", sp, cp])
            s = run_check(a.tm, ["-s", "en", "-t", tl, "--presegmented", sp, dp])
            cm = [f for f in c if f["kind"] == "missing" and SEV[f["severity"]] >= 1]
            sm = [f for f in s if f["kind"] == "missing" and SEV[f["severity"]] >= 1]
            fa += bool(cm)
            def covers(f):
                # a 1-0 link, or a link from which the sentence was lost
                return f["source"]["first"] <= drop < f["source"]["first"] + f["source"]["count"]
            fp += len(cm) + len([f for f in sm if not covers(f)])
            hit = [f for f in sm if covers(f)]
            tp += bool(hit)
            fn += not hit
            o = starts[(d + 37) % len(starts)]
            rp = f"{out}/doc{d}-replaced.{tl}"
            with open(rp, "w", encoding="utf-8") as f:
                f.write("\n".join(tgt_lines[:drop] + [tgt[o + 1 + d % 5]]
                                  + tgt_lines[drop + 1:]) + "\n")
            rf = run_check(a.tm, ["-s", "en", "-t", tl, "--presegmented", sp, rp])
            rm = [SEV[f["severity"]] for f in rf if f["kind"] == "missing" and covers(f)]
            replaced[max(rm) if rm else -1] += 1
            count_doc(c, "correct")
            count_doc(s, "dropped")
            count_doc(rf, "replaced")
        p, r = prf(tp, fp, fn)
        print(f"  {'missing sentence (warning+)':34s} P {p*100:6.1f}%  R {r*100:6.1f}%  "
              f"(tp {tp}, fp {fp}, fn {fn}; {len(starts)} documents of {L} sentences, "
              f"false alarms on correct {fa}/{len(starts)})")
        print(f"  {'missing, replaced by another story':34s} error {replaced[2]}, "
              f"warning {replaced[1]}, info {replaced[0]}, not reported {replaced[-1]}")
        print(f"  {'document findings (error/warning)':34s} "
              + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in docf.items()))
    print(f"files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
