"""The Gaddafi test: attested spellings of romanized names come out in one form per style.

tests/data/romanized-names.yaml lists each spelling with where it is attested
(newspapers and agencies, the Library of Congress, Wikipedia, and German,
French, Spanish and Italian outlets whose spellings leak into English through
machine translation). Each spelling is put in a sentence and normalized for
every style and language; the expected forms are the house forms the data
file writes by hand. Every spelling must be found as the entity it names, by
the mechanism its `via` says: a form, a listed variant, or the romanization
family's rules.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from conftest import DATA

from normtk import Gazetteer, Normalizer, restore
from normtk.gazetteer.model import Alias

NAMES: list[dict[str, Any]] = yaml.safe_load((DATA / "romanized-names.yaml").read_text("utf-8"))[
    "names"
]
FULL = "The spokesman said {} had been told of the decision on Tuesday."
ALONE = "The spokesman said Colonel {} had been told of the decision on Tuesday."

CASES = [
    pytest.param(name, spelling, id=f"{name['entity']}:{spelling['text']}")
    for name in NAMES
    for spelling in name["spellings"]
]


def _targets(name: dict[str, Any], alone: bool) -> dict[str, str]:
    return dict(name["alone"] if alone else name["full"])


def _normalizer(gazetteer: Gazetteer, target: str) -> Normalizer:
    lang, _, style = target.partition("/")
    return Normalizer(gazetteer, lang=lang, style=style or None)


def test_the_data_meets_the_bar() -> None:
    gaddafi = next(n for n in NAMES if n["entity"] == "muammar-gaddafi")
    assert len({s["text"] for s in gaddafi["spellings"]}) >= 30
    others = [n for n in NAMES if n["entity"] != "muammar-gaddafi"]
    assert len(others) >= 10
    for name in others:
        assert len({s["text"] for s in name["spellings"]}) >= 5, name["entity"]
    for name in NAMES:
        for spelling in name["spellings"]:
            assert spelling["where"].strip(), spelling["text"]
            assert spelling["via"] in {"form", "variant", "rules"}, spelling["text"]


@pytest.mark.parametrize(("name", "spelling"), CASES)
def test_each_style_writes_one_form(
    gazetteer: Gazetteer, name: dict[str, Any], spelling: dict[str, Any]
) -> None:
    alone = bool(spelling.get("alone"))
    carrier = ALONE if alone else FULL
    text = carrier.format(spelling["text"])
    for target, form in _targets(name, alone).items():
        result = _normalizer(gazetteer, target).normalize(text)
        assert result.text == carrier.format(form), target
        assert restore(result.text, result.changes) == text
        assert all(change.entity.split("|")[0] for change in result.changes)


@pytest.mark.parametrize(("name", "spelling"), CASES)
def test_plain_english_keeps_only_house_forms(
    gazetteer: Gazetteer, name: dict[str, Any], spelling: dict[str, Any]
) -> None:
    # Without --style a name already in some English house style stays as written;
    # every other spelling becomes one.
    alone = bool(spelling.get("alone"))
    carrier = ALONE if alone else FULL
    out = _normalizer(gazetteer, "en").normalize(carrier.format(spelling["text"])).text
    prefix, _, suffix = carrier.partition("{}")
    assert out.startswith(prefix)
    assert out.endswith(suffix)
    written = out[len(prefix) : len(out) - len(suffix)]
    if alone:
        assert written in name["default_alone"]
        return
    parts = name["default_full"]
    surname_first = gazetteer[name["entity"]].surname_first
    found = [
        (given, surname)
        for given in parts["given"]
        for surname in parts["surname"]
        if written == (f"{surname} {given}" if surname_first else f"{given} {surname}")
    ]
    assert found, written


def _via(rule: str) -> str:
    """Tell what made a mention: a listed variant, else the family's rules, else forms."""
    origins = rule.replace("surname=", "").replace("given=", "").split()
    if "variant" in origins:
        return "variant"
    if any(origin.startswith("romanize:") for origin in origins):
        return "rules"
    return "form"


@pytest.mark.parametrize(("name", "spelling"), CASES)
def test_each_spelling_is_found_as_its_entity_and_how(
    gazetteer: Gazetteer, name: dict[str, Any], spelling: dict[str, Any]
) -> None:
    alone = bool(spelling.get("alone"))
    text = (ALONE if alone else FULL).format(spelling["text"])
    mentions = Normalizer(gazetteer, "en").find(text)
    assert [m.text for m in mentions] == [spelling["text"]]
    mention = mentions[0]
    assert name["entity"] in (mention.entity_id, *mention.candidates)
    # The alias written exactly so says how it came to be; otherwise the one matched
    # (Al Gathafi is al-Gathafi with a space).
    exact = _exact_aliases(gazetteer).get((name["entity"], spelling["text"].casefold()))
    rule = exact.origin if exact is not None else mention.rule
    assert _via(rule) == spelling["via"], rule


_EXACT: dict[int, dict[tuple[str, str], Alias]] = {}


def _exact_aliases(gazetteer: Gazetteer) -> dict[tuple[str, str], Alias]:
    """Map (entity, casefolded text) to the entity's first alias written so."""
    if id(gazetteer) not in _EXACT:
        found: dict[tuple[str, str], Alias] = {}
        for alias in gazetteer.aliases():
            found.setdefault((alias.entity_id, alias.text.casefold()), alias)
        _EXACT[id(gazetteer)] = found
    return _EXACT[id(gazetteer)]
