"""The seed wire story, end to end through the installed CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, run_cli

SEED = REPO / "examples" / "kremlin-2022-03-21.en.txt"

# Written by hand from reading the story: the rewrites the default English
# style must make, in order, and nothing else. Without --style every entity is
# written in one form, its default: Zelenskyy (the president's own spelling),
# Dmitry Peskov and Sergei Lavrov (AP and Reuters; the NYT writes Dmitri, AP
# Sergey), Kyiv and Luhansk (the Ukrainian national system).
EXPECTED = [
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "volodymyr-zelenskyy"),
    ("Dmitri Peskov", "Dmitry Peskov", "dmitry-peskov"),
    ("Zelensky", "Zelenskyy", "volodymyr-zelenskyy"),
    ("Kiev", "Kyiv", "kyiv"),
    ("Lugansk", "Luhansk", "luhansk"),
    ("Mevlüt Çavusoglu", "Mevlüt Çavuşoğlu", "mevlut-cavusoglu"),
    ("Sergey Lavrov", "Sergei Lavrov", "sergei-lavrov"),
    ("Dimitro Kuleba", "Dmytro Kuleba", "dmytro-kuleba"),
    ("Zelensky", "Zelenskyy", "volodymyr-zelenskyy"),
]


def test_seed_story_exact_diff(tmp_path: Path) -> None:
    original = SEED.read_text("utf-8")
    pieces, position = [], 0
    for old, new, _ in EXPECTED:
        start = original.index(old, position)
        pieces += [original[position:start], new]
        position = start + len(old)
    expected_text = "".join([*pieces, original[position:]])

    log = tmp_path / "changes.jsonl"
    # From another directory, with the path given as the user would type it.
    result = run_cli("normalize", "--lang", "en", str(SEED), "--changes", str(log), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8") == expected_text

    changes = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [(c["original"], c["replacement"], c["entity"]) for c in changes] == EXPECTED
    for change in changes:
        assert change["line"] == 1
        assert original[change["start"] : change["end"]] == change["original"]


def test_seed_story_keep_styled_leaves_house_style_forms() -> None:
    result = run_cli("normalize", "--lang", "en", "--keep-styled", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    for kept in ("Volodymyr Zelensky,", "Dmitri Peskov", "Sergey Lavrov", "Kyiv", "Luhansk"):
        assert kept in text, kept
    assert "Zelenskyy" not in text  # the story's own form, throughout


def test_seed_story_ap_style_also_brings_style_forms() -> None:
    result = run_cli("normalize", "--lang", "en", "--style", "ap", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    assert "Volodymyr Zelenskyy, the Kremlin" in text
    assert "between Putin and Zelenskyy," in text
    assert "spokesman Dmitry Peskov said" in text
    assert "Sergey Lavrov and Dmytro Kuleba" in text  # AP writes Sergey
    assert "Zelensky " not in text
