"""Entities of the reference or source that the translation lacks, and entities it adds."""

from __future__ import annotations

from collections.abc import Iterable

from normtk.qa.checks import Check
from normtk.qa.context import SIDE_NAMES, Segment, Side, grade
from normtk.qa.findings import Finding, Severity


class EntityCheck(Check):
    """Compare the entities of the hypothesis with those of each side."""

    name = "entities"
    kinds = ("missing-entity", "added-entity")

    def check_segment(self, segment: Segment) -> Iterable[Finding]:
        """Return missing and added entities (nothing without a reference or source)."""
        if not segment.sides:
            return
        context = self.context
        sides = segment.sides
        hyp_ids = context.present(segment.hyp, segment.mentions)
        hyp_derived = context.derived_english(segment.hyp)
        wanted: dict[str, list[Side]] = {}
        for side in sides:
            for entity_id in side.entities:
                wanted.setdefault(entity_id, []).append(side)
        for entity_id, having in wanted.items():
            if entity_id in hyp_ids:
                continue
            if any(entity_id in s.uncertain for s in sides) or entity_id in hyp_derived:
                continue  # "Russian troops" for "Russia", or a side naming it only uncertainly
            sees = any(s.name == "src" and context.can_see(s, entity_id) for s in sides)
            severity = grade(having, sides, source_sees=sees)
            name = context.gazetteer[entity_id].display_name(context.lang, context.style)
            where = " and ".join(
                f"the {SIDE_NAMES[s.name]} ({s.entities[entity_id]!r})" for s in having
            )
            yield segment.finding(
                "missing-entity",
                severity,
                None,
                f"{name} is in {where} but not in the translation",
                fix=name,
                entity=entity_id,
                basis=tuple(s.name for s in having),
            )
        named = set(wanted) | {c for s in sides for c in s.uncertain}
        seen: set[str] = set()
        for m in segment.mentions:
            if m.entity_id is None or m.entity_id in named or m.entity_id in seen:
                continue
            seen.add(m.entity_id)
            # The source can only speak for entities the gazetteer names in its language.
            basis = tuple(s.name for s in sides if context.can_see(s, m.entity_id))
            if not basis:
                continue
            yield segment.finding(
                "added-entity",
                Severity.WARNING,
                (m.start, m.end),
                f"{m.text!r} ({m.entity_id}) is in neither the "
                + " nor the ".join(dict.fromkeys(SIDE_NAMES[b] for b in basis)),
                entity=m.entity_id,
                basis=tuple(dict.fromkeys(basis)),
            )
