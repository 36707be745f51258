"""Ignore files of accepted findings: --write-ignore records them, --ignore-file hides them."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, run_cli

from normtk.errors import InputError
from normtk.qa.ignore import HEADER, IgnoreList

STORY = DATA / "check" / "story.en"
LINE_1 = "Shelling in Kiev continued on Monday, the city's mayor said."
LINE_4 = "Zelenskyy spoke to reporters in Lviv (later."


def sha16(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def rules_found(*args: str) -> list[tuple[int, str, str]]:
    # --keep-styled: the story's Zelensky and Zelenskyy are both house-style forms.
    result = run_cli("check", *args, "--no-config", "--keep-styled", "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return [(r["segment"], r["rule"], r["text"]) for r in rows]


def test_write_then_rerun_shows_only_new_findings(tmp_path: Path) -> None:
    story = Path(shutil.copy(STORY, tmp_path / "story.en"))
    ignore = tmp_path / ".normtk-ignore"
    # Recording prints the report as usual.
    assert rules_found("--hyp", str(story), "--write-ignore", str(ignore)) == [
        (1, "entity.off-style", "Kiev"),
        (4, "text.unbalanced", "("),
    ]
    lines = ignore.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    assert [line.split("\t")[:3] for line in lines[1:]] == [
        [sha16(LINE_1), "entity.off-style", "Kiev"],
        [sha16(LINE_4), "text.unbalanced", "("],
    ]
    assert rules_found("--hyp", str(story), "--ignore-file", str(ignore)) == []
    # An edited segment is a new one; a segment moved elsewhere keeps its entry.
    story.write_text(
        "Kiev again.\n"
        + STORY.read_text(encoding="utf-8").replace("Kiev continued", "Kiev went on"),
        encoding="utf-8",
    )
    assert rules_found("--hyp", str(story), "--ignore-file", str(ignore)) == [
        (1, "entity.off-style", "Kiev"),
        (2, "entity.off-style", "Kiev"),
    ]
    assert not list(tmp_path.glob(".*.tmp"))


def test_appending_keeps_what_was_accepted(tmp_path: Path) -> None:
    story = Path(shutil.copy(STORY, tmp_path / "story.en"))
    ignore = tmp_path / "accepted.tsv"
    ignore.write_text(f"# ours\n{sha16(LINE_4)}\ttext.unbalanced\t(\tby hand\n", encoding="utf-8")
    args = ("--hyp", str(story), "--ignore-file", str(ignore))
    assert rules_found(*args, "--write-ignore", str(ignore)) == [(1, "entity.off-style", "Kiev")]
    lines = ignore.read_text(encoding="utf-8").splitlines()
    assert lines[1] == f"{sha16(LINE_4)}\ttext.unbalanced\t(\tby hand"
    assert lines[2].startswith(f"{sha16(LINE_1)}\tentity.off-style\tKiev\t1: ")
    assert rules_found(*args) == []


def test_whole_segment_findings_are_keyed_by_what_they_name(tmp_path: Path) -> None:
    # WMT22 ru-en line 146, system ALMAnaCH-Inria (judged true): '11' of the source is missing.
    hyp = (
        "As a result, the industry indicators resulted in a worse last year's result, Blomberg "
        "reports, referring to the data of the Association of Automotive Manufacturers of Turkey."
    )
    ref = (
        "As a result, the industry's performance based on results for 11 months was even lower "
        "than last year's result, according to Bloomberg with reference to the Turkey "
        "Automotive Industry Association."
    )
    (tmp_path / "hyp.en").write_text(hyp + "\n", encoding="utf-8")
    (tmp_path / "ref.en").write_text(ref + "\n", encoding="utf-8")
    args = (
        "--hyp",
        str(tmp_path / "hyp.en"),
        "--ref",
        str(tmp_path / "ref.en"),
        "--checks",
        "numbers",
    )
    ignore = tmp_path / "ignore"
    assert rules_found(*args, "--write-ignore", str(ignore)) == [(1, "number.missing", hyp)]
    entry = ignore.read_text(encoding="utf-8").splitlines()[1].split("\t")
    assert entry[:3] == [sha16(hyp), "number.missing", "11"]
    assert rules_found(*args, "--ignore-file", str(ignore)) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0123456789abcdef\ttext.unbalanced\n", "i.tsv:1: expected segment hash, rule and matched"),
        ("# x\n\nnot-a-hash\ttext.unbalanced\t(\n", "i.tsv:3: 'not-a-hash' is not a segment hash"),
        ("0123456789abcdef\ttext.unbalance\t(\n", "i.tsv:1: unknown rule 'text.unbalance'"),
    ],
)
def test_bad_ignore_file(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        IgnoreList.parse(text, "i.tsv")
    assert str(caught.value).startswith(message)


def test_bad_ignore_file_on_the_command_line(tmp_path: Path) -> None:
    ignore = tmp_path / "i.tsv"
    ignore.write_text("0123456789abcdef\ttext.unbalance\t(\n", encoding="utf-8")
    result = run_cli("check", "--hyp", str(STORY), "--ignore-file", str(ignore))
    assert result.returncode == 2
    assert result.stderr.decode() == f"normtk: error: {ignore}:1: unknown rule 'text.unbalance'\n"
    assert result.stdout == b""


def test_escaped_cells_round_trip() -> None:
    entries = IgnoreList.parse("0123456789abcdef\ttext.unbalanced\ta\\tb\\\\c\n")
    assert entries.keys == frozenset({("0123456789abcdef", "text.unbalanced", "a\tb\\c")})
