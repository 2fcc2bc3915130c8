# SPDX-License-Identifier: MIT
# Consistency of samples/: the story files follow the one-sentence-per-line
# format, and every gold alignment covers both sides exactly once, in range,
# in source order, monotone unless the story's folder says "reordered".
# The alignment tests score against these files, so a wrong index here would
# silently skew every figure.
. "$(dirname "$0")/lib.sh"

samples=${TM_SOURCE_ROOT:?}/samples
[ -d "$samples" ] || skip_all "no samples/ directory"

# check_samples DIR: the checks are in python3 (a build dependency); it
# prints one "PASS<TAB>name" or "FAIL<TAB>name<TAB>detail" line per check.
check_samples() {
	python3 - "$1" <<'PY'
import os, re, sys, unicodedata
import xml.etree.ElementTree as ET

root = sys.argv[1]
def ok(name):
    print("PASS\t" + name)
def bad(name, detail):
    print("FAIL\t" + name + "\t" + str(detail).replace("\n", " | "))
def check(cond, name, detail=""):
    ok(name) if cond else bad(name, detail)

DATELINE = {
    "en": re.compile(r"^[A-Z][A-Z .'-]+(, [A-Z][A-Za-z .]+)?, "
                     r"(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)"
                     r"\.? [0-9]{1,2} \([A-Za-z ]+\) --$"),
    "ko": re.compile(r"^\([^=()]+=[^()]+\) [^=]+ =$"),
    "ru": re.compile(r"^[А-ЯЁ][А-ЯЁ -]+, [0-9]{1,2} [а-я]{3} — .+\.$"),
}
GOLD = re.compile(r"^\[([0-9]+(?:,[0-9]+)*)?\]:\[([0-9]+(?:,[0-9]+)*)?\]$")

def read_story_file(path, name):
    """Return the list of paragraphs (lists of lines), or None."""
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        bad(name + ": readable", e)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        bad(name + ": valid UTF-8", e)
        return None
    problems = []
    if text.startswith("\ufeff"):
        problems.append("byte order mark")
    if "\r" in text or "\t" in text:
        problems.append("CR or TAB characters")
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append("must end with exactly one newline")
    if text.startswith("\n"):
        problems.append("leading blank line")
    if "\n\n\n" in text:
        problems.append("more than one blank line between paragraphs")
    lines = text.rstrip("\n").split("\n")
    for n, line in enumerate(lines, 1):
        if line != line.strip():
            problems.append("line %d: leading or trailing white space" % n)
        if unicodedata.normalize("NFC", line) != line:
            problems.append("line %d: not NFC" % n)
    check(not problems, name + ": plain format", "; ".join(problems))
    paras = [p.split("\n") for p in "\n".join(lines).split("\n\n")]
    return paras

def parse_gold(path, name, nsrc, ntgt, monotone):
    try:
        rows = open(path, encoding="utf-8").read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        bad(name + ": readable", e)
        return None
    if rows and rows[-1] == "":
        rows.pop()
    links, problems = [], []
    for n, row in enumerate(rows, 1):
        m = GOLD.match(row)
        if not m:
            problems.append("line %d: bad syntax %r" % (n, row))
            continue
        s = [int(x) for x in m.group(1).split(",")] if m.group(1) else []
        t = [int(x) for x in m.group(2).split(",")] if m.group(2) else []
        if not s and not t:
            problems.append("line %d: empty link" % n)
        for side, xs in (("source", s), ("target", t)):
            if xs and xs != list(range(xs[0], xs[0] + len(xs))):
                problems.append("line %d: %s indices not consecutive" % (n, side))
        links.append((s, t))
    check(not problems, name + ": syntax", "; ".join(problems))
    for side, k, size in (("source", 0, nsrc), ("target", 1, ntgt)):
        seen = [i for l in links for i in l[k]]
        out = sorted(set(i for i in seen if i >= size))
        dup = sorted(set(i for i in seen if seen.count(i) > 1))
        miss = sorted(set(range(size)) - set(seen))
        check(not out, "%s: %s indices in range (< %d)" % (name, side, size),
              "out of range: %s" % out)
        check(not dup and not miss,
              "%s: every %s sentence in exactly one link" % (name, side),
              "duplicated: %s, missing: %s" % (dup, miss))
    firsts = [l[0][0] for l in links if l[0]]
    check(firsts == sorted(firsts), name + ": links in source order", firsts)
    tfirsts = [l[1][0] for l in links if l[1]]
    if monotone:
        check(tfirsts == sorted(tfirsts), name + ": monotone", tfirsts)
    check(links[:2] == [([0], [0]), ([1], [1])],
          name + ": headline and dateline align first", links[:2])
    return links

def kind(link):
    return "%d-%d" % (len(link[0]), len(link[1]))

stories = sorted(d for d in os.listdir(root)
                 if os.path.isdir(os.path.join(root, d)))
check(len(stories) >= 4, "at least four stories", stories)
crossing_somewhere = False
texts = {}
for story in stories:
    d = os.path.join(root, story)
    paras = {}
    for lang in ("en", "ko", "ru"):
        p = read_story_file(os.path.join(d, lang + ".txt"), story + "/" + lang)
        if p is None:
            continue
        paras[lang] = p
        texts.setdefault(lang, []).extend(l for q in p for l in q)
        head = p[0]
        check(len(head) == 1 and not re.search(r"[.!?。]$", head[0]),
              story + "/" + lang + ": one-line headline, no final punctuation",
              head)
        check(len(p) > 1 and DATELINE[lang].match(p[1][0]) is not None,
              story + "/" + lang + ": dateline opens the first paragraph",
              p[1][0] if len(p) > 1 else "no body")
    if "en" in paras:
        en = paras["en"]
        body = [l for q in en[1:] for l in q][1:]
        body = [l for l in body if l != "(END)"]
        check(18 <= len(body) <= 30, story + ": 18-30 English sentences",
              len(body))
        check(6 <= len(en) <= 10, story + ": 6-10 English paragraphs", len(en))
    reordered = "reordered" in story
    for lang in ("ko", "ru"):
        if "en" not in paras or lang not in paras:
            continue
        nsrc = sum(len(q) for q in paras["en"])
        ntgt = sum(len(q) for q in paras[lang])
        name = "%s/en-%s.gold" % (story, lang)
        links = parse_gold(os.path.join(d, "en-%s.gold" % lang), name,
                           nsrc, ntgt, not reordered)
        if links is None:
            continue
        kinds = set(kind(l) for l in links)
        need = {"1-2", "2-1", "1-0", "0-1"}
        check(need <= kinds, name + ": has splits, merges, drops and additions",
              "missing %s" % sorted(need - kinds))
        t = [l[1][0] for l in links if l[1]]
        if any(a > b for a, b in zip(t, t[1:])):
            crossing_somewhere = True
            check(reordered, name + ": crosses only in a reordered story", t)
if any("reordered" in s for s in stories):
    check(crossing_somewhere, "the reordered story has crossing links")

# sample.tmx: its segments come from the stories.
tmx = os.path.join(root, "sample.tmx")
try:
    tree = ET.parse(tmx)
except (OSError, ET.ParseError) as e:
    bad("sample.tmx: well-formed", e)
else:
    ok("sample.tmx: well-formed")
    XL = "{http://www.w3.org/XML/1998/namespace}lang"
    tus = tree.getroot().findall("./body/tu")
    check(10 <= len(tus) <= 20, "sample.tmx: 10-20 TUs", len(tus))
    missing = []
    for tu in tus:
        langs = set()
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XL, "").split("-")[0].lower()
            langs.add(lang)
            seg = tuv.find("seg")
            # Text without inline codes: the codes' own content is markup.
            s = (seg.text or "") + "".join((c.tail or "") for c in seg)
            if not any(s in line for line in texts.get(lang, [])):
                missing.append("%s/%s: %s" % (tu.get("tuid"), lang, s[:40]))
        if langs != {"en", "ko", "ru"}:
            missing.append("%s: languages %s" % (tu.get("tuid"), sorted(langs)))
    check(not missing, "sample.tmx: every segment is text from a story",
          "; ".join(missing))
