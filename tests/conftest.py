from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from normtk import Gazetteer, Normalizer

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


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


def run_cli(
    *args: str,
    input: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `normtk` command as a user would.

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
