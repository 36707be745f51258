"""Scripts of letters and languages: what is still in the source's script."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from normtk.qa.vocabulary import conventions


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """Return the Unicode script family of a letter (``LATIN``, ``CYRILLIC`` ...), or ``""``."""
    if not char.isalpha():
        return ""
    try:
        name = unicodedata.name(char)
    except ValueError:
        return ""
    head = name.split(" ", 1)[0]
    return "CJK" if head in {"CJK", "HIRAGANA", "KATAKANA"} else head


def language_script(lang: str | None) -> str:
    """Return the script ``lang`` is written in (``LATIN`` unless the data says otherwise)."""
    return conventions().scripts.get(lang or "", "LATIN")


def known_script(lang: str | None) -> str:
    """Return the script the data gives for ``lang``, or ``""`` for a Latin or unknown one."""
    return conventions().scripts.get(lang or "", "")


def script_shares(text: str) -> Counter[str]:
    """Count the letters of ``text`` by script."""
    return Counter(script for script in map(script_of, text) if script)
