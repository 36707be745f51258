"""Names off the house style (Kiev → Kyiv), and names that may be several entities."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from normtk.qa.checks import Check
from normtk.qa.context import Segment
from normtk.qa.findings import Finding, Severity


class StyleCheck(Check):
    """Report each mention whose house-style form differs from what is written."""

    name = "style"
    rules: ClassVar[dict[str, str]] = {
        "off-style": "entity.off-style",
        "ambiguous-name": "entity.ambiguous",
    }

    def check_segment(self, segment: Segment) -> Iterable[Finding]:
        """Return off-style and ambiguous names in the hypothesis."""
        context = self.context
        for m in segment.mentions:
            if m.entity_id is not None:
                if m.replacement is None:
                    continue
                name = context.gazetteer[m.entity_id].display_name(context.lang, context.style)
                native = m.rule.startswith("native:")
                message = (
                    f"{m.text!r} is {name} in the source language's script"
                    if native
                    else f"{m.text!r} is off style for {name}"
                )
                yield segment.finding(
                    "off-style",
                    Severity.ERROR,
                    (m.start, m.end),
                    message,
                    fix=m.replacement,
                    entity=m.entity_id,
                    basis=("style",),
                )
                continue
            wanted = context.normalizer.candidate_forms(m)
            if all(form is None for form in wanted.values()):
                continue
            options = ", ".join(
                f"{c} ({'in style' if form is None else '→ ' + form})" for c, form in wanted.items()
            )
            yield segment.finding(
                "ambiguous-name",
                Severity.WARNING,
                (m.start, m.end),
                f"{m.text!r} may be {options}; check which is meant",
                entity="|".join(m.candidates),
                basis=("style",),
            )
