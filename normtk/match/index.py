"""The compiled alias index: every alias as a whole-word key, leftmost-longest matches.

Text is turned into a key of the same length (:func:`normtk.folding.match_key`:
case and diacritics folded, everything outside words made a space), so
offsets found in the key are offsets in the original text. An alias matches
where its key stands in the text's key with a space (or an end) on each side,
so only whole words match, in any script: "Луганск" does not match inside
"Луганском". Of overlapping matches the leftmost-longest ones are kept. An
alias written with a capital needs a capital in the text ("turkey" is not
"Turkey").

Two searches find the same matches. Long texts go through an Aho-Corasick
automaton over every key; short ones, until enough text has been seen to
repay building it, look each run of words up in a dict of keys. A one-line
call then pays for neither the automaton nor the aliases it never meets:
the aliases of a key are made on its first match (``entries``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, Generic, Protocol, TypeVar

from normtk.folding import match_key

# Below this many characters seen in all, word look-ups are cheaper than
# building the automaton (tens of milliseconds for tens of thousands of keys).
WORD_LOOKUP_BUDGET = 1 << 15

_WORD = re.compile(r"[^ ]+")


class Named(Protocol):
    """What the index needs of an alias: its written text."""

    @property
    def text(self) -> str:
        """The alias as written."""
        ...


A = TypeVar("A", bound=Named)


_START = itemgetter(1)
_END = itemgetter(2)


class AliasIndex(Generic[A]):
    """Find alias occurrences in text; each match carries every alias with that key.

    ``keys`` are match keys without padding (``"kyiv"``, ``"st  petersburg"``);
    ``entries(number)`` returns the aliases of key ``number``. Build one from
    aliases with :meth:`build`.

    >>> from typing import NamedTuple
    >>> class Alias(NamedTuple):
    ...     text: str
    >>> index = AliasIndex.build([Alias("Kiev"), Alias("Kievan Rus")])
    >>> [(start, end, found[0].text) for start, end, found in index.scan("Kievan Rus, Kiev")]
    [(0, 10, 'Kievan Rus'), (12, 16, 'Kiev')]
    """

    def __init__(
        self,
        keys: Sequence[str],
        entries: Callable[[int], tuple[A, ...]],
        max_words: int | None = None,
    ) -> None:
        self.keys = keys
        self._entries = entries
        self._fitting: dict[int, tuple[tuple[A, ...], tuple[A, ...]]] = {}
        self._max_words = max_words
        self._numbers: dict[str, int] | None = None
        self._automaton: Any = None
        self._looked_up = 0

    @classmethod
    def build(cls, aliases: Iterable[A]) -> AliasIndex[A]:
        """Index ``aliases`` by their match keys."""
        groups: dict[str, list[A]] = {}
        for alias in aliases:
            key = match_key(alias.text).strip()
            if key:
                groups.setdefault(key, []).append(alias)
        entries = [tuple(group) for group in groups.values()]
        return cls(list(groups), entries.__getitem__)

    def __len__(self) -> int:
        return len(self.keys)

    def entries(self, number: int) -> tuple[A, ...]:
        """Return the aliases of key ``number``."""
        return self._fits(number)[0]

    def groups(self) -> Iterator[tuple[str, tuple[A, ...]]]:
        """Yield each key with its aliases: the index's whole content."""
        for number, key in enumerate(self.keys):
            yield key, self.entries(number)

    @property
    def max_words(self) -> int:
        """The most words any key has."""
        if self._max_words is None:
            self._max_words = max((len(_WORD.findall(key)) for key in self.keys), default=0)
        return self._max_words

    def _fits(self, number: int) -> tuple[tuple[A, ...], tuple[A, ...]]:
        """Return the aliases of a key, and those of them that fit uncapitalized text."""
        fits = self._fitting.get(number)
        if fits is None:
            entries = self._entries(number)
            fits = entries, tuple(a for a in entries if not a.text[:1].isupper())
            self._fitting[number] = fits
        return fits

    def scan(self, text: str) -> list[tuple[int, int, tuple[A, ...]]]:
        """Return ``(start, end, aliases)`` for each leftmost-longest whole-word match.

        The aliases of a match are those of its key that fit its case, so they
        (and the same tuple object) follow from the matched text alone:
        callers may cache decisions by it.
        """
        key = match_key(text)
        if self._automaton is None and self._looked_up + len(text) <= WORD_LOOKUP_BUDGET:
            self._looked_up += len(text)
            found = self._word_matches(key)
        else:
            found = self._automaton_matches(key)
        # By start, the longest first: two sorts on C keys (stable) beat one on a lambda.
        found.sort(key=_END, reverse=True)
        found.sort(key=_START)
        fitting = self._fitting
        matches = []
        taken = 0
        for number, start, padded_end in found:
            if start >= taken:
                everything, uncapitalized = fitting.get(number) or self._fits(number)
                aliases = everything if text[start].isupper() else uncapitalized
                if aliases:
                    taken = padded_end - 2
                    matches.append((start, taken, aliases))
        return matches

    def _automaton_matches(self, key: str) -> list[tuple[int, int, int]]:
        """Return ``(number, start, end + 2)`` of every key occurrence, through the automaton."""
        if self._automaton is None:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(
                [f" {k} " for k in self.keys],
                implementation=ahocorasick_rs.Implementation.ContiguousNFA,
            )
        # Every pattern is a key with a space on each side, the text is padded
        # likewise: a pattern found at [s, e) holds the word at text[s : e - 2]
        # (the offsets are left so: a copy of every match costs more than the rest).
        found: list[tuple[int, int, int]] = self._automaton.find_matches_as_indexes(
            f" {key} ", overlapping=True
        )
        return found

    def _word_matches(self, key: str) -> list[tuple[int, int, int]]:
        """Return what :meth:`_automaton_matches` would, by looking up runs of words."""
        if self._numbers is None:
            self._numbers = {k: n for n, k in enumerate(self.keys)}
        numbers = self._numbers
        words = [(m.start(), m.end()) for m in _WORD.finditer(key)]
        reach = self.max_words
        found = []
        for i, (start, _) in enumerate(words):
            for _, end in words[i : i + reach]:
                number = numbers.get(key[start:end])
                if number is not None:
                    found.append((number, start, end + 2))
        return found
