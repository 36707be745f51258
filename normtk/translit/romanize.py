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

import json
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from normtk.errors import UsageError
from normtk.translit._family_engine import best_first, tokens
from normtk.translit._family_file import MAX_CAP, validate_family
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

#: The longest canonical name a family accepts (characters).
MAX_INPUT = 80

_PACKAGE = "normtk.translit"
_FAMILIES = "families"
_TABLES = "families/tables"


class FamilySample(NamedTuple):
    """A canonical name and spellings its family must generate, with an optional note."""

    source: str
    expected: tuple[str, ...]
    note: str | None = None


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
            pieces = tokens(self.kind, text, self._data, profile.tables)
            if not pieces:
                continue
            for spelling in best_first(pieces, profile.cap, self.max_changes):
                found.setdefault(spelling, None)
                if len(found) >= self.cap:
                    return list(found)
        return list(found)


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