PY
}

check_samples "$samples" >"$work/checks"

while IFS=$'\t' read -r status name detail; do
	if [ "$status" = PASS ]; then pass "$name"; else fail "$name" "$detail"; fi
done <"$work/checks"
[ -s "$work/checks" ] || fail "the python checks ran"

# The checker itself catches broken golds: run it on damaged copies.
# damaged NAME SED-SCRIPT FILE PATTERN: the check PATTERN must fail.
damaged() {
	rm -rf "$work/bad"
	cp -r "$samples" "$work/bad"
	sed -i "$2" "$work/bad/$3"
	check_samples "$work/bad" >"$work/bad.out"
	like "$(grep '^FAIL' "$work/bad.out")" "$4" "checker catches $1"
}
damaged "an index pointing at the wrong line" 's/^\[3\]:\[3\]$/[3]:[4]/' \
	rail-link/en-ko.gold "rail-link/en-ko.gold: every target sentence"
damaged "an index out of range" '$a[]:[99]' \
	rate-decision/en-ru.gold "en-ru.gold: target indices in range"
damaged "two swapped links" '3{h;d};4G' \
	rail-link/en-ru.gold "rail-link/en-ru.gold: links in source order"
damaged "a sentence added without a gold link" '3i An extra sentence.' \
	rate-decision/ko.txt "rate-decision/en-ko.gold: every target sentence"
damaged "a crossing link in a monotone story" \
	's/^\[2\]:\[2\]$/[2]:[3]/;s/^\[3\]:\[3\]$/[3]:[2]/' \
	rail-link/en-ko.gold "rail-link/en-ko.gold: monotone"
damaged "a TMX segment not in the stories" 's/BOK cuts/BOK slashes/' \
	sample.tmx "sample.tmx: every segment"

dtd=${TM_SHARED_DATA:-}/tmx/dtd/tmx14.dtd
if ! command -v xmllint >/dev/null; then
	pass "sample.tmx validates against the TMX 1.4b DTD # SKIP no xmllint"
elif ! shared_data || [ ! -f "$dtd" ]; then
	pass "sample.tmx validates against the TMX 1.4b DTD # SKIP no shared data"
else
	run xmllint --noout --dtdvalid "$dtd" "$samples/sample.tmx"
	is "$rc" 0 "sample.tmx validates against the TMX 1.4b DTD"
	[ "$rc" -eq 0 ] || printf '%s\n' "$err" | sed 's/^/#   /'
fi

done_testing
