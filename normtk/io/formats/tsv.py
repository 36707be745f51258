"""TSV: one file with a header row naming the columns (``src``, ``ref``, ``hyp:NAME`` ...).

Trailing white space is removed from every cell, as from plain-text lines.
"""

from __future__ import annotations

from normtk.errors import InputError
from normtk.io.files import Errors, read_lines
from normtk.io.formats import ReadOptions
from normtk.io.formats._records import Rows
from normtk.io.model import Corpus


def read_tsv(path: str, errors: Errors = "strict") -> Corpus:
    """Read a TSV file whose header row names the columns (``src``, ``ref``, ``hyp:NAME`` ...)."""
    lines = read_lines(path, errors)
    header_line = next(lines, None)
    if header_line is None or not header_line.strip():
        msg = f"{path}: empty file" if header_line is None else f"{path}:1: empty header row"
        raise InputError(msg)
    header = header_line.rstrip("\r\n").split("\t")
    if len(set(header)) != len(header):
        msg = f"{path}:1: a column name is repeated in the header"
        raise InputError(msg)
    rows = Rows(path)
    for number, line in enumerate(lines, start=2):
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) != len(header):
            msg = f"{path}:{number}: {len(cells)} fields, the header has {len(header)}"
            raise InputError(msg)
        rows.add(f"{path}:{number}", {k: v.rstrip() for k, v in zip(header, cells, strict=True)})
    return rows.corpus()


def read(path: str, options: ReadOptions) -> Corpus:
    """Read a TSV corpus (the registry's entry point)."""
    return read_tsv(path, options.errors)
