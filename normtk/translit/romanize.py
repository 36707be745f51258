"""Romanization families: the press spellings of a name from one canonical romanization.

Arabic, Persian and Hebrew names reach Latin-script copy in many spellings
(Gaddafi, Qaddafi, Gadhafi, Kadhafi; Netanyahu, Netanjahu, Netanyahou), and
Chinese and Korean names in several systems and joinings (Mao Zedong, Mao
Tse-tung; Kim Jong Un, Kim Jong-un, Kim Jongun). A *family* is one data file
in ``families/`` that, from one canonical romanization of a name, generates
the spellings an editor meets. Three kinds exist:

* ``rules`` (``ar``, ``fa``, ``he``): the canonical form is a scholarly
  romanization (DMG for Arabic and Persian: Muʿammar al-Qaḏḏāfī). It is cut
  into graphemes, longest key first, and each grapheme has a ranked list of
  spellings, at the start of a word, at its end, between vowels or anywhere.
  Two equal graphemes in a row may also be written once (Saddam, Sadam);
* ``syllables`` (``zh``): the canonical form is pinyin; each word is cut into
  syllables of a table (pinyin → Wade-Giles) and spelled in each system, the
  syllables of a word joined solid, by hyphens or by spaces;
* ``hangul`` (``ko``): the canonical form is Hangul; each syllable is split
  into its letters (jamo) and spelled in each system (Revised Romanization,
  McCune-Reischauer, the North Korean press), joined as in ``syllables``.

A family has *profiles*: the conventions of one press or system (English
press, German, French, Spanish and Italian copy, whose spellings leak into
English through machine translation: Mouammar, Dschawad, Jamenei). Each
profile may replace the spellings of some graphemes.

Generation is bounded and deterministic: each profile enumerates the
combinations of spellings best first (lowest sum of ranks, then left to
right), with at most ``max_changes`` graphemes off their first spelling,
yields at most its ``cap`` distinct spellings and looks at most
``8 × cap`` combinations; the family yields at most its ``cap`` (never more
than :data:`MAX_CAP`), profiles in order.

>>> spellings("al-Qaḏḏāfī", "ar")[:4]
['Qaddafi', 'Qadhafi', 'Gaddafi', 'Gadhafi']
>>> "Mao Tse-tung" in spellings("Mao Zedong", "zh")
True
>>> spellings("정은", "ko")[:3]
['Jong Un', 'Jong-un', 'Jongun']
"""

from __future__ import annotations

import heapq
import json
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from normtk.errors import UsageError
from normtk.translit._family_file import _FINALS, _MEDIALS, MAX_CAP, validate_family
from normtk.translit._schemes import SchemeError

if TYPE_CHECKING:
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = [
    "MAX_CAP",
    "Family",
    "FamilySample",
    "families",
    "family",
    "spellings",
]

#: Combinations a profile may look at, per spelling it may yield.
_VISITS_PER_SPELLING = 8
#: The longest canonical name a family accepts (characters).
MAX_INPUT = 80

_PACKAGE = "normtk.translit"
_FAMILIES = "families"
_TABLES = "families/tables"
_RULE_TABLES = ("rules", "start_rules", "end_rules", "between_vowels")

_HANGUL_BASE = 0xAC00
_HANGUL_LAST = 0xD7A3
#: The letters (as compatibility jamo) of a Hangul syllable's initial and final, in
#: Unicode order: syllable = 0xAC00 + (initial × 21 + medial) × 28 + final.
_INITIAL_JAMO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_FINAL_JAMO = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")


class FamilySample(NamedTuple):
    """A canonical name and spellings its family must generate, with an optional note."""

    source: str
    expected: tuple[str, ...]
    note: str | None = None


class _Option(NamedTuple):
    """One way to write a grapheme, what it costs, and whether the next one starts capitalized."""

    text: str
    cost: int
    capitalize_next: bool = False


class _Token(NamedTuple):
    """A grapheme with its ranked spellings; ``capital`` if it starts with a capital."""

    options: tuple[_Option, ...]
    capital: bool = False


