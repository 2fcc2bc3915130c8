# SPDX-License-Identifier: MIT
"""libtm.check(): translation QA of a story, or of a TM's stored pairs."""

from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _libtm

Glossary = Union[None, str, Sequence[Tuple[Optional[str], Optional[str],
                                           Optional[str]]]]

_SKIP = {"numbers": 0x01, "names": 0x02, "missing": 0x04,
         "untranslated": 0x08, "length": 0x10, "consistency": 0x20}


class Finding(NamedTuple):
    """One thing an editor should look at (docs/check.md)."""

    kind: str
    """number, name, missing, added, untranslated, length, consistency, or
    document (check() only, first: the target judged not a translation of
    the source, or the check unsure; ``src_value`` the document score)."""
    severity: str
    """info, warning or error."""
    pair: int
    """The link's index (check()) or the pair's (TM.check())."""
    src: Tuple[int, ...]
    """The source sentences (check(); empty for an added sentence)."""
    tgt: Tuple[int, ...]
    """The target sentences (empty for a missing one)."""
    src_line: int
    """1-based line of the source span in the text given to check()."""
    tgt_line: int
    src_span: Optional[Tuple[int, int]]
    """Where in ``src_text`` (characters), or None."""
    tgt_span: Optional[Tuple[int, int]]
    src_value: Optional[float]
    """The source number (kind "number"), or None."""
    tgt_value: Optional[float]
    """The target number it was compared with, or None."""
    message: str
    """One line: "number 1,950 in the source is not in the translation
    (it has 1,896)"."""
    src_text: str
    tgt_text: str
    group: Optional[str]
    """The pair's origin (TM.check()), or None."""
    unit: Optional[int]
    """The unit id (TM.check()), or None."""


def _flags(skip: Iterable[str], presegmented: bool = False,
           keep_unrelated: bool = False) -> int:
    # TM_CHECK_PRESEGMENTED, TM_CHECK_KEEP_UNRELATED (<tm/check.h>)
    f = (0x100 if presegmented else 0) | (0x200 if keep_unrelated else 0)
    for s in skip:
        try:
            f |= _SKIP[s]
        except KeyError:
            raise _libtm.InvalidError(
                "check: cannot skip %r (%s)" % (s, ", ".join(_SKIP)),
                -3) from None
    return f


def _finding(t) -> Finding:
    (kind, sev, pair, sf, sc, tf, tc, sl, tl, ss, ts, sv, tv, msg, st, tt,
     group, uid) = t
    return Finding(kind, sev, pair, tuple(range(sf, sf + sc)),
                   tuple(range(tf, tf + tc)), sl, tl, ss, ts, sv, tv, msg,
                   st, tt, group, None if uid < 0 else uid)


def check(src: str, tgt: str, src_lang: str, tgt_lang: str,
          glossary: Glossary = None, min_severity: str = "warning",
          skip: Iterable[str] = (), presegmented: bool = False,
          keep_unrelated: bool = False) -> List[Finding]:
    """Check a story ``src`` and its translation ``tgt`` as ``tm check``
    does: both are segmented and aligned, then numbers (whatever the
    notation), names (through transliteration keys and the glossary),
    missing and added sentences, untranslated segments and lengths are
    compared. ``glossary``: a TSV file (en, ko, ru columns) or a list of
    (en, ko, ru) with None for a missing form. ``skip``: checks to leave
    out (numbers, names, missing, untranslated, length, consistency).
    Returns the findings in document order, a "document" finding first
    when the translation check judges ``tgt`` not a translation of ``src``
    (an error, and no other finding unless ``keep_unrelated``, as
    ``tm check --force``; a warning for a side under ten sentences) or
    is unsure (a warning).

    Raises InvalidError (a bad tag, severity or skip name), ParseError or
    NotFoundError (the glossary file)."""
    return [_finding(t) for t in _libtm.check_texts(
        src, tgt, src_lang, tgt_lang,
        _flags(skip, presegmented, keep_unrelated),
        min_severity, glossary)]


def check_pairs(pairs: Sequence[Tuple[str, str, Optional[str], int]],
                src_lang: str, tgt_lang: str, glossary: Glossary = None,
                min_severity: str = "warning",
                skip: Iterable[str] = ()) -> List[Finding]:
    """Check segment pairs ``(source, target, group, id)``: each on its
    own, lengths against the spread of all, consistency within a group."""
    return [_finding(t) for t in _libtm.check_pairs(
        list(pairs), src_lang, tgt_lang, _flags(skip), min_severity,
        glossary)]
