"""One entity spelled two ways, both in style, within one document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import ClassVar

from normtk.gazetteer.model import Alias
from normtk.normalize import Mention
from normtk.qa.checks import Check
from normtk.qa.context import HypMention, Segment
from normtk.qa.findings import Finding, Severity


class ConsistencyCheck(Check):
    """Flag in-style spellings of one entity that differ from the document's usual one."""

    name = "consistency"
    rules: ClassVar[dict[str, str]] = {"inconsistent-spelling": "entity.inconsistent"}

    def check_document(self, segments: Sequence[Segment]) -> Iterable[Finding]:
        """Return every spelling of a name part that is not the document's usual one."""
        by_number = {seg.number: seg for seg in segments}
        forms: dict[tuple[str, str], list[tuple[HypMention, int, int, str]]] = {}
        for seg in segments:
            for item in seg.hyp_mentions:
                m = item.mention
                if m.entity_id is None or m.replacement is not None or item.alias is None:
                    continue
                for part, start, end in _parts(item.alias, m):
                    forms.setdefault((m.entity_id, part), []).append(
                        (item, start, end, m.text[start - m.start : end - m.start])
                    )
        for (entity_id, part), uses in forms.items():
            counts = Counter(written.casefold() for _, _, _, written in uses)
            if len(counts) < 2:
                continue
            first_seen = {w.casefold(): i for i, (_, _, _, w) in reversed(list(enumerate(uses)))}
            usual = min(counts, key=lambda w: (-counts[w], first_seen[w]))
            usual_written = next(w for _, _, _, w in uses if w.casefold() == usual)
            for item, start, end, written in uses:
                if written.casefold() == usual:
                    continue
                seg = by_number[item.segment]
                name = self.context.gazetteer[entity_id].display_name(
                    self.context.lang, self.context.style
                )
                yield Finding(
                    seg.system,
                    item.segment,
                    seg.seg_id,
                    seg.doc_id,
                    "inconsistent-spelling",
                    Severity.WARNING,
                    start,
                    end,
                    written,
                    f"{written!r} here, {usual_written!r} {_times(counts[usual])} elsewhere "
                    f"in the document ({_PART_NAMES[part]}{name})",
                    usual_written,
                    entity_id,
                    ("document",),
                )


#: How a message names the part of a name that is spelled two ways.
_PART_NAMES = {"name": "", "surname": "the surname of ", "given": "the given name of "}


def _times(count: int) -> str:
    """Return "once", "twice" or "N times"."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _parts(alias: Alias, mention: Mention) -> list[tuple[str, int, int]]:
    """Return ``(part, start, end)`` of the name parts a mention spells.

    An abbreviation (WHO, US) is another name, not another spelling: a story
    that writes "the World Health Organization" first and "WHO" after it is
    consistent.
    """
    if alias.kind == "abbr":
        return []
    if alias.kind == "full" and alias.surname_first:
        return [
            ("surname", mention.start, mention.start + alias.surname_len),
            ("given", mention.end - alias.given_len, mention.end),
        ]
    if alias.kind == "full":
        return [
            ("given", mention.start, mention.start + alias.given_len),
            ("surname", mention.end - alias.surname_len, mention.end),
        ]
    if alias.kind == "surname":
        return [("surname", mention.start, mention.end)]
    return [("name", mention.start, mention.end)]
