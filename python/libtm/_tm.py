# SPDX-License-Identifier: MIT
"""libtm.TM: a translation memory file."""

import os
from typing import (Any, Dict, FrozenSet, Iterator, List, NamedTuple,
                    Optional, Sequence, Tuple, Union)

from . import _libtm

if False:  # for the annotation of TM.check only
    from ._check import Finding  # noqa: F401

PathLike = Union[str, "os.PathLike[str]"]

_DUP = {"merge": 0, "keep": 1, "skip-newer": 2, "skip_newer": 2}
_PUT = ("added", "merged", "skipped")
_MATCH_FLAGS = ((0x1, "exact"), (0x2, "context"), (0x4, "numbers"),
                (0x8, "tags"), (0x10, "punctuation"), (0x20, "pivot"))


def _dup(mode: str) -> int:
    try:
        return _DUP[mode]
    except KeyError:
        raise _libtm.InvalidError(
            "duplicates: %r is not merge, keep or skip-newer" % (mode,),
            -3) from None


def _lang_in(tag: str, lang: str) -> bool:
    # a variant's tag within a language range: ko matches ko and ko-KR
    t, r = tag.lower().replace("_", "-"), lang.lower().replace("_", "-")
    return t == r or t.startswith(r + "-")


def _flag_names(bits: int) -> FrozenSet[str]:
    return frozenset(n for b, n in _MATCH_FLAGS if bits & b)


class Pivot(NamedTuple):
    """How a pivot match reached its target: the stored source's unit has
    no variant in the target language; ``unit`` is the one the target
    comes from, which shares the variant ``text`` in language ``lang``
    exactly with it."""

    lang: str
    text: str
    unit: int


class Match(NamedTuple):
    """A prior translation found by :meth:`TM.lookup`, best first."""

    score: float
    """0-101 (docs/scores.md): 100 exact, 101 exact with agreeing
    context, 99 differing only in tags, punctuation or numbers put in."""
    source: str
    """The stored source text."""
    target: str
    """The stored target text."""
    proposed: str
    """The target with the query's numbers put in ("numbers" in flags);
    equal to ``target`` otherwise."""
    flags: FrozenSet[str]
    """Some of exact, context, numbers, tags, punctuation, pivot (as tm
    lookup --json names them)."""
    origin: Optional[str]
    """The document the unit came from."""
    created: Optional[str]
    """TMX creationdate (``20191127T093000Z``), or None."""
    changed: Optional[str]
    """TMX changedate, or None."""
    unit: int
    """The unit's id (:meth:`TM.get`)."""
    source_lang: str
    target_lang: str
    origins: Tuple[str, ...] = ()
    """Every document the match comes from (units with the same source
    and target text are one match), ``origin`` first."""
    pivot: Optional[Pivot] = None
    """For a "pivot" match, how the target was reached; else None."""


class ConcordHit(NamedTuple):
    """A segment containing the phrase, from :meth:`TM.concord`."""

    unit: int
    text: str
    lang: str
    span: Tuple[int, int]
    """Where the phrase is in ``text``: ``text[span[0]:span[1]]``
    (characters)."""
    translation: Optional[str]
    target_lang: Optional[str]
    origin: Optional[str]
    changed: Optional[str]
    origins: Tuple[str, ...] = ()
    """Every document the hit comes from (segments with the same text and
    translation are one hit), ``origin`` first."""
    pivot_lang: Optional[str] = None
    """When the translation is another unit's, reached through a variant
    in this third language both units share; else None."""


class Variant(NamedTuple):
    """One language of a unit."""

    lang: str
    text: str
    """Plain text, without inline codes."""
    markup: str
    """The TMX ``<seg>`` content as XML."""
    attrs: Dict[str, str]
    props: List[Tuple[str, str]]
    notes: List[str]


class Unit(NamedTuple):
    """A translation unit: its variants and metadata."""

    id: int
    origin: Optional[str]
    variants: List[Variant]
    attrs: Dict[str, str]
    """TMX ``<tu>`` attributes (creationdate, changedate, usagecount...)."""
    props: List[Tuple[str, str]]
    notes: List[str]

    def text(self, lang: str) -> Optional[str]:
        """The plain text of the first variant whose language is ``lang``
        or starts with ``lang-``, or None."""
        for v in self.variants:
            if v.lang == lang or v.lang.startswith(lang + "-"):
                return v.text
        return None


def _unit(d: Dict[str, Any]) -> Unit:
    return Unit(d["id"], d["origin"],
                [Variant(v["lang"], v["text"], v["markup"], v["attrs"],
                         v["props"], v["notes"]) for v in d["variants"]],
                d["attrs"], d["props"], d["notes"])


class ImportStats(NamedTuple):
    """What :meth:`TM.import_tmx` did."""

    units: int
    added: int
    merged: int
    skipped: int
    """Duplicates skipped (duplicates="skip-newer")."""
    rejected: int
    """Bad units skipped (keep_going=True)."""
    warnings: int
    truncated: bool
    """The XML broke off; the units before the break were kept."""
    messages: List[str]


