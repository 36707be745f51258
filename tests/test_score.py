"""normtk.score against sacrebleu itself and against naive reimplementations, on WMT22 data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sacrebleu
from conftest import DATA, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import bleu as sacre_bleu
from sacrebleu.metrics import chrf as sacre_chrf
from sacrebleu.metrics import ter as sacre_ter
from sacrebleu.significance import PairedTest

from normtk import Normalizer
from normtk.io.corpus import read_corpus, read_jsonl, read_plain, read_tsv, read_wmt_xml
from normtk.score import (
    BLEU,
    CHRF,
    TER,
    Scorer,
    apply_mentions,
    entity_scores,
    make_metric,
    paired_bootstrap_f1,
    segment_statistics,
)
from normtk.score.entities import EntityScores, resample_weights

WMT = DATA / "wmt22"
REF = WMT / "references" / "generaltest2022.uk-en.ref.A.en"
XML = WMT / "xml" / "wmttest2022.uk-en.all.xml"
SYSTEMS = ("Online-G", "PROMT", "ALMAnaCH-Inria")


def hyp_file(name: str, pair: str = "uk-en") -> Path:
    return WMT / "system-outputs" / f"generaltest2022.{pair}.hyp.{name}.en"


def lines(path: Path, n: int | None = None) -> list[str]:
    """Read a file as sacrebleu's command line does (trailing white space removed)."""
    with path.open(encoding="utf-8", newline="\n") as file:
        out = [line.rstrip() for line in file]
    return out[:n] if n is not None else out


@pytest.fixture(scope="module")
def ref() -> list[str]:
    return lines(REF)


@pytest.fixture(scope="module")
def hyps() -> dict[str, list[str]]:
    return {name: lines(hyp_file(name)) for name in SYSTEMS}


# -- metrics equal sacrebleu -------------------------------------------------

SUBSET = 300  # TER is slow; a few hundred real segments exercise every path

METRIC_CASES = [
    ("bleu", {}, sacre_bleu.BLEU, {}),
    ("bleu", {"lowercase": True}, sacre_bleu.BLEU, {"lowercase": True}),
    ("bleu", {"tokenize": "intl"}, sacre_bleu.BLEU, {"tokenize": "intl"}),
    ("chrf", {}, sacre_chrf.CHRF, {}),
    ("chrf++", {}, sacre_chrf.CHRF, {"word_order": 2}),
    ("chrf", {"lowercase": True}, sacre_chrf.CHRF, {"lowercase": True}),
    ("ter", {}, sacre_ter.TER, {}),
]


@pytest.mark.parametrize(("name", "options", "sacre", "sacre_options"), METRIC_CASES)
def test_metric_equals_sacrebleu(
    name: str,
    options: dict[str, object],
    sacre: type,
    sacre_options: dict[str, object],
    ref: list[str],
    hyps: dict[str, list[str]],
) -> None:
    refs = [ref[:SUBSET]]
    ours = make_metric(name, references=refs, **options)  # type: ignore[arg-type]
    theirs = sacre(**sacre_options)
    for system in SYSTEMS[:2]:
        hyp = hyps[system][:SUBSET]
        assert ours.corpus_score(hyp).score == theirs.corpus_score(hyp, refs).score
    assert ours.get_signature().sacrebleu == theirs.get_signature().format()


def test_multiple_references_equal_sacrebleu(ref: list[str], hyps: dict[str, list[str]]) -> None:
    # a second "reference": another system's output, as in multi-reference test sets
    refs = [ref, hyps["ALMAnaCH-Inria"]]
    scorer = Scorer(refs, ["bleu", "chrf", "chrf++"])
    report = scorer.score({"Online-G": hyps["Online-G"]})
    got = report.systems[0].metrics
    assert got["BLEU"].score == sacrebleu.corpus_bleu(hyps["Online-G"], refs).score
    assert got["chrF2"].score == sacrebleu.corpus_chrf(hyps["Online-G"], refs).score
    assert got["chrF2++"].score == sacrebleu.corpus_chrf(hyps["Online-G"], refs, word_order=2).score
    assert "nrefs:2" in report.signatures["plain"]["BLEU"].format()


