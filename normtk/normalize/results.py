"""What normalizing gives: mentions, changes, names left unresolved, fuzzy suggestions, and
the way back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in text.

    ``replacement`` is the house-style form to write instead, or ``None`` when
    the mention already is in style or cannot be resolved safely.
    ``entity_id`` is ``None`` when the alias is ambiguous and the gazetteer's
    rules do not decide; ``candidates`` then lists the entities it may be.
    """

    start: int
    end: int
    text: str
    entity_id: str | None
    candidates: tuple[str, ...]
    alias: str
    rule: str
    replacement: str | None


@dataclass(frozen=True, slots=True)
class Change:
    """One rewrite: ``original`` at ``line`` (1-based), characters ``start:end`` of it."""

    line: int
    start: int
    end: int
    original: str
    replacement: str
    entity: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """Return the change as a JSON-ready dict."""
        return {
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "replacement": self.replacement,
            "entity": self.entity,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A name left as written because it may be any of ``candidates`` (or somebody else)."""

    line: int
    start: int
    end: int
    text: str
    candidates: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a JSON-ready dict."""
        return {**asdict(self), "candidates": list(self.candidates)}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A fuzzy suggestion: an unknown name at ``line`` (1-based), ``start:end``, and the
    entity it may be (see :mod:`normtk.normalize.fuzzy`)."""

    line: int
    start: int
    end: int
    text: str
    entity: str
    alias: str
    proposed: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """Return the suggestion as a JSON-ready dict."""
        return {"kind": "fuzzy", **asdict(self), "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Normalized:
    """The rewritten text, the changes that produced it, and the names left unresolved.

    ``suggestions`` are the fuzzy suggestions (with ``fuzzy=True``) below the
    normalizer's ``fuzzy_threshold``: unknown names that may be an entity.
    """

    text: str
    changes: list[Change]
    unresolved: list[Unresolved] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)


def restore(text: str, changes: Sequence[Change]) -> str:
    """Undo ``changes`` on normalized ``text``: the change log alone recovers the input.

    >>> from normtk import Gazetteer, Normalizer
    >>> result = Normalizer(Gazetteer.load()).normalize("Kiev\\nin Lugansk")
    >>> restore(result.text, result.changes)
    'Kiev\\nin Lugansk'
    """
    lines = text.split("\n")
    by_line: dict[int, list[Change]] = {}
    for change in changes:
        by_line.setdefault(change.line, []).append(change)
    for number, line_changes in by_line.items():
        line = lines[number - 1]
        pieces = []
        position = 0  # in the original line
        shift = 0  # normalized offset minus original offset
        for change in sorted(line_changes, key=lambda c: c.start):
            pieces.append(line[position + shift : change.start + shift])
            pieces.append(change.original)
            shift += len(change.replacement) - (change.end - change.start)
            position = change.end
        pieces.append(line[position + shift :])
        lines[number - 1] = "".join(pieces)
    return "\n".join(lines)
