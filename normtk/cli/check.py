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
    KeepStyledOption,
    SchedulerOption,
    offer,
)
from normtk.cli._qa_options import Compare, DocBreaks, Threshold
from normtk.qa.render import REPORT_FORMATS

# Every choice is a library constant: the CLI offers what the library accepts.
CheckFormat = Enum("CheckFormat", {name: name for name in REPORT_FORMATS}, type=str)  # type: ignore[misc]


@app.command()
def check(
    hyp: Annotated[
        list[str],
        typer.Option(
            "--hyp",
            help="Machine translation to check: plain text (one segment a line; repeatable, "
            "one file per system; XLIFF or TMX, source and translation per unit), or one TSV, "
            "JSONL or WMT XML file holding source, references and systems.",
            show_default=False,
        ),
    ],
    ref: Annotated[
        list[str] | None,
        typer.Option(
            "--ref",
            "-r",
            help="Reference translation (plain text, or XLIFF / TMX matched by unit id). "
            "Repeatable.",
        ),
    ] = None,
    src: Annotated[
        str | None, typer.Option(help="Source text (plain text).", callback=offer)
    ] = None,
    src_lang: Annotated[
        str | None,
        typer.Option(
            help="Language of the source (uk, ru, es ...): its names are found through "
            "inflection (uk, ru) and its numbers read in its conventions; picks the TMX "
            "source variant. WMT XML, XLIFF and the config file can give it.",
            callback=offer,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of the translation (en, es, de, fr; picks TMX variants); default: "
            "the config's, else en.",
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(
            help="House style (see `normtk gazetteer styles`; default: the config's). Without "
            "one, each entity's default form in the language is in style (see --keep-styled)."
        ),
    ] = None,
    keep_styled: KeepStyledOption = False,
    gazetteer: GazetteerOption = None,
    system: Annotated[
        list[str] | None,
        typer.Option(
            "--system", "-s", help="Check this system of a TSV/JSONL/XML input. Repeatable."
        ),
    ] = None,
    input_format: InputFormatOption = InputFormat["auto"],
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
            "untranslated, brackets, vocabulary (default: all). Single rules are switched "
            "off in the config file."
        ),
    ] = None,
    min_severity: Annotated[
        Threshold | None,
        typer.Option(
            help="Show findings of this severity and above (default: the config's, else info).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat["table"],
    fail_on: Annotated[
        Threshold | None,
        typer.Option(
            help="Exit with status 1 if a finding of this severity or above exists "
            "(default: the config's)."
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            help="Configuration file (TOML): rules on and off and their severities, accepted "
            "and rejected vocabulary, language and style. Default: the nearest .normtk.toml "
            "in the folder of the first --hyp or above it.",
            show_default=False,
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Use no configuration file, even if one is found.")
    ] = False,
    ignore_file: Annotated[
        str | None,
        typer.Option(
            help="Ignore file of accepted findings (written by --write-ignore): they are not "
            "reported.",
            show_default=False,
        ),
    ] = None,
    write_ignore: Annotated[
        str | None,
        typer.Option(
            help="Record the findings of this run (at --min-severity and above, after those of "
            "--ignore-file) in this ignore file, so that a run with --ignore-file shows only "
            "new ones.",
            show_default=False,
        ),
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
    from normtk.qa.config import CheckConfig, load_config
    from normtk.qa.ignore import IgnoreList, write_ignore_file
    from normtk.qa.options import read_doc_ids, sides, source_language
    from normtk.qa.render import render

    settings = CheckConfig() if no_config else load_config(config, hyp)
    ignore = IgnoreList.read(ignore_file) if ignore_file is not None else None

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
        lang=lang,
        src_lang=src_lang,
    )
    source_lang = source_language(
        src_lang or settings.src_lang,
        corpus.src_lang,
        has_src=corpus.src is not None,
        compare=compare.value,
    )
    use_ref, use_src = sides(compare.value)
    if doc_ids is not None:
        corpus.doc_ids = read_doc_ids(doc_ids, len(corpus))
    chosen = [c.strip() for c in checks.split(",") if c.strip()] if checks else None
    checker = Checker(
        Gazetteer.load(gazetteer or ()),
        lang=lang,
        style=style,
        src_lang=source_lang,
        checks=chosen,
        keep_styled=keep_styled,
        config=settings,
    )
    if scheduler is not None:
        from normtk import dask as cluster

        with cluster.connect(scheduler) as client:
            options = cluster.CheckOptions(
                cluster.ship_gazetteer(client, checker.gazetteer),
                checker.lang,
                checker.style,
                checker.src_lang,
                tuple(chosen) if chosen is not None else None,
                settings,
                keep_styled,
            )
            findings, summaries = cluster.check_corpus(
                client,
                corpus,
                options,
                use_ref=use_ref,
                use_src=use_src,
                doc_breaks=doc_breaks.value,
                ignore=ignore,
            )
    else:
        findings, summaries = check_corpus(
            checker, corpus, use_ref=use_ref, use_src=use_src, doc_breaks=doc_breaks.value,
            ignore=ignore,
        )  # fmt: skip
    shown = at_least(
        findings, min_severity.value if min_severity else settings.min_severity or "info"
    )
    paths = dict(zip(corpus.systems, hyp, strict=False)) if len(hyp) > 1 else {}
    paths = {name: paths.get(name, hyp[0]) for name in corpus.systems}
    texts = {name: corpus.system(name) for name in corpus.systems}
    if write_ignore is not None:
        write_ignore_file(write_ignore, shown, texts, keep=ignore)
    sys.stdout.write(render(shown, summaries, output_format.value, paths=paths, texts=texts))
    threshold = fail_on.value if fail_on is not None else settings.fail_on
    if threshold is not None and fails(findings, threshold):
        raise typer.Exit(1)
