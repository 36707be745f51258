"""Normalize, score and check corpora on a Dask cluster, with the output of the local run.

Install the extra first: ``pip install 'normtk[dask]'``. :func:`connect` gives
a ``distributed.Client`` for ``local:N`` (a LocalCluster of N worker
processes) or a scheduler address (``tcp://host:port``). Then:

- :func:`normalize_files` cuts each input where the local run starts afresh:
  with ``doc_breaks="blank"`` at blank lines (a new document and a new
  chunk), into parts that run in parallel; without, at the local run's chunk
  ends, into parts that run one after another, each handed the document's
  state. Parts come back in order and are written by the client: output
  bytes and change-log line numbers equal the local run's.
- :func:`score_corpus` computes each segment's sufficient statistics on the
  workers, range by range, and aggregates them in segment order with
  sacrebleu's own code: figures, intervals, paired tests and signatures equal
  the local run's.
- :func:`check_corpus` checks whole documents on the workers; the findings
  equal the local run's.

:func:`ship_gazetteer` hands the client's gazetteer to every worker once,
by a worker plugin (workers that join later get it too); without it a worker
loads the spec's paths itself, once per process, and checks the content
digest. Normalizers and checkers are built once per worker, so a task
carries only its text (or the byte range of a file) and a few options.
Input files named to :func:`normalize_files` must be readable by the workers
at the same path (a shared file system); outputs are written by the client,
atomically. For pipelines of your own, :func:`normalize_bag` and
:func:`statistics_bag` work on ``dask.bag`` collections.
"""

from normtk.dask.check import CheckOptions, check_corpus
from normtk.dask.cluster import PARTITION_SEGMENTS, check_address, connect, require
from normtk.dask.files import normalize_files
from normtk.dask.normalize import (
    PARTITION_BYTES,
    NormalizeOptions,
    Part,
    PartResult,
    normalize_bag,
    normalize_part,
    split_file,
)
from normtk.dask.score import ScoreOptions, score_corpus, statistics_bag
from normtk.dask.workers import GazetteerSpec, install_gazetteer, ship_gazetteer, worker_gazetteer

__all__ = [
    "PARTITION_BYTES",
    "PARTITION_SEGMENTS",
    "CheckOptions",
    "GazetteerSpec",
    "NormalizeOptions",
    "Part",
    "PartResult",
    "ScoreOptions",
    "check_address",
    "check_corpus",
    "connect",
    "install_gazetteer",
    "normalize_bag",
    "normalize_files",
    "normalize_part",
    "require",
    "score_corpus",
    "ship_gazetteer",
    "split_file",
    "statistics_bag",
    "worker_gazetteer",
]
