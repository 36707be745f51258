"""The worker plugin that hands each Dask worker the client's gazetteer (imported with dask)."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class GazetteerPlugin(WorkerPlugin):
    """Install the client's gazetteer in each worker process, once, as it joins."""

    def __init__(self, spec: Any, data: bytes) -> None:
        self.spec = spec
        self.data = data

    def setup(self, worker: Any) -> None:  # noqa: ARG002 - the hook's signature
        """Rebuild the gazetteer from its bytes and keep it for the tasks of this worker."""
        from normtk.dask.workers import install_gazetteer

        install_gazetteer(self.spec, self.data)
