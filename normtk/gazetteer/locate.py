"""Where gazetteer data is found, and the digest that names a loaded combination of it.

Kept apart from the YAML reader so that a warm start (the on-disk cache)
imports neither the YAML library nor the schema validator.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

__all__ = ["ENV_VAR", "bundled_dir", "content_digest", "search_path", "yaml_files"]

ENV_VAR = "NORMTK_GAZETTEER_PATH"


def bundled_dir() -> Path:
    """Return the directory of the gazetteer shipped with normtk."""
    installed = Path(str(resources.files("normtk"))) / "_gazetteers"
    if installed.is_dir():
        return installed
    # A source checkout or an editable install: the data sits beside the package.
    return Path(__file__).resolve().parents[2] / "gazetteers"


def search_path(extra: Iterable[Path | str] = ()) -> list[Path]:
    """Return the bundled directory, then ``$NORMTK_GAZETTEER_PATH``, then ``extra``."""
    paths = [bundled_dir()]
    paths += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    paths += [Path(p) for p in extra]
    return paths


def yaml_files(paths: Sequence[Path], problems: list[str]) -> list[Path]:
    """Return the YAML files in ``paths`` (directories searched), noting missing ones."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.yaml") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            problems.append(f"{path}: no such file or directory")
    return found


def content_digest(paths: Sequence[Path]) -> str:
    """Return a hash of every file that shapes a gazetteer loaded from ``paths``.

    It covers the data files (YAML and word lists) and the code and scheme
    files that turn them into aliases, so a cache keyed by it is never stale.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    code = sorted((package / "gazetteer").glob("*.py")) + sorted(
        p for p in (package / "translit").rglob("*") if p.suffix in {".py", ".json"}
    )
    data = [p for path in paths if path.is_dir() for p in sorted(path.rglob("*.txt"))]
    for file in [*code, *data, *yaml_files(paths, [])]:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()
