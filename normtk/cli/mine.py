"""``normtk gazetteer mine``: propose spellings that MT output writes for entities."""

from __future__ import annotations

from typing import Annotated

import typer

from normtk.cli._options import (
    ErrorsMode,
    ErrorsOption,
    GazetteerOption,
    InputFormat,
    InputFormatOption,
    offer,
)
from normtk.cli.gazetteer import gazetteer_app


@gazetteer_app.command("mine")
def mine(
    hyp: Annotated[
        list[str],
        typer.Option(
            "--hyp",
            help="System output (plain text, one segment a line; repeatable, one file per "
            "system), or one TSV, JSONL or WMT XML file holding source, references and systems.",
            show_default=False,
        ),
    ],
    ref: Annotated[
        str | None, typer.Option("--ref", "-r", help="Reference translation (plain text).")
    ] = None,
    src: Annotated[
        str | None, typer.Option(help="Source text (plain text).", callback=offer)
    ] = None,
    src_lang: Annotated[
        str | None,
        typer.Option(
            help="Language of the source (uk, ru): its names are found through inflection, "
            "and new entities get their native name from it. WMT XML gives it.",
            callback=offer,
        ),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="Language of hypotheses and reference.")
    ] = "en",
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="Gazetteer patch to write (YAML; '-' is stdout)."),
    ] = "-",
    summary: Annotated[
        str | None,
        typer.Option(help="Also write a TSV summary, one proposal a line ('-' is stdout)."),
    ] = None,
    min_count: Annotated[
        int,
        typer.Option(
            help="Propose only spellings written at least this many times.", callback=offer
        ),
    ] = 1,
    corpus_name: Annotated[
        str | None,
        typer.Option(help="Name of the corpus in the patch's source lines (default: the files)."),
    ] = None,
    system: Annotated[
        list[str] | None,
        typer.Option("--system", "-s", help="Mine this system of a TSV/JSONL/XML input."),
    ] = None,
    gazetteer: GazetteerOption = None,
    input_format: InputFormatOption = InputFormat["auto"],
    errors: ErrorsOption = ErrorsMode.strict,
) -> None:
    """Propose spellings of entities that MT output writes and the gazetteer lacks.

    Where the reference (or the source) names a known entity and a system writes
    an unknown, similar spelling in its place, or the reference writes an unknown
    name that the source confirms and a system spells otherwise, the spelling is
    proposed, with counts, the systems that wrote it and example segments. The
    patch (extend: entries and new entities) is for review: validate it with
    `normtk gazetteer validate FILE`, load it with --gazetteer FILE. Nothing is
    written into the bundled data.

    Example: normtk gazetteer mine --hyp a.en --hyp b.en --ref ref.en --src src.uk
    --src-lang uk -o proposals.yaml --summary proposals.tsv
    """
    from normtk.mining import mine_files

    mine_files(
        hyp,
        ref,
        src,
        src_lang=src_lang,
        lang=lang,
        output=output,
        summary=summary,
        min_count=min_count,
        corpus_name=corpus_name,
        systems=system,
        gazetteer=gazetteer or (),
        input_format=input_format.value,
        errors=errors.value,
    )
