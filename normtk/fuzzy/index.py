"""Candidate search over every alias by skeleton key, in buckets, with rapidfuzz.

Each alias is filed under its skeleton key (:func:`normtk.fuzzy.skeleton.skeleton`),
and each key in a bucket by its first two letters and its length. A query is
compared, with rapidfuzz's Levenshtein distance and a cut-off, only with the
keys of its own first two letters whose length can reach the cut-off; the aliases
of the keys that pass are scored on their written forms too (an Indel
distance, which weighs a substitution as two edits), and the score is the
mean of the two similarities. Comparing with a few thousand keys instead of
every alias is what makes a query cost well under a millisecond.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import Indel, Levenshtein

from normtk.fuzzy.skeleton import skeleton, word_letters

__all__ = ["KEY_CUTOFF", "PREFIX", "Candidate", "FuzzyIndex", "form_of"]

#: Keys are compared only with keys that begin with the same this many letters: names
#: differ in their ends and middles (Kupyan, Kreminnoye), rarely in their first letters.
PREFIX = 2
#: The least key similarity a candidate needs to be scored at all.
KEY_CUTOFF = 0.75


class Entry(Protocol):
    """What the fuzzy index needs of an alias: its text and its entity."""

    @property
    def text(self) -> str:
        """The alias as written."""
        ...

    @property
    def entity_id(self) -> str:
        """The entity it names."""
        ...


E = TypeVar("E", bound=Entry)


@dataclass(frozen=True, slots=True)
class Candidate(Generic[E]):
    """An alias close to a query: the alias, and how close its key and its form are."""

    alias: E
    score: float
    key_score: float
    form_score: float


def form_of(text: str) -> str:
    """Return the folded letters of ``text``, words joined by single spaces."""
    return " ".join(word_letters(text))


class FuzzyIndex(Generic[E]):
    """Find the aliases closest to a written name, by skeleton key and written form.

    >>> from typing import NamedTuple
    >>> class Alias(NamedTuple):
    ...     text: str
    ...     entity_id: str
    >>> index = FuzzyIndex([Alias("Kreminna", "kreminna"), Alias("Kramatorsk", "kramatorsk")])
    >>> best = index.search("Kreminnoye")[0]
    >>> best.alias.text, round(best.score, 2)
    ('Kreminna', 0.89)
    """

    def __init__(self, aliases: Iterable[E]) -> None:
        # key -> written form -> the aliases written so (forms are scored once per query)
        self._aliases: dict[str, dict[str, list[E]]] = {}
        for alias in aliases:
            key = skeleton(alias.text)
            if key:
                forms = self._aliases.setdefault(key, {})
                forms.setdefault(form_of(alias.text), []).append(alias)
        # Per prefix, its keys from shortest to longest and where each length starts, so
        # the keys of a range of lengths are one slice and one rapidfuzz call.
        by_prefix: dict[str, list[str]] = {}
        for key in self._aliases:
            by_prefix.setdefault(key[:PREFIX], []).append(key)
        self._buckets: dict[str, tuple[list[str], list[int]]] = {}
        for prefix, keys in by_prefix.items():
            keys.sort(key=len)
            starts = [0] * (len(keys[-1]) + 2)
            for number in range(len(keys) - 1, -1, -1):
                starts[: len(keys[number]) + 1] = [number] * (len(keys[number]) + 1)
            starts[-1] = len(keys)
            self._buckets[prefix] = keys, starts

    def __len__(self) -> int:
        return sum(len(a) for forms in self._aliases.values() for a in forms.values())

    @property
    def key_count(self) -> int:
        """The number of distinct skeleton keys."""
        return len(self._aliases)

    def search(
        self, text: str, limit: int = 3, key_cutoff: float = KEY_CUTOFF
    ) -> list[Candidate[E]]:
        """Return up to ``limit`` candidates for ``text``, best first, one per entity."""
        query = skeleton(text)
        if not query:
            return []
        form = form_of(text)
        low = math.ceil(len(query) * key_cutoff)
        high = math.floor(len(query) / key_cutoff)
        best: dict[str, Candidate[E]] = {}
        bucket = self._buckets.get(query[:PREFIX])
        if bucket is None:
            return []
        keys, starts = bucket
        last = len(starts) - 1
        found = process.extract(
            query,
            keys[starts[min(low, last)] : starts[min(high + 1, last)]],
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=key_cutoff,
            limit=None,
        )
        for key, key_score, _ in found:
            for alias_form, written in self._aliases[key].items():
                form_score = Indel.normalized_similarity(form, alias_form)
                score = (key_score + form_score) / 2
                for alias in written:
                    known = best.get(alias.entity_id)
                    if known is None or score > known.score:
                        best[alias.entity_id] = Candidate(alias, score, key_score, form_score)
        return sorted(best.values(), key=_by_score)[:limit]

    def search_many(self, texts: Sequence[str], limit: int = 3) -> list[list[Candidate[E]]]:
        """Return :meth:`search` of each text."""
        return [self.search(text, limit) for text in texts]


def _by_score(candidate: Candidate[E]) -> tuple[float, str]:
    return -candidate.score, candidate.alias.text