def test_sentence_level_equals_sacrebleu(ref: list[str], hyps: dict[str, list[str]]) -> None:
    n = 50
    scorer = Scorer([ref[:n]], ["bleu", "chrf"])
    report = scorer.sentence_scores({"PROMT": hyps["PROMT"][:n]})
    for i in range(n):
        hyp = hyps["PROMT"][i]
        scores = report.scores["plain"]["PROMT"]
        assert scores["BLEU"][i] == sacrebleu.sentence_bleu(hyp, [ref[i]]).score
        assert scores["chrF2"][i] == sacrebleu.sentence_chrf(hyp, [ref[i]]).score


def test_metric_class_sentence_score_equals_sacrebleu(ref: list[str]) -> None:
    hyp = "Kiev is the capital"
    assert (
        CHRF().sentence_score(hyp, [ref[5]]).score == sacrebleu.sentence_chrf(hyp, [ref[5]]).score
    )
    assert TER().sentence_score(hyp, [ref[5]]).score == sacrebleu.sentence_ter(hyp, [ref[5]]).score


# -- entity normalization ----------------------------------------------------


def canonical(normalizer: Normalizer, text: str) -> str:
    """Return ``text`` with every entity in its canonical form: the entity view's text."""
    return Normalizer(normalizer.gazetteer, normalizer.lang, canonical=True).normalize(text).text


def test_apply_mentions_equals_normalize(en: Normalizer, ref: list[str]) -> None:
    texts = ref + lines(hyp_file("Online-G"))
    for text in texts:
        assert apply_mentions(text, en.find(text)) == en.normalize(text).text


@pytest.mark.parametrize("name", ["bleu", "chrf", "chrf++", "ter"])
def test_normalized_score_equals_scoring_normalized_text(
    name: str, en: Normalizer, ref: list[str], hyps: dict[str, list[str]]
) -> None:
    """The fast path (re-scoring only changed segments) equals sacrebleu on normalized text."""
    n = 2018 if name != "ter" else SUBSET
    refs = [ref[:n]]
    systems = {s: hyps[s][:n] for s in SYSTEMS}
    report = Scorer(refs, [name], normalizer=en).score(systems)
    norm_ref = [[canonical(en, t) for t in refs[0]]]
    plain_metric = make_metric(name)
    for result in report.systems:
        (item,) = result.metrics.values()
        (normalized,) = result.views["entities"].values()
        naive = plain_metric.corpus_score(
            [canonical(en, t) for t in systems[result.name]], norm_ref
        ).score
        assert normalized.score == naive
        assert item.score == plain_metric.corpus_score(systems[result.name], refs).score


def test_metric_with_normalizer_scores_normalized_text(en: Normalizer) -> None:
    refs = [["Talks in Kyiv and Luhansk ended."]]
    hyp = ["Talks in Kiev and Lugansk ended."]
    assert BLEU(references=refs, normalizer=en).corpus_score(hyp).score == pytest.approx(100.0)
    assert BLEU(references=refs).corpus_score(hyp).score < 50.0
    signature = BLEU(references=refs, normalizer=en).get_signature().format()
    assert f"gazetteer:{en.gazetteer.digest[:12]}" in signature
    assert "entities:yes|lang:en" in signature


# -- entity metrics against a naive implementation ----------------------------


