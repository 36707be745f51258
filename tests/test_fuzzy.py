"""Fuzzy recognition: skeleton rules as data, candidate search, suggest-only by default."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import DATA, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normtk import Gazetteer, Normalizer, restore
from normtk.errors import UsageError
from normtk.fuzzy import FuzzyIndex, rules, skeleton
from normtk.gazetteer.load import read_data_file
from normtk.qa.checker import Checker

RULES = rules()
SEGMENTS = list(
    csv.DictReader(
        (DATA / "fuzzy" / "segments.tsv").open(encoding="utf-8", newline=""), delimiter="\t"
    )
)


@pytest.fixture(scope="module")
def fuzzy(gazetteer: Gazetteer) -> Normalizer:
    return Normalizer(gazetteer, "en", fuzzy=True)


@pytest.mark.parametrize(("a", "b"), RULES.same)
def test_sample_pairs_share_a_key(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), RULES.different)
def test_sample_pairs_keep_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


@pytest.mark.parametrize(("word", "key"), RULES.keys)
def test_sample_keys(word: str, key: str) -> None:
    assert skeleton(word) == key


def test_rules_have_sources() -> None:
    assert RULES.sources
    assert all(source.strip() for source in RULES.sources)


def test_broken_rules_file_names_file_and_line() -> None:
    root = Path(__file__).resolve().parents[1] / "normtk" / "fuzzy"
    schema = json.loads((root / "skeleton.schema.json").read_text("utf-8"))
    text = (root / "skeleton.yaml").read_text("utf-8").replace("min_stem: 3", "min_stem: three")
    _, problems = read_data_file(text, schema, "skeleton.yaml")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("min_stem"))
    assert problems == [f"skeleton.yaml:{line}: min_stem: 'three' is not of type 'integer'"]


class _Alias:
    def __init__(self, text: str, entity_id: str) -> None:
        self.text = text
        self.entity_id = entity_id


def test_index_ranks_the_transliteration_first() -> None:
    index = FuzzyIndex(
        [_Alias("Kupiansk", "kupiansk"), _Alias("Kupyansk", "kupiansk"), _Alias("Kursk", "kursk")]
    )
    (best, *_) = index.search("Kupyanska")
    assert best.alias.entity_id == "kupiansk"
    assert best.key_score == 1.0
    # A truncated stem is found, two edits away, but never shares the key.
    (best, *_) = index.search("Kupyan")
    assert best.alias.entity_id == "kupiansk"
    assert best.key_score < 1.0
    assert index.search("Zhytomyr") == []


@pytest.mark.parametrize("row", SEGMENTS, ids=[r["written"] for r in SEGMENTS])
def test_real_segments(fuzzy: Normalizer, row: dict[str, str]) -> None:
    segment = row["segment"]
    result = fuzzy.normalize(segment)
    found = [(s.text, s.proposed) for s in result.suggestions if row["written"] in s.text]
    if row["proposed"]:
        assert found == [(row["written"], row["proposed"])], row["why"]
    else:
        assert found == [], row["why"]
    assert not [c for c in result.changes if c.rule.startswith("fuzzy")]


@pytest.mark.parametrize(
    "text",
    [
        "Sumi and Lida are far away.",  # short names: other places and people
        "The Marine Corps said so.",  # a common word
        "Mr Kreminnoye said so.",  # a person's context: no place
        "Kremenchuk and Kramatorsk were shelled.",  # known names: the exact index's
        "Dynamo Kiev beat Shakhtar in Kiev.",  # the club, not the town of Shakhtarsk
    ],
)
def test_not_suggested(fuzzy: Normalizer, text: str) -> None:
    assert fuzzy.normalize(text).suggestions == []


def test_suggestion_record(fuzzy: Normalizer) -> None:
    result = fuzzy.normalize("Calm day.\nShelling hit Kreminnoye again near Kiev.")
    assert result.text == "Calm day.\nShelling hit Kreminnoye again near Kyiv."
    ((suggestion,),) = [result.suggestions]
    record = suggestion.to_dict()
    assert record["kind"] == "fuzzy"
    assert (record["line"], record["start"], record["end"]) == (2, 13, 23)
    assert (record["text"], record["entity"], record["proposed"]) == (
        "Kreminnoye",
        "kreminna",
        "Kreminna",
    )
    assert 0.87 <= record["score"] < 1


def test_threshold_rewrites_and_logs(gazetteer: Gazetteer) -> None:
    normalizer = Normalizer(gazetteer, "en", fuzzy_threshold=0.95)
    text = "Troops left Marynka.\nShelling hit Kreminnoye."
    result = normalizer.normalize(text)
    # Marynka (0.97) is rewritten; Kreminnoye (0.89) stays a suggestion.
    assert result.text == "Troops left Marinka.\nShelling hit Kreminnoye."
    ((change,),) = [result.changes]
    assert (change.line, change.original, change.replacement) == (1, "Marynka", "Marinka")
    assert change.rule.startswith("fuzzy:")
    assert [s.text for s in result.suggestions] == ["Kreminnoye"]
    assert restore(result.text, result.changes) == text
    assert normalizer.normalize(result.text).text == result.text


def test_threshold_out_of_range(gazetteer: Gazetteer) -> None:
    with pytest.raises(UsageError, match="fuzzy_threshold"):
        Normalizer(gazetteer, "en", fuzzy_threshold=0)


# Near misses of real place names: a letter changed, added, dropped or doubled.
_LETTERS = "aeiouyknrst"


@st.composite
def near_miss(draw: st.DrawFn, names: list[str]) -> str:
    name = draw(st.sampled_from(names))
    at = draw(st.integers(1, len(name) - 1))
    letter = draw(st.sampled_from(_LETTERS))
    op = draw(st.sampled_from(["replace", "insert", "delete", "double"]))
    if op == "replace":
        return name[:at] + letter + name[at + 1 :]
    if op == "insert":
        return name[:at] + letter + name[at:]
    if op == "delete":
        return name[:at] + name[at + 1 :]
    return name[:at] + name[at] + name[at:]


@pytest.fixture(scope="module")
def place_names(gazetteer: Gazetteer) -> list[str]:
    return sorted(
        {
            e.form("name", "en")
            for e in gazetteer
            if not e.is_person and e.form("name", "en").isalpha() and len(e.form("name", "en")) > 4
        }
    )


def test_fuzzy_never_rewrites_by_default(
    gazetteer: Gazetteer, fuzzy: Normalizer, en: Normalizer, place_names: list[str]
) -> None:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        near_miss(place_names), st.sampled_from(["Shelling near {} today.", "{} fell.", "In {}"])
    )
    def check(word: str, template: str) -> None:
        text = template.format(word)
        with_fuzzy, without = fuzzy.normalize(text), en.normalize(text)
        assert with_fuzzy.text == without.text
        assert with_fuzzy.changes == without.changes
        assert not [c for c in with_fuzzy.changes if c.rule.startswith("fuzzy")]

    check()


def test_check_reports_possible_variant(gazetteer: Gazetteer) -> None:
    checker = Checker(gazetteer, lang="en", checks=["variants"])
    (finding,) = checker.check_texts(["Shelling hit Kreminnoye again near Kiev."])
    assert finding.kind == "possible-variant"
    assert finding.severity == "info"
    assert (finding.start, finding.end, finding.fix) == (13, 23, "Kreminna")
    assert finding.entity == "kreminna"


def test_cli_suggests_and_changes_nothing(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Troops left Marynka.\n", encoding="utf-8")
    names = tmp_path / "names.jsonl"
    done = run_cli("normalize", str(story), "--suggest", str(names))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "Troops left Marynka.\n"
    (record,) = [json.loads(line) for line in names.read_text("utf-8").splitlines()]
    assert (record["kind"], record["text"], record["proposed"]) == ("fuzzy", "Marynka", "Marinka")


def test_cli_threshold_rewrites(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Troops left Marynka.\n", encoding="utf-8")
    log = tmp_path / "changes.jsonl"
    done = run_cli("normalize", str(story), "--fuzzy-threshold", "0.9", "--changes", str(log))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "Troops left Marinka.\n"
    (change,) = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert change["rule"].startswith("fuzzy:")


def test_cli_bad_threshold(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("x\n", encoding="utf-8")
    done = run_cli("normalize", str(story), "--fuzzy-threshold", "1.5")
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


def test_stream_numbers_suggestions_by_line_of_the_stream(fuzzy: Normalizer) -> None:
    from normtk.normalize import normalize_stream

    lines = ["Calm day.\n", "Troops left Marynka.\n", "Calm again.\n", "Shelling hit Kreminnoye.\n"]
    results = list(normalize_stream(fuzzy, lines, chunk_chars=10))
    assert len(results) > 1
    found = [(s.line, s.start, s.text) for r in results for s in r.suggestions]
    assert found == [(2, 12, "Marynka"), (4, 13, "Kreminnoye")]


_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="story" source-language="uk" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="169">
        <source>1 квітня мер Бучі Анатолій Федорук заявив про поховання.</source>
        <target>On April 1, the mayor of Buchi, Anatoly Fedoruk, announced the burials.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_suggestions_name_the_unit(fuzzy: Normalizer) -> None:
    from normtk.rewrite import normalize_xliff

    # The target is GTCOM's uk-en line 169 (tests/data/fuzzy/segments.tsv), shortened.
    data = _XLIFF.encode("utf-8")
    result = normalize_xliff(fuzzy, "story.xlf", data)
    assert result.text.encode("utf-8") == data  # suggestions change nothing
    (record,) = result.unresolved
    assert (record["kind"], record["unit"], record["text"], record["proposed"]) == (
        "fuzzy",
        "169",
        "Buchi",
        "Bucha",
    )
    assert (record["start"], record["end"]) == (25, 30)
