"""The alias index against a naive scanner: every alias, whole words, leftmost-longest, capitals.

Both searches of the index (word look-ups for short texts, the automaton for
long ones) must give exactly what the slow, obviously correct scanner gives.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normtk import Gazetteer
from normtk.folding import fold, is_word_char, match_key
from normtk.match import AliasIndex
from normtk.match import index as index_module

_GAZETTEER = Gazetteer.load()
_ALIASES = sorted({alias.text for alias in _GAZETTEER.aliases()})


class Alias(NamedTuple):
    text: str


def naive_scan(aliases: list[str], text: str) -> list[tuple[int, int, set[str]]]:
    """Try every alias at every position; keep whole-word, capital-fitting, leftmost-longest."""
    key = "".join(fold(c) if is_word_char(c) else " " for c in text)
    found: dict[tuple[int, int], set[str]] = {}
    for alias in aliases:
        alias_key = match_key(alias).strip()
        if not alias_key:
            continue
        start = key.find(alias_key)
        while start != -1:
            end = start + len(alias_key)
            whole = (start == 0 or key[start - 1] == " ") and (end == len(key) or key[end] == " ")
            fits = text[start].isupper() or not alias[0].isupper()
            if whole and fits:
                found.setdefault((start, end), set()).add(alias)
            start = key.find(alias_key, start + 1)
    kept = []
    taken = 0
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if start >= taken:
            kept.append((start, end, found[start, end]))
            taken = end
    return kept


def scan(index: AliasIndex[Alias], text: str) -> list[tuple[int, int, set[str]]]:
    return [(start, end, {a.text for a in found}) for start, end, found in index.scan(text)]


_shapes = st.sampled_from(_ALIASES).flatmap(
    lambda a: st.sampled_from([a, a.upper(), a.lower(), a + "'s", a[: len(a) // 2], "«" + a])
)
_glue = st.text(max_size=4) | st.sampled_from([" ", "  ", ", ", "\n", "-", "’", ". ", "\u00a0"])
_texts = st.lists(_shapes | _glue, max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALIASES), min_size=1, max_size=40, unique=True), _texts)
def test_both_searches_equal_the_naive_scanner(aliases: list[str], text: str) -> None:
    expected = naive_scan(aliases, text)
    by_words = AliasIndex.build(Alias(a) for a in aliases)
    assert scan(by_words, text) == expected
    by_automaton = AliasIndex.build(Alias(a) for a in aliases)
    by_automaton._looked_up = index_module.WORD_LOOKUP_BUDGET + 1  # straight to the automaton
    assert scan(by_automaton, text) == expected
    assert by_automaton._automaton is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kryvyi Rih and Rih", [(0, 10, {"Kryvyi Rih"})]),
        ("St. Petersburg", [(0, 14, {"St. Petersburg"})]),
        ("St Petersburg", []),  # two spaces in the key: not the same key
        ("kryvyi Rih", []),  # written without the capital the alias has
    ],
)
def test_multiword_keys(text: str, expected: list[tuple[int, int, set[str]]]) -> None:
    index = AliasIndex.build([Alias("Kryvyi Rih"), Alias("St. Petersburg")])
    assert scan(index, text) == expected == naive_scan(["Kryvyi Rih", "St. Petersburg"], text)


def test_the_automaton_is_built_only_once_enough_text_is_seen() -> None:
    index = _GAZETTEER.index.__class__(_GAZETTEER.index.keys, _GAZETTEER.index.entries)
    list(index.scan("Talks in Kiev"))
    assert index._automaton is None
    list(index.scan("Talks in Kiev. " * (index_module.WORD_LOOKUP_BUDGET // 10)))
    assert index._automaton is not None
