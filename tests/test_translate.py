"""`normtk translate` end to end: a test-built copy package, installed and run through the CLI.

normtk runs in a process of its own each time: argostranslate reads its folders
from the environment once, when first imported, and each test gives it a home of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, run_cli_process

pytest.importorskip("ctranslate2", reason="needs the translate extra: pip install '.[translate]'")
pytest.importorskip("sentencepiece", reason="needs the translate extra: pip install '.[translate]'")
pytest.importorskip(
    "argostranslate", reason="needs the translate extra: pip install '.[translate]'"
)

import tinymodel

SEED = REPO / "examples" / "kremlin-2022-03-21.en.txt"

# A wire story as a desk receives it, with everything that tends to break line
# alignment or bytes: blank lines, a slug, a dateline, non-ASCII scripts,
# leading/trailing/double spaces, tabs, a last line without a newline.
STORY = (
    "UKRAINE-CRISIS/KREMLIN\n"
    "\n"
    "KYIV, March 21 (Reuters) – Talks in Kiev went on. Mr. Peskov said “no”.  \n"
    "\n"
    "\n"
    "  Зеленский встретился с Кулебой в Киеве. mos/jgb\n"
    "Mevlüt Çavuşoğlu: «İstanbul görüşmeleri» 3.5% — ¿Por qué? 日本語も。\n"
    "\tTabs\tand  double  spaces, an emoji 🇺🇦 and under_scores.\n"
    "   \n"
    "Last line, no newline."
)


@pytest.fixture(scope="module")
def argos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An argostranslate home of its own, with the copy package xx → yy installed."""
    root = tmp_path_factory.mktemp("argos")
    package = tinymodel.build_copy_package(root / "copy.argosmodel", "xx", "yy")
    env = tinymodel.argos_env(root)
    result = run_cli_process("models", "install", str(package), env=env)
    assert result.returncode == 0, result.stderr.decode()
    return env


@pytest.mark.parametrize("batch_size", ["1", "3", "32"])
def test_copy_model_returns_input_exactly(argos: dict[str, str], batch_size: str) -> None:
    result = run_cli_process(
        "translate",
        "--from",
        "xx",
        "--to",
        "yy",
        "--batch-size",
        batch_size,
        input=STORY.encode("utf-8"),
        env=argos,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8") == STORY
    assert result.stderr == b""  # no progress meter when stderr is not a terminal


def test_many_lines_stay_aligned(argos: dict[str, str], tmp_path: Path) -> None:
    # Enough lines for several batches, every line different so a swap would show.
    lines = [
        f"Line {i}: Kyiv {i * 7} км. Second sentence {i}." if i % 5 else "" for i in range(300)
    ]
    source = tmp_path / "many.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run_cli_process(
        "translate", "--from", "xx", "--to", "yy", str(source), "-o", str(out), env=argos
    )
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_text("utf-8").split("\n") == [*lines, ""]


def test_seed_story_through_copy_model(argos: dict[str, str]) -> None:
    result = run_cli_process("translate", "--from", "xx", "--to", "yy", str(SEED), env=argos)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == SEED.read_bytes()


def test_normalize_after_translation(argos: dict[str, str]) -> None:
    # The copy model leaves "Kiev" and "Lugansk"; the English house style says Kyiv, Luhansk.
    result = run_cli_process(
        "translate",
        "--from",
        "xx",
        "--to",
        "yy",
        "--normalize",
        "--lang",
        "en",
        input=b"Talks in Kiev and Lugansk.\n\nKYIV, March 21 (Reuters) - Kiev said.\n",
        env=argos,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == (
        "Talks in Kyiv and Luhansk.\n\nKYIV, March 21 (Reuters) - Kyiv said.\n"
    )


def test_models_list(argos: dict[str, str]) -> None:
    result = run_cli_process("models", "list", "--format", "json", env=argos)
    assert result.returncode == 0, result.stderr.decode()
    listing = json.loads(result.stdout)
    assert listing["folder"] == argos["ARGOS_PACKAGES_DIR"]
    assert [(p["name"], p["from"], p["to"]) for p in listing["packages"]] == [
        ("translate-xx_yy-1_0", "xx", "yy")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "es", "--to", "en"], "no installed package translates es → en"),
        (["--from", "xx", "--to", "yy", "missing.txt"], "missing.txt: no such file"),
        (["--from", "xx", "--to", "yy", "--threads", "0"], "Invalid value for '--threads'"),
        (["--to", "yy"], "Missing option '--from'"),
    ],
)
def test_bad_requests_fail_with_a_message(
    argos: dict[str, str], args: list[str], message: str
) -> None:
    result = run_cli_process("translate", *args, input=b"x\n", env=argos)
    assert result.returncode != 0
    stderr = result.stderr.decode()
    assert message in stderr
    assert "Traceback" not in stderr


