"""``normtk translate``: offline, line-aligned translation with an installed argos package."""

from __future__ import annotations

from typing import Annotated

import typer

from normtk.cli import app
from normtk.cli._options import ErrorsMode, ErrorsOption, GazetteerOption, KeepStyledOption


@app.command()
def translate(
    from_lang: Annotated[str, typer.Option("--from", help="Source language code (es).")],
    to_lang: Annotated[str, typer.Option("--to", help="Target language code (en).")],
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Input files; '-' or none reads stdin.", show_default=False),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Sentences per call to the model.", min=1)] = 32,
    beam_size: Annotated[int, typer.Option(help="Beam width; 1 is greedy and fastest.", min=1)] = 4,
    threads: Annotated[
        int | None,
        typer.Option(help="CPU threads for the model (default: half the cores, 1 to 4).", min=1),
    ] = None,
    normalize: Annotated[
        bool, typer.Option("--normalize", help="Bring entity names in the output to house style.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="Language of the names for --normalize (default: --to)."),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(help="House style for --normalize (see `normtk gazetteer styles`)."),
    ] = None,
    keep_styled: KeepStyledOption = False,
    gazetteer: GazetteerOption = None,
    errors: ErrorsOption = ErrorsMode.strict,
) -> None:
    """Translate copy offline, one output line per input line.

    Blank lines, slug lines (UKRAINE-CRISIS/KREMLIN), datelines (KYIV, March 21
    (Reuters) -) and sign-offs (mos/jgb) pass through as written. A progress
    meter appears on stderr when it is a terminal.

    Example: normtk translate --from es --to en story.es.txt -o story.en.txt --normalize
    """
    from normtk.translate import TranslateJob

    job = TranslateJob(
        from_lang,
        to_lang,
        batch_size=batch_size,
        beam_size=beam_size,
        threads=threads,
        normalize=normalize,
        lang=lang,
        style=style,
        keep_styled=keep_styled,
        gazetteer=gazetteer or (),
    )
    job.run(files or ["-"], output, errors=errors.value)
