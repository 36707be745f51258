"""The README's quick start is what CI runs, and its Python example is true."""

from __future__ import annotations

import re

from conftest import REPO

from normtk import Gazetteer, Normalizer, restore

README = (REPO / "README.md").read_text("utf-8")


def quick_start_commands() -> list[str]:
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_quick_start_has_exactly_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "normtk normalize --lang en examples/kremlin-2022-03-21.en.txt" in commands[0]
    assert (REPO / "examples" / "kremlin-2022-03-21.en.txt").is_file()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    test_command = quick_start_commands()[1]
    install_and_test = test_command.split("activate && ", 1)[1]
    assert re.search(rf"^{re.escape(install_and_test)}$", ci, re.MULTILINE), install_and_test


def test_python_example() -> None:
    normalizer = Normalizer(Gazetteer.load(), lang="en", style=None)
    text = "The Kremlin demands that Kiev renounce plans to join NATO"
    result = normalizer.normalize(text)
    assert result.text == "The Kremlin demands that Kyiv renounce plans to join NATO"
    assert (result.changes[0].start, result.changes[0].original) == (25, "Kiev")
    assert restore(result.text, result.changes) == text
    assert [m.entity_id for m in normalizer.find("Mr Kuleba met Lavrov")] == [
        "dmytro-kuleba",
        "sergei-lavrov",
    ]
