"""Normalizing a stream of lines in bounded memory, document by document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Literal

from normtk.normalize.context import Document
from normtk.normalize.normalizer import Normalizer
from normtk.normalize.results import Normalized

DocBreaks = Literal["none", "blank"]
DOC_BREAKS: tuple[str, ...] = ("none", "blank")


def normalize_stream(
    normalizer: Normalizer,
    lines: Iterable[str],
    chunk_chars: int = 1 << 16,
    doc_breaks: DocBreaks = "none",
    document: Document | None = None,
) -> Iterator[Normalized]:
    """Normalize a stream of lines (each ending in ``\\n`` but maybe the last) in chunks.

    Yields one :class:`Normalized` per chunk of whole lines, its changes numbered
    by line in the whole stream. The stream is one document (an entity ends in
    one form in it), or with ``doc_breaks="blank"`` one per run of lines between
    blank lines (wire stories). Memory stays bounded by ``chunk_chars`` plus
    the longest line. ``document`` carries what earlier lines of the same
    document settled (it is updated in place), for a stream that continues
    another one cut where a chunk ended. Without ``doc_breaks`` the items of
    ``lines`` may also be blocks of whole lines (:func:`normtk.io.files.read_blocks`):
    the chunks are the same.

    >>> from normtk import Gazetteer
    >>> normalizer = Normalizer(Gazetteer.load(), "en", keep_styled=True)
    >>> story = ["Zelensky spoke.\\n", "Later Zelenskiy left.\\n", "\\n", "Zelenskiy won.\\n"]
    >>> "".join(r.text for r in normalize_stream(normalizer, story, doc_breaks="blank"))
    'Zelensky spoke.\\nLater Zelensky left.\\n\\nZelenskiy won.\\n'
    """
    if document is None:
        document = Document()
    if doc_breaks == "blank":
        yield from _stories(normalizer, lines, chunk_chars, document)
        return
    first_line = 1
    chunk: list[str] = []
    size = 0
    for block in lines:
        start = 0
        # A chunk ends with the line that brings it to ``chunk_chars``.
        while (
            len(block) - start >= (need := max(1, chunk_chars - size))
            and (cut := block.find("\n", start + need - 1)) != -1
        ):
            chunk.append(block[start : cut + 1])
            text = "".join(chunk)
            yield _normalize_chunk(normalizer, text, first_line, document)
            first_line += text.count("\n")
            chunk, size, start = [], 0, cut + 1
        if start < len(block):
            chunk.append(block[start:] if start else block)
            size += len(block) - start
    if chunk:
        yield _normalize_chunk(normalizer, "".join(chunk), first_line, document)


def _stories(
    normalizer: Normalizer, lines: Iterable[str], chunk_chars: int, document: Document
) -> Iterator[Normalized]:
    """Normalize lines in chunks, each run of lines between blank lines a document."""
    first_line = 1
    chunk: list[str] = []
    size = 0
    for line in lines:
        if not line.strip():
            if chunk:
                yield _normalize_chunk(normalizer, "".join(chunk), first_line, document)
                first_line += len(chunk)
                chunk, size = [], 0
            document = Document()
        chunk.append(line)
        size += len(line)
        if size >= chunk_chars:
            yield _normalize_chunk(normalizer, "".join(chunk), first_line, document)
            first_line += len(chunk)
            chunk, size = [], 0
    if chunk:
        yield _normalize_chunk(normalizer, "".join(chunk), first_line, document)


def _normalize_chunk(
    normalizer: Normalizer, text: str, first_line: int, document: Document
) -> Normalized:
    result = normalizer.normalize(text, document)
    if first_line == 1:
        return result
    shift = first_line - 1
    return Normalized(
        result.text,
        [replace(change, line=change.line + shift) for change in result.changes],
        [replace(item, line=item.line + shift) for item in result.unresolved],
        [replace(item, line=item.line + shift) for item in result.suggestions],
    )
