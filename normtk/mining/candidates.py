"""What one side of a segment offers the alignment: the entities it names, once each or
more, and its candidate spellings (capitalised word runs that no alias covers)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normtk.folding import fold

if TYPE_CHECKING:
    from normtk.normalize import Mention
    from normtk.source.finder import SourceMention

#: Shortest spelling proposed, in letters.
MIN_LETTERS = 4

# A capitalised word (letters, inner apostrophes and hyphens), and a run of them.
_CAP_WORD = r"[^\W\d_a-z][\w]*(?:['’\-][\w]+)*"
CAP_RUN = re.compile(rf"(?<![\w'’\-]){_CAP_WORD}(?:[ ]{_CAP_WORD})*(?![\w'’])")


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate spelling: characters ``start:end`` of a side's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Named:
    """An entity named once on one side of a segment, at relative position ``where``."""

    entity_id: str
    where: float
    text: str


def by_entity(mentions: Iterable[Mention | SourceMention], size: int) -> dict[str, list[Named]]:
    """Group mentions of a text of ``size`` characters by each entity they may name."""
    named: dict[str, list[Named]] = {}
    size = max(size, 1)
    for mention in mentions:
        for entity_id in mention.candidates or (mention.entity_id,):
            if entity_id is not None:
                named.setdefault(entity_id, []).append(
                    Named(entity_id, mention.start / size, mention.text)
                )
    return named


def unknown_spans(
    text: str, covered: Sequence[tuple[int, int]], common: Collection[str]
) -> list[Span]:
    """Return the capitalised word runs of ``text`` that no alias covers and no word list has.

    Leading and trailing ``common`` words are dropped from a run ("The", "In
    Kreminnaya"): what stays must be a name.
    """
    spans = []
    for match in CAP_RUN.finditer(text):
        pieces = [
            (m.start() + match.start(), m.end() + match.start())
            for m in re.finditer(r"\S+", match.group())
        ]
        pieces = [(s, e) for s, e in pieces if not any(s < ce and cs < e for cs, ce in covered)]
        while pieces and _common_word(text[pieces[0][0] : pieces[0][1]], common):
            pieces.pop(0)
        while pieces and _common_word(text[pieces[-1][0] : pieces[-1][1]], common):
            pieces.pop()
        # a run broken by a known name is several runs: keep each contiguous piece
        run: list[tuple[int, int]] = []
        for piece in [*pieces, None]:
            if piece is not None and (not run or text[run[-1][1] : piece[0]] == " "):
                run.append(piece)
                continue
            if run:
                start, end = run[0][0], run[-1][1]
                written = text[start:end]
                if sum(c.isalpha() for c in written) >= MIN_LETTERS and not written.isupper():
                    spans.append(Span(start, end, written))
            run = [piece] if piece is not None else []
    return spans


def _common_word(word: str, common: Collection[str]) -> bool:
    """Tell whether ``word`` (or its part before a hyphen) is a common word of the copy."""
    key = word.lower().strip("'’-")
    return key in common or key.split("-")[0] in common


def count_words(text: str, words: str) -> int:
    """Count the whole-word occurrences of ``words`` in ``text``, case and marks ignored."""
    return len(re.findall(rf"(?<!\w){re.escape(fold(words))}(?!\w)", fold(text)))


def has_words(text: str, words: str) -> bool:
    """Tell whether ``words`` stands in ``text`` as whole words, case and marks ignored."""
    from normtk.folding import contains_word

    return contains_word(fold(text), fold(words))