def naive_entity_counts(
    en: Normalizer, hyps: list[str], refs: list[list[str]]
) -> tuple[int, int, int, int, int]:
    """Matched, hypothesis and reference mentions, in style and resolved, segment by segment."""
    matched = total_hyp = total_ref = in_style = resolved = 0
    for i, hyp in enumerate(hyps):
        hyp_mentions = en.find(hyp)
        hyp_ids = [m.entity_id or "|".join(sorted(m.candidates)) for m in hyp_mentions]
        best: dict[str, int] = {}
        for stream in refs:
            counts: dict[str, int] = {}
            for m in en.find(stream[i]):
                key = m.entity_id or "|".join(sorted(m.candidates))
                counts[key] = counts.get(key, 0) + 1
            for key, count in counts.items():
                best[key] = max(best.get(key, 0), count)
        left = dict(best)
        for key in hyp_ids:
            if left.get(key, 0) > 0:
                matched += 1
                left[key] -= 1
        total_hyp += len(hyp_ids)
        total_ref += sum(best.values())
        for m in hyp_mentions:
            if m.entity_id is not None:
                resolved += 1
                in_style += m.replacement is None
    return matched, total_hyp, total_ref, in_style, resolved


def naive_entity_figures(
    en: Normalizer, hyps: list[str], refs: list[list[str]]
) -> tuple[float, float, float, float]:
    """Precision, recall, F1 and compliance computed the obvious way, segment by segment."""
    matched, total_hyp, total_ref, in_style, resolved = naive_entity_counts(en, hyps, refs)
    precision = 100 * matched / total_hyp
    recall = 100 * matched / total_ref
    return (
        precision,
        recall,
        2 * precision * recall / (precision + recall),
        100 * in_style / resolved,
    )


@pytest.mark.parametrize("system", SYSTEMS)
def test_entity_metrics_equal_naive(
    system: str, en: Normalizer, ref: list[str], hyps: dict[str, list[str]]
) -> None:
    report = Scorer([ref], ["chrf"], normalizer=en).score({system: hyps[system]})
    got = report.systems[0].entities
    assert _counts(got) == naive_entity_counts(en, hyps[system], [ref])
    expected = naive_entity_figures(en, hyps[system], [ref])
    values = (got.precision.value, got.recall.value, got.f1.value, got.compliance.value)
    assert values == pytest.approx(expected, abs=1e-9)
    for estimate in (got.precision, got.recall, got.f1, got.compliance):
        assert 0 <= estimate.low <= estimate.value <= estimate.high <= 100  # type: ignore[operator]


def test_entity_metrics_with_two_references(en: Normalizer, ref: list[str]) -> None:
    other = lines(hyp_file("Lan-Bridge"))
    hyp = lines(hyp_file("Online-G"))
    report = Scorer([ref, other], ["bleu"], normalizer=en).score({"g": hyp})
    got = report.systems[0].entities
    assert _counts(got) == naive_entity_counts(en, hyp, [ref, other])
    expected = naive_entity_figures(en, hyp, [ref, other])
    assert (got.precision.value, got.recall.value, got.f1.value) == pytest.approx(
        expected[:3], abs=1e-9
    )


def _counts(got: EntityScores | None) -> tuple[int, int, int, int, int] | None:
    if got is None:
        return None
    return (
        got.matched,
        got.hypothesis_mentions,
        got.reference_mentions,
        got.in_style,
        got.resolved,
    )


def test_variants_count_as_the_same_entity(en: Normalizer) -> None:
    stats = segment_statistics(en.find("Talks in Kiev"), [en.find("Talks in Kyiv")])
    assert stats == (1, 1, 1, 0, 1)  # matched, though written off style


def naive_bootstrap(stats: np.ndarray, n: int, seed: int) -> list[float]:
    """Entity F1 of each resample, drawn as sacrebleu draws: default_rng(seed).choice."""
    rng = np.random.default_rng(seed)
    idx = rng.choice(len(stats), size=(n, len(stats)), replace=True)
    out = []
    for row in idx:
        tp, h, r = (float(stats[row, k].sum()) for k in range(3))
        p, rec = tp / h, tp / r
        out.append(100 * 2 * p * rec / (p + rec))
    return out


