"""The on-disk gazetteer cache: used when the data is unchanged, never stale, never trusted."""

from __future__ import annotations

import json
import pickle
import time
import zlib
from dataclasses import fields
from pathlib import Path

import pytest
from conftest import run_cli

from normtk import Gazetteer, Normalizer
from normtk.gazetteer import cache, columnar
from normtk.gazetteer.locate import bundled_dir, fingerprint, search_path
from normtk.gazetteer.model import Entity

DESK = """\
entities:
  - id: desk-town
    type: town
    name: {{en: {en}, es: {en}, de: {en}, fr: {en}}}
    variants: [Oldtownia]
    sources: [desk list]
"""


def test_cache_is_used_and_invalidated_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(folder))
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "desk.yaml").write_text(DESK.format(en="Newtownia"), encoding="utf-8")

    first = Gazetteer.load([desk])
    (entry,) = folder.glob("gazetteer-*.cache")
    second = Gazetteer.load([desk])
    assert list(folder.glob("gazetteer-*.cache")) == [entry]
    assert second.index is not first.index  # restored, not rebuilt in this process
    assert Normalizer(second, "en").normalize("Oldtownia").text == "Newtownia"

    (desk / "desk.yaml").write_text(DESK.format(en="Brandnewtownia"), encoding="utf-8")
    third = Gazetteer.load([desk])
    assert Normalizer(third, "en").normalize("Oldtownia").text == "Brandnewtownia"
    assert list(folder.glob("gazetteer-*.cache")) != [entry]


def test_a_warm_load_restores_every_entity_alias_and_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(tmp_path))
    cold = Gazetteer.load()
    warm = Gazetteer.load()
    assert isinstance(warm.entities, columnar._LazyEntities)  # really from the cache
    assert dict(warm.entities) == dict(cold.entities)
    assert dict(warm.generated) == dict(cold.generated)
    assert warm.digest == cold.digest  # of the data: what signatures name
    assert warm.languages == cold.languages
    assert warm.ambiguities == cold.ambiguities
    assert sorted(warm.aliases(), key=repr) == sorted(cold.aliases(), key=repr)
    assert list(warm.index.groups()) == list(cold.index.groups())
    assert warm.index.max_words == cold.index.max_words


def test_every_entity_field_has_a_codec() -> None:
    # A new Entity field needs a codec in the cache, or loading would lose it.
    assert {str(f.type) for f in fields(Entity)} <= set(columnar._CODECS)


def test_unusable_cache_is_bypassed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(blocker / "cache"))
    assert Normalizer(Gazetteer.load(), "en").normalize("Kiev").text == "Kyiv"
    monkeypatch.setenv("NORMTK_CACHE_DIR", "off")
    assert Normalizer(Gazetteer.load(), "en").normalize("Kiev").text == "Kyiv"


def _entry(folder: Path) -> Path:
    Gazetteer.load()
    (entry,) = folder.glob("gazetteer-*.cache")
    return entry


def _rewrite(
    entry: Path, header_change: dict[str, object] | None = None, body: bytes = b""
) -> None:
    """Rewrite a cache entry with a changed header or body, CRC kept right."""
    data = entry.read_bytes()
    end = data.index(b"\n", len(columnar.MAGIC))
    header = json.loads(data[len(columnar.MAGIC) : end])
    body = data[end + 1 :]
    header.update(header_change or {})
    header["crc32"] = zlib.crc32(body)
    entry.write_bytes(columnar.MAGIC + json.dumps(header).encode() + b"\n" + body)


def _break_header_sections(entry: Path) -> None:
    data = entry.read_bytes()
    end = data.index(b"\n", len(columnar.MAGIC))
    sections = json.loads(data[len(columnar.MAGIC) : end])["sections"]
    sections["key_sizes"], sections["alias_text"] = sections["alias_text"], sections["key_sizes"]
    _rewrite(entry, {"sections": sections})


