"""Names the gazetteer does not know that are close to one it does (Kreminnoye → Kreminna)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from normtk.qa.checks import Check
from normtk.qa.context import Context, Segment
from normtk.qa.findings import Finding, Severity

if TYPE_CHECKING:
    from normtk.normalize.fuzzy import Suggester


class VariantCheck(Check):
    """Report each unknown capitalised name that fuzzy matching takes for a known entity."""

    name = "variants"
    rules: ClassVar[dict[str, str]] = {"possible-variant": "entity.possible-variant"}

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self._suggester: Suggester | None = None

    def check_segment(self, segment: Segment) -> Iterable[Finding]:
        """Return the near misses in the hypothesis, with the proposed form as the fix."""
        if not segment.hyp:
            return
        if self._suggester is None:
            from normtk.normalize.fuzzy import Suggester

            # The normalizer's style decides the proposed form, as for off-style names.
            self._suggester = Suggester(self.context.normalizer)
        # Every exact match is taken, keep-phrases included.
        index = self.context.gazetteer.index
        taken = [(start, end) for start, end, _ in index.scan(segment.hyp)]
        for found in self._suggester.suggest(segment.hyp, taken):
            yield segment.finding(
                "possible-variant",
                Severity.INFO,
                (found.start, found.end),
                f"{found.text!r} may be {found.proposed} (fuzzy match {found.score:.2f} "
                f"with {found.alias!r}); not in the gazetteer",
                fix=found.proposed,
                entity=found.entity,
                basis=("style",),
            )
