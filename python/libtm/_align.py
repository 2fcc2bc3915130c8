# SPDX-License-Identifier: MIT
"""libtm.align(): sentence alignment of a story and its translation."""

from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _libtm

_VERDICTS = ("unsure", "translation", "not_translation")

Story = Union[str, Sequence[str]]


class Link(NamedTuple):
    """One link: source sentences ``src`` translate target sentences
    ``tgt`` (0-based indices; either may be empty for a 1-0 or 0-1 link)."""

    src: Tuple[int, ...]
    tgt: Tuple[int, ...]
    src_text: str
    """The source sentences joined with a space ("" for a 0-1 link)."""
    tgt_text: str
    confidence: float
    """Probability-like score that the link is right, in [0, 1]."""
    cost: float
    """The link's cost in the aligner's programme (diagnostics)."""

    @property
    def link(self) -> str:
        """The sentence numbers as the tm command writes them: ``[0,1]:[0]``."""
        return "[%s]:[%s]" % (",".join(map(str, self.src)),
                              ",".join(map(str, self.tgt)))


def _fnv_check(st: str, tt: str) -> str:
    # tm align's review "check": 64-bit FNV-1a of src_text, 0x1f, tgt_text
    h = 0xcbf29ce484222325
    for b in st.encode() + b"\x1f" + tt.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


class Alignment:
    """The result of :func:`align`: ``links`` in source order (every
    sentence of both sides is in exactly one), the document ``score`` and
    the translation check's ``verdict``."""

    def __init__(self, src_lang: str, tgt_lang: str, src_sents, tgt_sents,
                 links, score: float, verdict: int):
        self.src_lang = src_lang
        self.tgt_lang = tgt_lang
        #: the source sentences as aligned: (text, paragraph, kind)
        self.src_sentences: List[Tuple[str, int, Optional[str]]] = src_sents
        self.tgt_sentences: List[Tuple[str, int, Optional[str]]] = tgt_sents
        #: whole-document score in [0, 1]: how likely the sides translate
        #: each other (0.5: no evidence either way)
        self.score: float = score
        #: "translation", "not_translation" or "unsure"
        self.verdict: str = _VERDICTS[verdict]
        self.links: List[Link] = []
        for s, ns, t, nt, conf, cost in links:
            self.links.append(Link(
                tuple(range(s, s + ns)), tuple(range(t, t + nt)),
                " ".join(x[0] for x in src_sents[s:s + ns]),
                " ".join(x[0] for x in tgt_sents[t:t + nt]), conf, cost))

    def __len__(self) -> int:
        return len(self.links)

    def __iter__(self):
        return iter(self.links)

    def __repr__(self) -> str:
        return "<libtm.Alignment %s-%s: %d links, score %.3f (%s)>" % (
            self.src_lang, self.tgt_lang, len(self.links), self.score,
            self.verdict)

    @property
    def is_translation(self) -> bool:
        """False only when the check judged the sides not a translation of
        each other (then :meth:`store` refuses without ``force``)."""
        return self.verdict != "not_translation"

    def to_review(self, src_file: str = "", tgt_file: str = "") -> Dict[str, Any]:
        """The review document ``tm align --format json`` writes (format
        2: every link ``"status": "auto"`` with its confidence): dump it
        with ``json.dump(..., ensure_ascii=False)``, correct it (set
        ``"status": "confirmed"`` on the links you vouch for; an edited
        text confirms its link), and store it with ``tm align
        --apply-review FILE --db TM``."""
        links = []
        for ln in self.links:
            o: Dict[str, Any] = {
                "source": list(ln.src), "target": list(ln.tgt),
                "confidence": round(ln.confidence * 1000) / 1000,
                "cost": round(ln.cost * 1000) / 1000,
                "source_text": ln.src_text, "target_text": ln.tgt_text,
                "status": "auto",
                "check": _fnv_check(ln.src_text, ln.tgt_text),
            }
            if ln.src and ln.tgt and _furniture(ln, self.src_sentences,
                                                 self.tgt_sentences):
                o["store"] = "never: furniture"
            if ln.src:
                o["source_paragraph"] = self.src_sentences[ln.src[0]][1]
            if ln.tgt:
                o["target_paragraph"] = self.tgt_sentences[ln.tgt[0]][1]
            links.append(o)

        def sents(v):
            out = []
            for text, para, kind in v:
                d: Dict[str, Any] = {"text": text, "paragraph": para}
                if kind is not None:
                    d["kind"] = kind
                out.append(d)
            return out

        return {"format": 2, "source_lang": self.src_lang,
                "target_lang": self.tgt_lang, "source_file": src_file,
                "target_file": tgt_file,
                "score": round(self.score * 1000) / 1000, "links": links,
                "source_sentences": sents(self.src_sentences),
                "target_sentences": sents(self.tgt_sentences)}

    def store(self, tm, origin: str, min_confidence: Optional[float] = None,
              force: bool = False, date: Optional[str] = None):
        """Store the links that have both sides in ``tm`` (a :class:`TM`)
        as document ``origin``, replacing what an earlier alignment or
        import stored under that name, in one transaction; as ``tm align
        --db`` does. Links of furniture (a dateline, a byline, a credit, a
        marker) are never stored, nor links below ``min_confidence``
        (default 0.5). A pair judged not a translation is refused with
        InvalidError unless ``force`` (which then stores every link unless
        ``min_confidence`` is given). ``date``: the TMX creationdate
        (default now). Returns :class:`StoreStats`."""
        from ._tm import StoreStats
        floor = 0.5 if min_confidence is None else min_confidence
        if self.verdict == "not_translation":
            if not force:
                raise _libtm.InvalidError(
                    "align: not a translation of each other (document "
                    "score %.2f); nothing stored (force=True stores it)"
                    % self.score, -3)
            if min_confidence is None:
                floor = 0.0
        ss, ts = self.src_sentences, self.tgt_sentences

        def sent(v, i):
            return v[i][0] if 0 <= i < len(v) else None

        rows = []
        for ln in self.links:
            if not ln.src or not ln.tgt or _furniture(ln, ss, ts):
                continue
            s0, t0 = ln.src[0], ln.tgt[0]
            rows.append((ln.src_text, ln.tgt_text, sent(ss, s0 - 1),
                         sent(ss, ln.src[-1] + 1), sent(ts, t0 - 1),
                         sent(ts, ln.tgt[-1] + 1), ln.link, ln.confidence,
                         False, False))
        return StoreStats(**tm._db.put_links(rows, self.src_lang,
                                             self.tgt_lang, origin, floor,
                                             date))


