"""Files normtk writes: their mode, their temporary names, signals, unwritable places."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli, run_cli_process

from normtk import Gazetteer
from normtk.io.files import TEMP_NAME, open_output, remove_stale_temporaries


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_new_files_get_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    (tmp_path / "story.txt").write_text("Kiev\n", encoding="utf-8")
    command = [sys.executable, "-m", "normtk", "normalize", "story.txt"]
    command += ["-o", "out.txt", "--changes", "changes.jsonl"]
    result = subprocess.run(
        command,
        cwd=tmp_path,
        capture_output=True,
        check=False,
        preexec_fn=lambda: os.umask(umask),
    )
    assert result.returncode == 0, result.stderr.decode()
    for name in ("out.txt", "changes.jsonl"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode, name
    assert (tmp_path / "out.txt").read_text("utf-8") == "Kyiv\n"


def test_in_place_and_existing_output_keep_their_mode(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Kiev\n", encoding="utf-8")
    story.chmod(0o604)
    out = tmp_path / "out.txt"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o660)
    assert run_cli("normalize", "--in-place", str(story)).returncode == 0
    assert run_cli("normalize", str(story), "-o", str(out)).returncode == 0
    assert story.stat().st_mode & 0o777 == 0o604
    assert out.stat().st_mode & 0o777 == 0o660
    assert out.read_text("utf-8") == "Kyiv\n"


def _wait_for_temporary(folder: Path, process: subprocess.Popen[bytes]) -> str:
    """Wait until the child has its temporary file open in ``folder``; return its name."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        names = _temporaries(folder)
        if names:
            return names[0]
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    pytest.fail("the child never created its temporary file")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_writing_removes_the_temporary_file(tmp_path: Path, signum: int) -> None:
    # Input through a pipe that stays open: normtk is mid-write when the signal comes.
    process = subprocess.Popen(
        [sys.executable, "-m", "normtk", "normalize", "-o", "out.txt"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(b"Kiev\n" * 1000)
    process.stdin.flush()
    name = _wait_for_temporary(tmp_path, process)
    assert TEMP_NAME.fullmatch(name), name
    assert f".out.txt.normtk-{process.pid}-" in name
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert b"Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_sigterm_during_in_place_keeps_the_original_and_removes_the_temporary(
    tmp_path: Path,
) -> None:
    story = tmp_path / "story.txt"
    original = "Kiev and Lugansk\n" * 20_000
    story.write_text(original, encoding="utf-8")
    # The change log goes to a pipe not read until the signal is sent: once the pipe
    # is full, normtk blocks in the middle of rewriting story.txt.
    fifo = tmp_path / "changes.fifo"
    os.mkfifo(fifo)
    changes = ["--changes", str(fifo)]
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "normtk", "normalize", "--in-place", "story.txt", *changes],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
        )
        name = _wait_for_temporary(tmp_path, process)
        assert name.startswith(f".story.txt.normtk-{process.pid}-")
        process.terminate()
        os.set_blocking(reader, True)
        while os.read(reader, 1 << 16):  # let the change log drain, up to the child's exit
            pass
        _, stderr = process.communicate(timeout=60)
    finally:
        os.close(reader)
    assert process.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in stderr
    assert story.read_text("utf-8") == original
    assert _temporaries(tmp_path) == []


