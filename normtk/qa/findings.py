"""Findings of the checks, their severities, and per-system summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from normtk.errors import UsageError


class Severity(str, Enum):
    """How sure a finding is that the editor must act: ``error`` > ``warning`` > ``info``.

    A member compares equal to its name (``Severity.ERROR == "error"``) and
    prints as it, so findings read the same in JSON, TSV and tables.
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """Return 0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]

    @classmethod
    def parse(cls, value: str | Severity, parameter: str = "severity") -> Severity:
        """Return the severity named ``value``; :class:`UsageError` naming ``parameter`` if none."""
        try:
            return cls(value)
        except ValueError:
            names = ", ".join(s.value for s in cls)
            msg = f"{parameter}: unknown severity {value!r} (choose from {names})"
            raise UsageError(msg) from None


_RANKS = {severity: rank for rank, severity in enumerate(Severity)}

#: Every severity, lowest first (the choices of ``--min-severity`` and ``--fail-on``).
SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)


def severity_rank(severity: str) -> int:
    """Return 0 for info, 1 for warning, 2 for error; :class:`UsageError` for anything else."""
    return Severity.parse(severity).rank


#: Kinds whose ``fix`` replaces the finding's span (the rest name what to add or check).
REPLACING = frozenset(
    {"off-style", "inconsistent-spelling", "number-format", "rejected-term", "possible-variant"}
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one hypothesis segment.

    ``segment`` is the 1-based position of the segment in the input (the line
    number for plain text); ``doc_id`` and ``seg_id`` are the ids the input
    gave (WMT XML), ``seg_id`` being the line number for plain text.
    ``start:end`` is the span in the hypothesis segment, in code points; a
    finding about the segment as a whole (a missing entity, an untranslated
    segment) spans all of it. ``fix`` is the suggested replacement of that
    span, or for a missing entity or number the text to add; ``None`` when no
    fix is safe. ``basis`` names the sides the finding rests on (``ref``,
    ``src``, ``style``, ``document``).
    """

    system: str
    segment: int
    seg_id: str
    doc_id: str | None
    kind: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    fix: str | None = None
    entity: str | None = None
    basis: tuple[str, ...] = ()

    @property
    def rule(self) -> str:
        """Return the stable rule id of the finding's kind (``entity.off-style``)."""
        from normtk.qa.checks import RULES

        return RULES.get(self.kind, self.kind)

    @property
    def replacement(self) -> str | None:
        """Return the text that should replace the span, or ``None`` (a fix to add, or none)."""
        return self.fix if self.kind in REPLACING else None

    @property
    def location(self) -> str:
        """Return ``doc_id:seg_id`` for documents with ids, else the segment number."""
        return f"{self.doc_id}:{self.seg_id}" if self.doc_id else str(self.segment)

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as a JSON-ready dict."""
        data = asdict(self)
        data["rule"] = self.rule
        data["severity"] = self.severity.value
        data["basis"] = list(self.basis)
        return data


@dataclass(frozen=True, slots=True)
class EntityProblems:
    """The findings about one entity in one system's output."""

    entity: str
    total: int
    by_kind: Mapping[str, int]
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of one system's findings by kind and severity, and the entities most at fault."""

    system: str
    segments: int
    total: int
    by_severity: Mapping[str, int]
    by_kind: Mapping[str, Mapping[str, int]]
    entities: tuple[EntityProblems, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as a JSON-ready dict."""
        return {
            "system": self.system,
            "segments": self.segments,
            "total": self.total,
            "by_severity": dict(self.by_severity),
            "by_kind": {kind: dict(counts) for kind, counts in self.by_kind.items()},
            "entities": [
                {
                    "entity": e.entity,
                    "total": e.total,
                    "by_kind": dict(e.by_kind),
                    "examples": list(e.examples),
                }
                for e in self.entities
            ],
        }


def summarize(findings: Iterable[Finding], system: str, segments: int, top: int = 10) -> Summary:
    """Count ``findings`` of ``system`` by kind and severity; list the ``top`` entities."""
    from normtk.qa.checks import KINDS

    own = [f for f in findings if f.system == system]
    by_severity = Counter(str(f.severity) for f in own)
    by_kind: dict[str, Counter[str]] = {}
    for finding in own:
        by_kind.setdefault(finding.kind, Counter())[str(finding.severity)] += 1
    per_entity: dict[str, list[Finding]] = {}
    for finding in own:
        if finding.entity:
            per_entity.setdefault(finding.entity, []).append(finding)
    ranked = sorted(per_entity.items(), key=lambda item: (-len(item[1]), item[0]))[:top]
    entities = tuple(
        EntityProblems(
            entity,
            len(items),
            dict(Counter(f.kind for f in items).most_common()),
            tuple(
                dict.fromkeys(
                    f.text for f in items if f.start < f.end and f.kind != "missing-entity"
                )
            )[:3],
        )
        for entity, items in ranked
    )
    order = [kind for kind in KINDS if kind in by_kind]
    order += sorted(kind for kind in by_kind if kind not in KINDS)
    return Summary(
        system,
        segments,
        len(own),
        {s: by_severity.get(s, 0) for s in reversed(SEVERITIES)},
        {kind: dict(by_kind[kind]) for kind in order},
        entities,
    )


def at_least(findings: Iterable[Finding], severity: str) -> list[Finding]:
    """Return the findings of severity ``severity`` and above, in order."""
    floor = Severity.parse(severity, "min_severity").rank
    return [f for f in findings if f.severity.rank >= floor]


def fails(findings: Iterable[Finding], threshold: str) -> bool:
    """Tell whether any finding is at or above severity ``threshold`` (for CI gating)."""
    rank = Severity.parse(threshold, "fail_on").rank
    return any(f.severity.rank >= rank for f in findings)


def sort_key(kinds: Sequence[str]) -> Any:
    """Return the key that orders findings by segment, span start and kind (in ``kinds``)."""
    index = {kind: i for i, kind in enumerate(kinds)}
    return lambda f: (f.segment, f.start, index.get(f.kind, len(index)))
