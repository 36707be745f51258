"""`normtk models install`: a package file is untrusted input and is checked before unpacking."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli

pytest.importorskip(
    "argostranslate", reason="needs the translate extra: pip install '.[translate]'"
)
pytest.importorskip("ctranslate2", reason="needs the translate extra: pip install '.[translate]'")

import tinymodel

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
    result = run_cli("models", "install", str(package), cwd=cwd, env=argos)
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
    result = run_cli("models", "install", str(package), env=argos)
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
    result = run_cli("models", "install", str(path), env=argos)
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
    result = run_cli("models", "install", str(package), env=argos)
    assert result.returncode == 1
    assert message in result.stderr.decode()
    assert _all_files(Path(argos["ARGOS_PACKAGES_DIR"])) == []


def test_install_from_index_offline_is_a_clear_error(argos: dict[str, str]) -> None:
    result = run_cli("models", "install", "--from", "es", "--to", "en", env=argos)
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
    result = run_cli("models", "install", "--from", "xx", "--to", "yy", env=env)
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
    missing = run_cli("models", "install", "--from", "xx", "--to", "zz", env=env)
    assert missing.returncode == 1
    assert "has no xx → zz package (with xx: xx→yy)" in missing.stderr.decode()


@pytest.mark.parametrize("name", ["..", "../x", "nothere"])
def test_remove_refuses_unknown_or_unsafe_names(name: str, argos: dict[str, str]) -> None:
    result = run_cli("models", "remove", name, env=argos)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr.decode()
    assert name in result.stderr.decode()


def test_unwritable_package_folder_is_a_clear_error(tmp_path: Path, argos: dict[str, str]) -> None:
    package = _package(tmp_path / "ok.argosmodel", _good())
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = {**argos, "ARGOS_PACKAGES_DIR": str(blocker / "packages")}
    for args in (["install", str(package)], ["list"]):
        result = run_cli("models", *args, env=env)
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
    result = run_cli("models", "install", str(package), cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert list(cwd.iterdir()) == []
    default = Path(env["XDG_DATA_HOME"]) / "argos-translate" / "packages"
    assert (default / TOP / "metadata.json").is_file()
