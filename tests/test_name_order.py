"""Person names beyond given-name-first: surname-first order, the article of a full name,
and the canonical romanization of the bundled people.

The small gazetteers here are written for the tests; expected outputs are
written by hand from the house forms they declare.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import REPO

from normtk import Gazetteer, Normalizer, restore
from normtk.errors import GazetteerError

STYLES = """\
languages:
  en:
    name: English
    styles:
      nyt: {description: NYT}
      ap: {description: AP}
  de: {name: German}
"""

PEOPLE = """\
entities:
  - id: xi-jinping
    type: person
    country: CN
    native: {zh: 习近平, ru: Си Цзиньпин}
    romanized: {family: zh, given: Jinping, surname: Xi}
    name_order: surname-first
    given: {en: Jinping, de: Jinping}
    surname: {en: Xi, de: Xi}
    given_variants: [Dzinpin]
    sources: [test]
  - id: kim-jong-un
    type: person
    country: KP
    native: {ko: 김정은}
    romanized: {family: ko, given: 정은, surname: 김}
    name_order: surname-first
    given: {en: Jong Un, en/nyt: Jong-un, de: Jong Un}
    surname: {en: Kim, de: Kim}
    surname_variants: [Gim]
    surname_alone: false
    sources: [test]
  - id: muammar-gaddafi
    type: person
    country: LY
    given: {en: Muammar, en/ap: Moammar, de: Muammar}
    surname: {en: Gaddafi, en/ap: Gadhafi, en/nyt: Qaddafi, de: Gaddafi}
    article: {en/nyt: el-, de: al-}
    surname_variants: [Khadafy]
    sources: [test]
  - id: bashar-al-assad
    type: person
    country: SY
    given: {en: Bashar, de: Baschar}
    surname: {en: Assad, de: Assad}
    article: {en: al-, en/ap: "", de: al-}
    sources: [test]
  - id: dmytro-kuleba
    type: person
    country: UA
    given: {en: Dmytro, de: Dmytro}
    surname: {en: Kuleba, de: Kuleba}
    given_variants: [Dmitry]
    sources: [test]
