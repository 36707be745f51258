"""Normalizing files on the cluster: parts submitted in order, results written by the client."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections import deque
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from normtk.dask.cluster import cluster_errors
from normtk.dask.normalize import (
    PARTITION_BYTES,
    NormalizeOptions,
    Part,
    PartResult,
    normalize_part,
    split_file,
)
from normtk.dask.workers import raise_failed
from normtk.errors import DecodeError, UsageError

if TYPE_CHECKING:
    from distributed import Client


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
    with cluster_errors():
        result: PartResult = future.result()
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
        raise_failed(result.failed)
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
