"""Installed argos packages: find, list, install (safely) and remove.

The package folder is argostranslate's own: ``$ARGOS_PACKAGES_DIR``, else the
``ARGOS_PACKAGES_DIR`` key of its ``settings.json``, else
``$XDG_DATA_HOME/argos-translate/packages``. A package file is a zip archive
holding one folder with ``metadata.json``, ``model/`` (a CTranslate2 model) and
``sentencepiece.model``; it is untrusted input, checked entry by entry before
anything is written.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from normtk.errors import ModelError, UsageError
from normtk.io.files import exit_on_signals
from normtk.languages import language_code
from normtk.translate._deps import load

MAX_METADATA = 1 << 20
MAX_INDEX = 64 << 20
NETWORK_TIMEOUT = 30.0  # seconds
_SAFE_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")
_LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


@dataclass(frozen=True, slots=True)
class Limits:
    """What a package file may unpack to; checked on the archive's directory, then while copying.

    Real argos packages unpack to 100-300 MB in a handful of entries, and
    their CTranslate2 model barely compresses (about 1.2-fold; even a model of
    mostly zero weights, as the test packages are, stays under 40-fold). A
    zip bomb packs 1 GB of zeros into 1 MB, a thousandfold. So an entry or a
    whole archive above ``ratio_floor`` bytes may expand at most ``ratio`` and
    ``total_ratio`` times: an archive of N bytes unpacks to at most
    ``max(ratio_floor, total_ratio * N)``, and never more than ``unpacked``.
    """

    #: Bytes the whole package may unpack to.
    unpacked: int = 4 << 30
    #: Entries (files and folders) in the archive.
    members: int = 1000
    #: How many times larger than its compressed bytes one entry may grow.
    ratio: int = 100
    #: How many times larger than all its compressed bytes the whole archive may grow.
    total_ratio: int = 100
    #: Entries (and whole archives) up to this many bytes may compress as well as they like.
    ratio_floor: int = 16 << 20


LIMITS = Limits()
MAX_UNPACKED = LIMITS.unpacked  # bytes; also the most a download may be


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """One installed translation package (a folder in the package directory)."""

    name: str
    path: Path
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    target_prefix: str

    def to_dict(self) -> dict[str, str]:
        """Return the package as a JSON-ready dict."""
        return {
            "name": self.name,
            "from": self.from_code,
            "to": self.to_code,
            "from_name": self.from_name,
            "to_name": self.to_name,
            "version": self.version,
            "path": str(self.path),
        }


def package_dir() -> Path:
    """Return the folder new packages go to, by argostranslate's own settings."""
    settings = load("argostranslate.settings")
    default = settings.data_dir / "packages"
    # An empty value counts as unset: Path("") would be the current directory.
    return Path(settings.get_setting("ARGOS_PACKAGES_DIR", default=default) or default)


def package_dirs() -> list[Path]:
    """Return every folder argostranslate searches for packages, the writable one first."""
    settings = load("argostranslate.settings")
    return [package_dir(), *(Path(p) for p in settings.package_dirs[1:])]


def read_metadata(data: bytes, where: str) -> dict[str, Any]:
    """Parse and check a package's ``metadata.json``; ``where`` names it in errors."""
    try:
        metadata = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{where}: metadata.json is not valid JSON ({exc})"
        raise ModelError(msg) from None
    if not isinstance(metadata, dict):
        msg = f"{where}: metadata.json must hold a JSON object"
        raise ModelError(msg)
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not _LANG_CODE.fullmatch(value):
            msg = f"{where}: metadata.json: {key} must be a language code, not {value!r}"
            raise ModelError(msg)
    return metadata


def _info(path: Path) -> PackageInfo:
    metadata = read_metadata((path / "metadata.json").read_bytes(), str(path))
    return PackageInfo(
        name=path.name,
        path=path,
        from_code=metadata["from_code"],
        to_code=metadata["to_code"],
        from_name=str(metadata.get("from_name", "")),
        to_name=str(metadata.get("to_name", "")),
        version=str(metadata.get("package_version", "")),
        target_prefix=str(metadata.get("target_prefix", "") or ""),
    )


