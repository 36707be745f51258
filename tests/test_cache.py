"""The on-disk gazetteer cache: used when the data is unchanged, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from normtk import Gazetteer, Normalizer

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
    cache = tmp_path / "cache"
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(cache))
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "desk.yaml").write_text(DESK.format(en="Newtownia"), encoding="utf-8")

    first = Gazetteer.load([desk])
    (entry,) = cache.glob("gazetteer-*.pickle")
    second = Gazetteer.load([desk])
    assert second.entities == first.entities
    assert sorted(second.aliases(), key=repr) == sorted(first.aliases(), key=repr)
    assert list(cache.glob("gazetteer-*.pickle")) == [entry]

    (desk / "desk.yaml").write_text(DESK.format(en="Brandnewtownia"), encoding="utf-8")
    third = Gazetteer.load([desk])
    assert Normalizer(third, "en").normalize("Oldtownia").text == "Brandnewtownia"
    assert list(cache.glob("gazetteer-*.pickle")) != [entry]


def test_unusable_cache_is_bypassed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(blocker / "cache"))
    assert Normalizer(Gazetteer.load(), "en").normalize("Kiev").text == "Kyiv"
    monkeypatch.setenv("NORMTK_CACHE_DIR", "off")
    assert Normalizer(Gazetteer.load(), "en").normalize("Kiev").text == "Kyiv"


def test_corrupt_cache_entry_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMTK_CACHE_DIR", str(tmp_path))
    Gazetteer.load()
    (entry,) = tmp_path.glob("gazetteer-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert Normalizer(Gazetteer.load(), "en").normalize("Kiev").text == "Kyiv"
