"""How a romanization family spells a name: graphemes with ranked spellings, best first.

:func:`tokens` cuts a canonical name into tokens the way its family's kind
says (``rules``, ``syllables`` or ``hangul``, see :mod:`normtk.translit.romanize`);
:func:`best_first` enumerates their spellings, lowest total cost first.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from normtk.translit._family_file import _FINALS, _MEDIALS

#: Combinations a profile may look at, per spelling it may yield.
_VISITS_PER_SPELLING = 8

_RULE_TABLES = ("rules", "start_rules", "end_rules", "between_vowels")

_HANGUL_BASE = 0xAC00
_HANGUL_LAST = 0xD7A3
#: The letters (as compatibility jamo) of a Hangul syllable's initial and final, in
#: Unicode order: syllable = 0xAC00 + (initial × 21 + medial) × 28 + final.
_INITIAL_JAMO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_FINAL_JAMO = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")


class _Option(NamedTuple):
    """One way to write a grapheme, what it costs, and whether the next one starts capitalized."""

    text: str
    cost: int
    capitalize_next: bool = False


class Token(NamedTuple):
    """A grapheme with its ranked spellings; ``capital`` if it starts with a capital."""

    options: tuple[_Option, ...]
    capital: bool = False


#: Between two words: one space, the next word capitalized.
_SPACE = Token((_Option(" ", 0, capitalize_next=True),))


def tokens(
    kind: str, text: str, data: Mapping[str, Any], tables: Mapping[str, Any]
) -> list[Token] | None:
    """Return the tokens of ``text`` in a family of ``kind`` with ``data``, as a profile's
    ``tables`` change it, or ``None`` if the family cannot cut ``text`` into its pieces."""
    if kind == "rules":
        return _rule_tokens(text, data, tables)
    if kind == "syllables":
        return _syllable_tokens(text, data, tables)
    return _hangul_tokens(text, data, tables)


# ---------------------------------------------------------------------------
# Enumeration


def best_first(tokens: Sequence[Token], cap: int, max_changes: int) -> Iterator[str]:
    """Yield up to ``cap`` distinct spellings of ``tokens``, lowest total cost first.

    Each combination is a vector of option indices. It is reached from exactly
    one other (raise the last raised index, or one after it), so no vector
    is visited twice and the heap holds at most ``visits × len(tokens)``.
    """
    sizes = [len(token.options) for token in tokens]
    start = (0,) * len(tokens)
    heap: list[tuple[int, tuple[int, ...], int]] = [(0, start, 0)]
    seen: set[str] = set()
    visits = 0
    while heap and len(seen) < cap and visits < cap * _VISITS_PER_SPELLING:
        cost, vector, last = heapq.heappop(heap)
        visits += 1
        spelling = _spell(tokens, vector)
        if spelling not in seen:
            seen.add(spelling)
            yield spelling
        changes = sum(1 for index in vector if index)
        for position in range(last, len(tokens)):
            index = vector[position]
            if index + 1 >= sizes[position] or (index == 0 and changes >= max_changes):
                continue
            options = tokens[position].options
            step = options[index + 1].cost - options[index].cost
            raised = (*vector[:position], index + 1, *vector[position + 1 :])
            heapq.heappush(heap, (cost + step, raised, position))


def _spell(tokens: Sequence[Token], vector: Sequence[int]) -> str:
    out: list[str] = []
    capitalize = False
    for token, index in zip(tokens, vector, strict=True):
        text, _, capitalize_next = token.options[index]
        if text and (token.capital or capitalize):
            text = text[0].upper() + text[1:]
        if text or capitalize_next:
            capitalize = capitalize_next
        out.append(text)
    return " ".join("".join(out).split())


def _options(spellings: Sequence[Any]) -> tuple[_Option, ...]:
    """Turn data into options: ``"dh"`` costs its rank in the list; a mapping may say
    ``{"text": "k", "cost": 1}`` or ``{"text": " ", "capitalize": true}``."""
    options: list[_Option] = []
    texts: set[tuple[str, bool]] = set()
    for rank, item in enumerate(spellings):
        if isinstance(item, dict):
            option = _Option(
                item["text"],
                int(item.get("cost", rank)),
                capitalize_next=bool(item.get("capitalize")),
            )
        else:
            option = _Option(str(item), rank)
        if (option.text, option.capitalize_next) not in texts:
            texts.add((option.text, option.capitalize_next))
            options.append(option)
    return tuple(options)


def _starts_capital(source: str) -> bool:
    """Tell whether the first cased letter of ``source`` is a capital (ʿAbd: yes)."""
    for char in source:
        if char.lower() != char.upper():
            return char.isupper()
    return False


# ---------------------------------------------------------------------------
# rules: graphemes of a scholarly romanization


def _rule_tokens(text: str, data: Mapping[str, Any], overrides: Mapping[str, Any]) -> list[Token]:
    tables = {name: {**data.get(name, {}), **overrides.get(name, {})} for name in _RULE_TABLES}
    # Between vowels: after a vowel, short or long, and before a short one (Yāsir:
    # Yasser, Usāma: Osama); a profile may count long vowels after too.
    vowels = set(overrides.get("vowels") or data.get("vowels", ""))
    before_vowels = vowels | set(data.get("long_vowels", ""))
    geminates = _options(overrides.get("geminates") or data.get("geminates", ()))
    low = text.lower()
    pieces = _graphemes(low, tables)
    tokens: list[Token] = []
    position = 0
    index = 0
    while index < len(pieces):
        key = pieces[index]
        doubled = (
            bool(geminates)
            and key.isalpha()
            and key not in vowels
            and index + 1 < len(pieces)
            and pieces[index + 1] == key
        )
        end = position + len(key) * (2 if doubled else 1)
        before = low[position - 1] if position else ""
        after = low[end] if end < len(low) else ""
        spellings: Sequence[Any] = [key]
        if not before.isalpha() and key in tables["start_rules"]:
            spellings = tables["start_rules"][key]
        elif not after.isalpha() and key in tables["end_rules"]:
            spellings = tables["end_rules"][key]
        elif before in before_vowels and after in vowels and key in tables["between_vowels"]:
            spellings = tables["between_vowels"][key]
        elif key in tables["rules"]:
            spellings = tables["rules"][key]
        options = _options(spellings)
        if doubled:
            # Write the pair twice (Saddam) or once (Sadam), in the order geminates gives.
            options = _options(
                [
                    {
                        "text": option.text * 2 if how.text == "double" else option.text,
                        "cost": option.cost + how.cost,
                    }
                    for option in options
                    for how in geminates
                ]
            )
            index += 1
        tokens.append(Token(options, capital=_starts_capital(text[position:end])))
        position = end
        index += 1
    return tokens


def _graphemes(low: str, tables: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Cut lower-cased text into the keys of ``tables``, longest first, where they apply."""
    keys = sorted({key for table in tables.values() for key in table}, key=len, reverse=True)
    pieces: list[str] = []
    i = 0
    while i < len(low):
        at_start = i == 0 or not low[i - 1].isalpha()
        found = low[i]
        for key in keys:
            if not low.startswith(key, i):
                continue
            end = i + len(key)
            at_end = end == len(low) or not low[end].isalpha()
            if (
                key in tables["rules"]
                or key in tables["between_vowels"]
                or (at_start and key in tables["start_rules"])
                or (at_end and key in tables["end_rules"])
            ):
                found = key
                break
        pieces.append(found)
        i += len(found)
    return pieces


