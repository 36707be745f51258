"""Line-oriented UTF-8 input and atomic output, with errors that name file, line and byte.

Output files are written under a temporary name beside the target,
``.NAME.normtk-PID-XXXXXXXX.tmp``, and renamed over it at the end. The name
says whose file it is: SIGTERM and SIGHUP remove it before the process exits,
and the next write into the same folder removes the ones a killed process
(SIGKILL, a crash) left behind, once that process is gone and holds no lock
on them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, BinaryIO, Literal, TextIO

from normtk.errors import DecodeError, InputError, UsageError

Errors = Literal["strict", "replace"]
STDIO = "-"
TEMP_MARK = ".normtk-"
#: The temporary files :func:`open_output` makes: ``.NAME.normtk-PID-XXXXXXXX.tmp``.
TEMP_NAME = re.compile(r"\..*\.normtk-(?P<pid>[0-9]+)-[a-z0-9_]{8}\.tmp")
_NAME_ROOM = 200  # bytes of the target's name kept in the temporary name (NAME_MAX is 255)
_SIGNALS = ("SIGTERM", "SIGHUP")


def open_binary(path: str) -> BinaryIO:
    """Open a file (or stdin for ``-``) for reading bytes; errors name the file."""
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
    file, the line and the byte offset in the file (:class:`DecodeError`).
    """
    stream = open_binary(path)
    name = "<stdin>" if path == STDIO else path
    offset = 0
    try:
        for number, raw in enumerate(stream, start=1):
            try:
                yield raw.decode("utf-8", errors)
            except UnicodeDecodeError as exc:
                raise DecodeError(name, number, offset + exc.start, raw[exc.start]) from None
            offset += len(raw)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def read_blocks(path: str, errors: Errors = "strict", size: int = 1 << 16) -> Iterator[str]:
    """Yield a UTF-8 file (or stdin for ``-``) in blocks of whole lines of about ``size`` bytes.

    The blocks joined are what :func:`read_lines` yields joined, with the same
    errors, for a fraction of the work per line. A block ends with ``\n``
    (but maybe the last) and holds at least one line, however long.
    """
    stream = open_binary(path)
    name = "<stdin>" if path == STDIO else path
    offset = 0  # bytes of the file before the block
    line = 1  # the line the block starts on
    pending: list[bytes] = []  # read, not yet yielded: no newline in any but the first
    read = getattr(stream, "read1", stream.read)  # what a pipe has, without waiting for more
    try:
        while True:
            data = read(size)
            cut = data.rfind(b"\n") + 1
            if data and not cut:
                pending.append(data)  # one line longer than a block: read on to its end
                continue
            raw = b"".join([*pending, data[:cut]])
            pending = [data[cut:]] if cut < len(data) else []
            if not raw:
                return
            try:
                yield raw.decode("utf-8", errors)
            except UnicodeDecodeError as exc:
                at = line + raw.count(b"\n", 0, exc.start)
                raise DecodeError(name, at, offset + exc.start, raw[exc.start]) from None
            offset += len(raw)
            line += raw.count(b"\n")
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
    A new file gets the mode the umask gives (0644 under umask 022); an
    existing one keeps its mode. A symbolic link keeps pointing at the
    rewritten file; a device or a pipe is written to directly. SIGTERM and
    SIGHUP while the block runs remove the temporary file and exit with
    status 128 + the signal number. A folder that cannot be written to is an
    :class:`InputError` naming ``path``.
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
        try:
            out = target.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        with out:
            yield out
        return
    target = target.resolve()  # through a link, rewrite the file it points to
    remove_stale_temporaries(target.parent)
    with exit_on_signals():
        try:
            fd, name = tempfile.mkstemp(
                prefix=f".{_short(target.name)}{TEMP_MARK}{os.getpid()}-",
                suffix=".tmp",
                dir=target.parent,
            )
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        temp = Path(name)
        try:
            _lock(fd)
            out = os.fdopen(fd, "w", encoding="utf-8", newline="")
            try:
                yield out
            except BaseException:
                with contextlib.suppress(OSError):
                    out.close()
                raise
            try:
                out.close()
                _copy_mode(temp, target)
                temp.replace(target)
            except OSError as exc:
                raise _cannot_write(path, exc) from None
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


