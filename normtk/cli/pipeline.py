"""``normtk pipeline``: translate, normalize, score and check a story in one go."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from normtk.cli import app
from normtk.cli._options import ErrorsMode, ErrorsOption, GazetteerOption, KeepStyledOption
from normtk.cli._qa_options import Threshold


class ReportFormat(Enum):
    """How to print the report."""

    table = "table"
    json = "json"


@app.command()
def pipeline(
    src: Annotated[str, typer.Option("--src", help="The source copy, one segment a line.")],
    from_lang: Annotated[str, typer.Option("--from", help="Source language code (es).")],
    to_lang: Annotated[str, typer.Option("--to", help="Target language code (en).")],
    ref: Annotated[
        str | None,
        typer.Option("--ref", help="A reference translation, line-aligned with --src, to score."),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the translated copy here.")
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(help="House style of the target language (see `normtk gazetteer styles`)."),
    ] = None,
    keep_styled: KeepStyledOption = False,
    gazetteer: GazetteerOption = None,
    errors: ErrorsOption = ErrorsMode.strict,
    batch_size: Annotated[int, typer.Option(help="Sentences per call to the model.", min=1)] = 32,
    beam_size: Annotated[int, typer.Option(help="Beam width; 1 is greedy.", min=1)] = 4,
    threads: Annotated[
        int | None,
        typer.Option(help="CPU threads for the model (default: half the cores, 1 to 4).", min=1),
    ] = None,
    report_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.table,
    fail_on: Annotated[
        Threshold | None,
        typer.Option(
            help="Exit 1 if any finding has this severity or a higher one (default: the config's)."
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            help="Check configuration file (TOML, as for `normtk check`). Default: the nearest "
            ".normtk.toml in the folder of --src or above it.",
            show_default=False,
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Use no configuration file, even if one is found.")
    ] = False,
) -> None:
    """Translate SRC, bring names to house style, score against REF and check; one report.

    The check compares the output with the reference (if given) and the source.
    The report goes to stdout; the translated copy to -o.

    Example: normtk pipeline --src story.es.txt --from es --to en --ref story.en.txt -o out.en.txt
    """
    from normtk.pipeline import Pipeline
    from normtk.qa.config import CheckConfig, load_config
    from normtk.qa.findings import fails

    settings = CheckConfig() if no_config else load_config(config, [src])
    report = Pipeline(
        from_lang,
        to_lang,
        style=style,
        keep_styled=keep_styled,
        gazetteer=gazetteer or (),
        batch_size=batch_size,
        beam_size=beam_size,
        threads=threads,
        config=settings,
    ).run(src, ref, output, errors=errors.value)
    typer.echo(report.render(report_format.value), nl=False)
    threshold = fail_on.value if fail_on is not None else settings.fail_on
    if threshold is not None and fails(report.findings, threshold):
        raise typer.Exit(1)
