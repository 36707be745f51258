"""Plain text: one segment a line, one file per system, reference and source.

As sacrebleu's command line does, trailing white space is removed from every line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from normtk.errors import InputError, UsageError
from normtk.io.files import Errors, read_lines
from normtk.io.formats import ReadOptions
from normtk.io.model import Corpus


def system_name(path: str) -> str:
    """Name a system after its file: the stem, or what follows ``.hyp.`` in WMT file names.

    >>> system_name("txt/generaltest2022.uk-en.hyp.Online-B.en")
    'Online-B'
    >>> system_name("out/nmt.txt")
    'nmt'
    """
    base = Path(path).name
    if ".hyp." in base:
        name = base.split(".hyp.", 1)[1]
        return name.rsplit(".", 1)[0] if "." in name else name
    return Path(path).stem or base


def read_text_column(path: str, errors: Errors = "strict") -> list[str]:
    """Return the lines of a plain-text file without trailing white space.

    An empty file (or a directory, a missing file, invalid UTF-8) is an
    :class:`InputError` naming it.
    """
    lines = [line.rstrip() for line in read_lines(path, errors)]
    if not lines:
        msg = f"{path}: empty file"
        raise InputError(msg)
    return lines


def read_plain(
    hyps: Sequence[str],
    refs: Sequence[str] = (),
    src: str | None = None,
    names: Sequence[str] | None = None,
    errors: Errors = "strict",
) -> Corpus:
    """Read line-aligned plain-text files: one per system, reference and the source.

    Systems are named by ``names`` or after their files (:func:`system_name`).
    Files whose line counts differ are an :class:`InputError` naming both.
    """
    hyp_names = _names(hyps, names)
    columns: list[tuple[str, list[str]]] = []
    src_lines = None
    if src is not None:
        src_lines = read_text_column(src, errors)
        columns.append((src, src_lines))
    ref_lines = []
    for ref in refs:
        lines = read_text_column(ref, errors)
        ref_lines.append(lines)
        columns.append((ref, lines))
    hyp_lines = {}
    for name, hyp in zip(hyp_names, hyps, strict=True):
        lines = read_text_column(hyp, errors)
        hyp_lines[name] = lines
        columns.append((hyp, lines))
    if columns:
        first, first_lines = columns[0]
        for other, lines in columns[1:]:
            if len(lines) != len(first_lines):
                msg = (
                    f"line counts differ: {first} has {len(first_lines)} lines, "
                    f"{other} has {len(lines)}"
                )
                raise InputError(msg)
    return Corpus(src_lines, ref_lines, hyp_lines, ref_names=list(refs))


def _names(paths: Sequence[str], names: Sequence[str] | None) -> list[str]:
    if names is not None:
        if len(names) != len(paths):
            msg = f"{len(names)} names given for {len(paths)} system files"
            raise UsageError(msg)
        chosen = list(names)
    else:
        chosen = [system_name(p) for p in paths]
    seen: set[str] = set()
    for name, path in zip(chosen, paths, strict=True):
        if name in seen:
            msg = f"two systems named {name!r} ({path}); give distinct names with --names"
            raise UsageError(msg)
        seen.add(name)
    return chosen


def read(path: str, options: ReadOptions) -> Corpus:
    """Read one plain-text file as the output of one system."""
    return read_plain([path], errors=options.errors)
