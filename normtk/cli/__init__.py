"""The ``normtk`` command line: a thin shell over the library.

Each command module registers its command on :data:`app` when imported, and
imports heavy modules only inside the command. The top-level group imports
a command's module only when that command runs (or its own help is asked
for): ``normtk --help`` lists the commands from :data:`COMMANDS` and builds
none of them, and ``normtk normalize`` builds only ``normalize``.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from normtk.errors import NormtkError

HELP = "Normalize entity names in machine-translated news, and score and check the copy."

# name -> (the modules that define it, the first paragraph of its help, which
# `normtk --help` shortens as click would; tests/test_cli.py checks it against
# the command's own help).
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "check": (
        ("check",),
        (
            "Report what an editor must fix: off-style names, missing or added entities, "
            "changed numbers, untranslated text, unbalanced quotes, inconsistent spellings."
        ),
    ),
    "normalize": (
        ("normalize",),
        "Rewrite entity variants (Kiev, Lugansk, Dimitro Kuleba) to the house style.",
    ),
    "pipeline": (
        ("pipeline",),
        "Translate SRC, bring names to house style, score against REF and check; one report.",
    ),
    "report": (
        ("report",),
        (
            "Write one self-contained HTML report: systems ranked with significance, "
            "compare-mt style breakdowns, examples, and the copy with check findings marked "
            "in place."
        ),
    ),
    "score": (
        ("score",),
        "Score MT outputs against references with sacrebleu's BLEU, chrF, chrF++ and TER.",
    ),
    "translate": (("translate",), "Translate copy offline, one output line per input line."),
    "translit": (
        ("translit",),
        "Transliterate names into Latin script (Київ → Kyiv, Харьков → Kharkov).",
    ),
    "gazetteer": (
        ("gazetteer", "geonames", "mine"),
        "Validate gazetteer data, show statistics, look up names and list house styles.",
    ),
    "models": (
        ("models",),
        "List, install and remove offline translation models (argos packages).",
    ),
}


class _LazyGroup(TyperGroup):
    """The top-level group: builds a command only when it is asked for."""

    def list_commands(self, _ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, _ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        for module in COMMANDS[cmd_name][0]:
            importlib.import_module(f"normtk.cli.{module}")
        import typer.main

        short, markup = app.pretty_exceptions_short, app.rich_markup_mode
        for info in app.registered_commands:
            callback = info.callback
            name = info.name or (callback and typer.main.get_command_name(callback.__name__))
            if name == cmd_name:
                return typer.main.get_command_from_info(
                    info, pretty_exceptions_short=short, rich_markup_mode=markup
                )
        for group in app.registered_groups:
            if group.name == cmd_name:
                return typer.main.get_group_from_info(
                    group,
                    pretty_exceptions_short=short,
                    rich_markup_mode=markup,
                    suggest_commands=app.suggest_commands,
                )
        return None

    def format_commands(self, _ctx: Any, formatter: Any) -> None:
        from typer._click.utils import make_default_short_help

        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, make_default_short_help(h, limit)) for name, (_, h) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="normtk",
    help=HELP,
    cls=_LazyGroup,
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
    running command offers that parameter as a flag (``--errors``). Parameters a
    message names (``src_lang``) are written as the command's flags (``--src-lang``).
    """
    from normtk.cli._options import OFFERED

    text = str(exc)
    for name in exc.parameters:
        if name in OFFERED:
            text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", OFFERED[name], text)
    flag = OFFERED.get(exc.parameter) if exc.parameter else None
    if flag and exc.remedy:
        text += f"; use {flag} {exc.remedy}"
    return text
