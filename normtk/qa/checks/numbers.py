"""Numbers of the reference or source that the translation changed, lost or added."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from normtk.qa.checks import Check
from normtk.qa.context import SIDE_NAMES, Segment, Side, grade
from normtk.qa.findings import Finding, Severity
from normtk.qa.numbers import Number, extract_numbers


class NumberCheck(Check):
    """Compare the numbers of the hypothesis with those of each side."""

    name = "numbers"
    rules: ClassVar[dict[str, str]] = {
        "number-changed": "number.changed",
        "number-missing": "number.missing",
        "number-added": "number.added",
    }

    def check_segment(self, segment: Segment) -> Iterable[Finding]:
        """Return changed, missing and added numbers (nothing without a reference or source)."""
        sides = segment.sides
        if not sides:
            return
        hyp_numbers = extract_numbers(segment.hyp, self.context.lang, lenient=True)
        hyp_values = {v for n in hyp_numbers for v in n.values.union(*n.parts)}
        # What a side says (for who has a number), and what it only implies (за добу: 24),
        # which excuses a number of the translation but does not make one required.
        side_values = [
            {v for n in s.numbers if not n.implied for v in n.values.union(*n.parts)} for s in sides
        ]
        implied = {v for s in sides for n in s.numbers if n.implied for v in n.values}
        # Numbers that a side requires and the hypothesis lacks, each once per value.
        missing: list[tuple[Number, list[Side]]] = []
        for side in sides:
            for number in side.numbers:
                if not number.required or number.found_in(hyp_values):
                    continue
                if any(number.values & other.values for other, _ in missing):
                    continue  # 1,500 of the reference is 1 500 of the source
                having = [
                    s
                    for s, values in zip(sides, side_values, strict=True)
                    if number.found_in(values)
                ]
                missing.append((number, having))
        all_values = set().union(implied, *side_values)
        added = [n for n in hyp_numbers if n.required and not n.found_in(all_values)]
        for number, having in missing:
            severity = grade(having, sides, source_sees=True)
            if severity == Severity.WARNING and added and len(having) == len(sides):
                severity = Severity.ERROR  # one side given, and the number in its place is another
            where = " and ".join(dict.fromkeys(SIDE_NAMES[s.name] for s in having))
            if added:
                new = added.pop(0)
                yield segment.finding(
                    "number-changed",
                    severity,
                    (new.start, new.end),
                    f"{new.text!r} stands where the {where} "
                    f"{'have' if len(having) > 1 else 'has'} {number.text!r}",
                    fix=number.text,
                    basis=tuple(s.name for s in having),
                )
            else:
                yield segment.finding(
                    "number-missing",
                    severity,
                    None,
                    f"{number.text!r} of the {where} is not in the translation",
                    fix=number.text,
                    basis=tuple(s.name for s in having),
                )
        for number in added:
            yield segment.finding(
                "number-added",
                Severity.WARNING,
                (number.start, number.end),
                f"{number.text!r} is in {_neither(sides)}",
                basis=tuple(dict.fromkeys(s.name for s in sides)),
            )


def _neither(sides: list[Side]) -> str:
    """Return "neither the reference nor the source", or "the translation but not in the ..."."""
    names = list(dict.fromkeys(SIDE_NAMES[s.name] for s in sides))
    if len(names) == 1:
        return f"the translation but not in the {names[0]}"
    return "neither the " + " nor the ".join(names)
