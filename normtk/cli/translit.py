"""``normtk translit``: write Ukrainian, Russian or Belarusian text in Latin script."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from normtk.cli import app
from normtk.cli._options import ErrorsMode, ErrorsOption
from normtk.cli._output import Format, emit_json, emit_table
from normtk.errors import UsageError

if TYPE_CHECKING:
    from normtk.io.files import Errors
    from normtk.translit import Scheme


@app.command()
def translit(
    texts: Annotated[
        list[str] | None,
        typer.Argument(
            help="Texts to transliterate, one output line each; '-' or none reads lines of stdin.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Source language: uk, ru or be (default uk; with --list, only its schemes).",
            show_default=False,
        ),
    ] = None,
    scheme: Annotated[
        str | None,
        typer.Option(
            "--scheme", "-s", help="Scheme to apply (see --list); default: the language's default."
        ),
    ] = None,
    all_schemes: Annotated[
        bool, typer.Option("--all", help="Show the output of every scheme of the language.")
    ] = False,
    list_schemes: Annotated[
        bool, typer.Option("--list", help="List the schemes with their descriptions and exit.")
    ] = False,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format of --all and --list.")
    ] = Format.table,
    errors: ErrorsOption = ErrorsMode.strict,
) -> None:
    """Transliterate names into Latin script (Київ → Kyiv, Харьков → Kharkov).

    Example: normtk translit --lang uk Київ Запоріжжя Знам'янка
    """
    from normtk import translit as tr
    from normtk.languages import language_code

    if list_schemes:
        _list(tr.schemes(lang), output_format)
        return
    if all_schemes and scheme is not None:
        msg = "--all shows every scheme of the language; it cannot be combined with --scheme"
        raise UsageError(msg)
    if scheme is not None:
        chosen = tr.scheme(scheme)
        if lang is not None and chosen.lang != language_code(lang):
            msg = f"scheme {scheme!r} is for language {chosen.lang!r}, not {lang!r}"
            raise UsageError(msg)
        lang = chosen.lang
    lang = lang or "uk"
    name = scheme or tr.default_scheme(lang)
    if not all_schemes:
        apply = tr.scheme(name).translate
        for text in _inputs(texts, errors.value):
            sys.stdout.write(apply(text) + "\n")
        return
    variants = [(text, tr.latin_variants(text, lang)) for text in _inputs(texts, errors.value)]
    if output_format is Format.json:
        emit_json([{"text": text, "variants": outputs} for text, outputs in variants])
        return
    emit_table(
        [
            {"text": text, "scheme": name, "output": output}
            for text, outputs in variants
            for name, output in outputs.items()
        ]
    )


def _inputs(texts: list[str] | None, errors: Errors) -> Iterator[str]:
    """Yield the texts given as arguments, reading stdin line by line for '-' or none."""
    from normtk.io.files import read_lines

    for text in texts or ["-"]:
        if text == "-":
            for line in read_lines("-", errors):
                yield line.rstrip("\r\n")
        else:
            yield text


def _list(schemes: list[Scheme], output_format: Format) -> None:
    rows = [
        {
            "name": s.name,
            "lang": s.lang,
            "default": s.default,
            "description": s.description,
            "source": s.source,
            "samples": len(s.samples),
        }
        for s in schemes
    ]
    if output_format is Format.json:
        emit_json(rows)
    else:
        emit_table(
            [{**row, "default": "yes" if row["default"] else ""} for row in rows],
            ["name", "lang", "default", "samples", "description"],
        )
