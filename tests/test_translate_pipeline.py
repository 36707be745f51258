"""`normtk pipeline` on the seed story: translate (copy model), normalize, score, check.

normtk runs in a process of its own each time: argostranslate reads its folders
from the environment once, when first imported, and each test gives it a home of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, run_cli_process

pytest.importorskip("ctranslate2", reason="needs the translate extra: pip install '.[translate]'")
pytest.importorskip(
    "argostranslate", reason="needs the translate extra: pip install '.[translate]'"
)

import sacrebleu
import tinymodel
from test_seed import EXPECTED as SEED_REWRITES

SEED = REPO / "examples" / "kremlin-2022-03-21.en.txt"

# The rewrites the default English style makes in the seed story, written by hand
# from reading it (the same facts tests/test_seed.py checks for `normtk normalize`).
# The copy model gives the source back: the rewrites are the seed story's own.
REWRITES = SEED_REWRITES


@pytest.fixture(scope="module")
def argos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A copy package that claims es → en, so the seed story comes out as it went in."""
    root = tmp_path_factory.mktemp("argos")
    package = tinymodel.build_copy_package(root / "es_en.argosmodel", "es", "en")
    env = tinymodel.argos_env(root)
    result = run_cli_process("models", "install", str(package), env=env)
    assert result.returncode == 0, result.stderr.decode()
    return env


def _expected_copy() -> str:
    text = SEED.read_text("utf-8")
    pieces, position = [], 0
    for old, new, _ in REWRITES:
        start = text.index(old, position)
        pieces += [text[position:start], new]
        position = start + len(old)
    return "".join([*pieces, text[position:]])


def test_seed_story_end_to_end(argos: dict[str, str], tmp_path: Path) -> None:
    # The reference differs from the source in one number, so the check has one thing to say.
    reference = tmp_path / "ref.en.txt"
    reference.write_text(SEED.read_text("utf-8").replace("in 2014", "in 2015"), encoding="utf-8")
    out = tmp_path / "out.en.txt"
    args = ["--src", str(SEED), "--from", "es", "--to", "en", "--ref", str(reference)]
    result = run_cli_process("pipeline", *args, "-o", str(out), "--format", "json", env=argos)
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)

    # Translated (copied) and normalized: exactly the hand-checked rewrites.
    expected = _expected_copy()
    assert out.read_text("utf-8") == expected
    changes = report["normalization"]["changes"]
    assert [(c["original"], c["replacement"], c["entity"]) for c in changes] == REWRITES
    assert report["translation"]["lines"] == 1
    assert report["package"]["name"] == "translate-es_en-1_0"

    # Scored: the same BLEU and chrF as sacrebleu gives for this output and reference.
    ref_text = reference.read_text("utf-8")
    system = report["score"]["systems"][0]
    bleu = sacrebleu.corpus_bleu([expected], [[ref_text]]).score
    chrf = sacrebleu.corpus_chrf([expected], [[ref_text]]).score
    assert system["scores"]["BLEU"]["score"] == pytest.approx(bleu)
    assert system["scores"]["chrF2"]["score"] == pytest.approx(chrf)

    # Checked: the reference's 2015 is not in the output, which follows the source (2014);
    # check.py's rule makes a number only the reference has an `info`.
    findings = report["check"]["findings"]
    assert [(f["kind"], f["severity"], f["fix"]) for f in findings] == [
        ("number-missing", "info", "2015")
    ]


def test_keep_styled_leaves_every_house_style_form(argos: dict[str, str], tmp_path: Path) -> None:
    # By hand: Zelensky, Dmitri Peskov and Sergey Lavrov are forms of English house
    # styles; the four below are no style's form.
    out = tmp_path / "out.en.txt"
    args = ["--src", str(SEED), "--from", "es", "--to", "en", "--keep-styled"]
    result = run_cli_process("pipeline", *args, "-o", str(out), "--format", "json", env=argos)
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert [(c["original"], c["replacement"]) for c in report["normalization"]["changes"]] == [
        ("Kiev", "Kyiv"),
        ("Lugansk", "Luhansk"),
        ("Mevlüt Çavusoglu", "Mevlüt Çavuşoğlu"),
        ("Dimitro Kuleba", "Dmytro Kuleba"),
    ]
    assert [f for f in report["check"]["findings"] if f["kind"] == "off-style"] == []


