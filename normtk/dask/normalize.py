"""Normalizing on the workers: the options, a file cut into parts, one part, a bag.

A part starts where the local run starts afresh, so each part normalized on
its own (or, without document breaks, continued from the one before it)
gives the bytes the whole file gives there.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normtk.dask.cluster import require
from normtk.dask.workers import Failed, GazetteerSpec, built, worker_gazetteer
from normtk.errors import NormtkError

if TYPE_CHECKING:
    import dask.bag as db

    from normtk.io.files import Errors
    from normtk.normalize import Change, DocBreaks, Document, Normalized, Normalizer, Unresolved

#: Bytes of input per normalize task (a part ends at the first document break after it).
PARTITION_BYTES = 8 << 20


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """What a worker needs to normalize as the local run does (``Normalizer``'s options)."""

    gazetteer: GazetteerSpec
    lang: str = "en"
    style: str | None = None
    keep_styled: bool = False
    rewrite_native: bool = False
    doc_breaks: DocBreaks = "none"
    errors: Errors = "strict"
    #: Send back the changes / the unresolved names (only what will be written is sent).
    changes: bool = True
    unresolved: bool = True

    def normalizer(self) -> Normalizer:
        """Return this worker's normalizer for these options (built once)."""

        def build() -> Normalizer:
            from normtk.normalize import Normalizer

            return Normalizer(
                worker_gazetteer(self.gazetteer),
                self.lang,
                self.style,
                keep_styled=self.keep_styled,
                rewrite_native=self.rewrite_native,
            )

        normalizer: Normalizer = built(("normalize", self.gazetteer, *self._key()), build)
        return normalizer

    def _key(self) -> tuple[Any, ...]:
        return (self.lang, self.style, self.keep_styled, self.rewrite_native)


@dataclass(frozen=True, slots=True)
class Part:
    """Bytes ``start:end`` of a file: whole lines, starting a document (or the file).

    A *chained* part (``cut`` > 0) continues a document: ``document`` holds
    what the lines before it settled, and the worker stops at the first chunk
    end after ``cut`` bytes, where the local run starts a new chunk too; the
    next part starts there with the document as it is then.
    """

    path: str
    start: int
    end: int
    cut: int = 0
    document: Document | None = None


@dataclass(slots=True)
class PartResult:
    """A part normalized: its text, changes and unresolved names numbered from its first line.

    ``undecodable`` is (line in the part, byte offset in the file, byte) of
    the first invalid UTF-8 with ``errors="strict"``; nothing else is set then.
    A chained part gives where the next one starts (``None``: at the end of
    the file) and the document's state there.
    """

    text: str = ""
    changes: list[Change] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    lines: int = 0
    undecodable: tuple[int, int, int] | None = None
    failed: Failed | None = None
    next_start: int | None = None
    document: Document | None = None


def _blank(raw: bytes) -> bool:
    """Tell whether a line ends a document as ``normalize_stream`` reads it (blank)."""
    return not raw.decode("utf-8", "replace").strip()


def split_file(
    path: str, doc_breaks: DocBreaks, partition_bytes: int = PARTITION_BYTES
) -> list[Part]:
    """Split a file into parts of about ``partition_bytes``, each starting at a blank line.

    A blank line is where ``normalize_stream`` (with ``doc_breaks="blank"``)
    starts both a new document and a new chunk, so a part normalized on its
    own gives the bytes the whole file gives there. Without document breaks
    the file is one document: one chained part, which the workers continue
    part after part (see :class:`Part`), one at a time.
    """
    from normtk.io.files import open_binary

    resolved = str(Path(path).resolve())
    with open_binary(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if doc_breaks != "blank":
            return [Part(resolved, 0, size, cut=partition_bytes)]
        if size <= partition_bytes:
            return [Part(resolved, 0, size)]
        bounds = [0]
        target = partition_bytes
        while target < size:
            stream.seek(target - 1)
            stream.readline()  # to the start of the next line at or after target
            found = None
            while True:
                position = stream.tell()
                raw = stream.readline()
                if not raw:
                    break
                if _blank(raw):
                    found = position
                    break
            if found is None:
                break
            bounds.append(found)
            target = found + partition_bytes
    bounds.append(size)
    return [Part(resolved, a, b) for a, b in itertools.pairwise(bounds)]


class _UndecodableError(Exception):
    def __init__(self, line: int, offset: int, byte: int) -> None:
        super().__init__(line, offset, byte)
        self.where = (line, offset, byte)


def _part_lines(part: Part, errors: Errors, read: list[int]) -> Iterator[str]:
    """Yield the lines of a part as ``read_lines`` yields them.

    ``read`` holds the lines yielded and the byte offset after the last one.
    """
    with Path(part.path).open("rb") as stream:
        stream.seek(part.start)
        for raw in stream:
            if read[1] >= part.end:
                break
            read[0] += 1
            try:
                line = raw.decode("utf-8", errors)
            except UnicodeDecodeError as exc:
                raise _UndecodableError(read[0], read[1] + exc.start, raw[exc.start]) from None
            read[1] += len(raw)
            yield line


def _to_chunk_end(lines: Iterator[str], part: Part, read: list[int], chunk: int) -> Iterator[str]:
    """Yield lines up to the first end of a chunk (``chunk`` characters) after ``part.cut`` bytes.

    ``normalize_stream`` ends a chunk on the line that brings it to ``chunk``
    characters: stopping right after that line stops where it starts anew.
    """
    size = 0
    for line in lines:
        yield line
        size += len(line)
        if size >= chunk:
            size = 0
            if read[1] - part.start >= part.cut:
                return


def normalize_part(part: Part, options: NormalizeOptions) -> PartResult:
    """Normalize one part of a file on a worker (see :func:`split_file`)."""
    from normtk.normalize import Document, normalize_stream

    chunk = 1 << 16  # normalize_stream's own
    try:
        normalizer = options.normalizer()
        read = [0, part.start]
        texts: list[str] = []
        result = PartResult()
        lines = _part_lines(part, options.errors, read)
        document = None
        if part.cut:
            document = part.document or Document()
            lines = _to_chunk_end(lines, part, read, chunk)
        for normalized in normalize_stream(
            normalizer, lines, chunk, doc_breaks=options.doc_breaks, document=document
        ):
            texts.append(normalized.text)
            if options.changes:
                result.changes += normalized.changes
            if options.unresolved:
                result.unresolved += normalized.unresolved
    except _UndecodableError as exc:
        return PartResult(undecodable=exc.where)
    except NormtkError as exc:
        return PartResult(failed=Failed(str(exc), exc.exit_code))
    except OSError as exc:
        return PartResult(failed=Failed(f"{part.path}: cannot read: {exc.strerror}", 2))
    result.text = "".join(texts)
    result.lines = read[0]
    if part.cut and read[1] < part.end:
        result.next_start = read[1]
        result.document = document
    return result


def normalize_bag(documents: db.Bag, options: NormalizeOptions) -> db.Bag:
    """Map a bag of documents (strings of whole lines) to one ``Normalized`` each.

    Each document is normalized as ``normtk normalize`` normalizes a file of
    its own (in chunks, its changes numbered from its first line).
    """
    require()
    return documents.map(_normalize_document, options)


def _normalize_document(document: str, options: NormalizeOptions) -> Normalized:
    from normtk.normalize import Normalized, normalize_stream

    chunks = list(normalize_stream(options.normalizer(), _lines(document)))
    return Normalized(
        "".join(c.text for c in chunks),
        [change for c in chunks for change in c.changes],
        [item for c in chunks for item in c.unresolved],
    )


def _lines(text: str) -> list[str]:
    """Split ``text`` after each ``\\n`` only, as normtk reads files."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out
