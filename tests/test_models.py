"""`normtk models install`: a package file is untrusted input and is checked before unpacking.

normtk runs in a process of its own each time: argostranslate reads its folders
from the environment once, when first imported, and each test gives it a home of its own.
"""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import subprocess
import sys
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli_process

pytest.importorskip(
    "argostranslate", reason="needs the translate extra: pip install '.[translate]'"
)
pytest.importorskip("ctranslate2", reason="needs the translate extra: pip install '.[translate]'")

import tinymodel

from normtk.errors import ModelError

METADATA = json.dumps({"from_code": "xx", "to_code": "yy", "package_version": "1.0"})
TOP = "translate-xx_yy-1_0"
GOOD = {
    f"{TOP}/metadata.json": METADATA,
    f"{TOP}/sentencepiece.model": "sp",
    f"{TOP}/model/model.bin": "bin",
}


def _file(name: str, data: str, mode: int = stat.S_IFREG | 0o644) -> tuple[zipfile.ZipInfo, str]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, so the mode bits below are honoured by unzip tools
    info.external_attr = mode << 16
    return info, data


def _package(path: Path, entries: list[tuple[zipfile.ZipInfo, str]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the duplicate entry is on purpose
        for info, data in entries:
            archive.writestr(info, data)
    return path


def _good() -> list[tuple[zipfile.ZipInfo, str]]:
    return [_file(name, data) for name, data in GOOD.items()]


# Each case: extra entries added to an otherwise well-formed package, and the words the
# refusal must contain. ESCAPE marks where a successful attack would write.
ESCAPE = "ESCAPED"
CASES = {
    "parent": ([_file(f"{TOP}/../../{ESCAPE}", "pwned")], "climbs out of the package folder"),
    "parent-only": ([_file(f"../{ESCAPE}", "pwned")], "climbs out of the package folder"),
    "absolute": ([_file(f"/ABSOLUTE/{ESCAPE}", "pwned")], "is an absolute path"),
    "symlink": (
        [_file(f"{TOP}/model/link", "../../../..", stat.S_IFLNK | 0o777)],
        "is a symbolic link",
    ),
    "fifo": ([_file(f"{TOP}/pipe", "", stat.S_IFIFO | 0o644)], "is a special file"),
    "backslash": ([_file(f"{TOP}\\..\\..\\{ESCAPE}", "pwned")], "backslash"),
    "second-top-folder": ([_file(f"other/{ESCAPE}", "x")], "exactly one top folder"),
    "loose-file": ([_file(ESCAPE, "x")], "lies outside the package folder"),
    "duplicate": ([_file(f"{TOP}/metadata.json", METADATA)], "appears twice"),
}


@pytest.fixture
def argos(tmp_path: Path) -> dict[str, str]:
    return tinymodel.argos_env(tmp_path / "home")


def _all_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("case", list(CASES))
def test_malicious_package_is_refused(
    case: str, tmp_path: Path, argos: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    extra, message = CASES[case]
    if case == "absolute":
        # Point the absolute entry inside tmp_path, so a write would be seen (and harmless).
        _, data = extra[0]
        extra = [_file(str(tmp_path / ESCAPE), data)]
    package = _package(tmp_path / "evil.argosmodel", [*_good(), *extra])
    before = _all_files(tmp_path)
    # Run from a folder deep inside tmp_path so relative escapes also land in tmp_path.
    cwd = tmp_path / "a" / "b" / "c"
    cwd.mkdir(parents=True)
    result = run_cli_process("models", "install", str(package), cwd=cwd, env=argos)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert stderr.startswith(f"normtk: error: {package}: refused, unsafe package: ")
    assert message in stderr
    assert "Traceback" not in stderr
    # Nothing was written anywhere: not in the package folder, not next to it.
    assert _all_files(Path(argos["ARGOS_PACKAGES_DIR"])) == []
    after = [f for f in _all_files(tmp_path) if not f.startswith(("a", "home"))]
    assert after == [f for f in before if not f.startswith(("a", "home"))]
    assert not list(tmp_path.rglob(f"*{ESCAPE}*"))


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("metadata.json", "missing metadata.json"),
        ("sentencepiece.model", "missing sentencepiece.model"),
        ("model/model.bin", "missing model/model.bin"),
    ],
)
def test_incomplete_package_is_refused(
    drop: str, message: str, tmp_path: Path, argos: dict[str, str]
) -> None:
    entries = [e for e in _good() if e[0].filename != f"{TOP}/{drop}"]
    package = _package(tmp_path / "incomplete.argosmodel", entries)
    result = run_cli_process("models", "install", str(package), env=argos)
    assert result.returncode == 1
    assert f"not a usable argos package: {message} in {TOP}/" in result.stderr.decode()
    assert _all_files(Path(argos["ARGOS_PACKAGES_DIR"])) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "not an argos package (not a zip archive)"),
        (None, "no such file"),
    ],
)
def test_not_a_package(
    content: bytes | None, message: str, tmp_path: Path, argos: dict[str, str]
) -> None:
    path = tmp_path / "file.argosmodel"
    if content is not None:
        path.write_bytes(content)
    result = run_cli_process("models", "install", str(path), env=argos)
    assert result.returncode == 1
    assert result.stderr.decode() == f"normtk: error: {path}: {message}\n"


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ("{not json", "metadata.json is not valid JSON"),
        ("[1, 2]", "metadata.json must hold a JSON object"),
        ('{"from_code": "xx"}', "to_code must be a language code, not None"),
        ('{"from_code": "../x", "to_code": "yy"}', "from_code must be a language code"),
    ],
)
def test_bad_metadata_is_refused(
    metadata: str, message: str, tmp_path: Path, argos: dict[str, str]
) -> None:
    entries = [e for e in _good() if not e[0].filename.endswith("metadata.json")]
    entries.append(_file(f"{TOP}/metadata.json", metadata))
    package = _package(tmp_path / "meta.argosmodel", entries)
    result = run_cli_process("models", "install", str(package), env=argos)
    assert result.returncode == 1
    assert message in result.stderr.decode()
    assert _all_files(Path(argos["ARGOS_PACKAGES_DIR"])) == []


