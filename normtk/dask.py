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

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from normtk.errors import (
    ClusterError,
    DecodeError,
    InputError,
    MissingExtraError,
    NormtkError,
    UsageError,
)

if TYPE_CHECKING:
    import dask.bag as db
    from distributed import Client

    from normtk.gazetteer import Gazetteer
    from normtk.io.corpus import Corpus
    from normtk.io.files import Errors
    from normtk.normalize import Change, DocBreaks, Document, Normalized, Normalizer, Unresolved
    from normtk.qa.checker import Checker
    from normtk.qa.checker import DocBreaks as CheckDocBreaks
    from normtk.qa.config import CheckConfig
    from normtk.qa.findings import Finding, Summary
    from normtk.qa.ignore import IgnoreList
    from normtk.score.scorer import PairedTestType, ScoreReport, SystemStatistics

#: Bytes of input per normalize task (a part ends at the first document break after it).
PARTITION_BYTES = 8 << 20
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


# What the workers hold: the gazetteer and the objects built from it, once per process.


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
    from normtk._dask_plugin import GazetteerPlugin
    from normtk.gazetteer.cache import dumps

    spec = GazetteerSpec.of(gazetteer)
    plugin = GazetteerPlugin(spec, dumps(gazetteer))
    client.register_plugin(plugin, name=f"normtk-gazetteer-{spec.digest[:16]}")
    return spec


def install_gazetteer(spec: GazetteerSpec, data: bytes) -> None:
    """Keep the gazetteer that ``data`` (from :func:`ship_gazetteer`) holds for ``spec``."""
    from normtk.gazetteer.cache import loads

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


