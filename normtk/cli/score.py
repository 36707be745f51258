"""``normtk score``: corpus BLEU / chrF / TER, entity-normalized variants and entity metrics."""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from normtk.cli import app
from normtk.cli._options import (
    ErrorsMode,
    ErrorsOption,
    GazetteerOption,
    InputFormat,
    InputFormatOption,
    MetricsOption,
    NamesOption,
    SchedulerOption,
)
from normtk.errors import UsageError

if TYPE_CHECKING:
    from normtk.io.corpus import Corpus
    from normtk.normalize import Normalizer
    from normtk.score.results import PairedTestType, ScoreReport


class ReportFormat(Enum):
    """How to print the scores."""

    table = "table"
    json = "json"
    tsv = "tsv"
    latex = "latex"


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


@app.command()
def score(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="System outputs (plain text, one segment a line; XLIFF or TMX, one file per "
            "system), or one TSV, JSONL or WMT XML file holding references and systems.",
            show_default=False,
        ),
    ],
    ref: Annotated[
        list[str] | None,
        typer.Option(
            "--ref",
            "-r",
            help="Reference file (plain text, or XLIFF / TMX matched by unit id). Repeatable.",
        ),
    ] = None,
    metrics: MetricsOption = "bleu,chrf",
    names: NamesOption = None,
    system: Annotated[
        list[str] | None,
        typer.Option(
            "--system", "-s", help="Score only this system of a TSV/JSONL/XML input. Repeatable."
        ),
    ] = None,
    input_format: InputFormatOption = InputFormat["auto"],
    errors: ErrorsOption = ErrorsMode.strict,
    normalize_entities: Annotated[
        bool,
        typer.Option(
            "--normalize-entities",
            help="Also score with entity names normalized to the house style on both "
            "sides, and report entity precision / recall / F1 and style compliance.",
        ),
    ] = False,
    lang: Annotated[
        str,
        typer.Option(
            "--lang", "-l", help="Language of the references and outputs (picks TMX variants)."
        ),
    ] = "en",
    style: Annotated[
        str | None, typer.Option(help="House style to normalize to (with --normalize-entities).")
    ] = None,
    gazetteer: GazetteerOption = None,
    tokenize: Annotated[
        str | None,
        typer.Option(help="BLEU tokenizer (sacrebleu's: 13a, intl, zh, char, none ...)."),
    ] = None,
    lowercase: Annotated[
        bool, typer.Option("--lowercase", help="Case-insensitive BLEU and chrF.")
    ] = False,
    sentence_level: Annotated[
        bool, typer.Option("--sentence-level", help="One score per segment and system.")
    ] = False,
    confidence: Annotated[
        bool, typer.Option("--confidence", help="Bootstrap 95% confidence intervals.")
    ] = False,
    paired_bs: Annotated[
        bool,
        typer.Option("--paired-bs", help="Paired bootstrap resampling test against --baseline."),
    ] = False,
    paired_ar: Annotated[
        bool,
        typer.Option(
            "--paired-ar", help="Paired approximate randomization test against --baseline."
        ),
    ] = False,
    baseline: Annotated[
        str | None,
        typer.Option(help="Baseline system of the paired test (default: the first system)."),
    ] = None,
    n_samples: Annotated[
        int,
        typer.Option(
            help="Resamples (bootstrap) or trials (randomization); 0: sacrebleu's 1000 / 10000."
        ),
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the entity-metric bootstrap.")] = 12345,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.table,
    width: Annotated[int, typer.Option("--width", "-w", help="Decimals in tables.")] = 2,
    scheduler: SchedulerOption = None,
) -> None:
    """Score MT outputs against references with sacrebleu's BLEU, chrF, chrF++ and TER.

    With --normalize-entities each figure is also computed after normalizing
    entity names on both sides (Kiev and Kyiv count as the same word), next to
    the plain one, and an entity table follows.

    Example: normtk score -r ref.en sys1.en sys2.en --normalize-entities --paired-bs
    """
    from normtk.io.corpus import read_corpus
    from normtk.score.report import format_report, format_sentences
    from normtk.score.scorer import Scorer

    if scheduler is not None:
        from normtk.dask import check_address, require

        check_address(scheduler)
        require()
    if paired_bs and paired_ar:
        msg = "choose one of --paired-bs and --paired-ar"
        raise UsageError(msg)
    paired: PairedTestType | None = "bs" if paired_bs else "ar" if paired_ar else None
    if sentence_level and (paired or confidence):
        msg = "--sentence-level cannot be combined with --confidence or paired tests"
        raise UsageError(msg)
    if style is not None and not normalize_entities:
        msg = "--style applies with --normalize-entities"
        raise UsageError(msg)
    if scheduler is not None and sentence_level:
        msg = "--sentence-level runs here, without --scheduler"
        raise UsageError(msg)
    corpus = read_corpus(
        inputs,
        ref or (),
        names=_split(names),
        systems=system,
        input_format=input_format.value,
        errors=errors.value,
        lang=lang,
    )
    if not corpus.refs:
        msg = "no references: give --ref FILE (or ref columns in the input)"
        raise UsageError(msg)
    normalizer = None
    if normalize_entities:
        from normtk.gazetteer import Gazetteer
        from normtk.normalize import Normalizer

        normalizer = Normalizer(Gazetteer.load(gazetteer or ()), lang=lang, style=style)
    if scheduler is not None:
        options = (_split(metrics) or [], lang, style, lowercase, tokenize, seed)
        asked = (confidence, paired, baseline or (corpus.systems[0] if paired else None))
        report = _score_on_cluster(scheduler, corpus, normalizer, options, asked, n_samples)
        sys.stdout.write(format_report(report, output_format.value, width))
        return
    scorer = Scorer(
        corpus.refs,
        _split(metrics) or [],
        normalizer=normalizer,
        lowercase=lowercase,
        tokenize=tokenize,
        seed=seed,
    )
    if sentence_level:
        sentences = scorer.sentence_scores(corpus.hyps)
        sys.stdout.write(format_sentences(sentences, corpus.seg_ids, output_format.value, width))
        return
    progress = _Progress() if sys.stderr.isatty() else None
    try:
        report = scorer.score(
            corpus.hyps,
            confidence=confidence,
            paired=paired,
            baseline=baseline or (corpus.systems[0] if paired else None),
            n_samples=n_samples,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.done()
    sys.stdout.write(format_report(report, output_format.value, width))


def _score_on_cluster(
    scheduler: str,
    corpus: Corpus,
    normalizer: Normalizer | None,
    options: tuple[list[str], str, str | None, bool, str | None, int],
    asked: tuple[bool, PairedTestType | None, str | None],
    n_samples: int,
) -> ScoreReport:
    """Score on a Dask cluster: the report the local run gives."""
    from normtk import dask as cluster

    metrics, lang, style, lowercase, tokenize, seed = options
    confidence, paired, baseline = asked
    with cluster.connect(scheduler) as client:
        spec = None
        if normalizer is not None:
            spec = cluster.ship_gazetteer(client, normalizer.gazetteer)
        score_options = cluster.ScoreOptions(
            tuple(metrics),
            spec,
            normalizer.lang if normalizer is not None else lang,
            style,
            lowercase,
            tokenize,
            seed=seed,
        )
        return cluster.score_corpus(
            client,
            corpus,
            score_options,
            normalizer,
            confidence=confidence,
            paired=paired,
            baseline=baseline,
            n_samples=n_samples,
        )


class _Progress:
    """Progress on one rewritten stderr line (used only when stderr is a terminal)."""

    def __init__(self) -> None:
        self.width = 0

    def __call__(self, message: str) -> None:
        sys.stderr.write("\r" + message.ljust(self.width))
        sys.stderr.flush()
        self.width = len(message)

    def done(self) -> None:
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
