"""Segments copied from the source or still in its script, and source-script words left in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from normtk.qa.checks import Check
from normtk.qa.context import Segment
from normtk.qa.findings import Finding, Severity
from normtk.qa.numbers import SPELLED_WORD
from normtk.qa.scripts import known_script, language_script, script_of, script_shares

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:рф|укр|рус|com|org|net|ua|ru)\b\S*", re.I)


class UntranslatedCheck(Check):
    """Compare the scripts of the hypothesis with the output and source languages'."""

    name = "untranslated"
    rules: ClassVar[dict[str, str]] = {
        "untranslated": "text.untranslated",
        "untranslated-words": "text.untranslated-words",
    }

    def check_segment(self, segment: Segment) -> Iterable[Finding]:
        """Return an untranslated segment, or the source-script words left inside it."""
        hyp = segment.hyp
        if not hyp.strip():
            return
        target = language_script(self.context.lang)
        source_script = known_script(self.context.src_lang)
        if segment.src is not None and not source_script:
            scripts = script_shares(segment.src).most_common(1)
            source_script = scripts[0][0] if scripts else ""
        shares = script_shares(hyp)
        letters = sum(shares.values())
        foreign = (
            shares.get(source_script, 0)
            if source_script and source_script != target
            else letters - shares.get(target, 0)
        )
        basis = ("src",) if segment.src is not None else ()
        copied = segment.src is not None and hyp.strip() == segment.src.strip() and letters > 0
        # A copied name (Teath-In.) is no error; copied words in the source's script are.
        same_script = source_script in {"", target}
        if copied and (foreign > 0 or (same_script and len(hyp.split()) >= 3)):
            yield segment.finding(
                "untranslated",
                Severity.ERROR,
                None,
                "the segment is a copy of the source",
                basis=basis,
            )
            return
        if letters >= 3 and foreign * 2 >= letters:
            yield segment.finding(
                "untranslated",
                Severity.ERROR,
                None,
                f"{foreign} of {letters} letters are still in the source script",
                basis=basis,
            )
            return
        if not foreign:
            return
        # A name is no untranslated word, but an abbreviation in the source's script is.
        covered = [(m.start, m.end) for m in segment.mentions if not m.rule.startswith("abbr:")]
        # An address is no word to translate: https://премияарсеньева.рф/ stays as it is.
        covered += [m.span() for m in _URL.finditer(hyp)]
        script = source_script if source_script and source_script != target else None
        for match in SPELLED_WORD.finditer(hyp):
            word = match.group(0)
            if len(word) < 2 or any(s <= match.start() < e for s, e in covered):
                continue
            word_scripts = {script_of(c) for c in word} - {""}
            if (script and script in word_scripts) or (not script and word_scripts - {target}):
                yield segment.finding(
                    "untranslated-words",
                    Severity.WARNING,
                    match.span(),
                    f"{word!r} is left in the source script",
                    basis=basis,
                )
