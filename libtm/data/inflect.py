# SPDX-License-Identifier: MIT
"""Inflected forms of the German and French words of a core lexicon
(gen-lexicon.py), for the forms Snowball does not bring to the lemma's stem.

The aligner stems a document's words after folding them (tm__fold_word():
é as e, ä as a), and Snowball's French stemmer, which reads accented
endings, then leaves many forms apart from their lemma: arriver `arriv`,
arrivée `arrive`, arrivèrent `arriverent`; première `premi`, premier
`premier`; nouvelle `nouvel`, nouveau `nouveau`; descendre `descendr`,
descendit `descend`. German verbs likewise: steigen `steig`, steigt
`steigt`, gestiegen `gestieg`; machte `macht`. A pair of the lexicon is
therefore also written for the regular forms of its words (the table holds
each form's stem with each of the other word's); a form a word does not
really have (an irregular verb's) is never met in a text and costs only
room. Rules from the languages' grammar, not from any corpus:

- a pair is a verb's when the German is written in lower case and ends in
  -en, -ern or -eln (German nouns are capitalised in the files); its
  French gets the verb's forms when it ends in -er, -ir or -re;
- German verbs: present and past of the weak conjugation (-t, -st, -te,
  -ten, -tet), the participle (ge-...-t, ge-...-en, after a separable
  prefix: auf-ge-stiegen; none after an inseparable one), the present
  participle (-end);
- French verbs: the present, imperfect, passé simple, future, conditional
  and participles of the -er, -ir (finir) and -re (descendre) patterns;
- French nouns and adjectives: the feminine and plural (premier
  première, heureux heureuse, actif active, naturel naturelle, nouveau
  nouvelle, ancien ancienne, blanc blanche, cheval chevaux).
"""

SEPARABLE = ("zurück", "hinauf", "hinab", "hinunter", "herauf", "herab",
             "herunter", "heraus", "hinaus", "herein", "hinein", "empor",
             "voran", "vorbei", "weiter", "entgegen", "zusammen", "auf",
             "ab", "an", "aus", "ein", "mit", "nach", "vor", "zu", "weg",
             "los", "fort", "heim", "her", "hin", "fest")
INSEPARABLE = ("be", "ge", "er", "ver", "zer", "ent", "emp", "miss")

# A form made by the rules that is written as a function word (as the rules
# write it, before folding: mai: mais, tuer: tu) is not a form of the word:
# left out, as function words are.
FUNCTION_WORDS = set("""
der die das den dem des und oder in im an am auf aus bei mit nach von vom
vor zu zur zum ist war sind ein eine es er sie wir ich man nicht so als wie
auch noch nur um durch bis seit da dann doch hat wird sich sein ihr dass
wenn weil aber denn hier mal eben erst weg
le la les de du des un une et ou a au aux en sur sous dans par pour avec
sans est sont ce se sa son ses il elle on ne pas que qui plus moins mais
comme tout tous si ni car donc or ces cet leur nous vous ils lui me te mon
ma mes je tu dont lors entre vers chez ete fut bien peu aussi meme alors
puis quand ici cela pendant depuis selon contre
""".split())


def is_german_verb(de):
    """Whether German @de (as written) is an infinitive (see above)."""
    return de[:1].islower() and len(de) >= 5 and de.endswith(
        ("en", "ern", "eln"))


def is_french_verb(fr):
    """Whether French @fr ends as an infinitive of the patterns above."""
    return fr.endswith(("er", "ir", "re")) and not fr.endswith("oir")


def german_verb(w):
    """Regular forms of German infinitive @w."""
    root = w[:-2] if w.endswith("en") else w[:-1]
    forms = [w, root + "e", root + "st", root + "t", root + "te",
             root + "ten", root + "test", root + "tet", root + "end"]
    if root.endswith(("t", "d")):
        forms += [root + "et", root + "ete", root + "eten"]
    pre = ""
    for p in SEPARABLE:
        if w.startswith(p) and len(w) - len(p) >= 4:
            pre = p
            break
    rest, rrest = w[len(pre):], root[len(pre):]
    if pre:
        forms += [pre + "zu" + rest]
    if rest.endswith("ieren") or rest.startswith(INSEPARABLE):
        forms += [root + "t"]  # erreicht, studiert: no ge-
    else:
        forms += [pre + "ge" + rrest + "t", pre + "ge" + rest]
    return forms


def french_verb(w):
    """Regular forms of French infinitive @w."""
    if w.endswith("er"):
        r = w[:-2]
        # -ger keeps its e before a and o, -cer writes ç
        ra = r + "e" if r.endswith("g") else r[:-1] + "ç" if r.endswith(
            "c") else r
        ends = ["e", "es", "ent", "ez", "é", "ée", "és", "ées", "èrent",
                "era", "eront", "erait", "eraient", "erons", "iez", "ions"]
        aends = ["a", "ai", "as", "ait", "aient", "ais", "âmes", "âtes",
                 "ant", "ons", "ât"]
        return [w] + [r + e for e in ends] + [ra + e for e in aends]
    r = w[:-2]
    if w.endswith("ir"):
        ends = ["is", "it", "issons", "issez", "issent", "issait",
                "issaient", "irent", "îmes", "i", "ie", "ies", "issant",
                "ira", "iront", "irait", "ait", "aient", "ent", "ant"]
    else:  # -re
        ends = ["s", "t", "ons", "ez", "ent", "ait", "aient", "it",
                "irent", "îmes", "u", "ue", "us", "ues", "ant", "ra",
                "ront", "rait"]
    return [w] + [r + e for e in ends]


def french_other(w):
    """The feminine and plural of French noun or adjective @w."""
    forms = [w, w + "s", w + "e", w + "es"]
    pairs = (("ier", "ière"), ("er", "ère"), ("eux", "euse"),
             ("if", "ive"), ("el", "elle"), ("eau", "elle"),
             ("en", "enne"), ("on", "onne"), ("et", "ette"),
             ("anc", "anche"), ("ec", "èche"), ("al", "aux"),
             ("ail", "aux"), ("eau", "eaux"), ("eur", "euse"),
             ("teur", "trice"), ("ais", "aise"), ("ois", "oise"),
             ("in", "ine"))
    for a, b in pairs:
        # three letters before the ending at least (mer is not mère)
        if w.endswith(a) and len(w) - len(a) >= 3:
            stem = w[: len(w) - len(a)]
            forms += [stem + b, stem + b + "s"]
    return forms


def variants(langs, k, words):
    """The forms of @words[@k] (language @langs[@k]; @words as written on
    one line of a file of languages @langs) to pair with those of the
    other word: @words[@k] itself, and in a German-French file the regular
    forms above. Any other pair of languages: the word alone."""
    word = words[k]
    if sorted(langs) != ["de", "fr"]:
        return [word]
    de, fr = words if langs[0] == "de" else words[::-1]
    verb = is_german_verb(de)
    if langs[k] == "de":
        forms = german_verb(word) if verb else [word]
    elif verb:
        forms = french_verb(word) if is_french_verb(word) else [word]
    else:
        forms = french_other(word)
    return [word] + [f for f in forms[1:] if f not in FUNCTION_WORDS]
