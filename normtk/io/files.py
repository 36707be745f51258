"""Line-oriented UTF-8 input and atomic output, with errors that name file, line and byte."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal, TextIO

from normtk.errors import InputError

Errors = Literal["strict", "replace"]
STDIO = "-"


def _open_binary(path: str) -> BinaryIO:
    if path == STDIO:
        return sys.stdin.buffer
    file = Path(path)
    if file.is_dir():
        msg = f"{path}: is a directory, not a file"
        raise InputError(msg)
    try:
        return file.open("rb")
    except FileNotFoundError:
        msg = f"{path}: no such file"
        raise InputError(msg) from None
    except PermissionError:
        msg = f"{path}: permission denied"
        raise InputError(msg) from None


def read_lines(path: str, errors: Errors = "strict") -> Iterator[str]:
    """Yield the lines of a UTF-8 file (or stdin for ``-``), each with its ``\\n``.

    Only ``\\n`` ends a line; ``\\r`` and other separators stay inside it. With
    ``errors="strict"`` an undecodable byte raises :class:`InputError` naming the
    file, the line and the byte offset in the file.
    """
    stream = _open_binary(path)
    name = "<stdin>" if path == STDIO else path
    offset = 0
    try:
        for number, raw in enumerate(stream, start=1):
            try:
                yield raw.decode("utf-8", errors)
            except UnicodeDecodeError as exc:
                msg = (
                    f"{name}:{number}: invalid UTF-8 at byte {offset + exc.start} "
                    f"(byte 0x{raw[exc.start]:02x}); use --errors replace to substitute U+FFFD"
                )
                raise InputError(msg) from None
            offset += len(raw)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def read_text(path: str, errors: Errors = "strict") -> str:
    """Return the whole of a UTF-8 file (or stdin for ``-``)."""
    return "".join(read_lines(path, errors))


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """Open ``path`` for writing UTF-8 text atomically; ``None`` or ``-`` is stdout.

    The file is written under a temporary name beside the target and renamed
    over it only when the block ends without an error, so a failure never
    leaves a half-written file (and ``--in-place`` never loses the input).
    A symbolic link keeps pointing at the rewritten file; a device or a pipe
    is written to directly.
    """
    if path is None or path == STDIO:
        stdout = open(  # noqa: SIM115 - stdout's descriptor is borrowed, not owned
            sys.stdout.fileno(), "w", encoding="utf-8", newline="", closefd=False
        )
        try:
            yield stdout
        finally:
            stdout.flush()
        return
    target = Path(path)
    if target.is_dir():
        msg = f"{path}: is a directory, not a file"
        raise InputError(msg)
    if target.exists() and not target.resolve().is_file():
        # A device or a pipe (/dev/stderr, a FIFO): renaming over it would replace
        # it with a plain file, so write to it as it is.
        with target.open("w", encoding="utf-8", newline="") as out:
            yield out
        return
    target = target.resolve()  # through a link, rewrite the file it points to
    directory = target.parent
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        if target.exists():
            temp.chmod(target.stat().st_mode & 0o7777)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