def installed() -> list[PackageInfo]:
    """Return the installed packages (folders with a valid ``metadata.json``), sorted by name."""
    found = []
    for directory in package_dirs():
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or not (path / "metadata.json").is_file():
                continue
            with contextlib.suppress(ModelError, OSError):
                found.append(_info(path))
    return found


def find(from_code: str, to_code: str) -> PackageInfo:
    """Return the installed package translating ``from_code`` → ``to_code``."""
    from_code, to_code = language_code(from_code), language_code(to_code)
    packages = installed()
    for package in packages:
        if (package.from_code, package.to_code) == (from_code, to_code):
            return package
    have = ", ".join(f"{p.from_code}→{p.to_code}" for p in packages) or "none"
    msg = (
        f"no installed package translates {from_code} → {to_code} (installed: {have}; "
        f"folder {package_dir()}); install one with `normtk models install PATH.argosmodel` "
        f"or, online, `normtk models install --from {from_code} --to {to_code}`"
    )
    raise ModelError(msg)


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if "\x00" in name or "\\" in name:
        return f"entry {name!r} has a NUL or backslash in its name"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return f"entry {name!r} is an absolute path"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return f"entry {name!r} climbs out of the package folder (..)"
    if any(part in ("", ".") for part in parts):
        return f"entry {name!r} has an empty or '.' path component"
    if info.flag_bits & 0x1:
        return f"entry {name!r} is encrypted"
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if stat.S_ISLNK(mode):
        return f"entry {name!r} is a symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return f"entry {name!r} is a special file (mode {oct(mode)})"
    if kind == stat.S_IFDIR and not info.is_dir():
        return f"entry {name!r} is marked as a directory but named as a file"
    return None


def _size_problem(infos: list[zipfile.ZipInfo], limits: Limits) -> str | None:
    """Return why the archive would unpack to too much, judged on its directory alone."""
    if len(infos) > limits.members:
        return f"{len(infos)} entries, over the limit of {limits.members}"
    total = sum(i.file_size for i in infos)
    if total > limits.unpacked:
        return f"unpacks to {total} bytes, over the limit of {limits.unpacked}"
    for info in infos:
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            return (
                f"entry {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}"
                f"-fold ({info.compress_size} to {info.file_size} bytes), over the limit of "
                f"{limits.ratio} (a zip bomb?)"
            )
    packed = sum(i.compress_size for i in infos)
    if total > limits.ratio_floor and total > limits.total_ratio * max(packed, 1):
        return (
            f"expands {total // max(packed, 1)}-fold ({packed} to {total} bytes), over the "
            f"limit of {limits.total_ratio} (a zip bomb?)"
        )
    return None


def check_archive(path: Path, limits: Limits = LIMITS) -> tuple[str, dict[str, Any]]:
    """Check a package file without extracting it; return its folder name and metadata.

    Raises :class:`ModelError` naming every unsafe or missing entry: absolute
    paths, ``..``, links and other special files, more than one top folder,
    a missing ``metadata.json``, ``model/model.bin`` or ``sentencepiece.model``;
    and an archive whose directory says it unpacks to more than ``limits`` allow.
    """
    with _open_archive(path) as archive:
        return _check(archive, path, limits)


@contextlib.contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    """Open a package file, turning every way it can be unreadable into a :class:`ModelError`."""
    if path.is_dir():
        msg = f"{path}: is a directory, not a package file (.argosmodel)"
        raise ModelError(msg)
    if not path.is_file():
        msg = f"{path}: no such file"
        raise ModelError(msg)
    if not zipfile.is_zipfile(path):
        msg = f"{path}: not an argos package (not a zip archive)"
        raise ModelError(msg)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as exc:
        msg = f"{path}: unreadable package archive ({exc})"
        raise ModelError(msg) from None
    try:
        with archive:
            yield archive
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as exc:
        msg = f"{path}: unreadable package archive ({exc})"
        raise ModelError(msg) from None