def test_report_table_and_fail_on(argos: dict[str, str], tmp_path: Path) -> None:
    reference = tmp_path / "ref.en.txt"
    reference.write_text(SEED.read_text("utf-8").replace("in 2014", "in 2015"), encoding="utf-8")
    args = ["--src", str(SEED), "--from", "es", "--to", "en", "--ref", str(reference)]
    table = run_cli_process("pipeline", *args, env=argos)
    assert table.returncode == 0, table.stderr.decode()
    text = table.stdout.decode("utf-8")
    for heading in (
        f"# {SEED}: es → en with translate-es_en-1_0",
        "## Translation: 1 lines, ",
        "## Names brought to house style (en, default style): 9",
        "line 1: Dimitro Kuleba → Dmytro Kuleba (dmytro-kuleba)",
        f"## Score against {reference}",
        "## Check against the reference and source",
        "translation: 1 findings in 1 segments (0 errors, 0 warnings, 1 info)",
    ):
        assert heading in text, heading
    assert run_cli_process("pipeline", *args, "--fail-on", "warning", env=argos).returncode == 0
    assert run_cli_process("pipeline", *args, "--fail-on", "info", env=argos).returncode == 1


def test_without_reference_checks_against_the_source(argos: dict[str, str]) -> None:
    args = ["--src", str(SEED), "--from", "es", "--to", "en", "--style", "reuters"]
    result = run_cli_process("pipeline", *args, env=argos)
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    assert "## Score: no reference given (--ref), nothing to score against" in text
    assert "## Check against the source" in text
    # Reuters style also rewrites names that are in another English style (Zelensky).
    assert "Zelensky → Zelenskiy" in text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("short-ref", "has 2 lines but"),
        ("no-package", "no installed package translates de → en"),
        ("missing-src", "missing.txt: no such file"),
    ],
)
def test_pipeline_errors(argos: dict[str, str], tmp_path: Path, setup: str, message: str) -> None:
    source = tmp_path / "src.txt"
    source.write_text("Uno.\n", encoding="utf-8")
    reference = tmp_path / "ref.txt"
    reference.write_text("One.\nTwo.\n", encoding="utf-8")
    args = {
        "short-ref": ["--src", str(source), "--from", "es", "--to", "en", "--ref", str(reference)],
        "no-package": ["--src", str(source), "--from", "de", "--to", "en"],
        "missing-src": ["--src", str(tmp_path / "missing.txt"), "--from", "es", "--to", "en"],
    }[setup]
    result = run_cli_process("pipeline", *args, env=argos)
    stderr = result.stderr.decode()
    assert result.returncode in (1, 2)
    assert message in stderr
    assert "Traceback" not in stderr


def test_invalid_utf8_in_the_source_names_the_errors_option(
    argos: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "story.es.txt"
    source.write_bytes(b"Conversaciones en Kiev \xff\n")
    args = ["--src", str(source), "--from", "ES", "--to", "EN"]
    result = run_cli_process("pipeline", *args, env=argos)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"normtk: error: {source}:1: invalid UTF-8 at byte 23 (byte 0xff); "
        "use --errors replace to substitute U+FFFD\n"
    )
    replaced = run_cli_process(
        "pipeline", *args, "--errors", "replace", "--format", "json", env=argos
    )
    assert replaced.returncode == 0, replaced.stderr.decode()
    report = json.loads(replaced.stdout)
    assert (report["from"], report["to"]) == ("es", "en")
    changes = report["normalization"]["changes"]
    assert [(c["original"], c["replacement"]) for c in changes] == [("Kiev", "Kyiv")]