#: Between two words: one space, the next word capitalized.
_SPACE = _Token((_Option(" ", 0, capitalize_next=True),))


@dataclass(frozen=True)
class _Profile:
    name: str
    cap: int
    tables: Mapping[str, Any]


@dataclass(frozen=True)
class Family:
    """One romanization family: where its rules come from, its samples, and its generator.

    >>> ar = family("ar")
    >>> ar.cap <= MAX_CAP, "Mouammar" in ar.spellings("Muʿammar")
    (True, True)
    """

    name: str
    lang: str
    kind: str
    description: str
    source: str
    cap: int
    max_changes: int
    samples: tuple[FamilySample, ...]
    profiles: tuple[str, ...] = ()
    _data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _profiles: tuple[_Profile, ...] = field(default=(), repr=False, compare=False)

    def spellings(self, text: str) -> list[str]:
        """Return the press spellings of the canonical ``text``, most usual first.

        At most :attr:`cap` spellings; the canonical form itself is not among
        them unless a rule writes it so. Text longer than :data:`MAX_INPUT`
        characters gives none.
        """
        text = unicodedata.normalize("NFC", text.strip())
        if not text or len(text) > MAX_INPUT:
            return []
        found: dict[str, None] = {}
        for profile in self._profiles:
            tokens = self._tokens(text, profile)
            if not tokens:
                continue
            for spelling in _best_first(tokens, profile.cap, self.max_changes):
                found.setdefault(spelling, None)
                if len(found) >= self.cap:
                    return list(found)
        return list(found)

    def _tokens(self, text: str, profile: _Profile) -> list[_Token] | None:
        if self.kind == "rules":
            return _rule_tokens(text, self._data, profile.tables)
        if self.kind == "syllables":
            return _syllable_tokens(text, self._data, profile.tables)
        return _hangul_tokens(text, self._data, profile.tables)


# ---------------------------------------------------------------------------
# Enumeration


def _best_first(tokens: Sequence[_Token], cap: int, max_changes: int) -> Iterator[str]:
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


def _spell(tokens: Sequence[_Token], vector: Sequence[int]) -> str:
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


def _rule_tokens(text: str, data: Mapping[str, Any], overrides: Mapping[str, Any]) -> list[_Token]:
    tables = {name: {**data.get(name, {}), **overrides.get(name, {})} for name in _RULE_TABLES}
    # Between vowels: after a vowel, short or long, and before a short one (Yāsir:
    # Yasser, Usāma: Osama); a profile may count long vowels after too.
    vowels = set(overrides.get("vowels") or data.get("vowels", ""))
    before_vowels = vowels | set(data.get("long_vowels", ""))
    geminates = _options(overrides.get("geminates") or data.get("geminates", ()))
    low = text.lower()
    pieces = _graphemes(low, tables)
    tokens: list[_Token] = []
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
        tokens.append(_Token(options, capital=_starts_capital(text[position:end])))
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
) -> list[_Token] | None:
    table: Mapping[str, str] = data["_table"]
    system = profile["system"]
    joins = _options(profile["joins"])
    plain = data.get("plain", {})
    tokens: list[_Token] = []
    for number, word in enumerate(text.split()):
        syllables = _cut(word.lower().replace("'", "").replace("’", ""), table)
        if syllables is None:
            return None
        if number:
            tokens.append(_SPACE)
        for position, syllable in enumerate(syllables):
            if position:
                tokens.append(_Token(joins))
            if system == "pinyin":
                written = [syllable]
            else:
                romanized = table[syllable]
                bare = romanized
                for old, new in plain.items():
                    bare = bare.replace(old, new)
                written = [bare, romanized]
            capital = position == 0 and word[:1].isupper()
            tokens.append(_Token(_options(written), capital=capital))
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
) -> list[_Token] | None:
    initials = profile.get("initials") or data["initials"]
    medials = profile.get("medials") or data["medials"]
    finals = profile.get("finals") or data["finals"]
    voiced: Mapping[str, str] = profile.get("voiced") or {}
    voicing_finals = set(data.get("voicing_finals", ""))
    joins = _options(profile["joins"])
    tokens: list[_Token] = []
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
                tokens.append(_Token(joins))
            tokens.append(_Token((_Option(syllable, 0),), capital=position == 0))
            previous_final = _FINAL_JAMO[final]
    return tokens


