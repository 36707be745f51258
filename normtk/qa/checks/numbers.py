"""Numbers of the reference or source that the translation changed, lost or added."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from normtk.qa.checks import Check
from normtk.qa.context import SIDE_NAMES, Segment, Side, grade
from normtk.qa.findings import Finding, Severity
from normtk.qa.numbers import Number, decimal_point, extract_numbers

#: A time with a space after its colon ("5: 30", "6: 00-6: 20").
_SPACED_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-4]): ([0-5]\d)(?![\d.,:]\d|\d)")
#: A number with a decimal comma (27,9 / 0,10), not a thousands group (1,500).
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(\d+),(\d{1,2})(?![\d]|[.,]\d)")
_LIST_BEFORE = re.compile(r"\d\s*,\s*$")
_LIST_AFTER = re.compile(r"\s*,\s*\d")


def _written(text: str, number: str) -> bool:
    """Tell whether ``text`` writes ``number`` as a number of its own (not inside 15:30)."""
    return re.search(rf"(?<![\d.,:]){re.escape(number)}(?![\d]|[.,:]\d)", text) is not None


class NumberCheck(Check):
    """Compare the numbers of the hypothesis with those of each side."""

    name = "numbers"
    rules: ClassVar[dict[str, str]] = {
        "number-changed": "number.changed",
        "number-missing": "number.missing",
        "number-added": "number.added",
        "number-format": "number.format",
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
        yield from self._formats(segment)

    def _formats(self, segment: Segment) -> Iterable[Finding]:
        """Return numbers whose value is right but whose writing is broken (5: 30, 27,9 kg).

        Only where a side writes the same number properly: the source's 5:30 for
        the translation's "5: 30"; the reference's 27.9, or without a reference a
        source in a decimal-comma language, for a decimal comma left in copy that
        writes a decimal point.
        """
        hyp = segment.hyp
        for match in _SPACED_TIME.finditer(hyp):
            written, minutes = match.group(1), match.group(2)
            hour = int(written)
            hours = {written, str(hour), f"{hour:02d}", str(hour + 12)}
            wanted = {f"{h}:{minutes}" for h in hours}
            if not any(_written(s.text, w) for s in segment.sides for w in wanted):
                continue
            fix = f"{written}:{minutes}"
            yield segment.finding(
                "number-format",
                Severity.WARNING,
                match.span(),
                f"{match.group(0)!r} has a space inside the time; write {fix!r}",
                fix=fix,
                basis=tuple(dict.fromkeys(s.name for s in segment.sides)),
            )
        if not decimal_point(self.context.lang):
            return
        refs = [s for s in segment.sides if s.name == "ref"]
        source_comma = self.context.src_lang is not None and not decimal_point(
            self.context.src_lang
        )
        for match in _DECIMAL_COMMA.finditer(hyp):
            if _LIST_BEFORE.search(hyp, 0, match.start()) or _LIST_AFTER.match(hyp, match.end()):
                continue  # "(8, 10,12 years)": a list written without its spaces
            whole, fraction = match.group(1), match.group(2)
            fix = f"{whole}.{fraction}"
            if refs:
                basis = tuple(s.name for s in refs if _written(s.text, fix))
            else:
                basis = tuple(
                    s.name
                    for s in segment.sides
                    if s.name == "src" and source_comma and _written(s.text, match.group(0))
                )
            if not basis:
                continue
            yield segment.finding(
                "number-format",
                Severity.WARNING,
                match.span(),
                f"{match.group(0)!r} keeps a decimal comma; write {fix!r}",
                fix=fix,
                basis=basis,
            )


def _neither(sides: list[Side]) -> str:
    """Return "neither the reference nor the source", or "the translation but not in the ..."."""
    names = list(dict.fromkeys(SIDE_NAMES[s.name] for s in sides))
    if len(names) == 1:
        return f"the translation but not in the {names[0]}"
    return "neither the " + " nor the ".join(names)
