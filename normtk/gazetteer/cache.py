"""An on-disk cache of loaded gazetteers, so each `normtk` call does not re-parse the data.

Entries are keyed by :func:`normtk.gazetteer.locate.fingerprint`, which
changes whenever a data file, a transliteration scheme or the code that
reads them changes. The cache lives in ``$NORMTK_CACHE_DIR``, else
``$XDG_CACHE_HOME/normtk``, else ``~/.cache/normtk``; ``NORMTK_CACHE_DIR=off``
disables it. A cache that cannot be read or written is silently bypassed.

The cache folder may be shared or writable by others, so a file in it is
untrusted input: entries are in the data-only layout of
:mod:`normtk.gazetteer.columnar`, checked on reading. A file that is corrupt,
truncated, of another version or of the wrong shape is ignored (and
rewritten by the next load).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from normtk.gazetteer.columnar import DECODE_ERRORS, Cached, decode, encode

if TYPE_CHECKING:
    from collections.abc import Mapping

    from normtk.gazetteer import Gazetteer
    from normtk.gazetteer.columnar import Rebuild
    from normtk.gazetteer.model import Entity
    from normtk.gazetteer.variants import GeneratedParts

#: Entries the cache folder keeps (the most recently used), and their largest total size.
KEEP = 8
KEEP_BYTES = 1 << 30


def cache_dir() -> Path | None:
    """Return the cache directory, or ``None`` when caching is off."""
    configured = os.environ.get("NORMTK_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "normtk"


def _path(directory: Path, digest: str) -> Path:
    return directory / f"gazetteer-{digest}.cache"


def get(digest: str, rebuild: Rebuild) -> Cached | None:
    """Return what :func:`put` stored under ``digest``, or ``None`` if there is nothing usable.

    ``rebuild`` reads the entities from the data files; it is called only if
    an entity's record turns out to be corrupt after the file passed its
    checks (nothing short of a deliberately crafted file gets that far).
    """
    directory = cache_dir()
    if directory is None:
        return None
    path = _path(directory, digest)
    try:
        data = path.read_bytes()
    except OSError:
        return None

    def dropped() -> tuple[Mapping[str, Entity], Mapping[str, GeneratedParts]]:
        path.unlink(missing_ok=True)  # for the next cold load to write afresh
        return rebuild()

    try:
        cached = decode(data, digest, dropped)
    except DECODE_ERRORS:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: the last to be dropped
    return cached


def put(digest: str, gazetteer: Gazetteer) -> None:
    """Store ``gazetteer`` under ``digest`` atomically, keeping the most recently used entries.

    One folder serves every combination of data (the bundled gazetteer alone,
    with a user's files, another installation's): dropping all but the newest
    entry would make each combination evict the others.
    """
    directory = cache_dir()
    if directory is None:
        return
    with contextlib.suppress(OSError):
        data = encode(digest, gazetteer)
        directory.mkdir(parents=True, exist_ok=True)
        for legacy in directory.glob("gazetteer-*.pickle"):
            legacy.unlink(missing_ok=True)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=".gazetteer-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            Path(temp).replace(_path(directory, digest))
        finally:
            Path(temp).unlink(missing_ok=True)
        _drop_least_recent(directory)


def _drop_least_recent(directory: Path) -> None:
    """Keep the :data:`KEEP` most recently used entries, within :data:`KEEP_BYTES` in all."""
    entries = []
    for entry in directory.glob("gazetteer-*.cache"):
        with contextlib.suppress(OSError):
            stat = entry.stat()
            entries.append((stat.st_mtime, stat.st_size, entry))
    entries.sort(reverse=True)
    total = 0
    for number, (_, size, entry) in enumerate(entries):
        total += size
        if number >= KEEP or (number > 0 and total > KEEP_BYTES):
            with contextlib.suppress(OSError):
                entry.unlink()
