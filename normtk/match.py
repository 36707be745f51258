"""The compiled alias index: one automaton over every alias, leftmost-longest.

Text is folded (case and diacritics) to a key of the same length, so offsets
found in the key are offsets in the original text. A candidate is kept only if
it stands alone as a word in any script and its case fits the alias: "Луганск"
does not match inside "Луганском", and "turkey" is not "Turkey".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import ahocorasick_rs

from normtk.gazetteer.model import Alias
from normtk.text import at_boundaries, fold


class AliasIndex:
    """Find alias occurrences in text; each match carries every alias folded to that key."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        groups: dict[str, list[Alias]] = {}
        for alias in aliases:
            groups.setdefault(fold(alias.text), []).append(alias)
        self.keys = list(groups)
        self.entries = [tuple(groups[key]) for key in self.keys]
        self._automaton = ahocorasick_rs.AhoCorasick(
            self.keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    def __len__(self) -> int:
        return len(self.keys)

    def scan(self, text: str) -> Iterator[tuple[int, int, tuple[Alias, ...]]]:
        """Yield ``(start, end, aliases)`` for each match that stands as a word in ``text``."""
        for index, start, end in self._automaton.find_matches_as_indexes(fold(text)):
            if not at_boundaries(text, start, end):
                continue
            fitting = tuple(a for a in self.entries[index] if _case_fits(text[start:end], a.text))
            if fitting:
                yield start, end, fitting


def _case_fits(written: str, alias: str) -> bool:
    """Tell whether a capitalised alias is written capitalised (names, not common words)."""
    return not alias[:1].isupper() or written[:1].isupper()
