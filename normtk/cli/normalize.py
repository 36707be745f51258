"""``normtk normalize``: rewrite entity variants to a house style, line by line."""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Annotated, TextIO

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
)
from normtk.errors import UsageError

if TYPE_CHECKING:
    from normtk.io.files import Errors
    from normtk.normalize import DocBreaks as DocBreaksName
    from normtk.normalize import Normalizer

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
        bool, typer.Option("--in-place", help="Rewrite each input file atomically.")
    ] = False,
    changes: Annotated[
        str | None,
        typer.Option(help="Write the change log here, one JSON object per line."),
    ] = None,
    errors: ErrorsOption = ErrorsMode.strict,
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
            "(or a person the gazetteer does not know) here, one JSON object per line."
        ),
    ] = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Rewrite entity variants (Kiev, Lugansk, Dimitro Kuleba) to the house style.

    One output line per input line; nothing outside a reported change is touched.
    Without --style every entity is written in its default form (see
    `normtk gazetteer lookup`), so a story never names one entity two ways.

    Example: normtk normalize --lang en story.txt --changes changes.jsonl
    """
    from normtk.gazetteer import Gazetteer
    from normtk.io.files import open_output
    from normtk.normalize import Normalizer

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
    targets = None
    if output_dir is not None:
        from normtk.dask import output_paths

        targets = output_paths(inputs, output_dir)
    with (
        open_output(changes) if changes else contextlib.nullcontext() as log,
        open_output(suggest) if suggest else contextlib.nullcontext() as unresolved,
    ):
        logs = (log, unresolved)
        if in_place or targets is not None:
            for name, target in zip(inputs, targets or inputs, strict=True):
                with open_output(target) as out:
                    _normalize_file(normalizer, name, errors.value, breaks, out, logs)
        else:
            with open_output(output) as out:
                for name in inputs:
                    _normalize_file(normalizer, name, errors.value, breaks, out, logs)


def _normalize_file(
    normalizer: Normalizer,
    name: str,
    errors: Errors,
    doc_breaks: DocBreaksName,
    out: TextIO,
    logs: tuple[TextIO | None, TextIO | None],
) -> None:
    from normtk.io.files import read_lines
    from normtk.normalize import normalize_stream

    log, unresolved = logs
    for result in normalize_stream(normalizer, read_lines(name, errors), doc_breaks=doc_breaks):
        out.write(result.text)
        for stream, records in ((log, result.changes), (unresolved, result.unresolved)):
            if stream is not None:
                for record in records:
                    stream.write(json.dumps({"file": name, **record.to_dict()}, ensure_ascii=False))
                    stream.write("\n")
