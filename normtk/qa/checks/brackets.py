"""Quotes and brackets that the translation opens and does not close, or the reverse."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from normtk.qa.checks import Check
from normtk.qa.context import Segment
from normtk.qa.findings import Finding, Severity

_PAIRS = {"(": ")", "[": "]", "«": "»", "\u2039": "\u203a"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}


def unbalanced(text: str) -> list[tuple[str, int]]:
    """Return ``(family, position)`` of each unmatched quote or bracket in ``text``.

    Families: ``()``, ``[]``, ``«»``, ``‹›``, curly double quotes (“ or „
    open, ” closes; “ closes after „), straight double quotes (an odd count,
    unless an inch mark after a digit makes it odd), and curly single quotes, where
    only an opening ‘ left unclosed counts, since ’ is also the apostrophe.

    >>> unbalanced("He said (twice: “no”")
    [('()', 8)]
    """
    problems: list[tuple[str, int]] = []
    stacks: dict[str, list[int]] = {}
    for position, char in enumerate(text):
        if char in _PAIRS:
            stacks.setdefault(char, []).append(position)
        elif char in _CLOSERS:
            stack = stacks.setdefault(_CLOSERS[char], [])
            if stack:
                stack.pop()
            else:
                problems.append((_CLOSERS[char] + char, position))
    for opener, stack in stacks.items():
        problems.extend((opener + _PAIRS[opener], position) for position in stack)

    low = "\u201e" in text
    openers = [i for i, c in enumerate(text) if c in {"\u201c", "\u201e"}]
    closers = [i for i, c in enumerate(text) if c == "\u201d" or (low and c == "\u201c")]
    if low:
        openers = [i for i in openers if text[i] == "\u201e"]
    depth: list[int] = []
    events = sorted([(i, 1) for i in openers] + [(i, -1) for i in closers])
    for position, kind in events:
        if kind == 1:
            depth.append(position)
        elif depth:
            depth.pop()
        else:
            problems.append(("“”", position))
    problems.extend(("“”", position) for position in depth)

    straight = [i for i, c in enumerate(text) if c == '"']
    inches = [i for i in straight if i > 0 and text[i - 1].isdigit()]
    if len(straight) % 2 and not (len(inches) % 2 and (len(straight) - len(inches)) % 2 == 0):
        problems.append(('""', straight[-1]))

    single_open = [i for i, c in enumerate(text) if c == "\u2018"]
    if single_open:
        single_close = [
            i
            for i, c in enumerate(text)
            if c == "\u2019"
            and not (0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha())
        ]
        if len(single_open) > len(single_close):
            problems.append(("‘’", single_open[-1]))
    return sorted(problems, key=lambda p: p[1])


_QUOTE_FAMILIES = frozenset({"«»", "‹›", "“”", '""', "‘’"})


class BracketCheck(Check):
    """Report quotes and brackets left unpaired where the source and reference are paired."""

    name = "brackets"
    rules: ClassVar[dict[str, str]] = {"unbalanced": "text.unbalanced"}

    def check_segment(self, segment: Segment) -> Iterable[Finding]:
        """Return each unpaired quote or bracket of the hypothesis that no side shares."""
        problems = unbalanced(segment.hyp)
        if not problems:
            return
        other = [{family for family, _ in unbalanced(s.text)} for s in segment.sides]
        other_quotes = any(families & _QUOTE_FAMILIES for families in other)
        for family, position in problems:
            if any(family in families for families in other):
                continue  # the source or reference is cut the same way
            if family in _QUOTE_FAMILIES and other_quotes:
                continue  # a quotation split across segments
            char = segment.hyp[position]
            # A straight quote has no direction: an odd one may well continue a quotation
            # that an earlier segment opened, so it is only noted.
            severity = Severity.INFO if family == '""' else Severity.WARNING
            if family == '""':
                state = "has no partner (an odd number of straight quotes)"
            elif char in _CLOSERS or char == "\u201d":
                state = "closes nothing"
            else:
                state = "is not closed"
            yield segment.finding(
                "unbalanced",
                severity,
                (position, position + 1),
                f"{char!r} {state} (pair {family})",
                basis=("hyp",),
            )
