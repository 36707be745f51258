"""Spellings that the configuration rejects (``[vocabulary.reject]``), with their fix."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from normtk.qa.checks import Check
from normtk.qa.context import Context, Segment
from normtk.qa.findings import Finding, Severity


def whole_words(terms: Iterable[str]) -> re.Pattern[str] | None:
    """Return a pattern matching any of ``terms`` as whole words, longest first (or ``None``)."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)")


class VocabularyCheck(Check):
    """Report each whole-word use of a rejected spelling, with the configured fix."""

    name = "vocabulary"
    rules: ClassVar[dict[str, str]] = {"rejected-term": "vocabulary.rejected"}

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.reject = dict(context.config.reject)
        self.pattern = whole_words(self.reject)

    def check_segment(self, segment: Segment) -> Iterable[Finding]:
        """Return every rejected spelling in the hypothesis (none without a reject list)."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(segment.hyp):
            written = match.group(0)
            fix = self.reject[written]
            yield segment.finding(
                "rejected-term",
                Severity.ERROR,
                match.span(),
                f"{written!r} is a rejected spelling; write {fix!r}",
                fix=fix,
                basis=("vocabulary",),
            )
