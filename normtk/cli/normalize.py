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
)
from normtk.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from normtk.io.files import Errors
    from normtk.normalize import DocBreaks as DocBreaksName
    from normtk.normalize import Normalizer
    from normtk.normalize.fuzzy import Suggestion
    from normtk.normalize.normalizer import Change, Unresolved

    Record = Change | Unresolved | Suggestion

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
            "from 0.85). Off by default: fuzzy matching only suggests. Each such rewrite is in "
            "the change log with rule fuzzy:SCORE.",
        ),
    ] = None,
) -> None:
    """Rewrite entity variants (Kiev, Lugansk, Dimitro Kuleba) to the house style.

    One output line per input line; nothing outside a reported change is touched.
    Without --style every entity is written in its default form (see
    `normtk gazetteer lookup`), so a story never names one entity two ways.

    Example: normtk normalize --lang en story.txt --changes changes.jsonl
    --suggest names.jsonl
    """
    from normtk.gazetteer import Gazetteer
    from normtk.io.files import open_output
    from normtk.normalize import Normalizer

    inputs = files or ["-"]
    if in_place and (output is not None or "-" in inputs):
        msg = "--in-place rewrites named files; it cannot be combined with -o or stdin"
        raise UsageError(msg)
    for option, value in (("--changes", changes), ("--suggest", suggest)):
        if value == "-":
            msg = f"{option} needs a file name; stdout carries the text"
            raise UsageError(msg)
    normalizer = Normalizer(
        Gazetteer.load(gazetteer or ()),
        lang=lang,
        style=style,
        keep_styled=keep_styled,
        rewrite_native=rewrite_native,
        fuzzy=suggest is not None,
        fuzzy_threshold=fuzzy_threshold,
    )
    breaks: DocBreaksName = "blank" if doc_breaks is DocBreaks.blank else "none"
    with (
        open_output(changes) if changes else contextlib.nullcontext() as log,
        open_output(suggest) if suggest else contextlib.nullcontext() as unresolved,
    ):
        logs = (log, unresolved)
        if in_place:
            for name in inputs:
                with open_output(name) as out:
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
        suggested: list[Unresolved | Suggestion] = [*result.unresolved, *result.suggestions]
        suggested.sort(key=lambda r: (r.line, r.start))
        written: tuple[tuple[TextIO | None, Sequence[Record]], ...] = (
            (log, result.changes),
            (unresolved, suggested),
        )
        for stream, records in written:
            if stream is not None:
                for record in records:
                    stream.write(json.dumps({"file": name, **record.to_dict()}, ensure_ascii=False))
                    stream.write("\n")