def test_bootstrap_interval_equals_naive(en: Normalizer, ref: list[str]) -> None:
    hyp = lines(hyp_file("Online-G"))
    stats = [segment_statistics(en.find(h), [en.find(r)]) for h, r in zip(hyp, ref, strict=True)]
    scores = entity_scores(stats, n_bootstrap=200, seed=7)
    samples = sorted(naive_bootstrap(np.array(stats), 200, 7))
    assert scores.f1.low == pytest.approx(samples[200 // 40])
    assert scores.f1.high == pytest.approx(samples[200 - 200 // 40 - 1])
    assert entity_scores(stats, n_bootstrap=200, seed=7) == scores  # reproducible


def test_paired_bootstrap_f1_equals_naive(en: Normalizer, ref: list[str]) -> None:
    ref_mentions = [en.find(r) for r in ref]
    base = [
        segment_statistics(en.find(h), [m])
        for h, m in zip(lines(hyp_file("ALMAnaCH-Inria")), ref_mentions, strict=True)
    ]
    other = [
        segment_statistics(en.find(h), [m])
        for h, m in zip(lines(hyp_file("Online-G")), ref_mentions, strict=True)
    ]
    n, seed = 300, 3
    b = naive_bootstrap(np.array(base), n, seed)
    o = naive_bootstrap(np.array(other), n, seed)
    real = abs(_f1(base) - _f1(other))
    diffs = [abs(x - y) for x, y in zip(o, b, strict=True)]
    mean = sum(diffs) / n
    expected = (sum(1 for d in diffs if d - mean > real) + 1) / (n + 1)
    assert paired_bootstrap_f1(base, other, n_samples=n, seed=seed) == pytest.approx(expected)


def _f1(stats: list[tuple[int, int, int, int, int]]) -> float:
    tp = sum(s[0] for s in stats)
    p = tp / sum(s[1] for s in stats)
    r = tp / sum(s[2] for s in stats)
    return 100 * 2 * p * r / (p + r)


def test_resample_weights_count_draws() -> None:
    weights = resample_weights(50, 20, seed=1)
    idx = np.random.default_rng(1).choice(50, size=(20, 50), replace=True)
    for k in range(20):
        assert weights[k].tolist() == np.bincount(idx[k], minlength=50).tolist()


# -- significance equals sacrebleu's PairedTest -------------------------------


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_paired_test_equals_sacrebleu(
    test: str, ref: list[str], hyps: dict[str, list[str]]
) -> None:
    n = 400
    systems = {s: hyps[s][:n] for s in SYSTEMS}
    report = Scorer([ref[:n]], ["bleu", "chrf"]).score(
        systems,
        paired=test,
        baseline="PROMT",
        n_samples=100,  # type: ignore[arg-type]
    )
    order = ["PROMT", "Online-G", "ALMAnaCH-Inria"]
    metrics = {
        "BLEU": sacre_bleu.BLEU(references=[ref[:n]]),
        "chrF2": sacre_chrf.CHRF(references=[ref[:n]]),
    }
    _, expected = PairedTest(
        [(s, systems[s]) for s in order], metrics, None, test_type=test, n_samples=100
    )()
    for metric in ("BLEU", "chrF2"):
        for name, outcome in zip(order, expected[metric], strict=True):
            got = report.system(name).metrics[metric]
            assert (got.score, got.mean, got.ci, got.p_value) == (
                outcome.score,
                outcome.mean,
                outcome.ci,
                outcome.p_value,
            )
    assert report.system("PROMT").metrics["BLEU"].p_value is None


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_paired_test_on_normalized_text_equals_sacrebleu(
    test: str, en: Normalizer, ref: list[str], hyps: dict[str, list[str]]
) -> None:
    n = 400
    systems = {s: hyps[s][:n] for s in SYSTEMS}
    report = Scorer([ref[:n]], ["bleu", "chrf"], normalizer=en).score(
        systems,
        paired=test,
        baseline="PROMT",
        n_samples=100,  # type: ignore[arg-type]
    )
    order = ["PROMT", "Online-G", "ALMAnaCH-Inria"]
    norm_ref = [canonical(en, t) for t in ref[:n]]
    metrics = {
        "BLEU": sacre_bleu.BLEU(references=[norm_ref]),
        "chrF2": sacre_chrf.CHRF(references=[norm_ref]),
    }
    normalized = [(s, [canonical(en, t) for t in systems[s]]) for s in order]
    _, expected = PairedTest(normalized, metrics, None, test_type=test, n_samples=100)()
    for metric in ("BLEU", "chrF2"):
        for name, outcome in zip(order, expected[metric], strict=True):
            got = report.system(name).views["entities"][metric]
            assert (got.score, got.mean, got.ci, got.p_value) == (
                outcome.score,
                outcome.mean,
                outcome.ci,
                outcome.p_value,
            )


def test_confidence_intervals(ref: list[str], hyps: dict[str, list[str]]) -> None:
    n = 300
    report = Scorer([ref[:n]], ["bleu"], n_bootstrap=100).score(
        {"PROMT": hyps["PROMT"][:n]}, confidence=True
    )
    expected = sacre_bleu.BLEU(references=[ref[:n]]).corpus_score(hyps["PROMT"][:n], None, 100)
    item = report.systems[0].metrics["BLEU"]
    assert item.mean == pytest.approx(expected._mean)
    assert item.ci == pytest.approx(expected._ci)


def test_entity_f1_significance_in_report(
    en: Normalizer, ref: list[str], hyps: dict[str, list[str]]
) -> None:
    report = Scorer([ref], ["bleu"], normalizer=en, n_bootstrap=200).score(
        {s: hyps[s] for s in SYSTEMS}, paired="bs", baseline="ALMAnaCH-Inria", n_samples=50
    )
    baseline = report.system("ALMAnaCH-Inria").entities
    other = report.system("Online-G").entities
    for name, got in (("ALMAnaCH-Inria", baseline), ("Online-G", other)):
        assert _counts(got) == naive_entity_counts(en, hyps[name], [ref])
    assert baseline.f1_p_value is None  # type: ignore[union-attr]
    # (1 + samples at least as far from the baseline) / (1 + samples): entity F1 is
    # tested on the 200 resamples of the intervals, BLEU on its 50 paired samples.
    assert other.f1_p_value in {k / 201 for k in range(1, 202)}  # type: ignore[union-attr]
    assert 0 < other.f1_p_value <= 1  # type: ignore[union-attr, operator]
    bleu = report.system("Online-G").views["entities"]["BLEU"]
    assert bleu.p_value in {k / 51 for k in range(1, 52)}


# -- corpus readers -------------------------------------------------------------


def test_wmt_xml_equals_text_files() -> None:
    xml = read_wmt_xml(str(XML), systems=["PROMT", "Online-G"])
    text = read_plain(
        [str(hyp_file("PROMT")), str(hyp_file("Online-G"))],
        [str(REF)],
        src=str(WMT / "sources" / "generaltest2022.uk-en.src.uk"),
    )
    assert xml.hyps == text.hyps
    assert xml.refs == text.refs
    assert xml.src == text.src
    assert (xml.src_lang, xml.tgt_lang) == ("uk", "en")
    raw = XML.read_text(encoding="utf-8")
    documents = xml.documents()
    assert len(documents) == raw.count("<doc ")
    assert documents[0].id in raw
    assert all(d.origlang == "uk" for d in documents)
    assert sum(d.end - d.start for d in documents) == len(xml) == len(lines(REF))


def test_tsv_and_jsonl_equal_text_files(tmp_path: Path) -> None:
    ref = lines(REF, 40)
    a, b = lines(hyp_file("PROMT"), 40), lines(hyp_file("Online-G"), 40)
    tsv = tmp_path / "data.tsv"
    tsv.write_text(
        "doc_id\tref\thyp:PROMT\thyp:Online-G\n"
        + "".join(
            f"d{i // 10}\t{r}\t{x}\t{y}\n"
            for i, (r, x, y) in enumerate(zip(ref, a, b, strict=True))
        ),
        encoding="utf-8",
    )
    jsonl = tmp_path / "data.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps({"doc_id": f"d{i // 10}", "ref": [r], "hyp": {"PROMT": x, "Online-G": y}})
            + "\n"
            for i, (r, x, y) in enumerate(zip(ref, a, b, strict=True))
        ),
        encoding="utf-8",
    )
    for corpus in (read_tsv(str(tsv)), read_jsonl(str(jsonl))):
        assert corpus.refs == [ref]
        assert corpus.hyps == {"PROMT": a, "Online-G": b}
        assert [d.id for d in corpus.documents()] == ["d0", "d1", "d2", "d3"]
    auto = read_corpus([str(tsv)], systems=["Online-G"])
    assert auto.systems == ["Online-G"]


# -- the command line ---------------------------------------------------------


def test_cli_normalize_entities_reports_both_and_entities(
    en: Normalizer, ref: list[str], hyps: dict[str, list[str]]
) -> None:
    result = run_cli(
        "score",
        "--ref",
        str(REF),
        str(hyp_file("Online-G")),
        str(hyp_file("PROMT")),
        "--normalize-entities",
        "--lang",
        "en",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert "entities:yes|lang:en" in data["normalized_signatures"]["BLEU"]
    styled = Normalizer(en.gazetteer, en.lang, canonical=True)
    refs = [[styled.normalize(text).text for text in ref]]
    for system in data["systems"]:
        normalized = [styled.normalize(text).text for text in hyps[system["name"]]]
        expected = sacrebleu.corpus_bleu(normalized, refs).score
        assert system["scores"]["BLEU"]["normalized"] == pytest.approx(expected, abs=1e-9)
        assert 0 <= system["entities"]["f1"]["value"] <= 100
        assert 0 <= system["entities"]["compliance"]["value"] <= 100


@pytest.mark.parametrize("fmt", ["table", "tsv", "latex"])
def test_cli_formats_name_every_system(fmt: str) -> None:
    result = run_cli(
        "score",
        "--ref",
        str(REF),
        str(hyp_file("Online-G")),
        str(hyp_file("PROMT")),
        "--names",
        "g,p",
        "--format",
        fmt,
    )
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "\ng" in out or out.startswith("g")
    assert "\np" in out
    assert "BLEU" in out


def test_cli_sentence_level_json() -> None:
    result = run_cli(
        "score",
        "--ref",
        str(REF),
        str(hyp_file("PROMT")),
        "--sentence-level",
        "--metrics",
        "chrf",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    scores = data["systems"]["PROMT"]["scores"]["chrF2"]
    ref, hyp = lines(REF), lines(hyp_file("PROMT"))
    assert len(scores) == len(ref)
    assert scores[10] == sacrebleu.sentence_chrf(hyp[10], [ref[10]]).score


# -- properties -------------------------------------------------------------------

_WORDS = ["Kiev", "Kyiv", "Lugansk", "Luhansk", "Zelensky", "talks", "in", "the", "army", "."]


@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_WORDS), max_size=12),
            st.lists(st.sampled_from(_WORDS), max_size=12),
        ),
        min_size=1,
        max_size=8,
    )
)
@settings(max_examples=40, deadline=None)
def test_property_scores_equal_sacrebleu_on_normalized_text(
    en: Normalizer, pairs: list[tuple[list[str], list[str]]]
) -> None:
    hyps = [" ".join(h) for h, _ in pairs]
    refs = [" ".join(r) for _, r in pairs]
    report = Scorer([refs], ["bleu", "chrf"], normalizer=en, n_bootstrap=20).score({"s": hyps})
    metrics = report.systems[0].metrics
    normalized = report.systems[0].views["entities"]
    norm_hyps = [canonical(en, t) for t in hyps]
    norm_refs = [[canonical(en, t) for t in refs]]
    assert metrics["BLEU"].score == sacrebleu.corpus_bleu(hyps, [refs]).score
    assert normalized["BLEU"].score == sacrebleu.corpus_bleu(norm_hyps, norm_refs).score
    assert normalized["chrF2"].score == sacrebleu.corpus_chrf(norm_hyps, norm_refs).score
    entities = report.systems[0].entities
    assert _counts(entities) == naive_entity_counts(en, hyps, [refs])
    for estimate in (entities.precision, entities.recall, entities.f1, entities.compliance):
        assert estimate.value is None or 0 <= estimate.value <= 100


