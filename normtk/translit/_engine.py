"""The transliteration engine: apply one scheme's rules to text.

A scheme is data (see ``schemes/*.json``); this module turns its mappings into
lookup tables once and applies them word by word. A *word* is a maximal run of
the scheme's letters, possibly joined by an apostrophe between two letters
(Знам'янка is one word). Everything else passes through unchanged.

Rules are looked up, for each letter, in this order:

1. ``ending_mapping``: the longest word ending listed (``ський`` → ``sky``);
2. ``context_rules``: the letter between given sets of letters (German
   ``с`` between vowels → ``ss``, so Лисичанськ → Lyssytschansk);
3. ``prev_mapping``: the letter with the letters before it (``зг`` → ``gh``);
4. ``next_mapping``: the letter with the letters after it (``кс`` → ``x``);
5. ``start_mapping``: the letter at the start of a word (``є`` → ``ye``);
6. ``mapping``: the letter on its own.

Keys are lower case; the case of the source carries over: an upper-case letter
gives a capitalized output (Щ → Shch), and in a word written all in capitals
every output is upper case (ЩУКА → SHCHUKA).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

#: How rule keys write an apostrophe. Each scheme lists the forms it treats as
#: one inside a word (' ’ ʼ ...); all of them match this character in keys.
APOSTROPHE = "'"


class ContextRule(NamedTuple):
    """Write ``letter`` as ``latin`` after a letter of ``prev`` and before one of ``next``.

    An empty ``prev`` or ``next`` puts no condition on that side.
    """

    letter: str
    prev: str
    next: str
    latin: str


class Rules:
    """The compiled rules of one scheme, ready to apply."""

    __slots__ = (
        "_apos_table",
        "_cached_word",
        "_context",
        "_ending_keys",
        "_next_lengths",
        "_prev_lengths",
        "_word_re",
        "apostrophe",
        "apostrophes",
        "ending",
        "mapping",
        "next",
        "prev",
        "start",
    )

    def __init__(
        self,
        *,
        mapping: Mapping[str, str],
        start_mapping: Mapping[str, str] | None = None,
        prev_mapping: Mapping[str, str] | None = None,
        next_mapping: Mapping[str, str] | None = None,
        ending_mapping: Mapping[str, str] | None = None,
        context_rules: Sequence[ContextRule] = (),
        apostrophes: str = "",
        apostrophe: str = "",
    ) -> None:
        self.mapping = dict(mapping)
        self.start = dict(start_mapping or {})
        self.prev = dict(prev_mapping or {})
        self.next = dict(next_mapping or {})
        self.ending = dict(ending_mapping or {})
        self.apostrophes = apostrophes
        self.apostrophe = apostrophe
        letters = "".join(sorted(self.mapping))
        upper = "".join(sorted({c.upper() for c in letters} - set(letters)))
        letter_class = "[" + re.escape(letters + upper) + "]"
        if apostrophes:
            apos_class = "[" + re.escape(apostrophes) + "]"
            pattern = f"{letter_class}+(?:{apos_class}{letter_class}+)*"
        else:
            pattern = f"{letter_class}+"
        self._word_re = re.compile(pattern)
        self._apos_table = str.maketrans(dict.fromkeys(apostrophes, APOSTROPHE))
        self._prev_lengths = _lengths(self.prev)
        self._next_lengths = _lengths(self.next)
        self._ending_keys = sorted(self.ending, key=len, reverse=True)
        # Names repeat (given names, -ський endings): remember recent words.
        self._cached_word = functools.lru_cache(maxsize=1 << 16)(self.word)
        self._context: dict[str, list[ContextRule]] = {}
        for rule in context_rules:
            self._context.setdefault(rule.letter, []).append(rule)

    @property
    def alphabet(self) -> frozenset[str]:
        """Every character the scheme may change: its letters in both cases and apostrophes."""
        chars = set(self.mapping) | {c.upper() for c in self.mapping} | set(self.apostrophes)
        return frozenset(chars)

    def apply(self, text: str) -> str:
        """Transliterate ``text``; characters outside the alphabet stay as they are."""
        return self._word_re.sub(self._word_sub, text)

    def _word_sub(self, match: re.Match[str]) -> str:
        return self._cached_word(match.group())

    def word(self, word: str) -> str:
        """Transliterate one word (letters, with apostrophes only between letters)."""
        low = word.lower().translate(self._apos_table)
        caps = len(word) > 1 and word.upper() == word and word.lower() != word
        out: list[str] = []
        stem_end = len(low)
        ending_out = ""
        for key in self._ending_keys:
            if len(low) > len(key) and low.endswith(key):
                stem_end = len(low) - len(key)
                ending_out = _case(self.ending[key], word[stem_end:], caps=caps)
                break
        for i in range(stem_end):
            if low[i] == APOSTROPHE:
                out.append(self.apostrophe)
            else:
                out.append(_case(self._letter(low, i), word[i], caps=caps))
        out.append(ending_out)
        return "".join(out)

    def _letter(self, low: str, i: int) -> str:
        for rule in self._context.get(low[i], ()):
            if (not rule.prev or (i > 0 and low[i - 1] in rule.prev)) and (
                not rule.next or (i + 1 < len(low) and low[i + 1] in rule.next)
            ):
                return rule.latin
        for length in self._prev_lengths:
            if i + 1 >= length:
                found = self.prev.get(low[i + 1 - length : i + 1])
                if found is not None:
                    return found
        for length in self._next_lengths:
            if i + length <= len(low):
                found = self.next.get(low[i : i + length])
                if found is not None:
                    return found
        if i == 0 and low[0] in self.start:
            return self.start[low[0]]
        return self.mapping[low[i]]


def _lengths(table: Mapping[str, str]) -> list[int]:
    """Return the distinct key lengths of ``table``, longest first."""
    return sorted({len(key) for key in table}, reverse=True)


def _case(latin: str, source: str, *, caps: bool) -> str:
    """Give ``latin`` the case of ``source`` (a letter, or an ending)."""
    if not latin or source.lower() == source:
        return latin
    if caps:
        return latin.upper()
    return latin[:1].upper() + latin[1:]
