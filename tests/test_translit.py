"""Transliteration: every sample of every scheme, the engine's rules, the API and the CLI.

The expected outputs here and in the schemes' samples are written by hand from
the standards (the table of resolution No. 55 for uk-national) and from press
copy, or come from iuliia's own schema files; none is produced by normtk.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from normtk.errors import UsageError
from normtk.translit import (
    Scheme,
    SchemeError,
    default_scheme,
    languages,
    latin_variants,
    scheme,
    schemes,
    transliterate,
)
from normtk.translit._schemes import load_scheme_file, validate_scheme

ALL = schemes()
OWN = [s for s in ALL if not s.source.startswith("iuliia ")]
SAMPLES = [
    pytest.param(s, sample.source, sample.expected, id=f"{s.name}:{sample.source[:40]}")
    for s in ALL
    for sample in s.samples
]


@pytest.mark.parametrize(("scheme_", "source", "expected"), SAMPLES)
def test_sample(scheme_: Scheme, source: str, expected: str) -> None:
    assert scheme_.translate(source) == expected


def test_every_scheme_has_samples_and_provenance() -> None:
    names = {s.name for s in ALL}
    assert {"uk-national", "uk-bgn-pcgn", "be-national", "ru-wikipedia", "ru-bgn-pcgn"} <= names
    assert {"ru-icao-doc-9303", "ru-gost-779", "ru-scientific"} <= names
    for s in ALL:
        assert s.samples, s.name
        assert s.source.strip(), s.name
        assert s.description.strip(), s.name
        assert s.name.startswith(s.lang + "-"), s.name


def test_iuliia_schemas_are_all_wrapped() -> None:
    import iuliia

    wrapped = {s.name for s in schemes("ru")}
    for name in iuliia.schemas.names():
        assert "ru-" + name.replace("_", "-") in wrapped


# The table of resolution No. 55 gives 74 examples; with the two of its note on
# зг and Запоріжжя, uk-national carries 77 samples.
def test_uk_national_carries_the_whole_table_of_the_resolution() -> None:
    national = scheme("uk-national")
    sources = {sample.source for sample in national.samples}
    assert len(national.samples) == 77
    assert {"Згорани", "Розгон", "Короп'є", "Мар'їне", "Знам'янка", "Біла Церква"} <= sources


@pytest.mark.parametrize(
    ("lang", "name"), [("uk", "uk-national"), ("ru", "ru-wikipedia"), ("be", "be-national")]
)
def test_defaults(lang: str, name: str) -> None:
    assert default_scheme(lang) == name
    assert [s.name for s in schemes(lang) if s.default] == [name]
    assert "Default:" in scheme(name).description


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Київ", "Kyiv"),
        ("КИЇВ", "KYIV"),
        ("київ", "kyiv"),
        ("ЗГУРСЬКИЙ", "ZGHURSKYI"),
        ("ЩЕРБУХИ", "SHCHERBUKHY"),
        ("Щ", "Shch"),
        ("ЄНАКІЄВЕ Єнакієве", "YENAKIIEVE Yenakiieve"),
        ("ЗНАМ'ЯНКА", "ZNAMIANKA"),
    ],
)
def test_case_is_preserved(text: str, expected: str) -> None:
    assert transliterate(text) == expected


@pytest.mark.parametrize(
    ("text", "scheme_name", "expected"),
    [
        ("ХАРЬКОВ", "ru-wikipedia", "KHARKOV"),
        ("ЩУКА", "ru-wikipedia", "SHCHUKA"),
        ("Щука", "ru-wikipedia", "Shchuka"),
        ("СЕРГЕЙ ЛАВРОВ", "ru-de-press", "SERGEJ LAWROW"),
        ("ГОМЕЛЬ", "be-national", "HOMIEĹ"),
    ],
)
def test_case_is_preserved_in_other_schemes(text: str, scheme_name: str, expected: str) -> None:
    assert transliterate(text, scheme=scheme_name) == expected


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc", "`"])
def test_apostrophe_forms(apostrophe: str) -> None:
    assert transliterate(f"Знам{apostrophe}янка") == "Znamianka"
    assert transliterate(f"Мар{apostrophe}їне") == "Marine"
    assert transliterate(f"Знам{apostrophe}янка", scheme="uk-bgn-pcgn") == "Znam\u201dyanka"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Біла Церква", "Bila Tserkva"),
        ("вул. Ярослава Мудрого", "vul. Yaroslava Mudroho"),
        ("Юрій Юрійович", "Yurii Yuriiovych"),
        ("село Їжаки, річка Яготинка", "selo Yizhaky, richka Yahotynka"),
        ("Кам'янець-Подільський", "Kamianets-Podilskyi"),
        ("Івано-Франківськ", "Ivano-Frankivsk"),
        ("«Київ»", "«Kyiv»"),
        ("\u2018Київ\u2019", "\u2018Kyiv\u2019"),
        ("Київ'", "Kyiv'"),
        ("2022 року в Ірпені", "2022 roku v Irpeni"),
    ],
)
def test_word_initial_and_medial_positions_in_running_text(text: str, expected: str) -> None:
    assert transliterate(text) == expected


NON_CYRILLIC = "Kyiv, 2022 — Zürich ñ İstanbul 東京 «quoted» 'single' a-b\tc\n"


@pytest.mark.parametrize("scheme_", ALL, ids=lambda s: s.name)
def test_non_cyrillic_text_passes_through(scheme_: Scheme) -> None:
    assert scheme_.translate(NON_CYRILLIC) == NON_CYRILLIC


def test_scheme_wins_over_lang() -> None:
    assert transliterate("Харків", scheme="uk-de-press", lang="ru") == "Charkiw"
    assert transliterate("Харьков", lang="ru") == "Kharkov"
    assert transliterate("Гомель", lang="be") == "Homieĺ"


def test_unknown_scheme_names_the_known_ones() -> None:
    with pytest.raises(UsageError, match=r"unknown transliteration scheme 'uk-nope'.*uk-national"):
        transliterate("Київ", scheme="uk-nope")


def test_unknown_language_names_the_known_ones() -> None:
    with pytest.raises(UsageError, match=r"language 'kk'; known languages: be, ru, uk"):
        transliterate("Алматы", lang="kk")
    with pytest.raises(UsageError, match="language 'kk'"):
        schemes("kk")


def test_languages() -> None:
    assert languages() == {"be": "Belarusian", "ru": "Russian", "uk": "Ukrainian"}


@pytest.mark.parametrize("lang", ["uk", "ru", "be"])
def test_latin_variants_gives_every_scheme_of_the_language(lang: str) -> None:
    variants = latin_variants("Харків Харьков Гомель", lang)
    assert list(variants) == [s.name for s in schemes(lang)]
    for name, output in variants.items():
        assert output == transliterate("Харків Харьков Гомель", scheme=name)


def test_latin_variants_for_a_name() -> None:
    variants = latin_variants("Запоріжжя", "uk")
    assert variants["uk-national"] == "Zaporizhzhia"
    assert variants["uk-de-press"] == "Saporischschja"
    assert variants["uk-fr-press"] == "Zaporijia"
    assert variants["uk-bgn-pcgn"] == "Zaporizhzhya"


def test_schemes_are_loaded_once() -> None:
    assert scheme("uk-national") is scheme("uk-national")
    assert scheme("ru-wikipedia") is scheme("ru-wikipedia")


# --- validation of scheme files ------------------------------------------------

GOOD = {
    "name": "uk-test",
    "lang": "uk",
    "description": "a test scheme",
    "source": "these tests",
    "mapping": {"а": "a", "б": "b"},
    "samples": [["аб", "ab"]],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "uk-other"}, "uk-test.json: name: 'uk-other' must equal the file name 'uk-test'"),
        ({"lang": "xx"}, "uk-test.json: lang: 'xx' is not one of be, ru, uk"),
        ({"samples": []}, "uk-test.json: samples: [] should be non-empty"),
        ({"samples": [["аб"]]}, "uk-test.json: samples: 0: ['аб'] is too short"),
        ({"mapping": {"аб": "ab"}}, "uk-test.json: mapping: 'аб' is too long"),
        ({"mapping": {"А": "a"}}, "uk-test.json: mapping: 'А': must be a lower-case letter"),
        ({"prev_mapping": {"а": "x"}}, "uk-test.json: prev_mapping: 'а' is too short"),
        ({"next_mapping": {"аж": "x"}}, "uk-test.json: next_mapping: 'аж': 'ж' not in mapping"),
        ({"start_mapping": {"в": "v"}}, "uk-test.json: start_mapping: 'в': letter missing"),
        (
            {"context_rules": [{"letter": "ж", "prev": "", "next": "", "latin": "zh"}]},
            "uk-test.json: context_rules: 0: letter 'ж' is not a letter of the mapping",
        ),
        (
            {"colour": 1},
            "uk-test.json: scheme: Additional properties are not allowed ('colour' was unexpected)",
        ),
        ({"source": " "}, "uk-test.json: source: must not be blank"),
        (
            {"context_rules": [{"letter": "а", "prev": "б"}]},
            "uk-test.json: context_rules: 0: 'next' is a required property",
        ),
    ],
)
def test_bad_scheme_data_is_reported(change: dict[str, object], message: str) -> None:
    problems = validate_scheme({**GOOD, **change}, "uk-test.json", {"be", "ru", "uk"})
    assert any(p.startswith(message) for p in problems), problems


def test_missing_field_is_reported() -> None:
    data = {k: v for k, v in GOOD.items() if k != "source"}
    assert validate_scheme(data, "uk-test.json") == [
        "uk-test.json: scheme: 'source' is a required property"
    ]


def test_load_scheme_file(tmp_path: Path) -> None:
    path = tmp_path / "uk-test.json"
    path.write_text(json.dumps(GOOD), "utf-8")
    loaded = load_scheme_file(path, {"uk"})
    assert loaded.translate("Аб, ба!") == "Ab, ba!"
    path.write_text(json.dumps({**GOOD, "mapping": {}}), "utf-8")
    with pytest.raises(SchemeError, match=r"1 problem in transliteration schemes:\n"):
        load_scheme_file(path, {"uk"})
    path.write_text("{", "utf-8")
    with pytest.raises(SchemeError, match=r"uk-test\.json: cannot read"):
        load_scheme_file(path)


def test_bundled_scheme_files_are_valid() -> None:
    from importlib import resources

    folder = resources.files("normtk.translit") / "schemes"
    files = [entry for entry in folder.iterdir() if entry.name.endswith(".json")]
    assert len(files) == len(OWN)
    for entry in files:
        data = json.loads(entry.read_text("utf-8"))
        assert validate_scheme(data, entry.name, {"be", "ru", "uk"}) == []


# --- properties ------------------------------------------------------------------

_CYRILLIC = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёъыэў"
_text = st.text(
    st.sampled_from(_CYRILLIC + _CYRILLIC.upper() + "'’ʼ -.,«»\n") | st.characters(), max_size=40
)


@pytest.mark.parametrize("scheme_", ALL, ids=lambda s: s.name)
@settings(max_examples=50, deadline=None)
@given(text=_text)
def test_never_crashes_and_keeps_foreign_characters(scheme_: Scheme, text: str) -> None:
    output = scheme_.translate(text)
    assert isinstance(output, str)
    # The runs of characters outside the scheme's alphabet come out unchanged and in order.
    position = 0
    for run in re.split("[" + re.escape("".join(scheme_.alphabet)) + "]+", text):
        found = output.find(run, position)
        assert found >= 0, (run, output)
        position = found + len(run)
    if not set(text) & scheme_.alphabet:
        assert output == text


# Column 2 of the resolution's table, the medial form where there are two.
_UK_LATIN = "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch - iu ia"
_UK_TABLE = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", _UK_LATIN.split(" "), strict=True))
_UK_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def _uk_national_by_hand(text: str) -> str:
    """Resolution No. 55 applied letter by letter, the obvious way (no apostrophes)."""
    out = []
    for i, char in enumerate(text):
        low = char.lower()
        if low not in _UK_TABLE:
            out.append(char)
            continue
        prev = text[i - 1].lower() if i else ""
        latin = _UK_TABLE[low].replace("-", "")
        if prev not in _UK_TABLE and low in _UK_START:
            latin = _UK_START[low]
        if low == "г" and prev == "з":
            latin = "gh"
        if char != low:
            j, k = i, i
            while j > 0 and text[j - 1].lower() in _UK_TABLE:
                j -= 1
            while k < len(text) and text[k].lower() in _UK_TABLE:
                k += 1
            word = text[j:k]
            latin = latin.upper() if len(word) > 1 and word.isupper() else latin.capitalize()
        out.append(latin)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяЄЇЙЮЯЗГЬЩ -.,1"), max_size=30))
def test_uk_national_equals_a_naive_reading_of_the_resolution(text: str) -> None:
    assert transliterate(text) == _uk_national_by_hand(text)


# --- the command line --------------------------------------------------------------


def test_cli_prints_the_national_forms() -> None:
    result = run_cli(
        "translit", "--lang", "uk", "Київ", "Запоріжжя", "Знам'янка", "Згорани", "Єнакієве"
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8") == "Kyiv\nZaporizhzhia\nZnamianka\nZghorany\nYenakiieve\n"
    assert result.stderr == b""


def test_cli_reads_stdin() -> None:
    data = "Харьков\nКривой Рог\r\n\nМосква\n".encode()
    for args in (["--lang", "ru"], ["--lang", "ru", "-"]):
        result = run_cli("translit", *args, input=data)
        assert result.returncode == 0, result.stderr.decode()
        assert result.stdout.decode("utf-8") == "Kharkov\nKrivoy Rog\n\nMoskva\n"


def test_cli_scheme() -> None:
    result = run_cli("translit", "--scheme", "ru-de-press", "Сергей Лавров")
    assert result.stdout.decode("utf-8") == "Sergej Lawrow\n"


def test_cli_all_json() -> None:
    result = run_cli("translit", "--lang", "uk", "--all", "--format", "json", "Харків")
    assert result.returncode == 0, result.stderr.decode()
    records = json.loads(result.stdout)
    assert records[0]["text"] == "Харків"
    assert records[0]["variants"]["uk-de-press"] == "Charkiw"
    assert set(records[0]["variants"]) == {s.name for s in schemes("uk")}


def test_cli_all_table() -> None:
    result = run_cli("translit", "--lang", "be", "--all", "Гомель")
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0].split() == ["text", "scheme", "output"]
    assert lines[1].split() == ["Гомель", "be-national", "Homieĺ"]


def test_cli_list() -> None:
    result = run_cli("translit", "--list", "--format", "json")
    rows = json.loads(result.stdout)
    assert [row["name"] for row in rows] == [s.name for s in ALL]
    result = run_cli("translit", "--list", "--lang", "uk")
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0].split()[:4] == ["name", "lang", "default", "samples"]
    assert len(lines) == 1 + len(schemes("uk"))
    assert any(line.startswith("uk-national") and " yes " in line for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scheme", "uk-nope", "Київ"], "unknown transliteration scheme 'uk-nope'"),
        (["--lang", "kk", "Алматы"], "no transliteration schemes for language 'kk'"),
        (["--lang", "uk", "--scheme", "ru-wikipedia", "x"], "is for language 'ru', not 'uk'"),
        (["--all", "--scheme", "uk-national", "x"], "cannot be combined with --scheme"),
    ],
)
def test_cli_errors(args: list[str], message: str) -> None:
    result = run_cli("translit", *args)
    assert result.returncode == 2
    stderr = result.stderr.decode("utf-8")
    assert stderr.startswith("normtk: error: ")
    assert message in stderr
    assert "Traceback" not in stderr
    assert result.stdout == b""