def test_paired_bootstrap_resamples_sums_and_equals_sacrebleu(
    ref: list[str], hyps: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # BLEU and chrF statistics are integers: the fast resampling runs (sacrebleu's
    # own test is not called) and gives exactly what sacrebleu gives.
    from normtk.score import _sacrebleu

    def refuse(*_: object) -> None:
        msg = "sacrebleu's PairedTest ran"
        raise AssertionError(msg)

    n = 300
    systems = {s: hyps[s][:n] for s in SYSTEMS}
    order = ["PROMT", "Online-G", "ALMAnaCH-Inria"]
    metrics = {
        "BLEU": sacre_bleu.BLEU(references=[ref[:n]]),
        "chrF2": sacre_chrf.CHRF(references=[ref[:n]]),
    }
    _, expected = PairedTest([(s, systems[s]) for s in order], metrics, None, "bs", 200)()
    with monkeypatch.context() as patch:
        patch.setattr(_sacrebleu, "_sacrebleu_paired_test", refuse)
        report = Scorer([ref[:n]], ["bleu", "chrf"]).score(
            systems, paired="bs", baseline="PROMT", n_samples=200
        )
    for metric in metrics:
        for name, outcome in zip(order, expected[metric], strict=True):
            got = report.system(name).metrics[metric]
            assert (got.score, got.mean, got.ci, got.p_value) == (
                outcome.score,
                outcome.mean,
                outcome.ci,
                outcome.p_value,
            )


def test_paired_bootstrap_of_fractional_statistics_is_sacrebleus_own(
    ref: list[str], hyps: dict[str, list[str]]
) -> None:
    # TER against two references averages their lengths: fractional statistics,
    # whose float32 sums depend on the order of adding; sacrebleu's test runs.
    n = 60
    refs = [ref[:n], hyps["Online-G"][:n]]
    systems = {s: hyps[s][:n] for s in ("PROMT", "ALMAnaCH-Inria")}
    report = Scorer(refs, ["ter"]).score(systems, paired="bs", baseline="PROMT", n_samples=50)
    order = ["PROMT", "ALMAnaCH-Inria"]
    metric = {"TER": sacre_ter.TER(references=refs)}
    _, expected = PairedTest([(s, systems[s]) for s in order], metric, None, "bs", 50)()
    for name, outcome in zip(order, expected["TER"], strict=True):
        got = report.system(name).metrics["TER"]
        assert (got.score, got.mean, got.ci, got.p_value) == (
            outcome.score,
            outcome.mean,
            outcome.ci,
            outcome.p_value,
        )


def test_entity_view_reconciles_every_house_style(gazetteer: object) -> None:
    # The issue's sentence: the same news in default style and in AP style.
    from normtk import Gazetteer

    assert isinstance(gazetteer, Gazetteer)
    hyp = ["President Zelensky met Sergei Lavrov and Dmitri Peskov in Kiev on Monday."]
    ref = ["President Zelenskyy met Sergey Lavrov and Dmitry Peskov in Kyiv on Monday."]
    for style in (None, "ap", "nyt"):
        normalizer = Normalizer(gazetteer, "en", style)
        report = Scorer([ref], ["bleu", "chrf"], normalizer=normalizer).score({"s": hyp})
        assert report.systems[0].views["entities"]["BLEU"].score == pytest.approx(100.0)
        assert report.systems[0].views["entities"]["chrF2"].score == pytest.approx(100.0)
        assert report.systems[0].metrics["BLEU"].score < 50
