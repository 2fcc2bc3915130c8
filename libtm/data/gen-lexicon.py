#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Embed the built-in core lexicons (libtm/data/lexicon-<src>-<tgt>.tsv) into C.

Usage: gen-lexicon.py STEM-WORDS OUTPUT.c [lexicon-en-ko.tsv ...]

Each file holds one word pair a line, `source<TAB>target` (docs/alignment.md,
"Lexicon"): UTF-8, `#` comment lines and blank lines skipped, exactly one TAB,
one word on each side. The language pair is taken from the file name.

The words are written into the table as the aligner reduces a document's
words (libtm/align-lex.c, tm__reduce()), so that it loads nothing at run
time and looks a document's words up in the table directly: folded as
tm__fold_word() folds them (lower case, ё as е), then stemmed with Snowball
by STEM-WORDS (data/stem-words.c, the library libtm/stem.c uses) for the
languages it has; a Korean word is kept as written, a word start the aligner
matches by the longest one a document word begins with, and must be two
Hangul syllables or more. In a German-French file each line is also written
for the regular forms of its two words (inflect.py), every form's stem with
every form of the other word's. A word with a hyphen is taken by its longest part
(the aligner's words end at a hyphen: `вице-президент`: `президент`). An
entry that cannot be matched so is left out with a note on standard error;
a malformed line stops the build with its file and line. The pairs are
sorted by source form, with an index by target form, for binary search;
the words are one string and the pairs offsets into it (no relocation when
the library is loaded).
With no file at all the table is empty (no pair has a core lexicon).
"""
import os
import re
import subprocess
import sys

from cstring import c_string
from inflect import variants

SNOWBALL = {"en": "english", "ru": "russian", "de": "german",
            "fr": "french"}


# anchors.c's latin1_fold[]: U+00C0..U+00FF without their marks (lower
# case); None where it has none (the signs of multiplication and division)
LATIN1_FOLD = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i",
    "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", None, "o", "u",
    "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae",
    "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o",
    "o", "o", "o", None, "o", "u", "u", "u", "u", "y", "th", "y",
]


def fold(w):
    """tm__fold_word() (libtm/anchors.c) for the letters these files hold:
    ASCII and Cyrillic to lower case, ё as е, Latin-1 letters without
    their marks (German ä as a, ß as ss; French é as e), Latin
    Extended-A as crudely as it does (œ kept); None for a character it
    would drop."""
    out = []
    for ch in w:
        c = ord(ch)
        if ord("A") <= c <= ord("Z"):
            c += 32
        elif 0xC0 <= c <= 0xFF:
            f = LATIN1_FOLD[c - 0xC0]
            if f is None:
                return None
            out.append(f)
            continue
        elif 0x100 <= c <= 0x17F:
            c = c - 1 if (c | 1) == c and c < 0x138 else c
        elif 0x410 <= c <= 0x42F:
            c += 0x20
        elif 0x400 <= c <= 0x40F:
            c += 0x50
        if c == 0x451:
            c = 0x435
        out.append(chr(c))
    return "".join(out)


def is_word_char(ch):
    """anchors.c's is_word_cp() for the letters these files hold."""
    c = ord(ch)
    if c < 0x80:
        return ch.isascii() and ch.isalnum()
    return not (c < 0xC0 or c in (0xD7, 0xF7) or 0x2000 <= c <= 0x2BFF or
                0x3000 <= c <= 0x303F)


def one_word(w):
    """The part of @w the aligner sees as one word: @w, or its longest
    part between non-word characters (a hyphen); None when too short."""
    parts, cur = [], ""
    for ch in w:
        if is_word_char(ch):
            cur += ch
        else:
            parts.append(cur)
            cur = ""
    parts = [p for p in parts + [cur] if p]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    best = max(parts, key=len)
    return best if len(best) >= 3 else None


def hangul_syllables(w):
    return all(0xAC00 <= ord(ch) <= 0xD7A3 for ch in w) and len(w)


def read_pairs(path):
    pairs = []
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        sys.exit("gen-lexicon: %s: starts with a BOM" % path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        sys.exit("gen-lexicon: %s: not UTF-8 (byte %d)" % (path, e.start))
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            sys.exit("gen-lexicon: %s:%d: expected 'source<TAB>target'"
                     % (path, n))
        src, tgt = cols[0].strip(), cols[1].strip()
        for w in (src, tgt):
            if not w or re.search(r"\s", w) or len(w.encode("utf-8")) > 63:
                sys.exit("gen-lexicon: %s:%d: bad word %r" % (path, n, w))
        pairs.append((n, src, tgt))
    return pairs


def main():
    stem_words, out_path, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    tables, left_out = [], 0
    for path in sorted(inputs):
        m = re.match(r"lexicon-([a-z]{2,3})-([a-z]{2,3})\.tsv$",
                     os.path.basename(path))
        if not m:
            sys.exit("gen-lexicon: %s: name must be lexicon-<src>-<tgt>.tsv"
                     % path)
        langs = (m.group(1), m.group(2))
        words = []  # per pair: [src forms, tgt forms], folded single words
        for n, src, tgt in read_pairs(path):
            ws = []
            for k, lang in enumerate(langs):
                forms = []
                for v in variants(langs, k, (src, tgt)):
                    f = fold(v)
                    f = one_word(f) if f else None
                    if f and lang == "ko" and hangul_syllables(f) < 2:
                        f = None
                    if f and f not in forms:
                        forms.append(f)
                    elif not f and v == (src, tgt)[k]:
                        forms = []  # the word itself cannot be matched
                        break
                ws.append(forms)
            if not all(ws):
                left_out += 1
                continue
            words.append(ws)
        # stems, in one call of the helper
        query = []
        for ws in words:
            for lang, forms in zip(langs, ws):
                if lang in SNOWBALL:
                    query += ["%s\t%s\n" % (SNOWBALL[lang], w)
                              for w in forms]
        res = subprocess.run([stem_words], input="".join(query).encode(),
                             stdout=subprocess.PIPE, check=True)
        stems = iter(res.stdout.decode("utf-8").split("\n"))
        pairs = set()
        for ws in words:
            red = [set(next(stems) if lang in SNOWBALL else w
                       for w in forms) for lang, forms in zip(langs, ws)]
            pairs.update((a, b) for a in red[0] for b in red[1]
                         if a and b)
        pairs = sorted(pairs, key=lambda p: (p[0].encode(), p[1].encode()))
        by_tgt = sorted(range(len(pairs)),
                        key=lambda i: (pairs[i][1].encode(),
                                       pairs[i][0].encode()))
        tables.append((langs[0], langs[1], pairs, by_tgt))
    if left_out:
        print("gen-lexicon: %d entries left out (a Korean word of one "
              "syllable, a hyphenated word without a long part)" % left_out,
              file=sys.stderr)
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("/* Generated by libtm/data/gen-lexicon.py; do not edit. */\n")
        out.write('#include "align-private.h"\n\n')
        for k, (src, tgt, pairs, by_tgt) in enumerate(tables):
            # the words in one string, the pairs as offsets into it: no
            # pointer to relocate when the library is loaded
            offs, text = {}, []
            size = 0
            for s_, t_ in pairs:
                for w in (s_, t_):
                    if w not in offs:
                        offs[w] = size
                        text.append(w)
                        size += len(w.encode("utf-8")) + 1
            out.write("static const char core_%d_text[] =\n" % k)
            for w in text:
                out.write("\t%s \"\\0\"\n" % c_string(w))
            out.write("\t\"\";\n\n")
            out.write("static const tm__core_pair core_%d[] = {\n" % k)
            for s_, t_ in pairs:
                out.write("\t{%d, %d},\n" % (offs[s_], offs[t_]))
            if not pairs:
                out.write("\t{0, 0},\n")
            out.write("};\n\n")
            out.write("static const uint32_t core_%d_by_tgt[] = {\n" % k)
            for i in range(0, len(by_tgt), 12):
                out.write("\t%s,\n" % ", ".join(str(x) for x in
                                               by_tgt[i:i + 12]))
            if not by_tgt:
                out.write("\t0,\n")
            out.write("};\n\n")
        out.write("const tm__core_table tm__core_tables[] = {\n")
        for k, (src, tgt, pairs, by_tgt) in enumerate(tables):
            out.write("\t{%s, %s, core_%d_text, core_%d, core_%d_by_tgt, "
                      "%d},\n" % (c_string(src), c_string(tgt), k, k, k,
                                   len(pairs)))
        if not tables:
            out.write("\t{NULL, NULL, NULL, NULL, NULL, 0},\n")
        out.write("};\n")
        out.write("const size_t tm__core_table_count = %d;\n" % len(tables))


if __name__ == "__main__":
    main()