def _cannot_write(path: str, exc: OSError) -> InputError:
    """Return the one-line error for an output that cannot be written."""
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        reason = f"no such folder {Path(path).parent}"
    elif exc.errno == errno.EACCES or isinstance(exc, PermissionError):
        reason = "permission denied"
    else:
        reason = (exc.strerror or str(exc)).lower()
    return InputError(f"{path}: cannot write: {reason}")


def _short(name: str) -> str:
    """Return the start of ``name`` that leaves room for the temporary name's additions."""
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= _NAME_ROOM:
        return name
    return raw[:_NAME_ROOM].decode("utf-8", "ignore")


def _copy_mode(temp: Path, target: Path) -> None:
    """Give ``temp`` the mode (and, where allowed, the owner) of ``target``, or the umask's."""
    try:
        existing = target.stat()
    except FileNotFoundError:
        temp.chmod(0o666 & ~umask())
        return
    current = temp.stat()
    if (current.st_uid, current.st_gid) != (existing.st_uid, existing.st_gid):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.chown(temp, existing.st_uid, existing.st_gid)
    temp.chmod(existing.st_mode & 0o7777)


_UMASK_LOCK = threading.Lock()
_umask: int | None = None


def umask() -> int:
    """Return the process's umask (read once: reading it means setting it, for a moment)."""
    global _umask  # noqa: PLW0603 - a process-wide value, read once under a lock
    with _UMASK_LOCK:
        if _umask is None:
            # Other threads creating files in between get the strictest mask, not a looser one.
            _umask = os.umask(0o077)
            os.umask(_umask)
        return _umask


def _lock(fd: int) -> None:
    """Hold a lock on the temporary file while it is written; the cleaner checks it."""
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove temporary files of :func:`open_output` in ``directory`` whose writer is gone.

    Only names of the form ``.NAME.normtk-PID-XXXXXXXX.tmp`` are considered,
    only regular files of the current user, and only when process PID no
    longer runs and nobody holds a lock on the file. Returns the removed paths;
    errors are ignored (this is housekeeping).
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = TEMP_NAME.fullmatch(entry.name)
        if match is None or int(match["pid"]) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if not entry.is_file(follow_symlinks=False) or info.st_uid != _uid():
                continue
            if _running(int(match["pid"])) or not _unlocked(entry.path):
                continue
            Path(entry.path).unlink()
            removed.append(Path(entry.path))
    return removed


def _uid() -> int:
    getuid: Callable[[], int] | None = getattr(os, "getuid", None)
    return getuid() if getuid is not None else 0


def _running(pid: int) -> bool:
    """Return whether process ``pid`` exists (as far as this process can tell)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's process, or a platform that cannot tell: keep the file
    return True


def _unlocked(path: str) -> bool:
    """Return whether nobody holds a lock on ``path`` (False when that cannot be told)."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


@contextlib.contextmanager
def exit_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``SystemExit(128 + signal)`` while the block runs.

    The exception unwinds through the block, so its clean-up runs. Signals the
    process ignores (``nohup``) stay ignored, a handler someone else installed
    is called instead, and the previous handlers come back when the block ends.
    Outside the main thread (where handlers cannot be set) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    for name in _SIGNALS:
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        handler = signal.getsignal(signum)
        if handler is signal.SIG_IGN or handler is None:
            continue  # ignored on purpose, or set outside Python: leave it alone
        previous[signum] = handler
        signal.signal(signum, _exit_handler(handler))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_handler(previous: Any) -> Callable[[int, FrameType | None], None]:
    def handle(signum: int, frame: FrameType | None) -> None:
        if callable(previous):
            previous(signum, frame)
            return
        raise SystemExit(128 + signum)

    return handle


def output_paths(inputs: Sequence[str], output_dir: str) -> list[str]:
    """Return the output of each input in ``output_dir``: the same file name."""
    directory = Path(output_dir)
    if not directory.is_dir():
        msg = f"{output_dir}: no such folder"
        raise InputError(msg)
    names = [Path(name).name for name in inputs]
    for i, name in enumerate(names):
        if name in names[:i]:
            msg = f"two inputs are named {name}: their outputs in {output_dir} would collide"
            raise UsageError(msg)
    for source, name in zip(inputs, names, strict=True):
        if (directory / name).resolve() == Path(source).resolve():
            msg = f"{source}: the output would overwrite the input (use --in-place for that)"
            raise UsageError(msg)
    return [str(directory / name) for name in names]
