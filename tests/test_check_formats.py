"""SARIF 2.1.0 and reviewdog (rdjsonl) output of `normtk check`, validated by their schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from conftest import DATA, run_cli

SCHEMAS = DATA / "schemas"
CHECK = DATA / "check"


def _run(fmt: str, *extra: str) -> str:
    # --keep-styled: the story's Zelensky and Zelenskyy are both house-style forms.
    result = run_cli(
        "check", "--hyp", str(CHECK / "story.en"), "--doc-breaks", "file", "--keep-styled",
        "--format", fmt, *extra,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


def test_sarif_validates_and_places_each_finding() -> None:
    log = json.loads(_run("sarif"))
    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("entity.off-style", "error"),
        ("entity.inconsistent", "warning"),
        ("text.unbalanced", "warning"),
    ]
    off = results[0]
    region = off["locations"][0]["physicalLocation"]["region"]
    line = (CHECK / "story.en").read_text(encoding="utf-8").splitlines()[0]
    start = line.index("Kiev")
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (
        1,
        start + 1,
        start + 5,
    )
    assert off["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("story.en")
    [change] = off["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == "Kyiv"
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert all(ids[r["ruleIndex"]] == r["ruleId"] for r in results)


def test_rdjsonl_validates_with_byte_columns_and_suggestions(tmp_path: Path) -> None:
    # A Cyrillic letter before the name: reviewdog counts its two UTF-8 bytes.
    hyp = tmp_path / "mt.en"
    hyp.write_text("Їх Kiev\n", encoding="utf-8")
    result = run_cli("check", "--hyp", str(hyp), "--checks", "style", "--format", "rdjsonl")
    assert result.returncode == 0, result.stderr.decode()
    [line] = result.stdout.decode("utf-8").splitlines()
    diagnostic = json.loads(line)
    schema = json.loads((SCHEMAS / "rdformat-diagnostic.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(diagnostic)
    span = {"start": {"line": 1, "column": 6}, "end": {"line": 1, "column": 10}}
    assert diagnostic["location"] == {"path": str(hyp), "range": span}
    assert diagnostic["severity"] == "ERROR"
    assert diagnostic["code"] == {"value": "entity.off-style"}
    assert diagnostic["suggestions"] == [{"range": span, "text": "Kyiv"}]


def test_every_rdjsonl_line_of_the_story_validates() -> None:
    schema = json.loads((SCHEMAS / "rdformat-diagnostic.schema.json").read_text(encoding="utf-8"))
    lines = _run("rdjsonl").splitlines()
    assert len(lines) == 3
    for line in lines:
        jsonschema.Draft7Validator(schema).validate(json.loads(line))