"""


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("gaz")
    (folder / "styles.yaml").write_text(STYLES, "utf-8")
    (folder / "people.yaml").write_text(PEOPLE, "utf-8")
    return Gazetteer.load([folder], bundled=False)


def norm(gaz: Gazetteer, text: str, lang: str = "en", style: str | None = None) -> str:
    return Normalizer(gaz, lang=lang, style=style).normalize(text).text


@pytest.mark.parametrize(
    ("text", "lang", "style", "expected"),
    [
        # Surname first: each part is found by its length from its own end.
        ("Xi Jin-ping arrived.", "en", None, "Xi Jinping arrived."),
        ("Xi Dzinpin arrived.", "en", None, "Xi Jinping arrived."),
        ("Hsi Chin-p'ing arrived.", "en", None, "Hsi Chin-p'ing arrived."),  # no Hsi: not him
        ("XI JIN-PING ARRIVED.", "en", None, "XI JINPING ARRIVED."),
        ("Kim Jong-un met Kim Jong Un.", "en", "nyt", "Kim Jong-un met Kim Jong-un."),
        ("Kim Jongun and Gim Jeong-eun", "en", None, "Kim Jong Un and Kim Jong Un"),
        ("Gim Jong-un said", "de", None, "Kim Jong Un said"),
        ("Mr Kim said", "en", None, "Mr Kim said"),  # a common surname alone is not him
        # Given name first, as before.
        ("Dmitry Kuleba said", "en", None, "Dmytro Kuleba said"),
        # The article: written in full names, dropped alone.
        ("Muammar Gaddafi spoke.", "en", "nyt", "Muammar el-Qaddafi spoke."),
        ("Colonel Qaddafi spoke.", "en", "nyt", "Colonel Qaddafi spoke."),
        ("Colonel Gaddafi spoke.", "en", "nyt", "Colonel Qaddafi spoke."),
        ("Muammar al-Khadafy spoke.", "en", None, "Muammar Gaddafi spoke."),
        ("Muammar el-Qaddafi spoke.", "en", None, "Muammar Gaddafi spoke."),
        ("Muammar el-Qaddafi spoke.", "en", "ap", "Moammar Gadhafi spoke."),
        ("Muammar el-Qaddafi spoke.", "de", None, "Muammar al-Gaddafi spoke."),
        ("Bashar al-Assad and Assad", "en", "ap", "Bashar Assad and Assad"),
        ("Bashar Assad and Assad", "en", None, "Bashar al-Assad and Assad"),
        ("Bashar Assad", "de", None, "Baschar al-Assad"),
    ],
)
def test_rewrites(gaz: Gazetteer, text: str, lang: str, style: str | None, expected: str) -> None:
    assert norm(gaz, text, lang, style) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Xi Jin-ping, XI DZINPIN and Xi Jin Ping met Kim Jong-Un\nand Gim Jong-un.",
        "Muammar al-Khadafy, Muammar el-Qaddafi and Bashar Assad; Dmitry Kuleba.",
    ],
)
@pytest.mark.parametrize(
    ("lang", "style"), [("en", None), ("en", "nyt"), ("en", "ap"), ("de", None)]
)
def test_lossless_either_order(gaz: Gazetteer, text: str, lang: str, style: str | None) -> None:
    result = Normalizer(gaz, lang=lang, style=style).normalize(text)
    assert result.changes
    assert restore(result.text, result.changes) == text
    assert Normalizer(gaz, lang=lang, style=style).normalize(result.text).text == result.text


def test_display_name_and_aliases_follow_the_order(gaz: Gazetteer) -> None:
    assert gaz["xi-jinping"].display_name("en") == "Xi Jinping"
    assert gaz["kim-jong-un"].display_name("en", "nyt") == "Kim Jong-un"
    assert gaz["muammar-gaddafi"].display_name("en", "nyt") == "Muammar el-Qaddafi"
    assert gaz["muammar-gaddafi"].display_name("de") == "Muammar al-Gaddafi"
    xi = [a for a in gaz.aliases() if a.entity_id == "xi-jinping" and a.kind == "full"]
    assert {a.surname_first for a in xi} == {True}
    assert "Xi Jinping" in {a.text for a in xi}
    assert "Jinping Xi" not in {a.text for a in xi}
    # A name written without spaces (习近平, 김정은) is not split into parts.
    assert gaz["xi-jinping"].split_native("习近平") == ("", "")
    assert gaz["xi-jinping"].split_native("Си Цзиньпин") == ("Цзиньпин", "Си")
    assert gaz["dmytro-kuleba"].split_native("Дмитро Кулеба") == ("Дмитро", "Кулеба")


def test_the_checker_finds_the_parts_in_either_order(gaz: Gazetteer) -> None:
    from normtk.qa.checks.consistency import _parts

    mention = Normalizer(gaz, "en").find("Kim Jong-un said")[0]
    alias = next(a for a in gaz.aliases() if a.text == mention.alias)
    assert [
        (part, mention.text[s - mention.start : e - mention.start])
        for part, s, e in _parts(alias, mention)
    ] == [("surname", "Kim"), ("given", "Jong-un")]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("    romanized: {family: xx, given: A, surname: B}\n", "unknown family 'xx'"),
        ("    romanized: {family: ar, name: Bašār}\n", "give given and surname"),
        ("    article: {fr: al-}\n", "article: unknown language or style 'fr'"),
        ("    name_order: backwards\n", "name_order"),
    ],
)
def test_bad_person_fields_name_the_problem(tmp_path: Path, entry: str, message: str) -> None:
    (tmp_path / "styles.yaml").write_text(STYLES, "utf-8")
    person = (
        "entities:\n  - id: someone\n    type: person\n    country: SY\n"
        "    given: {en: A, de: A}\n    surname: {en: B, de: B}\n    sources: [test]\n" + entry
    )
    (tmp_path / "people.yaml").write_text(person, "utf-8")
    with pytest.raises(GazetteerError, match=message):
        Gazetteer.load([tmp_path], bundled=False)


WORLD = REPO / "gazetteers" / "people" / "world-romanized.yaml"


def _world(gazetteer: Gazetteer) -> list:  # type: ignore[type-arg]
    return [e for e in gazetteer if e.file.endswith(WORLD.name)]


def test_chinese_romanizations_are_the_pinyin_of_the_hanzi(gazetteer: Gazetteer) -> None:
    pypinyin = pytest.importorskip("pypinyin")
    people = [e for e in _world(gazetteer) if e.romanized.get("family") == "zh"]
    assert len(people) >= 14
    for entity in people:
        syllables = pypinyin.lazy_pinyin(entity.native["zh"])
        surname = entity.romanized["surname"].lower()
        given = entity.romanized["given"].lower()
        assert "".join(syllables) == surname + given, entity.id
        assert entity.surname_first, entity.id


def test_korean_romanizations_are_the_hangul_of_the_name(gazetteer: Gazetteer) -> None:
    people = [e for e in _world(gazetteer) if e.romanized.get("family") == "ko"]
    assert len(people) >= 9
    for entity in people:
        hangul = entity.romanized["surname"] + entity.romanized["given"]
        assert hangul == entity.native["ko"], entity.id
        assert entity.surname_first, entity.id


def test_arabic_and_persian_romanizations_are_dmg_letters(gazetteer: Gazetteer) -> None:
    # The DMG writes every letter with a Latin letter, diacritics or ʿ ʾ; no digraphs
    # such as sh, kh or dh that would be read as two letters.
    people = [e for e in _world(gazetteer) if e.romanized.get("family") in {"ar", "fa"}]
    assert len(people) >= 20
    for entity in people:
        for piece in (entity.romanized["given"], entity.romanized["surname"]):
            base = unicodedata.normalize("NFD", piece).lower()
            for digraph in ("sh", "kh", "dh", "th", "gh"):
                assert digraph not in base, (entity.id, piece)


def test_generated_full_names_belong_to_one_entity_or_a_rule(gazetteer: Gazetteer) -> None:
    # A generated spelling must never name somebody else: every full-name key that two
    # entities claim is one of the surnames an `ambiguous` rule resolves.
    from normtk.folding import match_key

    owners: dict[str, set[str]] = {}
    for alias in gazetteer.aliases():
        if alias.kind in {"full", "surname", "name"}:
            owners.setdefault(match_key(alias.text).strip(), set()).add(alias.entity_id)
    world = {e.id for e in _world(gazetteer)}
    shared = {k: v for k, v in owners.items() if len(v) > 1 and v & world}
    for key, entities in shared.items():
        rule = gazetteer.ambiguities.get(key.replace(" ", "-")) or gazetteer.ambiguities.get(key)
        assert rule is not None, (key, entities)
        assert entities <= set(rule.entities), (key, entities)


def test_the_order_survives_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer
) -> None:
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(tmp_path / "cache"))
    folder = Path(gaz.sources[0])
    cold = Gazetteer.load([folder], bundled=False)
    warm = Gazetteer.load([folder], bundled=False)
    assert list((tmp_path / "cache").iterdir())
    text = "Kim Jongun met Muammar al-Khadafy."
    for loaded in (cold, warm):
        assert norm(loaded, text, "en", "nyt") == "Kim Jong-un met Muammar el-Qaddafi."
        assert loaded["kim-jong-un"].surname_first
        assert loaded["muammar-gaddafi"].articles == {"en/nyt": "el-", "de": "al-"}