def test_install_from_index_offline_is_a_clear_error(argos: dict[str, str]) -> None:
    result = run_cli_process("models", "install", "--from", "es", "--to", "en", env=argos)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert stderr.startswith(
        "normtk: error: cannot reach the argos package index http://127.0.0.1:9/index.json ("
    )
    assert stderr.endswith(
        "install a package file instead: normtk models install PATH.argosmodel\n"
    )
    assert "Traceback" not in stderr


def test_install_from_a_local_index(tmp_path: Path, argos: dict[str, str]) -> None:
    # An index served from a folder (a desk's offline mirror) works like the online one.
    package = tinymodel.build_copy_package(tmp_path / "copy.argosmodel", "xx", "yy")
    index = [
        {"from_code": "xx", "to_code": "yy", "type": "translate", "links": [package.as_uri()]},
    ]
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "index.json").write_text(json.dumps(index), encoding="utf-8")
    env = {**argos, "ARGOS_PACKAGE_INDEX": mirror.as_uri() + "/"}
    result = run_cli_process("models", "install", "--from", "xx", "--to", "yy", env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert _all_files(Path(argos["ARGOS_PACKAGES_DIR"])) == [
        TOP,
        f"{TOP}/README.md",
        f"{TOP}/metadata.json",
        f"{TOP}/model",
        f"{TOP}/model/config.json",
        f"{TOP}/model/model.bin",
        f"{TOP}/model/shared_vocabulary.json",
        f"{TOP}/sentencepiece.model",
    ]
    missing = run_cli_process("models", "install", "--from", "xx", "--to", "zz", env=env)
    assert missing.returncode == 1
    assert "has no xx → zz package (with xx: xx→yy)" in missing.stderr.decode()


@pytest.mark.parametrize("name", ["..", "../x", "nothere"])
def test_remove_refuses_unknown_or_unsafe_names(name: str, argos: dict[str, str]) -> None:
    result = run_cli_process("models", "remove", name, env=argos)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr.decode()
    assert name in result.stderr.decode()


def test_unwritable_package_folder_is_a_clear_error(tmp_path: Path, argos: dict[str, str]) -> None:
    package = _package(tmp_path / "ok.argosmodel", _good())
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = {**argos, "ARGOS_PACKAGES_DIR": str(blocker / "packages")}
    for args in (["install", str(package)], ["list"]):
        result = run_cli_process("models", *args, env=env)
        stderr = result.stderr.decode()
        assert result.returncode == 1, stderr
        assert stderr.startswith("normtk: error: argostranslate cannot create its folders: ")
        assert str(blocker / "packages") in stderr
        assert "Traceback" not in stderr


def test_package_folder_from_argostranslate_settings_json(tmp_path: Path) -> None:
    # Without $ARGOS_PACKAGES_DIR, argostranslate's settings.json decides; so does normtk.
    env = tinymodel.argos_env(tmp_path / "home")
    del env["ARGOS_PACKAGES_DIR"]
    chosen = tmp_path / "from-settings"
    settings = Path(env["XDG_CONFIG_HOME"]) / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(chosen)}), encoding="utf-8")
    package = _package(tmp_path / "ok.argosmodel", _good())
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ARGOS_")}
    result = subprocess.run(
        [sys.executable, "-m", "normtk", "models", "install", str(package)],
        env={**clean, **env},
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert (chosen / TOP / "metadata.json").is_file()


def test_empty_packages_variable_counts_as_unset(tmp_path: Path) -> None:
    # An empty $ARGOS_PACKAGES_DIR must not mean "the current directory".
    env = {**tinymodel.argos_env(tmp_path / "home"), "ARGOS_PACKAGES_DIR": ""}
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    package = _package(tmp_path / "ok.argosmodel", _good())
    result = run_cli_process("models", "install", str(package), cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert list(cwd.iterdir()) == []
    default = Path(env["XDG_DATA_HOME"]) / "argos-translate" / "packages"
    assert (default / TOP / "metadata.json").is_file()


# --- what a package may unpack to --------------------------------------------------------------

GIB = 1 << 30


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """Return raw deflate data of ``size`` zero bytes (a multiple of 1 MiB) and its CRC-32.

    After a full flush the compressor starts afresh, so every 1 MiB of zeros
    compresses to the same bytes: 1 GiB is built in a moment, not compressed.
    """
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size >> 20):
        crc = zlib.crc32(chunk, crc)
    return piece * (size >> 20) + compressor.flush(), crc


def _zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """Write a zip by hand: (name, data as stored, method, CRC-32, declared size) per member."""
    body, directory = bytearray(), bytearray()
    for name, data, method, crc, size in members:
        raw = name.encode()
        offset = len(body)
        fields = (20, 0, method, 0, 0, crc, len(data), size, len(raw))
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + raw + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset
        )
        directory += raw
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


