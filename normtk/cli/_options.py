"""Options that several commands share, declared once so they read the same everywhere."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

GazetteerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--gazetteer",
        "-g",
        help="Extra gazetteer directory or file, on top of the bundled data and "
        "$NORMTK_GAZETTEER_PATH. Repeatable.",
    ),
]


class InputFormat(Enum):
    """How to read corpus inputs."""

    auto = "auto"
    text = "text"
    tsv = "tsv"
    jsonl = "jsonl"
    wmt_xml = "wmt-xml"


InputFormatOption = Annotated[
    InputFormat,
    typer.Option(help="Input format; auto: by suffix (.tsv, .jsonl, .xml), else text."),
]
