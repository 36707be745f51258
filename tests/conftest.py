from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from normtk import Gazetteer, Normalizer

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A gazetteer cache of the test run's own, for this process and the `normtk` it starts:
    a run loads the gazetteer in a moment, whatever other processes do to the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("cache")
        patch.setenv("NORMTK_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def seed_gazetteer() -> Gazetteer:
    """The seed people, Ukrainian places, countries and organizations only: fixed data
    for tests whose expectations must not move as the bundled gazetteer grows."""
    data = REPO / "gazetteers"
    files = [
        data / "styles.yaml",
        data / "people" / "seed.yaml",
        data / "places" / "ua.yaml",
        data / "places" / "countries.yaml",
        data / "organizations" / "international.yaml",
    ]
    return Gazetteer.load(files, bundled=False)


@pytest.fixture(scope="session")
def en(gazetteer: Gazetteer) -> Normalizer:
    return Normalizer(gazetteer, lang="en")


@dataclass(frozen=True)
class Run:
    """What a run of ``normtk`` gave: its exit status and its two output streams."""

    returncode: int
    stdout: bytes
    stderr: bytes


_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def run_cli(
    *args: str,
    input: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``normtk ARGS`` in this process, through its entry point ``normtk.cli:main``.

    The top-level group builds the command lazily, as in a real run, and the
    entry point's error handling turns library errors into messages and exit
    codes. Any other exception propagates and fails the test, as a traceback
    would in a real run. stdout and stderr are real files because normtk
    writes stdout through its descriptor; ``env`` and ``cwd`` hold for this run
    only, and the signal handlers normtk's writer installs must be gone after it.
    """
    from normtk.cli import main

    handlers = {signum: signal.getsignal(signum) for signum in _SIGNALS}
    with contextlib.ExitStack() as stack:
        stack.enter_context(CliRunner().isolation(input=input, env=env))
        out, err = (stack.enter_context(tempfile.TemporaryFile()) for _ in range(2))
        stack.callback(setattr, sys, "argv", sys.argv)
        sys.argv = ["normtk", *args]
        if cwd is not None:
            stack.callback(os.chdir, Path.cwd())
            os.chdir(cwd)
        # As Python sets them up for a process whose output is redirected.
        sys.stdout = open(out.fileno(), "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(  # noqa: SIM115
            err.fileno(), "w", encoding="utf-8", errors="backslashreplace", closefd=False
        )
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code
        finally:
            sys.stdout.close()
            sys.stderr.close()
        assert isinstance(code, int), code
        assert {signum: signal.getsignal(signum) for signum in _SIGNALS} == handlers
        out.seek(0)
        err.seek(0)
        return Run(code, out.read(), err.read())


def run_cli_process(
    *args: str,
    input: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `normtk` command in a process of its own, as a user would.

    Only for what needs a real process (see :func:`run_cli` otherwise).
    ``unprivileged`` makes a child run as root obey permission bits, as any
    other user does (see :func:`ordinary_user`).
    """
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "normtk", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        env=full_env,
        check=False,
        preexec_fn=ordinary_user() if unprivileged else None,
    )


_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def _drop_root_powers() -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def ordinary_user() -> Callable[[], None] | None:
    """Return what a child must run first to obey permission bits, or skip the test.

    Tests often run as root (CI containers too), and root writes into read-only
    folders. The child then drops the capabilities that allow it
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from its bounding set before it
    starts, so it meets permissions as an ordinary user would; a non-root run
    needs nothing.
    """
    if os.geteuid() != 0:
        return None
    try:
        subprocess.run(["true"], preexec_fn=_drop_root_powers, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"running as root and cannot drop CAP_DAC_OVERRIDE for the child: {exc}")
    return _drop_root_powers
