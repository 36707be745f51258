"""Build the report: score, check and break down a corpus, then render one HTML page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normtk.errors import UsageError
from normtk.report import analysis as an
from normtk.score.entities import DEFAULT_SEED

if TYPE_CHECKING:
    from normtk.gazetteer import Gazetteer
    from normtk.io.corpus import Corpus
    from normtk.qa.checker import DocBreaks
    from normtk.score.results import ScoreReport
    from normtk.score.scorer import Scorer

#: Entities shown in the heat map, and n-grams listed per comparison and direction.
TOP_ENTITIES = 30
TOP_NGRAMS = 10


def analyse(
    corpus: Corpus,
    gazetteer: Gazetteer,
    *,
    lang: str = "en",
    style: str | None = None,
    src_lang: str | None = None,
    metrics: Sequence[str] = ("bleu", "chrf"),
    baseline: str | None = None,
    editor: str | None = None,
    doc_breaks: DocBreaks = "segment",
    lowercase: bool = False,
    tokenize: str | None = None,
    n_samples: int = 0,
    seed: int = DEFAULT_SEED,
    examples: int = 200,
    progress: an.Progress | None = None,
) -> an.Analysis:
    """Compute every figure of the report (see :func:`build` for the parameters)."""
    from normtk.normalize import Normalizer
    from normtk.qa.checker import Checker, check_corpus
    from normtk.qa.options import source_language
    from normtk.score.scorer import Scorer

    systems = corpus.systems
    if not systems:
        msg = "no systems to report on"
        raise UsageError(msg)
    if not corpus.refs:
        msg = "no references: give --ref FILE (or ref columns in the input)"
        raise UsageError(msg)
    for name, role in ((baseline, "baseline"), (editor, "editor")):
        if name is not None and name not in systems:
            msg = f"{role} {name!r} is not among the systems ({', '.join(systems)})"
            raise UsageError(msg)
    baseline = baseline or systems[0]
    editor = editor or baseline
    size = len(corpus)

    def say(message: str) -> None:
        if progress is not None:
            progress(message)

    normalizer = Normalizer(gazetteer, lang=lang, style=style)
    scorer = Scorer(
        corpus.refs,
        metrics,
        normalizer=normalizer,
        lowercase=lowercase,
        tokenize=tokenize,
        seed=seed,
    )
    paired = len(systems) > 1
    score = scorer.score(
        corpus.hyps,
        confidence=not paired,
        paired="bs" if paired else None,
        baseline=baseline if paired else None,
        n_samples=n_samples,
        progress=progress,
    )
    chrf_name = next((m for m in score.signatures["plain"] if m.startswith("chrF")), None)
    if chrf_name is None:
        chrf_scorer = Scorer(corpus.refs, ["chrf"], lowercase=lowercase)
        chrf_report = chrf_scorer.score(corpus.hyps)
        chrf_name = next(iter(chrf_report.signatures["plain"]))
        sentence = an.sentence_scores(chrf_scorer, chrf_report, chrf_name, systems, size)
    else:
        sentence = an.sentence_scores(scorer, score, chrf_name, systems, size)

    say("breaking scores down")
    breakdowns = _breakdowns(corpus, scorer, score, baseline, lowercase)
    say("checking the copy")
    source_lang = source_language(src_lang, corpus.src_lang, has_src=corpus.src is not None)
    checker = Checker(gazetteer, lang=lang, style=style, src_lang=source_lang)
    findings, summaries = check_corpus(checker, corpus, doc_breaks=doc_breaks)
    entities = an.entity_rows(findings, systems, gazetteer, lang, TOP_ENTITIES)
    score_labels, counts = an.score_counts(sentence)
    return an.Analysis(
        systems=systems,
        score=score,
        sentence_metric=chrf_name,
        sentence_chrf=sentence,
        length_buckets=breakdowns.buckets,
        length_scores=breakdowns.length_scores,
        score_buckets=score_labels,
        score_counts=counts,
        word_buckets=breakdowns.words,
        ngrams=breakdowns.ngrams,
        entities=entities,
        examples=an.examples(sentence, an.locations(corpus), examples),
        findings=findings,
        summaries=summaries,
        editor=editor,
        options={
            "lang": lang,
            "style": style or "-",
            "source language": source_lang or "-",
            "metrics": ", ".join(score.signatures["plain"]),
            "baseline": baseline,
            "segments": str(size),
            "references": str(len(corpus.refs)),
        },
    )


@dataclass(slots=True)
class _Breakdowns:
    buckets: list[an.Bucket]
    length_scores: dict[str, dict[str, list[float | None]]]
    words: dict[str, list[an.WordBucket]]
    ngrams: list[an.NgramComparison]


def _breakdowns(
    corpus: Corpus, scorer: Scorer, score: ScoreReport, baseline: str, lowercase: bool
) -> _Breakdowns:
    """Return the compare-mt breakdowns: length buckets, word buckets, n-gram comparisons."""
    systems = corpus.systems
    tokens = an.tokenizer(lowercase)
    ref_tokens = [tokens(text) for text in corpus.refs[0]]
    buckets = an.length_buckets(ref_tokens)
    length_scores = {
        metric: {
            system: [
                scorer.subset_score(score, system, metric, b.indices) if b.indices else None
                for b in buckets
            ]
            for system in systems
        }
        for metric in score.signatures["plain"]
    }
    ref_grams = [an.ngram_counts(t) for t in ref_tokens]
    words = {}
    matched = {}
    for system in systems:
        hyp_tokens = [tokens(text) for text in corpus.hyps[system]]
        words[system] = an.word_buckets(ref_tokens, hyp_tokens)
        matched[system] = an.matched_ngrams(ref_grams, hyp_tokens)
    ngrams = [
        an.compare_ngrams(baseline, other, matched[baseline], matched[other], TOP_NGRAMS)
        for other in systems
        if other != baseline
    ]
    return _Breakdowns(buckets, length_scores, words, ngrams)


def build(
    corpus: Corpus,
    gazetteer: Gazetteer,
    *,
    lang: str = "en",
    style: str | None = None,
    src_lang: str | None = None,
    metrics: Sequence[str] = ("bleu", "chrf"),
    baseline: str | None = None,
    editor: str | None = None,
    doc_breaks: DocBreaks = "segment",
    lowercase: bool = False,
    tokenize: str | None = None,
    n_samples: int = 0,
    seed: int = DEFAULT_SEED,
    examples: int = 200,
    title: str | None = None,
    progress: an.Progress | None = None,
) -> str:
    """Return one self-contained HTML page comparing the systems of ``corpus``.

    Scores are :class:`~normtk.score.Scorer`'s with entity normalization in
    ``lang`` and ``style`` and, for two systems or more, the paired bootstrap
    (``n_samples`` resamples, 0: sacrebleu's 1000) against ``baseline`` (the
    first system by default); findings are :class:`~normtk.qa.Checker`'s,
    compared with the references and, where the corpus has one, the source
    (``src_lang`` or the corpus's own). The editor's view shows the copy of
    ``editor`` (default: the baseline) with its findings in place; the
    examples are the ``examples`` segments whose sentence chrF differs most
    between systems.

    >>> from normtk import Gazetteer
    >>> from normtk.io.corpus import Corpus
    >>> corpus = Corpus(None, [["Talks in Kyiv"]], {"a": ["Talks in Kiev"], "b": ["Talks"]})
    >>> page = build(corpus, Gazetteer.load(), n_samples=10)
    >>> page.startswith("<!DOCTYPE html>"), "Kiev" in page
    (True, True)
    """
    from normtk.report.page import render

    data = analyse(
        corpus,
        gazetteer,
        lang=lang,
        style=style,
        src_lang=src_lang,
        metrics=metrics,
        baseline=baseline,
        editor=editor,
        doc_breaks=doc_breaks,
        lowercase=lowercase,
        tokenize=tokenize,
        n_samples=n_samples,
        seed=seed,
        examples=examples,
        progress=progress,
    )
    if progress is not None:
        progress("writing the page")
    return render(data, corpus, title=title)
