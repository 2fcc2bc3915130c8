# SPDX-License-Identifier: MIT
"""libtm: translation memory, sentence alignment and segmentation for news
text (English, Korean, Russian and more), from Python.

The library itself, not the ``tm`` command: the calls below run the C
library in this process (through the extension module ``libtm._libtm``),
releasing the GIL during the long ones, so that threads help.

    >>> import libtm
    >>> [s.text for s in libtm.segment("Hello there. How are you?", "en")]
    ['Hello there.', 'How are you?']
    >>> with libtm.TM("news.tm") as tm:
    ...     tm.import_tmx("wire-2019.tmx")
    ...     for m in tm.lookup("The bank raised rates.", "en", "ko"):
    ...         print(m.score, m.target)

Errors are raised as subclasses of :class:`libtm.Error` carrying the
library's one-line message (``.message``) and status code (``.status``).
See docs/python.md.
"""

from typing import List, NamedTuple, Optional

from . import _libtm
from ._libtm import (  # noqa: F401  (the exception classes are API)
    Error,
    OutOfMemoryError,
    InvalidError,
    NotFoundError,
    IOFailure,
    ParseError,
    DatabaseError,
    EncodingError,
    BusyError,
)

__version__ = _libtm.version


def _message(self):
    return self.args[0] if self.args else ""


def _status(self):
    return self.args[1] if len(self.args) > 1 else -1


Error.message = property(_message, doc="The library's one-line message.")
Error.status = property(_status, doc="The tm_status code (negative).")
Error.__str__ = _message


class Sentence(NamedTuple):
    """One segment of a text, from :func:`segment`."""

    text: str
    """The segment, trimmed."""
    offset: int
    """Its position in the input, in characters (``text == input[offset:
    offset + len(text)]`` unless the segment was trimmed inside)."""
    paragraph: int
    """0-based paragraph number (a blank line separates paragraphs)."""
    kind: str
    """sentence, headline, dateline, byline, credit, marker, note or end."""


def segment(text: str, lang: str, srx: Optional[str] = None,
            presegmented: bool = False) -> List[Sentence]:
    """Split ``text`` into sentences for language ``lang`` ("en", "ko",
    "ru", or any tag ICU knows).

    A blank line separates paragraphs; no sentence crosses one. Wire-copy
    furniture is kept apart and named in ``kind``: datelines, bylines,
    credits, markers, translators' notes, end marks. ``srx`` applies the
    rules of an SRX 2.0 file; ``presegmented`` takes each line as one
    segment, never split, whose kind is furniture, a note or an end mark
    only when that fills the whole line (en, ko, ru), else "sentence".

    Raises InvalidError (unknown language), ParseError or NotFoundError
    (the SRX file).
    """
    return [Sentence(*t) for t in _libtm.segment(text, lang, srx,
                                                  presegmented)]


def translit(text: str, lang: Optional[str]) -> str:
    """Transliterate ``text`` to Latin script: Hangul by ICU's Hangul-Latin
    (김정은 -> gimjeong-eun), Cyrillic by Russian-Latin/BGN. ``lang`` is
    "ko" or "ru", or None for every script. Raises InvalidError for a
    language without a transliterator."""
    return _libtm.translit(text, lang, False)


def translit_key(text: str) -> str:
    """The cross-script match key of a name: ``Путин``, ``푸틴`` and
    ``Putin`` all give ``ptn`` (docs/translit.md)."""
    return _libtm.translit(text, None, True)


def normalize_lang(tag: str) -> str:
    """A language tag in BCP 47 case: ``EN_us`` -> ``en-US``. Raises
    InvalidError when ``tag`` is not shaped like one."""
    return _libtm.normalize_lang(tag)


def validate_lang(tag: str) -> None:
    """Raise InvalidError unless ``tag`` is a language tag a user may give:
    BCP 47 whose language ICU knows, in its shortest form (``en``,
    ``ko``, ``de-CH``, ``sr-Latn``; not ``english``, ``xx`` or ``eng``)."""
    _libtm.validate_lang(tag)


def check_text_lang(text: str, lang: str) -> None:
    """Raise InvalidError when ``text`` has letters and none in the script
    of language ``lang`` (a Korean text given as English, ...)."""
    _libtm.check_text_lang(text, lang)


from ._align import Alignment, Link, align  # noqa: E402
from ._check import Finding, check, check_pairs  # noqa: E402
from ._tm import (  # noqa: E402
    TM, Match, Pivot, ConcordHit, Unit, Variant, Stats, ImportStats,
    StoreStats,
)

__all__ = [
    "Error", "OutOfMemoryError", "InvalidError", "NotFoundError",
    "IOFailure", "ParseError", "DatabaseError",
    "EncodingError", "BusyError",
    "Sentence", "segment", "translit", "translit_key", "normalize_lang",
    "validate_lang", "check_text_lang", "Pivot",
    "Alignment", "Link", "align", "Finding", "check", "check_pairs",
    "TM", "Match", "ConcordHit", "Unit", "Variant", "Stats", "ImportStats",
    "StoreStats",
]

# the public classes read as libtm.X in help() and reprs
for _c in (Sentence, Alignment, Link, Finding, TM, Match, Pivot, ConcordHit, Unit,
           Variant, Stats, ImportStats, StoreStats):
    _c.__module__ = "libtm"
del _c
