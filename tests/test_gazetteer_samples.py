"""Every sample of every gazetteer file, normalized with the bundled data, byte for byte.

Each file under gazetteers/ carries its phrases in a `samples:` block beside the
entities they exercise (a generated file in `<name>.samples.yaml` beside it; see
gazetteers/README.md). The expected outputs are written by hand from the forms and
sources of the data, never by running the normalizer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from normtk import Gazetteer, Normalizer
from normtk.errors import GazetteerError
from normtk.gazetteer.load import STYLES_FILE

ROOT = REPO / "gazetteers"
SIBLING = ".samples.yaml"
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _docs() -> dict[str, dict[str, Any]]:
    """Return every gazetteer file's document by its path under gazetteers/."""
    files = sorted(p for p in ROOT.rglob("*.yaml") if p.name != STYLES_FILE)
    return {
        file.relative_to(ROOT).as_posix(): yaml.load(file.read_text("utf-8"), Loader=_Loader)
        for file in files
    }


DOCS = _docs()


def _home(name: str) -> str:
    """Return the file whose entities a file's samples exercise (a sibling's generated file)."""
    return name.removesuffix(SIBLING) + ".yaml" if name.endswith(SIBLING) else name


def _ids(name: str) -> set[str]:
    """Return the ids a file defines or extends."""
    doc = DOCS[_home(name)]
    return {item["id"] for key in ("entities", "extend") for item in doc.get(key) or []}


SAMPLES = [
    pytest.param(
        name,
        sample,
        id=f"{name}#{number}:{sample['lang']}{'/' + sample['style'] if 'style' in sample else ''}"
        f":{sample['text'][:40]}",
    )
    for name, doc in DOCS.items()
    for number, sample in enumerate(doc.get("samples") or [], 1)
]

_NORMALIZERS: dict[tuple[str, str | None, bool], Normalizer] = {}


def _normalizer(gazetteer: Gazetteer, sample: dict[str, Any]) -> Normalizer:
    key = (sample["lang"], sample.get("style"), bool(sample.get("keep_styled")))
    if key not in _NORMALIZERS:
        _NORMALIZERS[key] = Normalizer(gazetteer, key[0], key[1], keep_styled=key[2])
    return _NORMALIZERS[key]


@pytest.mark.parametrize(("name", "sample"), SAMPLES)
def test_sample(gazetteer: Gazetteer, name: str, sample: dict[str, Any]) -> None:
    result = _normalizer(gazetteer, sample).normalize(sample["text"])
    if sample.get("unchanged"):
        assert result.text == sample["text"]
        assert result.changes == []
        return
    assert sample["expect"] != sample["text"], "a phrase left as written says unchanged: true"
    assert result.text == sample["expect"]
    rewritten = {part for change in result.changes for part in change.entity.split("|")}
    assert rewritten & _ids(name), f"rewrites no entity of {_home(name)}: {sorted(rewritten)}"


ENTITY_FILES = [name for name in DOCS if not name.endswith(SIBLING)]


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_every_file_has_samples_and_keeps_its_keep_phrases(name: str) -> None:
    samples = [
        *(DOCS[name].get("samples") or []),
        *(DOCS.get(name.removesuffix(".yaml") + SIBLING, {}).get("samples") or []),
    ]
    assert len(samples) >= 3, f"{name}: give at least three samples"
    items = [*(DOCS[name].get("entities") or []), *(DOCS[name].get("extend") or [])]
    if any(item.get("keep") for item in items):
        assert any(s.get("unchanged") for s in samples), f"{name}: no sample of a keep phrase"


def test_a_samples_file_belongs_to_a_gazetteer_file() -> None:
    for name in DOCS:
        if name.endswith(SIBLING):
            assert _home(name) in DOCS, name
            assert set(DOCS[name]) == {"samples"}, name


def test_samples_are_read_into_no_entity(tmp_path: Path) -> None:
    styles = ROOT / STYLES_FILE
    (tmp_path / "only.samples.yaml").write_text(
        "samples:\n  - {lang: en, text: Kiev said, expect: Kyiv said}\n", encoding="utf-8"
    )
    assert len(Gazetteer.load([styles, tmp_path], bundled=False)) == 0


def test_a_sample_without_its_expectation_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "samples:\n  - {lang: en, text: Kiev, expect: Kyiv}\n  - {lang: en, text: Kiev}\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError) as info:
        Gazetteer.load([ROOT / STYLES_FILE, tmp_path], bundled=False)
    (problem,) = info.value.problems
    assert problem.startswith(f"{tmp_path / 'bad.yaml'}:3: sample 2: entry: ")