# ---------------------------------------------------------------------------
# Loading and validation


def load_family_file(path: Traversable, tables: Traversable | None = None) -> Family:
    """Read and validate one family file; raise SchemeError listing every problem.

    ``tables`` is the folder of the syllable tables a family file names.
    """
    where = path.name
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SchemeError([f"{where}: cannot read: {exc}"]) from exc
    table: dict[str, str] = {}
    if isinstance(data, dict) and data.get("kind") == "syllables":
        table_name = data.get("syllable_table")
        if isinstance(table_name, str):
            try:
                folder = tables if tables is not None else resources.files(_PACKAGE) / _TABLES
                raw = json.loads((folder / table_name).read_text("utf-8"))
                table = dict(raw["syllables"])
            except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
                raise SchemeError([f"{where}: syllable_table {table_name!r}: {exc}"]) from exc
    problems = validate_family(data, where, table)
    if problems:
        raise SchemeError(problems)
    data = dict(data)
    data["_table"] = table
    profiles = tuple(
        _Profile(p["name"], p["cap"], {k: v for k, v in p.items() if k not in {"name", "cap"}})
        for p in data["profiles"]
    )
    return Family(
        name=data["name"],
        lang=data["lang"],
        kind=data["kind"],
        description=data["description"],
        source=data["source"],
        cap=data["cap"],
        max_changes=data["max_changes"],
        samples=tuple(
            FamilySample(s[0], tuple(s[1]), s[2] if len(s) > 2 else None) for s in data["samples"]
        ),
        profiles=tuple(p.name for p in profiles),
        _data=data,
        _profiles=profiles,
    )


class _Registry:
    """Every family file, loaded lazily and once."""

    def __init__(self, root: Traversable | None = None) -> None:
        self._root = root if root is not None else resources.files(_PACKAGE) / _FAMILIES
        self._lock = threading.RLock()
        self._names: dict[str, Traversable] | None = None
        self._loaded: dict[str, Family] = {}

    def names(self) -> list[str]:
        """Return the names of the known families, sorted."""
        with self._lock:
            if self._names is None:
                self._names = {}
                for entry in self._root.iterdir():
                    if entry.name.endswith(".json") and entry.is_file():
                        self._names[entry.name.removesuffix(".json")] = entry
            return sorted(self._names)

    def get(self, name: str) -> Family:
        """Return the family ``name``, loading it on first use; UsageError if unknown."""
        with self._lock:
            if name in self._loaded:
                return self._loaded[name]
            names = self.names()
            if name not in names:
                msg = f"unknown romanization family {name!r}; known families: {', '.join(names)}"
                raise UsageError(msg)
            loaded = load_family_file((self._names or {})[name], self._root / "tables")
            self._loaded[name] = loaded
            return loaded


REGISTRY = _Registry()


def family(name: str) -> Family:
    """Return the family called ``name`` (``ar``, ``fa``, ``he``, ``zh``, ``ko``).

    >>> family("he").lang
    'he'
    """
    return REGISTRY.get(name)


def families() -> list[Family]:
    """Return every family, sorted by name.

    >>> [f.name for f in families()]
    ['ar', 'fa', 'he', 'ko', 'zh']
    """
    return [REGISTRY.get(name) for name in REGISTRY.names()]


def spellings(text: str, family_name: str) -> list[str]:
    """Return the press spellings of ``text``, a canonical romanization in ``family_name``.

    >>> [s for s in spellings("Binyamin Netanyahu", "he") if s.startswith("Ben")]
    ['Benyamin Netanyahu', 'Benjamin Netanjahu', 'Benyamin Netanyahou']
    """
    return REGISTRY.get(family_name).spellings(text)
