"""Normalizing files: plain text line by line, XLIFF target by target, with the change log.

:func:`normalize_files` is what ``normtk normalize`` runs: it reads each
input, writes the rewritten copy (to one output, or over each input
atomically with ``in_place``) and writes one JSON record a line for each
change, each name left unresolved and each fuzzy suggestion (``"kind":
"fuzzy"``, with a normalizer made with ``fuzzy``). A record names the file and, for
XLIFF, the unit (and the segment in 2.x) and the line of the file; ``start``
and ``end`` count characters in the line (plain text) or in the target's
text (XLIFF), as :class:`normtk.normalize.Change` does.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from normtk.errors import UsageError
from normtk.io.files import Errors, open_output, output_paths, read_blocks, read_lines
from normtk.io.formats import EDIT_FORMATS, get_format
from normtk.normalize import DocBreaks, Document, Normalizer, normalize_stream

if TYPE_CHECKING:
    from normtk.io.formats.xliff import Target
    from normtk.normalize.results import Normalized, Suggestion, Unresolved


@dataclass(slots=True)
class Rewritten:
    """A rewritten document and its records (JSON-ready dicts), changes and unresolved names."""

    text: str
    changes: list[dict[str, Any]] = field(default_factory=list)
    unresolved: list[dict[str, Any]] = field(default_factory=list)


def record(file: str, item: Any, **where: str | int | None) -> dict[str, Any]:
    """Return the change-log record of a change (or unresolved name) found in ``file``."""
    fields = {key: value for key, value in where.items() if value is not None}
    return {"file": file, **fields, **item.to_dict()}


def normalize_xliff(normalizer: Normalizer, path: str, data: bytes | None = None) -> Rewritten:
    """Rewrite the target text of an XLIFF file; every byte outside a change stays as it was.

    Each ``<file>`` of the XLIFF is one document (an entity ends in one form
    in it). A change that a tag would split, or inside protected markup, is
    not made (see :mod:`normtk.io.formats.xliff`). Records carry ``unit``,
    ``segment`` (2.x) and ``line`` (of the file); their ``start`` and ``end``
    count characters of the target's text.
    """
    edit = get_format("xliff").editor()(path, data)
    name = "<stdin>" if path == "-" else path
    out = Rewritten(edit.content)
    splices = []
    document = Document()
    current = -1
    for target in edit.targets:
        if not target.translate or not target.text:
            continue
        if target.file != current:
            document, current = Document(), target.file
        result = normalizer.normalize(target.text, document)
        starts = _line_starts(target.text)
        for change in result.changes:
            start = starts[change.line - 1] + change.start
            end = starts[change.line - 1] + change.end
            splice = target.splice(start, end, change.replacement)
            if splice is None:
                continue  # split by a tag or protected: left as written
            splices.append(splice)
            where = edit.line(splice.start)
            out.changes.append(_xliff_record(name, target, where, change.to_dict(), start, end))
        for unresolved in _suggested(result):
            start = starts[unresolved.line - 1] + unresolved.start
            end = start + unresolved.end - unresolved.start
            item = unresolved.to_dict()
            out.unresolved.append(_xliff_record(name, target, target.line, item, start, end))
    out.text = edit.apply(splices)
    return out


def _xliff_record(
    name: str, target: Target, line: int, item: dict[str, Any], start: int, end: int
) -> dict[str, Any]:
    """Return a record naming the unit (and segment) and the file's line; offsets in the target."""
    where: dict[str, Any] = {"file": name, "unit": target.unit}
    if target.segment is not None:
        where["segment"] = target.segment
    return {**where, **item, "line": line, "start": start, "end": end}


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    return starts


