"""Ukrainian people (gazetteers/people/ua.yaml): every house form is left as written.

The gazetteer is loaded from the styles, seed.yaml and ua.yaml only, so that
places and other people files cannot change these expectations. The phrases
met in real copy are the file's `samples` (tests/test_gazetteer_samples.py).
"""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO

from normtk import Gazetteer, Normalizer

GAZ = REPO / "gazetteers"
UA_FILE = GAZ / "people" / "ua.yaml"


@pytest.fixture(scope="module")
def people() -> Gazetteer:
    files = [GAZ / "styles.yaml", GAZ / "people" / "seed.yaml", UA_FILE]
    return Gazetteer.load(files, bundled=False)


def norm(gazetteer: Gazetteer, text: str, lang: str, style: str | None = None) -> str:
    return Normalizer(gazetteer, lang=lang, style=style).normalize(text).text


def _ua_ids() -> list[str]:
    doc = yaml.safe_load(UA_FILE.read_text("utf-8"))
    return [item["id"] for item in doc["entities"]]


def test_ua_file_has_enough_people() -> None:
    assert len(_ua_ids()) >= 85


@pytest.mark.parametrize("entity_id", _ua_ids())
@pytest.mark.parametrize("lang", ["en", "es", "de", "fr"])
def test_house_form_is_left_as_written(people: Gazetteer, entity_id: str, lang: str) -> None:
    entity = people[entity_id]
    name = entity.display_name(lang)
    assert norm(people, f"{name} said.", lang) == f"{name} said."
