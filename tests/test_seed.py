"""The seed wire story, end to end through the installed CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, run_cli

SEED = REPO / "examples" / "kremlin-2022-03-21.en.txt"

# Written by hand from reading the story: the four rewrites the default English
# style must make, and nothing else. Zelensky, Dmitri Peskov and Sergey Lavrov
# are forms of named English house styles and stay as written without --style.
EXPECTED = [
    ("Kiev", "Kyiv", "kyiv"),
    ("Lugansk", "Luhansk", "luhansk"),
    ("Mevlüt Çavusoglu", "Mevlüt Çavuşoğlu", "mevlut-cavusoglu"),
    ("Dimitro Kuleba", "Dmytro Kuleba", "dmytro-kuleba"),
]


def test_seed_story_exact_diff(tmp_path: Path) -> None:
    original = SEED.read_text("utf-8")
    expected_text = original
    for old, new, _ in EXPECTED:
        assert original.count(old) == 1
        expected_text = expected_text.replace(old, new)

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


def test_seed_story_ap_style_also_brings_style_forms() -> None:
    result = run_cli("normalize", "--lang", "en", "--style", "ap", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    assert "Volodymyr Zelenskyy, the Kremlin" in text
    assert "between Putin and Zelenskyy," in text
    assert "spokesman Dmitry Peskov said" in text
    assert "Sergey Lavrov and Dmytro Kuleba" in text  # AP writes Sergey
    assert "Zelensky " not in text
