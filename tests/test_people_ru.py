"""People of Russia and its neighbours (gazetteers/people/ru.yaml and other.yaml).

Rewrites of wire-copy phrases are the files' `samples` (tests/test_gazetteer_samples.py);
here: Cyrillic names, shared surnames and surnames too common to stand alone.
"""

from __future__ import annotations

import pytest

from normtk import Gazetteer, Normalizer


def test_names_in_cyrillic_are_rewritten_only_when_asked(gazetteer: Gazetteer) -> None:
    asked = Normalizer(gazetteer, "en", rewrite_native=True)
    assert asked.normalize("Глава ДНР Денис Пушилин").text == "Глава ДНР Denis Pushilin"
    # never inside quotation marks: the word itself is the subject there
    assert asked.normalize('the word "Україна" in the decree').text == (
        'the word "Україна" in the decree'
    )
    assert asked.normalize("the word «Україна» in the decree").text == (
        "the word «Україна» in the decree"
    )


# Shared surnames: the cue on the line decides; without one, nothing is attributed
# but the spelling is still rewritten, because father and son share every form.
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Security Council secretary Patrushev said", "nikolai-patrushev"),
        ("Agriculture Minister Patrushev said", "dmitry-patrushev"),
        ("Patrushev said", None),
    ],
)
def test_patrushev_cues(en: Normalizer, text: str, entity_id: str | None) -> None:
    (mention,) = en.find(text)
    assert mention.entity_id == entity_id
    assert set(mention.candidates) == {"nikolai-patrushev", "dmitry-patrushev"}


def test_patrushev_without_cue_still_rewritten(gazetteer: Gazetteer) -> None:
    assert Normalizer(gazetteer, "de").normalize("Patrushev said").text == "Patruschew said"


# The full name matches even where the surname alone must not.
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Anatoly Antonov", "anatoly-antonov"),
        ("Ilya Yashin", "ilya-yashin"),
        ("Viktor Bout", "viktor-bout"),
        ("Victor Bout", "viktor-bout"),
        ("Ilan Shor", "ilan-shor"),
        ("Yasar Guler", "yasar-guler"),
    ],
)
def test_full_name_of_common_surname(en: Normalizer, text: str, entity_id: str) -> None:
    assert [m.entity_id for m in en.find(text)] == [entity_id]


@pytest.mark.parametrize(
    ("surname", "entity_id"),
    [
        ("Antonov", "anatoly-antonov"),
        ("Yashin", "ilya-yashin"),
        ("Bout", "viktor-bout"),
        ("Shor", "ilan-shor"),
        ("Guler", "yasar-guler"),
        ("Saldo", "vladimir-saldo"),
        ("Kozak", "dmitry-kozak"),
        ("Lapin", "alexander-lapin"),
        # Spellings that transliteration would generate but that name other people:
        ("Polanski", "dmitry-polyanskiy"),  # Roman Polanski
        ("Pasichnyk", "leonid-pasechnik"),  # a common Ukrainian surname
        ("Herasymov", "valery-gerasimov"),  # the Ukrainian MP Artur Herasymov
    ],
)
def test_surname_alone_is_not_this_person(en: Normalizer, surname: str, entity_id: str) -> None:
    assert not any(entity_id in m.candidates for m in en.find(f"{surname} said"))
