# SPDX-License-Identifier: MIT
# Type stubs of the libtm package (the extension module has none of its own).
import os
from typing import (Any, Dict, FrozenSet, Iterator, List, NamedTuple,
                    Optional, Sequence, Tuple, Union)

__version__: str
_Path = Union[str, os.PathLike[str]]
_Story = Union[str, Sequence[str]]

class Error(Exception):
    @property
    def message(self) -> str: ...
    @property
    def status(self) -> int: ...
class OutOfMemoryError(Error, MemoryError): ...
class InvalidError(Error, ValueError): ...
class NotFoundError(Error, LookupError): ...
class IOFailure(Error, OSError): ...
class ParseError(Error, ValueError): ...
class DatabaseError(Error): ...
class EncodingError(Error, ValueError): ...
class BusyError(Error): ...

class Sentence(NamedTuple):
    text: str
    offset: int
    paragraph: int
    kind: str

def segment(text: str, lang: str, srx: Optional[str] = ...,
            presegmented: bool = ...) -> List[Sentence]: ...
def translit(text: str, lang: Optional[str]) -> str: ...
def translit_key(text: str) -> str: ...
def normalize_lang(tag: str) -> str: ...
def validate_lang(tag: str) -> None: ...
def check_text_lang(text: str, lang: str) -> None: ...

class Pivot(NamedTuple):
    lang: str
    text: str
    unit: int

class Link(NamedTuple):
    src: Tuple[int, ...]
    tgt: Tuple[int, ...]
    src_text: str
    tgt_text: str
    confidence: float
    cost: float
    @property
    def link(self) -> str: ...

class StoreStats(NamedTuple):
    added: int
    merged: int
    skipped: int
    replaced: int
    released: int

class Alignment:
    src_lang: str
    tgt_lang: str
    src_sentences: List[Tuple[str, int, Optional[str]]]
    tgt_sentences: List[Tuple[str, int, Optional[str]]]
    score: float
    verdict: str
    links: List[Link]
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Link]: ...
    @property
    def is_translation(self) -> bool: ...
    def to_review(self, src_file: str = ..., tgt_file: str = ...) -> Dict[str, Any]: ...
    def store(self, tm: TM, origin: str, min_confidence: Optional[float] = ...,
              force: bool = ..., date: Optional[str] = ...) -> StoreStats: ...

def align(src: _Story, tgt: _Story, src_lang: str, tgt_lang: str,
          presegmented: bool = ..., realign: bool = ...,
          check_script: bool = ...) -> Alignment: ...

_Glossary = Union[None, str, Sequence[Tuple[Optional[str], Optional[str],
                                            Optional[str]]]]

class Finding(NamedTuple):
    kind: str
    severity: str
    pair: int
    src: Tuple[int, ...]
    tgt: Tuple[int, ...]
    src_line: int
    tgt_line: int
    src_span: Optional[Tuple[int, int]]
    tgt_span: Optional[Tuple[int, int]]
    src_value: Optional[float]
    tgt_value: Optional[float]
    message: str
    src_text: str
    tgt_text: str
    group: Optional[str]
    unit: Optional[int]

def check(src: str, tgt: str, src_lang: str, tgt_lang: str,
          glossary: _Glossary = ..., min_severity: str = ...,
          skip: Sequence[str] = ..., presegmented: bool = ...,
          keep_unrelated: bool = ...) -> List[Finding]: ...
def check_pairs(pairs: Sequence[Tuple[str, str, Optional[str], int]],
                src_lang: str, tgt_lang: str, glossary: _Glossary = ...,
                min_severity: str = ..., skip: Sequence[str] = ...) -> List[Finding]: ...

class Match(NamedTuple):
    score: float
    source: str
    target: str
    proposed: str
    flags: FrozenSet[str]
    origin: Optional[str]
    created: Optional[str]
    changed: Optional[str]
    unit: int
    source_lang: str
    target_lang: str
    origins: Tuple[str, ...]
    pivot: Optional[Pivot]

class ConcordHit(NamedTuple):
    unit: int
    text: str
    lang: str
    span: Tuple[int, int]
    translation: Optional[str]
    target_lang: Optional[str]
    origin: Optional[str]
    changed: Optional[str]
    origins: Tuple[str, ...]
    pivot_lang: Optional[str]

class Variant(NamedTuple):
    lang: str
    text: str
    markup: str
    attrs: Dict[str, str]
    props: List[Tuple[str, str]]
    notes: List[str]

class Unit(NamedTuple):
    id: int
    origin: Optional[str]
    variants: List[Variant]
    attrs: Dict[str, str]
    props: List[Tuple[str, str]]
    notes: List[str]
    def text(self, lang: str) -> Optional[str]: ...

class ImportStats(NamedTuple):
    units: int
    added: int
    merged: int
    skipped: int
    rejected: int
    warnings: int
    truncated: bool
    messages: List[str]

class Stats(NamedTuple):
    units: int
    variants: int
    file_bytes: int
    schema_version: int
    langs: List[Tuple[str, int, int]]
    pairs: List[Tuple[str, str, int, int]]
    origins: List[Tuple[Optional[str], int, bool]]

class TM:
    def __init__(self, path: _Path, readonly: bool = ..., create: bool = ...,
                 busy_ms: int = ...) -> None: ...
    def __enter__(self) -> TM: ...
    def __exit__(self, *exc: Any) -> None: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    @property
    def path(self) -> str: ...
    def __len__(self) -> int: ...
    def import_tmx(self, path: _Path, origin: Optional[str] = ...,
                   duplicates: str = ..., keep_going: bool = ...) -> ImportStats: ...
    def export_tmx(self, path: _Path, source: Optional[str] = ...,
                   targets: Optional[Sequence[str]] = ...,
                   origin: Optional[str] = ..., since: Optional[str] = ...,
                   plain: bool = ...) -> int: ...
    def lookup(self, text: str, source: str, target: str,
               min_score: float = ..., n: int = ...,
               context: Tuple[Optional[str], Optional[str]] = ...,
               exhaustive: bool = ..., pivot: bool = ...) -> List[Match]: ...
    def concord(self, phrase: str, lang: str, translit: bool = ...,
                target: Optional[str] = ..., n: int = ...,
                pivot: bool = ...) -> List[ConcordHit]: ...
    def langs(self) -> List[str]: ...
    def check(self, source: str, target: str, origin: Optional[str] = ...,
              glossary: _Glossary = ..., min_severity: str = ...,
              skip: Sequence[str] = ...) -> List[Finding]: ...
    def check_lang(self, tag: str) -> None: ...
    def add(self, source_text: str, target_text: str, source: str,
            target: str, origin: Optional[str] = ..., duplicates: str = ...,
            props: Sequence[Tuple[str, str]] = ...) -> int: ...
    def get(self, unit: int) -> Unit: ...
    def delete(self, unit: Optional[int] = ..., *,
               origin: Optional[str] = ...) -> int: ...
    def stats(self) -> Stats: ...
    def units(self, langs: Optional[Sequence[str]] = ...,
              origin: Optional[str] = ..., since: Optional[str] = ...,
              only_langs: bool = ...) -> Iterator[Unit]: ...
    def __iter__(self) -> Iterator[Unit]: ...