def _check(archive: zipfile.ZipFile, path: Path, limits: Limits) -> tuple[str, dict[str, Any]]:
    infos = archive.infolist()
    too_big = _size_problem(infos, limits)
    if too_big is not None:
        msg = f"{path}: refused: {too_big}"
        raise ModelError(msg)
    problems = [p for p in map(_entry_problem, infos) if p]
    names = [info.filename.rstrip("/") for info in infos]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(f"entry {name!r} appears twice")
        seen.add(name)
    tops = sorted({name.split("/")[0] for name in names})
    loose = [i.filename for i in infos if "/" not in i.filename.rstrip("/") and not i.is_dir()]
    if loose:
        problems.append(f"file {loose[0]!r} lies outside the package folder")
    if len(tops) != 1:
        problems.append(
            f"must hold exactly one top folder, found {len(tops)}: {', '.join(tops[:5])}"
        )
    elif not _SAFE_FOLDER.fullmatch(tops[0]):
        problems.append(f"top folder {tops[0]!r} is not a plain folder name")
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        msg = f"{path}: refused, unsafe package: {shown}{more}"
        raise ModelError(msg)
    top = tops[0]
    files = {i.filename: i for i in infos if not i.is_dir()}
    missing = [
        need
        for need in ("metadata.json", "model/model.bin", "sentencepiece.model")
        if f"{top}/{need}" not in files
    ]
    if missing:
        msg = f"{path}: not a usable argos package: missing {', '.join(missing)} in {top}/"
        raise ModelError(msg)
    meta_info = files[f"{top}/metadata.json"]
    if meta_info.file_size > MAX_METADATA:
        msg = f"{path}: refused: metadata.json is {meta_info.file_size} bytes"
        raise ModelError(msg)
    try:
        data = archive.read(meta_info)
    except (zipfile.BadZipFile, OSError) as exc:
        msg = f"{path}: unreadable package archive ({exc})"
        raise ModelError(msg) from None
    return top, read_metadata(data, f"{path}")


def install_file(
    path: Path, destination: Path | None = None, limits: Limits = LIMITS
) -> PackageInfo:
    """Check ``path`` (an .argosmodel file) and unpack it into the package folder.

    Nothing is written unless every entry is safe and the archive's directory
    promises no more than ``limits``; while unpacking, the bytes actually
    written are counted against the same limits, so a lying directory is
    caught too. The archive is opened once, for the check and the unpacking.
    Entries go to a private staging folder inside the package folder and are
    moved into place in one rename, so a failure (or SIGTERM) leaves nothing
    half-installed.
    """
    with _open_archive(path) as archive:
        top, _metadata = _check(archive, path, limits)
        root = destination or package_dir()
        target = root / top
        if target.exists() or target.is_symlink():
            msg = (
                f"{top} is already installed in {root}; remove it first: normtk models remove {top}"
            )
            raise ModelError(msg)
        with exit_on_signals():
            _unpack(archive, path, root, top, limits)
    return _info(target)


def _unpack(archive: zipfile.ZipFile, path: Path, root: Path, top: str, limits: Limits) -> None:
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
    except OSError as exc:
        msg = f"cannot write to the package folder {root} ({exc.strerror or exc})"
        raise ModelError(msg) from None
    try:
        budget = limits.unpacked
        for info in archive.infolist():
            out = staging.joinpath(*PurePosixPath(info.filename).parts)
            if staging.resolve() not in out.resolve().parents:
                msg = f"{path}: refused: entry {info.filename!r} resolves outside the folder"
                raise ModelError(msg)
            if info.is_dir():
                out.mkdir(parents=True, exist_ok=True)
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            budget -= _copy_entry(archive, info, out, path, budget)
        (staging / top).rename(root / top)
    except (zipfile.BadZipFile, OSError) as exc:
        msg = f"{path}: could not unpack into {root} ({exc})"
        raise ModelError(msg) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, out: Path, path: Path, budget: int
) -> int:
    """Copy one entry, stopping past its declared size or the bytes left; return bytes written."""
    written = 0
    with archive.open(info) as source, out.open("xb") as sink:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > info.file_size:
                msg = f"{path}: refused: entry {info.filename!r} is larger than it declares"
                raise ModelError(msg)
            if written > budget:
                msg = f"{path}: refused: unpacks to more bytes than the limit allows"
                raise ModelError(msg)
            sink.write(chunk)
    return written


