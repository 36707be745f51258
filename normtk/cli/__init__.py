"""The ``normtk`` command line: a thin shell over the library.

Each command module registers itself on :data:`app`; heavy modules are
imported inside the commands so ``normtk --help`` stays fast.
"""

from __future__ import annotations

import sys

import typer

from normtk.errors import NormtkError

app = typer.Typer(
    name="normtk",
    help="Normalize entity names in machine-translated news, and score and check the copy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

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
        sys.stderr.write(f"normtk: error: {exc}\n")
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # The reader went away (`normtk normalize big.txt | head`): not an error.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
