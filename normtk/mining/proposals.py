"""What mining proposes: a spelling of an entity, with its counts and examples."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normtk.gazetteer.model import Part

#: Examples kept per proposal.
EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Example:
    """One segment where ``writer`` wrote the spelling and another side named the entity."""

    seg_id: str
    writer: str
    written: str
    naming_side: str
    named: str
    named_as: str = ""


@dataclass(slots=True)
class Proposal:
    """A spelling the gazetteer does not know, proposed as a variant of ``entity_id``.

    ``part`` is ``name`` (places, bodies) or ``surname`` / ``given`` (persons);
    ``count`` counts the (segment, writer) pairs that wrote it, ``writers`` by
    writer (a system's name, or ``ref``), ``evidence`` by the side that named the
    entity (``ref``, ``src`` or a system), ``similarity`` the best skeleton ratio
    against a spelling of the entity (``closest``).
    """

    entity_id: str
    part: Part
    spelling: str
    closest: str
    similarity: float
    count: int = 0
    writers: Counter[str] = field(default_factory=Counter)
    evidence: Counter[str] = field(default_factory=Counter)
    segments: set[str] = field(default_factory=set)
    examples: list[Example] = field(default_factory=list)
    #: For a spelling of an entity the gazetteer lacks: its name as the reference writes
    #: it and its native name as the source writes it (possibly inflected).
    new_name: str | None = None
    native: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        """Tell whether the proposal is a new entity rather than a variant of a known one."""
        return self.new_name is not None

    def add(self, example: Example) -> None:
        """Count one (segment, writer) pair, keeping the first few examples."""
        self.count += 1
        self.writers[example.writer] += 1
        self.evidence[example.naming_side] += 1
        self.segments.add(example.seg_id)
        if len(self.examples) < EXAMPLES and all(e.seg_id != example.seg_id for e in self.examples):
            self.examples.append(example)
