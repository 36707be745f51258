"""Ignore files: findings an editor has accepted, so that a re-run shows only new ones.

An ignore file (``.normtk-ignore``) has one accepted finding a line, as
tab-separated columns::

    # normtk ignore file: segment hash, rule, matched text, note (ignored on reading)
    5d0e2a4c81b3f9e7	entity.added	Britain	3: 'Britain' (United Kingdom) is in ...

The hash is the first 16 hex digits of the SHA-256 of the hypothesis segment
(UTF-8, without its line end), so an entry follows its segment wherever the
segment moves and lapses when the segment is edited. The matched text is the
finding's span, or for a finding about the whole segment (a missing entity or
number) what it names (its fix). Backslash, tab and newline are written
``\\\\``, ``\\t``, ``\\n``. Blank lines and lines starting with ``#`` are
comments.

>>> entries = IgnoreList.parse("# accepted\\n5d0e2a4c81b3f9e7\\tentity.added\\tBritain\\n")
>>> sorted(entries.keys)
[('5d0e2a4c81b3f9e7', 'entity.added', 'Britain')]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from normtk.errors import InputError
from normtk.qa.findings import Finding

#: The first line of every ignore file normtk writes.
HEADER = "# normtk ignore file: segment hash, rule, matched text, note (ignored on reading)"

_HASH = re.compile(r"[0-9a-f]{16}")

Key = tuple[str, str, str]


def segment_hash(text: str) -> str:
    """Return the hash that keys an ignore entry to the segment ``text`` (16 hex digits).

    >>> segment_hash("Talks in Kiev")
    'c04c983c1bd8390f'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def matched_text(finding: Finding, segment: str) -> str:
    """Return what keys ``finding`` within its segment: its span, or what it names."""
    if finding.start == 0 and finding.end == len(segment):
        return finding.fix or ""
    return finding.text


def key_of(finding: Finding, segment: str) -> Key:
    """Return the ignore key of ``finding`` in the hypothesis segment ``segment``."""
    return (segment_hash(segment), finding.rule, matched_text(finding, segment))


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"t": "\t", "n": "\n"}.get(value[i + 1], value[i + 1]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _segment(finding: Finding, texts: Mapping[str, Sequence[str]]) -> str:
    segments = texts.get(finding.system, ())
    return segments[finding.segment - 1] if 0 < finding.segment <= len(segments) else ""


@dataclass(frozen=True, slots=True)
class IgnoreList:
    """The accepted findings of an ignore file, and the lines they were read from."""

    entries: tuple[tuple[Key, str], ...] = ()
    path: str | None = None

    @property
    def keys(self) -> frozenset[Key]:
        """Return the keys of the accepted findings."""
        return frozenset(key for key, _ in self.entries)

    @classmethod
    def read(cls, path: str | Path) -> IgnoreList:
        """Read the ignore file ``path``; :class:`InputError` names file and line if it is bad."""
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            msg = f"{where}: no such file"
            raise InputError(msg) from None
        except UnicodeDecodeError as error:
            msg = f"{where}: not valid UTF-8 at byte {error.start}"
            raise InputError(msg) from None
        except OSError as error:
            msg = f"{where}: cannot read: {error.strerror or error}"
            raise InputError(msg) from None
        return cls.parse(text, where)

    @classmethod
    def parse(cls, text: str, where: str = "<ignore>") -> IgnoreList:
        """Parse ignore-file ``text``; ``where`` names it in errors."""
        from normtk.qa.checks import RULES

        rules = set(RULES.values())
        entries: dict[Key, str] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 3:
                msg = (
                    f"{where}:{number}: expected segment hash, rule and matched text, tab-separated"
                )
                raise InputError(msg)
            digest, rule, matched = cells[0], cells[1], _unescape(cells[2])
            if not _HASH.fullmatch(digest):
                msg = f"{where}:{number}: {digest!r} is not a segment hash (16 hex digits)"
                raise InputError(msg)
            if rule not in rules:
                msg = f"{where}:{number}: unknown rule {rule!r}"
                raise InputError(msg)
            entries.setdefault((digest, rule, matched), line)
        return cls(tuple(entries.items()), where)

    def accepts(self, finding: Finding, segment: str) -> bool:
        """Tell whether ``finding`` in the hypothesis segment ``segment`` is accepted."""
        return key_of(finding, segment) in self.keys

    def filter(
        self, findings: Iterable[Finding], texts: Mapping[str, Sequence[str]]
    ) -> list[Finding]:
        """Return the findings not accepted; ``texts`` holds each system's segments."""
        return [f for f in findings if not self.accepts(f, _segment(f, texts))]


def ignore_text(
    findings: Iterable[Finding],
    texts: Mapping[str, Sequence[str]],
    keep: IgnoreList | None = None,
) -> str:
    """Return an ignore file accepting ``findings`` (after the entries of ``keep``, if any).

    ``texts`` holds each system's segments, which the entries are keyed by.
    """
    entries = dict(keep.entries) if keep is not None else {}
    for finding in findings:
        key = key_of(finding, _segment(finding, texts))
        if key not in entries:
            note = f"{finding.location}: {finding.message}"
            entries[key] = "\t".join(_escape(cell) for cell in (*key, note))
    return "\n".join([HEADER, *entries.values()]) + "\n"


def write_ignore_file(
    path: str,
    findings: Iterable[Finding],
    texts: Mapping[str, Sequence[str]],
    keep: IgnoreList | None = None,
) -> None:
    """Write an ignore file accepting ``findings`` to ``path``, atomically (:func:`ignore_text`)."""
    from normtk.io.files import open_output

    content = ignore_text(findings, texts, keep)
    with open_output(path) as out:
        out.write(content)
