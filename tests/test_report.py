"""normtk report: the page shows normtk score's and normtk check's own figures, escaped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA, run_cli
from lxml import html

from normtk import Gazetteer
from normtk.io.corpus import Corpus
from normtk.report import analysis, build
from normtk.report.escaping import script_json
from normtk.score import CHRF, Scorer

FIXTURE = DATA / "report"
SYSTEMS = ["Online-B", "Online-G", "PROMT"]
PLAIN = [
    "--ref",
    str(FIXTURE / "uk-en.ref.en"),
    *(str(FIXTURE / f"uk-en.hyp.{s}.en") for s in SYSTEMS),
]
SOURCE = [
    "--src",
    str(FIXTURE / "uk-en.src.uk"),
    "--src-lang",
    "uk",
    "--doc-ids",
    str(FIXTURE / "uk-en.docids"),
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli("report", *PLAIN, *SOURCE, "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    return out.read_text("utf-8")


def _tables(page: str) -> dict[str, list[list[str]]]:
    """Return every table of the page by caption: rows of cell texts, header first."""
    out = {}
    for table in html.fromstring(page).iter("table"):
        caption = table.find("caption")
        key = caption.text_content() if caption is not None else ""
        out[key] = [[c.text_content() for c in row] for row in table.iter("tr")]
    return out


def test_overview_shows_normtk_scores_figures(page: str) -> None:
    result = run_cli("score", *PLAIN, "--normalize-entities", "--paired-bs", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    expected = {s["name"]: s for s in json.loads(result.stdout)["systems"]}
    tables = _tables(page)
    for metric in ("BLEU", "chrF2"):
        head, *rows = tables[f"{metric}, systems ranked by the plain score"]
        assert head[:3] == ["rank", "system", metric]
        assert [r[1] for r in rows] == sorted(
            expected, key=lambda s: -expected[s]["scores"][metric]["score"]
        )
        for row in rows:
            figures = expected[row[1]]["scores"][metric]
            assert row[2] == f"{figures['score']:.2f}"
            assert row[3] == f"{figures['mean']:.2f} ± {figures['ci']:.2f}"
            assert row[5] == f"{figures['normalized']:.2f}"
            p = figures.get("p_value")
            assert row[4] == ("" if p is None else f"{p:.4f}" + ("*" if p < 0.05 else ""))
    head, *rows = next(v for k, v in tables.items() if k.startswith("Entities by gazetteer id"))
    for row in rows:
        entities = expected[row[0]]["entities"]
        assert row[1:4] == [
            str(entities["hypothesis_mentions"]),
            str(entities["reference_mentions"]),
            str(entities["matched"]),
        ]
        f1 = entities["f1"]
        assert row[6] == f"{f1['value']:.2f} [{f1['low']:.2f}, {f1['high']:.2f}]"
    signatures = html.fromstring(page).xpath('//dl[@class="sigs"]//code/text()')
    assert set(json.loads(result.stdout)["signatures"].values()) <= set(signatures)


def test_findings_per_system_are_normtk_checks(page: str) -> None:
    head, *rows = _tables(page)["normtk check findings"]
    assert head == ["system", "segments", "findings", "error", "warning", "info"]
    shown = {row[0]: row for row in rows}
    for system in SYSTEMS:
        result = run_cli(
            "check",
            "--hyp",
            str(FIXTURE / f"uk-en.hyp.{system}.en"),
            "--ref",
            str(FIXTURE / "uk-en.ref.en"),
            *SOURCE,
            "--format",
            "jsonl",
        )
        assert result.returncode == 0, result.stderr.decode()
        findings = [json.loads(line) for line in result.stdout.decode().splitlines()]
        severities = Counter(f["severity"] for f in findings)
        assert shown[system][2:] == [
            str(len(findings)),
            *(str(severities[s]) for s in ("error", "warning", "info")),
        ]


def test_editor_view_marks_each_finding_of_the_baseline(page: str) -> None:
    tree = html.fromstring(page)
    (editor,) = tree.xpath('//section[@id="editor"]')
    assert editor.get("data-system") == "Online-B"
    items = editor.xpath('.//li[contains(@class, "finding")]')
    # Online-B's 9 findings in these 30 segments, read in the fixture: "Irpin, Bucha,
    # Gostomel and the entire Kyiv region" (test_uk_878:7) spells Hostomel off style, and
    # "Kyiv region" (segments 1, 7, 10) is not the English default form, Kyiv Oblast;
    # "the mayor of Buchi" (9) may be Bucha (a possible variant, info); Ukraine (three
    # segments) and the Armed Forces of Ukraine (ЗСУ) are not translated.
    assert len(items) == 9
    assert Counter(i.get("data-severity") for i in items) == {"info": 4, "error": 5}
    marked = editor.xpath(".//mark")
    assert [m.text_content() for m in marked] == [
        "Kyiv region",
        "Gostomel",
        "Kyiv region",
        "Buchi",
        "Kyiv region",
    ]
    assert "fix: Kyiv Oblast" in items[0].text_content()
    assert "fix: Hostomel" in items[1].text_content()
    assert [m.get("class") for m in marked] == ["sev-error"] * 3 + ["sev-info", "sev-error"]
    # Findings about a whole segment (a missing name) are listed, not marked in the text.
    assert sum("Ukraine is in the reference ('Ukraine')" in i.text_content() for i in items) == 3


def test_self_contained(page: str) -> None:
    tree = html.fromstring(page)
    assert not tree.xpath("//link | //iframe | //object | //embed | //img")
    scripts = tree.xpath("//script")
    assert [s.get("src") for s in scripts] == [None, None]
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')


def test_every_chart_has_a_table(page: str) -> None:
    tree = html.fromstring(page)
    figures = tree.xpath('//figure[contains(@class, "chart-box")]')
    assert len(figures) >= 9
    for figure in figures:
        assert figure.xpath(".//svg"), html.tostring(figure)[:200]
    # Overview charts sit beside their table; the others carry it in <details>.
    for figure in tree.xpath('//section[@id="analysis"]//figure'):
        assert figure.xpath(".//details//table")


HOSTILE = "<script>alert('x')</script> \"quoted\" & 'single' <img src=x onerror=alert(1)>"


ENTITY = 'Smith & O\'Neil "Co" <script>'
GAZETTEER = """entities:
  - id: hostile-co
    type: organization
    name: {en: "%s", es: "%s", de: "%s", fr: "%s"}
    sources: ["a test entity whose name is hostile markup"]
