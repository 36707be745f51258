"""Romanization families: every sample of every family, the bounds of generation, validation.

Each family's samples list spellings met in copy (their notes say where);
they are written by hand from press usage and the systems' tables, never
produced by normtk.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normtk.errors import UsageError
from normtk.translit import romanize
from normtk.translit._schemes import SchemeError
from normtk.translit.romanize import MAX_CAP, Family, families, family, spellings

ALL = families()
SAMPLES = [
    pytest.param(f, sample.source, expected, id=f"{f.name}:{sample.source}:{expected}")
    for f in ALL
    for sample in f.samples
    for expected in sample.expected
]
FAMILIES = Path(romanize.__file__).parent / "families"


@pytest.mark.parametrize(("family_", "source", "expected"), SAMPLES)
def test_sample(family_: Family, source: str, expected: str) -> None:
    assert expected in family_.spellings(source)


def test_the_five_families_have_samples_and_provenance() -> None:
    assert [f.name for f in ALL] == ["ar", "fa", "he", "ko", "zh"]
    for f in ALL:
        assert f.samples, f.name
        assert f.source.strip(), f.name
        assert f.description.strip(), f.name
        assert 1 <= f.cap <= MAX_CAP, f.name
        assert f.profiles, f.name


@pytest.mark.parametrize("family_", ALL, ids=lambda f: f.name)
def test_generation_is_bounded_distinct_and_deterministic(family_: Family) -> None:
    for sample in family_.samples:
        out = family_.spellings(sample.source)
        assert len(out) <= family_.cap
        assert len(set(out)) == len(out)
        assert out == family_.spellings(sample.source)


def test_a_long_name_is_bounded_too() -> None:
    # Twelve words of graphemes with several spellings each: the product is astronomic,
    # the output is capped and comes at once.
    name = " ".join(["Muʿammar al-Qaḏḏāfī"] * 4)
    assert len(spellings(name, "ar")) <= family("ar").cap
    assert spellings("ṣ" * (romanize.MAX_INPUT + 1), "ar") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_text_gives_a_bounded_list(text: str) -> None:
    for f in ALL:
        out = f.spellings(text)
        assert len(out) <= f.cap
        assert all(isinstance(s, str) for s in out)


def test_profiles_keep_their_conventions() -> None:
    # French ou and German dsch come from their profiles, not mixed into English ones.
    out = spellings("Moḥammad Ǧawād Ẓarīf", "fa")
    assert "Mohammad Dschawad Sarif" in out
    assert "Mohammad Dschavad Zarif" not in out  # German dsch with English v


def test_unknown_family_names_the_known_ones() -> None:
    with pytest.raises(UsageError, match="known families: ar, fa, he, ko, zh"):
        family("xx")


def test_chinese_needs_syllables_of_the_table() -> None:
    assert spellings("Xqz", "zh") == []
    assert "Ch'ing" in spellings("Qing", "zh")


def test_korean_needs_hangul() -> None:
    assert spellings("Kim", "ko") == []


def _write(tmp_path: Path, data: object, name: str = "xx.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def _load(tmp_path: Path, data: object, name: str = "xx.json") -> Family:
    return romanize.load_family_file(_write(tmp_path, data, name), tmp_path)


GOOD = {
    "name": "xx",
    "lang": "xx",
    "kind": "rules",
    "description": "d",
    "source": "s",
    "cap": 4,
    "max_changes": 2,
    "rules": {"q": ["q", "g"]},
    "profiles": [{"name": "en", "cap": 4}],
    "samples": [["Qadi", ["Gadi"]]],
}


def test_a_good_file_loads(tmp_path: Path) -> None:
    assert _load(tmp_path, GOOD).spellings("Qadi") == ["Qadi", "Gadi"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cap": MAX_CAP + 1}, "cap: must be an integer from 1"),
        ({"kind": "magic"}, "kind: must be one of"),
        ({"rules": {"Q": ["q"]}}, "lower case"),
        ({"rules": {"q": []}}, "non-empty list of spellings"),
        ({"rules": {"q": ["q", {"text": "g", "cost": -1}]}}, "must not decrease"),
        ({"profiles": [{"name": "en", "cap": 4, "bogus": 1}]}, "unknown field 'bogus'"),
        ({"samples": [["Qadi", "Gadi"]]}, r"is not \[source, \[spellings\]\(, note\)\]"),
        ({"name": "yy"}, "must equal the file name"),
        ({"extra": 1}, "unknown field 'extra'"),
    ],
)
def test_bad_files_name_the_problem(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    with pytest.raises(SchemeError, match=message) as raised:
        _load(tmp_path, {**GOOD, **change})
    assert "xx.json" in str(raised.value)


def test_an_unreadable_file_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "xx.json"
    path.write_text("{", "utf-8")
    with pytest.raises(SchemeError, match=r"xx\.json: cannot read"):
        romanize.load_family_file(path, tmp_path)


def test_the_syllable_table_is_the_one_the_script_makes() -> None:
    pytest.importorskip("pypinyin")
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "make_zh_syllables.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
