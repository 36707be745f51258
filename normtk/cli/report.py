"""``normtk report``: one self-contained HTML page comparing systems and marking what to fix."""

from __future__ import annotations

import sys
from typing import Annotated

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
    offer,
)
from normtk.cli._qa_options import DocBreaks


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


@app.command()
def report(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="System outputs (plain text, one segment a line), or one TSV, JSONL or "
            "WMT XML file holding source, references and systems.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="The HTML file to write (- for stdout)."),
    ],
    ref: Annotated[
        list[str] | None,
        typer.Option("--ref", "-r", help="Reference file (plain text). Repeatable."),
    ] = None,
    src: Annotated[
        str | None, typer.Option(help="Source text (plain text).", callback=offer)
    ] = None,
    src_lang: Annotated[
        str | None,
        typer.Option(
            help="Language of the source (uk, ru, es ...); WMT XML gives it.", callback=offer
        ),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="Language of the references and outputs.")
    ] = "en",
    style: Annotated[
        str | None,
        typer.Option(help="House style for entity normalization and the checks."),
    ] = None,
    gazetteer: GazetteerOption = None,
    metrics: MetricsOption = "bleu,chrf",
    names: NamesOption = None,
    system: Annotated[
        list[str] | None,
        typer.Option(
            "--system", "-s", help="Report only this system of a TSV/JSONL/XML input. Repeatable."
        ),
    ] = None,
    input_format: InputFormatOption = InputFormat["auto"],
    errors: ErrorsOption = ErrorsMode.strict,
    baseline: Annotated[
        str | None,
        typer.Option(help="Baseline of the paired bootstrap (default: the first system)."),
    ] = None,
    editor: Annotated[
        str | None,
        typer.Option(help="System whose copy the editor's view shows (default: the baseline)."),
    ] = None,
    doc_ids: Annotated[
        str | None,
        typer.Option(help="File of document ids, one per segment (a WMT docids file)."),
    ] = None,
    doc_breaks: Annotated[
        DocBreaks,
        typer.Option(
            help="Plain text without --doc-ids: segment, blank or file (as for normtk check)."
        ),
    ] = DocBreaks["segment"],
    tokenize: Annotated[
        str | None,
        typer.Option(help="BLEU tokenizer (sacrebleu's: 13a, intl, zh, char, none ...)."),
    ] = None,
    lowercase: Annotated[
        bool, typer.Option("--lowercase", help="Case-insensitive BLEU and chrF.")
    ] = False,
    n_samples: Annotated[
        int, typer.Option(help="Paired bootstrap resamples; 0: sacrebleu's 1000.")
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the entity-metric bootstrap.")] = 12345,
    examples: Annotated[
        int, typer.Option(help="Segments shown where the systems differ most.")
    ] = 200,
    title: Annotated[str | None, typer.Option(help="Title of the page.")] = None,
) -> None:
    """Write one self-contained HTML report: systems ranked with significance, compare-mt
    style breakdowns, examples, and the copy with check findings marked in place.

    Scores are those of `normtk score --normalize-entities --paired-bs` and findings
    those of `normtk check` for the same inputs and options. The page needs no
    network: open it from disk.

    Example: normtk report --ref ref.en a.en b.en --src src.uk --src-lang uk -o report.html
    """
    from normtk.gazetteer import Gazetteer
    from normtk.io.corpus import read_corpus
    from normtk.io.files import open_output
    from normtk.qa.options import read_doc_ids
    from normtk.report import build

    corpus = read_corpus(
        inputs,
        ref or (),
        src,
        names=_split(names),
        systems=system,
        input_format=input_format.value,
        errors=errors.value,
    )
    if doc_ids is not None:
        corpus.doc_ids = read_doc_ids(doc_ids, len(corpus))
    progress = _progress if sys.stderr.isatty() else None
    page = build(
        corpus,
        Gazetteer.load(gazetteer or ()),
        lang=lang,
        style=style,
        src_lang=src_lang,
        metrics=_split(metrics) or [],
        baseline=baseline,
        editor=editor,
        doc_breaks=doc_breaks.value,
        lowercase=lowercase,
        tokenize=tokenize,
        n_samples=n_samples,
        seed=seed,
        examples=examples,
        title=title,
        progress=progress,
    )
    if progress is not None:
        sys.stderr.write("\r\x1b[K")
    with open_output(output) as out:
        out.write(page)


def _progress(message: str) -> None:
    sys.stderr.write("\r\x1b[K" + message)
    sys.stderr.flush()
