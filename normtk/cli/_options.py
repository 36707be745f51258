"""Options that several commands share, declared once so they read the same everywhere."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from normtk.io.formats import INPUT_FORMATS

#: Library parameters the running command offers as flags (``errors`` -> ``--errors``),
#: recorded as the options are parsed; the CLI boundary names the flag in an error's hint.
OFFERED: dict[str, str] = {}


def offer(param: typer.CallbackParam, value: Any) -> Any:
    """Record that this command has the option ``param`` (a typer callback)."""
    if param.name and param.opts:
        OFFERED[param.name] = param.opts[0]
    # typer converts what a callback returns into the enum again: hand back the raw value.
    return value.value if isinstance(value, Enum) else value


GazetteerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--gazetteer",
        "-g",
        help="Extra gazetteer directory or file, on top of the bundled data and "
        "$NORMTK_GAZETTEER_PATH. Repeatable.",
    ),
]


# The choices come from the format registry: a new format needs no change here.
InputFormat = Enum(  # type: ignore[misc]
    "InputFormat", {name.replace("-", "_"): name for name in INPUT_FORMATS}, type=str
)

InputFormatOption = Annotated[
    InputFormat,
    typer.Option(
        help="Input format; auto: by suffix (.tsv, .jsonl, .xml, .xlf/.xliff, .tmx), else text."
    ),
]


class ErrorsMode(Enum):
    """What to do with bytes that are not UTF-8."""

    strict = "strict"
    replace = "replace"


ErrorsOption = Annotated[
    ErrorsMode,
    typer.Option(
        help="strict: stop at invalid UTF-8, naming file, line and byte; replace: read U+FFFD.",
        callback=offer,
    ),
]


class DocBreaks(str, Enum):
    """Where documents end: the library's normtk.normalize.DOC_BREAKS (a test checks)."""

    none = "none"
    blank = "blank"


DocBreaksOption = Annotated[
    DocBreaks,
    typer.Option(
        help="Where documents end (an entity ends in one form in each): none, the whole "
        "input is one; blank, at blank lines (one story each)."
    ),
]

KeepStyledOption = Annotated[
    bool,
    typer.Option(
        help="Leave any form that some house style of the language uses (Zelensky, "
        "Zelenskiy, Zelenskyy), still one form per document. Without it, every entity is "
        "written in the language's default form."
    ),
]

SchedulerOption = Annotated[
    str | None,
    typer.Option(
        help="Run on a Dask cluster (pip install 'normtk[dask]'): local:N starts N worker "
        "processes here; tcp://HOST:PORT uses a running `dask scheduler`. Same output as "
        "without it.",
    ),
]

MetricsOption = Annotated[
    str, typer.Option("--metrics", "-m", help="Comma-separated: bleu, chrf, chrf++, ter.")
]
NamesOption = Annotated[
    str | None,
    typer.Option(help="Comma-separated system names (default: from the file names)."),
]