def remove(name: str) -> PackageInfo:
    """Remove the installed package called ``name`` (its folder name, or ``FROM-TO``)."""
    root = package_dir()
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        msg = f"{name!r} is not a package name; `normtk models list` shows them"
        raise UsageError(msg)
    candidates = [p for p in installed() if p.path.parent == root]
    chosen = [p for p in candidates if p.name == name]
    if not chosen:
        codes = re.split(r"[-_→]", name)
        if len(codes) == 2:
            chosen = [p for p in candidates if [p.from_code, p.to_code] == codes]
    if not chosen:
        have = ", ".join(p.name for p in candidates) or "none"
        msg = f"no installed package {name!r} in {root} (installed: {have})"
        raise ModelError(msg)
    package = chosen[0]
    try:
        if package.path.is_symlink():
            package.path.unlink()
        else:
            shutil.rmtree(package.path)
    except OSError as exc:
        msg = f"cannot remove {package.path} ({exc.strerror or exc})"
        raise ModelError(msg) from None
    return package


def index_url() -> str:
    """Return the package index address from argostranslate's settings."""
    settings = load("argostranslate.settings")
    base = str(settings.get_setting("ARGOS_PACKAGE_INDEX", default=settings.package_index))
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _fetch(url: str, limit: int) -> Iterator[bytes]:
    if not url.startswith(("https://", "http://", "file://")):
        msg = f"{url}: only http, https and file addresses are fetched"
        raise ModelError(msg)
    request = urllib.request.Request(url, headers={"User-Agent": "normtk"})  # noqa: S310
    size = 0
    with urllib.request.urlopen(request, timeout=NETWORK_TIMEOUT) as response:  # noqa: S310
        while chunk := response.read(1 << 20):
            size += len(chunk)
            if size > limit:
                msg = f"{url}: larger than {limit} bytes"
                raise ModelError(msg)
            yield chunk


def install_from_index(from_code: str, to_code: str) -> PackageInfo:
    """Download the ``from_code`` → ``to_code`` package from the argos index and install it."""
    from_code, to_code = language_code(from_code), language_code(to_code)
    url = index_url()
    offline = "install a package file instead: normtk models install PATH.argosmodel"
    try:
        index = json.loads(b"".join(_fetch(url, MAX_INDEX)).decode("utf-8"))
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        msg = f"cannot reach the argos package index {url} ({reason}); {offline}"
        raise ModelError(msg) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{url}: not a package index ({exc})"
        raise ModelError(msg) from None
    entries = [e for e in index if isinstance(e, dict)] if isinstance(index, list) else []
    matches = [
        e
        for e in entries
        if e.get("from_code") == from_code
        and e.get("to_code") == to_code
        and e.get("type", "translate") == "translate"
    ]
    if not matches:
        pairs = sorted(
            f"{e.get('from_code')}→{e.get('to_code')}"
            for e in entries
            if from_code in (e.get("from_code"), e.get("to_code"))
        )
        msg = f"the index {url} has no {from_code} → {to_code} package (with {from_code}: "
        msg += f"{', '.join(pairs) or 'none'})"
        raise ModelError(msg)
    links = [link for link in matches[0].get("links", []) if isinstance(link, str)]
    failures = []
    with tempfile.TemporaryDirectory(prefix="normtk-download-") as work:
        download = Path(work) / f"translate-{from_code}_{to_code}.argosmodel"
        for link in links:
            try:
                with download.open("wb") as sink:
                    for chunk in _fetch(link, MAX_UNPACKED):
                        sink.write(chunk)
            except (urllib.error.URLError, OSError, TimeoutError) as exc:
                failures.append(f"{link}: {getattr(exc, 'reason', exc)}")
                continue
            return install_file(download)
    msg = f"could not download the {from_code} → {to_code} package: " + (
        "; ".join(failures) or "the index lists no links"
    )
    raise ModelError(msg)