class StoreStats(NamedTuple):
    """What :meth:`Alignment.store` did."""

    added: int
    merged: int
    skipped: int
    """Links below the confidence floor."""
    replaced: int
    """The origin's earlier units deleted."""
    released: int
    """Earlier units kept for other documents."""


class Stats(NamedTuple):
    """What a TM holds (:meth:`TM.stats`)."""

    units: int
    variants: int
    file_bytes: int
    schema_version: int
    langs: List[Tuple[str, int, int]]
    """(tag, units, variants) per language."""
    pairs: List[Tuple[str, str, int, int]]
    """(lang1, lang2, units, variants) per language pair."""
    origins: List[Tuple[Optional[str], int, bool]]
    """(name, units, has_header) per document."""


class TM:
    """A translation memory: one SQLite file.

    ``TM(path)`` opens it, creating it when ``create`` (the default);
    ``readonly=True`` opens an existing file for reading only. Use it in a
    ``with`` block, or call :meth:`close`. One TM object is used by one
    thread at a time (calls from two threads take turns); open one TM per
    thread to look up in parallel: the long calls release the GIL.

    Raises NotFoundError (no file and not creating), DatabaseError (not
    a TM, corrupt, newer schema), BusyError (locked beyond ``busy_ms``).
    """

    def __init__(self, path: PathLike, readonly: bool = False,
                 create: bool = True, busy_ms: int = 0):
        self._db = _libtm.Db(os.fspath(path), readonly, create, busy_ms)

    def __enter__(self) -> "TM":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._db.closed:
            return "<libtm.TM closed>"
        return "<libtm.TM %r>" % (self._db.path,)

    def close(self) -> None:
        """Close the file. Harmless when closed. Raises BusyError while
        an iteration over units is still open (finish or ``close()`` it)."""
        self._db.close()

    @property
    def closed(self) -> bool:
        return self._db.closed

    @property
    def path(self) -> str:
        return self._db.path

    def __len__(self) -> int:
        """Number of units."""
        return self._db.count()

    def import_tmx(self, path: PathLike, origin: Optional[str] = None,
                   duplicates: str = "merge",
                   keep_going: bool = False) -> ImportStats:
        """Import TMX file ``path`` in one transaction (nothing changes on
        error). ``origin`` names the document (default: the file's base
        name). ``duplicates``: "merge" (metadata reconciled), "keep" or
        "skip-newer". ``keep_going`` skips bad units and keeps the units
        before a break in the XML (see the returned messages).

        Raises ParseError ("tmx: FILE:LINE:COLUMN: what"), NotFoundError,
        DatabaseError."""
        return ImportStats(**self._db.import_tmx(os.fspath(path), origin,
                                                 _dup(duplicates),
                                                 keep_going))

    def export_tmx(self, path: PathLike, source: Optional[str] = None,
                   targets: Optional[Sequence[str]] = None,
                   origin: Optional[str] = None, since: Optional[str] = None,
                   plain: bool = False) -> int:
        """Export units to ``path`` as TMX 1.4b in unit order (the same TM
        gives the same bytes) and return how many were written. With
        ``source`` and ``targets`` (language tags), only the units having
        the source and a target, with those variants; ``origin``: one
        document's units; ``since``: a TMX date; ``plain``: level 1, no
        inline markup. Raises InvalidError, IOFailure (the target is left
        untouched)."""
        return self._db.export_tmx(os.fspath(path), source, targets, since,
                                   origin, plain)

    def lookup(self, text: str, source: str, target: str,
               min_score: float = 70, n: int = 5,
               context: Tuple[Optional[str], Optional[str]] = (None, None),
               exhaustive: bool = False, pivot: bool = True) -> List[Match]:
        """The best prior translations of ``text`` from language ``source``
        into ``target``, best first: at most ``n`` matches scoring at least
        ``min_score`` (50-101; docs/scores.md). ``context`` gives the
        segments before and after ``text``: an exact match whose
        neighbours agree scores 101. ``exhaustive`` scores every stored
        segment instead of using the index (slow; for checking recall).
        A unit without a variant in ``target`` answers through a pivot
        (another unit sharing one of its variants exactly; "pivot" in the
        flags, at most 99) unless ``pivot=False``. Matches with the same
        source and target text are one, listing every origin.

        Raises InvalidError (a language missing or not a language tag,
        empty text or longer than 4096 tokens), NotFoundError (the TM has
        no variant in one of the languages: the message lists those it
        has), DatabaseError."""
        out = []
        for (score, flags, tu, src, tgt, prop, sl, tl, origin, created,
             changed, origins, ptu, plang, ptext) in self._db.lookup(
                 text, source, target, float(min_score), n, context[0],
                 context[1], exhaustive, pivot):
            out.append(Match(score, src, tgt, prop, _flag_names(flags),
                             origin, created, changed, tu, sl, tl, origins,
                             Pivot(plang, ptext, ptu) if plang else None))
        return out

    def concord(self, phrase: str, lang: str, translit: bool = False,
                target: Optional[str] = None, n: int = 100,
                pivot: bool = True) -> List[ConcordHit]:
        """Every segment in ``lang`` containing ``phrase`` as whole words
        (case and quotes folded; Korean by syllables from a word start:
        평양 finds 평양에서), in unit order, at most ``n`` (-1: all).
        ``translit=True`` searches every language through transliteration
        keys: ``Putin`` finds Путин and 푸틴. ``target``: the translation
        shown (default the unit's first other variant); a unit lacking it
        shows one through a pivot (``pivot_lang``) unless ``pivot=False``.

        Raises InvalidError (no word in the phrase, a bad tag),
        NotFoundError (the TM has no variant in the language),
        DatabaseError."""
        return [ConcordHit(tu, text, lg, (a, b), tr, trl, origin, changed,
                           origins, plang)
                for tu, text, lg, a, b, tr, trl, origin, changed, origins,
                plang in self._db.concord(phrase, lang, target, n, translit,
                                          pivot)]

    def add(self, source_text: str, target_text: str, source: str,
            target: str, origin: Optional[str] = None,
            duplicates: str = "merge",
            props: Sequence[Tuple[str, str]] = ()) -> int:
        """Store one translation pair (plain text) and return its unit id
        (the stored unit's when it was merged into a duplicate). ``props``:
        TMX ``<prop>`` (type, value) pairs. Raises InvalidError (a bad
        language tag), IOFailure (read-only, disk full)."""
        tu, _what = self._db.add([(source, source_text),
                                  (target, target_text)], origin,
                                 _dup(duplicates), list(props))
        return tu

    def get(self, unit: int) -> Unit:
        """Unit ``unit`` with all its variants and metadata. Raises
        NotFoundError."""
        return _unit(self._db.get(unit))

    def delete(self, unit: Optional[int] = None, *,
               origin: Optional[str] = None) -> int:
        """Delete unit ``unit``, or with ``origin`` take that document off
        the TM (units other documents hold too stay with theirs). Returns
        the number of units deleted. Raises NotFoundError (no such unit),
        InvalidError."""
        if (unit is None) == (origin is None):
            raise TypeError("delete() takes a unit id or origin=, not both")
        if origin is not None:
            return self._db.remove_origin(origin)[0]
        self._db.delete(unit)
        return 1

    def langs(self) -> List[str]:
        """The languages the TM holds variants in, as primary subtags
        (``["en", "ko", "ru"]``), from the index (fast at any size)."""
        return self._db.langs()

    def check_lang(self, tag: str) -> None:
        """Raise InvalidError when ``tag`` is not a language tag, and
        NotFoundError when the TM holds no variant in its language (the
        message lists those it has); as lookups do themselves."""
        self._db.check_lang(tag)

    def check(self, source: str, target: str, origin: Optional[str] = None,
              glossary=None, min_severity: str = "warning",
              skip: Sequence[str] = ()) -> List["Finding"]:
        """Check the stored pairs from ``source`` into ``target`` as ``tm
        check --db`` does: each unit having both (of document ``origin``
        when given) is a pair, its origin the group of the consistency
        check, its id the findings' ``unit``. ``glossary``, ``skip`` and
        ``min_severity`` as for :func:`libtm.check`. Returns the findings
        (:class:`libtm.Finding`), pairs in unit order."""
        from ._check import check_pairs
        pairs, langs = [], None
        for u in self.units(origin=origin):
            vs = next((v for v in u.variants if _lang_in(v.lang, source)),
                      None)
            vt = next((v for v in u.variants if _lang_in(v.lang, target)
                       and v is not vs), None)
            if vs is None or vt is None:
                continue
            if langs is None:
                langs = (vs.lang, vt.lang)
            pairs.append((vs.text, vt.text, u.origin, u.id))
        if not pairs:
            return []
        return check_pairs(pairs, langs[0], langs[1], glossary=glossary,
                           min_severity=min_severity, skip=skip)

    def stats(self) -> Stats:
        """Units and variants per language, pair and origin, and the size of
        the file."""
        return Stats(**self._db.stats())

    def units(self, langs: Optional[Sequence[str]] = None,
              origin: Optional[str] = None, since: Optional[str] = None,
              only_langs: bool = False) -> Iterator[Unit]:
        """Iterate units in id order, one at a time (a TM of millions is
        fine): those having a variant in each of ``langs`` (language
        ranges), of document ``origin``, changed at/after ``since``.
        ``only_langs`` leaves out the variants of other languages. The TM
        cannot be closed while the iteration is open."""
        cur = self._db.cursor(langs, since, origin, only_langs)
        try:
            for d in cur:
                yield _unit(d)
        finally:
            cur.close()

    def __iter__(self) -> Iterator[Unit]:
        return self.units()
