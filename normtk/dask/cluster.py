"""Connecting to a Dask cluster, and computing on it with normtk's errors."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from normtk.dask.workers import Failed, raise_failed
from normtk.errors import ClusterError, MissingExtraError, UsageError

if TYPE_CHECKING:
    import dask.bag as db
    from distributed import Client

#: Segments per score or check task (a check task holds whole documents).
PARTITION_SEGMENTS = 500
_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


def require() -> None:
    """Raise :class:`MissingExtraError` naming the pip command when dask is not installed."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        feature = "running on a Dask cluster"
        raise MissingExtraError(feature, "dask") from None


def check_address(address: str) -> None:
    """Raise :class:`UsageError` unless ``address`` is ``local:N`` or a scheduler address."""
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            msg = f"scheduler {address!r}: local:N needs a number of workers, 1 or more"
            raise UsageError(msg)
    elif not address.startswith(_SCHEMES):
        msg = f"scheduler {address!r}: give local:N or an address such as tcp://host:8786"
        raise UsageError(msg)


@contextlib.contextmanager
def connect(address: str) -> Iterator[Client]:
    """Yield a client of ``local:N`` (a LocalCluster of N worker processes) or a scheduler.

    ``tcp://host:port`` connects to a running scheduler (``dask scheduler``,
    with ``dask worker tcp://host:port`` on each machine). The LocalCluster
    is shut down when the block ends.
    """
    check_address(address)
    require()
    import logging

    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        cluster = LocalCluster(
            n_workers=int(address.removeprefix("local:")),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        msg = f"scheduler {address}: cannot connect: {exc}"
        raise ClusterError(msg) from None
    with client:
        yield client


@contextlib.contextmanager
def cluster_errors() -> Iterator[None]:
    """Raise :class:`ClusterError` for a task that killed its workers, or a lost cluster."""
    from distributed import KilledWorker

    try:
        yield
    except KilledWorker as exc:
        msg = f"the cluster gave up on a task after its workers died: {exc}"
        raise ClusterError(msg) from None
    except (OSError, TimeoutError) as exc:
        msg = f"lost the cluster: {exc}"
        raise ClusterError(msg) from None


def compute(client: Client, bag: db.Bag) -> list[Any]:
    """Compute ``bag`` on ``client``; raise the library error a task carried back, if any."""
    with cluster_errors():
        result: list[Any] = client.compute(bag).result()
    for item in result:
        if isinstance(item, Failed):
            raise_failed(item)
    return result
