"""Quotes and brackets that the translation opens and does not close, or the reverse."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from normtk.qa.checks import Check
from normtk.qa.context import Segment
from normtk.qa.findings import Finding, Severity

_PAIRS = {"(": ")", "[": "]", "«": "»", "\u2039": "\u203a"}
#: Emoticons, which are no brackets: a colon or semicolon face (:) ;-( :)))), or a run of
#: three or more like parentheses (((((( and )))) that chat writes for a smile or a frown.
_EMOTICON = re.compile(r"[:;=]-?(?:\)+|\(+)|\({3,}|\){3,}")
#: A pair of like parentheses is an emoticon too where neither of them pairs: "German ((".
_DOUBLE = re.compile(r"\({2}|\){2}")


def emoticons(text: str) -> list[tuple[int, int]]:
    """Return the spans of the emoticons in ``text``, whose parentheses are no brackets.

    >>> emoticons("Oh how difficult it is :) and from Brno)))) (really)")
    [(23, 25), (39, 43)]
    """
    return [m.span() for m in _EMOTICON.finditer(text)]


def _masked(text: str) -> str:
    """Return ``text`` with each emoticon blanked out (same length, so positions hold)."""
    for start, end in emoticons(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}


def unbalanced(text: str) -> list[tuple[str, int]]:
    """Return ``(family, position)`` of each unmatched quote or bracket in ``text``.

    Families: ``()``, ``[]``, ``«»``, ``‹›``, curly double quotes (“ or „
    open, ” closes; “ closes after „), straight double quotes (an odd count,
    unless an inch mark after a digit makes it odd), and curly single quotes, where
    only an opening ‘ left unclosed counts, since ’ is also the apostrophe.

    Emoticons (``:)``, ``((((``) are no brackets (:func:`emoticons`), nor is a
    doubled parenthesis of which neither half pairs ("I don't speak German (("),
    and in a segment that has either, no parenthesis is reported.

    >>> unbalanced("He said (twice: “no”")
    [('()', 8)]
    >>> unbalanced("I have already written to you twice:))) but I make a double circle")
    []
    """
    masked = _masked(text)
    problems = _brackets(masked)
    doubles = {
        position
        for m in _DOUBLE.finditer(masked)
        if {m.start(), m.start() + 1} <= {p for _, p in problems}
        for position in (m.start(), m.start() + 1)
    }
    if doubles or masked != text:
        # Copy that smiles with parentheses uses a lone one the same way: "thank you)".
        problems = [p for p in problems if p[0] != "()"]
    problems += _quotes(masked)
    return sorted(problems, key=lambda p: p[1])


def _brackets(text: str) -> list[tuple[str, int]]:
    """Return the unmatched brackets of ``text``: ``()``, ``[]``, ``«»``, ``‹›``."""
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
    return problems


def _quotes(text: str) -> list[tuple[str, int]]:
    """Return the unmatched double and single quotes of ``text``."""
    problems: list[tuple[str, int]] = []
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
    return problems


_QUOTE_FAMILIES = frozenset({"«»", "‹›", "“”", '""', "‘’"})


def _closes(text: str, position: int) -> bool:
    """Tell whether the unmatched mark at ``position`` closes (rather than opens) a pair."""
    char = text[position]
    return char in _CLOSERS or char == "\u201d" or (char == "\u201c" and "\u201e" in text)


class BracketCheck(Check):
    """Report quotes and brackets left unpaired where the source and reference are paired.

    A quotation that one segment opens and a later segment of the same document
    closes is paired: WMT cuts stories into sentences, and a quotation runs on.
    """

    name = "brackets"
    rules: ClassVar[dict[str, str]] = {"unbalanced": "text.unbalanced"}

    def check_document(self, segments: Sequence[Segment]) -> Iterable[Finding]:
        """Return each unpaired quote or bracket of the document that no side shares."""
        problems = [(seg, family, pos) for seg in segments for family, pos in unbalanced(seg.hyp)]
        paired = _across_segments(problems)
        for segment in segments:
            own = [
                (f, p) for seg, f, p in problems if seg is segment and (seg.number, p) not in paired
            ]
            yield from self._report(segment, own)

    def _report(self, segment: Segment, problems: list[tuple[str, int]]) -> Iterable[Finding]:
        if not problems:
            return
        # A side's own emoticons excuse a stray parenthesis of the translation, which
        # may have kept one bracket of "))" as its smile.
        other = [
            {family for family, _ in unbalanced(s.text)} | {f for f, _ in _brackets(s.text)}
            for s in segment.sides
        ]
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
            elif _closes(segment.hyp, position):
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


def _across_segments(problems: list[tuple[Segment, str, int]]) -> set[tuple[int, int]]:
    """Return ``(segment, position)`` of the quotes that pair across segments.

    A quote left open in one segment pairs with one that closes nothing in a
    later segment, innermost first. Straight quotes have no direction but their
    place: an odd segment whose last straight quote opens (a space before it,
    a letter after it) pairs with the next odd segment whose first one closes.
    """
    paired: set[tuple[int, int]] = set()
    open_: dict[str, list[tuple[int, int]]] = {}
    for seg, family, position in problems:
        if family not in _QUOTE_FAMILIES or family == "‘’":
            continue
        here = (seg.number, position)
        stack = open_.setdefault(family, [])
        if family == '""':
            straight = [i for i, c in enumerate(seg.hyp) if c == '"']
            if stack and stack[-1][0] < seg.number and not _opens(seg.hyp, straight[0]):
                paired.update((stack.pop(), here))
            stack[:] = [here] if _opens(seg.hyp, straight[-1]) and here not in paired else []
        elif not _closes(seg.hyp, position):
            stack.append(here)
        elif stack and stack[-1][0] < seg.number:
            paired.update((stack.pop(), here))
    return paired


def _opens(text: str, position: int) -> bool:
    """Tell whether the straight quote at ``position`` opens: after a space, before a letter."""
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()