# ---------------------------------------------------------------------------
# syllables: pinyin cut into syllables of a table


def _syllable_tokens(
    text: str, data: Mapping[str, Any], profile: Mapping[str, Any]
) -> list[Token] | None:
    table: Mapping[str, str] = data["_table"]
    system = profile["system"]
    joins = _options(profile["joins"])
    plain = data.get("plain", {})
    tokens: list[Token] = []
    for number, word in enumerate(text.split()):
        syllables = _cut(word.lower().replace("'", "").replace("’", ""), table)
        if syllables is None:
            return None
        if number:
            tokens.append(_SPACE)
        for position, syllable in enumerate(syllables):
            if position:
                tokens.append(Token(joins))
            if system == "pinyin":
                written = [syllable]
            else:
                romanized = table[syllable]
                bare = romanized
                for old, new in plain.items():
                    bare = bare.replace(old, new)
                written = [bare, romanized]
            capital = position == 0 and word[:1].isupper()
            tokens.append(Token(_options(written), capital=capital))
    return tokens


def _cut(word: str, table: Mapping[str, str]) -> list[str] | None:
    """Cut ``word`` into syllables of ``table``, longest first with backtracking."""
    longest = max(map(len, table), default=0)
    memo: dict[int, list[str] | None] = {}

    def cut_from(i: int) -> list[str] | None:
        if i == len(word):
            return []
        if i in memo:
            return memo[i]
        memo[i] = None
        for length in range(min(longest, len(word) - i), 0, -1):
            piece = word[i : i + length]
            if piece in table:
                rest = cut_from(i + length)
                if rest is not None:
                    memo[i] = [piece, *rest]
                    break
        return memo[i]

    return cut_from(0)


# ---------------------------------------------------------------------------
# hangul: syllables split into jamo


def _hangul_tokens(
    text: str, data: Mapping[str, Any], profile: Mapping[str, Any]
) -> list[Token] | None:
    initials = profile.get("initials") or data["initials"]
    medials = profile.get("medials") or data["medials"]
    finals = profile.get("finals") or data["finals"]
    voiced: Mapping[str, str] = profile.get("voiced") or {}
    voicing_finals = set(data.get("voicing_finals", ""))
    joins = _options(profile["joins"])
    tokens: list[Token] = []
    for number, word in enumerate(text.split()):
        if number:
            tokens.append(_SPACE)
        previous_final: str | None = None
        for position, char in enumerate(word):
            code = ord(char)
            if not _HANGUL_BASE <= code <= _HANGUL_LAST:
                return None
            offset = code - _HANGUL_BASE
            initial = offset // (_MEDIALS * _FINALS)
            medial = (offset // _FINALS) % _MEDIALS
            final = offset % _FINALS
            jamo = _INITIAL_JAMO[initial]
            spelled_initial = initials[initial]
            if (
                position
                and jamo in voiced
                and (previous_final == "" or previous_final in voicing_finals)
            ):
                spelled_initial = voiced[jamo]
            syllable = spelled_initial + medials[medial] + finals[final]
            if position:
                tokens.append(Token(joins))
            tokens.append(Token((_Option(syllable, 0),), capital=position == 0))
            previous_final = _FINAL_JAMO[final]
    return tokens
