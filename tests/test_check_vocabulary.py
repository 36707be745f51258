"""The number words and language conventions of `normtk check` (normtk/qa/languages/).

Every sample of every file is run: a new language file brings its own tests.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from normtk.errors import GazetteerError
from normtk.gazetteer.load import read_data_file
from normtk.qa import vocabulary
from normtk.qa.numbers import extract_numbers
from normtk.qa.scripts import language_script, script_shares

LANGUAGES = vocabulary.languages()
CONVENTIONS = vocabulary.conventions()


def test_every_language_file_is_read() -> None:
    assert sorted(LANGUAGES) == ["de", "en", "es", "fr", "ru", "uk"]
    assert all(lang.source for lang in LANGUAGES.values())


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (code, text, expected)
        for code, lang in sorted(LANGUAGES.items())
        for text, expected in lang.samples
    ],
)
def test_language_samples(lang: str, text: str, expected: tuple[Decimal, ...]) -> None:
    first = extract_numbers(text, lang)[0]
    assert first.values == set(expected)


@pytest.mark.parametrize(("lang", "text"), CONVENTIONS.script_samples)
def test_script_samples(lang: str, text: str) -> None:
    assert set(script_shares(text)) == {language_script(lang)}


@pytest.mark.parametrize(("lang", "text", "value"), CONVENTIONS.decimal_samples)
def test_decimal_samples(lang: str, text: str, value: Decimal) -> None:
    [number] = extract_numbers(text, lang)
    assert number.values == {value}


def test_every_apostrophe_spells_a_numeral() -> None:
    uk = LANGUAGES["uk"]
    assert {uk.numerals[w] for w in ("п'ять", "п’ять", "пʼять")} == {Decimal(5)}


def test_a_bad_file_names_its_line_and_field() -> None:
    schema = {
        "type": "object",
        "properties": {"scales": {"type": "array", "items": {"type": "object"}}},
    }
    doc, problems = read_data_file("language: xx\nscales:\n  - 12\n", schema, "xx.yaml")
    assert doc == {"language": "xx", "scales": [12]}
    assert problems == ["xx.yaml:2: scales.0: 12 is not of type 'object'"]


def test_a_file_with_another_language_is_refused(tmp_path: object) -> None:
    class File:
        name = "xx.yaml"

        def read_text(self, encoding: str) -> str:
            return "language: en\nsource: [x]\nsamples: [[one, ['1']]]\n"

    with pytest.raises(GazetteerError, match=r"xx.yaml:1: language: 'en' does not match"):
        vocabulary._language(File())  # type: ignore[arg-type]
