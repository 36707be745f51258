"""The corpus model: line-aligned sources, references and system outputs, whatever the format.

Every reader under :mod:`normtk.io.formats` returns a :class:`Corpus`; scoring
and checking read nothing else.

>>> corpus = Corpus(src=None, refs=[["Talks in Kyiv"]], hyps={"a": ["Talks in Kiev"]})
>>> [segment.hyps["a"] for segment in corpus.segments()]
['Talks in Kiev']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from normtk.errors import InputError


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment of a corpus: its position, ids, source, references and outputs.

    ``index`` counts from 0 across the whole corpus; ``seg_id`` is the id the
    input gave (the 1-based line number for plain text).
    """

    index: int
    seg_id: str
    doc_id: str | None
    src: str | None
    refs: tuple[str, ...]
    hyps: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Document:
    """A run of segments sharing one document id: indices ``start`` to ``end`` (exclusive)."""

    id: str
    origlang: str | None
    start: int
    end: int


@dataclass(slots=True)
class Corpus:
    """Line-aligned sources, references and system outputs, stored column by column.

    ``refs`` holds one list per reference (sacrebleu's shape) and ``hyps`` one
    list per system; every list has one entry per segment. ``doc_ids``,
    ``seg_ids`` and ``origlangs`` default to no document, the 1-based segment
    number and unknown.
    """

    src: list[str] | None
    refs: list[list[str]]
    hyps: dict[str, list[str]]
    ref_names: list[str] = field(default_factory=list)
    seg_ids: list[str] = field(default_factory=list)
    doc_ids: list[str | None] = field(default_factory=list)
    origlangs: list[str | None] = field(default_factory=list)
    src_lang: str | None = None
    tgt_lang: str | None = None

    def __post_init__(self) -> None:
        size = self._size()
        if not self.ref_names:
            self.ref_names = [f"ref{i + 1}" if i else "ref" for i in range(len(self.refs))]
        if not self.seg_ids:
            self.seg_ids = [str(i + 1) for i in range(size)]
        if not self.doc_ids:
            self.doc_ids = [None] * size
        if not self.origlangs:
            self.origlangs = [None] * size
        columns: list[tuple[str, Sequence[object]]] = [
            *((name, ref) for name, ref in zip(self.ref_names, self.refs, strict=True)),
            *self.hyps.items(),
            ("seg_ids", self.seg_ids),
            ("doc_ids", self.doc_ids),
            ("origlangs", self.origlangs),
        ]
        if self.src is not None:
            columns.append(("src", self.src))
        for name, column in columns:
            if len(column) != size:
                msg = f"corpus column {name} has {len(column)} entries, expected {size}"
                raise InputError(msg)

    def _size(self) -> int:
        if self.src is not None:
            return len(self.src)
        if self.refs:
            return len(self.refs[0])
        if self.hyps:
            return len(next(iter(self.hyps.values())))
        return 0

    def __len__(self) -> int:
        return self._size()

    @property
    def systems(self) -> list[str]:
        """The names of the systems, in input order."""
        return list(self.hyps)

    def system(self, name: str) -> list[str]:
        """Return the outputs of system ``name``; :class:`InputError` if it is not there."""
        try:
            return self.hyps[name]
        except KeyError:
            msg = f"no system {name!r} in the input (systems: {', '.join(self.hyps) or 'none'})"
            raise InputError(msg) from None

    def select(self, names: Sequence[str]) -> Corpus:
        """Return the corpus with only the systems ``names``, in that order."""
        return Corpus(
            self.src,
            self.refs,
            {name: self.system(name) for name in names},
            self.ref_names,
            self.seg_ids,
            self.doc_ids,
            self.origlangs,
            self.src_lang,
            self.tgt_lang,
        )

    def slice(self, start: int, end: int) -> Corpus:
        """Return segments ``start:end`` as a corpus of their own (ids and languages kept)."""
        return Corpus(
            self.src[start:end] if self.src is not None else None,
            [ref[start:end] for ref in self.refs],
            {name: hyp[start:end] for name, hyp in self.hyps.items()},
            self.ref_names,
            self.seg_ids[start:end],
            self.doc_ids[start:end],
            self.origlangs[start:end],
            self.src_lang,
            self.tgt_lang,
        )

    def segments(self) -> Iterator[Segment]:
        """Yield the segments in order."""
        for i in range(len(self)):
            yield Segment(
                i,
                self.seg_ids[i],
                self.doc_ids[i],
                self.src[i] if self.src is not None else None,
                tuple(ref[i] for ref in self.refs),
                {name: hyp[i] for name, hyp in self.hyps.items()},
            )

    def documents(self) -> list[Document]:
        """Return the runs of consecutive segments with one document id.

        Without document ids the whole corpus is one document with id ``""``.
        """
        documents: list[Document] = []
        start = 0
        for i in range(1, len(self) + 1):
            if i == len(self) or self.doc_ids[i] != self.doc_ids[start]:
                doc_id = self.doc_ids[start]
                documents.append(Document(doc_id or "", self.origlangs[start], start, i))
                start = i
        return documents
