"""Common words of the output languages, used to keep aliases away from ordinary words.

The lists ship with the gazetteer as ``stopwords/<lang>.txt`` (one lower-case
word a line) and are made by ``scripts/make_stopwords.py``; see
``gazetteers/stopwords/README.md`` for their origin and licence.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from normtk.errors import UsageError
from normtk.gazetteer.locate import bundled_dir

__all__ = ["common_words", "is_common_word", "stopword_languages"]

_LOCK = threading.Lock()


def _stopword_dir() -> Path:
    return bundled_dir() / "stopwords"


def stopword_languages() -> tuple[str, ...]:
    """Return the languages that have a shipped common-word list, sorted."""
    return tuple(sorted(p.stem for p in _stopword_dir().glob("*.txt")))


def common_words(lang: str) -> frozenset[str]:
    """Return the shipped common words of ``lang``, lower-case; read once, then cached.

    Raises :class:`UsageError` naming the known languages if ``lang`` has no list.

    >>> "water" in common_words("en")
    True
    >>> "ukraine" in common_words("en")  # a name in the gazetteer, not an ordinary word
    False
    """
    with _LOCK:
        return _read(lang)


@cache
def _read(lang: str) -> frozenset[str]:
    path = _stopword_dir() / f"{lang}.txt"
    if not path.is_file():
        known = ", ".join(stopword_languages()) or "none"
        msg = f"no common-word list for language {lang!r}; known languages: {known}"
        raise UsageError(msg)
    lines = path.read_text("utf-8").splitlines()
    return frozenset(word for line in lines if (word := line.strip()))


def is_common_word(text: str, langs: tuple[str, ...] = ("en", "es", "de", "fr")) -> bool:
    """Tell whether ``text``, lower-cased, is a common word of any of ``langs``.

    >>> is_common_word("Nova")
    True
    >>> is_common_word("Bila Tserkva")
    False
    """
    key = text.lower()
    return any(key in common_words(lang) for lang in langs)
