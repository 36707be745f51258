"""``normtk normalize``: rewrite entity variants to a house style, line by line."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from normtk.cli import app
from normtk.cli._options import (
    DocBreaks,
    DocBreaksOption,
    ErrorsMode,
    ErrorsOption,
    GazetteerOption,
    KeepStyledOption,
    SchedulerOption,
    offer,
)
from normtk.errors import UsageError
from normtk.io.formats import EDIT_FORMATS

if TYPE_CHECKING:
    from normtk.normalize import DocBreaks as DocBreaksName

EditFormat = Enum("EditFormat", {name: name for name in EDIT_FORMATS}, type=str)  # type: ignore[misc]

LangOption = Annotated[
    str, typer.Option("--lang", "-l", help="Output language whose forms to write (en, es, de, fr).")
]
StyleOption = Annotated[
    str | None,
    typer.Option(
        help="House style of the language (see `normtk gazetteer styles`). "
        "Without one, the language's default form of each entity."
    ),
]


@app.command()
def normalize(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Input files; '-' or none reads stdin.", show_default=False),
    ] = None,
    lang: LangOption = "en",
    style: StyleOption = None,
    gazetteer: GazetteerOption = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    output_dir: Annotated[
        str | None,
        typer.Option(help="Write each input's output into this folder, under the input's name."),
    ] = None,
    in_place: Annotated[
        bool,
        typer.Option("--in-place", help="Rewrite each input file atomically.", callback=offer),
    ] = False,
    changes: Annotated[
        str | None,
        typer.Option(help="Write the change log here, one JSON object per line."),
    ] = None,
    errors: ErrorsOption = ErrorsMode.strict,
    input_format: Annotated[
        EditFormat,
        typer.Option(
            help="text: one line at a time; xliff: XLIFF 1.2 / 2.x, target text only, every "
            "other byte kept; auto: xliff for .xlf/.xliff files, else text.",
            callback=offer,
        ),
    ] = EditFormat["auto"],
    keep_styled: KeepStyledOption = False,
    doc_breaks: DocBreaksOption = DocBreaks.none,
    rewrite_native: Annotated[
        bool,
        typer.Option(
            help="Also rewrite names written in another script than the copy's (Київ in "
            "English copy); never inside quotation marks. Without it they are left as written."
        ),
    ] = False,
    suggest: Annotated[
        str | None,
        typer.Option(
            help="Write the names left as written because they may name more than one entity "
            "(or a person the gazetteer does not know) here, one JSON object per line, and "
            'fuzzy suggestions for unknown names ("kind": "fuzzy": span, candidate entity, '
            "proposed form, score). Changes nothing."
        ),
    ] = None,
    fuzzy_threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Rewrite fuzzy suggestions scoring at least this (0-1; suggestions are listed "
            "from 0.87). Off by default: fuzzy matching only suggests. Each such rewrite is in "
            "the change log with rule fuzzy:SCORE.",
        ),
    ] = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Rewrite entity variants (Kiev, Lugansk, Dimitro Kuleba) to the house style.

    One output line per input line; nothing outside a reported change is touched.
    In XLIFF (1.2, 2.x) only target text is rewritten, never a tag or the source,
    and the change log names the unit.
    Without --style every entity is written in its default form (see
    `normtk gazetteer lookup`), so a story never names one entity two ways.

    Example: normtk normalize --lang en story.txt --changes changes.jsonl
    --suggest names.jsonl

    Example: normtk normalize --lang en story.xlf -o story.en.xlf
    """
    from normtk.gazetteer import Gazetteer
    from normtk.normalize import Normalizer
    from normtk.rewrite import normalize_files

    if scheduler is not None:
        from normtk.dask import check_address, require

        check_address(scheduler)
        require()
    inputs = files or ["-"]
    if in_place and (output is not None or "-" in inputs):
        msg = "--in-place rewrites named files; it cannot be combined with -o or stdin"
        raise UsageError(msg)
    if output_dir is not None and (output is not None or in_place or "-" in inputs):
        msg = "--output-dir writes one file per named input; not with -o, --in-place or stdin"
        raise UsageError(msg)
    if scheduler is not None and (
        suggest is not None
        or fuzzy_threshold is not None
        or input_format.value == "xliff"
        or any(name.lower().endswith((".xlf", ".xliff")) for name in inputs)
    ):
        msg = "--scheduler normalizes plain text without --suggest or --fuzzy-threshold"
        raise UsageError(msg)
    for option, value in (("--changes", changes), ("--suggest", suggest)):
        if value == "-":
            msg = f"{option} needs a file name; stdout carries the text"
            raise UsageError(msg)
    gazetteer_data = Gazetteer.load(gazetteer or ())
    normalizer = Normalizer(
        gazetteer_data,
        lang=lang,
        style=style,
        keep_styled=keep_styled,
        rewrite_native=rewrite_native,
        fuzzy=suggest is not None,
        fuzzy_threshold=fuzzy_threshold,
    )
    breaks: DocBreaksName = "blank" if doc_breaks is DocBreaks.blank else "none"
    if scheduler is not None:
        from normtk import dask as cluster

        with cluster.connect(scheduler) as client:
            options = cluster.NormalizeOptions(
                cluster.ship_gazetteer(client, gazetteer_data),
                normalizer.lang,
                style,
                keep_styled,
                rewrite_native,
                breaks,
                errors.value,
            )
            cluster.normalize_files(
                client,
                inputs,
                options,
                output=output,
                output_dir=output_dir,
                in_place=in_place,
                changes=changes,
                suggest=suggest,
            )
        return
    normalize_files(
        normalizer,
        inputs,
        output=output,
        output_dir=output_dir,
        in_place=in_place,
        changes=changes,
        suggest=suggest,
        errors=errors.value,
        doc_breaks=breaks,
        input_format=input_format.value,
    )
