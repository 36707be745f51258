"""``normtk normalize``: rewrite entity variants to a house style, line by line."""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from normtk.cli import app
from normtk.cli._options import ErrorsMode, ErrorsOption, GazetteerOption
from normtk.errors import UsageError

if TYPE_CHECKING:
    from normtk.io.files import Errors
    from normtk.normalize import Normalizer

LangOption = Annotated[
    str, typer.Option("--lang", "-l", help="Output language whose forms to write (en, es, de, fr).")
]
StyleOption = Annotated[
    str | None,
    typer.Option(
        help="House style of the language (see `normtk gazetteer styles`). "
        "Without one, forms of every style are left as written."
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
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Rewrite each input file atomically.")
    ] = False,
    changes: Annotated[
        str | None,
        typer.Option(help="Write the change log here, one JSON object per line."),
    ] = None,
    errors: ErrorsOption = ErrorsMode.strict,
) -> None:
    """Rewrite entity variants (Kiev, Lugansk, Dimitro Kuleba) to the house style.

    One output line per input line; nothing outside a reported change is touched.

    Example: normtk normalize --lang en story.txt --changes changes.jsonl
    """
    from normtk.gazetteer import Gazetteer
    from normtk.io.files import open_output
    from normtk.normalize import Normalizer

    inputs = files or ["-"]
    if in_place and (output is not None or "-" in inputs):
        msg = "--in-place rewrites named files; it cannot be combined with -o or stdin"
        raise UsageError(msg)
    if changes == "-":
        msg = "--changes needs a file name; stdout carries the text"
        raise UsageError(msg)
    normalizer = Normalizer(Gazetteer.load(gazetteer or ()), lang=lang, style=style)
    with open_output(changes) if changes else contextlib.nullcontext() as log:
        if in_place:
            for name in inputs:
                with open_output(name) as out:
                    _normalize_file(normalizer, name, errors.value, out, log)
        else:
            with open_output(output) as out:
                for name in inputs:
                    _normalize_file(normalizer, name, errors.value, out, log)


def _normalize_file(
    normalizer: Normalizer, name: str, errors: Errors, out: TextIO, log: TextIO | None
) -> None:
    from normtk.io.files import read_lines
    from normtk.normalize import normalize_stream

    for result in normalize_stream(normalizer, read_lines(name, errors)):
        out.write(result.text)
        if log is not None:
            for change in result.changes:
                log.write(json.dumps({"file": name, **change.to_dict()}, ensure_ascii=False))
                log.write("\n")