def _built(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    with _LOCK:
        found = _BUILT.get(key)
    if found is None:
        found = build()
        with _LOCK:
            found = _BUILT.setdefault(key, found)
    return found


@dataclass(slots=True)
class _Failed:
    """A library error raised on a worker, carried back as data (exceptions may not unpickle)."""

    message: str
    exit_code: int


def _raise(failed: _Failed) -> None:
    error = InputError(failed.message) if failed.exit_code == 2 else NormtkError(failed.message)
    raise error


# Normalize.


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """What a worker needs to normalize as the local run does (``Normalizer``'s options)."""

    gazetteer: GazetteerSpec
    lang: str = "en"
    style: str | None = None
    keep_styled: bool = False
    rewrite_native: bool = False
    doc_breaks: DocBreaks = "none"
    errors: Errors = "strict"
    #: Send back the changes / the unresolved names (only what will be written is sent).
    changes: bool = True
    unresolved: bool = True

    def normalizer(self) -> Normalizer:
        """Return this worker's normalizer for these options (built once)."""

        def build() -> Normalizer:
            from normtk.normalize import Normalizer

            return Normalizer(
                worker_gazetteer(self.gazetteer),
                self.lang,
                self.style,
                keep_styled=self.keep_styled,
                rewrite_native=self.rewrite_native,
            )

        normalizer: Normalizer = _built(("normalize", self.gazetteer, *self._key()), build)
        return normalizer

    def _key(self) -> tuple[Any, ...]:
        return (self.lang, self.style, self.keep_styled, self.rewrite_native)


@dataclass(frozen=True, slots=True)
class Part:
    """Bytes ``start:end`` of a file: whole lines, starting a document (or the file).

    A *chained* part (``cut`` > 0) continues a document: ``document`` holds
    what the lines before it settled, and the worker stops at the first chunk
    end after ``cut`` bytes, where the local run starts a new chunk too; the
    next part starts there with the document as it is then.
    """

    path: str
    start: int
    end: int
    cut: int = 0
    document: Document | None = None


@dataclass(slots=True)
class PartResult:
    """A part normalized: its text, changes and unresolved names numbered from its first line.

    ``undecodable`` is (line in the part, byte offset in the file, byte) of
    the first invalid UTF-8 with ``errors="strict"``; nothing else is set then.
    A chained part gives where the next one starts (``None``: at the end of
    the file) and the document's state there.
    """

    text: str = ""
    changes: list[Change] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    lines: int = 0
    undecodable: tuple[int, int, int] | None = None
    failed: _Failed | None = None
    next_start: int | None = None
    document: Document | None = None


def _blank(raw: bytes) -> bool:
    """Tell whether a line ends a document as ``normalize_stream`` reads it (blank)."""
    return not raw.decode("utf-8", "replace").strip()


def split_file(
    path: str, doc_breaks: DocBreaks, partition_bytes: int = PARTITION_BYTES
) -> list[Part]:
    """Split a file into parts of about ``partition_bytes``, each starting at a blank line.

    A blank line is where ``normalize_stream`` (with ``doc_breaks="blank"``)
    starts both a new document and a new chunk, so a part normalized on its
    own gives the bytes the whole file gives there. Without document breaks
    the file is one document: one chained part, which the workers continue
    part after part (see :class:`Part`), one at a time.
    """
    from normtk.io.files import open_binary

    resolved = str(Path(path).resolve())
    with open_binary(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if doc_breaks != "blank":
            return [Part(resolved, 0, size, cut=partition_bytes)]
        if size <= partition_bytes:
            return [Part(resolved, 0, size)]
        bounds = [0]
        target = partition_bytes
        while target < size:
            stream.seek(target - 1)
            stream.readline()  # to the start of the next line at or after target
            found = None
            while True:
                position = stream.tell()
                raw = stream.readline()
                if not raw:
                    break
                if _blank(raw):
                    found = position
                    break
            if found is None:
                break
            bounds.append(found)
            target = found + partition_bytes
    bounds.append(size)
    return [Part(resolved, a, b) for a, b in itertools.pairwise(bounds)]


class _UndecodableError(Exception):
    def __init__(self, line: int, offset: int, byte: int) -> None:
        super().__init__(line, offset, byte)
        self.where = (line, offset, byte)


def _part_lines(part: Part, errors: Errors, read: list[int]) -> Iterator[str]:
    """Yield the lines of a part as ``read_lines`` yields them.

    ``read`` holds the lines yielded and the byte offset after the last one.
    """
    with Path(part.path).open("rb") as stream:
        stream.seek(part.start)
        for raw in stream:
            if read[1] >= part.end:
                break
            read[0] += 1
            try:
                line = raw.decode("utf-8", errors)
            except UnicodeDecodeError as exc:
                raise _UndecodableError(read[0], read[1] + exc.start, raw[exc.start]) from None
            read[1] += len(raw)
            yield line


def _to_chunk_end(lines: Iterator[str], part: Part, read: list[int], chunk: int) -> Iterator[str]:
    """Yield lines up to the first end of a chunk (``chunk`` characters) after ``part.cut`` bytes.

    ``normalize_stream`` ends a chunk on the line that brings it to ``chunk``
    characters: stopping right after that line stops where it starts anew.
    """
    size = 0
    for line in lines:
        yield line
        size += len(line)
        if size >= chunk:
            size = 0
            if read[1] - part.start >= part.cut:
                return


def normalize_part(part: Part, options: NormalizeOptions) -> PartResult:
    """Normalize one part of a file on a worker (see :func:`split_file`)."""
    from normtk.normalize import Document, normalize_stream

    chunk = 1 << 16  # normalize_stream's own
    try:
        normalizer = options.normalizer()
        read = [0, part.start]
        texts: list[str] = []
        result = PartResult()
        lines = _part_lines(part, options.errors, read)
        document = None
        if part.cut:
            document = part.document or Document()
            lines = _to_chunk_end(lines, part, read, chunk)
        for normalized in normalize_stream(
            normalizer, lines, chunk, doc_breaks=options.doc_breaks, document=document
        ):
            texts.append(normalized.text)
            if options.changes:
                result.changes += normalized.changes
            if options.unresolved:
                result.unresolved += normalized.unresolved
    except _UndecodableError as exc:
        return PartResult(undecodable=exc.where)
    except NormtkError as exc:
        return PartResult(failed=_Failed(str(exc), exc.exit_code))
    except OSError as exc:
        return PartResult(failed=_Failed(f"{part.path}: cannot read: {exc.strerror}", 2))
    result.text = "".join(texts)
    result.lines = read[0]
    if part.cut and read[1] < part.end:
        result.next_start = read[1]
        result.document = document
    return result


@dataclass(slots=True)
class _File:
    """One input on its way through the cluster: parts to submit, parts submitted in order."""

    parts: deque[Part]
    entries: deque[list[Any]] = field(default_factory=deque)  # [future, result or None, part]


def _results(
    client: Client, files: list[_File], options: NormalizeOptions, window: int
) -> Generator[tuple[int, PartResult], None, None]:
    """Yield each file's part results, file after file, in order, ``window`` parts at a time.

    Parts of later files run while earlier ones are written; a chained part
    is submitted when the one before it is done. Only ``window`` results
    exist at once (one more for the file being written, if it waits on its
    chain), so memory stays bounded however long the input. A worker that
    dies has its tasks run again elsewhere (Dask's ``allowed-failures``); a
    task that killed too many workers, or a lost scheduler, raises
    :class:`ClusterError`.
    """
    from distributed import as_completed

    done = as_completed()
    owners: dict[Any, tuple[_File, list[Any]]] = {}
    held = 0

    def fill(current: int) -> None:
        nonlocal held
        for index in range(current, len(files)):
            own = files[index]
            while own.parts and (held < window or (index == current and not own.entries)):
                part = own.parts.popleft()
                future = client.submit(normalize_part, part, options, pure=False)
                entry = [future, None, part]
                own.entries.append(entry)
                owners[future.key] = (own, entry)
                done.add(future)
                held += 1

    try:
        for index, own in enumerate(files):
            fill(index)
            while own.entries:
                head = own.entries[0]
                if head[1] is not None:
                    own.entries.popleft()
                    held -= 1
                    yield index, head[1]
                    fill(index)
                    continue
                future = next(done)
                holder, entry = owners.pop(future.key)
                entry[1] = result = _result(future)
                future.release()
                if result.next_start is not None:  # the chain goes on from there
                    part = entry[2]
                    holder.parts.append(
                        Part(part.path, result.next_start, part.end, part.cut, result.document)
                    )
                fill(index)
    finally:
        left = [e[0] for own in files for e in own.entries if e[1] is None]
        if left:
            client.cancel(left)


def _result(future: Any) -> PartResult:
    from distributed import KilledWorker

    try:
        result: PartResult = future.result()
    except KilledWorker as exc:
        msg = f"the cluster gave up on a task after its workers died: {exc}"
        raise ClusterError(msg) from None
    except (OSError, TimeoutError) as exc:
        msg = f"lost the cluster: {exc}"
        raise ClusterError(msg) from None
    return result


def _window(client: Client) -> int:
    workers = len(client.scheduler_info().get("workers", {})) or 1
    return 2 * workers


def normalize_files(
    client: Client,
    inputs: Sequence[str],
    options: NormalizeOptions,
    *,
    output: str | None = None,
    output_dir: str | None = None,
    in_place: bool = False,
    changes: str | None = None,
    suggest: str | None = None,
    partition_bytes: int = PARTITION_BYTES,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Normalize files on the cluster into ``output`` (or stdout), ``output_dir`` or in place.

    Writes what ``normtk normalize`` writes locally, byte for byte, change log
    (``changes``) and unresolved names (``suggest``) included: one JSON object
    a line naming the file as given. Every output is written atomically; a
    failure leaves no output of the file it was writing. ``progress`` is
    called with the number of parts written so far.
    """
    from normtk.io.files import STDIO, open_output

    if STDIO in inputs:
        msg = "on a cluster, normalize named files (the workers read them), not stdin"
        raise UsageError(msg)
    targets = _targets(inputs, output_dir, in_place)
    options = dataclasses.replace(
        options, changes=changes is not None, unresolved=suggest is not None
    )
    files = [_File(deque(split_file(n, options.doc_breaks, partition_bytes))) for n in inputs]
    written = [0]
    ahead: list[tuple[int, PartResult]] = []

    def write_file(index: int, name: str, out: TextIO) -> None:
        first_line = 1
        while True:
            step = ahead.pop() if ahead else next(results, None)
            if step is None:
                return
            if step[0] != index:
                ahead.append(step)
                return
            _write_part(name, step[1], first_line, out, log, unresolved)
            first_line += step[1].lines
            written[0] += 1
            if progress is not None:
                progress(written[0])

    with (
        contextlib.closing(_results(client, files, options, _window(client))) as results,
        open_output(changes) if changes else contextlib.nullcontext() as log,
        open_output(suggest) if suggest else contextlib.nullcontext() as unresolved,
    ):
        if targets is None:
            with open_output(output) as out:
                for index, name in enumerate(inputs):
                    write_file(index, name, out)
        else:
            for index, (name, target) in enumerate(zip(inputs, targets, strict=True)):
                with open_output(target) as out:
                    write_file(index, name, out)


def _targets(inputs: Sequence[str], output_dir: str | None, in_place: bool) -> list[str] | None:
    from normtk.io.files import output_paths

    if in_place:
        return list(inputs)
    if output_dir is None:
        return None
    return output_paths(inputs, output_dir)


def _write_part(
    name: str,
    result: PartResult,
    first_line: int,
    out: TextIO,
    log: TextIO | None,
    unresolved: TextIO | None,
) -> None:
    from dataclasses import replace

    if result.failed is not None:
        _raise(result.failed)
    if result.undecodable is not None:
        line, offset, byte = result.undecodable
        raise DecodeError(name, first_line + line - 1, offset, byte)
    out.write(result.text)
    shift = first_line - 1
    for stream, records in ((log, result.changes), (unresolved, result.unresolved)):
        if stream is None:
            continue
        for record in records:
            moved = replace(record, line=record.line + shift)
            stream.write(json.dumps({"file": name, **moved.to_dict()}, ensure_ascii=False))
            stream.write("\n")


def normalize_bag(documents: db.Bag, options: NormalizeOptions) -> db.Bag:
    """Map a bag of documents (strings of whole lines) to one ``Normalized`` each.

    Each document is normalized as ``normtk normalize`` normalizes a file of
    its own (in chunks, its changes numbered from its first line).
    """
    require()
    return documents.map(_normalize_document, options)


def _normalize_document(document: str, options: NormalizeOptions) -> Normalized:
    from normtk.normalize import Normalized, normalize_stream

    chunks = list(normalize_stream(options.normalizer(), _lines(document)))
    return Normalized(
        "".join(c.text for c in chunks),
        [change for c in chunks for change in c.changes],
        [item for c in chunks for item in c.unresolved],
    )


def _lines(text: str) -> list[str]:
    """Split ``text`` after each ``\\n`` only, as normtk reads files."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


# Score.


@dataclass(frozen=True, slots=True)
class ScoreOptions:
    """What a worker needs to compute a scorer's per-segment statistics."""

    metrics: tuple[str, ...] = ("bleu", "chrf")
    gazetteer: GazetteerSpec | None = None  # with one, entities are normalized
    lang: str = "en"
    style: str | None = None
    lowercase: bool = False
    tokenize: str | None = None
    n_bootstrap: int = 1000
    seed: int = 12345

    def normalizer(self) -> Normalizer | None:
        """Return this worker's normalizer for entity scoring (built once), or ``None``."""
        if self.gazetteer is None:
            return None
        return NormalizeOptions(self.gazetteer, self.lang, self.style).normalizer()


def _segment_statistics(
    segments: Sequence[tuple[tuple[str, ...], dict[str, str]]], options: ScoreOptions
) -> list[dict[str, SystemStatistics]]:
    """Return the statistics of a range of segments ``(refs, {system: hyp})``, per system."""
    from normtk.score.scorer import Scorer

    if not segments:
        return []
    refs = [list(stream) for stream in zip(*(refs for refs, _ in segments), strict=True)]
    systems = list(segments[0][1])
    try:
        scorer = Scorer(
            refs, options.metrics, normalizer=options.normalizer(), **_scorer_kwargs(options)
        )
        return [
            {name: scorer.system_statistics([h[name] for _, h in segments]) for name in systems}
        ]
    except NormtkError as exc:
        return [_Failed(str(exc), exc.exit_code)]  # type: ignore[list-item]


def statistics_bag(segments: db.Bag, options: ScoreOptions) -> db.Bag:
    """Map a bag of segments ``(refs, {system: hyp})`` to one ``{system: SystemStatistics}``
    per partition, in partition order: :func:`~normtk.score.scorer.concatenate` them."""
    require()
    return segments.map_partitions(_segment_statistics, options)


def score_corpus(
    client: Client,
    corpus: Corpus,
    options: ScoreOptions,
    normalizer: Normalizer | None = None,
    *,
    confidence: bool = False,
    paired: PairedTestType | None = None,
    baseline: str | None = None,
    n_samples: int = 0,
    partition_segments: int = PARTITION_SEGMENTS,
) -> ScoreReport:
    """Score every system of ``corpus`` on the cluster: what ``Scorer.score`` gives locally.

    ``normalizer`` (the client's, for the signature and compliance) must match
    ``options`` (whose gazetteer the workers load).
    """
    import dask.bag as db

    from normtk.score.scorer import Scorer, concatenate

    scorer = Scorer(
        corpus.refs,
        options.metrics,
        normalizer=normalizer,
        prepare=False,
        **_scorer_kwargs(options),
    )
    scorer.check(corpus.hyps, paired, baseline)  # the local run's errors, before any work
    if len(corpus) == 0:  # nothing to spread: the local run
        local = Scorer(
            corpus.refs, options.metrics, normalizer=normalizer, **_scorer_kwargs(options)
        )
        return local.score(
            corpus.hyps,
            confidence=confidence,
            paired=paired,
            baseline=baseline,
            n_samples=n_samples,
        )
    segments = [
        (tuple(ref[i] for ref in corpus.refs), {name: hyp[i] for name, hyp in corpus.hyps.items()})
        for i in range(len(corpus))
    ]
    count = -(-len(segments) // max(1, partition_segments))
    bag = db.from_sequence(segments, npartitions=count)
    parts: list[dict[str, SystemStatistics]] = _compute(client, statistics_bag(bag, options))
    statistics = {name: concatenate([p[name] for p in parts]) for name in corpus.systems}
    return scorer.report(
        statistics, confidence=confidence, paired=paired, baseline=baseline, n_samples=n_samples
    )


def _scorer_kwargs(options: ScoreOptions) -> dict[str, Any]:
    return {
        "lowercase": options.lowercase,
        "tokenize": options.tokenize,
        "n_bootstrap": options.n_bootstrap,
        "seed": options.seed,
    }


def _compute(client: Client, bag: db.Bag) -> list[Any]:
    from distributed import KilledWorker

    try:
        result: list[Any] = client.compute(bag).result()
    except KilledWorker as exc:
        msg = f"the cluster gave up on a task after its workers died: {exc}"
        raise ClusterError(msg) from None
    except (OSError, TimeoutError) as exc:
        msg = f"lost the cluster: {exc}"
        raise ClusterError(msg) from None
    for item in result:
        if isinstance(item, _Failed):
            _raise(item)
    return result


# Check.


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What a worker needs to build the checker of the local run."""

    gazetteer: GazetteerSpec
    lang: str = "en"
    style: str | None = None
    src_lang: str | None = None
    checks: tuple[str, ...] | None = None
    config: CheckConfig | None = None
    keep_styled: bool = False

    def checker(self) -> Checker:
        """Return this worker's checker for these options (built once)."""

        def build() -> Checker:
            from normtk.qa.checker import Checker

            return Checker(
                worker_gazetteer(self.gazetteer),
                lang=self.lang,
                style=self.style,
                src_lang=self.src_lang,
                checks=self.checks,
                config=self.config,
                keep_styled=self.keep_styled,
            )

        key = ("check", self.gazetteer, self.lang, self.style, self.src_lang, self.checks)
        checker: Checker = _built(key, build)
        return checker


@dataclass(frozen=True, slots=True)
class _CheckTask:
    """Whole documents of one system: a slice of the corpus and the documents in it."""

    system: str
    corpus: Corpus
    documents: tuple[tuple[int, int], ...]
    first: int
    use_ref: bool
    use_src: bool


def _check_task(task: _CheckTask, options: CheckOptions) -> list[Finding] | _Failed:
    try:
        return options.checker().check_documents(
            task.corpus,
            task.system,
            task.documents,
            use_ref=task.use_ref,
            use_src=task.use_src,
            first=task.first,
        )
    except NormtkError as exc:
        return _Failed(str(exc), exc.exit_code)


def check_corpus(
    client: Client,
    corpus: Corpus,
    options: CheckOptions,
    systems: Sequence[str] | None = None,
    *,
    use_ref: bool = True,
    use_src: bool = True,
    doc_breaks: CheckDocBreaks = "segment",
    partition_segments: int = PARTITION_SEGMENTS,
    ignore: IgnoreList | None = None,
) -> tuple[list[Finding], list[Summary]]:
    """Check every system of ``corpus`` on the cluster: what ``qa.check_corpus`` gives locally.

    Documents are never split: a task holds whole documents, about
    ``partition_segments`` segments of them. Findings that ``ignore`` accepts
    are left out, as locally.
    """
    import dask.bag as db

    from normtk.qa import options as qa_options
    from normtk.qa.checker import document_ranges
    from normtk.qa.checks import KINDS
    from normtk.qa.findings import sort_key, summarize

    qa_options.doc_breaks(doc_breaks)
    names = list(systems or corpus.systems)
    tasks: list[_CheckTask] = []
    owners: list[str] = []
    for name in names:
        documents = document_ranges(corpus, corpus.system(name), doc_breaks)
        for group in _groups(documents, partition_segments):
            start, end = group[0][0], group[-1][1]
            piece = corpus.slice(start, end).select([name])
            local = tuple((a - start, b - start) for a, b in group)
            tasks.append(_CheckTask(name, piece, local, start + 1, use_ref, use_src))
            owners.append(name)
    results: list[list[Finding]] = []
    if tasks:
        bag = db.from_sequence(tasks, npartitions=len(tasks)).map(_check_task, options)
        results = _compute(client, bag)
    findings: list[Finding] = []
    summaries: list[Summary] = []
    key = sort_key(KINDS)
    for name in names:
        own = [
            f for owner, found in zip(owners, results, strict=True) if owner == name for f in found
        ]
        own.sort(key=key)
        if ignore is not None:
            own = ignore.filter(own, {name: corpus.system(name)})
        findings.extend(own)
        summaries.append(summarize(own, name, len(corpus)))
    return findings, summaries


def _groups(documents: Sequence[tuple[int, int]], size: int) -> list[list[tuple[int, int]]]:
    """Group consecutive documents into runs of about ``size`` segments."""
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    count = 0
    for document in documents:
        current.append(document)
        count += document[1] - document[0]
        if count >= size:
            groups.append(current)
            current, count = [], 0
    if current:
        groups.append(current)
    return groups


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
