"""`normtk score` reproduces the WMT22 organisers' published BLEU and chrF for every system."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, run_cli

WMT = DATA / "wmt22"
PAIRS = ("uk-en", "ru-en")
METRICS = {"bleu-A": "BLEU", "chrf-A": "chrF2"}


def published() -> dict[tuple[str, str, str], float]:
    """The organisers' figures: (pair, system, metric) -> score; duplicate rows must agree."""
    scores: dict[tuple[str, str, str], float] = {}
    with (WMT / "automatic-scores.tsv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            if row["pair"] in PAIRS and row["metric"] in METRICS:
                key = (row["pair"], row["system"], METRICS[row["metric"]])
                value = float(row["score"])
                assert scores.setdefault(key, value) == value, key
    return scores


PUBLISHED = published()


def system_files(pair: str) -> list[Path]:
    return sorted((WMT / "system-outputs").glob(f"generaltest2022.{pair}.hyp.*.en"))


@pytest.fixture(scope="module")
def scored() -> dict[str, dict[str, Any]]:
    """One `normtk score --format json` run per language pair, scoring every system."""
    out = {}
    for pair in PAIRS:
        ref = WMT / "references" / f"generaltest2022.{pair}.ref.A.en"
        result = run_cli(
            "score",
            "--ref",
            str(ref),
            *map(str, system_files(pair)),
            "--metrics",
            "bleu,chrf",
            "--format",
            "json",
        )
        assert result.returncode == 0, result.stderr.decode()
        out[pair] = json.loads(result.stdout)
    return out


@pytest.mark.parametrize("pair", PAIRS)
def test_every_published_system_is_scored(scored: dict[str, dict[str, Any]], pair: str) -> None:
    names = {s["name"] for s in scored[pair]["systems"]}
    expected = {system for (p, system, _) in PUBLISHED if p == pair}
    assert expected, pair
    assert names == expected


@pytest.mark.parametrize(("pair", "system", "metric"), sorted(PUBLISHED))
def test_reproduces_published_score(
    scored: dict[str, dict[str, Any]], pair: str, system: str, metric: str
) -> None:
    by_name = {s["name"]: s for s in scored[pair]["systems"]}
    got = by_name[system]["scores"][metric]["score"]
    assert abs(got - PUBLISHED[pair, system, metric]) <= 1e-9


def test_signature_is_sacrebleus_default(scored: dict[str, dict[str, Any]]) -> None:
    signature = scored["uk-en"]["signatures"]["BLEU"]
    assert "tok:13a" in signature
    assert "smooth:exp" in signature
    assert signature.endswith("entities:no")


def test_wmt_xml_input_reproduces_published_scores() -> None:
    """The same uk-en figures straight from the official XML test set."""
    result = run_cli(
        "score",
        str(WMT / "xml" / "wmttest2022.uk-en.all.xml"),
        "--system",
        "Online-G",
        "--system",
        "PROMT",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr.decode()
    systems = {s["name"]: s for s in json.loads(result.stdout)["systems"]}
    assert list(systems) == ["Online-G", "PROMT"]
    for name, row in systems.items():
        for metric in ("BLEU", "chrF2"):
            assert abs(row["scores"][metric]["score"] - PUBLISHED["uk-en", name, metric]) <= 1e-9
