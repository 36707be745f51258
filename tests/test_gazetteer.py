"""Gazetteer loading, validation messages, user directories, lookup, stats."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, REPO, run_cli

from normtk import Gazetteer, Normalizer
from normtk.errors import GazetteerError

BROKEN = DATA / "broken"

# Written by hand from the fixture: one line per deliberate problem.
EXPECTED_PROBLEMS = """\
{d}/entities.yaml:8: no-sources: entry: 'sources' is a required property
{d}/entities.yaml:12: Bad_Id: id: 'Bad_Id' does not match '^[a-z0-9][a-z0-9-]*$'
{d}/entities.yaml:13: Bad_Id: type: 'planet' is not one of ['country', 'region', 'city', 'town', \
'village', 'place', 'river', 'landmark', 'person', 'organization', 'media', 'event']
{d}/entities.yaml:17: good-town: duplicate id (first defined at {d}/entities.yaml:3)
{d}/entities.yaml:22: missing-german: name: no form for declared language 'de'
{d}/entities.yaml:27: odd-style: name: unknown style 'en/tabloid' (styles of en: house)
{d}/entities.yaml:32: copycat: alias 'Goodtown' is also claimed by good-town and no 'ambiguous' \
rule resolves it
{d}/entities.yaml:38: lonely-keep: keep phrase 'Somewhere Else' contains no name of this entity
{d}/entities.yaml:47: KEEPTOWN: a second 'ambiguous' rule for this alias (first at \
{d}/entities.yaml:45); merge them
{d}/unparsable.yaml:5: -: invalid YAML: did not find expected ',' or '}}'
"""


def test_validate_broken_fixture_prints_file_line_messages() -> None:
    result = run_cli("gazetteer", "validate", "--no-bundled", "broken", cwd=DATA)
    assert result.returncode == 1
    assert result.stdout.decode() == EXPECTED_PROBLEMS.format(d="broken")
    assert result.stderr.decode() == "10 problems\n"


def test_validate_json() -> None:
    result = run_cli("gazetteer", "validate", "--no-bundled", str(BROKEN), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert len(report["problems"]) == 10


def test_load_raises_with_every_problem() -> None:
    with pytest.raises(GazetteerError) as info:
        Gazetteer.load([BROKEN], bundled=False)
    assert len(info.value.problems) == 10
    assert str(info.value).startswith("10 problems in gazetteer data:\n")


def test_bundled_gazetteer_is_valid() -> None:
    result = run_cli("gazetteer", "validate")
    assert result.returncode == 0, result.stdout.decode()
    assert result.stdout == b""


def _user_dir(tmp_path: Path) -> Path:
    (tmp_path / "desk.yaml").write_text(
        """\
entities:
  - id: bakhmut-test
    type: town
    country: UA
    name: {en: Bakhmutova, es: Bakhmutova, de: Bachmutowa, fr: Bakhmoutova}
    variants: [Artemovskaya]
    sources: [desk list]
