"""``.normtk.toml``: found upward from the input, validated, applied to rules and vocabulary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, run_cli

from normtk import Gazetteer
from normtk.errors import ConfigError
from normtk.qa import Checker
from normtk.qa.config import CheckConfig, find_config, load_config

STORY = DATA / "check" / "story.en"
# tests/data/check/story.en, checked alone, has (by hand): line 1 'Kiev' off style (error),
# line 4 '(' never closed (warning).
EXAMPLE = """\
lang = "en"
min_severity = "info"

[rules]
"text.unbalanced" = "off"
"entity.off-style" = "warning"

[vocabulary]
accept = ["Lviv"]

[vocabulary.reject]
"reporters" = "journalists"
"""


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def findings(*args: str, cwd: Path | None = None) -> list[tuple[int, str, str, str, str | None]]:
    # --keep-styled: the story's Zelensky and Zelenskyy are both house-style forms.
    result = run_cli("check", *args, "--keep-styled", "--format", "jsonl", cwd=cwd)
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return [(r["segment"], r["rule"], r["severity"], r["text"], r["fix"]) for r in rows]


def story_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(STORY, folder / "story.en"))


def test_parse_the_example() -> None:
    config = CheckConfig.parse(EXAMPLE, "example.toml")
    assert config.lang == "en"
    assert config.min_severity == "info"
    assert dict(config.rules) == {"text.unbalanced": "off", "entity.off-style": "warning"}
    assert config.accept == ("Lviv",)
    assert dict(config.reject) == {"reporters": "journalists"}
    assert config.severity_of("text.unbalanced") == "off"
    assert config.severity_of("entity.added") is None


def test_found_upward_from_the_input(tmp_path: Path) -> None:
    (tmp_path / ".normtk.toml").write_text(EXAMPLE, encoding="utf-8")
    story = story_in(tmp_path / "desk" / "monday")
    assert find_config(story) == tmp_path / ".normtk.toml"
    assert load_config(None, [str(story)]).accept == ("Lviv",)
    # By hand: the unbalanced rule is off, off-style is a warning, 'reporters' is rejected.
    assert findings("--hyp", str(story)) == [
        (1, "entity.off-style", "warning", "Kiev", "Kyiv"),
        (4, "vocabulary.rejected", "error", "reporters", "journalists"),
    ]


def test_nearest_file_wins_and_no_config_ignores_it(tmp_path: Path) -> None:
    (tmp_path / ".normtk.toml").write_text(EXAMPLE, encoding="utf-8")
    story = story_in(tmp_path / "desk")
    (tmp_path / "desk" / ".normtk.toml").write_text(
        '[rules]\n"entity.off-style" = "off"\n', encoding="utf-8"
    )
    assert findings("--hyp", str(story)) == [(4, "text.unbalanced", "warning", "(", None)]
    assert findings("--hyp", str(story), "--no-config") == [
        (1, "entity.off-style", "error", "Kiev", "Kyiv"),
        (4, "text.unbalanced", "warning", "(", None),
    ]


def test_config_option_and_stdin(tmp_path: Path) -> None:
    config = tmp_path / "house.toml"
    config.write_text('[vocabulary]\naccept = ["Kiev"]\n', encoding="utf-8")
    result = run_cli(
        "check", "--hyp", "-", "--config", str(config), "--keep-styled", "--format", "jsonl",
        input=STORY.read_bytes(), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert [json.loads(line)["rule"] for line in result.stdout.decode().splitlines()] == [
        "text.unbalanced"
    ]


def test_flags_override_the_config(tmp_path: Path) -> None:
    (tmp_path / ".normtk.toml").write_text(
        'lang = "de"\nmin_severity = "error"\nfail_on = "warning"\n', encoding="utf-8"
    )
    story = story_in(tmp_path)
    # The config's: German, errors only, fail at warning. In German copy Kiev, Zelensky,
    # Zelenskyy and Lviv are all off style; the open bracket (a warning) is not shown.
    result = run_cli("check", "--hyp", str(story), "--format", "jsonl")
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["segment"], r["fix"]) for r in rows] == [
        (1, "Kiew"),
        (2, "Selenskyj"),
        (4, "Selenskyj"),
        (4, "Lwiw"),
    ]
    # The flags': English, every severity, fail only at error. Zelensky is not the
    # English default form (Zelenskyy, his own spelling).
    result = run_cli(
        "check", "--hyp", str(story), "--lang", "en", "--min-severity", "info",
        "--fail-on", "error", "--format", "jsonl",
    )  # fmt: skip
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["rule"], r["fix"]) for r in rows] == [
        ("entity.off-style", "Kyiv"),
        ("entity.off-style", "Zelenskyy"),
        ("text.unbalanced", None),
    ]


def test_accepted_name_covers_a_longer_phrase(gazetteer: Gazetteer) -> None:
    # A hand-made line: the club keeps its old name; the city is flagged.
    config = CheckConfig(accept=("Dynamo Kiev",))
    checker = Checker(gazetteer, config=config)
    found = checker.check_texts(["Dynamo Kiev beat Shakhtar in Kiev"])
    assert [(f.text, f.start) for f in found] == [("Kiev", 29)]


def test_rejected_spelling_not_doubled_by_off_style(gazetteer: Gazetteer) -> None:
    # WMT22 ru-en, system HuaweiTSC, line 114 (Donbass, off style for Donbas).
    hyp = (
        'According to the media, the "Wagnerians" allegedly fought in Donbass, Syria, '
        "Mozambique, Sudan and the Central African Republic."
    )
    config = CheckConfig(reject={"Donbass": "Donbas", "Wagnerians": "Wagner fighters"})
    found = Checker(gazetteer, config=config).check_texts([hyp])
    assert [(f.rule, f.text, f.fix) for f in found] == [
        ("vocabulary.rejected", "Wagnerians", "Wagner fighters"),
        ("entity.off-style", "Donbass", "Donbas"),
    ]
    # With off-style switched off, the rejected spelling speaks for itself.
    config = CheckConfig(rules={"entity.off-style": "off"}, reject={"Donbass": "Donbas"})
    found = Checker(gazetteer, config=config).check_texts([hyp])
    assert [(f.rule, f.text, f.fix) for f in found] == [
        ("vocabulary.rejected", "Donbass", "Donbas")
    ]


def test_library_arguments_override_the_config(gazetteer: Gazetteer) -> None:
    config = CheckConfig(lang="en", style="reuters", src_lang="uk")
    checker = Checker(gazetteer, config=config)
    assert (checker.lang, checker.style, checker.src_lang) == ("en", "reuters", "uk")
    checker = Checker(gazetteer, style="ap", src_lang="ru", config=config)
    assert (checker.lang, checker.style, checker.src_lang) == ("en", "ap", "ru")
    checker = Checker(gazetteer, lang="fr", config=CheckConfig(lang="de"))
    assert checker.lang == "fr"


BAD = [
    ('[rules]\n"entity.addded" = "off"\n', "c.toml:2: rules: unknown rule 'entity.addded'"),
    ('lang = "en"\ncolour = "red"\n', "c.toml:2: file: unknown key 'colour'"),
    (
        '[rules]\n"entity.added" = "of"\n',
        "c.toml:2: rules.\"entity.added\": 'of' is not one of ['off', 'on', 'info', 'warn",
    ),
    ('[vocabulary]\naccept = ["Lviv", 3]\n', "c.toml:2: vocabulary.accept: 3 is not of type"),
    ('\n\n[vocabulary.reject]\n"Kiev" = ""\n', "c.toml:4: vocabulary.reject.Kiev: '' should be"),
    ('lang = "en"\nstyle = [1,\n', "c.toml:2: invalid TOML"),
    ('lang = "en"\nlang = "de"\n', "c.toml:2: invalid TOML"),
    ("min_severity = 'loud'\n", "c.toml:1: min_severity: 'loud' is not one of"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_config_names_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        CheckConfig.parse(text, "c.toml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_bad_config_on_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(BAD[0][0], encoding="utf-8")
    result = run_cli("check", "--hyp", str(STORY), "--config", str(config))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr.startswith(f"normtk: error: {config}:2: rules: unknown rule 'entity.addded'")
    assert len(stderr.splitlines()) == 1
    assert result.stdout == b""
    missing = run_cli("check", "--hyp", str(STORY), "--config", str(tmp_path / "none.toml"))
    assert missing.returncode == 2
    assert missing.stderr.decode() == f"normtk: error: {tmp_path / 'none.toml'}: no such file\n"


def test_readme_example_is_valid() -> None:
    readme = (DATA.parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n# .normtk.toml\n", 1)[1].split("```", 1)[0]
    config = CheckConfig.parse(block, "README.md")
    assert config.style == "reuters"
    assert dict(config.rules) == {
        "entity.added": "off",
        "number.added": "info",
        "text.unbalanced": "warning",
    }
    assert dict(config.reject) == {"Donbass": "Donbas", "Wagnerians": "Wagner fighters"}