def test_a_killed_writers_temporary_file_is_removed_by_the_next_run(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "normtk", "normalize", "-o", "out.txt"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(b"Kiev\n")
    process.stdin.flush()
    name = _wait_for_temporary(tmp_path, process)
    process.kill()  # SIGKILL: no handler runs, the file stays behind
    process.wait(timeout=60)
    process.stdin.close()
    assert _temporaries(tmp_path) == [name]
    result = run_cli("normalize", "-o", "other.txt", cwd=tmp_path, input=b"Kiev\n")
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_stale_temporaries_of_normtk_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    stale = tmp_path / f".story.txt.normtk-{dead}-abcd1234.tmp"
    live = tmp_path / f".story.txt.normtk-{os.getppid()}-abcd1234.tmp"  # a running process
    locked = tmp_path / f".other.txt.normtk-{dead}-efgh5678.tmp"
    others = [
        tmp_path / f".story.txt.{dead}.tmp",  # another tool's temporary file
        tmp_path / f"story.txt.normtk-{dead}-abcd1234.tmp",  # not hidden: not ours
        tmp_path / f".story.txt.normtk-{dead}-abcd1234.tmp.keep",
        tmp_path / "notes.txt",
    ]
    for path in [stale, live, locked, *others]:
        path.write_text("x", encoding="utf-8")
    link = tmp_path / f".link.normtk-{dead}-ijkl9012.tmp"
    link.symlink_to(tmp_path / "notes.txt")
    with locked.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # its writer (elsewhere) still holds it
        removed = remove_stale_temporaries(tmp_path)
    assert removed == [stale]
    assert not stale.exists()
    for path in [live, locked, link, *others]:
        assert path.exists() or path.is_symlink(), path


def test_signal_handlers_are_restored_after_writing(tmp_path: Path) -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        with open_output(str(tmp_path / "out.txt")) as out:
            assert signal.getsignal(signal.SIGTERM) is not mine
            out.write("text\n")
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert (tmp_path / "out.txt").read_text("utf-8") == "text\n"


def test_an_ignored_sighup_stays_ignored(tmp_path: Path) -> None:
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        with open_output(str(tmp_path / "out.txt")):
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


# Unwritable places, as an ordinary user meets them (conftest.ordinary_user).


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    folder.chmod(0o555)
    try:
        yield
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize(
    ("args", "blamed"),
    [
        (["story.txt", "-o", "locked/out.txt"], "locked/out.txt"),
        (["story.txt", "--changes", "locked/changes.jsonl"], "locked/changes.jsonl"),
        (["--in-place", "locked/story.txt"], "locked/story.txt"),
    ],
    ids=["output", "changes", "in-place"],
)
def test_an_unwritable_folder_is_one_line_naming_the_path(
    tmp_path: Path, args: list[str], blamed: str, gazetteer: Gazetteer
) -> None:
    # `gazetteer` has filled the test run's cache, where the child finds it.
    locked = tmp_path / "locked"
    locked.mkdir()
    for folder in (tmp_path, locked):
        (folder / "story.txt").write_text("Kiev\n", encoding="utf-8")
    with _read_only(locked):
        result = run_cli_process("normalize", *args, cwd=tmp_path, unprivileged=True)
    assert result.returncode == 2
    assert result.stderr.decode() == f"normtk: error: {blamed}: cannot write: permission denied\n"
    assert sorted(p.name for p in locked.iterdir()) == ["story.txt"]
    assert (locked / "story.txt").read_text("utf-8") == "Kiev\n"


def test_a_missing_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    result = run_cli("normalize", "-o", "nowhere/out.txt", cwd=tmp_path, input=b"Kiev\n")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "normtk: error: nowhere/out.txt: cannot write: no such folder nowhere\n"
    )


def test_a_read_only_file_system_is_one_line(tmp_path: Path) -> None:
    # A read-only bind mount in a private mount namespace; skipped where that needs
    # privileges the test does not have (the permission test above runs everywhere).
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace: {probe.stderr.decode().strip()}")
    folder = tmp_path / "mounted"
    folder.mkdir()
    script = (
        f'mount --bind -o ro "{folder}" "{folder}" && '
        f'exec "{sys.executable}" -m normtk normalize -o "{folder}/out.txt"'
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], input=b"Kiev\n", capture_output=True, check=False
    )
    if b"mount:" in result.stderr:
        pytest.skip(f"cannot bind-mount read-only: {result.stderr.decode().strip()}")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"normtk: error: {folder}/out.txt: cannot write: read-only file system\n"
    )


def test_tempfile_names_stay_within_name_max(tmp_path: Path) -> None:
    name = "é" * 120 + ".txt"  # 244 bytes: the temporary name must shorten it
    with open_output(str(tmp_path / name)) as out:
        out.write("x")
    assert [p.name for p in tmp_path.iterdir()] == [name]
