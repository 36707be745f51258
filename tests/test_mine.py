"""``normtk gazetteer mine``: proposals on real WMT22 segments, the patch, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from normtk.gazetteer import Gazetteer, validate
from normtk.gazetteer.locate import bundled_dir
from normtk.io.corpus import read_corpus
from normtk.mining import Miner, mine_files, similarity, skeleton
from normtk.normalize import Normalizer

DATA = Path(__file__).parent / "data" / "mine"
HYPS = [str(DATA / "uk-en.hyp.ALMAnaCH-Inria.en"), str(DATA / "uk-en.hyp.GTCOM.en")]
REF = str(DATA / "ref.en")
SRC = str(DATA / "src.uk")
# The bundled data as it was before what was mined from WMT22 was added to it
# (gazetteers/mined/ holds Vynohradar and Hostomil, mined from these segments).
BEFORE = sorted(p for p in bundled_dir().rglob("*.yaml") if p.parent.name != "mined")

# Written by hand from reading the six segments (see tests/data/mine/README.md):
# (entity, new entity?, spelling, {writer: count}).
EXPECTED = {
    # 576: the reference writes Hryshko (Гришко), both systems Grishko
    ("hryshko", True, "Grishko", (("ALMAnaCH-Inria", 1), ("GTCOM", 1))),
    # 606: the reference writes Vynohradar (на Виноградарі); each system its own spelling
    ("vynohradar", True, "Vinogradar", (("ALMAnaCH-Inria", 1),)),
    ("vynohradar", True, "Vynogradar", (("GTCOM", 1),)),
    # 902: the reference writes Hostomel, ALMAnaCH-Inria Hostomil (GTCOM's Gostomel is known)
    ("hostomel", False, "Hostomil", (("ALMAnaCH-Inria", 1),)),
    # 1339: both systems write Zaporizhzhia, the reference Zaporizhya
    ("zaporizhzhia", False, "Zaporizhya", (("ref", 1),)),
    # 161 (Buch for Bucha) and 1418 (Brovarsky, Vyshgorod, Buchan) propose nothing
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(BEFORE, bundled=False)


@pytest.fixture(scope="module")
def proposals(gazetteer: Gazetteer) -> list:
    corpus = read_corpus(HYPS, [REF], SRC)
    return Miner(gazetteer, "en", "uk").mine(corpus)


def test_fixture_gives_the_expected_proposals(proposals: list) -> None:
    found = {
        (p.entity_id, p.is_new, p.spelling, tuple(sorted(p.writers.items()))) for p in proposals
    }
    assert found == EXPECTED


def test_new_entities_carry_the_native_name_and_the_examples(proposals: list) -> None:
    by_spelling = {p.spelling: p for p in proposals}
    grishko = by_spelling["Grishko"]
    assert grishko.native == {"uk": "Гришко"}
    assert grishko.new_name == "Hryshko"
    assert [e.seg_id for e in grishko.examples] == ["1"]
    assert grishko.examples[0].written.startswith("Grishko started coughing")
    assert by_spelling["Hostomil"].evidence == {"ref": 1}
    assert by_spelling["Zaporizhya"].evidence.keys() <= {"ALMAnaCH-Inria", "GTCOM", "src"}


def test_the_bundled_data_knows_the_mined_places() -> None:
    corpus = read_corpus(HYPS, [REF], SRC)
    found = {p.spelling for p in Miner(Gazetteer.load(), "en", "uk").mine(corpus)}
    assert found == {"Grishko"}


def test_without_the_source_no_new_entity(gazetteer: Gazetteer) -> None:
    corpus = read_corpus(HYPS, [REF])
    found = {(p.entity_id, p.spelling) for p in Miner(gazetteer, "en").mine(corpus)}
    assert found == {("hostomel", "Hostomil"), ("zaporizhzhia", "Zaporizhya")}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Zelenskiy", "Zelenskyy", True),
        ("Kreminna", "Kreminnaya", True),
        ("Kharkiv", "Charkiw", False),
        ("Vynohradar", "Vinogradar", True),
    ],
)
def test_skeleton(a: str, b: str, same: bool) -> None:
    assert (skeleton(a) == skeleton(b)) is same


def test_similarity_is_symmetric_and_in_range() -> None:
    assert similarity("Hostomil", "Hostomel") == similarity("Hostomel", "Hostomil")
    assert 0 <= similarity("Kyiv", "Lviv") < 80


def test_patch_validates_and_loads(tmp_path: Path) -> None:
    patch, summary = tmp_path / "proposals.yaml", tmp_path / "proposals.tsv"
    written = mine_files(
        HYPS,
        REF,
        SRC,
        src_lang="uk",
        output=str(patch),
        summary=str(summary),
        gazetteer=BEFORE,
        bundled=False,
    )
    assert len(written) == len(EXPECTED)
    assert validate([*BEFORE, patch], bundled=False) == []
    text = patch.read_text("utf-8")
    assert text.startswith("# Spellings proposed by `normtk gazetteer mine`")
    assert "extend:" in text
    assert "entities:" in text
    lines = summary.read_text("utf-8").splitlines()
    assert lines[0].split("\t")[:4] == ["entity", "new", "part", "spelling"]
    assert len(lines) == 1 + len(EXPECTED)
    normalizer = Normalizer(Gazetteer.load([*BEFORE, patch], bundled=False), "en")
    result = normalizer.normalize("Grishko moved to Hostomil, then to Vinogradar.")
    assert result.text == "Hryshko moved to Hostomel, then to Vynohradar."


def test_extend_entries_are_checked(tmp_path: Path) -> None:
    patch = tmp_path / "bad.yaml"
    patch.write_text(
        "extend:\n"
        "  - id: no-such-entity\n    variants: [Foo]\n    sources: [x]\n"
        "  - id: dmytro-kuleba\n    variants: [Kulebba]\n    sources: [x]\n"
        "  - id: kyiv\n    sources: [x]\n",
        "utf-8",
    )
    problems = validate([patch])
    assert problems == [
        f"{patch}:2: no-such-entity: extend: no entity with this id to extend",
        f"{patch}:5: dmytro-kuleba: extend: variants: not for a person",
        (
            f"{patch}:8: kyiv: extend: adds nothing; give variants (given_variants, "
            "surname_variants for a person), keep or never"
        ),
    ]


def _cli(*args: str) -> tuple[int, str]:
    result = run_cli("gazetteer", "mine", *args)
    return result.returncode, result.stderr.decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hyp", HYPS[0], "--ref", str(DATA / "missing.en")], "missing.en"),
        (["--hyp", HYPS[0], "--ref", REF, "--src", SRC], "--src-lang"),
        (["--hyp", HYPS[0]], "give a reference"),
        (["--hyp", HYPS[0], "--ref", str(DATA / "README.md")], "line counts differ"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "proposals.yaml"
    returncode, stderr = _cli(*args, "-o", str(out))
    assert returncode == 2
    assert stderr.startswith("normtk: error: ")
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_patch_and_summary(tmp_path: Path) -> None:
    out, tsv = tmp_path / "p.yaml", tmp_path / "p.tsv"
    args = [a for hyp in HYPS for a in ("--hyp", hyp)]
    returncode, stderr = _cli(
        *args, "--ref", REF, "--src", SRC, "--src-lang", "uk", "-o", str(out), "--summary", str(tsv)
    )
    assert returncode == 0, stderr
    assert validate([out]) == []
    assert "Grishko" in tsv.read_text("utf-8")


def test_examples_name_document_and_segment_where_the_input_has_documents(
    gazetteer: Gazetteer,
) -> None:
    plain = read_corpus(HYPS, [REF], SRC)
    plain.doc_ids = ["doc-a"] * 3 + ["doc-b"] * 3
    plain.seg_ids = ["1", "2", "3", "1", "2", "3"]
    found = {
        p.spelling: [e.seg_id for e in p.examples] for p in Miner(gazetteer, "en", "uk").mine(plain)
    }
    assert found["Grishko"] == ["doc-a:1"]
    assert found["Zaporizhya"] == ["doc-b:1"]
