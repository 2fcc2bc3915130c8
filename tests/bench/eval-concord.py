#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Recall and precision of `tm concord` on a realistic TM (issue #17).

Builds a TM from the FLORES-200 devtest and NTREX-128 en/ko/ru sentences
of $TM_SHARED_DATA/parallel/en-ko-ru (one trilingual unit per line),
samples/sample.tmx and the real TMX files of $TM_SHARED_DATA/tmx (tm
import), then measures:

1. Russian inflection: for 50 frequent nouns and names of the Russian
   side, the share of the Russian sentences holding any case form (the
   forms are written out below, by hand-written declension rules and
   lists: not by the Snowball stemmer the library uses) that
   `tm concord -l ru -n 0 NOMINATIVE` returns.
2. Cross-script search: for each name of the table below (English,
   Korean, Russian forms), `tm concord --translit -n 0` from each of its
   three forms; a cross-script hit (match_kind translit) is right when
   its segment holds a form of the name in its language; recall is over
   the segments of the other two languages that hold one.

Not a meson test (it builds a TM and runs a few hundred commands):
    tests/bench/eval-concord.py TM_BINARY [WORKDIR]
prints the figures and the misses. TM_BINARY may be an older build (the
figures before a change).
"""
import html
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("TM_SHARED_DATA", os.path.join(TOP, "..", "shared", "data"))

# --- 1. Russian nouns: nominative -> every case form (singular, plural) ---

def hard_m(s, pl=True):  # президент: -, а, у, ом, е; ы, ов, ам, ами, ах
    sg = [s, s + "а", s + "у", s + "ом", s + "е"]
    ending = "и" if s[-1] in "кгхжшчщ" else "ы"
    return sg + ([s + ending, s + "ов", s + "ам", s + "ами", s + "ах"] if pl else [])

def name_m(s):  # Трамп, Путин: + -ым for -ин
    f = hard_m(s, pl=False)
    if s.endswith(("ин", "ов", "ев", "ын")):
        f += [s + "ым"]
    return f

def fem_a(s, pl=True):  # страна: а, ы, е, у, ой, ою; -, ам, ами, ах
    b = s[:-1]
    g = "и" if b[-1] in "кгхжшчщ" else "ы"
    f = [s, b + g, b + "е", b + "у", b + "ой", b + "ою"]
    return f + ([b, b + "ам", b + "ами", b + "ах"] if pl else [])

def fem_ia(s, pl=True):  # партия: ия, ии, ию, ией, ией; ий, иям, иями, иях
    b = s[:-2]
    f = [s, b + "ии", b + "ию", b + "ией", b + "иею"]
    return f + ([b + "ий", b + "иям", b + "иями", b + "иях"] if pl else [])

def fem_ya(s, pl=True):  # неделя: я, и, е, ю, ей; ь, ям, ями, ях
    b = s[:-1]
    f = [s, b + "и", b + "е", b + "ю", b + "ей", b + "ею"]
    return f + ([b + "ь", b + "ям", b + "ями", b + "ях"] if pl else [])

def fem_soft(s):  # помощь: ь, и, ью; и, ей, ям, ями, ях
    b = s[:-1]
    return [s, b + "и", b + "ью", b + "ей", b + "ям", b + "ями", b + "ях"]

def neut_o(s):  # место: о, а, у, ом, е; -, ам, ами, ах
    b = s[:-1]
    return [s, b + "а", b + "у", b + "ом", b + "е", b, b + "ам", b + "ами", b + "ах"]

def neut_ie(s):  # решение: ие, ия, ию, ием, ии; ий, иям, иями, иях
    b = s[:-2]
    return [s, b + "ия", b + "ию", b + "ием", b + "ии", b + "ий", b + "иям", b + "иями", b + "иях"]

NOUNS = {
    "президент": hard_m("президент"), "Трамп": name_m("Трамп"),
    "суд": hard_m("суд"), "город": hard_m("город") + ["города", "городов"],
    "мир": hard_m("мир"), "парламент": hard_m("парламент"),
    "остров": hard_m("остров") + ["острова", "островов", "островам", "островами", "островах"],
    "вопрос": hard_m("вопрос"), "университет": hard_m("университет"),
    "язык": hard_m("язык"), "результат": hard_m("результат"),
    "министр": hard_m("министр"), "Форд": name_m("Форд"), "Бретт": name_m("Бретт"),
    "штат": hard_m("штат"), "дом": hard_m("дом") + ["дома", "домов"],
    "закон": hard_m("закон"), "Райдер": name_m("Райдер"),
    "день": ["день", "дня", "дню", "днём", "днем", "дне", "дни", "дней", "дням", "днями", "днях"],
    "рынок": ["рынок", "рынка", "рынку", "рынком", "рынке", "рынки", "рынков", "рынкам", "рынками", "рынках"],
    "страна": fem_a("страна") + ["стран"], "партия": fem_ia("партия"),
    "помощь": fem_soft("помощь"), "полиция": fem_ia("полиция", pl=False),
    "команда": fem_a("команда"), "война": fem_a("война") + ["войн"],
    "неделя": fem_ya("неделя"), "организация": fem_ia("организация"),
    "безопасность": fem_soft("безопасность"), "информация": fem_ia("информация", pl=False),
    "власть": fem_soft("власть"), "компания": fem_ia("компания"),
    "жизнь": fem_soft("жизнь"), "вода": fem_a("вода") + ["вод"],
    "территория": fem_ia("территория"),
    "церковь": ["церковь", "церкви", "церковью", "церквей", "церквям", "церквями", "церквях"],
    "область": fem_soft("область"), "женщина": fem_a("женщина") + ["женщин"],
    "сторона": fem_a("сторона") + ["сторон"], "Шотландия": fem_ia("Шотландия", pl=False),
    "Индонезия": fem_ia("Индонезия", pl=False), "Европа": fem_a("Европа", pl=False),
    "Великобритания": fem_ia("Великобритания", pl=False),
    "место": neut_o("место"), "землетрясение": neut_ie("землетрясение"),
    "правительство": neut_o("правительство"), "решение": neut_ie("решение"),
    "время": ["время", "времени", "временем", "времена", "времён", "времен", "временам", "временами", "временах"],
    "судья": ["судья", "судьи", "судье", "судью", "судьёй", "судьей", "судей", "судьям", "судьями", "судьях"],
    "человек": ["человек", "человека", "человеку", "человеком", "человеке"],
}

# --- 2. Names: English, Korean, Russian (nominative); a | separates the
# spellings the corpus uses (the first is the one searched) ---

NAMES = [
    ("Trump", "트럼프", "Трамп"), ("Kavanaugh", "캐버노", "Кавано"),
    ("Palu", "팔루", "Палу"), ("Brexit", "브렉시트", "Брексит"),
    ("Ryder", "라이더", "Райдер"), ("Brett", "브렛", "Бретт"),
    ("Livingston", "리빙스턴", "Ливингстон"), ("Cromwell", "크롬웰", "Кромвель"),
    ("Sulawesi", "술라웨시", "Сулавеси"), ("Donggala", "동갈라", "Донггала|Дунгала"),
    ("Palin", "페일린", "Пэйлин|Пейлин"), ("Molinari", "몰리나리", "Молинари"),
    ("Furyk", "퓨릭", "Фьюрик|Ферик"), ("Rosenstein", "로젠스타인|로즌스타인", "Розенштейн"),
    ("Flake", "플레이크", "Флейк"), ("Corbyn", "코빈", "Корбин"),
    ("Spieth", "스피스", "Спит"), ("Geiger", "가이거", "Гейгер"),
    ("Sims", "심스", "Симс"), ("Berners", "버너스", "Бернерс"),
    ("Nielsen", "닐슨", "Нильсен"), ("Dundee", "던디", "Данди"),
    ("Scotland", "스코틀랜드", "Шотландия"), ("Macedonia", "마케도니아", "Македония"),
    ("Arizona", "애리조나|아리조나", "Аризона"), ("Bolivia", "볼리비아", "Боливия"),
    ("Washington", "워싱턴", "Вашингтон"), ("Pennsylvania", "펜실베이니아", "Пенсильвания"),
    ("California", "캘리포니아", "Калифорния"), ("Indonesia", "인도네시아", "Индонезия"),
    ("Singapore", "싱가포르", "Сингапур"), ("Massachusetts", "매사추세츠|메사추세츠", "Массачусетс"),
    ("Hamilton", "해밀턴", "Гамильтон|Хэмилтон"), ("Johnson", "존슨", "Джонсон"),
    ("Simpson", "심슨", "Симпсон"), ("Brighton", "브라이튼", "Брайтон"),
    ("Belfast", "벨파스트", "Белфаст"), ("Christine", "크리스틴", "Кристин"),
    ("Donald", "도널드", "Дональд"), ("Ford", "포드", "Форд"),
    ("Pyongyang", "평양", "Пхеньян"), ("Bush", "부시", "Буш"),
    ("Jones", "존스", "Джонс"), ("Virginia", "버지니아", "Вирджиния"),
    ("Mexico", "멕시코", "Мексика"), ("Africa", "아프리카", "Африка"),
    ("London", "런던", "Лондон"), ("Syria", "시리아", "Сирия"),
    ("Iran", "이란", "Иран"), ("Iraq", "이라크", "Ирак"),
    ("Texas", "텍사스", "Техас"), ("Putin", "푸틴", "Путин"),
    ("Berlin", "베를린", "Берлин"), ("Clinton", "클린턴", "Клинтон"),
]

VOWELS = "аеёиоуыэюя"

def ru_forms(nom):
    """The case forms of a Russian name, by its ending (hand-written)."""
    low = nom.lower()
    if low[-1] in "оиуеэю":
        return [nom]  # indeclinable: Кавано, Палу, Сулавеси
    if low.endswith("ия"):
        return fem_ia(nom, pl=False)
    if low[-1] == "а":
        return fem_a(nom, pl=False)
    if low[-1] == "я":
        return fem_ya(nom, pl=False)
    if low[-1] == "ь":
        b = nom[:-1]
        return [nom, b + "я", b + "ю", b + "ем", b + "е"]
    return name_m(nom)


def word_re(forms, script):
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if script == "ko":  # at a word start, anything after (a particle)
        return re.compile(r"(?<![가-힣A-Za-z0-9])(?:%s)" % alt)
    if script == "en":
        return re.compile(r"(?<![A-Za-z])(?:%s)(?:'s|s)?(?![A-Za-z])" % alt)
    return re.compile(r"(?<![А-Яа-яЁёA-Za-z])(?:%s)(?![А-Яа-яЁё])" % alt, re.I)


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f]


def corpus():
    p = os.path.join(SHARED, "parallel", "en-ko-ru")
    fl = os.path.join(p, "flores200-devtest")
    nt = os.path.join(p, "ntrex128")
    units = list(zip(lines(os.path.join(fl, "eng_Latn.devtest")),
                     lines(os.path.join(fl, "kor_Hang.devtest")),
                     lines(os.path.join(fl, "rus_Cyrl.devtest"))))
    units += list(zip(lines(os.path.join(nt, "newstest2019-src.eng.txt")),
                      lines(os.path.join(nt, "newstest2019-ref.kor.txt")),
                      lines(os.path.join(nt, "newstest2019-ref.rus.txt"))))
    return [u for u in units if all(u)]


def write_tmx(path, units):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                '<header creationtool="eval-concord" creationtoolversion="1" '
                'segtype="sentence" o-tmf="none" adminlang="en" srclang="en" '
                'datatype="plaintext"/>\n<body>\n')
        for i, (en, ko, ru) in enumerate(units):
            f.write('<tu tuid="%d">' % i)
            for lang, t in (("en", en), ("ko", ko), ("ru", ru)):
                f.write('<tuv xml:lang="%s"><seg>%s</seg></tuv>' % (lang, html.escape(t, quote=False)))
            f.write('</tu>\n')
        f.write('</body>\n</tmx>\n')


def build(tm, work):
    db = os.path.join(work, "eval.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    units = corpus()
    tmx = os.path.join(work, "flores-ntrex.tmx")
    write_tmx(tmx, units)
    files = [tmx, os.path.join(TOP, "samples", "sample.tmx")]
    real = os.path.join(SHARED, "tmx")
    if os.path.isdir(real):
        files += sorted(os.path.join(real, n) for n in os.listdir(real) if n.endswith(".tmx"))
    imported = 0
    for f in files:
        r = subprocess.run([tm, "import", "-q", "--db", db, f], capture_output=True)
        imported += r.returncode in (0, 3)
    return db, imported, len(files)


def concord(tm, db, phrase, lang, translit=False):
    cmd = [tm, "concord", "--db", db, "-l", lang, "-n", "0", "--json"]
    if translit:
        cmd.append("--translit")
    r = subprocess.run(cmd + [phrase], capture_output=True, text=True)
    if r.returncode != 0:
        return None
    return json.loads(r.stdout)["hits"]


def variants(db):
    import sqlite3
    c = sqlite3.connect(db)
    rows = c.execute("SELECT lang_base, plain FROM tuv").fetchall()
    c.close()
    return rows


def eval_inflection(tm, db, rows):
    ru = {t for lb, t in rows if lb == "ru"}
    tot_truth = tot_found = tot_hits = tot_right = 0
    misses = []
    for nom, forms in NOUNS.items():
        rx = word_re(forms, "ru")
        truth = {t for t in ru if rx.search(t)}
        hits = concord(tm, db, nom, "ru") or []
        got = {h["text"] for h in hits}
        found = truth & got
        tot_truth += len(truth)
        tot_found += len(found)
        tot_hits += len(got)
        tot_right += len(got & truth)
        if len(found) < len(truth):
            missed = sorted({m.group(0) for t in truth - got for m in [rx.search(t)]})
            misses.append("%s: %d of %d (missed forms: %s)" % (nom, len(found), len(truth), ", ".join(missed)))
        extra = got - truth
        if extra:
            misses.append("%s: %d hits without a listed form, e.g. %s" % (nom, len(extra), sorted(extra)[0][:80]))
    print("1. Russian inflection, %d nouns and names: recall %d / %d = %.1f%%, precision %d / %d = %.1f%%" % (
        len(NOUNS), tot_found, tot_truth, 100.0 * tot_found / max(tot_truth, 1),
        tot_right, tot_hits, 100.0 * tot_right / max(tot_hits, 1)))
    for m in misses:
        print("   ", m)


def eval_translit(tm, db, rows):
    by_lang = {}
    for lb, t in rows:
        by_lang.setdefault(lb, set()).add(t)
    langs = ("en", "ko", "ru")
    tp = fp = truth_n = found_n = 0
    misses, noise = [], []
    per_name_ok = 0
    for name in NAMES:
        res = {
            "en": word_re(name[0].split("|"), "en"),
            "ko": word_re(name[1].split("|"), "ko"),
            "ru": word_re([f for n in name[2].split("|") for f in ru_forms(n)], "ru"),
        }
        name = [n.split("|")[0] for n in name]
        name_ok = True
        for qi, ql in enumerate(langs):
            hits = concord(tm, db, name[qi], ql, translit=True)
            if hits is None:
                misses.append("%s (%s): refused" % (name[qi], ql))
                name_ok = False
                continue
            cross = [h for h in hits if h["lang"].split("-")[0] != ql]
            got = {(h["lang"].split("-")[0], h["text"]) for h in cross}
            # right: the segment holds the name in one of its forms
            # (a Russian sentence may write Brexit in Latin letters)
            for lb, t in got:
                if any(rx.search(t) for rx in res.values()):
                    tp += 1
                else:
                    fp += 1
                    noise.append("%s (%s) -> %s: %s" % (name[qi], ql, lb, t[:90]))
            for ol in langs:
                if ol == ql:
                    continue
                truth = {t for t in by_lang.get(ol, ()) if any(rx.search(t) for rx in res.values())}
                f = {t for lb, t in got if lb == ol} & truth
                truth_n += len(truth)
                found_n += len(f)
                if len(f) < len(truth):
                    name_ok = False
                    misses.append("%s (%s) -> %s: %d of %d" % (name[qi], ql, ol, len(f), len(truth)))
        per_name_ok += name_ok
    print("2. Cross-script (--translit), %d names x 3 scripts: precision %d / %d = %.1f%%, recall %d / %d = %.1f%%; "
          "names found everywhere from every script: %d" % (
              len(NAMES), tp, tp + fp, 100.0 * tp / max(tp + fp, 1),
              found_n, truth_n, 100.0 * found_n / max(truth_n, 1), per_name_ok))
    print("   misses:")
    for m in misses:
        print("   ", m)
    print("   wrong hits (%d):" % len(noise))
    for m in noise[:60]:
        print("   ", m)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    tm = os.path.abspath(sys.argv[1])
    work = sys.argv[2] if len(sys.argv) > 2 else "/tmp/libtm-eval-concord"
    os.makedirs(work, exist_ok=True)
    if not os.path.isdir(os.path.join(SHARED, "parallel")):
        print("no shared data at %s: skipped" % SHARED)
        return 77
    db, n, m = build(tm, work)
    rows = variants(db)
    print("# TM: %d variants (%s), %d of %d files imported" % (len(rows), db, n, m))
    eval_inflection(tm, db, rows)
    eval_translit(tm, db, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