def _stored(name: str, text: str) -> tuple[str, bytes, int, int, int]:
    data = text.encode()
    return name, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data)


def _bomb(path: Path, size: int = GIB, declared: int | None = None) -> Path:
    """A well-formed package whose model.bin is ``size`` zeros (its directory may lie)."""
    data, crc = _deflated_zeros(size)
    return _zip(
        path,
        [
            _stored(f"{TOP}/metadata.json", METADATA),
            _stored(f"{TOP}/sentencepiece.model", "sp"),
            (f"{TOP}/model/model.bin", data, zipfile.ZIP_DEFLATED, crc, declared or size),
        ],
    )


def _model_entry(package: Path) -> zipfile.ZipInfo:
    with zipfile.ZipFile(package) as archive:
        return archive.getinfo(f"{TOP}/model/model.bin")


def test_a_zip_bomb_is_refused_before_anything_is_written(
    tmp_path: Path, argos: dict[str, str]
) -> None:
    package = _bomb(tmp_path / "bomb.argosmodel")
    assert package.stat().st_size < 1_100_000  # 1 GiB of zeros in about 1 MB
    with zipfile.ZipFile(package) as archive, archive.open(f"{TOP}/model/model.bin") as member:
        assert member.read(1 << 20) == bytes(1 << 20)  # a real archive, not a broken one
    entry = _model_entry(package)
    result = run_cli_process("models", "install", str(package), env=argos)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"normtk: error: {package}: refused: entry '{TOP}/model/model.bin' expands "
        f"{GIB // entry.compress_size}-fold ({entry.compress_size} to {GIB} bytes), "
        "over the limit of 100 (a zip bomb?)\n"
    )
    assert _all_files(Path(argos["ARGOS_PACKAGES_DIR"])) == []


