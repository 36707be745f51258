"""Every Ukrainian city above 15,000 people written in its Russian-derived English form
(Kharkov, Nikolayev, Zaporozhye, Krivoy Rog, Chernigov, Belaya Tserkov ...) is rewritten
to its national form by ``normtk normalize --lang en``.

The cases are generated from the data: every UA city or town of the bundled gazetteer
with a Russian native name (all of geonames-ua.yaml, whose settlements have at least
15,000 people, and the curated UA cities), written with the Russian Wikipedia
romanization of iuliia, which is how English copy spelt them before the national
forms took over. The cases known by heart are samples of the files that hold the cities
(tests/test_gazetteer_samples.py).
"""

from __future__ import annotations

import iuliia
import pytest

from normtk import Normalizer
from normtk.folding import fold
from normtk.gazetteer.load import read
from normtk.gazetteer.locate import search_path
from normtk.gazetteer.stopwords import is_common_word

SENTENCE = "Fighting near {} continued."


def _cases() -> list[tuple[str, str, str]]:
    """Return (entity id, Russian-derived form, national form) for every UA city."""
    data = read(search_path())  # read at collection time; problems fail test_geonames
    cases = []
    for entity in data.entities.values():
        imported = entity.file.endswith("geonames-ua.yaml")
        curated_city = entity.type == "city" and entity.variant_origin == "variant"
        if entity.country != "UA" or not (imported or curated_city):
            continue
        if "ru" not in entity.native:
            continue
        russian = iuliia.WIKIPEDIA.translate(entity.native["ru"])
        national = entity.form("name", "en")
        # A form that an ambiguity rule shares out (Dnepr: the city or the river) is
        # rewritten only where a cue decides; the sentence here has none. A form that
        # is an ordinary word (Malin, French for clever) is kept out of the aliases.
        if russian == national or fold(russian) in data.ambiguities:
            continue
        if is_common_word(russian):
            continue
        # Curated data may rule a spelling out (Nikolayev: a common Russian surname).
        if fold(russian) in {fold(n) for n in entity.never}:
            continue
        cases.append((entity.id, russian, national))
    return sorted(cases)


CASES = _cases()


def test_cases_were_generated() -> None:
    assert len(CASES) > 100


@pytest.mark.parametrize(("entity_id", "russian", "national"), CASES, ids=[c[0] for c in CASES])
def test_russian_derived_form_is_rewritten(
    en: Normalizer, entity_id: str, russian: str, national: str
) -> None:
    result = en.normalize(SENTENCE.format(russian))
    assert result.text == SENTENCE.format(national), entity_id
