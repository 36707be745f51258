"""What the workers hold: the gazetteer and the objects built from it, once per process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normtk.errors import InputError, NormtkError

if TYPE_CHECKING:
    from distributed import Client

    from normtk.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class GazetteerSpec:
    """Where a worker loads the gazetteer from, and the content digest it must have.

    ``bundled``: the data shipped with normtk (the worker's own copy) comes
    first; ``paths`` (absolute) follow, as on the client.
    """

    paths: tuple[str, ...]
    digest: str
    bundled: bool = True

    @classmethod
    def of(cls, gazetteer: Gazetteer) -> GazetteerSpec:
        """Describe a gazetteer loaded on the client, for the workers to load the same."""
        from normtk.gazetteer.locate import bundled_dir

        sources = list(gazetteer.sources)
        bundled = bool(sources) and sources[0] == bundled_dir()
        rest = sources[1:] if bundled else sources
        return cls(tuple(str(Path(p).resolve()) for p in rest), gazetteer.digest, bundled)


_LOCK = threading.Lock()
_GAZETTEERS: dict[GazetteerSpec, Gazetteer] = {}
_BUILT: dict[tuple[Any, ...], Any] = {}


def ship_gazetteer(client: Client, gazetteer: Gazetteer) -> GazetteerSpec:
    """Hand ``gazetteer`` to every worker of ``client``, now and as workers join; return its spec.

    A worker plugin carries it once per worker process (in the layout of the
    gazetteer cache, a few MB), so the workers need no data files of their
    own and each task names it by its spec only. Without this, workers load
    the spec's paths themselves (:func:`worker_gazetteer`).
    """
    from normtk.dask.plugin import GazetteerPlugin
    from normtk.gazetteer.columnar import dumps

    spec = GazetteerSpec.of(gazetteer)
    plugin = GazetteerPlugin(spec, dumps(gazetteer))
    client.register_plugin(plugin, name=f"normtk-gazetteer-{spec.digest[:16]}")
    return spec


def install_gazetteer(spec: GazetteerSpec, data: bytes) -> None:
    """Keep the gazetteer that ``data`` (from :func:`ship_gazetteer`) holds for ``spec``."""
    from normtk.gazetteer.columnar import loads

    gazetteer = loads(data, tuple(Path(p) for p in spec.paths))
    if gazetteer.digest != spec.digest:
        msg = "the gazetteer shipped to a worker does not match its digest"
        raise InputError(msg)
    with _LOCK:
        _GAZETTEERS[spec] = gazetteer


def worker_gazetteer(spec: GazetteerSpec) -> Gazetteer:
    """Return the gazetteer ``spec`` names, loaded once per process; check its digest."""
    with _LOCK:
        gazetteer = _GAZETTEERS.get(spec)
        if gazetteer is None:
            from normtk.gazetteer import Gazetteer
            from normtk.gazetteer.locate import bundled_dir

            dirs = [bundled_dir()] if spec.bundled else []
            gazetteer = Gazetteer.load([*dirs, *spec.paths], bundled=False)
            if gazetteer.digest != spec.digest:
                msg = (
                    f"a worker's gazetteer ({gazetteer.digest[:12]}) differs from the "
                    f"client's ({spec.digest[:12]}): give the workers the same data and normtk"
                )
                raise InputError(msg)
            _GAZETTEERS[spec] = gazetteer
        return gazetteer


def built(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """Return the object ``key`` names in this process, made by ``build`` the first time."""
    with _LOCK:
        found = _BUILT.get(key)
    if found is None:
        found = build()
        with _LOCK:
            found = _BUILT.setdefault(key, found)
    return found


@dataclass(slots=True)
class Failed:
    """A library error raised on a worker, carried back as data (exceptions may not unpickle)."""

    message: str
    exit_code: int


def raise_failed(failed: Failed) -> None:
    """Raise on the client the library error a worker carried back."""
    error = InputError(failed.message) if failed.exit_code == 2 else NormtkError(failed.message)
    raise error
