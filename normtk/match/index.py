"""The compiled alias index: one automaton over every alias, leftmost-longest.

Text is turned into a key of the same length (:func:`normtk.folding.match_key`:
case and diacritics folded, everything outside words made a space), so
offsets found in the key are offsets in the original text. Every pattern is
an alias with a space on each side and the key is scanned with a space on
each side, so the automaton reports only whole words, in any script:
"Луганск" does not match inside "Луганском". Overlapping matches come back
(neighbours share the space between them) and the leftmost-longest ones are
kept. An alias written with a capital needs a capital in the text ("turkey"
is not "Turkey").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import ahocorasick_rs

from normtk.folding import match_key
from normtk.gazetteer.model import Alias


class AliasIndex:
    """Find alias occurrences in text; each match carries every alias with that key."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        groups: dict[str, list[Alias]] = {}
        for alias in aliases:
            key = match_key(alias.text).strip()
            if key:
                groups.setdefault(f" {key} ", []).append(alias)
        self._build([(key, tuple(entries)) for key, entries in groups.items()])

    @classmethod
    def from_groups(cls, groups: list[tuple[str, tuple[Alias, ...]]]) -> AliasIndex:
        """Rebuild an index from what :meth:`groups` returned (cheaper than from aliases)."""
        index = cls.__new__(cls)
        index._build(groups)
        return index

    def groups(self) -> list[tuple[str, tuple[Alias, ...]]]:
        """Return the padded keys with their aliases, the index's whole content."""
        return list(zip(self.keys, self.entries, strict=True))

    def _build(self, groups: list[tuple[str, tuple[Alias, ...]]]) -> None:
        self.keys = [key for key, _ in groups]
        self.entries = [entries for _, entries in groups]
        # The aliases of each key that also fit text written without a capital.
        self._uncapitalized = [
            tuple(a for a in entries if not a.text[0].isupper()) for entries in self.entries
        ]
        self._automaton = ahocorasick_rs.AhoCorasick(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def scan(self, text: str) -> Iterator[tuple[int, int, tuple[Alias, ...]]]:
        """Yield ``(start, end, aliases)`` for each leftmost-longest whole-word match.

        The same ``aliases`` tuple object comes back for the same key and case,
        so callers may cache decisions by its identity.
        """
        found = self._automaton.find_matches_as_indexes(f" {match_key(text)} ", overlapping=True)
        # In the padded key a match [s, e) holds the word at text[s : e - 2].
        found.sort(key=_by_start_then_longest)
        entries = self.entries
        uncapitalized = self._uncapitalized
        taken = 0
        for number, start, end in found:
            if start >= taken:
                fitting = entries[number] if text[start].isupper() else uncapitalized[number]
                if fitting:
                    taken = end - 2
                    yield start, taken, fitting


def _by_start_then_longest(match: tuple[int, int, int]) -> tuple[int, int]:
    return match[1], -match[2]
