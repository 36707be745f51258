"""``normtk check``: what an editor must fix in machine-translated copy, segment by segment."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from normtk.cli import app
from normtk.cli._options import (
    ErrorsMode,
    ErrorsOption,
    GazetteerOption,
    InputFormat,
    InputFormatOption,
    SchedulerOption,
    offer,
)
from normtk.qa.findings import SEVERITIES
from normtk.qa.options import COMPARE, DOC_BREAKS
from normtk.qa.render import REPORT_FORMATS

# Every choice is a library constant: the CLI offers what the library accepts.
CheckFormat = Enum("CheckFormat", {name: name for name in REPORT_FORMATS}, type=str)  # type: ignore[misc]
Threshold = Enum("Threshold", {name: name for name in reversed(SEVERITIES)}, type=str)  # type: ignore[misc]
DocBreaks = Enum("DocBreaks", {name: name for name in DOC_BREAKS}, type=str)  # type: ignore[misc]
Compare = Enum("Compare", {name: name for name in COMPARE}, type=str)  # type: ignore[misc]


@app.command()
def check(
    hyp: Annotated[
        list[str],
        typer.Option(
            "--hyp",
            help="Machine translation to check: plain text (one segment a line; repeatable, "
            "one file per system), or one TSV, JSONL or WMT XML file holding source, "
            "references and systems.",
            show_default=False,
        ),
    ],
    ref: Annotated[
        list[str] | None,
        typer.Option("--ref", "-r", help="Reference translation (plain text). Repeatable."),
    ] = None,
    src: Annotated[
        str | None, typer.Option(help="Source text (plain text).", callback=offer)
    ] = None,
    src_lang: Annotated[
        str | None,
        typer.Option(
            help="Language of the source (uk, ru, es ...): its names are found through "
            "inflection (uk, ru) and its numbers read in its conventions. WMT XML gives it.",
            callback=offer,
        ),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="Language of the translation (en, es, de, fr).")
    ] = "en",
    style: Annotated[
        str | None,
        typer.Option(
            help="House style (see `normtk gazetteer styles`). Without one, the forms of "
            "every style of the language are in style."
        ),
    ] = None,
    gazetteer: GazetteerOption = None,
    system: Annotated[
        list[str] | None,
        typer.Option(
            "--system", "-s", help="Check this system of a TSV/JSONL/XML input. Repeatable."
        ),
    ] = None,
    input_format: InputFormatOption = InputFormat.auto,
    errors: ErrorsOption = ErrorsMode.strict,
    compare: Annotated[
        Compare,
        typer.Option(help="Compare with the references and the source (all), or only one."),
    ] = Compare["all"],
    doc_breaks: Annotated[
        DocBreaks,
        typer.Option(
            help="Plain text: segment (each line is a story of its own, so spellings are "
            "not compared across lines), blank (blank lines separate stories) or file (the "
            "file is one story). WMT XML and --doc-ids keep their own documents."
        ),
    ] = DocBreaks["segment"],
    doc_ids: Annotated[
        str | None,
        typer.Option(
            help="File of document ids, one per segment (a WMT docids file): consecutive "
            "segments with one id are one document."
        ),
    ] = None,
    checks: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated checks to run: style, entities, consistency, numbers, "
            "untranslated, brackets (default: all)."
        ),
    ] = None,
    min_severity: Annotated[
        Threshold, typer.Option(help="Show findings of this severity and above.")
    ] = Threshold["info"],
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat["table"],
    fail_on: Annotated[
        Threshold | None,
        typer.Option(help="Exit with status 1 if a finding of this severity or above exists."),
    ] = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Report what an editor must fix: off-style names, missing or added entities,
    changed numbers, untranslated text, unbalanced quotes, inconsistent spellings.

    Each finding names the segment (line, or document:segment for WMT XML), the
    span in the translation, a severity and a suggested fix, followed by a
    summary per system. Without --ref or --src only the translation itself is
    checked (house style, script, brackets, consistency).

    Example: normtk check --hyp story.en --src story.uk --src-lang uk --fail-on error
    """
    from normtk.gazetteer import Gazetteer
    from normtk.io.corpus import read_corpus
    from normtk.qa import Checker, at_least, check_corpus, fails
    from normtk.qa.options import read_doc_ids, sides, source_language
    from normtk.qa.render import render

    if scheduler is not None:
        from normtk.dask import check_address, require

        check_address(scheduler)
        require()
    corpus = read_corpus(
        hyp,
        ref or (),
        src,
        systems=system,
        input_format=input_format.value,
        errors=errors.value,
    )
    source_lang = source_language(
        src_lang, corpus.src_lang, has_src=corpus.src is not None, compare=compare.value
    )
    use_ref, use_src = sides(compare.value)
    if doc_ids is not None:
        corpus.doc_ids = read_doc_ids(doc_ids, len(corpus))
    chosen = [c.strip() for c in checks.split(",") if c.strip()] if checks else None
    checker = Checker(
        Gazetteer.load(gazetteer or ()), lang=lang, style=style, src_lang=source_lang, checks=chosen
    )
    if scheduler is not None:
        from normtk import dask as cluster

        with cluster.connect(scheduler) as client:
            options = cluster.CheckOptions(
                cluster.ship_gazetteer(client, checker.gazetteer),
                checker.lang,
                style,
                checker.src_lang,
                tuple(chosen) if chosen is not None else None,
            )
            findings, summaries = cluster.check_corpus(
                client,
                corpus,
                options,
                use_ref=use_ref,
                use_src=use_src,
                doc_breaks=doc_breaks.value,
            )
    else:
        findings, summaries = check_corpus(
            checker, corpus, use_ref=use_ref, use_src=use_src, doc_breaks=doc_breaks.value
        )
    shown = at_least(findings, min_severity.value)
    paths = dict(zip(corpus.systems, hyp, strict=False)) if len(hyp) > 1 else {}
    paths = {name: paths.get(name, hyp[0]) for name in corpus.systems}
    texts = {name: corpus.system(name) for name in corpus.systems}
    sys.stdout.write(render(shown, summaries, output_format.value, paths=paths, texts=texts))
    if fail_on is not None and fails(findings, fail_on.value):
        raise typer.Exit(1)
