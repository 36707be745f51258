"""Transliteration skeletons of Latin spellings, and how close two spellings are."""

from __future__ import annotations

import re

from normtk.folding import fold

# Letter classes of Latin transliterations: digraphs first, then single letters.
_DIGRAPHS = (
    ("shch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("tch", "c"),
    ("tsch", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("ie", "i"),
    ("ye", "e"),
    ("yu", "u"),
    ("iu", "u"),
    ("ju", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("ja", "a"),
    ("yo", "o"),
    ("io", "o"),
    ("jo", "o"),
)
_LETTERS = str.maketrans({"y": "i", "j": "i", "g": "h", "w": "v", "x": "ks", "q": "k"})
_DIGRAPH = re.compile("|".join(sorted((d for d, _ in _DIGRAPHS), key=len, reverse=True)))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z ]+")

#: What a known spelling's skeleton may be followed by in a word derived from it or an
#: inflected form of it, which is no new spelling: Ukrainians, Brovarsky, Kadyrovites,
#: Belgoroda, Buchi. Skeletons of the endings (ya -> a, -skyi -> -ski).
DERIVED_ENDINGS = frozenset(
    {
        "s",
        "n",
        "ns",
        "an",
        "ans",
        "ian",
        "ians",
        "in",
        "ins",
        "ese",
        "ic",
        "ik",
        "ite",
        "ites",
        "ist",
        "ists",
        "ism",
        "er",
        "ers",
        "ki",
        "ski",
        "skii",
        "sk",
        "ska",
        "sko",
        "skoe",
        "skai",
        "ci",
        "c",
        "ec",
        "ov",
        "ovs",
        "ovi",
        "ova",
        "ev",
        "a",
        "u",
        "i",
        "e",
        "o",
        "om",
        "oi",
        "oho",
        "imi",
        "ami",
        "ah",
        "ih",
        "ii",
        "ei",
        "iu",
    }
)


def skeleton(text: str) -> str:
    """Return the transliteration skeleton of a Latin spelling: classes of letters.

    Folded, digraphs as one letter (kh → h, shch → s, ya → a, ye → e), y/i/j as
    one letter, g/h as one, doubled letters once, and everything but letters
    and spaces dropped: Zelenskiy, Zelenskyy and Zelenskij have one skeleton.

    >>> skeleton("Kharkov"), skeleton("Charkiw")
    ('harkov', 'carkiv')
    """
    key = _NOT_LETTER.sub("", fold(text).replace("-", " "))
    key = _DIGRAPH.sub(lambda m: _DIGRAPH_MAP[m.group()], key)
    key = key.translate(_LETTERS)
    return _DOUBLE.sub(r"\1", key)


def similarity(a: str, b: str) -> float:
    """Return the rapidfuzz ratio (0-100) of the skeletons of two spellings."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(skeleton(a), skeleton(b)))


def is_latin(text: str) -> bool:
    """Tell whether ``text`` has a Latin letter (once folded)."""
    return any("a" <= c <= "z" for c in fold(text))


def derived(key: str, known: str) -> bool:
    """Tell whether skeleton ``key`` is skeleton ``known`` cut short, inflected or derived."""
    if key == known or len(known) < 3:
        return False
    if known.startswith(key):
        return True  # Buch for Bucha, Konashenko for Konashenkov
    stems = [known, known[:-1]] if known[-1] in "aeiou" else [known]
    return any(key.startswith(stem) and key[len(stem) :] in DERIVED_ENDINGS for stem in stems)
