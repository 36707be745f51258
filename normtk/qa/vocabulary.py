"""The number words and conventions of each language, read from ``normtk/qa/languages/``.

Each ``<lang>.yaml`` holds the spelled numerals, ordinals, scale words, hour
words and decade endings of one language, with its sources and samples;
``conventions.yaml`` says which languages write a decimal point and which
script each language is written in. Every file is checked against its JSON
Schema (``language.schema.json``, ``conventions.schema.json``) when first
read; a bad file is a :class:`~normtk.errors.GazetteerError` naming file,
line and field. Samples are run by the test suite.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

from normtk.errors import GazetteerError
from normtk.folding import APOSTROPHES

if TYPE_CHECKING:
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

_LOCK = threading.Lock()
_CACHE: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class Language:
    """The number words of one language; words are lower case, every apostrophe spelled."""

    code: str
    source: tuple[str, ...]
    numerals: dict[str, Decimal]
    ordinals: dict[str, Decimal]
    ordinal_stems: tuple[tuple[str, Decimal], ...]
    implied: dict[str, Decimal]
    scales: dict[str, int]
    tens: frozenset[str]
    units: frozenset[str]
    articles: frozenset[str]
    hour_words: tuple[str, ...]
    hour_stems: tuple[str, ...]
    decades: tuple[str, ...]
    samples: tuple[tuple[str, tuple[Decimal, ...]], ...]


@dataclass(frozen=True, slots=True)
class Conventions:
    """Decimal conventions and scripts of languages, with the samples that show them."""

    source: tuple[str, ...]
    decimal_point: frozenset[str]
    scripts: dict[str, str]
    script_samples: tuple[tuple[str, str], ...]
    decimal_samples: tuple[tuple[str, str, Decimal], ...]


def _root() -> Traversable:
    return resources.files("normtk.qa") / "languages"


def _spellings(word: str) -> list[str]:
    """Return ``word`` lower-cased with each apostrophe of :data:`APOSTROPHES` in turn."""
    word = word.lower()
    if not any(a in word for a in APOSTROPHES):
        return [word]
    plain = word.translate({ord(a): "'" for a in APOSTROPHES})
    return [plain.replace("'", a) for a in APOSTROPHES]


def _valued(entries: Any) -> list[tuple[str, Decimal]]:
    return [
        (spelling, Decimal(str(entry["value"])))
        for entry in entries or ()
        for word in entry["words"]
        for spelling in _spellings(word)
    ]


def _read(file: Traversable, schema_name: str) -> Any:
    from normtk.gazetteer.load import read_data_file

    where = f"normtk/qa/languages/{file.name}"
    schema = json.loads((_root() / schema_name).read_text("utf-8"))
    doc, problems = read_data_file(file.read_text("utf-8"), schema, where)
    if problems:
        raise GazetteerError(problems)
    return doc


def _language(file: Traversable) -> Language:
    doc = _read(file, "language.schema.json")
    code = str(doc["language"])
    if file.name != f"{code}.yaml":
        msg = f"normtk/qa/languages/{file.name}:1: language: {code!r} does not match the file name"
        raise GazetteerError([msg])
    hours = doc.get("hours") or {"words": [], "stems": []}
    compounds = doc.get("compounds") or {"tens": [], "units": []}
    return Language(
        code=code,
        source=tuple(doc["source"]),
        numerals=dict(_valued(doc.get("numerals"))),
        ordinals=dict(_valued(doc.get("ordinals"))),
        ordinal_stems=tuple(_valued(doc.get("ordinal_stems"))),
        implied=dict(_valued(doc.get("implied"))),
        scales={word: int(value) for word, value in _valued(doc.get("scales"))},
        tens=frozenset(w for t in compounds["tens"] for w in _spellings(t)),
        units=frozenset(w for u in compounds["units"] for w in _spellings(u)),
        articles=frozenset(w for a in doc.get("articles") or () for w in _spellings(a)),
        hour_words=tuple(w for h in hours["words"] for w in _spellings(h)),
        hour_stems=tuple(w for h in hours["stems"] for w in _spellings(h)),
        decades=tuple(doc.get("decades") or ()),
        samples=tuple(
            (str(text), tuple(Decimal(v) for v in values)) for text, values in doc["samples"]
        ),
    )


def languages() -> dict[str, Language]:
    """Return every language's number words, by language code (read once, then cached)."""
    with _LOCK:
        if "languages" not in _CACHE:
            files = sorted(
                (f for f in _root().iterdir() if f.name.endswith(".yaml")),
                key=lambda f: f.name,
            )
            found = [_language(f) for f in files if f.name != "conventions.yaml"]
            _CACHE["languages"] = {lang.code: lang for lang in found}
        result: dict[str, Language] = _CACHE["languages"]
        return result


def conventions() -> Conventions:
    """Return the decimal conventions and scripts of languages (read once, then cached)."""
    with _LOCK:
        if "conventions" not in _CACHE:
            doc = _read(_root() / "conventions.yaml", "conventions.schema.json")
            scripts: dict[str, str] = {}
            for script, codes in doc["scripts"].items():
                for code in codes:
                    scripts.setdefault(code, script)
            _CACHE["conventions"] = Conventions(
                source=tuple(doc["source"]),
                decimal_point=frozenset(doc["decimal_point"]),
                scripts=scripts,
                script_samples=tuple((str(a), str(b)) for a, b in doc["samples"]["scripts"]),
                decimal_samples=tuple(
                    (str(a), str(b), Decimal(str(c))) for a, b, c in doc["samples"]["decimal"]
                ),
            )
        result: Conventions = _CACHE["conventions"]
        return result