def _side(story: Story, lang: str, presegmented: bool):
    # sentences the caller chose (a list, or one a line when
    # presegmented, a blank line a paragraph break, as `tm align
    # --presegmented`) are never split; one that is wholly furniture, a
    # note or an end mark has that kind (tm_segment_kind())
    if not isinstance(story, str):
        story = list(story)
        return list(zip(story, [0] * len(story),
                        _libtm.segment_kinds(story, lang)))
    return [(t, para, kind)
            for t, _off, para, kind in _libtm.segment(story, lang, None,
                                                       presegmented)]


# What tm_align_run_apart() is told of each kind, as `tm align` tells it:
# tm_seg_kind_apart() (include/tm/segment.h, the one owner) by kind name,
# for the kinds kept apart. Notes and end marks are never linked;
# furniture is kept out of the alignment and the translation check and
# linked by its place to its like (datelines and bylines, credits,
# markers), never stored.
_APART = _libtm.kind_apart


def _furniture(ln, ss, ts) -> bool:
    return any(ss[i][2] in _APART for i in ln.src) or \
        any(ts[j][2] in _APART for j in ln.tgt)


def align(src: Story, tgt: Story, src_lang: str, tgt_lang: str,
          presegmented: bool = False, realign: bool = True,
          check_script: bool = True) -> Alignment:
    """Align a story ``src`` in ``src_lang`` with its translation ``tgt``
    in ``tgt_lang`` sentence by sentence, as ``tm align`` does.

    Each side is a text, segmented with :func:`segment` (translators'
    notes and end marks are kept apart, never linked; datelines, bylines,
    credits and markers are kept out of the alignment and linked only to
    their like, never stored), or with
    ``presegmented`` one sentence a line (a blank line starts a
    paragraph); or a list of sentences (one paragraph). ``realign=False``
    skips the second pass that learns word pairs from the first.

    Raises InvalidError when a side is written in another script than its
    language's (a swapped pair; ``check_script=False`` skips the check)
    or a tag is malformed, EncodingError for bad text.
    """
    ss = _side(src, src_lang, presegmented)
    ts = _side(tgt, tgt_lang, presegmented)

    def arg(v):
        return [(t, p, _APART.get(k, 0)) for t, p, k in v]

    links, score, verdict = _libtm.align(arg(ss), arg(ts), src_lang,
                                         tgt_lang, realign, check_script)
    return Alignment(src_lang, tgt_lang, ss, ts, links, score, verdict)
