"""JSON Lines: one object a line with ``src``, ``ref``, ``hyp`` ... keys.

``ref`` may also hold a list of references and ``hyp`` an object mapping
system names to outputs. Text is taken as written.
"""

from __future__ import annotations

import json

from normtk.errors import InputError
from normtk.io.files import Errors, read_lines
from normtk.io.formats import ReadOptions
from normtk.io.formats._records import Rows
from normtk.io.model import Corpus


def read_jsonl(path: str, errors: Errors = "strict") -> Corpus:
    """Read a JSON Lines file: one object a line with ``src``, ``ref``, ``hyp`` ... keys."""
    rows = Rows(path)
    for number, line in enumerate(read_lines(path, errors), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            msg = f"{where}: invalid JSON: {exc.msg} at column {exc.colno}"
            raise InputError(msg) from None
        if not isinstance(record, dict):
            msg = f"{where}: expected a JSON object, got {type(record).__name__}"
            raise InputError(msg)
        hyp = record.get("hyp")
        if isinstance(hyp, dict):
            del record["hyp"]
            record.update({f"hyp:{name}": text for name, text in hyp.items()})
        rows.add(where, record)
    if rows.count == 0:
        msg = f"{path}: empty file"
        raise InputError(msg)
    return rows.corpus()


def read(path: str, options: ReadOptions) -> Corpus:
    """Read a JSONL corpus (the registry's entry point)."""
    return read_jsonl(path, options.errors)
