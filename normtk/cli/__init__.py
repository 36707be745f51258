"""The ``normtk`` command line: a thin shell over the library.

Each command module registers itself on :data:`app`; heavy modules are
imported inside the commands so ``normtk --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from normtk.errors import NormtkError

HELP = "Normalize entity names in machine-translated news, and score and check the copy."

app = typer.Typer(
    name="normtk",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from normtk import __version__

        typer.echo(f"normtk {__version__}")
        raise typer.Exit


@app.callback(help=HELP)
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Normalize entity names in machine-translated news, and score and check the copy."""


# Registration happens on import; these modules import nothing heavy at top level.
from normtk.cli import check as _check  # noqa: E402
from normtk.cli import gazetteer as _gazetteer  # noqa: E402
from normtk.cli import geonames as _geonames  # noqa: E402
from normtk.cli import models as _models  # noqa: E402
from normtk.cli import normalize as _normalize  # noqa: E402
from normtk.cli import pipeline as _pipeline  # noqa: E402
from normtk.cli import score as _score  # noqa: E402
from normtk.cli import translate as _translate  # noqa: E402
from normtk.cli import translit as _translit  # noqa: E402

_COMMANDS = (
    _gazetteer,
    _normalize,
    _models,
    _translate,
    _score,
    _geonames,
    _translit,
    _check,
    _pipeline,
)


def main() -> None:
    """Run the CLI, turning library errors into one-line messages and exit codes."""
    try:
        app()
    except NormtkError as exc:
        sys.stderr.write(f"normtk: error: {message(exc)}\n")
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # The reader went away (`normtk normalize big.txt | head`): not an error.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)


def message(exc: NormtkError) -> str:
    """Return the error's message, with a hint naming the flag that avoids it, if any.

    The library names its parameter (``errors``); the hint appears only when the
    running command offers that parameter as a flag (``--errors``).
    """
    from normtk.cli._options import OFFERED

    text = str(exc)
    flag = OFFERED.get(exc.parameter) if exc.parameter else None
    if flag and exc.remedy:
        text += f"; use {flag} {exc.remedy}"
    return text