""" % ((ENTITY.replace('"', '\\"'),) * 4)


def test_every_input_string_is_escaped(tmp_path: Path) -> None:
    # The hostile string in every field: system names, texts, document and segment ids,
    # the title, and an entity name from a user gazetteer (heat-map label, messages,
    # fixes); the report must show each as text and run nothing of it.
    (tmp_path / "hostile.yaml").write_text(GAZETTEER, encoding="utf-8")
    gazetteer = Gazetteer.load([tmp_path / "hostile.yaml"])
    names = [f"{HOSTILE} A", f"{HOSTILE} B"]
    refs = [[f"Talks in Kyiv {HOSTILE}", f"Zelensky spoke to {ENTITY} & left {HOSTILE}"]]
    corpus = Corpus(
        src=[f"Переговори у Києві {HOSTILE}", f"Зеленський {HOSTILE}"],
        refs=refs,
        hyps={
            names[0]: [f"Talks in Kiev {HOSTILE}", f"Zelenskiy spoke {HOSTILE}"],
            names[1]: [f"Talks {HOSTILE}", f"He spoke to {ENTITY} & left {HOSTILE}"],
        },
        seg_ids=[f"1{HOSTILE}", f"2{HOSTILE}"],
        doc_ids=[f"doc{HOSTILE}", f"doc{HOSTILE}"],
        src_lang="uk",
    )
    page = build(corpus, gazetteer, n_samples=20, title=f"Title {HOSTILE}")
    tree = html.fromstring(page)
    assert len(tree.xpath("//script")) == 2
    assert not tree.xpath("//img")
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")], element.tag
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert ENTITY not in page
    assert tree.findtext(".//title") == f"Title {HOSTILE}"
    text = tree.text_content()
    # Shown as text: in the tables, the chart labels, the editor's view.
    assert text.count(HOSTILE) >= 10
    svg_labels = [t.text_content() for t in tree.xpath("//svg//text")]
    assert names[0] in svg_labels
    assert ENTITY in svg_labels  # the heat map's row: names[0] dropped the entity
    (editor,) = tree.xpath('//section[@id="editor"]')
    assert f"doc{HOSTILE}" in editor.text_content()
    assert f"Talks in Kiev {HOSTILE}" in editor.text_content()
    assert f"fix: {ENTITY}" in editor.text_content()
    # The examples' data: valid JSON holding the strings as they were.
    (data,) = tree.xpath('//script[@id="examples-data"]')
    payload = json.loads(data.text)
    assert payload["systems"] == names
    assert {h for row in payload["rows"] for h in row["hyps"]} >= {f"Talks {HOSTILE}"}


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"a": "</script><script>alert(1)</script> & <!--"})
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == {"a": "</script><script>alert(1)</script> & <!--"}


def test_stdout_and_bad_input(tmp_path: Path) -> None:
    result = run_cli("report", *PLAIN, "-o", "-", "--examples", "3")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"<!DOCTYPE html>")
    short = tmp_path / "short.en"
    short.write_text("one line\n", encoding="utf-8")
    out = tmp_path / "out.html"
    result = run_cli("report", "--ref", str(FIXTURE / "uk-en.ref.en"), str(short), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("normtk: error:"), lines
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [short]
    result = run_cli("report", *PLAIN, "--editor", "nope", "-o", str(out))
    assert result.returncode == 2
    assert "editor 'nope' is not among the systems" in result.stderr.decode()
    assert not out.exists()


# The pieces, against figures worked out by hand.


def test_subset_score_is_the_corpus_and_the_sentence_score() -> None:
    refs = [["Talks in Kyiv ended", "The mayor of Lviv spoke", "No deal"]]
    hyps = {"a": ["Talks in Kiev ended", "The mayor spoke", "No deal today"]}
    scorer = Scorer(refs, ["bleu", "chrf"])
    report = scorer.score(hyps)
    every = scorer.subset_score(report, "a", "BLEU", [0, 1, 2])
    assert every == report.systems[0].metrics["BLEU"].score
    chrf = CHRF()
    for i in range(3):
        sentence = chrf.sentence_score(hyps["a"][i], [refs[0][i]]).score
        assert scorer.subset_score(report, "a", "chrF2", [i]) == pytest.approx(sentence, abs=1e-9)


def test_word_buckets_by_reference_frequency() -> None:
    # "the" appears 3 times in the reference (bucket 3), "cat"/"dog"/"sat" once
    # (bucket 1), "a" never (bucket 0).
    refs = [["the", "cat", "sat"], ["the", "the", "dog"]]
    hyps = [["the", "cat", "a"], ["the", "dog", "dog"]]
    buckets = {b.label: b for b in analysis.word_buckets(refs, hyps)}
    assert (buckets["0"].matched, buckets["0"].hypothesis, buckets["0"].reference) == (0, 1, 0)
    one = buckets["1"]  # cat, sat, dog in the ref; cat, dog, dog in the hyps
    assert (one.matched, one.hypothesis, one.reference) == (2, 3, 3)
    three = buckets["3"]  # the x3 in the ref, x2 in the hyps
    assert (three.matched, three.hypothesis, three.reference) == (2, 2, 3)
    assert three.f_measure == pytest.approx(2 * 100 * (200 / 3) / (100 + 200 / 3))


def test_ngram_comparison_ranks_by_smoothed_ratio() -> None:
    left = {("kyiv",): 5, ("the", "mayor"): 2, ("of",): 3}
    right = {("kyiv",): 1, ("of",): 3, ("lviv",): 4}
    comparison = analysis.compare_ngrams("a", "b", left, right)
    # (5+1)/(5+1+2) = 0.75 for kyiv, (2+1)/(2+0+2) = 0.75 for "the mayor": more matches first.
    assert [(r.ngram, r.ratio) for r in comparison.left_better] == [
        ("kyiv", 0.75),
        ("the mayor", 0.75),
    ]
    assert [(r.ngram, round(r.ratio, 4)) for r in comparison.right_better] == [("lviv", 0.1667)]


def test_buckets_and_examples() -> None:
    tokens: list[list[str]] = [["w"] * n for n in (0, 9, 10, 19, 59, 60, 200)]
    buckets = analysis.length_buckets(tokens)
    assert [b.label for b in buckets] == [
        "<10", "10-19", "20-29", "30-39", "40-49", "50-59", "≥60"
    ]  # fmt: skip
    assert [b.indices for b in buckets] == [(0, 1), (2, 3), (), (), (), (4,), (5, 6)]
    labels, counts = analysis.score_counts({"a": [0.0, 9.99, 10.0, 100.0]})
    assert (labels[0], labels[-1]) == ("<10", "≥90")
    assert counts["a"] == [2, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    sentence = {"a": [50.0, 10.0, 70.0], "b": [55.0, 90.0, 20.0]}
    found = analysis.examples(sentence, ["1", "2", "3"], top=2)
    assert [(e.location, e.spread) for e in found] == [("2", 80.0), ("3", 50.0)]


def test_one_system_and_ter(gazetteer: Gazetteer) -> None:
    refs = [["Talks in Kyiv ended without a deal", "The mayor of Lviv spoke"]]
    good = ["Talks in Kyiv ended without a deal", "The mayor of Lviv spoke"]
    poor = ["Talks ended", "A mayor spoke today in a city"]
    page = build(Corpus(None, refs, {"only": good}), gazetteer, metrics=["bleu"], n_samples=20)
    assert "Examples compare two systems or more." in page
    assert "paired bootstrap" not in page
    page = build(
        Corpus(None, refs, {"poor": poor, "good": good}), gazetteer, metrics=["ter"], n_samples=20
    )
    _, *rows = _tables(page)["TER, systems ranked by the plain score"]
    # TER counts edits: the copy of the reference (0 edits) ranks first.
    assert (rows[0][1], rows[0][2]) == ("good", "0.00")