def test_remove_then_translate_fails(tmp_path: Path) -> None:
    package = tinymodel.build_copy_package(tmp_path / "copy.argosmodel", "ab", "cd")
    env = tinymodel.argos_env(tmp_path)
    assert run_cli_process("models", "install", str(package), env=env).returncode == 0
    again = run_cli_process("models", "install", str(package), env=env)
    assert again.returncode == 1
    assert "translate-ab_cd-1_0 is already installed" in again.stderr.decode()
    removed = run_cli_process("models", "remove", "ab-cd", env=env)
    assert removed.returncode == 0, removed.stderr.decode()
    assert removed.stdout.decode() == "removed translate-ab_cd-1_0 (ab → cd)\n"
    assert list(Path(env["ARGOS_PACKAGES_DIR"]).iterdir()) == []
    result = run_cli_process("translate", "--from", "ab", "--to", "cd", input=b"x\n", env=env)
    assert result.returncode == 1
    assert "no installed package translates ab → cd" in result.stderr.decode()


def test_progress_meter_only_on_a_terminal(argos: dict[str, str]) -> None:
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "normtk", "translate", "--from", "xx", "--to", "yy"],
            input=STORY.encode("utf-8"),
            stdout=subprocess.PIPE,
            stderr=follower,
            env={**os.environ, **argos},
            check=False,
        )
        os.close(follower)
        follower = -1
        meter = b""
        while chunk := _read_available(leader):
            meter += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == STORY  # the meter never mixes into the text
    lines = STORY.count("\n") + 1
    assert f"translated {lines} lines".encode() in meter


def _read_available(fd: int) -> bytes:
    import os
    import select

    ready, _, _ = select.select([fd], [], [], 0.5)
    if not ready:
        return b""
    try:
        return os.read(fd, 4096)
    except OSError:  # the terminal closed
        return b""


def test_output_mode_unwritable_folder_and_language_case(
    argos: dict[str, str], tmp_path: Path
) -> None:
    import os

    source = tmp_path / "story.txt"
    source.write_text("Talks in Kiev\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    old = os.umask(0o022)
    try:
        # --from/--to in upper case name the same package.
        args = ["translate", "--from", "XX", "--to", "Yy", str(source), "-o", str(out)]
        result = run_cli_process(*args, env=argos)
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_text("utf-8") == "Talks in Kiev\n"
    assert out.stat().st_mode & 0o777 == 0o644  # not 0600: colleagues can read it

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        args = ["translate", "--from", "xx", "--to", "yy", str(source), "-o", str(locked / "o")]
        result = run_cli_process(*args, env=argos, unprivileged=True)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"normtk: error: {locked / 'o'}: cannot write: permission denied\n"
    )
    assert list(locked.iterdir()) == []


def test_invalid_utf8_names_the_errors_option(argos: dict[str, str]) -> None:
    result = run_cli_process(
        "translate", "--from", "xx", "--to", "yy", input=b"ok\nbad \xff\n", env=argos
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "normtk: error: <stdin>:2: invalid UTF-8 at byte 7 (byte 0xff); "
        "use --errors replace to substitute U+FFFD\n"
    )
    replaced = run_cli_process(
        "translate",
        "--from",
        "xx",
        "--to",
        "yy",
        "--errors",
        "replace",
        input=b"ok\nbad \xff\n",
        env=argos,
    )
    assert replaced.returncode == 0, replaced.stderr.decode()
    assert replaced.stdout.decode() == "ok\nbad \ufffd\n"