def normalize_text(
    normalizer: Normalizer,
    path: str,
    errors: Errors = "strict",
    doc_breaks: DocBreaks = "none",
    *,
    records: bool = True,
) -> Iterator[Rewritten]:
    """Rewrite a plain-text file (stdin for ``-``) in chunks of lines, in bounded memory.

    ``records=False`` leaves out the change-log records (nobody reads them).
    """
    # One document: read in blocks of lines (cheaper than line by line, same chunks).
    lines = read_lines(path, errors) if doc_breaks == "blank" else read_blocks(path, errors)
    for result in normalize_stream(normalizer, lines, doc_breaks=doc_breaks):
        if not records:
            yield Rewritten(result.text)
            continue
        yield Rewritten(
            result.text,
            [record(path, change) for change in result.changes],
            [record(path, item) for item in _suggested(result)],
        )


def _suggested(result: Normalized) -> list[Unresolved | Suggestion]:
    """Return the names left unresolved and the fuzzy suggestions, in text order."""
    items: list[Unresolved | Suggestion] = [*result.unresolved, *result.suggestions]
    items.sort(key=lambda item: (item.line, item.start))
    return items


def normalize_files(
    normalizer: Normalizer,
    inputs: Sequence[str],
    *,
    output: str | None = None,
    output_dir: str | None = None,
    in_place: bool = False,
    changes: str | None = None,
    suggest: str | None = None,
    errors: Errors = "strict",
    doc_breaks: DocBreaks = "none",
    input_format: str = "auto",
) -> None:
    """Normalize ``inputs`` to ``output`` (stdout for ``None``), each over itself
    (``in_place``) or each to a file of the same name in ``output_dir``.

    ``changes`` and ``suggest`` receive the change log and the unresolved
    names (and fuzzy suggestions), one JSON object a line. ``input_format`` is one of
    :data:`normtk.io.formats.EDIT_FORMATS` (``auto``: XLIFF by suffix, else
    text). Every output is written atomically: an error leaves no half file.
    """
    if input_format not in EDIT_FORMATS:
        msg = f"cannot rewrite {input_format} files (choose from {', '.join(EDIT_FORMATS)})"
        raise UsageError(msg, "input_format")
    kinds = [get_format(input_format, name).name for name in inputs]
    if not in_place and output_dir is None and len(inputs) > 1 and "xliff" in kinds:
        msg = "an XLIFF output holds one file: give one input, or rewrite each with in_place"
        raise UsageError(msg, "in_place")
    with (
        open_output(changes) if changes else contextlib.nullcontext() as log,
        open_output(suggest) if suggest else contextlib.nullcontext() as unresolved,
    ):
        logs = (log, unresolved)
        if in_place or output_dir is not None:
            targets = output_paths(inputs, output_dir) if output_dir is not None else inputs
            for name, kind, target in zip(inputs, kinds, targets, strict=True):
                # The output goes to a temporary file that replaces the target at the end.
                with open_output(target) as out:
                    _write(_rewrite(normalizer, name, kind, errors, doc_breaks, logs), out, logs)
        else:
            with open_output(output) as out:
                for name, kind in zip(inputs, kinds, strict=True):
                    _write(_rewrite(normalizer, name, kind, errors, doc_breaks, logs), out, logs)


def _rewrite(
    normalizer: Normalizer,
    name: str,
    kind: str,
    errors: Errors,
    doc_breaks: DocBreaks,
    logs: tuple[TextIO | None, TextIO | None],
) -> Iterator[Rewritten]:
    if kind == "xliff":
        yield normalize_xliff(normalizer, name)
    else:
        records = any(log is not None for log in logs)
        yield from normalize_text(normalizer, name, errors, doc_breaks, records=records)


def _write(
    parts: Iterator[Rewritten],
    out: TextIO,
    logs: tuple[TextIO | None, TextIO | None],
) -> None:
    log, unresolved = logs
    for part in parts:
        out.write(part.text)
        for stream, records in ((log, part.changes), (unresolved, part.unresolved)):
            if stream is not None:
                for item in records:
                    stream.write(json.dumps(item, ensure_ascii=False))
                    stream.write("\n")
