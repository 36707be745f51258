from __future__ import annotations

import os
import subprocess
import sys
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
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `normtk` command as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "normtk", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        env=full_env,
        check=False,
    )
