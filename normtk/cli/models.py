"""``normtk models``: list, install and remove argos translation packages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from normtk.cli import app
from normtk.cli._output import Format, emit_json, emit_table
from normtk.errors import UsageError

models_app = typer.Typer(
    help="List, install and remove offline translation models (argos packages).",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")


@models_app.command("list")
def list_models(
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.table,
) -> None:
    """List the installed packages and the folder they are installed in.

    The folder follows argostranslate's settings: $ARGOS_PACKAGES_DIR, else
    ~/.local/share/argos-translate/packages.
    """
    from normtk.translate import packages

    rows = [p.to_dict() for p in packages.installed()]
    if output_format is Format.json:
        emit_json({"folder": str(packages.package_dir()), "packages": rows})
        return
    if rows:
        emit_table(rows, ["name", "from", "to", "version", "path"])
    typer.echo(f"{len(rows)} package(s) in {packages.package_dir()}", err=True)


@models_app.command()
def install(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A package file (.argosmodel) to check and install.", show_default=False
        ),
    ] = None,
    from_lang: Annotated[
        str | None, typer.Option("--from", help="Source language code, to fetch from the index.")
    ] = None,
    to_lang: Annotated[
        str | None, typer.Option("--to", help="Target language code, to fetch from the index.")
    ] = None,
) -> None:
    """Install a package from a file, or (online) from the argos package index.

    A file is checked before anything is written: one top folder holding
    metadata.json, model/ and sentencepiece.model; no absolute paths, no '..',
    no links.

    Examples: normtk models install translate-es_en-1_0.argosmodel;
    normtk models install --from es --to en
    """
    from normtk.translate import packages

    if path is not None and (from_lang or to_lang):
        msg = "give either a package file or --from and --to, not both"
        raise UsageError(msg)
    if path is not None:
        package = packages.install_file(path)
    elif from_lang and to_lang:
        package = packages.install_from_index(from_lang, to_lang)
    else:
        msg = "give a package file, or --from and --to to fetch one from the argos index"
        raise UsageError(msg)
    typer.echo(
        f"installed {package.name} ({package.from_code} → {package.to_code}) in {package.path}"
    )


@models_app.command()
def remove(
    name: Annotated[
        str, typer.Argument(help="Package name (see `normtk models list`) or FROM-TO.")
    ],
) -> None:
    """Remove an installed package."""
    from normtk.translate import packages

    package = packages.remove(name)
    typer.echo(f"removed {package.name} ({package.from_code} → {package.to_code})")
