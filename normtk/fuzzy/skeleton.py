"""Skeleton keys: a name with the letters that romanizations write differently made one.

The rules are data (``skeleton.yaml`` beside this module, with its sources and
samples); this module is the small engine that applies them. Kreminnoye and
Kreminna, Kupyansk and Kupiansk, Charkow and Kharkov share a key; a fuzzy
search compares keys first and written forms second.

>>> skeleton("Kreminnoye") == skeleton("Kreminna")
True
>>> skeleton("Nova Kakhovka")
'nov kahovk'
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from normtk.errors import GazetteerError
from normtk.folding import fold

__all__ = ["Rules", "rules", "skeleton", "word_letters"]

_LOCK = threading.Lock()
_NOT_LETTERS = re.compile(r"[^\w]+|[\d_]+")
_DOUBLES = re.compile(r"(.)\1+")
_WHERE = "normtk/fuzzy/skeleton.yaml"
_KEYS: dict[str, str] = {}  # word -> key, for the words seen (names repeat)
_KEYS_SIZE = 1 << 18


@dataclass(frozen=True, slots=True)
class Rules:
    """The skeleton rules as read from their data file."""

    sequences: tuple[tuple[str, str], ...]
    classes: dict[str, str]
    suffixes: tuple[tuple[str, tuple[str, ...]], ...]
    min_stem: int
    derived_endings: dict[str, tuple[str, ...]]
    demonym_cuts: dict[str, tuple[str, ...]]
    sources: tuple[str, ...]
    same: tuple[tuple[str, str], ...]
    different: tuple[tuple[str, str], ...]
    keys: tuple[tuple[str, str], ...]

    def compile(self) -> Callable[[str], str]:
        """Return the function that turns one folded word into its key."""
        replace = dict(self.sequences)
        pattern = re.compile("|".join(re.escape(s) for s in sorted(replace, key=len, reverse=True)))
        table = str.maketrans(self.classes)
        families = [
            (key, tuple(sorted(endings, key=len, reverse=True))) for key, endings in self.suffixes
        ]
        min_stem = self.min_stem

        def word_key(word: str) -> str:
            word = pattern.sub(lambda m: replace[m.group()], word) if len(word) > 1 else word
            word = _DOUBLES.sub(r"\1", word.translate(table))
            for key, endings in families:
                for ending in endings:
                    if word.endswith(ending) and len(word) - len(ending) >= min_stem:
                        word = word[: -len(ending)] + key
                        break
            return word

        return word_key


def _pairs(items: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in items)


def _load() -> Rules:
    from normtk.gazetteer.load import read_data_file

    root = resources.files("normtk.fuzzy")
    schema = json.loads((root / "skeleton.schema.json").read_text("utf-8"))
    doc, problems = read_data_file((root / "skeleton.yaml").read_text("utf-8"), schema, _WHERE)
    if problems:
        raise GazetteerError(problems)
    samples = doc["samples"]
    return Rules(
        sequences=_pairs(doc["sequences"]),
        classes={str(k): str(v) for k, v in doc["classes"].items()},
        suffixes=tuple(
            (str(f["key"]), tuple(str(e) for e in f["endings"])) for f in doc["suffixes"]
        ),
        min_stem=int(doc["min_stem"]),
        derived_endings={
            str(lang): tuple(str(e) for e in endings)
            for lang, endings in doc["derived_endings"].items()
        },
        demonym_cuts={
            str(lang): tuple(str(e) for e in cuts) for lang, cuts in doc["demonym_cuts"].items()
        },
        sources=tuple(str(s) for s in doc["sources"]),
        same=_pairs(samples["same"]),
        different=_pairs(samples["different"]),
        keys=_pairs(samples["keys"]),
    )


def rules() -> Rules:
    """Return the bundled skeleton rules (read and validated once)."""
    with _LOCK:
        return _rules()


@cache
def _rules() -> Rules:
    return _load()


@cache
def _word_key() -> Callable[[str], str]:
    return rules().compile()


def word_letters(text: str) -> list[str]:
    """Return the folded words of ``text``: letters only, apostrophes and hyphens dropped."""
    folded = fold(text).replace("'", "")
    return [w for w in _NOT_LETTERS.split(folded) if w]


def skeleton(text: str) -> str:
    """Return the skeleton key of ``text``: each word's key, joined by single spaces."""
    word_key = _word_key()
    keys = _KEYS
    out = []
    for word in word_letters(text):
        key = keys.get(word)
        if key is None:
            if len(keys) >= _KEYS_SIZE:
                keys.clear()
            key = keys[word] = word_key(word)
        out.append(key)
    return " ".join(out)
