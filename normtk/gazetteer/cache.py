"""An on-disk cache of loaded gazetteers, so each `normtk` call does not re-parse the data.

Entries are keyed by :func:`normtk.gazetteer.load.content_digest`, which
changes whenever a data file, a transliteration scheme or the code that
reads them changes. The cache lives in ``$NORMTK_CACHE_DIR``, else
``$XDG_CACHE_HOME/normtk``, else ``~/.cache/normtk``; ``NORMTK_CACHE_DIR=off``
disables it. A cache that cannot be read or written is silently bypassed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

_VERSION = 2


def cache_dir() -> Path | None:
    """Return the cache directory, or ``None`` when caching is off."""
    configured = os.environ.get("NORMTK_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "normtk"


def get(digest: str) -> Any | None:
    """Return what :func:`put` stored under ``digest``, or ``None``."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        with (directory / f"gazetteer-{digest}.pickle").open("rb") as file:
            version, value = pickle.load(file)  # noqa: S301 - our own file, named by content hash
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    return value if version == _VERSION else None


def put(digest: str, value: Any) -> None:
    """Store ``value`` under ``digest`` atomically, dropping older entries."""
    directory = cache_dir()
    if directory is None:
        return
    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob("gazetteer-*.pickle"):
            old.unlink(missing_ok=True)
        fd, temp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as file:
            pickle.dump((_VERSION, value), file, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temp).replace(directory / f"gazetteer-{digest}.pickle")
