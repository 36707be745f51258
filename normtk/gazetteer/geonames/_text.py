"""Text helpers shared by the GeoNames rules: ids, apostrophes, loose keys, similarity."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from normtk.folding import fold

APOSTROPHES = "'’ʼʹ`´"


def slug(text: str) -> str:
    """Return an entity id for ``text``: lower-case ASCII words joined by hyphens.

    >>> slug("Bila Tserkva")
    'bila-tserkva'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(f"[{APOSTROPHES}]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def distinct(names: Iterable[str]) -> list[str]:
    """Keep one of names that differ only in the apostrophe character, the first."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(apostrophes(name), name)
    return list(seen.values())


def apostrophes(text: str) -> str:
    """Write every apostrophe-like character as ``'``."""
    return re.sub(f"[{APOSTROPHES}]", "'", text)


def loose(text: str) -> str:
    """Drop apostrophes and hyphens, and treat hyphens as spaces: "Kam'yanka-Buz'ka"."""
    text = re.sub(f"[{APOSTROPHES}]", "", text)
    return re.sub(r"[\s-]+", " ", text).strip()


def ratio(a: str, b: str) -> float:
    """Return the rapidfuzz similarity (0-100) of two strings."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def is_latin(char: str) -> bool:
    """Tell whether ``char`` is a letter of the Latin script."""
    return unicodedata.name(char, "").startswith("LATIN")


def is_latin_name(name: str) -> bool:
    """Tell whether every letter of ``name`` is Latin (and it has one)."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(is_latin(c) for c in letters)


def words(text: str) -> tuple[str, ...]:
    """Return the folded words of ``text``, hyphens and apostrophes dropped."""
    return tuple(w for w in re.split(r"[\s-]+", loose(fold(text))) if w)