""",
        encoding="utf-8",
    )
    return tmp_path


def test_user_directory_on_top_of_bundled(tmp_path: Path) -> None:
    gaz = Gazetteer.load([_user_dir(tmp_path)])
    assert "kyiv" in gaz.entities
    assert "bakhmut-test" in gaz.entities
    out = Normalizer(gaz, "en").normalize("Artemovskaya and Kiev").text
    assert out == "Bakhmutova and Kyiv"


def test_user_directory_from_environment_and_option(tmp_path: Path) -> None:
    user = _user_dir(tmp_path)
    text = b"Artemovskaya and Kiev\n"
    by_env = run_cli(
        "normalize", "--lang", "en", input=text, env={"NORMTK_GAZETTEER_PATH": str(user)}
    )
    by_option = run_cli("normalize", "--lang", "en", "--gazetteer", str(user), input=text)
    without = run_cli("normalize", "--lang", "en", input=text)
    assert by_env.stdout == by_option.stdout == b"Bakhmutova and Kyiv\n"
    assert without.stdout == b"Artemovskaya and Kyiv\n"


def test_user_directory_clashing_with_bundled_id(tmp_path: Path) -> None:
    (tmp_path / "clash.yaml").write_text(
        "entities:\n  - id: kyiv\n    type: city\n"
        "    name: {en: Kyiv, es: Kiev, de: Kiew, fr: Kiev}\n    sources: [x]\n",
        encoding="utf-8",
    )
    result = run_cli("normalize", "--gazetteer", str(tmp_path), input=b"Kiev\n")
    assert result.returncode == 1
    message = result.stderr.decode()
    assert f"{tmp_path}/clash.yaml:2: kyiv: duplicate id (first defined at " in message
    assert "Traceback" not in message


def test_lookup_any_spelling() -> None:
    result = run_cli("gazetteer", "lookup", "KIEW", "--format", "json")
    assert result.returncode == 0
    (record,) = json.loads(result.stdout)
    assert record["id"] == "kyiv"
    assert record["matched_as"] == "name:form:de"
    origins = {a["text"]: a["origin"] for a in record["aliases"]}
    assert origins["Kyiv"] == "form:en"
    assert origins["Kijów"] == "variant"
    assert origins["Київ"] == "native:uk"


def test_lookup_unknown_name_exits_1() -> None:
    result = run_cli("gazetteer", "lookup", "Atlantis")
    assert result.returncode == 1
    assert result.stderr.decode() == "no entity known as 'Atlantis'\n"


def test_stats_counts_match_the_data(gazetteer: Gazetteer) -> None:
    result = run_cli("gazetteer", "stats", "--format", "json")
    counts = json.loads(result.stdout)
    assert counts["entities"]["total"] == len(gazetteer.entities)
    assert sum(counts["by_type"].values()) == len(gazetteer.entities)
    assert counts["by_type"]["person"] == sum(e.is_person for e in gazetteer)


def test_styles_lists_languages_and_styles() -> None:
    result = run_cli("gazetteer", "styles", "--format", "json")
    rows = json.loads(result.stdout)
    pairs = {(r["lang"], r["style"]) for r in rows}
    assert {("en", "(default)"), ("en", "ap"), ("en", "reuters"), ("de", "(default)")} <= pairs


def test_bundled_data_is_found_where_normtk_is_installed() -> None:
    import normtk
    from normtk.gazetteer.locate import bundled_dir

    directory = bundled_dir()
    assert (directory / "styles.yaml").is_file()
    assert (directory / "stopwords" / "en.txt").is_file()
    package = Path(normtk.__file__).parent
    # Installed from a wheel, the data is inside the package; from a checkout, beside it.
    assert directory in {package / "_gazetteers", package.parent / "gazetteers"}


def _billion_laughs(levels: int = 19) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"[:levels]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    # 9**19 strings once expanded: this used to hang and grow to gigabytes.
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_billion_laughs(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "normtk", "gazetteer", "validate", "--no-bundled", str(bomb)],
        capture_output=True,
        timeout=120,  # a hang guard, not a speed test: the refusal takes milliseconds
        check=False,
    )
    assert result.returncode == 1
    (line,) = result.stdout.decode().splitlines()
    assert line.startswith(f"{bomb}:2: -: YAML aliases (*a ...) expand the file to ")
    assert line.endswith(" nodes, over the limit of 100096")


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.write_text("entities: &all\n  - *all\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as info:
        Gazetteer.load([loop], bundled=False)
    assert info.value.problems == [
        f"{loop}:2: -: YAML aliases (*all ...) refer to a node that contains them"
    ]


def test_aliases_that_share_a_small_part_are_allowed(tmp_path: Path) -> None:
    # As the bundled people files share cue lists between spellings of one surname.
    data = tmp_path / "shared.yaml"
    data.write_text(
        """\
entities:
  - id: town-a
    type: town
    sources: [test]
    name: &names {en: Atown, es: Atown, de: Atown, fr: Atown}
  - id: town-b
    type: town
    sources: [test]
    name: {en: Btown, es: Btown, de: Btown, fr: Btown}
ambiguous:
  - alias: Ctown
    entities: [town-a, town-b]
    cues: &cues
      town-a: [river]
      town-b: [hill]
  - alias: Cetown
    entities: [town-a, town-b]
    cues: *cues
""",
        encoding="utf-8",
    )
    styles = REPO / "gazetteers" / "styles.yaml"
    gazetteer = Gazetteer.load([styles, data], bundled=False)
    assert gazetteer["town-a"].forms["name"]["en"] == "Atown"


def test_bundled_aliases_stay_within_the_limit() -> None:
    from normtk.gazetteer import load

    for file in sorted((REPO / "gazetteers").rglob("*.yaml")):
        text = file.read_text("utf-8")
        node = load._LineLoader(text).get_single_node()
        if node is not None:
            assert load._alias_problem(node) is None, file


def test_every_entity_has_one_default_form_per_language_and_says_why(
    gazetteer: Gazetteer,
) -> None:
    languages = set(gazetteer.languages)
    for entity in gazetteer:
        record = entity.to_dict()
        assert set(record["default"]) == languages, entity.id
        for lang, default in record["default"].items():
            assert default["form"] == entity.display_name(lang)
            assert default["why"]
    kyiv = gazetteer["kyiv"].to_dict()["default"]["en"]
    assert kyiv["form"] == "Kyiv"
    assert kyiv["why"].startswith("the Ukrainian national romanization")
    assert kyiv["sources"] == ["en: AP Stylebook 'Kyiv' (2019)"]


def test_lookup_shows_the_default_form_and_why() -> None:
    result = run_cli("gazetteer", "lookup", "Zelenskiy", "--format", "json")
    (record,) = json.loads(result.stdout)
    assert record["default"]["en"]["form"] == "Volodymyr Zelenskyy"
    assert "en/nyt: 'Zelensky'" in record["default"]["en"]["sources"]
