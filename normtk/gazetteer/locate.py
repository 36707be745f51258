"""Where gazetteer data is found, and the digest that names a loaded combination of it.

Kept apart from the YAML reader so that a warm start (the on-disk cache)
imports neither the YAML library nor the schema validator.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = ["ENV_VAR", "bundled_dir", "fingerprint", "search_path", "yaml_files"]

ENV_VAR = "NORMTK_GAZETTEER_PATH"


def bundled_dir() -> Path:
    """Return the directory of the gazetteer shipped with normtk."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "_gazetteers"  # where the wheel puts it
    if installed.is_dir():
        return installed
    # A source checkout or an editable install: the data sits beside the package.
    return package.parent / "gazetteers"


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


def fingerprint(paths: Sequence[Path]) -> str:
    """Return a checksum of the name, size and modification time of every file shaping a gazetteer.

    It covers the data files under ``paths`` (YAML and word lists) and the code
    and scheme files that turn them into aliases, so a cache keyed by it goes
    stale only if a file changes without its size or time changing. Only the
    files are stat'ed, none is read: this runs on every call. The checksum tells
    versions apart, it does not guard against anyone (what the cache holds is
    validated on reading): two of zlib's, as hashlib's import alone would cost
    a short call more time than the rest of this.
    """
    package = Path(__file__).resolve().parents[1]
    code = [*_walk(package / "gazetteer", (".py",), deep=False)]
    code += _walk(package / "translit", (".py", ".json"))
    data = [f for path in paths for f in _walk(path, (".yaml", ".txt"))]
    manifest = []
    for file in [*code, *data]:
        try:
            info = Path(file).stat()
        except OSError:
            continue
        manifest.append(f"{file}\0{info.st_size}\0{info.st_mtime_ns}\0")
    listed = "".join(manifest).encode()
    return f"{zlib.crc32(listed):08x}{zlib.adler32(listed):08x}{len(listed):x}"


def _walk(path: Path, suffixes: tuple[str, ...], *, deep: bool = True) -> list[str]:
    """Return the files under ``path`` ending in ``suffixes``, sorted (``path`` if a file)."""
    if not path.is_dir():
        return [str(path)]
    found: list[str] = []
    folders = [str(path)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and deep and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(suffixes) and entry.is_file():
                    found.append(entry.path)
    return sorted(found)
