"""Curated place gazetteers (ua-regions, ua-frontline, ru-by, europe-me): what they claim.

Their phrases and the expected rewrites are the files' `samples`
(tests/test_gazetteer_samples.py); here: spellings that must not be aliases and
the entities each file must hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normtk import Gazetteer, Normalizer

MY_FILES = {"ua-regions.yaml", "ua-frontline.yaml", "ru-by.yaml", "europe-me.yaml"}

# Spellings that must not be aliases of the curated place files: ordinary
# words, given names and surnames, or names of other places.
NOT_ALIASES = [
    "Island",  # German for Iceland
    "Roma",  # Spanish for Rome
    "Sofia",
    "Riad",
    "Riyad",
    "Aman",
    "Malte",
    "Luck",  # Polish Łuck, for Lutsk
    "Liman",
    "Krasnoarmeysk",
    "Dzerzhinsk",
    "Seversk",
    "Oskol",
    "Volhynia",
    "Macedonia",
    "Bosnia",
    "Holland",
    "Leningrad",
    "Rostov",
    "Engels",
    "Petersburg",
    "Donets",
    "Artemivsk",
    "Ismail",
    "Sana",
    "Chernobyl",
    "Nur-Sultan",
    "Königsberg",
    "Bilhorod",  # short for Bilhorod-Dnistrovskyi, not the Russian Belgorod
    "Sibir",  # the airline and the hockey club
    "Lipsi",  # a Greek island
    "Briest",  # Effi Briest
]


def _mine(gazetteer: Gazetteer) -> list[str]:
    return [e.id for e in gazetteer if Path(e.file).name in MY_FILES]


@pytest.mark.parametrize("word", NOT_ALIASES)
def test_not_an_alias(gazetteer: Gazetteer, word: str) -> None:
    mine = set(_mine(gazetteer))
    # lookup() compares folded spellings; find() is what normalization matches
    assert not [entity.id for entity, _ in gazetteer.lookup(word) if entity.id in mine]
    for lang in ("en", "de"):
        found = Normalizer(gazetteer, lang=lang).find(f"{word} said")
        assert not [m for m in found if set(m.candidates) & mine]


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("Dnipropetrovsk", "dnipro"),
        ("Kirovohrad", "kropyvnytskyi"),
        ("Bilhorod", "belgorod"),
    ],
)
def test_old_or_short_name_not_given_to_the_city(
    gazetteer: Gazetteer, name: str, entity_id: str
) -> None:
    assert entity_id not in {entity.id for entity, _ in gazetteer.lookup(name)}


def test_dnipro_is_both_city_and_river(gazetteer: Gazetteer) -> None:
    assert {entity.id for entity, _ in gazetteer.lookup("Dnipro")} == {"dnipro", "dnieper"}


def test_every_ukrainian_place_has_ukrainian_and_russian_names(gazetteer: Gazetteer) -> None:
    missing = [
        e.id
        for e in gazetteer
        if Path(e.file).name in MY_FILES and e.country == "UA" and not {"uk", "ru"} <= set(e.native)
    ]
    assert missing == []


def test_the_files_hold_what_they_promise(gazetteer: Gazetteer) -> None:
    mine = set(_mine(gazetteer))
    # the four oblasts not named after their centre, and Sevastopol
    assert {"volyn", "zakarpattia", "dnipropetrovsk", "kirovohrad", "sevastopol"} <= mine
    # ids the GeoNames importer relies on to skip settlements curated here
    assert {"bakhmut", "sievierodonetsk", "zaporizhzhia", "kryvyi-rih", "bila-tserkva"} <= mine
    # the lead's ids are not redefined
    assert not {"kyiv", "kharkiv", "odesa", "crimea", "russia", "georgia"} & mine
