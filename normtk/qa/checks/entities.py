"""Entities of the reference or source that the translation lacks, and entities it adds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from normtk.folding import fold
from normtk.qa.checks import Check
from normtk.qa.context import SIDE_NAMES, Context, Segment, Side
from normtk.qa.findings import Finding, Severity


class EntityCheck(Check):
    """Compare the entities of the hypothesis with those of each side."""

    name = "entities"
    rules: ClassVar[dict[str, str]] = {
        "missing-entity": "entity.missing",
        "added-entity": "entity.added",
    }

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
            severity = grade_entity(having, sides)
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
            if not basis or any(
                s.name == "src" and _in_hashtag(s.text, context, m.entity_id) for s in sides
            ):
                continue
            # A reference alone is weak evidence where a source was given that cannot be
            # read for the entity: the reference may paraphrase (the UK for Britain) or err.
            source = any(s.name == "src" for s in sides)
            severity = Severity.WARNING if "src" in basis or not source else Severity.INFO
            name = context.gazetteer[m.entity_id].display_name(context.lang, context.style)
            yield segment.finding(
                "added-entity",
                severity,
                (m.start, m.end),
                f"{m.text!r} ({name}) is in {_neither(basis)}",
                entity=m.entity_id,
                basis=tuple(dict.fromkeys(basis)),
            )


def grade_entity(having: list[Side], sides: list[Side]) -> Severity:
    """Grade an entity the translation lacks: ``error`` when every side of two or more has it,
    ``warning`` when the only side given has it, ``info`` when one of two sides has it.

    One side alone is weak evidence when the other was given: a reference adds
    (Office of the President *of Ukraine*) and paraphrases, and a source word may
    be a common noun that looks like a name (Антрацит, the colour of a pan).
    """
    if len(having) == len(sides) > 1:
        return Severity.ERROR
    if len(sides) == 1:
        return Severity.WARNING
    return Severity.INFO


def _neither(basis: tuple[str, ...]) -> str:
    """Return "neither the reference nor the source", or "not in the reference" for one side."""
    names = list(dict.fromkeys(SIDE_NAMES[b] for b in basis))
    if len(names) == 1:
        return f"the translation but not in the {names[0]}"
    return "neither the " + " nor the ".join(names)


_HASHTAG = re.compile(r"#(\w+)")


def _in_hashtag(text: str, context: Context, entity_id: str) -> bool:
    """Tell whether a hashtag of the source holds the entity's native name, run together.

    "#поэтвроссиибольшечемпоэт" ("a poet in Russia is more than a poet") names
    Russia though no word of the source is the name: the source vouches for it.
    """
    if "#" not in text or context.src_lang is None:
        return False
    native = context.gazetteer[entity_id].native.get(context.src_lang)
    if not native or len(native) < 5:
        return False
    stem = fold(native)[:-2]  # the stem its inflected forms share (Росси-я, Росси-и)
    return any(stem in fold(tag) for tag in _HASHTAG.findall(text))