def test_the_refusal_reads_only_the_archive_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from normtk.translate import packages

    package = _bomb(tmp_path / "bomb.argosmodel")
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(ModelError, match="a zip bomb"):
        packages.check_archive(package)
    assert opened == []  # not even metadata.json was read: the directory alone decided


SMALL = 64 << 20  # zeros in the model of the bombs below; limits are lowered to meet them
OTHERS = len(METADATA) + len("sp")  # bytes of the two small entries


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"members": 2}, "refused: 3 entries, over the limit of 2"),
        (
            {"unpacked": SMALL},
            f"refused: unpacks to {SMALL + OTHERS} bytes, over the limit of {SMALL}",
        ),
        ({}, f"refused: entry '{TOP}/model/model.bin' expands "),
        ({"ratio": 2000}, "refused: expands "),
    ],
    ids=["members", "unpacked", "entry-ratio", "total-ratio"],
)
def test_each_limit_refuses_on_its_own(
    tmp_path: Path, limits: dict[str, int], message: str
) -> None:
    from normtk.translate.packages import Limits, install_file

    package = _bomb(tmp_path / "bomb.argosmodel", size=SMALL)
    destination = tmp_path / "packages"
    with pytest.raises(ModelError) as info:
        install_file(package, destination, limits=Limits(**limits))
    assert str(info.value).startswith(f"{package}: {message}"), str(info.value)
    assert not destination.exists()


def test_below_the_floor_a_package_may_compress_well(tmp_path: Path) -> None:
    from normtk.translate.packages import Limits, install_file

    # The same 64 MiB of zeros installs once the floor is above it: the floor is what
    # lets small, well-compressing packages (like the test models) through.
    package = _bomb(tmp_path / "zeros.argosmodel", size=SMALL)
    info = install_file(package, tmp_path / "packages", limits=Limits(ratio_floor=2 * SMALL))
    assert (info.path / "model" / "model.bin").stat().st_size == SMALL


def test_a_directory_that_understates_sizes_is_caught_while_unpacking(
    tmp_path: Path, argos: dict[str, str]
) -> None:
    # The directory says model.bin is 1 MiB; its data holds 1 GiB of zeros.
    package = _bomb(tmp_path / "liar.argosmodel", declared=1 << 20)
    assert _model_entry(package).file_size == 1 << 20
    result = run_cli_process("models", "install", str(package), env=argos)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert stderr.startswith(f"normtk: error: {package}: could not unpack into "), stderr
    assert stderr.count("\n") == 1
    assert _all_files(Path(argos["ARGOS_PACKAGES_DIR"])) == []


def test_bytes_written_are_counted_whatever_the_reader_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from normtk.translate.packages import install_file

    package = _package(tmp_path / "ok.argosmodel", _good())
    real_open = zipfile.ZipFile.open

    def generous(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        if info.filename.endswith("model.bin"):
            return io.BytesIO(b"x" * (info.file_size + 1))  # one byte more than declared
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", generous)
    destination = tmp_path / "packages"
    with pytest.raises(ModelError, match="is larger than it declares"):
        install_file(package, destination)
    assert _all_files(destination) == []


def test_a_directory_is_not_a_package(tmp_path: Path, argos: dict[str, str]) -> None:
    folder = tmp_path / "translate-xx_yy-1_0"
    folder.mkdir()
    result = run_cli_process("models", "install", str(folder), env=argos)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"normtk: error: {folder}: is a directory, not a package file (.argosmodel)\n"
    )