BREAKAGES = {
    "garbage": lambda e: e.write_bytes(b"not a cache"),
    "empty": lambda e: e.write_bytes(b""),
    "truncated": lambda e: e.write_bytes(e.read_bytes()[:-1000]),
    "bit flipped": lambda e: e.write_bytes(
        e.read_bytes()[:-50] + bytes([e.read_bytes()[-50] ^ 1]) + e.read_bytes()[-49:]
    ),
    "other version": lambda e: _rewrite(e, {"version": columnar.VERSION + 1}),
    "other digest": lambda e: _rewrite(e, {"digest": "0" * 64}),
    "sections swapped": _break_header_sections,
    "section out of range": lambda e: _rewrite(e, {"sections": {"strings": [0, 1 << 40]}}),
    "header not an object": lambda e: e.write_bytes(columnar.MAGIC + b"[1, 2]\n"),
    "well-formed pickle": lambda e: e.write_bytes(pickle.dumps((2, ({}, {}, {}, "x", {}, [])))),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_bad_cache_entry_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, breakage: str
) -> None:
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(tmp_path))
    entry = _entry(tmp_path)
    BREAKAGES[breakage](entry)
    assert cache.get(fingerprint(search_path()), lambda: ({}, {})) is None
    assert Normalizer(Gazetteer.load(), "en").normalize("Kiev").text == "Kyiv"
    rewritten = cache.get(fingerprint(search_path()), lambda: ({}, {}))
    assert sorted(rewritten.languages) == ["de", "en", "es", "fr"]  # type: ignore[union-attr]
    assert rewritten.entities["kyiv"].id == "kyiv"  # type: ignore[union-attr]


class _Payload:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("open(__import__('os').environ['NORMTK_MARKER'], 'w').write('ran')",))


def test_a_planted_pickle_runs_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(tmp_path))
    marker = tmp_path / "marker"
    monkeypatch.setenv("NORMTK_MARKER", str(marker))
    entry = _entry(tmp_path)
    payload = pickle.dumps(_Payload())
    entry.write_bytes(payload)
    entry.with_suffix(".pickle").write_bytes(payload)  # where 0.1.0 kept it
    result = run_cli("normalize", "--lang", "en", input=b"Talks in Kiev\n")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"Talks in Kyiv\n", b"")
    assert not marker.exists()
    assert not entry.with_suffix(".pickle").exists()  # the old entry is cleared away


def test_a_crafted_entity_record_falls_back_to_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(tmp_path))
    # A file that passes every check, but Kyiv's own record is of the wrong shape.
    real = columnar._entity_record

    def crafted(entity: Entity, generated: dict[str, list[tuple[str, str]]]) -> str:
        return '{"id": "kyiv", "forms": 1}' if entity.id == "kyiv" else real(entity, generated)

    with monkeypatch.context() as patch:
        patch.setattr(columnar, "_entity_record", crafted)
        entry = _entry(tmp_path)
    gazetteer = Gazetteer.load()
    assert isinstance(gazetteer.entities, columnar._LazyEntities)
    assert Normalizer(gazetteer, "en").normalize("Talks in Kiev").text == "Talks in Kyiv"
    assert gazetteer["kyiv"].form("name", "de") == "Kiew"
    assert not entry.exists()  # dropped, to be written afresh by the next cold load


def test_entries_of_other_data_are_kept_until_the_folder_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bundled data alone and with a user's file alternate in one folder (a desk
    # running both, a benchmark): neither may evict the other on every call.
    folder = tmp_path / "cache"
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "KEEP", 3)
    styles = bundled_dir() / "styles.yaml"
    desks = []
    for number in range(4):
        desk = tmp_path / f"desk{number}"
        desk.mkdir()
        (desk / "desk.yaml").write_text(DESK.format(en=f"Newtownia{number}"), encoding="utf-8")
        desks.append([styles, desk])

    def load(number: int) -> Gazetteer:
        time.sleep(0.02)  # distinct modification times, whatever the file system's tick
        return Gazetteer.load(desks[number], bundled=False)

    load(0)
    load(1)
    assert len(list(folder.glob("gazetteer-*.cache"))) == 2
    assert isinstance(load(0).entities, columnar._LazyEntities)  # a hit: now the most recent
    newest = max(folder.glob("gazetteer-*.cache"), key=lambda p: p.stat().st_mtime_ns)
    (desk1,) = set(folder.glob("gazetteer-*.cache")) - {newest}
    load(2)
    load(3)
    kept = set(folder.glob("gazetteer-*.cache"))
    assert len(kept) == 3
    assert desk1 not in kept  # the least recently used
    assert isinstance(load(0).entities, columnar._LazyEntities)
