"""The `normtk normalize` command: streams, files, errors that name the problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli, run_cli_process


def test_stdin_to_stdout_keeps_lines_and_missing_final_newline() -> None:
    # In a process of its own: `python -m normtk` with a real stdin and stdout.
    text = "Kiev\n\nLugansk\r\nno names here\nlast Kiev"
    result = run_cli_process("normalize", "--lang", "en", "-", input=text.encode())
    assert result.returncode == 0
    assert result.stdout.decode() == "Kyiv\n\nLuhansk\r\nno names here\nlast Kyiv"


def test_several_files_to_output_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kiev\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Lugansk\n", encoding="utf-8")
    result = run_cli(
        "normalize", "a.txt", "b.txt", "-o", "out.txt", "--changes", "c.jsonl", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.txt").read_text("utf-8") == "Kyiv\nLuhansk\n"
    changes = [json.loads(x) for x in (tmp_path / "c.jsonl").read_text("utf-8").splitlines()]
    assert [(c["file"], c["line"], c["original"]) for c in changes] == [
        ("a.txt", 1, "Kiev"),
        ("b.txt", 1, "Lugansk"),
    ]


def test_line_numbers_across_chunks(tmp_path: Path) -> None:
    # Far more than one streaming chunk: numbering must continue across chunks.
    lines = ["filler line without names " * 20 + "\n"] * 5000 + ["Kiev at the end\n"]
    (tmp_path / "big.txt").write_text("".join(lines), encoding="utf-8")
    result = run_cli("normalize", "big.txt", "--changes", "c.jsonl", cwd=tmp_path)
    assert result.returncode == 0
    (change,) = [json.loads(x) for x in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert change["line"] == 5001
    assert result.stdout.decode().endswith("Kyiv at the end\n")


def test_in_place_rewrites_atomically(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Kiev\n", encoding="utf-8")
    story.chmod(0o640)
    result = run_cli("normalize", "--in-place", str(story))
    assert result.returncode == 0
    assert result.stdout == b""
    assert story.read_text("utf-8") == "Kyiv\n"
    assert story.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_in_place_failure_leaves_file_untouched(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    original = b"Kiev\nbad \xff byte\n"
    story.write_bytes(original)
    result = run_cli("normalize", "--in-place", str(story))
    assert result.returncode == 2
    assert story.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_invalid_utf8_names_file_line_and_byte(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Kiev ok\nsecond \xc3\x28 line\n")
    result = run_cli("normalize", "bad.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "normtk: error: bad.txt:2: invalid UTF-8 at byte 15 (byte 0xc3); "
        "use --errors replace to substitute U+FFFD\n"
    )


def test_errors_replace(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Kiev \xff\n")
    result = run_cli("normalize", "--errors", "replace", "bad.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode() == "Kyiv \ufffd\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["normalize", "missing.txt"], "normtk: error: missing.txt: no such file\n"),
        (["normalize", "."], "normtk: error: .: is a directory, not a file\n"),
        (
            ["normalize", "--lang", "xx", "-"],
            "normtk: error: unknown language 'xx'; known languages: de, en, es, fr\n",
        ),
        (
            ["normalize", "--style", "bbc", "-"],
            (
                "normtk: error: unknown style 'bbc' for en; known styles: ap, guardian, nyt, "
                "reuters, un\n"
            ),
        ),
        (
            ["normalize", "--in-place", "-"],
            (
                "normtk: error: --in-place rewrites named files; it cannot be combined with -o "
                "or stdin\n"
            ),
        ),
    ],
)
def test_user_mistakes_get_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli(*args, cwd=tmp_path, input=b"")
    assert result.returncode == 2
    assert result.stderr.decode() == message


def test_empty_input_gives_empty_output() -> None:
    result = run_cli("normalize", "-", input=b"")
    assert result.returncode == 0
    assert result.stdout == b""


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Kiev line\n" * 200_000, encoding="utf-8")
    command = f"{sys.executable} -m normtk normalize big.txt | head -n 1"
    result = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, check=False)
    assert result.stdout == b"Kyiv line\n"
    assert result.stderr == b""


HEAVY = [
    "sacrebleu",
    "rapidfuzz",
    "argostranslate",
    "ctranslate2",
    "dask",
    "torch",
    "jsonschema",
    "pydantic",
]


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys; from normtk.cli import app; from typer.testing import CliRunner; "
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stdout.decode().strip() == ""


def _commands() -> list[str]:
    """Every command of the CLI, as typed after `normtk`."""
    from typer.main import get_command

    from normtk.cli import app

    def walk(group: Any, prefix: str) -> list[str]:
        names = []
        for name in sorted(group.list_commands(None)):
            command = group.get_command(None, name)
            if hasattr(command, "list_commands"):
                names += walk(command, f"{prefix}{name} ")
            else:
                names.append(f"{prefix}{name}")
        return names

    return walk(get_command(app), "")


def test_every_command_is_found() -> None:
    assert {c.split()[0] for c in _commands()} == {
        "check", "gazetteer", "models", "normalize", "pipeline", "report", "score", "translate",
        "translit",
    }  # fmt: skip
    assert {"gazetteer validate", "gazetteer import-geonames", "models install"} <= set(_commands())


def test_top_level_help_lines_are_the_commands_own() -> None:
    # `normtk --help` lists the commands without building them: from COMMANDS.
    import inspect

    from typer.main import get_command

    from normtk.cli import COMMANDS, app

    group = get_command(app)
    for name, (_, line) in COMMANDS.items():
        command: Any = group.get_command(None, name)  # type: ignore[attr-defined]
        assert line == " ".join(inspect.cleandoc(command.help).split("\n\n")[0].split()), name


def test_top_level_help_builds_no_command() -> None:
    code = (
        "import sys; from normtk.cli import main; sys.argv = ['normtk', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('normtk.cli.')), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert "normalize  Rewrite entity variants" in result.stdout.decode()
    assert result.stderr.decode().strip() == "[]"


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_and_is_in_readme(command: str) -> None:
    result = run_cli(*command.split(), "--help")
    assert result.returncode == 0
    assert f"normtk {command}" in (REPO / "README.md").read_text("utf-8"), command


def test_in_place_through_a_symlink_rewrites_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("Kiev\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = run_cli("normalize", "--in-place", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text("utf-8") == "Kyiv\n"


def test_output_to_a_pipe_stays_a_pipe(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "changes.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli("normalize", "--changes", str(fifo), input=b"Kiev\n")
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert fifo.is_fifo()
    assert json.loads(received[0])["replacement"] == "Kyiv"


def test_version() -> None:
    from normtk import __version__

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode() == f"normtk {__version__}\n"
    assert __version__ == "0.1.0"


def test_version_imports_nothing_heavy() -> None:
    code = (
        "import sys; from normtk.cli import main; sys.argv = ['normtk', '--version']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(','.join(m for m in {[*HEAVY, 'yaml', 'lxml', 'numpy']!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stdout.decode() == "normtk 0.1.0\n\n"


def test_the_library_error_names_no_flag(tmp_path: Path) -> None:
    from normtk.errors import DecodeError
    from normtk.io.files import read_lines

    (tmp_path / "bad.txt").write_bytes(b"Kiev ok\nsecond \xc3\x28 line\n")
    with pytest.raises(DecodeError) as info:
        list(read_lines(str(tmp_path / "bad.txt")))
    error = info.value
    assert (error.file, error.line, error.offset, error.byte) == (
        str(tmp_path / "bad.txt"),
        2,
        15,
        0xC3,
    )
    assert str(error) == f"{tmp_path / 'bad.txt'}:2: invalid UTF-8 at byte 15 (byte 0xc3)"
    assert error.parameter == "errors"


# Every command that reads text files takes --errors, and its message names the flag.
HINT = "; use --errors replace to substitute U+FFFD\n"


@pytest.mark.parametrize(
    "args",
    [
        ["normalize", "bad.txt"],
        ["score", "--ref", "ref.txt", "bad.txt"],
        ["check", "--hyp", "bad.txt"],
        ["translit", "-"],
    ],
)
def test_commands_with_errors_option_hint_at_it(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Kiev \xff\n")
    (tmp_path / "ref.txt").write_bytes(b"Kyiv\n")
    result = run_cli(*args, cwd=tmp_path, input=b"\xd0\x9a\xff\n")
    name = "<stdin>" if args[-1] == "-" else "bad.txt"
    byte = "2 (byte 0xff)" if name == "<stdin>" else "5 (byte 0xff)"
    assert result.returncode == 2
    assert result.stderr.decode() == f"normtk: error: {name}:1: invalid UTF-8 at byte {byte}{HINT}"
    replaced = run_cli(*args, "--errors", "replace", cwd=tmp_path, input=b"\xd0\x9a\xff\n")
    assert replaced.returncode == 0, replaced.stderr.decode()


def test_translit_replaces_bad_bytes_only_when_asked() -> None:
    text = "Київ\n".encode() + b"\xff\xd0\xa5\xd0\xb0\xd1\x80\xd0\xba\xd1\x96\xd0\xb2\n"
    strict = run_cli("translit", "--lang", "uk", input=text)
    assert strict.returncode == 2
    assert strict.stdout == b"Kyiv\n"
    replaced = run_cli("translit", "--lang", "uk", "--errors", "replace", input=text)
    assert replaced.stdout.decode() == "Kyiv\n\ufffdKharkiv\n"


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["normalize", "--lang", "{}"], "Kiev\n"),
        (["translit", "--lang", "{}", "Київ"], ""),
    ],
)
def test_language_codes_in_any_case(args: list[str], stdin: str) -> None:
    lang = "en" if args[0] == "normalize" else "uk"
    outputs = {
        run_cli(*(a.format(code) for a in args), input=stdin.encode()).stdout
        for code in (lang, lang.upper(), lang.title())
    }
    assert outputs == {b"Kyiv\n"}
